"""Files that ship inside the package or beside it: one place that knows their paths.

>>> shipped_article_path().name
'article.txt'
>>> (nltk_data_dir() / "corpora" / "stopwords" / "english").is_file()
True
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Mapping
from importlib import resources
from pathlib import Path


def data_path(name: str) -> Path:
    """A file of ``assistant/data``."""
    return Path(str(resources.files("assistant") / "data" / name))


def shipped_article_path() -> Path:
    """The copy of the article that ships inside the package."""
    return data_path("article.txt")


def static_text(name: str) -> str:
    """A file of ``assistant/web/static`` (the web page's CSS and JavaScript)."""
    return (resources.files("assistant") / "web" / "static" / name).read_text(encoding="utf-8")


def nltk_data_dir() -> Path:
    """The NLTK data (Punkt, stopwords) that the llama-index-core wheel ships."""
    spec = importlib.util.find_spec("llama_index.core")
    return Path(spec.origin).parent / "_static" / "nltk_cache"


def default_index_dir(env: Mapping[str, str] | None = None) -> Path:
    """Where the shipped article's index lives: ``index/`` beside the package when it runs
    from a checkout (the committed index), else the user's cache folder
    (``$XDG_CACHE_HOME/article-assistant/index``), where it is built on first use."""
    checkout = Path(__file__).resolve().parent.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "assistant").is_dir():
        return checkout / "index"
    env = os.environ if env is None else env
    cache = Path(env.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "article-assistant" / "index"
