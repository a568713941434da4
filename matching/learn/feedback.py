"""Feedback files -> the feedback table (round, rater, partner, rating, met, comment) and labels.

Organizers collect "did you meet, how was it?" in whatever form they like. This module finds the
columns, matches every person to a participant id (id, email or name, case-insensitively), and
reports every row it could not use, with its row number, in one list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..issues import Issue

FEEDBACK_COLUMNS = ["round", "rater", "partner", "rating", "met", "comment"]

# Normalised header -> field. Headers are lowercased and reduced to letters, digits and spaces.
_HEADERS: dict[str, tuple[str, ...]] = {
    "rater": ("rater", "rater id", "rater email", "rater name", "reviewer", "respondent", "from", "from id",
              "from email", "person", "person id", "your email", "your name", "your id", "who", "id", "email", "name"),
    "partner": ("partner", "partner id", "partner email", "partner name", "ratee", "about", "to", "to id",
                "to email", "buddy", "buddy email", "buddy name", "match", "match email", "met with", "with",
                "who did you meet", "other", "other person"),
    "rating": ("rating", "score", "stars", "rating 1 5", "how was it", "was it good", "good", "would meet again",
               "liked", "like", "useful", "was it useful", "value", "grade"),
    "met": ("met", "did you meet", "meeting happened", "happened", "did it happen", "did you meet your buddy",
            "did you meet your partner", "meeting took place"),
    "round": ("round", "round number", "round no", "round id", "week", "date", "cycle", "session"),
    "comment": ("comment", "comments", "notes", "note", "feedback", "text", "remarks", "anything else"),
}
_YES = {"yes", "y", "true", "1", "ja", "oui", "si", "sí", "yep", "yeah", "x", "✓", "✔", "👍"}
_NO = {"no", "n", "false", "0", "nein", "non", "nope", "nah", "👎"}


def _norm_header(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9]+", " ", str(text).lower())).strip()


def _find_columns(columns: list[str]) -> dict[str, str]:
    """Map each feedback field to the first matching header (exact normalised match, in alias order)."""
    norm = {c: _norm_header(c) for c in columns}
    found: dict[str, str] = {}
    for fld, aliases in _HEADERS.items():
        for alias in aliases:
            hit = next((c for c in columns if norm[c] == alias and c not in found.values()), None)
            if hit is not None:
                found[fld] = hit
                break
    return found


@dataclass(frozen=True)
class LabelRule:
    """What counts as a good meeting.

    Parameters
    ----------
    min_rating : float, default 4
        Ratings (1-5) at or above this are good. "yes" counts as 5 and "no" as 1.
    require_met : bool, default True
        A meeting that did not happen ("met" = no) counts as not good. When False, such rows are
        left out of training instead.
    """

    min_rating: float = 4.0
    require_met: bool = True

    def __post_init__(self) -> None:
        if not (isinstance(self.min_rating, (int, float)) and 1.0 <= float(self.min_rating) <= 5.0):
            raise ValueError(f"The 'min_rating' setting must be a number between 1 and 5. Got {self.min_rating!r} instead.")

    def label(self, feedback: pd.DataFrame) -> pd.Series:
        """1.0 for a good meeting, 0.0 for not good, NaN when the row says too little to tell."""
        rating = pd.to_numeric(feedback["rating"], errors="coerce")
        met = feedback["met"]
        met_false = met.map(lambda v: v is False or v is np.False_ or (isinstance(v, (int, float)) and not pd.isna(v) and not v))
        out = pd.Series(np.where(rating.isna(), np.nan, (rating >= float(self.min_rating)).astype(float)),
                        index=feedback.index)
        if self.require_met:
            out[met_false] = 0.0
        else:
            out[met_false] = np.nan
        return out


def person_index(participants: pd.DataFrame) -> dict[str, list[str]]:
    """Lookup from id, lowercased email and case-folded name to the participant ids they name."""
    index: dict[str, list[str]] = {}

    def add(key: Any, pid: str) -> None:
        k = re.sub(r"\s+", " ", str(key or "")).strip().casefold()
        if k and k != "nan" and pid not in index.setdefault(k, []):
            index[k].append(pid)

    ids = participants["id"].astype(str).tolist()
    for col in ("id", "email", "name"):
        if col in participants:
            for pid, value in zip(ids, participants[col].tolist()):
                add(value, pid)
    return index


def _resolve(value: str, index: dict[str, list[str]]) -> tuple[str | None, str]:
    """The one participant id a cell names, or (None, why not)."""
    key = re.sub(r"\s+", " ", str(value or "")).strip().casefold()
    if not key:
        return None, "is blank"
    hits = index.get(key, [])
    if len(hits) == 1:
        return hits[0], ""
    if len(hits) > 1:
        return None, f"'{value}' names {len(hits)} participants"
    return None, f"'{value}' is not a participant of this survey"


def _rating(text: str) -> tuple[float | None, bool]:
    """(rating on 1-5 or None if blank, ok)."""
    t = str(text or "").strip().lower()
    if not t:
        return None, True
    if t in _YES:
        return 5.0, True
    if t in _NO:
        return 1.0, True
    m = re.fullmatch(r"(\d+(?:[.,]\d+)?)\s*(?:/\s*5|stars?|★+|out of 5)?", t)
    if m:
        value = float(m.group(1).replace(",", "."))
        return (value, True) if 1.0 <= value <= 5.0 else (None, False)
    stars = t.count("★") + t.count("⭐")
    if stars and 1 <= stars <= 5:
        return float(stars), True
    return None, False


def _met(text: str) -> tuple[bool | None, bool]:
    t = str(text or "").strip().lower()
    if not t:
        return None, True
    if t in _YES or t.startswith("yes"):
        return True, True
    if t in _NO or t.startswith("no"):
        return False, True
    return None, False


def _rounds(values: pd.Series) -> tuple[dict[Any, int | None], bool]:
    """Round numbers from whole numbers ('3', 'Round 3') or dates (numbered in date order)."""
    ints = {r: int(m.group(1)) for r, v in values.items()
            if (m := re.fullmatch(r"(?:round|r|#|week|no\.?)?\s*[+]?(\d+)(?:\.0+)?", str(v).strip(), re.IGNORECASE))}
    filled = values.astype(str).str.strip().ne("")
    if len(ints) >= 0.5 * max(1, int(filled.sum())):
        return {r: ints.get(r) for r in values.index}, True
    dates = pd.to_datetime(values.where(filled), errors="coerce", format="mixed")
    order = {d: k + 1 for k, d in enumerate(sorted(set(dates.dropna())))}
    return {r: (order.get(dates[r]) if not pd.isna(dates[r]) else None) for r in values.index}, False


def parse_feedback(table: pd.DataFrame, participants: pd.DataFrame) -> tuple[pd.DataFrame, list[Issue]]:
    """Turn a raw feedback table (strings, indexed by spreadsheet row) into the feedback table.

    Parameters
    ----------
    table : DataFrame
        As :func:`matching.intake.read_table` returns it: headers as written, cells as strings,
        index = the row number the organizer sees.
    participants : DataFrame
        Canonical participants table; raters and partners are matched to its ``id``, ``email`` or
        ``name`` (case-insensitive).

    Returns
    -------
    feedback : DataFrame
        Columns ``round, rater, partner, rating, met, comment`` (see ``FEEDBACK_COLUMNS``).
    issues : list of Issue
        One warning per row that could not be used (row and column named), fatal issues when the
        file has no rater, partner or rating/met column.
    """
    issues: list[Issue] = []
    columns = [str(c) for c in table.columns]
    cols = _find_columns(columns)
    missing = [f for f in ("rater", "partner") if f not in cols]
    if missing or ("rating" not in cols and "met" not in cols):
        need = missing + ([] if ("rating" in cols or "met" in cols) else ["rating (or met)"])
        issues.append(Issue("fatal", f"The feedback file has no {', '.join(need)} column. Found columns: "
                            f"{', '.join(columns[:20]) or 'none'}.",
                            "Use the columns rater, partner, rating (1-5 or yes/no) and optionally met, round, comment."))
        return empty_feedback(), issues
    index = person_index(participants)
    table = table.loc[table.astype(str).apply(lambda s: s.str.strip()).ne("").any(axis=1)]
    if "round" in cols:
        rounds, _ = _rounds(table[cols["round"]])
    else:
        rounds = {r: 1 for r in table.index}
        issues.append(Issue("info", "The feedback file has no round column; all rows count as round 1.",
                            "Add a 'round' column so models can be checked on rounds they were not trained on."))
    records = []
    for r, rec in table.iterrows():
        row_issues = []
        people = {}
        for fld in ("rater", "partner"):
            pid, why = _resolve(rec[cols[fld]], index)
            if pid is None:
                row_issues.append(Issue("warning", f"The {fld} {why}; this row was skipped.",
                                        "Use the person's id, email or name exactly as in the survey.", _row(r), cols[fld]))
            people[fld] = pid
        rating, ok = _rating(rec[cols["rating"]]) if "rating" in cols else (None, True)
        if not ok:
            row_issues.append(Issue("warning", f"The rating '{str(rec[cols['rating']])[:30]}' is not a number from 1 to 5 "
                                    "or yes/no; this row was skipped.", "Use 1-5, or yes/no.", _row(r), cols["rating"]))
        met, ok = _met(rec[cols["met"]]) if "met" in cols else (None, True)
        if not ok:
            row_issues.append(Issue("warning", f"The met answer '{str(rec[cols['met']])[:30]}' is not yes or no; this row "
                                    "was skipped.", "Use yes or no.", _row(r), cols["met"]))
        if rounds.get(r) is None:
            row_issues.append(Issue("warning", f"The round '{str(rec[cols['round']])[:30]}' is not a round number or date; "
                                    "this row was skipped.", "Use a whole number or a date.", _row(r), cols.get("round")))
        if not row_issues and people["rater"] == people["partner"]:
            row_issues.append(Issue("warning", "The rater and the partner are the same person; this row was skipped.",
                                    "Correct the row.", _row(r)))
        if not row_issues and rating is None and met is None:
            row_issues.append(Issue("warning", "The row has neither a rating nor a met answer; it was skipped.",
                                    "Fill in the rating.", _row(r)))
        if row_issues:
            issues.extend(row_issues)
            continue
        comment = str(rec[cols["comment"]]).strip() if "comment" in cols else ""
        records.append((int(rounds[r]), people["rater"], people["partner"],
                        np.nan if rating is None else rating, np.nan if met is None else met, comment))
    feedback = pd.DataFrame(records, columns=FEEDBACK_COLUMNS) if records else empty_feedback()
    return finish_feedback(feedback, issues)


def _row(r: Any) -> int | None:
    try:
        return int(r)
    except (TypeError, ValueError):
        return None


def empty_feedback() -> pd.DataFrame:
    return pd.DataFrame({"round": pd.Series(dtype="int64"), "rater": pd.Series(dtype="str"),
                         "partner": pd.Series(dtype="str"), "rating": pd.Series(dtype="float64"),
                         "met": pd.Series(dtype="object"), "comment": pd.Series(dtype="str")})


def finish_feedback(feedback: pd.DataFrame, issues: list[Issue]) -> tuple[pd.DataFrame, list[Issue]]:
    """Types of the contract, and one row per (round, rater, partner): a later row replaces an earlier one."""
    feedback = feedback.astype({"round": "int64", "rater": "str", "partner": "str", "rating": "float64"})
    dup = feedback.duplicated(["round", "rater", "partner"], keep="last")
    if dup.any():
        issues.append(Issue("warning", f"{int(dup.sum())} feedback row(s) repeat the same rater, partner and round; "
                            "the last answer of each was kept.", "Remove the duplicate answers if that is wrong."))
        feedback = feedback.loc[~dup]
    return feedback.reset_index(drop=True), issues


def read_feedback(source: Any, participants: pd.DataFrame, filename: str | None = None) -> tuple[pd.DataFrame, list[Issue]]:
    """Read a feedback CSV/XLSX (path, bytes or uploaded file) and match its people to the survey.

    Parameters
    ----------
    source : str, Path, bytes or binary file-like
        The feedback file.
    participants : DataFrame
        Canonical participants table of the survey the feedback is about.
    filename : str, optional
        Display name (its extension tells CSV from XLSX when ``source`` is bytes).

    Returns
    -------
    feedback, issues
        As :func:`parse_feedback`.
    """
    from ..intake import read_table

    table, issues = read_table(source, filename=filename)
    if any(i.severity == "fatal" for i in issues):
        return empty_feedback(), issues
    feedback, more = parse_feedback(table, participants)
    return feedback, list(issues) + more


def from_store(feedback: pd.DataFrame, participants: pd.DataFrame) -> tuple[pd.DataFrame, list[Issue]]:
    """Check a feedback table in the store contract (ids) against a survey; rows naming people who
    are not in the survey are reported and left out (their pair features cannot be computed)."""
    missing_cols = [c for c in FEEDBACK_COLUMNS if c not in feedback.columns]
    if missing_cols:
        return empty_feedback(), [Issue("fatal", f"The stored feedback lacks the column(s) {', '.join(missing_cols)}.",
                                        "Update Pairwise, or re-import the feedback.")]
    index = person_index(participants)
    fb = feedback[FEEDBACK_COLUMNS].copy()
    issues: list[Issue] = []
    for fld in ("rater", "partner"):
        resolved = fb[fld].map(lambda v: _resolve(v, index)[0])
        unknown = sorted(set(fb.loc[resolved.isna(), fld].astype(str)))
        if unknown:
            issues.append(Issue("warning", f"{int(resolved.isna().sum())} stored feedback row(s) name a {fld} who is not in "
                                f"this survey ({len(unknown)} people); those rows were left out.",
                                "Load the survey of the round the feedback is about, or add those people."))
        fb[fld] = resolved
    fb = fb.dropna(subset=["rater", "partner"])
    fb = fb.loc[fb["rater"] != fb["partner"]]
    fb["comment"] = fb["comment"].fillna("").astype(str)
    return finish_feedback(fb, issues)


def from_program(store, program: str, participants: pd.DataFrame) -> tuple[pd.DataFrame, list[Issue]]:
    """Feedback of a stored program, its people matched to this survey by respondent id, email or name.

    Parameters
    ----------
    store : matching.program.store.Store
        The history database.
    program : str
        The program's name.
    participants : DataFrame
        Canonical participants table of the survey the model is learned for.
    """
    stored = store.feedback(program)
    people = store.people(program)
    index = person_index(participants)
    by_person: dict[str, str | None] = {}
    for rec in people.itertuples(index=False):
        found = None
        for key in (rec.external_id, rec.email, rec.name):
            pid, _ = _resolve(key, index) if key is not None and not pd.isna(key) else (None, "")
            if pid is not None:
                found = pid
                break
        by_person[str(rec.person_id)] = found
    translated = stored.assign(rater=stored["rater"].astype(str).map(by_person),
                               partner=stored["partner"].astype(str).map(by_person))
    lost = translated["rater"].isna() | translated["partner"].isna()
    issues: list[Issue] = []
    if lost.any():
        issues.append(Issue("warning", f"{int(lost.sum())} stored feedback row(s) are about people who are not in this "
                            "survey; they were left out.",
                            "Learn with the survey of a recent round, where most people of the program answered."))
    fb, more = from_store(translated.loc[~lost], participants)
    return fb, issues + more


def to_program(store, program: str, feedback: pd.DataFrame, participants: pd.DataFrame) -> tuple[int, list[Issue]]:
    """Save feedback (people as this survey's ids) into a program's store; returns (rows written, issues).

    People are found in the program by email, survey id or name, as the store recognises
    returning participants; rows naming someone the program does not know are reported and kept
    out (publish the round they met in first).
    """
    index = store.known_people(program)
    people = participants.assign(id=participants["id"].astype(str)).set_index("id")
    person: dict[str, int | None] = {}
    for pid, row in people.iterrows():
        known, _ = index.match(row.get("name"), row.get("email"), external_id=pid)
        person[pid] = None if known is None else int(known.person_id)
    rows = feedback.assign(rater=feedback["rater"].astype(str).map(person),
                           partner=feedback["partner"].astype(str).map(person))
    rows = rows.drop_duplicates(["round", "rater", "partner"], keep="last")  # one answer per meeting
    lost = rows["rater"].isna() | rows["partner"].isna()
    issues = []
    if lost.any():
        issues.append(Issue("warning", f"{int(lost.sum())} feedback row(s) name people the program '{program}' does not "
                            "know yet; they were not saved.", "Publish the round those people met in first."))
    written = store.add_feedback(program, rows.loc[~lost].astype({"rater": int, "partner": int})) if (~lost).any() else 0
    return written, issues


def summarise(feedback: pd.DataFrame, rule: LabelRule) -> dict:
    """Counts for the data summary: rows, rounds, people, labelled meetings, good share."""
    labels = rule.label(feedback)
    labelled = labels.notna()
    return {
        "rows": int(len(feedback)),
        "rounds": int(feedback["round"].nunique()),
        "raters": int(feedback["rater"].nunique()),
        "people": int(len(set(feedback["rater"]) | set(feedback["partner"]))),
        "labelled": int(labelled.sum()),
        "good": int((labels == 1).sum()),
        "good_share": float(labels[labelled].mean()) if labelled.any() else float("nan"),
        "met_no": int(feedback["met"].map(lambda v: v is False or v is np.False_).sum()),
    }
