"""After the solve: groups (pods, the odd person's triad), a true reason for everyone left out,
backups for everyone, and the diagnosis of locked pairs that cannot all be honoured."""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING

import numpy as np
import pulp

from .candidates import split
from .result import MENTEE, MENTOR, Solution, Unmatched

if TYPE_CHECKING:
    from .instance import Instance


def ruled_out(inst: Instance, i: int) -> dict[str, int]:
    """Per-constraint counts of partners each constraint alone rules out for person i (non-zero only)."""
    out = {}
    for name, m in inst.masks.items():
        c = int(m[i].sum())
        if c:
            out[name] = c
    return out


def lock_conflicts(inst: Instance) -> list[Unmatched]:
    """Every person whose locked pair breaks a hard constraint or who is locked beyond capacity."""
    reasons: dict[int, dict[str, int]] = {}
    flagged: set[int] = set()
    for a, b in inst.locked:
        blockers = [name for name, m in inst.masks.items() if m[a, b]]
        for p in (a, b):
            if blockers:
                flagged.add(p)
                r = reasons.setdefault(p, {})
                for name in blockers:
                    r[name] = r.get(name, 0) + 1
    deg = np.zeros(inst.n, dtype=int)
    for a, b in inst.locked:
        deg[a] += 1
        deg[b] += 1
    for p in np.flatnonzero(deg > inst.cap):
        p = int(p)
        flagged.add(p)
        r = reasons.setdefault(p, {})
        if inst.two_sided:
            r["capacity"] = int(deg[p] - inst.cap[p])
        # peer mode: left empty on purpose, i.e. "in another locked pair"
    available = inst.allowed.sum(axis=1)
    return [Unmatched(p, "locked_conflict", reasons.get(p, {}), int(available[p])) for p in sorted(flagged)]


def pods(inst: Instance, edges: list[tuple[int, int]]) -> list[tuple[int, ...]]:
    """Two-sided groups: (mentor, mentees...) sorted by mentor."""
    by_mentor: dict[int, list[int]] = {}
    for a, b in edges:
        mentor, mentee = (a, b) if inst.sides[a] == MENTOR else (b, a)
        by_mentor.setdefault(mentor, []).append(mentee)
    return [(m, *sorted(ms)) for m, ms in sorted(by_mentor.items())]


def group_score(inst: Instance, g: tuple[int, ...]) -> float:
    if inst.two_sided:
        return float(np.mean([inst.Q[g[0], m] for m in g[1:]]))
    pairs = [(a, b) for i, a in enumerate(g) for b in g[i + 1:]]
    return float(np.mean([inst.Q[a, b] for a, b in pairs]))


def best_triad(inst: Instance, pairs: list[tuple[int, int]], x: int) -> int | None:
    """Index into pairs of the pair the odd person x joins, or None if no pair admits them."""
    if not pairs:
        return None
    a = np.array([p[0] for p in pairs])
    b = np.array([p[1] for p in pairs])
    ok = inst.allowed[a, x] & inst.allowed[b, x]
    if not ok.any():
        return None
    score = np.where(ok, inst.Q[a, x] + inst.Q[b, x], -np.inf)
    return int(np.argmax(score))  # first maximum: ties go to the lowest pair


def backups(inst: Instance, groups: list[tuple[int, ...]], n_backups: int, backup_cap: int,
            seed: int, last: np.ndarray | None = None) -> dict[int, list[int]]:
    """Greedy alternates by quality, people with the fewest options choosing first; pairs marked
    ``last`` (e.g. an unmet similar-role request) are offered only after every other option."""
    n = inst.n
    out: dict[int, list[int]] = {i: [] for i in range(n)}
    if n_backups == 0 or n < 2:
        return out
    score = np.where(inst.allowed, inst.Q, -np.inf)
    for g in groups:
        idx = np.array(g)
        score[np.ix_(idx, idx)] = -np.inf
    options = np.isfinite(score).sum(axis=1)
    first_choice = options  # who chooses first: the fewest options they would rather have
    if last is not None and last.any() and options.any():
        first_choice = (np.isfinite(score) & ~last).sum(axis=1)
        finite = score[np.isfinite(score)]
        score = score - np.where(last, float(finite.max() - finite.min()) + 1.0, 0.0)
    tie = np.random.default_rng(seed).permutation(n)
    order = np.lexsort((tie, first_choice))
    width = min(n - 1, n_backups + backup_cap + 8)
    top = np.argpartition(-score, width - 1, axis=1)[:, :width] if width < n else np.tile(np.arange(n), (n, 1))
    used = np.zeros(n, dtype=int)

    def ranked(i: int, cols: np.ndarray) -> np.ndarray:
        vals = score[i, cols]
        keep = np.isfinite(vals)
        cols, vals = cols[keep], vals[keep]
        return cols[np.lexsort((cols, -vals))]

    for i in order.tolist():
        if options[i] == 0:
            continue
        picked: list[int] = []
        seen = ranked(i, top[i])
        for pool in (seen, None):
            if pool is None:
                if options[i] <= seen.size:
                    break
                pool = ranked(i, np.arange(n))  # rare: the short list was used up by others
            for j in pool.tolist():
                if j in picked or used[j] >= backup_cap:
                    continue
                picked.append(j)
                used[j] += 1
                if len(picked) == n_backups:
                    break
            if len(picked) == n_backups:
                break
        out[i] = picked
    return out


def infeasible(inst: Instance, conflicts: list[Unmatched], engine: str, began: float) -> Solution:
    """The answer when locked pairs conflict: no pairing, everyone marked, the conflicts named."""
    available = inst.allowed.sum(axis=1)
    names = {c.index: c for c in conflicts}
    unmatched = [names[i] if i in names else Unmatched(i, "locked_conflict", {}, int(available[i]))
                 for i in range(inst.n)]
    return Solution(groups=[], group_scores=[], unmatched=unmatched, backups={}, objective=math.nan,
                    total_quality=0.0, lowest_quality=math.nan, upper_bound=math.nan, gap=math.nan,
                    solver=engine, status=pulp.LpStatus[pulp.LpStatusInfeasible],
                    sol_status=pulp.LpSolution[pulp.LpSolutionInfeasible],
                    time_s=time.perf_counter() - began, n_candidate_edges=0, optimal=False,
                    diagnosis=conflicts,
                    messages=(f"{len(conflicts)} people are in locked pairs that cannot all be honoured.",))


def pairing_value(inst: Instance, keys: np.ndarray) -> tuple[list[tuple[int, int]], float, float, float]:
    """``(pairs, weight sum, lowest pair quality, objective)`` of a pairing given as edge keys."""
    A, B = split(keys, inst.n)
    edges = list(zip(A.tolist(), B.tolist()))
    weight_sum = float(inst.W[A, B].sum()) if edges else 0.0
    low_pair = float(inst.Q[A, B].min()) if edges else math.nan
    objective = weight_sum + (inst.fairness * low_pair if edges and inst.fairness > 0 else 0.0)
    return edges, weight_sum, low_pair, objective


def place(inst: Instance, edges: list[tuple[int, int]], odd: str) -> tuple[list[tuple[int, ...]], list[Unmatched]]:
    """Groups from the pairs (pods in mentoring; the odd person out joins the best pair as a triad),
    and everyone left out with a reason code and per-constraint counts."""
    n = inst.n
    available = inst.allowed.sum(axis=1)
    groups = pods(inst, edges) if inst.two_sided else [tuple(e) for e in edges]
    in_group = np.zeros(n, dtype=bool)
    for g in groups:
        in_group[list(g)] = True
    left = [i for i in range(n) if not in_group[i] and available[i] > 0]
    odd_one = len(left) == 1 and not inst.two_sided
    triad_failed = False
    if odd_one and odd == "triad":
        x = left[0]
        j = best_triad(inst, groups, x)
        if j is None:
            triad_failed = True
        else:
            groups[j] = tuple(sorted((*groups[j], x)))
            in_group[x] = True
    unmatched = []
    for i in range(n):
        if in_group[i]:
            continue
        if available[i] == 0:
            code = "no_allowed_partner"
        elif inst.two_sided and inst.sides[i] == MENTEE:
            code = "capacity"
        elif odd_one and odd == "bye" and not triad_failed:
            code = "bye"
        else:
            code = "partners_taken"
        unmatched.append(Unmatched(i, code, ruled_out(inst, i), int(available[i])))
    return groups, unmatched
