"""Value profiling: what kind of answers a column holds, judged from its values alone.

:func:`column_kind` reads a column's cells and says whether they are free text, a multi-choice
(checkbox) answer, a single choice, an ordinal scale (agree-disagree, importance, frequency,
year of study, 1-5 ...), numbers, yes/no, emails, URLs, handles, dates, ids, or empty, with the
details a caller needs to use it: the options, the multi-choice separator, the scale's order, the
numeric range. The mapper uses it to veto nonsense (an essay is not a company; a yes/no column is
not a Slack handle) and :func:`profile_columns` suggests how each unmapped column could feed the
pairing: free text -> embedded, multi-choice -> tag overlap, single choice -> same/different,
ordinal -> closeness, number -> gap.

Only a bounded sample of each column is read, so profiling thousands of columns stays cheap.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Literal, Mapping

import pandas as pd

Kind = Literal["free_text", "multi_choice", "single_choice", "ordinal", "number", "yes_no", "email", "url",
               "handle", "date", "id_like", "empty"]
Use = Literal["embed", "tags", "same", "closeness", "gap", "ignore"]
KINDS: tuple[str, ...] = ("free_text", "multi_choice", "single_choice", "ordinal", "number", "yes_no", "email",
                          "url", "handle", "date", "id_like", "empty")
SAMPLE_SIZE = 1000  # values read per column (spread over the column)

_EMAIL = re.compile(r"^(?:mailto:)?[^@\s,;<>()]+@[^@\s,;<>()]+\.[^@\s,;<>().]{2,}$", re.IGNORECASE)
_URL = re.compile(r"^(?:https?://|www\.)\S+$|^(?:[a-z0-9\-]+\.)+(?:com|org|net|io|ai|co|dev|me|de|fr|es|uk|edu|"
                  r"gov|app|xyz|info|link|ly|gg|tv|us|ca|in|eu)(?:/\S*)?$", re.IGNORECASE)
_HANDLE = re.compile(r"^@[\w.\-]{1,40}$|^[\w.\-]{2,32}#\d{4}$")
_PHONE = re.compile(r"^\+?[\d\s().\-]{7,20}$")
_DATE = re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?\s*(?:z|[ap]m|[+-]\d{2}:?\d{2})?)?$|"
                   r"^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]m)?)?$|"
                   r"^\d{1,2}\s+[a-z]{3,9}\.?\s+\d{4}(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]m)?)?$|"
                   r"^[a-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]m)?)?$", re.IGNORECASE)
_NUMBER = re.compile(r"^[+\-−]?(?:\d{1,3}(?:[ ,]\d{3})+|\d+)(?:[.,]\d+)?$")
_CODE = re.compile(r"^(?=.*\d)[A-Za-z0-9_\-.:]{4,}$")

_YES = {"yes", "y", "true", "si", "sí", "ja", "oui", "yep", "yeah", "sure", "definitely", "absolutely", "of course",
        "checked"}
_NO = {"no", "n", "false", "nein", "non", "nope", "not really", "unchecked", "not yet"}
_MAYBE = {"maybe", "not sure", "unsure", "perhaps", "don t know", "dont know", "idk", "n a", "na", "other",
          "prefer not to say", "quizas", "vielleicht", "peut etre"}

# Ordinal scales: (name, ((pattern, rank), ...)); the first matching pattern in a scale gives
# the rank, so more specific phrases come first.
_SCALES: tuple[tuple[str, tuple[tuple[str, float], ...]], ...] = (
    ("agreement", ((r"strongly disagree|totally disagree|completely disagree", 1), (r"somewhat disagree|slightly disagree|"
                   r"mostly disagree|tend to disagree", 2), (r"\bdisagree\b", 2),
                   (r"neither agree nor disagree|neutral|neither|undecided", 3),
                   (r"strongly agree|totally agree|completely agree", 5),
                   (r"somewhat agree|slightly agree|mostly agree|tend to agree", 4), (r"\bagree\b", 4))),
    ("importance", ((r"not (?:at all )?important|unimportant|not a priority|no importance|irrelevant", 1),
                    (r"(?:slightly|a little|somewhat less|low|little|of little) important|low importance|"
                     r"of little importance|slightly important", 2),
                    (r"(?:moderately|somewhat|fairly|medium) important|moderate importance|neutral", 3),
                    (r"extremely important|essential|critical|crucial|top priority|most important|must have", 6),
                    (r"very important|highly important|high importance|important", 5))),
    ("frequency", ((r"\bnever\b", 1), (r"\brarely\b|\bseldom\b|almost never", 2),
                   (r"\bsometimes\b|\boccasionally\b", 3), (r"very often|almost always|\bfrequently\b", 5),
                   (r"\boften\b|\bregularly\b|\busually\b", 4), (r"\balways\b", 6))),
    ("satisfaction", ((r"very dissatisfied|very unsatisfied", 1), (r"dissatisfied|unsatisfied", 2), (r"neutral", 3),
                      (r"very satisfied", 5), (r"satisfied", 4))),
    ("likelihood", ((r"very unlikely|extremely unlikely", 1), (r"unlikely", 2), (r"neutral|not sure", 3),
                    (r"very likely|extremely likely", 5), (r"likely", 4))),
    ("interest", ((r"not (?:at all )?interested|no interest|uninterested", 1),
                  (r"(?:slightly|somewhat|a little|mildly) interested", 2), (r"very interested|extremely interested|"
                                                                             r"highly interested", 4),
                  (r"interested", 3))),
    ("level", ((r"\bnone\b|no experience|no knowledge", 0), (r"\bbeginner\b|\bnovice\b|\bbasic\b|\bnewbie\b|\bentry\b", 1),
               (r"\bintermediate\b|\bcompetent\b|\bproficient\b", 2), (r"\badvanced\b", 3), (r"\bexpert\b|\bmaster\b", 4))),
    ("amount", ((r"very low|very little|none at all", 1), (r"\blow\b|\blittle\b", 2), (r"\bmedium\b|\bmoderate\b|"
                                                                                       r"\baverage\b", 3),
                (r"very high|a lot|very much", 5), (r"\bhigh\b|\bmuch\b", 4))),
    ("year_of_study", ((r"\b(?:1st|first)\b.*\byear\b|\byear (?:1|one)\b|\bfreshman\b|\bfresher\b|\bY1\b", 1),
                       (r"\b(?:2nd|second)\b.*\byear\b|\byear (?:2|two)\b|\bsophomore\b|\bY2\b", 2),
                       (r"\b(?:3rd|third)\b.*\byear\b|\byear (?:3|three)\b|\bjunior\b|\bY3\b", 3),
                       (r"\b(?:4th|fourth)\b.*\byear\b|\byear (?:4|four)\b|\bsenior\b|\bY4\b", 4),
                       (r"\b(?:5th|fifth|6th|sixth)\b.*\byear\b|\byear (?:5|6)\b", 5),
                       (r"\bmaster|\bmsc\b|\bm sc\b|\bma\b|\bmeng\b|\bmba\b", 6),
                       (r"\bph ?d\b|\bdoctora|\bdphil\b", 7), (r"\bpost ?doc", 8))),
    ("seniority", ((r"\bintern\b", 0), (r"\bjunior\b|\bjr\b|\bentry\b|\bassociate\b", 1), (r"\bmid\b|\bintermediate\b", 2),
                   (r"\bsenior\b|\bsr\b", 3), (r"\bstaff\b|\blead\b", 4), (r"\bprincipal\b|\bdistinguished\b", 5),
                   (r"\bdirector\b|\bhead\b|\bvp\b|\bexecutive\b", 6))),
)
_SCALES_COMPILED = tuple((name, tuple((re.compile(p, re.IGNORECASE), r) for p, r in pats)) for name, pats in _SCALES)
_LEADING_NUMBER = re.compile(r"^\s*(?:(less than|fewer than|under|below|<|more than|over|above|>)\s*)?(\d+(?:[.,]\d+)?)",
                             re.IGNORECASE)


@dataclass(frozen=True)
class ColumnProfile:
    """What a column's values look like.

    Attributes
    ----------
    kind : str
        One of :data:`KINDS`.
    total, filled, distinct : int
        Cells read, non-blank cells, distinct non-blank values (in the sample).
    options : tuple of str
        Choice kinds (single, multi, ordinal, yes/no): the options, most common first (at most 50).
    separator : str or None
        Multi-choice: the separator between chosen options (", " for Google Forms checkboxes).
    order : tuple of str
        Ordinal: the options from lowest to highest.
    ranks : mapping
        Ordinal: option (casefolded) -> position in [0, 1] (lowest 0, highest 1).
    scale : str
        Ordinal: the scale recognised ("agreement", "importance", "frequency", "year_of_study",
        "numeric" for numbers or numbered labels, ...).
    value_range : tuple of float or None
        Number / numeric ordinal: (smallest, largest) value.
    integer : bool
        Number / numeric ordinal: every value is a whole number.
    mean_words, mean_chars : float
        Average words and characters per non-blank value.
    """

    kind: str
    total: int = 0
    filled: int = 0
    distinct: int = 0
    options: tuple[str, ...] = ()
    separator: str | None = None
    order: tuple[str, ...] = ()
    ranks: Mapping[str, float] = field(default_factory=dict)
    scale: str = ""
    value_range: tuple[float, float] | None = None
    integer: bool = False
    mean_words: float = 0.0
    mean_chars: float = 0.0

    def split(self, text: str) -> list[str]:
        """The options chosen in one multi-choice cell (one element for other kinds; [] when blank)."""
        text = str(text).strip()
        if not text:
            return []
        if self.kind != "multi_choice" or not self.separator:
            return [text]
        return [p.strip() for p in text.split(self.separator.strip() or self.separator) if p.strip()]

    def rank(self, text: str) -> float | None:
        """Position of one ordinal/number cell in [0, 1] (None when blank or off the scale)."""
        text = str(text).strip()
        if not text:
            return None
        if self.kind == "ordinal" and self.ranks:
            key = text.casefold()
            if key in self.ranks:
                return self.ranks[key]
            raw = _raw_rank(text, self.scale)
            values = [_raw_rank(o, self.scale) for o in self.order]
            values = [v for v in values if v is not None]
            if raw is None or not values or max(values) == min(values):
                return None
            return min(1.0, max(0.0, (raw - min(values)) / (max(values) - min(values))))
        if self.kind == "number" and self.value_range is not None:
            value = _to_number(text)
            lo, hi = self.value_range
            if value is None:
                return None
            return 0.0 if hi == lo else min(1.0, max(0.0, (value - lo) / (hi - lo)))
        return None

    def describe(self) -> str:
        """A short phrase for a reason line: "values 1–5", "multi-choice, 8 options", "free text"."""
        if self.kind == "empty":
            return "no answers"
        if self.value_range is not None and self.kind in ("number", "ordinal"):
            lo, hi = self.value_range
            return f"values {_fmt(lo)}–{_fmt(hi)}"
        if self.kind == "ordinal":
            name = self.scale.replace("_", " ")
            return f"{'an' if name[:1] in 'aeiou' else 'a'} {name} scale ({_fmt_options(self.order)})"
        if self.kind == "multi_choice":
            return f"multi-choice, {len(self.options)} options"
        if self.kind == "single_choice":
            return f"{len(self.options)} choices ({_fmt_options(self.options)})"
        if self.kind == "yes_no":
            return "yes/no answers"
        if self.kind == "free_text":
            return f"free text, about {self.mean_words:.0f} words per answer"
        return {"email": "email addresses", "url": "links", "handle": "handles", "date": "dates",
                "id_like": "ids/codes"}[self.kind]


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _fmt_options(options: Iterable[str], limit: int = 3) -> str:
    opts = [o if len(o) <= 24 else o[:23] + "…" for o in options]
    return ", ".join(opts[:limit]) + (", …" if len(opts) > limit else "")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^0-9a-z]+", " ", text).strip()


def _to_number(text: str) -> float | None:
    t = text.strip().replace("−", "-").lstrip("$€£").rstrip("%").strip()
    if not _NUMBER.match(t):
        return None
    if re.fullmatch(r"[+\-]?\d+,\d{1,2}", t):  # decimal comma: "4,5"
        t = t.replace(",", ".")
    t = t.replace(",", "").replace(" ", "")
    try:
        return float(t)
    except ValueError:
        return None


def _sample(values: Iterable) -> tuple[list[str], int]:
    """Up to SAMPLE_SIZE stripped strings spread over the column, and the column's length."""
    vals = list(values) if not isinstance(values, pd.Series) else values.tolist()
    n = len(vals)
    if n > SAMPLE_SIZE:
        step = n / SAMPLE_SIZE
        vals = [vals[int(i * step)] for i in range(SAMPLE_SIZE)]
    out = []
    for v in vals:
        if v is None or (isinstance(v, float) and v != v):
            out.append("")
        else:
            out.append(str(v).strip())
    return out, n


def column_kind(values: Iterable) -> ColumnProfile:
    """Profile one column from its values.

    Parameters
    ----------
    values : iterable of str (or a Series)
        The column's cells; blanks, None and NaN count as unanswered.

    Returns
    -------
    ColumnProfile
        ``kind`` plus the details for that kind (see :class:`ColumnProfile`).

    Examples
    --------
    >>> column_kind(["Agree", "Strongly agree", "Disagree"]).order
    ('Disagree', 'Agree', 'Strongly agree')
    >>> column_kind(["NLP, Vision", "Vision", "NLP, RL", "RL"]).separator
    ', '
    """
    if isinstance(values, (str, bytes)):
        raise TypeError("column_kind() needs the column's values, not a single string.")
    cells, _n = _sample(values)
    filled = [c for c in cells if c]
    base = dict(total=len(cells), filled=len(filled))
    if not filled:
        return ColumnProfile("empty", **base)
    counts = Counter(filled)
    base.update(distinct=len(counts), mean_words=sum(len(c.split()) for c in filled) / len(filled),
                mean_chars=sum(len(c) for c in filled) / len(filled))
    for detect in (_detect_pattern_kinds, _detect_yes_no, _detect_numbers, _detect_codes, _detect_ordinal,
                   _detect_multi_choice, _detect_single_choice):
        found = detect(filled, counts, base)
        if found is not None:
            return found
    return ColumnProfile("free_text", **base)


def _share(counts: Counter, pattern: re.Pattern) -> float:
    """Share of the filled cells (weighted by repeats) that match ``pattern``."""
    return sum(k for c, k in counts.items() if pattern.match(c)) / sum(counts.values())


def _detect_pattern_kinds(filled: list[str], counts: Counter, base: dict) -> ColumnProfile | None:
    if _share(counts, _EMAIL) >= 0.8:
        return ColumnProfile("email", **base)
    if _share(counts, _URL) >= 0.8 and any(("/" in c or c.lower().startswith("www.")) for c in counts):
        return ColumnProfile("url", **base)
    if _share(counts, _HANDLE) >= 0.6 and all(" " not in c for c in counts):
        return ColumnProfile("handle", **base)
    if _share(counts, _DATE) >= 0.8:
        return ColumnProfile("date", **base)
    return None


def _yes_no_word(text: str) -> str | None:
    key = _fold(text)
    for words, label in ((_YES, "yes"), (_NO, "no"), (_MAYBE, "maybe")):
        if key in words or any(key.startswith(w + " ") for w in words if " " not in w and len(w) > 1):
            return label
    return None


def _detect_yes_no(filled: list[str], counts: Counter, base: dict) -> ColumnProfile | None:
    if len(counts) > 8:
        return None
    labels = {c: _yes_no_word(c) for c in counts}
    known = sum(k for c, k in counts.items() if labels[c] is not None)
    if known < 0.9 * len(filled) or not ({"yes", "no"} & set(labels.values())):
        return None
    return ColumnProfile("yes_no", options=tuple(o for o, _ in counts.most_common(50)), **base)


def _detect_numbers(filled: list[str], counts: Counter, base: dict) -> ColumnProfile | None:
    parsed = {c: _to_number(c) for c in counts}
    good = [parsed[c] for c in filled if parsed[c] is not None]
    if len(good) < 0.9 * len(filled):
        return None
    lo, hi = min(good), max(good)
    integer = all(float(x).is_integer() for x in good)
    distinct = len(set(good))
    if integer and len(good) >= 5 and distinct >= 0.95 * len(good) and (hi - lo + 1 <= 1.5 * len(good) or lo >= 10_000):
        # 1, 2, 3 ... n (an anonymised export's row numbers) or long numeric codes: ids, not amounts.
        return ColumnProfile("id_like", value_range=(lo, hi), integer=True, **base)
    if integer and 0 <= lo and hi <= 10 and distinct >= 3 and not (distinct >= 0.95 * len(good) and len(good) > 11):
        order = tuple(_fmt(v) for v in sorted(set(good)))
        ranks = {o: (float(o) - lo) / (hi - lo) for o in order} if hi > lo else {}
        return ColumnProfile("ordinal", options=tuple(o for o, _ in counts.most_common(50)), order=order,
                             ranks=ranks, scale="numeric", value_range=(lo, hi), integer=True, **base)
    return ColumnProfile("number", value_range=(lo, hi), integer=integer, **base)


def _detect_codes(filled: list[str], counts: Counter, base: dict) -> ColumnProfile | None:
    if len(filled) < 5 or len(counts) < 0.95 * len(filled):
        return None
    if _share(counts, _CODE) >= 0.9 or _share(counts, _PHONE) >= 0.9:
        return ColumnProfile("id_like", **base)
    return None


def _raw_rank(text: str, scale: str) -> float | None:
    """A cell's rank on a named scale (or by its leading number for "numeric"), None when off it."""
    if scale == "numeric":
        m = _LEADING_NUMBER.match(text)
        if not m:
            return None
        value = float(m.group(2).replace(",", "."))
        if m.group(1):
            value += -0.5 if m.group(1).lower() in ("less than", "fewer than", "under", "below", "<") else 0.5
        return value
    key = _fold(text)
    for name, pats in _SCALES_COMPILED:
        if name == scale:
            return next((r for p, r in pats if p.search(key)), None)
    return None


def _detect_ordinal(filled: list[str], counts: Counter, base: dict) -> ColumnProfile | None:
    options = list(counts)
    if len(options) < 2 or len(options) > 15 or base["mean_words"] > 8:
        return None
    best: tuple[float, str, dict[str, float]] | None = None
    for scale in ["numeric"] + [name for name, _ in _SCALES]:
        ranked = {o: r for o in options if (r := _raw_rank(o, scale)) is not None}
        covered = sum(counts[o] for o in ranked) / len(filled)
        if len(set(ranked.values())) < 2 or covered < 0.8:
            continue
        if scale == "numeric" and len(set(ranked.values())) < len(ranked):
            continue  # "2 mentees" and "2 people": numbers, not a scale of labels
        if best is None or covered > best[0]:
            best = (covered, scale, ranked)
    if best is None:
        return None
    _covered, scale, ranked = best
    lo, hi = min(ranked.values()), max(ranked.values())
    order = tuple(sorted(ranked, key=lambda o: (ranked[o], o)))
    ranks = {o.casefold(): (ranked[o] - lo) / (hi - lo) for o in order}
    return ColumnProfile("ordinal", options=tuple(o for o, _ in counts.most_common(50)), order=order, ranks=ranks,
                         scale=scale, **base)


_SEPARATORS = (";", "|", "\n", ",")


def _detect_multi_choice(filled: list[str], counts: Counter, base: dict) -> ColumnProfile | None:
    best: tuple[float, str, Counter] | None = None
    for sep in _SEPARATORS:
        pieces_per_cell = {c: [p.strip() for p in c.split(sep) if p.strip()] for c in counts}
        multi = sum(k for c, k in counts.items() if len(pieces_per_cell[c]) > 1) / len(filled)
        if multi < 0.1:
            continue
        pieces: Counter = Counter()
        for c, k in counts.items():
            for p in pieces_per_cell[c]:
                pieces[p.casefold()] += k
        occurrences = sum(pieces.values())
        reused = sum(k for k in pieces.values() if k >= 2) / occurrences
        mean_len = sum(len(p) * k for p, k in pieces.items()) / occurrences
        if reused < 0.6 or mean_len > 60 or len(pieces) > max(4, 0.6 * occurrences):
            continue
        if _fixed_combinations(pieces_per_cell):
            continue  # "Director, Supply Chain": one label holding the separator, not several choices
        score = reused * multi
        if best is None or score > best[0]:
            best = (score, sep, pieces)
    if best is None:
        return None
    _score, sep, _pieces = best
    display: Counter = Counter()
    for c, k in counts.items():
        for p in (q.strip() for q in c.split(sep)):
            if p:
                display[p] += k
    shown_sep = {",": ", ", ";": ";", "|": "|", "\n": "\n"}[sep]
    return ColumnProfile("multi_choice", options=tuple(o for o, _ in display.most_common(50)), separator=shown_sep,
                         **base)


def _fixed_combinations(pieces_per_cell: dict[str, list[str]]) -> bool:
    """True when the parts of multi-part answers never appear in another answer: labels, not choices."""
    in_cells: Counter = Counter()
    for parts in pieces_per_cell.values():
        for p in {q.casefold() for q in parts}:
            in_cells[p] += 1
    multi_parts = {q.casefold() for parts in pieces_per_cell.values() if len(parts) > 1 for q in parts}
    return bool(multi_parts) and sum(1 for p in multi_parts if in_cells[p] >= 2) < 0.3 * len(multi_parts)


def _detect_single_choice(filled: list[str], counts: Counter, base: dict) -> ColumnProfile | None:
    n, distinct = len(filled), len(counts)
    repeated = sum(k for k in counts.values() if k >= 2) / n
    if base["mean_chars"] > 80 or distinct == n and n > 1:
        return None
    if distinct == 1 or (distinct <= max(2, 0.5 * n) and repeated >= 0.5):
        return ColumnProfile("single_choice", options=tuple(o for o, _ in counts.most_common(50)), **base)
    return None


# =============================================================================================
# Suggestions for unmapped columns
# =============================================================================================

_USE_BY_KIND: dict[str, str] = {"free_text": "embed", "multi_choice": "tags", "single_choice": "same",
                                "ordinal": "closeness", "number": "gap"}
_USE_WORDS = {"embed": "embed the text (similar answers pair up)", "tags": "tag overlap (shared choices pair up)",
              "same": "same / different answer", "closeness": "closeness on the scale", "gap": "numeric gap",
              "ignore": "not used"}
INDEX_COLUMN = re.compile(r"^(?:Unnamed: ?\d+|index|level_0)$")


@dataclass(frozen=True)
class ColumnSuggestion:
    """How an unmapped column could feed the pairing.

    Attributes
    ----------
    column : str
        The header as written.
    profile : ColumnProfile
        What its values look like.
    use : str
        "embed", "tags", "same", "closeness", "gap" or "ignore".
    reason : str
        One line saying why, e.g. "multi-choice, 8 options; suggested: tag overlap".
    default_on : bool
        True when the column is an obvious topic/multi-select signal worth using with zero clicks.
    """

    column: str
    profile: ColumnProfile
    use: str
    reason: str
    default_on: bool = False


def suggest_use(column: str, profile: ColumnProfile) -> ColumnSuggestion:
    """The suggested use of one column from its profile (private kinds are never used)."""
    use = _USE_BY_KIND.get(profile.kind, "ignore")
    why = profile.describe()
    if INDEX_COLUMN.match(str(column).strip()):
        use, why = "ignore", "a spreadsheet index column, not an answer"
    elif profile.kind in ("email", "url", "handle"):
        why += " (contact details are never used for matching)"
    elif use != "ignore" and profile.distinct <= 1:
        use, why = "ignore", "everyone gave the same answer"
    elif use != "ignore" and profile.filled < max(2, 0.2 * profile.total):
        use, why = "ignore", f"only {profile.filled} of {profile.total} people answered"
    elif profile.kind == "free_text" and profile.mean_words < 2.5 and profile.distinct >= 0.9 * profile.filled:
        use, why = "ignore", "short answers that differ for everyone (names or codes?)"
    from .mapping_rules import ABOUT_PROGRAM

    about_program = bool(ABOUT_PROGRAM.search(re.sub(r"[^0-9a-z]+", " ", _fold(str(column)))))
    default_on = (use == "tags" and 3 <= len(profile.options) <= 60 and profile.filled >= 0.5 * profile.total
                  and not about_program)
    return ColumnSuggestion(str(column), profile, use, f"{why}; suggested: {_USE_WORDS[use]}", default_on)


def profile_columns(frame: pd.DataFrame, mapping: Mapping[str, str] | None = None,
                    skip: Iterable[str] = ()) -> dict[str, ColumnSuggestion]:
    """Profile every column not mapped to a field and suggest how it could be used.

    Parameters
    ----------
    frame : DataFrame
        The raw table (``read_table``) or the participants table (its canonical columns are
        skipped; the unmapped source columns it carries are profiled).
    mapping : dict, optional
        Field -> header; mapped headers are skipped.
    skip : iterable of str
        More columns to leave out.

    Returns
    -------
    dict
        Column header -> :class:`ColumnSuggestion`, in the frame's column order.
    """
    from .fields import PARTICIPANT_COLUMNS

    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"profile_columns() needs a DataFrame. Got {type(frame).__name__} instead.")
    taken = set((mapping or {}).values()) | set(skip) | set(PARTICIPANT_COLUMNS)
    out: dict[str, ColumnSuggestion] = {}
    for j, col in enumerate(frame.columns):
        name = str(col)
        if name in taken or name.startswith("_"):
            continue
        out[name] = suggest_use(name, column_kind(frame.iloc[:, j]))
    return out
