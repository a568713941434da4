"""Do the history signals (and the learned signal) rank the right people first on later rounds?

The latest rounds are held out. Signals are built from the earlier rounds only; then each person's
candidates (everyone taking part in the held-out rounds whom they had not met before) are ranked
by each signal, and precision@k and NDCG@k are measured against the held-out meetings that went well.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .evaluate import precision_ndcg_at_k
from .features import current_weights, training_data, with_person_effects
from .history_signals import HISTORY_SIGNALS, history_signal
from .models import PriorLogistic, prior_coefficients


def _split(feedback: pd.DataFrame, holdout: int | None) -> tuple[np.ndarray, list[int]]:
    rounds = sorted(int(r) for r in feedback["round"].unique())
    h = holdout or max(1, round(0.25 * len(rounds)))
    return feedback["round"].isin(rounds[:-h]).to_numpy(), rounds[-h:]


def _learned_matrix(train_fb, train_labels, participants, signals, weights) -> np.ndarray | None:
    """Logistic pair-fit probabilities for every pair, learned from the training rounds only."""
    from .apply import learned_signal
    from .features import fingerprint
    from .models import LearnedModel

    data = training_data(train_fb, train_labels, participants, signals, weights)
    if len(data.y) < 20 or len(np.unique(data.y)) < 2:
        return None
    idx = np.arange(len(data.y))
    X = with_person_effects(data, idx, idx, in_training=True).to_numpy(float)
    prior = prior_coefficients(data.names, data.signal_features, weights, data.baseline["hand-set weights"], data.y)
    est = PriorLogistic(prior=prior).fit(X, data.y)
    model = LearnedModel("logistic", est, data.names, data.signal_features, fingerprint(data.names), {}, 0.0, {})
    return learned_signal(model, participants, signals)


def ranking_report(feedback: pd.DataFrame, labels: pd.Series, participants: pd.DataFrame, signals,
                   weights: dict[str, float], k: int = 5, holdout: int | None = None,
                   include_learned: bool = True) -> pd.DataFrame:
    """Precision@k and NDCG@k per signal on held-out rounds (plus the random-order expectation).

    Parameters
    ----------
    feedback, labels : DataFrame, Series
        Feedback table (people as participant ids) and good/not-good labels per row.
    participants : DataFrame
        Canonical participants table.
    signals : SignalSet
        Built-in and column signals.
    weights : dict
        Current weights: the "hand-set weights" ranking.
    k : int, default 5
        Length of each person's ranked list.
    holdout : int, optional
        Number of latest rounds held out (default: a quarter of the rounds, at least one).
    include_learned : bool, default True
        Also rank by a logistic pair-fit model learned on the earlier rounds.
    """
    from .features import _only
    from ..scoring import combine

    ids = participants["id"].astype(str).tolist()
    pos = {pid: n for n, pid in enumerate(ids)}
    fb = feedback.assign(_y=labels.to_numpy()).loc[feedback["rater"].isin(pos) & feedback["partner"].isin(pos)]
    if fb["round"].nunique() < 2:
        return pd.DataFrame(columns=["signal", f"precision@{k}", f"ndcg@{k}", "people"])
    train, held = _split(fb, holdout)
    tr, te = fb.loc[train], fb.loc[~train]
    usable = current_weights(signals, weights)
    weights = usable
    matrices = {"hand-set weights": combine(_only(signals, usable), usable)}
    for kind in HISTORY_SIGNALS:
        m, avail = history_signal(kind, tr, tr["_y"], ids)
        matrices[kind] = np.where(avail, m, -1.0)  # people without history rank last, not first
    if include_learned:
        learned = _learned_matrix(tr, tr["_y"], participants, signals, weights)
        if learned is not None:
            matrices["learned"] = learned
    return _score_rankings(matrices, tr, te, pos, k)


def _score_rankings(matrices: dict[str, np.ndarray], tr: pd.DataFrame, te: pd.DataFrame, pos: dict[str, int],
                    k: int) -> pd.DataFrame:
    pool = np.array(sorted({pos[p] for p in pd.concat([te["rater"], te["partner"]])}))
    met_before: dict[int, set[int]] = {}
    for a, b in zip(tr["rater"].map(pos), tr["partner"].map(pos)):
        met_before.setdefault(a, set()).add(b)
        met_before.setdefault(b, set()).add(a)
    good = te.loc[te["_y"] == 1]
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in matrices}
    expected = []
    for rater, grp in good.groupby("rater"):
        r = pos[rater]
        relevant = {pos[p] for p in grp["partner"]}
        cand = np.array([c for c in pool if c != r and c not in met_before.get(r, set())])
        relevant &= set(cand.tolist())
        if not relevant or len(cand) == 0:
            continue
        expected.append(len(relevant) / len(cand))
        for name, m in matrices.items():
            results[name].append(precision_ndcg_at_k(m[r], relevant, cand, k))
    rows = [{"signal": name, f"precision@{k}": float(np.mean([v[0] for v in vals])) if vals else float("nan"),
             f"ndcg@{k}": float(np.mean([v[1] for v in vals])) if vals else float("nan"), "people": len(vals)}
            for name, vals in results.items()]
    rows.append({"signal": "random order (expected)", f"precision@{k}": float(np.mean(expected)) if expected else float("nan"),
                 f"ndcg@{k}": float("nan"), "people": len(expected)})
    return pd.DataFrame(rows)


def verdicts(table: pd.DataFrame) -> list[str]:
    """One plain sentence per history/learned signal: does it rank good partners higher than the sliders do?"""
    if table.empty:
        return []
    col = next(c for c in table.columns if c.startswith("precision@"))
    by = table.set_index("signal")[col]
    base = by.get("hand-set weights", np.nan)
    out = []
    for name in ("ppr", "cf", "learned"):
        if name not in by or not np.isfinite(by[name]) or not np.isfinite(base):
            continue
        verdict = "helps" if by[name] > base else "does not help"
        out.append(f"'{name}' {verdict} on held-out rounds: {col} {by[name]:.3f} vs {base:.3f} for the hand-set weights.")
    return out
