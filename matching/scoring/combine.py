"""Compute every named signal matrix for a survey and combine them with a weights dict.

Signals are computed once per survey (they depend on a handful of settings); combining them with
new weights is a cheap weighted sum, which is what keeps the dashboard's sliders live.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

import numpy as np
import pandas as pd

from ..settings import SIGNAL_DESCRIPTIONS, SIGNALS, Settings
from . import signals as sig
from .columns import column_signals

# Settings that change the signal matrices themselves (everything else only re-weights or re-solves).
SIGNAL_SETTINGS = ("reciprocity", "role_mode", "experience_sweet_spot", "experience_scale",
                   "location_mode", "distance_scale_km", "column_signals")

@dataclass
class SignalSet:
    """Named N x N signal matrices, where each is defined, and per-person skill tags."""

    matrices: dict[str, np.ndarray]
    available: dict[str, np.ndarray]  # N x N bool: the signal has data for this pair
    tags: list[frozenset[str]]
    wants_fit: np.ndarray  # directed: wants_fit[u, v] = how well v answers what u wants
    descriptions: dict[str, str] = field(default_factory=lambda: dict(SIGNAL_DESCRIPTIONS))
    # Form-column signals (matching.scoring.columns): their weight when the weights given to combine()
    # do not name them (automatic column signals), and problems found while building them.
    column_weights: dict[str, float] = field(default_factory=dict)
    issues: list = field(default_factory=list)
    offsets: np.ndarray | None = None  # UTC offset in hours per person (NaN unknown), for explanations

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
        Canonical participants table from :func:`matching.intake.load_survey`.
    vectors : mapping
        ``{"profile": (N, d), "wants": (N, d)}`` unit vectors from :class:`matching.scoring.embedder.Embedder`.
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
    col_m, col_a, col_w, col_issues = column_signals(participants, settings, vectors)
    matrices.update(col_m)
    available.update(col_a)
    descriptions = {**SIGNAL_DESCRIPTIONS, **{c: f"Answers to the form's column '{c.strip()}'." for c in col_m}}
    return SignalSet(matrices=matrices, available=available, tags=tags, wants_fit=directed, descriptions=descriptions,
                     column_weights=col_w, issues=col_issues, offsets=np.asarray(utc_offsets, float))


def offsets_for(participants: pd.DataFrame) -> np.ndarray:
    """UTC offsets (hours) for each participant's time zone; NaN where unknown."""
    from ..intake.places import utc_offset_hours

    cache: dict[str, float] = {}
    out = []
    for tz in participants.get("timezone", pd.Series([""] * len(participants))).fillna(""):
        tz = str(tz)
        if tz not in cache:
            cache[tz] = utc_offset_hours(tz) if tz else np.nan
        out.append(cache[tz])
    return np.asarray(out, dtype=float)


def full_weights(signals: SignalSet, weights: Mapping[str, float]) -> dict[str, float]:
    """``weights`` plus the default weight of any column signal they do not name."""
    out = {k: w for k, w in signals.column_weights.items() if k in signals.matrices}
    out.update(weights)
    return out


def combine(signals: SignalSet, weights: Mapping[str, float]) -> np.ndarray:
    """Weighted mean of the signals that are defined for each pair, in [0, 1].

    A signal with no data for a pair (e.g. someone left their skills blank) is skipped for that pair
    and the remaining weights are renormalised, so blank answers neither help nor hurt. Column
    signals the weights do not name count with their default weight (``SignalSet.column_weights``).
    """
    weights = full_weights(signals, weights)
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
