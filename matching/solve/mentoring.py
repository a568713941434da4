"""Mentoring rounds: mentors with capacities, mentees placed by fit, spread, preference or stability.

Arrays only: mentees are rows ``e = 0..E-1`` and mentors columns ``m = 0..M-1`` of every matrix.

The model
---------
``x[e, m] = 1`` when mentee ``e`` gets mentor ``m``; ``z[m]`` (0..1) marks a mentor who has at
least one mentee. Maximise ``sum(w * x) + reward * sum(z)`` subject to: one mentor per mentee,
``load[m] - z[m] <= capacity[m] - 1``, ``z[m] <= load[m]``, ``load[m] >= min_load[m]`` (when the
places allow it), and as many mentees placed as the hard rules allow (a max flow gives that
number). ``reward * z`` is the concave per-mentor reward (the first mentee is worth ``reward``
more than any later one): the "spread the load" lever. At ``spread = 1`` it is lexicographic:
every mentor who can get a mentee gets one (a covering constraint), then the most total fit.

This is a network-flow problem in disguise (source -> mentee -> mentor -> {first seat, other
seats} -> sink), so its LP relaxation has integral optima. That gives an exact dense proof cheaply:
the LP is solved on candidate pairs (each mentee's and each mentor's best), its duals price every
allowed pair, improving pairs join the candidates until none is left, and the final integer
program (PuLP + HiGHS, relative gap 0, status and solution status checked) must meet the dense LP
bound. The trade-off curve (total fit against mentors with at least one mentee) is the same model
with a covering constraint at each level (the epsilon-constraint method).
"""

from __future__ import annotations

import math
import re
import time
import unicodedata
from dataclasses import dataclass, field
from typing import Mapping, Sequence

import numpy as np
import pulp
from scipy.optimize import linprog
from scipy.sparse import coo_matrix, csr_matrix, hstack, identity, vstack
from scipy.sparse.csgraph import maximum_flow

from ..issues import InputError, Issue
from .stable import blocking_pairs, deferred_acceptance, loads_of

PREFERRED_MODES = ("off", "bonus", "hard")
METHODS = ("max_weight", "stable")
UNPLACED_CODES = ("no_allowed_mentor", "mentors_full")
_TOL = 1e-7
_K = 20                 # candidate mentors per mentee and mentees per mentor before pricing
_PRICING_ROUNDS = 30


@dataclass(frozen=True)
class Unplaced:
    """A mentee without a mentor, and the true reason.

    Attributes
    ----------
    mentee : int
    code : str
        ``no_allowed_mentor`` (every mentor is ruled out by a hard rule) or ``mentors_full`` (the
        mentors they may meet are all at capacity).
    ruled_out : dict
        Rule name -> mentors that rule alone rules out for this mentee (non-zero counts only).
    allowed_mentors : tuple of int
        Mentors they may meet (all full when the code is ``mentors_full``), best fit first.
    closest_open : int or None
        The best-fitting mentor who still has room (ruled out for this mentee by a rule).
    closest_open_score : float
        That mentor's score for this mentee (NaN when nobody has room).
    closest_open_rules : tuple of str
        The rules that keep this mentee from the closest open mentor.
    """

    mentee: int
    code: str
    ruled_out: dict[str, int]
    allowed_mentors: tuple[int, ...]
    closest_open: int | None
    closest_open_score: float
    closest_open_rules: tuple[str, ...]

    def text(self, mentee_names: Sequence[str], mentor_names: Sequence[str], score=None,
             labels: Mapping[str, str] | None = None) -> str:
        """One plain sentence: why this mentee has no mentor, and who has room."""
        labels = labels or {}
        who = str(mentee_names[self.mentee])
        if self.code == "no_allowed_mentor":
            rules = "; ".join(f"{n} ruled out by {labels.get(k, k)}" for k, n in
                              sorted(self.ruled_out.items(), key=lambda kv: -kv[1]))
            text = f"{who} has no mentor: no mentor satisfies every rule for them" + (f" ({rules})" if rules else "")
        else:
            k = len(self.allowed_mentors)
            names = ", ".join(str(mentor_names[m]) for m in self.allowed_mentors[:3]) + (" ..." if k > 3 else "")
            best = self.allowed_mentors[0]
            fit = f" (best fit {mentor_names[best]}, {score[self.mentee, best]:.2f})" if score is not None else ""
            text = (f"{who} has no mentor: {'the only mentor' if k == 1 else f'all {k} mentors'} they may meet "
                    f"({names}) {'is' if k == 1 else 'are'} full{fit}")
        if self.closest_open is not None:
            rules = " and ".join(labels.get(r, r) for r in self.closest_open_rules) or "a rule"
            text += (f"; the closest mentor with room is {mentor_names[self.closest_open]} "
                     f"(scores {self.closest_open_score:.2f}), ruled out by {rules}")
        else:
            text += "; no mentor has room left"
        if self.code == "mentors_full":
            text += f". Raise {mentor_names[self.allowed_mentors[0]]}'s capacity"
            text += " or relax that rule." if self.closest_open is not None else " or add mentors."
        else:
            text += ". Relax one of those rules for them, or add a mentor they may meet."
        return text


@dataclass(frozen=True)
class MentoringResult:
    """One solved mentoring round.

    Attributes
    ----------
    mentor_of : ndarray (E,)
        Mentor of each mentee, ``-1`` for none.
    loads : ndarray (M,)
        Mentees per mentor (never above capacity).
    capacity, min_load : ndarray (M,)
        Capacities used and the minimum per mentor that was enforced (zeros when it was dropped).
    method : str
        ``"max_weight"`` or ``"stable"``.
    total_fit, lowest_fit : float
        Sum and minimum of ``score`` over the placed pairs (``lowest_fit`` NaN when nobody is placed).
    mentors_used : int
        Mentors with at least one mentee.
    placed, max_placed : int
        Mentees placed, and the most the hard rules allow.
    blocking : int
        Blocking pairs (mentee and mentor who both strictly prefer each other to what they got).
    objective, upper_bound, gap : float
        The model's objective (fit + preference bonus + spread reward), a proven bound on it over
        every allowed pair, and ``(upper_bound - objective) / max(|upper_bound|, 1e-9)``. NaN for
        the stable option, which optimises no objective.
    optimal : bool
        True only when the solver proved optimality and the dense bound meets the objective.
    status, sol_status : str
        PuLP's status strings (``"Stable"`` / ``"Stable matching"`` for deferred acceptance).
    unplaced : list of Unplaced
        Every mentee without a mentor, with the reason.
    messages : tuple of str
        Plain notes (minimum dropped, bound not met, solver overran...).
    time_s : float
    n_candidates : int
        Pairs in the final integer program.
    """

    mentor_of: np.ndarray
    loads: np.ndarray
    capacity: np.ndarray
    min_load: np.ndarray
    method: str
    total_fit: float
    lowest_fit: float
    mentors_used: int
    placed: int
    max_placed: int
    blocking: int
    objective: float
    upper_bound: float
    gap: float
    optimal: bool
    status: str
    sol_status: str
    unplaced: list[Unplaced] = field(default_factory=list)
    messages: tuple[str, ...] = ()
    time_s: float = 0.0
    n_candidates: int = 0


# ----------------------------------------------------------------------------------------------
# Preferred mentors named in a free-text column
# ----------------------------------------------------------------------------------------------
def _name_key(text: str) -> str:
    t = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"\s+", " ", re.sub(r"[^\w@.+-]+", " ", t.lower())).strip()


def match_preferred(cells: Sequence[str], mentor_names: Sequence[str], mentor_ids: Sequence[str] = (),
                    mentor_emails: Sequence[str] = (), rows: Sequence[int | None] | None = None,
                    column: str | None = None) -> tuple[list[list[int]], list[Issue]]:
    """Read each mentee's preferred mentors from free text, matched to mentor indices.

    A cell may name several mentors, separated by ``;``, ``,``, ``/``, ``|``, new lines or
    " and ". Each name matches a mentor's id, email (case-insensitive) or name (case, accents,
    punctuation and spacing ignored), in that order, like the history import. Every name that
    matches nobody, or more than one mentor, is reported with its row.

    Parameters
    ----------
    cells : sequence of str
        One cell per mentee (blank = no preference).
    mentor_names, mentor_ids, mentor_emails : sequence of str
        One entry per mentor (ids and emails optional).
    rows : sequence of int, optional
        The file row of each mentee, for the messages.
    column : str, optional
        The column's header, for the messages.

    Returns
    -------
    preferred : list of list of int
        Per mentee, the mentors named, in the order written (duplicates dropped).
    issues : list of Issue
        One warning per name that matched no mentor or several.
    """
    by_id = {str(v).strip(): m for m, v in enumerate(mentor_ids) if str(v).strip()}
    by_email = {str(v).strip().lower(): m for m, v in enumerate(mentor_emails) if "@" in str(v)}
    by_name: dict[str, list[int]] = {}
    for m, v in enumerate(mentor_names):
        by_name.setdefault(_name_key(v), []).append(m)
    out: list[list[int]] = []
    issues: list[Issue] = []
    for e, cell in enumerate(cells):
        picks: list[int] = []
        text = "" if cell is None or (isinstance(cell, float) and math.isnan(cell)) else str(cell)
        for raw in re.split(r"[;,/|\n]+|\s+and\s+", text):
            name = raw.strip()
            if not name:
                continue
            hit = by_id.get(name, by_email.get(name.lower()))
            if hit is None:
                found = by_name.get(_name_key(name), [])
                if len(found) == 1:
                    hit = found[0]
                elif len(found) > 1:
                    issues.append(Issue("warning", f"The preferred mentor '{name[:60]}' matches {len(found)} mentors "
                                                   "with that name; it was ignored.",
                                        "Write the mentor's email or id instead.", _row(rows, e), column))
                    continue
            if hit is None:
                issues.append(Issue("warning", f"The preferred mentor '{name[:60]}' is not a mentor in this survey; "
                                               "it was ignored.",
                                    "Check the spelling, or use the mentor's email.", _row(rows, e), column))
            elif hit not in picks:
                picks.append(hit)
        out.append(picks)
    return out, issues


def _row(rows, e):
    return None if rows is None else (None if rows[e] is None else int(rows[e]))


# ----------------------------------------------------------------------------------------------
# Input checking
# ----------------------------------------------------------------------------------------------
@dataclass
class _Inst:
    S: np.ndarray          # (E, M) fit shown to organizers
    W: np.ndarray          # (E, M) objective weight (fit + preference bonus)
    allowed: np.ndarray    # (E, M) bool, every hard rule applied
    masks: dict[str, np.ndarray]
    cap: np.ndarray
    min_load: np.ndarray
    pe: np.ndarray         # (E, M) mentee's own ranking
    pm: np.ndarray         # (M, E) mentor's own ranking


def _prepare(score, forbidden, capacity, min_load, pref_mentee, pref_mentor, preferred, preferred_mode,
             preferred_bonus, spread, time_limit, weight=None) -> _Inst:
    problems: list[Issue] = []
    S = np.array(score, dtype=float, copy=True)
    if S.ndim != 2:
        raise InputError([Issue("fatal", f"The 'score' matrix must be mentees x mentors. Got shape {S.shape} instead.")])
    n_e, n_m = S.shape
    if not np.isfinite(S).all():
        problems.append(Issue("fatal", "The 'score' matrix must hold finite numbers. Got NaN or infinite values instead."))
    masks: dict[str, np.ndarray] = {}
    for name, m in (forbidden or {}).items():
        arr = np.asarray(m)
        if arr.shape != (n_e, n_m):
            problems.append(Issue("fatal", f"The '{name}' forbidden mask must be {n_e} x {n_m}. Got shape {arr.shape} instead."))
        else:
            masks[str(name)] = arr.astype(bool)
    cap = np.asarray(capacity if capacity is not None else np.ones(n_m))
    if cap.shape != (n_m,) or not np.issubdtype(cap.dtype, np.number) or not np.all(cap == np.round(cap)) or (cap < 0).any():
        problems.append(Issue("fatal", f"The 'capacity' array must hold {n_m} whole numbers of at least 0. Got something else instead."))
        cap = np.ones(n_m)
    lo = np.broadcast_to(np.asarray(min_load if min_load is not None else 0), (n_m,)) if np.ndim(min_load or 0) == 0 \
        else np.asarray(min_load)
    if lo.shape != (n_m,) or not np.all(lo == np.round(lo)) or (lo < 0).any():
        problems.append(Issue("fatal", f"The 'min_load' setting must be a whole number of at least 0 (or one per mentor). "
                                       f"Got {min_load!r} instead."))
        lo = np.zeros(n_m)
    if preferred_mode not in PREFERRED_MODES:
        problems.append(Issue("fatal", f"The 'preferred_mode' setting must be one of {', '.join(PREFERRED_MODES)}. "
                                       f"Got {preferred_mode!r} instead."))
    if not isinstance(spread, (int, float)) or isinstance(spread, bool) or not 0.0 <= float(spread) <= 1.0:
        problems.append(Issue("fatal", f"The 'mentor_spread' setting must be a number between 0 and 1. Got {spread!r} instead."))
    if not isinstance(preferred_bonus, (int, float)) or not 0.0 <= float(preferred_bonus) <= 1.0:
        problems.append(Issue("fatal", f"The 'preferred_bonus' setting must be a number between 0 and 1. Got {preferred_bonus!r} instead."))
    if not isinstance(time_limit, (int, float)) or not float(time_limit) > 0:
        problems.append(Issue("fatal", f"The 'time_limit' setting must be a number of seconds above 0. Got {time_limit!r} instead."))
    pe = S if pref_mentee is None else np.asarray(pref_mentee, dtype=float)
    pm = S.T if pref_mentor is None else np.asarray(pref_mentor, dtype=float)
    if pe.shape != (n_e, n_m) or pm.shape != (n_m, n_e):
        problems.append(Issue("fatal", f"The own-ranking matrices must be {n_e} x {n_m} (mentees) and {n_m} x {n_e} "
                                       f"(mentors). Got {pe.shape} and {pm.shape} instead."))
    pref = [list(p) for p in (preferred or [[] for _ in range(n_e)])]
    if len(pref) != n_e or any(not (0 <= int(m) < n_m) for p in pref for m in p):
        problems.append(Issue("fatal", f"The 'preferred' list must hold {n_e} lists of mentor indices from 0 to {n_m - 1}."))
        pref = [[] for _ in range(n_e)]
    if problems:
        raise InputError(problems)
    allowed = np.ones((n_e, n_m), dtype=bool)
    for m in masks.values():
        allowed &= ~m
    W = S.copy() if weight is None else np.array(weight, dtype=float, copy=True)
    if W.shape != S.shape or not np.isfinite(W).all():
        raise InputError([Issue("fatal", f"The 'weight' matrix must be {n_e} x {n_m} finite numbers. "
                                         f"Got shape {W.shape} instead.")])
    pe = pe.astype(float).copy()
    if preferred_mode != "off":
        named = np.zeros((n_e, n_m), dtype=bool)
        for e, p in enumerate(pref):
            named[e, p] = True
        if preferred_mode == "bonus":
            W += float(preferred_bonus) * named
            pe += float(preferred_bonus) * named
        else:
            chose = named.any(axis=1)
            only = chose[:, None] & ~named
            if only.any():
                masks["preferred"] = only
                allowed &= ~only
            pe += named  # named mentors first in the mentee's own ranking
    return _Inst(S=S, W=W, allowed=allowed, masks=masks, cap=cap.astype(int), min_load=lo.astype(int),
                 pe=pe, pm=np.asarray(pm, dtype=float), )


# ----------------------------------------------------------------------------------------------
# Flows: most mentees placeable, and whether the minimum per mentor fits
# ----------------------------------------------------------------------------------------------
def _flow(allowed: np.ndarray, cap: np.ndarray, edges: bool = False):
    """Maximum number of mentees placeable with mentor capacities ``cap`` (a max flow).

    With ``edges``, also the flat keys (``e * M + m``) of one assignment that reaches it.
    """
    n_e, n_m = allowed.shape
    s, t = n_e + n_m, n_e + n_m + 1
    E, M = np.nonzero(allowed)
    rows = np.concatenate([np.full(n_e, s), E, n_e + np.arange(n_m)])
    cols = np.concatenate([np.arange(n_e), n_e + M, np.full(n_m, t)])
    caps = np.concatenate([np.ones(n_e), np.ones(E.size), cap]).astype(np.int32)
    graph = csr_matrix((caps, (rows, cols)), shape=(t + 1, t + 1))
    res = maximum_flow(graph, s, t)
    if not edges:
        return int(res.flow_value)
    flow = res.flow.tocoo()
    hit = (flow.data > 0) & (flow.row < n_e) & (flow.col >= n_e) & (flow.col < n_e + n_m)
    return int(res.flow_value), flow.row[hit].astype(np.int64) * n_m + (flow.col[hit] - n_e)


# ----------------------------------------------------------------------------------------------
# The LP on candidate pairs, its dense bound, and pricing
# ----------------------------------------------------------------------------------------------
@dataclass
class _LP:
    value: float
    bound: float          # valid for every allowed pair, from the duals
    x: np.ndarray
    z: np.ndarray
    add: np.ndarray       # flat (e * M + m) keys of allowed non-candidates with positive reduced cost
    rc: np.ndarray        # reduced cost of each candidate (same order as the keys)


def _solve_lp(inst: _Inst, keys: np.ndarray, reward: float, card: int, cover: int, lo: np.ndarray) -> _LP | None:
    n_e, n_m = inst.S.shape
    E, M = np.divmod(keys, n_m)
    K = keys.size
    w = inst.W[E, M]
    ones = np.ones(K)
    # Rows: mentee (<= 1), first-seat (load - z <= cap - 1), z <= load, min (-load <= -lo), card, cover.
    a_mentee = coo_matrix((ones, (E, np.arange(K))), shape=(n_e, K))
    a_load = coo_matrix((ones, (M, np.arange(K))), shape=(n_m, K))
    eye = identity(n_m, format="csr")
    zero_e = csr_matrix((n_e, n_m))
    rows = [
        (a_mentee.tocsr(), zero_e, np.ones(n_e)),
        (a_load.tocsr(), -eye.tocsr(), _seats(inst.cap)),
        (-a_load.tocsr(), eye.tocsr(), np.zeros(n_m)),
        (-a_load.tocsr(), csr_matrix((n_m, n_m)), -lo.astype(float)),
        (csr_matrix(-ones[None, :]), csr_matrix((1, n_m)), np.array([-float(card)])),
        (csr_matrix((1, K)), csr_matrix(-np.ones((1, n_m))), np.array([-float(cover)])),
    ]
    A = vstack([hstack([a, b]) for a, b, _ in rows]).tocsr()
    b = np.concatenate([r[2] for r in rows])
    c = -np.concatenate([w, np.full(n_m, reward)])
    z_hi = np.minimum(1.0, inst.cap.astype(float))
    # Interior point with crossover: 3-5x faster than dual simplex on these degenerate flow LPs.
    res = linprog(c, A_ub=A, b_ub=b, bounds=np.column_stack([np.zeros(K + n_m), np.concatenate([ones, z_hi])]),
                  method="highs-ipm")
    if res.status != 0:
        return None
    y = np.maximum(-np.asarray(res.ineqlin.marginals), 0.0)
    o = np.cumsum([0, n_e, n_m, n_m, n_m, 1, 1])
    ya, yb, yc, yd, yk, yt = (y[o[i]:o[i + 1]] for i in range(6))
    # Weak duality with every allowed pair as a column: reduced costs above 0 are added to the bound.
    rc = inst.W - ya[:, None] - (yb - yc - yd)[None, :] + yk[0]
    rc = np.where(inst.allowed, rc, -np.inf)
    pos = np.maximum(rc, 0.0)
    z_rc = reward + yb - yc + yt[0]
    bound = float(ya.sum() + (_seats(inst.cap) * yb).sum() - (lo * yd).sum() - card * yk[0] - cover * yt[0]
                  + pos[inst.allowed].sum() + (np.maximum(z_rc, 0.0) * z_hi).sum())
    rc_flat = rc.ravel().copy()
    rc_keys = rc_flat[keys].copy()
    rc_flat[keys] = -np.inf
    add = np.flatnonzero(rc_flat > 1e-9)
    return _LP(value=float(-res.fun), bound=bound, x=np.asarray(res.x[:K]), z=np.asarray(res.x[K:]), add=add,
               rc=rc_keys)


def _seats(cap: np.ndarray) -> np.ndarray:
    """Seats after the first (a mentor with capacity 0 has none at all)."""
    return np.maximum(np.asarray(cap, dtype=float) - 1.0, 0.0)


def _candidates(inst: _Inst, k: int) -> np.ndarray:
    n_e, n_m = inst.S.shape
    W = np.where(inst.allowed, inst.W, -np.inf)
    kk = min(k, n_m)
    top_e = np.argpartition(-W, kk - 1, axis=1)[:, :kk] if n_m else np.zeros((n_e, 0), int)
    keys = [(np.arange(n_e)[:, None] * n_m + top_e).ravel()]
    kk = min(k, n_e)
    if n_e:
        top_m = np.argpartition(-W.T, kk - 1, axis=1)[:, :kk]
        keys.append((top_m * n_m + np.arange(n_m)[:, None]).ravel())
    keys = np.unique(np.concatenate(keys))
    return keys[inst.allowed.ravel()[keys]]


def _price(inst: _Inst, keys: np.ndarray, reward: float, card: int, cover: int, lo: np.ndarray,
           deadline: float) -> tuple[np.ndarray, _LP | None, int]:
    """Column generation until no allowed pair can improve the LP (or the time runs out)."""
    lp = None
    rounds = 0
    while rounds < _PRICING_ROUNDS and time.perf_counter() < deadline:
        rounds += 1
        lp = _solve_lp(inst, keys, reward, card, cover, lo)
        if lp is None and keys.size < inst.allowed.sum():
            # The candidates cannot meet the placement, minimum or cover targets: use every allowed pair.
            keys = np.flatnonzero(inst.allowed.ravel())
            continue
        if lp is None or lp.add.size == 0:
            break
        # Add the best few improving pairs per mentee, so each round stays small.
        keys = np.union1d(keys, lp.add)
    return keys, lp, rounds


# ----------------------------------------------------------------------------------------------
# The integer program (PuLP + HiGHS, gap 0)
# ----------------------------------------------------------------------------------------------
def _solve_mip(inst: _Inst, keys: np.ndarray, reward: float, card: int, cover: int, lo: np.ndarray,
               time_limit: float, seed: int) -> tuple[np.ndarray | None, str, str, bool, float]:
    n_e, n_m = inst.S.shape
    E, M = np.divmod(keys, n_m)
    prob = pulp.LpProblem("mentoring", pulp.LpMaximize)
    x = [prob.add_variable(f"x{k}", 0, 1, cat=pulp.LpBinary) for k in range(keys.size)]
    z = [prob.add_variable(f"z{m}", 0, min(1, int(inst.cap[m]))) for m in range(n_m)]
    prob += pulp.LpAffineExpression(list(zip(x, inst.W[E, M].tolist())) + [(v, reward) for v in z])
    by_e = np.split(np.argsort(E, kind="stable"), np.cumsum(np.bincount(E, minlength=n_e))[:-1])
    by_m = np.split(np.argsort(M, kind="stable"), np.cumsum(np.bincount(M, minlength=n_m))[:-1])
    for e, ks in enumerate(by_e):
        if ks.size > 1:
            prob += pulp.LpAffineExpression([(x[k], 1) for k in ks]) <= 1, f"mentee_{e}"
    for m, ks in enumerate(by_m):
        load = [(x[k], 1) for k in ks]
        prob += pulp.LpAffineExpression(load + [(z[m], -1)]) <= int(_seats(inst.cap)[m]), f"seats_{m}"
        prob += pulp.LpAffineExpression(load + [(z[m], -1)]) >= 0, f"first_{m}"
        if lo[m] > 0:
            prob += pulp.LpAffineExpression(load) >= int(lo[m]), f"min_{m}"
    if card > 0:
        prob += pulp.LpAffineExpression([(v, 1) for v in x]) >= card, "placed"
    if cover > 0:
        prob += pulp.LpAffineExpression([(v, 1) for v in z]) >= cover, "cover"
    engine = pulp.HiGHS(msg=False, gapRel=0.0, gapAbs=1e-9, timeLimit=float(time_limit), random_seed=int(seed) % 2**31)
    prob.solve(engine)
    status, sol_status = pulp.LpStatus[prob.status], pulp.LpSolution[prob.sol_status]
    if prob.sol_status not in (pulp.LpSolutionOptimal, pulp.LpSolutionIntegerFeasible):
        return None, status, sol_status, False, math.nan
    vals = np.array([v.varValue if v.varValue is not None else np.nan for v in x])
    if np.isnan(vals).any():
        return None, status, sol_status, False, math.nan
    chosen = keys[vals > 0.5]
    optimal = prob.status == pulp.LpStatusOptimal and prob.sol_status == pulp.LpSolutionOptimal
    return chosen, status, sol_status, optimal, float(pulp.value(prob.objective))


# ----------------------------------------------------------------------------------------------
# Reasons for mentees left without a mentor
# ----------------------------------------------------------------------------------------------
def _unplaced(inst: _Inst, mentor_of: np.ndarray) -> list[Unplaced]:
    loads = loads_of(mentor_of, inst.S.shape[1])
    has_room = loads < inst.cap
    out = []
    for e in np.flatnonzero(mentor_of < 0).tolist():
        ok = np.flatnonzero(inst.allowed[e])
        ok = ok[np.argsort(-inst.S[e, ok], kind="stable")]
        ruled = {k: int(m[e].sum()) for k, m in inst.masks.items() if m[e].any()}
        open_ = np.flatnonzero(has_room & ~inst.allowed[e])
        closest, closest_score, rules = None, math.nan, ()
        if open_.size:
            closest = int(open_[np.argmax(inst.S[e, open_])])
            closest_score = float(inst.S[e, closest])
            rules = tuple(k for k, m in inst.masks.items() if m[e, closest])
        if ok.size and has_room[ok].any():
            # Only possible when the solver stopped early: say so rather than invent a reason.
            code = "solver_stopped"
        else:
            code = "mentors_full" if ok.size else "no_allowed_mentor"
        out.append(Unplaced(e, code, ruled, tuple(int(m) for m in ok), closest, closest_score, rules))
    return out


def _greedy(inst: _Inst) -> np.ndarray:
    """Best pairs first while mentors have room (a fallback and a baseline, not optimal)."""
    n_e, n_m = inst.S.shape
    mentor_of = np.full(n_e, -1)
    load = np.zeros(n_m, dtype=int)
    E, M = np.nonzero(inst.allowed)
    for k in np.argsort(-inst.W[E, M], kind="stable"):
        e, m = E[k], M[k]
        if mentor_of[e] < 0 and load[m] < inst.cap[m]:
            mentor_of[e] = m
            load[m] += 1
    return mentor_of


def _result(inst: _Inst, mentor_of: np.ndarray, method: str, max_placed: int, lo: np.ndarray, objective: float,
            upper: float, optimal: bool, status: str, sol_status: str, messages: list[str], began: float,
            n_cand: int) -> MentoringResult:
    n_m = inst.S.shape[1]
    placed = mentor_of >= 0
    fits = inst.S[np.flatnonzero(placed), mentor_of[placed]]
    loads = loads_of(mentor_of, n_m)
    gap = (upper - objective) / max(abs(upper), 1e-9) if np.isfinite(upper) and np.isfinite(objective) else math.nan
    return MentoringResult(
        mentor_of=mentor_of, loads=loads, capacity=inst.cap.copy(), min_load=lo.copy(), method=method,
        total_fit=float(fits.sum()), lowest_fit=float(fits.min()) if fits.size else math.nan,
        mentors_used=int((loads > 0).sum()), placed=int(placed.sum()), max_placed=int(max_placed),
        blocking=int(len(blocking_pairs(mentor_of, inst.pe, inst.pm, inst.allowed, inst.cap))),
        objective=float(objective), upper_bound=float(upper), gap=float(max(gap, 0.0)) if np.isfinite(gap) else gap,
        optimal=bool(optimal), status=status, sol_status=sol_status, unplaced=_unplaced(inst, mentor_of),
        messages=tuple(messages), time_s=time.perf_counter() - began, n_candidates=int(n_cand))


# ----------------------------------------------------------------------------------------------
# Public API
# ----------------------------------------------------------------------------------------------
def spread_reward(spread: float, score, allowed) -> float:
    """The extra value of a mentor's first mentee for a spread setting below 1.

    ``spread / (1 - spread)`` times a typical best fit (the median over mentees of their best
    allowed score): at 0.5 a mentor's first mentee is worth one typical best fit more than a later one.
    """
    if spread <= 0:
        return 0.0
    best = np.where(np.asarray(allowed, bool), np.asarray(score, float), -np.inf).max(axis=1, initial=-np.inf)
    best = best[np.isfinite(best)]
    typical = float(np.median(best)) if best.size else 1.0
    return float(spread / (1.0 - spread) * max(typical, 1e-3))


def solve_mentoring(score, *, forbidden: Mapping[str, np.ndarray] | None = None, capacity=None, min_load=0,
                    spread: float = 0.0, preferred: Sequence[Sequence[int]] | None = None,
                    preferred_mode: str = "off", preferred_bonus: float = 0.2, pref_mentee=None, pref_mentor=None,
                    method: str = "max_weight", time_limit: float = 30.0, seed: int = 0, k: int = _K,
                    weight=None) -> MentoringResult:
    """Assign mentees to mentors with capacities.

    Parameters
    ----------
    score : (E, M) array_like
        Fit of mentee ``e`` with mentor ``m`` (what organizers see; the objective for ``max_weight``).
    forbidden : dict of str -> (E, M) bool array, optional
        Named hard rules; ``True`` means the pair may not meet.
    capacity : (M,) int array, optional
        Mentees each mentor may take (0 = not this round). Default 1.
    min_load : int or (M,) int array
        Mentees each mentor should get at least, enforced when the hard rules and places allow it
        for every mentor at once (otherwise dropped, with a message). Clipped to the capacity.
    spread : float in [0, 1]
        0: most total fit. Between: a mentor's first mentee earns :func:`spread_reward` on top of
        the fit (a concave reward per mentor). 1: as many mentors as possible get a mentee, then the
        most total fit.
    preferred : list of list of int, optional
        Mentors each mentee named (see :func:`match_preferred`).
    preferred_mode : {"off", "bonus", "hard"}
        ``bonus`` adds ``preferred_bonus`` to named pairs; ``hard`` restricts a mentee who named
        anyone to the mentors they named (rule ``"preferred"``).
    pref_mentee, pref_mentor : arrays, optional
        Each side's own ranking, ``(E, M)`` and ``(M, E)``, for stability (default: ``score``).
    method : {"max_weight", "stable"}
        ``stable``: mentee-optimal deferred acceptance on the own rankings (no blocking pairs;
        ignores ``spread`` and ``min_load``).
    time_limit : float
        Seconds for the whole call (pricing and the integer program).
    seed : int
        HiGHS's random seed; global random state is never touched.
    k : int
        Candidate mentors per mentee (and mentees per mentor) before pricing adds what is missing.
    weight : (E, M) array_like, optional
        The objective per pair when it differs from ``score`` (soft levers folded in).

    Returns
    -------
    MentoringResult

    Raises
    ------
    matching.issues.InputError
        Listing every malformed argument at once.
    """
    began = time.perf_counter()
    if method not in METHODS:
        raise InputError([Issue("fatal", f"The 'method' setting must be one of {', '.join(METHODS)}. Got {method!r} instead.")])
    inst = _prepare(score, forbidden, capacity, min_load, pref_mentee, pref_mentor, preferred, preferred_mode,
                    preferred_bonus, spread, time_limit, weight)
    max_placed, flow_keys = _flow(inst.allowed, inst.cap, edges=True)
    if 0 in inst.S.shape or max_placed == 0:
        # Nothing to optimise (no mentors, no mentees, or no pair the rules and capacities allow).
        none = np.full(inst.S.shape[0], -1)
        status = ("Optimal", "Optimal Solution Found") if method == "max_weight" else ("Stable", "Stable matching")
        return _result(inst, none, method, 0, np.zeros_like(inst.cap), 0.0 if method == "max_weight" else math.nan,
                       0.0 if method == "max_weight" else math.nan, method == "max_weight", *status, [], began, 0)
    if method == "stable":
        mentor_of = deferred_acceptance(inst.pe, inst.pm, inst.allowed, inst.cap)
        return _result(inst, mentor_of, method, max_placed, np.zeros_like(inst.cap), math.nan, math.nan, False,
                       "Stable", "Stable matching", [], began, 0)
    deadline = began + float(time_limit)
    messages: list[str] = []
    lo = np.minimum(inst.min_load, inst.cap)
    if lo.sum() > 0:
        fits = _flow(inst.allowed, lo)
        if fits < lo.sum():
            messages.append(f"The minimum of mentees per mentor could not be met for every mentor at once (the rules "
                            f"allow {fits} of the {int(lo.sum())} places needed); it was not enforced. Lower it, "
                            "or use the spread lever to give as many mentors someone as possible.")
            lo = np.zeros_like(lo)
    reward, cover = (spread_reward(spread, inst.S, inst.allowed), 0) if spread < 1 else (0.0, 0)
    keys = np.union1d(_candidates(inst, k), flow_keys)  # a max-placement assignment keeps the LP feasible
    if spread >= 1:
        # Phase 1: the most mentors who can have a mentee, keeping the most mentees placed.
        flat = _Inst(**{**inst.__dict__, "W": np.zeros_like(inst.W)})
        _, lp_cover, _ = _price(flat, keys, 1.0, max_placed, 0, lo, deadline)
        if lp_cover is not None:
            cover = int(math.floor(lp_cover.value + 1e-6))
    keys, lp, rounds = _price(inst, keys, reward, max_placed, cover, lo, deadline)
    for e, p in enumerate(preferred or ()):
        if preferred_mode == "bonus" and p:
            extra = np.array([e * inst.S.shape[1] + m for m in p if inst.allowed[e, m]], dtype=np.int64)
            keys = np.union1d(keys, extra)
    left = max(deadline - time.perf_counter(), 1.0)
    mip_keys = keys
    if lp is not None and lp.rc.size == keys.size and np.all(np.minimum(lp.x, 1 - lp.x) < 1e-6):
        # Reduced-cost fixing: the LP point is integral (a feasible assignment worth lp.value), and any
        # assignment using a pair with reduced cost below -(bound - lp.value) is worth less than it.
        keep = (lp.rc >= -(lp.bound - lp.value) - 1e-7) | (lp.x > 0.5)
        mip_keys = keys[keep]
    chosen, status, sol_status, optimal, objective = _solve_mip(inst, mip_keys, reward, max_placed, cover, lo, left,
                                                                seed)
    upper = lp.bound if lp is not None else math.inf
    mentor_of = np.full(inst.S.shape[0], -1)
    if chosen is None:
        messages.append(f"HiGHS returned no assignment ({status}, {sol_status}); a greedy assignment is shown instead "
                        "and it is not optimal.")
        mentor_of = _greedy(inst)
        optimal = False
        placed = mentor_of >= 0
        objective = float(inst.W[np.flatnonzero(placed), mentor_of[placed]].sum())
    else:
        E, M = np.divmod(chosen, inst.S.shape[1])
        mentor_of[E] = M
    if lp is not None and lp.add.size:
        messages.append("Pricing stopped before checking every pair (time limit); the gap is against all pairs.")
    proven = optimal and np.isfinite(upper) and upper - objective <= 1e-7 * max(1.0, abs(upper))
    if optimal and not proven:
        messages.append(f"The assignment is the best among {keys.size} candidate pairs; it is at most "
                        f"{(upper - objective) / max(abs(upper), 1e-9):.2%} below the best over all pairs.")
    return _result(inst, mentor_of, method, max_placed, lo, objective, upper, proven, status, sol_status, messages,
                   began, mip_keys.size)


def compare_options(score, **kwargs) -> tuple[MentoringResult, MentoringResult, list[dict]]:
    """Solve the max-weight and the stable option and tabulate them side by side.

    Takes the arguments of :func:`solve_mentoring` (except ``method``). Returns both results and
    one row per option: option, total fit, lowest fit, mentees placed, mentors used, blocking pairs,
    proven optimal, seconds.
    """
    kwargs.pop("method", None)
    best = solve_mentoring(score, method="max_weight", **kwargs)
    stable = solve_mentoring(score, method="stable", **kwargs)
    rows = [{"option": label, "total_fit": r.total_fit, "lowest_fit": r.lowest_fit, "placed": r.placed,
             "mentors_used": r.mentors_used, "blocking_pairs": r.blocking,
             "proven_optimal": r.optimal if r.method == "max_weight" else None, "seconds": r.time_s}
            for label, r in (("most total fit", best), ("stable (mentee-optimal)", stable))]
    return best, stable, rows


def tradeoff_curve(score, *, forbidden: Mapping[str, np.ndarray] | None = None, capacity=None, min_load=0,
                   preferred=None, preferred_mode: str = "off", preferred_bonus: float = 0.2,
                   n_points: int = 8, time_limit: float = 30.0, k: int = _K, weight=None) -> list[dict]:
    """Total fit against mentors with at least one mentee: the price of spreading the load.

    Each point maximises total fit with at least ``mentors_used`` mentors given a mentee (and the
    most mentees placed), from the unconstrained optimum's count up to the most possible. The LP is
    a network flow, so each point's LP optimum is integral; ``exact`` says it was (and that pricing
    checked every pair).

    Returns
    -------
    list of dict
        ``mentors_used``, ``total_fit``, ``objective`` and ``exact`` per point, fewest mentors first.
    """
    began = time.perf_counter()
    inst = _prepare(score, forbidden, capacity, min_load, None, None, preferred, preferred_mode, preferred_bonus,
                    0.0, time_limit, weight)
    deadline = began + float(time_limit)
    card, flow_keys = _flow(inst.allowed, inst.cap, edges=True)
    if 0 in inst.S.shape or card == 0:
        return [{"mentors_used": 0, "total_fit": 0.0, "objective": 0.0, "exact": True}]
    lo = np.minimum(inst.min_load, inst.cap)
    if lo.sum() and _flow(inst.allowed, lo) < lo.sum():
        lo = np.zeros_like(lo)
    keys = np.union1d(_candidates(inst, k), flow_keys)
    keys, base, _ = _price(inst, keys, 0.0, card, 0, lo, deadline)
    flat = _Inst(**{**inst.__dict__, "W": np.zeros_like(inst.W)})
    _, top, _ = _price(flat, keys, 1.0, card, 0, lo, deadline)
    if base is None or top is None:
        return []
    n_m = inst.S.shape[1]

    def used(lp, ks):
        load = np.bincount(ks % n_m, weights=lp.x, minlength=n_m)
        return int(round((load > 0.5).sum()))

    c0, c1 = used(base, keys), int(math.floor(top.value + 1e-6))
    targets = sorted({int(round(t)) for t in np.linspace(c0, c1, max(n_points, 2))})
    out = []
    for t in targets:
        if time.perf_counter() > deadline:
            break
        ks, lp, _ = _price(inst, keys, 0.0, card, t, lo, deadline)
        if lp is None:
            continue
        keys = ks  # the next point starts from the columns this one needed
        integral = bool(np.all(np.minimum(np.abs(lp.x), np.abs(1 - lp.x)) < 1e-6))
        fit = float((inst.S.ravel()[ks] * lp.x).sum())
        out.append({"mentors_used": used(lp, ks), "total_fit": fit, "objective": lp.value,
                    "exact": integral and lp.add.size == 0})
    return out
