"""Peer and mentoring fairness: ``sum(weight) + fairness * lowest pair quality``.

The exact route needs no ILP: with ``M(t)`` the heaviest ``c*``-pair matching whose pairs all score
at least ``t``, the objective is ``max_t M(t) + fairness * t``, and the LP with odd-set cuts, priced
over every allowed pair at each threshold, gives ``M(t)`` over all pairs, not just the candidates
(:func:`fair_scan`); a proven scan is a proven optimum. When it cannot settle it, the ILP gets exact
bounds on the lowest
pair and a start built from blossom solutions above a few thresholds (:func:`fair_start`), and the
pairs too poor to beat that start are dropped (:func:`fair_setup`).
"""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING

import numpy as np

from .bounds import assignment_bound, low_bound
from .candidates import Search, blossom, card_ceiling, keys_of, split
from .pricing import FRAC, MatchingLP, bound_and_edges, most_promising, reduced_costs, tol

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


def bottleneck(n: int, keys: np.ndarray, q: np.ndarray, card: int, t0: float, q_lock_min: float) -> float:
    """Upper bound on the lowest pair of any ``card``-pair matching using only ``keys`` (with qualities
    ``q``) whose lowest pair beats ``t0``: the largest level whose edges still hold ``card`` pairs in the
    fractional relaxation (bisection); ``t0`` when none does. Capped by the locked pairs' lowest."""
    levels = np.unique(q[q > t0])
    if math.isfinite(q_lock_min):
        levels = levels[levels <= q_lock_min]
    lo, hi, best = 0, levels.size - 1, None
    while lo <= hi:
        mid = (lo + hi) // 2
        if card_ceiling(n, keys[q >= levels[mid]]) >= card:
            best, lo = mid, mid + 1
        else:
            hi = mid - 1
    return min(t0 if best is None else float(levels[best]), q_lock_min)


def _allowed_keys(mask: np.ndarray, Q: np.ndarray, t: float, n: int) -> np.ndarray:
    """Every allowed pair scoring at least t, as edge keys."""
    return keys_of(*np.nonzero(np.triu(mask & (Q >= t), 1)), n)


def _solve_at(lp: MatchingLP, inst: Instance, mask: np.ndarray, t: float, budget: int):
    """The LP over every allowed pair scoring at least ``t``, by column generation from the current columns.

    Returns ``(solution or None, LP solves, settled, priced)``: ``settled`` no odd-set cut is violated,
    ``priced`` no allowed pair scoring at least ``t`` has a positive reduced cost, so the LP's value is the
    dense LP's (and an integral point is the heaviest such pairing over all allowed pairs). An infeasible
    LP gets every allowed pair above ``t`` once, so ``lp.infeasible`` afterwards holds for all pairs.
    """
    n, W, Q = inst.n, inst.W, inst.Q
    used_total, tried_all, out = 0, False, None
    while used_total < budget:
        lp.restrict(Q[split(lp.keys, n)] < t)
        out, used, settled = lp.solve_with_cuts(budget - used_total)
        used_total += used
        if out is None:
            if lp.infeasible and not tried_all:
                tried_all = True
                new = np.setdiff1d(_allowed_keys(mask, Q, t, n), lp.keys)
                if new.size:
                    lp.add_columns(new)
                    continue
            return None, used_total, False, False
        if not settled:
            return out, used_total, False, False
        y, mu, z, _, _ = out
        rc = reduced_costs(W, mask & (Q >= t), y, mu, lp.sets[:z.size], z)
        r, c = np.nonzero(np.triu(rc > 1e-9, 1))
        new = np.setdiff1d(keys_of(r, c, n), lp.keys)
        if new.size == 0:
            return out, used_total, True, True
        if new.size > 20 * n:
            a, b = split(new, n)
            new = new[most_promising(a, b, rc[a, b], n, 20 * n)]
        lp.add_columns(new)
    return out, used_total, False, False


def _exact_at(lp: MatchingLP, inst: Instance, res: Residual, card: int, t: float, out) -> np.ndarray | None:
    """``M(t)`` exactly when the priced LP point stayed fractional (no violated odd set was found).

    The LP's duals, repaired to be feasible for every allowed pair scoring at least ``t``, bound every
    such pairing by ``bound + sum of its reduced costs``; so against the blossom optimum on the LP's
    columns only pairs with a reduced cost above ``-(bound - that optimum)`` can be in a heavier one,
    and blossom on those pairs is ``M(t)``. None when they are too many (the ILP takes over).
    """
    n, W, Q = inst.n, inst.W, inst.Q
    y, mu, z, _, _ = out
    sets = lp.sets[:z.size]
    mask_t = res.mask & (Q >= t)
    cols = lp.keys[Q[split(lp.keys, n)] >= t]
    base = blossom(n, cols, W)
    if base.size < card:
        return None
    rc = reduced_costs(W, mask_t, y, mu, sets, z)
    priced = bound_and_edges(n, mask_t, res.cap, card, cols, float(W[split(base, n)].sum()), y, mu, z, rc, sets,
                             None, 0)
    if not priced.complete:
        return None
    m = blossom(n, np.union1d(priced.edges, base), W)
    return np.sort(m) if m.size >= card else None


def fair_scan(inst: Instance, res: Residual, s: Search, w_cap: float,
              deadline: float) -> tuple[np.ndarray, bool, int]:
    """Exact fairness optimum of a peer round over *all* allowed pairs, by scanning the lowest pair.

    With ``M(t)`` the heaviest ``card``-pair matching whose pairs all score at least ``t``
    (non-increasing in t), the objective is ``max_t M(t) + fairness * t``, reached at the lowest pair
    of the optimum. The LP with odd-set cuts, priced over every allowed pair scoring at least ``t``
    (:func:`_solve_at`), gives ``M(t)`` and, once no cut is violated, an integral pairing that is
    optimal for every threshold up to its own lowest pair; so the scan starts at the bottleneck (a
    strong pairing; if the relaxation overshot, the LP is infeasible there and ``s.start`` stands in),
    drops to the lowest threshold that could still beat it (``w_cap`` bounds the weight of every
    pairing), and climbs by jumping past each optimum's lowest pair, over the scores of all allowed
    pairs, until a bound or infeasibility stops it. Each step changes a few column bounds and
    re-solves from the last basis. Returns ``(best pairing, proven over all allowed pairs, LP solves)``;
    not proven (an LP point stayed fractional, the budget or the deadline ran out) hands over to the ILP.
    """
    n, f, W, Q, q_lock_min = inst.n, inst.fairness, inst.W, inst.Q, res.q_lock_min
    best, best_val, solves = s.start, objective(inst, s.start, q_lock_min), 0
    t0 = min(float(Q[split(s.start, n)].min()), q_lock_min)
    above = _allowed_keys(res.mask, Q, np.nextafter(t0, np.inf), n)
    top = bottleneck(n, above, Q[split(above, n)], s.card, t0, q_lock_min)
    lp = MatchingLP(n, W, res.cap, s.card, with_card=True)
    lp.add_columns(s.cand)
    lp.add_sets(s.cuts)
    t, levels = top, None
    while solves < SCAN_SOLVES and time.perf_counter() < deadline:
        out, used, settled, priced = _solve_at(lp, inst, res.mask, t, SCAN_SOLVES - solves)
        solves += used
        if out is None and lp.infeasible and t >= top:
            low = t   # no card-pair matching with every pair at the bottleneck or above: keep the start
        elif out is None:
            # Infeasible below the bottleneck: no higher threshold can do better (or the LP failed).
            return best, lp.infeasible, solves
        else:
            x = out[3]
            if priced and t < top and float(W[split(lp.keys, n)] @ x) + f * top <= best_val + tol(best_val):
                break   # nothing with its lowest pair at t or above beats the best found
            if not priced:
                return best, False, solves
            if settled and np.abs(x - np.rint(x)).max(initial=0.0) <= FRAC:
                pick = np.sort(lp.keys[x > 0.5])
            else:
                pick = _exact_at(lp, inst, res, s.card, t, out)
                if pick is None:
                    return best, False, solves
            low = float(Q[split(pick, n)].min())
            value = objective(inst, pick, q_lock_min)
            if value > best_val:
                best, best_val = pick, value
        if levels is None:
            # Any threshold below t_lo caps the objective at w_cap + f * t_lo <= best: start there.
            t_lo = (best_val - w_cap) / f - tol(best_val)
            levels = np.unique(Q[np.triu(res.mask & (Q >= t_lo), 1)])
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
    proved ``chosen`` optimal over all allowed pairs (then ``s.fair_proven`` is set too).
    """
    n, q_lock_min = inst.n, res.q_lock_min
    scanned, scan_proven, chosen = None, False, s.start
    if inst.two_sided:
        t_hi = min(low_bound(inst.Q, res.mask, res.cap, s.card), q_lock_min)
        w_cap = assignment_bound(inst.W, res.mask, res.cap, s.card, inst.sides)
    else:
        w_cap = float(inst.W[split(s.start, n)].sum())  # blossom optimum: no candidate pairing weighs more
        if scan:
            # Exact over all allowed pairs without the ILP when every LP of the scan comes out integral
            # (the usual case). Pricing bounded every pairing's weight by s.lp_bound.
            dense_cap = s.lp_bound if math.isfinite(s.lp_bound) else \
                assignment_bound(inst.W, res.mask, res.cap, s.card, None)
            scanned, scan_proven, _ = fair_scan(inst, res, s, max(dense_cap, w_cap), deadline)
        if scan_proven:
            s.fair_proven = True
            return scanned, s.cand, (0.0, 1.0), True
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
