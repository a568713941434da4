"""Top-K suggestions for communities that let people choose whom to meet.

For every person a short list of people to reach out to:

1. **Candidates**: the top allowed partners by match score: from the round's own signals and
   constraints up to :data:`DENSE_UP_TO` people, from row blocks (no N x N matrix) above, and above
   :data:`ANN_ABOVE` people from an ANN index over the embeddings with every signal computed on the
   candidate pairs only. Hard rules and history (blocked, met recently, similar-role requests,
   mentor/mentee sides, the score floor) remove pairs before anything else.
2. **Reciprocal gate**: a pair is suggested only if *both* directed scores (the match score with
   the "wants" signal taken one way) clear ``suggest_threshold``.
3. **Diversity**: lists are built by maximal marginal relevance, trading score against similarity to
   the people already on the list, so a list is not five near-copies.
4. **Exposure cap**: nobody appears in more than ``ceil(suggest_exposure * k)`` lists (everyone is
   in k lists on average); people with the fewest options pick first each round.

Every suggestion is explained with :func:`matching.scoring.explain_pair`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..scoring import signals as sig
from ..scoring import explain_pair, explanation_text
from ..settings import Settings
from .blocks import BlockContext, blocked_topk, pair_scores
from .pairs import PairScorer, check_weights
from .rules import build_block_rules

DENSE_UP_TO = 3_000       # up to this many people: the round's own N x N signals and constraints
ANN_ABOVE = 20_000        # more people than this: ANN candidates instead of the exact blocked top-k
COLUMNS = ["id", "name", "rank", "suggested_id", "suggested_name", "score", "explanation"]
_SIM_ROWS = 8_192         # rows per chunk when measuring list similarity


@dataclass
class Suggestions:
    """Top-K lists for everyone, with the measures that show what diversity and the cap did.

    Attributes
    ----------
    table : DataFrame
        :data:`COLUMNS`; one row per person and suggestion (rank 1 = best), plus one row with an
        empty suggestion and the reason for anyone who got none.
    idx, score : (N, k) arrays
        Suggested indices (-1 padding) and their match scores.
    plain_idx : (N, k) array
        Plain reciprocal top-k by score (no diversity, no cap): the "before" lists.
    exposure_before, exposure_after : (N,) int arrays
        How many lists each person appears in, plain vs final.
    gini_before, gini_after : float
        Gini index of the exposures (0 = everyone equally often).
    redundancy_plain, redundancy_final : float
        Mean similarity (profile cosine) between two people on the same list.
    cap : int
        Most lists one person may appear in.
    method : str
        ``"exact"`` (blocked exact top-k) or ``"ann"`` (faiss candidates).
    messages : list of str
        Plain notes (approximations used, people without suggestions).
    """

    table: pd.DataFrame
    idx: np.ndarray
    score: np.ndarray
    plain_idx: np.ndarray
    exposure_before: np.ndarray
    exposure_after: np.ndarray
    gini_before: float
    gini_after: float
    redundancy_plain: float
    redundancy_final: float
    cap: int
    method: str
    messages: list[str] = field(default_factory=list)


def gini(x) -> float:
    """Gini index of non-negative values (0 = all equal, towards 1 = one value holds everything)."""
    x = np.sort(np.asarray(x, dtype=float))
    n, total = x.size, x.sum()
    if n == 0 or total <= 0:
        return 0.0
    return float((2 * np.arange(1, n + 1) - n - 1) @ x / (n * total))


def list_redundancy(idx: np.ndarray, vectors: np.ndarray) -> float:
    """Mean pairwise cosine between the people on each list (lists with two or more), clipped at 0."""
    total, count = 0.0, 0
    for s in range(0, idx.shape[0], _SIM_ROWS):
        block = idx[s:s + _SIM_ROWS]
        valid = block >= 0
        v = vectors[np.maximum(block, 0)] * valid[..., None]
        sims = np.clip(np.einsum("rad,rbd->rab", v, v), 0, 1)
        k = valid.sum(axis=1)
        pairs = k * (k - 1)
        sums = sims.sum(axis=(1, 2)) - np.einsum("raa->r", sims)
        ok = pairs > 0
        total += float((sums[ok] / pairs[ok]).sum())
        count += int(ok.sum())
    return total / count if count else 0.0


def candidate_pool(ctx: BlockContext, pool: int, method: str, client=None, seed: int = 0,
                   by: str = "score") -> tuple[np.ndarray, np.ndarray]:
    """Each person's ``pool`` best allowed partners by match score (or the solver's ``weight``):
    ``(idx, value)``, -1/NaN padded. ``method`` "exact" walks all pairs in blocks; "ann" ranks only
    faiss nearest-neighbour candidates (plus 8 random people each, so blank profiles stay reachable)."""
    if method == "exact":
        top = blocked_topk(ctx, pool, by=by, client=client)
        return top["idx"].astype(np.int64), top["value"]
    from .ann import ann_candidates

    sc = ctx.scorer
    cand = ann_candidates(sc.prof, sc.wants, max(pool, 16), seed=seed, mixed=sc.retrieval_vectors(seed=seed))
    # People with blank text have no meaningful neighbours: a fixed random sample keeps them reachable.
    rng = np.random.default_rng(seed)
    extra = rng.integers(sc.n, size=(sc.n, 8))
    cand = np.concatenate([cand, extra], axis=1)
    rows = np.repeat(np.arange(sc.n), cand.shape[1])
    cols = cand.ravel()
    keep = (cols >= 0) & (cols != rows)
    score = np.full(cand.size, -np.inf, dtype=np.float32)
    s, w, ok = pair_scores(ctx, rows[keep], cols[keep])
    score[np.flatnonzero(keep)] = np.where(ok, s if by == "score" else w, -np.inf)
    score = score.reshape(cand.shape)
    # Repeated partners (a random pick can repeat an ANN one) keep one copy.
    order = np.lexsort((-score, cand), axis=1)
    cs, ss = np.take_along_axis(cand, order, axis=1), np.take_along_axis(score, order, axis=1)
    dup = np.zeros_like(cs, dtype=bool)
    dup[:, 1:] = cs[:, 1:] == cs[:, :-1]
    ss[dup] = -np.inf
    best = np.argsort(-ss, axis=1, kind="stable")[:, :pool]
    idx, val = np.take_along_axis(cs, best, axis=1), np.take_along_axis(ss, best, axis=1)
    bad = ~np.isfinite(val)
    return np.where(bad, -1, idx), np.where(bad, np.nan, val).astype(np.float32)


def _mmr_with_cap(idx, rel, valid, vectors, k, diversity, cap, n_options) -> np.ndarray:
    """Greedy MMR lists, one rank at a time for everyone, never exceeding the exposure cap."""
    n, p = idx.shape
    lam = 1.0 - diversity
    red = np.zeros((n, p), dtype=np.float32)
    chosen = np.full((n, k), -1, dtype=np.int64)
    exposure = np.zeros(n, dtype=np.int64)
    valid = valid.copy()
    priority = np.lexsort((np.arange(n), n_options))  # fewest options first, then by index
    rank_of = np.empty(n, dtype=np.int64)
    rank_of[priority] = np.arange(n)
    for r in range(k):
        pending = valid.any(axis=1)
        while pending.any():
            rows = np.flatnonzero(pending)
            mmr = np.where(valid[rows], lam * rel[rows] - (1 - lam) * red[rows], -np.inf)
            pick = np.argmax(mmr, axis=1)
            ok = np.isfinite(mmr[np.arange(rows.size), pick])
            pending[rows[~ok]] = False
            rows, pick = rows[ok], pick[ok]
            if rows.size == 0:
                break
            target = idx[rows, pick]
            # Accept in priority order until each target reaches the cap.
            order = np.lexsort((rank_of[rows], target))
            rows, pick, target = rows[order], pick[order], target[order]
            first = np.r_[0, np.flatnonzero(np.diff(target)) + 1]
            within = np.arange(target.size) - np.repeat(first, np.diff(np.r_[first, target.size]))
            accept = exposure[target] + within < cap
            acc_rows, acc_pick, acc_t = rows[accept], pick[accept], target[accept]
            chosen[acc_rows, r] = acc_t
            np.add.at(exposure, acc_t, 1)
            valid[acc_rows, acc_pick] = False
            pending[acc_rows] = False
            if diversity > 0 and acc_rows.size:
                for s in range(0, acc_rows.size, _SIM_ROWS):
                    a, t = acc_rows[s:s + _SIM_ROWS], acc_t[s:s + _SIM_ROWS]
                    sim = np.einsum("rpd,rd->rp", vectors[np.maximum(idx[a], 0)], vectors[t])
                    red[a] = np.maximum(red[a], np.clip(sim, 0, 1))
            full = exposure >= cap
            if full.any():
                valid &= ~full[np.maximum(idx, 0)] | (idx < 0)
    return chosen


def _dense_pool(participants, vectors, settings, history, pool: int):
    """Pool, directed scores and explainer from the dashboard's own engine (N x N; small surveys).

    Same signals (form-column signals included), same constraints builder and the same explanation
    functions as the pairing, so a suggestion and a pairing of the same survey agree.
    """
    from ..solve.rules import build_constraints
    from ..scoring import combine, compute_signals
    from ..scoring.combine import full_weights

    sig_ = compute_signals(participants, vectors, settings)
    weights = full_weights(sig_, settings.weights)
    S = combine(sig_, settings.weights)
    cons = build_constraints(participants, settings, history)
    n = len(participants)
    ok = ~np.eye(n, dtype=bool)
    for m in cons.forbidden.values():
        ok &= ~m
    if cons.wants_similar is not None and cons.similar is not None and settings.similar_role_mode != "soft":
        ok &= ~((cons.wants_similar[:, None] | cons.wants_similar[None, :]) & ~cons.similar)  # a request is a rule here
    if settings.min_score > 0:
        ok &= S >= settings.min_score
    from .blocks import _top

    idx, val = _top(S.astype(np.float32), ok, pool)
    # Directed: the same weighted mean with the wants signal taken one way (u's wants, v's profile).
    prof, wants = np.asarray(vectors["profile"]), np.asarray(vectors["wants"])
    mats, avail = dict(sig_.matrices), dict(sig_.available)
    mats["wants"] = sig_.wants_fit
    avail["wants"] = np.any(wants != 0, axis=1)[:, None] & np.any(prof != 0, axis=1)[None, :]
    num = sum(w * np.where(avail[k], mats[k], 0.0) for k, w in weights.items() if w > 0 and k in mats)
    den = sum(w * avail[k] for k, w in weights.items() if w > 0 and k in mats)
    directed = np.where(den > 0, num / np.where(den > 0, den, 1.0), 0.0)

    def explain(I, J):
        return [explanation_text(explain_pair(sig_, settings.weights, i, j)) for i, j in zip(I.tolist(), J.tolist())]

    return idx.astype(np.int64), val, (lambda I, J: directed[I, J]), (lambda I, J: S[I, J]), explain, list(cons.issues)


def _block_pool(participants, vectors, settings, history, pool: int, method: str, client, seed: int):
    """Pool, directed scores and explainer without N x N (row blocks or ANN candidates)."""
    from ..scoring.columns import resolve_column_signals

    check_weights(settings.weights)
    scorer = PairScorer.from_participants(participants, vectors, settings)
    rules = build_block_rules(participants, settings, history)
    messages = [i.message for i in rules.issues]
    if resolve_column_signals(participants, settings.column_signals) or settings.column_rules:
        messages.append("Signals and rules from the form's own columns are not applied to surveys this large; "
                        "the six built-in signals and every other rule are.")
    if not scorer.fill_exact_:
        messages.append("Neutral values for blank answers were estimated from a sample of pairs (large survey).")
    idx, score = candidate_pool(BlockContext(scorer, rules), pool, method, client=client, seed=seed)

    def explain(I, J):
        signals = _PairSignals(scorer, participants, I, J)
        return [explanation_text(explain_pair(signals, settings.weights, i, j)) for i, j in zip(I.tolist(), J.tolist())]

    return idx, score, scorer.directed, scorer.score, explain, messages


def suggest(participants: pd.DataFrame, vectors: dict[str, np.ndarray], settings: Settings,
            history: pd.DataFrame | None = None, *, method: str = "auto", client=None, seed: int = 0) -> Suggestions:
    """Reciprocal, diversified, exposure-capped top-K suggestions for every participant.

    Parameters
    ----------
    participants : DataFrame
        Canonical participants table.
    vectors : dict
        ``{"profile", "wants"}`` embeddings.
    settings : Settings
        Signal settings and weights, hard rules, ``min_score``, and ``suggest_k``,
        ``suggest_threshold``, ``suggest_diversity``, ``suggest_exposure``.
    history : DataFrame, optional
        Earlier pairings (``round, a, b``): people met within ``repeat_rounds`` are never suggested.
    method : {"auto", "dense", "exact", "ann"}
        Candidates: ``dense`` uses the round's own N x N signals and constraints (small surveys),
        ``exact`` the blocked exact top-k, ``ann`` faiss candidates; ``auto`` picks dense up to
        :data:`DENSE_UP_TO` people, exact up to :data:`ANN_ABOVE`, ANN above.
    client : dask.distributed.Client, optional
        Run candidate generation on a Dask cluster (identical results; block methods only).
    seed : int
        Seeds the ANN index and the random coverage candidates (ANN only).

    Returns
    -------
    Suggestions
    """
    if method not in ("auto", "dense", "exact", "ann"):
        raise ValueError(f"The 'method' setting must be auto, dense, exact or ann. Got {method!r} instead.")
    participants = participants.reset_index(drop=True)
    n, k = len(participants), int(settings.suggest_k)
    if method == "auto":
        method = "dense" if (n <= DENSE_UP_TO and client is None) else ("exact" if n <= ANN_ABOVE else "ann")
    pool = min(max(10 * k, 50), max(n - 1, 1))
    if method == "dense":
        idx, score, directed, pair_score, explain, messages = _dense_pool(participants, vectors, settings, history, pool)
    else:
        idx, score, directed, pair_score, explain, messages = _block_pool(participants, vectors, settings, history,
                                                                         pool, method, client, seed)
    valid = idx >= 0
    rows = np.repeat(np.arange(n), idx.shape[1])[valid.ravel()]
    cols = idx[valid]
    gate = np.zeros_like(valid)
    if rows.size:
        gate[valid] = (directed(rows, cols) >= settings.suggest_threshold) & \
            (directed(cols, rows) >= settings.suggest_threshold)
    rel = np.where(gate, np.nan_to_num(score, nan=0.0), 0.0).astype(np.float32)
    n_options = gate.sum(axis=1)
    plain = np.full((n, k), -1, dtype=np.int64)
    for r in range(k):  # the gated pool is sorted by score: plain top-k is its first k gated entries
        nth = (np.cumsum(gate, axis=1) == r + 1) & gate
        has = nth.any(axis=1)
        plain[has, r] = idx[has, np.argmax(nth, axis=1)[has]]
    cap = max(1, math.ceil(settings.suggest_exposure * k))
    unit = np.ascontiguousarray(vectors["profile"], dtype=np.float32)
    chosen = _mmr_with_cap(idx, rel, gate, unit, k, float(settings.suggest_diversity), cap, n_options)
    exposure_before = np.bincount(plain[plain >= 0], minlength=n)
    exposure_after = np.bincount(chosen[chosen >= 0], minlength=n)
    ok = chosen >= 0
    chosen_score = np.full(chosen.shape, np.nan, dtype=np.float32)
    I = np.repeat(np.arange(n), k)[ok.ravel()]
    J = chosen[ok]
    if ok.any():
        chosen_score[ok] = pair_score(I, J)
    texts = explain(I, J) if ok.any() else []
    table = _table(participants, settings, chosen, chosen_score, texts, n_options, messages)
    return Suggestions(table=table, idx=chosen, score=chosen_score, plain_idx=plain,
                       exposure_before=exposure_before, exposure_after=exposure_after,
                       gini_before=gini(exposure_before), gini_after=gini(exposure_after),
                       redundancy_plain=list_redundancy(plain, unit), redundancy_final=list_redundancy(chosen, unit),
                       cap=cap, method=method, messages=messages)


class _Lookup:
    """``m[i, j]`` for the pairs of one table (the explanation functions index signals this way)."""

    def __init__(self, pos: dict, values: np.ndarray):
        self.pos, self.values = pos, values

    def __getitem__(self, ij):
        return self.values[self.pos[(int(ij[0]), int(ij[1]))]]


class _Tags:
    def __init__(self, participants: pd.DataFrame):
        self.skills = participants.get("skills", pd.Series([""] * len(participants))).tolist()
        self.interests = participants.get("interests", pd.Series([""] * len(participants))).tolist()
        self.cache: dict[int, frozenset] = {}

    def __getitem__(self, i: int) -> frozenset:
        if i not in self.cache:
            self.cache[i] = sig.skill_tags(self.skills[i], self.interests[i])
        return self.cache[i]


class _PairSignals:
    """Signal values of a set of pairs, shaped like :class:`matching.scoring.SignalSet` for explain_pair."""

    def __init__(self, scorer: PairScorer, participants: pd.DataFrame, I: np.ndarray, J: np.ndarray):
        values, avail = scorer.pairs(I, J)
        pos = {(int(i), int(j)): e for e, (i, j) in enumerate(zip(I.tolist(), J.tolist()))}
        self.matrices = {s: _Lookup(pos, v) for s, v in values.items()}
        self.available = {s: _Lookup(pos, v) for s, v in avail.items()}
        self.tags = _Tags(participants)
        self.column_weights: dict[str, float] = {}   # form-column signals are not computed in blocks
        self.issues: list = []
        self.offsets = scorer.offsets                 # UTC offsets, for the "shared daytime hours" reason
        self.wants_fit = None                         # N x N only in the dense SignalSet


def _table(participants, settings, chosen, chosen_score, texts, n_options, messages) -> pd.DataFrame:
    n, k = chosen.shape
    ids = participants["id"].astype(str).tolist()
    names = participants["name"].astype(str).tolist()
    ok = chosen >= 0
    text_of = iter(texts)
    rows = []
    for i in range(n):
        picks = [(r, int(j)) for r, j in enumerate(chosen[i].tolist()) if j >= 0]
        if not picks:
            why = (f"nobody clears the reciprocal threshold {settings.suggest_threshold:g} in both directions"
                   if n_options[i] == 0 else "everyone who fits is already in the most lists allowed")
            rows.append({"id": ids[i], "name": names[i], "rank": pd.NA, "suggested_id": "", "suggested_name": "",
                         "score": np.nan, "explanation": f"No suggestion: {why}. Lower the reciprocal threshold or "
                                                         "relax a rule to widen the choice."})
            continue
        for r, j in picks:
            rows.append({"id": ids[i], "name": names[i], "rank": r + 1, "suggested_id": ids[j],
                         "suggested_name": names[j], "score": round(float(chosen_score[i, r]), 4),
                         "explanation": next(text_of)})
    missing = int((~ok.any(axis=1)).sum())
    if missing:
        messages.append(f"{missing} people got no suggestion (see their rows for why).")
    table = pd.DataFrame(rows, columns=COLUMNS)
    table["rank"] = table["rank"].astype("Int64")
    return table
