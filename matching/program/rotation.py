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
from ..round import RoundResult, run_round
from ..scoring import SignalSet, compute_signals
from ..settings import Settings
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
    prio = priorities(ctx.sit_outs, ctx.sat_out_last)
    for bonus in BONUS_STEPS:
        def adjust(weight: np.ndarray, bonus: float = bonus) -> np.ndarray:
            return adjusted_weight(weight, prio, ctx.weak, settings.protect_weak, bonus)

        result = run_round(p, vectors, settings, ctx.history, signals=signals, issues=ctx.issues, adjust=adjust)
        if getattr(result, "format", None) is not None:
            # Groups of 3-4 and mentoring have their own solvers: nobody is "left over" as in pairs.
            return ProgramRound(result, set(), sorted(u.index for u in result.solution.unmatched), bonus, True)
        third, out, ok = _left_over(result.solution, prio, result.score, result.constraints.two_sided)
        if ok or result.solution.diagnosis is not None or not np.any(prio > 0):
            break
    if not ok:
        result.issues.append(Issue("warning", "Someone who already sat out more often than others sits out again: "
                                              "the rules left no other choice.", "Relax a rule (e.g. the repeat window)."))
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
