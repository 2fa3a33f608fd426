"""The page's HTML: questions, answers with their citations, and the article.

Everything from a reader, an answerer or an article is escaped here; the chat shows
this HTML as it is (no Markdown pass), so a model's ``Title\\n===`` stays text and a
bare URL never becomes a live link:

    >>> escape("<b>Bali</b> http://x.example\\n===")
    '&lt;b&gt;Bali&lt;/b&gt; http://x.example<br>==='

An answer's ``[n]`` markers become buttons that carry the cited span's offsets
(``data-start``/``data-end``), its paragraph and its quote, for the page's script:

    >>> from assistant.article.article import parse_article
    >>> from assistant.web.state import Exchange
    >>> art = parse_article("Intro.\\n\\nThe summit is in Samarkand.")
    >>> cite = Citation(1, "The summit is in Samarkand.", 8, 35)
    >>> ex = Exchange("Where?", "In Samarkand. [1]", (cite,))
    >>> html_ = render_answer(ex, art)
    >>> 'data-start="8" data-end="35"' in html_, "Copy answer" in html_
    (True, True)
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ..article.article import Article, Span
from ..core.citations import MARKER
from ..core.result import Citation
from .export import answer_markdown
from .state import Exchange
from .tools import answer_tools, question_tools

# A photo credit glued to the caption's last sentence: "… in Beijing.Alexei Druzhinin/The AP"
_CREDIT = re.compile(r"(?<=[a-z)][.!?])[A-Z][^.!?/\n]{1,60}/[^/\n]{2,60}$")


def escape(text: str) -> str:
    """Text shown as written: HTML-escaped, blank lines as paragraphs, newlines as breaks."""
    paras = [html.escape(p.strip("\n"), quote=True) for p in re.split(r"\n\s*\n", text)]
    paras = [p.replace("\n", "<br>") for p in paras if p]
    return paras[0] if len(paras) == 1 else "".join(f"<p>{p}</p>" for p in paras)


def _attr(text: str) -> str:
    return html.escape(text, quote=True)


def render_question(question: str, index: int | None = None) -> str:
    """A reader's question, exactly as typed (and "Edit", once it is in the conversation)."""
    tools = question_tools(question, index) if index is not None else ""
    return f'<div class="said">{escape(question)}</div>{tools}'


def cite_button(c: Citation, article: Article, label: str, extra: str = "") -> str:
    """A citation control: activating it shows the span in the article."""
    para = article.paragraph_of(c.start, c.end)
    where = f"paragraph {para.paragraph + 1}" if para else "the article"
    return (
        f'<button type="button" class="cite{extra}" data-cid="{c.id}" data-start="{c.start}" '
        f'data-end="{c.end}" data-para="{para.paragraph + 1 if para else ""}" '
        f'data-quote="{_attr(c.text)}" aria-label="{label}: source {c.id}, {where}">'
        f"{label}</button>"
    )


def render_answer(
    ex: Exchange, article: Article, index: int | None = None, last: bool = False
) -> str:
    """The answer with its [n] controls, a notice if any, its sources once, and its tools
    (:mod:`assistant.web.tools`; those that act on the conversation need ``index``)."""
    cited = {c.id: c for c in ex.citations}

    def marker(m: re.Match) -> str:
        c = cited.get(int(m.group(1)))
        return cite_button(c, article, f"[{c.id}]") if c else m.group(0)

    body = MARKER.sub(marker, escape(ex.answer)) if ex.answer else ""
    if ex.stopped:
        body += ' <span class="stopped">(stopped)</span>'
    parts = [f'<div class="answer-text">{body}</div>']
    if ex.notice:
        parts.append(f'<p class="notice" role="note">{html.escape(ex.notice)}</p>')
    if ex.citations:
        parts.append(_sources(ex, article))
    parts.append(answer_tools(ex, index, answer_markdown(ex, article), last))
    return f'<div class="answer">{"".join(parts)}</div>'


def _sources(ex: Exchange, article: Article) -> str:
    """One compact line of sources; quotes the answer does not already show, collapsed."""
    chips = []
    for c in ex.citations:
        para = article.paragraph_of(c.start, c.end)
        place = f" ¶ {para.paragraph + 1}" if para else ""
        chips.append(cite_button(c, article, f"[{c.id}]{place}", " source"))
    out = (
        f'<div class="sources"><span class="sources-label">Sources:</span> {" ".join(chips)}</div>'
    )
    unquoted = [c for c in ex.citations if c.text not in ex.answer]
    if unquoted:
        quotes = "".join(
            f'<blockquote class="quote"><b>[{c.id}]</b> {html.escape(c.text)}</blockquote>'
            for c in unquoted
        )
        out += f'<details class="quotes"><summary>Quoted passages</summary>{quotes}</details>'
    return out


def render_pending(written: str) -> str:
    """An answer being written (or, before the first words, a short wait notice)."""
    if not written.strip():
        return (
            '<div class="answer pending"><span class="waiting">Looking in the article…</span></div>'
        )
    return f'<div class="answer pending">{escape(written)}<span class="cursor">▌</span></div>'


def messages(exchanges: list[Exchange], article: Article, last: bool = True) -> list[dict]:
    """The chat's messages: each exchange is a question and an answer, in order.
    ``last``: the last answer is the conversation's last (retry, questions offered);
    False while a newer question is being answered."""
    out: list[dict] = []
    for i, ex in enumerate(exchanges):
        out.append({"role": "user", "content": render_question(ex.question, i)})
        at_end = last and i == len(exchanges) - 1
        out.append({"role": "assistant", "content": render_answer(ex, article, i, at_end)})
    return out


def caption_credit(text: str) -> int | None:
    """Where a photo caption's glued-on credit starts, if ``text`` is such a caption.

    >>> t = "In this file photo, the two presidents meet in Beijing.Alexei Druzhinin/The AP"
    >>> t[caption_credit(t):]
    'Alexei Druzhinin/The AP'
    """
    if "photo" not in text[:120].lower():
        return None
    m = _CREDIT.search(text)
    return m.start() if m else None


def _run(start: int, end: int, text: str, cls: str = "run") -> str:
    return f'<span class="{cls}" data-start="{start}" data-end="{end}">{html.escape(text)}</span>'


def _paragraph(p: Span) -> str:
    credit = caption_credit(p.text)
    num = f'<span class="pnum" aria-hidden="true">¶ {p.paragraph + 1}</span>'
    attrs = f'data-paragraph="{p.paragraph + 1}" data-start="{p.start}" data-end="{p.end}"'
    if credit is None:
        return f'<p class="para" {attrs}>{num}{_run(p.start, p.end, p.text)}</p>'
    cut = p.start + credit
    runs = _run(p.start, cut, p.text[:credit]) + _run(cut, p.end, p.text[credit:], "run credit")
    return f'<p class="para caption" {attrs}>{num}{runs}</p>'


@dataclass(frozen=True)
class ArticleInfo:
    """What the article's header says: only what its capture has (never an invented headline)."""

    headline: str = ""
    outlet: str = ""
    date: str = ""
    topic: str = ""
    note: str = ""  # e.g. "The captured page has no headline." or "Uploaded: notes.md"


def render_header(info: ArticleInfo) -> str:
    """The article's heading (its headline, or "The article"), then outlet, date and topic.

    >>> print(render_header(ArticleInfo(outlet="The Globe and Mail", date="2022")))
    <header class="article-head"><h2 id="article-heading">The article</h2><p
    class="article-meta">The Globe and Mail · 2022</p></header>
    """
    parts = [f'<h2 id="article-heading">{html.escape(info.headline or "The article")}</h2>']
    meta = " · ".join(html.escape(x) for x in (info.outlet, info.date) if x)
    if meta:
        parts.append(f'<p class="article-meta">{meta}</p>')
    if info.topic:
        parts.append(f'<p class="article-topic"><b>Topic:</b> {html.escape(info.topic)}</p>')
    if info.note:
        parts.append(f'<p class="article-note">{html.escape(info.note)}</p>')
    return f'<header class="article-head">{"".join(parts)}</header>'


def render_article(article: Article, info: ArticleInfo) -> str:
    """The article: its header, then a labelled, focusable region of paragraphs whose text
    runs carry their offsets, and the live region that announces a shown citation.

    >>> from assistant.article.article import parse_article
    >>> page = render_article(parse_article("Skip to content\\n\\nA <b> tag."), ArticleInfo())
    >>> 'data-start="17" data-end="27"' in page, "A &lt;b&gt; tag." in page
    (True, True)
    """
    paras = "".join(_paragraph(p) for p in article.paragraphs)
    return (
        f'<div class="article-pane">{render_header(info)}'
        f'<section id="article-text" tabindex="0" aria-labelledby="article-heading">{paras}'
        f'</section><div id="cite-live" class="sr-only" aria-live="polite"></div></div>'
    )
