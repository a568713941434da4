"""Feedback -> training rows -> cross-validated models -> a report and (when trustworthy) a model.

:func:`learn` changes nothing by itself: it returns a :class:`LearnReport` whose ``model`` is None
when the data are too few, hold one class, or look leaked. Applying weights or saving the model is
the caller's decision.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

import numpy as np
import pandas as pd

from .evaluate import (LEAK_AUC, best_blend, calibration, comparison_table, cross_validate, leaking_features)
from .features import current_weights, fingerprint, person_effects, training_data, with_person_effects
from .feedback import LabelRule, summarise
from .models import MODEL_KINDS, LearnedModel, make_model, prior_coefficients, suggested_weights

MIN_LABELLED = 50
MIN_ROUNDS = 2
BOOSTING_MARGIN = 0.01  # ROC-AUC by which boosting must beat the logistic model to become the learned signal


@dataclass
class LearnReport:
    """What learning found. ``status`` is 'ok', 'too_little_data' or 'refused'."""

    status: str
    messages: list[str]
    summary: dict
    comparison: pd.DataFrame = field(default_factory=pd.DataFrame)
    calibration: pd.DataFrame = field(default_factory=pd.DataFrame)
    importances: dict[str, pd.DataFrame] = field(default_factory=dict)
    coefficients: pd.DataFrame = field(default_factory=pd.DataFrame)
    person_effects: pd.DataFrame = field(default_factory=pd.DataFrame)
    blend: dict[float, float] = field(default_factory=dict)
    model: LearnedModel | None = None

    @property
    def ok(self) -> bool:
        return self.status == "ok" and self.model is not None

    def to_dict(self) -> dict:
        """JSON-ready report (the CLI's ``--report``): CV metrics of each model and baseline."""
        def table(df: pd.DataFrame) -> list[dict]:
            return [{k: (None if isinstance(v, float) and not np.isfinite(v) else v) for k, v in r.items()}
                    for r in df.to_dict("records")]

        out = {"status": self.status, "messages": self.messages, "summary": self.summary,
               "cross_validation": table(self.comparison), "calibration": table(self.calibration),
               "permutation_importance": {k: table(v) for k, v in self.importances.items()},
               "coefficients": table(self.coefficients),
               "blend_roc_auc": {str(k): (v if np.isfinite(v) else None) for k, v in self.blend.items()}}
        if self.model is not None:
            out.update({"chosen_model": self.model.kind, "suggested_weights": self.model.suggested_weights,
                        "learned_weight": self.model.learned_weight, "fingerprint": self.model.fingerprint})
        return out


def _refuse(status: str, messages: list[str], summary: dict, **extra) -> LearnReport:
    return LearnReport(status, messages + ["Nothing was changed."], summary, **extra)


def learn(feedback: pd.DataFrame, participants: pd.DataFrame, signals, weights: Mapping[str, float],
          rule: LabelRule | None = None, *, strength: float = 20.0, seed: int = 0, n_splits: int = 5,
          leak_threshold: float = LEAK_AUC) -> LearnReport:
    """Learn what makes a good meeting from feedback, and say how much better it is than the sliders.

    Parameters
    ----------
    feedback : DataFrame
        Feedback table (``round, rater, partner, rating, met, comment``; people as participant ids).
    participants : DataFrame
        Canonical participants table of the survey the people answered.
    signals : SignalSet
        The survey's signals (built-in and column signals).
    weights : mapping
        The organizer's current weights: the baseline, and the prior the logistic model leans on.
    rule : LabelRule, optional
        What counts as a good meeting (default: met and rating >= 4, or "yes").
    strength : float, default 20
        How hard the logistic model is pulled toward the current weights.
    seed : int, default 0
        For the boosting model and the permutation importances.
    n_splits : int, default 5
        At most this many folds; each holds out whole rounds.
    leak_threshold : float, default 0.97
        ROC-AUC at which a single feature or a model is treated as leaked and refused.
    """
    rule = rule or LabelRule()
    weights = current_weights(signals, weights)
    summary = summarise(feedback, rule)
    data = training_data(feedback, rule.label(feedback), participants, signals, weights)
    summary.update({"training_rows": int(len(data.y)), "training_rounds": int(len(np.unique(data.rounds))),
                    "training_good": int(data.y.sum())})
    if len(data.y) < MIN_LABELLED:
        return _refuse("too_little_data", [f"Only {len(data.y)} labelled meetings between people of this survey; "
                                           f"at least {MIN_LABELLED} are needed to learn anything reliable."], summary)
    if len(np.unique(data.y)) < 2:
        kind = "good" if data.y[0] == 1 else "not good"
        return _refuse("too_little_data", [f"Every labelled meeting was {kind}, so there is nothing to tell apart. "
                                           "Check the label rule (minimum rating)."], summary)
    if summary["training_rounds"] < MIN_ROUNDS:
        return _refuse("too_little_data", ["All the feedback is from one round; models must be checked on a round they "
                                           "were not trained on, which needs feedback from at least 2 rounds."], summary)
    leaks = leaking_features(data, leak_threshold)
    if leaks:
        names = ", ".join(f"'{k}' (ROC-AUC {v:.2f})" for k, v in leaks.items())
        return _refuse("refused", [f"{names} alone tells good from bad meetings almost perfectly. A feature that good is "
                                   "almost surely built from the feedback itself (leakage); remove it and learn again."],
                       summary)
    cv = cross_validate(data, weights, strength=strength, seed=seed, n_splits=n_splits)
    table = comparison_table(cv, data.y)
    extra = dict(comparison=table, calibration=calibration(cv, data.y), importances=cv.importances)
    best = float(table.loc[table["model"].isin(MODEL_KINDS), "roc_auc"].max())
    if best >= leak_threshold:
        return _refuse("refused", [f"Cross-validated ROC-AUC of {best:.2f} is suspiciously high for meeting feedback; "
                                   "a feature probably carries the answers (leakage). Check the column signals."],
                       summary, **extra)
    return _finish(data, cv, table, extra, summary, weights, rule, strength, seed)


def _finish(data, cv, table, extra, summary, weights, rule, strength, seed) -> LearnReport:
    """Fit the final models on every row and assemble the report."""
    pair_auc = {k: float(table.set_index("model").at[f"{k} (pair fit)", "roc_auc"]) for k in MODEL_KINDS}
    # The logistic model scores a whole survey in one weighted sum; boosting must beat it clearly to be used.
    chosen = "boosting" if np.nan_to_num(pair_auc["boosting"], nan=-1) > pair_auc["logistic"] + BOOSTING_MARGIN \
        else "logistic"
    everyone = np.arange(len(data.y))
    X = with_person_effects(data, everyone, everyone, in_training=True).to_numpy(float)
    prior = prior_coefficients(data.names, data.signal_features, weights, data.baseline["hand-set weights"], data.y)
    fitted = {k: make_model(k, prior, strength, seed).fit(X, data.y) for k in MODEL_KINDS}
    logistic = fitted["logistic"]
    suggested, notes = suggested_weights(logistic.coef_, data.names, data.signal_features, weights)
    alpha, blend = best_blend(cv, data.y, chosen, data.rounds)
    total = sum(v for k, v in weights.items() if k in data.signal_features)
    learned_weight = float(min(1.0, round(alpha / (1 - alpha) * total / 0.05) * 0.05)) if alpha < 1 else 1.0
    coefficients = pd.DataFrame({"feature": data.names, "coefficient": logistic.coef_, "prior": prior})
    base = float(table.set_index("model").at["hand-set weights", "roc_auc"])
    messages = [f"The learned pair signal ({chosen}) reaches ROC-AUC {pair_auc[chosen]:.3f} on rounds it was not "
                f"trained on; the current hand-set weights reach {base:.3f} on the same folds."] + notes
    if not pair_auc[chosen] > base:
        messages.append("The learned signal does not beat the hand-set weights; its suggested weight is 0.")
        learned_weight = 0.0
    model = LearnedModel(kind=chosen, estimator=fitted[chosen], names=data.names, signal_features=data.signal_features,
                         fingerprint=fingerprint(data.names), suggested_weights=suggested, learned_weight=learned_weight,
                         label_rule={"min_rating": rule.min_rating, "require_met": rule.require_met},
                         metrics={r["model"]: r["roc_auc"] for r in table.to_dict("records")},
                         trained_on={"rows": int(len(data.y)), "rounds": sorted(int(r) for r in np.unique(data.rounds))})
    return LearnReport("ok", messages, summary, coefficients=coefficients, person_effects=_people(data),
                       blend=blend, model=model, **extra)


def _people(data) -> pd.DataFrame:
    """Each person's estimated leniency (as rater) and popularity (as partner), from every row."""
    everyone = np.ones(len(data.y), bool)
    people = sorted(set(data.rater) | set(data.partner))
    keys = np.array(people, dtype=object)
    out = pd.DataFrame({"id": people,
                        "leniency": person_effects(data.rater, data.y, data.rounds, everyone, keys),
                        "popularity": person_effects(data.partner, data.y, data.rounds, everyone, keys)})
    out["ratings_given"] = out["id"].map(pd.Series(data.rater).value_counts()).fillna(0).astype(int)
    out["ratings_received"] = out["id"].map(pd.Series(data.partner).value_counts()).fillna(0).astype(int)
    return out
