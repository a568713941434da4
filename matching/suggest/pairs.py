"""Every signal for any set of pairs, without an N x N matrix.

:class:`PairScorer` holds per-person arrays (vectors, years, offsets, role codes, tag incidence) and
computes the same values as the dense signal functions in :mod:`matching.signals`, in float32, for

- a list of pairs ``(I, J)`` (the candidate graph: :meth:`PairScorer.pairs`), or
- a block of rows against everyone (:meth:`PairScorer.block`), which is how blocked exact top-k and
  block-wise pricing walk all pairs in bounded memory.

The neutral fills of the dense signals are medians over all known pairs; they are computed exactly
up to :data:`EXACT_FILL_PAIRS` known pairs and estimated from a fixed random sample of pairs above
that (``fill_exact_`` says which).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

import numpy as np
import pandas as pd
from scipy import sparse

from .. import signals as sig
from ..settings import SIGNALS, Settings
from ..taxonomy import ROLES, affinity_table

EXACT_FILL_PAIRS = 25_000_000   # known pairs up to which a neutral fill is the exact median
FILL_SAMPLE = 4_000_000         # pairs sampled for the median above that
_CHUNK = 200_000                # pairs per gather in :meth:`PairScorer.pairs` (bounds the temporaries)


def _pairs_cos(a: np.ndarray, b: np.ndarray, I: np.ndarray, J: np.ndarray) -> np.ndarray:
    out = np.empty(I.size, dtype=np.float32)
    for s in range(0, I.size, _CHUNK):
        e = min(s + _CHUNK, I.size)
        out[s:e] = np.einsum("ij,ij->i", a[I[s:e]], b[J[s:e]])
    return np.clip(out, 0.0, 1.0)


def _median_fill(values_fn, rows: np.ndarray, cols: np.ndarray, exclude_diagonal: bool, seed: int) -> tuple[float, bool]:
    """Median of ``values_fn(I, J)`` over rows x cols (exact when small, else a fixed sample)."""
    total = rows.size * cols.size
    if exclude_diagonal:
        total -= np.intersect1d(rows, cols).size
    if total <= 0:
        return sig.NEUTRAL, True
    if rows.size * cols.size <= EXACT_FILL_PAIRS:
        parts = []
        step = max(1, _CHUNK // max(cols.size, 1))
        for s in range(0, rows.size, step):
            r = rows[s:s + step]
            I = np.repeat(r, cols.size)
            J = np.tile(cols, r.size)
            if exclude_diagonal:
                keep = I != J
                I, J = I[keep], J[keep]
            parts.append(values_fn(I, J).astype(np.float64))
        return float(np.median(np.concatenate(parts))), True
    rng = np.random.default_rng(seed)
    I = rows[rng.integers(rows.size, size=FILL_SAMPLE)]
    J = cols[rng.integers(cols.size, size=FILL_SAMPLE)]
    if exclude_diagonal:
        keep = I != J
        I, J = I[keep], J[keep]
    return float(np.median(values_fn(I, J).astype(np.float64))), False


@dataclass
class PairScorer:
    """Per-person data from which any pair's signals, score and solver weight are computed.

    Build it with :meth:`from_participants`. It is plain numpy/scipy data, so it pickles and can be
    shipped once to Dask workers.
    """

    n: int
    prof: np.ndarray            # (N, d) float32 unit vectors, zero rows for blanks
    wants: np.ndarray           # (N, d) float32
    has_profile: np.ndarray
    has_wants: np.ndarray
    years: np.ndarray
    offsets: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    has_loc: np.ndarray
    role_codes: np.ndarray
    role_table: np.ndarray
    tags_inc: sparse.csr_matrix  # (N, V) tag incidence
    tag_sizes: np.ndarray
    stage: np.ndarray            # stage ordinal, -1 unknown
    settings: Settings
    profile_fill: float
    wants_fill: float
    fill_exact_: bool

    # ---- construction --------------------------------------------------------------------------
    @classmethod
    def from_participants(cls, participants: pd.DataFrame, vectors: Mapping[str, np.ndarray], settings: Settings,
                          utc_offsets: np.ndarray | None = None) -> "PairScorer":
        """Collect the per-person arrays the signals need (O(N) memory, plus the medians' pass).

        Parameters
        ----------
        participants : DataFrame
            Canonical participants table.
        vectors : mapping
            ``{"profile": (N, d), "wants": (N, d)}`` unit vectors.
        settings : Settings
            The signal settings and the weights.
        utc_offsets : array, optional
            UTC offsets in hours (NaN unknown); derived from ``timezone`` when omitted.
        """
        from ..scoring import offsets_for

        n = len(participants)
        prof = np.ascontiguousarray(vectors["profile"], dtype=np.float32)
        wants = np.ascontiguousarray(vectors["wants"], dtype=np.float32)
        if prof.shape[0] != n or wants.shape[0] != n:
            raise ValueError(f"Expected {n} profile and wants vectors. Got {prof.shape[0]} and {wants.shape[0]} instead.")

        def num(col: str) -> np.ndarray:
            return pd.to_numeric(participants.get(col, pd.Series([np.nan] * n)), errors="coerce").to_numpy(float)

        offsets = np.asarray(offsets_for(participants) if utc_offsets is None else utc_offsets, dtype=float)
        lat, lon = num("lat"), num("lon")
        mode = settings.location_mode
        has_tz, has_geo = ~np.isnan(offsets), ~(np.isnan(lat) | np.isnan(lon))
        has_loc = has_tz if mode == "timezone" else has_geo if mode == "distance" else has_tz | has_geo
        index = {r: i for i, r in enumerate(ROLES)}
        roles = participants.get("role", pd.Series(["Other"] * n)).fillna("Other").tolist()
        codes = np.array([index.get(r, index["Other"]) for r in roles], dtype=np.intp)
        tags = [sig.skill_tags(s, i) for s, i in zip(participants.get("skills", [""] * n),
                                                     participants.get("interests", [""] * n))]
        vocab: dict[str, int] = {}
        r_, c_ = [], []
        for i, ts in enumerate(tags):
            for t in ts:
                r_.append(i)
                c_.append(vocab.setdefault(t, len(vocab)))
        inc = sparse.csr_matrix((np.ones(len(r_), dtype=np.float32), (r_, c_)), shape=(n, max(len(vocab), 1)))
        stage = pd.to_numeric(participants.get("stage_ordinal", pd.Series([np.nan] * n)), errors="coerce") \
            .fillna(-1).to_numpy(float)
        self = cls(n=n, prof=prof, wants=wants, has_profile=np.any(prof != 0, axis=1),
                   has_wants=np.any(wants != 0, axis=1), years=num("years_experience"), offsets=offsets,
                   lat=lat, lon=lon, has_loc=has_loc, role_codes=codes,
                   role_table=affinity_table(settings.role_mode).astype(np.float32), tags_inc=inc,
                   tag_sizes=np.asarray(inc.sum(axis=1)).ravel().astype(np.float32) if vocab else np.zeros(n, np.float32),
                   stage=stage, settings=settings, profile_fill=sig.NEUTRAL, wants_fill=sig.NEUTRAL, fill_exact_=True)
        self._fit_fills()
        return self

    def _fit_fills(self) -> None:
        """The dense signals' neutral fills: medians over the pairs where both sides have text."""
        exact = True
        known = np.flatnonzero(self.has_profile)
        if known.size < self.n and known.size > 1:
            self.profile_fill, ok = _median_fill(lambda I, J: _pairs_cos(self.prof, self.prof, I, J),
                                                 known, known, True, 0)
            exact &= ok
        elif known.size <= 1:
            self.profile_fill = sig.NEUTRAL
        wk = np.flatnonzero(self.has_wants)
        if wk.size and (wk.size < self.n or known.size < self.n):
            if known.size:
                self.wants_fill, ok = _median_fill(lambda I, J: _pairs_cos(self.wants, self.prof, I, J),
                                                   wk, known, False, 1)
                exact &= ok
            else:
                self.wants_fill = sig.NEUTRAL
        self.fill_exact_ = exact

    # ---- signals on a list of pairs ---------------------------------------------------------------
    def wants_fit(self, I: np.ndarray, J: np.ndarray) -> np.ndarray:
        """Directed fit: how well J's profile answers what I wants (the dense ``wants_directed``)."""
        a = _pairs_cos(self.wants, self.prof, I, J)
        return np.where(self.has_wants[I] & self.has_profile[J], a, np.float32(self.wants_fill)).astype(np.float32)

    def pairs(self, I, J) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
        """``(values, available)``: every signal for the pairs ``(I[e], J[e])``, float32 and bool."""
        I, J = np.asarray(I, dtype=np.intp), np.asarray(J, dtype=np.intp)
        s = self.settings
        hp, hw = self.has_profile, self.has_wants
        cos = _pairs_cos(self.prof, self.prof, I, J)
        prof = np.where(hp[I] & hp[J], cos, np.float32(self.profile_fill))
        a, b = self.wants_fit(I, J), self.wants_fit(J, I)
        values = {
            "profile": prof,
            "wants": sig.RECIPROCITY[s.reciprocity](a, b),
            "role": self.role_table[self.role_codes[I], self.role_codes[J]],
            "experience": self._experience(self.years[I], self.years[J]),
            "location": self._location(I, J),
            "skills_overlap": self._skills(I, J),
        }
        avail = self._available(I, J)
        return self._finish(values, I == J), avail

    def _available(self, I, J) -> dict[str, np.ndarray]:
        hp, hw, y, t = self.has_profile, self.has_wants, ~np.isnan(self.years), self.tag_sizes > 0
        return {"profile": hp[I] & hp[J], "wants": (hw[I] & hp[J]) | (hw[J] & hp[I]),
                "role": np.ones(np.broadcast(I, J).shape, dtype=bool), "experience": y[I] & y[J],
                "location": self.has_loc[I] & self.has_loc[J], "skills_overlap": t[I] & t[J]}

    @staticmethod
    def _finish(values: dict[str, np.ndarray], diagonal) -> dict[str, np.ndarray]:
        out = {}
        for k, v in values.items():
            v = np.clip(np.nan_to_num(np.asarray(v, dtype=np.float32), nan=sig.NEUTRAL), 0.0, 1.0)
            out[k] = np.where(diagonal, np.float32(0), v).astype(np.float32)
        return out

    def _experience(self, yi, yj) -> np.ndarray:
        s = self.settings
        m = np.exp(-0.5 * ((np.abs(yi - yj) - s.experience_sweet_spot) / s.experience_scale) ** 2)
        return np.where(np.isnan(yi) | np.isnan(yj), sig.NEUTRAL, m).astype(np.float32)

    def _location(self, I, J) -> np.ndarray:
        s = self.settings
        parts = []
        if s.location_mode in ("timezone", "both"):
            oi, oj = self.offsets[I], self.offsets[J]
            diff = np.abs(oi - oj) % 24
            diff = np.minimum(diff, 24 - diff)
            tz = np.clip(12.0 - diff, 0.0, 12.0) / 12.0
            parts.append(np.where(np.isnan(oi) | np.isnan(oj), sig.NEUTRAL, tz))
        if s.location_mode in ("distance", "both"):
            la, lo = np.radians(self.lat), np.radians(self.lon)
            dlat, dlon = la[I] - la[J], lo[I] - lo[J]
            h = np.sin(dlat / 2) ** 2 + np.cos(la[I]) * np.cos(la[J]) * np.sin(dlon / 2) ** 2
            d = np.exp(-(2 * 6371.0088 * np.arcsin(np.sqrt(np.clip(h, 0, 1)))) / s.distance_scale_km)
            miss = np.isnan(self.lat[I]) | np.isnan(self.lon[I]) | np.isnan(self.lat[J]) | np.isnan(self.lon[J])
            parts.append(np.where(miss, sig.NEUTRAL, d))
        return (parts[0] if len(parts) == 1 else (parts[0] + parts[1]) / 2).astype(np.float32)

    def _skills(self, I, J) -> np.ndarray:
        if not (self.tag_sizes > 0).any():
            return np.full(np.broadcast(I, J).shape, sig.NEUTRAL, dtype=np.float32)
        inter = np.empty(I.size, dtype=np.float32)
        for s in range(0, I.size, _CHUNK):
            e = min(s + _CHUNK, I.size)
            inter[s:e] = np.asarray(self.tags_inc[I[s:e]].multiply(self.tags_inc[J[s:e]]).sum(axis=1)).ravel()
        return self._jaccard(inter, self.tag_sizes[I], self.tag_sizes[J])

    @staticmethod
    def _jaccard(inter, si, sj) -> np.ndarray:
        union = si + sj - inter
        with np.errstate(invalid="ignore", divide="ignore"):
            m = np.sqrt(np.where(union > 0, inter / union, 0.0))
        return np.where((si == 0) | (sj == 0), sig.NEUTRAL * 0.5, m).astype(np.float32)

    # ---- a block of rows against everyone ---------------------------------------------------------
    def block(self, rows: np.ndarray) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
        """``(values, available)`` for ``rows`` x all people, each ``(len(rows), N)`` (GEMMs, not gathers)."""
        rows = np.asarray(rows, dtype=np.intp)
        s, n = self.settings, self.n
        R, C = rows[:, None], np.arange(n)[None, :]
        hp, hw = self.has_profile, self.has_wants
        prof = np.clip(self.prof[rows] @ self.prof.T, 0.0, 1.0)
        prof = np.where(hp[R] & hp[C], prof, np.float32(self.profile_fill))
        a = np.clip(self.wants[rows] @ self.prof.T, 0.0, 1.0)
        a = np.where(hw[R] & hp[C], a, np.float32(self.wants_fill))
        b = np.clip(self.prof[rows] @ self.wants.T, 0.0, 1.0)   # b[r, c] = wants_fit(c -> r)
        b = np.where(hw[C] & hp[R], b, np.float32(self.wants_fill))
        if self.tag_sizes.any():
            inter = (self.tags_inc[rows] @ self.tags_inc.T).toarray().astype(np.float32)
            skills = self._jaccard(inter, self.tag_sizes[R], self.tag_sizes[C])
        else:
            skills = np.full((rows.size, n), sig.NEUTRAL, dtype=np.float32)
        values = {
            "profile": prof,
            "wants": sig.RECIPROCITY[s.reciprocity](a, b),
            "role": self.role_table[self.role_codes[R], self.role_codes[C]],
            "experience": self._experience(self.years[R], self.years[C]),
            "location": self._location(R, C),
            "skills_overlap": skills,
        }
        return self._finish(values, R == C), self._available(R, C)

    # ---- combined score and solver weight ---------------------------------------------------------
    def combine(self, values: Mapping[str, np.ndarray], avail: Mapping[str, np.ndarray],
                weights: Mapping[str, float] | None = None) -> np.ndarray:
        """Weighted mean of the defined signals (the dense :func:`matching.scoring.combine`), float32."""
        weights = dict(self.settings.weights if weights is None else weights)
        if set(weights) != set(SIGNALS):
            raise ValueError(f"Weights must name exactly the signals {sorted(SIGNALS)}. Got {sorted(weights)} instead.")
        num = den = None
        for name, w in weights.items():
            if w <= 0:
                continue
            av = avail[name]
            term = np.where(av, np.float32(w) * values[name], np.float32(0))
            num = term if num is None else num + term
            den = av * np.float32(w) if den is None else den + av * np.float32(w)
        if num is None:
            return np.zeros(np.shape(values["role"]), dtype=np.float32)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(den > 0, num / den, np.float32(0)).astype(np.float32)

    def directed(self, I, J) -> np.ndarray:
        """I's interest in J: the combined score with the wants signal taken one way (I's wants, J's profile)."""
        I, J = np.asarray(I, dtype=np.intp), np.asarray(J, dtype=np.intp)
        values, avail = self.pairs(I, J)
        values["wants"] = np.where(I == J, 0, self.wants_fit(I, J)).astype(np.float32)
        avail["wants"] = self.has_wants[I] & self.has_profile[J]
        return self.combine(values, avail)

    def score(self, I, J) -> np.ndarray:
        """Combined match score of the pairs ``(I[e], J[e])`` (0 on the diagonal)."""
        return self.combine(*self.pairs(I, J))

    def stage_penalty(self, I, J) -> np.ndarray:
        """The career-stage mixing lever of :func:`matching.constraints.objective_matrix` for these pairs."""
        from ..constraints import STAGE_MIX_SCALE

        s = self.settings
        if s.stage_mixing == 0:
            return np.zeros(np.broadcast(I, J).shape, dtype=np.float32)
        si, sj = self.stage[I], self.stage[J]
        same = (si == sj) & (si >= 0) & (sj >= 0)
        return (s.stage_mixing * STAGE_MIX_SCALE * same).astype(np.float32)
