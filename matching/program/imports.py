"""Past rounds from a file (``round, person_a, person_b[, person_c...]``) into a program.

People are named by email, survey id or name and matched with the program's identity rules;
names not yet in the program become new people (listed), names that fit several people are
reported and their rows skipped. The whole import is one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from sqlalchemy import func, select

from ..issues import InputError, Issue, has_fatal
from . import schema as t
from .identity import Known, email_key, name_key
from .publish import _write_groups
from .store import Store, check_program_name, now


@dataclass
class ImportReport:
    """What an import wrote: round numbers (file round -> program round), people found and created."""

    program: str
    rounds: dict[int, int] = field(default_factory=dict)
    meetings: int = 0
    matched: dict[str, int] = field(default_factory=dict)   # how -> count ("email", "id", "name")
    created: list[str] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)

    def summary(self) -> str:
        span = ", ".join(f"{a}→{b}" for a, b in self.rounds.items())
        how = ", ".join(f"{v} by {k}" for k, v in self.matched.items() if v)
        return (f"Imported {len(self.rounds)} round(s) ({span}) with {self.meetings} meetings into '{self.program}'; "
                f"people found {how or 'none'}; {len(self.created)} new people added.")


def _groups(pairs: pd.DataFrame) -> list[list[str]]:
    """Connected members of one round's pairs (a triad written as three pairs is one group)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in zip(pairs["a"], pairs["b"]):
        parent[find(a)] = find(b)
    out: dict[str, list[str]] = {}
    for x in list(parent):
        out.setdefault(find(x), []).append(x)
    return [sorted(v) for v in out.values()]


def _identify(conn, pid: int, index, history: pd.DataFrame, create_people: bool,
              report: ImportReport) -> dict[str, int | None]:
    """Person id per name written in the file (None = skipped), creating new people when allowed."""
    ident: dict[str, int | None] = {}
    unknown: list[str] = []
    for token in pd.unique(pd.concat([history["a"], history["b"]])):
        person, how = index.lookup(token)
        if person is not None:
            ident[token] = person.person_id
            report.matched[how] = report.matched.get(how, 0) + 1
        elif how == "ambiguous":
            ident[token] = None
            report.issues.append(Issue("warning", f"'{token}' fits several people of the program; "
                                                  "their meetings were skipped.", "Use emails in the file."))
        else:
            unknown.append(token)
    for token in unknown:
        if not create_people:
            ident[token] = None
            report.issues.append(Issue("warning", f"'{token}' is not a person of the program; their meetings were skipped."))
            continue
        mail = email_key(token)
        new_id = conn.execute(t.people.insert().values(
            program_id=pid, name=token, name_key=name_key(token), email=mail,
            external_id=None if mail else token, created_at=now()).returning(t.people.c.id)).scalar_one()
        index.add(Known(new_id, token, mail, None if mail else token))
        ident[token] = new_id
        report.created.append(token)
    return ident


def _write_imported_round(conn, pid: int, number: int, pairs: pd.DataFrame, ident: dict[str, int | None]) -> None:
    """One past round: its groups (pairs joined into triads where the file wrote them) and members."""
    round_id = conn.execute(t.rounds.insert().values(program_id=pid, number=number, published_at=now(),
                                                     source="imported").returning(t.rounds.c.id)).scalar_one()
    person_of = {tok: int(ident[tok]) for tok in pd.concat([pairs["a"], pairs["b"]])}
    # One person written two ways (name and email) counts once per group.
    members = [list({person_of[tok]: tok for tok in m}.values()) for m in _groups(pairs)]
    groups = {f"G{g:03d}": (None, m) for g, m in enumerate(members, start=1)}
    seen: set[int] = set()
    rows = []
    for m in members:
        for tok in m:
            if person_of[tok] in seen:
                continue
            seen.add(person_of[tok])
            rows.append(dict(round_id=round_id, person_id=person_of[tok], source_id=None,
                             status="paired" if len(m) == 2 else "grouped", reason="", score=None,
                             keep_registered=None, profile=None))
    conn.execute(t.round_participants.insert(), rows)
    _write_groups(conn, round_id, groups, person_of)


def import_rounds(store: Store, program: str, source: Any, filename: str | None = None,
                  create_people: bool = True) -> ImportReport:
    """Import past rounds into ``program`` (created if missing), numbered after its existing rounds.

    Parameters
    ----------
    store : Store
    program : str
    source : path, bytes or file-like
        CSV or XLSX, read by :func:`matching.intake.history.load_history`.
    filename : str, optional
    create_people : bool
        Add people the program does not know yet (default); otherwise report them and skip their rows.

    Returns
    -------
    ImportReport

    Raises
    ------
    InputError
        The file is unusable, or not one row could be matched.
    """
    from ..intake.history import load_history

    program = check_program_name(program)
    history, issues = load_history(source, filename)
    if has_fatal(issues):
        raise InputError(issues)
    if history.empty:
        raise InputError(issues + [Issue("fatal", "The past-rounds file has no meetings in it.",
                                         "Use columns round, person_a, person_b with one row per meeting.")])
    report = ImportReport(program, issues=list(issues))
    with store._begin() as conn:
        pid = store.program_id(program, create=True, conn=conn)
        index = store.known_people(program, conn=conn)
        ident = _identify(conn, pid, index, history, create_people, report)
        keep = history["a"].map(ident).notna() & history["b"].map(ident).notna()
        if not keep.any():
            raise InputError(report.issues + [Issue("fatal", "Not one meeting in the file names people of the program.",
                                                    "Check that the file names people by email, id or full name.")])
        history = history.loc[keep]
        last = int(conn.execute(select(func.max(t.rounds.c.number)).where(t.rounds.c.program_id == pid)).scalar() or 0)
        for k, (file_round, pairs) in enumerate(history.groupby("round", sort=True), start=1):
            _write_imported_round(conn, pid, last + k, pairs, ident)
            report.rounds[int(file_round)] = last + k
            report.meetings += len(pairs)
    return report
