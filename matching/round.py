"""A whole round in a few calls: embed -> signals -> scores -> constraints -> solve -> tables.

The dashboard caches each stage separately (embedding by content hash, signals by the few settings
that change them), the CLI calls :func:`run_round` once, and a script calls :func:`pair_survey`
(or :func:`score_survey` for scores without a pairing).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Callable, Sequence

import numpy as np
import pandas as pd

from .intake.taxonomy import similar_roles
from . import formats
from .issues import InputError, Issue, has_fatal
from .scoring import SignalSet, combine, compute_signals, explain_pair, explanation_text
from .scoring.columns import rule_label
from .scoring.combine import full_weights
from .scoring.explain import Explainer
from .scoring.text import embed_participants
from .settings import Settings
from .solve import Solution, solve_pairs
from .solve.rules import CONSTRAINT_LABELS, Constraints, build_constraints, objective_matrix

OUTPUT_COLUMNS = ["group_id", "id", "name", "partner_ids", "partner_names", "group_size", "group_score",
                  "backup_1", "backup_1_id", "backup_2", "backup_2_id", "explanation", "status", "reason",
                  "score_detail"]


@dataclass
class RoundResult:
    """Everything one solve produced, ready for tables, plots and export.

    ``score`` and ``weight`` are the N x N combined score and solver objective; they are None in a
    :meth:`slim` copy (what the dashboard caches per slider position) and in a round paired in blocks.
    """

    participants: pd.DataFrame
    settings: Settings
    signals: SignalSet
    score: np.ndarray | None
    weight: np.ndarray | None
    constraints: Constraints
    solution: Solution
    assignments: pd.DataFrame
    groups: pd.DataFrame
    issues: list[Issue] = field(default_factory=list)
    format: Any = None  # formats.FormatReport for groups of 3-4 and mentoring options, else None

    @property
    def feasible(self) -> bool:
        return self.solution.diagnosis is None

    @property
    def diagnosis_messages(self) -> list[str]:
        if self.solution.diagnosis is None:
            return []
        return [unmatched_reason(u, self.participants, self.constraints) for u in self.solution.diagnosis]

    def score_matrix(self) -> np.ndarray:
        """The combined N x N score: as solved, or rebuilt from the signals when a slim copy dropped it."""
        if self.score is not None:
            return self.score
        if not isinstance(self.signals, SignalSet):
            raise ValueError("This round was paired in blocks, without an N x N score matrix. "
                             "Use the pair scores in its groups instead.")
        return combine(self.signals, self.settings.weights)

    def slim(self) -> RoundResult:
        """A copy without the N x N matrices that belong to these settings alone (what a cache should keep).

        ``score`` and ``weight`` become None, and the rules keep their lists and per-person arrays
        but drop their N x N masks (``forbidden``, ``rounds_since``, ``similar``, ``role_affinity``),
        which only the solver reads. The signals are shared, not copied: they depend on the survey,
        not on the weights, and :meth:`score_matrix` rebuilds the score from them on demand.
        """
        cons = replace(self.constraints, forbidden={}, rounds_since=None, similar=None, role_affinity=None)
        return replace(self, score=None, weight=None, constraints=cons)


def run_round(participants: pd.DataFrame, vectors: dict[str, np.ndarray], settings: Settings,
              history: pd.DataFrame | None = None, signals: SignalSet | None = None,
              issues: Sequence[Issue] = (),
              adjust: Callable[[np.ndarray], np.ndarray] | None = None) -> RoundResult:
    """Score every pair and solve the pairing for one round.

    Parameters
    ----------
    participants : DataFrame
        Canonical participants table (see :func:`matching.intake.load_survey`).
    vectors : dict
        ``{"profile", "wants"}`` embeddings from :func:`embed_participants`.
    settings : Settings
    history : DataFrame, optional
        Earlier pairings with columns ``round, a, b`` (ids or emails), from ``load_history``.
    signals : SignalSet, optional
        Precomputed signals (the dashboard caches them); computed here when omitted.
    issues : sequence of Issue
        Problems found before the round that belong to its result, e.g. the embedder's fallback
        to TF-IDF (``Embedder.issues_``); they come first in ``RoundResult.issues``.
    adjust : callable, optional
        ``weight -> weight`` applied to the solver's objective after the soft levers (programs use it
        for the rotation bonus and weak-match protection, see :mod:`matching.program.rotation`).

    Returns
    -------
    RoundResult
    """
    participants = participants.reset_index(drop=True)
    if signals is None:
        signals = compute_signals(participants, vectors, settings)
    score = combine(signals, settings.weights)
    cons = build_constraints(participants, settings, history)
    weight = objective_matrix(score, participants, settings, cons)
    if adjust is not None:
        weight = adjust(weight)
    n_groups = max(len(participants) // 2, 1)
    fmt = None  # groups of 3-4 and mentoring options have their own solvers (matching/formats.py)
    if formats.uses_groups(settings, cons.two_sided):
        solution, fmt = formats.solve_groups_round(participants, settings, weight, score, cons.forbidden, cons.locked,
                                                   cons=cons)
    elif formats.uses_mentoring(settings, cons.two_sided):
        solution, fmt = formats.solve_mentoring_round(participants, settings, weight, score, cons.forbidden, cons.sides,
                                                      cons.capacity, formats.own_scores(signals, settings), cons.locked)
    else:
        solution = solve_pairs(weight, quality=score, fairness=settings.fairness * n_groups,
                               **solve_kwargs(settings, cons))
    assignments, groups = tables(participants, signals, settings, cons, solution)
    issues = list(issues) + list(signals.issues) + list(cons.issues)
    if fmt is not None:
        assignments = formats.apply_reasons(assignments, participants, fmt)
        issues += fmt.issues
        issues.append(Issue("info" if solution.optimal else "warning", solution.messages[0]))
    elif not solution.optimal and solution.diagnosis is None:
        issues.append(Issue("warning", solution.claim, "Raise the time limit or lower the candidate count k."))
    return RoundResult(participants, settings, signals, score, weight, cons, solution, assignments, groups, issues,
                       format=fmt)


def solve_kwargs(settings: Settings, cons: Constraints) -> dict[str, Any]:
    """The :func:`solve_pairs` arguments a 1:1 round takes from its settings and rules (all but the
    weights, the quality matrix and the fairness weight, which is ``settings.fairness`` times the
    number of pairs). One place for the mapping, shared by the round and the price-of-fairness curve."""
    two = cons.two_sided
    return dict(forbidden=cons.forbidden, locked=cons.locked, min_score=settings.min_score, odd=settings.odd,
                capacity=cons.capacity if two else None, sides=cons.sides if two else None, k=settings.k,
                n_backups=settings.n_backups, backup_cap=settings.backup_cap, solver=settings.solver,
                time_limit=settings.time_limit, seed=settings.seed, backup_last=cons.similar_role_unmet)


def _survey(source: Any, settings: Settings):
    """A loaded survey from a path, bytes, file-like, DataFrame or an already loaded ``Survey``."""
    from .intake.survey import Survey, load_survey

    if isinstance(source, Survey):
        return source
    return load_survey(source, max_participants=int(settings.max_participants))


def _history(history: Any, participants: pd.DataFrame) -> tuple[pd.DataFrame | None, list[Issue]]:
    """Earlier pairings as ``round, a, b`` from a path, bytes, or a DataFrame (already in that shape or not),
    matched to this survey's people by id, email or name (as the CLI does)."""
    from .intake.history import load_history

    if history is None:
        return None, []
    if isinstance(history, pd.DataFrame):
        if {"round", "a", "b"} <= set(history.columns):
            return history, []
        return load_history(history.to_csv(index=False).encode("utf-8"), filename="history.csv",
                            participants=participants)
    return load_history(history, participants=participants)


def score_survey(source: Any, settings: Settings | None = None, *, embedder=None,
                 progress: Callable[[int, int], None] | None = None) -> tuple[pd.DataFrame, SignalSet, np.ndarray]:
    """Score every pair of a survey without solving a pairing.

    Parameters
    ----------
    source : str, Path, bytes, file-like, DataFrame or Survey
        The survey export (or a loaded :class:`matching.intake.Survey`).
    settings : Settings, optional
        Defaults to ``Settings()``; ``settings.embedder`` picks the text model.
    embedder : Embedder, optional
        Use this embedder instead of the one ``settings.embedder`` names.
    progress : callable, optional
        ``progress(done, total)`` while texts are embedded.

    Returns
    -------
    participants : DataFrame
        The participants, in the order of the matrices' rows.
    signals : SignalSet
        Every named signal matrix.
    score : ndarray
        The combined N x N score in [0, 1] (diagonal 0).

    Raises
    ------
    InputError
        When the survey cannot be used (every problem listed).
    """
    from .scoring.embedder import embedder_for

    settings = settings or Settings()
    survey = _survey(source, settings)
    if has_fatal(survey.issues):
        raise InputError(survey.issues)
    participants = survey.participants.reset_index(drop=True)
    embedder = embedder or embedder_for(settings)
    vectors = embed_participants(participants, embedder, progress=progress, settings=settings)
    signals = compute_signals(participants, vectors, settings)
    return participants, signals, combine(signals, settings.weights)


def pair_survey(source: Any, settings: Settings | None = None, history: Any = None, *, embedder=None,
                progress: Callable[[int, int], None] | None = None) -> RoundResult:
    """Read a survey, embed its text with the model ``settings.embedder`` names, and solve one round.

    Parameters
    ----------
    source : str, Path, bytes, file-like, DataFrame or Survey
        The survey export (or a loaded :class:`matching.intake.Survey`).
    settings : Settings, optional
        Defaults to ``Settings()``.
    history : str, Path, bytes or DataFrame, optional
        Earlier rounds' pairings (any layout ``load_history`` reads, or ``round, a, b``).
    embedder : Embedder, optional
        Use this embedder instead of the one ``settings.embedder`` names.
    progress : callable, optional
        ``progress(done, total)`` while texts are embedded.

    Returns
    -------
    RoundResult
        ``issues`` holds, in order: the survey's and history's fixable problems, the embedder's
        fallback (if the model could not load), then the round's own notes.

    Raises
    ------
    InputError
        When the survey or history cannot be used (every problem listed).
    """
    from .scoring.embedder import embedder_for

    settings = settings or Settings()
    survey = _survey(source, settings)
    hist, hist_issues = _history(history, survey.participants)
    found = list(survey.issues) + list(hist_issues)
    if has_fatal(found):
        raise InputError(found)
    participants = survey.participants.reset_index(drop=True)
    embedder = embedder or embedder_for(settings)
    vectors = embed_participants(participants, embedder, progress=progress, settings=settings)
    return run_round(participants, vectors, settings, hist, issues=found + list(embedder.issues_))


def _name(p: pd.DataFrame, i: int) -> str:
    return str(p.at[i, "name"])


def constraint_label(key: str) -> str:
    """Words for a named hard rule (a ``Constraints.forbidden`` key), including rules on form columns."""
    return CONSTRAINT_LABELS.get(key) or rule_label(key) or key


def unmatched_reason(u, participants: pd.DataFrame, cons: Constraints) -> str:
    """A plain sentence saying why this person is not in a group and what would change it."""
    name = _name(participants, u.index)
    blockers = {k: v for k, v in (u.ruled_out or {}).items() if v}
    if u.code == "bye":
        return f"{name} sits out this round: the count is odd and 'bye' was chosen (switch to 'triad' to add them to a group)."
    if u.code == "capacity":
        return f"{name} was not matched: every mentor who fits them is at capacity (raise a mentor's capacity or add mentors)."
    if u.code == "locked_conflict":
        if not blockers and not any(u.index in pair for pair in cons.locked):
            return (f"{name} was not paired: the pairing stopped because a locked pair breaks a rule "
                    "(see the list of conflicts). Unlock that pair or relax the rule.")
        partners = [participants.at[b if a == u.index else a, "name"] for a, b in cons.locked if u.index in (a, b)]
        why = ", ".join(constraint_label(k) for k in blockers) or "they are locked with more than one person"
        return (f"The locked pair {name} + {' / '.join(map(str, partners))} breaks a rule ({why}). "
                "Unlock the pair or relax that rule.")
    details = []
    for key, count in sorted(blockers.items(), key=lambda kv: -kv[1]):
        label = constraint_label(key)
        if key == "similar_role":
            role = str(participants.at[u.index, "role"])
            others = [r for r in similar_roles(role) if r != role] if role in similar_roles(role) else []
            fits = " or ".join([role] + others)
            details.append(f"{count} ruled out by {label} (they asked for a similar role: {fits})")
        else:
            details.append(f"{count} ruled out by {label}")
    if u.code == "no_allowed_partner":
        text = f"{name} could not be matched: nobody satisfies every rule for them"
        text += (" — " + "; ".join(details)) if details else ""
        return text + ". Relax one of those rules or lock a pair by hand."
    # partners_taken
    return (f"{name} could not be matched: the {u.available} people they could meet were all paired with others"
            + (f" ({'; '.join(details)})" if details else "") + ". Lower the minimum score or relax a rule to free more partners.")


def _pair_prefix(pair: frozenset, names: list[str], n_pairs: int) -> str:
    """'Ana + Bo: ' in front of a pair's reasons when a group has several pairs."""
    return " + ".join(names[x] for x in sorted(pair)) + ": " if n_pairs > 1 else ""


def tables(participants: pd.DataFrame, signals: SignalSet, settings: Settings, cons: Constraints,
           solution: Solution) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One row per participant (the export format) and one row per group."""
    p = participants
    rows: dict[int, dict] = {}
    group_rows = []
    weights = full_weights(signals, settings.weights)
    explainer = Explainer(p, signals, weights, settings)
    ids, names = p["id"].astype(str).tolist(), p["name"].astype(str).tolist()
    roles = p["role"].astype(str).tolist() if "role" in p else [""] * len(p)
    for g, (members, gscore) in enumerate(zip(solution.groups, solution.group_scores), start=1):
        gid = f"G{g:03d}"
        members = list(members)
        if cons.two_sided and len(members) > 2:
            mentor = next((m for m in members if cons.sides[m] == 1), members[0])
            meeting = [(mentor, m) for m in members if m != mentor]
        else:
            meeting = [(a, b) for ai, a in enumerate(members) for b in members[ai + 1:]]
        expl = {frozenset(pair): explain_pair(signals, weights, *pair) for pair in meeting}
        words = {frozenset(pair): explainer.words(*pair, expl=expl[frozenset(pair)]) for pair in meeting}
        size = len(members)
        status = "triad" if (size == 3 and not cons.two_sided) else "paired"
        if formats.uses_groups(settings, cons.two_sided):
            status = "grouped"
        for m in members:
            partners = [o for o in members if o != m and (not cons.two_sided or frozenset((m, o)) in expl)]
            prefix = [f"with {names[o]}: " if len(partners) > 1 else "" for o in partners]
            text = " | ".join(w + words[frozenset((m, o))] for w, o in zip(prefix, partners))
            detail = " | ".join(w + explanation_text(expl[frozenset((m, o))]) for w, o in zip(prefix, partners))
            rows[m] = {"group_id": gid, "id": ids[m], "name": names[m],
                       "partner_ids": "; ".join(ids[o] for o in partners),
                       "partner_names": "; ".join(names[o] for o in partners),
                       "group_size": size, "group_score": round(float(gscore), 4),
                       "explanation": text, "status": status, "reason": "", "score_detail": detail}
        contributions = {s: float(np.mean([e["contributions"].get(s, 0.0) for e in expl.values()])) for s in weights}
        shared = sorted(set().union(*[set(e["shared_tags"]) for e in expl.values()])) if expl else []
        label = [names[m] + (" (mentor)" if cons.two_sided and cons.sides[m] == 1 else "") for m in members]
        group_rows.append({"group_id": gid, "members": " + ".join(label),
                           "member_ids": "; ".join(ids[m] for m in members),
                           "roles": " + ".join(roles[m] for m in members),
                           "size": size, "score": float(gscore), "shared_tags": ", ".join(shared[:8]),
                           "explanation": " | ".join(_pair_prefix(k, names, len(words)) + w for k, w in words.items()),
                           "detail": " | ".join(_pair_prefix(k, names, len(expl)) + explanation_text(e)
                                                for k, e in expl.items()),
                           **{f"c_{s}": v for s, v in contributions.items()}})
    for u in solution.unmatched:
        rows[u.index] = {"group_id": "", "id": ids[u.index], "name": names[u.index], "partner_ids": "",
                         "partner_names": "", "group_size": 0, "group_score": np.nan, "explanation": "",
                         "status": "unmatched", "reason": unmatched_reason(u, p, cons)}
    for i in range(len(p)):
        if i not in rows:
            # Defensive: the solver must account for everyone; never lose a participant silently.
            rows[i] = {"group_id": "", "id": ids[i], "name": names[i], "partner_ids": "", "partner_names": "",
                       "group_size": 0, "group_score": np.nan, "explanation": "", "status": "unmatched",
                       "reason": f"{names[i]} was not placed by the solver (status {solution.status})."}
        b = solution.backups.get(i, []) if solution.backups else []
        for slot in (1, 2):
            o = b[slot - 1] if len(b) >= slot else None
            rows[i][f"backup_{slot}"] = names[o] if o is not None else ""
            rows[i][f"backup_{slot}_id"] = ids[o] if o is not None else ""
    assignments = pd.DataFrame([rows[i] for i in range(len(p))], columns=OUTPUT_COLUMNS)
    # Group-mates sit together in the export; the unmatched come last, where organizers look for them.
    # (Ordered on the narrow table: sorting after the form's columns are attached costs per column.)
    order = assignments.assign(_un=assignments["status"].eq("unmatched")).sort_values(["_un", "group_id"], kind="stable").index
    assignments = assignments.loc[order].reset_index(drop=True)
    taken = set(assignments.columns)
    extras = [c for c in _passthrough_columns(p) if c not in taken]  # one pass: linear in the column count
    if extras:
        assignments = pd.concat([assignments, p[extras].iloc[order].reset_index(drop=True)], axis=1)
    groups = pd.DataFrame(group_rows)
    return assignments, groups


# Canonical columns that are either already represented or private; everything else passes through.
_INTERNAL = {"id", "name", "linkedin", "company", "role_raw", "stage_ordinal", "lat", "lon",
             "summary", "skills", "interests", "wants", "similar_role_required", "side", "capacity",
             "keep_registered", "submitted_at", "row", "years_experience", "timezone", "location"}


def _passthrough_columns(p: pd.DataFrame) -> list[str]:
    """Columns copied to the export: contact (for sending intros), role, stage, and unmapped columns."""
    keep = ["email", "slack", "role", "career_stage"]
    skip = _INTERNAL | set(keep) | set(OUTPUT_COLUMNS)
    columns = list(p.columns)
    present = set(columns)
    return [c for c in keep if c in present] + [c for c in columns if c not in skip]
