"""Plan the next K rounds: everyone meets as many distinct people as possible, at good quality.

Sequential solves (measured against a joint model being unnecessary at this size): round k is the
exact optimum given rounds 1..k-1, with the no-repeat window stretched over the whole plan so no
pair meets twice inside it, and the rotation priority so sit-outs spread. Two baselines run the
same K rounds round by round with the organizer's own window: the exact solver, and greedy
(highest pair first). :func:`plan_rounds` reports distinct partners per person (mean, minimum)
against the most possible, ``min(K, N - 1)``, and the scores.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..settings import Settings
from ..solve import build_constraints, greedy_pairs, objective_matrix, solve_pairs
from .rotation import adjusted_weight, priorities

METHODS = ("plan", "round_by_round", "greedy")


@dataclass
class PlanOutcome:
    """K rounds of groups (participant indices) made by one method, and their numbers."""

    method: str
    rounds: list[list[tuple[int, ...]]]
    seconds: float
    distinct: np.ndarray = field(repr=False)      # distinct partners per person over the K rounds
    scores: list[float] = field(default_factory=list, repr=False)   # one per group, all rounds

    def summary(self, k_rounds: int) -> dict:
        n = len(self.distinct)
        most = min(k_rounds, max(n - 1, 0))
        return {"method": self.method, "mean_distinct": float(self.distinct.mean()) if n else 0.0,
                "min_distinct": int(self.distinct.min()) if n else 0, "max_possible": most,
                "mean_score": float(np.mean(self.scores)) if self.scores else float("nan"),
                "lowest_score": float(np.min(self.scores)) if self.scores else float("nan"),
                "seconds": round(self.seconds, 3)}


@dataclass
class Plan:
    """The planned rounds (``table``: one row per person per round) and every method's summary."""

    table: pd.DataFrame
    outcomes: dict[str, PlanOutcome]
    k_rounds: int

    def comparison(self) -> pd.DataFrame:
        return pd.DataFrame([o.summary(self.k_rounds) for o in self.outcomes.values()])


def _distinct(n: int, rounds: list[list[tuple[int, ...]]]) -> np.ndarray:
    met = [set() for _ in range(n)]
    for groups in rounds:
        for g in groups:
            for m in g:
                met[m].update(o for o in g if o != m)
    return np.array([len(s) for s in met], dtype=int)


def _round_history(history: pd.DataFrame, ids: list[str], groups: list[tuple[int, ...]], number: int) -> pd.DataFrame:
    rows = [(number, ids[a], ids[b]) for g in groups for i, a in enumerate(g) for b in g[i + 1:]]
    new = pd.DataFrame(rows, columns=["round", "a", "b"])
    return pd.concat([history, new], ignore_index=True) if len(history) else new


def _run(method: str, p: pd.DataFrame, score: np.ndarray, settings: Settings, history: pd.DataFrame,
         k_rounds: int) -> PlanOutcome:
    """K rounds by one method, each round seeing the rounds before it as history."""
    began = time.perf_counter()
    n, ids = len(p), p["id"].astype(str).tolist()
    s = settings.replace(repeat_rounds=max(settings.repeat_rounds, k_rounds)) if method == "plan" else settings
    hist = history[["round", "a", "b"]].copy() if history is not None and len(history) else \
        pd.DataFrame({"round": pd.Series(dtype="int64"), "a": pd.Series(dtype=str), "b": pd.Series(dtype=str)})
    base = int(hist["round"].max()) if len(hist) else 0
    sit, last = np.zeros(n, int), np.zeros(n, bool)
    rounds, scores = [], []
    for k in range(1, k_rounds + 1):
        cons = build_constraints(p, s, hist)
        weight = objective_matrix(score, p, s, cons)
        if method == "greedy":
            allowed = ~np.logical_or.reduce(list(cons.forbidden.values())) if cons.forbidden else np.ones((n, n), bool)
            if s.min_score > 0:
                allowed &= score >= s.min_score
            groups = [tuple(g) for g in greedy_pairs(weight, allowed)]
        else:
            weight = adjusted_weight(weight, priorities(sit, last), np.zeros(n, bool), 0.0, 1.0)
            sol = solve_pairs(weight, quality=score, forbidden=cons.forbidden, min_score=s.min_score,
                              odd=s.odd, capacity=cons.capacity if cons.two_sided else None,
                              sides=cons.sides if cons.two_sided else None, k=s.k, n_backups=0,
                              solver=s.solver, time_limit=s.time_limit, seed=s.seed)
            groups = [tuple(g) for g in sol.groups]
        placed = np.zeros(n, bool)
        for g in groups:
            placed[list(g)] = True
            scores.append(float(np.mean([score[a, b] for i, a in enumerate(g) for b in g[i + 1:]])))
        last = ~placed
        sit += last
        rounds.append(groups)
        hist = _round_history(hist, ids, groups, base + k)
    return PlanOutcome(method, rounds, time.perf_counter() - began, _distinct(n, rounds), scores)


def plan_rounds(participants: pd.DataFrame, score: np.ndarray, settings: Settings,
                history: pd.DataFrame | None = None, k_rounds: int = 3, first_round: int = 1,
                methods: tuple[str, ...] = METHODS) -> Plan:
    """Plan the next ``k_rounds`` rounds and compare with round-by-round solving and greedy.

    Parameters
    ----------
    participants : DataFrame
        Canonical participants (rules read roles, sides, similar-role requests from it).
    score : (N, N) ndarray
        Combined match scores.
    settings : Settings
    history : DataFrame, optional
        Earlier meetings ``round, a, b`` (participant ids).
    k_rounds : int
        Rounds to plan (1 to 52).
    first_round : int
        Number of the first planned round, for the table.
    methods : tuple of str
        Which of ``plan``, ``round_by_round``, ``greedy`` to run; ``plan`` always runs.

    Returns
    -------
    Plan
        ``table`` holds the ``plan`` method's rounds: ``round, id, name, partner_ids,
        partner_names, group_score, status``.
    """
    from ..issues import InputError, Issue

    if not isinstance(k_rounds, (int, np.integer)) or not 1 <= int(k_rounds) <= 52:
        raise InputError([Issue("fatal", f"The number of rounds to plan must be a whole number between 1 and 52. "
                                         f"Got {k_rounds!r} instead.")])
    p = participants.reset_index(drop=True)
    order = ("plan",) + tuple(m for m in methods if m != "plan" and m in METHODS)
    outcomes = {m: _run(m, p, np.asarray(score, dtype=float), settings, history, int(k_rounds)) for m in order}
    return Plan(_table(p, np.asarray(score, dtype=float), outcomes["plan"], first_round), outcomes, int(k_rounds))


def _table(p: pd.DataFrame, score: np.ndarray, outcome: PlanOutcome, first_round: int) -> pd.DataFrame:
    ids, names = p["id"].astype(str).tolist(), p["name"].astype(str).tolist()
    rows = []
    for k, groups in enumerate(outcome.rounds):
        placed = set()
        for g in groups:
            gscore = float(np.mean([score[a, b] for i, a in enumerate(g) for b in g[i + 1:]]))
            for m in g:
                placed.add(m)
                others = [o for o in g if o != m]
                rows.append({"round": first_round + k, "id": ids[m], "name": names[m],
                             "partner_ids": "; ".join(ids[o] for o in others),
                             "partner_names": "; ".join(names[o] for o in others),
                             "group_score": round(gscore, 4), "status": "paired" if len(g) == 2 else "grouped"})
        for m in range(len(p)):
            if m not in placed:
                rows.append({"round": first_round + k, "id": ids[m], "name": names[m], "partner_ids": "",
                             "partner_names": "", "group_score": np.nan, "status": "sits out"})
    return pd.DataFrame(rows)
