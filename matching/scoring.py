"""Combine named signal matrices with a weights dict; explain every pair's score.

Signals are computed once per survey (they depend on a handful of settings); combining them with
new weights is a cheap weighted sum, which is what keeps the dashboard's sliders live.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Mapping

import numpy as np
import pandas as pd

from . import signals as sig
from .settings import SIGNAL_DESCRIPTIONS, SIGNALS, Settings

# Settings that change the signal matrices themselves (everything else only re-weights or re-solves).
SIGNAL_SETTINGS = ("reciprocity", "role_mode", "experience_sweet_spot", "experience_scale",
                   "location_mode", "distance_scale_km")

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


@dataclass
class SignalSet:
    """Named N x N signal matrices, where each is defined, and per-person skill tags."""

    matrices: dict[str, np.ndarray]
    available: dict[str, np.ndarray]  # N x N bool: the signal has data for this pair
    tags: list[frozenset[str]]
    wants_fit: np.ndarray  # directed: wants_fit[u, v] = how well v answers what u wants
    descriptions: dict[str, str] = field(default_factory=lambda: dict(SIGNAL_DESCRIPTIONS))

    @property
    def n(self) -> int:
        return len(self.tags)


def _pair_mask(has: np.ndarray, rule: str = "both") -> np.ndarray:
    has = np.asarray(has, bool)
    return (has[:, None] & has[None, :]) if rule == "both" else (has[:, None] | has[None, :])


def compute_signals(participants: pd.DataFrame, vectors: Mapping[str, np.ndarray], settings: Settings,
                    utc_offsets: np.ndarray | None = None) -> SignalSet:
    """Build every signal matrix for a participants table.

    Parameters
    ----------
    participants : DataFrame
        Canonical participants table from :func:`matching.survey.load_survey`.
    vectors : mapping
        ``{"profile": (N, d), "wants": (N, d)}`` unit vectors from :class:`matching.embedding.Embedder`.
    settings : Settings
        Only the :data:`SIGNAL_SETTINGS` fields are read.
    utc_offsets : array, optional
        UTC offset in hours per person (NaN unknown); derived from the ``timezone`` column if omitted.
    """
    n = len(participants)
    prof, wants = np.asarray(vectors["profile"]), np.asarray(vectors["wants"])
    if prof.shape[0] != n or wants.shape[0] != n:
        raise ValueError(f"Expected {n} profile and wants vectors. Got {prof.shape[0]} and {wants.shape[0]} instead.")
    has_profile = np.any(prof != 0, axis=1)
    has_wants = np.any(wants != 0, axis=1)
    years = pd.to_numeric(participants.get("years_experience", pd.Series([np.nan] * n)), errors="coerce").to_numpy(float)
    lat = pd.to_numeric(participants.get("lat", pd.Series([np.nan] * n)), errors="coerce").to_numpy(float)
    lon = pd.to_numeric(participants.get("lon", pd.Series([np.nan] * n)), errors="coerce").to_numpy(float)
    if utc_offsets is None:
        utc_offsets = offsets_for(participants)
    tags = [sig.skill_tags(s, i) for s, i in zip(participants.get("skills", [""] * n), participants.get("interests", [""] * n))]
    roles = participants.get("role", pd.Series(["Other"] * n)).fillna("Other").tolist()

    directed = sig.wants_directed(wants, prof)
    matrices = {
        "profile": sig.profile_signal(prof),
        "wants": sig.wants_signal(wants, prof, settings.reciprocity),
        "role": sig.role_signal(roles, settings.role_mode),
        "experience": sig.experience_signal(years, settings.experience_sweet_spot, settings.experience_scale),
        "location": sig.location_signal(utc_offsets, lat, lon, settings.location_mode, settings.distance_scale_km),
        "skills_overlap": sig.skills_overlap_signal(tags),
    }
    has_loc = ~np.isnan(utc_offsets) if settings.location_mode == "timezone" else (
        ~(np.isnan(lat) | np.isnan(lon)) if settings.location_mode == "distance"
        else ~np.isnan(utc_offsets) | ~(np.isnan(lat) | np.isnan(lon)))
    available = {
        "profile": _pair_mask(has_profile),
        # A pair's wants fit is defined if at least one of them wrote what they want (and the other has a profile).
        "wants": (has_wants[:, None] & has_profile[None, :]) | (has_wants[None, :] & has_profile[:, None]),
        "role": np.ones((n, n), bool),
        "experience": _pair_mask(~np.isnan(years)),
        "location": _pair_mask(has_loc),
        "skills_overlap": _pair_mask(np.array([bool(t) for t in tags], bool)),
    }
    assert set(matrices) == set(SIGNALS)
    return SignalSet(matrices=matrices, available=available, tags=tags, wants_fit=directed)


def offsets_for(participants: pd.DataFrame) -> np.ndarray:
    """UTC offsets (hours) for each participant's time zone; NaN where unknown."""
    from .geo import utc_offset_hours

    cache: dict[str, float] = {}
    out = []
    for tz in participants.get("timezone", pd.Series([""] * len(participants))).fillna(""):
        tz = str(tz)
        if tz not in cache:
            cache[tz] = utc_offset_hours(tz) if tz else np.nan
        out.append(cache[tz])
    return np.asarray(out, dtype=float)


def combine(signals: SignalSet, weights: Mapping[str, float]) -> np.ndarray:
    """Weighted mean of the signals that are defined for each pair, in [0, 1].

    A signal with no data for a pair (e.g. someone left their skills blank) is skipped for that pair
    and the remaining weights are renormalised, so blank answers neither help nor hurt.
    """
    keys = set(weights)
    if keys != set(signals.matrices):
        missing, extra = set(signals.matrices) - keys, keys - set(signals.matrices)
        raise ValueError(f"Weights must name exactly the signals {sorted(signals.matrices)}. "
                         f"Missing {sorted(missing)}, unknown {sorted(extra)}.")
    n = signals.n
    num = np.zeros((n, n))
    den = np.zeros((n, n))
    for name, w in weights.items():
        if w <= 0:
            continue
        avail = signals.available[name]
        num += w * np.where(avail, signals.matrices[name], 0.0)
        den += w * avail
    with np.errstate(invalid="ignore", divide="ignore"):
        score = np.where(den > 0, num / den, 0.0)
    np.fill_diagonal(score, 0.0)
    return score


def explain_pair(signals: SignalSet, weights: Mapping[str, float], i: int, j: int) -> dict:
    """Each signal's contribution to the pair's score (they add up to the score) and shared tags."""
    used = {s: w for s, w in weights.items() if w > 0 and signals.available[s][i, j]}
    total_w = sum(used.values())
    contributions = {s: (w * float(signals.matrices[s][i, j]) / total_w if total_w else 0.0) for s, w in used.items()}
    return {
        "score": sum(contributions.values()),
        "contributions": contributions,
        "values": {s: float(signals.matrices[s][i, j]) for s in signals.matrices},
        "skipped": sorted(s for s, w in weights.items() if w > 0 and s not in used),
        "shared_tags": sig.shared_tags(signals.tags[i], signals.tags[j]),
    }


SIGNAL_LABELS = {"profile": "similar profiles", "wants": "fits what they asked for", "role": "role fit",
                 "experience": "experience fit", "location": "time zones", "skills_overlap": "shared skills"}


def explanation_text(expl: dict, top: int = 3) -> str:
    """One line for organizers, e.g. 'fits what they asked for 0.21, similar profiles 0.18; shared: python, mlops'."""
    parts = sorted(expl["contributions"].items(), key=lambda kv: -kv[1])[:top]
    text = ", ".join(f"{SIGNAL_LABELS[s]} {v:.2f}" for s, v in parts)
    if expl["shared_tags"]:
        text += "; shared: " + ", ".join(expl["shared_tags"][:5])
    return text
