"""Fields recognised from the values when no header names them: a column of people's names is
the name ("Worker", "Member"), a column of dates with times is the submission time, small whole
numbers answered only by one side of a mentoring program are the capacity.

These run after the header rules (:mod:`.mapping`) and only fill fields still missing; each
proposal carries a confidence and a reason, and the caller applies the usual vetoes.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from .mapping_rules import ABOUT_PROGRAM, HEADER_VETOES, NOT_PERSON
from .mapping_vocab import PERSON_HEADER
from .profile import ColumnProfile

_PERSON_HEADER = re.compile(PERSON_HEADER)
_NAME_TOKEN = re.compile(r"[^\W\d_](?:[^\W\d_]|['’.\-])*")
_PARTICLES = {"de", "da", "das", "do", "dos", "del", "della", "di", "la", "le", "van", "von", "der", "den", "ter",
              "bin", "binti", "al", "el", "ibn", "y", "e"}
_NOT_NAME_WORDS = {"the", "family", "group", "team", "inc", "ltd", "llc", "gmbh", "and", "of", "for", "with", "at",
                   "university", "school", "church", "club", "company", "department", "office", "street", "road",
                   "yes", "no", "none", "n/a", "other", "manager", "engineer", "student", "mentor", "mentee"}
_TIME_OF_DAY = re.compile(r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?")
_YEARS_OR_AGE = re.compile(r"\b(?:years?|yrs?|anos|anni|jaren|jaar|jahre|ans|age|edad|eta|leeftijd|alter|old|"
                           r"grade|year|semester|times?|runs?|hours?|days?|weeks?|km|miles?)\b")


class Proposal(NamedTuple):
    """A field the values point to: ``(field, column index, confidence, reason)``."""

    field: str
    column: int
    confidence: float
    reason: str


def looks_like_person_name(value: str) -> bool:
    """True for 'Ana Souza', 'van der Berg, Jan', 'MARÍA DE LA CRUZ'; False for 'The Okafor family', 'Oak Hill, TX'."""
    words = value.replace(",", " ").split()
    core = [w for w in words if w.lower() not in _PARTICLES]
    if not 2 <= len(core) <= 4 or len(words) > 6 or value.count(",") > 1:
        return False
    if any(not _NAME_TOKEN.fullmatch(w) or w.lower() in _NOT_NAME_WORDS for w in words):
        return False
    odd_case = value.islower() or value.isupper()
    if not odd_case and any(len(w) <= 3 and w.isupper() for w in core):
        return False  # 'Oak Hill, TX', 'Leeds UK': a place code, not a name
    return odd_case or all(w[0].isupper() for w in core)


def person_name_share(values: list[str]) -> float:
    """Share of the filled cells that read as a person's full name (0 when fewer than 5 answers)."""
    filled = [v for v in values if v]
    if len(filled) < 5:
        return 0.0
    return sum(1 for v in filled if looks_like_person_name(v)) / len(filled)


def _unique_share(values: list[str]) -> float:
    filled = [v.lower() for v in values if v]
    return len(set(filled)) / len(filled) if filled else 0.0


def name_by_values(keys: list[str], values: list[list[str]], free: list[int]) -> Proposal | None:
    """The free column whose answers are people's full names, one per row (headers about others excluded)."""
    best = None
    for j in free:
        key = keys[j]
        if NOT_PERSON.search(key) or HEADER_VETOES["name"].search(key):
            continue
        share, unique = person_name_share(values[j]), _unique_share(values[j])
        if share < 0.8 or unique < 0.85:
            continue
        worded = bool(_PERSON_HEADER.search(key))
        rank = (worded, share)
        if best is None or rank > best[0]:
            best = (rank, j, share, worded)
    if best is None:
        return None
    _, j, share, worded = best
    why = "the header names a person and " if worded else ""
    return Proposal("name", j, 0.8 if worded else 0.66,
                    f"{why}{share:.0%} of the answers read as people's full names, nearly all different")


def submitted_by_values(keys: list[str], profiles: list[ColumnProfile | None], values: list[list[str]],
                        free: list[int]) -> Proposal | None:
    """The free column of dates with a time of day, nearly one per row (start/hire/edit dates excluded)."""
    best = None
    for j in free:
        prof = profiles[j]
        if prof is None or prof.kind != "date" or HEADER_VETOES["submitted_at"].search(keys[j]):
            continue
        filled = [v for v in values[j] if v]
        timed = sum(1 for v in filled if _TIME_OF_DAY.search(v)) / len(filled) if filled else 0.0
        unique = _unique_share(values[j])
        if timed < 0.8 or unique < 0.6:
            continue
        rank = (unique, -j)
        if best is None or rank > best[0]:
            best = (rank, j)
    if best is None:
        return None
    return Proposal("submitted_at", best[1], 0.68, "the answers are dates with a time of day, nearly one per row")


def capacity_by_sides(keys: list[str], profiles: list[ColumnProfile | None], values: list[list[str]],
                      free: list[int], sides: list[str]) -> Proposal | None:
    """The free column of small whole numbers that only the mentors (givers) answered."""
    mentors = [i for i, s in enumerate(sides) if s == "mentor"]
    if len(mentors) < 3 or len(mentors) == len(sides):
        return None
    for j in free:
        prof = profiles[j]
        if prof is None or prof.kind not in ("number", "ordinal", "single_choice") or _YEARS_OR_AGE.search(keys[j]):
            continue
        cells = values[j]
        filled = [i for i, v in enumerate(cells) if v]
        if len(filled) < 3 or not all(re.fullmatch(r"\d{1,2}", cells[i]) and 1 <= int(cells[i]) <= 20 for i in filled):
            continue
        on_side = Counter(sides[i] for i in filled)
        if on_side["mentor"] >= 0.9 * len(filled) and on_side["mentor"] >= 0.6 * len(mentors):
            return Proposal("capacity", j, 0.74, f"small whole numbers ({min(int(cells[i]) for i in filled)}-"
                                                 f"{max(int(cells[i]) for i in filled)}) answered only by the mentors")
    return None


_NOT_ABOUT_THEM = re.compile(r"\b(?:comments?|feedback|notes?|questions?|suggestions?|anything else|remarks?|other|"
                             r"opmerkingen|commentaires?|comentarios?|kommentare?|osservazioni|observacoes|dietary|"
                             r"access\w*|accommodations?|allerg\w*)\b")


def summary_by_values(keys: list[str], profiles: list[ColumnProfile | None], free: list[int]) -> Proposal | None:
    """The free column of the longest answers (essays of 8+ words) when no header asked for a summary."""
    best = None
    for j in free:
        prof = profiles[j]
        if prof is None or prof.kind != "free_text" or prof.mean_words < 8 or prof.filled < 3:
            continue
        if ABOUT_PROGRAM.search(keys[j]) or _NOT_ABOUT_THEM.search(keys[j]):
            continue
        if best is None or prof.mean_words > best[0]:
            best = (prof.mean_words, j)
    if best is None:
        return None
    return Proposal("summary", best[1], 0.6, f"the longest free-text answers (about {best[0]:.0f} words each): "
                                             "used as the profile text; please confirm")
