"""Normalisers: raw answers -> canonical values (roles, stages, years, booleans, sides, capacity,
dates, places), and the per-field column builders that turn a mapped table into canonical lists.

Each builder reads one group of fields for every row, reports what it had to repair through a
:class:`~matching.intake.messages.Collector` and writes plain lists into the frame dict; the
survey module turns those into the participants table.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import os
import re
import secrets
import unicodedata
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import places as geo
from .fields import FIELD_LABELS, TEXT_FIELDS
from .messages import Collector, join_words, quote, rows_text
from .taxonomy import CAREER_STAGES, ROLES, UNKNOWN_STAGE

EMAIL_RE = re.compile(r"^[^@\s,;<>()]+@[^@\s,;<>()]+\.[^@\s,;<>().]{2,}$")
_EMAIL = EMAIL_RE

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
        One of :data:`matching.intake.taxonomy.ROLES`, or ``None`` (the caller keeps it as "Other").
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
# Ranges and bounds in English, Spanish, Portuguese, Italian, Dutch, German and French.
_RANGE = re.compile(_NUM + r"\s*(?:-|–|—|to|and|a|e|y|tot|bis|à)\s*" + _NUM)
_PLUS = re.compile(_NUM + r"\s*(?:\+|plus|or more|and (?:above|more|up))|(?:more than|over|at least|above|mais de|más de|"
                   r"mas de|più di|piu di|oltre|meer dan|über|uber|mehr als|plus de)\s*" + _NUM)
_LESS = re.compile(r"(?:less than|fewer than|under|below|<|menos de|meno di|minder dan|weniger als|moins de)\s*(?:"
                   + _NUM + r"|a|one|um|uno|un|een|ein)\b")
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
        A key of :data:`matching.intake.taxonomy.CAREER_STAGES`.
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
    ladder = re.fullmatch(r"(ic|l|e|m|p|t)\s?(\d)", key)
    if ladder:  # engineering ladders: IC1-IC7, L3-L8, E3-E8, P1-P6, T1-T6; M1-M3 managers
        rung = int(ladder.group(2)) - (2 if ladder.group(1) in ("l", "e") else 0)
        if ladder.group(1) == "m":
            return "10+ Years of Experience" if rung >= 2 else "5 - 10 Years of Experience"
        return _STAGE_BY_ORDINAL.get(min(5, max(2, rung + 1)))
    if re.search(r"\b(?:1st|first|2nd|second|3rd|third|4th|fourth|5th|fifth|6th|sixth|final|last) year\b|^year [1-6]$|"
                 r"\bfreshman\b|\bsophomore\b|^y[1-6]$", key) and not re.search(r"experience|work|job|industry", key):
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
    if re.search(r"\bmentee\b|(?:looking for|need|want|find|get|have|seeking|seek) (?:a |an )?(?:mentor|buddy)|"
                 r"be mentored|being mentored|mentorship for me|learner|\bnew (?:hire|joiner|starter|member|volunteer|"
                 r"employee|student|comer)s?\b|\bnewcomer|\bnew\b$|^new\b|\bincoming\b|\bfirst year|\bfreshman\b|"
                 r"\bmentorad[oa]\b|\baprendiz\b|\bfilleul|\bmentore\b|\bprotege\b|\bmentorando\b|\bnieuwkomer|"
                 r"\bdeelnemer\b|\bzoek\w* (?:een )?maatje\b|\bcerco (?:un )?mentor|\bnouv\w* (?:arrivant|venu)|"
                 r"\brecien llegad|\brecem chegad|\bnuov\w* arrivat|\bneuankommling|\bneu zugezogen", key):
        return "mentee", None
    if re.search(r"\bmentor\w*\b|\bcoach\b|\badvis\w+\b|\bguide\b|\breturning\b|\bexperienced\b|\bveteran\b|"
                 r"\bexisting\b|^(?:a |be a |i want to be a |i d like to be a )?buddy$|\bhost\b|\bambassador\b|"
                 r"\bbe (?:a |someone s )?buddy\b|\bas a buddy\b|\bmaintainer\b|\bregular contributor\b|"
                 r"\bcore (?:team|contributor|member)\b|\balumn|"
                 r"\bparrain|\bmarraine\b|\bwelcomer\b|\bgreeter\b|\bvrijwilliger\b|\bmaatje\b|\bvolontari[oa]\b|"
                 r"\bvoluntari[oa]\b|\bbenevole\b|\bfreiwillige[rn]?\b|^volunteer$",
                 key):
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


_EARLIEST = pd.Timestamp("1900-01-01", tz="UTC")
_LATEST = pd.Timestamp("2200-01-01", tz="UTC")


def parse_datetimes(values: pd.Series) -> pd.Series:
    """Parse a column of date-time strings (NaT where unreadable) into naive UTC timestamps.

    The format that reads the most values wins (so a column with a day above 12 settles
    month/day order for the whole column); remaining values try the other formats. Dates
    before 1900 or after 2200 (export placeholders such as 0001-01-01 or 12/31/9999) are NaT.

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
            try:
                parsed = pd.to_datetime(text[todo], format=fmt, errors="coerce", utc=True)
                # Placeholders (0001-01-01, 12/31/9999) are not times: outside 1900-2200 they count as unread.
                parsed = parsed.where((parsed >= _EARLIEST) & (parsed <= _LATEST))
            except (ValueError, OverflowError, TypeError):
                continue
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
# Column builders: mapped table -> canonical lists, one entry per data row
# =============================================================================================

@dataclass
class Rows:
    """The mapped rows being normalised: source table, field -> header, row numbers, issues."""

    data: pd.DataFrame
    fields: dict[str, str]
    out: Collector

    @property
    def rows(self) -> list[int]:
        return [int(r) for r in self.data.index]

    def col(self, f: str) -> list[str]:
        """The raw strings of field ``f`` (blank strings when it is not mapped)."""
        h = self.fields.get(f)
        return self.data[h].astype(str).tolist() if h else [""] * len(self.data)


def normalise_rows(data: pd.DataFrame, fields: dict[str, str], out: Collector) -> dict[str, list]:
    """Canonical columns (as lists, one entry per data row) from the non-empty source rows.

    Parameters
    ----------
    data : DataFrame
        Non-empty source rows as strings, indexed by the organizer's row numbers.
    fields : dict
        Field -> header (canonical and helper fields).
    out : Collector
        Receives every repaired or skipped value.

    Returns
    -------
    dict
        Column name -> list; includes the private ``_email_key`` and ``_given_id`` used to
        recognise repeat submissions.
    """
    src = Rows(data, fields, out)
    frame: dict[str, list] = {"row": src.rows}
    frame["name"] = _names(src)
    _emails_and_ids(src, frame)
    for f in ("slack", "linkedin", "company"):
        frame[f] = src.col(f)
    _roles(src, frame)
    _stages_and_years(src, frame)
    _locations(src, frame)
    _free_text(src, frame)
    frame["similar_role_required"] = _similar_roles(src)
    frame["side"] = _sides(src)
    frame["capacity"] = _capacities(src, frame["side"])
    frame["keep_registered"] = [_checkbox(v) for v in src.col("keep_registered")]
    frame["submitted_at"] = _submitted(src)
    return frame


def _names(src: Rows) -> list[str]:
    rows, fields, out = src.rows, src.fields, src.out
    if "name" in fields:
        names = [" ".join(v.split()) for v in src.col("name")]
        name_header = fields["name"]
    else:
        names = [" ".join(f"{a} {b}".split()) for a, b in zip(src.col("first_name"), src.col("last_name"))]
        name_header = fields.get("first_name") or fields.get("last_name")
    if not name_header:
        out.add("info", "There is no name column; people are listed as 'Participant <row number>'.",
                "Pick the name column in the column mapping if the file has one.")
        return [f"Participant {r}" for r in rows]
    for i, (r, v) in enumerate(zip(rows, names)):
        if not v:
            names[i] = f"Participant {r}"
            out.cell("warning", r, name_header, f"the name is blank; this person is listed as 'Participant {r}'.",
                     "Fill in the name so the pairing list is readable.")
    return names


def _emails_and_ids(src: Rows, frame: dict[str, list]) -> None:
    rows, fields = src.rows, src.fields
    emails = [v.strip().lower().removeprefix("mailto:") for v in src.col("email")]
    valid_email = [bool(EMAIL_RE.match(e)) for e in emails]
    if "email" in fields:
        for r, e, ok in zip(rows, emails, valid_email):
            if e and not ok:
                src.out.cell("warning", r, fields["email"], "this is not a valid email address; it was kept, but it "
                             "cannot be used to recognise repeat submissions.", "Correct the email address in that row.")
    frame["email"] = emails
    frame["_email_key"] = [e if ok else "" for e, ok in zip(emails, valid_email)]
    given_ids = src.col("id")
    frame["_given_id"] = given_ids
    frame["id"] = [gid if gid else (email_id(e) if ok else f"row-{r}")
                   for gid, e, ok, r in zip(given_ids, emails, valid_email, rows)]


def email_id(email: str) -> str:
    """A participant id made from an email address: a keyed hash, not reversible from a list of emails.

    Parameters
    ----------
    email : str
        The (lower-cased) address.

    Returns
    -------
    str
        ``"p-"`` + 12 hex digits of HMAC-SHA-256 under this installation's secret salt, so the same
        person gets the same id round after round on one installation, but nobody can test a list of
        candidate emails against an exported id.
    """
    return "p-" + hmac.new(_id_salt(), email.encode("utf-8"), hashlib.sha256).hexdigest()[:12]


@lru_cache(maxsize=1)
def _id_salt() -> bytes:
    """$PAIRWISE_ID_SALT, else a random salt kept in the user data folder (made on first use).

    When that folder cannot be written the salt is random per process: ids are then stable only
    within one run, which is still correct (people are matched across rounds by email and name too).
    """
    env = os.environ.get("PAIRWISE_ID_SALT")
    if env:
        return env.encode("utf-8")
    try:
        import platformdirs

        path = Path(platformdirs.user_data_dir("pairwise")) / "id-salt"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as fh:
                fh.write(secrets.token_hex(32))
        salt = path.read_text().strip()
        if len(salt) >= 32:
            return salt.encode("ascii")
    except (OSError, ImportError, UnicodeDecodeError):
        pass
    return secrets.token_bytes(32)


def _roles(src: Rows, frame: dict[str, list]) -> None:
    """Known roles normalised; an unknown role keeps its own cleaned label (never lumped into Other)."""
    fields, out = src.fields, src.out
    role_raw = src.col("role")
    roles, blank_role = [], []
    open_rows: dict[str, list[int]] = {}
    labels: dict[str, str] = {}  # casefolded label -> the label shown (first spelling seen)
    for r, raw in zip(src.rows, role_raw):
        role = map_role(raw) if raw else None
        if role is None:
            label = open_role_label(raw) if raw else ""
            if label:
                role = labels.setdefault(label.casefold(), label)
                open_rows.setdefault(role, []).append(r)
            else:
                if "role" in fields:
                    blank_role.append(r)
                role = "Other"
        roles.append(role)
    for label, rows in open_rows.items():
        out.add("info", f"Row{'s' if len(rows) > 1 else ''} {rows_text(rows)}: {quote(label)} is not one of the "
                "built-in roles; it is kept as its own role (people who wrote the same role count as the same role).",
                f"Nothing to do, or pick one of: {', '.join(x for x in ROLES if x != 'Other')}.", rows[0], fields["role"])
    if blank_role:
        out.add("info", f"The role is blank in row{'s' if len(blank_role) > 1 else ''} {rows_text(blank_role)}; "
                "those people count as Other.", "Nothing to do, or fill in their roles.", None, fields["role"])
    frame["role"] = roles
    frame["role_raw"] = role_raw


def open_role_label(text: str) -> str:
    """The label an unknown role keeps: "other: prompt designer " -> "Prompt Designer" ("" when none).

    Parameters
    ----------
    text : str
        The role as typed.

    Returns
    -------
    str
        Whitespace collapsed, an "Other:" prefix and edge punctuation removed, all-lower or
        all-upper text title-cased (short acronyms such as "UX" kept); "" for blank or "Other".
    """
    t = re.sub(r"^\s*other\s*(?:[:\-–(]\s*|\s+-\s*)", "", str(text), flags=re.IGNORECASE)
    t = " ".join(t.split()).strip(" .,;:-–()[]\"'")
    if not t or t.casefold() in ("other", "others", "n/a", "na", "none", "-"):
        return ""
    if t.islower() or (t.isupper() and len(t) > 4):
        t = " ".join(w if (w.isupper() and len(w) <= 3) else w.capitalize() for w in t.split())
    return t[:60]


def _stages_and_years(src: Rows, frame: dict[str, list]) -> None:
    rows, fields, out = src.rows, src.fields, src.out
    stages, blank_stage = [], []
    for r, raw in zip(rows, src.col("career_stage")):
        stage = map_career_stage(raw) if raw else None
        if stage is None and raw:
            out.cell("info", r, fields["career_stage"], f"{quote(raw)} is not a known career stage; it was kept as "
                     f"{UNKNOWN_STAGE}.", f"Pick one of: {', '.join(CAREER_STAGES)}, or leave it blank.")
        elif stage is None and "career_stage" in fields:
            blank_stage.append(r)
        stages.append(stage)
    years: list[float] = []
    for i, (r, raw) in enumerate(zip(rows, src.col("years_experience"))):
        value = _years_from_text(raw) if raw else None
        if raw and (value is None or not 0 <= value <= 70):
            out.cell("warning", r, fields["years_experience"], f"{quote(raw)} is not a number of years; it was "
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
            out.add("info", f"The career stage is blank in row{'s' if len(still) > 1 else ''} {rows_text(still)}; "
                    "experience is skipped for those people.", "Nothing to do, or fill in their stage.", None,
                    fields["career_stage"])
    frame["career_stage"] = [s or UNKNOWN_STAGE for s in stages]
    frame["stage_ordinal"] = [CAREER_STAGES[s][0] if s else -1 for s in stages]
    frame["years_experience"] = years


def _free_text(src: Rows, frame: dict[str, list]) -> None:
    for f in TEXT_FIELDS:
        frame[f] = src.col(f)
    mapped_text = [f for f in TEXT_FIELDS if f in src.fields]
    for i, r in enumerate(src.rows):
        blank = [f for f in mapped_text if not frame[f][i]]
        if blank:
            labels = [FIELD_LABELS[f] for f in blank]
            src.out.add("info", f"Row {r}: {join_words(labels)} {'is' if len(blank) == 1 else 'are'} blank; "
                        f"that signal is skipped for this person.", "Nothing to do; blank answers neither help nor hurt.", r)


def _similar_roles(src: Rows) -> list[bool]:
    similar = []
    for r, raw in zip(src.rows, src.col("similar_role_required")):
        value = _similar_role(raw)
        if value is None:
            src.out.cell("info", r, src.fields["similar_role_required"], f"{quote(raw)} was read as no role preference.",
                         "Answer 'My Buddy should be in a similar role as me' or 'No preference'.")
            value = False
        similar.append(value)
    return similar


def _sides(src: Rows) -> list[str]:
    sides = []
    for r, raw in zip(src.rows, src.col("side")):
        side, note = _side(raw)
        if note == "both":
            src.out.cell("info", r, src.fields["side"], f"{quote(raw)} was read as a peer (neither only mentor nor "
                         "only mentee).", "Pick 'Mentor' or 'Mentee' if this person should be on one side.")
        elif note == "unknown":
            src.out.cell("info", r, src.fields["side"], f"{quote(raw)} is not 'mentor' or 'mentee'; it was read as a "
                         "peer.", "Answer 'Mentor' or 'Mentee'.")
        sides.append(side)
    return sides


def _capacities(src: Rows, sides: list[str]) -> list[int]:
    caps = []
    for r, raw, side in zip(src.rows, src.col("capacity"), sides):
        if side != "mentor":
            caps.append(1)
            continue
        value = _capacity(raw)
        if value is None:
            src.out.cell("warning", r, src.fields["capacity"], f"{quote(raw)} is not a whole number of mentees (1 or "
                         "more); 1 was used.", "Type a whole number such as 1, 2 or 3.")
            value = 1
        elif value > len(src.rows):
            # More places than people in the file (e.g. a 20-digit typo): nobody could fill them.
            src.out.cell("warning", r, src.fields["capacity"], f"{quote(raw)} is more mentees than there are people "
                         f"in the file; {len(src.rows)} was used.", "Type the number of mentees this mentor can take.")
            value = len(src.rows)
        caps.append(value)
    return caps


def _submitted(src: Rows) -> list:
    raw_times = src.col("submitted_at")
    times = parse_datetimes(pd.Series(raw_times))
    bad_times = [r for r, raw, t in zip(src.rows, raw_times, times) if raw and pd.isna(t)]
    if bad_times:
        src.out.add("info", f"The submission time could not be read (or is a placeholder date such as 0001-01-01) "
                    f"in row{'s' if len(bad_times) > 1 else ''} "
                    f"{rows_text(bad_times)}; for repeated submissions the later row counts as the latest.",
                    "Use a date format like 2024-03-01 14:22:10.", None, src.fields["submitted_at"])
    return times.tolist()


def _locations(src: Rows, frame: dict[str, list]) -> None:
    rows, fields, out = src.rows, src.fields, src.out
    locs = src.col("location")
    countries = src.col("country")
    tz_raw = src.col("timezone")
    lat_raw, lon_raw = src.col("lat"), src.col("lon")
    lats, lons, zones = [], [], []
    queries = [", ".join(p for p in (loc, country) if p) for loc, country in zip(locs, countries)]
    found = geo.locate_all(queries)  # the whole column at once: "CA" is California in a US-heavy file
    for r, loc, country, tzr, la, lo, query, hit in zip(rows, locs, countries, tz_raw, lat_raw, lon_raw, queries, found):
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
        place = hit.place
        if place is not None and math.isnan(lat):
            lat, lon = place.lat, place.lon
        tz = geo.parse_timezone(tzr) if tzr else ""
        if tzr and not tz:
            # People often answer a time-zone question with their city.
            named = geo.geocode(tzr)
            tz = named.timezone if named is not None and named.kind == "city" else ""
        fallback = hit.timezone or (geo.timezone_at(lat, lon) if not math.isnan(lat) else "")
        if hit.note:
            out.cell("warning", r, fields.get("location") or fields.get("country") or "",
                     f"{quote(loc or country)} {hit.note}",
                     "Write the full name ('Pennsylvania', 'Canada') or 'City, State' to be sure.")
        if tzr and not tz:
            if fallback:
                out.cell("info", r, fields["timezone"], f"{quote(tzr)} is not a time zone Pairwise recognises; the "
                         "location's time zone was used instead.", "Use a name like Europe/Berlin or an offset like UTC+5:30.")
            else:
                out.cell("warning", r, fields["timezone"], f"{quote(tzr)} is not a time zone Pairwise recognises; "
                         "it was left blank.", "Use a name like Europe/Berlin or an offset like UTC+5:30.")
        if query and place is None and math.isnan(lat):
            header = fields.get("location") or fields.get("country") or ""
            shown = loc or country
            skipped = "distance is" if (tz or fallback) else "distance and time-zone fit are"
            if hit.no_place or geo.is_no_place(shown):
                out.cell("info", r, header, f"{quote(shown)} names no place; {skipped} skipped for this person.",
                         "Ask for a city (or a time zone) if location matters for this round.")
            else:
                out.cell("info", r, header, f"{quote(shown)} is not a place Pairwise recognises; {skipped} skipped "
                         "for this person.", "Write it as 'City, Country', e.g. 'Lyon, France'.")
        zones.append(tz or fallback)
        lats.append(lat)
        lons.append(lon)
    frame["location"] = locs
    frame["timezone"] = zones
    frame["lat"] = lats
    frame["lon"] = lons

