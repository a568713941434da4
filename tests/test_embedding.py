import numpy as np
import pytest

from matching.scoring import embedder as embedding
from matching.scoring.embedder import Embedder, VectorCache, tfidf_vectors


class FakeModel:
    def __init__(self):
        self.calls = 0

    def get_embedding_dimension(self):
        return 4

    def encode(self, texts, **kw):
        self.calls += len(texts)
        out = np.array([[len(t), t.count("a"), t.count("e"), 1.0] for t in texts], dtype=np.float32)
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def test_tfidf_vectors_are_unit_or_zero():
    v = tfidf_vectors(["deploying llms to prod", "", "llm serving with vllm", "sourdough bread baking"])
    norms = np.linalg.norm(v, axis=1)
    assert norms[1] == 0 and np.allclose(norms[[0, 2, 3]], 1, atol=1e-5)


def test_model_vectors_are_cached_on_disk(tmp_path, monkeypatch):
    fake = FakeModel()
    monkeypatch.setattr(embedding, "load_model", lambda: fake)
    texts = ["alpha", "beta", "", "alpha"]
    progress = []
    e = Embedder("minilm", cache_dir=tmp_path)
    v1 = e.encode(texts, progress=lambda d, t: progress.append((d, t)))
    assert fake.calls == 2 and e.n_encoded_ == 2  # duplicates and blanks are not encoded
    assert progress[-1] == (2, 2)
    assert np.all(v1[2] == 0) and np.allclose(v1[0], v1[3])
    e2 = Embedder("minilm", cache_dir=tmp_path)
    v2 = e2.encode(texts)
    assert fake.calls == 2 and e2.n_cached_ == 3
    assert np.allclose(v1, v2)
    # The cache stores hashes and vectors only, never the text.
    raw = (tmp_path / "all-MiniLM-L6-v2.npz").read_bytes()
    assert b"alpha" not in raw


def test_corrupt_cache_is_ignored(tmp_path, monkeypatch):
    (tmp_path / "all-MiniLM-L6-v2.npz").write_bytes(b"garbage")
    monkeypatch.setattr(embedding, "load_model", FakeModel)
    v = Embedder("minilm", cache_dir=tmp_path).encode(["hello"])
    assert v.shape == (1, 4)


def test_model_failure_falls_back_loudly(monkeypatch):
    def boom():
        raise OSError("weights not found")
    monkeypatch.setattr(embedding, "load_model", boom)
    e = Embedder("minilm", cache_dir=None)
    v = e.encode(["llm ops", "data pipelines", "llm serving"])
    assert e.kind_ == "tfidf"
    assert "TF-IDF" in e.warning_ and "weights not found" in e.warning_
    assert v.shape[0] == 3


def test_encode_fields_share_one_space(monkeypatch):
    e = Embedder("tfidf")
    out = e.encode_fields({"profile": ["llm serving", "bread"], "wants": ["someone into llm serving", ""]})
    assert out["profile"].shape[1] == out["wants"].shape[1]
    assert out["wants"][0] @ out["profile"][0] > out["wants"][0] @ out["profile"][1]


def test_unknown_kind_is_rejected():
    with pytest.raises(ValueError, match="minilm or tfidf"):
        Embedder("bert")


@pytest.mark.model
def test_real_minilm_model_understands_meaning(tmp_path):
    """The one test that loads the packaged all-MiniLM-L6-v2 weights (offline)."""
    e = Embedder("minilm", cache_dir=tmp_path)
    v = e.encode(["I deploy large language models to production on Kubernetes",
                  "MLOps engineer who serves LLMs in prod",
                  "I bake sourdough bread and grow tomatoes"])
    assert e.kind_ == "minilm" and e.warning_ is None
    assert v.shape == (3, 384)
    assert np.allclose(np.linalg.norm(v, axis=1), 1, atol=1e-4)
    assert v[0] @ v[1] > v[0] @ v[2] + 0.08
    assert VectorCache(tmp_path, "all-MiniLM-L6-v2").get(embedding.text_key("all-MiniLM-L6-v2", "MLOps engineer who serves LLMs in prod")) is not None
