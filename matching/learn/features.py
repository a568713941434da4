"""Training rows: every signal value of a (rater, partner) pair, simple pair features, person effects.

Person effects (how lenient a rater is, how well liked a partner is in general) are target
encodings computed only from rows outside the row's own round group, so a row never sees its own
label. When the learned pair signal is scored for a new round they are set to zero (neutral), so
the signal measures pair fit, not "popular people score high".
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

import numpy as np
import pandas as pd

# Signals that come from learning or history: never inputs of the learned model.
LEARN_SIGNALS = ("learned", "ppr", "cf")
PAIR_FEATURES = ("wants_directed", "same_role", "stage_gap", "distance", "tz_overlap", "tag_overlap")
PERSON_FEATURES = ("rater_leniency", "partner_popularity")
SMOOTHING = 5.0  # pseudo-count of the global rate in the person-effect encodings


@dataclass
class PairContext:
    """Per-person arrays the pair features read (built once per survey; ids become indices here)."""

    ids: list[str]
    roles: np.ndarray
    stage: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    offsets: np.ndarray
    tags: list[frozenset]

    @property
    def position(self) -> dict[str, int]:
        return {pid: k for k, pid in enumerate(self.ids)}


def pair_context(participants: pd.DataFrame, signals) -> PairContext:
    """Collect what the pair features need from the participants table and the signal set."""
    from ..scoring import offsets_for

    n = len(participants)

    def num(col: str) -> np.ndarray:
        if col not in participants:
            return np.full(n, np.nan)
        return pd.to_numeric(participants[col], errors="coerce").to_numpy(float)

    roles = participants["role"].fillna("").astype(str).to_numpy() if "role" in participants else np.array([""] * n)
    return PairContext(ids=participants["id"].astype(str).tolist(), roles=roles, stage=num("stage_ordinal"),
                       lat=num("lat"), lon=num("lon"), offsets=offsets_for(participants), tags=list(signals.tags))


def signal_names(signals) -> list[str]:
    """The signal matrices the model reads: built-in and column signals, never learned/history ones."""
    return sorted(s for s in signals.matrices if s not in LEARN_SIGNALS)


def current_weights(signals, weights) -> dict[str, float]:
    """The organizer's weight of every signal the model reads (column signals the weights do not
    name count at their default weight, as in :func:`matching.scoring.combine`)."""
    from ..scoring.combine import full_weights

    full = full_weights(signals, weights)
    return {k: float(full.get(k, 0.0)) for k in signal_names(signals)}


def feature_names(signals) -> list[str]:
    return signal_names(signals) + list(PAIR_FEATURES) + list(PERSON_FEATURES)


def fingerprint(names: list[str]) -> str:
    """Stable short hash of the feature list: a model only applies to surveys with the same features."""
    return hashlib.sha256(json.dumps(list(names)).encode()).hexdigest()[:16]


def _tag_overlap(tags: list[frozenset], i: np.ndarray, j: np.ndarray) -> np.ndarray:
    inc = _incidence(tags)
    if inc is None:
        return np.zeros(len(i))
    shared = np.asarray(inc[i].multiply(inc[j]).sum(axis=1)).ravel()
    return np.minimum(shared, 5.0) / 5.0


def pair_features(ctx: PairContext, signals, i: np.ndarray, j: np.ndarray) -> dict[str, np.ndarray]:
    """Signal values and pair features for directed pairs (i rates j), NaN where unknown.

    A signal with no data for a pair (``signals.available`` False) is NaN, like a missing answer.
    """
    i, j = np.asarray(i, int), np.asarray(j, int)
    out: dict[str, np.ndarray] = {}
    for name in signal_names(signals):
        vals = np.asarray(signals.matrices[name][i, j], float)
        avail = signals.available.get(name) if hasattr(signals, "available") else None
        if avail is not None:
            vals = np.where(np.asarray(avail[i, j], bool), vals, np.nan)
        out[name] = vals
    out["wants_directed"] = np.asarray(signals.wants_fit[i, j], float)
    out["same_role"] = (ctx.roles[i] == ctx.roles[j]).astype(float)
    out["stage_gap"] = np.abs(ctx.stage[i] - ctx.stage[j]) / 5.0
    places = np.column_stack([ctx.lat, ctx.lon])
    out["distance"] = _haversine(places[i], places[j])
    out["tz_overlap"] = _tz(ctx.offsets[i], ctx.offsets[j])
    out["tag_overlap"] = _tag_overlap(ctx.tags, i, j)
    return out


def _pairwise(keys: np.ndarray, fn) -> np.ndarray:
    """``fn(a, b)`` for every pair of people, computed once per pair of *distinct* values.

    Roles, stages, time zones and places repeat a lot, so a K x K table plus one lookup is far
    cheaper than N x N arithmetic. ``keys`` is (N,) or (N, d); ``fn`` gets broadcastable arrays.
    """
    keys = np.asarray(keys)
    flat = keys if keys.ndim == 1 else keys.view([("", keys.dtype)] * keys.shape[1]).ravel()
    uniq, codes = np.unique(flat, return_inverse=True)
    u = uniq if keys.ndim == 1 else uniq.view(keys.dtype).reshape(len(uniq), keys.shape[1])
    table = fn(u[:, None], u[None, :]) if keys.ndim == 1 else fn(u[:, None, :], u[None, :, :])
    return np.asarray(table, float)[codes[:, None], codes[None, :]]


def _haversine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    la, lb = np.radians(a[..., 0]), np.radians(b[..., 0])
    h = np.sin((la - lb) / 2) ** 2 + np.cos(la) * np.cos(lb) * np.sin(np.radians(a[..., 1] - b[..., 1]) / 2) ** 2
    return 2 * 6371.0088 * np.arcsin(np.sqrt(np.clip(h, 0, 1))) / 20015.0


def _tz(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    diff = np.abs(a - b) % 24
    return np.clip(12.0 - np.minimum(diff, 24 - diff), 0.0, 12.0) / 12.0


def feature_matrices(ctx: PairContext, signals) -> dict[str, np.ndarray]:
    """Every signal and pair feature as a full N x N matrix (row rates column); same values as
    :func:`pair_features`, computed over distinct values so a whole survey is scored at once."""
    out: dict[str, np.ndarray] = {}
    for name in signal_names(signals):
        m = np.asarray(signals.matrices[name], float)
        avail = signals.available.get(name) if hasattr(signals, "available") else None
        out[name] = np.where(np.asarray(avail, bool), m, np.nan) if avail is not None else m
    out["wants_directed"] = np.asarray(signals.wants_fit, float)
    _, role_codes = np.unique(ctx.roles.astype(str), return_inverse=True)
    out["same_role"] = _pairwise(role_codes, lambda a, b: (a == b).astype(float))
    out["stage_gap"] = _pairwise(ctx.stage, lambda a, b: np.abs(a - b) / 5.0)
    out["distance"] = _pairwise(np.column_stack([ctx.lat, ctx.lon]), _haversine)
    out["tz_overlap"] = _pairwise(ctx.offsets, _tz)
    inc = _incidence(ctx.tags)
    n = len(ctx.tags)
    out["tag_overlap"] = (np.minimum((inc @ inc.T).toarray(), 5.0) / 5.0 if inc is not None else np.zeros((n, n)))
    return out


def _incidence(tags: list[frozenset]):
    """Sparse person x tag matrix, or None when nobody has tags."""
    from scipy import sparse

    vocab: dict[str, int] = {}
    rows, cols = [], []
    for k, ts in enumerate(tags):
        for t in ts:
            rows.append(k)
            cols.append(vocab.setdefault(t, len(vocab)))
    if not vocab:
        return None
    return sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(tags), len(vocab)))


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-3, 1 - 1e-3)
    return np.log(p / (1 - p))


def person_effects(keys: np.ndarray, labels: np.ndarray, groups: np.ndarray, train: np.ndarray,
                   query_keys: np.ndarray, query_groups: np.ndarray | None = None) -> np.ndarray:
    """Smoothed logit of each person's good-meeting rate minus the overall rate.

    Computed from the ``train`` rows only. When ``query_groups`` is given (encoding training rows),
    a row's own round group is left out of its person's rate, so no row sees its own label.
    """
    keys, labels, groups = np.asarray(keys), np.asarray(labels, float), np.asarray(groups)
    tk, tl, tg = keys[train], labels[train], groups[train]
    prior = float(tl.mean()) if tl.size else 0.5
    frame = pd.DataFrame({"k": tk, "y": tl, "g": tg})
    tot = frame.groupby("k")["y"].agg(["sum", "count"])
    s = pd.Series(query_keys).map(tot["sum"]).fillna(0.0).to_numpy()
    c = pd.Series(query_keys).map(tot["count"]).fillna(0.0).to_numpy()
    if query_groups is not None:
        by_group = frame.groupby(["k", "g"])["y"].agg(["sum", "count"])
        idx = pd.MultiIndex.from_arrays([np.asarray(query_keys), np.asarray(query_groups)])
        s = s - by_group["sum"].reindex(idx).fillna(0.0).to_numpy()
        c = c - by_group["count"].reindex(idx).fillna(0.0).to_numpy()
    rate = (s + SMOOTHING * prior) / (c + SMOOTHING)
    return _logit(rate) - _logit(np.array([prior]))[0]


@dataclass
class TrainingData:
    """Feature table of labelled (rater, partner) rows, ready for grouped cross-validation."""

    X: pd.DataFrame            # signal + pair features (person effects are added per fold)
    y: np.ndarray              # 1 good, 0 not good
    rounds: np.ndarray
    rater: np.ndarray          # participant ids
    partner: np.ndarray
    baseline: dict[str, np.ndarray]   # hand-set / uniform combined score per row
    signal_features: list[str]
    names: list[str]           # all features incl. person effects, model column order


def training_data(feedback: pd.DataFrame, labels: pd.Series, participants: pd.DataFrame, signals,
                  weights: dict[str, float]) -> TrainingData:
    """Build the training rows of labelled feedback whose two people are both in the survey.

    Parameters
    ----------
    feedback : DataFrame
        Feedback table (``FEEDBACK_COLUMNS``); rater and partner are participant ids.
    labels : Series
        Output of :meth:`LabelRule.label` for ``feedback`` (NaN rows are dropped).
    participants : DataFrame
        Canonical participants table the signals were computed from.
    signals : SignalSet
        Built-in and column signals of the survey.
    weights : dict
        The organizer's current weights: the hand-set baseline.
    """
    from ..scoring import combine

    ctx = pair_context(participants, signals)
    pos = ctx.position
    fb = feedback.assign(_y=labels.to_numpy())
    fb = fb.loc[fb["_y"].notna() & fb["rater"].isin(pos) & fb["partner"].isin(pos)]
    i = fb["rater"].map(pos).to_numpy(int)
    j = fb["partner"].map(pos).to_numpy(int)
    feats = pair_features(ctx, signals, i, j)
    names = signal_names(signals)
    usable = {k: float(v) for k, v in weights.items() if k in signals.matrices}
    hand = combine(_only(signals, usable), usable)[i, j] if sum(usable.values()) > 0 else np.zeros(len(i))
    uniform = {k: 1.0 for k in names}
    base = {"hand-set weights": hand, "uniform weights": combine(_only(signals, uniform), uniform)[i, j]}
    return TrainingData(X=pd.DataFrame(feats), y=fb["_y"].to_numpy(float).astype(int), rounds=fb["round"].to_numpy(int),
                        rater=fb["rater"].to_numpy(str), partner=fb["partner"].to_numpy(str), baseline=base,
                        signal_features=names, names=names + list(PAIR_FEATURES) + list(PERSON_FEATURES))


def _only(signals, weights: dict[str, float]):
    """A view of the signal set restricted to the weighted signals (combine wants exactly those)."""
    from copy import copy

    view = copy(signals)
    view.matrices = {k: signals.matrices[k] for k in weights}
    view.available = {k: signals.available[k] for k in weights}
    return view


def with_person_effects(data: TrainingData, train: np.ndarray, rows: np.ndarray, in_training: bool) -> pd.DataFrame:
    """Feature table of ``rows`` with person effects encoded from the ``train`` rows only."""
    X = data.X.iloc[rows].copy()
    groups = data.rounds[rows] if in_training else None
    X["rater_leniency"] = person_effects(data.rater, data.y, data.rounds, train, data.rater[rows], groups)
    X["partner_popularity"] = person_effects(data.partner, data.y, data.rounds, train, data.partner[rows], groups)
    return X[data.names]
