"""Write the survey-export corpus in this folder: fabricated people, real tools' export conventions.

    .venv/bin/python tests/data/forms/make_forms.py

Each form is written as ``<name>.csv`` (or ``.xlsx``) plus ``<name>.expected.json``: the mapping an
organizer would choose (see README.md). Everything is drawn from a ``numpy.random.Generator`` seeded
per form, so a rerun rewrites the same files. Every person is fabricated: first names and surnames
are combined at random per culture, employers and email domains are invented.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import unicodedata
import zipfile
import zlib
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
_PEOPLE = json.loads((HERE.parents[2] / "sample_data" / "phrases" / "people.json").read_text(encoding="utf-8"))
CULTURES: dict[str, dict] = _PEOPLE["countries"]
HOBBIES: list[str] = json.loads((HERE.parents[2] / "sample_data" / "phrases" / "fragments.json")
                                .read_text(encoding="utf-8"))["hobbies"]
MORE_NAMES = {  # cultures the sample data does not have
    "Ethiopia": dict(f=["Selam", "Hiwot", "Meron", "Bethlehem", "Tigist"], m=["Dawit", "Yonas", "Abel", "Henok", "Biruk"],
                     last=["Tesfaye", "Bekele", "Girma", "Haile", "Alemu", "Tadesse"]),
    "Iran": dict(f=["Shirin", "Parisa", "Niloufar", "Maryam", "Leila"], m=["Arash", "Reza", "Kian", "Dariush", "Babak"],
                 last=["Ahmadi", "Hosseini", "Karimi", "Moradi", "Rahimi", "Jafari"]),
    "Greece": dict(f=["Eleni", "Katerina", "Dimitra", "Sofia"], m=["Giorgos", "Nikos", "Kostas", "Yannis"],
                   last=["Papadopoulos", "Georgiou", "Nikolaou", "Oikonomou", "Karagiannis"]),
    "Thailand": dict(f=["Ploy", "Nicha", "Kanya", "Malee"], m=["Somchai", "Anan", "Krit", "Niran"],
                     last=["Srisuk", "Chaiyaporn", "Wongsawat", "Suksawat", "Rattanakul"]),
    "Ireland": dict(f=["Aoife", "Siobhán", "Ciara", "Orla"], m=["Cian", "Oisín", "Darragh", "Seán"],
                    last=["Murphy", "Ó Briain", "Kelly", "Byrne", "Ní Dhomhnaill", "Walsh"]),
    "Lebanon": dict(f=["Rania", "Maya", "Yara", "Lara"], m=["Karim", "Elie", "Georges", "Ziad"],
                    last=["Haddad", "Khoury", "Saad", "Nassar", "Aoun"]),
}
for _c, _v in MORE_NAMES.items():
    CULTURES[_c] = {**_v, "w": 1, "loc": []}


# -- random helpers ----------------------------------------------------------------------

def pick(rng, seq):
    return seq[int(rng.integers(len(seq)))]


def picks(rng, seq, k: int) -> list:
    k = max(0, min(k, len(seq)))
    return [seq[i] for i in sorted(rng.choice(len(seq), size=k, replace=False))]


def chance(rng, p: float) -> bool:
    return bool(rng.random() < p)


def slug(s: str) -> str:
    s = s.replace("Ł", "L").replace("ł", "l").replace("ß", "ss").replace("ø", "o").replace("ı", "i")
    s = "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "", s.lower())


def sentence_join(*parts: str) -> str:
    out = []
    for p in parts:
        p = p.strip()
        if p:
            out.append(p if p[-1] in ".!?)" else p + ".")
    return " ".join(out)


def voice(rng, text: str) -> str:
    """How people type: some lower-case everything, drop the full stop, or add an exclamation."""
    r = rng.random()
    if r < 0.18:
        text = text.lower().rstrip(".")
    elif r < 0.28:
        text = text.rstrip(".")
    elif r < 0.34:
        text = text.rstrip(".") + "!"
    if chance(rng, 0.04):
        text = text + " "  # a trailing space
    return text


class People:
    """Draws fabricated people: a random first name and surname from one culture, never twice."""

    def __init__(self, rng, cultures: list[str] | None = None):
        self.rng = rng
        self.cultures = cultures or list(CULTURES)
        self.taken: set[str] = set()

    def draw(self, culture: str | None = None) -> dict:
        rng = self.rng
        for _ in range(500):
            c = culture or pick(rng, self.cultures)
            gender = "f" if chance(rng, 0.5) else "m"
            first = pick(rng, CULTURES[c][gender])
            last = pick(rng, CULTURES[c]["last"])
            if isinstance(last, list):
                last = last[0] if gender == "m" else last[1]
            if f"{first} {last}" not in self.taken:
                self.taken.add(f"{first} {last}")
                loc = pick(rng, CULTURES[c]["loc"])[0] if CULTURES[c]["loc"] else ""
                return {"first": first, "last": last, "name": f"{first} {last}", "culture": c, "gender": gender,
                        "home": loc}
        raise RuntimeError("name space exhausted")


def email(rng, p: dict, domain: str | None = None) -> str:
    f, l = slug(p["first"].split()[0]), slug(p["last"])
    domain = domain or pick(rng, ["gmail.com", "gmail.com", "gmail.com", "outlook.com", "yahoo.com", "proton.me",
                                  "hotmail.com", "icloud.com"])
    local = pick(rng, [f"{f}.{l}", f"{f}.{l}", f"{f}{l}", f"{f[0]}{l}", f"{f}_{l}", f"{f}.{l}{int(rng.integers(1, 99))}"])
    return f"{local}@{domain}"


def odd_case(rng, name: str) -> str:
    r = rng.random()
    if r < 0.05:
        return name.lower()
    if r < 0.08:
        return name.upper()
    if r < 0.11:
        return f" {name}  ".replace(" ", "  ", 1) if chance(rng, 0.5) else name + " "
    return name


def stamps(rng, n: int, start: dt.datetime, days: float) -> list[dt.datetime]:
    out = sorted(start + dt.timedelta(days=float(rng.uniform(0, days)), seconds=float(rng.integers(0, 60)))
                 for _ in range(n))
    return [t.replace(microsecond=0) for t in out]


# -- writers -----------------------------------------------------------------------------

def write_csv(name: str, header: list[str], rows: list[list], expected: dict, extra_header_rows=(),
              folder: Path = HERE, sep: str = ",", encoding: str = "utf-8", columns: list[str] | None = None) -> None:
    """``columns``: the headers as an organizer reads them, when the file's first row is not all of it."""
    buf = io.StringIO()
    frame = pd.DataFrame([list(r) for r in extra_header_rows] + rows, columns=range(len(header)))
    frame.columns = header
    frame.to_csv(buf, index=False, sep=sep, lineterminator="\n")
    (folder / f"{name}.csv").write_bytes(buf.getvalue().encode(encoding))
    _write_expected(name, columns or header, expected, folder, rows)


def write_xlsx(name: str, header: list[str], rows: list[list], expected: dict, sheet: str = "Sheet1",
               folder: Path = HERE) -> None:
    buf = io.BytesIO()
    frame = pd.DataFrame(rows, columns=header)
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        frame.to_excel(xw, index=False, sheet_name=sheet)
        props = xw.book.properties
        props.creator = "Pairwise test corpus"
        props.created = props.modified = dt.datetime(2024, 3, 14, 9, 0, 0)
    fixed = re.compile(rb"<dcterms:(created|modified)([^>]*)>[^<]*</dcterms:\1>")
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = fixed.sub(rb"<dcterms:\1\2>2024-03-14T09:00:00Z</dcterms:\1>", data)
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=(2024, 3, 14, 9, 0, 0)), data,
                         compress_type=zipfile.ZIP_DEFLATED)
    (folder / f"{name}.xlsx").write_bytes(out.getvalue())
    _write_expected(name, header, expected, folder, rows)


def _people_count(header: list[str], rows: list[list], mapping: dict) -> int:
    """Distinct people among the rows: a repeat submission carries the same name and email."""
    def key(r: list, fields: tuple[str, ...]) -> str:
        return " ".join(str(r[header.index(mapping[f])]).strip().lower() for f in fields if f in mapping)

    names = {key(r, ("name", "first_name", "last_name", "id")) for r in rows}
    if "email" in mapping:
        emails = {key(r, ("email",)) for r in rows}
        assert len(emails) == len(names), "two fabricated people share an email address"
    return len(names)


def _write_expected(name: str, header: list[str], expected: dict, folder: Path, rows: list[list]) -> None:
    """Check the expectation covers every column once, then write it next to the form."""
    mapping = expected["mapping"]
    assert len(set(mapping.values())) == len(mapping), f"{name}: a column is mapped twice"
    for h in list(mapping.values()) + expected["unmapped"] + list(expected.get("must_not", {})) + \
            expected.get("signal_columns", []) + list(expected.get("also_ok", {})) + expected.get("default_signals", []):
        assert h in header, f"{name}: {h!r} is not a column"
    covered = set(mapping.values()) | set(expected["unmapped"])
    assert covered == set(header), f"{name}: columns without an expectation: {set(header) - covered}"
    assert not set(mapping.values()) & set(expected["unmapped"]), name
    for h, bad in expected.get("must_not", {}).items():
        assert not any(mapping.get(f) == h for f in bad), f"{name}: {h!r} maps to a field it must not"
    n = expected.get("participants") or _people_count(header, rows, mapping)
    assert 20 <= n <= 80, f"{name}: {n} people"
    out = {"tool": expected["tool"], "program": expected["program"], "participants": n, "columns": header, "mapping": mapping,
           "unmapped": expected["unmapped"], "must_not": expected.get("must_not", {}),
           "signal_columns": expected.get("signal_columns", []), "default_signals": expected.get("default_signals", []),
           "also_ok": expected.get("also_ok", {}),
           "notes": expected.get("notes", "")}
    (folder / f"{name}.expected.json").write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n",
                                                  encoding="utf-8")


def duplicate_last(rng, rows: list[list], i_time: int, fmt, t_last: dt.datetime, edit=None) -> None:
    """Somebody submitted twice: a copy of an earlier row, later, slightly edited."""
    j = int(rng.integers(len(rows) // 2))
    row = list(rows[j])
    if edit:
        edit(row)
    row[i_time] = fmt(t_last + dt.timedelta(hours=float(rng.uniform(1, 30))))
    rows.append(row)


def gforms_time(t: dt.datetime) -> str:
    return f"{t.month}/{t.day}/{t.year} {t.hour}:{t.minute:02d}:{t.second:02d}"


def iso_time(t: dt.datetime) -> str:
    return t.strftime("%Y-%m-%d %H:%M:%S")


def write_forms(forms: dict) -> None:
    """Write every form of ``{name: maker}``, each from a generator seeded by its name."""
    for name, make in forms.items():
        make(np.random.default_rng(zlib.crc32(name.encode("utf-8"))), name)
        print("wrote", name)


def main() -> None:
    from forms_programs import FORMS as PROGRAMS
    from forms_more import FORMS as MORE

    write_forms({**PROGRAMS, **MORE})


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(HERE))
    main()
