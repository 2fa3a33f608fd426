"""The folder of other articles' indexes (``index-articles/``): kept to a size budget, the
least recently used going first; one permission mode for every file the assistant writes
in an index folder; an ``ASSISTANT_INDEX_DIR`` that is no folder of its own refused."""

from __future__ import annotations

import os
import stat

import pytest

from assistant.article.article import load_article
from assistant.cli import main
from assistant.config import Config
from assistant.errors import AssistantError
from assistant.index.folder import file_mode
from assistant.wiring import Models, cached_index_dir, open_article
from tests.conftest import ROOT

SECOND = ROOT / "tests" / "data" / "second_article.txt"


def _size(folder) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def test_other_articles_indexes_are_kept_within_their_budget(tmp_path, embed_model):
    config = Config(index_dir=tmp_path / "index", index_cache_mb=1, multilingual=False)
    models = Models(config, embed_model)
    text = SECOND.read_text(encoding="utf-8")
    folders = []
    for n in range(4):
        path = tmp_path / f"article-{n}.txt"
        path.write_text(f"Edition {n}.\n\n{text}", encoding="utf-8")
        indexed = open_article(models, config.with_(article=path))
        folders.append(cached_index_dir(config, indexed.article.sha256))
    root = tmp_path / "index-articles"
    assert folders[-1].is_dir()  # the one just opened is kept
    assert not folders[0].exists()  # the least recently used went first
    assert _size(root) <= 1_000_000 or len(list(root.iterdir())) == 1
    (root / "notes").mkdir()  # a folder that is not the assistant's is never touched
    (root / "notes" / "todo.txt").write_text("mine")
    open_article(models, config.with_(article=tmp_path / "article-0.txt"))
    assert (root / "notes" / "todo.txt").read_text() == "mine"


def test_every_file_the_assistant_writes_in_an_index_folder_has_one_mode(tmp_path, embed_model):
    config = Config(index_dir=tmp_path / "index", article=SECOND)
    from assistant.wiring import load_models

    models = load_models(config)
    models.embed_model = embed_model
    open_article(models, config)
    folder = cached_index_dir(config, load_article(SECOND).sha256)
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir() if p.is_file()}
    assert "reader.npz" in modes and "manifest.json" in modes
    assert set(modes.values()) == {file_mode()}, modes


@pytest.mark.parametrize("value", ["/", ".", "..", "./", "index/.."])
def test_an_index_dir_that_is_no_folder_of_its_own_is_refused(value, capsys, monkeypatch):
    with pytest.raises(AssistantError, match="is not a folder of its own"):
        Config.from_env({"ASSISTANT_INDEX_DIR": value})
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", value)
    monkeypatch.setenv("ASSISTANT_ANSWERER", "extractive")
    code = main(["ask", "--article", str(SECOND), "How long is the line?"], load=lambda *a: None)
    err = capsys.readouterr().err
    assert code == 1 and "is not a folder of its own" in err and "Traceback" not in err
    assert not os.path.exists("..-articles") and not os.path.exists("index/..-articles")
