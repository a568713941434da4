"""Publishing a round: one transaction that writes the round, its people, groups and statuses.

A failure (or a killed process) leaves nothing half-written, and two publishes at once cannot
both become "round 7": the program row is locked for the transaction where the database supports
it, the (program, number) pair is unique everywhere, and a lost race is retried with the next number.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError, OperationalError

from ..issues import InputError, Issue
from . import schema as t
from .identity import IdentityIndex, Known, Uncertain, email_key, id_key, name_key
from .store import Store, check_program_name, now

# Canonical survey fields kept per round so a "keep me registered" person can be carried forward.
PROFILE_FIELDS = ("role", "role_raw", "career_stage", "stage_ordinal", "years_experience", "location", "timezone",
                  "lat", "lon", "summary", "skills", "interests", "wants", "similar_role_required", "side", "capacity")
STATUSES = ("paired", "grouped", "triad-third", "bye", "unmatched", "paused")
_RETRIES = 8


@dataclass
class RoundRecord:
    """What a round writes: one row per person and the groups (by participant id).

    ``people`` has columns ``source_id, name, email, keep_registered, profile, status, reason,
    score, group``; ``groups`` maps a group label to ``(score, [source_id, ...])``.
    """

    people: pd.DataFrame
    groups: dict[str, tuple[float, list[str]]]
    settings_json: str | None = None
    held_on: date | None = None


@dataclass
class PublishReport:
    """What a publish wrote (or, for a preview, would write)."""

    program: str
    round: int
    new_people: list[str] = field(default_factory=list)
    returning_people: int = 0
    uncertain: list[Uncertain] = field(default_factory=list)
    status_counts: dict[str, int] = field(default_factory=dict)
    groups: int = 0
    written: bool = False

    def summary(self) -> str:
        verb = "Published" if self.written else "Would publish"
        counts = ", ".join(f"{v} {k}" for k, v in self.status_counts.items() if v)
        text = (f"{verb} round {self.round} of '{self.program}': {sum(self.status_counts.values())} people ({counts}), "
                f"{self.groups} groups; {self.returning_people} returning, {len(self.new_people)} new.")
        if self.uncertain:
            text += f" {len(self.uncertain)} identity match(es) to confirm."
        return text


def _profile(row: pd.Series) -> str:
    out = {}
    for f in PROFILE_FIELDS:
        if f in row.index:
            v = row[f]
            if isinstance(v, (np.generic,)):
                v = v.item()
            if isinstance(v, float) and not math.isfinite(v):
                v = None
            elif v is pd.NA or v is pd.NaT:
                v = None
            out[f] = v
    return json.dumps(out, default=str)


def record_from_result(result, third: set[int] | None = None, extra: pd.DataFrame | None = None,
                       held_on: date | None = None) -> RoundRecord:
    """The round record of a solved round (a :class:`~matching.round.RoundResult`).

    Parameters
    ----------
    result : RoundResult
    third : set of int, optional
        Participant indices known to be the third of a triad (the person the odd count left over).
        Otherwise, in a peer triad, the member whose scores with the other two are lowest is taken.
    extra : DataFrame, optional
        People of the round who were not solved (e.g. paused): columns ``id, name, email,
        keep_registered, status, reason`` plus any profile fields.
    held_on : date, optional
    """
    p = result.participants.reset_index(drop=True)
    sol = result.solution
    status = {i: "unmatched" for i in range(len(p))}
    reason = {i: "" for i in range(len(p))}
    score: dict[int, float | None] = {i: None for i in range(len(p))}
    group: dict[int, str | None] = {i: None for i in range(len(p))}
    groups: dict[str, tuple[float, list[str]]] = {}
    ids = p["id"].astype(str).tolist()
    # Groups of 3-4 or mentoring pods are formats of their own: a group of three there has no "third".
    pairs_round = not result.constraints.two_sided and getattr(result, "format", None) is None
    score_matrix = None
    for g, (members, gscore) in enumerate(zip(sol.groups, sol.group_scores), start=1):
        label = f"G{g:03d}"
        members = list(members)
        groups[label] = (float(gscore), [ids[m] for m in members])
        odd_one = None
        if len(members) == 3 and pairs_round:
            inside = [m for m in members if third and m in third]
            if not inside and score_matrix is None:
                score_matrix = result.score_matrix()  # a slim (cached) result rebuilds it from the signals
            odd_one = inside[0] if inside else min(
                members, key=lambda m: sum(float(score_matrix[m, o]) for o in members if o != m))
        for m in members:
            status[m] = "paired" if len(members) == 2 else ("triad-third" if m == odd_one else "grouped")
            score[m], group[m] = float(gscore), label
    reasons = dict(zip(result.assignments["id"].astype(str), result.assignments["reason"].fillna("")))
    for u in sol.unmatched:
        status[u.index] = "bye" if u.code == "bye" else "unmatched"
        reason[u.index] = str(reasons.get(ids[u.index], ""))
    rows = []
    for i in range(len(p)):
        r = p.iloc[i]
        rows.append({"source_id": ids[i], "name": str(r.get("name", "")), "email": r.get("email"),
                     "keep_registered": _bool(r.get("keep_registered")), "profile": _profile(r),
                     "status": status[i], "reason": reason[i], "score": score[i], "group": group[i]})
    if extra is not None and len(extra):
        for _, r in extra.iterrows():
            rows.append({"source_id": str(r["id"]), "name": str(r.get("name", "")), "email": r.get("email"),
                         "keep_registered": _bool(r.get("keep_registered")), "profile": _profile(r),
                         "status": str(r.get("status", "paused")), "reason": str(r.get("reason", "")),
                         "score": None, "group": None})
    return RoundRecord(pd.DataFrame(rows), groups, result.settings.to_json(), held_on)


def _bool(value) -> bool | None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    return bool(value)


def _resolve(index: IdentityIndex, people: pd.DataFrame) -> tuple[list[Known | None], list[Uncertain]]:
    """Match each record to a known person (None = new); one person is never matched twice in a round."""
    matched: list[Known | None] = []
    notes: list[Uncertain] = []
    used: set[int] = set()
    for r in people.itertuples(index=False):
        person, note = index.match(r.name, r.email, r.source_id)
        if person is not None and person.person_id in used:
            notes.append(Uncertain(str(r.name), person.person_id,
                                   f"'{r.name}' looks like someone already in this round; kept as a separate person."))
            person, note = None, None
        if person is not None:
            used.add(person.person_id)
        if note is not None:
            notes.append(note)
        matched.append(person)
    return matched, notes


def preview(store: Store, program: str, record: RoundRecord) -> PublishReport:
    """What :func:`publish` would write, without writing anything."""
    program = check_program_name(program)
    index = store.known_people(program)
    matched, notes = _resolve(index, record.people)
    return _report(program, store.last_round(program) + 1, record, matched, notes, written=False)


def _report(program, number, record, matched, notes, written) -> PublishReport:
    counts = {s: int((record.people["status"] == s).sum()) for s in STATUSES}
    new = [str(n) for n, m in zip(record.people["name"], matched) if m is None]
    return PublishReport(program, number, new, sum(m is not None for m in matched), notes, counts,
                         len(record.groups), written)


def publish(store: Store, program: str, record: RoundRecord) -> PublishReport:
    """Write a round as the program's next round number, in one transaction.

    Parameters
    ----------
    store : Store
    program : str
        Created if it does not exist.
    record : RoundRecord

    Returns
    -------
    PublishReport
    """
    program = check_program_name(program)
    _check_record(record)
    store.ready()
    last_err: Exception | None = None
    busy = 0
    for _attempt in range(_RETRIES):
        try:
            with store._begin() as conn:
                return _write(store, conn, program, record)
        except IntegrityError as err:   # a concurrent publish took the number first: try the next one
            last_err = err
        except OperationalError as err:  # a deadlock victim, or an SQLite file busy past its timeout
            last_err, busy = err, busy + 1
            if busy >= 2:
                break
    raise InputError([Issue("fatal", "The round could not be published; nothing was written "
                                     f"({str(getattr(last_err, 'orig', last_err)).splitlines()[0][:200]}).",
                            "Try again; if it keeps failing, check the database.")])


def _check_record(record: RoundRecord) -> None:
    bad = sorted(set(record.people["status"]) - set(STATUSES))
    problems = [Issue("fatal", f"Unknown participant status '{s}'.", f"Use one of {', '.join(STATUSES)}.") for s in bad]
    dup = record.people["source_id"].astype(str)
    if dup.duplicated().any():
        problems.append(Issue("fatal", f"The id '{dup[dup.duplicated()].iloc[0]}' appears twice in the round.",
                              "Every participant must appear exactly once."))
    if problems:
        raise InputError(problems)


def _write(store: Store, conn, program: str, record: RoundRecord) -> PublishReport:
    pid = store.program_id(program, create=True, conn=conn)
    # Serialise publishes of one program (PostgreSQL row lock; SQLite already holds the file's write lock).
    conn.execute(select(t.programs.c.id).where(t.programs.c.id == pid).with_for_update())
    index = store.known_people(program, conn=conn)
    matched, notes = _resolve(index, record.people)
    person_ids = _write_people(conn, pid, record.people, matched)
    number = int(conn.execute(select(func.max(t.rounds.c.number)).where(t.rounds.c.program_id == pid)).scalar() or 0) + 1
    round_id = conn.execute(t.rounds.insert().values(
        program_id=pid, number=number, held_on=record.held_on, published_at=now(), source="published",
        settings_json=record.settings_json).returning(t.rounds.c.id)).scalar_one()
    _write_round(conn, round_id, record, person_ids)
    return _report(program, number, record, matched, notes, written=True)


def _write_people(conn, pid: int, people: pd.DataFrame, matched: list[Known | None]) -> dict[str, int]:
    """Person id per source id: existing people updated with a newly known email/id, new ones inserted."""
    ids: dict[str, int] = {}
    new_rows, new_src = [], []
    for r, person in zip(people.itertuples(index=False), matched):
        mail, ext = email_key(r.email), id_key(r.source_id)
        if person is None:
            new_rows.append(dict(program_id=pid, name=str(r.name), name_key=name_key(r.name), email=mail,
                                 external_id=ext, created_at=now()))
            new_src.append(str(r.source_id))
            continue
        ids[str(r.source_id)] = person.person_id
        changes = {}
        if mail and not person.email:
            changes["email"] = mail
        if "@" in person.name and "@" not in str(r.name) and str(r.name).strip():
            changes.update(name=str(r.name), name_key=name_key(r.name))   # imported by email; now we know the name
        if ext and ext != person.external_id:
            changes["external_id"] = ext   # the latest survey id is the one the next history file will use
        if changes:
            conn.execute(update(t.people).where(t.people.c.id == person.person_id).values(**changes))
    if new_rows:
        result = conn.execute(t.people.insert().returning(t.people.c.id, sort_by_parameter_order=True), new_rows)
        for src, pid_ in zip(new_src, result.scalars().all()):
            ids[src] = pid_
    return ids


def _write_round(conn, round_id: int, record: RoundRecord, person_ids: dict[str, int]) -> None:
    rows = [dict(round_id=round_id, person_id=person_ids[str(r.source_id)], source_id=str(r.source_id),
                 status=r.status, reason=str(r.reason or ""), score=None if r.score is None or pd.isna(r.score) else float(r.score),
                 keep_registered=r.keep_registered, profile=r.profile)
            for r in record.people.itertuples(index=False)]
    if rows:
        conn.execute(t.round_participants.insert(), rows)
    _write_groups(conn, round_id, record.groups, person_ids)


def _write_groups(conn, round_id: int, groups: dict[str, tuple[float, list[str]]], person_ids: dict[str, int]) -> None:
    if not groups:
        return
    labels = list(groups)
    result = conn.execute(t.groups.insert().returning(t.groups.c.id, sort_by_parameter_order=True),
                          [dict(round_id=round_id, label=lb, score=groups[lb][0]) for lb in labels])
    members = [dict(group_id=gid, person_id=person_ids[str(src)])
               for gid, lb in zip(result.scalars().all(), labels) for src in groups[lb][1]]
    conn.execute(t.group_members.insert(), members)
