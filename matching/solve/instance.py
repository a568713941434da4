"""Instance preparation: every argument checked once (all problems reported together), then plain arrays.

The solver sees indices 0..N-1 and matrices, never names. :func:`prepare` builds the *allowed* graph
from the named ``forbidden`` masks plus the score floor; :func:`residual` fixes the locked pairs and
leaves the problem the optimisation works on.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..issues import InputError, Issue
from . import highs
from .candidates import degrees, keys_of, split
from .result import FLOOR, MENTEE, MENTOR, PEER, SOLVERS


@dataclass
class Instance:
    """Validated arrays of one call."""

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


@dataclass
class Residual:
    """The problem left once the locked pairs are fixed."""

    lock_keys: np.ndarray     # locked pairs as edge keys
    cap: np.ndarray           # capacity left per person
    mask: np.ndarray          # allowed pairs among people with capacity left (locked pairs excluded)
    q_lock_min: float         # lowest locked pair's quality (inf without locks)
    has_partner: np.ndarray   # people with at least one allowed residual partner


def _setting_issue(name: str, expected: str, got) -> Issue:
    return Issue("fatal", f"The '{name}' setting must be {expected}. Got {got!r} instead.")


def _is_int(v) -> bool:
    return isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_))


def _is_number(v) -> bool:
    return isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, (bool, np.bool_)) \
        and math.isfinite(float(v))


def _square(name: str, value, n: int | None, problems: list[Issue]) -> np.ndarray | None:
    """A symmetric finite square matrix with a zero diagonal, or None (and a problem noted)."""
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


def _check_masks(forbidden, n: int, problems: list[Issue]) -> dict[str, np.ndarray]:
    """The named forbidden masks, symmetric with a clear diagonal."""
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
    return masks


def _check_settings(min_score, fairness, odd, k, n_backups, backup_cap, solver, time_limit, mip_gap, seed,
                    problems: list[Issue]) -> None:
    """The scalar settings, each against its range."""
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
    elif solver.lower() == "highs" and not highs.HAVE_HIGHS:
        problems.append(Issue("fatal", "The 'solver' setting 'highs' needs the highspy package, which is not installed.",
                              "Choose 'cbc' or 'auto', or install highspy."))
    if not _is_number(time_limit) or float(time_limit) <= 0:
        problems.append(_setting_issue("time_limit", "a number of seconds above 0", time_limit))
    if not _is_number(mip_gap) or not 0.0 <= float(mip_gap) < 1.0:
        problems.append(_setting_issue("mip_gap", "a number from 0 up to (not including) 1", mip_gap))
    if not _is_int(seed) or seed < 0:
        problems.append(_setting_issue("seed", "a whole number of at least 0", seed))


def _check_sides(sides, capacity, n: int, problems: list[Issue]) -> tuple[np.ndarray | None, np.ndarray]:
    """Side codes (None in peer mode) and capacities."""
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
    return side_arr, cap


def _check_locked(locked, n: int, problems: list[Issue]) -> list[tuple[int, int]]:
    """Locked pairs as sorted, de-duplicated index pairs."""
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
    return pairs


def prepare(weight, quality, forbidden, locked, min_score, fairness, odd, capacity, sides, k, n_backups,
            backup_cap, solver, time_limit, mip_gap, seed) -> Instance:
    """Check every argument, collect all problems (raised once as ``InputError``), and build the masks."""
    problems: list[Issue] = []
    W = _square("weight", weight, None, problems)
    if W is None:
        raise InputError(problems)
    n = W.shape[0]
    Q = W.copy() if quality is None else _square("quality", quality, n, problems)
    masks = _check_masks(forbidden, n, problems)
    _check_settings(min_score, fairness, odd, k, n_backups, backup_cap, solver, time_limit, mip_gap, seed, problems)
    side_arr, cap = _check_sides(sides, capacity, n, problems)
    if isinstance(solver, str) and solver.lower() == "rustworkx" and (sides is not None or
                                                                     (_is_number(fairness) and fairness > 0)):
        problems.append(Issue("fatal", "The 'solver' setting 'rustworkx' solves plain peer pairings only. "
                                       "Got fairness above 0 or a mentoring round instead.",
                              "Use 'auto', 'highs' or 'cbc'."))
    pairs = _check_locked(locked, n, problems)
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
    return Instance(n=n, W=W, Q=Q, masks=masks, allowed=allowed, cap=cap, sides=side_arr,
                    locked=sorted(pairs), fairness=float(fairness))


def residual(inst: Instance) -> Residual:
    """Fix the locked pairs: what capacity and which allowed pairs are left for the optimisation."""
    n = inst.n
    lock_keys = keys_of(np.array([a for a, _ in inst.locked], dtype=np.intp),
                        np.array([b for _, b in inst.locked], dtype=np.intp), n) if inst.locked else \
        np.zeros(0, dtype=np.int64)
    res_cap = inst.cap - degrees(n, lock_keys)
    live = res_cap > 0
    res_mask = inst.allowed & live[:, None] & live[None, :]
    if lock_keys.size:
        la, lb = split(lock_keys, n)
        res_mask[la, lb] = res_mask[lb, la] = False
    q_lock_min = float(inst.Q[split(lock_keys, n)].min()) if lock_keys.size else math.inf
    return Residual(lock_keys=lock_keys, cap=res_cap, mask=res_mask, q_lock_min=q_lock_min,
                    has_partner=res_mask.any(axis=1))


def pair_mask(name: str, value, n: int) -> np.ndarray | None:
    """An optional symmetric N x N boolean mask argument (None stays None)."""
    if value is None:
        return None
    arr = np.asarray(value)
    if arr.shape != (n, n):
        raise InputError([Issue("fatal", f"The '{name}' mask must be an {n} x {n} matrix. Got shape {arr.shape} instead.")])
    arr = arr.astype(bool)
    return arr | arr.T
