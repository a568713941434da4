"""Peer and mentoring fairness: ``sum(weight) + fairness * lowest pair quality``.

The exact route needs no ILP: with ``M(t)`` the heaviest ``c*``-pair matching whose pairs all score
at least ``t``, the objective is ``max_t M(t) + fairness * t``, and the LP with odd-set cuts gives
``M(t)`` (:func:`fair_scan`). When the scan cannot settle it, the ILP gets exact bounds on the lowest
pair and a start built from blossom solutions above a few thresholds (:func:`fair_start`), and the
pairs too poor to beat that start are dropped (:func:`fair_setup`).
"""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING, Sequence

import numpy as np

from .bounds import assignment_bound, low_bound
from .candidates import Search, blossom, card_ceiling, split
from .pricing import FRAC, MatchingLP, tol

if TYPE_CHECKING:
    from .instance import Instance, Residual

SCAN_SOLVES = 400          # LP solves the fairness scan may spend before the ILP takes over


def objective(inst: Instance, keys: np.ndarray, q_lock_min: float) -> float:
    """The residual pairing's weight plus fairness times the lowest pair (locked pairs' included)."""
    a, b = split(keys, inst.n)
    return float(inst.W[a, b].sum()) + inst.fairness * min(float(inst.Q[a, b].min()), q_lock_min)


def fair_start(inst: Instance, cand: np.ndarray, start: np.ndarray, card: int,
               q_lock_min: float, blossoms: bool = True) -> tuple[np.ndarray, float]:
    """A start with a high lowest pair for the fairness ILP, and the candidate graph's bottleneck.

    The bottleneck (largest threshold whose candidate edges still hold ``card`` pairs, found by
    bisection) is an exact upper bound on the ILP's ``t``. Blossom solutions above a few thresholds
    are scored by the real objective; the best becomes the start, whose value lets the caller drop
    every edge too poor to be in a better pairing. ``blossoms=False`` skips them (start returned as is).
    """
    n = inst.n
    I, J = split(cand, n)
    q = inst.Q[I, J]
    levels = np.unique(q)
    t0 = min(float(inst.Q[split(start, n)].min()), q_lock_min)
    lo = int(np.searchsorted(levels, t0, side="right"))
    hi = int(np.searchsorted(levels, q_lock_min, side="right")) - 1 if math.isfinite(q_lock_min) else levels.size - 1
    first, best = lo, None
    while lo <= hi:
        mid = (lo + hi) // 2
        if card_ceiling(n, cand[q >= levels[mid]]) >= card:
            best, lo = mid, mid + 1
        else:
            hi = mid - 1
    if best is None or not blossoms:
        return start, t0 if best is None else min(float(levels[best]), q_lock_min)
    # The relaxation may overshoot the true bottleneck (still a valid cap on t); the starts must be
    # real full-size matchings, so step down until blossom finds one.
    options = [start]
    for i in sorted({(first + best) // 2, best}, reverse=True):
        for _ in range(4):
            m = blossom(n, cand[q >= levels[i]], inst.W)
            if m.size >= card:
                options.append(m)
                break
            i = (first + i) // 2

    return max(options, key=lambda m: objective(inst, m, q_lock_min)), min(float(levels[best]), q_lock_min)


def fair_scan(inst: Instance, cand: np.ndarray, cap: np.ndarray, card: int, start: np.ndarray, t_hi: float,
              q_lock_min: float, sets: Sequence[np.ndarray], deadline: float) -> tuple[np.ndarray, bool, int]:
    """Exact fairness optimum of a peer round over the candidate edges, by scanning the lowest pair.

    With ``M(t)`` the heaviest ``card``-pair matching whose pairs all score at least ``t``
    (non-increasing in t), the objective is ``max_t M(t) + fairness * t``, reached at the lowest pair
    of the optimum. The LP with odd-set cuts gives ``M(t)`` and, once no cut is violated, an integral
    pairing that is optimal for every threshold up to its own lowest pair; so the scan starts at the
    bottleneck ``t_hi`` (a strong pairing; if the relaxation overshot, the LP is infeasible there and
    the blossom optimum ``start`` stands in), drops to the lowest threshold that could still beat
    it, and climbs by jumping past each optimum's lowest pair until a bound or infeasibility stops
    it. Each step changes a few column bounds and re-solves from the last basis. Returns ``(best
    pairing, proven, LP solves)``; not proven (an LP point stayed fractional, the deadline passed)
    hands over to the ILP.
    """
    n, f, W, Q = inst.n, inst.fairness, inst.W, inst.Q
    w_cap = float(W[split(start, n)].sum())  # the blossom optimum: no candidate pairing weighs more
    lp = MatchingLP(n, W, cap, card, with_card=True)
    lp.add_columns(cand)
    lp.add_sets(sets)
    I, J = split(lp.keys, n)
    q, w = Q[I, J], W[I, J]
    levels = np.unique(q)
    top = min(t_hi, q_lock_min)
    best, best_val, solves = start, objective(inst, start, q_lock_min), 0
    t = top
    while solves < SCAN_SOLVES and time.perf_counter() < deadline:
        lp.restrict(q < t)
        out, used, settled = lp.solve_with_cuts(SCAN_SOLVES - solves)
        solves += used
        if out is None and lp.infeasible and t >= top:
            low = t   # no card-pair matching with every pair at t_hi or above: keep the start
        elif out is None:
            # Infeasible below the bottleneck: no higher threshold can do better (or the LP failed).
            return best, lp.infeasible, solves
        else:
            x = out[3]
            if t < top and float(w @ x) + f * top <= best_val + tol(best_val):
                break   # nothing with its lowest pair at t or above beats the best found
            if not settled or np.abs(x - np.rint(x)).max(initial=0.0) > FRAC:
                return best, False, solves
            pick = np.sort(lp.keys[x > 0.5])
            low = float(Q[split(pick, n)].min())
            value = objective(inst, pick, q_lock_min)
            if value > best_val:
                best, best_val = pick, value
        if t >= top:
            # Any threshold below t_lo caps the objective at w_cap + f * t_lo <= best: start there.
            t_lo = (best_val - w_cap) / f - tol(best_val)
            i = int(np.searchsorted(levels, t_lo, side="left"))
        else:
            i = int(np.searchsorted(levels, low, side="right"))
        if i >= levels.size or levels[i] >= top:
            break
        t = float(levels[i])
    else:
        return best, False, solves
    return best, True, solves


def fair_setup(inst: Instance, res: Residual, s: Search, scan: bool, deadline: float):
    """The fairness ILP's start, candidate edges and range of ``t`` — or the scan's proven optimum.

    Returns ``(chosen, keep, t_range, scan_proven)``: ``chosen`` the best pairing known, ``keep`` the
    candidates that could still be in a better one, ``t_range`` the bounds on the lowest pair of any
    pairing worth having, ``scan_proven`` True when the LP scan (``scan``: peer rounds, solver "auto")
    proved ``chosen`` optimal over the candidates.
    """
    n, q_lock_min = inst.n, res.q_lock_min
    scanned, scan_proven, chosen = None, False, s.start
    if inst.two_sided:
        t_hi = min(low_bound(inst.Q, res.mask, res.cap, s.card), q_lock_min)
        w_cap = assignment_bound(inst.W, res.mask, res.cap, s.card, inst.sides)
    else:
        w_cap = float(inst.W[split(s.start, n)].sum())  # blossom optimum: no candidate pairing weighs more
        if scan:
            # Exact without the ILP when every LP of the scan comes out integral (the usual case).
            _, t_hi = fair_start(inst, s.cand, s.start, s.card, q_lock_min, blossoms=False)
            scanned, scan_proven, _ = fair_scan(inst, s.cand, res.cap, s.card, s.start, t_hi, q_lock_min, s.cuts,
                                                deadline)
        if scan_proven:
            chosen = scanned
        else:
            chosen, t_hi = fair_start(inst, s.cand, s.start, s.card, q_lock_min)
            if scanned is not None and objective(inst, scanned, q_lock_min) > objective(inst, chosen, q_lock_min):
                chosen = scanned
    a, b = split(chosen, n)
    t_start = min(float(inst.Q[a, b].min()), q_lock_min)
    best_res = float(inst.W[a, b].sum()) + inst.fairness * t_start
    # A pair below t_lo caps the objective at w_cap + fairness * q < best_res: drop it.
    t_lo = (best_res - w_cap) / inst.fairness - 1e-9 * (1.0 + abs(best_res))
    I, J = split(s.cand, n)
    keep = s.cand[inst.Q[I, J] >= t_lo]
    qk = inst.Q[split(keep, n)]
    t_range = (min(float(qk.min()), t_start), max(t_hi, t_start))
    return chosen, keep, t_range, scan_proven
