"""Read a survey export, map its columns, validate and normalise it into a participants table.

Every problem found is collected into one list of :class:`~matching.issues.Issue` (fatal,
warning or info) with the row number the organizer sees in the file (header = row 1) and the
column header as written, so one upload shows everything to fix. Bad input never raises; only
programmer errors (wrong argument types) do.

Issue messages never quote email addresses, Slack handles, LinkedIn URLs, company names or
participant names: they point at the row instead.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import itertools
import math
import os
import re
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from .intake import places as geo
from .issues import Issue, sort_issues
from .intake.taxonomy import CAREER_STAGES, ROLES, UNKNOWN_STAGE

CANONICAL_FIELDS: tuple[str, ...] = (
    "id", "name", "email", "slack", "linkedin", "company", "role", "career_stage", "years_experience",
    "location", "timezone", "lat", "lon", "summary", "skills", "interests", "wants", "similar_role_required",
    "side", "capacity", "keep_registered", "submitted_at",
)
# Helper fields a mapping may also name: combined into ``name`` / used to qualify ``location``.
AUX_FIELDS: tuple[str, ...] = ("first_name", "last_name", "country")
PII_FIELDS: tuple[str, ...] = ("email", "slack", "linkedin", "company")
TEXT_FIELDS: tuple[str, ...] = ("summary", "skills", "interests", "wants")
PARTICIPANT_COLUMNS: tuple[str, ...] = (
    "id", "name", "email", "slack", "linkedin", "company", "role", "role_raw", "career_stage", "stage_ordinal",
    "years_experience", "location", "timezone", "lat", "lon", "summary", "skills", "interests", "wants",
    "similar_role_required", "side", "capacity", "keep_registered", "submitted_at", "row",
)
DROPPED_COLUMNS: tuple[str, ...] = ("row", "id", "name", "reason")
DEFAULT_MAX_BYTES = 50 * 1024 * 1024

_FIELD_LABELS = {
    "id": "participant id", "name": "name", "email": "email address", "slack": "Slack handle",
    "linkedin": "LinkedIn URL", "company": "company", "role": "role", "career_stage": "career stage",
    "years_experience": "years of experience", "location": "location", "timezone": "time zone",
    "lat": "latitude", "lon": "longitude", "summary": "summary", "skills": "skills", "interests": "interests",
    "wants": "what they want", "similar_role_required": "similar-role preference", "side": "mentor/mentee side",
    "capacity": "mentee capacity", "keep_registered": "keep-registered checkbox", "submitted_at": "submission time",
    "first_name": "first name", "last_name": "last name", "country": "country",
}


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
    """

    participants: pd.DataFrame
    mapping: dict[str, str]
    issues: list[Issue]
    extra_columns: list[str] = field(default_factory=list)
    dropped: pd.DataFrame = field(default_factory=lambda: _empty_dropped())
    content_hash: str = ""
    aux_mapping: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when no fatal issue was found (the survey can be paired)."""
        return not any(i.severity == "fatal" for i in self.issues)


# =============================================================================================
# Reading: source -> bytes -> rows of strings
# =============================================================================================

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"), (b"%PDF", "a PDF document"), (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"), (b"Rar!", "a RAR archive"), (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"), (b"\x00\x00\x01\x00", "an icon image"), (b"OggS", "an audio file"),
    (b"ID3", "an MP3 file"), (b"\x7fELF", "a program"), (b"MZ", "a Windows program"),
)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_LATIN_ALPHABETS = {
    "Basic Latin", "Control character", "Latin-1 Supplement", "Latin Extended-A", "Latin Extended-B",
    "Latin Extended Additional", "General Punctuation", "Spacing Modifier Letters", "Currency Symbols",
    "Letterlike Symbols",
}
_ENCODING_LABELS = {
    "cp1252": "Windows-1252 (Western European)", "utf_16": "UTF-16", "utf_32": "UTF-32",
    "latin_1": "Latin-1 (ISO-8859-1)",
}
_FIX_EXPORT = "Export the survey responses again as CSV or Excel (.xlsx) and upload that file."


def _fatal(message: str, fix: str = _FIX_EXPORT, column: str | None = None) -> Issue:
    return Issue("fatal", message, fix, None, column)


def _read_source(source: Any, filename: str | None, max_bytes: int) -> tuple[bytes | None, str, list[Issue]]:
    """Bytes and a display name from a path, bytes or binary file-like object."""
    if isinstance(source, str) and ("\n" in source or "\r" in source):
        raise TypeError("The survey source is a str that looks like file contents, not a path. "
                        "Pass the contents as bytes (text.encode()) instead.")
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        name = filename or path.name
        try:
            size = path.stat().st_size
            if size > max_bytes:
                return None, name, [_too_big(size, max_bytes)]
            return path.read_bytes(), name, []
        except FileNotFoundError:
            return None, name, [_fatal(f"There is no file at '{path}'.", "Check the path to the survey export.")]
        except IsADirectoryError:
            return None, name, [_fatal(f"'{path}' is a folder, not a file.", "Point at the exported CSV or XLSX file.")]
        except OSError as err:
            return None, name, [_fatal(f"The file '{path.name}' could not be opened ({err.strerror}).",
                                       "Check that the file exists and is readable.")]
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        name = filename or ""
    elif hasattr(source, "getvalue") or hasattr(source, "read"):
        name = filename or str(getattr(source, "name", "") or "")
        if hasattr(source, "getvalue"):
            data = source.getvalue()
        else:
            if hasattr(source, "seek") and getattr(source, "seekable", lambda: False)():
                source.seek(0)
            data = source.read(max_bytes + 1)
        if isinstance(data, str):
            data = data.encode("utf-8")
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise TypeError(f"The survey source's read() must return bytes. Got {type(data).__name__} instead.")
        data = bytes(data)
    else:
        raise TypeError("The survey source must be a path, bytes or a binary file-like object. "
                        f"Got {type(source).__name__} instead.")
    if len(data) > max_bytes:
        return None, name, [_too_big(len(data), max_bytes)]
    return data, Path(name).name if name else "", []


def _too_big(size: int, limit: int) -> Issue:
    return _fatal(f"The file is {size / 2**20:.1f} MB; the limit is {limit / 2**20:.0f} MB.",
                  "Remove columns you don't need (or split the file) and upload it again.")


def _decode(data: bytes) -> tuple[str | None, str, list[Issue]]:
    """Text from bytes: BOMs, then strict UTF-8, then charset-normalizer, then Windows-1252."""
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf_32"), (codecs.BOM_UTF32_BE, "utf_32"),
                     (codecs.BOM_UTF8, "utf_8_sig"), (codecs.BOM_UTF16_LE, "utf_16"), (codecs.BOM_UTF16_BE, "utf_16")):
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                return None, enc, [_fatal(f"The file starts like {enc.upper().replace('_', '-')} text but "
                                          "its contents could not be decoded.", _FIX_EXPORT)]
            return text, enc, ([] if enc == "utf_8_sig" else [_encoding_note(enc)])
    head = data[:4096]
    if b"\x00" in head:
        # UTF-16 without a byte-order mark: every other byte of ASCII text is zero.
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if max(even, odd) > 0.3 * (len(head) / 2) and min(even, odd) < 0.05 * (len(head) / 2):
            enc = "utf_16_be" if even > odd else "utf_16_le"
            try:
                return data.decode(enc), "utf_16", [_encoding_note("utf_16")]
            except UnicodeDecodeError:
                pass
        return None, "", [_fatal("The file contains binary data, not text, so it is not a CSV table.")]
    try:
        return data.decode("utf-8"), "utf_8", []
    except UnicodeDecodeError:
        pass
    enc = _guess_single_byte(data)
    try:
        text = data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        enc, text = "latin_1", data.decode("latin_1")
    return text, enc, [_encoding_note(enc)]


def _encoding_note(enc: str) -> Issue:
    label = _ENCODING_LABELS.get(enc, enc.replace("_", "-").upper())
    return Issue("info", f"The file is not UTF-8; it was read as {label} text.",
                 "If accented letters look wrong, export the file again as UTF-8 CSV.")


def _guess_single_byte(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None:
        return "cp1252"
    # For Latin-script text charset-normalizer often picks a Central European code page; the
    # file almost always came from Western Excel (cp1252), and the two differ on letters like è.
    if set(best.alphabets) <= _LATIN_ALPHABETS:
        try:
            data.decode("cp1252")
            return "cp1252"
        except UnicodeDecodeError:
            pass
    return best.encoding


def _control_ratio(text: str) -> float:
    sample = text[:65536]
    if not sample:
        return 0.0
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\t\r\n") or 0x7f <= ord(c) < 0xa0)
    return bad / len(sample)


def _not_text_table(text: str) -> Issue | None:
    """A fatal issue when decoded text is clearly not a delimited table (HTML, JSON, RTF, XML)."""
    head = text[:2048].lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<head", "<body", "<table", "<div", "<meta")) or "<html" in head[:512]:
        return _fatal("This file is a web page (HTML), not a table.",
                      "In your form tool, download the responses as CSV or Excel instead of saving the page.")
    if head.startswith("<?xml") or head.startswith("<"):
        return _fatal("This file is XML, not a CSV table.", "Save the responses as CSV or Excel (.xlsx).")
    if head.startswith("{\\rtf"):
        return _fatal("This file is a rich-text (RTF) document, not a table.", _FIX_EXPORT)
    if head.startswith(("{", "[")) and text.rstrip().endswith(("}", "]")):
        return _fatal("This file is JSON, not a CSV table.", _FIX_EXPORT)
    if _control_ratio(text) > 0.01:
        return _fatal("The file could not be read as text (it contains many unreadable characters).",
                      _FIX_EXPORT)
    return None


def _sniff_delimiter(text: str) -> str | None:
    """Pick the delimiter that splits the first rows into the same, largest number of columns."""
    sample = text[:100_000]
    cut = len(text) > len(sample)
    best, best_score = None, None
    for delim in (",", ";", "\t", "|"):
        try:
            rows = list(itertools.islice(csv.reader(io.StringIO(sample, newline=""), delimiter=delim), 300))
        except csv.Error:
            continue
        rows = [r for r in rows if any(c.strip() for c in r)]
        if cut and len(rows) > 2:
            rows = rows[:-1]
        if not rows:
            continue
        widths = [len(r) for r in rows]
        header_w = widths[0]
        if header_w < 2:
            continue
        data = widths[1:]
        # Shorter rows are fine (some exporters drop trailing empty cells); longer ones mean the
        # delimiter also occurs inside the data.
        consistent = sum(w <= header_w for w in data) / len(data) if data else 1.0
        score = (consistent >= 0.8, header_w if consistent >= 0.8 else consistent, consistent)
        if best_score is None or score > best_score:
            best, best_score = delim, score
    return best


def _cell_to_str(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if hasattr(value, "isoformat"):
        return value.isoformat(sep=" ") if hasattr(value, "hour") and hasattr(value, "day") else value.isoformat()
    return str(value)


def _read_xlsx(data: bytes) -> tuple[list[list[str]] | None, list[Issue]]:
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about unsupported extensions/styles
            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as err:  # noqa: BLE001 - openpyxl raises many types for corrupt files
        return None, [_fatal(f"The Excel file could not be opened ({type(err).__name__}).",
                             "Open it in Excel or Google Sheets, save it again as .xlsx or CSV, and upload that.")]
    fallback: tuple[str, list[list[str]]] | None = None
    try:
        titles = wb.sheetnames
        for ws in wb.worksheets:
            ws.reset_dimensions()  # some writers store wrong dimensions; read what is really there
            rows = [[_cell_to_str(v) for v in r] for r in ws.iter_rows(min_row=1, values_only=True)]
            filled = [i for i, r in enumerate(rows) if any(c.strip() for c in r)]
            if not filled:
                continue
            header = rows[_header_index(rows, filled)]
            # An instructions or summary sheet often comes first: prefer the sheet with a name column.
            if {"name", "id", "first_name", "last_name"} & set(auto_map([str(h) for h in header])):
                return rows, [_sheet_note(ws.title, titles)]
            if fallback is None:
                fallback = (ws.title, rows)
    except Exception as err:  # noqa: BLE001 - a corrupt sheet can fail deep inside openpyxl
        return None, [_fatal(f"A sheet of the Excel file could not be read ({type(err).__name__}).",
                             "Open it in Excel or Google Sheets, save it again as .xlsx or CSV, and upload that.")]
    finally:
        wb.close()
    if fallback is not None:
        return fallback[1], [_sheet_note(fallback[0], titles)]
    return None, [_fatal("The Excel file has no data on any sheet, so there are no participants.",
                         "Check that you exported the responses, not the blank form.")]


def _sheet_note(title: str, titles: list[str]) -> Issue:
    where = f" (sheet {titles.index(title) + 1} of {len(titles)})" if len(titles) > 1 else ""
    return Issue("info", f"Read the sheet '{title}'{where}.",
                 "If the responses are on another sheet, move that sheet first and upload again.")


def _bytes_to_rows(data: bytes) -> tuple[list[list[str]] | None, str, list[Issue]]:
    """Rows of raw cell strings (row i = sheet/file row i+1) and the format read."""
    if not data:
        return None, "", [_fatal("The file is empty (0 bytes), so there are no participants.")]
    if data.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            names = set()
        if "xl/workbook.xml" in names:
            rows, issues = _read_xlsx(data)
            return rows, "xlsx", issues
        if "content.xml" in names:
            return None, "", [_fatal("This is an OpenDocument spreadsheet (.ods), which Pairwise cannot read.",
                                     "Save it as Excel (.xlsx) or CSV and upload that.")]
        if "word/document.xml" in names:
            return None, "", [_fatal("This is a Word document, not a table.", _FIX_EXPORT)]
        return None, "", [_fatal("This file is a ZIP archive, not a table.",
                                 "Unzip it and upload the CSV or .xlsx file inside.")]
    if data.startswith(_OLE):
        return None, "", [_fatal("This is an old-style Excel (.xls) or password-protected workbook, which "
                                 "Pairwise cannot read.", "Remove the password, save it as .xlsx or CSV, and upload that.")]
    for magic, what in _MAGIC:
        if data.startswith(magic) and not (magic == b"MZ" and data[:64].isascii()):
            return None, "", [_fatal(f"This file is {what}, not a table.", _FIX_EXPORT)]
    text, _enc, issues = _decode(data)
    if text is None:
        return None, "", issues
    problem = _not_text_table(text)
    if problem is not None:
        return None, "", [problem]
    if not text.strip():
        return None, "", [_fatal("The file has no text in it, so there are no participants.")]
    sep_line = re.match(r"\ufeff?\s*sep=(.)[ \t]*\r?\n", text[:16])
    if sep_line:
        # Excel's "sep=;" hint line: Excel hides it, so the header is still row 1 for the organizer.
        delim: str | None = sep_line.group(1)
        text = text[sep_line.end():]
    else:
        delim = _sniff_delimiter(text)
    try:
        # A delimiter that can't occur turns each line into a one-cell row.
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim or "\x1f", strict=False)
        rows = [list(r) for r in reader]
    except csv.Error as err:
        return None, "", issues + [_fatal(f"The CSV could not be read ({err}).",
                                          "Open it in a spreadsheet, save it again as CSV, and upload that.")]
    return rows, "csv", issues


def _col_letter(j: int) -> str:
    out = ""
    j += 1
    while j:
        j, r = divmod(j - 1, 26)
        out = chr(65 + r) + out
    return out


def _rows_to_frame(rows: list[list[str]]) -> tuple[pd.DataFrame | None, list[Issue]]:
    """Header + data rows -> string DataFrame indexed by the organizer's row numbers."""
    issues: list[Issue] = []
    filled = [i for i, r in enumerate(rows) if any(c.strip() for c in r)]
    if not filled:
        return None, [_fatal("The file has no text in it, so there are no participants.")]
    start = _header_index(rows, filled)
    if start != filled[0]:
        issues.append(Issue("info", f"Row{'s' if start - filled[0] > 1 else ''} {_rows_text(list(range(filled[0] + 1, start + 1)))} "
                            f"above the column headers (row {start + 1}) look like a title and were skipped.",
                            "Nothing to do, or delete the title rows."))
    orig_width = len(rows[start])
    header = list(rows[start])
    body = rows[start + 1:]
    width = max([len(header)] + [len(r) for r in body])
    header += [""] * (width - len(header))
    cells = [[c.strip() for c in r] + [""] * (width - len(r)) for r in body]

    keep, names, unnamed, seen = [], [], [], {}
    for j, h in enumerate(header):
        has_data = any(r[j] for r in cells)
        if not h.strip():
            if not has_data:
                continue
            h = f"Column {_col_letter(j)}"
            unnamed.append((j, h))
        if h in seen:
            seen[h] += 1
            new = f"{h} ({seen[h]})"
            issues.append(Issue("warning", f"Column {_col_letter(j)}: the header {_show(h)} appears more than "
                                f"once; this copy was renamed {_show(new)}.",
                                "Give every column a different header.", None, new))
            h = new
        seen.setdefault(h, 1)
        keep.append(j)
        names.append(h)
    if unnamed:
        where = ", ".join(_col_letter(j) for j, _ in unnamed)
        beyond = [j for j, _ in unnamed if j >= orig_width]
        issues.append(Issue("warning", f"Column(s) {where} have cells but no header; they were kept as "
                            f"{', '.join(repr(h) for _, h in unnamed)}.",
                            "Give those columns a header. If only some rows spill into them, a delimiter "
                            "inside unquoted free text is the usual cause." if beyond else "Give those columns a header."))
    row_numbers = list(range(start + 2, start + 2 + len(cells)))
    frame = pd.DataFrame([[r[j] for j in keep] for r in cells], columns=names, index=row_numbers, dtype=object)
    if frame.shape[1] == 0:
        frame = pd.DataFrame(columns=names, index=row_numbers, dtype=object)
    frame.index.name = "row"
    return frame.astype(object), issues


def _header_index(rows: list[list[str]], filled: list[int]) -> int:
    """The header row: the first of the first rows with two or more filled cells.

    Skips a one-cell title row ("Buddy round, March") above the real headers, common in Excel
    exports; a file that is one column throughout keeps its first row as the header.
    """
    return next((i for i in filled[:10] if sum(1 for c in rows[i] if c.strip()) >= 2), filled[0])


def _looks_like_prose(frame: pd.DataFrame) -> bool:
    header = str(frame.columns[0])
    lines = [header] + [v for v in frame.iloc[:20, 0].tolist() if v]
    words = [len(v.split()) for v in lines]
    return len(header) > 40 or len(header.split()) > 6 or (bool(words) and sum(words) / len(words) > 8)


def _read_table(source: Any, filename: str | None, max_bytes: int) -> tuple[pd.DataFrame | None, str, list[Issue]]:
    data, name, issues = _read_source(source, filename, max_bytes)
    digest = hashlib.sha256(data).hexdigest() if data is not None else ""
    if data is None:
        return None, digest, issues
    rows, _kind, more = _bytes_to_rows(data)
    issues += more
    if rows is None:
        return None, digest, issues
    frame, more = _rows_to_frame(rows)
    issues += more
    if frame is not None and frame.shape[1] == 1 and _looks_like_prose(frame):
        return None, digest, issues + [_fatal(
            "This file does not look like a table: no line splits into columns at commas, semicolons, "
            "tabs or '|', and the text reads like prose.", _FIX_EXPORT)]
    return frame, digest, issues


def read_table(source: Any, filename: str | None = None, *,
               max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[pd.DataFrame, list[Issue]]:
    """Read a CSV or XLSX file into a table of stripped strings, without interpreting it.

    Parameters
    ----------
    source : str, Path, bytes or binary file-like
        The file (a Streamlit ``UploadedFile`` works: it has ``getvalue()`` and ``name``).
    filename : str, optional
        Display name; defaults to the path's or file object's name.
    max_bytes : int, default 50 MB
        Larger files are refused with a fatal issue.

    Returns
    -------
    table : DataFrame
        Headers exactly as written (duplicates renamed), every cell a stripped ``str`` ("" when
        blank), indexed by the row number the organizer sees (header = 1). Blank rows are kept.
        Empty when the file is unusable.
    issues : list of Issue
        Encoding / sheet notes, and fatal issues when the file is not a readable table.
    """
    if not isinstance(max_bytes, int) or max_bytes <= 0:
        raise TypeError(f"max_bytes must be a positive int. Got {max_bytes!r} instead.")
    frame, _digest, issues = _read_table(source, filename, max_bytes)
    return (frame if frame is not None else pd.DataFrame()), sort_issues(issues)


# =============================================================================================
# Column mapping
# =============================================================================================

# (field, exact normalised headers, regex patterns). Order matters: a header goes to the first
# field with an exact match, else the first whose pattern matches, so specific fields come first.
_RULES: tuple[tuple[str, frozenset[str], tuple[str, ...]], ...] = tuple(
    (f, frozenset(ex) | {f.replace("_", " ")}, tuple(pats)) for f, ex, pats in (
        ("similar_role_required", {"similar role", "same role", "buddy preference", "role preference"},
         (r"similar role", r"same role", r"preference on who", r"buddy should be", r"similar (?:position|job)")),
        ("keep_registered", {"keep me registered", "future rounds"},
         (r"keep me registered", r"future rounds", r"stay registered", r"keep registered", r"\bopt in\b")),
        ("capacity", {"max mentees", "mentee capacity", "number of mentees"},
         (r"how many mentees", r"mentees can you", r"\bcapacity\b", r"max(?:imum)? (?:number of )?(?:mentees|matches)",
          r"how many (?:people|matches|buddies) (?:can|would)")),
        ("side", {"mentor or mentee", "track", "participant type", "participation type"},
         (r"mentor or (?:a )?mentee", r"mentee or (?:a )?mentor", r"joining as", r"participate as",
          r"sign(?:ing)? up as", r"\bmentor\b.*\bmentee\b", r"\bmentee\b.*\bmentor\b")),
        ("submitted_at", {"timestamp", "submitted", "submission date", "submission time", "date submitted",
                          "submitted on", "created at", "completed at", "end date", "response date", "date",
                          "submit date", "completion time"},
         (r"\bsubmitted\b", r"\btimestamp\b", r"submission (?:time|date)")),
        ("id", {"respondent id", "response id", "participant id", "submission id", "user id", "person id",
                "member id", "record id", "respondent", "uid", "identifier"},
         (r"\b(?:respondent|response|participant|submission|person|member|record) id\b",)),
        ("first_name", {"first name", "given name", "firstname", "first", "forename", "your first name"},
         (r"\bfirst name\b", r"\bgiven name\b")),
        ("last_name", {"last name", "surname", "family name", "lastname", "last", "your last name"},
         (r"\blast name\b", r"\bsurname\b", r"\bfamily name\b")),
        ("email", {"e mail", "email address", "mail", "e mail address", "your email"}, (r"\be ?mail\b",)),
        ("slack", {"slack handle", "slack username", "slack name"}, (r"\bslack\b",)),
        ("linkedin", {"linkedin url", "linkedin profile", "linked in"}, (r"\blinked ?in\b",)),
        ("company", {"employer", "organization", "organisation", "workplace", "company name", "affiliation"},
         (r"where do you work", r"\b(?:company|employer|organi[sz]ation|workplace|affiliation)\b",
          r"who do you work for")),
        ("career_stage", {"seniority", "stage", "level", "experience level", "career level"},
         (r"career stage", r"\bseniority\b", r"career level", r"experience level", r"how (?:senior|experienced)")),
        ("years_experience", {"years of experience", "experience years", "yoe", "experience", "years experience"},
         (r"years? (?:of )?(?:professional |work |industry |relevant )?experience", r"\byoe\b", r"how many years",
          r"years in (?:the )?(?:industry|field)")),
        ("role", {"job title", "title", "position", "job role", "occupation", "job", "current role"},
         (r"\brole\b", r"job title", r"\bposition\b", r"\boccupation\b", r"what do you do")),
        ("timezone", {"time zone", "tz", "utc offset"}, (r"time ?zone", r"\butc offset\b")),
        ("lat", {"latitude"}, ()),
        ("lon", {"lng", "long", "longitude"}, ()),
        ("country", {"country of residence", "which country", "your country"},
         (r"which country", r"what country", r"^country\b")),
        ("location", {"city", "based", "where are you based", "city country", "where do you live", "town",
                      "your location"},
         (r"where are you (?:based|located|from)", r"where do you live", r"which city", r"what city", r"\bcity\b",
          r"\blocation\b", r"\bbased\b")),
        ("wants", {"looking for", "goals"},
         (r"want(?:s)? (?:your|a|in a|from your|from a) (?:buddy|match|mentor|mentee|partner)", r"buddy to be like",
          r"looking for", r"ideal (?:buddy|match|partner|mentor|mentee)", r"what do you (?:want|hope)",
          r"hope to (?:get|learn|gain)", r"like to learn", r"\bgoals?\b", r"would like (?:from|in) (?:your|a)")),
        ("summary", {"bio", "about", "about me", "about you", "introduction", "intro", "about yourself"},
         (r"\bsummary\b", r"\bbio\b", r"about (?:yourself|you|me)\b", r"introduce yourself", r"tell us (?:a bit )?about",
          r"describe yourself")),
        ("skills", {"skill", "expertise", "tech stack", "stack"},
         (r"\bskills?\b", r"speciali[sz]", r"\bexpertise\b", r"tech(?:nical)? stack")),
        ("interests", {"topics", "hobbies", "interest"},
         (r"interest", r"\btopics?\b", r"talk about", r"\bhobbies\b", r"passionate about")),
        ("name", {"full name", "your name", "what s your name", "what is your name", "participant name",
                  "display name", "your full name", "preferred name", "names", "name surname"},
         (r"^(?!.*\b(?:team|company|file|user|project|manager|buddy|mentor|mentee|partner|org|organi[sz]ation|event|"
          r"product|pet|school|university|employer|channel)\b).*\bname\b",)),
    )
)
_COMPILED = tuple((f, ex, tuple(re.compile(p) for p in pats)) for f, ex, pats in _RULES)
_ALL_FIELDS = CANONICAL_FIELDS + AUX_FIELDS


def normalize_header(header: str) -> str:
    """Case-, accent-, punctuation- and whitespace-insensitive form of a header.

    Parameters
    ----------
    header : str
        A column header as written, e.g. ``"What's your name? "``.

    Returns
    -------
    str
        E.g. ``"what s your name"``; the key :func:`auto_map` matches synonyms against.
    """
    text = unicodedata.normalize("NFKD", str(header)).encode("ascii", "ignore").decode().lower()
    text = text.replace("'", " ").replace("’", " ")
    return re.sub(r"[^0-9a-z]+", " ", text).strip()


def _header_field(header: str) -> tuple[int, str] | None:
    key = normalize_header(header)
    if not key:
        return None
    for f, exact, _ in _COMPILED:
        if key in exact:
            return 2, f
    for f, _, patterns in _COMPILED:
        if any(p.search(key) for p in patterns):
            return 1, f
    return None


def auto_map(columns: Iterable[str]) -> dict[str, str]:
    """Guess which column holds which canonical field from the headers alone.

    Matching ignores case, accents, punctuation and extra whitespace, and knows the MLOps
    Community buddy form, Google Forms / Typeform question texts and snake_case field names.
    Exact synonyms beat keyword matches; among equals the leftmost column wins. Each header
    maps to at most one field and each field to at most one header.

    Parameters
    ----------
    columns : list of str
        Headers exactly as in the file.

    Returns
    -------
    dict
        Field -> header for every field found. Besides :data:`CANONICAL_FIELDS` it may hold
        ``first_name``/``last_name`` (combined into ``name`` when there is no name column) and
        ``country`` (used to qualify ``location``).
    """
    if isinstance(columns, (str, bytes)):
        raise TypeError("auto_map() needs a list of headers, not a single string.")
    cands = []
    for j, h in enumerate(columns):
        if not isinstance(h, str):
            raise TypeError(f"Column headers must be str. Got {type(h).__name__} instead.")
        hit = _header_field(h)
        if hit:
            cands.append((-hit[0], j, hit[1], h))
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for _score, _j, f, h in sorted(cands):
        if f not in mapping and h not in used:
            mapping[f] = h
            used.add(h)
    if "name" in mapping:
        mapping.pop("first_name", None)
        mapping.pop("last_name", None)
    return {f: mapping[f] for f in _ALL_FIELDS if f in mapping}


def _apply_mapping(columns: list[str], override: dict[str, str] | None) -> tuple[dict[str, str], list[Issue]]:
    mapping = auto_map(columns)
    if not override:
        return mapping, []
    if not isinstance(override, dict):
        raise TypeError(f"mapping must be a dict of field -> column header. Got {type(override).__name__} instead.")
    issues: list[Issue] = []
    found = ", ".join(_show(c) for c in columns[:30])
    chosen: dict[str, str] = {}
    for f, h in override.items():
        if not isinstance(f, str) or not (h is None or isinstance(h, str)):
            raise TypeError("mapping must map field names (str) to column headers (str or None).")
        if f not in _ALL_FIELDS:
            issues.append(_fatal(f"The column mapping names a field '{f}' that Pairwise does not know.",
                                 f"Use one of: {', '.join(_ALL_FIELDS)}."))
            continue
        if h is None or not h.strip():
            mapping.pop(f, None)  # the caller says: no column for this field
            continue
        if h not in columns:
            loose = [c for c in columns if c.strip().casefold() == h.strip().casefold()]
            if len(loose) != 1:
                issues.append(_fatal(f"The column mapping picks a column {_show(h)} for {_FIELD_LABELS[f]}, but the "
                                     f"file has no such column. Found columns: {found}.",
                                     "Pick one of the file's columns, or upload the file the mapping was made for.", h))
                continue
            h = loose[0]
        chosen[f] = h
    seen: dict[str, str] = {}
    for f, h in chosen.items():
        if h in seen:
            issues.append(_fatal(f"The column {_show(h)} is picked for both {_FIELD_LABELS[seen[h]]} and "
                                 f"{_FIELD_LABELS[f]}; a column can hold only one field.",
                                 "Pick a different column for one of them.", h))
        seen[h] = f
    for f, h in chosen.items():
        for other in [k for k, v in mapping.items() if v == h and k != f]:
            del mapping[other]
        mapping[f] = h
    if "name" in chosen:
        mapping.pop("first_name", None)
        mapping.pop("last_name", None)
    return {f: mapping[f] for f in _ALL_FIELDS if f in mapping}, issues


# =============================================================================================
# Field parsers (pure; cached per distinct value where surveys repeat the same answers)
# =============================================================================================

_EMAIL = re.compile(r"^[^@\s,;<>()]+@[^@\s,;<>()]+\.[^@\s,;<>().]{2,}$")
_SECRETISH = re.compile(r"[^\s@]+@[^\s@]+|https?://\S+|www\.\S+|\S+\.(?:com|org|net|io|ai|co)\b\S*|(?<!\w)@\w[\w.\-]*",
                        re.IGNORECASE)


def _show(header: str) -> str:
    """A column header for a message (headers can be data when a file lacks its header row)."""
    return _quote(header.strip(), limit=80)


def _quote(value: str, limit: int = 60) -> str:
    """A cell value safe to show in a message: emails, URLs and @handles hidden, long text cut."""
    text = _SECRETISH.sub("[hidden]", re.sub(r"\s+", " ", value)).strip()
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return f"'{text}'"


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^0-9a-z+]+", " ", text).strip()


_ROLE_EXACT = {_norm(r): r for r in ROLES}
_ROLE_EXACT.update({
    "ml scientist": "ML Scientist/Researcher", "ml researcher": "ML Scientist/Researcher",
    "sales marketing": "Sales and Marketing", "manager": "Management",
})
_ROLE_RULES: tuple[tuple[str, re.Pattern], ...] = tuple((role, re.compile(p)) for role, p in (
    ("Founder", r"\b(?:co ?founder|founder|founders|ceo|cto|chief (?:executive|technology|technical)|entrepreneur)\b"),
    ("Sales and Marketing", r"\b(?:developer advocate|developer relations|devrel|dev rel|advocate|evangelist|marketing|"
                            r"marketer|sales|account executive|account manager|business development|bizdev|growth|"
                            r"community manager|customer success|pre ?sales|partnerships?|gtm)\b"),
    ("Management", r"\b(?:manager|management|head of|head|director|vp|vice president|svp|evp|cdo|cio|coo|cpo|"
                   r"chief (?:data|ai|analytics|information|product|operating|scientist)|product owner|executive)\b"),
    ("ML Scientist/Researcher", r"\b(?:research|researcher|research scientist|phd|ph d|postdoc|post doc|professor|"
                                r"lecturer|academic|academia|applied scientist|(?<!data )scientist)\b"),
    ("Student", r"\b(?:student|intern|internship|undergrad\w*|bootcamp|learner|studying|graduate|grad|new grad)\b"),
    ("Data Engineer", r"\b(?:data engineer\w*|analytics engineer\w*|data platform|etl|elt|data architect\w*|dbt|"
                      r"big data|data infrastructure|data ops|dataops|database\w*|dba|data warehouse)\b"),
    ("Data Scientist", r"\b(?:data scien\w*|ds|data analyst|analyst|analytics|statistician|quant\w*|"
                       r"business intelligence|bi|decision scien\w*)\b"),
    ("ML Engineer", r"\b(?:ml ?ops|mle|ml engineer\w*|machine learning engineer\w*|ml platform|ml infra\w*|"
                    r"ai engineer\w*|llm ?ops|llm engineer\w*|ai ml|ml ai|ml|machine learning|ai|deep learning|"
                    r"computer vision|nlp|genai|gen ai|llm|llms|mlops engineer)\b"),
    ("Software Engineer", r"\b(?:software|swe|sde|backend|back end|frontend|front end|full ?stack|developer|dev|"
                          r"programmer|dev ?ops|sre|site reliability|platform engineer\w*|cloud engineer\w*|"
                          r"infrastructure|tech lead|engineer|engineering|coder|web dev\w*|mobile|architect)\b"),
))


def map_role(text: str) -> str | None:
    """Nearest known role for free text, ``None`` when nothing fits.

    Parameters
    ----------
    text : str
        The role as typed or chosen ("MLOps engineer", "Co-founder & CTO", "PhD student").

    Returns
    -------
    str or None
        One of :data:`matching.taxonomy.ROLES`, or ``None`` (the caller keeps it as "Other").
    """
    key = _norm(re.sub(r"^\s*other\s*[:\-–]\s*", "", text, flags=re.IGNORECASE))
    if not key:
        return None
    if key in _ROLE_EXACT:
        return _ROLE_EXACT[key]
    for role, pattern in _ROLE_RULES:
        if pattern.search(key):
            return role
    return None


_STAGE_EXACT = {_norm(s): s for s in CAREER_STAGES}
_STAGE_BY_ORDINAL = {o: s for s, (o, _) in CAREER_STAGES.items()}
_NUM = r"(\d+(?:\.\d+)?)"
_RANGE = re.compile(_NUM + r"\s*(?:-|–|—|to|and)\s*" + _NUM)
_PLUS = re.compile(_NUM + r"\s*(?:\+|plus|or more|and (?:above|more|up))|(?:more than|over|at least|above)\s*" + _NUM)
_LESS = re.compile(r"(?:less than|fewer than|under|below|<)\s*(?:" + _NUM + r"|a|one)\b")
_SINGLE = re.compile(r"^(?:about|around|approx\w*|~)?\s*" + _NUM + r"\s*(?:\+)?\s*(?:years?|yrs?|y|yoe)?"
                     r"(?:\s*(?:of)?\s*(?:work |professional |industry )?(?:experience|exp))?\.?$")


def _years_from_text(text: str) -> float | None:
    """Years of experience in text ("5", "3-5 years", "10+ yrs", "less than 1 year"), else None."""
    t = text.strip().lower().replace(",", ".")
    if not t:
        return None
    if re.fullmatch(r"(?:none|zero|no experience|no|0)", t):
        return 0.0
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(?:months?|mos?)(?: of experience)?", t)
    if m:
        return float(m.group(1)) / 12
    m = _LESS.search(t)
    if m:
        return (float(m.group(1)) if m.group(1) else 1.0) / 2
    m = _RANGE.search(t)
    if m:
        lo, hi = float(m.group(1)), float(m.group(2))
        if lo <= hi:
            return (lo + hi) / 2
    m = _PLUS.search(t)
    if m:
        return float(m.group(1) or m.group(2))
    m = _SINGLE.match(t)
    if m:
        return float(m.group(1))
    return None


def _stage_for_years(years: float) -> str:
    if years < 1:
        return "Undergrad / New Grad"
    if years < 3:
        return "1 - 3 Years of Experience"
    if years < 5:
        return "3 - 5 Years of Experience"
    if years < 10:
        return "5 - 10 Years of Experience"
    return "10+ Years of Experience"


def map_career_stage(text: str) -> str | None:
    """Career-stage label for free text, ``None`` when unknown.

    Parameters
    ----------
    text : str
        E.g. "1-3 years", "10+ yrs", "new grad", "PhD student", "5 to 10 years", "senior".

    Returns
    -------
    str or None
        A key of :data:`matching.taxonomy.CAREER_STAGES`.
    """
    key = _norm(text)
    if not key:
        return None
    if key in _STAGE_EXACT:
        return _STAGE_EXACT[key]
    if re.search(r"\b(?:new grad\w*|recent(?:ly)? grad\w*|fresh grad\w*|just graduated)\b", key):
        return "Undergrad / New Grad"
    if re.search(r"\b(?:phd|ph d|doctoral|doctorate|master s?|masters|msc|m sc|mba|graduate student|grad student|"
                 r"postgrad\w*|grad school)\b", key):
        return "Graduate Student"
    if re.search(r"\b(?:undergrad\w*|bachelor\w*|college|university|high school|student|bootcamp|entry level|"
                 r"entry|fresher|no experience|intern|internship|beginner)\b", key):
        return "Undergrad / New Grad"
    years = _years_from_text(text)
    if years is None:
        nums = re.findall(r"\d+(?:\.\d+)?", key)
        if len(nums) == 1 and re.search(r"\b(?:years?|yrs?|yoe|y)\b", key):
            years = float(nums[0])
    if years is not None and 0 <= years <= 70:
        return _stage_for_years(years)
    for pattern, stage in ((r"\bjunior\b|\bjr\b", "1 - 3 Years of Experience"),
                           (r"\bmid\b|\bmid level\b|\bintermediate\b", "3 - 5 Years of Experience"),
                           (r"\bsenior\b|\bsr\b|\bexperienced\b", "5 - 10 Years of Experience"),
                           (r"\b(?:staff|principal|distinguished|veteran|executive|expert)\b", "10+ Years of Experience")):
        if re.search(pattern, key):
            return stage
    return None


_TRUE_WORDS = {"yes", "y", "true", "t", "1", "x", "checked", "on", "ja", "si", "oui", "sure", "yep", "ok"}
_FALSE_WORDS = {"no", "n", "false", "f", "0", "unchecked", "off", "nein", "non", "nope", "none", "n a", "na"}


def _checkbox(text: str) -> bool:
    """Checkbox exports: blank or a 'no' word -> False; anything else (the option text, Yes, TRUE, 1) -> True."""
    key = _norm(text)
    return bool(key) and key not in _FALSE_WORDS


def _similar_role(text: str) -> bool | None:
    """True/False for the similar-role preference, None when the text can't be read."""
    key = _norm(text)
    if not key:
        return False
    if re.match(r"^(?:no\b|not\b|don t|doesn t|dont|doesnt|any|anyone|either|whoever|n a\b|na\b|none\b|false\b|0\b)", key) \
            or "no preference" in key or "doesn t matter" in key or "don t care" in key:
        return False
    if re.search(r"similar|same role|same field|same job|same position|same area|\byes\b|\btrue\b|^1$|^y$", key):
        return True
    if re.search(r"different|other role|diverse|mix", key):
        return False
    return None


def _side(text: str) -> tuple[str, str | None]:
    """(side, note) where note is 'both' / 'unknown' when the answer needed interpreting."""
    key = _norm(text)
    if not key:
        return "peer", None
    if key in {"both", "either", "mentor and mentee", "mentor mentee", "mentee mentor", "both mentor and mentee"} or \
            re.search(r"\bboth\b", key) or (re.search(r"\bmentor\b", key) and re.search(r"\bmentee\b", key)
                                              and not re.search(r"\bas a (?:mentor|mentee)\b", key)):
        return "peer", "both"
    if re.search(r"\bmentee\b|(?:looking for|need|want|find|get|have|seeking|seek) (?:a |an )?mentor|be mentored|"
                 r"being mentored|mentorship for me|learner", key):
        return "mentee", None
    if re.search(r"\bmentor\w*\b|\bcoach\b|\badvis\w+\b|\bguide\b", key):
        return "mentor", None
    if re.search(r"\b(?:peer|buddy|coffee|1 1|one on one|pair|networking)\b", key):
        return "peer", None
    return "peer", "unknown"


def _capacity(text: str) -> int | None:
    key = text.strip().lower()
    if not key:
        return 1
    if key.startswith(("-", "−")):
        return None
    words = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
    if key in words:
        return words[key]
    nums = re.findall(r"\d+(?:\.\d+)?", key)
    if not nums or not re.fullmatch(r"(?:up to |max(?:imum)? |at most )?[\d.\s\-–to]+(?:mentees?|people|persons?)?",
                                    key):
        return None
    value = float(nums[0])
    return int(value) if value.is_integer() and value >= 1 else None


def _float_cell(text: str) -> float | None:
    t = text.strip().replace("−", "-")
    if re.fullmatch(r"-?\d+,\d+", t):
        t = t.replace(",", ".")
    try:
        return float(t)
    except ValueError:
        return None


_DATE_FORMATS = (
    "ISO8601", "%m/%d/%Y %H:%M:%S", "%d/%m/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%d/%m/%Y %H:%M",
    "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M %p", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%Y/%m/%d %H:%M:%S",
    "%m/%d/%Y", "%d/%m/%Y", "%d.%m.%Y", "%m/%d/%y %H:%M", "%d/%m/%y %H:%M", "%m/%d/%y", "%d %b %Y %H:%M",
    "%b %d, %Y %I:%M %p", "%b %d, %Y %H:%M", "%d %b %Y", "%b %d, %Y",
)


def parse_datetimes(values: pd.Series) -> pd.Series:
    """Parse a column of date-time strings (NaT where unreadable) into naive UTC timestamps.

    The format that reads the most values wins (so a column with a day above 12 settles
    month/day order for the whole column); remaining values try the other formats.

    Parameters
    ----------
    values : Series of str
        E.g. "2024-03-01 14:22:10", "3/1/2024 14:22:10", "2024-03-01T14:22:10Z".

    Returns
    -------
    Series of datetime64[ns]
    """
    text = pd.Series(values, dtype=object).fillna("").astype(str).str.strip()
    out = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns, UTC]")
    todo = text != ""
    if not todo.any():
        return out.dt.tz_convert(None)
    attempts = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for fmt in _DATE_FORMATS:
            parsed = pd.to_datetime(text[todo], format=fmt, errors="coerce", utc=True)
            attempts.append((int(parsed.notna().sum()), -len(attempts), parsed))
    attempts.sort(key=lambda a: (a[0], a[1]), reverse=True)
    for count, _, parsed in attempts:
        if count == 0:
            break
        fill = out.isna() & todo
        fill_idx = fill[fill].index.intersection(parsed.index)
        out.loc[fill_idx] = parsed.loc[fill_idx].astype(out.dtype)
    return out.dt.tz_convert(None).astype("datetime64[ns]")


# =============================================================================================
# load_survey
# =============================================================================================

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


def _rows_text(rows: list[int], limit: int = 20) -> str:
    shown = ", ".join(str(r) for r in rows[:limit])
    return shown + (f" and {len(rows) - limit} more" if len(rows) > limit else "")


def _join_words(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


class _Collector:
    """Issues for one load, with the message shape 'Row N, column 'H': ...'."""

    def __init__(self) -> None:
        self.issues: list[Issue] = []

    def add(self, severity: str, message: str, fix: str = "", row: int | None = None, column: str | None = None) -> None:
        self.issues.append(Issue(severity, message, fix, row, column))

    def cell(self, severity: str, row: int, column: str, message: str, fix: str = "") -> None:
        self.add(severity, f"Row {row}, column {_show(column)}: {message}", fix, row, column)


# Signals a survey can feed, and the fields any one of which feeds it.
_SIGNAL_SOURCES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("role", ("role",)), ("career stage or years of experience",
                                                         ("career_stage", "years_experience")),
    ("location or time zone", ("location", "timezone", "lat", "country")), ("summary", ("summary",)),
    ("skills", ("skills",)), ("interests", ("interests",)), ("what they want", ("wants",)),
)


def _missing_name_issue(columns: list[str]) -> Issue:
    found = ", ".join(_show(c) for c in columns[:25]) + (" ..." if len(columns) > 25 else "")
    no_header = any(_EMAIL.match(c.strip().lower()) or c.strip().lower().startswith(("http://", "https://"))
                    for c in columns)
    hint = (" The first row holds an email address or link, so the file may be missing its header row."
            if no_header else "")
    return _fatal(
        f"No column with participant names (or ids) was found. The file's columns are: {found}. "
        "Pairwise looks for a header such as 'Name', 'Full name', 'Your name' or 'What's your name?', "
        f"'First name' plus 'Last name', or an id column such as 'Respondent ID' or 'id'.{hint}",
        "Add a header row, rename the name column to 'Name', or pick it in the column mapping.")


def _split_mapping(fields: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    return ({f: h for f, h in fields.items() if f in CANONICAL_FIELDS},
            {f: h for f, h in fields.items() if f in AUX_FIELDS})


def _failed(issues: list[Issue], digest: str, fields: dict[str, str] | None = None) -> Survey:
    mapping, aux = _split_mapping(fields or {})
    return Survey(_empty_participants(), mapping, sort_issues(issues), [], _empty_dropped(), digest, aux)


def load_survey(source: Any, *, mapping: dict[str, str] | None = None, filename: str | None = None,
                max_bytes: int = DEFAULT_MAX_BYTES) -> Survey:
    """Read, map, validate and normalise a survey export.

    Parameters
    ----------
    source : str, Path, bytes or binary file-like
        CSV (comma, semicolon, tab or pipe; UTF-8, UTF-8-BOM, UTF-16, Windows-1252) or XLSX.
    mapping : dict, optional
        Field -> column header overrides on top of :func:`auto_map` (fields left out keep their
        automatic column); a header of ``""`` or ``None`` unmaps that field. May also name the
        helper fields ``first_name``, ``last_name`` and ``country``. Naming a header the file
        lacks is a fatal issue.
    filename : str, optional
        Display name (defaults to the path's / upload's name).
    max_bytes : int, default 50 MB
        Larger files are refused with a fatal issue.

    Returns
    -------
    Survey
        Never raises on bad input: when the file is unusable, ``ok`` is False, ``issues`` say
        why, and ``participants`` is empty with the canonical columns.
    """
    if not isinstance(max_bytes, int) or max_bytes <= 0:
        raise TypeError(f"max_bytes must be a positive int. Got {max_bytes!r} instead.")
    if mapping is not None and not isinstance(mapping, dict):
        raise TypeError(f"mapping must be a dict of field -> column header. Got {type(mapping).__name__} instead.")
    if filename is not None and not isinstance(filename, str):
        raise TypeError(f"filename must be a str. Got {type(filename).__name__} instead.")
    raw, digest, issues = _read_table(source, filename, max_bytes)
    if raw is None or any(i.severity == "fatal" for i in issues):
        return _failed(issues, digest)
    columns = [str(c) for c in raw.columns]
    fields, more = _apply_mapping(columns, mapping)
    issues += more
    if not ({"name", "id", "first_name", "last_name"} & set(fields)):
        issues.append(_missing_name_issue(columns))
    if any(i.severity == "fatal" for i in issues):
        return _failed(issues, digest, fields)

    filled = raw.ne("").any(axis=1)
    empty_rows = [int(r) for r in raw.index[~filled]]
    data = raw.loc[filled]
    if data.empty:
        what = "no rows below the header" if raw.empty else "only empty rows below the header"
        issues.append(_fatal(f"The file has column headers but {what}, so there are no participants.",
                             "Check that you exported the responses, not the blank form."))
        return _failed(issues, digest, fields)
    out = _Collector()
    if empty_rows:
        out.add("info", f"{len(empty_rows)} empty row{'s' if len(empty_rows) > 1 else ''} skipped: "
                        f"row{'s' if len(empty_rows) > 1 else ''} {_rows_text(empty_rows)}.",
                "Nothing to do; empty rows are ignored.")
    missing = [label for label, alternatives in _SIGNAL_SOURCES if not set(alternatives) & set(fields)]
    if missing:
        out.add("info", "No column was found for: " + ", ".join(missing) + ". Those signals are skipped.",
                "If the file has such a column under another header, pick it in the column mapping.")
    if not {"email", "id"} & set(fields):
        out.add("info", "There is no email or id column, so repeat submissions by the same person cannot be "
                "recognised.", "Pick the email column in the column mapping if the file has one.")

    frame = _normalise(data, fields, out)
    frame, dropped = _deduplicate(frame, fields, out)
    for r in empty_rows:
        dropped.append({"row": r, "id": "", "name": "", "reason": "empty row"})
    _make_ids_unique(frame)

    extras = [c for c in columns if c not in set(fields.values())]
    renamed = []
    for c in extras:
        new = c
        while new in PARTICIPANT_COLUMNS or new in renamed:
            new = f"{new} (original)"
        renamed.append(new)
        frame[new] = data.loc[frame["row"], c].astype(str).tolist() if frame["row"] else []
    participants = _finish(frame, renamed)
    dropped_df = pd.DataFrame(dropped, columns=list(DROPPED_COLUMNS)) if dropped else _empty_dropped()
    dropped_df = dropped_df.astype({"row": "int64", "id": "str", "name": "str", "reason": "str"})
    dropped_df = dropped_df.sort_values("row", kind="stable").reset_index(drop=True)
    mapping, aux = _split_mapping(fields)
    return Survey(participants, mapping, sort_issues(issues + out.issues), renamed, dropped_df, digest, aux)


def _finish(frame: dict[str, list], extras: list[str]) -> pd.DataFrame:
    if not frame["row"]:
        return _empty_participants(extras)
    return pd.DataFrame({c: pd.Series(frame[c], dtype=_DTYPES.get(c, "str")) for c in list(PARTICIPANT_COLUMNS) + extras})


def _column(data: pd.DataFrame, fields: dict[str, str], f: str) -> list[str]:
    h = fields.get(f)
    return data[h].astype(str).tolist() if h else [""] * len(data)


def _normalise(data: pd.DataFrame, fields: dict[str, str], out: _Collector) -> dict[str, list]:
    """Canonical columns (as lists, one entry per data row) from the non-empty source rows."""
    rows = [int(r) for r in data.index]
    col = lambda f: _column(data, fields, f)  # noqa: E731
    frame: dict[str, list] = {"row": rows}

    # --- identity
    if "name" in fields:
        names = [" ".join(v.split()) for v in col("name")]
        name_header = fields["name"]
    else:
        names = [" ".join(f"{a} {b}".split()) for a, b in zip(col("first_name"), col("last_name"))]
        name_header = fields.get("first_name") or fields.get("last_name")
    if name_header:
        for i, (r, v) in enumerate(zip(rows, names)):
            if not v:
                names[i] = f"Participant {r}"
                out.cell("warning", r, name_header, f"the name is blank; this person is listed as 'Participant {r}'.",
                         "Fill in the name so the pairing list is readable.")
    else:
        names = [f"Participant {r}" for r in rows]
        out.add("info", "There is no name column; people are listed as 'Participant <row number>'.",
                "Pick the name column in the column mapping if the file has one.")
    frame["name"] = names

    emails = [v.strip().lower().removeprefix("mailto:") for v in col("email")]
    valid_email = [bool(_EMAIL.match(e)) for e in emails]
    if "email" in fields:
        for r, e, ok in zip(rows, emails, valid_email):
            if e and not ok:
                out.cell("warning", r, fields["email"], "this is not a valid email address; it was kept, but it "
                         "cannot be used to recognise repeat submissions.", "Correct the email address in that row.")
    frame["email"] = emails
    frame["_email_key"] = [e if ok else "" for e, ok in zip(emails, valid_email)]
    given_ids = col("id")
    frame["_given_id"] = given_ids
    frame["id"] = [gid if gid else ("p-" + hashlib.sha1(e.encode()).hexdigest()[:10] if ok else f"row-{r}")
                   for gid, e, ok, r in zip(given_ids, emails, valid_email, rows)]
    for f in ("slack", "linkedin", "company"):
        frame[f] = col(f)

    # --- role
    role_raw = col("role")
    roles, blank_role = [], []
    for r, raw in zip(rows, role_raw):
        role = map_role(raw) if raw else None
        if role is None:
            if raw:
                out.cell("info", r, fields["role"], f"{_quote(raw)} is not a known role; it was kept as Other.",
                         f"Pick one of: {', '.join(r for r in ROLES if r != 'Other')}, or leave it as Other.")
            elif "role" in fields:
                blank_role.append(r)
            role = "Other"
        roles.append(role)
    if blank_role:
        out.add("info", f"The role is blank in row{'s' if len(blank_role) > 1 else ''} {_rows_text(blank_role)}; "
                "those people count as Other.", "Nothing to do, or fill in their roles.", None, fields["role"])
    frame["role"] = roles
    frame["role_raw"] = role_raw

    # --- career stage and years
    stages, blank_stage = [], []
    for r, raw in zip(rows, col("career_stage")):
        stage = map_career_stage(raw) if raw else None
        if stage is None and raw:
            out.cell("info", r, fields["career_stage"], f"{_quote(raw)} is not a known career stage; it was kept as "
                     f"{UNKNOWN_STAGE}.", f"Pick one of: {', '.join(CAREER_STAGES)}, or leave it blank.")
        elif stage is None and "career_stage" in fields:
            blank_stage.append(r)
        stages.append(stage)
    years: list[float] = []
    for i, (r, raw) in enumerate(zip(rows, col("years_experience"))):
        value = _years_from_text(raw) if raw else None
        if raw and (value is None or not 0 <= value <= 70):
            out.cell("warning", r, fields["years_experience"], f"{_quote(raw)} is not a number of years; it was "
                     "left blank.", "Type a number such as 3 or 4.5.")
            years.append(math.nan)
            continue
        if value is None:
            value = CAREER_STAGES[stages[i]][1] if stages[i] else math.nan
        elif stages[i] is None:
            stages[i] = _stage_for_years(value)
        years.append(float(value))
    if blank_stage:
        still = [r for r, s in zip(rows, stages) if r in set(blank_stage) and s is None]
        if still:
            out.add("info", f"The career stage is blank in row{'s' if len(still) > 1 else ''} {_rows_text(still)}; "
                    "experience is skipped for those people.", "Nothing to do, or fill in their stage.", None,
                    fields["career_stage"])
    frame["career_stage"] = [s or UNKNOWN_STAGE for s in stages]
    frame["stage_ordinal"] = [CAREER_STAGES[s][0] if s else -1 for s in stages]
    frame["years_experience"] = years

    _locations(frame, data, fields, rows, out)

    # --- free text
    for f in TEXT_FIELDS:
        frame[f] = col(f)
    mapped_text = [f for f in TEXT_FIELDS if f in fields]
    for i, r in enumerate(rows):
        blank = [f for f in mapped_text if not frame[f][i]]
        if blank:
            labels = [_FIELD_LABELS[f] for f in blank]
            out.add("info", f"Row {r}: {_join_words(labels)} {'is' if len(blank) == 1 else 'are'} blank; "
                    f"that signal is skipped for this person.", "Nothing to do; blank answers neither help nor hurt.", r)

    # --- preferences
    similar = []
    for r, raw in zip(rows, col("similar_role_required")):
        value = _similar_role(raw)
        if value is None:
            out.cell("info", r, fields["similar_role_required"], f"{_quote(raw)} was read as no role preference.",
                     "Answer 'My Buddy should be in a similar role as me' or 'No preference'.")
            value = False
        similar.append(value)
    frame["similar_role_required"] = similar

    sides = []
    for r, raw in zip(rows, col("side")):
        side, note = _side(raw)
        if note == "both":
            out.cell("info", r, fields["side"], f"{_quote(raw)} was read as a peer (neither only mentor nor only mentee).",
                     "Pick 'Mentor' or 'Mentee' if this person should be on one side.")
        elif note == "unknown":
            out.cell("info", r, fields["side"], f"{_quote(raw)} is not 'mentor' or 'mentee'; it was read as a peer.",
                     "Answer 'Mentor' or 'Mentee'.")
        sides.append(side)
    frame["side"] = sides

    caps = []
    for r, raw, side in zip(rows, col("capacity"), sides):
        if side != "mentor":
            caps.append(1)
            continue
        value = _capacity(raw)
        if value is None:
            out.cell("warning", r, fields["capacity"], f"{_quote(raw)} is not a whole number of mentees (1 or "
                     "more); 1 was used.", "Type a whole number such as 1, 2 or 3.")
            value = 1
        caps.append(value)
    frame["capacity"] = caps
    frame["keep_registered"] = [_checkbox(v) for v in col("keep_registered")]

    raw_times = col("submitted_at")
    times = parse_datetimes(pd.Series(raw_times))
    frame["submitted_at"] = times.tolist()
    bad_times = [r for r, raw, t in zip(rows, raw_times, times) if raw and pd.isna(t)]
    if bad_times:
        out.add("info", f"The submission time could not be read in row{'s' if len(bad_times) > 1 else ''} "
                f"{_rows_text(bad_times)}; for repeated submissions the later row counts as the latest.",
                "Use a date format like 2024-03-01 14:22:10.", None, fields["submitted_at"])
    return frame


def _locations(frame: dict[str, list], data: pd.DataFrame, fields: dict[str, str], rows: list[int], out: _Collector) -> None:
    locs = _column(data, fields, "location")
    countries = _column(data, fields, "country")
    tz_raw = _column(data, fields, "timezone")
    lat_raw, lon_raw = _column(data, fields, "lat"), _column(data, fields, "lon")
    lats, lons, zones = [], [], []
    for r, loc, country, tzr, la, lo in zip(rows, locs, countries, tz_raw, lat_raw, lon_raw):
        lat = lon = math.nan
        if la or lo:
            flat, flon = _float_cell(la), _float_cell(lo)
            if flat is None or flon is None or not (-90 <= flat <= 90 and -180 <= flon <= 180):
                lat_bad = flat is None or not -90 <= flat <= 90
                bad_h = (fields.get("lat") if lat_bad else None) or fields.get("lon") or fields["lat"]
                out.cell("warning", r, bad_h, "the latitude/longitude is not a valid coordinate; it was left blank.",
                         "Use decimal degrees, e.g. 52.52 and 13.40.")
            else:
                lat, lon = flat, flon
        query = ", ".join(p for p in (loc, country) if p)
        place = geo.geocode(query) if query else None
        if place is not None and math.isnan(lat):
            lat, lon = place.lat, place.lon
        tz = geo.parse_timezone(tzr) if tzr else ""
        if tzr and not tz:
            # People often answer a time-zone question with their city.
            named = geo.geocode(tzr)
            tz = named.timezone if named is not None and named.kind == "city" else ""
        fallback = place.timezone if place is not None else (geo.timezone_at(lat, lon) if not math.isnan(lat) else "")
        if tzr and not tz:
            if fallback:
                out.cell("info", r, fields["timezone"], f"{_quote(tzr)} is not a time zone Pairwise recognises; the "
                         "location's time zone was used instead.", "Use a name like Europe/Berlin or an offset like UTC+5:30.")
            else:
                out.cell("warning", r, fields["timezone"], f"{_quote(tzr)} is not a time zone Pairwise recognises; "
                         "it was left blank.", "Use a name like Europe/Berlin or an offset like UTC+5:30.")
        if query and place is None and math.isnan(lat):
            header = fields.get("location") or fields.get("country") or ""
            shown = loc or country
            skipped = "distance is" if (tz or fallback) else "distance and time-zone fit are"
            if geo.is_no_place(shown):
                out.cell("info", r, header, f"{_quote(shown)} names no place; {skipped} skipped for this person.",
                         "Ask for a city (or a time zone) if location matters for this round.")
            else:
                out.cell("info", r, header, f"{_quote(shown)} is not a place Pairwise recognises; {skipped} skipped "
                         "for this person.", "Write it as 'City, Country', e.g. 'Lyon, France'.")
        zones.append(tz or fallback)
        lats.append(lat)
        lons.append(lon)
    frame["location"] = locs
    frame["timezone"] = zones
    frame["lat"] = lats
    frame["lon"] = lons


def _deduplicate(frame: dict[str, list], fields: dict[str, str], out: _Collector) -> tuple[dict[str, list], list[dict]]:
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
# History
# =============================================================================================

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


def load_history(source: Any, filename: str | None = None, *,
                 max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[pd.DataFrame, list[Issue]]:
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

    Returns
    -------
    history : DataFrame
        Columns ``round`` (int), ``a``, ``b`` (str: ids, or lowercased emails); groups of three
        or more expand to every pair.
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
        found = ", ".join(_show(c) for c in columns[:20])
        issues.append(_fatal(f"The history file has no recognisable person columns. Found columns: {found}.",
                             "Use columns round, id_a, id_b (or person_a/person_b, email_a/email_b), or "
                             "round, group_id, id with one row per person."))
        return empty, sort_issues(issues)
    if raw.empty:
        issues.append(Issue("info", "The history file has no pairings in it.", "Nothing to do."))
        return empty, sort_issues(issues)

    rounds, round_issues = _history_rounds(raw, round_col)
    issues += round_issues
    records: list[tuple[int, str, str]] = []

    def add_group(members: list[str], rnd: int) -> None:
        for a, b in itertools.combinations(members, 2):
            records.append((rnd, a, b))

    if pair_cols:
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
            add_group(people, rounds[r])
    else:
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
        for (rnd, _g), members in groups.items():
            people = list(dict.fromkeys(p for _, p in members))
            if len(people) < 2:
                issues.append(Issue("warning", f"Row {members[0][0]}: this group has only one person; it was skipped.",
                                    "Check the group ids.", members[0][0]))
                continue
            add_group(people, rnd)
    if not records:
        issues.append(Issue("warning", "No usable pairings were found in the history file.",
                            "Check the file's columns and rows."))
        return empty, sort_issues(issues)
    hist = pd.DataFrame(records, columns=["round", "a", "b"]).astype({"round": "int64", "a": "str", "b": "str"})
    return hist, sort_issues(issues)


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
            out[r] = int(ints[r]) if r in ints else None
    else:
        dates = parse_datetimes(values)
        order = {d: k + 1 for k, d in enumerate(sorted(set(dates.dropna())))}
        for r in values.index:
            out[r] = order.get(dates[r]) if not pd.isna(dates[r]) else None
    for r, v in out.items():
        if v is None:
            issues.append(Issue("warning", f"Row {r}, column {_show(round_col)}: {_quote(values[r])} is not a round "
                                "number or date; this row was skipped.", "Use a whole number or a date.", int(r), round_col))
    return out, issues
