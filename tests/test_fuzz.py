"""Fuzz harness (issue 11): a few hundred mutated CSV/XLSX files made from the bundled samples go
through the real CLI, in process.

For every file: the exit code is 0 or 2, no exception escapes (an escaping exception is what a user
sees as a traceback), and on exit 0 every participant the loader kept appears in the output exactly
once. The mutations are deterministic (seeded) and the whole run is bounded in time.
"""

from __future__ import annotations

import contextlib
import csv
import io
import random
import time
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from matching.__main__ import main
from matching.intake import load_survey

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = [ROOT / "sample_data" / "coffee_round.csv", ROOT / "sample_data" / "mentoring.csv"]
N_CSV, N_XLSX = 260, 40
TIME_BUDGET_S = 600.0  # the 300 cases take ~35 s on an idle 2-core machine; this only bounds a pathological slowdown

HOSTILE_CELLS = [
    "", " ", "=1+1", "@SUM(1+1)", "+cmd|' /C calc'!A0", "-2+3", "\x07bell\x0bvtab", "NaN", "None", "null",
    "0001-01-01 00:00:00", "12/31/9999", "1e999", "-1", "99999999999999999999999", "inf", "-inf",
    "a" * 5000, "x@" * 2000, "http://" + "a" * 3000, "Łukasz Wójcik", "李小龙", "مرحبا", "😀" * 50,
    "\ufeffBOM", "line\nbreak", 'quote"inside', "semi;colon", "tab\tinside", "\x00nul", "\u202eRTL",
    "yes", "no", "Mentor", "mentee", "3", "0", "-7", "2.5", "ten", "PA", "CA", "Remote - EST",
]


def _rows(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8-sig") as fh:
        return [row for row in csv.reader(fh)]


def _mutate_rows(rows: list[list[str]], rng: random.Random) -> list[list[str]]:
    header, body = list(rows[0]), [list(r) for r in rows[1:]]
    body = rng.sample(body, k=min(len(body), rng.randint(0, 40)))
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(12)
        width = max(len(header), 1)
        if op == 0 and body:      # hostile cell
            r = rng.choice(body)
            if r:
                r[rng.randrange(len(r))] = rng.choice(HOSTILE_CELLS)
        elif op == 1 and len(header) > 1:   # drop a column
            j = rng.randrange(len(header))
            header.pop(j)
            for r in body:
                if j < len(r):
                    r.pop(j)
        elif op == 2:             # duplicate rows
            body += [list(r) for r in rng.sample(body, k=min(len(body), 5))]
        elif op == 3:             # ragged rows
            for r in rng.sample(body, k=min(len(body), 3)):
                if rng.random() < 0.5:
                    del r[rng.randrange(len(r) + 1):]
                else:
                    r += ["extra"] * rng.randint(1, 4)
        elif op == 4:             # blank rows and blank columns
            body += [[""] * width for _ in range(rng.randint(1, 30))]
            header += [""] * rng.randint(0, 20)
        elif op == 5:             # mangle a header
            j = rng.randrange(width)
            if j < len(header):
                header[j] = rng.choice(["", " ", header[j].upper(), header[j] + "  ", "Unnamed: 0", "=HYPERLINK()",
                                        header[0]])
        elif op == 6:             # shuffle columns
            order = list(range(len(header)))
            rng.shuffle(order)
            header = [header[j] for j in order]
            body = [[r[j] if j < len(r) else "" for j in order] for r in body]
        elif op == 7 and body:    # a whole column of one hostile value
            j = rng.randrange(width)
            value = rng.choice(HOSTILE_CELLS)
            for r in body:
                if j < len(r):
                    r[j] = value
        elif op == 8:             # title row above the header
            return [["Survey export " + str(rng.randint(1, 99))]] + [header] + body
        elif op == 9:             # no header at all
            return body or [header]
        elif op == 10:            # every name the same
            for r in body:
                if r:
                    r[min(1, len(r) - 1)] = "Alex Kim"
        else:                     # empty file body
            body = []
    return [header] + body


def _encode(rows: list[list[str]], rng: random.Random) -> bytes:
    buf = io.StringIO()
    delim = rng.choice([",", ",", ",", ";", "\t", "|"])
    csv.writer(buf, delimiter=delim, lineterminator=rng.choice(["\n", "\r\n"])).writerows(rows)
    text = buf.getvalue()
    enc = rng.choice(["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "cp1252"])
    data = text.encode(enc, errors="replace")
    roll = rng.random()
    if roll < 0.15 and data:       # a few raw byte flips
        arr = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            arr[rng.randrange(len(arr))] = rng.randrange(256)
        data = bytes(arr)
    elif roll < 0.22:              # truncated upload
        data = data[: rng.randrange(len(data) + 1)]
    elif roll < 0.26:              # one stray Windows-1252 apostrophe in a UTF-8 file
        data = data.replace(b"'", b"\x92", 1) if b"'" in data else data + b"\x92"
    return data


def _xlsx(rows: list[list[str]], rng: random.Random) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    if rng.random() < 0.3:         # a header-only sheet before the data
        ws.title = "Notes"
        ws.append(rows[0] if rows else ["note"])
        ws = wb.create_sheet("Responses")
    for r in rows:
        ws.append([c.replace("\x00", "").replace("\x07", "").replace("\x0b", "") for c in r])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _cases():
    rng = random.Random(20261202)
    sources = [_rows(p) for p in SAMPLES]
    for i in range(N_CSV + N_XLSX):
        rows = _mutate_rows(rng.choice(sources), rng)
        if i < N_CSV:
            yield f"case{i:03d}.csv", _encode(rows, rng)
        else:
            yield f"case{i:03d}.xlsx", _xlsx(rows, rng)


def _run_cli(argv: list[str]) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse
            code = exc.code if isinstance(exc.code, int) else 2
    return code, err.getvalue()


def test_fuzzed_surveys_never_crash_and_account_for_everyone(tmp_path):
    start = time.monotonic()
    ran, exit_codes, failures = 0, {0: 0, 2: 0}, []
    for name, data in _cases():
        if time.monotonic() - start > TIME_BUDGET_S:
            break
        path = tmp_path / name
        path.write_bytes(data)
        out = tmp_path / f"{name}.pairs.csv"
        try:
            code, err = _run_cli(["pair", str(path), "--out", str(out), "--embedder", "tfidf"])
        except Exception as exc:  # noqa: BLE001 - any escaping exception is the failure we hunt
            failures.append(f"{name}: {type(exc).__name__}: {str(exc)[:200]}")
            continue
        ran += 1
        if code not in (0, 2):
            failures.append(f"{name}: exit {code}: {err[-300:]}")
            continue
        exit_codes[code] += 1
        if "Traceback" in err:
            failures.append(f"{name}: traceback on stderr")
        if code == 0:
            kept = load_survey(path).participants["id"].astype(str)
            written = pd.read_csv(out, dtype=str, keep_default_na=False)["id"]
            # The export guards formula-like cells ("=1+1", "-inf") with a leading apostrophe.
            written = written.map(lambda v: v[1:] if v[:2] in {"'=", "'+", "'-", "'@"} else v)
            if sorted(written) != sorted(kept) or written.duplicated().any():
                failures.append(f"{name}: {len(kept)} participants, {len(written)} output rows "
                                f"({written.duplicated().sum()} duplicated)")
    assert not failures, f"{len(failures)} of {ran} fuzzed files failed:\n" + "\n".join(failures[:30])
    assert ran >= 150, f"only {ran} fuzzed files ran within {TIME_BUDGET_S:.0f} s"
    assert exit_codes[0] > 0 and exit_codes[2] > 0, exit_codes
