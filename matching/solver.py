"""The pairing solver: score matrices in, groups out. It sees indices 0..N-1, never names.

How a round is solved
---------------------
1. Hard constraints (named ``forbidden`` masks plus the score floor) give the *allowed* graph.
   Locked pairs are checked against it first; a conflict returns a diagnosis, not a pairing.
2. Locked pairs are fixed; the rest is the *residual* problem. Its candidate graph is every
   person's top-k allowed partners by weight.
3. The objective is lexicographic: first as many matched pairs as the hard constraints allow, then
   ``sum(weight) + fairness * lowest quality``. Cardinality is a constraint (``sum x >= c*`` with
   ``c*`` computed combinatorially), not a big-M bonus, so the numerics stay those of the weights.
   ``c*`` is the *dense* maximum: when the candidate matching leaves more than one person out, a
   fractional-matching relaxation (Hopcroft-Karp on the bipartite double cover) or, if needed,
   blossom on all allowed pairs decides, and a dense maximum matching's edges join the candidates.
   Mentoring rounds get ``c*`` from a max flow.
4. Pricing makes sparsification lossless (fairness 0). The fractional-matching LP is solved with
   column generation over all allowed pairs and with violated odd-set (blossom) inequalities added
   until its point is integral, all in one HiGHS model re-solved from the last basis. Without the
   odd sets the bound is loose by half a pair on every odd cycle of near-equal scores (templated
   survey answers make many), which let most pairs through pricing. Its duals, repaired to be
   feasible for *every* allowed pair, give a dense bound: when it meets the candidate optimum the
   pairing is proven best over all pairs (``proof="lp_bound"``); when the LP's own integral point
   beats it (ties hid pairs from the top-k lists), that point is the optimum; otherwise any pair
   whose reduced cost is below ``-(bound - best known)`` cannot be in a better pairing, so the others
   join the candidates and the candidate optimum is the dense optimum (``proof="priced"``).
5. Plain peer rounds (fairness 0, capacity 1, locks allowed) are a maximum-weight maximum-
   cardinality matching and are solved exactly by the blossom algorithm (rustworkx) on integer
   weights scaled by 2**40, far below any tolerance the ILP uses. Fairness, mentoring capacities or
   an explicit ``solver="highs"`` / ``"cbc"`` build the PuLP model (binary ``x_e`` per candidate
   edge) and check PuLP's status and solution status every time. Peer fairness in ``auto`` mode
   first tries without the ILP: the best pairing whose pairs all score at least ``t`` is the same
   LP with the pairs below ``t`` switched off, so a scan over ``t`` (jumping past each optimum's
   lowest pair, pruned by bounds) is exact on the candidate graph when its LP points come out
   integral, as they almost always do once the odd sets are in. Otherwise the ILP gets exact bounds on the lowest pair
   (the candidate bottleneck) and drops pairs too poor to beat a start built from blossom
   solutions above a few thresholds.
6. When the dense optimum is not proven (fairness, time limit), the upper bound is the LP bound
   when pricing ran, else the assignment relaxation: for any ``mu >= 0`` the maximum-weight
   assignment on ``max(w + mu, 0)`` over allowed pairs, halved in peer mode, minus ``mu * c*``,
   bounds every matching with at least ``c*`` pairs. The fairness term is bounded by splitting on
   whether the dense optimum's lowest pair beats ours.
7. Post-processing: the odd person out joins the best pair as a triad (or gets a bye), the
   unmatched get a reason code with per-constraint counts, and everyone gets backups.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

import networkx as nx
import numpy as np
import pulp
import rustworkx as rx
from scipy.optimize import linear_sum_assignment, linprog
from scipy.sparse import csc_matrix, csr_matrix
from scipy.sparse.csgraph import connected_components, maximum_bipartite_matching, maximum_flow

from .issues import InputError, Issue

try:  # pulp.HiGHS needs highspy; never import ortools in the same process (their HiGHS builds clash).
    import highspy  # noqa: F401

    HAVE_HIGHS = True
except ImportError:  # pragma: no cover - highspy is pinned in requirements.txt
    HAVE_HIGHS = False

FLOOR = "floor"
UNMATCHED_CODES = ("no_allowed_partner", "partners_taken", "bye", "capacity", "locked_conflict")
SOLVERS = ("auto", "highs", "cbc", "rustworkx")
PEER, MENTOR, MENTEE = 0, 1, 2

_SCALE = float(2**40)      # integer weights for the blossom algorithm: rounding error < 1e-12 per pair
_AUGMENT_ROUNDS = 3        # rounds of widening the candidate graph around unmatched people
_MIP_ABS_GAP = 1e-7        # HiGHS's default absolute gap (1e-6) is coarser than the tests' tolerance
_OVERRUN_GRACE = 1.0       # seconds past the time limit before we call it an overrun


@dataclass(frozen=True)
class Unmatched:
    """One person left without a group, and why.

    Attributes
    ----------
    index : int
        Row index of the person.
    code : str
        One of :data:`UNMATCHED_CODES`: ``no_allowed_partner`` (every potential partner is ruled
        out), ``partners_taken`` (allowed partners exist but are all in other groups), ``bye``
        (odd count, ``odd="bye"``), ``capacity`` (a mentee whose allowed mentors are all full) or
        ``locked_conflict`` (the locked pairs cannot all be honoured).
    ruled_out : dict
        Constraint name -> how many potential partners that constraint alone rules out for this
        person (names from ``forbidden`` plus ``"floor"``; zero counts are left out). For
        ``locked_conflict`` entries in ``Solution.diagnosis`` it names the constraints that block
        the locked pair (count 1 per blocked pair) or ``"capacity"`` for too many locks; it is
        empty when the person is simply in two locked pairs in peer mode.
    available : int
        How many partners every hard constraint allows for this person.
    """

    index: int
    code: str
    ruled_out: dict[str, int]
    available: int


@dataclass(frozen=True)
class Solution:
    """A solved round.

    Attributes
    ----------
    groups : list of tuple
        Pairs ``(i, j)`` with ``i < j``; in peer triad mode at most one sorted triad; in two-sided
        mode every group is a pod ``(mentor, mentee1, mentee2, ...)`` with mentees sorted.
    group_scores : list of float
        Per group, the mean quality of the pairs that meet (one pair; the three pairs of a
        triad; the mentor-mentee pairs of a pod).
    unmatched : list of Unmatched
        Everyone not in a group, sorted by index.
    backups : dict
        Person -> up to ``n_backups`` alternates (allowed, above the floor, never a group-mate),
        each person used as a backup at most ``backup_cap`` times. Every index is a key (the dict
        is empty when the round is infeasible).
    objective : float
        ``sum(weight) + fairness * lowest pair quality`` over the solved matching (locked pairs
        included, before a triad is formed); no cardinality bonus. NaN when infeasible.
    total_quality, lowest_quality : float
        Sum and minimum of ``group_scores`` (``lowest_quality`` is NaN without groups).
    upper_bound : float
        Proven upper bound on the objective of the dense problem (all allowed pairs, same
        constraints, same maximum cardinality).
    gap : float
        ``(upper_bound - objective) / max(|upper_bound|, 1e-9)``: how far the pairing can be from
        the best possible over all pairs.
    solver : str
        ``"HiGHS"`` (its ILP, or its LPs: the fairness scan, or pricing's integral optimum when ties
        hid better pairs from the candidates), ``"CBC"``, ``"rustworkx"`` or ``"trivial"`` (nothing
        to optimise).
    status, sol_status : str
        PuLP's ``LpStatus`` and ``LpSolution`` strings (the exact algorithms report
        ``"Optimal"`` / ``"Optimal Solution Found"``).
    time_s : float
        Wall time of the whole call.
    n_candidate_edges : int
        Pairs the final model considered (candidate edges plus locked pairs).
    optimal : bool
        True only when the solver proved optimality on the candidate graph.
    diagnosis : list of Unmatched or None
        The people whose locked pairs conflict, with the blocking constraint names.
    messages : tuple of str
        Plain notes for the organizer (solver overran its limit, fell back to the start pairing...).
    proof : str
        How the pairing was proven best over *all* allowed pairs, not just the candidates:
        ``"all_pairs"`` (the candidates were every allowed pair), ``"priced"`` (every pair that could
        improve on it was a candidate), ``"lp_bound"`` (the LP bound with odd-set cuts equals its
        objective, up to rounding: ``gap`` is that rounding, below 1e-9) or ``""`` (not proven: the
        pairing may be up to ``gap`` below the best possible).
    pricing_rounds : int
        LP pricing passes (each may widen the candidates and re-solve); 0 when pricing did not run.
    """

    groups: list[tuple[int, ...]]
    group_scores: list[float]
    unmatched: list[Unmatched]
    backups: dict[int, list[int]]
    objective: float
    total_quality: float
    lowest_quality: float
    upper_bound: float
    gap: float
    solver: str
    status: str
    sol_status: str
    time_s: float
    n_candidate_edges: int
    optimal: bool
    diagnosis: list[Unmatched] | None = None
    messages: tuple[str, ...] = ()
    proof: str = ""
    pricing_rounds: int = 0


# ----------------------------------------------------------------------------------------------
# Input checking
# ----------------------------------------------------------------------------------------------
@dataclass
class _Instance:
    """Validated arrays of one call (private)."""

    n: int
    W: np.ndarray
    Q: np.ndarray
    masks: dict[str, np.ndarray]
    allowed: np.ndarray
    cap: np.ndarray
    sides: np.ndarray | None
    locked: list[tuple[int, int]]
    fairness: float

    @property
    def two_sided(self) -> bool:
        return self.sides is not None


def _setting_issue(name: str, expected: str, got) -> Issue:
    return Issue("fatal", f"The '{name}' setting must be {expected}. Got {got!r} instead.")


def _is_int(v) -> bool:
    return isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_))


def _is_number(v) -> bool:
    return isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, (bool, np.bool_)) \
        and math.isfinite(float(v))


def _square(name: str, value, n: int | None, problems: list[Issue]) -> np.ndarray | None:
    arr = np.array(value, dtype=float, copy=True)
    if arr.ndim != 2 or arr.shape[0] != arr.shape[1] or (n is not None and arr.shape[0] != n):
        want = f"an {n} x {n} matrix" if n is not None else "a square matrix"
        problems.append(Issue("fatal", f"The '{name}' matrix must be {want}. Got shape {arr.shape} instead."))
        return None
    np.fill_diagonal(arr, 0.0)  # the diagonal is ignored, whatever it holds
    if not np.isfinite(arr).all():
        problems.append(Issue("fatal", f"The '{name}' matrix must hold finite numbers off the diagonal. "
                                       "Got NaN or infinite values instead.", "Fill missing scores before solving."))
        return None
    asymmetry = float(np.abs(arr - arr.T).max(initial=0.0))  # one pass; np.allclose costs 10x more at N = 2000
    if asymmetry > 1e-9:
        problems.append(Issue("fatal", f"The '{name}' matrix must be symmetric (a pair scores the same both ways). "
                                       f"Got a largest asymmetry of {asymmetry:.3g} instead.",
                              "Symmetrise it, e.g. (S + S.T) / 2, or use a reciprocal score."))
        return None
    return (arr + arr.T) / 2


def _prepare(weight, quality, forbidden, locked, min_score, fairness, odd, capacity, sides, k, n_backups,
             backup_cap, solver, time_limit, mip_gap, seed) -> _Instance:
    """Check every argument, collect all problems, and build the masks."""
    problems: list[Issue] = []
    W = _square("weight", weight, None, problems)
    if W is None:
        raise InputError(problems)
    n = W.shape[0]
    Q = W.copy() if quality is None else _square("quality", quality, n, problems)

    masks: dict[str, np.ndarray] = {}
    for name, m in (forbidden or {}).items():
        if not isinstance(name, str) or name == FLOOR:
            problems.append(Issue("fatal", f"The forbidden-pair masks must have text names other than '{FLOOR}'. "
                                           f"Got {name!r} instead."))
            continue
        arr = np.asarray(m)
        if arr.shape != (n, n):
            problems.append(Issue("fatal", f"The '{name}' forbidden mask must be an {n} x {n} matrix. "
                                           f"Got shape {arr.shape} instead."))
            continue
        arr = arr.astype(bool)
        arr = arr | arr.T  # a pair that may not meet may not meet either way round
        np.fill_diagonal(arr, False)
        masks[name] = arr

    if not _is_number(min_score) or not 0.0 <= float(min_score) <= 1.0:
        problems.append(_setting_issue("min_score", "a number between 0 and 1", min_score))
    if not _is_number(fairness) or float(fairness) < 0:
        problems.append(_setting_issue("fairness", "a number of at least 0", fairness))
    if odd not in ("triad", "bye"):
        problems.append(_setting_issue("odd", "'triad' or 'bye'", odd))
    if not _is_int(k) or k < 1:
        problems.append(_setting_issue("k", "a whole number of at least 1", k))
    if not _is_int(n_backups) or n_backups < 0:
        problems.append(_setting_issue("n_backups", "a whole number of at least 0", n_backups))
    if not _is_int(backup_cap) or backup_cap < 1:
        problems.append(_setting_issue("backup_cap", "a whole number of at least 1", backup_cap))
    if not isinstance(solver, str) or solver.lower() not in SOLVERS:
        problems.append(_setting_issue("solver", "one of " + ", ".join(f"'{s}'" for s in SOLVERS), solver))
    elif solver.lower() == "highs" and not HAVE_HIGHS:
        problems.append(Issue("fatal", "The 'solver' setting 'highs' needs the highspy package, which is not installed.",
                              "Choose 'cbc' or 'auto', or install highspy."))
    if not _is_number(time_limit) or float(time_limit) <= 0:
        problems.append(_setting_issue("time_limit", "a number of seconds above 0", time_limit))
    if not _is_number(mip_gap) or not 0.0 <= float(mip_gap) < 1.0:
        problems.append(_setting_issue("mip_gap", "a number from 0 up to (not including) 1", mip_gap))
    if not _is_int(seed) or seed < 0:
        problems.append(_setting_issue("seed", "a whole number of at least 0", seed))

    side_arr = None
    if sides is not None:
        side_arr = np.asarray(sides)
        if side_arr.shape != (n,) or not np.isin(side_arr, (PEER, MENTOR, MENTEE)).all():
            problems.append(Issue("fatal", f"The 'sides' array must hold {n} codes, each 0 (peer), 1 (mentor) "
                                           "or 2 (mentee). Got something else instead."))
            side_arr = None
        else:
            side_arr = side_arr.astype(int)
    cap = np.ones(n, dtype=int)
    if capacity is not None:
        c = np.asarray(capacity)
        if c.shape != (n,) or not np.issubdtype(c.dtype, np.number) or not np.all(c == np.round(c)) or (c < 1).any():
            problems.append(Issue("fatal", f"The 'capacity' array must hold {n} whole numbers of at least 1. "
                                           "Got something else instead."))
        else:
            cap = c.astype(int)
            if sides is None and (cap > 1).any():
                problems.append(Issue("fatal", "Capacities above 1 need 'sides' (mentors take several mentees; "
                                               "peers meet one person).", "Pass sides, or set every capacity to 1."))
    if isinstance(solver, str) and solver.lower() == "rustworkx" and (sides is not None or
                                                                     (_is_number(fairness) and fairness > 0)):
        problems.append(Issue("fatal", "The 'solver' setting 'rustworkx' solves plain peer pairings only. "
                                       "Got fairness above 0 or a mentoring round instead.",
                              "Use 'auto', 'highs' or 'cbc'."))

    pairs: list[tuple[int, int]] = []
    for p in locked or ():
        try:
            a, b = p
        except (TypeError, ValueError):
            problems.append(Issue("fatal", f"Each locked pair must be two participant indices. Got {p!r} instead."))
            continue
        if not (_is_int(a) and _is_int(b)) or not (0 <= a < n and 0 <= b < n) or a == b:
            problems.append(Issue("fatal", f"Each locked pair must name two different indices from 0 to {n - 1}. "
                                           f"Got {p!r} instead."))
            continue
        pair = (int(min(a, b)), int(max(a, b)))
        if pair not in pairs:
            pairs.append(pair)
    if problems:
        raise InputError(problems)

    if side_arr is not None:
        # The caller forbids non mentor-mentee pairs as "sides"; enforce it here too so the solver's
        # graph is bipartite whatever the caller passed.
        mm = ((side_arr[:, None] == MENTOR) & (side_arr[None, :] == MENTEE)) | \
             ((side_arr[:, None] == MENTEE) & (side_arr[None, :] == MENTOR))
        sides_mask = ~mm
        np.fill_diagonal(sides_mask, False)
        masks["sides"] = masks.get("sides", np.zeros((n, n), bool)) | sides_mask
    if float(min_score) > 0:  # min_score 0 means "no floor", even if a weight-as-quality is negative
        floor = Q < float(min_score)
        np.fill_diagonal(floor, False)
        masks[FLOOR] = floor
    allowed = ~np.eye(n, dtype=bool)
    for m in masks.values():
        allowed &= ~m
    return _Instance(n=n, W=W, Q=Q, masks=masks, allowed=allowed, cap=cap, sides=side_arr,
                     locked=sorted(pairs), fairness=float(fairness))


def _ruled_out(inst: _Instance, i: int) -> dict[str, int]:
    """Per-constraint counts of partners each constraint alone rules out for person i (non-zero only)."""
    out = {}
    for name, m in inst.masks.items():
        c = int(m[i].sum())
        if c:
            out[name] = c
    return out


def _lock_conflicts(inst: _Instance) -> list[Unmatched]:
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


# ----------------------------------------------------------------------------------------------
# Graph helpers (edges are int64 keys a * n + b with a < b)
# ----------------------------------------------------------------------------------------------
def _keys(I: np.ndarray, J: np.ndarray, n: int) -> np.ndarray:
    a, b = np.minimum(I, J), np.maximum(I, J)
    return np.unique(a.astype(np.int64) * n + b)


def _split(keys: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    return (keys // n).astype(np.intp), (keys % n).astype(np.intp)


def _top_k_edges(W: np.ndarray, mask: np.ndarray, k: int) -> np.ndarray:
    """Union of every person's k highest-weight allowed partners."""
    n = len(W)
    if n < 2 or not mask.any():
        return np.zeros(0, dtype=np.int64)
    kk = min(k, n - 1)
    scored = np.where(mask, W, -np.inf)
    top = np.argpartition(-scored, kk - 1, axis=1)[:, :kk]
    rows = np.repeat(np.arange(n), kk)
    cols = top.ravel()
    ok = np.isfinite(scored[rows, cols])
    return _keys(rows[ok], cols[ok], n)


def _edges_of(mask: np.ndarray, people: Iterable[int]) -> np.ndarray:
    """All allowed edges touching the given people."""
    n = len(mask)
    people = np.asarray(sorted(people), dtype=np.intp)
    if people.size == 0:
        return np.zeros(0, dtype=np.int64)
    r, c = np.nonzero(mask[people])
    return _keys(people[r], c, n)


def _blossom(n: int, keys: np.ndarray, W: np.ndarray) -> np.ndarray:
    """Exact maximum-weight maximum-cardinality matching on the candidate edges (rustworkx)."""
    if keys.size == 0:
        return keys
    I, J = _split(keys, n)
    w = W[I, J]
    lo, span = float(w.min()), float(w.max() - w.min())
    # Among maximum-cardinality matchings a constant shift changes nothing, so shift to positive
    # integers: blossom's duals stay exact and no pair looks "not worth taking".
    scale = _SCALE / span if span > 0 else 0.0
    wi = (np.rint((w - lo) * scale) + 1).astype(np.int64)
    g = rx.PyGraph(multigraph=False)
    g.add_nodes_from(range(n))
    g.add_edges_from(list(zip(I.tolist(), J.tolist(), wi.tolist())))
    m = rx.max_weight_matching(g, max_cardinality=True, weight_fn=int)
    return _keys(np.array([a for a, _ in m], dtype=np.intp), np.array([b for _, b in m], dtype=np.intp), n) \
        if m else np.zeros(0, dtype=np.int64)


def _max_card(mask: np.ndarray, cap: np.ndarray, sides: np.ndarray | None) -> np.ndarray:
    """A maximum-cardinality (b-)matching of the dense allowed graph, as edge keys."""
    n = len(mask)
    if sides is None:
        I, J = np.nonzero(np.triu(mask, 1))
        if I.size == 0:
            return np.zeros(0, dtype=np.int64)
        g = rx.PyGraph(multigraph=False)
        g.add_nodes_from(range(n))
        g.add_edges_from_no_data(list(zip(I.tolist(), J.tolist())))
        m = rx.max_weight_matching(g, max_cardinality=True)
        return _keys(np.array([a for a, _ in m], dtype=np.intp), np.array([b for _, b in m], dtype=np.intp), n) \
            if m else np.zeros(0, dtype=np.int64)
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
    return _keys(I[used], J[used], n)


def _reserve(n: int, time_limit: float) -> float:
    """Seconds kept back from the ILP for the bound and the backups after it."""
    return min(0.25 * time_limit, 0.1 + 6e-7 * n * n)


def _degrees(n: int, keys: np.ndarray) -> np.ndarray:
    I, J = _split(keys, n)
    return np.bincount(I, minlength=n) + np.bincount(J, minlength=n)


# ----------------------------------------------------------------------------------------------
# The ILP (PuLP)
# ----------------------------------------------------------------------------------------------
class _HiGHSWithStart(pulp.HiGHS):
    """pulp.HiGHS that loads the model in bulk and can hand HiGHS a feasible start.

    PuLP's own loader makes one highspy call per column and per integrality flag (about 1 s at
    13k columns); statuses and values are still read back by PuLP's ``findSolutionValues``.
    """

    def __init__(self, start: Mapping[pulp.LpVariable, float] | None = None, **kwargs):
        super().__init__(**kwargs)
        self.start = dict(start or {})

    def buildSolverModel(self, lp):
        inf = highspy.kHighsInf
        sign = -1.0 if lp.sense == pulp.LpMaximize else 1.0  # PuLP's convention: HiGHS minimises
        columns = lp.variables()
        for i, v in enumerate(columns):
            v.index = i
        cost = np.array([sign * lp.objective.get(v, 0.0) for v in columns], dtype=float)
        lower = np.array([-inf if v.lowBound is None else v.lowBound for v in columns], dtype=float)
        upper = np.array([inf if v.upBound is None else v.upBound for v in columns], dtype=float)
        none = np.zeros(0, dtype=np.int32)
        lp.solverModel.addCols(len(columns), cost, lower, upper, 0, np.zeros(len(columns), dtype=np.int32),
                               none, np.zeros(0, dtype=float))
        integer = np.array([v.index for v in columns if v.cat == pulp.LpInteger], dtype=np.int32)
        if self.mip and integer.size:
            lp.solverModel.changeColsIntegrality(integer.size, integer, np.ones(integer.size, dtype=np.uint8))
        starts, index, value, row_lo, row_hi = [], [], [], [], []
        for i, con in enumerate(lp._constraints.values()):
            con.index = i
            starts.append(len(index))
            for v, coef in con.items():
                if coef != 0:
                    index.append(v.index)
                    value.append(coef)
            lb, ub = con.getLb(), con.getUb()
            row_lo.append(-inf if lb is None else lb)
            row_hi.append(inf if ub is None else ub)
        if starts:
            lp.solverModel.addRows(len(starts), np.array(row_lo, dtype=float), np.array(row_hi, dtype=float),
                                   len(index), np.array(starts, dtype=np.int32), np.array(index, dtype=np.int32),
                                   np.array(value, dtype=float))

    def callSolver(self, lp):
        if self.start:
            idx = np.array([v.index for v in self.start], dtype=np.int32)
            val = np.array(list(self.start.values()), dtype=float)
            lp.solverModel.setSolution(len(idx), idx, val)
        super().callSolver(lp)


@dataclass
class _MipResult:
    chosen: np.ndarray | None     # edge keys, None when the solver returned no usable pairing
    status: str
    sol_status: str
    optimal: bool
    elapsed: float
    messages: list[str]


def _solve_mip(inst: _Instance, keys: np.ndarray, res_cap: np.ndarray, card: int, start: np.ndarray,
               t_range: tuple[float, float], warm: bool, solver: str, time_limit: float, mip_gap: float,
               seed: int) -> _MipResult:
    """Build and solve the candidate ILP; decode and verify the answer.

    ``t_range`` bounds the lowest pair quality of any solution worth having (see :func:`_fair_start`);
    ``warm`` hands ``start`` to the solver (it slows HiGHS down on plain rounds: restarts and sub-MIPs).
    """
    n = inst.n
    I, J = _split(keys, n)
    E = keys.size
    w, q = inst.W[I, J], inst.Q[I, J]
    f = inst.fairness
    use_t = f > 0
    prob = pulp.LpProblem("pairing", pulp.LpMaximize)
    x = [prob.add_variable(f"x{e}", 0, 1, cat=pulp.LpBinary) for e in range(E)]
    terms = list(zip(x, w.tolist()))
    t = None
    if use_t:
        t_lo, t_hi = t_range
        t = prob.add_variable("t", lowBound=t_lo, upBound=t_hi)
        terms.append((t, f))
        # With t <= t_hi known, the big-M of "x_e = 1 -> t <= q_e" shrinks to t_hi - q_e (or vanishes).
        slack = np.maximum(t_hi - q, 0.0)
    prob += pulp.LpAffineExpression(terms)

    ends = np.concatenate([I, J])
    eids = np.concatenate([np.arange(E), np.arange(E)])
    order = np.argsort(ends, kind="stable")
    ends, eids = ends[order], eids[order]
    cuts = np.flatnonzero(np.diff(ends)) + 1
    for group in np.split(np.arange(ends.size), cuts) if ends.size else []:
        node = int(ends[group[0]])
        es = eids[group].tolist()
        prob += pulp.LpAffineExpression([(x[e], 1) for e in es]) <= int(res_cap[node]), f"deg_{node}"
        if use_t and res_cap[node] == 1:
            # One matched partner at most, so the aggregated row reads t <= q(partner): N rows, not E.
            row = [(x[e], float(slack[e])) for e in es if slack[e] > 0]
            if row:
                prob += pulp.LpAffineExpression([(t, 1)] + row) <= t_hi, f"low_{node}"
    if use_t:
        for e in np.flatnonzero((res_cap[I] > 1) & (res_cap[J] > 1) & (slack > 0)).tolist():
            prob += pulp.LpAffineExpression([(t, 1), (x[e], float(slack[e]))]) <= t_hi, f"low_e{e}"
    if card > 0:
        prob += pulp.LpAffineExpression([(v, 1) for v in x]) >= card, "cardinality"

    chosen_start = np.isin(keys, start)
    start_vals = {v: float(s) for v, s in zip(x, chosen_start)}
    if use_t:
        q_start = q[chosen_start]
        low = float(q_start.min()) if q_start.size else t_hi
        start_vals[t] = min(max(low, t_lo), t_hi)
    if not warm:
        start_vals = {}

    if solver == "HiGHS":
        engine = _HiGHSWithStart(start=start_vals, msg=False, timeLimit=time_limit, gapRel=mip_gap,
                                 gapAbs=_MIP_ABS_GAP, random_seed=int(seed) % 2**31)
    else:
        for v, s in start_vals.items():
            v.setInitialValue(s)
        # CBC's default cutoff increment (~1e-5 here) makes it stop short of the optimum while still
        # reporting "Optimal"; ask for improvements as small as the gap we promise.
        engine = pulp.PULP_CBC_CMD(msg=False, timeLimit=time_limit, gapRel=mip_gap, gapAbs=_MIP_ABS_GAP,
                                   warmStart=bool(start_vals), options=["increment 1e-9"])
    began = time.perf_counter()
    prob.solve(engine)
    elapsed = time.perf_counter() - began
    status, sol_status = pulp.LpStatus[prob.status], pulp.LpSolution[prob.sol_status]
    messages = []
    if elapsed > time_limit + max(_OVERRUN_GRACE, 0.1 * time_limit):  # observed once with PuLP + HiGHS
        messages.append(f"{solver} ran {elapsed - time_limit:.1f} s past its {time_limit:.1f} s time limit.")
    has_solution = prob.sol_status in (pulp.LpSolutionOptimal, pulp.LpSolutionIntegerFeasible)
    optimal = prob.status == pulp.LpStatusOptimal and prob.sol_status == pulp.LpSolutionOptimal
    chosen = None
    if has_solution:
        vals = np.array([v.varValue if v.varValue is not None else np.nan for v in x], dtype=float)
        if np.isnan(vals).any():
            messages.append(f"{solver} reported a solution without values; kept the starting pairing.")
        else:
            picked = keys[vals > 0.5]
            deg = _degrees(n, picked)
            if (deg > res_cap).any() or picked.size < card or np.abs(vals - np.rint(vals)).max() > 1e-4:
                messages.append(f"{solver}'s answer broke a constraint after rounding; kept the starting pairing.")
            else:
                chosen = picked
    else:
        messages.append(f"{solver} found no pairing ({status}, {sol_status}); kept the starting pairing.")
    return _MipResult(chosen, status, sol_status, optimal and chosen is not None, elapsed, messages)


def _objective(inst: _Instance, keys: np.ndarray, q_lock_min: float) -> float:
    """The residual pairing's weight plus fairness times the lowest pair (locked pairs' included)."""
    a, b = _split(keys, inst.n)
    return float(inst.W[a, b].sum()) + inst.fairness * min(float(inst.Q[a, b].min()), q_lock_min)


def _card_ceiling(n: int, keys: np.ndarray) -> int:
    """Upper bound on the pairs a peer graph can hold: half a maximum matching of its bipartite double
    cover (the fractional-matching relaxation; Hopcroft-Karp in C, far faster than blossom)."""
    if keys.size == 0:
        return 0
    I, J = _split(keys, n)
    cover = csr_matrix((np.ones(2 * I.size, dtype=np.int8), (np.concatenate([I, J]), np.concatenate([J, I]))),
                       shape=(n, n))
    return int((maximum_bipartite_matching(cover, perm_type="column") >= 0).sum()) // 2


def _fair_start(inst: _Instance, cand: np.ndarray, start: np.ndarray, card: int,
                q_lock_min: float, blossoms: bool = True) -> tuple[np.ndarray, float]:
    """A start with a high lowest pair for the fairness ILP, and the candidate graph's bottleneck.

    The bottleneck (largest threshold whose candidate edges still hold ``card`` pairs, found by
    bisection) is an exact upper bound on the ILP's ``t``. Blossom solutions above a few thresholds
    are scored by the real objective; the best becomes the start, whose value lets the caller drop
    every edge too poor to be in a better pairing. ``blossoms=False`` skips them (start returned as is).
    """
    n = inst.n
    I, J = _split(cand, n)
    q = inst.Q[I, J]
    levels = np.unique(q)
    t0 = min(float(inst.Q[_split(start, n)].min()), q_lock_min)
    lo = int(np.searchsorted(levels, t0, side="right"))
    hi = int(np.searchsorted(levels, q_lock_min, side="right")) - 1 if math.isfinite(q_lock_min) else levels.size - 1
    first, best = lo, None
    while lo <= hi:
        mid = (lo + hi) // 2
        if _card_ceiling(n, cand[q >= levels[mid]]) >= card:
            best, lo = mid, mid + 1
        else:
            hi = mid - 1
    if best is None or not blossoms:
        return start, t0 if best is None else min(float(levels[best]), q_lock_min)
    # The relaxation may overshoot the true bottleneck (still a valid cap on t); the starts must be
    # real full-size matchings, so step down until blossom finds one.
    options = [start]
    for i in sorted({(first + best) // 2, best}, reverse=True):
        for _ in range(4):
            m = _blossom(n, cand[q >= levels[i]], inst.W)
            if m.size >= card:
                options.append(m)
                break
            i = (first + i) // 2

    return max(options, key=lambda m: _objective(inst, m, q_lock_min)), min(float(levels[best]), q_lock_min)


# ----------------------------------------------------------------------------------------------
# Bounds
# ----------------------------------------------------------------------------------------------
_LP_SOLVES = 60            # LP solves per pricing call; odd-set cuts and column generation share them
_COLUMN_ROUNDS = 6         # column-generation passes per pricing call (each adds at most 20 N pairs)
_SCAN_SOLVES = 400         # LP solves the fairness scan may spend before the ILP takes over
_FRAC = 1e-6               # an LP value farther than this from 0 and 1 is fractional


def _tol(bound: float) -> float:
    """Absolute slack under which a bound and a pairing's weight count as equal."""
    return 1e-9 * max(1.0, abs(bound))


class _MatchingLP:
    """The fractional matching LP over a growing set of columns and odd-set rows (private).

    ``max w.x`` subject to ``x(delta(v)) <= cap_v``, ``x(E(S)) <= (|S| - 1) / 2`` for every odd set
    ``S`` added (peer rounds only: every capacity is 1), optionally ``sum x >= card``, and
    ``0 <= x_e`` (``x_e = 0`` for columns switched off by :meth:`restrict`). With highspy the model
    stays in one ``Highs`` object and every re-solve after a change is a simplex warm start from the
    last basis: milliseconds, where a cold solve costs 0.1-0.3 s at N = 1000-2000. Without highspy,
    scipy's HiGHS solves from scratch each time.
    """

    def __init__(self, n: int, W: np.ndarray, cap: np.ndarray, card: int, with_card: bool):
        self.n, self.W, self.card, self.with_card = n, W, card, with_card
        self.rhs = np.append(cap.astype(float), -float(card)) if with_card else cap.astype(float)
        self.first_set = self.rhs.size            # rows: degrees, [cardinality], odd sets
        self.keys = np.zeros(0, dtype=np.int64)   # columns, in the LP's order
        self.off = np.zeros(0, dtype=bool)        # columns held at 0
        self.sets: list[np.ndarray] = []
        self.infeasible = False                   # the last solve proved the LP infeasible
        self.highs = None
        if HAVE_HIGHS:
            h = highspy.Highs()
            h.setOptionValue("output_flag", False)
            # Cold solve: interior point with crossover (a basis for the warm starts) is 3x faster
            # than dual simplex on these degenerate LPs.
            h.setOptionValue("solver", "ipm")
            none = np.zeros(0, dtype=np.int32)
            h.addRows(self.rhs.size, np.full(self.rhs.size, -highspy.kHighsInf), self.rhs, 0, none, none,
                      np.zeros(0))
            self.highs = h

    def _set_rows(self, keys: np.ndarray, sets: list[np.ndarray]) -> csr_matrix:
        """Rows of ``sets`` over the columns ``keys``: 1 where both ends lie in the set."""
        I, J = _split(keys, self.n)
        r = np.repeat(np.arange(len(sets)), [s.size for s in sets])
        member = csr_matrix((np.ones(r.size), (r, np.concatenate(sets))), shape=(len(sets), self.n)).tocsc()
        return member[:, I].multiply(member[:, J]).tocsr()

    def _columns(self, keys: np.ndarray) -> csc_matrix:
        """Every row's coefficients for the columns ``keys``."""
        I, J = _split(keys, self.n)
        m, cols = keys.size, np.arange(keys.size)
        rows, at, vals = [I, J], [cols, cols], [np.ones(m), np.ones(m)]
        if self.with_card:
            rows.append(np.full(m, self.n))
            at.append(cols)
            vals.append(-np.ones(m))
        if self.sets:
            block = self._set_rows(keys, self.sets).tocoo()
            rows.append(self.first_set + block.row)
            at.append(block.col)
            vals.append(block.data)
        A = csc_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(at))),
                       shape=(self.first_set + len(self.sets), m))
        A.sort_indices()
        return A

    def add_columns(self, keys: np.ndarray) -> None:
        keys = np.setdiff1d(keys, self.keys)
        if keys.size == 0:
            return
        if self.highs is not None:
            A = self._columns(keys)
            self.highs.addCols(keys.size, -self.W[_split(keys, self.n)], np.zeros(keys.size),
                               np.full(keys.size, highspy.kHighsInf), A.nnz, A.indptr[:-1].astype(np.int32),
                               A.indices.astype(np.int32), A.data.astype(float))
        self.keys = np.concatenate([self.keys, keys])
        self.off = np.concatenate([self.off, np.zeros(keys.size, dtype=bool)])

    def add_sets(self, sets: Sequence[np.ndarray]) -> None:
        sets = list(sets)
        if not sets:
            return
        if self.highs is not None:
            B = self._set_rows(self.keys, sets)
            rhs = np.array([(s.size - 1) // 2 for s in sets], dtype=float)
            self.highs.addRows(len(sets), np.full(len(sets), -highspy.kHighsInf), rhs, B.nnz,
                               B.indptr[:-1].astype(np.int32), B.indices.astype(np.int32), B.data.astype(float))
        self.sets.extend(sets)

    def restrict(self, off: np.ndarray) -> None:
        """Hold exactly the columns where ``off`` is True at 0 (the others are free again)."""
        changed = np.flatnonzero(off != self.off)
        if changed.size and self.highs is not None:
            upper = np.where(off[changed], 0.0, highspy.kHighsInf)
            self.highs.changeColsBounds(changed.size, changed.astype(np.int32), np.zeros(changed.size), upper)
        self.off = off.copy()

    def solve(self) -> tuple[np.ndarray, float, np.ndarray, np.ndarray, np.ndarray] | None:
        """``(y, mu, z, x, set_rows)``: node, cardinality and set duals (>= 0), the primal, and each
        odd-set row's left-hand side; None if the LP was not solved to optimality."""
        if self.highs is not None:
            h = self.highs
            h.run()
            status = h.getModelStatus()
            self.infeasible = status == highspy.HighsModelStatus.kInfeasible
            if status != highspy.HighsModelStatus.kOptimal:
                return None
            h.setOptionValue("solver", "simplex")  # later solves warm-start from this basis
            sol = h.getSolution()
            x, duals = np.asarray(sol.col_value), -np.asarray(sol.row_dual)
            lhs = np.asarray(sol.row_value)[self.first_set:]
        else:
            A = self._columns(self.keys).tocsr()
            rhs = np.concatenate([self.rhs, [(s.size - 1) // 2 for s in self.sets]])
            res = linprog(-self.W[_split(self.keys, self.n)], A_ub=A, b_ub=rhs,
                          bounds=[(0.0, 0.0) if o else (0.0, None) for o in self.off.tolist()], method="highs-ipm")
            self.infeasible = res.status == 2
            if res.status != 0:
                return None
            x, duals = np.asarray(res.x), -np.asarray(res.ineqlin.marginals)
            lhs = A[self.first_set:] @ x
        duals = np.maximum(duals, 0.0)
        mu = float(duals[self.n]) if self.with_card else 0.0
        return duals[:self.n], mu, duals[self.first_set:], x, lhs

    def solve_with_cuts(self, budget: int) -> tuple[tuple | None, int, bool]:
        """Solve, add the violated odd sets, repeat: ``(last solution, solves used, no cut left)``.

        The last solution's duals ``z`` cover the first ``z.size`` sets (cuts added after it have none).
        """
        last, used = None, 0
        while used < budget:
            out = self.solve()
            used += 1
            if out is None:
                break
            last = out
            cuts = _violated_odd_sets(self.n, self.keys, out[3], self.sets, out[4])
            if not cuts:
                return last, used, True
            self.add_sets(cuts)
        return last, used, False


def _violated_odd_sets(n: int, keys: np.ndarray, x: np.ndarray, sets: list[np.ndarray],
                       lhs: np.ndarray) -> list[np.ndarray]:
    """Odd sets S whose blossom inequality ``x(E(S)) <= (|S| - 1) / 2`` the LP point x breaks.

    The blossom algorithm's view of a fractional matching: a connected piece of the LP support with
    a fractional edge and an odd number of nodes is an odd set, checked against its inequality. On a
    half-integral point the pieces are the odd cycles. Later the cycles run through earlier tight
    sets, so the pieces are also taken with those sets shrunk to single nodes (disjoint, largest
    first), as in Edmonds' algorithm; an odd cycle inside a shrunk set shows only unshrunk.
    """
    I, J = _split(keys, n)
    rep = np.arange(n)
    taken = np.zeros(n, dtype=bool)
    tight = [i for i, s in enumerate(sets) if i < lhs.size and lhs[i] >= (s.size - 1) / 2 - _FRAC]
    for i in sorted(tight, key=lambda i: -sets[i].size):
        if not taken[sets[i]].any():
            taken[sets[i]] = True
            rep[sets[i]] = n + i
    found: dict[bytes, np.ndarray] = {}
    for view in (np.arange(n), rep) if tight else (rep,):
        for s in _odd_pieces(n, I, J, x, view, len(sets)):
            found.setdefault(s.tobytes(), s)
    return list(found.values())


def _odd_pieces(n: int, I: np.ndarray, J: np.ndarray, x: np.ndarray, rep: np.ndarray,
                n_sets: int) -> list[np.ndarray]:
    """Violated odd sets among the support's connected pieces, with node v shrunk into ``rep[v]``."""
    pos = x > _FRAC
    a, b, frac = rep[I[pos]], rep[J[pos]], x[pos] < 1 - _FRAC
    inner = a != b
    a, b, frac = a[inner], b[inner], frac[inner]
    if not frac.any():
        return []
    nodes, inv = np.unique(np.concatenate([a, b]), return_inverse=True)
    n_comp, lab = connected_components(csr_matrix((np.ones(a.size), (inv[:a.size], inv[a.size:])),
                                                  shape=(nodes.size, nodes.size)), directed=False)
    has_frac = np.bincount(lab[inv[:a.size][frac]], minlength=n_comp) > 0
    odd = np.bincount(lab, minlength=n_comp) % 2 == 1   # shrunk nodes per piece; each stands for an odd set
    comp_of = np.full(n + n_sets, -1)
    comp_of[nodes] = lab
    comp = comp_of[rep]                                # each person's piece, -1 outside the support
    size = np.bincount(comp[comp >= 0], minlength=n_comp)
    same = (comp[I] == comp[J]) & (comp[I] >= 0)
    inside = np.bincount(comp[I][same], weights=x[same], minlength=n_comp)
    found = np.flatnonzero(has_frac & odd & (size % 2 == 1) & (inside > (size - 1) / 2 + _FRAC))
    return [np.flatnonzero(comp == c) for c in found.tolist()]


def _reduced_costs(W: np.ndarray, mask: np.ndarray, y: np.ndarray, mu: float, sets: list[np.ndarray],
                   z: np.ndarray) -> np.ndarray:
    """``w + mu - y_i - y_j - sum of z_S over the sets holding both``, -inf where not allowed."""
    rc = W + mu - y[:, None] - y[None, :]
    for s, zs in zip(sets, z.tolist()):
        if zs > 0:
            rc[np.ix_(s, s)] -= zs
    rc[~mask] = -np.inf
    return rc


@dataclass
class _Priced:
    bound: float                # upper bound on every matching of the allowed graph with card pairs
    edges: np.ndarray           # allowed pairs that could be in a pairing better than best
    complete: bool              # edges holds all of them (else the most promising ones)
    pick: np.ndarray | None     # the LP's integral optimum over all allowed pairs, when it has one
    lp_solves: int
    sets: list[np.ndarray]      # the odd sets whose inequalities the LP used


def _price(inst: _Instance, mask: np.ndarray, cap: np.ndarray, cand: np.ndarray, card: int,
           best: float | None, odd_sets: bool = False) -> _Priced:
    """Dense bound from LP duals, and every allowed edge that could be in a pairing better than ``best``.

    With duals ``(y, mu, z)`` feasible for *all* allowed pairs, any matching with ``card`` pairs
    weighs at most ``bound + sum of its edges' reduced costs`` (all <= 0). So an edge whose reduced
    cost is below ``-(bound - best)`` is in no pairing better than ``best``: adding the others to the
    candidates makes the candidate optimum the dense optimum, and a bound equal to ``best`` proves
    ``best`` optimal outright. ``edges`` holds the most promising (highest reduced cost) such pairs
    when there are too many (``complete`` False): add them, re-solve, and price again.

    ``odd_sets`` (peer rounds) adds blossom inequalities: the plain fractional-matching LP is loose
    by half a pair on every odd cycle of near-equal scores (three people who are each other's best
    match), and that slack lets hundreds of thousands of pairs through. With the violated odd sets
    added until the LP point is integral, the bound meets the candidate optimum (Edmonds: the
    matching polytope), so ``bound == best`` whenever no pair outside the candidates helps.

    ``best=None`` (mentoring rounds) takes ``best`` from the LP itself: bipartite b-matching with
    an "at least card pairs" row is a flow problem, so its vertex optimum is an integral pairing
    (``pick``). If it is not integral after all, nothing is priced (``complete`` False, no edges).
    In peer rounds ``pick`` is the LP's point when it is an integral ``card``-pair matching and no
    allowed pair is left to price: a pairing optimal over all allowed pairs (None otherwise).
    """
    n, W = inst.n, inst.W
    none = np.zeros(0, dtype=np.int64)
    # With non-negative weights "at least card pairs" changes no bound; the flow argument needs it.
    with_card = best is None or bool((W[mask] < 0).any())
    lp = _MatchingLP(n, W, cap, card, with_card)
    lp.add_columns(cand)
    last, rc, solves, passes, priced_all = None, None, 0, 0, False
    while solves < _LP_SOLVES:
        if odd_sets:
            out, used, settled = lp.solve_with_cuts(_LP_SOLVES - solves)
        else:
            out, used, settled = lp.solve(), 1, True
        solves += used
        if out is None:
            break
        last, rc = out, None
        if not settled:
            break
        y, mu, z, _, _ = out
        rc = _reduced_costs(W, mask, y, mu, lp.sets, z)
        r, c = np.nonzero(np.triu(rc > 1e-9, 1))
        new = np.setdiff1d(_keys(r, c, n), lp.keys)
        priced_all = new.size == 0
        if priced_all or passes == _COLUMN_ROUNDS:
            break
        # Column generation: the most violated pairs enter the LP.
        passes += 1
        if new.size > 20 * n:
            new = new[np.argsort(-rc[_split(new, n)], kind="stable")[:20 * n]]
        lp.add_columns(new)
    if last is None:
        return _Priced(math.inf, none, False, None, solves, lp.sets)
    y, mu, z, x, _ = last
    sets = lp.sets[:z.size]
    if rc is None:
        rc = _reduced_costs(W, mask, y, mu, sets, z)
    pick = None
    integral = np.abs(x - np.rint(x)).max(initial=0.0) <= _FRAC
    if best is not None and priced_all and integral:
        pick = np.sort(lp.keys[x > 0.5])
        if pick.size < card or (_degrees(n, pick) > cap).any():
            pick = None
        else:
            best = max(best, float(W[_split(pick, n)].sum()))  # price against the better pairing
    if best is None:
        pick = np.sort(lp.keys[x > 0.5])
        if not integral or pick.size < card or (_degrees(n, pick) > cap).any() or x.max(initial=0.0) > 1.5:
            return _Priced(math.inf, none, False, None, solves, sets)
        best = float(W[_split(pick, n)].sum())
    # Repair what is left (and solver tolerances) by raising both ends by half the worst violation.
    lift = np.maximum(rc.max(axis=1, initial=-np.inf), 0.0) / 2
    y = y + lift
    rc -= lift[:, None]
    rc -= lift[None, :]
    live = mask.any(axis=1)
    bound = float((cap[live] * y[live]).sum()) + sum(float(zs) * ((s.size - 1) // 2) for s, zs in zip(sets, z)) \
        - card * mu
    r, c = np.nonzero(np.triu(rc >= -(bound - best) - _tol(bound), 1))
    limit = max(2 * cand.size, 20 * n)
    if r.size > limit:
        top = np.argsort(-rc[r, c], kind="stable")[:limit]
        return _Priced(bound, _keys(r[top], c[top], n), False, pick, solves, sets)
    return _Priced(bound, _keys(r, c, n), True, pick, solves, sets)


def _fair_scan(inst: _Instance, cand: np.ndarray, cap: np.ndarray, card: int, start: np.ndarray, t_hi: float,
               q_lock_min: float, sets: Sequence[np.ndarray], deadline: float) -> tuple[np.ndarray, bool, int]:
    """Exact fairness optimum of a peer round over the candidate edges, by scanning the lowest pair.

    With ``M(t)`` the heaviest ``card``-pair matching whose pairs all score at least ``t``
    (non-increasing in t), the objective is ``max_t M(t) + fairness * t``, reached at the lowest pair
    of the optimum. The LP with odd-set cuts gives ``M(t)`` and, once no cut is violated, an integral
    pairing that is optimal for every threshold up to its own lowest pair; so the scan starts at the
    bottleneck ``t_hi`` (a strong pairing; if the relaxation overshot, the LP is infeasible there and
    the blossom optimum ``start`` stands in), drops to the lowest threshold that could still beat
    it, and climbs by jumping past each optimum's lowest pair until a bound or infeasibility stops
    it. Each step changes a few column bounds and re-solves from the last basis. Returns ``(best
    pairing, proven, LP solves)``; not proven (an LP point stayed fractional, the deadline passed)
    hands over to the ILP.
    """
    n, f, W, Q = inst.n, inst.fairness, inst.W, inst.Q
    w_cap = float(W[_split(start, n)].sum())  # the blossom optimum: no candidate pairing weighs more
    lp = _MatchingLP(n, W, cap, card, with_card=True)
    lp.add_columns(cand)
    lp.add_sets(sets)
    I, J = _split(lp.keys, n)
    q, w = Q[I, J], W[I, J]
    levels = np.unique(q)
    top = min(t_hi, q_lock_min)
    best, best_val, solves = start, _objective(inst, start, q_lock_min), 0
    t = top
    while solves < _SCAN_SOLVES and time.perf_counter() < deadline:
        lp.restrict(q < t)
        out, used, settled = lp.solve_with_cuts(_SCAN_SOLVES - solves)
        solves += used
        if out is None and lp.infeasible and t >= top:
            low = t   # no card-pair matching with every pair at t_hi or above: keep the start
        elif out is None:
            # Infeasible below the bottleneck: no higher threshold can do better (or the LP failed).
            return best, lp.infeasible, solves
        else:
            x = out[3]
            if t < top and float(w @ x) + f * top <= best_val + _tol(best_val):
                break   # nothing with its lowest pair at t or above beats the best found
            if not settled or np.abs(x - np.rint(x)).max(initial=0.0) > _FRAC:
                return best, False, solves
            pick = np.sort(lp.keys[x > 0.5])
            low = float(Q[_split(pick, n)].min())
            value = _objective(inst, pick, q_lock_min)
            if value > best_val:
                best, best_val = pick, value
        if t >= top:
            # Any threshold below t_lo caps the objective at w_cap + f * t_lo <= best: start there.
            t_lo = (best_val - w_cap) / f - _tol(best_val)
            i = int(np.searchsorted(levels, t_lo, side="left"))
        else:
            i = int(np.searchsorted(levels, low, side="right"))
        if i >= levels.size or levels[i] >= top:
            break
        t = float(levels[i])
    else:
        return best, False, solves
    return best, True, solves


def _assignment_bound(W: np.ndarray, mask: np.ndarray, cap: np.ndarray, card: int,
                      sides: np.ndarray | None) -> float:
    """Upper bound on the weight of any (b-)matching of ``mask`` with at least ``card`` pairs."""
    if card <= 0 and not mask.any():
        return 0.0
    live = np.flatnonzero(mask.any(axis=1))
    if live.size == 0:
        return 0.0
    sub_mask = mask[np.ix_(live, live)]
    sub_w = W[np.ix_(live, live)]
    vals = sub_w[sub_mask]
    mus = [0.0] if vals.min() >= 0 else [0.0, float(-vals.min())]
    best = math.inf
    for mu in mus:
        # Lagrangian relaxation of "at least card pairs": every matching maps to an assignment
        # (each pair both ways in peer mode, hence the halving) whose entries are >= 0.
        gain = np.where(sub_mask, np.maximum(sub_w + mu, 0.0), 0.0)
        if sides is None:
            r, c = linear_sum_assignment(gain, maximize=True)
            value = float(gain[r, c].sum()) / 2
        else:
            s = sides[live]
            mentors, mentees = np.flatnonzero(s == MENTOR), np.flatnonzero(s == MENTEE)
            if mentors.size == 0 or mentees.size == 0:
                value = 0.0
            else:
                rows = np.repeat(mentors, cap[live][mentors])
                cols = np.repeat(mentees, cap[live][mentees])
                block = gain[np.ix_(rows, cols)]
                r, c = linear_sum_assignment(block, maximize=True)
                value = float(block[r, c].sum())
        best = min(best, value - mu * card)
    return best


def _low_bound(Q: np.ndarray, mask: np.ndarray, cap: np.ndarray, card: int) -> float:
    """Upper bound on the lowest pair quality of any matching with ``card`` pairs."""
    if card <= 0:
        return math.inf
    best = np.where(mask, Q, -np.inf).max(axis=1)
    one = (cap == 1) & np.isfinite(best)
    # Each pair has an endpoint of capacity 1 of its own (two in peer mode), so at least `covered`
    # such people are matched and the lowest pair is no better than the covered-th best of theirs.
    covered = 2 * card if (cap[np.isfinite(best)] == 1).all() else card
    r = np.sort(best[one])
    if r.size == 0 or covered > r.size:
        return float(np.where(mask, Q, -np.inf).max())
    return float(r[r.size - covered])


# ----------------------------------------------------------------------------------------------
# Post-processing
# ----------------------------------------------------------------------------------------------
def _pods(inst: _Instance, edges: list[tuple[int, int]]) -> list[tuple[int, ...]]:
    """Two-sided groups: (mentor, mentees...) sorted by mentor."""
    by_mentor: dict[int, list[int]] = {}
    for a, b in edges:
        mentor, mentee = (a, b) if inst.sides[a] == MENTOR else (b, a)
        by_mentor.setdefault(mentor, []).append(mentee)
    return [(m, *sorted(ms)) for m, ms in sorted(by_mentor.items())]


def _group_score(inst: _Instance, g: tuple[int, ...]) -> float:
    if inst.two_sided:
        return float(np.mean([inst.Q[g[0], m] for m in g[1:]]))
    pairs = [(a, b) for i, a in enumerate(g) for b in g[i + 1:]]
    return float(np.mean([inst.Q[a, b] for a, b in pairs]))


def _best_triad(inst: _Instance, pairs: list[tuple[int, int]], x: int) -> int | None:
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


def _backups(inst: _Instance, groups: list[tuple[int, ...]], n_backups: int, backup_cap: int,
             seed: int) -> dict[int, list[int]]:
    """Greedy alternates by quality, people with the fewest options choosing first."""
    n = inst.n
    out: dict[int, list[int]] = {i: [] for i in range(n)}
    if n_backups == 0 or n < 2:
        return out
    score = np.where(inst.allowed, inst.Q, -np.inf)
    for g in groups:
        idx = np.array(g)
        score[np.ix_(idx, idx)] = -np.inf
    options = np.isfinite(score).sum(axis=1)
    tie = np.random.default_rng(seed).permutation(n)
    order = np.lexsort((tie, options))
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


# ----------------------------------------------------------------------------------------------
# Public API
# ----------------------------------------------------------------------------------------------
def solve_pairs(weight, *, quality=None, forbidden: Mapping[str, np.ndarray] | None = None,
                locked: Sequence[tuple[int, int]] = (), min_score: float = 0.0, fairness: float = 0.0,
                odd: str = "triad", capacity=None, sides=None, k: int = 20, n_backups: int = 2,
                backup_cap: int = 3, solver: str = "auto", time_limit: float = 30.0, mip_gap: float = 0.0,
                seed: int = 0) -> Solution:
    """Pair people (or form mentor pods) maximising matched count, then weight and fairness.

    Parameters
    ----------
    weight : (N, N) array_like
        Symmetric objective per pair (soft levers already folded in); the diagonal is ignored.
        May be slightly negative.
    quality : (N, N) array_like, optional
        Symmetric match score in [0, 1] shown to organizers; used for the floor, the fairness term,
        triad placement, group scores and backups. Defaults to ``weight``.
    forbidden : dict of str -> (N, N) bool array, optional
        Named hard constraints; ``True`` means the pair may not meet. A mask is applied both ways.
    locked : sequence of (int, int)
        Pairs that must end up in the same group. A locked pair that breaks a hard constraint
        (including the floor), or a person locked more often than their capacity, makes the round
        ``"Infeasible"`` with a ``diagnosis``; nothing is dropped silently.
    min_score : float
        Floor on ``quality`` (pairs below it may not meet; the constraint is named ``"floor"``).
        0 disables the floor.
    fairness : float
        Weight lambda of the lowest pair quality in the objective (max-min fairness).
    odd : {"triad", "bye"}
        What happens to the one person left over by an odd count in peer mode.
    capacity : (N,) int array, optional
        Mentees a mentor may take (two-sided mode); 1 for everyone else. Needs ``sides`` if above 1.
    sides : (N,) int array, optional
        0 peer, 1 mentor, 2 mentee. Switches to two-sided mode (mentor-mentee pairs only, pods).
    k : int
        Candidate partners per person (by weight). The bound and gap are always against all pairs.
    n_backups, backup_cap : int
        Alternates per person, and how often one person may serve as someone's alternate.
    solver : {"auto", "highs", "cbc", "rustworkx"}
        ``auto``: exact blossom algorithm for plain peer rounds (no fairness; pricing's LP optimum
        when it beats the candidates'), the exact threshold scan of LPs for peer fairness, otherwise
        the ILP with HiGHS (CBC if highspy is missing). ``highs`` / ``cbc``: always the ILP with that
        solver. ``rustworkx``: blossom only (plain peer rounds; the LP only prices).
    time_limit : float
        Seconds for the ILP, counted from the start of the call: it gets what is left after the
        preparation, minus a reserve for the bound and backups. The blossom solves and the bound are
        not interruptible, so a tiny limit on a large round can still take a few seconds.
    mip_gap : float
        Relative MIP gap at which the ILP may stop (0: prove optimality).
    seed : int
        Tie-breaking only (backup order, HiGHS's random seed); global random state is never used.

    Returns
    -------
    Solution

    Raises
    ------
    matching.issues.InputError
        (a ValueError) listing every malformed argument at once.

    Examples
    --------
    >>> import numpy as np
    >>> w = np.array([[0, .9, .1, .2], [.9, 0, .3, .1], [.1, .3, 0, .8], [.2, .1, .8, 0]])
    >>> solve_pairs(w).groups
    [(0, 1), (2, 3)]
    """
    began = time.perf_counter()
    inst = _prepare(weight, quality, forbidden, locked, min_score, fairness, odd, capacity, sides, k, n_backups,
                    backup_cap, solver, time_limit, mip_gap, seed)
    n = inst.n
    key = solver.lower()
    mip_name = "HiGHS" if (key == "highs" or (key == "auto" and HAVE_HIGHS)) else "CBC"
    available = inst.allowed.sum(axis=1)

    conflicts = _lock_conflicts(inst)
    if conflicts:
        names = {c.index: c for c in conflicts}
        unmatched = [names[i] if i in names else Unmatched(i, "locked_conflict", {}, int(available[i]))
                     for i in range(n)]
        return Solution(groups=[], group_scores=[], unmatched=unmatched, backups={}, objective=math.nan,
                        total_quality=0.0, lowest_quality=math.nan, upper_bound=math.nan, gap=math.nan,
                        solver=mip_name if key in ("auto", "highs", "cbc") else "rustworkx",
                        status=pulp.LpStatus[pulp.LpStatusInfeasible],
                        sol_status=pulp.LpSolution[pulp.LpSolutionInfeasible],
                        time_s=time.perf_counter() - began, n_candidate_edges=0, optimal=False,
                        diagnosis=conflicts,
                        messages=(f"{len(conflicts)} people are in locked pairs that cannot all be honoured.",))

    # --- residual problem: locked pairs fixed -------------------------------------------------
    lock_keys = _keys(np.array([a for a, _ in inst.locked], dtype=np.intp),
                      np.array([b for _, b in inst.locked], dtype=np.intp), n) if inst.locked else \
        np.zeros(0, dtype=np.int64)
    res_cap = inst.cap - _degrees(n, lock_keys)
    live = res_cap > 0
    res_mask = inst.allowed & live[:, None] & live[None, :]
    if lock_keys.size:
        la, lb = _split(lock_keys, n)
        res_mask[la, lb] = res_mask[lb, la] = False
    q_lock_min = float(inst.Q[_split(lock_keys, n)].min()) if lock_keys.size else math.inf
    res_sides = inst.sides

    dense_proven = False   # the candidates provably hold an optimum of the dense problem
    proof = None           # mentoring: edges a solve must cover to be optimal for the dense problem
    lp_bound = math.inf    # dense bound from LP pricing, when it ran
    pricing_rounds = 0     # pricing calls (each: LP with cuts and column generation, then maybe a re-solve)
    cuts: list[np.ndarray] = []  # odd sets (blossom inequalities) found by pricing, for the fairness scan
    from_lp = False        # the pairing is pricing's integral LP optimum, not a blossom solution
    fast = key in ("auto", "rustworkx") and not inst.two_sided and inst.fairness == 0
    messages: list[str] = []

    # --- candidates, widened until sparsification costs nobody a partner ----------------------
    cand = _top_k_edges(inst.W, res_mask, k)
    has_partner = res_mask.any(axis=1)
    if inst.two_sided:
        flow = _max_card(res_mask, res_cap, res_sides)
        cand = np.union1d(cand, flow)
        card, start = int(flow.size), flow
        if inst.fairness == 0 and card > 0:
            # Price before the ILP: the LP's own (integral) optimum is the pairing to beat.
            priced = _price(inst, res_mask, res_cap, cand, card, None)
            pricing_rounds += 1
            lp_bound, needed, complete, pick = priced.bound, priced.edges, priced.complete, priced.pick
            if pick is not None:
                start = pick
                cand = np.union1d(needed, pick) if complete else np.union1d(cand, np.union1d(needed, pick))
                proof = needed if complete else None
    else:
        start = _blossom(n, cand, inst.W)
        dense_best = None  # a maximum matching of the whole allowed graph, computed at most once
        for _ in range(_AUGMENT_ROUNDS):
            left = np.flatnonzero(has_partner & (_degrees(n, start) == 0))
            # Without fairness the pricing below settles who is left out exactly; with it, give the
            # unmatched all their allowed partners as a (heuristic) second chance.
            extra = np.setdiff1d(_edges_of(res_mask, left), cand) if inst.fairness > 0 else cand[:0]
            if left.size > 1 and dense_best is None:
                # More than one person left: the candidate graph may hide an augmenting path. The
                # cheap relaxation usually proves it does not; otherwise blossom on all allowed pairs.
                dense_best = np.zeros(0, dtype=np.int64)
                if _card_ceiling(n, _keys(*np.nonzero(np.triu(res_mask, 1)), n)) > start.size:
                    dense_best = _max_card(res_mask, res_cap, None)
                if dense_best.size > start.size:
                    extra = np.union1d(extra, dense_best)
            if extra.size == 0:
                break
            cand = np.union1d(cand, extra)
            start = _blossom(n, cand, inst.W)
        card = int(start.size)
        if inst.fairness == 0 and card > 0:
            # Pricing: a bound that meets the candidate optimum proves it optimal over all allowed
            # pairs; otherwise widen the candidates to every pair that could beat it, so the optimum
            # over candidates is the optimum over all allowed pairs.
            for _ in range(_AUGMENT_ROUNDS):
                best = float(inst.W[_split(start, n)].sum())
                priced = _price(inst, res_mask, res_cap, cand, card, best, odd_sets=True)
                pricing_rounds += 1
                lp_bound, needed, complete, cuts = priced.bound, priced.edges, priced.complete, priced.sets
                if key == "auto" and priced.pick is not None and \
                        float(inst.W[_split(priced.pick, n)].sum()) > best + _tol(best):
                    # Ties hid better pairs from the top-k lists; the LP's integral point is optimal
                    # over all allowed pairs, so take it rather than widening and re-solving.
                    start, from_lp = priced.pick, True
                    best = float(inst.W[_split(start, n)].sum())
                    cand = np.union1d(cand, start)
                if lp_bound <= best + _tol(lp_bound):
                    break
                grown = np.setdiff1d(needed, cand).size > 0
                if complete:
                    # Any pairing at least as good as the best pricing knows uses only `needed` edges,
                    # so those plus `start` are all the candidates the solve needs (fewer than cand | needed).
                    dense_proven = True
                    cand = np.union1d(needed, start)
                if grown:
                    cand = np.union1d(cand, needed)
                    start = _blossom(n, cand, inst.W)
                if complete or not grown:
                    break
        elif card > 0:
            # Fairness: one pricing pass for a tight bound on the weight part (cheaper than the
            # assignment relaxation) and the odd sets the fairness scan starts from.
            priced = _price(inst, res_mask, res_cap, cand, card, float(inst.W[_split(start, n)].sum()),
                            odd_sets=True)
            pricing_rounds += 1
            lp_bound, cuts = priced.bound, priced.sets

    # --- solve ----------------------------------------------------------------------------------
    solved_cand = cand
    if cand.size == 0 or card == 0:
        chosen, engine = np.zeros(0, dtype=np.int64), "trivial"
        status, sol_status, optimal = "Optimal", "Optimal Solution Found", True
    elif fast:
        chosen, engine = start, ("HiGHS" if from_lp else "rustworkx")
        status, sol_status, optimal = "Optimal", "Optimal Solution Found", True
    else:
        engine = mip_name
        chosen, keep = start, cand
        t_range = (0.0, 1.0)
        scanned, scan_proven = None, False
        if inst.fairness > 0:
            if inst.two_sided:
                t_hi = min(_low_bound(inst.Q, res_mask, res_cap, card), q_lock_min)
                w_cap = _assignment_bound(inst.W, res_mask, res_cap, card, res_sides)
            else:
                w_cap = float(inst.W[_split(start, n)].sum())  # blossom optimum: no candidate pairing weighs more
                if key == "auto":
                    # Exact without the ILP when every LP of the scan comes out integral (the usual case).
                    _, t_hi = _fair_start(inst, cand, start, card, q_lock_min, blossoms=False)
                    deadline = began + float(time_limit) - _reserve(n, float(time_limit))
                    scanned, scan_proven, _ = _fair_scan(inst, cand, res_cap, card, start, t_hi, q_lock_min, cuts,
                                                         deadline)
                if scan_proven:
                    chosen = scanned
                else:
                    chosen, t_hi = _fair_start(inst, cand, start, card, q_lock_min)
                    if scanned is not None and _objective(inst, scanned, q_lock_min) > \
                            _objective(inst, chosen, q_lock_min):
                        chosen = scanned
            a, b = _split(chosen, n)
            t_start = min(float(inst.Q[a, b].min()), q_lock_min)
            best_res = float(inst.W[a, b].sum()) + inst.fairness * t_start
            # A pair below t_lo caps the objective at w_cap + fairness * q < best_res: drop it.
            t_lo = (best_res - w_cap) / inst.fairness - 1e-9 * (1.0 + abs(best_res))
            I, J = _split(cand, n)
            keep = cand[inst.Q[I, J] >= t_lo]
            qk = inst.Q[_split(keep, n)]
            t_range = (min(float(qk.min()), t_start), max(t_hi, t_start))
        rounds = _AUGMENT_ROUNDS if inst.two_sided else 1  # peer candidates were widened by blossom already
        # Pricing ran above (peer: after blossom; mentoring: on the LP's integral optimum). If the
        # mentoring LP optimum came out fractional, price after the first solve instead.
        to_price = inst.two_sided and inst.fairness == 0 and proof is None
        solved_on = keep
        solved_cand = np.zeros(0, dtype=np.int64)  # nothing solved yet: the start is not proven
        status, sol_status, optimal = "Not Solved", "No Solution Found", False
        if scan_proven:
            engine, rounds = "HiGHS", 0   # the scan's LPs (HiGHS) proved the candidate optimum
            status, sol_status, optimal = "Optimal", "Optimal Solution Found", True
            solved_cand = cand
        for round_ in range(rounds):
            remaining = float(time_limit) - (time.perf_counter() - began) - _reserve(n, float(time_limit))
            if remaining <= 0:
                messages.append("The time limit was used up before the solver could start; "
                                "kept the starting pairing.")
                break
            # HiGHS is slower with a start (restarts, sub-MIPs); CBC uses it. We keep the start either way.
            res = _solve_mip(inst, keep, res_cap, card, chosen, t_range, engine == "CBC", engine, remaining,
                             float(mip_gap), seed)
            messages.extend(res.messages)
            status, sol_status, optimal = res.status, res.sol_status, res.optimal
            if res.chosen is None:
                break
            chosen, solved_on, solved_cand = res.chosen, keep, cand
            left = np.flatnonzero(has_partner & (_degrees(n, chosen) == 0))
            # Once priced, nobody can gain from more candidates; before, the unmatched get theirs.
            extra = np.setdiff1d(_edges_of(res_mask, left), cand) if proof is None else cand[:0]
            if to_price and optimal:
                to_price = False
                priced = _price(inst, res_mask, res_cap, cand, card, float(inst.W[_split(chosen, n)].sum()))
                pricing_rounds += 1
                lp_bound, needed, complete = priced.bound, priced.edges, priced.complete
                proof = needed if complete else None
                extra = np.union1d(extra, np.setdiff1d(needed, cand))
            if extra.size == 0 or not optimal or round_ == rounds - 1:
                break
            cand = np.union1d(cand, extra)
            keep = np.union1d(keep, extra)
        if proof is not None and optimal and np.setdiff1d(proof, solved_on).size == 0:
            dense_proven = True

    # --- decode -----------------------------------------------------------------------------------
    all_keys = np.union1d(lock_keys, chosen)
    A, B = _split(all_keys, n)
    edges = list(zip(A.tolist(), B.tolist()))
    weight_sum = float(inst.W[A, B].sum()) if edges else 0.0
    low_pair = float(inst.Q[A, B].min()) if edges else math.nan
    objective = weight_sum + (inst.fairness * low_pair if edges and inst.fairness > 0 else 0.0)

    if inst.two_sided:
        groups = _pods(inst, edges)
    else:
        groups = [tuple(e) for e in edges]
    in_group = np.zeros(n, dtype=bool)
    for g in groups:
        in_group[list(g)] = True
    left = [i for i in range(n) if not in_group[i] and available[i] > 0]
    odd_one = len(left) == 1 and not inst.two_sided
    triad_failed = False
    if odd_one and odd == "triad":
        x = left[0]
        j = _best_triad(inst, groups, x)
        if j is None:
            triad_failed = True
        else:
            groups[j] = tuple(sorted((*groups[j], x)))
            in_group[x] = True
    scores = [_group_score(inst, g) for g in groups]

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
        unmatched.append(Unmatched(i, code, _ruled_out(inst, i), int(available[i])))

    # --- bound on the dense problem ---------------------------------------------------------------
    lock_w = float(inst.W[_split(lock_keys, n)].sum()) if lock_keys.size else 0.0
    # Was the last solve over every allowed pair (edges dropped by the fairness fixing are provably
    # useless)? Then an optimal solve is optimal for the dense problem too.
    full = solved_cand.size == int(np.triu(res_mask, 1).sum())
    res_weight = weight_sum - lock_w
    how = ""
    if full and optimal:
        how = "all_pairs"
    elif inst.fairness == 0 and dense_proven and optimal:
        how = "priced"
    elif inst.fairness == 0 and res_weight >= lp_bound - _tol(lp_bound):
        how = "lp_bound"
    if how in ("all_pairs", "priced") and inst.fairness == 0:
        w_bound = res_weight  # solved to optimality over a set proven to hold a dense optimum
    elif how == "lp_bound":
        w_bound = max(lp_bound, res_weight)  # the bound itself (it may sit a rounding error above)
    elif math.isfinite(lp_bound):
        w_bound = lp_bound  # as tight as the assignment relaxation or tighter (odd sets), and far cheaper
    else:
        w_bound = _assignment_bound(inst.W, res_mask, res_cap, card, res_sides)
    upper = lock_w + w_bound
    if inst.fairness > 0 and edges:
        t_cap = min(_low_bound(inst.Q, res_mask, res_cap, card), q_lock_min)
        # Split on the dense optimum's lowest pair t*: either t* <= ours, or every one of its pairs
        # (locked ones included) beats ours, which needs a full-size matching among those pairs.
        upper_low = lock_w + w_bound + inst.fairness * min(low_pair, t_cap)
        upper_high = -math.inf
        if q_lock_min > low_pair:
            above = res_mask & (inst.Q > low_pair)
            enough = (_max_card(above, res_cap, res_sides).size if inst.two_sided else
                      _card_ceiling(n, _keys(*np.nonzero(np.triu(above, 1)), n))) >= card
            if card == 0 or enough:
                upper_high = lock_w + _assignment_bound(inst.W, above, res_cap, card, res_sides) \
                    + inst.fairness * t_cap
        upper = max(upper_low, upper_high)
    if full and optimal:
        upper = min(upper, objective)  # the candidate graph was the whole allowed graph
    gap = (upper - objective) / max(abs(upper), 1e-9)
    if -1e-9 < gap < 0:
        gap = 0.0

    backups = _backups(inst, groups, n_backups, backup_cap, seed)
    return Solution(groups=groups, group_scores=scores, unmatched=unmatched, backups=backups,
                    objective=objective, total_quality=float(sum(scores)),
                    lowest_quality=float(min(scores)) if scores else math.nan,
                    upper_bound=float(upper), gap=float(gap), solver=engine, status=status, sol_status=sol_status,
                    time_s=time.perf_counter() - began, n_candidate_edges=int(cand.size + lock_keys.size),
                    optimal=bool(optimal), diagnosis=None, messages=tuple(messages), proof=how,
                    pricing_rounds=pricing_rounds)


def greedy_pairs(weight, allowed=None) -> list[tuple[int, int]]:
    """Greedy baseline: repeatedly take the highest-weight allowed pair of two free people.

    Parameters
    ----------
    weight : (N, N) array_like
        Symmetric pair weights; the diagonal is ignored.
    allowed : (N, N) bool array_like, optional
        Pairs that may meet (default: all).

    Returns
    -------
    list of (int, int)
        Pairs ``(i, j)`` with ``i < j``, sorted.
    """
    W = np.asarray(weight, dtype=float)
    n = len(W)
    mask = np.ones((n, n), bool) if allowed is None else np.asarray(allowed, dtype=bool).copy()
    I, J = np.nonzero(np.triu(mask, 1))
    order = np.argsort(-W[I, J], kind="stable")  # ties: lowest (i, j) first
    free = np.ones(n, dtype=bool)
    remaining = int(free.sum())
    pairs = []
    for e in order.tolist():
        i, j = int(I[e]), int(J[e])
        if free[i] and free[j]:
            free[i] = free[j] = False
            pairs.append((i, j))
            remaining -= 2
            if remaining < 2:
                break
    return sorted(pairs)


def exact_networkx(weight, allowed=None, maxcardinality: bool = True) -> tuple[list[tuple[int, int]], float]:
    """Reference optimum with networkx's blossom implementation (slow: dense graphs, pure Python).

    Parameters
    ----------
    weight : (N, N) array_like
        Symmetric pair weights; the diagonal is ignored.
    allowed : (N, N) bool array_like, optional
        Pairs that may meet (default: all).
    maxcardinality : bool
        Maximise the number of pairs first (as :func:`solve_pairs` does).

    Returns
    -------
    pairs : list of (int, int)
        Sorted pairs ``(i, j)`` with ``i < j``.
    total : float
        Sum of their weights.
    """
    W = np.asarray(weight, dtype=float)
    n = len(W)
    mask = np.ones((n, n), bool) if allowed is None else np.asarray(allowed, dtype=bool)
    I, J = np.nonzero(np.triu(mask, 1))
    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_weighted_edges_from(zip(I.tolist(), J.tolist(), W[I, J].tolist()))
    m = nx.max_weight_matching(g, maxcardinality=maxcardinality)
    pairs = sorted((min(a, b), max(a, b)) for a, b in m)
    return pairs, float(sum(W[a, b] for a, b in pairs))
