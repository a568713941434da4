"""The PuLP model: a binary ``x_e`` per candidate edge, solved by HiGHS (or CBC), its status and
solution status checked every time; a run stopped by its time limit is never called optimal.

:func:`solve_with_mip` drives it: up to three rounds, each widening the candidates around the
unmatched and (mentoring) pricing the first optimal answer against all allowed pairs.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Mapping

import numpy as np
import pulp

from .candidates import AUGMENT_ROUNDS, Search, degrees, edges_of, split
from .highs import highspy
from .pricing import price

if TYPE_CHECKING:
    from .instance import Instance, Residual

MIP_ABS_GAP = 1e-7        # HiGHS's default absolute gap (1e-6) is coarser than the tests' tolerance
OVERRUN_GRACE = 1.0       # seconds past the time limit before we call it an overrun


class HiGHSWithStart(pulp.HiGHS):
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
class MipResult:
    chosen: np.ndarray | None     # edge keys, None when the solver returned no usable pairing
    status: str
    sol_status: str
    optimal: bool
    elapsed: float
    messages: list[str]


@dataclass
class Outcome:
    """The solve step's answer on the residual problem."""

    chosen: np.ndarray            # the pairing (edge keys, locked pairs not included)
    engine: str                   # "HiGHS", "CBC", "rustworkx" or "trivial"
    status: str
    sol_status: str
    optimal: bool
    solved_cand: np.ndarray       # the candidates the last optimal solve covered (empty: none)


def reserve(n: int, time_limit: float) -> float:
    """Seconds kept back from the ILP for the bound and the backups after it."""
    return min(0.25 * time_limit, 0.1 + 6e-7 * n * n)


def _build(inst: Instance, keys: np.ndarray, res_cap: np.ndarray, card: int, t_range: tuple[float, float]):
    """The ILP: ``max w.x + fairness * t`` with degree rows, the lowest-pair rows and ``sum x >= card``."""
    n = inst.n
    I, J = split(keys, n)
    E = keys.size
    w, q = inst.W[I, J], inst.Q[I, J]
    f = inst.fairness
    use_t = f > 0
    prob = pulp.LpProblem("pairing", pulp.LpMaximize)
    x = [prob.add_variable(f"x{e}", 0, 1, cat=pulp.LpBinary) for e in range(E)]
    terms = list(zip(x, w.tolist()))
    t = slack = None
    t_lo, t_hi = t_range
    if use_t:
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
    return prob, x, t, q


def _engine(solver: str, start_vals: dict, time_limit: float, mip_gap: float, seed: int):
    """The PuLP solver object, with the start handed over."""
    if solver == "HiGHS":
        return HiGHSWithStart(start=start_vals, msg=False, timeLimit=time_limit, gapRel=mip_gap,
                              gapAbs=MIP_ABS_GAP, random_seed=int(seed) % 2**31)
    for v, s in start_vals.items():
        v.setInitialValue(s)
    # CBC's default cutoff increment (~1e-5 here) makes it stop short of the optimum while still
    # reporting "Optimal"; ask for improvements as small as the gap we promise.
    return pulp.PULP_CBC_CMD(msg=False, timeLimit=time_limit, gapRel=mip_gap, gapAbs=MIP_ABS_GAP,
                             warmStart=bool(start_vals), options=["increment 1e-9"])


def solve_mip(inst: Instance, keys: np.ndarray, res_cap: np.ndarray, card: int, start: np.ndarray,
              t_range: tuple[float, float], warm: bool, solver: str, time_limit: float, mip_gap: float,
              seed: int) -> MipResult:
    """Build and solve the candidate ILP; decode and verify the answer.

    ``t_range`` bounds the lowest pair quality of any solution worth having (see
    :func:`matching.solve.fairness.fair_start`); ``warm`` hands ``start`` to the solver (it slows
    HiGHS down on plain rounds: restarts and sub-MIPs).
    """
    n = inst.n
    prob, x, t, q = _build(inst, keys, res_cap, card, t_range)
    chosen_start = np.isin(keys, start)
    start_vals = {v: float(s) for v, s in zip(x, chosen_start)}
    if t is not None:
        t_lo, t_hi = t_range
        q_start = q[chosen_start]
        low = float(q_start.min()) if q_start.size else t_hi
        start_vals[t] = min(max(low, t_lo), t_hi)
    if not warm:
        start_vals = {}

    began = time.perf_counter()
    prob.solve(_engine(solver, start_vals, time_limit, mip_gap, seed))
    elapsed = time.perf_counter() - began
    status, sol_status = pulp.LpStatus[prob.status], pulp.LpSolution[prob.sol_status]
    messages = []
    if elapsed > time_limit + max(OVERRUN_GRACE, 0.1 * time_limit):  # observed once with PuLP + HiGHS
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
            deg = degrees(n, picked)
            if (deg > res_cap).any() or picked.size < card or np.abs(vals - np.rint(vals)).max() > 1e-4:
                messages.append(f"{solver}'s answer broke a constraint after rounding; kept the starting pairing.")
            else:
                chosen = picked
    else:
        messages.append(f"{solver} found no pairing ({status}, {sol_status}); kept the starting pairing.")
    return MipResult(chosen, status, sol_status, optimal and chosen is not None, elapsed, messages)


def solve_with_mip(inst: Instance, res: Residual, s: Search, engine: str, chosen: np.ndarray, keep: np.ndarray,
                   t_range: tuple[float, float], deadline: float, time_limit: float, mip_gap: float, seed: int,
                   messages: list[str]) -> Outcome:
    """Solve the ILP on ``keep`` (widening the candidates around the unmatched between rounds).

    Mentoring rounds whose LP optimum came out fractional are priced after the first optimal solve.
    ``deadline`` is the wall-clock end of the whole call (``time.perf_counter()`` scale).
    """
    n = inst.n
    rounds = AUGMENT_ROUNDS if inst.two_sided else 1  # peer candidates were widened by blossom already
    to_price = inst.two_sided and inst.fairness == 0 and s.proof is None
    solved_on = keep
    out = Outcome(chosen, engine, "Not Solved", "No Solution Found", False, np.zeros(0, dtype=np.int64))
    for round_ in range(rounds):
        remaining = deadline - time.perf_counter() - reserve(n, time_limit)
        if remaining <= 0:
            messages.append("The time limit was used up before the solver could start; "
                            "kept the starting pairing.")
            break
        # HiGHS is slower with a start (restarts, sub-MIPs); CBC uses it. We keep the start either way.
        r = solve_mip(inst, keep, res.cap, s.card, out.chosen, t_range, engine == "CBC", engine, remaining,
                      mip_gap, seed)
        messages.extend(r.messages)
        out.status, out.sol_status, out.optimal = r.status, r.sol_status, r.optimal
        if r.chosen is None:
            break
        out.chosen, solved_on, out.solved_cand = r.chosen, keep, s.cand
        left = np.flatnonzero(res.has_partner & (degrees(n, out.chosen) == 0))
        # Once priced, nobody can gain from more candidates; before, the unmatched get theirs.
        extra = np.setdiff1d(edges_of(res.mask, left), s.cand) if s.proof is None else s.cand[:0]
        if to_price and out.optimal:
            to_price = False
            priced = price(inst, res.mask, res.cap, s.cand, s.card, float(inst.W[split(out.chosen, n)].sum()))
            s.pricing_rounds += 1
            s.lp_bound = priced.bound
            s.proof = priced.edges if priced.complete else None
            extra = np.union1d(extra, np.setdiff1d(priced.edges, s.cand))
        if extra.size == 0 or not out.optimal or round_ == rounds - 1:
            break
        s.cand = np.union1d(s.cand, extra)
        keep = np.union1d(keep, extra)
    if s.proof is not None and out.optimal and np.setdiff1d(s.proof, solved_on).size == 0:
        s.dense_proven = True
    return out
