"""Pairing at large N on a sparse candidate graph, proven optimal over all pairs without N x N.

1. One pass over all pairs in row blocks (:func:`matching.suggest.blocks.blocked_topk`) gives every
   person's best allowed partners by the solver's weight (the pool), the weakest of them ``t_i``,
   and the counts behind the unmatched reasons.
2. A start pairing: greedy on the pool, free people paired among themselves, alternating paths
   (blossom for the maximum number of pairs only when someone stays free).
3. The fractional matching LP with odd-set cuts (the dense solver's
   :class:`matching.solve.pricing.MatchingLP`) gives duals ``(y, mu, z)`` and a point that is
   rounded into a pairing (blossom around its fractional part).
4. Pricing without the dense matrix: a pair outside the pool is in neither person's list, so its
   weight is at most ``min(t_i, t_j)`` and its reduced cost at most
   ``min(t_i, t_j) + mu - y_i - y_j``. The largest such bound per person takes a sort, not a pass.
   Only the rows where it could be positive are recomputed exactly
   (:func:`matching.suggest.blocks.blockwise_max_reduced_cost`); violated pairs join the LP and
   the loop repeats. When none is left, the LP value bounds every pairing over all pairs.
5. Closing the gap: only pairs with reduced cost above minus the gap can beat the pairing; a
   blossom on them proves the optimum when it fits the time limit, else the proven gap is reported.

Supports plain peer rounds (fairness 0, capacity 1, locked pairs, triads, backups). Fairness,
mentoring and popularity moderation need the dense solver.
"""

from __future__ import annotations

import logging
import math
import time

import numpy as np

from ..issues import InputError, Issue
from ..solve import Solution, Unmatched
from ..solve.candidates import blossom, degrees, keys_of, split
from ..solve.pricing import FRAC, MatchingLP, tol
from .blocks import BLOCK_ELEMS, BlockContext, blocked_topk, blockwise_max_reduced_cost, pair_scores, topk_edges

PRICING_ROUNDS = 8
COLUMN_ROUNDS = 8        # pool pairs enter the LP when their reduced cost turns positive
FIRST_COLUMNS = 12        # the LP starts from everyone's 12 best partners (at most k); the pool adds more as needed
GRAPH_FIRST_COLUMNS = 4   # on a candidate graph (no pass over all pairs to price against) a lighter first LP
IMPROVE_PEOPLE = 3_000     # at most this many people are re-paired by blossom around the LP's fractional part
IMPROVE_SLACK = 0.02      # LP pairs within this of tight link a pair at 1 to that part
POOL_K = 64               # partners kept per person for pricing: the 64th best bounds every pair outside
COLUMNS_PER_BLOCK = 20_000  # violated pairs priced into the LP per row block and round (the highest first)
BLOSSOM_EDGES = 200_000  # a fractional LP is settled by blossom on the pairs that could still matter
BLOSSOM_SECONDS = 7e-8   # rustworkx's blossom takes about this many seconds per person x pair (measured, 2 cores)
_SLACK = 1e-5            # block and pair paths may differ by float32 rounding; bounds are widened by this
_LP_BUDGET = 25            # LP solves per cut loop; a round that stops short keeps its cuts for the next
GRAPH_CUT_SOLVES = 3       # on a candidate graph: cut solves between column rounds
log = logging.getLogger(__name__)


class LazyWeights:
    """``W[I, J]`` for any pairs, computed on demand (what blossom and the LP read)."""

    def __init__(self, ctx: BlockContext, quality: bool = False):
        self.ctx, self.quality = ctx, quality

    def __getitem__(self, ij) -> np.ndarray:
        I, J = ij
        score, weight, _ = pair_scores(self.ctx, np.asarray(I), np.asarray(J))
        return (score if self.quality else weight).astype(np.float64)


def check_supported(settings, two_sided: bool) -> None:
    """Raise InputError naming the settings the block path cannot honour."""
    problems = []
    if settings.fairness > 0:
        problems.append(Issue("fatal", f"The 'fairness' setting must be 0 for rounds solved in blocks. "
                                       f"Got {settings.fairness:g} instead.", "Set fairness to 0 for very large rounds."))
    if settings.popularity > 0:
        problems.append(Issue("fatal", f"The 'popularity' setting must be 0 for rounds solved in blocks. "
                                       f"Got {settings.popularity:g} instead.", "Set popularity moderation to 0."))
    if two_sided:
        problems.append(Issue("fatal", "Mentoring rounds must be solved with the dense solver. Got a mentor/mentee "
                                       "survey in a round solved in blocks instead.", "Use the pairing screen or CLI "
                                                                                      "without --dask."))
    if problems:
        raise InputError(problems)


def _cheap_bound(t: np.ndarray, y: np.ndarray, mu: float) -> np.ndarray:
    """Per person i, an upper bound on ``min(t_i, t_j) + mu - y_i - y_j`` over every j (O(N log N))."""
    order = np.argsort(t, kind="stable")
    ts, ys = t[order], y[order]
    # j with t_j >= t_i: t_i - min y_j over those (suffix minimum); j with t_j < t_i: max (t_j - y_j) (prefix max).
    suffix_min = np.minimum.accumulate(ys[::-1])[::-1]
    prefix_max = np.maximum.accumulate(np.where(np.isfinite(ts), ts - ys, -np.inf))
    first_ge = np.searchsorted(ts, t, side="left")
    hi = np.where(first_ge < t.size, t - suffix_min[np.minimum(first_ge, t.size - 1)], -np.inf)
    lo = np.where(first_ge > 0, prefix_max[np.maximum(first_ge - 1, 0)], -np.inf)
    return np.maximum(hi, lo) + mu - y


def _dual_value(lp: MatchingLP, y, mu, z, live: np.ndarray, card: int) -> float:
    sets = lp.sets[:len(z)]
    return float(y[live].sum()) + sum(float(zs) * ((s.size - 1) // 2) for s, zs in zip(sets, z)) - card * mu


def _pair_rc(n: int, keys: np.ndarray, w: np.ndarray, y, mu, sets, z) -> np.ndarray:
    """Reduced costs of the pairs ``keys`` with weights ``w`` (odd-set terms included)."""
    from scipy.sparse import csc_matrix

    I, J = split(keys, n)
    rc = w + mu - y[I] - y[J]
    live = [(s_, zs) for s_, zs in zip(sets, np.asarray(z).tolist()) if zs > 0]
    if live:
        rows = np.repeat(np.arange(len(live)), [s_.size for s_, _ in live])
        member = csc_matrix((np.ones(rows.size), (rows, np.concatenate([s_ for s_, _ in live]))), shape=(len(live), n))
        both = member[:, I].multiply(member[:, J])
        rc -= both.T @ np.array([zs for _, zs in live])
    return rc


def _greedy(n: int, keys: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Greedy maximal matching by weight (a feasible start and a cardinality guess)."""
    I, J = split(keys, n)
    free = np.ones(n, dtype=bool)
    out = []
    for e in np.argsort(-w, kind="stable").tolist():
        i, j = I[e], J[e]
        if free[i] and free[j]:
            free[i] = free[j] = False
            out.append(keys[e])
    return np.sort(np.array(out, dtype=np.int64))


def _merge(n: int, a: np.ndarray, b: np.ndarray, W) -> np.ndarray:
    """The better of two pairings piece by piece: more pairs first, then more weight.

    Together two pairings form paths and cycles (no one has more than two of their pairs); on each
    piece either pairing's pairs alone are a pairing, so the result has at least as many pairs as
    either input, and keeps the heavier side wherever the counts tie.
    """
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import connected_components

    both = np.union1d(a, b)
    if both.size == 0:
        return both
    I, J = split(both, n)
    _, comp = connected_components(csr_matrix((np.ones(I.size), (I, J)), shape=(n, n)), directed=False)
    piece = comp[I]
    w = W[I, J]
    in_a, in_b = np.isin(both, a), np.isin(both, b)
    size = comp.max() + 1
    na, nb = np.bincount(piece[in_a], minlength=size), np.bincount(piece[in_b], minlength=size)
    wa = np.bincount(piece[in_a], weights=w[in_a], minlength=size)
    wb = np.bincount(piece[in_b], weights=w[in_b], minlength=size)
    take_b = (nb > na) | ((nb == na) & (wb > wa))
    return both[np.where(take_b[piece], in_b, in_a)]


def _fill(ctx: BlockContext, pick: np.ndarray, live: np.ndarray, most: int = 2_000) -> np.ndarray:
    """Pair the people a pairing leaves free among themselves, greedily by weight over every allowed pair."""
    n = ctx.n
    free = np.flatnonzero(live & (degrees(n, pick) == 0))
    if free.size < 2 or free.size > most:
        return pick
    a, b = np.triu_indices(free.size, 1)
    I, J = free[a], free[b]
    _, weight, ok = pair_scores(ctx, I, J)
    if not ok.any():
        return pick
    keys = I[ok].astype(np.int64) * n + J[ok]
    return np.union1d(pick, _greedy(n, keys, weight[ok].astype(np.float64)))


def _augment(n: int, pick: np.ndarray, pool: np.ndarray, free: np.ndarray) -> np.ndarray:
    """Grow a pairing along alternating paths over the pool between people it leaves free.

    A breadth-first search from each free person that steps to a pool partner and on to that
    partner's mate (no blossom shrinking: a path it finds is always valid; one it misses is left
    to the exact maximum matching that runs when people stay free). Cheap when few are free.
    """
    from scipy.sparse import csr_matrix

    I, J = split(pick, n)
    mate = np.full(n, -1, dtype=np.intp)
    mate[I], mate[J] = J, I
    P, Q = split(pool, n)
    adj = csr_matrix((np.ones(2 * P.size, dtype=np.int8), (np.concatenate([P, Q]), np.concatenate([Q, P]))), shape=(n, n))
    ptr, nbr = adj.indptr, adj.indices
    is_free = np.zeros(n, dtype=bool)
    is_free[free] = True
    grown = False
    for u in free.tolist():
        if mate[u] >= 0:
            continue
        parent = {u: -1}             # outer person -> the outer person before it on the path
        via = {}                     # outer person -> the partner it was reached through
        inner: set[int] = set()
        frontier, end = [u], -1
        while frontier and end < 0:
            nxt = []
            for a in frontier:
                for v in nbr[ptr[a]:ptr[a + 1]].tolist():
                    if v in parent or v in inner:
                        continue
                    if mate[v] < 0 and is_free[v]:
                        end, last = v, a
                        break
                    m = int(mate[v])
                    if m >= 0 and m not in parent:
                        inner.add(v)
                        parent[m], via[m] = a, v
                        nxt.append(m)
                if end >= 0:
                    break
            frontier = nxt
        if end < 0:
            continue
        a, b = last, end             # flip the path: a-b joins, a's old partner link shifts back
        while a != -1:
            old = via.get(a, -1)
            mate[a], mate[b] = b, a
            b, a = old, parent[a]
            if b == -1:
                break
        grown = True
    if not grown:
        return pick
    a = np.flatnonzero(mate > np.arange(n))
    return keys_of(a, mate[a], n)


def _max_card(n: int, keys: np.ndarray) -> np.ndarray:
    """A maximum-cardinality matching of the graph ``keys`` (rustworkx; used only when greedy leaves a gap)."""
    import rustworkx as rx

    I, J = split(keys, n)
    g = rx.PyGraph(multigraph=False)
    g.add_nodes_from(range(n))
    g.add_edges_from_no_data(list(zip(I.tolist(), J.tolist())))
    m = rx.max_weight_matching(g, max_cardinality=True)
    if not m:
        return np.zeros(0, np.int64)
    return keys_of(np.array([a for a, _ in m], np.intp), np.array([b for _, b in m], np.intp), n)


class _Search:
    """The growing pool of priced pairs, the LP over part of it, and the best pairing so far."""

    def __init__(self, ctx: BlockContext, W: LazyWeights, pool: tuple, t: np.ndarray, live: np.ndarray,
                 card: int, start: np.ndarray, first: np.ndarray, client, time_limit: float, graph_only: bool = False):
        self.ctx, self.W, self.t, self.live, self.card, self.client = ctx, W, t, live, card, client
        self.n = ctx.n
        self.pool, self.pool_w = pool            # pair keys and their weights
        self.best, self.best_w = start, float(W[split(start, self.n)].sum())
        self.lp = MatchingLP(self.n, W, live.astype(int), card, True)
        self.lp.add_columns(np.union1d(first, start))
        self.bound, self.proven, self.solves, self.rounds = math.inf, False, 0, 0
        self.checked_rows, self.time_limit, self.graph_only = 0, time_limit, graph_only
        # On a candidate graph the time limit also bounds the LP's cut rounds (any bound stays valid: the
        # LP keeps the cuts it has, and pricing the graph's pairs in takes a few more warm solves); over
        # all pairs the LP runs to the end.
        self.deadline = time.perf_counter() + time_limit if graph_only else math.inf

    def grow_pool(self, keys: np.ndarray) -> None:
        keys = keys[~np.isin(keys, self.pool)]
        if keys.size:
            self.pool = np.concatenate([self.pool, keys])
            self.pool_w = np.concatenate([self.pool_w, self.W[split(keys, self.n)]])

    def lp_step(self) -> tuple | None:
        """Solve the LP with cuts, adding pool pairs with positive reduced cost until none is left.

        On a candidate graph, cut rounds and column rounds alternate (a few cuts at a time) until both
        settle or the deadline passes, so that a stop at the deadline leaves duals that nearly fit the
        whole graph (the bound is lifted by what does not fit).
        """
        good, late = None, 0
        budget, rounds = (GRAPH_CUT_SOLVES, 16 * COLUMN_ROUNDS) if self.graph_only else (_LP_BUDGET, COLUMN_ROUNDS)
        for round_ in range(rounds):
            began = time.perf_counter()
            # Once any LP is solved (a bound exists), the deadline also stops HiGHS inside a solve.
            out, used, settled = self.lp.solve_with_cuts(budget, self.deadline, hard=self.solves > 0)
            self.solves += used
            log.debug("LP: %d solves, %d columns, %d odd sets, %.1f s", used, self.lp.keys.size, len(self.lp.sets),
                      time.perf_counter() - began)
            if out is None:
                return good     # (x covers the columns the LP had then: the first x.size keys)
            good = out
            y, mu, z, x, _ = out
            rc = _pair_rc(self.n, self.pool, self.pool_w, y, mu, self.lp.sets[:len(z)], z)
            new = self.pool[rc > 1e-9]
            new = new[~np.isin(new, self.lp.keys)]
            late += time.perf_counter() > self.deadline     # past it, a round is one warm solve; at most 3
            more_cuts = self.graph_only and not settled and not late
            if (new.size == 0 and not more_cuts) or round_ == rounds - 1 or late >= 3:
                break           # (columns left out are priced in by the caller, or lift its bound)
            self.lp.add_columns(new)
        return good

    def improve(self, out: tuple) -> None:
        """A pairing from the LP point: its pairs at 1, except around the fractional part, where an exact
        blossom re-pairs everyone not at 1 together with the pairs at 1 that nearly tight LP pairs
        link to them (up to :data:`IMPROVE_PEOPLE`), then anyone still free paired greedily."""
        y, mu, z, x, _ = out
        n = self.n
        keys = self.lp.keys[:x.size]                       # the columns the LP had when it was solved
        whole = keys[x >= 1 - FRAC]
        region = self.live & (degrees(n, whole) == 0)       # fractional or free
        W_lp = self.W[split(keys, n)]
        rc = _pair_rc(n, keys, W_lp, y, mu, self.lp.sets[:len(z)], z)
        I, J = split(keys, n)
        mate = np.full(n, -1, dtype=np.intp)
        A, B = split(whole, n)
        mate[A], mate[B] = B, A
        for _ in range(3):                                 # widen by pairs at 1 tightly linked to the region
            link = (rc >= -IMPROVE_SLACK) & (region[I] ^ region[J])
            out_end = np.where(region[I[link]], J[link], I[link])
            order = np.argsort(-rc[link], kind="stable")     # tightest links first
            ends = out_end[order]
            ends = ends[mate[ends] >= 0]
            _, first = np.unique(ends, return_index=True)
            ends = ends[np.sort(first)][:max((IMPROVE_PEOPLE - int(region.sum())) // 2, 0)]
            if ends.size == 0:
                break
            region[ends] = True
            region[mate[ends]] = True
        inside = region[I] & region[J]
        keep = whole[~region[A]]
        pick = np.union1d(keep, blossom(n, keys[inside], self.W)) if inside.any() else keep
        free = self.live & (degrees(n, pick) == 0)
        I, J = split(self.pool, n)
        open_ = self.pool[free[I] & free[J]]
        if open_.size:
            pick = np.union1d(pick, _greedy(n, open_, self.pool_w[free[I] & free[J]]))
        if self.graph_only:     # on a candidate graph, pairs outside it would fall outside the bound
            pick = _augment(n, pick, self.pool, np.flatnonzero(self.live & (degrees(n, pick) == 0)))
        else:
            pick = _fill(self.ctx, pick, self.live)
        short = pick.size < self.card
        if short:   # short of pairs: the best pairing's pieces supply the missing ones
            pick = _merge(n, pick, self.best, self.W)
        log.debug("LP rounding: %d people re-paired by blossom, %d pairs (short %s), weight %.6f", int(region.sum()),
                  pick.size, short, float(self.W[split(pick, n)].sum()))
        self._take(pick)

    def _suspects(self, y, mu, thr) -> tuple[np.ndarray, np.ndarray]:
        """People whose rows must be checked exactly so every pair outside the pool is covered.

        A pair outside the pool weighs at most ``min(t_i, t_j)``; the bound per person is weakest
        because of a few partners with small duals, so those are checked exactly first and left out
        of everyone else's bound. Returns ``(bound per person, rows to check)``; at worst every row
        is checked (one full pass, never an unproven shortcut).
        """
        live, n = self.live, self.n
        exact = np.zeros(n, dtype=bool)
        order = np.argsort(np.where(live, y, np.inf), kind="stable")
        step = max(n // 64, 1)
        taken = 0
        while True:
            t = np.where(live & ~exact, self.t, -np.inf)
            cheap = _cheap_bound(t, np.where(live & ~exact, y, np.inf), mu)
            bad = live & ~exact & (cheap + _SLACK > thr)
            if not bad.any() or taken >= n:
                exact |= bad
                return np.where(exact, np.inf, cheap), np.flatnonzero(exact)
            if bad.sum() <= step:
                exact |= bad
                continue
            exact[order[taken:taken + step]] = True
            taken += step

    def check(self, y, mu, sets, z, thr: float, limit: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, bool]:
        """Every allowed pair against the duals: ``(row bound, exact rows, pairs with rc >= thr, their rc, complete)``.

        The row bound is each person's largest reduced cost over all their allowed pairs for the
        rows checked in blocks (``exact rows``), and for the rest an upper bound on their pairs with
        other such rows. ``complete`` is False when more than ``limit`` pairs per block reached
        ``thr`` (then the pairs returned are the highest only).
        """
        n = self.n
        cheap, suspects = self._suspects(y, mu, thr)
        rc_pool = _pair_rc(n, self.pool, self.pool_w, y, mu, sets, z)
        row_max = np.where(np.isfinite(cheap), cheap + _SLACK, -np.inf)
        I, J = split(self.pool, n)
        np.maximum.at(row_max, I, rc_pool)
        np.maximum.at(row_max, J, rc_pool)
        hit = rc_pool >= thr
        found, found_rc, complete = self.pool[hit], rc_pool[hit], True
        if suspects.size:
            priced = blockwise_max_reduced_cost(self.ctx, y, mu, sets, z, threshold=thr, limit=limit, rows=suspects,
                                                client=self.client)
            row_max[suspects] = priced.row_max
            found, found_rc = np.concatenate([found, priced.keys]), np.concatenate([found_rc, priced.rc])
            complete = not priced.truncated
        found, first = np.unique(found, return_index=True)
        self.checked_rows += suspects.size
        return row_max, suspects, found, found_rc[first], complete

    def price(self) -> bool:
        """One round: LP, every allowed pair checked against its duals, the pairing improved. True when done.

        While some pair outside the LP has a positive reduced cost, the pairs found join the LP
        (column generation) and the round ends. Once none has, the LP value bounds every pairing
        over all pairs; if the best pairing falls short of it, only the pairs with reduced cost above
        minus the gap could beat it, and one exact blossom on them settles it when its estimated time
        fits the time limit; otherwise the gap is reported as proven.
        """
        out = self.lp_step()
        if out is None:
            return True
        y, mu, z, x, _ = out
        self.improve(out)
        live, n = self.live, self.n
        y = np.where(live, y, 0.0)
        sets = self.lp.sets[:len(z)]
        value = _dual_value(self.lp, y, mu, z, live, self.card)
        row_max, exact, found, found_rc, _ = self.check(y, mu, sets, z, tol(value), limit=COLUMNS_PER_BLOCK)
        # Duals lifted by each row's positive reduced cost are feasible for every pair: a bound over all
        # pairs. An exact row covers its pairs alone (full lift); two bounded rows share a pair (half each).
        lift = np.maximum(np.where(live, row_max, 0.0), 0.0)
        lift = np.where(np.isin(np.arange(n), exact), lift, lift / 2) + tol(value)
        self.bound = min(self.bound, _dual_value(self.lp, y + np.where(live, lift, 0.0), mu, z, live, self.card))
        self.rounds += 1
        # Pairs the solved LP did not have (columns added after its solve count: its duals ignore them).
        violated = found[(found_rc > tol(value)) & ~np.isin(found, self.lp.keys[:x.size])]
        log.debug("pricing round %d: LP value %.6f, best %.6f, bound %.6f, pool %d, LP columns %d, odd sets %d, "
                  "rows checked %d, violated %d", self.rounds, value, self.best_w, self.bound, self.pool.size,
                  self.lp.keys.size, len(sets), self.checked_rows, violated.size)
        if violated.size and time.perf_counter() > self.deadline:   # out of time: the lifted bound stands
            self.proven = self.best_w >= self.bound - tol(self.bound)
            return True
        if violated.size:          # the duals are not feasible for every pair yet: price those pairs in
            self.grow_pool(violated)
            self.lp.add_columns(violated)
            return False
        if self.best_w >= value - tol(value):
            self.proven = True     # feasible duals whose value the pairing reaches: optimal over all pairs
            return True
        # Any better pairing uses only pairs with reduced cost above -(value - best) (the rest would cost
        # more than the gap): blossom on those settles it when that fits the time limit; else the gap stands.
        thr = -(value - self.best_w) - tol(value)
        _, _, found, _, complete = self.check(y, mu, sets, z, thr, limit=BLOSSOM_EDGES)
        edges = np.union1d(found, self.best)
        people = np.unique(np.concatenate(split(edges, n))).size
        seconds = BLOSSOM_SECONDS * people * edges.size
        log.debug("pricing: %d pairs could still beat the pairing (complete %s), blossom about %.0f s", found.size,
                  complete, seconds)
        left = self.time_limit if not self.graph_only else max(self.deadline - time.perf_counter(), 0.0)
        if complete and found.size <= BLOSSOM_EDGES and seconds <= left:
            self._take(blossom(n, edges, self.W))
            self.proven = True
        return True

    def _take(self, pick: np.ndarray) -> None:
        if pick.size >= self.card and (degrees(self.n, pick) <= 1).all():
            w = float(self.W[split(pick, self.n)].sum())
            if w > self.best_w + tol(w):
                self.best, self.best_w = pick, w


def solve_blocked(ctx: BlockContext, k: int = 20, odd: str = "triad", n_backups: int = 2, backup_cap: int = 3,
                  locked=(), client=None, block_elems: int = BLOCK_ELEMS, time_limit: float = 30.0,
                  candidates: str = "exact", seed: int = 0) -> Solution:
    """Pair everyone in a peer round without any N x N matrix; prove the pairing best over all pairs
    (``candidates="exact"``) or over a nearest-neighbour candidate graph (``"ann"``).

    Parameters
    ----------
    ctx : BlockContext
        Scorer and rules of the round.
    k : int
        Candidate partners per person from the exact blocked top-k.
    odd : {"triad", "bye"}
    n_backups, backup_cap : int
        Alternates per person, and how often one person may be an alternate.
    locked : sequence of (int, int)
        Pairs that must meet.
    client : dask.distributed.Client, optional
        Run the block passes on Dask (identical results).
    block_elems : int
        Pairs per block.
    time_limit : float
        Seconds the last exact step (a blossom over the pairs that could still beat the pairing) may
        take by estimate; when it would take longer, the pairing keeps its proven gap instead.
    candidates : {"exact", "ann"}
        ``exact``: one pass over all N^2 pairs finds everyone's best partners and pricing covers every
        pair. ``ann``: the pairs are each person's :data:`POOL_K` best among their faiss nearest
        neighbours (and 8 random people); no pass over all pairs, and the proof covers that graph only.
    seed : int
        Seeds the ANN index and the random candidates (``ann`` only).

    Returns
    -------
    matching.solve.Solution
        ``proof`` is ``"priced"`` when proven best over all allowed pairs; otherwise ``gap`` is the
        proven distance to the best possible (infinite with ``ann``: nothing bounds the pairs outside
        the graph), and ``graph_gap`` the proven distance to the best pairing on the candidate graph.
    """
    began = time.perf_counter()
    n = ctx.n
    locked = sorted({(min(a, b), max(a, b)) for a, b in locked})
    diagnosis = _lock_conflicts(ctx, locked)
    if diagnosis:
        return Solution(groups=[], group_scores=[], unmatched=diagnosis, backups={}, objective=math.nan,
                        total_quality=0.0, lowest_quality=math.nan, upper_bound=math.nan, gap=math.nan,
                        solver="HiGHS", status="Infeasible", sol_status="Infeasible Solution",
                        time_s=time.perf_counter() - began, n_candidate_edges=0, optimal=False, diagnosis=diagnosis,
                        messages=(f"{len(diagnosis)} people are in locked pairs that cannot all be honoured.",))
    lock_keys = keys_of(np.array([a for a, _ in locked], np.intp), np.array([b for _, b in locked], np.intp), n) \
        if locked else np.zeros(0, np.int64)
    live = degrees(n, lock_keys) == 0
    ctx = BlockContext(ctx.scorer, ctx.rules, live)
    graph = candidates == "ann"
    if graph:
        from .suggest import candidate_pool

        idx, val = candidate_pool(ctx, max(k, POOL_K), "ann", client=client, seed=seed, by="weight")
        counts = _Counts.on_graph(idx)
        t = np.full(n, -np.inf)          # the universe is the candidate graph: nothing outside it is priced
    else:
        top = blocked_topk(ctx, max(k, POOL_K), by="weight", client=client, block_elems=block_elems)
        idx, val = top["idx"], top["value"]
        counts = _Counts(top["n_allowed"], top["ruled_out"], np.ones(n, dtype=bool))
        # A person with fewer allowed partners than the pool holds has them all in it: nothing outside to price.
        t = np.where(idx[:, -1] >= 0, np.nan_to_num(val[:, -1], nan=-np.inf), -np.inf).astype(np.float64)
    log.debug("top-%d partners of %d people (%s): %.1f s", max(k, POOL_K), n, candidates, time.perf_counter() - began)
    W = LazyWeights(ctx)
    pool = topk_edges(idx)
    pool_w = W[split(pool, n)]
    messages: list[str] = []
    start = _fill(ctx, _greedy(n, pool, pool_w) if pool.size else pool, live)
    if graph:   # people the graph leaves unpaired: their exact counts (a graph degree of 0 proves nothing)
        counts.make_exact(ctx, np.flatnonzero(live & (degrees(n, start) == 0)), client, block_elems)
    n_allowed = counts.n_allowed
    start = _augment(n, start, pool, np.flatnonzero(live & (n_allowed > 0) & (degrees(n, start) == 0)))
    has = live & (n_allowed > 0)
    left = np.flatnonzero(has & (degrees(n, start) == 0))
    log.debug("greedy start leaves %d people with allowed partners unpaired", left.size)
    if left.size > 1:
        # Greedy is only maximal: a maximum matching of the pool first (N x k edges) ...
        most = _max_card(n, pool)
        if most.size > start.size:
            start = _merge(n, start, most, W)
        left = np.flatnonzero(has & (degrees(n, start) == 0))
    if left.size > 1:
        # ... then the few still unmatched get every allowed partner, and an exact maximum matching again.
        extra = blockwise_max_reduced_cost(ctx, np.zeros(n), 0.0, [], [], threshold=-np.inf, limit=n * n, rows=left,
                                           client=client, block_elems=block_elems).keys
        pool, pool_w = _with_weights(pool, pool_w, extra, W, n)
        most = _max_card(n, pool)
        if most.size > start.size:
            start = _merge(n, start, most, W)
        left = np.flatnonzero(has & (degrees(n, start) == 0))
    card = int(start.size)
    card_proven = left.size <= 1
    if not card_proven:
        messages.append(f"{left.size} people with allowed partners stayed unmatched on the candidate graph; "
                        "a larger k may pair more of them (not proven to be the most pairs possible).")
    if graph:   # the graph is the pool plus whatever the start pairing used (free people paired among themselves)
        pool, pool_w = _with_weights(pool, pool_w, start, W, n)
    log.debug("start pairing (%d pairs, card proven %s): %.1f s", card, card_proven, time.perf_counter() - began)
    first = topk_edges(idx[:, :min(k, GRAPH_FIRST_COLUMNS if graph else FIRST_COLUMNS)])
    search = _Search(ctx, W, (pool, pool_w), t, live, card, start, first, client, time_limit, graph_only=graph)
    log.debug("LP set up: %.1f s", time.perf_counter() - began)
    for _ in range(PRICING_ROUNDS):
        if search.price():
            break
    chosen, proven = search.best, search.proven and card_proven
    if graph:
        in_pair = degrees(n, np.union1d(lock_keys, chosen)) > 0
        counts.make_exact(ctx, np.flatnonzero(~in_pair), client, block_elems)
        messages.append(f"Paired on a candidate graph of {search.pool.size:,} pairs (each person's {max(k, POOL_K)} "
                        "best among their nearest neighbours by the weighted signals and by what they want, and 8 "
                        "random people), not on all pairs.")
    return _finish(ctx, W, chosen, lock_keys, search.lp.keys, search.bound, proven, search.rounds, odd, n_backups,
                   backup_cap, idx, counts.n_allowed, counts.ruled_out, messages, began,
                   graph_size=search.pool.size if graph else 0)


def _with_weights(pool: np.ndarray, pool_w: np.ndarray, keys: np.ndarray, W, n: int) -> tuple[np.ndarray, np.ndarray]:
    """``pool`` (sorted keys) with ``keys`` added, and the weights of both (only the new ones computed)."""
    new = np.setdiff1d(keys, pool)
    if new.size == 0:
        return pool, pool_w
    both = np.concatenate([pool, new])
    order = np.argsort(both, kind="stable")
    return both[order], np.concatenate([pool_w, W[split(new, n)]])[order]


class _Counts:
    """Allowed partners per person and, per rule, the partners it alone removes (the unmatched reasons).

    Exact from the pass over all pairs; on a candidate graph only the graph's degrees are known, so the
    people whose reasons are reported get their rows counted exactly (``make_exact``).
    """

    def __init__(self, n_allowed: np.ndarray, ruled_out: dict, exact: np.ndarray):
        self.n_allowed, self.ruled_out, self.exact = np.asarray(n_allowed).copy(), dict(ruled_out), exact

    @classmethod
    def on_graph(cls, idx: np.ndarray) -> "_Counts":
        return cls((idx >= 0).sum(axis=1), {}, np.zeros(idx.shape[0], dtype=bool))

    def make_exact(self, ctx: BlockContext, rows: np.ndarray, client, block_elems: int) -> None:
        rows = rows[~self.exact[rows]]
        if rows.size == 0:
            return
        top = blocked_topk(ctx, 1, client=client, block_elems=block_elems, rows=rows)
        self.n_allowed[rows] = top["n_allowed"]
        for name, c in top["ruled_out"].items():
            self.ruled_out.setdefault(name, np.zeros(self.n_allowed.size, dtype=np.int64))[rows] = c
        self.exact[rows] = True


def _lock_conflicts(ctx: BlockContext, locked) -> list[Unmatched]:
    if not locked:
        return []
    I = np.array([a for a, _ in locked], np.intp)
    J = np.array([b for _, b in locked], np.intp)
    score, _, ok = pair_scores(BlockContext(ctx.scorer, ctx.rules), I, J)
    forb = ctx.rules.forbidden_pairs(I, J)
    deg = np.bincount(np.concatenate([I, J]), minlength=ctx.n)
    out: dict[int, dict[str, int]] = {}
    for e in np.flatnonzero(~ok).tolist():
        names = [name for name, m in forb.items() if m[e]]
        if ctx.settings.min_score > 0 and score[e] < ctx.settings.min_score:
            names.append("floor")
        for p in (int(I[e]), int(J[e])):
            r = out.setdefault(p, {})
            for name in names:
                r[name] = r.get(name, 0) + 1
    for p in np.flatnonzero(deg > 1).tolist():
        out.setdefault(int(p), {})
    return [Unmatched(p, "locked_conflict", r, -1) for p, r in sorted(out.items())]


def _finish(ctx, W, start, lock_keys, cand, bound, proven, rounds, odd, n_backups, backup_cap, idx, n_allowed,
            ruled_out, messages, began, graph_size: int = 0) -> Solution:
    n = ctx.n
    Q = LazyWeights(ctx, quality=True)
    keys = np.union1d(lock_keys, start)
    A, B = split(keys, n)
    objective = float(W[A, B].sum()) if keys.size else 0.0
    lock_w = float(W[split(lock_keys, n)].sum()) if lock_keys.size else 0.0
    groups = [tuple(e) for e in zip(A.tolist(), B.tolist())]
    in_group = np.zeros(n, dtype=bool)
    in_group[A], in_group[B] = True, True
    left = [i for i in range(n) if not in_group[i] and n_allowed[i] > 0]
    odd_one = len(left) == 1
    plain = BlockContext(ctx.scorer, ctx.rules)   # a triad may join any pair, locked ones included
    if odd_one and odd == "triad" and groups:
        x = left[0]
        xs = np.full(A.size, x)
        sa, _, oka = pair_scores(plain, A, xs)
        sb, _, okb = pair_scores(plain, B, xs)
        ok = oka & okb
        if ok.any():
            j = int(np.argmax(np.where(ok, sa + sb, -np.inf)))
            groups[j] = tuple(sorted((*groups[j], x)))
            in_group[x] = True
    scores = Q[A, B].tolist() if keys.size else []
    for j, g in enumerate(groups):
        if len(g) > 2:
            P = _pairs(g)
            scores[j] = float(np.mean(Q[np.array([p for p, _ in P]), np.array([q for _, q in P])]))
    unmatched = []
    for i in np.flatnonzero(~in_group).tolist():
        code = "no_allowed_partner" if n_allowed[i] == 0 else ("bye" if odd_one and odd == "bye" else "partners_taken")
        ruled = {name: int(c[i]) for name, c in ruled_out.items() if c[i]}
        unmatched.append(Unmatched(i, code, ruled, int(n_allowed[i])))
    upper = lock_w + bound if math.isfinite(bound) else math.inf
    gap = (upper - objective) / max(abs(upper), 1e-9) if math.isfinite(upper) else math.inf
    if -1e-9 < gap < 0 or proven:
        gap = max(gap, 0.0) if not proven else 0.0
    graph_gap = math.nan
    if graph_size:
        # The bound covers the graph's pairs only: over all pairs nothing is proven.
        graph_gap, gap, upper, proven = gap, math.inf, math.inf, False
        messages.append("Best on that graph" + (" (proven)." if graph_gap == 0 else
                                                 f" within a proven {graph_gap:.4%}.") +
                        " Not proven over all pairs: pairs outside the graph are not bounded.")
    elif not proven:
        messages.append(f"Not proven best over all pairs: at most {gap:.4%} below the best possible.")
    return Solution(groups=groups, group_scores=scores, unmatched=unmatched,
                    backups=_backups(ctx, groups, idx, n_backups, backup_cap), objective=objective,
                    total_quality=float(sum(scores)), lowest_quality=float(min(scores)) if scores else math.nan,
                    upper_bound=float(objective if proven else upper), gap=float(gap), solver="rustworkx",
                    status="Optimal", sol_status="Optimal Solution Found", time_s=time.perf_counter() - began,
                    n_candidate_edges=int((graph_size or cand.size) + lock_keys.size), optimal=proven,
                    messages=tuple(messages), proof="priced" if proven else "", pricing_rounds=rounds,
                    graph_gap=float(graph_gap))


def _pairs(g: tuple[int, ...]) -> list[tuple[int, int]]:
    return [(a, b) for i, a in enumerate(g) for b in g[i + 1:]]


def _backups(ctx, groups, idx, n_backups: int, backup_cap: int) -> dict[int, list[int]]:
    """Alternates from each person's top-k list (allowed by construction), fewest options first."""
    n = ctx.n
    out: dict[int, list[int]] = {i: [] for i in range(n)}
    if n_backups == 0:
        return out
    mates = {m: set(g) for g in groups for m in g}
    used = np.zeros(n, dtype=int)
    options = (idx >= 0).sum(axis=1)
    for i in np.lexsort((np.arange(n), options)).tolist():
        for j in idx[i].tolist():
            if j < 0 or j in mates.get(i, ()) or used[j] >= backup_cap:
                continue
            out[i].append(j)
            used[j] += 1
            if len(out[i]) == n_backups:
                break
    return out
