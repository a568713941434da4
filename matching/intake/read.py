"""Bytes -> table: file sources, encodings, delimiters, XLSX sheets, title rows and headers.

:func:`read_table` turns a CSV or XLSX export into a table of stripped strings indexed by the
row number the organizer sees (header = row 1), without interpreting any value. Problems are
returned as :class:`~matching.issues.Issue` lists; bad input never raises.
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
import warnings
import zipfile
from pathlib import Path
from typing import Any

import pandas as pd

from ..issues import Issue, sort_issues
from .mapping import auto_map
from .messages import FIX_EXPORT, col_letter, fatal, rows_text, show

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

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
            return None, name, [fatal(f"There is no file at '{path}'.", "Check the path to the survey export.")]
        except IsADirectoryError:
            return None, name, [fatal(f"'{path}' is a folder, not a file.", "Point at the exported CSV or XLSX file.")]
        except OSError as err:
            return None, name, [fatal(f"The file '{path.name}' could not be opened ({err.strerror}).",
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
    return fatal(f"The file is {size / 2**20:.1f} MB; the limit is {limit / 2**20:.0f} MB.",
                  "Remove columns you don't need (or split the file) and upload it again.")


def _decode(data: bytes) -> tuple[str | None, str, list[Issue]]:
    """Text from bytes: BOMs, then strict UTF-8, then charset-normalizer, then Windows-1252."""
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf_32"), (codecs.BOM_UTF32_BE, "utf_32"),
                     (codecs.BOM_UTF8, "utf_8_sig"), (codecs.BOM_UTF16_LE, "utf_16"), (codecs.BOM_UTF16_BE, "utf_16")):
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                return None, enc, [fatal(f"The file starts like {enc.upper().replace('_', '-')} text but "
                                          "its contents could not be decoded.", FIX_EXPORT)]
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
        return None, "", [fatal("The file contains binary data, not text, so it is not a CSV table.")]
    try:
        return data.decode("utf-8"), "utf_8", []
    except UnicodeDecodeError:
        pass
    repaired = _utf8_with_stray_bytes(data)
    if repaired is not None:
        return repaired, "utf_8_repaired", []
    enc = _guess_single_byte(data)
    try:
        text = data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        enc, text = "latin_1", data.decode("latin_1")
    return text, enc, [_encoding_note(enc)]


def _utf8_with_stray_bytes(data: bytes) -> str | None:
    """UTF-8 text with a few invalid bytes kept as surrogates (repaired per cell later), else None.

    A file that is UTF-8 elsewhere (it has valid multi-byte letters) or has at most three bad
    bytes is UTF-8 with a stray Windows-1252 byte (often a ’ pasted from Word), not a file in
    another encoding: guessing a code page for the whole file would garble every other name.
    """
    text = data.decode("utf-8", errors="surrogateescape")
    bad = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
    multibyte = any(ord(ch) > 0x7F and not "\udc80" <= ch <= "\udcff" for ch in text)
    if multibyte and bad <= max(3, len(data) // 1000) or bad <= 3 and bad <= max(1, len(data) // 1000):
        return text
    return None


def _repair_cells(rows: list[list[str]]) -> list[Issue]:
    """Replace stray bytes (surrogates) in cells by their Windows-1252 letter; one warning per cell."""
    issues: list[Issue] = []
    header = rows[0] if rows else []
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            if not any("\udc80" <= ch <= "\udcff" for ch in cell):
                continue
            raw = [ord(ch) - 0xDC00 for ch in cell if "\udc80" <= ch <= "\udcff"]
            row[j] = "".join(_cp1252_letter(ord(ch) - 0xDC00) if "\udc80" <= ch <= "\udcff" else ch for ch in cell)
            name = header[j].strip() if i > 0 and j < len(header) and header[j].strip() else f"Column {col_letter(j)}"
            shown = ", ".join(f"0x{b:02X} -> '{_cp1252_letter(b)}'" for b in raw[:3])
            issues.append(Issue("warning", f"Row {i + 1}, column {show(name)}: {len(raw)} byte{'s' if len(raw) > 1 else ''} "
                                f"{'were' if len(raw) > 1 else 'was'} not valid UTF-8 and {'were' if len(raw) > 1 else 'was'} "
                                f"read as Windows-1252 ({shown}); the rest of the file is UTF-8.",
                                "Nothing to do if the text looks right; otherwise fix that character and save the file "
                                "as UTF-8.", i + 1, name))
    return issues


def _cp1252_letter(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return "\ufffd"


def _encoding_note(enc: str) -> Issue:
    label = _ENCODING_LABELS.get(enc, enc.replace("_", "-").upper())
    # A guessed single-byte code page can be wrong: a warning, so the CLI prints it even on success.
    severity = "info" if enc.startswith("utf") else "warning"
    return Issue(severity, f"The file is not UTF-8; it was read as {label} text.",
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
        return fatal("This file is a web page (HTML), not a table.",
                      "In your form tool, download the responses as CSV or Excel instead of saving the page.")
    if head.startswith("<?xml") or head.startswith("<"):
        return fatal("This file is XML, not a CSV table.", "Save the responses as CSV or Excel (.xlsx).")
    if head.startswith("{\\rtf"):
        return fatal("This file is a rich-text (RTF) document, not a table.", FIX_EXPORT)
    if head.startswith(("{", "[")) and text.rstrip().endswith(("}", "]")):
        return fatal("This file is JSON, not a CSV table.", FIX_EXPORT)
    if _control_ratio(text) > 0.01:
        return fatal("The file could not be read as text (it contains many unreadable characters).",
                      FIX_EXPORT)
    return None


def _sniff_delimiter(text: str) -> str | None:
    """Pick the delimiter that splits the first rows into the same, largest number of columns.

    When no delimiter fits, the first rows may be a one-cell title ("Buddy round, March" without
    trailing commas) above the header: the rows after it are tried.
    """
    return _best_delimiter(text, skip_title=False) or _best_delimiter(text, skip_title=True)


def _best_delimiter(text: str, skip_title: bool) -> str | None:
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
        if skip_title:
            lead = next((i for i, r in enumerate(rows[:6]) if len(r) >= 2), 0)
            rows = rows[lead:]
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
        return None, [fatal(f"The Excel file could not be opened ({type(err).__name__}).",
                             "Open it in Excel or Google Sheets, save it again as .xlsx or CSV, and upload that.")]
    try:
        titles = wb.sheetnames
        sheets = [(ws.title, getattr(ws, "sheet_state", "visible") == "visible", _sheet_rows(ws)) for ws in wb.worksheets]
    except Exception as err:  # noqa: BLE001 - a corrupt sheet can fail deep inside openpyxl
        return None, [fatal(f"A sheet of the Excel file could not be read ({type(err).__name__}).",
                            "Open it in Excel or Google Sheets, save it again as .xlsx or CSV, and upload that.")]
    finally:
        wb.close()
    best, best_rank = None, None
    for k, (title, visible, rows) in enumerate(sheets):
        filled = [i for i, r in enumerate(rows) if r]
        if not filled:
            continue
        start = _header_index(rows, filled)
        has_data = any(i > start for i in filled)
        header = [str(h) for h in rows[start]]
        # Instructions, summaries, hidden helper sheets and blank templates often come first: prefer a
        # visible sheet with answers under a header that names people.
        named = bool({"name", "id", "first_name", "last_name"} & set(auto_map(header)))
        rank = (has_data, named, visible, -k)
        if best_rank is None or rank > best_rank:
            best, best_rank = (title, rows), rank
    if best is None:
        return None, [fatal("The Excel file has no data on any sheet, so there are no participants.",
                            "Check that you exported the responses, not the blank form.")]
    others = [t for t, _v, rows in sheets if t != best[0] and any(rows)]
    return best[1], [_sheet_note(best[0], titles, others)]


def _sheet_rows(ws) -> list[list[str]]:
    """A sheet's rows as strings, each cut after its last filled cell (blank rows are []).

    Streaming keeps a stray far-away cell (XFD1048576) from turning into a million padded rows.
    """
    ws.reset_dimensions()  # some writers store wrong dimensions; read what is really there
    rows: list[list[str]] = []
    last = -1
    for i, r in enumerate(ws.iter_rows(min_row=1, values_only=True)):
        cells = [_cell_to_str(v) for v in r] if any(v is not None and v != "" for v in r) else []
        while cells and not cells[-1].strip():
            cells.pop()
        rows.append(cells)
        if cells:
            last = i
    return rows[: last + 1]


def _sheet_note(title: str, titles: list[str], skipped: list[str]) -> Issue:
    """Which sheet was read; a warning (printed by the CLI) when sheets with content were skipped."""
    where = f" (sheet {titles.index(title) + 1} of {len(titles)})" if len(titles) > 1 else ""
    if skipped:
        names = ", ".join(f"'{t}'" for t in skipped[:5]) + (" ..." if len(skipped) > 5 else "")
        return Issue("warning", f"Read the sheet '{title}'{where}; the other sheet{'s' if len(skipped) > 1 else ''} "
                     f"with content ({names}) {'were' if len(skipped) > 1 else 'was'} not read.",
                     "If the responses are on another sheet, move that sheet first and upload again.")
    return Issue("info", f"Read the sheet '{title}'{where}.",
                 "If the responses are on another sheet, move that sheet first and upload again.")


def _bytes_to_rows(data: bytes) -> tuple[list[list[str]] | None, str, list[Issue]]:
    """Rows of raw cell strings (row i = sheet/file row i+1) and the format read."""
    if not data:
        return None, "", [fatal("The file is empty (0 bytes), so there are no participants.")]
    if data.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            names = set()
        if "xl/workbook.xml" in names:
            rows, issues = _read_xlsx(data)
            return rows, "xlsx", issues
        if "content.xml" in names:
            return None, "", [fatal("This is an OpenDocument spreadsheet (.ods), which Pairwise cannot read.",
                                     "Save it as Excel (.xlsx) or CSV and upload that.")]
        if "word/document.xml" in names:
            return None, "", [fatal("This is a Word document, not a table.", FIX_EXPORT)]
        return None, "", [fatal("This file is a ZIP archive, not a table.",
                                 "Unzip it and upload the CSV or .xlsx file inside.")]
    if data.startswith(_OLE):
        return None, "", [fatal("This is an old-style Excel (.xls) or password-protected workbook, which "
                                 "Pairwise cannot read.", "Remove the password, save it as .xlsx or CSV, and upload that.")]
    for magic, what in _MAGIC:
        if data.startswith(magic) and not (magic == b"MZ" and data[:64].isascii()):
            return None, "", [fatal(f"This file is {what}, not a table.", FIX_EXPORT)]
    text, _enc, issues = _decode(data)
    if text is None:
        return None, "", issues
    problem = _not_text_table(text)
    if problem is not None:
        return None, "", [problem]
    if not text.strip():
        return None, "", [fatal("The file has no text in it, so there are no participants.")]
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
        if _enc == "utf_8_repaired":
            issues = issues + _repair_cells(rows)
    except csv.Error as err:
        return None, "", issues + [fatal(f"The CSV could not be read ({err}).",
                                          "Open it in a spreadsheet, save it again as CSV, and upload that.")]
    return rows, "csv", issues



def _rows_to_frame(rows: list[list[str]], header_row: int | None = None) -> tuple[pd.DataFrame | None, list[Issue]]:
    """Header + data rows -> string DataFrame indexed by the organizer's row numbers.

    ``header_row`` fixes the header's position; by default it is found (title rows skipped).
    Trailing blank rows and columns are cut before anything is padded, so a file whose last
    cell sits far away (a stray cell at XFD1048576, a header of 16,384 commas, a million blank
    lines) stays small. Blank rows between answers are kept (they are reported as empty rows).
    """
    issues: list[Issue] = []
    filled = [i for i, r in enumerate(rows) if any(c.strip() for c in r)]
    if not filled:
        return None, [fatal("The file has no text in it, so there are no participants.")]
    start = _header_index(rows, filled) if header_row is None else header_row
    if header_row is None and start != filled[0]:
        issues.append(Issue("info", f"Row{'s' if start - filled[0] > 1 else ''} {rows_text(list(range(filled[0] + 1, start + 1)))} "
                            f"above the column headers (row {start + 1}) look like a title and were skipped.",
                            "Nothing to do, or delete the title rows."))
    rows = rows[: filled[-1] + 1]  # trailing blank rows are not rows
    first_data = start + 1
    header = list(rows[start])
    merged = _second_header(header, rows[start + 1] if start + 1 < len(rows) else [])
    if _is_import_id_row(rows[start + 2] if start + 2 < len(rows) else []):
        # Qualtrics: short names (Q1, StartDate), then the question text, then {"ImportId": ...}.
        header, first_data, merged = [c.strip() or h for c, h in zip(rows[start + 1], header)], start + 3, None
        issues.append(Issue("info", f"Rows {start + 1}-{start + 3} are the three header rows of a Qualtrics export; "
                            f"the question text (row {start + 2}) names the columns.", "Nothing to do."))
    if merged is not None:
        header, first_data = merged, start + 2
        issues.append(Issue("info", f"Row {start + 2} holds a second header row (answer types or options under each "
                            "question, as SurveyMonkey exports); it was read as part of the headers.", "Nothing to do."))
    body = rows[first_data:]
    # Only columns with a header or an answer exist; nothing is padded to the widest row first.
    positions = sorted({j for r in [header] + body for j, c in enumerate(r) if c.strip()})
    # Blank rows between answers are not materialised (a stray far-away cell can leave a million of
    # them); they travel as (first, last) runs in ``frame.attrs["blank_rows"]``.
    answered = [k for k, r in enumerate(body) if any(c.strip() for c in r)]
    blank_runs = _runs(first_data + 1, len(body), answered)
    cells = [[(body[k][j].strip() if j < len(body[k]) else "") for j in positions] for k in answered]
    head = [header[j] if j < len(header) else "" for j in positions]
    keep, names, more = _column_names(head, cells, positions, len(rows[start]))
    issues += more
    row_numbers = [first_data + 1 + k for k in answered]
    frame = pd.DataFrame([[r[k] for k in keep] for r in cells], columns=names, index=row_numbers, dtype=object)
    if frame.shape[1] == 0 or frame.shape[0] == 0:
        frame = pd.DataFrame(columns=names, index=pd.Index(row_numbers, dtype="int64"), dtype=object)
    frame.index.name = "row"
    frame = frame.astype(object)
    frame.attrs["blank_rows"] = blank_runs
    return frame, issues


def _runs(first: int, n: int, answered: list[int]) -> tuple[tuple[int, int], ...]:
    """Blank row numbers as (first, last) runs: rows first .. first+n-1 minus the answered offsets."""
    runs, prev = [], -1
    for k in answered + [n]:
        if k > prev + 1:
            runs.append((first + prev + 1, first + k - 1))
        prev = k
    return tuple(runs)


def blank_rows(table: pd.DataFrame, limit: int | None = None) -> list[int]:
    """The blank rows :func:`read_table` left out of ``table`` (row numbers, at most ``limit``)."""
    out: list[int] = []
    for lo, hi in table.attrs.get("blank_rows", ()):
        stop = hi + 1 if limit is None else min(hi + 1, lo + limit - len(out))
        out.extend(range(lo, stop))
        if limit is not None and len(out) >= limit:
            break
    return out


def count_blank_rows(table: pd.DataFrame) -> int:
    """How many blank rows :func:`read_table` left out of ``table``."""
    return sum(hi - lo + 1 for lo, hi in table.attrs.get("blank_rows", ()))


def _last_filled(row: list[str]) -> int:
    """Index of the row's last non-blank cell (-1 when blank)."""
    for j in range(len(row) - 1, -1, -1):
        if row[j].strip():
            return j
    return -1


_ANSWER_TYPES = {"response", "open-ended response", "open ended response", "other (please specify)"}


def _is_import_id_row(row: list[str]) -> bool:
    """True for Qualtrics' third header row: every filled cell is {"ImportId": ...} JSON."""
    cells = [c.strip() for c in row if c.strip()]
    return len(cells) >= 2 and all(c.startswith("{") and '"ImportId"' in c for c in cells)


def _second_header(header: list[str], below: list[str]) -> list[str] | None:
    """Merged headers when the row under the header names answer types/options (SurveyMonkey), else None.

    A question's first column keeps the question; the option columns after it (blank in the first
    header row) are named "question - option".
    """
    marks = sum(1 for c in below if c.strip().lower() in _ANSWER_TYPES)
    if marks < 2 or marks < 0.3 * sum(1 for c in below if c.strip()):
        return None
    merged, question = [], ""
    for j, h in enumerate(header):
        sub = below[j].strip() if j < len(below) else ""
        if h.strip():
            question = h.strip()
            merged.append(h)
        elif sub and question:
            merged.append(f"{question} - {sub}")
        else:
            merged.append(h)
    return merged


def _column_names(header: list[str], cells: list[list[str]], positions: list[int],
                  orig_width: int) -> tuple[list[int], list[str], list[Issue]]:
    """Columns to keep (indices into ``cells``) and their names: blank headers over data named by letter,
    duplicates renamed. ``positions`` are the columns' places in the file (for letters)."""
    issues: list[Issue] = []
    keep, names, unnamed, seen = [], [], [], {}
    for k, h in enumerate(header):
        j = positions[k]
        if not h.strip():
            if not any(r[k] for r in cells):
                continue
            h = f"Column {col_letter(j)}"
            unnamed.append((j, h))
        if h in seen:
            seen[h] += 1
            new = f"{h} ({seen[h]})"
            issues.append(Issue("warning", f"Column {col_letter(j)}: the header {show(h)} appears more than "
                                f"once; this copy was renamed {show(new)}.",
                                "Give every column a different header.", None, new))
            h = new
        seen.setdefault(h, 1)
        keep.append(k)
        names.append(h)
    if unnamed:
        where = ", ".join(col_letter(j) for j, _ in unnamed)
        beyond = [j for j, _ in unnamed if j >= orig_width]
        issues.append(Issue("warning", f"Column(s) {where} have cells but no header; they were kept as "
                            f"{', '.join(repr(h) for _, h in unnamed)}.",
                            "Give those columns a header. If only some rows spill into them, a delimiter "
                            "inside unquoted free text is the usual cause." if beyond else "Give those columns a header."))
    return keep, names, issues


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
    fake_xlsx = name.lower().endswith((".xlsx", ".xlsm")) and _kind != "xlsx"
    if fake_xlsx and rows is not None:
        issues.append(Issue("warning", f"The file '{name}' is named .xlsx but is not a real Excel file; it was "
                                       "read as a text (CSV) table.", "Nothing to do if the table below looks right."))
    if rows is None:
        return None, digest, issues
    frame, more = _rows_to_frame(rows)
    issues += more
    if frame is not None and frame.shape[1] == 1 and _looks_like_prose(frame):
        if fake_xlsx:  # text renamed to .xlsx, not a workbook
            return None, digest, [i for i in issues if i.severity != "warning"] + [fatal(
                "This file is named .xlsx but is not a real Excel file: it holds plain text that does not "
                "split into columns.", FIX_EXPORT)]
        return None, digest, issues + [fatal(
            "This file does not look like a table: no line splits into columns at commas, semicolons, "
            "tabs or '|', and the text reads like prose.", FIX_EXPORT)]
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
        blank), indexed by the row number the organizer sees (header = 1). Blank rows are left
        out; :func:`blank_rows` lists their row numbers.
        Empty when the file is unusable.
    issues : list of Issue
        Encoding / sheet notes, and fatal issues when the file is not a readable table.
    """
    if not isinstance(max_bytes, int) or max_bytes <= 0:
        raise TypeError(f"max_bytes must be a positive int. Got {max_bytes!r} instead.")
    frame, _digest, issues = _read_table(source, filename, max_bytes)
    return (frame if frame is not None else pd.DataFrame()), sort_issues(issues)




def read_frame(frame: pd.DataFrame) -> tuple[pd.DataFrame | None, str, list[Issue]]:
    """A DataFrame already in memory -> the same string table :func:`read_table` makes from a file.

    Parameters
    ----------
    frame : DataFrame
        Columns are the headers; the index is ignored. Cells are turned into text the way an
        XLSX cell is (blank for NaN/None, whole floats without ".0", dates in ISO form).

    Returns
    -------
    table : DataFrame or None
        Stripped strings indexed by the row number a CSV export of ``frame`` would show
        (header = 1); None when the frame has no columns.
    digest : str
        SHA-256 of the table's CSV form, so the same data always gets the same content hash.
    issues : list of Issue
        Notes about renamed duplicate or blank headers; fatal when there are no columns.
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"read_frame() needs a pandas DataFrame. Got {type(frame).__name__} instead.")
    header = ["" if _is_missing(c) else _cell_to_str(c) for c in frame.columns]
    body = [["" if _is_missing(v) else _cell_to_str(v) for v in rec] for rec in frame.itertuples(index=False, name=None)]
    text = io.StringIO()
    csv.writer(text).writerows([header] + body)
    digest = hashlib.sha256(text.getvalue().encode("utf-8")).hexdigest()
    if not header:
        return None, digest, [fatal("The table has no columns, so there are no participants.",
                                    "Pass the survey responses with one column per question.")]
    # A frame is one table with its header on top: a first data row is never a title row.
    table, issues = _rows_to_frame([header] + body, header_row=0)
    return table, digest, issues


def _is_missing(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False
