"""The two learners: a logistic regression pulled toward the organizer's weights, and gradient boosting.

Both follow scikit-learn's convention (the constructor stores parameters, ``fit`` learns, fitted
state ends in ``_``) and take plain float arrays whose columns are the feature names in order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

import numpy as np

from .features import PERSON_FEATURES

SLIDER_STEP = 0.05
MAX_NEWTON = 50


class PriorLogistic:
    """Logistic regression with an L2 penalty toward prior coefficients instead of toward zero.

    Minimises ``sum(log loss) + strength / 2 * ||coef - prior||^2`` by Newton steps with
    backtracking (few features: each step is one small linear solve). With few rows the prior
    (the organizer's weights) dominates, with many rows the data does.

    Parameters
    ----------
    prior : array of shape (n_features,), optional
        Coefficients to shrink toward (zeros when omitted).
    strength : float, default 20
        Penalty strength, in units of "rows of evidence".
    """

    def __init__(self, prior: np.ndarray | None = None, strength: float = 20.0):
        self.prior = prior
        self.strength = strength

    def fit(self, X: np.ndarray, y: np.ndarray) -> "PriorLogistic":
        X = np.asarray(X, float)
        y = np.asarray(y, float)
        fill = np.nanmean(np.where(np.isfinite(X), X, np.nan), axis=0) if len(X) else np.zeros(X.shape[1])
        self.fill_ = np.nan_to_num(fill, nan=0.0)
        Xa = np.column_stack([self._fill(X), np.ones(len(X))])
        p_feat = X.shape[1]
        prior = np.append(np.zeros(p_feat) if self.prior is None else np.asarray(self.prior, float), 0.0)
        penalty = np.append(np.full(p_feat, float(self.strength)), 0.0)  # the intercept is not pulled
        rate = np.clip(y.mean(), 1e-3, 1 - 1e-3) if len(y) else 0.5
        theta = prior.copy()
        theta[-1] = np.log(rate / (1 - rate)) - float(Xa[:, :-1].mean(axis=0) @ prior[:-1]) if len(X) else 0.0
        self.converged_ = False
        for _ in range(MAX_NEWTON):
            step, grad = self._newton_step(Xa, y, theta, prior, penalty)
            t, f0 = 1.0, self._objective(Xa, y, theta, prior, penalty)
            while t > 1e-8 and self._objective(Xa, y, theta - t * step, prior, penalty) > f0 - 1e-4 * t * grad @ step:
                t /= 2.0  # backtracking keeps every step a descent step (the loss is convex)
            theta = theta - t * step
            if np.max(np.abs(t * step)) < 1e-8 or np.max(np.abs(grad)) < 1e-7:
                self.converged_ = True
                break
        self.coef_, self.intercept_ = theta[:-1], float(theta[-1])
        return self

    @staticmethod
    def _objective(Xa, y, theta, prior, penalty) -> float:
        z = Xa @ theta
        return float(np.sum(np.logaddexp(0.0, z) - y * z) + 0.5 * np.sum(penalty * (theta - prior) ** 2))

    @staticmethod
    def _newton_step(Xa, y, theta, prior, penalty) -> tuple[np.ndarray, np.ndarray]:
        p = 1.0 / (1.0 + np.exp(-(Xa @ theta)))
        grad = Xa.T @ (p - y) + penalty * (theta - prior)
        hess = (Xa * (p * (1 - p))[:, None]).T @ Xa + np.diag(penalty + 1e-9)
        return np.linalg.solve(hess, grad), grad

    def _fill(self, X: np.ndarray) -> np.ndarray:
        X = np.asarray(X, float)
        return np.where(np.isfinite(X), X, self.fill_)

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Probability of a good meeting for each row."""
        z = self._fill(X) @ self.coef_ + self.intercept_
        return 1.0 / (1.0 + np.exp(-z))


class Boosting:
    """scikit-learn HistGradientBoostingClassifier with settings for small, noisy feedback data."""

    def __init__(self, random_state: int = 0, max_iter: int = 100):
        self.random_state = random_state
        self.max_iter = max_iter

    def fit(self, X: np.ndarray, y: np.ndarray) -> "Boosting":
        from sklearn.ensemble import HistGradientBoostingClassifier

        self.model_ = HistGradientBoostingClassifier(
            max_iter=self.max_iter, learning_rate=0.05, max_leaf_nodes=15, min_samples_leaf=20,
            l2_regularization=1.0, early_stopping=False, random_state=self.random_state)
        with _one_thread():
            self.model_.fit(np.asarray(X, float), np.asarray(y, int))
        return self

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        with _one_thread():
            return self.model_.predict_proba(np.asarray(X, float))[:, 1]


def _one_thread():
    """OpenMP pinned to one thread: on small tables (and a shared 2-core machine) the thread start-up
    and spin-waiting of each tree's parallel loop cost far more than they save."""
    global _CONTROLLER
    if _CONTROLLER is None:
        from threadpoolctl import ThreadpoolController

        _CONTROLLER = ThreadpoolController()  # scanning the loaded libraries is slow: do it once
    return _CONTROLLER.limit(limits=1, user_api="openmp")


_CONTROLLER = None


MODEL_KINDS = ("logistic", "boosting")


def make_model(kind: str, prior: np.ndarray, strength: float, seed: int):
    """A fresh, unfitted learner of the given kind."""
    if kind == "logistic":
        return PriorLogistic(prior=prior, strength=strength)
    if kind == "boosting":
        return Boosting(random_state=seed)
    raise ValueError(f"The model kind must be one of {', '.join(MODEL_KINDS)}. Got {kind!r} instead.")


def prior_coefficients(names: list[str], signal_features: list[str], weights: Mapping[str, float],
                       hand_score: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The organizer's weights as logistic coefficients.

    The hand-set score is the weighted mean of the signals, so a logistic model on it alone,
    ``logit p = a + b * score``, has signal coefficients ``b * w_k / sum(w)``. ``b`` is fitted on the
    training rows; every other feature's prior is zero.
    """
    total = sum(float(weights.get(s, 0.0)) for s in signal_features)
    prior = np.zeros(len(names))
    if total <= 0 or len(np.unique(y)) < 2:
        return prior
    slope = PriorLogistic(strength=1e-6).fit(np.asarray(hand_score, float)[:, None], y).coef_[0]
    for k, name in enumerate(names):
        if name in signal_features:
            prior[k] = slope * float(weights.get(name, 0.0)) / total
    return prior


def pair_only(X: np.ndarray, names: list[str]) -> np.ndarray:
    """The same rows with person effects set to neutral (0): what the learned pair signal sees."""
    X = np.array(X, float, copy=True)
    for name in PERSON_FEATURES:
        if name in names:
            X[:, names.index(name)] = 0.0
    return X


def suggested_weights(coef: np.ndarray, names: list[str], signal_features: list[str],
                      current: Mapping[str, float]) -> tuple[dict[str, float], list[str]]:
    """Slider weights from logistic coefficients, keeping the sum of the current weights.

    Negative coefficients become 0 (a slider cannot push pairs apart) and are reported.
    """
    notes = []
    positive = {}
    for name in signal_features:
        c = float(coef[names.index(name)])
        positive[name] = max(c, 0.0)
        if c < 0 and float(current.get(name, 0.0)) > 0:
            notes.append(f"Feedback says '{name}' works against a good meeting (coefficient {c:.2f}); its suggested weight is 0.")
    total_now = sum(float(current.get(s, 0.0)) for s in signal_features)
    mass = sum(positive.values())
    if mass <= 0 or total_now <= 0:
        notes.append("No signal is positively related to good meetings; the current weights are kept.")
        return {s: float(current.get(s, 0.0)) for s in signal_features}, notes
    out = {s: float(np.clip(np.round(positive[s] / mass * total_now / SLIDER_STEP) * SLIDER_STEP, 0.0, 1.0))
           for s in signal_features}
    if sum(out.values()) <= 0:
        best = max(positive, key=positive.get)
        out[best] = SLIDER_STEP
    return out, notes


@dataclass
class LearnedModel:
    """A fitted model ready to score new pairs, with what it was trained on and how well it did."""

    kind: str
    estimator: object
    names: list[str]
    signal_features: list[str]
    fingerprint: str
    suggested_weights: dict[str, float]
    learned_weight: float
    label_rule: dict
    metrics: dict = field(default_factory=dict)
    trained_on: dict = field(default_factory=dict)

    def predict_pairs(self, X: np.ndarray) -> np.ndarray:
        """Probability of a good meeting from pair fit alone (person effects neutral)."""
        return self.estimator.predict_proba(pair_only(X, self.names))
