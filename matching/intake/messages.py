"""Shared pieces of intake messages: fatal issues, quoting cells safely, row lists, the collector.

Messages never quote email addresses, Slack handles, URLs or long text: :func:`quote` hides them.
"""

from __future__ import annotations

import re

from ..issues import Issue

FIX_EXPORT = "Export the survey responses again as CSV or Excel (.xlsx) and upload that file."
_SECRETISH = re.compile(r"[^\s@]+@[^\s@]+|https?://\S+|www\.\S+|\S+\.(?:com|org|net|io|ai|co)\b\S*|(?<!\w)@\w[\w.\-]*",
                        re.IGNORECASE)


def fatal(message: str, fix: str = FIX_EXPORT, column: str | None = None) -> Issue:
    """A file-level fatal issue."""
    return Issue("fatal", message, fix, None, column)


def show(header: str) -> str:
    """A column header for a message (headers can be data when a file lacks its header row)."""
    return quote(header.strip(), limit=80)


def quote(value: str, limit: int = 60) -> str:
    """A cell value safe to show in a message: emails, URLs and @handles hidden, long text cut."""
    text = _SECRETISH.sub("[hidden]", re.sub(r"\s+", " ", value)).strip()
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return f"'{text}'"


def rows_text(rows: list[int], limit: int = 20) -> str:
    """'2, 3, 5 and 4 more' for a list of row numbers."""
    shown = ", ".join(str(r) for r in rows[:limit])
    return shown + (f" and {len(rows) - limit} more" if len(rows) > limit else "")


def join_words(words: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def col_letter(j: int) -> str:
    """Spreadsheet column letter for a 0-based index (0 -> A, 26 -> AA)."""
    out = ""
    j += 1
    while j:
        j, r = divmod(j - 1, 26)
        out = chr(65 + r) + out
    return out


class Collector:
    """Issues for one load, with the message shape 'Row N, column 'H': ...'."""

    def __init__(self) -> None:
        self.issues: list[Issue] = []

    def add(self, severity: str, message: str, fix: str = "", row: int | None = None, column: str | None = None) -> None:
        self.issues.append(Issue(severity, message, fix, row, column))

    def cell(self, severity: str, row: int, column: str, message: str, fix: str = "") -> None:
        self.add(severity, f"Row {row}, column {show(column)}: {message}", fix, row, column)
