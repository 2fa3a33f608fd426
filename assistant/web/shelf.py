"""The assistants a page talks to: the configured one, which may still be loading while the
page is already served, and readers' own (a pasted or uploaded article, indexed in
memory for that reader's session only: nothing is written to disk).

Own articles take memory and a core each while they are indexed, so only so many are
indexed and kept at once (:mod:`assistant.web.owned`); past that a reader is told the server
is busy instead of waiting:

    >>> from assistant.article.article import load_article
    >>> shelf = Shelf(load_article(), ArticleInfo())
    >>> shelf.ready.is_set(), shelf.assistant is None
    (False, True)
    >>> slots = [shelf.slots.take() for _ in range(shelf.slots.size)]
    >>> shelf.slots.take()
    Traceback (most recent call last):
    assistant.web.owned.Busy: The server is busy with other readers' articles: try again ...
    >>> slots[0].release(); slots[0].release()  # once is enough
    >>> shelf.slots.take().taken
    True
"""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path

from ..article.article import Article, load_article, parse_article
from ..article.formats import read_capped
from ..config import Config
from ..core.assistant import Assistant
from ..errors import ArticleError, AssistantError
from ..resources import shipped_article_path
from ..wiring import build_assistant, index_in_memory, load_models, open_article
from .limits import MAX_UPLOAD_BYTES, article_text
from .owned import BUSY, Busy, Slot, Slots
from .render import ArticleInfo

log = logging.getLogger(__name__)

UPLOAD_TYPES = (".txt", ".md", ".markdown", ".html", ".htm")
NOT_STARTED = "The assistant could not start. The article can still be read."


class Shelf:
    """The configured assistant (``assistant``, once ``ready``) and what readers' own need."""

    def __init__(
        self, article: Article, info: ArticleInfo, assistant: Assistant | None = None
    ) -> None:
        self.article, self.info, self.assistant = article, info, assistant
        self.models, self.config = None, None  # set when loaded from a Config
        self.digest = None  # the configured article read by the offline reader, once loaded
        self.error: str | None = None
        self.ready = threading.Event()
        self.visited = threading.Event()  # a reader's page has loaded
        self.slots = Slots()  # for readers' own articles
        if assistant is not None:
            self.ready.set()

    @classmethod
    def of(cls, assistant: Assistant, info: ArticleInfo | None = None) -> Shelf:
        """An assistant that is already loaded (readers' own articles are not offered)."""
        return cls(assistant.article, info or ArticleInfo(), assistant)

    @classmethod
    def loading(cls, config: Config) -> Shelf:
        """The configured article, read now; call :meth:`start` to load the rest."""
        shelf = cls(load_article(config.article), article_info(config.article))
        shelf.config = config
        return shelf

    def start(self, grace: float = 0.0) -> threading.Thread:
        """Load models, index and answerer in a background thread, after the first page
        has loaded or ``grace`` seconds, whichever is first: loading holds the interpreter
        for seconds, and the first page should not wait for it."""
        thread = threading.Thread(
            target=self._load, args=(grace,), name="load-assistant", daemon=True
        )
        thread.start()
        return thread

    def _load(self, grace: float) -> None:
        self.visited.wait(grace)
        try:
            self.models = load_models(self.config)
            indexed = open_article(self.models, self.config, article=self.article)
            self.assistant = build_assistant(self.models, indexed, self.config)
            self.digest = indexed.digest
        except AssistantError as exc:
            log.error("The assistant could not start: %s", exc)
            self.error = NOT_STARTED
        except Exception:  # a bug: the trace goes to the log, a sentence to the page
            log.exception("The assistant could not start")
            self.error = NOT_STARTED
        finally:
            self.ready.set()

    def get(self, timeout: float | None = None) -> Assistant:
        """The configured assistant, waiting up to ``timeout`` seconds for it to load."""
        if not self.ready.wait(timeout):
            raise AssistantError("The assistant is still loading: try again in a moment.")
        if self.assistant is None:
            raise AssistantError(self.error or NOT_STARTED)
        return self.assistant

    @property
    def own_articles(self) -> bool:
        """Whether readers may bring their own article (it needs the loaded models)."""
        return self.config is not None

    def own(
        self, text: str, suffix: str = "", extracted: bool = False
    ) -> tuple[Assistant, Slot, object]:
        """An assistant over a reader's article (text, Markdown or HTML, as pasted or read
        from a file; ``extracted``: its text already, as the browser keeps it), built in
        memory, the place it takes and its digest (what the offline reader made of it);
        :class:`Busy` when there is no place or too many are being indexed."""
        if self.config is None:
            raise AssistantError("This server does not take other articles.")
        self.get()
        text = article_text(text, suffix, extracted)  # the limits, before anything is taken
        slot = self.slots.take()
        if not self.slots.building.acquire(blocking=False):
            slot.release()
            raise Busy(BUSY)
        try:
            article = parse_article(text)
            indexed = index_in_memory(self.models, article)
            return build_assistant(self.models, indexed, self.config), slot, indexed.digest
        except BaseException:
            slot.release()
            raise
        finally:
            self.slots.building.release()


def read_upload(path: str | Path) -> str:
    """The text of an uploaded file (``.txt``, ``.md`` or ``.html``, reduced to what a
    reader is shown): at most
    :data:`~assistant.web.limits.MAX_UPLOAD_BYTES`, read from a regular file only; errors
    name the problem, never the server's temporary path."""
    path = Path(path)
    if path.suffix.lower() not in UPLOAD_TYPES:
        raise ArticleError("Upload a .txt, .md or .html file.")
    try:
        raw = read_capped(path, MAX_UPLOAD_BYTES)
    except ArticleError as exc:
        if "larger than" in str(exc):
            raise ArticleError(f"The file is larger than {MAX_UPLOAD_BYTES // 1000} KB.") from None
        raise ArticleError("The uploaded file could not be read: try again.") from None
    return article_text(raw, path.suffix.lower())


def article_info(path: Path | None) -> ArticleInfo:
    """The header of an article file: from ``NAME.meta.json`` beside it, if there is one
    (the shipped article has), else just the file name."""
    path = Path(path) if path else shipped_article_path()
    meta = path.with_suffix(".meta.json")
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ArticleInfo(note=f"From the file {path.name}")
    fields = ArticleInfo.__dataclass_fields__
    return ArticleInfo(**{k: str(v) for k, v in data.items() if k in fields})
