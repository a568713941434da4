"""The free text each person contributes, scrubbed of contact details, and its embedding."""

from __future__ import annotations

import re
from typing import Callable

import numpy as np
import pandas as pd

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_URL = re.compile(r"(https?://|www\.)\S+|\b[\w-]+\.(com|io|ai|org|net|dev|co)(/\S*)?\b", re.IGNORECASE)
_HANDLE = re.compile(r"(?<![\w@])@[\w.\-]{2,}")


def scrub_pii(text: str) -> str:
    """Remove emails, URLs and @handles from free text before it is embedded."""
    text = _EMAIL.sub(" ", str(text or ""))
    text = _URL.sub(" ", text)
    text = _HANDLE.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip()


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
