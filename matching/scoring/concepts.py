"""Offline evidence for explanations: phrases, the concepts they name, and how close two phrases are.

The concept lexicon folds the many ways people write the same field ("dev advocacy", "DevRel",
"developer relations") into one name, so two people who wrote it differently still read as a match
in words. It is data (``concepts.json`` next to this file), editable without touching code. Phrase
closeness is lexical (shared concepts first, then shared content words), deterministic and fast:
the embedding model decides who is paired, this only finds the words that show why.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

MAX_NGRAM = 4
_TOKEN = re.compile(r"[a-z0-9][a-z0-9+#]*(?:[.\-/][a-z0-9+#]+)*")
_PHRASE_SPLIT = re.compile(r"(?:[.;!?\n•|]+\s*|,\s+|\s+[-–—]\s+|\s+and\s+also\s+)")
_LEADING = re.compile(r"^(?:and|or|but|also|plus)\s+", re.IGNORECASE)
_STOP = frozenset("""a an the and or but of to in on at for with from by as is are was were be been being am i me my
    we our you your they them their he she his her it its this that these those into about over than then so such
    very really just also too can could would should will shall may might must do does did doing have has had
    having not no yes any some more most other others own same both each few all who whom which what when where
    why how there here up down out off again further once only like want wants looking look someone somebody
    person people someone's anyone thing things lot lots bit get getting got make making made work working
    currently now new year years month months day days time mostly mainly into almost nearly around about
    one two three four five six seven eight nine ten first second last well good great""".split())


@lru_cache(maxsize=1)
def lexicon() -> dict[str, str]:
    """Alias (lower case, single spaces) -> concept name, from ``concepts.json``."""
    data = json.loads((Path(__file__).with_name("concepts.json")).read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for concept, aliases in data.items():
        for alias in [concept, *aliases]:
            out[" ".join(alias.lower().split())] = concept
    return out


def tokens(text: str) -> list[str]:
    """Lower-case word tokens (keeps 'c++', 'node.js', 'ci/cd' whole)."""
    return _TOKEN.findall(str(text).lower())


def concepts(text: str) -> set[str]:
    """The lexicon's concepts named in a text (any alias, 1-4 words)."""
    lex = lexicon()
    words = tokens(text)
    found = set()
    for n in range(1, MAX_NGRAM + 1):
        for k in range(len(words) - n + 1):
            concept = lex.get(" ".join(words[k:k + n]))
            if concept:
                found.add(concept)
    return found


def _stem(word: str) -> str:
    for suffix in ("ing", "ers", "er", "ies", "es", "s", "ed"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def content_words(text: str) -> set[str]:
    """Stemmed words that carry meaning (no stop words, no numbers)."""
    return {_stem(w) for w in tokens(text) if w not in _STOP and not w.isdigit() and len(w) > 1}


def phrases(text: str, limit: int = 40) -> list[str]:
    """A text cut into short phrases (sentences and list items), at most ``limit`` of them."""
    out = []
    for part in _PHRASE_SPLIT.split(str(text or "")):
        part = _LEADING.sub("", " ".join(part.split()).strip(" ,:-–—()\"'"))
        if part and (len(part.split()) >= 2 or concepts(part)):
            out.append(part)
        if len(out) >= limit:
            break
    return out


class Phrase:
    """One phrase with its concepts and content words, computed once."""

    __slots__ = ("text", "concepts", "words")

    def __init__(self, text: str):
        self.text = text
        self.concepts = concepts(text)
        self.words = content_words(text)


def closeness(a: Phrase, b: Phrase) -> float:
    """How close two phrases are: a shared concept counts fully, shared content words by Jaccard."""
    shared = 1.0 if a.concepts & b.concepts else 0.0
    union = a.words | b.words
    return shared + (len(a.words & b.words) / len(union) if union else 0.0)


def closest(a: list[Phrase], b: list[Phrase], floor: float = 0.34) -> tuple[Phrase, Phrase, float] | None:
    """The closest pair of phrases across two lists, or None when nothing is close enough."""
    best = None
    for pa in a:
        for pb in b:
            c = closeness(pa, pb)
            if c >= floor and (best is None or c > best[2]):
                best = (pa, pb, c)
    return best


@lru_cache(maxsize=50_000)
def phrase_list(text: str, limit: int = 12) -> tuple[Phrase, ...]:
    """A text's phrases, analysed once per process (re-solves reuse them: texts do not change)."""
    return tuple(Phrase(t) for t in phrases(text, limit=limit))
