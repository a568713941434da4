"""Put learning to use in a round: the ``learned`` signal matrix and the optional history signals."""

from __future__ import annotations

from copy import copy

import numpy as np
import pandas as pd

from .features import pair_context, pair_features
from .history_signals import HISTORY_DESCRIPTIONS, history_signal
from .modelfile import check_compatible
from .models import LearnedModel

LEARNED_DESCRIPTION = ("How likely a good meeting is, learned from past feedback (pair fit only: "
                       "a person's general popularity or leniency does not count).")
CHUNK = 250_000  # pairs scored at once (bounded memory at N = 10,000)


def learned_signal(model: LearnedModel, participants: pd.DataFrame, signals) -> np.ndarray:
    """N x N symmetric matrix of the model's good-meeting probability (mean of both directions).

    Raises :class:`~matching.issues.InputError` when the model was learned on other features.
    """
    check_compatible(model, signals)
    ctx = pair_context(participants, signals)
    n = len(ctx.ids)
    iu, ju = np.triu_indices(n, k=1)
    out = np.zeros((n, n))
    for start in range(0, len(iu), CHUNK):
        a, b = iu[start:start + CHUNK], ju[start:start + CHUNK]
        probs = []
        for i, j in ((a, b), (b, a)):
            feats = pair_features(ctx, signals, i, j)
            # Person effects are not pair features: they stay neutral (0) for a new round.
            X = np.column_stack([feats[c] if c in feats else np.zeros(len(i)) for c in model.names])
            probs.append(model.predict_pairs(X))
        out[a, b] = (probs[0] + probs[1]) / 2.0
    out = out + out.T
    return np.clip(out, 0.0, 1.0)


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
