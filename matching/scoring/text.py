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


def text_fields(participants: pd.DataFrame) -> dict[str, list[str]]:
    """The free text each person contributes, scrubbed of PII: 'profile' (summary + skills) and 'wants'."""
    def col(name: str) -> pd.Series:
        return participants[name].fillna("").astype(str) if name in participants else pd.Series([""] * len(participants))

    summary, skills, interests = col("summary"), col("skills"), col("interests")
    profile = [scrub_pii(" ".join(p for p in parts if p.strip()))
               for parts in zip(summary, skills, interests)]
    wants = [scrub_pii(w) for w in col("wants")]
    return {"profile": profile, "wants": wants}


def embed_participants(participants: pd.DataFrame, embedder,
                       progress: Callable[[int, int], None] | None = None) -> dict[str, np.ndarray]:
    """Embed each person's profile text and 'wants' text (PII scrubbed) into one space.

    Parameters
    ----------
    participants : DataFrame
        Canonical participants table.
    embedder : Embedder
        Any object with ``encode_fields`` (see :class:`matching.scoring.embedder.Embedder`).
    progress : callable, optional
        ``progress(done, total)`` while texts are embedded.

    Returns
    -------
    dict
        ``{"profile": (N, d), "wants": (N, d)}`` unit (or zero) vectors.
    """
    return embedder.encode_fields(text_fields(participants), progress=progress)
