"""Peer groups of 3-4: everyone in exactly one group of about the chosen size.

Arrays only: a symmetric ``score`` matrix and an ``allowed`` mask (every hard rule, applied to
every pair inside a group).

A group's score is the mean of its pairs' scores; the objective is the total fit per person,
``sum over groups of size * mean`` (the same as each person's mean fit with their group-mates,
summed over people, so a group of four does not count double a group of two), plus ``fairness``
times the lowest group's mean (the lowest-group protection lever).

Sizes: ``N = q * g + r``. Either ``r`` groups get one extra person or ``g - r`` groups are one
short, whichever makes fewer groups off-size (ties: the smaller groups); the integer program may
pick any other split with no more off-size groups.

How it is solved
----------------
- Small rounds (all allowed groups of the needed sizes number at most ``exact_limit``): a set-
  partitioning integer program over every allowed group, PuLP + HiGHS at relative gap 0 with its
  status and solution status checked; fairness by a threshold scan (the best partition whose
  groups all score above ``t`` is the same program without the groups at or below ``t``).
- Larger rounds: greedy seeding (hardest-to-place first, each group grown by the best addition),
  then swap local search (one person from each of two groups) until no swap improves or the time
  runs out. The upper bound is an LP relaxation: pairs placed together form a graph where each
  person has one fewer neighbour than their group size; the LP over "together" variables with
  those degrees and the total number of pairs, tightened by violated triangle inequalities
  (``x_ij + x_ik - x_jk <= 1``: together with two group-mates means those two are together), and
  its dual repaired over every allowed pair, so the bound holds for all pairs, not just the LP's.
  The gap to it is reported; a heuristic answer is never called optimal.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np
import pulp

from ..issues import InputError, Issue
from .group_bound import lp_bound

GROUP_SIZES = (3, 4)
EXACT_LIMIT = 60_000      # allowed candidate groups up to which the integer program is used


@dataclass(frozen=True)
class GroupsResult:
    """A solved round of groups.

    Attributes
    ----------
    groups : list of tuple of int
        Sorted members per group; groups sorted by their first member.
    group_scores : list of float
        Mean pair score inside each group.
    unplaced : list of int
        People no group can take (every possible group-mate is ruled out); everyone else is in
        exactly one group.
    objective : float
        ``sum(size * mean) + fairness * lowest mean``.
    total_fit : float
        ``sum(size * mean)`` over groups.
    lowest : float
        Lowest group mean (NaN without groups).
    upper_bound, gap : float
        Proven bound on the objective over every allowed partition, and
        ``(upper_bound - objective) / max(|upper_bound|, 1e-9)``.
    optimal : bool
        True only when the integer program proved it (never for the heuristic).
    method : str
        ``"exact"`` (set-partitioning ILP) or ``"heuristic"`` (greedy + swaps, LP bound).
    status, sol_status : str
        PuLP's strings for the exact method; ``"Heuristic"`` / ``"Feasible Solution Found"`` otherwise.
    messages : tuple of str
    time_s : float
    sizes : dict
        Group size -> number of groups.
    """

    groups: list[tuple[int, ...]]
    group_scores: list[float]
    unplaced: list[int]
    objective: float
    total_fit: float
    lowest: float
    upper_bound: float
    gap: float
    optimal: bool
    method: str
    status: str
    sol_status: str
    messages: tuple[str, ...] = ()
    time_s: float = 0.0
    sizes: dict[int, int] = field(default_factory=dict)


# ----------------------------------------------------------------------------------------------
# Sizes and values
# ----------------------------------------------------------------------------------------------
def plan_sizes(n: int, group_size: int) -> dict[int, int]:
    """Group size -> count for ``n`` people: sizes within one of ``group_size``, fewest off-size groups.

    >>> plan_sizes(10, 3)
    {3: 2, 4: 1}
    >>> plan_sizes(11, 3)
    {2: 1, 3: 3}
    """
    g = int(group_size)
    if n < 2:
        return {}
    if n <= g + 1:
        return {n: 1}
    q, r = divmod(n, g)
    if r == 0:
        return {g: q}
    more = r if r <= q else math.inf               # r groups of g + 1
    fewer = g - r if g - r <= q + 1 and g - 1 >= 2 else math.inf  # g - r groups of g - 1
    if more < fewer:
        return {g: q - r, g + 1: r} if q > r else {g + 1: r}
    return {k: v for k, v in {g - 1: g - r, g: q + 1 - (g - r)}.items() if v}


def _coef(size: int) -> float:
    return 2.0 / (size - 1)


def group_mean(score: np.ndarray, members) -> float:
    """Mean pair score inside a group."""
    m = np.asarray(members)
    sub = score[np.ix_(m, m)]
    return float(sub[np.triu_indices(len(m), 1)].mean())


def evaluate(score, groups, fairness: float = 0.0) -> tuple[float, float, float]:
    """``(objective, total_fit, lowest mean)`` of a list of groups."""
    S = np.asarray(score, dtype=float)
    means = [group_mean(S, g) for g in groups]
    total = float(sum(len(g) * m for g, m in zip(groups, means)))
    low = float(min(means)) if means else math.nan
    return total + (fairness * low if means else 0.0), total, low


# ----------------------------------------------------------------------------------------------
# Input checking
# ----------------------------------------------------------------------------------------------
def _prepare(score, allowed, group_size, fairness, time_limit, seed) -> tuple[np.ndarray, np.ndarray]:
    problems: list[Issue] = []
    S = np.array(score, dtype=float, copy=True)
    if S.ndim != 2 or S.shape[0] != S.shape[1]:
        raise InputError([Issue("fatal", f"The 'score' matrix must be square. Got shape {S.shape} instead.")])
    n = S.shape[0]
    np.fill_diagonal(S, 0.0)
    if not np.isfinite(S).all():
        problems.append(Issue("fatal", "The 'score' matrix must hold finite numbers. Got NaN or infinite values instead."))
    elif np.abs(S - S.T).max(initial=0.0) > 1e-9:
        problems.append(Issue("fatal", "The 'score' matrix must be symmetric. Got an asymmetric matrix instead.",
                              "Symmetrise it, e.g. (S + S.T) / 2."))
    A = np.ones((n, n), dtype=bool) if allowed is None else np.asarray(allowed).astype(bool)
    if A.shape != (n, n):
        problems.append(Issue("fatal", f"The 'allowed' mask must be {n} x {n}. Got shape {A.shape} instead."))
        A = np.ones((n, n), dtype=bool)
    if not isinstance(group_size, (int, np.integer)) or isinstance(group_size, bool) or group_size not in GROUP_SIZES:
        problems.append(Issue("fatal", f"The 'group_size' setting must be one of 2, 3 or 4 (2 is solved as pairs). "
                                       f"Got {group_size!r} instead."))
    if not isinstance(fairness, (int, float)) or isinstance(fairness, bool) or not math.isfinite(fairness) or fairness < 0:
        problems.append(Issue("fatal", f"The 'fairness' setting must be a number of at least 0. Got {fairness!r} instead."))
    if not isinstance(time_limit, (int, float)) or not float(time_limit) > 0:
        problems.append(Issue("fatal", f"The 'time_limit' setting must be a number of seconds above 0. Got {time_limit!r} instead."))
    if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool) or seed < 0:
        problems.append(Issue("fatal", f"The 'seed' setting must be a whole number of at least 0. Got {seed!r} instead."))
    if problems:
        raise InputError(problems)
    A = A & A.T
    np.fill_diagonal(A, False)
    return (S + S.T) / 2, A


# ----------------------------------------------------------------------------------------------
# Exact: set partitioning over every allowed group
# ----------------------------------------------------------------------------------------------
def count_groups_upper(n: int, sizes) -> int:
    """How many groups of the given sizes ``n`` people could form at most (before the rules)."""
    return int(sum(math.comb(n, s) for s in sizes))


def allowed_groups(A: np.ndarray, size: int, people=None) -> np.ndarray:
    """Every group of ``size`` whose pairs are all allowed, as rows of sorted indices."""
    people = np.arange(A.shape[0]) if people is None else np.asarray(people)
    out: list[tuple[int, ...]] = []

    def grow(members: list[int], cands: np.ndarray) -> None:
        if len(members) == size:
            out.append(tuple(members))
            return
        for pos, c in enumerate(cands.tolist()):
            rest = cands[pos + 1:]
            grow(members + [c], rest[A[c, rest]])

    grow([], people)
    return np.array(out, dtype=np.intp).reshape(-1, size)


def _solve_set_partition(S, groups_by_size, people, plan, relaxed, time_limit, seed):
    """One ILP: each person in one group, exactly the planned number of groups of each size
    (``relaxed``: at most one group each, any nearby size, the most people placed first)."""
    prob = pulp.LpProblem("groups", pulp.LpMaximize)
    cols, terms, rows = [], [], {int(i): [] for i in people}
    size_terms = []
    for size, G in groups_by_size.items():
        if not len(G) or (not relaxed and not plan.get(size)):
            continue
        means = _means(S, G)
        for k in range(len(G)):
            v = prob.add_variable(f"y{len(cols)}", 0, 1, cat=pulp.LpBinary)
            cols.append(tuple(int(i) for i in G[k]))
            terms.append((v, size * float(means[k])))
            for i in G[k]:
                rows[int(i)].append(v)
            size_terms.append((v, size))
    if not relaxed and any(plan[s] and not any(sz == s for _, sz in size_terms) for s in plan):
        return None, "Infeasible", "Infeasible Solution", False
    prob += pulp.LpAffineExpression(size_terms if relaxed else terms)  # relaxed phase 1: most people placed
    for i, vs in rows.items():
        expr = pulp.LpAffineExpression([(v, 1) for v in vs])
        prob += (expr <= 1) if relaxed else (expr == 1), f"p{i}"
    if not relaxed:
        for size, count in plan.items():
            prob += pulp.LpAffineExpression([(v, 1) for v, sz in size_terms if sz == size]) == count, f"size_{size}"
    began = time.perf_counter()
    engine = pulp.HiGHS(msg=False, gapRel=0.0, gapAbs=1e-9, timeLimit=max(float(time_limit), 0.5),
                        random_seed=int(seed) % 2**31)
    prob.solve(engine)
    status, sol_status = pulp.LpStatus[prob.status], pulp.LpSolution[prob.sol_status]
    if relaxed and prob.sol_status in (pulp.LpSolutionOptimal, pulp.LpSolutionIntegerFeasible):
        # Phase 2: keep that many people placed, then the most fit.
        placed = round(pulp.value(prob.objective))
        prob.setObjective(pulp.LpAffineExpression(terms))
        prob += pulp.LpAffineExpression(size_terms) >= placed, "placed"
        prob.solve(pulp.HiGHS(msg=False, gapRel=0.0, gapAbs=1e-9,
                              timeLimit=max(float(time_limit) - (time.perf_counter() - began), 0.5),
                              random_seed=int(seed) % 2**31))
        status, sol_status = pulp.LpStatus[prob.status], pulp.LpSolution[prob.sol_status]
    ok = prob.sol_status in (pulp.LpSolutionOptimal, pulp.LpSolutionIntegerFeasible)
    optimal = prob.status == pulp.LpStatusOptimal and prob.sol_status == pulp.LpSolutionOptimal
    chosen = []
    if ok:
        vals = [v.varValue for v, _ in terms]
        if any(x is None for x in vals):
            ok = False
        else:
            chosen = [cols[k] for k, x in enumerate(vals) if x > 0.5]
    return (chosen if ok else None), status, sol_status, optimal


def _exact(S, A, people, plan, g, fairness, deadline, seed, messages):
    """Set-partitioning ILP, with a threshold scan when fairness is on. Returns groups, status, optimal."""
    sizes = _sizes(plan, g)
    by_size = {s: allowed_groups(A, s, people) for s in sizes}
    relaxed = False
    best, best_val, status, sol_status, optimal = None, -math.inf, "Not Solved", "No Solution Found", True
    max_mean = max((S[G[:, :, None], G[:, None, :]].sum(axis=(1, 2)).max() / (s * (s - 1))
                    for s, G in by_size.items() if len(G)), default=0.0)
    floor = -math.inf
    while True:
        cut = {s: G[_means(S, G) > floor] if len(G) else G for s, G in by_size.items()}
        chosen, st, sst, opt = _solve_set_partition(S, cut, people, plan, relaxed, deadline - time.perf_counter(), seed)
        if chosen is None and st != "Infeasible":
            optimal = False  # stopped by the time limit, not proven impossible
        if chosen is None and best is None and not relaxed and st == "Infeasible":
            relaxed = True
            messages.append("The hard rules do not allow everyone into groups of the planned sizes; the largest "
                            "number of people was placed instead.")
            continue
        if chosen is None:
            if best is None:
                status, sol_status, optimal = st, sst, False
            break
        optimal = optimal and opt
        groups = chosen
        val, _, low = evaluate(S, groups, fairness)
        if val > best_val:
            best, best_val, status, sol_status = groups, val, st, sst
        if fairness <= 0 or relaxed or time.perf_counter() > deadline:
            if fairness > 0 and not relaxed:
                optimal = False
                messages.append("The fairness scan stopped at the time limit.")
            break
        total = val - fairness * low
        if total + fairness * max_mean <= best_val + 1e-12:
            break  # no partition with a higher lowest group can beat the best found
        floor = low + 1e-12
    return best, status, sol_status, optimal


def _sizes(plan, g) -> list[int]:
    """Sizes the integer program may use: the plan's and, when the rules force it, any from 2 to one above."""
    return sorted(set(plan) | set(range(2, g + 2)))


def _means(S, G):
    s = G.shape[1]
    return S[G[:, :, None], G[:, None, :]].sum(axis=(1, 2)) / (s * (s - 1))


# ----------------------------------------------------------------------------------------------
# Heuristic: greedy seeding, then swaps
# ----------------------------------------------------------------------------------------------
def greedy_groups(S: np.ndarray, A: np.ndarray, people, plan: dict[int, int], rng: np.random.Generator) -> list[list[int]]:
    """Grow groups one at a time: seed with the hardest-to-place person, add the best-fitting allowed one.

    People who fit no group of the plan are added to any group with room (up to one above the
    largest planned size) whose members all may meet them; the rest are returned as singletons.
    """
    n = S.shape[0]
    free = np.zeros(n, dtype=bool)
    free[np.asarray(people, dtype=int)] = True
    sizes = [s for s in sorted(plan, reverse=True) for _ in range(plan[s])]
    groups: list[list[int]] = []
    tie = rng.random(n)
    options = (A & free[None, :]).sum(axis=1).astype(float)  # allowed free partners, kept up to date

    def take(c: int) -> None:
        free[c] = False
        options[:] -= A[:, c]

    for size in sizes:
        if not free.any():
            break
        key = np.where(free, options + tie, np.inf)
        seed = int(np.argmin(key))
        members = [seed]
        take(seed)
        ok = A[seed] & free
        fit = S[seed].copy()
        while len(members) < size and ok.any():
            c = _pick(A, ok, fit, size - len(members) - 1)
            members.append(c)
            take(c)
            ok &= A[c] & free
            fit += S[c]
        groups.append(members)
    cap = max(max(plan), 3) if plan else 3
    for i in np.flatnonzero(free).tolist():
        best, best_gain = None, -math.inf
        for k, g in enumerate(groups):
            if len(g) < cap and A[i, g].all():
                gain = S[i, g].mean()
                if gain > best_gain:
                    best, best_gain = k, gain
        if best is None:
            groups.append([i])
        else:
            groups[best].append(i)
    # Singletons from short groups: try to move each into a group with room.
    out = [g for g in groups if len(g) >= 2]
    for g in [g for g in groups if len(g) < 2]:
        i = g[0]
        homes = [k for k, h in enumerate(out) if len(h) < cap and A[i, h].all()]
        if homes:
            out[max(homes, key=lambda k: S[i, out[k]].mean())].append(i)
        else:
            out.append([i])
    return out


def _pick(A: np.ndarray, ok: np.ndarray, fit: np.ndarray, still: int) -> int:
    """The best-fitting candidate that leaves enough allowed candidates to finish the group."""
    order = np.flatnonzero(ok)
    order = order[np.argsort(-fit[order], kind="stable")]
    for c in order[:50].tolist():
        if still <= 0 or (A[c] & ok).sum() >= still:
            return int(c)
    return int(order[0])


def perturb(S, A, groups: list[list[int]], rng: np.random.Generator, n_swaps: int) -> list[list[int]]:
    """Random allowed swaps between groups (to leave a local optimum)."""
    groups = [list(g) for g in groups]
    real = [k for k, g in enumerate(groups) if len(g) >= 2]
    if len(real) < 2:
        return groups
    for _ in range(n_swaps * 4):
        if n_swaps <= 0:
            break
        a, b = rng.choice(real, size=2, replace=False)
        i, j = rng.integers(len(groups[a])), rng.integers(len(groups[b]))
        pi, pj = groups[a][i], groups[b][j]
        rest_a = [x for x in groups[a] if x != pi]
        rest_b = [x for x in groups[b] if x != pj]
        if A[pj, rest_a].all() and A[pi, rest_b].all():
            groups[a][i], groups[b][j] = pj, pi
            n_swaps -= 1
    return groups


class _Swapper:
    """Swap local search state: per person and group, the sum of scores and of forbidden pairs."""

    def __init__(self, S: np.ndarray, A: np.ndarray, groups: list[list[int]], fairness: float):
        self.S, self.F = S, (~A).astype(np.int32)
        np.fill_diagonal(self.F, 0)
        n = S.shape[0]
        self.groups = [list(g) for g in groups]
        self.of = np.full(n, -1)
        for k, g in enumerate(self.groups):
            self.of[g] = k
        K = len(self.groups)
        onehot = np.zeros((n, K))
        placed = np.flatnonzero(self.of >= 0)
        onehot[placed, self.of[placed]] = 1.0
        self.T = S @ onehot            # T[i, k] = sum of i's scores with group k's members
        self.B = self.F @ onehot       # B[i, k] = forbidden pairs between i and group k
        size = np.array([len(g) for g in self.groups], dtype=float)
        self.size = size
        self.members = np.flatnonzero((self.of >= 0) & (size[np.maximum(self.of, 0)] >= 2))
        self.coef = np.where(size > 1, 2.0 / np.maximum(size - 1, 1), 0.0)
        self.npairs = np.maximum(size * (size - 1) / 2, 1)
        self.P = np.array([self.T[g, k].sum() / 2 for k, g in enumerate(self.groups)])
        self.fairness = fairness

    def value(self) -> float:
        means = self.P / self.npairs
        real = self.size > 1
        low = means[real].min() if real.any() else 0.0
        return float((self.coef * self.P).sum() + self.fairness * low)

    def best_swap(self, i: int) -> tuple[float, int]:
        a = self.of[i]
        js = self.members
        b = self.of[js]
        S_ij = self.S[i, js]
        F_ij = self.F[i, js]
        valid = (b != a) & (self.B[js, a] - F_ij == 0) & (self.B[i, b] - F_ij == 0)
        dPa = self.T[js, a] - self.T[i, a] - S_ij
        dPb = self.T[i, b] - self.T[js, b] - S_ij
        delta = self.coef[a] * dPa + self.coef[b] * dPb
        if self.fairness > 0:
            means = self.P / self.npairs
            real = self.size > 1
            order = np.argsort(np.where(real, means, np.inf))[:3]
            low = means[order[0]]
            new_a = (self.P[a] + dPa) / self.npairs[a]
            new_b = (self.P[b] + dPb) / self.npairs[b]
            others = np.full(js.size, np.inf)
            for k in order[::-1]:      # the smallest mean among groups other than a and b
                others = np.where((k != a) & (k != b), means[k], others)
            new_low = np.minimum(np.minimum(new_a, new_b), others)
            delta = delta + self.fairness * (new_low - low)
        delta = np.where(valid, delta, -np.inf)
        k = int(np.argmax(delta)) if delta.size else 0
        return (float(delta[k]) if delta.size else -math.inf), int(js[k]) if js.size else -1

    def swap(self, i: int, j: int) -> None:
        a, b = self.of[i], self.of[j]
        self.P[a] += self.T[j, a] - self.T[i, a] - self.S[i, j]
        self.P[b] += self.T[i, b] - self.T[j, b] - self.S[i, j]
        dS = self.S[:, j] - self.S[:, i]
        dF = self.F[:, j] - self.F[:, i]
        self.T[:, a] += dS
        self.T[:, b] -= dS
        self.B[:, a] += dF
        self.B[:, b] -= dF
        ga, gb = self.groups[a], self.groups[b]
        ga[ga.index(i)] = j
        gb[gb.index(j)] = i
        self.of[i], self.of[j] = b, a


def local_search(S, A, groups, fairness, deadline, rng, max_passes: int = 50) -> tuple[list[list[int]], int]:
    """Swap two people between groups while that raises the objective; returns groups and passes run."""
    if len(groups) < 2:
        return groups, 0
    sw = _Swapper(S, A, groups, fairness)
    passes = 0
    for passes in range(1, max_passes + 1):
        improved = False
        for i in rng.permutation(sw.members).tolist():
            if sw.size[sw.of[i]] < 2:
                continue
            gain, j = sw.best_swap(i)
            if gain > 1e-10 and sw.size[sw.of[j]] >= 2:
                sw.swap(i, j)
                improved = True
            if time.perf_counter() > deadline:
                return sw.groups, passes
        if not improved:
            break
    return sw.groups, passes


def _heuristic(S, A, people, plan, g, fairness, began, time_limit, deadline, rng, max_restarts, messages):
    """Greedy start, iterated swap search in 40% of the time, then the LP bound in the rest."""
    budget = began + 0.4 * time_limit
    found, best_val, restarts = None, -math.inf, 0
    current = greedy_groups(S, A, people, plan, rng)
    while True:
        current, _ = local_search(S, A, current, fairness, budget, rng)
        val = evaluate(S, [g_ for g_ in current if len(g_) >= 2], fairness)[0]
        if val > best_val + 1e-12:
            found, best_val = [list(g_) for g_ in current], val
        restarts += 1
        if time.perf_counter() > budget or restarts >= max_restarts:
            break
        # Iterated local search: shake the best grouping a little and descend again.
        current = perturb(S, A, found, rng, max(2, people.size // 20))
    groups = [tuple(sorted(int(i) for i in gr)) for gr in found]
    used: dict[int, int] = {}
    for gr in groups:
        if len(gr) >= 2:
            used[len(gr)] = used.get(len(gr), 0) + 1
    if used != plan:
        messages.append("The hard rules forced other group sizes than planned ("
                        + ", ".join(f"{c} of {s}" for s, c in sorted(used.items()))
                        + "); the bound is for groupings with these sizes.")
    upper, _ = lp_bound(S, A, [i for gr in groups if len(gr) >= 2 for i in gr], used, g, fairness, deadline,
                        start=groups)
    return groups, upper


# ----------------------------------------------------------------------------------------------
# Public API
# ----------------------------------------------------------------------------------------------
def solve_groups(score, allowed=None, group_size: int = 3, *, fairness: float = 0.0, time_limit: float = 30.0,
                 seed: int = 0, exact_limit: int = EXACT_LIMIT, method: str = "auto",
                 max_restarts: int = 30) -> GroupsResult:
    """Split people into groups of about ``group_size`` with the most total fit.

    Parameters
    ----------
    score : (N, N) array_like
        Symmetric pair scores (the diagonal is ignored).
    allowed : (N, N) bool array, optional
        Pairs that may share a group (every hard rule folded in). Every pair inside a group is
        allowed. Default: all pairs.
    group_size : {3, 4}
        Wanted size; sizes come from :func:`plan_sizes` (never anyone left out unless the rules
        leave them no possible group-mate).
    fairness : float
        Weight of the lowest group's mean in the objective.
    time_limit : float
        Seconds for the whole call.
    seed : int
        Tie-breaking and search order (a local generator; global random state is never used).
    exact_limit : int
        Largest number of candidate groups for the exact integer program.
    method : {"auto", "exact", "heuristic"}
        ``auto`` uses the exact program when the candidate groups fit under ``exact_limit``.
    max_restarts : int
        Local-search descents of the heuristic (the first from the greedy grouping, the others from
        the best grouping shaken by random swaps), within 40% of the time limit.

    Returns
    -------
    GroupsResult

    Raises
    ------
    matching.issues.InputError
        Listing every malformed argument at once.

    Examples
    --------
    >>> import numpy as np
    >>> s = np.kron(np.eye(2), np.ones((3, 3))) * 0.9
    >>> solve_groups(s, group_size=3).groups
    [(0, 1, 2), (3, 4, 5)]
    """
    began = time.perf_counter()
    S, A = _prepare(score, allowed, group_size, fairness, time_limit, seed)
    if method not in ("auto", "exact", "heuristic"):
        raise InputError([Issue("fatal", f"The 'method' setting must be auto, exact or heuristic. Got {method!r} instead.")])
    g = int(group_size)
    deadline = began + float(time_limit)
    rng = np.random.default_rng(seed)
    n = S.shape[0]
    lonely = np.flatnonzero(~A.any(axis=1)) if n else np.zeros(0, int)
    people = np.setdiff1d(np.arange(n), lonely)
    plan = plan_sizes(people.size, g)
    messages: list[str] = []
    if lonely.size:
        messages.append(f"{lonely.size} people have no allowed group-mate at all and are left out.")
    sizes = _sizes(plan, g)
    exact_ok = method == "exact" or (method == "auto" and count_groups_upper(people.size, sizes) <= exact_limit)
    groups, status, sol_status, optimal, upper, how = None, "Not Solved", "No Solution Found", False, math.inf, "exact"
    tried = None  # an unproven answer of the integer program, compared with the heuristic's
    if plan and exact_ok:
        # Half the time for the integer program; if it does not prove its answer, the heuristic gets the rest.
        exact_deadline = deadline if method == "exact" else began + 0.5 * float(time_limit)
        groups, status, sol_status, optimal = _exact(S, A, people, plan, g, fairness, exact_deadline, seed, messages)
        if groups is not None and optimal:
            upper = evaluate(S, groups, fairness)[0]
        elif groups is None:
            messages.append(f"The exact program found no grouping in time ({status}); the heuristic was used.")
        elif method == "auto":
            messages.append(f"The exact program stopped at its time limit ({status}); the heuristic also ran.")
            tried = groups
            groups = None
    if plan and groups is None:
        how = "heuristic"
        now = time.perf_counter()
        groups, upper = _heuristic(S, A, people, plan, g, fairness, now, max(deadline - now, 1.0), deadline, rng,
                                   max_restarts, messages)
        status, sol_status, optimal = "Heuristic", "Feasible Solution Found", False
        if tried is not None and evaluate(S, tried, fairness)[0] > evaluate(S, groups, fairness)[0] and \
                sorted(len(t) for t in tried) == sorted(len(t) for t in groups):
            groups = tried  # the unproven ILP answer was better; the bound covers both
    if not plan:  # fewer than two people can be grouped: nothing to optimise
        status, sol_status, optimal, upper = "Optimal", "Optimal Solution Found", True, 0.0
    groups = sorted(tuple(sorted(int(i) for i in gr)) for gr in (groups or []))
    real = [gr for gr in groups if len(gr) >= 2]
    unplaced = sorted(set(lonely.tolist()) | {gr[0] for gr in groups if len(gr) < 2}
                      | (set(people.tolist()) - {i for gr in groups for i in gr}))
    value, total, low = evaluate(S, real, fairness)
    if how == "exact" and optimal:
        upper = value
    gap = (upper - value) / max(abs(upper), 1e-9) if math.isfinite(upper) else math.nan
    if how == "heuristic":
        messages.append(f"Groups found by a heuristic (greedy + swaps): at most {max(gap, 0):.1%} below the best "
                        "possible (LP bound).")
    sizes_used: dict[int, int] = {}
    for gr in real:
        sizes_used[len(gr)] = sizes_used.get(len(gr), 0) + 1
    return GroupsResult(groups=real, group_scores=[group_mean(S, gr) for gr in real], unplaced=unplaced,
                        objective=value, total_fit=total, lowest=low, upper_bound=float(upper),
                        gap=float(max(gap, 0.0)) if math.isfinite(gap) else math.nan, optimal=bool(optimal and how == "exact"),
                        method=how, status=status, sol_status=sol_status, messages=tuple(messages),
                        time_s=time.perf_counter() - began, sizes=dict(sorted(sizes_used.items())))
