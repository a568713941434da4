"""Put learning to use in a round: the ``learned`` signal matrix and the optional history signals."""

from __future__ import annotations

from copy import copy

import numpy as np
import pandas as pd

from .features import (_haversine, _incidence, _pairwise, _tz, feature_matrices,
                       pair_context)
from .history_signals import HISTORY_DESCRIPTIONS, history_signal
from .modelfile import check_compatible
from .models import LearnedModel, PriorLogistic

LEARNED_DESCRIPTION = ("How likely a good meeting is, learned from past feedback (pair fit only: "
                       "a person's general popularity or leniency does not count).")
CHUNK = 250_000  # pairs scored at once (bounded memory at N = 10,000)


def learned_signal(model: LearnedModel, participants: pd.DataFrame, signals) -> np.ndarray:
    """N x N symmetric matrix of the model's good-meeting probability (mean of both directions).

    Person effects are neutral (0): the signal is pair fit only. Raises
    :class:`~matching.issues.InputError` when the model was learned on other features.
    """
    check_compatible(model, signals)
    ctx = pair_context(participants, signals)
    if isinstance(model.estimator, PriorLogistic):
        p = _logistic_matrix(model, ctx, signals)
    else:
        p = _rowwise_matrix(model, feature_matrices(ctx, signals))
    out = np.clip((p + p.T) / 2.0, 0.0, 1.0)
    np.fill_diagonal(out, 0.0)
    return out


def _logistic_matrix(model: LearnedModel, ctx, signals) -> np.ndarray:
    """The logistic model on whole matrices: signals weighted in place, and every feature of a
    person's role, stage, time zone and place folded into one table over their distinct combinations."""
    est = model.estimator
    coef = dict(zip(model.names, est.coef_))
    fill = dict(zip(model.names, est.fill_))
    n = len(ctx.ids)
    # float32 halves the memory traffic of these N x N passes; probabilities need no more precision.
    z = _person_pair_table(ctx, coef, fill).astype(np.float32) + np.float32(est.intercept_)
    tmp = np.empty((n, n), np.float32)
    for name in [*model.signal_features, "wants_directed"]:
        if coef[name] == 0:
            continue
        m = signals.wants_fit if name == "wants_directed" else signals.matrices[name]
        avail = None if name == "wants_directed" else signals.available.get(name)
        if avail is None or avail.all():
            np.multiply(m, np.float32(coef[name]), out=tmp, casting="unsafe")
        else:
            tmp.fill(coef[name] * fill[name])
            np.multiply(m, np.float32(coef[name]), out=tmp, where=np.asarray(avail, bool), casting="unsafe")
        z += tmp
    if coef["tag_overlap"] != 0:
        inc = _incidence(ctx.tags)
        if inc is not None:
            z += np.float32(coef["tag_overlap"] / 5.0) * np.minimum((inc @ inc.T).toarray(), 5.0).astype(np.float32)
    np.negative(z, out=z)
    np.exp(z, out=z)
    z += 1.0
    return (1.0 / z).astype(float)


def _person_pair_table(ctx, coef: dict, fill: dict) -> np.ndarray:
    """Sum of the weighted same-role, stage-gap, distance and time-zone terms for every pair."""
    _, role = np.unique(ctx.roles.astype(str), return_inverse=True)
    keys = np.column_stack([role.astype(float), ctx.stage, ctx.lat, ctx.lon, ctx.offsets])

    def terms(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        parts = {"same_role": (a[..., 0] == b[..., 0]).astype(float), "stage_gap": np.abs(a[..., 1] - b[..., 1]) / 5.0,
                 "distance": _haversine(a[..., 2:4], b[..., 2:4]), "tz_overlap": _tz(a[..., 4], b[..., 4])}
        return sum(coef[k] * np.where(np.isnan(v), fill[k], v) for k, v in parts.items())

    return _pairwise(keys, terms)


def _rowwise_matrix(model: LearnedModel, mats: dict[str, np.ndarray]) -> np.ndarray:
    """Any other model, one row per directed pair, in chunks (bounded memory)."""
    n = next(iter(mats.values())).shape[0]
    rows, cols = np.nonzero(~np.eye(n, dtype=bool))
    out = np.zeros((n, n))
    for start in range(0, len(rows), CHUNK):
        a, b = rows[start:start + CHUNK], cols[start:start + CHUNK]
        # Person effects are not pair features: they stay neutral (0) for a new round.
        X = np.column_stack([mats[c][a, b] if c in mats else np.zeros(len(a)) for c in model.names])
        out[a, b] = model.predict_pairs(X)
    return out


def with_learn_signals(signals, participants: pd.DataFrame, model: LearnedModel | None = None,
                       feedback: pd.DataFrame | None = None, labels: pd.Series | None = None,
                       history_kinds: tuple[str, ...] = ()):
    """A copy of ``signals`` with ``learned`` (from ``model``) and history signals added.

    Parameters
    ----------
    signals : SignalSet
        Built-in and column signals of the survey.
    participants : DataFrame
        Canonical participants table.
    model : LearnedModel, optional
        Adds the ``learned`` signal (checked against the survey's features first).
    feedback, labels : DataFrame, Series, optional
        Past feedback and its good/not-good labels; needed for ``history_kinds``.
    history_kinds : tuple of {"ppr", "cf"}
        History signals to add.
    """
    out = copy(signals)
    out.matrices = dict(signals.matrices)
    out.available = dict(signals.available)
    out.descriptions = dict(getattr(signals, "descriptions", {}) or {})
    n = len(participants)
    if model is not None:
        out.matrices["learned"] = learned_signal(model, participants, signals)
        out.available["learned"] = np.ones((n, n), bool)
        out.descriptions["learned"] = LEARNED_DESCRIPTION
    if history_kinds:
        if feedback is None or labels is None:
            raise ValueError("History signals need the feedback table and its labels.")
        ids = participants["id"].astype(str).tolist()
        for kind in history_kinds:
            out.matrices[kind], out.available[kind] = history_signal(kind, feedback, labels, ids)
            out.descriptions[kind] = HISTORY_DESCRIPTIONS[kind]
    return out


def use_model(signals, participants: pd.DataFrame, settings, model_source=None):
    """Signals and settings for a round that uses a learned model (the CLI's ``--model``).

    With a model, the ``learned`` signal is added and weighted as the settings say, or else at the
    model's suggested weight. Without one, settings that weight ``learned`` are refused in plain words.

    Returns
    -------
    signals : SignalSet
    settings : Settings
    notes : list of str
        What was done, for stderr or the screen.
    """
    from ..issues import InputError, Issue
    from .modelfile import load_model

    if model_source is None:
        if settings.weights.get("learned", 0.0) > 0 or "learned" in settings.weights:
            raise InputError([Issue("fatal", "The settings give the 'learned' signal a weight, but no model was given.",
                                    "Add --model MODEL, or remove 'learned' from the weights.")])
        return signals, settings, []
    model = load_model(model_source, signals)
    weight = settings.weights.get("learned")
    notes = []
    if weight is None:
        weight = model.learned_weight
        settings = settings.with_weight("learned", weight)
        notes.append(f"The learned signal joins the combination at its suggested weight {weight:.2f}"
                     + (" (it did not beat the hand-set weights when it was learned, so it changes nothing)."
                        if weight == 0 else "."))
    return with_learn_signals(signals, participants, model=model), settings, notes
