"""Embedding many texts: chunked, with progress, and resumable after an interruption."""

import numpy as np
import pytest

import matching.scoring.embedder as emb
from matching.scoring.embedder import Embedder
from matching.suggest.embed import embed_many


class FakeModel:
    """Stands in for the sentence model: deterministic vectors, counts calls, can fail on demand."""

    def __init__(self, fail_after: int | None = None):
        self.calls, self.texts, self.fail_after = 0, 0, fail_after

    def get_sentence_embedding_dimension(self) -> int:
        return 8

    def encode(self, texts, **kw):
        if self.fail_after is not None and self.calls >= self.fail_after:
            raise KeyboardInterrupt("interrupted")
        self.calls += 1
        self.texts += len(texts)
        v = np.array([[hash((t, i)) % 97 + 1 for i in range(8)] for t in texts], dtype=np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)


def fields(n):
    return {"profile": [f"profile text {i}" for i in range(n)], "wants": [f"wants {i}" if i % 4 else "" for i in range(n)]}


def test_chunks_match_one_call_and_report_progress(tmp_path, monkeypatch):
    monkeypatch.setattr(emb, "load_model", lambda: FakeModel())
    seen = []
    chunked = embed_many(fields(300), Embedder("minilm", cache_dir=tmp_path / "a", batch_size=16), chunk=64,
                         progress=lambda d, t: seen.append((d, t)))
    whole = Embedder("minilm", cache_dir=tmp_path / "b", batch_size=16).encode_fields(fields(300))
    for name in whole:
        np.testing.assert_array_equal(chunked[name], whole[name])
    assert seen[-1] == (600, 600) and all(t == 600 for _, t in seen)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)   # progress only moves forward
    assert not chunked["wants"][0].any()                         # blank text -> zero row


def test_an_interrupted_run_resumes_from_the_cache(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    model = FakeModel(fail_after=3)            # 3 model batches of 50 texts, then "Ctrl-C"
    monkeypatch.setattr(emb, "load_model", lambda: model)
    with pytest.raises(KeyboardInterrupt):
        embed_many(fields(200), Embedder("minilm", cache_dir=cache, batch_size=50), chunk=50)
    done_before = model.texts
    assert done_before == 150
    model2 = FakeModel()
    monkeypatch.setattr(emb, "load_model", lambda: model2)
    e = Embedder("minilm", cache_dir=cache, batch_size=50)
    out = embed_many(fields(200), e, chunk=50)
    unique_nonblank = 200 + 150                  # profiles + non-blank wants
    assert model2.texts == unique_nonblank - done_before   # only what was not cached before
    assert e.n_cached_ == done_before
    assert out["profile"].shape == (200, 8)


def test_tfidf_is_one_call_and_a_bad_chunk_is_a_plain_error():
    out = embed_many(fields(50), Embedder("tfidf"), chunk=10)
    assert out["profile"].shape[0] == 50
    with pytest.raises(ValueError, match="'chunk' setting must be a whole number of at least 1. Got 0 instead."):
        embed_many(fields(5), Embedder("tfidf"), chunk=0)
