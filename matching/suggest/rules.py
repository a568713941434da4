"""The hard rules of :func:`matching.solve.rules.build_constraints`, for any block of pairs.

The dense builder holds several N x N masks; at 100,000 people each would be 10 GB. Here the
organizer's blocked pairs and the meeting history are kept as sorted pair keys, and the rules that
follow from columns (similar-role requests, mentor/mentee sides) are evaluated per block. A test
checks that the blocks reassemble into exactly the builder's masks.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..solve.rules import index_of, pairs_to_indices, program_is_two_sided
from ..issues import Issue
from ..settings import Settings
from ..intake.taxonomy import SIMILAR_ROLE_THRESHOLD, role_affinity


@dataclass
class BlockRules:
    """Hard rules in O(N + pairs named) memory.

    Attributes
    ----------
    n : int
    blocked, recent : ndarray of int64
        Sorted keys ``min(i, j) * n + max(i, j)`` of the blocked pairs and of the pairs met within
        the no-repeat window.
    since_keys, since_rounds : ndarray
        Every pair that met before (key) and how many rounds ago (1 = the latest round).
    wants_similar, similar_table, role_codes : ndarray
        The similar-role rule: a person asking for a similar role only meets similar roles (in
        ``"fallback"`` mode too: at the sizes computed in blocks someone similar always exists).
    two_sided : bool
        Mentoring: only mentor-mentee pairs may meet.
    sides, capacity : ndarray
    locked : list of (int, int)
    issues : list of Issue
    """

    n: int
    blocked: np.ndarray
    recent: np.ndarray
    since_keys: np.ndarray
    since_rounds: np.ndarray
    wants_similar: np.ndarray
    similar_table: np.ndarray
    role_codes: np.ndarray
    two_sided: bool
    sides: np.ndarray
    capacity: np.ndarray
    locked: list
    issues: list

    def in_block(self, keys: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Positions of the pairs ``keys`` inside the block ``rows`` x everyone: ``(local_row, col, which)``."""
        if keys.size == 0:
            return np.zeros(0, np.intp), np.zeros(0, np.intp), np.zeros(0, np.intp)
        a, b = keys // self.n, keys % self.n
        src, dst = np.concatenate([a, b]), np.concatenate([b, a])
        which = np.concatenate([np.arange(keys.size), np.arange(keys.size)])
        pos = np.full(self.n, -1, dtype=np.intp)
        pos[rows] = np.arange(rows.size)
        hit = pos[src] >= 0
        return pos[src[hit]], dst[hit].astype(np.intp), which[hit]

    def forbidden_block(self, rows: np.ndarray) -> dict[str, np.ndarray]:
        """Named forbidden masks for ``rows`` x everyone, as in the dense builder (diagonal False)."""
        rows = np.asarray(rows, dtype=np.intp)
        shape = (rows.size, self.n)
        out = {}
        for name, keys in (("blocked", self.blocked), ("history", self.recent)):
            m = np.zeros(shape, dtype=bool)
            r, c, _ = self.in_block(keys, rows)
            m[r, c] = True
            out[name] = m
        m = np.zeros(shape, dtype=bool)
        if self.wants_similar.any():
            not_similar = self.similar_table < SIMILAR_ROLE_THRESHOLD
            m = np.take(not_similar[self.role_codes[rows]], self.role_codes, axis=1)
            m &= self.wants_similar[rows][:, None] | self.wants_similar[None, :]
            m[np.arange(rows.size), rows] = False
        out["similar_role"] = m
        if self.two_sided:
            meets = np.zeros((3, 3), dtype=bool)
            meets[1, 2] = meets[2, 1] = True
            m = ~np.take(meets[self.sides[rows]], self.sides, axis=1)
            m[np.arange(rows.size), rows] = False
            out["sides"] = m
        return out

    def forbidden_pairs(self, I: np.ndarray, J: np.ndarray) -> dict[str, np.ndarray]:
        """Named forbidden flags for the pairs ``(I[e], J[e])``."""
        I, J = np.asarray(I, dtype=np.int64), np.asarray(J, dtype=np.int64)
        keys = np.minimum(I, J) * self.n + np.maximum(I, J)
        diag = I == J
        out = {"blocked": _member(keys, self.blocked) & ~diag, "history": _member(keys, self.recent) & ~diag}
        similar = self.similar_table[self.role_codes[I], self.role_codes[J]] >= SIMILAR_ROLE_THRESHOLD
        out["similar_role"] = (self.wants_similar[I] | self.wants_similar[J]) & ~similar & ~diag
        if self.two_sided:
            si, sj = self.sides[I], self.sides[J]
            out["sides"] = ~(((si == 1) & (sj == 2)) | ((si == 2) & (sj == 1))) & ~diag
        return out

    def rounds_since_pairs(self, I: np.ndarray, J: np.ndarray) -> np.ndarray:
        """Rounds since the pair last met (0 = never), for the pairs ``(I[e], J[e])``."""
        I, J = np.asarray(I, dtype=np.int64), np.asarray(J, dtype=np.int64)
        keys = np.minimum(I, J) * self.n + np.maximum(I, J)
        if self.since_keys.size == 0:
            return np.zeros(keys.shape, dtype=np.int64)
        pos = np.minimum(np.searchsorted(self.since_keys, keys), self.since_keys.size - 1)
        hit = (self.since_keys[pos] == keys) & (I != J)
        return np.where(hit, self.since_rounds[pos], 0)

def _member(keys: np.ndarray, sorted_keys: np.ndarray) -> np.ndarray:
    if sorted_keys.size == 0:
        return np.zeros(keys.shape, dtype=bool)
    pos = np.minimum(np.searchsorted(sorted_keys, keys), sorted_keys.size - 1)
    return sorted_keys[pos] == keys


def build_block_rules(participants: pd.DataFrame, settings: Settings, history: pd.DataFrame | None = None) -> BlockRules:
    """The rules of :func:`matching.solve.rules.build_constraints` without N x N masks.

    Parameters
    ----------
    participants : DataFrame
        Canonical participants table.
    settings : Settings
        ``blocked``, ``locked``, ``repeat_rounds`` and ``program`` are read.
    history : DataFrame, optional
        Earlier pairings, columns ``round, a, b`` (ids or emails).

    Returns
    -------
    BlockRules
    """
    n = len(participants)
    idx = index_of(participants)
    issues: list[Issue] = []

    def to_keys(pairs, what: str) -> tuple[np.ndarray, list[tuple[int, int]]]:
        out = pairs_to_indices(pairs, idx, what, issues)
        keys = np.unique(np.array([min(i, j) * n + max(i, j) for i, j in out if i != j], dtype=np.int64))
        return keys, out

    blocked, _ = to_keys(settings.blocked, "blocked")
    _, locked = to_keys(settings.locked, "locked")
    since: dict[int, int] = {}
    if history is not None and len(history):
        latest = int(history["round"].max())
        for r, a, b in zip(history["round"], history["a"].astype(str), history["b"].astype(str)):
            i, j = idx.get(a.strip().lower(), idx.get(a)), idx.get(b.strip().lower(), idx.get(b))
            if i is None or j is None or i == j:
                continue
            key = min(i, j) * n + max(i, j)
            ago = latest - int(r) + 1
            since[key] = min(since.get(key, ago), ago)
    since_keys = np.array(sorted(since), dtype=np.int64)
    since_rounds = np.array([since[k] for k in since_keys.tolist()], dtype=np.int64)
    recent = since_keys[(since_rounds > 0) & (since_rounds <= settings.repeat_rounds)]

    roles = participants.get("role", pd.Series(["Other"] * n)).fillna("Other").astype(str).tolist()
    labels, codes = np.unique(np.array(roles, dtype=object).astype(str), return_inverse=True)
    wants_similar = participants.get("similar_role_required", pd.Series([False] * n)).fillna(False).astype(bool).to_numpy()
    if settings.similar_role_mode == "soft":
        wants_similar = np.zeros(n, dtype=bool)   # a bonus in the objective, never a rule
    two_sided = program_is_two_sided(participants, settings)
    sides = participants.get("side", pd.Series(["peer"] * n)).fillna("peer").map(
        {"peer": 0, "mentor": 1, "mentee": 2}).fillna(0).astype(int).to_numpy()
    capacity = pd.to_numeric(participants.get("capacity", pd.Series([1] * n)), errors="coerce").fillna(1) \
        .clip(lower=1).astype(int).to_numpy()
    capacity = np.where(sides == 1, capacity, 1) if two_sided else np.ones(n, dtype=int)
    return BlockRules(n=n, blocked=blocked, recent=recent, since_keys=since_keys, since_rounds=since_rounds,
                      wants_similar=wants_similar, similar_table=role_affinity(list(labels), "peer"),
                      role_codes=codes.astype(np.intp),
                      two_sided=two_sided, sides=sides, capacity=capacity, locked=locked, issues=issues)
