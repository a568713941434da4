"""Upper bounds on the dense problem (all allowed pairs, same constraints, same maximum cardinality).

When the dense optimum is not proven (fairness, time limit), the bound on the weight part is the LP
bound when pricing ran, else the assignment relaxation: for any ``mu >= 0`` the maximum-weight
assignment on ``max(w + mu, 0)`` over allowed pairs, halved in peer mode, minus ``mu * c*``, bounds
every matching with at least ``c*`` pairs. The fairness term is bounded by splitting on whether the
dense optimum's lowest pair beats ours.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
from scipy.optimize import linear_sum_assignment

from .candidates import Search, card_ceiling, keys_of, max_card, split
from .pricing import tol
from .result import MENTEE, MENTOR

if TYPE_CHECKING:
    from .instance import Instance, Residual
    from .mip import Outcome


def assignment_bound(W: np.ndarray, mask: np.ndarray, cap: np.ndarray, card: int,
                      sides: np.ndarray | None) -> float:
    """Upper bound on the weight of any (b-)matching of ``mask`` with at least ``card`` pairs."""
    if card <= 0 and not mask.any():
        return 0.0
    live = np.flatnonzero(mask.any(axis=1))
    if live.size == 0:
        return 0.0
    sub_mask = mask[np.ix_(live, live)]
    sub_w = W[np.ix_(live, live)]
    vals = sub_w[sub_mask]
    mus = [0.0] if vals.min() >= 0 else [0.0, float(-vals.min())]
    best = math.inf
    for mu in mus:
        # Lagrangian relaxation of "at least card pairs": every matching maps to an assignment
        # (each pair both ways in peer mode, hence the halving) whose entries are >= 0.
        gain = np.where(sub_mask, np.maximum(sub_w + mu, 0.0), 0.0)
        if sides is None:
            r, c = linear_sum_assignment(gain, maximize=True)
            value = float(gain[r, c].sum()) / 2
        else:
            s = sides[live]
            mentors, mentees = np.flatnonzero(s == MENTOR), np.flatnonzero(s == MENTEE)
            if mentors.size == 0 or mentees.size == 0:
                value = 0.0
            else:
                rows = np.repeat(mentors, cap[live][mentors])
                cols = np.repeat(mentees, cap[live][mentees])
                block = gain[np.ix_(rows, cols)]
                r, c = linear_sum_assignment(block, maximize=True)
                value = float(block[r, c].sum())
        best = min(best, value - mu * card)
    return best


def low_bound(Q: np.ndarray, mask: np.ndarray, cap: np.ndarray, card: int) -> float:
    """Upper bound on the lowest pair quality of any matching with ``card`` pairs."""
    if card <= 0:
        return math.inf
    best = np.where(mask, Q, -np.inf).max(axis=1)
    one = (cap == 1) & np.isfinite(best)
    # Each pair has an endpoint of capacity 1 of its own (two in peer mode), so at least `covered`
    # such people are matched and the lowest pair is no better than the covered-th best of theirs.
    covered = 2 * card if (cap[np.isfinite(best)] == 1).all() else card
    r = np.sort(best[one])
    if r.size == 0 or covered > r.size:
        return float(np.where(mask, Q, -np.inf).max())
    return float(r[r.size - covered])


def _proof(inst: Instance, s: Search, full: bool, optimal: bool, res_weight: float) -> str:
    """How the pairing is proven best over all allowed pairs ("" when it is not)."""
    if full and optimal:
        return "all_pairs"
    if optimal and (s.fair_proven if inst.fairness > 0 else s.dense_proven):
        return "priced"
    if inst.fairness == 0 and res_weight >= s.lp_bound - tol(s.lp_bound):
        return "lp_bound"
    return ""


def _fair_upper(inst: Instance, res: Residual, card: int, lock_w: float, w_bound: float, low_pair: float) -> float:
    """Bound with the fairness term: split on whether the dense optimum's lowest pair t* beats ours.

    Either t* <= ours, or every one of its pairs (locked ones included) beats ours, which needs a
    full-size matching among those pairs.
    """
    t_cap = min(low_bound(inst.Q, res.mask, res.cap, card), res.q_lock_min)
    upper_low = lock_w + w_bound + inst.fairness * min(low_pair, t_cap)
    upper_high = -math.inf
    if res.q_lock_min > low_pair:
        above = res.mask & (inst.Q > low_pair)
        enough = (max_card(above, res.cap, inst.sides).size if inst.two_sided else
                  card_ceiling(inst.n, keys_of(*np.nonzero(np.triu(above, 1)), inst.n))) >= card
        if card == 0 or enough:
            upper_high = lock_w + assignment_bound(inst.W, above, res.cap, card, inst.sides) \
                + inst.fairness * t_cap
    return max(upper_low, upper_high)


def dense_bound(inst: Instance, res: Residual, s: Search, out: Outcome, weight_sum: float, low_pair: float,
                objective: float, has_edges: bool) -> tuple[str, float, float]:
    """``(proof, upper bound, gap)`` of the solved pairing against the dense problem."""
    n = inst.n
    lock_w = float(inst.W[split(res.lock_keys, n)].sum()) if res.lock_keys.size else 0.0
    # Was the last solve over every allowed pair (edges dropped by the fairness fixing are provably
    # useless)? Then an optimal solve is optimal for the dense problem too.
    full = out.solved_cand.size == int(np.triu(res.mask, 1).sum())
    res_weight = weight_sum - lock_w
    how = _proof(inst, s, full, out.optimal, res_weight)
    if how in ("all_pairs", "priced") and inst.fairness == 0:
        w_bound = res_weight  # solved to optimality over a set proven to hold a dense optimum
    elif how == "lp_bound":
        w_bound = max(s.lp_bound, res_weight)  # the bound itself (it may sit a rounding error above)
    elif math.isfinite(s.lp_bound):
        w_bound = s.lp_bound  # as tight as the assignment relaxation or tighter (odd sets), and far cheaper
    else:
        w_bound = assignment_bound(inst.W, res.mask, res.cap, s.card, inst.sides)
    upper = lock_w + w_bound
    if inst.fairness > 0 and has_edges:
        upper = _fair_upper(inst, res, s.card, lock_w, w_bound, low_pair)
    if how in ("all_pairs", "priced"):
        upper = min(upper, objective)  # solved over every allowed pair, or over a set proven to hold an optimum
    gap = (upper - objective) / max(abs(upper), 1e-9)
    if -1e-9 < gap < 0:
        gap = 0.0
    if not how and out.optimal and gap <= 1e-9:
        how = "bound"  # the bound meets the objective
    return how, float(upper), float(gap)
