"""Evaluation datasets: one labelled question per JSONL line, checked line by line.

Unknown keys and wrong types are errors (a typo such as ``mustinclude`` would
otherwise make a check pass silently); ``support`` quotes must occur in the article
the item is about. A bad line is reported with its number; the rest are kept.

    >>> Item.model_validate({"id": "x", "question": "Where?", "answerable": False}).kind
    ''
"""

from __future__ import annotations

from pathlib import Path

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from ..article.article import load_article
from ..errors import AssistantError, DatasetError
from ..jsonl import BadLine, read_jsonl


class Turn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    role: str = Field(pattern="^(user|assistant)$")
    content: str


class Item(BaseModel):
    """One labelled question; ``support`` must quote its article exactly."""

    model_config = ConfigDict(extra="forbid", strict=True)
    id: str = Field(min_length=1)
    question: str = Field(min_length=1)
    history: list[Turn] = []
    answerable: bool
    reference_answer: str = ""
    must_include: list[list[str]] = []
    support: list[str] = []
    kind: str = ""  # free label for per-kind breakdowns, e.g. "factoid-place"
    article: str = ""  # the article file, relative to the dataset; "" for the default one

    @field_validator("must_include")
    @classmethod
    def _groups(cls, groups: list[list[str]]) -> list[list[str]]:
        if any(not g or not all(s.strip() for s in g) for g in groups):
            raise ValueError("every group needs at least one non-empty string")
        return groups

    @field_validator("support")
    @classmethod
    def _quotes(cls, quotes: list[str], info: ValidationInfo) -> list[str]:
        text = (info.context or {}).get("article_text")
        for i, quote in enumerate(quotes):
            if not quote or (text is not None and quote not in text):
                raise ValueError(f"support[{i}] is not found in the article: {quote[:60]!r}")
        return quotes

    @model_validator(mode="after")
    def _supported(self) -> Item:
        if self.answerable and not self.support:
            raise ValueError("an answerable item needs at least one support quote")
        return self


def _explain(error: dict) -> str:
    """``support: support[0] is not found ...`` from one pydantic error."""
    msg = error["msg"].replace("Value error, ", "")
    return f"{'.'.join(map(str, error['loc']))}: {msg}" if error["loc"] else msg


class Articles:
    """Article texts by the name a dataset gives them, each read once."""

    def __init__(self, dataset: Path, default_text: str | None) -> None:
        self.folder, self.texts = dataset.parent, {"": default_text}

    def path(self, name: str) -> Path | None:
        return (self.folder / name) if name else None

    def text(self, name: str) -> str | None:
        if name not in self.texts:
            self.texts[name] = load_article(self.path(name)).text
        return self.texts[name]


def load_dataset(
    path: str | Path, article_text: str | None
) -> tuple[list[Item], list[dict], Articles]:
    """Valid items, ``{"line", "error"}`` for every line that is not one, and the articles.

    ``article_text`` is the text of the article items without an ``article`` key are about.

    >>> load_dataset(Path("/nonexistent.jsonl"), None)
    Traceback (most recent call last):
    assistant.errors.DatasetError: Cannot read the dataset /nonexistent.jsonl: No such file...
    """
    articles = Articles(Path(path), article_text)
    items, errors, seen = [], [], set()
    for n, data in read_jsonl(path, "dataset"):
        try:
            if isinstance(data, BadLine):
                raise DatasetError(data.reason)
            name = data.get("article", "") if isinstance(data, dict) else ""
            text = articles.text(name) if isinstance(name, str) else None
            item = Item.model_validate(data, context={"article_text": text})
        except ValidationError as exc:
            errors.append({"line": n, "error": "; ".join(_explain(e) for e in exc.errors())})
        except AssistantError as exc:
            errors.append({"line": n, "error": str(exc)})
        else:
            if item.id in seen:
                errors.append({"line": n, "error": f"id {item.id!r} is used by an earlier line"})
            else:
                seen.add(item.id)
                items.append(item)
    return items, errors, articles
