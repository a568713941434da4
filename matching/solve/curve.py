"""The price of fairness: the best pairing for each fairness weight, monotone by construction.

Each weight lambda is solved on its own; then every pairing found is scored under every lambda's
objective ``sum(weight) + lambda * lowest pair quality`` and each lambda keeps the best. Choosing from
one common set of pairings makes the curve monotone: for lambda_a < lambda_b with winners P_a, P_b,
adding the two optimality inequalities gives ``(lambda_b - lambda_a)(low(P_b) - low(P_a)) >= 0``, so
the lowest pair never drops as lambda grows, and then the total weight never rises. A pairing taken
from another lambda's solve is at least as good as the own solve's, so every bound still holds; the
bounds are also tightened by convexity (the optimum is a maximum of lines in lambda, so it lies
below the chord of its neighbours' bounds).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from . import solve_pairs
from .result import Solution


@dataclass(frozen=True)
class CurvePoint:
    """One point of the price-of-fairness curve.

    Attributes
    ----------
    fairness : float
        The fairness weight lambda (as passed to :func:`solve_pairs`).
    total : float
        Sum of the pairing's weights (the objective's first part; the match scores after the soft levers).
    lowest : float
        The pairing's lowest pair quality (the part lambda rewards).
    objective : float
        ``total + fairness * lowest``.
    upper_bound, gap : float
        Proven bound on the best possible objective over all allowed pairs, and the relative gap.
    proven : bool
        The pairing is proven the best possible for this lambda (gap 0 up to rounding).
    found_at : float
        The lambda whose solve found this pairing (another lambda's when that one scores higher here).
    solution : Solution
        That solve's full result (groups with the triad, backups, ...).
    """

    fairness: float
    total: float
    lowest: float
    objective: float
    upper_bound: float
    gap: float
    proven: bool
    found_at: float
    solution: Solution


def _value(W: np.ndarray, Q: np.ndarray, pairs: list[tuple[int, int]]) -> tuple[float, float]:
    """``(total weight, lowest quality)`` of a pairing."""
    if not pairs:
        return 0.0, math.nan
    a, b = np.array(pairs).T
    return float(W[a, b].sum()), float(Q[a, b].min())


def _chord_bounds(lams: list[float], ubs: list[float]) -> list[float]:
    """Each bound tightened by the chords of the other bounds around it (the optimum is convex in lambda)."""
    out = list(ubs)
    for j, lam in enumerate(lams):
        for i in range(j):
            for k in range(j + 1, len(lams)):
                if lams[k] > lams[i] and math.isfinite(ubs[i]) and math.isfinite(ubs[k]):
                    chord = ((lams[k] - lam) * ubs[i] + (lam - lams[i]) * ubs[k]) / (lams[k] - lams[i])
                    out[j] = min(out[j], chord)
    return out


def fairness_curve(weight, fairness_values: Sequence[float], *, quality=None, **solve_kwargs) -> list[CurvePoint]:
    """Solve a round for several fairness weights; the curve is monotone by construction.

    Parameters
    ----------
    weight : (N, N) array_like
        Symmetric objective per pair, as for :func:`solve_pairs`.
    fairness_values : sequence of float
        The lambdas to solve for (each >= 0); returned sorted, duplicates removed.
    quality : (N, N) array_like, optional
        Match scores in [0, 1] (defaults to ``weight``).
    **solve_kwargs
        Passed to :func:`solve_pairs` (forbidden, locked, min_score, k, solver, time_limit, ...).

    Returns
    -------
    list of CurvePoint
        One per lambda with a pairing (a round whose locked pairs conflict has none); ``lowest`` is
        non-decreasing and ``total`` non-increasing along the list.
    """
    lams = sorted({float(f) for f in fairness_values})
    sols = [solve_pairs(weight, quality=quality, fairness=lam, **solve_kwargs) for lam in lams]
    W = np.asarray(weight, dtype=float)
    W = (W + W.T) / 2
    Q = W if quality is None else (np.asarray(quality, dtype=float) + np.asarray(quality, dtype=float).T) / 2
    keep = [i for i, s in enumerate(sols) if s.diagnosis is None]
    lams, sols = [lams[i] for i in keep], [sols[i] for i in keep]
    values = [_value(W, Q, s.pairs) for s in sols]
    ubs = _chord_bounds(lams, [s.upper_bound for s in sols])
    points = []
    for j, lam in enumerate(lams):
        scored = [t + (lam * low if lam > 0 and math.isfinite(low) else 0.0) for t, low in values]
        i = max(range(len(sols)), key=lambda i: (scored[i], i == j))  # ties: the own solve
        upper = max(ubs[j], scored[i])
        gap = (upper - scored[i]) / max(abs(upper), 1e-9)
        gap = 0.0 if gap < 1e-9 else gap
        points.append(CurvePoint(fairness=lam, total=values[i][0], lowest=values[i][1], objective=scored[i],
                                 upper_bound=upper, gap=gap, proven=sols[j].optimal or gap == 0.0,
                                 found_at=lams[i], solution=sols[i]))
    return points
