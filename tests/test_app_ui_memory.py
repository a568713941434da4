"""Dashboard memory (issue 12): the result cached per slider position holds no N x N matrix, the
signals are cached once per survey and shared by every slider position, and everything that used
the dropped matrices (metrics, publishing a round with a triad) gives the same answer as before."""

import dataclasses
import platform

import numpy as np
import pandas as pd
import pytest

from matching.metrics import round_metrics
from matching.program import record_from_result
from matching.round import run_round
from matching.scoring import Embedder, embed_participants
from matching.settings import Settings
from ui import data

from conftest import make_participants

N = 61  # odd: the round has a triad, whose 'third' publishing picks by pair score


def arrays(obj, seen=None):
    """Every numpy array reachable from ``obj`` through dataclass fields, dicts, sequences and attributes
    (DataFrames are N rows of answers, not matrices, and are not entered)."""
    seen = set() if seen is None else seen
    if id(obj) in seen or obj is None or isinstance(obj, (str, bytes, int, float, bool, pd.DataFrame, pd.Series)):
        return
    seen.add(id(obj))
    if isinstance(obj, np.ndarray):
        yield obj
    elif dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            yield from arrays(getattr(obj, f.name), seen)
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from arrays(v, seen)
    elif isinstance(obj, (list, tuple, set, frozenset)):
        for v in obj:
            yield from arrays(v, seen)
    elif hasattr(obj, "__dict__"):
        yield from arrays(vars(obj), seen)


def _survey():
    p = make_participants(N, seed=5)
    ids = p["id"].tolist()
    history = pd.DataFrame({"round": [1, 1, 2], "a": ids[:3], "b": ids[3:6]})  # the repeat rule builds N x N masks
    settings = Settings(embedder="tfidf", blocked=((ids[7], ids[8]),), repeat_rounds=2)
    return p, embed_participants(p, Embedder("tfidf")), history, settings


def test_each_slider_position_caches_no_matrix_and_shares_the_signals():
    p, vectors, history, base = _survey()
    signals = data.cached_signals("memory-test", "tfidf", data.signal_key(base), p, vectors, base)
    shared = {id(a) for a in arrays(signals)}
    assert any(a.size == N * N for a in arrays(signals))  # the survey's signals are the N x N matrices
    results = []
    for w in (0.2, 0.4, 0.6):  # three slider positions of the location weight
        s = base.replace(weights={**base.weights, "location": w})
        assert data.signal_key(s) == data.signal_key(base)  # a weight never recomputes the signals
        r = data.cached_round("memory-test", "tfidf", s.to_json(), "h", p, vectors, signals, history)
        own = [a for a in arrays(r) if id(a) not in shared]
        assert r.signals is signals
        assert r.score is None and r.weight is None
        assert max((a.size for a in own), default=0) < N * N, [a.shape for a in own if a.size >= N * N]
        assert sum(a.nbytes for a in own) < N * N * 8 / 4
        results.append(r)
    assert len({id(r) for r in results}) == 3


def test_a_slim_result_gives_the_same_metrics_score_and_published_round():
    p, vectors, history, base = _survey()
    full = run_round(p, vectors, base, history)
    slim = full.slim()
    assert slim.score is None and slim.constraints.forbidden == {} and slim.constraints.rounds_since is None
    np.testing.assert_array_equal(slim.score_matrix(), full.score)
    a, b = round_metrics(full), round_metrics(slim)
    pd.testing.assert_frame_equal(a.exposure, b.exposure)
    assert a.summary.keys() == b.summary.keys()
    assert all(a.summary[k] == b.summary[k] or (a.summary[k] != a.summary[k] and b.summary[k] != b.summary[k])
               for k in a.summary)
    assert any(len(g) == 3 for g in full.solution.groups)
    record = record_from_result(slim)
    assert (record.people["status"] == "triad-third").sum() == 1
    assert record.people.equals(record_from_result(full).people)
    assert slim.diagnosis_messages == full.diagnosis_messages and slim.feasible


def test_freed_matrices_go_back_to_the_os_on_glibc():
    # Without a fixed mmap threshold glibc keeps freed 32 MB matrices in the heap (RSS grows per slider move).
    if platform.libc_ver()[0] != "glibc":
        pytest.skip("mallopt's mmap threshold is glibc's")
    assert data.MALLOC_TUNED and data.BIG_ALLOCATION <= 32 << 20
