import json
import os
from dataclasses import replace

import pytest

from assistant.store import MANIFEST, open_index


def _fresh(tmp_path, article, embed_model):
    path = tmp_path / "index"
    _, why = open_index(article, embed_model, path)
    assert why.startswith("rebuilt (no readable manifest")
    return path


def test_build_then_load(tmp_path, article, embed_model):
    path = _fresh(tmp_path, article, embed_model)
    manifest = json.loads((path / MANIFEST).read_text())
    assert manifest["article_sha256"] == article.sha256
    assert manifest["embedder"].endswith(embed_model.model_sha256)
    assert manifest["chunking"]["unit"] == "sentence"
    index, why = open_index(article, embed_model, path)
    assert why == "loaded"
    nodes = list(index.docstore.docs.values())
    assert len(nodes) == len(article.sentences)
    for n in nodes:
        assert article.text[n.start_char_idx : n.end_char_idx] == n.text
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".index-")]


def test_stale_manifest_for_another_article_rebuilds(tmp_path, article, embed_model):
    path = _fresh(tmp_path, article, embed_model)
    other = replace(article, sha256="0" * 64)
    _, why = open_index(other, embed_model, path)
    assert why == "rebuilt (index is stale (article_sha256 changed))"
    assert json.loads((path / MANIFEST).read_text())["article_sha256"] == "0" * 64


def test_manifest_for_another_embedder_rebuilds(tmp_path, article, embed_model):
    path = _fresh(tmp_path, article, embed_model)
    m = json.loads((path / MANIFEST).read_text())
    m["embedder"] = "OpenAIEmbedding:text-embedding-3-small:"
    (path / MANIFEST).write_text(json.dumps(m))
    _, why = open_index(article, embed_model, path)
    assert why == "rebuilt (index is stale (embedder changed))"


@pytest.mark.parametrize("victim", ["docstore.json", "default__vector_store.json"])
def test_truncated_store_file_rebuilds(tmp_path, article, embed_model, victim, caplog):
    path = _fresh(tmp_path, article, embed_model)
    data = (path / victim).read_text()
    (path / victim).write_text(data[: len(data) // 2])
    index, why = open_index(article, embed_model, path)
    assert why.startswith("rebuilt (index is corrupt")
    assert "Rebuilding the index: index is corrupt" in caplog.text
    assert len(index.docstore.docs) == len(article.sentences)
    assert open_index(article, embed_model, path)[1] == "loaded"


@pytest.mark.parametrize("damage", ["drop", "shorten"])
def test_a_missing_or_short_vector_rebuilds(tmp_path, article, embed_model, damage):
    path = _fresh(tmp_path, article, embed_model)
    store = json.loads((path / "default__vector_store.json").read_text())
    node_id = sorted(store["embedding_dict"])[3]
    if damage == "drop":
        del store["embedding_dict"][node_id]
    else:
        store["embedding_dict"][node_id] = store["embedding_dict"][node_id][:10]
    (path / "default__vector_store.json").write_text(json.dumps(store))
    index, why = open_index(article, embed_model, path)
    assert why == "rebuilt (index is corrupt (ValueError))"
    assert len(index.vector_store.data.embedding_dict[node_id]) == 384


def test_missing_file_rebuilds(tmp_path, article, embed_model):
    path = _fresh(tmp_path, article, embed_model)
    (path / "docstore.json").unlink()
    _, why = open_index(article, embed_model, path)
    assert why.startswith("rebuilt (index is corrupt")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only folders")
def test_read_only_folder_keeps_the_index_in_memory(tmp_path, article, embed_model):
    parent = tmp_path / "ro"
    parent.mkdir()
    parent.chmod(0o555)
    try:
        index, why = open_index(article, embed_model, parent / "index")
        assert why.startswith("rebuilt in memory")
        assert len(index.docstore.docs) == len(article.sentences)
    finally:
        parent.chmod(0o755)


def test_unwritable_target_keeps_the_index_in_memory(tmp_path, article, embed_model):
    # A file where the index's parent folder should be: no user can write there.
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")
    index, why = open_index(article, embed_model, blocker / "index")
    assert why.startswith("rebuilt in memory (no readable manifest")
    assert len(index.docstore.docs) == len(article.sentences)


def test_committed_index_matches_the_shipped_article(article, embed_model):
    from assistant.config import Config
    from assistant.store import _read_manifest, expected_manifest

    committed = _read_manifest(Config.from_env({}).index_dir)
    assert committed == {**expected_manifest(article, embed_model), "nodes": len(article.sentences)}
