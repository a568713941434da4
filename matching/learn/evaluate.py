"""Honest evaluation: cross-validation grouped by round, ROC-AUC, PR-AUC, calibration, importances.

A round's meetings are never split between training and test, and the hand-set weights are scored
on exactly the same test folds, so the comparison table compares like with like.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .features import TrainingData, with_person_effects
from .models import MODEL_KINDS, make_model, pair_only, prior_coefficients

LEAK_AUC = 0.97        # a single feature (or a model) this good on feedback is almost surely leakage
PERMUTATION_ROWS = 1000
BLEND_GRID = (0.0, 0.2, 0.4, 0.5, 0.6, 0.8)
MODEL_LABELS = {"logistic": "logistic regression", "boosting": "gradient boosting"}


def auc(y: np.ndarray, score: np.ndarray) -> float:
    """ROC-AUC (Mann-Whitney, ties count half), NaN when the rows hold one class only."""
    from scipy.stats import rankdata

    score = np.asarray(score, float)
    ok = np.isfinite(score)
    y = np.asarray(y)[ok].astype(bool)
    n_pos = int(y.sum())
    n_neg = len(y) - n_pos
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    ranks = rankdata(score[ok])
    return float((ranks[y].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def pr_auc(y: np.ndarray, score: np.ndarray) -> float:
    from sklearn.metrics import average_precision_score

    y = np.asarray(y)
    if len(np.unique(y)) < 2:
        return float("nan")
    return float(average_precision_score(y, np.nan_to_num(np.asarray(score, float), nan=0.0)))


def grouped_folds(rounds: np.ndarray, n_splits: int = 5) -> list[tuple[np.ndarray, np.ndarray]]:
    """(train, test) row indices with whole rounds held out; at most ``n_splits`` folds."""
    from sklearn.model_selection import GroupKFold

    k = min(n_splits, len(np.unique(rounds)))
    idx = np.arange(len(rounds))
    return [(tr, te) for tr, te in GroupKFold(n_splits=k).split(idx, groups=rounds)]


def leaking_features(data: TrainingData, threshold: float = LEAK_AUC) -> dict[str, float]:
    """Features that alone separate good from bad meetings almost perfectly (ROC-AUC, either sign)."""
    out = {}
    for name in data.X.columns:
        a = auc(data.y, data.X[name].to_numpy(float))
        if np.isfinite(a) and max(a, 1 - a) >= threshold:
            out[name] = max(a, 1 - a)
    return out


@dataclass
class CVResult:
    """Out-of-fold predictions and per-fold scores of every model and baseline."""

    oof: dict[str, np.ndarray]
    fold_auc: dict[str, list[float]]
    fold_pr: dict[str, list[float]]
    importances: dict[str, pd.DataFrame] = field(default_factory=dict)
    folds: int = 0


def _fold_matrices(data: TrainingData, tr: np.ndarray, te: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    Xtr = with_person_effects(data, tr, tr, in_training=True).to_numpy(float)
    Xte = with_person_effects(data, tr, te, in_training=False).to_numpy(float)
    return Xtr, Xte


def _permutation(model, Xte: np.ndarray, yte: np.ndarray, base: float, rng: np.random.Generator,
                 repeats: int = 2) -> np.ndarray:
    """Drop in ROC-AUC when each column is shuffled (mean over ``repeats`` shuffles).

    Large folds are subsampled to ``PERMUTATION_ROWS`` rows: the ranking of features is stable
    long before that, and this step would otherwise dominate learning time.
    """
    if len(yte) > PERMUTATION_ROWS:
        keep = rng.choice(len(yte), PERMUTATION_ROWS, replace=False)
        Xte, yte = Xte[keep], yte[keep]
        base = auc(yte, model.predict_proba(Xte))
    drops = np.zeros(Xte.shape[1])
    for c in range(Xte.shape[1]):
        vals = []
        for _ in range(repeats):
            Xp = Xte.copy()
            Xp[:, c] = rng.permutation(Xp[:, c])
            vals.append(base - auc(yte, model.predict_proba(Xp)))
        drops[c] = np.nanmean(vals)
    return drops


def cross_validate(data: TrainingData, weights: dict[str, float], *, strength: float = 20.0, seed: int = 0,
                   n_splits: int = 5) -> CVResult:
    """Grouped-by-round CV of each model (with person effects, and pair fit alone) and the baselines."""
    rng = np.random.default_rng(seed)
    keys = [*MODEL_KINDS, *(f"{k} (pair fit)" for k in MODEL_KINDS), *data.baseline]
    oof = {k: np.full(len(data.y), np.nan) for k in keys}
    fold_auc: dict[str, list[float]] = {k: [] for k in keys}
    fold_pr: dict[str, list[float]] = {k: [] for k in keys}
    drops: dict[str, list[np.ndarray]] = {k: [] for k in MODEL_KINDS}
    folds = grouped_folds(data.rounds, n_splits)
    for tr, te in folds:
        Xtr, Xte = _fold_matrices(data, tr, te)
        ytr, yte = data.y[tr], data.y[te]
        prior = prior_coefficients(data.names, data.signal_features, weights, data.baseline["hand-set weights"][tr], ytr)
        scores = {k: v[te] for k, v in data.baseline.items()}
        for kind in MODEL_KINDS:
            model = make_model(kind, prior, strength, seed).fit(Xtr, ytr)
            scores[kind] = model.predict_proba(Xte)
            scores[f"{kind} (pair fit)"] = model.predict_proba(pair_only(Xte, data.names))
            if len(np.unique(yte)) == 2:
                drops[kind].append(_permutation(model, Xte, yte, auc(yte, scores[kind]), rng))
        for k, s in scores.items():
            oof[k][te] = s
            fold_auc[k].append(auc(yte, s))
            fold_pr[k].append(pr_auc(yte, s))
    importances = {
        kind: pd.DataFrame({"feature": data.names, "importance": np.mean(d, axis=0), "std": np.std(d, axis=0)})
        .sort_values("importance", ascending=False, ignore_index=True)
        for kind, d in drops.items() if d}
    return CVResult(oof, fold_auc, fold_pr, importances, len(folds))


def comparison_table(cv: CVResult, y: np.ndarray) -> pd.DataFrame:
    """One row per model or baseline: mean and spread of fold ROC-AUC, PR-AUC, pooled ROC-AUC."""
    rows = []
    for k in cv.oof:
        a = np.array(cv.fold_auc[k], float)
        rows.append({"model": k, "roc_auc": float(np.nanmean(a)) if np.isfinite(a).any() else float("nan"),
                     "roc_auc_std": float(np.nanstd(a)) if np.isfinite(a).any() else float("nan"),
                     "pr_auc": float(np.nanmean(cv.fold_pr[k])) if np.isfinite(cv.fold_pr[k]).any() else float("nan"),
                     "pooled_roc_auc": auc(y, cv.oof[k]), "folds": int(np.isfinite(a).sum())})
    return pd.DataFrame(rows)


def calibration(cv: CVResult, y: np.ndarray, bins: int = 10) -> pd.DataFrame:
    """Mean predicted probability vs observed good-meeting rate per quantile bin, for each model."""
    from sklearn.calibration import calibration_curve

    rows = []
    for kind in MODEL_KINDS:
        p = cv.oof[kind]
        ok = np.isfinite(p)
        if ok.sum() < bins or len(np.unique(y[ok])) < 2:
            continue
        frac, mean = calibration_curve(y[ok], p[ok], n_bins=bins, strategy="quantile")
        rows += [{"model": kind, "predicted": float(m), "observed": float(f)} for m, f in zip(mean, frac)]
    return pd.DataFrame(rows, columns=["model", "predicted", "observed"])


def best_blend(cv: CVResult, y: np.ndarray, pair_model: str, rounds: np.ndarray) -> tuple[float, dict[float, float]]:
    """Share of the learned pair signal in a blend with the hand-set score that maximises fold ROC-AUC."""
    hand, learned = cv.oof["hand-set weights"], cv.oof[f"{pair_model} (pair fit)"]
    results = {}
    for alpha in BLEND_GRID:
        s = (1 - alpha) * hand + alpha * learned
        results[alpha] = float(np.nanmean([auc(y[rounds == r], s[rounds == r]) for r in np.unique(rounds)]
                                          or [np.nan]))
    ok = {a: v for a, v in results.items() if np.isfinite(v)}
    return (max(ok, key=ok.get) if ok else 0.0), results


def precision_ndcg_at_k(scores: np.ndarray, relevant: set[int], candidates: np.ndarray, k: int) -> tuple[float, float]:
    """Precision@k and NDCG@k of one person's candidates ranked by ``scores`` (higher first)."""
    order = candidates[np.argsort(-scores[candidates], kind="stable")][:k]
    hits = np.array([1.0 if c in relevant else 0.0 for c in order])
    discounts = 1.0 / np.log2(np.arange(2, len(order) + 2))
    ideal = discounts[:min(len(relevant), len(order))].sum()
    return float(hits.sum() / k), float((hits * discounts).sum() / ideal) if ideal > 0 else 0.0
