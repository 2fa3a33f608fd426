"""The persisted index: the manifest covers what is served, and the folder is ours."""

import hashlib
import json
import os
import shutil
from dataclasses import replace

import numpy as np
import pytest

from assistant.errors import IndexStoreError
from assistant.index.arrays import multilingual_vectors
from assistant.index.store import MANIFEST, VECTORS_FILE, open_index


def _fresh(tmp_path, index_dir):
    """A private copy of the session's index (built once, by conftest)."""
    path = tmp_path / "index"
    shutil.copytree(index_dir, path)
    return path


def _manifest(path):
    return json.loads((path / MANIFEST).read_text())


def _rehash(path):
    """Make the manifest agree with the files again, as a careless tool might."""
    m = _manifest(path)
    m["files"] = {n: hashlib.sha256((path / n).read_bytes()).hexdigest() for n in m["files"]}
    (path / MANIFEST).write_text(json.dumps(m))


def _edit_vectors(path, change):
    store = json.loads((path / VECTORS_FILE).read_text())
    change(store["embedding_dict"])
    (path / VECTORS_FILE).write_text(json.dumps(store))


def test_build_then_load(tmp_path, article, embed_model):
    path = tmp_path / "index"
    _, why = open_index(article, embed_model, path)
    assert str(why) == f"rebuilt (no readable manifest in {path})"
    manifest = _manifest(path)
    assert manifest["article_sha256"] == article.sha256
    assert manifest["embedder"].endswith(embed_model.model_sha256)
    assert manifest["chunking"]["unit"] == "sentence"
    assert (manifest["nodes"], manifest["dimension"]) == (len(article.sentences), 384)
    assert sorted(manifest["files"]) == sorted(p.name for p in path.iterdir() if p.name != MANIFEST)
    index, why = open_index(article, embed_model, path)
    assert str(why) == "loaded"
    nodes = list(index.docstore.docs.values())
    assert len(nodes) == len(article.sentences)
    for n in nodes:
        assert article.text[n.start_char_idx : n.end_char_idx] == n.text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index"]  # no temporary folder left


def test_an_unchanged_article_gives_byte_identical_index_files(tmp_path, article, embed_model):
    first, second = tmp_path / "a", tmp_path / "b"
    open_index(article, embed_model, first)
    open_index(article, embed_model, second, rebuild=True)
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_stale_manifest_for_another_article_rebuilds(tmp_path, index_dir, article, embed_model):
    path = _fresh(tmp_path, index_dir)
    other = replace(article, sha256="0" * 64)
    _, why = open_index(other, embed_model, path)
    assert str(why) == "rebuilt (index is stale (article_sha256 changed))"
    assert _manifest(path)["article_sha256"] == "0" * 64


def test_manifest_for_another_embedder_rebuilds(tmp_path, index_dir, article, embed_model):
    path = _fresh(tmp_path, index_dir)
    m = _manifest(path)
    m["embedder"] = "OpenAIEmbedding:text-embedding-3-small:"
    (path / MANIFEST).write_text(json.dumps(m))
    _, why = open_index(article, embed_model, path)
    assert str(why) == "rebuilt (index is stale (embedder changed))"


def test_a_manifest_of_the_old_format_rebuilds(tmp_path, index_dir, article, embed_model):
    path = _fresh(tmp_path, index_dir)
    m = _manifest(path)
    del m["format"], m["files"], m["dimension"]
    (path / MANIFEST).write_text(json.dumps(m))
    _, why = open_index(article, embed_model, path)
    assert str(why) == "rebuilt (index is stale (format changed))"


@pytest.mark.parametrize(
    "content", ["[]", '"hello"', "3", "{", "[" * 100_000], ids=["list", "str", "int", "cut", "deep"]
)
def test_a_manifest_that_is_not_an_object_is_repaired(
    tmp_path, index_dir, article, embed_model, content
):
    path = _fresh(tmp_path, index_dir)
    (path / MANIFEST).write_text(content)
    _, why = open_index(article, embed_model, path)
    assert str(why) == f"rebuilt (no readable manifest in {path})"
    assert str(open_index(article, embed_model, path)[1]) == "loaded"


@pytest.mark.parametrize("victim", ["docstore.json", VECTORS_FILE, "index_store.json"])
def test_truncated_store_file_rebuilds(tmp_path, index_dir, article, embed_model, victim, caplog):
    path = _fresh(tmp_path, index_dir)
    data = (path / victim).read_text()
    (path / victim).write_text(data[: len(data) // 2])
    index, why = open_index(article, embed_model, path)
    assert str(why) == f"rebuilt (index files do not match the manifest ({victim}))"
    assert "Rebuilding the index: index files do not match" in caplog.text
    assert len(index.docstore.docs) == len(article.sentences)
    assert str(open_index(article, embed_model, path)[1]) == "loaded"


def test_docstore_text_edited_on_disk_is_never_quoted(tmp_path, index_dir, article, embed_model):
    path = _fresh(tmp_path, index_dir)
    docstore = path / "docstore.json"
    docstore.write_text(docstore.read_text().replace("Bali", "Paris"))
    index, why = open_index(article, embed_model, path)
    assert str(why) == "rebuilt (index files do not match the manifest (docstore.json))"
    texts = " ".join(n.text for n in index.docstore.docs.values())
    assert "Bali" in texts and "Paris" not in texts


DAMAGES = {
    "wrong dimension": lambda vs: vs.update({k: v[:100] for k, v in vs.items()}),
    "NaN": lambda vs: vs.update({k: [float("nan")] * len(v) for k, v in vs.items()}),
    "one missing": lambda vs: vs.pop(sorted(vs)[3]),
    "one short": lambda vs: vs.update({sorted(vs)[3]: vs[sorted(vs)[3]][:10]}),
}


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_damaged_vectors_are_never_served(tmp_path, index_dir, article, embed_model, damage):
    path = _fresh(tmp_path, index_dir)
    _edit_vectors(path, DAMAGES[damage])
    _, why = open_index(article, embed_model, path)
    assert str(why) == f"rebuilt (index files do not match the manifest ({VECTORS_FILE}))"
    # Even with the manifest's hashes made to agree, the vectors themselves are checked.
    _edit_vectors(path, DAMAGES[damage])
    _rehash(path)
    index, why = open_index(article, embed_model, path)
    assert str(why) == "rebuilt (index is corrupt (ValueError))"
    vectors = np.array([index.vector_store.get(i) for i in sorted(index.docstore.docs)])
    assert vectors.shape == (len(article.sentences), 384) and np.isfinite(vectors).all()


def test_missing_file_rebuilds(tmp_path, index_dir, article, embed_model):
    path = _fresh(tmp_path, index_dir)
    (path / "docstore.json").unlink()
    _, why = open_index(article, embed_model, path)
    assert str(why) == "rebuilt (index files do not match the manifest (docstore.json))"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only folders")
def test_read_only_folder_keeps_the_index_in_memory(tmp_path, article, embed_model):
    parent = tmp_path / "ro"
    parent.mkdir()
    parent.chmod(0o555)
    try:
        index, why = open_index(article, embed_model, parent / "index")
        assert not why.saved and str(why).startswith("rebuilt in memory")
        assert len(index.docstore.docs) == len(article.sentences)
    finally:
        parent.chmod(0o755)


def test_unwritable_target_keeps_the_index_in_memory(tmp_path, article, embed_model):
    # A file where the index's parent folder should be: no user can write there.
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")
    index, why = open_index(article, embed_model, blocker / "index")
    assert not why.saved and str(why).startswith("rebuilt in memory (no readable manifest")
    assert len(index.docstore.docs) == len(article.sentences)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocker"]


def _listing(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


def test_a_folder_of_notes_is_refused_and_left_alone(tmp_path, article, embed_model):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "todo.txt").write_text("my notes")
    (notes / "docstore.json").write_text("mine too")
    before = _listing(tmp_path)
    with pytest.raises(IndexStoreError) as refused:
        open_index(article, embed_model, notes)
    assert str(refused.value) == (
        f"The folder {notes} holds files that are not the assistant's (todo.txt), so the "
        "index is not written there: set ASSISTANT_INDEX_DIR to an empty or new folder, "
        "or unset it to use the default."
    )
    assert _listing(tmp_path) == before
    assert (notes / "docstore.json").read_text() == "mine too"


def test_a_regular_file_is_refused_and_left_alone(tmp_path, article, embed_model):
    target = tmp_path / "afile"
    target.write_text("data")
    with pytest.raises(IndexStoreError, match=f"{target} is a file, not a folder"):
        open_index(article, embed_model, target)
    assert _listing(tmp_path) == ["afile"] and target.read_text() == "data"


def test_a_valid_index_beside_other_files_is_served_but_never_rewritten(
    tmp_path, index_dir, article, embed_model
):
    path = _fresh(tmp_path, index_dir)
    (path / "notes.txt").write_text("mine")
    assert str(open_index(article, embed_model, path)[1]) == "loaded"
    with pytest.raises(IndexStoreError, match=r"not the assistant's \(notes.txt\)"):
        open_index(replace(article, sha256="0" * 64), embed_model, path)
    assert (path / "notes.txt").read_text() == "mine"
    assert _manifest(path)["article_sha256"] == article.sha256


def test_an_empty_folder_is_written_in_place(tmp_path, article, embed_model):
    empty = tmp_path / "empty"
    empty.mkdir()
    inode = empty.stat().st_ino
    assert open_index(article, embed_model, empty)[1].action == "rebuilt"
    assert empty.stat().st_ino == inode  # the folder itself was not moved or replaced
    assert (empty / MANIFEST).is_file() and sorted(p.name for p in tmp_path.iterdir()) == ["empty"]


class FakeRanker:
    """Multilingual vectors without the model: row i is 1 at position i + offset."""

    id = "fake-e5"

    def __init__(self, offset=0):
        self.offset, self.calls = offset, 0

    def passages(self, texts):
        self.calls += 1
        return np.eye(384, dtype=np.float32)[self.offset : self.offset + len(texts)]


def test_multilingual_vectors_are_checked_like_the_index(tmp_path, article):
    from llama_index.core.schema import TextNode

    nodes = [TextNode(id_=f"s{i}", text=f"Sentence {i}.") for i in range(3)]
    saved = multilingual_vectors(FakeRanker(), tmp_path, article, nodes)
    ranker = FakeRanker()
    assert np.array_equal(multilingual_vectors(ranker, tmp_path, article, nodes), saved)
    assert ranker.calls == 0  # read back, not recomputed
    # Another article (e.g. the article changed while the folder is read-only): recomputed.
    other = FakeRanker(offset=5)
    vectors = multilingual_vectors(other, tmp_path, replace(article, sha256="0" * 64), nodes)
    assert other.calls == 1 and not np.allclose(vectors, saved)
    # e5.npy changed on disk, its description untouched: recomputed.
    data = bytearray((tmp_path / "e5.npy").read_bytes())
    data[-4:] = np.float32(0.5).tobytes()
    (tmp_path / "e5.npy").write_bytes(bytes(data))
    again = FakeRanker()
    multilingual_vectors(again, tmp_path, replace(article, sha256="0" * 64), nodes)
    assert again.calls == 1


def test_committed_index_matches_the_shipped_article(article, embed_model):
    from assistant.config import Config
    from assistant.index.store import _mismatch, _read_manifest, expected_manifest

    folder = Config.from_env({}).index_dir
    committed = _read_manifest(folder)
    assert _mismatch(committed, expected_manifest(article, embed_model), folder) is None
    assert committed["nodes"] == len(article.sentences)
