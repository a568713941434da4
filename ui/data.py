"""Cached wrappers around the engine, keyed by content hashes (never by participant data)."""

from __future__ import annotations

import ctypes
import gc
import hashlib
import json
import sys
import threading
from collections import OrderedDict
from pathlib import Path

import pandas as pd
import streamlit as st

from matching.intake.history import load_history
from matching.intake.survey import Survey, load_survey
from matching.metrics import RoundMetrics, round_metrics
from matching.round import RoundResult, run_round, solve_kwargs
from matching.scoring import SIGNAL_SETTINGS, SignalSet, compute_signals, embed_participants
from matching.scoring.embedder import Embedder, load_model
from matching.settings import Settings
from matching.solve.curve import fairness_curve

ROOT = Path(__file__).resolve().parent.parent
BIG_ALLOCATION = 4 << 20  # bytes: larger blocks get their own memory map, handed back to the OS when freed


def _return_big_arrays_to_the_os() -> bool:
    """Fix glibc's mmap threshold so N x N temporaries are returned to the OS when freed.

    glibc raises the threshold to the size of each large block freed (up to 32 MB), after which the
    32 MB matrices of a 2,000-person round come from the heap and stay in the server's resident
    memory after they are freed (benchmarks/bench_ui_memory.py: 885 MB -> 1,336 MB over 30 slider
    moves, against 709 MB -> 832 MB with this threshold). A no-op where the C library has no ``mallopt``.
    """
    try:
        libc = ctypes.CDLL(None)
        return bool(libc.mallopt(-3, BIG_ALLOCATION))  # -3 = M_MMAP_THRESHOLD
    except (OSError, AttributeError):
        return False


MALLOC_TUNED = _return_big_arrays_to_the_os()

SAMPLES: dict[str, dict] = {
    "coffee": {"label": "Virtual coffee round (about 120 people)", "file": "sample_data/coffee_round.csv",
               "history": "sample_data/coffee_history.csv"},
    "mentoring": {"label": "Mentor / mentee program (about 40 people)", "file": "sample_data/mentoring.csv",
                  "history": None},
}
DEFAULT_SAMPLE = "coffee"


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sample_bytes(sample_id: str) -> tuple[bytes, str, bytes | None]:
    spec = SAMPLES[sample_id]
    data = (ROOT / spec["file"]).read_bytes()
    hist = (ROOT / spec["history"]).read_bytes() if spec["history"] else None
    return data, Path(spec["file"]).name, hist


@st.cache_data(show_spinner=False)
def sample_digest(sample_id: str) -> str:
    """SHA-256 of a bundled sample's survey file."""
    return content_hash(sample_bytes(sample_id)[0])


@st.cache_resource(show_spinner="Loading the sentence-embedding model (once per server) ...")
def shared_model():
    """The MiniLM model as a process-wide singleton (it holds no participant data)."""
    return load_model()


_modules_when_frozen = 0


def freeze_long_lived() -> None:
    """After a run that imported modules (the first run, the text model's torch, a page's lazy imports),
    move every object alive into the garbage collector's permanent generation.

    Streamlit runs ``gc.collect(2)`` after every script run, holding the GIL while the page's last
    elements wait to be sent; with torch and the model loaded that pass walked about half a million
    objects, 0.2-0.3 s of every slider step (benchmarks/bench_ui.py). Modules and the model live as long
    as the server. Frozen objects are still freed by reference counting; only reference cycles among the
    few session objects alive at a freeze are never collected, and freezes happen only when new modules
    appear (a handful of times per server).
    """
    global _modules_when_frozen
    if len(sys.modules) == _modules_when_frozen:
        return
    gc.collect()
    gc.freeze()
    _modules_when_frozen = len(sys.modules)


@st.cache_data(show_spinner=False, max_entries=16)
def cached_survey(digest: str, _data: bytes, filename: str, mapping_json: str,
                  max_participants: int = Settings().max_participants) -> Survey:
    mapping = json.loads(mapping_json) or None
    return load_survey(_data, filename=filename, mapping=mapping, max_participants=int(max_participants))


@st.cache_data(show_spinner=False, max_entries=8)
def cached_history(digest: str, _data: bytes, filename: str, survey_key: str = "", _participants=None):
    # Matched to the survey's people by id, email or name (as the CLI does); a file naming nobody is refused.
    return load_history(_data, filename=filename, participants=_participants)


class _LRU:
    """A small thread-safe LRU map shared by the server's sessions (keys are content hashes)."""

    def __init__(self, size: int):
        self.size, self.items, self.lock = size, OrderedDict(), threading.Lock()

    def get(self, key):
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        return None

    def put(self, key, value) -> None:
        with self.lock:
            self.items[key] = value
            while len(self.items) > self.size:
                self.items.popitem(last=False)


@st.cache_resource
def _vector_store() -> _LRU:
    return _LRU(16)


def text_key(settings: Settings | None) -> str:
    """The part of the settings that changes which text is embedded (form columns used as text)."""
    if settings is None or not settings.column_signals:
        return ""
    return json.dumps({c: u for c, u in settings.column_signals.items() if u in ("embed", "profile", "wants")},
                      sort_keys=True)


def vectors_ready(survey_key: str, kind: str, settings: Settings | None = None) -> bool:
    return _vector_store().get((survey_key, kind, text_key(settings))) is not None


def cached_vectors(survey_key: str, kind: str, participants: pd.DataFrame, progress=None,
                   settings: Settings | None = None):
    """Embeddings for one survey, memoised by content hash. Not an st.cache_data function because the
    progress bar it drives lives outside it (and only shows on a miss); the on-disk vector cache
    makes a miss cheap for texts seen before."""
    store = _vector_store()
    key = (survey_key, kind, text_key(settings))
    hit = store.get(key)
    if hit is not None:
        return hit
    if kind == "minilm":
        try:
            shared_model()
        except Exception:  # noqa: BLE001 - the Embedder reports the fallback itself
            pass
    embedder = Embedder(kind)
    vectors = embed_participants(participants, embedder, progress=progress, settings=settings)
    value = (vectors, embedder.kind_, embedder.issues_)
    store.put(key, value)
    return value


def signal_key(settings: Settings) -> str:
    return json.dumps({k: getattr(settings, k) for k in SIGNAL_SETTINGS}, sort_keys=True)


# Signals hold the N x N matrices (about 250 MB at N=2,000): cache_resource keeps them without pickling
# a copy per rerun, and only a few signal settings at a time, since the weight sliders never change them.
# Keys are content hashes, so a session only ever gets back results for data it uploaded itself;
# results are never mutated after creation.
@st.cache_resource(show_spinner=False, max_entries=3, ttl=3600)
def cached_signals(survey_key: str, kind: str, sig_key: str, _participants, _vectors, _settings: Settings) -> SignalSet:
    return compute_signals(_participants, _vectors, _settings)


# One entry per slider position: only the slim result (groups, tables, numbers; no N x N matrix) is
# kept, so 64 positions cost megabytes, not gigabytes, at N=2,000.
@st.cache_resource(show_spinner=False, max_entries=64, ttl=3600)
def cached_round(survey_key: str, kind: str, settings_json: str, history_key: str,
                 _participants, _vectors, _signals, _history, _issues=()) -> RoundResult:
    # _issues (the embedder's fallback) follows from the key: the requested model (in settings_json)
    # and the one used (kind).
    result = run_round(_participants, _vectors, Settings.from_json(settings_json), _history, signals=_signals,
                       issues=_issues)
    cached_metrics(round_key(survey_key, kind, settings_json, history_key), result)  # while the score is at hand
    return result.slim()


def round_key(*parts: str) -> str:
    """A short content key for one round (the same strings that key its cached result)."""
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:24]


@st.cache_resource(show_spinner=False, max_entries=64, ttl=3600)
def cached_metrics(key: str, _result: RoundResult) -> RoundMetrics:
    """The round's numbers, computed once per round (``key`` from :func:`round_key`), not once per rerun:
    the popularity exposure needs the N x N score, which a slim result rebuilds from the signals."""
    return round_metrics(_result)


@st.cache_data(show_spinner=False, max_entries=16)
def cached_fairness_curve(survey_key: str, kind: str, settings_json: str, history_key: str,
                          _participants, _vectors, _signals, _history, lambdas: tuple[float, ...]) -> pd.DataFrame:
    """Total vs lowest pair score for a range of fairness weights (the 'price of fairness').

    1:1 rounds use :func:`matching.solve.curve.fairness_curve` (every pairing proven over all pairs and
    the curve monotone by construction); groups and mentoring formats are re-solved per lambda."""
    base = Settings.from_json(settings_json)
    first = run_round(_participants, _vectors, base.replace(fairness=0.0), _history, signals=_signals)
    if first.format is None and first.feasible:
        n_groups = max(len(first.participants) // 2, 1)
        points = fairness_curve(first.weight, [lam * n_groups for lam in lambdas], quality=first.score,
                                **solve_kwargs(base, first.constraints))
        return pd.DataFrame([{"fairness": p.fairness / n_groups, "total": p.total, "lowest": p.lowest,
                              "gap": p.gap, "proven": p.proven} for p in points])
    rows = []
    for lam in lambdas:
        r = run_round(_participants, _vectors, base.replace(fairness=lam), _history, signals=_signals)
        if not r.feasible:
            continue
        scores = r.solution.group_scores
        rows.append({"fairness": lam, "total": float(sum(scores)), "lowest": float(min(scores)) if scores else float("nan"),
                     "mean": float(sum(scores) / len(scores)) if scores else float("nan")})
    return pd.DataFrame(rows)


def map_coordinates(survey_key: str, kind: str, settings: Settings, profile_vectors):
    """The participant map's 2-D projection of one survey's profile vectors, computed once per survey,
    embedder and embedded text (the keys of the vectors themselves), not on every slider step."""
    return _cached_map_coordinates(survey_key, kind, text_key(settings), profile_vectors)


@st.cache_data(show_spinner=False, max_entries=16)
def _cached_map_coordinates(survey_key: str, kind: str, text: str, _vectors):
    from threadpoolctl import threadpool_limits

    from matching.report.plots import map_coordinates as project

    # A small SVD: with OpenBLAS's second thread waiting for a busy core it took 1-2 s on a 2-core
    # machine, 0.01 s on one thread.
    with threadpool_limits(1, user_api="blas"):
        return project(_vectors)


@st.cache_data(show_spinner=False, max_entries=16)
def cached_raw_table(digest: str, _data: bytes, filename: str):
    from matching.intake.read import read_table

    return read_table(_data, filename=filename)
