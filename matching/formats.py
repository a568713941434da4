"""Round formats beyond 1:1 pairs: peer groups of 3-4 and mentoring with capacities.

The glue between a round (participants, settings, rules) and the array solvers in
:mod:`matching.solve.groups` and :mod:`matching.solve.mentoring`. Both return a
:class:`matching.solve.Solution`, so the round's tables, metrics, plots and exports keep their
shape, plus a report with what only these formats have (mentor loads, reasons with names, the
stable option, the spread trade-off).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .issues import Issue
from .solve.groups import GroupsResult, solve_groups
from .solve.mentoring import MentoringResult, match_preferred, solve_mentoring, tradeoff_curve
from .solve.result import MENTEE, MENTOR, Solution, Unmatched

MENTORING_DEFAULTS = {"mentor_spread": 0.0, "mentor_min": 0, "mentor_capacity": 0, "mentor_method": "max_weight",
                      "preferred_mode": "off", "capacity_overrides": {}}
RULE_LABELS = {"preferred": "their own choice of mentors", "floor": "the minimum match score",
               "sides": "mentors meet mentees only"}


def setting(settings, name: str):
    """A format setting, or its default when this Settings model does not have it yet."""
    return getattr(settings, name, MENTORING_DEFAULTS.get(name, 2 if name == "group_size" else None))


def uses_groups(settings, two_sided: bool) -> bool:
    """Peer rounds with a group size of 3 or 4 are solved as groups."""
    return not two_sided and int(setting(settings, "group_size") or 2) > 2


def uses_mentoring(settings, two_sided: bool, has_locks: bool = False) -> bool:
    """Two-sided rounds go through the mentoring model when any of its options is set."""
    if not two_sided:
        return False
    changed = any(setting(settings, k) != v for k, v in MENTORING_DEFAULTS.items() if k != "capacity_overrides")
    return changed or bool(setting(settings, "capacity_overrides"))


@dataclass
class FormatReport:
    """What a groups or mentoring round adds to the standard tables.

    ``reasons`` maps a participant index to a plain sentence (replaces the generic reason);
    ``mentors`` is one row per mentor (load, capacity, mentees); ``options`` the max-weight vs
    stable comparison; ``issues`` what the organizer should know (unmatched preferred names...).
    """

    kind: str
    reasons: dict[int, str] = field(default_factory=dict)
    mentors: pd.DataFrame | None = None
    options: pd.DataFrame | None = None
    issues: list[Issue] = field(default_factory=list)
    groups: GroupsResult | None = None
    mentoring: MentoringResult | None = None
    alternative: MentoringResult | None = None
    mentor_index: np.ndarray | None = None
    mentee_index: np.ndarray | None = None
    inputs: dict[str, Any] = field(default_factory=dict)

    def curve(self, n_points: int = 8, time_limit: float = 30.0) -> pd.DataFrame:
        """Total fit against mentors with at least one mentee (computed on request; several LPs)."""
        if self.kind != "mentoring":
            return pd.DataFrame(columns=["mentors_used", "total_fit", "objective", "exact"])
        pts = tradeoff_curve(n_points=n_points, time_limit=time_limit, **self.inputs)
        return pd.DataFrame(pts, columns=["mentors_used", "total_fit", "objective", "exact"])


def _allowed(quality: np.ndarray, forbidden: dict[str, np.ndarray], min_score: float) -> dict[str, np.ndarray]:
    masks = {k: np.asarray(v, bool) | np.asarray(v, bool).T for k, v in forbidden.items()}
    if min_score > 0:
        masks["floor"] = quality < min_score
    for m in masks.values():
        np.fill_diagonal(m, False)
    return masks


# ----------------------------------------------------------------------------------------------
# Peer groups
# ----------------------------------------------------------------------------------------------
def solve_groups_round(participants: pd.DataFrame, settings, weight: np.ndarray, quality: np.ndarray,
                       forbidden: dict[str, np.ndarray], locked=(), cons=None) -> tuple[Solution, FormatReport]:
    """Groups of ``settings.group_size`` for a peer round, as a :class:`Solution`."""
    g = int(setting(settings, "group_size"))
    n = len(participants)
    masks = _allowed(quality, forbidden, float(settings.min_score))
    allowed = ~np.eye(n, dtype=bool)
    for m in masks.values():
        allowed &= ~m
    report = FormatReport(kind="groups")
    if cons is not None and getattr(cons, "similar_role_mode", "") == "fallback" and \
            getattr(cons, "wants_similar", None) is not None and cons.wants_similar.any():
        # The fallback charge is per pair; in a group a request is met by any similar group-mate, so a
        # per-pair charge would punish every other member. Groups use the soft bonus instead.
        from dataclasses import replace

        from .solve.rules import objective_matrix

        weight = objective_matrix(quality, participants, settings, replace(cons, similar_role_mode="soft"))
        report.issues.append(Issue("info", "In groups, a similar-role request counts as a bonus for each "
                                           "similar-role group-mate (choose 'hard' to require one in every pair)."))
    if locked:
        report.issues.append(Issue("warning", f"{len(locked)} locked pairs were not applied: locks hold for 1:1 "
                                              "pairs, not for groups.", "Set the group size to 2 to use them."))
    n_groups = max(n // g, 1)
    res = solve_groups(weight, allowed, g, fairness=float(settings.fairness) * n_groups,
                       time_limit=float(settings.time_limit), seed=int(settings.seed))
    scores = [_group_quality(quality, gr) for gr in res.groups]
    names = participants["name"].astype(str).tolist()
    unmatched = []
    for i in res.unplaced:
        ruled = {k: int(m[i].sum()) for k, m in masks.items() if m[i].any()}
        unmatched.append(Unmatched(i, "no_allowed_partner", ruled, int(allowed[i].sum())))
        detail = "; ".join(f"{c} ruled out by {RULE_LABELS.get(k, k)}" for k, c in sorted(ruled.items(), key=lambda kv: -kv[1]))
        report.reasons[i] = (f"{names[i]} could not join a group: nobody satisfies every rule for them"
                             + (f" ({detail})" if detail else "") + ". Relax one of those rules for them.")
    for msg in res.messages:
        if "heuristic" not in msg:
            report.issues.append(Issue("warning" if "rules" in msg else "info", msg))
    report.groups = res
    claim = ("Proven best grouping (integer program, gap 0)." if res.optimal else
             f"Found by a heuristic; at most {res.gap:.1%} below the best possible (LP bound)." if res.method == "heuristic"
             else f"The integer program stopped early ({res.status}); at most {res.gap:.1%} below the best possible.")
    sol = Solution(groups=res.groups, group_scores=scores, unmatched=unmatched, backups={i: [] for i in range(n)},
                   objective=res.objective, total_quality=float(sum(scores)),
                   lowest_quality=float(min(scores)) if scores else math.nan, upper_bound=res.upper_bound,
                   gap=res.gap, solver="HiGHS" if res.method == "exact" else "heuristic", status=res.status,
                   sol_status=res.sol_status, time_s=res.time_s, n_candidate_edges=0, optimal=res.optimal,
                   messages=(claim,) + tuple(res.messages), proof="all_pairs" if res.optimal else "")
    return sol, report


def _group_quality(q: np.ndarray, members) -> float:
    m = list(members)
    vals = [q[a, b] for k, a in enumerate(m) for b in m[k + 1:]]
    return float(np.mean(vals)) if vals else math.nan


def shared_by_all(tags: list[frozenset[str]], members) -> list[str]:
    """Tags every member of a group listed (what the three of them share)."""
    sets = [set(tags[m]) for m in members]
    return sorted(set.intersection(*sets)) if sets else []


# ----------------------------------------------------------------------------------------------
# Mentoring
# ----------------------------------------------------------------------------------------------
_PREF_WORDS = ("prefer", "preferred", "choice", "choose", "wish", "request", "want")


def preferred_column(columns) -> str | None:
    """The form column naming preferred mentors: a header about mentors and a preference, not mentees."""
    for c in columns:
        h = re.sub(r"[^a-z ]+", " ", str(c).lower())
        words = set(h.split())
        if ({"mentor", "mentors", "mentor s"} & words or "mentor" in h) and "mentee" not in h \
                and any(w in h for w in _PREF_WORDS):
            return str(c)
    return None


def mentor_capacities(participants: pd.DataFrame, settings, default_cap: np.ndarray) -> tuple[np.ndarray, list[Issue]]:
    """Per-person capacity: the form's value, the settings' default when blank, organizer overrides last."""
    issues: list[Issue] = []
    cap = np.asarray(default_cap, dtype=int).copy()
    raw = pd.to_numeric(participants.get("capacity", pd.Series([np.nan] * len(participants))), errors="coerce")
    default = int(setting(settings, "mentor_capacity") or 0)
    if default > 0:
        cap = np.where(raw.isna().to_numpy(), default, cap)
    overrides = dict(setting(settings, "capacity_overrides") or {})
    ids = participants["id"].astype(str).tolist()
    where = {pid: i for i, pid in enumerate(ids)}
    for pid, value in overrides.items():
        if str(pid) in where:
            cap[where[str(pid)]] = int(value)
        else:
            issues.append(Issue("warning", f"A capacity override names '{str(pid)[:40]}', who is not in this survey; "
                                           "it was ignored.", "Remove it, or check the participant id."))
    return cap, issues


def _lock_mask(locked, mentees, mentors) -> np.ndarray:
    """A locked mentee may meet only the mentor they are locked with (rule ``"locked"``)."""
    lock = np.zeros((mentees.size, mentors.size), dtype=bool)
    pos_e, pos_m = {int(v): k for k, v in enumerate(mentees)}, {int(v): k for k, v in enumerate(mentors)}
    for a, b in locked:
        e, m = (a, b) if a in pos_e else (b, a)
        if e in pos_e and m in pos_m:
            lock[pos_e[e]] = True
            lock[pos_e[e], pos_m[m]] = False
    return lock


def _preferred(participants: pd.DataFrame, mode: str, mentees, mentors, report: FormatReport):
    """Each mentee's preferred mentors from the form's column (misses reported), or None without one."""
    col = preferred_column(participants.columns)
    if col is None:
        report.issues.append(Issue("warning", f"Preferred mentors are set to '{mode}', but no column names "
                                              "preferred mentors; nothing was applied.",
                                   "Map a column such as 'Preferred mentors' in the form."))
        return None
    n = len(participants)
    names = participants["name"].astype(str).tolist()
    rows = participants["row"].tolist() if "row" in participants else None
    preferred, issues = match_preferred(
        participants[col].iloc[mentees].fillna("").astype(str).tolist(),
        [names[m] for m in mentors], participants["id"].astype(str).iloc[mentors].tolist(),
        participants.get("email", pd.Series([""] * n)).fillna("").astype(str).iloc[mentors].tolist(),
        rows=[rows[e] for e in mentees] if rows else None, column=col)
    report.issues += issues
    return preferred


def solve_mentoring_round(participants: pd.DataFrame, settings, weight: np.ndarray, quality: np.ndarray,
                          forbidden: dict[str, np.ndarray], sides: np.ndarray, capacity: np.ndarray,
                          own: np.ndarray | None = None, locked=()) -> tuple[Solution, FormatReport]:
    """Mentor pods for a two-sided round with the mentoring options, as a :class:`Solution`."""
    n = len(participants)
    report = FormatReport(kind="mentoring")
    mentors, mentees = np.flatnonzero(sides == MENTOR), np.flatnonzero(sides == MENTEE)
    cap_all, cap_issues = mentor_capacities(participants, settings, capacity)
    report.issues += cap_issues
    masks = _allowed(quality, {k: v for k, v in forbidden.items() if k != "sides"}, float(settings.min_score))
    sub = {k: m[np.ix_(mentees, mentors)] for k, m in masks.items()}
    if locked:
        sub["locked"] = _lock_mask(locked, mentees, mentors)
    if float(settings.fairness) > 0:
        report.issues.append(Issue("info", "The 'protect the worst-off pair' lever applies to 1:1 pairs; mentoring "
                                           "rounds use 'spread the load' and the minimum per mentor instead."))
    mode = setting(settings, "preferred_mode")
    names = participants["name"].astype(str).tolist()
    preferred = _preferred(participants, mode, mentees, mentors, report) if mode != "off" else None
    q = quality[np.ix_(mentees, mentors)]
    w = weight[np.ix_(mentees, mentors)]
    pe = (own if own is not None else quality)[np.ix_(mentees, mentors)]
    pm = (own if own is not None else quality)[np.ix_(mentors, mentees)]
    inputs = dict(score=q, forbidden=sub, capacity=cap_all[mentors], min_load=int(setting(settings, "mentor_min")),
                  preferred=preferred, preferred_mode=mode if preferred is not None else "off")
    common = dict(inputs, weight=w, pref_mentee=pe, pref_mentor=pm, time_limit=float(settings.time_limit),
                  seed=int(settings.seed))
    method = setting(settings, "mentor_method")
    chosen = solve_mentoring(method=method, spread=float(setting(settings, "mentor_spread")), **common)
    other = solve_mentoring(method="stable" if method == "max_weight" else "max_weight",
                            spread=float(setting(settings, "mentor_spread")), **common)
    report.mentoring, report.alternative = chosen, other
    report.mentor_index, report.mentee_index = mentors, mentees
    report.inputs = dict(inputs, weight=w)
    labels = {**RULE_LABELS, "locked": "a locked pair with another mentor"}
    for u in chosen.unplaced:
        report.reasons[int(mentees[u.mentee])] = u.text([names[e] for e in mentees], [names[m] for m in mentors], q, labels)
    pods, scores = [], []
    for k, m in enumerate(mentors):
        mine = sorted(int(mentees[e]) for e in np.flatnonzero(chosen.mentor_of == k))
        if mine:
            pods.append((int(m), *mine))
            scores.append(float(np.mean([quality[m, e] for e in mine])))
    placed = {i for pod in pods for i in pod}
    unmatched = []
    for i in range(n):
        if i in placed:
            continue
        if sides[i] == MENTEE:
            code = "capacity" if any(u.code == "mentors_full" for u in chosen.unplaced if mentees[u.mentee] == i) \
                else "no_allowed_partner"
        elif sides[i] == MENTOR:
            code = "partners_taken"
            report.reasons[i] = _idle_mentor_text(names[i], int(cap_all[i]), chosen, int(np.flatnonzero(mentors == i)[0]),
                                                  masks, mentees, i)
        else:
            code = "no_allowed_partner"
            report.reasons[i] = f"{names[i]} is neither a mentor nor a mentee, so this mentoring round has no place for them."
        unmatched.append(Unmatched(i, code, {}, 0))
    report.mentors = _mentor_table(participants, mentors, mentees, chosen, q)
    report.options = _options_table(chosen, other)
    claim = (("Proven best assignment over every allowed pair (PuLP/HiGHS, gap 0)." if chosen.optimal else
              f"Best found; at most {chosen.gap:.2%} below the best possible.") if chosen.method == "max_weight"
             else f"Stable assignment (mentee-optimal deferred acceptance): no blocking pairs; the most-fit "
                  f"assignment has {other.total_fit - chosen.total_fit:.2f} more total fit and {other.blocking} blocking pairs.")
    sol = Solution(groups=pods, group_scores=scores, unmatched=unmatched, backups={i: [] for i in range(n)},
                   objective=chosen.objective if chosen.method == "max_weight" else chosen.total_fit,
                   total_quality=float(sum(scores)), lowest_quality=float(min(scores)) if scores else math.nan,
                   upper_bound=chosen.upper_bound, gap=chosen.gap if math.isfinite(chosen.gap) else 0.0,
                   solver="HiGHS" if chosen.method == "max_weight" else "deferred acceptance",
                   status=chosen.status, sol_status=chosen.sol_status, time_s=chosen.time_s + other.time_s,
                   n_candidate_edges=chosen.n_candidates,
                   optimal=chosen.optimal or chosen.method == "stable",
                   messages=(claim,) + tuple(chosen.messages), proof="lp_bound" if chosen.optimal else "")
    return sol, report


def _idle_mentor_text(name: str, cap: int, res: MentoringResult, k: int, masks, mentees, i) -> str:
    if cap == 0:
        return f"{name} has capacity 0 this round (an organizer override or the form), so no mentee was assigned."
    allowed = ~np.zeros(mentees.size, dtype=bool)
    for m in masks.values():
        allowed &= ~m[mentees, i]
    if not allowed.any():
        return f"{name} got no mentee: every mentee is ruled out for them by a rule."
    return (f"{name} got no mentee: the mentees they may meet fit other mentors better. Raise the 'spread the load' "
            "lever or set a minimum per mentor to give every mentor someone.")


def _mentor_table(p: pd.DataFrame, mentors, mentees, res: MentoringResult, q) -> pd.DataFrame:
    rows = []
    for k, m in enumerate(mentors):
        mine = np.flatnonzero(res.mentor_of == k)
        rows.append({"mentor_id": str(p.at[int(m), "id"]), "mentor": str(p.at[int(m), "name"]),
                     "capacity": int(res.capacity[k]), "load": int(res.loads[k]),
                     "room": int(res.capacity[k] - res.loads[k]),
                     "mentees": "; ".join(str(p.at[int(mentees[e]), "name"]) for e in mine),
                     "mentee_ids": "; ".join(str(p.at[int(mentees[e]), "id"]) for e in mine),
                     "mentee_fits": "; ".join(f"{q[e, k]:.3f}" for e in mine),
                     "mean_fit": float(q[mine, k].mean()) if mine.size else math.nan})
    return pd.DataFrame(rows, columns=["mentor_id", "mentor", "capacity", "load", "room", "mentees", "mentee_ids",
                                       "mentee_fits", "mean_fit"])


def _options_table(a: MentoringResult, b: MentoringResult) -> pd.DataFrame:
    rows = []
    for r in sorted((a, b), key=lambda r: r.method):
        rows.append({"option": "Max-weight (fit with your levers)" if r.method == "max_weight" else "Stable (mentee-optimal)",
                     "total_fit": round(r.total_fit, 3),
                     "lowest_fit": round(r.lowest_fit, 3) if math.isfinite(r.lowest_fit) else math.nan,
                     "mentees_placed": r.placed, "mentors_used": r.mentors_used, "blocking_pairs": r.blocking,
                     "proven_optimal": bool(r.optimal) if r.method == "max_weight" else None,
                     "chosen": r is a})
    return pd.DataFrame(rows)


def apply_reasons(assignments: pd.DataFrame, participants: pd.DataFrame, report: FormatReport) -> pd.DataFrame:
    """Put the format's own reasons in the export table's ``reason`` column (same shape)."""
    if not report.reasons:
        return assignments
    ids = participants["id"].astype(str).tolist()
    by_id = {ids[i]: text for i, text in report.reasons.items()}
    out = assignments.copy()
    hit = out["id"].astype(str).isin(by_id) & out["status"].eq("unmatched")
    out.loc[hit, "reason"] = out.loc[hit, "id"].astype(str).map(by_id)
    return out


def own_scores(signals, settings) -> np.ndarray | None:
    """Each person's own score of the others: the round's score with the directed 'wants' fit.

    ``own[u, v]`` uses how well ``v`` answers what ``u`` wants (not the two-way blend), so stability
    is judged by each side's own ranking. None when the signals have no directed fit.
    """
    from dataclasses import replace

    from .scoring import combine

    fit = getattr(signals, "wants_fit", None)
    if fit is None or "wants" not in signals.matrices or np.shape(fit) != np.shape(signals.matrices["wants"]):
        return None
    directed = replace(signals, matrices={**signals.matrices, "wants": np.asarray(fit, dtype=float)})
    return combine(directed, settings.weights)
