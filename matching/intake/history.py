"""Earlier rounds' pairings (a history file) -> ``round, a, b`` rows for the no-repeat rule."""

from __future__ import annotations

import itertools
import re
from typing import Any

import pandas as pd

from ..issues import Issue, sort_issues
from .mapping import normalize_header
from .messages import fatal, quote, rows_text, show
from .normalise import parse_datetimes
from .read import DEFAULT_MAX_BYTES, _read_table

_HIST_ROUND = {"round", "round number", "round no", "round id", "round date", "date", "week", "session", "cycle",
               "month", "iteration", "round num", "round nr", "period"}
_HIST_PAIR_KINDS = ("id", "person", "email", "participant", "member", "name", "")
_HIST_GROUP = {"group id", "group", "pair id", "pair", "match id", "match", "group number", "pair number", "table"}
_HIST_MEMBER = {"id", "email", "person", "participant", "participant id", "person id", "member", "member id",
                "email address"}


def _history_columns(columns: list[str]) -> tuple[str | None, list[str], tuple[str, str] | None]:
    norm = {c: normalize_header(c) for c in columns}
    round_col = next((c for c in columns if norm[c] in _HIST_ROUND), None)
    for kind in _HIST_PAIR_KINDS:
        found = []
        for suffix in ("a", "b", "c", "d"):
            for alt in (suffix, {"a": "1", "b": "2", "c": "3", "d": "4"}[suffix]):
                key = f"{kind} {alt}".strip()
                hit = next((c for c in columns if norm[c] in {key, f"{kind}{alt}"}), None)
                if hit:
                    found.append(hit)
                    break
            else:
                break
        if len(found) >= 2:
            return round_col, found, None
    group = next((c for c in columns if norm[c] in _HIST_GROUP), None)
    member = next((c for c in columns if norm[c] in _HIST_MEMBER), None)
    if group and member:
        return round_col, [], (group, member)
    return round_col, [], None


def _person_key(text: str) -> str:
    t = text.strip()
    return t.lower() if "@" in t else t


def load_history(source: Any, filename: str | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES,
                 participants: pd.DataFrame | None = None) -> tuple[pd.DataFrame, list[Issue]]:
    """Read earlier rounds' pairings so repeats can be avoided.

    Accepted layouts: a ``round`` column (a number, or a date: rounds are then numbered by date,
    most recent = highest) plus two or three person columns (``id_a``/``id_b``[/``id_c``],
    ``person_a``/``person_b``, ``email_a``/``email_b``), or a long format with ``group_id`` and
    ``id`` (or ``email``), one row per person per group. Without a round column every pair is
    treated as round 1.

    Parameters
    ----------
    source : str, Path, bytes or binary file-like
        CSV or XLSX.
    filename : str, optional
        Display name.
    max_bytes : int, default 50 MB
        Larger files are refused with a fatal issue.
    participants : DataFrame, optional
        This round's participants. When given, every person in the history is matched to a
        participant by id, email or name (ignoring case) and ``a``/``b`` are participant ids;
        rows naming someone who is not in the survey are reported, and a file that matches
        nobody is refused (otherwise the no-repeat rule would silently switch off).

    Returns
    -------
    history : DataFrame
        Columns ``round`` (int), ``a``, ``b`` (str: ids, or lowercased emails; participant ids
        when ``participants`` is given); groups of three or more expand to every pair.
    issues : list of Issue
        Warnings for skipped rows (with row numbers); fatal when the file is unusable.
    """
    empty = pd.DataFrame({"round": pd.Series(dtype="int64"), "a": pd.Series(dtype="str"), "b": pd.Series(dtype="str")})
    if not isinstance(max_bytes, int) or max_bytes <= 0:
        raise TypeError(f"max_bytes must be a positive int. Got {max_bytes!r} instead.")
    raw, _digest, issues = _read_table(source, filename, max_bytes)
    if raw is None or any(i.severity == "fatal" for i in issues):
        return empty, sort_issues(issues)
    raw = raw.loc[raw.ne("").any(axis=1)]
    columns = [str(c) for c in raw.columns]
    round_col, pair_cols, long_cols = _history_columns(columns)
    if not pair_cols and long_cols is None:
        found = ", ".join(show(c) for c in columns[:20])
        issues.append(fatal(f"The history file has no recognisable person columns. Found columns: {found}.",
                             "Use columns round, id_a, id_b (or person_a/person_b, email_a/email_b), or "
                             "round, group_id, id with one row per person."))
        return empty, sort_issues(issues)
    if raw.empty:
        issues.append(Issue("info", "The history file has no pairings in it.", "Nothing to do."))
        return empty, sort_issues(issues)

    rounds, round_issues = _history_rounds(raw, round_col)
    issues += round_issues
    if pair_cols:
        records = _pair_records(raw, pair_cols, rounds, issues)
    else:
        records = _group_records(raw, long_cols, rounds, issues)
    if not records:
        issues.append(Issue("warning", "No usable pairings were found in the history file.",
                            "Check the file's columns and rows."))
        return empty, sort_issues(issues)
    if participants is not None:
        records, more = _resolve(records, participants)
        issues += more
        if not records:
            return empty, sort_issues(issues)
    hist = pd.DataFrame([r[:3] for r in records], columns=["round", "a", "b"])
    hist = hist.astype({"round": "int64", "a": "str", "b": "str"})
    return hist, sort_issues(issues)


def _pair_records(raw: pd.DataFrame, pair_cols: list[str], rounds: dict[Any, int | None],
                  issues: list[Issue]) -> list[tuple[int, str, str, int, int]]:
    """Wide layout: one row per pairing (or triad) with a column per person; (round, a, b, row a, row b)."""
    records: list[tuple[int, str, str, int, int]] = []
    for r, rec in raw.iterrows():
        if rounds.get(r) is None:
            continue
        people = [_person_key(rec[c]) for c in pair_cols if rec[c].strip()]
        if len(people) < 2:
            issues.append(Issue("warning", f"Row {r}: fewer than two people are named; this row was skipped.",
                                "Fill in both people or delete the row.", int(r)))
            continue
        if len(set(people)) < len(people):
            issues.append(Issue("warning", f"Row {r}: the same person appears twice in one pairing; this row was "
                                "skipped.", "Correct the row.", int(r)))
            continue
        records += [(rounds[r], a, b, int(r), int(r)) for a, b in itertools.combinations(people, 2)]
    return records


def _group_records(raw: pd.DataFrame, long_cols: tuple[str, str], rounds: dict[Any, int | None],
                   issues: list[Issue]) -> list[tuple[int, str, str, int, int]]:
    """Long layout: one row per person per group; (round, a, b, row of a, row of b)."""
    group_col, member_col = long_cols
    groups: dict[tuple[int, str], list[tuple[int, str]]] = {}
    for r, rec in raw.iterrows():
        if rounds.get(r) is None:
            continue
        g, m = rec[group_col].strip(), rec[member_col].strip()
        if not g or not m:
            issues.append(Issue("warning", f"Row {r}: the group or the person is blank; this row was skipped.",
                                "Fill in both or delete the row.", int(r)))
            continue
        groups.setdefault((rounds[r], g), []).append((int(r), _person_key(m)))
    records: list[tuple[int, str, str, int, int]] = []
    for (rnd, _g), members in groups.items():
        row_of = {}
        for row, person in members:
            row_of.setdefault(person, row)
        people = list(row_of)
        if len(people) < 2:
            issues.append(Issue("warning", f"Row {members[0][0]}: this group has only one person; it was skipped.",
                                "Check the group ids.", members[0][0]))
            continue
        records += [(rnd, a, b, row_of[a], row_of[b]) for a, b in itertools.combinations(people, 2)]
    return records


def _history_rounds(raw: pd.DataFrame, round_col: str | None) -> tuple[dict[Any, int | None], list[Issue]]:
    issues: list[Issue] = []
    if round_col is None:
        issues.append(Issue("info", "The history file has no round column; all pairings count as one round (the most "
                            "recent).", "Add a 'round' column to tell rounds apart."))
        return {r: 1 for r in raw.index}, issues
    values = raw[round_col].astype(str).str.strip()
    ints = {r: m.group(1) for r, v in values.items()
            if (m := re.fullmatch(r"(?:round|r|#|no\.?)?\s*[+]?(\d+)(?:\.0+)?", v, flags=re.IGNORECASE))}
    out: dict[Any, int | None] = {}
    if len(ints) >= 0.5 * max(1, (values != "").sum()):
        for r, v in values.items():
            # A 23-digit "round" is a pasted id or a typo, not a round (and would overflow int64).
            out[r] = int(ints[r]) if r in ints and len(ints[r].lstrip("0")) <= 9 else None
    else:
        dates = parse_datetimes(values)
        order = {d: k + 1 for k, d in enumerate(sorted(set(dates.dropna())))}
        for r in values.index:
            out[r] = order.get(dates[r]) if not pd.isna(dates[r]) else None
    for r, v in out.items():
        if v is None:
            issues.append(Issue("warning", f"Row {r}, column {show(round_col)}: {quote(values[r])} is not a round "
                                "number or date; this row was skipped.", "Use a whole number or a date.", int(r), round_col))
    return out, issues


def _resolve(records: list[tuple[int, str, str, int, int]],
             participants: pd.DataFrame) -> tuple[list[tuple[int, str, str, int, int]], list[Issue]]:
    """History people -> participant ids (by id, email or name, ignoring case); unmatched rows reported."""
    lookup = _person_lookup(participants)
    kept: list[tuple[int, str, str, int, int]] = []
    unmatched: set[int] = set()
    people, found = set(), set()
    for rnd, a, b, row_a, row_b in records:
        ids = []
        for person, row in ((a, row_a), (b, row_b)):
            people.add(person)
            pid = lookup.get(person) or lookup.get(_fold_key(person))
            if pid is None:
                unmatched.add(row)
            else:
                found.add(person)
            ids.append(pid)
        if ids[0] is not None and ids[1] is not None and ids[0] != ids[1]:
            kept.append((rnd, ids[0], ids[1], row_a, row_b))
    issues: list[Issue] = []
    if not found:
        issues.append(fatal(f"The history file matches nobody in this survey: none of its {len(people)} people is an "
                            "id, email address or name of a participant, so it could not stop any repeat pairing.",
                            "Check that the history belongs to this program and names people by the survey's id "
                            "column, email address or name."))
        return [], issues
    if unmatched:
        rows = sorted(unmatched)
        issues.append(Issue("warning", f"History row{'s' if len(rows) > 1 else ''} {rows_text(rows)} name{'' if len(rows) > 1 else 's'} "
                            "someone who is not in this survey (matched by id, email or name, ignoring case); "
                            f"{'those pairings were' if len(rows) > 1 else 'that pairing was'} left out (they "
                            "cannot repeat this round).", "Nothing to do if those people did not sign up this time; otherwise "
                            "check the spelling of their id, email or name.", rows[0]))
    return kept, issues


def _fold_key(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def _person_lookup(participants: pd.DataFrame) -> dict[str, str]:
    """Key -> participant id: exact ids, then case-folded ids, emails and (unique) names."""
    ids = participants["id"].astype(str).tolist() if "id" in participants else []
    lookup: dict[str, str] = {}
    ambiguous: set[str] = set()
    columns = [("id", ids)]
    for col in ("email", "name"):
        if col in participants:
            columns.append((col, participants[col].fillna("").astype(str).tolist()))
    for _col, values in columns:
        for pid, value in zip(ids, values):
            key = _fold_key(value)
            if not key:
                continue
            if key in lookup and lookup[key] != pid:
                ambiguous.add(key)  # two people share this name: it cannot identify either
            lookup.setdefault(key, pid)
    for key in ambiguous:
        lookup.pop(key, None)
    for pid in ids:
        lookup[pid] = pid  # an exact id always wins
    return lookup
