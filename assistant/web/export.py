"""What "Copy answer", "Copy conversation" and "Download" give: Markdown, never HTML.

An answer keeps its ``[n]`` markers, with its sources listed under it:

    >>> from assistant.article.article import parse_article
    >>> from assistant.web.state import Exchange
    >>> art = parse_article("Intro.\\n\\nThe summit is in Samarkand.")
    >>> ex = Exchange("**Where?** <now>", "In Samarkand. [1]",
    ...               (Citation(1, "The summit is in Samarkand.", 8, 35),))
    >>> print(answer_markdown(ex, art))
    In Samarkand. [1]
    <BLANKLINE>
    [1] ¶ 2: The summit is in Samarkand.

The conversation numbers its footnotes across answers (``[^1]``, ``[^2]``, …) and gives
the reader's questions back exactly as typed:

    >>> print(conversation_markdown([ex, ex], art, "The article"))
    # Conversation about the article
    <BLANKLINE>
    Article: The article
    <BLANKLINE>
    **You:** **Where?** <now>
    <BLANKLINE>
    **Assistant:** In Samarkand. [^1]
    <BLANKLINE>
    [^1]: ¶ 2: The summit is in Samarkand.
    <BLANKLINE>
    **You:** **Where?** <now>
    <BLANKLINE>
    **Assistant:** In Samarkand. [^2]
    <BLANKLINE>
    [^2]: ¶ 2: The summit is in Samarkand.
    <BLANKLINE>
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..article.article import Article
from ..core.citations import MARKER
from ..core.result import Citation

if TYPE_CHECKING:
    from .state import Exchange


def _source(c: Citation, article: Article) -> str:
    """``¶ 2: the quote`` (the paragraph, where the span lies inside one)."""
    para = article.paragraph_of(c.start, c.end)
    return f"¶ {para.paragraph + 1}: {c.text}" if para else c.text


def _tail(ex: Exchange) -> str:
    tail = " (stopped)" if ex.stopped else ""
    return tail + (f"\n\n_{ex.notice}_" if ex.notice else "")


def answer_markdown(ex: Exchange, article: Article) -> str:
    """One answer with ``[n]`` markers, then ``[n] ¶ p: quote`` for each source."""
    lines = [ex.answer + _tail(ex)]
    if ex.citations:
        lines.append("\n".join(f"[{c.id}] {_source(c, article)}" for c in ex.citations))
    return "\n\n".join(lines)


def conversation_markdown(exchanges: Sequence[Exchange], article: Article, title: str) -> str:
    """The whole conversation as a Markdown document with numbered footnotes."""
    out = ["# Conversation about the article", "", f"Article: {title}", ""]
    offset = 0
    for ex in exchanges:
        numbers = {c.id: offset + i for i, c in enumerate(ex.citations, 1)}

        def footnote(m: re.Match, numbers: dict[int, int] = numbers) -> str:
            n = numbers.get(int(m.group(1)))
            return f"[^{n}]" if n else m.group(0)

        out += [f"**You:** {ex.question}", "", f"**Assistant:** {MARKER.sub(footnote, ex.answer)}"]
        out[-1] += _tail(ex)
        out.append("")
        for c in ex.citations:
            out.append(f"[^{numbers[c.id]}]: {_source(c, article)}")
        if ex.citations:
            out.append("")
        offset += len(ex.citations)
    return "\n".join(out)
