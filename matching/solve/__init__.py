"""The pairing solver: score matrices in, groups out. It sees indices 0..N-1, never names.

Rooms: ``instance`` (checks, arrays), ``candidates`` (top-k graph, blossom, ``c*``), ``pricing`` (LP with
odd-set cuts), ``mip`` (PuLP model), ``fairness`` (scan, ILP start), ``bounds``, ``post`` (triads, reasons,
backups, lock diagnosis), ``rules`` (hard rules as masks, the objective matrix), ``baselines``.

How a round is solved
---------------------
1. Hard constraints (named ``forbidden`` masks plus the score floor) give the *allowed* graph.
   Locked pairs are checked against it first; a conflict returns a diagnosis, not a pairing.
2. Locked pairs are fixed; the rest is the *residual* problem. Its candidate graph is every
   person's top-k allowed partners by weight.
3. The objective is lexicographic: first as many matched pairs as the hard constraints allow, then
   ``sum(weight) + fairness * lowest quality``. Cardinality is a constraint (``sum x >= c*`` with
   ``c*`` computed combinatorially), not a big-M bonus, so the numerics stay those of the weights.
   ``c*`` is the *dense* maximum: when the candidate matching leaves more than one person out, a
   fractional-matching relaxation (Hopcroft-Karp on the bipartite double cover) or, if needed,
   blossom on all allowed pairs decides, and a dense maximum matching's edges join the candidates.
   Mentoring rounds get ``c*`` from a max flow.
4. Pricing makes sparsification lossless (fairness 0). The fractional-matching LP is solved with
   column generation over all allowed pairs and with violated odd-set (blossom) inequalities added
   until its point is integral, all in one HiGHS model re-solved from the last basis. Without the
   odd sets the bound is loose by half a pair on every odd cycle of near-equal scores (templated
   survey answers make many), which let most pairs through pricing. Its duals, repaired to be
   feasible for *every* allowed pair, give a dense bound: when it meets the candidate optimum the
   pairing is proven best over all pairs (``proof="lp_bound"``); when the LP's own integral point
   beats it (ties hid pairs from the top-k lists), that point is the optimum; otherwise any pair
   whose reduced cost is below ``-(bound - best known)`` cannot be in a better pairing, so the others
   join the candidates and the candidate optimum is the dense optimum (``proof="priced"``).
5. Plain peer rounds (fairness 0, capacity 1, locks allowed) are a maximum-weight maximum-
   cardinality matching and are solved exactly by the blossom algorithm (rustworkx) on integer
   weights scaled by 2**40, far below any tolerance the ILP uses. Fairness, mentoring capacities or
   an explicit ``solver="highs"`` / ``"cbc"`` build the PuLP model (binary ``x_e`` per candidate
   edge) and check PuLP's status and solution status every time. Peer fairness in ``auto`` mode
   first tries without the ILP: the best pairing whose pairs all score at least ``t`` is the same
   LP with the pairs below ``t`` switched off, so a scan over ``t`` (jumping past each optimum's
   lowest pair, pruned by bounds) is exact on the candidate graph when its LP points come out
   integral, as they almost always do once the odd sets are in. Otherwise the ILP gets exact bounds on the lowest pair
   (the candidate bottleneck) and drops pairs too poor to beat a start built from blossom
   solutions above a few thresholds.
6. When the dense optimum is not proven (fairness, time limit), the upper bound is the LP bound
   when pricing ran, else the assignment relaxation: for any ``mu >= 0`` the maximum-weight
   assignment on ``max(w + mu, 0)`` over allowed pairs, halved in peer mode, minus ``mu * c*``,
   bounds every matching with at least ``c*`` pairs. The fairness term is bounded by splitting on
   whether the dense optimum's lowest pair beats ours.
7. Post-processing: the odd person out joins the best pair as a triad (or gets a bye), the
   unmatched get a reason code with per-constraint counts, and everyone gets backups.
"""

from __future__ import annotations

import time
from typing import Mapping, Sequence

import numpy as np

from . import highs
from .baselines import exact_networkx, greedy_pairs
from .bounds import dense_bound
from .candidates import candidate_graph
from .fairness import fair_setup
from .instance import pair_mask, prepare, residual
from .mip import Outcome, reserve, solve_with_mip
from .post import backups, group_score, infeasible, lock_conflicts, pairing_value, place
from .pricing import price_step
from .result import FLOOR, MENTEE, MENTOR, PEER, SOLVERS, UNMATCHED_CODES, Solution, Unmatched
from .rules import (CONSTRAINT_LABELS, Constraints, build_constraints, index_of, mutual_rank, objective_matrix,
                    program_is_two_sided)

__all__ = ["solve_pairs", "Solution", "Unmatched", "greedy_pairs", "exact_networkx", "FLOOR", "UNMATCHED_CODES",
           "SOLVERS", "PEER", "MENTOR", "MENTEE", "CONSTRAINT_LABELS", "Constraints", "build_constraints",
           "index_of", "mutual_rank", "objective_matrix", "program_is_two_sided"]


def solve_pairs(weight, *, quality=None, forbidden: Mapping[str, np.ndarray] | None = None,
                locked: Sequence[tuple[int, int]] = (), min_score: float = 0.0, fairness: float = 0.0,
                odd: str = "triad", capacity=None, sides=None, k: int = 20, n_backups: int = 2,
                backup_cap: int = 3, solver: str = "auto", time_limit: float = 30.0, mip_gap: float = 0.0,
                seed: int = 0, backup_last=None) -> Solution:
    """Pair people (or form mentor pods) maximising matched count, then weight and fairness.

    Parameters
    ----------
    weight : (N, N) array_like
        Symmetric objective per pair (soft levers already folded in); the diagonal is ignored.
        May be slightly negative.
    quality : (N, N) array_like, optional
        Symmetric match score in [0, 1] shown to organizers; used for the floor, the fairness term,
        triad placement, group scores and backups. Defaults to ``weight``.
    forbidden : dict of str -> (N, N) bool array, optional
        Named hard constraints; ``True`` means the pair may not meet. A mask is applied both ways.
    locked : sequence of (int, int)
        Pairs that must end up in the same group. A locked pair that breaks a hard constraint
        (including the floor), or a person locked more often than their capacity, makes the round
        ``"Infeasible"`` with a ``diagnosis``; nothing is dropped silently.
    min_score : float
        Floor on ``quality`` (pairs below it may not meet; the constraint is named ``"floor"``).
        0 disables the floor.
    fairness : float
        Weight lambda of the lowest pair quality in the objective (max-min fairness).
    odd : {"triad", "bye"}
        What happens to the one person left over by an odd count in peer mode.
    capacity : (N,) int array, optional
        Mentees a mentor may take (two-sided mode); 1 for everyone else. Needs ``sides`` if above 1.
    sides : (N,) int array, optional
        0 peer, 1 mentor, 2 mentee. Switches to two-sided mode (mentor-mentee pairs only, pods).
    k : int
        Candidate partners per person (by weight). The bound and gap are always against all pairs.
    n_backups, backup_cap : int
        Alternates per person, and how often one person may serve as someone's alternate.
    solver : {"auto", "highs", "cbc", "rustworkx"}
        ``auto``: exact blossom algorithm for plain peer rounds (no fairness; pricing's LP optimum
        when it beats the candidates'), the exact threshold scan of LPs for peer fairness, otherwise
        the ILP with HiGHS (CBC if highspy is missing). ``highs`` / ``cbc``: always the ILP with that
        solver. ``rustworkx``: blossom only (plain peer rounds; the LP only prices).
    time_limit : float
        Seconds for the ILP, counted from the start of the call: it gets what is left after the
        preparation, minus a reserve for the bound and backups. The blossom solves and the bound are
        not interruptible, so a tiny limit on a large round can still take a few seconds.
    mip_gap : float
        Relative MIP gap at which the ILP may stop (0: prove optimality).
    seed : int
        Tie-breaking only (backup order, HiGHS's random seed); global random state is never used.
    backup_last : (N, N) bool array, optional
        Pairs offered as backups only after every other allowed option (e.g. pairs that leave a
        similar-role request unmet when that rule is a fallback, not a hard rule).

    Returns
    -------
    Solution

    Raises
    ------
    matching.issues.InputError
        (a ValueError) listing every malformed argument at once.

    Examples
    --------
    >>> import numpy as np
    >>> w = np.array([[0, .9, .1, .2], [.9, 0, .3, .1], [.1, .3, 0, .8], [.2, .1, .8, 0]])
    >>> solve_pairs(w).groups
    [(0, 1), (2, 3)]
    """
    began = time.perf_counter()
    # 1. Hard constraints give the allowed graph; locked pairs are checked against it first.
    inst = prepare(weight, quality, forbidden, locked, min_score, fairness, odd, capacity, sides, k, n_backups,
                   backup_cap, solver, time_limit, mip_gap, seed)
    last = pair_mask("backup_last", backup_last, inst.n)
    key = solver.lower()
    mip_name = "HiGHS" if (key == "highs" or (key == "auto" and highs.HAVE_HIGHS)) else "CBC"
    conflicts = lock_conflicts(inst)
    if conflicts:
        return infeasible(inst, conflicts, mip_name if key in ("auto", "highs", "cbc") else "rustworkx", began)
    # 2. Locked pairs are fixed; the candidate graph of the residual problem is everyone's top k,
    # 3. widened until it holds c*, the dense maximum number of pairs.
    res = residual(inst)
    search = candidate_graph(inst, res, k)
    # 4. Pricing against all allowed pairs makes the sparsification lossless.
    price_step(inst, res, search, key)
    # 5. Blossom, the fairness scan or the ILP, status checked.
    messages: list[str] = []
    out = _solve(inst, res, search, key, mip_name, began, float(time_limit), float(mip_gap), seed, messages)
    edges, weight_sum, low_pair, objective = pairing_value(inst, np.union1d(res.lock_keys, out.chosen))
    # 6. The bound on the dense problem, and how the pairing is proven.
    how, upper, gap = dense_bound(inst, res, search, out, weight_sum, low_pair, objective, bool(edges))
    # 7. Post-processing: triad or bye, a reason for everyone left out, backups for everyone.
    groups, unmatched = place(inst, edges, odd)
    scores = [group_score(inst, g) for g in groups]
    return Solution(groups=groups, group_scores=scores, unmatched=unmatched,
                    backups=backups(inst, groups, n_backups, backup_cap, seed, last),
                    objective=objective, total_quality=float(sum(scores)),
                    lowest_quality=float(min(scores)) if scores else float("nan"),
                    upper_bound=upper, gap=gap, solver=out.engine, status=out.status, sol_status=out.sol_status,
                    time_s=time.perf_counter() - began,
                    n_candidate_edges=int(search.cand.size + res.lock_keys.size),
                    optimal=bool(out.optimal and how), diagnosis=None, messages=tuple(messages), proof=how,
                    pricing_rounds=search.pricing_rounds, pairs=edges)


def _solve(inst, res, s, key: str, mip_name: str, began: float, time_limit: float, mip_gap: float, seed: int,
           messages: list[str]) -> Outcome:
    """Step 5: the exact blossom answer, the fairness scan's proven optimum, or the ILP."""
    optimal = ("Optimal", "Optimal Solution Found", True)
    if s.cand.size == 0 or s.card == 0:
        return Outcome(np.zeros(0, dtype=np.int64), "trivial", *optimal, s.cand)
    if key in ("auto", "rustworkx") and not inst.two_sided and inst.fairness == 0:
        return Outcome(s.start, "HiGHS" if s.from_lp else "rustworkx", *optimal, s.cand)
    chosen, keep, t_range, scan_proven = s.start, s.cand, (0.0, 1.0), False
    deadline = began + time_limit
    if inst.fairness > 0:
        chosen, keep, t_range, scan_proven = fair_setup(inst, res, s, key == "auto",
                                                        deadline - reserve(inst.n, time_limit))
    if scan_proven:
        return Outcome(chosen, "HiGHS", *optimal, s.cand)  # the scan's LPs (HiGHS) proved the candidate optimum
    return solve_with_mip(inst, res, s, mip_name, chosen, keep, t_range, deadline, time_limit, mip_gap, seed,
                          messages)
