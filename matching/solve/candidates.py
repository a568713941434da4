"""The candidate graph: every person's top-k allowed partners, widened until sparsification costs
nobody a partner, and the maximum cardinality ``c*`` of the dense allowed graph.

Edges are int64 keys ``a * n + b`` with ``a < b``. Exact matchings come from the blossom algorithm
(rustworkx) on integer weights; ``c*`` from blossom, a max flow (mentoring), or the cheap
fractional-matching relaxation when that already settles it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

import numpy as np
import rustworkx as rx
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_bipartite_matching, maximum_flow

from .result import MENTEE, MENTOR

if TYPE_CHECKING:
    from .instance import Instance, Residual

SCALE = float(2**40)      # integer weights for the blossom algorithm: rounding error < 1e-12 per pair
AUGMENT_ROUNDS = 3        # rounds of widening the candidate graph around unmatched people
WIDEN_PEOPLE = 50         # peer rounds: first widen around at most this many unmatched people


@dataclass
class Search:
    """What the solve knows so far about the residual problem (filled in step by step)."""

    cand: np.ndarray                 # candidate edge keys
    start: np.ndarray                # best known pairing on them (edge keys)
    card: int                        # c*: pairs every optimal pairing has
    dense_proven: bool = False       # the candidates provably hold an optimum of the dense problem (fairness 0)
    fair_proven: bool = False        # the fairness scan proved its pairing optimal over all allowed pairs
    proof: np.ndarray | None = None  # mentoring: edges a solve must cover to be optimal for the dense problem
    lp_bound: float = math.inf       # dense bound from LP pricing, when it ran
    pricing_rounds: int = 0          # pricing calls (each: LP with cuts and column generation)
    cuts: list[np.ndarray] = field(default_factory=list)  # odd sets found by pricing, for the fairness scan
    from_lp: bool = False            # the pairing is pricing's integral LP optimum, not a blossom solution


def keys_of(I: np.ndarray, J: np.ndarray, n: int) -> np.ndarray:
    """Sorted unique edge keys of the pairs (I, J), either way round."""
    a, b = np.minimum(I, J), np.maximum(I, J)
    return np.unique(a.astype(np.int64) * n + b)


def split(keys: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Edge keys back to index arrays (a, b)."""
    return (keys // n).astype(np.intp), (keys % n).astype(np.intp)


def degrees(n: int, keys: np.ndarray) -> np.ndarray:
    """How many of the edges touch each person."""
    I, J = split(keys, n)
    return np.bincount(I, minlength=n) + np.bincount(J, minlength=n)


def _tie_break(n: int, W: np.ndarray) -> np.ndarray:
    """A tiny, deterministic, well-spread nudge per pair, for choosing among tied partners only.

    Under ties (everyone in a time-zone bucket scores the same) a plain partial sort hands every
    person the *same* few bucket-mates, so the candidate graph is a star that cannot pair the bucket
    and pricing must widen it by tens of thousands of pairs. Spreading the choice keeps each bucket's
    candidates a random-like graph, which holds a perfect matching. The nudge (1e-9 of the score
    range) never enters the objective, and pricing keeps the result exact whatever was chosen.
    """
    i = np.arange(n, dtype=np.float64)
    spread = np.mod(np.add.outer(i, i) * 0.6180339887498949 + np.multiply.outer(i, i) * 0.7548776662466927, 1.0)
    finite = W[np.isfinite(W)]
    span = float(finite.max() - finite.min()) if finite.size else 0.0
    return spread * (1e-9 * max(span, 1e-12))


def top_k_edges(W: np.ndarray, mask: np.ndarray, k: int) -> np.ndarray:
    """Union of every person's k highest-weight allowed partners."""
    n = len(W)
    if n < 2 or not mask.any():
        return np.zeros(0, dtype=np.int64)
    kk = min(k, n - 1)
    scored = np.where(mask, W, -np.inf)
    top = np.argpartition(-(scored + _tie_break(n, W)), kk - 1, axis=1)[:, :kk]
    rows = np.repeat(np.arange(n), kk)
    cols = top.ravel()
    ok = np.isfinite(scored[rows, cols])
    return keys_of(rows[ok], cols[ok], n)


def edges_of(mask: np.ndarray, people: Iterable[int]) -> np.ndarray:
    """All allowed edges touching the given people."""
    n = len(mask)
    people = np.asarray(sorted(people), dtype=np.intp)
    if people.size == 0:
        return np.zeros(0, dtype=np.int64)
    r, c = np.nonzero(mask[people])
    return keys_of(people[r], c, n)


def _matching_keys(m, n: int) -> np.ndarray:
    """rustworkx's matching (a set of node pairs) as edge keys."""
    if not m:
        return np.zeros(0, dtype=np.int64)
    return keys_of(np.array([a for a, _ in m], dtype=np.intp), np.array([b for _, b in m], dtype=np.intp), n)


def blossom(n: int, keys: np.ndarray, W: np.ndarray) -> np.ndarray:
    """Exact maximum-weight maximum-cardinality matching on the candidate edges (rustworkx)."""
    if keys.size == 0:
        return keys
    I, J = split(keys, n)
    w = W[I, J]
    lo, span = float(w.min()), float(w.max() - w.min())
    # Among maximum-cardinality matchings a constant shift changes nothing, so shift to positive
    # integers: blossom's duals stay exact and no pair looks "not worth taking".
    scale = SCALE / span if span > 0 else 0.0
    wi = (np.rint((w - lo) * scale) + 1).astype(np.int64)
    # Only the people the edges touch enter the graph (the algorithm's stages scan every node).
    nodes, local = np.unique(np.concatenate([I, J]), return_inverse=True)
    g = rx.PyGraph(multigraph=False)
    g.add_nodes_from(range(nodes.size))
    g.add_edges_from(list(zip(local[:I.size].tolist(), local[I.size:].tolist(), wi.tolist())))
    m = rx.max_weight_matching(g, max_cardinality=True, weight_fn=int)
    if not m:
        return np.zeros(0, dtype=np.int64)
    A, B = np.array([a for a, _ in m], dtype=np.intp), np.array([b for _, b in m], dtype=np.intp)
    return keys_of(nodes[A], nodes[B], n)


def max_card(mask: np.ndarray, cap: np.ndarray, sides: np.ndarray | None) -> np.ndarray:
    """A maximum-cardinality (b-)matching of the dense allowed graph, as edge keys."""
    n = len(mask)
    if sides is None:
        I, J = np.nonzero(np.triu(mask, 1))
        if I.size == 0:
            return np.zeros(0, dtype=np.int64)
        g = rx.PyGraph(multigraph=False)
        g.add_nodes_from(range(n))
        g.add_edges_from_no_data(list(zip(I.tolist(), J.tolist())))
        return _matching_keys(rx.max_weight_matching(g, max_cardinality=True), n)
    # Two-sided: bipartite b-matching = max flow source -> mentor (cap) -> mentee (1) -> sink (cap).
    mentor_mentee = mask & (sides[:, None] == MENTOR) & (sides[None, :] == MENTEE)
    I, J = np.nonzero(mentor_mentee)
    if I.size == 0:
        return np.zeros(0, dtype=np.int64)
    s, t = n, n + 1
    mentors, mentees = np.unique(I), np.unique(J)
    rows = np.concatenate([np.full(mentors.size, s), I, mentees])
    cols = np.concatenate([mentors, J, np.full(mentees.size, t)])
    caps = np.concatenate([cap[mentors], np.ones(I.size, dtype=int), cap[mentees]]).astype(np.int32)
    graph = csr_matrix((caps, (rows, cols)), shape=(n + 2, n + 2))
    flow = maximum_flow(graph, s, t).flow.tocsr()
    used = np.asarray(flow[I, J]).ravel() > 0
    return keys_of(I[used], J[used], n)


def card_ceiling(n: int, keys: np.ndarray) -> int:
    """Upper bound on the pairs a peer graph can hold: half a maximum matching of its bipartite double
    cover (the fractional-matching relaxation; Hopcroft-Karp in C, far faster than blossom)."""
    if keys.size == 0:
        return 0
    I, J = split(keys, n)
    cover = csr_matrix((np.ones(2 * I.size, dtype=np.int8), (np.concatenate([I, J]), np.concatenate([J, I]))),
                       shape=(n, n))
    return int((maximum_bipartite_matching(cover, perm_type="column") >= 0).sum()) // 2


def _widen_around_unmatched(inst: Instance, res: Residual, cand: np.ndarray, start: np.ndarray) -> np.ndarray:
    """Blossom again with every allowed partner of the few people the candidate optimum leaves out.

    Under ties (time-zone buckets) everyone's top-k lies in their own bucket, and the odd one out of
    each odd bucket is left over; their partners in other buckets settle it at the cost of a few
    thousand pairs, where a maximum matching of the whole allowed graph costs a minute at N = 2000.
    Returns the better pairing (more pairs, or as many and no lighter); the caller adds its pairs.
    """
    n = inst.n
    left = np.flatnonzero(res.has_partner & (degrees(n, start) == 0))
    if left.size <= 1 or left.size > WIDEN_PEOPLE:
        return start
    wider = blossom(n, np.union1d(cand, edges_of(res.mask, left)), inst.W)
    if wider.size > start.size or (wider.size == start.size and
                                   float(inst.W[split(wider, n)].sum()) > float(inst.W[split(start, n)].sum())):
        return wider
    return start


def candidate_graph(inst: Instance, res: Residual, k: int) -> Search:
    """Top-k candidates, widened so that they hold a maximum-cardinality pairing (``c*`` pairs)."""
    cand = top_k_edges(inst.W, res.mask, k)
    if inst.two_sided:
        flow = max_card(res.mask, res.cap, inst.sides)
        return Search(cand=np.union1d(cand, flow), start=flow, card=int(flow.size))
    n = inst.n
    start = blossom(n, cand, inst.W)
    start = _widen_around_unmatched(inst, res, cand, start) if inst.fairness == 0 else start
    cand = np.union1d(cand, start)
    dense_best = None  # a maximum matching of the whole allowed graph, computed at most once
    for _ in range(AUGMENT_ROUNDS):
        left = np.flatnonzero(res.has_partner & (degrees(n, start) == 0))
        # Without fairness the pricing below settles who is left out exactly; with it, give the
        # unmatched all their allowed partners as a (heuristic) second chance.
        extra = np.setdiff1d(edges_of(res.mask, left), cand) if inst.fairness > 0 else cand[:0]
        if left.size > 1 and dense_best is None:
            # More than one person left: the candidate graph may hide an augmenting path. The cheap
            # relaxation usually proves it does not; otherwise blossom on all allowed pairs.
            dense_best = np.zeros(0, dtype=np.int64)
            if card_ceiling(n, keys_of(*np.nonzero(np.triu(res.mask, 1)), n)) > start.size:
                dense_best = max_card(res.mask, res.cap, None)
            if dense_best.size > start.size:
                extra = np.union1d(extra, dense_best)
        if extra.size == 0:
            break
        cand = np.union1d(cand, extra)
        start = blossom(n, cand, inst.W)
    return Search(cand=cand, start=start, card=int(start.size))
