"""What a program's history changes in a round's solve: repeats, rotation of sit-outs, protection
of people whose last match was weak.

- Repeats: the store's meetings are the solver's ``round, a, b`` history, so the existing rules
  apply unchanged (no repeat within ``repeat_rounds``, a fading penalty after).
- Rotation: with an odd count somebody sits out (a bye) or joins a pair as a third. Each person
  gets a priority = (times they sat out - the fewest anyone here sat out) + (1 if they sat out
  last time); every pair gains ``bonus x (priority_i + priority_j)``. Among matchings of maximum
  size the bonus is the same for all that match every high-priority person, so it only decides
  *who* is left over: someone with the lowest priority. If the solve still leaves a higher-priority
  person out, the bonus is raised and the round re-solved (a few times at most).
- Protection: a person whose last match scored in the bottom quarter of its round has their pairs'
  objective multiplied by ``1 + Settings.protect_weak``, so the solver spends more on them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..issues import Issue
from .. import formats
from ..round import RoundResult, run_round, tables
from ..scoring import SignalSet, combine, compute_signals
from ..settings import Settings
from ..solve import build_constraints, objective_matrix, solve_pairs
from .roster import ProgramContext

BONUS_STEPS = (1.0, 8.0, 64.0)   # rotation bonus per priority level, raised only if a solve ignores it


@dataclass
class ProgramRound:
    """A solved round of a program and who the odd count left over."""

    result: RoundResult
    third: set[int]          # participant indices counted as the third of a triad
    sat_out: list[int]       # participant indices who sat out (bye, unmatched, triad third)
    bonus: float             # the rotation bonus the accepted solve used
    rotation_ok: bool        # everyone who sat out had the lowest priority among the candidates


def priorities(sit_outs: np.ndarray, sat_out_last: np.ndarray) -> np.ndarray:
    """Rotation priority per person: extra sit-outs over the minimum, plus one if they sat out last time."""
    sit = np.asarray(sit_outs, dtype=float)
    if sit.size == 0:
        return sit
    return sit - sit.min() + np.asarray(sat_out_last, dtype=float)


def adjusted_weight(weight: np.ndarray, priority: np.ndarray, weak: np.ndarray, protect: float,
                    bonus: float) -> np.ndarray:
    """The objective with weak-match protection and the rotation bonus folded in (diagonal zero)."""
    w = np.asarray(weight, dtype=float).copy()
    weak = np.asarray(weak, dtype=float)
    if protect > 0 and weak.any():
        boost = 1.0 + protect * np.minimum(weak[:, None] + weak[None, :], 1.0)
        w = np.where(w > 0, w * boost, w)
    if bonus > 0 and np.any(priority > 0):
        w = w + bonus * (priority[:, None] + priority[None, :])
    np.fill_diagonal(w, 0.0)
    return w


def solve_program_round(ctx: ProgramContext, vectors: dict[str, np.ndarray], settings: Settings,
                        signals: SignalSet | None = None) -> ProgramRound:
    """Solve the next round of a program (see the module docstring for what history changes).

    Parameters
    ----------
    ctx : ProgramContext
        From :func:`matching.program.roster.prepare_round`.
    vectors : dict
        Embeddings of ``ctx.participants`` (``{"profile", "wants"}``).
    settings : Settings
    signals : SignalSet, optional

    Returns
    -------
    ProgramRound
    """
    p = ctx.participants.reset_index(drop=True)
    if signals is None:
        signals = compute_signals(p, vectors, settings)
    score = combine(signals, settings.weights)
    cons = build_constraints(p, settings, ctx.history)
    if formats.uses_groups(settings, cons.two_sided) or formats.uses_mentoring(settings, cons.two_sided):
        # Groups of 3-4 and mentoring options have their own solvers: history applies, the rotation
        # bonus does not (nobody is "left over" in the same sense).
        result = run_round(p, vectors, settings, ctx.history, signals=signals, issues=ctx.issues)
        out = sorted(u.index for u in result.solution.unmatched)
        return ProgramRound(result, set(), out, 0.0, True)
    base = objective_matrix(score, p, settings, cons)
    prio = priorities(ctx.sit_outs, ctx.sat_out_last)
    n_groups = max(len(p) // 2, 1)
    attempt = None
    for bonus in BONUS_STEPS:
        weight = adjusted_weight(base, prio, ctx.weak, settings.protect_weak, bonus)
        solution = solve_pairs(
            weight, quality=score, forbidden=cons.forbidden, locked=cons.locked, min_score=settings.min_score,
            fairness=settings.fairness * n_groups, odd=settings.odd,
            capacity=cons.capacity if cons.two_sided else None, sides=cons.sides if cons.two_sided else None,
            k=settings.k, n_backups=settings.n_backups, backup_cap=settings.backup_cap,
            solver=settings.solver, time_limit=settings.time_limit, seed=settings.seed)
        third, out, ok = _left_over(solution, prio, score, cons.two_sided)
        attempt = (solution, weight, third, out, ok, bonus)
        if ok or solution.diagnosis is not None or not np.any(prio > 0):
            break
    solution, weight, third, out, ok, bonus = attempt
    assignments, groups = tables(p, signals, settings, cons, solution)
    issues = list(ctx.issues) + list(getattr(signals, "issues", [])) + list(cons.issues)
    if not solution.optimal and solution.diagnosis is None:
        issues.append(Issue("warning", f"The solver stopped before proving the best pairing ({solution.status}); "
                                       f"it is at most {solution.gap:.2%} below the best possible.",
                            "Raise the time limit or lower the candidate count k."))
    if not ok:
        issues.append(Issue("warning", "Someone who already sat out more often than others sits out again: "
                                       "the rules left no other choice.", "Relax a rule (e.g. the repeat window)."))
    result = RoundResult(p, settings, signals, score, weight, cons, solution, assignments, groups, issues)
    return ProgramRound(result, third, out, bonus, ok)


def _left_over(solution, prio: np.ndarray, score: np.ndarray, two_sided: bool) -> tuple[set[int], list[int], bool]:
    """The triad third(s), everyone who sat out, and whether rotation was honoured."""
    third: set[int] = set()
    for g in solution.groups:
        if len(g) == 3 and not two_sided:
            low = min(prio[m] for m in g)
            lowest = [m for m in g if prio[m] == low]
            # Among equally due members, the one the trio fits least is counted as the third.
            third.add(min(lowest, key=lambda m: sum(float(score[m, o]) for o in g if o != m)))
    out = sorted(third | {u.index for u in solution.unmatched if u.code in ("bye", "partners_taken")})
    lowest = float(prio.min()) if prio.size else 0.0
    ok = all(prio[i] <= lowest + 1e-9 for i in out)
    return third, out, ok
