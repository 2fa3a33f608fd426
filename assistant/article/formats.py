"""Article files: plain text, Markdown or HTML, reduced to the text a reader is shown.

Citations are offsets into that text, so for a Markdown or HTML file they point into
its readable text, never into markup:

    >>> text_from_markdown("# A title\\n\\nSome *emphasis* and a [link](http://x).\\n")
    'A title\\n\\nSome emphasis and a link.\\n'
    >>> looks_like_html("<!DOCTYPE html><html><p>Hi</p></html>"), looks_like_html("Plain.")
    (True, False)

HTML goes through trafilatura, which keeps the main text and drops navigation,
footers and scripts.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import ArticleError

MAX_FILE_BYTES = 2_000_000  # a long feature is ~100 KB of HTML; this is twenty of those
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
MARKDOWN_SUFFIXES = (".md", ".markdown")
BOM = "\ufeff"


def looks_like_html(text: str) -> bool:
    """True for a document that starts like an HTML page."""
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html"))


def text_from_markdown(markdown: str) -> str:
    """The readable text of Markdown: one paragraph per block, inline markup dropped."""
    from markdown_it import MarkdownIt

    blocks = []
    for token in MarkdownIt("commonmark").parse(markdown):
        if token.type == "inline":
            parts = []
            for child in token.children or []:
                if child.type in ("text", "code_inline"):
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append(" ")
            blocks.append("".join(parts).strip())
        elif token.type in ("fence", "code_block"):
            blocks.append(token.content.strip())
    return "\n\n".join(b for b in blocks if b) + "\n"


def text_from_html(html: str) -> str:
    """The main text of an HTML page, one paragraph per line block."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True)
    if not text or not text.strip():
        raise ArticleError("The HTML page has no article text that could be extracted.")
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip()) + "\n"


def read_capped(path: Path, max_bytes: int) -> bytes:
    """The bytes of the regular file at ``path``, at most ``max_bytes`` of them; anything
    else (a folder, a FIFO, a device such as /dev/zero, a larger file) is refused at once.
    The size is counted as the file is read, not taken from what the file system says.

    >>> read_capped(Path("/dev/zero"), 10)
    Traceback (most recent call last):
    assistant.errors.ArticleError: The article /dev/zero is not a regular file: give a text, \
Markdown or HTML file.
    """
    path = Path(path)
    try:  # non-blocking: opening a FIFO with no writer would wait forever
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise ArticleError(f"Cannot read the article at {path}: {exc.strerror}.") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise ArticleError(
            f"The article {path} is not a regular file: give a text, Markdown or HTML file."
        )
    with os.fdopen(fd, "rb") as f:
        try:
            data = f.read(max_bytes + 1)
        except OSError as exc:
            raise ArticleError(f"Cannot read the article at {path}: {exc.strerror}.") from None
    if len(data) > max_bytes:
        raise ArticleError(
            f"The article {path} is larger than {max_bytes:,} bytes: give a shorter file."
        )
    return data


def decode_text(data: bytes, where: str = "The article") -> str:
    """UTF-8 text, without the byte-order mark some editors put first.

    >>> decode_text("\ufeffXi went.".encode("utf-8"))
    'Xi went.'
    """
    try:
        return data.decode("utf-8").removeprefix(BOM)
    except UnicodeDecodeError:
        raise ArticleError(f"{where} is not UTF-8 text.") from None


def read_article_text(path: Path, max_bytes: int = MAX_FILE_BYTES) -> str:
    """The shown text of the article file at ``path`` (txt, Markdown or HTML by suffix)."""
    path = Path(path)
    text = decode_text(read_capped(path, max_bytes), f"Cannot read the article at {path}: it")
    return text_of(text, path.suffix.lower())


def text_of(text: str, suffix: str = "") -> str:
    """Reduce a document to its readable text, by file suffix (or by its look); a leading
    byte-order mark is not text (it would become a space in a quote)."""
    text = text.removeprefix(BOM)
    if suffix in HTML_SUFFIXES or (suffix not in MARKDOWN_SUFFIXES and looks_like_html(text)):
        return text_from_html(text)
    if suffix in MARKDOWN_SUFFIXES:
        return text_from_markdown(text)
    return text
