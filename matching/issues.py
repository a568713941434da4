"""Problems found in input, reported all at once with row, column and what to do."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Iterable, Literal

Severity = Literal["fatal", "warning", "info"]
SEVERITY_ORDER = {"fatal": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Issue:
    """One problem in the input.

    Parameters
    ----------
    severity : {"fatal", "warning", "info"}
        ``fatal`` stops the round; ``warning`` was repaired or skipped; ``info`` is a note.
    message : str
        What is wrong, in plain words.
    fix : str
        What the organizer should do about it.
    row : int or None
        Row number as the organizer sees it in the file (header = row 1, first data row = 2).
    column : str or None
        Column header as it appears in the file (or the canonical field name).
    """

    severity: Severity
    message: str
    fix: str = ""
    row: int | None = None
    column: str | None = None

    def as_text(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column.strip()}'")
        loc = f" ({', '.join(where)})" if where else ""
        if self.row is not None and self.message.startswith(f"Row {self.row},"):
            loc = ""  # the message already names the row and column
        fix = f" {self.fix}" if self.fix else ""
        return f"{self.severity.upper()}{loc}: {self.message}{fix}"

    def to_dict(self) -> dict:
        return asdict(self)


class InputError(ValueError):
    """Raised when input cannot be used; carries every issue found, not just the first."""

    def __init__(self, issues: Iterable[Issue]):
        self.issues = list(issues)
        super().__init__("\n".join(i.as_text() for i in self.issues))


def has_fatal(issues: Iterable[Issue]) -> bool:
    return any(i.severity == "fatal" for i in issues)


def sort_issues(issues: Iterable[Issue]) -> list[Issue]:
    return sorted(issues, key=lambda i: (SEVERITY_ORDER[i.severity], i.row or 0, i.column or ""))
