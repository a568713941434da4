"""The free text each person contributes, scrubbed of contact details, and its embedding."""

from __future__ import annotations

import re
from typing import Callable

import numpy as np
import pandas as pd

# Every pattern is linear-time on any input: a match can only start where a run of its characters
# starts (the look-behind), and possessive quantifiers never hand characters back, so a 100 KB cell
# without spaces is scanned once instead of once per position.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)+")
_SCHEME_URL = re.compile(r"(?:\b(?:https?|ftps?|sftp|ssh|git|file|ws|wss)://|\bwww\.)\S*+", re.IGNORECASE)
_HOST = re.compile(r"(?<![\w.@/-])[\w-]++(?:\.[\w-]++)++(?P<path>/\S*+)?")
_HANDLE = re.compile(r"(?<![\w@])@[\w.\-]{2,}+")
# A phone number: 9 to 15 digits with single spaces, dots, dashes or brackets between them, optionally
# after a '+'. Bounded repetition, so it is linear too; "2019-2023" or "5 years" stay.
_PHONE = re.compile(r"(?<![\w+])\+?\(?\d(?:[\s().-]{0,2}+\d){8,14}+(?![\w])")
# Top-level domains that mark a bare word.word (no path) as a web address: common gTLDs and the
# country codes used as generic ones (link shorteners, personal sites, messengers).
_BARE_TLDS = frozenset("""com org net io ai dev co me app xyz info biz site online tech page link ly gg tv fm to
    sh so cc ws bio eu us uk de fr es it nl be ch at se no dk fi pl pt ie ca au nz in jp cn br mx ar ru ua
    tr il za sg hk kr tw id my ph vn""".split())


def _host(match: re.Match) -> str:
    """Drop a host-like token when it is a web address (word.tld/path, or a bare domain)."""
    host = match.group(0)[: match.start("path") - match.start()] if match.group("path") else match.group(0)
    labels = host.split(".")
    tld = labels[-1]
    if not (tld.isalpha() and 2 <= len(tld) <= 24):
        return match.group(0)                      # "v1.2", "3.5/5": numbers, not addresses
    if match.group("path"):
        return " "                                 # t.me/x, bit.ly/x, wa.me/4915..., name.de/...
    if tld.lower() in _BARE_TLDS and not tld.isupper() and len(labels[-2]) >= 2:
        return " "                                 # acme.io, bit.ly (but not ASP.NET or U.S.)
    return match.group(0)


def scrub_pii(text: str) -> str:
    """Remove emails, URLs, web addresses, phone numbers and @handles from free text before it is embedded.

    Linear time in the length of the text, whatever it holds.
    """
    text = str(text or "")
    # Cheap substring checks skip the passes that cannot match (most texts have no '@' or '://').
    if "@" in text:
        text = _EMAIL.sub(" ", text)
    if "://" in text or "www." in text.lower():
        text = _SCHEME_URL.sub(" ", text)
    if "." in text:
        text = _HOST.sub(_host, text)
    if "@" in text:
        text = _HANDLE.sub(" ", text)
    if sum(c.isdigit() for c in text) >= 9:
        text = _PHONE.sub(" ", text)
    return " ".join(text.split())


def text_fields(participants: pd.DataFrame, settings=None) -> dict[str, list[str]]:
    """The free text each person contributes, scrubbed of PII.

    Parameters
    ----------
    participants : DataFrame
    settings : Settings, optional
        Its ``column_signals`` add form columns to the 'profile' or 'wants' text, and give an
        'embed' column its own field ``"column:<header>"``.

    Returns
    -------
    dict
        ``{"profile": [...], "wants": [...], "column:<header>": [...]}``, one text per person.
    """
    from .columns import TEXT_FIELD_PREFIX, text_columns

    def col(name: str) -> list[str]:
        if name not in participants:
            return [""] * len(participants)
        return ["" if pd.isna(v) else str(v) for v in participants[name].tolist()]

    extra = text_columns(participants, settings)
    profile_parts = [col(c) for c in ("summary", "skills", "interests", *extra["profile"])]
    wants_parts = [col(c) for c in ("wants", *extra["wants"])]
    out = {"profile": [scrub_pii(" ".join(p for p in parts if p.strip())) for parts in zip(*profile_parts)],
           "wants": [scrub_pii(" ".join(p for p in parts if p.strip())) for parts in zip(*wants_parts)]}
    for c in extra["embed"]:
        out[TEXT_FIELD_PREFIX + c] = [scrub_pii(t) for t in col(c)]
    return out


def embed_participants(participants: pd.DataFrame, embedder,
                       progress: Callable[[int, int], None] | None = None, settings=None) -> dict[str, np.ndarray]:
    """Embed each person's profile text and 'wants' text (PII scrubbed) into one space.

    Parameters
    ----------
    participants : DataFrame
        Canonical participants table.
    embedder : Embedder
        Any object with ``encode_fields`` (see :class:`matching.scoring.embedder.Embedder`).
    progress : callable, optional
        ``progress(done, total)`` while texts are embedded.
    settings : Settings, optional
        Form columns embedded as their own signal or added to the profile / wants text.

    Returns
    -------
    dict
        ``{"profile": (N, d), "wants": (N, d)}`` unit (or zero) vectors (plus ``"column:<header>"``).
    """
    return embedder.encode_fields(text_fields(participants, settings), progress=progress)
