"""Walk all pairs in row blocks: combined score and solver weight, exact top-k, pricing checks.

Nothing here holds more than ``rows x N`` numbers at a time (``rows`` chosen so a block is about
:data:`BLOCK_ELEMS` pairs), so every function works at sizes where an N x N matrix does not fit.
Each block function takes a :class:`BlockContext` (plain data; it pickles) and a row range, so the
same functions run in a local loop or on Dask workers (:mod:`matching.suggest.distributed`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple, Sequence

import numpy as np

from ..settings import Settings
from .pairs import PairScorer
from .rules import BlockRules

BLOCK_ELEMS = 1 << 21        # pairs per block (about 8 MB per float32 temporary)
DENSE_LIMIT = 3_000          # below this many people the dense N x N path is cheaper and is used


@dataclass
class BlockContext:
    """Everything a block needs: the pair scorer, the rules, and who may still be paired.

    Attributes
    ----------
    scorer : PairScorer
    rules : BlockRules
    live : ndarray of bool, optional
        People who may still get a partner (False for people fixed by locked pairs).
    """

    scorer: PairScorer
    rules: BlockRules
    live: np.ndarray | None = None

    @property
    def n(self) -> int:
        return self.scorer.n

    @property
    def settings(self) -> Settings:
        return self.scorer.settings


def row_blocks(n: int, block_elems: int = BLOCK_ELEMS) -> list[tuple[int, int]]:
    """Row ranges ``(start, stop)`` covering 0..n-1, each about ``block_elems`` pairs wide."""
    step = max(1, min(n, block_elems // max(n, 1)))
    return [(s, min(s + step, n)) for s in range(0, n, step)]


def check_block_settings(settings: Settings) -> None:
    """Raise ValueError for soft levers the block path cannot compute pair by pair."""
    if settings.popularity > 0:
        raise ValueError("The 'popularity' setting must be 0 for rounds computed in blocks (above "
                         f"{DENSE_LIMIT} people): it ranks every pair against every other. Got {settings.popularity} instead.")


def weight_of(ctx: BlockContext, score: np.ndarray, I: np.ndarray, J: np.ndarray) -> np.ndarray:
    """The solver's objective (:func:`matching.solve.rules.objective_matrix`) for pairs with ``score``."""
    from ..solve.rules import REPEAT_FADE

    s = ctx.settings
    w = score - ctx.scorer.stage_penalty(I, J)
    if s.repeat_penalty > 0 and ctx.rules.since_keys.size:
        since = ctx.rules.rounds_since_pairs(I, J)
        old = since > s.repeat_rounds
        fade = REPEAT_FADE ** np.maximum(since - s.repeat_rounds - 1, 0)
        w = w - np.where(old, s.repeat_penalty * fade, 0.0).astype(np.float32)
    return np.where(I == J, np.float32(0), w).astype(np.float32)


def allowed_of(ctx: BlockContext, forbidden: dict[str, np.ndarray], score: np.ndarray, I, J) -> np.ndarray:
    """Pairs every hard rule allows: no named mask, at or above the score floor, both people live."""
    ok = I != J
    for m in forbidden.values():
        ok = ok & ~m
    if ctx.settings.min_score > 0:
        ok = ok & (score >= np.float32(ctx.settings.min_score))
    if ctx.live is not None:
        ok = ok & ctx.live[I] & ctx.live[J]
    return ok


def _old_pairs(ctx: BlockContext) -> tuple[np.ndarray, np.ndarray]:
    """Pairs met before the no-repeat window, and the fading penalty each carries."""
    from ..solve.rules import REPEAT_FADE

    s, r = ctx.settings, ctx.rules
    if s.repeat_penalty <= 0 or r.since_keys.size == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.float32)
    old = r.since_rounds > s.repeat_rounds
    pen = s.repeat_penalty * REPEAT_FADE ** np.maximum(r.since_rounds[old] - s.repeat_rounds - 1, 0)
    return r.since_keys[old], pen.astype(np.float32)


def block_core(ctx: BlockContext, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict]:
    """``(score, weight, allowed, forbidden)`` for ``rows`` x everyone, each ``(len(rows), N)``."""
    rows = np.asarray(rows, dtype=np.intp)
    sc, local = ctx.scorer, np.arange(rows.size)
    score = sc.combine(*sc.block(rows))
    weight = score
    if ctx.settings.stage_mixing != 0:
        weight = score - np.take(sc.stage_table()[sc.stage_code[rows]], sc.stage_code, axis=1)
    keys, pen = _old_pairs(ctx)
    if keys.size:
        weight = weight.copy() if weight is score else weight
        r, c, which = ctx.rules.in_block(keys, rows)
        weight[r, c] -= pen[which]
    if weight is not score:
        weight[local, rows] = 0.0
    forbidden = ctx.rules.forbidden_block(rows)
    ok = np.ones(score.shape, dtype=bool)
    ok[local, rows] = False
    for m in forbidden.values():
        ok &= ~m
    if ctx.settings.min_score > 0:
        ok &= score >= np.float32(ctx.settings.min_score)
    if ctx.live is not None:
        ok[~ctx.live[rows], :] = False
        ok[:, ~ctx.live] = False
    return score, weight, ok, forbidden


def block_scores(ctx: BlockContext, start: int, stop: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(score, weight, allowed)`` for rows ``start:stop`` against everyone, each ``(rows, N)``."""
    return block_core(ctx, np.arange(start, stop))[:3]


def pair_scores(ctx: BlockContext, I: np.ndarray, J: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(score, weight, allowed)`` for the pairs ``(I[e], J[e])`` (candidate edges only)."""
    I, J = np.asarray(I, dtype=np.intp), np.asarray(J, dtype=np.intp)
    score = ctx.scorer.score(I, J)
    return score, weight_of(ctx, score, I, J), allowed_of(ctx, ctx.rules.forbidden_pairs(I, J), score, I, J)


def _top(values: np.ndarray, ok: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Per row, the k largest allowed values: indices (-1 padding) and values, best first, ties by index."""
    b, n = values.shape
    kk = min(k, n)
    masked = np.where(ok, values, -np.inf).astype(np.float32)
    part = np.argpartition(-masked, kk - 1, axis=1)[:, :kk] if kk < n else np.tile(np.arange(n), (b, 1))
    vals = np.take_along_axis(masked, part, axis=1)
    order = np.lexsort((part, -vals), axis=1)
    idx = np.take_along_axis(part, order, axis=1)
    vals = np.take_along_axis(vals, order, axis=1)
    idx = np.where(np.isfinite(vals), idx, -1).astype(np.int32)
    return idx, np.where(np.isfinite(vals), vals, np.nan).astype(np.float32)


def topk_block(ctx: BlockContext, start: int, stop: int, k: int, by: str = "weight",
               rows: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """Exact top-k allowed partners of rows ``start:stop`` (of ``rows`` when given) over all people,
    by ``weight`` or ``score``.

    Returns ``{"idx", "value", "n_allowed", "ruled_out"}``: ``(rows, k)`` partner indices (-1 when a
    row has fewer allowed partners) and their values, each row's count of allowed partners, and
    per rule the partners that rule alone removes (the solver's unmatched reasons).
    """
    rows = np.arange(start, stop) if rows is None else np.asarray(rows, dtype=np.intp)[start:stop]
    score, weight, ok, forbidden = block_core(ctx, rows)
    idx, val = _top(weight if by == "weight" else score, ok, k)
    ruled = {name: m.sum(axis=1) for name, m in forbidden.items()}
    if ctx.settings.min_score > 0:
        below = score < np.float32(ctx.settings.min_score)
        below[np.arange(rows.size), rows] = False
        ruled["floor"] = below.sum(axis=1)
    return {"idx": idx, "value": val, "n_allowed": ok.sum(axis=1), "ruled_out": ruled}


def blocked_topk(ctx: BlockContext, k: int, by: str = "weight", client=None,
                 block_elems: int = BLOCK_ELEMS, rows: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """Exact top-k allowed partners of every person, one row block at a time (locally or on Dask).

    Parameters
    ----------
    ctx : BlockContext
    k : int
        Partners per person.
    by : {"weight", "score"}
        Rank by the solver's objective or by the plain match score.
    client : dask.distributed.Client, optional
        Run the blocks on this cluster (same functions, same results as locally).
    block_elems : int
        Pairs per block (memory per block is a small multiple of this times 4 bytes).
    rows : array, optional
        Only these people's rows (default: everyone); the results follow their order.

    Returns
    -------
    dict
        ``idx`` (N, k) int32 (-1 padding), ``value`` (N, k) float32, ``n_allowed`` (N,), ``ruled_out``
        ``{rule: (N,) counts}`` (one row per entry of ``rows`` when given).
    """
    from .distributed import map_blocks

    if rows is None:
        parts = map_blocks(topk_block, ctx, row_blocks(ctx.n, block_elems), client=client, k=k, by=by)
    else:
        rows = np.asarray(rows, dtype=np.intp)
        step = max(1, block_elems // max(ctx.n, 1))
        blocks = [(s, min(s + step, rows.size)) for s in range(0, rows.size, step)] or [(0, 0)]
        parts = map_blocks(topk_block, ctx, blocks, client=client, k=k, by=by, rows=rows)
    out = {key: np.concatenate([p[key] for p in parts]) for key in ("idx", "value", "n_allowed")}
    out["ruled_out"] = {name: np.concatenate([p["ruled_out"][name] for p in parts]) for name in parts[0]["ruled_out"]}
    return out


def topk_edges(idx: np.ndarray) -> np.ndarray:
    """Undirected edge keys ``i * N + j`` (i < j) of top-k lists (-1 padding skipped)."""
    n = idx.shape[0]
    rows = np.repeat(np.arange(n, dtype=np.int64), idx.shape[1])
    cols = idx.ravel().astype(np.int64)
    keep = cols >= 0
    a, b = np.minimum(rows[keep], cols[keep]), np.maximum(rows[keep], cols[keep])
    return np.unique(a * n + b)


# ---- pricing, block by block -----------------------------------------------------------------------
class Priced(NamedTuple):
    """What one pricing pass over row blocks found (see :func:`blockwise_max_reduced_cost`)."""

    row_max: np.ndarray
    keys: np.ndarray
    rc: np.ndarray
    truncated: bool


def reduced_cost_block(ctx: BlockContext, rows: np.ndarray, y: np.ndarray, mu: float,
                       sets: Sequence[np.ndarray], z: np.ndarray, threshold: float, limit: int) -> dict:
    """Reduced costs ``w + mu - y_i - y_j - sum z_S`` of ``rows`` against everyone.

    Returns each row's largest reduced cost over its allowed pairs (``row_max``, -inf when none),
    the pairs whose reduced cost is at least ``threshold`` (at most ``limit``, highest first) as
    undirected keys ``min * N + max`` with their reduced costs, and ``truncated``: whether more
    pairs than ``limit`` reached the threshold (then ``keys`` is not every such pair).
    """
    rows = np.asarray(rows, dtype=np.intp)
    n = ctx.n
    _, weight, allowed, _ = block_core(ctx, rows)
    rc = weight.astype(np.float64)
    rc += mu
    rc -= y[rows][:, None]
    rc -= y[None, :]
    pos = np.full(n, -1, dtype=np.intp)
    pos[rows] = np.arange(rows.size)
    for s, zs in zip(sets, np.asarray(z).tolist()):
        if zs > 0:
            inside = pos[s]
            inside = inside[inside >= 0]
            if inside.size:
                rc[np.ix_(inside, s)] -= zs
    rc[~allowed] = -np.inf
    row_max = rc.max(axis=1, initial=-np.inf)
    r, c = np.nonzero((rc >= threshold) & allowed)
    vals = rc[r, c]
    truncated = vals.size > limit
    if truncated:
        top = np.argpartition(-vals, limit - 1)[:limit] if limit > 0 else np.zeros(0, np.intp)
        top = top[np.argsort(-vals[top], kind="stable")]
        r, c, vals = r[top], c[top], vals[top]
    a, b = np.minimum(rows[r], c).astype(np.int64), np.maximum(rows[r], c).astype(np.int64)
    return {"row_max": row_max, "keys": a * n + b, "rc": vals, "truncated": bool(truncated)}


def _rc_range(ctx: BlockContext, start: int, stop: int, rows: np.ndarray, **kw) -> dict:
    return reduced_cost_block(ctx, rows[start:stop], **kw)


def blockwise_max_reduced_cost(ctx: BlockContext, y: np.ndarray, mu: float, sets: Sequence[np.ndarray],
                               z: np.ndarray, threshold: float = np.inf, limit: int = 0, rows: np.ndarray | None = None,
                               client=None, block_elems: int = BLOCK_ELEMS) -> Priced:
    """Largest reduced cost per person over all allowed pairs, and the pairs above ``threshold``.

    The dense pricing computes an N x N reduced-cost matrix; this walks it in row blocks (locally or
    on Dask). With ``row_max`` the duals can be repaired to be feasible for every allowed pair
    (raise ``y_i`` by half the row's positive maximum), which is what makes the LP bound valid over
    all pairs without the dense matrix.

    Parameters
    ----------
    ctx : BlockContext
    y : (N,) array
        Node duals.
    mu : float
        Dual of the "at least card pairs" row (0 when absent).
    sets, z : list of index arrays, array
        Odd sets and their duals.
    threshold : float
        Collect pairs whose reduced cost is at least this (``inf``: collect none).
    limit : int
        At most this many pairs per block (highest reduced cost first).
    rows : array, optional
        Only these people's rows (default: everyone).
    client : dask.distributed.Client, optional
        Run the blocks on this cluster.

    Returns
    -------
    Priced
        ``(row_max, keys, rc, truncated)``: the largest reduced cost per row in ``rows`` (float64),
        int64 keys ``i * N + j`` (i < j) of the pairs at or above ``threshold``, their reduced costs,
        and whether some block had more such pairs than ``limit`` (then ``keys`` is incomplete).
    """
    from .distributed import map_blocks

    sets = [np.asarray(s, dtype=np.intp) for s in sets]
    rows = np.arange(ctx.n) if rows is None else np.asarray(rows, dtype=np.intp)
    if rows.size == 0:
        return Priced(np.zeros(0), np.zeros(0, np.int64), np.zeros(0), False)
    step = max(1, block_elems // max(ctx.n, 1))
    blocks = [(s, min(s + step, rows.size)) for s in range(0, rows.size, step)]
    parts = map_blocks(_rc_range, ctx, blocks, client=client, rows=rows, y=np.asarray(y, float), mu=float(mu),
                       sets=sets, z=np.asarray(z, float), threshold=float(threshold), limit=int(limit))
    return Priced(np.concatenate([p["row_max"] for p in parts]), np.concatenate([p["keys"] for p in parts]),
                  np.concatenate([p["rc"] for p in parts]), any(p["truncated"] for p in parts))
