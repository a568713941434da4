"""Hard rules as named 'forbidden' masks, and soft levers folded into the objective matrix."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..intake.taxonomy import ROLES, SIMILAR_ROLE_THRESHOLD, affinity_table
from ..issues import Issue
from ..scoring.columns import column_rule_bonus, column_rule_masks
from ..settings import Settings

STAGE_MIX_SCALE = 0.15  # stage_mixing = 1 moves a same-stage pair's objective by 0.15 of a score point
REPEAT_FADE = 0.5       # an old meeting's penalty halves with every further round that has passed

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


def build_constraints(participants: pd.DataFrame, settings: Settings, history: pd.DataFrame | None = None) -> Constraints:
    """Translate settings, requests and round history into masks over participant indices."""
    n = len(participants)
    idx = index_of(participants)
    issues: list[Issue] = []

    def pairs_to_idx(pairs, what: str) -> list[tuple[int, int]]:
        out = []
        for a, b in pairs:
            if a in idx and b in idx:
                out.append((idx[a], idx[b]))
            else:
                issues.append(Issue("warning", f"A {what} pair names a participant who is not in this survey; it was ignored.",
                                    "Remove it, or check the participant ids."))
        return out

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
    table = affinity_table("peer")
    codes = np.array([ROLES.index(r) if r in ROLES else ROLES.index("Other") for r in roles])
    similar = table[np.ix_(codes, codes)] >= SIMILAR_ROLE_THRESHOLD
    wants_similar = participants.get("similar_role_required", pd.Series([False] * n)).fillna(False).astype(bool).to_numpy()
    similar_forbid = (wants_similar[:, None] | wants_similar[None, :]) & ~similar

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
                       sides=side_codes, capacity=capacity, issues=issues)


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
    return w
