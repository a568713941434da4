"""Read, map, validate and normalise a survey export into a participants table.

Every problem found is collected into one list of :class:`~matching.issues.Issue` (fatal,
warning or info) with the row number the organizer sees in the file (header = row 1) and the
column header as written, so one upload shows everything to fix. Bad input never raises; only
programmer errors (wrong argument types) do.

Issue messages never quote email addresses, Slack handles, LinkedIn URLs, company names or
participant names: they point at the row instead.

The steps live in sibling modules: :mod:`.read` (bytes -> table), :mod:`.mapping` (header ->
field), :mod:`.normalise` (values -> canonical values); this module orchestrates them and
removes repeat submissions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

import pandas as pd

from ..issues import Issue, sort_issues
from .fields import AUX_FIELDS, CANONICAL_FIELDS, DROPPED_COLUMNS, PARTICIPANT_COLUMNS
from .mapping import ColumnMapping, FieldInfo, apply_mapping
from .messages import Collector, fatal, rows_text, show
from .normalise import EMAIL_RE, normalise_rows
from .profile import ColumnSuggestion, suggest_use
from .read import DEFAULT_MAX_BYTES, _read_table, blank_rows, count_blank_rows, read_frame

DEFAULT_MAX_PARTICIPANTS = 5000  # = Settings.max_participants' default
MAX_LISTED_BLANK_ROWS = 10_000  # blank rows listed one by one in Survey.dropped (the issue gives the total)

_DTYPES = {
    "stage_ordinal": "int64", "years_experience": "float64", "lat": "float64", "lon": "float64",
    "similar_role_required": "bool", "capacity": "int64", "keep_registered": "bool",
    "submitted_at": "datetime64[ns]", "row": "int64",
}


def _empty_participants(extra: Iterable[str] = ()) -> pd.DataFrame:
    cols = {c: pd.Series(dtype=_DTYPES.get(c, "str")) for c in PARTICIPANT_COLUMNS}
    cols.update({c: pd.Series(dtype="str") for c in extra})
    return pd.DataFrame(cols)


def _empty_dropped() -> pd.DataFrame:
    return pd.DataFrame({"row": pd.Series(dtype="int64"), "id": pd.Series(dtype="str"),
                         "name": pd.Series(dtype="str"), "reason": pd.Series(dtype="str")})


@dataclass
class Survey:
    """A loaded survey: the participants table plus everything learned while reading it.

    Attributes
    ----------
    participants : DataFrame
        One row per kept person with the columns in :data:`PARTICIPANT_COLUMNS` followed by the
        unmapped source columns; RangeIndex 0..N-1. Empty (with those columns) when unusable.
    mapping : dict
        Canonical field -> source column header, exactly as written in the file.
    issues : list of Issue
        Every problem found, fatal first.
    extra_columns : list of str
        Unmapped source columns carried along in ``participants``.
    dropped : DataFrame
        Rows not kept, with columns ``row, id, name, reason``.
    content_hash : str
        SHA-256 hex digest of the raw file bytes ("" when the file could not be read).
    aux_mapping : dict
        Helper fields used -> header: ``first_name``/``last_name`` (combined into ``name`` when
        there is no name column) and ``country`` (qualifies ``location``). Kept apart from
        ``mapping`` so that ``mapping`` only ever holds :data:`CANONICAL_FIELDS`.
    mapping_info : dict
        Field (canonical or helper) -> :class:`~matching.intake.mapping.FieldInfo`
        ``(confidence, reason)``; ``info.low`` flags the ones the organizer should confirm.
    column_notes : dict
        Header -> why its header suggested a field its values rule out ("not the company: free
        text, about 20 words per answer").
    column_suggestions : dict
        Unmapped header -> :class:`~matching.intake.profile.ColumnSuggestion` (suggested use as a
        signal: embed, tags, same, closeness, gap, or ignore).
    """

    participants: pd.DataFrame
    mapping: dict[str, str]
    issues: list[Issue]
    extra_columns: list[str] = field(default_factory=list)
    dropped: pd.DataFrame = field(default_factory=lambda: _empty_dropped())
    content_hash: str = ""
    aux_mapping: dict[str, str] = field(default_factory=dict)
    mapping_info: dict[str, FieldInfo] = field(default_factory=dict)
    column_notes: dict[str, str] = field(default_factory=dict)
    column_suggestions: dict[str, ColumnSuggestion] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when no fatal issue was found (the survey can be paired)."""
        return not any(i.severity == "fatal" for i in self.issues)

    @property
    def low_confidence(self) -> list[str]:
        """Mapped fields the organizer should confirm (weak evidence), in field order."""
        return [f for f, info in self.mapping_info.items() if info.low]


# Signals a survey can feed, and the fields any one of which feeds it.
_SIGNAL_SOURCES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("role", ("role",)), ("career stage or years of experience",
                                                         ("career_stage", "years_experience")),
    ("location or time zone", ("location", "timezone", "lat", "country")), ("summary", ("summary",)),
    ("skills", ("skills",)), ("interests", ("interests",)), ("what they want", ("wants",)),
)


def _missing_name_issue(columns: list[str], fields: dict[str, str]) -> Issue:
    """Fatal: no name or id column. Headers are quoted only when they read as headers, never data."""
    # Judged on the cells alone, never on what got mapped: a value- or resemblance-based guess (e.g. a
    # city in the first row read as "location") must not make a participant's answers look like headers.
    looks_like_data = not all(_header_like(c) for c in columns if c.strip()) or any(
        EMAIL_RE.match(c.strip().lower()) or "@" in c or c.strip().lower().startswith(("http://", "https://", "www."))
        for c in columns)
    looks_for = ("Pairwise looks for a header such as 'Name', 'Full name', 'Your name' or 'What's your name?', "
                 "'First name' plus 'Last name', or an id column such as 'Respondent ID' or 'id'.")
    if looks_like_data:
        return fatal(
            f"No column with participant names (or ids) was found, and the first row ({len(columns)} cells) does not "
            "read as column headers: the file may be missing its header row, so its first row would be someone's "
            f"answers (not shown here, to keep them private). {looks_for}",
            "Add a header row, rename the name column to 'Name', or pick it in the column mapping.")
    found = ", ".join(show(c) for c in columns[:25]) + (" ..." if len(columns) > 25 else "")
    return fatal(f"No column with participant names (or ids) was found. The file's columns are: {found}. {looks_for}",
                 "Add a header row, rename the name column to 'Name', or pick it in the column mapping.")


def _header_like(header: str) -> bool:
    """A label, or a header a header rule recognises ("City", "Email"): not a name or company."""
    from .mapping import _header_candidates, normalize_header

    return _label_like(header) or bool(_header_candidates(header, normalize_header(header)))


def _label_like(header: str) -> bool:
    """A question or label ("Shoe size", "Favourite colour?"), not a name or company ("Ana Silva", "Acme")."""
    text = header.strip()
    return text.endswith(("?", ":")) or any(w.isalpha() and w.islower() and len(w) >= 3 for w in text.split())


def _split_mapping(fields: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    return ({f: h for f, h in fields.items() if f in CANONICAL_FIELDS},
            {f: h for f, h in fields.items() if f in AUX_FIELDS})


def _failed(issues: list[Issue], digest: str, fields: dict[str, str] | None = None,
            mapped: ColumnMapping | None = None) -> Survey:
    mapping, aux = _split_mapping(fields or {})
    info = dict(mapped.info) if mapped is not None else {}
    notes = dict(mapped.vetoes) if mapped is not None else {}
    return Survey(_empty_participants(), mapping, sort_issues(issues), [], _empty_dropped(), digest, aux, info, notes)



def load_survey(source: Any, *, mapping: dict[str, str] | None = None, filename: str | None = None,
                max_bytes: int = DEFAULT_MAX_BYTES, max_participants: int = DEFAULT_MAX_PARTICIPANTS) -> Survey:
    """Read, map, validate and normalise a survey export.

    Parameters
    ----------
    source : str, Path, bytes, binary file-like or DataFrame
        CSV (comma, semicolon, tab or pipe; UTF-8, UTF-8-BOM, UTF-16, Windows-1252) or XLSX; or a
        pandas DataFrame already in memory (its columns are the headers, its index is ignored,
        and every cell is read as text the way a CSV cell would be).
    mapping : dict, optional
        Field -> column header overrides on top of :func:`~matching.intake.mapping.auto_map`
        (fields left out keep their automatic column); a header of ``""`` or ``None`` unmaps that
        field. May also name the helper fields ``first_name``, ``last_name`` and ``country``.
        Naming a header the file lacks is a fatal issue.
    filename : str, optional
        Display name (defaults to the path's / upload's name).
    max_bytes : int, default 50 MB
        Larger files are refused with a fatal issue.
    max_participants : int, default 5,000
        Files with more answered rows are refused with a fatal issue naming the limit (the
        ``max_participants`` setting), before anything quadratic in the number of people is built.

    Returns
    -------
    Survey
        Never raises on bad input: when the file is unusable, ``ok`` is False, ``issues`` say
        why, and ``participants`` is empty with the canonical columns.
    """
    if not isinstance(max_bytes, int) or max_bytes <= 0:
        raise TypeError(f"max_bytes must be a positive int. Got {max_bytes!r} instead.")
    if isinstance(max_participants, bool) or not isinstance(max_participants, int) or max_participants < 2:
        raise TypeError(f"max_participants must be an int of at least 2. Got {max_participants!r} instead.")
    if mapping is not None and not isinstance(mapping, dict):
        raise TypeError(f"mapping must be a dict of field -> column header. Got {type(mapping).__name__} instead.")
    if filename is not None and not isinstance(filename, str):
        raise TypeError(f"filename must be a str. Got {type(filename).__name__} instead.")
    if isinstance(source, pd.DataFrame):
        raw, digest, issues = read_frame(source)
    else:
        raw, digest, issues = _read_table(source, filename, max_bytes)
    blanks = (blank_rows(raw, MAX_LISTED_BLANK_ROWS), count_blank_rows(raw)) if raw is not None else ([], 0)
    if raw is not None:
        raw.attrs.clear()  # pandas deep-copies attrs on every operation
    if raw is None or any(i.severity == "fatal" for i in issues):
        return _failed(issues, digest)
    columns = [str(c) for c in raw.columns]
    mapped, more = apply_mapping(columns, mapping, raw)
    fields = mapped.fields
    issues += more
    if not ({"name", "id", "first_name", "last_name"} & set(fields)):
        issues.append(_missing_name_issue(columns, fields))
    if any(i.severity == "fatal" for i in issues):
        return _failed(issues, digest, fields, mapped)
    filled = raw.ne("").any(axis=1)
    if not filled.any():
        what = "only empty rows below the header" if (blanks[1] or not raw.empty) else "no rows below the header"
        issues.append(fatal(f"The file has column headers but {what}, so there are no participants.",
                            "Check that you exported the responses, not the blank form."))
        return _failed(issues, digest, fields, mapped)
    n = int(filled.sum())
    if n > max_participants:
        issues.append(_too_many(n, max_participants))
        return _failed(issues, digest, fields, mapped)
    return _build(raw, filled, columns, mapped, issues, digest, blanks)


def _too_many(n: int, limit: int) -> Issue:
    gib = n * n * 4 / 2**30
    return fatal(f"The file has {n:,} rows with answers; the limit is {limit:,} participants (the 'max_participants' "
                 f"setting). Pairing compares everyone with everyone: {n:,} people need several {n:,} x {n:,} tables "
                 f"of about {gib:,.1f} GiB each.",
                 "Split the file into smaller rounds (for example by team or region), or raise 'max_participants' "
                 "in the settings (settings JSON / --settings, or the share link's maxn) on a machine with enough "
                 "memory.")


def _build(raw: pd.DataFrame, filled: pd.Series, columns: list[str], mapped: ColumnMapping,
           issues: list[Issue], digest: str, blanks: tuple[list[int], int]) -> Survey:
    """The participants table from a mapped table with at least one non-empty row."""
    fields = mapped.fields
    empty_rows = sorted(blanks[0] + [int(r) for r in raw.index[~filled]])
    n_empty = blanks[1] + int((~filled).sum())
    data = raw.loc[filled]
    out = Collector()
    _coverage_notes(empty_rows, n_empty, fields, out)
    _index_notes(mapped.index_columns, out)
    frame = normalise_rows(data, fields, out)
    frame, dropped = _deduplicate(frame, fields, out)
    _make_ids_unique(frame)
    kept = [c for c in columns if c not in set(mapped.index_columns)]
    renamed = _carry_extras(frame, data, kept, fields)
    participants = _finish(frame, renamed)
    blanks = pd.DataFrame({"row": empty_rows, "id": "", "name": "", "reason": "empty row"}, columns=list(DROPPED_COLUMNS))
    dropped_df = pd.concat([pd.DataFrame(dropped, columns=list(DROPPED_COLUMNS)), blanks]) if dropped or empty_rows \
        else _empty_dropped()
    dropped_df = dropped_df.astype({"row": "int64", "id": "str", "name": "str", "reason": "str"})
    dropped_df = dropped_df.sort_values("row", kind="stable").reset_index(drop=True)
    mapping, aux = _split_mapping(fields)
    extras = [c for c in kept if c not in set(fields.values())]
    suggestions = {new: suggest_use(new, mapped.profiles[old]) for old, new in zip(extras, renamed)
                   if old in mapped.profiles}
    return Survey(participants, mapping, sort_issues(issues + out.issues), renamed, dropped_df, digest, aux,
                  dict(mapped.info), dict(mapped.vetoes), suggestions)


def _index_notes(index_columns: list[str], out: Collector) -> None:
    for h in index_columns:
        out.add("info", f"The column {show(h)} only numbers the rows (a spreadsheet index); it was left out.",
                "Nothing to do.", None, h)


def _coverage_notes(empty_rows: list[int], n_empty: int, fields: dict[str, str], out: Collector) -> None:
    """Notes on skipped empty rows, signals without a column, and missing email/id."""
    if n_empty:
        shown = rows_text(empty_rows) if n_empty <= 20 else \
            f"{', '.join(str(r) for r in empty_rows[:20])} and {n_empty - 20:,} more"
        out.add("info", f"{n_empty:,} empty row{'s' if n_empty > 1 else ''} skipped: "
                        f"row{'s' if n_empty > 1 else ''} {shown}.",
                "Nothing to do; empty rows are ignored.")
    missing = [label for label, alternatives in _SIGNAL_SOURCES if not set(alternatives) & set(fields)]
    if missing:
        out.add("info", "No column was found for: " + ", ".join(missing) + ". Those signals are skipped.",
                "If the file has such a column under another header, pick it in the column mapping.")
    if not {"email", "id"} & set(fields):
        out.add("info", "There is no email or id column, so repeat submissions by the same person cannot be "
                "recognised.", "Pick the email column in the column mapping if the file has one.")


def _carry_extras(frame: dict[str, list], data: pd.DataFrame, columns: list[str], fields: dict[str, str]) -> list[str]:
    """Copy the unmapped source columns into the frame (renamed if they clash); their new names."""
    extras = [c for c in columns if c not in set(fields.values())]
    renamed: list[str] = []
    kept = data.loc[frame["row"], extras].astype(str) if frame["row"] and extras else None
    for j, c in enumerate(extras):
        new = c
        while new in PARTICIPANT_COLUMNS or new in renamed:
            new = f"{new} (original)"
        renamed.append(new)
        frame[new] = kept.iloc[:, j].tolist() if kept is not None else []
    return renamed


def _finish(frame: dict[str, list], extras: list[str]) -> pd.DataFrame:
    if not frame["row"]:
        return _empty_participants(extras)
    return pd.DataFrame({c: pd.Series(frame[c], dtype=_DTYPES.get(c, "str")) for c in list(PARTICIPANT_COLUMNS) + extras})


def _deduplicate(frame: dict[str, list], fields: dict[str, str], out: Collector) -> tuple[dict[str, list], list[dict]]:
    """Keep each person's latest submission; same (case-insensitive) email or same given id = same person."""
    n = len(frame["row"])
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    reasons: dict[tuple[int, int], set[str]] = {}
    for key_col, why in (("_email_key", "email address"), ("_given_id", "id")):
        first: dict[str, int] = {}
        for i, key in enumerate(frame[key_col]):
            if not key:
                continue
            if key in first:
                a, b = find(first[key]), find(i)
                if a != b:
                    parent[b] = a
                reasons.setdefault((first[key], i), set()).add(why)
            else:
                first[key] = i
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    drop: list[dict] = []
    keep_mask = [True] * n
    rows = frame["row"]
    times = frame["submitted_at"]
    for members in groups.values():
        if len(members) < 2:
            continue
        if all(not pd.isna(times[i]) for i in members):
            winner = max(members, key=lambda i: (times[i], rows[i]))
            basis = "latest submission"
        else:
            winner = max(members, key=lambda i: rows[i])
            basis = "later row"
        for i in members:
            if i == winner:
                continue
            why = set()
            for (a, b), w in reasons.items():
                if i in (a, b) and (a in members and b in members):
                    why |= w
            what = " and ".join(sorted(why)) or "email address"
            column = fields.get("email") if "email address" in why else fields.get("id")
            msg = (f"Rows {min(rows[i], rows[winner])} and {max(rows[i], rows[winner])} are submissions from the same "
                   f"person (same {what}). Row {rows[winner]} is the {basis} and was kept; row {rows[i]} was left out.")
            out.add("warning", msg, f"Nothing to do if row {rows[winner]} is right; otherwise delete the row you don't "
                    "want and upload again.", rows[i], column)
            drop.append({"row": rows[i], "id": frame["id"][i], "name": frame["name"][i],
                         "reason": f"duplicate of row {rows[winner]} (same {what})"})
            keep_mask[i] = False
    kept = {k: [v for v, keep in zip(values, keep_mask) if keep] for k, values in frame.items()}
    return kept, drop


def _make_ids_unique(frame: dict[str, list]) -> None:
    seen: set[str] = set()
    ids = []
    for pid in frame["id"]:
        new, k = pid, 2
        while new in seen:
            new, k = f"{pid}-{k}", k + 1
        seen.add(new)
        ids.append(new)
    frame["id"] = ids


# =============================================================================================


def describe_program(participants: pd.DataFrame) -> str:
    """One line saying what Pairwise understood the round to be.

    Parameters
    ----------
    participants : DataFrame
        The participants table (``side``, ``capacity``, ``role``, ``timezone`` are read when present).

    Returns
    -------
    str
        "Mentoring: 14 mentors offering 27 places, 19 mentees" when anyone is on a mentor or mentee
        side, else "Peer round: 100 people, 11 roles, 6 regions" (regions = the continents of their
        time zones; roles and regions are left out when the file has none).
    """
    if not isinstance(participants, pd.DataFrame):
        raise TypeError(f"describe_program() needs the participants DataFrame. Got {type(participants).__name__} instead.")
    n = len(participants)
    sides = participants["side"].astype(str).str.lower() if "side" in participants else pd.Series([""] * n)
    if sides.isin(["mentor", "mentee"]).any():
        mentors = sides.eq("mentor")
        places = int(pd.to_numeric(participants.loc[mentors, "capacity"], errors="coerce").fillna(1).sum()) \
            if "capacity" in participants else int(mentors.sum())
        text = (f"Mentoring: {_count(int(mentors.sum()), 'mentor')} offering {_count(places, 'place')}, "
                f"{_count(int(sides.eq('mentee').sum()), 'mentee')}")
        others = int((~sides.isin(["mentor", "mentee"])).sum())
        return text + (f", {_count(others, 'person', 'people')} on neither side" if others else "")
    parts = [f"Peer round: {_count(n, 'person', 'people')}"]
    if "role" in participants:
        roles = participants["role"].astype(str).str.strip()
        if roles.ne("").any():
            parts.append(_count(roles[roles.ne("")].nunique(), "role"))
    if "timezone" in participants:
        zones = participants["timezone"].fillna("").astype(str)
        regions = {z.split("/")[0] for z in zones if "/" in z and not z.startswith("Etc/")}
        if regions:
            parts.append(_count(len(regions), "region"))
    return ", ".join(parts)


def _count(k: int, one: str, many: str | None = None) -> str:
    return f"{k} {one if k == 1 else (many or one + 's')}"
