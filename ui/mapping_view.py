"""The Upload page's mapping table and issue table, as DataFrames (no Streamlit calls here).

One row per Pairwise field: the column it reads (headers shown with visible edge spaces), the
mapper's confidence and one-line reason, a flag on the weak ones and a short value preview. The
spreadsheet index column ("Unnamed: 0") gets its own row, recognised and left out.
"""

from __future__ import annotations

import pandas as pd

from matching.intake.fields import CANONICAL_FIELDS

NONE = "(not used)"
INDEX_FIELD = "(row numbers)"
_PRIVATE = ("email", "slack", "linkedin")
_SPACE = "␣"


def header_label(header: str) -> str:
    """A header as shown in a table cell: spaces at either end made visible; a blank header named."""
    h = str(header)
    if not h.strip():
        return f"(blank header{', ' + str(len(h)) + ' spaces' if h else ''})"
    core = h.strip()
    lead, trail = len(h) - len(h.lstrip()), len(h) - len(h.rstrip())
    return _SPACE * lead + core + _SPACE * trail


def index_columns(survey, headers: list[str]) -> list[str]:
    """Headers the reader left out as a spreadsheet index (not mapped, not carried along)."""
    used = set(survey.mapping.values()) | set(survey.aux_mapping.values()) | set(survey.extra_columns)
    carried = set(survey.participants.columns)
    return [h for h in headers if h not in used and h not in carried]


def rows(survey, raw_table: pd.DataFrame, confirmed: set[str]) -> tuple[pd.DataFrame, list[str]]:
    """The mapping table and the column labels offered in its select box (same order as the file).

    Columns: check (⚠ when the organizer should confirm), field, column (label), confidence (0-1
    or None), reason, preview, ok (confirmed).
    """
    headers = [str(c) for c in raw_table.columns]
    labels = [header_label(h) for h in headers]
    label_of = dict(zip(headers, labels))
    out = []
    for field in CANONICAL_FIELDS:
        col = survey.mapping.get(field)
        info = survey.mapping_info.get(field)
        low = bool(col and info is not None and info.low)
        preview = ""
        if col is not None and col in raw_table:
            vals = [str(v) for v in raw_table[col].head(3).tolist()]
            preview = "(private — not shown)" if field in _PRIVATE else " | ".join(v[:40] for v in vals)
        out.append({"check": ("✓" if field in confirmed else "⚠ confirm") if low else ("✓" if col else ""),
                    "field": field, "column": label_of.get(col, NONE) if col else NONE,
                    "confidence": round(float(info.confidence), 2) if (col and info is not None) else None,
                    "reason": (info.reason if (col and info is not None) else "no column found"),
                    "preview": preview, "ok": field in confirmed})
    for h in index_columns(survey, headers):
        out.append({"check": "✓", "field": INDEX_FIELD, "column": label_of[h], "confidence": 1.0,
                    "reason": "a spreadsheet index (numbers the rows): recognised, not used and not exported",
                    "preview": " | ".join(str(v) for v in raw_table[h].head(3).tolist()), "ok": False})
    table = pd.DataFrame(out)
    # Compact: the fields in use first (the file's own order of fields), then the ones without a column.
    table = table.sort_values("column", key=lambda c: c.eq(NONE), kind="stable").reset_index(drop=True)
    return table, labels


def read_edits(edited: pd.DataFrame, header_of: dict[str, str]) -> tuple[dict[str, str | None], set[str]]:
    """The editor's rows back to ``field -> header`` (None = unmapped) and the fields ticked ok.

    ``header_of`` maps each label shown (:func:`header_label`) to the header as written.
    """
    chosen: dict[str, str | None] = {}
    for r in edited.itertuples():
        if r.field == INDEX_FIELD:
            continue
        chosen[r.field] = None if r.column in (NONE, None) else header_of.get(r.column, r.column)
    ticked = {r.field for r in edited.itertuples() if r.ok and r.field != INDEX_FIELD}
    return chosen, ticked


def issue_rows(issues) -> pd.DataFrame:
    """Issues as a table: a file-level note has an empty row cell (never 'None')."""
    return pd.DataFrame([{"row": "" if i.row is None else str(i.row), "column": (i.column or "").strip(),
                          "problem": i.message, "what to do": i.fix or ""} for i in issues])
