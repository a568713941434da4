"""Hard rules as named 'forbidden' masks, and soft levers folded into the objective matrix.

Similar-role requests follow ``Settings.similar_role_mode``: ``"hard"`` forbids every pair that
leaves a request unmet (a mask named ``similar_role``); ``"soft"`` gives a requester's similar-role
pairs a bonus; ``"fallback"`` (hard unless impossible, the default) charges an unmet request more
than any pairing's total score can make up for, so the solver still matches as many people as the
other rules allow, meets every request it can, and sends the rest to the closest available roles
(:func:`unmet_similar_role` names them for the explanation).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import numpy as np
import pandas as pd

from ..intake.taxonomy import SIMILAR_ROLE_THRESHOLD, role_affinity
from ..issues import Issue
from ..scoring.columns import column_rule_bonus, column_rule_masks
from ..settings import Settings

STAGE_MIX_SCALE = 0.15  # stage_mixing = 1 moves a same-stage pair's objective by 0.15 of a score point
REPEAT_FADE = 0.5       # an old meeting's penalty halves with every further round that has passed
SIMILAR_ROLE_BONUS = 0.1  # soft mode: a similar-role pair gains this per request it meets

CONSTRAINT_LABELS = {
    "blocked": "a pair the organizer blocked",
    "history": "already met in a recent round",
    "similar_role": "a similar-role request",
    "sides": "mentors meet mentees only",
    "floor": "below the minimum match score",
}


@dataclass
class Constraints:
    """Everything the solver needs besides the scores, in index space."""

    forbidden: dict[str, np.ndarray]
    locked: list[tuple[int, int]]
    rounds_since: np.ndarray          # N x N, 0 = never met, r = met r rounds ago
    two_sided: bool
    sides: np.ndarray                 # 0 peer, 1 mentor, 2 mentee
    capacity: np.ndarray
    issues: list[Issue] = field(default_factory=list)
    wants_similar: np.ndarray | None = None   # N: asked for a similar role
    similar: np.ndarray | None = None         # N x N: roles similar enough to meet such a request
    role_affinity: np.ndarray | None = None   # N x N: peer role affinity (open vocabulary)
    similar_role_mode: str = "hard"

    @property
    def similar_role_unmet(self) -> np.ndarray | None:
        """N x N: pairs that leave a similar-role request unmet, when that rule is a lever (soft or
        fallback) rather than a mask; pass it as ``solve_pairs(backup_last=...)``. None otherwise."""
        if self.wants_similar is None or self.similar is None or self.similar_role_mode == "hard":
            return None
        return (self.wants_similar[:, None] | self.wants_similar[None, :]) & ~self.similar


def index_of(participants: pd.DataFrame) -> dict[str, int]:
    """Lookup from participant id and (lowercased) email to row index."""
    idx: dict[str, int] = {}
    for i, (pid, email) in enumerate(zip(participants["id"].astype(str), participants.get("email", [""] * len(participants)))):
        idx[pid] = i
        if isinstance(email, str) and email.strip():
            idx.setdefault(email.strip().lower(), i)
    return idx


def program_is_two_sided(participants: pd.DataFrame, settings: Settings) -> bool:
    if settings.program != "auto":
        return settings.program == "mentoring"
    sides = set(participants.get("side", pd.Series(dtype=str)).fillna("peer"))
    return "mentor" in sides and "mentee" in sides


def pairs_to_indices(pairs, idx: dict, what: str, issues: list[Issue]) -> list[tuple[int, int]]:
    """Organizer-named id pairs (locked or blocked) as index pairs; a pair naming someone who is not
    in this survey is skipped with one warning each (appended to ``issues``)."""
    out = []
    for a, b in pairs:
        if a in idx and b in idx:
            out.append((idx[a], idx[b]))
        else:
            issues.append(Issue("warning", f"A {what} pair names a participant who is not in this survey; it was ignored.",
                                "Remove it, or check the participant ids."))
    return out


def build_constraints(participants: pd.DataFrame, settings: Settings, history: pd.DataFrame | None = None) -> Constraints:
    """Translate settings, requests and round history into masks over participant indices."""
    n = len(participants)
    idx = index_of(participants)
    issues: list[Issue] = []

    def pairs_to_idx(pairs, what: str) -> list[tuple[int, int]]:
        return pairs_to_indices(pairs, idx, what, issues)

    blocked = np.zeros((n, n), bool)
    for i, j in pairs_to_idx(settings.blocked, "blocked"):
        blocked[i, j] = blocked[j, i] = True
    locked = pairs_to_idx(settings.locked, "locked")

    rounds_since = np.zeros((n, n), dtype=int)
    if history is not None and len(history):
        latest = int(history["round"].max())
        for r, a, b in zip(history["round"], history["a"].astype(str), history["b"].astype(str)):
            i, j = idx.get(a.strip().lower(), idx.get(a)), idx.get(b.strip().lower(), idx.get(b))
            if i is None or j is None or i == j:
                continue
            since = latest - int(r) + 1
            prev = rounds_since[i, j]
            rounds_since[i, j] = rounds_since[j, i] = since if prev == 0 else min(prev, since)
    recent = (rounds_since > 0) & (rounds_since <= settings.repeat_rounds)

    roles = participants.get("role", pd.Series(["Other"] * n)).fillna("Other").tolist()
    affinity = role_affinity(roles, "peer")
    similar = affinity >= SIMILAR_ROLE_THRESHOLD
    wants_similar = participants.get("similar_role_required", pd.Series([False] * n)).fillna(False).astype(bool).to_numpy()
    similar_forbid = (wants_similar[:, None] | wants_similar[None, :]) & ~similar
    if settings.similar_role_mode != "hard":
        similar_forbid = np.zeros((n, n), bool)  # a lever in the objective instead (objective_matrix)

    two_sided = program_is_two_sided(participants, settings)
    side_codes = participants.get("side", pd.Series(["peer"] * n)).fillna("peer").map({"peer": 0, "mentor": 1, "mentee": 2}).fillna(0).astype(int).to_numpy()
    capacity = pd.to_numeric(participants.get("capacity", pd.Series([1] * n)), errors="coerce").fillna(1).clip(lower=1).astype(int).to_numpy()
    forbidden = {"blocked": blocked, "history": recent, "similar_role": similar_forbid}
    forbidden.update(column_rule_masks(participants, settings, issues))  # rules on the form's own columns
    if two_sided:
        mentor_mentee = ((side_codes[:, None] == 1) & (side_codes[None, :] == 2)) | ((side_codes[:, None] == 2) & (side_codes[None, :] == 1))
        forbidden["sides"] = ~mentor_mentee
        capacity = np.where(side_codes == 1, capacity, 1)
    else:
        capacity = np.ones(n, dtype=int)
    for m in forbidden.values():
        np.fill_diagonal(m, False)
    return Constraints(forbidden=forbidden, locked=locked, rounds_since=rounds_since, two_sided=two_sided,
                       sides=side_codes, capacity=capacity, issues=issues, wants_similar=wants_similar,
                       similar=similar, role_affinity=affinity, similar_role_mode=settings.similar_role_mode)


def mutual_rank(score: np.ndarray) -> np.ndarray:
    """sqrt(percentile of j in i's list x percentile of i in j's list): high only when both rank each other high."""
    n = len(score)
    s = score.copy()
    np.fill_diagonal(s, -np.inf)
    ranks = s.argsort(axis=1).argsort(axis=1) / max(n - 2, 1)  # 1.0 = their favourite
    return np.sqrt(np.clip(ranks, 0, 1) * np.clip(ranks.T, 0, 1))


def objective_matrix(score: np.ndarray, participants: pd.DataFrame, settings: Settings, cons: Constraints) -> np.ndarray:
    """The solver's objective per pair: the match score adjusted by the soft levers.

    - popularity moderation blends in a mutual-rank score, so people who are everyone's top pick do
      not dictate the pairing (a per-person penalty would change nothing: everyone meets once);
    - career-stage mixing rewards (>0) or penalises (<0) pairs across career stages;
    - a repeat penalty, fading with the rounds since, for meetings older than the hard no-repeat window.
    """
    w = score.astype(float).copy()
    if settings.popularity > 0:
        w = (1 - settings.popularity) * w + settings.popularity * mutual_rank(score) * score.max(initial=0)
    if settings.stage_mixing != 0 and "stage_ordinal" in participants:
        st = pd.to_numeric(participants["stage_ordinal"], errors="coerce").fillna(-1).to_numpy()
        known = st >= 0
        same = (st[:, None] == st[None, :]) & known[:, None] & known[None, :]
        w -= settings.stage_mixing * STAGE_MIX_SCALE * same
    old = cons.rounds_since > settings.repeat_rounds
    if settings.repeat_penalty > 0 and old.any():
        fade = REPEAT_FADE ** np.maximum(cons.rounds_since - settings.repeat_rounds - 1, 0)
        w -= np.where(old, settings.repeat_penalty * fade, 0.0)
    w += column_rule_bonus(participants, settings)  # 'prefer different <column>' (scoring/columns.py)
    np.fill_diagonal(w, 0.0)
    return _similar_role_lever(w, cons)


def _similar_role_lever(w: np.ndarray, cons: Constraints) -> np.ndarray:
    """Soft mode: a bonus per request a similar-role pair meets. Fallback mode: a charge per unmet
    request, larger than the whole pairing's score can vary, and growing as the roles get further apart."""
    if cons.wants_similar is None or not cons.wants_similar.any() or cons.similar_role_mode == "hard":
        return w
    asks = cons.wants_similar[:, None].astype(float) + cons.wants_similar[None, :]
    if cons.similar_role_mode == "soft":
        w = w + SIMILAR_ROLE_BONUS * asks * cons.similar
    else:
        n = len(w)
        off = ~np.eye(n, dtype=bool)
        span = float(w[off].max() - w[off].min()) if n > 1 else 0.0
        charge = 1.0 + (n / 2) * span  # more than any two pairings' totals can differ by
        distance = 1.0 + np.clip(SIMILAR_ROLE_THRESHOLD - cons.role_affinity, 0.0, 1.0)
        w = w - charge * asks * ~cons.similar * distance
    np.fill_diagonal(w, 0.0)
    return w


def unmet_similar_role(cons: Constraints, group: Sequence[int]) -> list[int]:
    """Members of a group who asked for a similar role and have no group-mate in one.

    Parameters
    ----------
    cons : Constraints
        From :func:`build_constraints`.
    group : sequence of int
        Participant indices of one pair, triad or pod.

    Returns
    -------
    list of int
        Empty when every request in the group is met. In ``fallback`` mode these people had no
        similar-role partner available and were paired with the closest available role; say so in
        the pair's explanation.
    """
    if cons.wants_similar is None or cons.similar is None:
        return []
    members = list(group)
    return [i for i in members if cons.wants_similar[i] and not any(cons.similar[i, j] for j in members if j != i)]
