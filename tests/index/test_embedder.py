import numpy as np
import pytest

from assistant.errors import ModelError
from assistant.index.embedder import MODEL_SHA256, default_model_path, load_minilm, verify_model


def test_vectors_are_normalised_and_rank_sensibly(embed_model):
    q = np.array(embed_model.get_query_embedding("Where is the summit held?"))
    docs = np.array(
        embed_model.get_text_embedding_batch(
            ["The summit is held in Samarkand.", "Trade grew 31 per cent."]
        )
    )
    assert q.shape == (384,)
    assert np.allclose(np.linalg.norm(docs, axis=1), 1.0, atol=1e-5)
    assert docs[0] @ q > docs[1] @ q + 0.3


def test_batches_sorted_by_length_keep_the_callers_order(embed_model):
    texts = [("word " * n).strip() + f" {n}" for n in (40, 1, 25, 3, 60, 2) * 4]  # 24 texts
    together = np.array(embed_model.embed(texts))
    alone = np.array([embed_model.embed([t])[0] for t in texts])
    assert np.abs(together - alone).max() < 1e-5


def test_pinned_model_hash_matches_the_installed_file():
    assert verify_model(default_model_path()) == MODEL_SHA256


def test_a_changed_model_fails_loudly(tmp_path):
    changed = tmp_path / "model.onnx"
    changed.write_bytes(default_model_path().read_bytes()[:-1] + b"\x00")
    with pytest.raises(ModelError, match="expected 8199be6f699a"):
        load_minilm(changed)


def test_a_missing_model_says_how_to_fix(tmp_path):
    with pytest.raises(ModelError, match="requirements.txt"):
        load_minilm(tmp_path / "nope.onnx")


def test_each_run_gives_its_buffers_back(embed_model):
    # Concurrent long queries otherwise grow onnxruntime's arena for good (issue 11: RSS).
    options = embed_model._run_options
    assert options.get_run_config_entry("memory.enable_memory_arena_shrinkage") == "cpu:0"
