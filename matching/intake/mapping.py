"""Header + values -> fields: which column of the file holds which canonical field."""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable

from ..issues import Issue
from .fields import ALL_FIELDS, FIELD_LABELS
from .messages import fatal, show


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
    return {f: mapping[f] for f in ALL_FIELDS if f in mapping}


def _apply_mapping(columns: list[str], override: dict[str, str] | None) -> tuple[dict[str, str], list[Issue]]:
    mapping = auto_map(columns)
    if not override:
        return mapping, []
    if not isinstance(override, dict):
        raise TypeError(f"mapping must be a dict of field -> column header. Got {type(override).__name__} instead.")
    issues: list[Issue] = []
    found = ", ".join(show(c) for c in columns[:30])
    chosen: dict[str, str] = {}
    for f, h in override.items():
        if not isinstance(f, str) or not (h is None or isinstance(h, str)):
            raise TypeError("mapping must map field names (str) to column headers (str or None).")
        if f not in ALL_FIELDS:
            issues.append(fatal(f"The column mapping names a field '{f}' that Pairwise does not know.",
                                 f"Use one of: {', '.join(ALL_FIELDS)}."))
            continue
        if h is None or not h.strip():
            mapping.pop(f, None)  # the caller says: no column for this field
            continue
        if h not in columns:
            loose = [c for c in columns if c.strip().casefold() == h.strip().casefold()]
            if len(loose) != 1:
                issues.append(fatal(f"The column mapping picks a column {show(h)} for {FIELD_LABELS[f]}, but the "
                                     f"file has no such column. Found columns: {found}.",
                                     "Pick one of the file's columns, or upload the file the mapping was made for.", h))
                continue
            h = loose[0]
        chosen[f] = h
    seen: dict[str, str] = {}
    for f, h in chosen.items():
        if h in seen:
            issues.append(fatal(f"The column {show(h)} is picked for both {FIELD_LABELS[seen[h]]} and "
                                 f"{FIELD_LABELS[f]}; a column can hold only one field.",
                                 "Pick a different column for one of them.", h))
        seen[h] = f
    for f, h in chosen.items():
        for other in [k for k, v in mapping.items() if v == h and k != f]:
            del mapping[other]
        mapping[f] = h
    if "name" in chosen:
        mapping.pop("first_name", None)
        mapping.pop("last_name", None)
    return {f: mapping[f] for f in ALL_FIELDS if f in mapping}, issues


