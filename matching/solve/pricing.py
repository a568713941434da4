"""LP pricing: the fractional matching LP with odd-set (blossom) cuts and column generation over all
allowed pairs, its duals repaired into a dense bound, and reduced costs that make sparsification
lossless.

Without the odd sets the bound is loose by half a pair on every odd cycle of near-equal scores
(templated survey answers make many), which let most pairs through pricing. With them, the duals
give a bound that meets the candidate optimum when no pair outside the candidates helps
(``proof="lp_bound"``); when the LP's own integral point beats the candidates' (ties hid pairs from
the top-k lists) that point is the optimum; otherwise every pair whose reduced cost is above
``-(bound - best known)`` joins the candidates, and the candidate optimum is the dense optimum
(``proof="priced"``).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csc_matrix, csr_matrix
from scipy.sparse.csgraph import connected_components

from . import highs
from .candidates import AUGMENT_ROUNDS, Search, blossom, degrees, keys_of, split
from .highs import highspy

if TYPE_CHECKING:
    from .instance import Instance, Residual

LP_SOLVES = 60             # LP solves per pricing call; odd-set cuts and column generation share them
COLUMN_ROUNDS = 6          # column-generation passes per pricing call (each adds at most 20 N pairs)
FRAC = 1e-6                # an LP value farther than this from 0 and 1 is fractional


def tol(bound: float) -> float:
    """Absolute slack under which a bound and a pairing's weight count as equal."""
    return 1e-9 * max(1.0, abs(bound))


class MatchingLP:
    """The fractional matching LP over a growing set of columns and odd-set rows (private).

    ``max w.x`` subject to ``x(delta(v)) <= cap_v``, ``x(E(S)) <= (|S| - 1) / 2`` for every odd set
    ``S`` added (peer rounds only: every capacity is 1), optionally ``sum x >= card``, and
    ``0 <= x_e`` (``x_e = 0`` for columns switched off by :meth:`restrict`). With highspy the model
    stays in one ``Highs`` object and every re-solve after a change is a simplex warm start from the
    last basis: milliseconds, where a cold solve costs 0.1-0.3 s at N = 1000-2000. Without highspy,
    scipy's HiGHS solves from scratch each time.
    """

    def __init__(self, n: int, W: np.ndarray, cap: np.ndarray, card: int, with_card: bool):
        self.n, self.W, self.card, self.with_card = n, W, card, with_card
        self.rhs = np.append(cap.astype(float), -float(card)) if with_card else cap.astype(float)
        self.first_set = self.rhs.size            # rows: degrees, [cardinality], odd sets
        self.keys = np.zeros(0, dtype=np.int64)   # columns, in the LP's order
        self.off = np.zeros(0, dtype=bool)        # columns held at 0
        self.sets: list[np.ndarray] = []
        self.infeasible = False                   # the last solve proved the LP infeasible
        self.highs = None
        if highs.HAVE_HIGHS:
            h = highspy.Highs()
            h.setOptionValue("output_flag", False)
            # Cold solve: interior point with crossover (a basis for the warm starts) is 3x faster
            # than dual simplex on these degenerate LPs.
            h.setOptionValue("solver", "ipm")
            none = np.zeros(0, dtype=np.int32)
            h.addRows(self.rhs.size, np.full(self.rhs.size, -highspy.kHighsInf), self.rhs, 0, none, none,
                      np.zeros(0))
            self.highs = h

    def _set_rows(self, keys: np.ndarray, sets: list[np.ndarray]) -> csr_matrix:
        """Rows of ``sets`` over the columns ``keys``: 1 where both ends lie in the set."""
        I, J = split(keys, self.n)
        r = np.repeat(np.arange(len(sets)), [s.size for s in sets])
        member = csr_matrix((np.ones(r.size), (r, np.concatenate(sets))), shape=(len(sets), self.n)).tocsc()
        return member[:, I].multiply(member[:, J]).tocsr()

    def _columns(self, keys: np.ndarray) -> csc_matrix:
        """Every row's coefficients for the columns ``keys``."""
        I, J = split(keys, self.n)
        m, cols = keys.size, np.arange(keys.size)
        rows, at, vals = [I, J], [cols, cols], [np.ones(m), np.ones(m)]
        if self.with_card:
            rows.append(np.full(m, self.n))
            at.append(cols)
            vals.append(-np.ones(m))
        if self.sets:
            block = self._set_rows(keys, self.sets).tocoo()
            rows.append(self.first_set + block.row)
            at.append(block.col)
            vals.append(block.data)
        A = csc_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(at))),
                       shape=(self.first_set + len(self.sets), m))
        A.sort_indices()
        return A

    def add_columns(self, keys: np.ndarray) -> None:
        keys = np.setdiff1d(keys, self.keys)
        if keys.size == 0:
            return
        if self.highs is not None:
            A = self._columns(keys)
            self.highs.addCols(keys.size, -self.W[split(keys, self.n)], np.zeros(keys.size),
                               np.full(keys.size, highspy.kHighsInf), A.nnz, A.indptr[:-1].astype(np.int32),
                               A.indices.astype(np.int32), A.data.astype(float))
        self.keys = np.concatenate([self.keys, keys])
        self.off = np.concatenate([self.off, np.zeros(keys.size, dtype=bool)])

    def add_sets(self, sets: Sequence[np.ndarray]) -> None:
        sets = list(sets)
        if not sets:
            return
        if self.highs is not None:
            B = self._set_rows(self.keys, sets)
            rhs = np.array([(s.size - 1) // 2 for s in sets], dtype=float)
            self.highs.addRows(len(sets), np.full(len(sets), -highspy.kHighsInf), rhs, B.nnz,
                               B.indptr[:-1].astype(np.int32), B.indices.astype(np.int32), B.data.astype(float))
        self.sets.extend(sets)

    def restrict(self, off: np.ndarray) -> None:
        """Hold exactly the columns where ``off`` is True at 0 (the others are free again)."""
        changed = np.flatnonzero(off != self.off)
        if changed.size and self.highs is not None:
            upper = np.where(off[changed], 0.0, highspy.kHighsInf)
            self.highs.changeColsBounds(changed.size, changed.astype(np.int32), np.zeros(changed.size), upper)
        self.off = off.copy()

    def solve(self, deadline: float = math.inf) -> tuple[np.ndarray, float, np.ndarray, np.ndarray, np.ndarray] | None:
        """``(y, mu, z, x, set_rows)``: node, cardinality and set duals (>= 0), the primal (one value per
        column of ``keys`` at this call), and each odd-set row's left-hand side; None if the LP was not
        solved to optimality, e.g. HiGHS stopped at ``deadline`` (``time.perf_counter``; highspy only)."""
        if self.highs is not None:
            h = self.highs
            # HiGHS's run clock adds up over runs: the limit is its reading now plus the time left.
            h.setOptionValue("time_limit", h.getRunTime() + max(deadline - time.perf_counter(), 0.5)
                             if math.isfinite(deadline) else highspy.kHighsInf)
            h.run()
            status = h.getModelStatus()
            self.infeasible = status == highspy.HighsModelStatus.kInfeasible
            if status != highspy.HighsModelStatus.kOptimal:
                return None
            h.setOptionValue("solver", "simplex")  # later solves warm-start from this basis
            sol = h.getSolution()
            x, duals = np.asarray(sol.col_value), -np.asarray(sol.row_dual)
            lhs = np.asarray(sol.row_value)[self.first_set:]
        else:
            A = self._columns(self.keys).tocsr()
            rhs = np.concatenate([self.rhs, [(s.size - 1) // 2 for s in self.sets]])
            res = linprog(-self.W[split(self.keys, self.n)], A_ub=A, b_ub=rhs,
                          bounds=[(0.0, 0.0) if o else (0.0, None) for o in self.off.tolist()], method="highs-ipm")
            self.infeasible = res.status == 2
            if res.status != 0:
                return None
            x, duals = np.asarray(res.x), -np.asarray(res.ineqlin.marginals)
            lhs = A[self.first_set:] @ x
        duals = np.maximum(duals, 0.0)
        mu = float(duals[self.n]) if self.with_card else 0.0
        return duals[:self.n], mu, duals[self.first_set:], x, lhs

    def _tight_odd_sets(self, out) -> list[np.ndarray]:
        """Violated odd sets among the components of the equality subgraph (pairs with reduced cost 0).

        Under ties (everyone in a time-zone bucket scores the same with everyone else in it) the
        fractional point's odd cycles wander through the bucket from solve to solve; the set that
        settles it is the whole odd bucket, as Edmonds' algorithm would grow it: the odd component
        of the pairs the duals make tight.
        """
        y, mu, z, x, _ = out
        n = self.n
        I, J = split(self.keys, n)
        rc = self.W[I, J] + mu - y[I] - y[J]
        if z.size:
            rc = rc - self._set_rows(self.keys, self.sets[:z.size]).T @ z
        on = (rc >= -1e-7) & ~self.off
        if not on.any():
            return []
        n_comp, comp = connected_components(csr_matrix((np.ones(int(on.sum())), (I[on], J[on])), shape=(n, n)),
                                            directed=False)
        size = np.bincount(comp, minlength=n_comp)
        same = comp[I] == comp[J]
        inside = np.bincount(comp[I][same], weights=x[same], minlength=n_comp)
        found = np.flatnonzero((size >= 3) & (size % 2 == 1) & (inside > (size - 1) / 2 + FRAC))
        return [np.flatnonzero(comp == c) for c in found.tolist()]

    def solve_with_cuts(self, budget: int, deadline: float = math.inf, hard: bool = False) -> tuple[tuple | None, int, bool]:
        """Solve, add the violated odd sets, repeat: ``(last solution, solves used, no cut left)``.

        Stops after ``budget`` solves or, once one solve is done, at ``deadline`` (``time.perf_counter``);
        with ``hard`` the deadline also stops HiGHS inside a solve (the first one included).
        The last solution's duals ``z`` cover the first ``z.size`` sets (cuts added after it have none).
        """
        last, used = None, 0
        while used < budget and (used == 0 or time.perf_counter() < deadline):
            out = self.solve(deadline if hard or used else math.inf)
            used += 1
            if out is None:
                break
            last = out
            cuts = violated_odd_sets(self.n, self.keys, out[3], self.sets, out[4])
            if cuts:
                seen = {c.tobytes() for c in cuts}
                cuts += [c for c in self._tight_odd_sets(out) if c.tobytes() not in seen]
            if not cuts:
                return last, used, True
            self.add_sets(cuts)
        return last, used, False


def violated_odd_sets(n: int, keys: np.ndarray, x: np.ndarray, sets: list[np.ndarray],
                       lhs: np.ndarray) -> list[np.ndarray]:
    """Odd sets S whose blossom inequality ``x(E(S)) <= (|S| - 1) / 2`` the LP point x breaks.

    The blossom algorithm's view of a fractional matching: a connected piece of the LP support with
    a fractional edge and an odd number of nodes is an odd set, checked against its inequality. On a
    half-integral point the pieces are the odd cycles. Later the cycles run through earlier tight
    sets, so the pieces are also taken with those sets shrunk to single nodes (disjoint, largest
    first), as in Edmonds' algorithm; an odd cycle inside a shrunk set shows only unshrunk.
    """
    I, J = split(keys, n)
    rep = np.arange(n)
    taken = np.zeros(n, dtype=bool)
    tight = [i for i, s in enumerate(sets) if i < lhs.size and lhs[i] >= (s.size - 1) / 2 - FRAC]
    for i in sorted(tight, key=lambda i: -sets[i].size):
        if not taken[sets[i]].any():
            taken[sets[i]] = True
            rep[sets[i]] = n + i
    found: dict[bytes, np.ndarray] = {}
    for view in (np.arange(n), rep) if tight else (rep,):
        for s in _odd_pieces(n, I, J, x, view, len(sets)):
            found.setdefault(s.tobytes(), s)
    return list(found.values())


def _odd_pieces(n: int, I: np.ndarray, J: np.ndarray, x: np.ndarray, rep: np.ndarray,
                n_sets: int) -> list[np.ndarray]:
    """Violated odd sets among the support's connected pieces, with node v shrunk into ``rep[v]``."""
    pos = x > FRAC
    a, b, frac = rep[I[pos]], rep[J[pos]], x[pos] < 1 - FRAC
    inner = a != b
    a, b, frac = a[inner], b[inner], frac[inner]
    if not frac.any():
        return []
    nodes, inv = np.unique(np.concatenate([a, b]), return_inverse=True)
    n_comp, lab = connected_components(csr_matrix((np.ones(a.size), (inv[:a.size], inv[a.size:])),
                                                  shape=(nodes.size, nodes.size)), directed=False)
    has_frac = np.bincount(lab[inv[:a.size][frac]], minlength=n_comp) > 0
    odd = np.bincount(lab, minlength=n_comp) % 2 == 1   # shrunk nodes per piece; each stands for an odd set
    comp_of = np.full(n + n_sets, -1)
    comp_of[nodes] = lab
    comp = comp_of[rep]                                # each person's piece, -1 outside the support
    size = np.bincount(comp[comp >= 0], minlength=n_comp)
    same = (comp[I] == comp[J]) & (comp[I] >= 0)
    inside = np.bincount(comp[I][same], weights=x[same], minlength=n_comp)
    found = np.flatnonzero(has_frac & odd & (size % 2 == 1) & (inside > (size - 1) / 2 + FRAC))
    return [np.flatnonzero(comp == c) for c in found.tolist()]


def reduced_costs(W: np.ndarray, mask: np.ndarray, y: np.ndarray, mu: float, sets: list[np.ndarray],
                  z: np.ndarray) -> np.ndarray:
    """``w + mu - y_i - y_j - sum of z_S over the sets holding both``, -inf where not allowed."""
    rc = W + mu - y[:, None] - y[None, :]
    for s, zs in zip(sets, z.tolist()):
        if zs > 0:
            rc[np.ix_(s, s)] -= zs
    rc[~mask] = -np.inf
    return rc



def most_promising(I: np.ndarray, J: np.ndarray, values: np.ndarray, n: int, limit: int) -> np.ndarray:
    """Positions of at most ``limit`` pairs (I, J), the highest ``values`` first *for every person*.

    Each pair is ranked by its place in its better endpoint's own list, then by value, then by
    position. A plain global sort by value would, under ties (time-zone buckets, templated answers),
    hand every slot to the people with the lowest indices, and column generation would stall on
    the rest.
    """
    if I.size <= limit:
        return np.arange(I.size)
    order = np.lexsort((np.arange(I.size), -values))          # best value first, ties by position
    ends = np.concatenate([I[order], J[order]])
    pos = np.concatenate([order, order])
    by_end = np.lexsort((np.arange(ends.size) % I.size, ends))  # each person's pairs, best first
    start = np.searchsorted(ends[by_end], np.arange(n))
    rank_sorted = np.arange(ends.size) - start[ends[by_end]]
    rank = np.empty(I.size, dtype=np.int64)
    rank.fill(np.iinfo(np.int64).max)
    np.minimum.at(rank, pos[by_end], rank_sorted)
    place = np.empty(I.size, dtype=np.int64)
    place[order] = np.arange(I.size)
    return np.lexsort((place, rank))[:limit]


@dataclass
class Priced:
    """What one pricing call learned about the dense problem."""

    bound: float                # upper bound on every matching of the allowed graph with card pairs
    edges: np.ndarray           # allowed pairs that could be in a pairing better than best
    complete: bool              # edges holds all of them (else the most promising ones)
    pick: np.ndarray | None     # the LP's integral optimum over all allowed pairs, when it has one
    lp_solves: int
    sets: list[np.ndarray]      # the odd sets whose inequalities the LP used


def _solve_with_columns(lp: MatchingLP, W: np.ndarray, mask: np.ndarray, odd_sets: bool):
    """Solve the LP, adding violated odd sets and the most violated allowed pairs until none is left.

    Returns ``(last LP solution or None, its reduced costs or None, LP solves, every allowed pair priced)``.
    """
    n = lp.n
    last, rc, solves, passes, priced_all = None, None, 0, 0, False
    while solves < LP_SOLVES:
        if odd_sets:
            out, used, settled = lp.solve_with_cuts(LP_SOLVES - solves)
        else:
            out, used, settled = lp.solve(), 1, True
        solves += used
        if out is None:
            break
        last, rc = out, None
        if not settled:
            break
        y, mu, z, _, _ = out
        rc = reduced_costs(W, mask, y, mu, lp.sets, z)
        r, c = np.nonzero(np.triu(rc > 1e-9, 1))
        new = np.setdiff1d(keys_of(r, c, n), lp.keys)
        priced_all = new.size == 0
        if priced_all or passes == COLUMN_ROUNDS:
            break
        # Column generation: the most violated pairs enter the LP.
        passes += 1
        if new.size > 20 * n:
            a, b = split(new, n)
            new = new[most_promising(a, b, rc[a, b], n, 20 * n)]
        lp.add_columns(new)
    return last, rc, solves, priced_all


def price(inst: Instance, mask: np.ndarray, cap: np.ndarray, cand: np.ndarray, card: int,
          best: float | None, odd_sets: bool = False) -> Priced:
    """Dense bound from LP duals, and every allowed edge that could be in a pairing better than ``best``.

    With duals ``(y, mu, z)`` feasible for *all* allowed pairs, any matching with ``card`` pairs
    weighs at most ``bound + sum of its edges' reduced costs`` (all <= 0). So an edge whose reduced
    cost is below ``-(bound - best)`` is in no pairing better than ``best``: adding the others to the
    candidates makes the candidate optimum the dense optimum, and a bound equal to ``best`` proves
    ``best`` optimal outright. ``edges`` holds the most promising (highest reduced cost) such pairs
    when there are too many (``complete`` False): add them, re-solve, and price again.

    ``odd_sets`` (peer rounds) adds blossom inequalities: the plain fractional-matching LP is loose
    by half a pair on every odd cycle of near-equal scores (three people who are each other's best
    match), and that slack lets hundreds of thousands of pairs through. With the violated odd sets
    added until the LP point is integral, the bound meets the candidate optimum (Edmonds: the
    matching polytope), so ``bound == best`` whenever no pair outside the candidates helps.

    ``best=None`` (mentoring rounds) takes ``best`` from the LP itself: bipartite b-matching with
    an "at least card pairs" row is a flow problem, so its vertex optimum is an integral pairing
    (``pick``). If it is not integral after all, nothing is priced (``complete`` False, no edges).
    In peer rounds ``pick`` is the LP's point when it is an integral ``card``-pair matching and no
    allowed pair is left to price: a pairing optimal over all allowed pairs (None otherwise).
    """
    n, W = inst.n, inst.W
    none = np.zeros(0, dtype=np.int64)
    # With non-negative weights "at least card pairs" changes no bound; the flow argument needs it.
    with_card = best is None or bool((W[mask] < 0).any())
    lp = MatchingLP(n, W, cap, card, with_card)
    lp.add_columns(cand)
    last, rc, solves, priced_all = _solve_with_columns(lp, W, mask, odd_sets)
    if last is None:
        return Priced(math.inf, none, False, None, solves, lp.sets)
    y, mu, z, x, _ = last
    sets = lp.sets[:z.size]
    if rc is None:
        rc = reduced_costs(W, mask, y, mu, sets, z)
    pick = None
    integral = np.abs(x - np.rint(x)).max(initial=0.0) <= FRAC
    if best is not None and priced_all and integral:
        pick = np.sort(lp.keys[x > 0.5])
        if pick.size < card or (degrees(n, pick) > cap).any():
            pick = None
        else:
            best = max(best, float(W[split(pick, n)].sum()))  # price against the better pairing
    if best is None:
        pick = np.sort(lp.keys[x > 0.5])
        if not integral or pick.size < card or (degrees(n, pick) > cap).any() or x.max(initial=0.0) > 1.5:
            return Priced(math.inf, none, False, None, solves, sets)
        best = float(W[split(pick, n)].sum())
    return bound_and_edges(n, mask, cap, card, cand, best, y, mu, z, rc, sets, pick, solves)


def bound_and_edges(n: int, mask: np.ndarray, cap: np.ndarray, card: int, cand: np.ndarray, best: float,
                     y: np.ndarray, mu: float, z: np.ndarray, rc: np.ndarray, sets: list[np.ndarray],
                     pick: np.ndarray | None, solves: int) -> Priced:
    """Repair the duals to be feasible for every allowed pair; the bound and the pairs it lets through."""
    # Repair what is left (and solver tolerances) by raising both ends by half the worst violation.
    lift = np.maximum(rc.max(axis=1, initial=-np.inf), 0.0) / 2
    y = y + lift
    rc -= lift[:, None]
    rc -= lift[None, :]
    live = mask.any(axis=1)
    bound = float((cap[live] * y[live]).sum()) + sum(float(zs) * ((s.size - 1) // 2) for s, zs in zip(sets, z)) \
        - card * mu
    r, c = np.nonzero(np.triu(rc >= -(bound - best) - tol(bound), 1))
    limit = max(2 * cand.size, 20 * n)
    if r.size > limit:
        top = most_promising(r, c, rc[r, c], n, limit)
        return Priced(bound, keys_of(r[top], c[top], n), False, pick, solves, sets)
    return Priced(bound, keys_of(r, c, n), True, pick, solves, sets)


# ----------------------------------------------------------------------------------------------
# Pricing steps of a solve
# ----------------------------------------------------------------------------------------------
def price_mentoring(inst: Instance, res: Residual, s: Search) -> None:
    """Mentoring without fairness: the LP's own (integral) optimum is the pairing to beat."""
    priced = price(inst, res.mask, res.cap, s.cand, s.card, None)
    s.pricing_rounds += 1
    s.lp_bound = priced.bound
    if priced.pick is not None:
        needed, pick = priced.edges, priced.pick
        s.start = pick
        s.cand = np.union1d(needed, pick) if priced.complete else np.union1d(s.cand, np.union1d(needed, pick))
        s.proof = needed if priced.complete else None


def price_peer(inst: Instance, res: Residual, s: Search, take_lp_pick: bool) -> None:
    """Peer rounds without fairness: prove the candidate optimum, or widen the candidates until it is.

    A bound that meets the candidate optimum proves it optimal over all allowed pairs; otherwise the
    candidates grow by every pair that could beat it, so the optimum over candidates is the optimum
    over all allowed pairs. ``take_lp_pick`` (solver "auto") lets the LP's integral point replace a
    blossom solution it beats.
    """
    n = inst.n
    for _ in range(AUGMENT_ROUNDS):
        best = float(inst.W[split(s.start, n)].sum())
        priced = price(inst, res.mask, res.cap, s.cand, s.card, best, odd_sets=True)
        s.pricing_rounds += 1
        s.lp_bound, s.cuts = priced.bound, priced.sets
        needed = priced.edges
        if take_lp_pick and priced.pick is not None and \
                float(inst.W[split(priced.pick, n)].sum()) > best + tol(best):
            # Ties hid better pairs from the top-k lists; the LP's integral point is optimal over all
            # allowed pairs, so take it rather than widening and re-solving.
            s.start, s.from_lp = priced.pick, True
            best = float(inst.W[split(s.start, n)].sum())
            s.cand = np.union1d(s.cand, s.start)
        if s.lp_bound <= best + tol(s.lp_bound):
            break
        grown = np.setdiff1d(needed, s.cand).size > 0
        if priced.complete:
            # Any pairing at least as good as the best pricing knows uses only `needed` edges, so
            # those plus `start` are all the candidates the solve needs (fewer than cand | needed).
            s.dense_proven = True
            s.cand = np.union1d(needed, s.start)
        if grown:
            s.cand = np.union1d(s.cand, needed)
            s.start = blossom(n, s.cand, inst.W)
        if priced.complete or not grown:
            break


def price_step(inst: Instance, res: Residual, s: Search, key: str) -> None:
    """Step 4: price the candidate graph against all allowed pairs (see the module docstring)."""
    if s.card == 0:
        return
    if inst.two_sided:
        if inst.fairness == 0:
            price_mentoring(inst, res, s)
    elif inst.fairness == 0:
        price_peer(inst, res, s, key == "auto")
    else:
        # Peer fairness: the heaviest pairing over all allowed pairs is the fairness scan's start, its
        # weight bound caps every pairing's weight, and its odd sets seed the scan's LP. The scan prices
        # its own columns, so the candidates only gain the start's pairs (a wider graph slows the ILP).
        cand = s.cand
        price_peer(inst, res, s, key == "auto")
        s.cand, s.dense_proven = np.union1d(cand, s.start), False
