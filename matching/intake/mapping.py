"""Header + values -> fields: which column of the file holds which canonical field.

Three kinds of evidence, in order of trust:

1. the header is a known synonym of a field ("E-mail", "Correo electrónico", "Vorname");
2. the header contains a field's keyword pattern ("How many students would you like to mentor?");
3. the header resembles a field's description (character n-gram TF-IDF; the sentence model is
   used too, but only when another part of the app has already loaded it).

The column's values (see :mod:`.profile`) then veto nonsense - an essay is not a company, a
1-5 or importance rating is not skills, a yes/no answer is not a Slack handle, a column of
integers is not email - and can add evidence of their own (Mentor/Mentee answers are the side).
Fields no header names are then looked for in the values alone (people's names, submission
times, places offered only by mentors, the longest essay: see :mod:`.mapping_values`).
Every mapped field carries a confidence and a one-line reason; low-confidence ones are flagged
for the organizer to confirm. The organizer's own choices always win (:func:`apply_mapping`).
"""

from __future__ import annotations

import re
import sys
import weakref
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, NamedTuple

import numpy as np
import pandas as pd

from ..issues import Issue
from .fields import ALL_FIELDS, FIELD_LABELS
from .mapping_rules import (ABOUT_PROGRAM, BARE_NAME_HEADERS, FIELD_RULES, FORBIDDEN_KINDS, HEADER_VETOES, MAX_WORDS,
                            PROFILE_FIELDS, SEMANTIC_FIELDS, SIDE_WORDS, STOPWORDS, SUBMISSION_IDS, WEAK_PATTERNS)
from .messages import fatal, show
from .profile import ColumnProfile, column_kind

LOW_CONFIDENCE = 0.7  # below this a mapped field is flagged for the organizer to confirm
_EXACT, _PATTERN, _WEAK = 0.95, 0.82, 0.74
_SEMANTIC_MIN = 0.5  # TF-IDF cosine needed before a header "resembles" a field
_FIELD_ORDER = {r.field: i for i, r in enumerate(FIELD_RULES)}
_INDEX_HEADER = re.compile(r"^(?:unnamed: ?\d+|index|level_0|)$", re.IGNORECASE)


class FieldInfo(NamedTuple):
    """Why a field was mapped to its column: ``(confidence, reason)``."""

    confidence: float
    reason: str

    @property
    def low(self) -> bool:
        """True when the organizer should confirm this field."""
        return self.confidence < LOW_CONFIDENCE


@dataclass
class ColumnMapping:
    """The result of :func:`map_columns`.

    Attributes
    ----------
    fields : dict
        Field -> header (canonical and helper fields), headers exactly as written.
    info : dict
        Field -> :class:`FieldInfo` (confidence, reason).
    vetoes : dict
        Header -> one line on why its header suggested a field its values rule out.
    profiles : dict
        Header -> :class:`~matching.intake.profile.ColumnProfile` (only when values were given).
    index_columns : list of str
        Spreadsheet index columns ("Unnamed: 0" holding 0, 1, 2 ...): not answers.
    """

    fields: dict[str, str]
    info: dict[str, FieldInfo] = field(default_factory=dict)
    vetoes: dict[str, str] = field(default_factory=dict)
    profiles: dict[str, ColumnProfile] = field(default_factory=dict)
    index_columns: list[str] = field(default_factory=list)


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
    text = str(header).replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = text.replace("'", " ").replace("’", " ")
    return re.sub(r"[^0-9a-z]+", " ", text).strip()


# ---------------------------------------------------------------------------------------------
# Evidence from the header
# ---------------------------------------------------------------------------------------------

class _Candidate(NamedTuple):
    score: float
    field: str
    reason: str
    from_header: bool = True
    semantic: bool = False


def _header_candidates(header: str, key: str) -> list[_Candidate]:
    """Exact-synonym and keyword candidates for one header (several fields may match)."""
    out: list[_Candidate] = []
    if key in SUBMISSION_IDS or header.strip() in ("#", "№", "No.", "Nr."):
        out.append(_Candidate(0.8, "id", f"header {show(header)} numbers the responses; used as the id"))
    for i, rule in enumerate(FIELD_RULES):
        label = FIELD_LABELS[rule.field]
        if key in rule.exact:
            out.append(_Candidate(_EXACT - 0.001 * i, rule.field, f"header {show(header)} is a usual name for the {label}"))
            continue
        hit = next((m for p in rule.patterns if (m := p.search(key))), None)
        score = _PATTERN
        if hit is None:
            hit = next((m for p in WEAK_PATTERNS.get(rule.field, ()) if (m := p.search(key))), None)
            score = _WEAK
        if hit is not None:
            words = hit.group(0).strip() or key
            out.append(_Candidate(score - 0.002 * i, rule.field,
                                  f"header {show(header)} asks about the {label} ('{_cut(words)}')"))
    return out


def _cut(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@lru_cache(maxsize=1)
def _phrase_index():
    """The TF-IDF model over every field's synonyms and descriptions (built once per process)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    phrases, owners = [], []
    for rule in FIELD_RULES:
        if rule.field not in SEMANTIC_FIELDS:
            continue
        for p in sorted(rule.exact | set(rule.phrasings)):
            if len(_content_words(p)) >= 4:
                phrases.append(p)
                owners.append(rule.field)
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 4), sublinear_tf=True)
    matrix = vec.fit_transform([_content_words(p) for p in phrases])
    return vec, matrix, phrases, owners


def _content_words(key: str) -> str:
    """A normalised header without question words ("which country do you live in" -> "country live")."""
    return " ".join(w for w in key.split() if w not in STOPWORDS)


def _semantic_candidates(headers: list[str], keys: list[str]) -> list[list[_Candidate]]:
    """Per header, fields whose descriptions it resembles (best phrase per field)."""
    out: list[list[_Candidate]] = [[] for _ in headers]
    content = [_content_words(k) for k in keys]
    todo = [j for j, k in enumerate(content) if len(k) >= 3]
    if not todo:
        return out
    vec, matrix, phrases, owners = _phrase_index()
    sims = (vec.transform([content[j] for j in todo]) @ matrix.T).toarray()
    model_sims = _model_similarities([keys[j] for j in todo], phrases)
    for row, j in enumerate(todo):
        best: dict[str, tuple[float, str]] = {}
        for p in np.flatnonzero(sims[row] >= _SEMANTIC_MIN * 0.9):
            s = float(sims[row, p])
            if s > best.get(owners[p], (0.0, ""))[0]:
                best[owners[p]] = (s, phrases[p])
        if model_sims is not None:
            for p in np.flatnonzero(model_sims[row] >= 0.6):
                s = float(model_sims[row, p]) - 0.1  # sentence similarities run higher than TF-IDF's
                if s > best.get(owners[p], (0.0, ""))[0]:
                    best[owners[p]] = (s, phrases[p])
        for f, (s, phrase) in best.items():
            if s >= _SEMANTIC_MIN:
                out[j].append(_Candidate(min(0.68, 0.2 + 0.6 * s), f, f"header {show(headers[j])} resembles "
                                         f"'{_cut(phrase)}' (similarity {s:.2f})", True, True))
    return out


# model -> (phrase count, vectors): the field phrases never change, so each model encodes them once.
_PHRASE_VECTORS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _model_similarities(keys: list[str], phrases: list[str]) -> np.ndarray | None:
    """Sentence-model cosine similarities, only when the app has already loaded the model."""
    embedder = sys.modules.get("matching.scoring.embedder")
    model = getattr(embedder, "_MODEL", None) if embedder is not None else None
    if model is None:
        return None
    try:
        a = model.encode(keys, normalize_embeddings=True, show_progress_bar=False)
        cached = _PHRASE_VECTORS.get(model)
        if cached is None or cached[0] != len(phrases):  # once per model, not once per upload
            cached = (len(phrases), np.asarray(model.encode(phrases, normalize_embeddings=True, show_progress_bar=False)))
            _PHRASE_VECTORS[model] = cached
        b = cached[1]
    except Exception:  # noqa: BLE001 - the model is an optional helper here; TF-IDF still decides
        return None
    return np.asarray(a) @ np.asarray(b).T


# ---------------------------------------------------------------------------------------------
# Evidence from the values
# ---------------------------------------------------------------------------------------------

def _veto(f: str, header_key: str, profile: ColumnProfile | None, values: list[str],
          semantic: bool = False, exact: bool = False) -> str | None:
    """Why the header or the values rule out field ``f`` (None when they fit)."""
    label = FIELD_LABELS[f]
    if f in PROFILE_FIELDS and ABOUT_PROGRAM.search(header_key):
        return f"not the {label}: the question is about the program or event, not the person"
    if f in HEADER_VETOES and HEADER_VETOES[f].search(header_key):
        return f"not the {label}: the header asks about something else"
    if profile is None or profile.kind == "empty" or profile.filled < 3:
        return None  # too few answers to overrule the header
    if exact and f in ("name", "first_name", "last_name"):
        return None  # without a name column the file cannot be used at all: trust the header
    if profile.kind in FORBIDDEN_KINDS[f]:
        return f"not the {label}: {profile.describe()}"
    if f not in ("keep_registered", "similar_role_required") and _is_option_column(header_key, values):
        return f"not the {label}: the only answer repeats the header (one column per option of a checkbox question)"
    if f in MAX_WORDS and profile.kind == "free_text" and profile.mean_words > MAX_WORDS[f]:
        return f"not the {label}: answers run to about {profile.mean_words:.0f} words"
    if f == "role" and _side_share(values) >= 0.6:
        return "not the role: the answers are mentor/mentee sides"
    return _content_veto(f, profile, values, semantic, exact)


def _is_option_column(header_key: str, values: list[str]) -> bool:
    answers = {normalize_header(v) for v in values if v}
    return len(answers) == 1 and answers.pop() == header_key


def _share(values: list[str], test) -> float:
    """Share of the filled cells passing ``test`` (evaluated once per distinct answer)."""
    counts = Counter(v for v in values if v)
    total = sum(counts.values())
    return sum(k for v, k in counts.items() if test(v)) / total if total else 1.0


def _content_veto(f: str, profile: ColumnProfile, values: list[str], semantic: bool, exact: bool) -> str | None:
    """Field-specific checks that the answers can be read as this field (an exact header is trusted more)."""
    label = FIELD_LABELS[f]
    if f == "id" and profile.kind in ("free_text", "single_choice"):
        from .mapping_values import person_name_share

        if person_name_share(values) >= 0.8:
            return "not the participant id: the answers are people's names"
    if f == "linkedin" and profile.kind == "url" and _share(values, lambda v: "linkedin" in v.lower()) < 0.3:
        return "not the LinkedIn URL: the links are not LinkedIn profiles"
    if f == "years_experience" and profile.kind in ("free_text", "single_choice"):
        from .normalise import _years_from_text

        if _share(values, lambda v: _years_from_text(v) is not None) < 0.5:
            return f"not the {label}: the answers are not numbers of years"
    if f == "career_stage" and profile.kind in ("free_text", "single_choice") and not exact:
        from .normalise import map_career_stage

        if _share(values, lambda v: map_career_stage(v) is not None) < 0.3:
            return f"not the {label}: the answers are not career stages"
    if semantic and f in ("location", "country"):
        from . import places

        if _share(values[:200], lambda v: places.geocode(v) is not None or places.is_no_place(v)) < 0.5:
            return f"not the {label}: the answers are not places"
    if f in ("capacity", "years_experience", "lat", "lon", "timezone", "keep_registered", "similar_role_required") \
            and profile.kind in ("number", "ordinal"):
        return _range_veto(f, profile)
    if f == "capacity" and profile.kind in ("single_choice", "free_text"):
        from .normalise import _capacity

        readable = sum(1 for v in values if v and _capacity(v) is not None) / max(1, profile.filled)
        if readable < 0.5:
            return f"not the {label}: the answers are not numbers of people"
    return None


def _range_veto(f: str, profile: ColumnProfile) -> str | None:
    if profile.value_range is None:
        return None
    lo, hi = profile.value_range
    limits = {"capacity": (0, 50), "years_experience": (0, 70), "lat": (-90, 90), "lon": (-180, 180),
              "timezone": (-12, 14), "keep_registered": (0, 1), "similar_role_required": (0, 1)}[f]
    if lo < limits[0] or hi > limits[1] or (f == "capacity" and not profile.integer):
        return f"not the {FIELD_LABELS[f]}: {profile.describe()}"
    return None


def _side_share(values: list[str]) -> float:
    filled = [v for v in values if v]
    return sum(1 for v in filled if SIDE_WORDS.search(v)) / len(filled) if filled else 0.0


def _sides_in_options(profile: ColumnProfile) -> bool:
    """True when the answers are sides: some read as mentor, some as mentee, nearly all as one of them."""
    from .normalise import _side

    if profile.kind not in ("single_choice", "ordinal", "free_text") or not 2 <= len(profile.options) <= 6 \
            or profile.mean_words > 10:
        return False
    sides = [_side(o)[0] for o in profile.options]
    return {"mentor", "mentee"} <= set(sides) and sum(s != "peer" for s in sides) >= len(sides) - 1


def _value_candidates(header: str, key: str, profile: ColumnProfile | None, values: list[str]) -> list[_Candidate]:
    """Fields the values alone point to (used when the header says nothing better)."""
    if profile is None or profile.kind == "empty":
        return []
    out = []
    if _sides_in_options(profile):
        out.append(_Candidate(0.88, "side", f"the answers in {show(header)} are mentor/mentee sides "
                                            f"({_cut(', '.join(profile.options[:3]))})", False))
    if profile.kind == "email":
        out.append(_Candidate(0.7, "email", f"the values in {show(header)} are email addresses", False))
    if profile.kind == "url" and _share(values, lambda v: "linkedin" in v.lower()) >= 0.5:
        out.append(_Candidate(0.7, "linkedin", f"the values in {show(header)} are LinkedIn links", False))
    if profile.kind == "id_like" and profile.distinct == profile.filled and re.search(r"\be ?mail\b|\bcorreo\b", key):
        out.append(_Candidate(0.8, "id", f"header {show(header)} asks for an email, but the values are ids "
                                         f"({profile.describe()}, one per person): used as the participant id", False))
    if profile.kind in ("single_choice", "free_text") and profile.mean_words <= 4:
        from .normalise import map_role

        if _share(values, lambda v: map_role(v) is not None) >= 0.7:
            out.append(_Candidate(0.72, "role", f"the answers in {show(header)} are job roles "
                                                f"({_cut(', '.join(profile.options[:3]))})", False))
    return out


def _with_values(cand: _Candidate, profile: ColumnProfile | None) -> _Candidate:
    """A header candidate with the values' description added to its reason (and a small boost)."""
    if profile is None or profile.kind == "empty":
        # An unanswered column loses to any answered one (exports carry empty built-in columns).
        return cand._replace(score=cand.score - 0.3, reason=cand.reason + "; nobody answered it yet")
    typical = {"email": "email", "submitted_at": "date", "capacity": "number", "linkedin": "url", "slack": "handle",
               "skills": "multi_choice", "interests": "multi_choice", "summary": "free_text", "wants": "free_text"}
    boost = 0.03 if typical.get(cand.field) == profile.kind or (cand.field == "capacity" and profile.integer) else 0.0
    if cand.field in ("summary", "wants"):  # the text signals want sentences, not one-word choices
        boost += 0.03 if profile.mean_words >= 5 else -0.05 if profile.mean_words < 3 else 0.0
    return cand._replace(score=min(0.99, cand.score + boost), reason=f"{cand.reason}; {profile.describe()}")


# ---------------------------------------------------------------------------------------------
# Putting it together
# ---------------------------------------------------------------------------------------------

def map_columns(columns: Iterable[str], table: pd.DataFrame | None = None) -> ColumnMapping:
    """Decide which column holds which field, from the headers and (when given) the values.

    Parameters
    ----------
    columns : list of str
        Headers exactly as in the file.
    table : DataFrame, optional
        The file's cells as strings with those headers (as :func:`~matching.intake.read.read_table`
        returns). Without it only the headers are read.

    Returns
    -------
    ColumnMapping
        Field -> header with a confidence and reason per field, plus the vetoes and profiles.
    """
    if isinstance(columns, (str, bytes)):
        raise TypeError("map_columns() needs a list of headers, not a single string.")
    headers = list(columns)
    for h in headers:
        if not isinstance(h, str):
            raise TypeError(f"Column headers must be str. Got {type(h).__name__} instead.")
    keys = [normalize_header(_leaf(h)) for h in headers]
    if table is not None and [str(c) for c in table.columns] != headers:
        raise ValueError("map_columns(): the table's columns must be the headers given, in the same order.")
    values = {h: _cells(table, j) for j, h in enumerate(headers)} if table is not None else {}
    profiles = {h: column_kind(v) for h, v in values.items()}
    index_cols = [h for h in headers if h in profiles and _is_index_column(h, profiles[h], values[h])]
    semantic = _semantic_candidates(headers, keys)
    pool: list[tuple[float, int, int, str, str]] = []
    vetoes: dict[str, str] = {}
    for j, (h, key) in enumerate(zip(headers, keys)):
        if h in index_cols:
            continue
        prof, vals = profiles.get(h), values.get(h, [])
        header_cands = _header_candidates(h, key)
        named = {c.field for c in header_cands}
        cands = header_cands + [c for c in semantic[j] if c.field not in named]
        cands += [c for c in _value_candidates(h, key, prof, vals) if c.field not in named]
        for c in cands:
            why = _veto(c.field, key, prof, vals, c.semantic, c.score >= _EXACT - 0.05) if c.from_header else None
            if why is not None:
                if c.score >= _PATTERN - 0.1 and h not in vetoes:
                    vetoes[h] = why
                continue
            c = _with_values(c, prof) if c.from_header else c
            pool.append((-c.score, j, _FIELD_ORDER[c.field], c.field, c.reason))
    fields, info = _assign(pool, headers)
    _pair_name_halves(fields, info, keys, headers)
    if values:
        _fill_from_values(fields, info, headers, keys, profiles, values, index_cols)
    ordered = {f: fields[f] for f in ALL_FIELDS if f in fields}
    return ColumnMapping(ordered, {f: info[f] for f in ordered}, vetoes, profiles, index_cols)


def _leaf(header: str) -> str:
    """The question's own name in a group path ('group_profile/full_name' -> 'full_name', as ODK/Kobo export)."""
    text = header.strip()
    return text.rsplit("/", 1)[1] if re.fullmatch(r"[a-z0-9_\-.]+(?:/[a-z0-9_\-.]+)+", text) else header


def _fill_from_values(fields: dict[str, str], info: dict[str, FieldInfo], headers: list[str], keys: list[str],
                      profiles: dict, values: dict, index_cols: list[str]) -> None:
    """Name, submission time and capacity recognised from the values when no header named them."""
    from .mapping_values import capacity_by_sides, name_by_values, submitted_by_values, summary_by_values
    from .normalise import _side

    cells = [values[h] for h in headers]
    profs = [profiles.get(h) for h in headers]

    def free() -> list[int]:
        used = set(fields.values()) | set(index_cols)
        return [j for j, h in enumerate(headers) if h not in used]

    proposals = []
    if not {"name", "first_name", "last_name"} & set(fields):
        proposals.append(lambda: name_by_values(keys, cells, free()))
    if "submitted_at" not in fields:
        proposals.append(lambda: submitted_by_values(keys, profs, cells, free()))
    if "capacity" not in fields and "side" in fields:
        sides = [_side(v)[0] for v in values[fields["side"]]]
        proposals.append(lambda: capacity_by_sides(keys, profs, cells, free(), sides))
    if "summary" not in fields:
        proposals.append(lambda: summary_by_values(keys, profs, free()))
    for propose in proposals:
        p = propose()
        if p is None or _veto(p.field, keys[p.column], profs[p.column], cells[p.column]) is not None:
            continue
        fields[p.field] = headers[p.column]
        info[p.field] = FieldInfo(p.confidence, f"{show(headers[p.column])}: {p.reason}")


def _cells(table: pd.DataFrame, j: int) -> list[str]:
    return ["" if v is None else str(v).strip() for v in table.iloc[:, j].tolist()]


def _is_index_column(header: str, profile: ColumnProfile, values: list[str]) -> bool:
    """A pandas/spreadsheet index: header 'Unnamed: 0' (or blank/'index') over 0, 1, 2 ... or 1, 2, 3 ..."""
    if not _INDEX_HEADER.match(header.strip()) and not re.fullmatch(r"Column [A-Z]{1,3}", header.strip()):
        return False
    nums = [v for v in values if v]
    if len(nums) != len(values) or not nums or not all(re.fullmatch(r"\d+", v) for v in nums):
        return False
    ints = [int(v) for v in nums]
    if re.fullmatch(r"unnamed: ?\d+", header.strip(), re.IGNORECASE):
        return len(set(ints)) == len(ints)  # pandas' own name for its index: any unique integers (rows filtered)
    start = ints[0]
    return start in (0, 1) and ints == list(range(start, start + len(ints)))


def _assign(pool: list[tuple[float, int, int, str, str]], headers: list[str]) -> tuple[dict[str, str], dict[str, FieldInfo]]:
    """Greedy: strongest evidence first; each column holds one field and each field one column."""
    fields: dict[str, str] = {}
    info: dict[str, FieldInfo] = {}
    used: set[int] = set()
    for neg, j, _order, f, reason in sorted(pool):
        if f in fields or j in used:
            continue
        fields[f] = headers[j]
        info[f] = FieldInfo(round(-neg, 2), reason)
        used.add(j)
    return fields, info


def _pair_name_halves(fields: dict[str, str], info: dict[str, FieldInfo], keys: list[str], headers: list[str]) -> None:
    """'Name' next to 'First name' is the last name (and next to 'Surname' the first name)."""
    if "name" in fields:
        key = keys[headers.index(fields["name"])]
        half = ("last_name" if "first_name" in fields and "last_name" not in fields else
                "first_name" if "last_name" in fields and "first_name" not in fields else None)
        if half and key in BARE_NAME_HEADERS:
            other = "first name" if half == "last_name" else "last name"
            fields[half] = fields.pop("name")
            info[half] = FieldInfo(0.85, f"header {show(fields[half])} sits next to a {other} column, so it holds "
                                         f"the {FIELD_LABELS[half]}")
            info.pop("name", None)
        else:
            fields.pop("first_name", None)
            fields.pop("last_name", None)
            info.pop("first_name", None)
            info.pop("last_name", None)


def auto_map(columns: Iterable[str], table: pd.DataFrame | None = None) -> dict[str, str]:
    """Guess which column holds which canonical field.

    Matching ignores case, accents, punctuation and extra whitespace, knows English, Spanish,
    German, French, Portuguese, Italian and Dutch form questions (and HR-report and group-path
    headers), and reads the values too when ``table`` is given (see :func:`map_columns`). Each header maps to at most one field and each field to at most one
    header.

    Parameters
    ----------
    columns : list of str
        Headers exactly as in the file.
    table : DataFrame, optional
        The file's cells, for value profiling.

    Returns
    -------
    dict
        Field -> header for every field found. Besides the canonical fields it may hold
        ``first_name``/``last_name`` (combined into ``name`` when there is no name column) and
        ``country`` (used to qualify ``location``).
    """
    if isinstance(columns, (str, bytes)):
        raise TypeError("auto_map() needs a list of headers, not a single string.")
    return map_columns(columns, table).fields


def apply_mapping(columns: list[str], override: dict[str, str] | None,
                  table: pd.DataFrame | None = None) -> tuple[ColumnMapping, list[Issue]]:
    """The automatic mapping with the organizer's overrides applied on top.

    Parameters
    ----------
    columns : list of str
        Headers exactly as in the file.
    override : dict or None
        Field -> header; ``""``/``None`` unmaps the field. Unknown fields and headers the file
        lacks are fatal issues.
    table : DataFrame, optional
        The file's cells, for value profiling.

    Returns
    -------
    mapping : ColumnMapping
    issues : list of Issue
    """
    auto = map_columns(columns, table)
    if not override:
        return auto, []
    if not isinstance(override, dict):
        raise TypeError(f"mapping must be a dict of field -> column header. Got {type(override).__name__} instead.")
    chosen, issues = _check_override(columns, override, auto.fields)
    mapping, info = dict(auto.fields), dict(auto.info)
    for f, h in chosen.items():
        for other in [k for k, v in mapping.items() if v == h and k != f]:
            del mapping[other]
            info.pop(other, None)
        mapping[f] = h
        info[f] = FieldInfo(1.0, f"column {show(h)} picked by the organizer")
    if "name" in chosen:
        for f in ("first_name", "last_name"):
            mapping.pop(f, None)
            info.pop(f, None)
    ordered = {f: mapping[f] for f in ALL_FIELDS if f in mapping}
    result = ColumnMapping(ordered, {f: info[f] for f in ordered if f in info}, auto.vetoes, auto.profiles,
                           [c for c in auto.index_columns if c not in ordered.values()])
    return result, issues


def _check_override(columns: list[str], override: dict[str, str],
                    mapping: dict[str, str]) -> tuple[dict[str, str], list[Issue]]:
    """The valid overrides (with unmapped fields removed from ``mapping``), and the problems."""
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
    return chosen, issues


def _apply_mapping(columns: list[str], override: dict[str, str] | None) -> tuple[dict[str, str], list[Issue]]:
    """Header-only form of :func:`apply_mapping` (field -> header), kept for older callers."""
    result, issues = apply_mapping(columns, override)
    return result.fields, issues
