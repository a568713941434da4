"""Every signal for any set of pairs, without an N x N matrix.

:class:`PairScorer` holds per-person arrays (vectors, years, offsets, role codes, tag incidence) and
computes the same values as the dense signal functions in :mod:`matching.scoring.signals`, in float32, for

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

from ..scoring import signals as sig
from ..issues import InputError, Issue
from ..settings import SIGNALS, Settings
from ..intake.taxonomy import ROLES, affinity_table

EXACT_FILL_PAIRS = 25_000_000   # known pairs up to which a neutral fill is the exact median
FILL_SAMPLE = 1_000_000         # pairs sampled for the median above that (its error is about 0.1%)
TABLE_MAX = 2_048               # distinct (years) or (offset, lat, lon) values up to which signals are looked up
DENSE_TAGS = 50_000_000         # people x tags up to which tag overlap is a dense GEMM
_CHUNK = 200_000                # pairs per gather in :meth:`PairScorer.pairs` (bounds the temporaries)


def _table_factors(table: np.ndarray, rank: int) -> np.ndarray:
    """``F`` with ``F @ F.T`` the best positive semi-definite rank-``rank`` approximation of a symmetric table."""
    vals, vecs = np.linalg.eigh((table + table.T).astype(np.float64) / 2)
    top = np.argsort(-vals)[:rank]
    top = top[vals[top] > 0]
    return (vecs[:, top] * np.sqrt(vals[top])).astype(np.float32)


def _pairs_cos(a: np.ndarray, b: np.ndarray, I: np.ndarray, J: np.ndarray) -> np.ndarray:
    out = np.empty(I.size, dtype=np.float32)
    step = 16_384   # small gathers stay in cache: about twice as fast as one large einsum
    for s in range(0, I.size, step):
        e = min(s + step, I.size)
        rows = a[I[s:e]]
        rows *= b[J[s:e]]
        out[s:e] = rows.sum(axis=1)
    return np.clip(out, 0.0, 1.0)


def _median_fill(A: np.ndarray, B: np.ndarray, rows: np.ndarray, cols: np.ndarray, exclude_diagonal: bool,
                 seed: int) -> tuple[float, bool]:
    """Median of ``clip(A[i] . B[j], 0, 1)`` over rows x cols (exact when small, else a fixed sample)."""
    if rows.size * cols.size - (np.intersect1d(rows, cols).size if exclude_diagonal else 0) <= 0:
        return sig.NEUTRAL, True
    if rows.size * cols.size <= EXACT_FILL_PAIRS:
        parts = []
        Bc = np.ascontiguousarray(B[cols])
        step = max(1, (1 << 21) // max(cols.size, 1))
        for s in range(0, rows.size, step):
            r = rows[s:s + step]
            block = np.clip(A[r] @ Bc.T, 0.0, 1.0).astype(np.float64)
            if exclude_diagonal:
                block = block[r[:, None] != cols[None, :]]
            parts.append(block.ravel())
        return float(np.median(np.concatenate(parts))), True
    rng = np.random.default_rng(seed)
    I = rows[rng.integers(rows.size, size=FILL_SAMPLE)]
    J = cols[rng.integers(cols.size, size=FILL_SAMPLE)]
    if exclude_diagonal:
        keep = I != J
        I, J = I[keep], J[keep]
    return float(np.median(_pairs_cos(A, B, I, J).astype(np.float64))), False


def check_weights(weights: Mapping[str, float]) -> None:
    """Raise InputError unless the weights name every survey signal and give no other signal weight."""
    missing = [s for s in SIGNALS if s not in weights]
    other = sorted(s for s, w in weights.items() if s not in SIGNALS and w > 0)
    if missing:
        raise InputError([Issue("fatal", f"The 'weights' setting must name the signals {', '.join(SIGNALS)}. "
                                         f"Missing {', '.join(missing)}.")])
    if other:
        raise InputError([Issue("fatal", f"The weights of {', '.join(other)} must be 0 for suggestions and rounds computed in blocks "
                         f"(they need the whole pair matrix). Got {', '.join(f'{s}={weights[s]:g}' for s in other)} instead.",
                                "Set those weights to 0, or use the pairing screen.")])


def _codes(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(first_index, code)``: people with equal per-person attributes share a code."""
    keys = np.nan_to_num(np.asarray(keys, dtype=np.float64).reshape(len(keys), -1), nan=1e18)
    _, first, code = np.unique(keys, axis=0, return_index=True, return_inverse=True)
    return first, code.ravel().astype(np.intp)


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
    exp_code: np.ndarray | None = None
    exp_table: np.ndarray | None = None
    loc_code: np.ndarray | None = None
    loc_table: np.ndarray | None = None
    tags_dense: np.ndarray | None = None
    stage_code: np.ndarray | None = None
    stage_values: np.ndarray | None = None

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
        self._fit_tables()
        return self

    def _fit_fills(self) -> None:
        """The dense signals' neutral fills: medians over the pairs where both sides have text."""
        exact = True
        known = np.flatnonzero(self.has_profile)
        if known.size < self.n and known.size > 1:
            self.profile_fill, ok = _median_fill(self.prof, self.prof, known, known, True, 0)
            exact &= ok
        elif known.size <= 1:
            self.profile_fill = sig.NEUTRAL
        wk = np.flatnonzero(self.has_wants)
        if wk.size and (wk.size < self.n or known.size < self.n):
            if known.size:
                self.wants_fill, ok = _median_fill(self.wants, self.prof, wk, known, False, 1)
                exact &= ok
            else:
                self.wants_fill = sig.NEUTRAL
        self.fill_exact_ = exact

    # ---- signals on a list of pairs ---------------------------------------------------------------
    def _fit_tables(self) -> None:
        """Lookup tables for the signals of per-person numbers (experience, location): surveys hold few
        distinct values (career stages, time zones, cities), so a block is a gather, not arithmetic."""
        first, self.exp_code = _codes(self.years)
        u = self.years[first]
        self.exp_table = self._experience(u[:, None], u[None, :]) if first.size <= TABLE_MAX else None
        first, self.loc_code = _codes(np.column_stack([self.offsets, self.lat, self.lon]))
        o, la, lo = self.offsets[first], self.lat[first], self.lon[first]
        self.loc_table = self._location_of(o[:, None], o[None, :], la[:, None], la[None, :], lo[:, None], lo[None, :]) \
            if first.size <= TABLE_MAX else None
        first, self.stage_code = _codes(self.stage)
        self.stage_values = self.stage[first]
        if self.tags_inc.shape[1] * self.n <= DENSE_TAGS:
            self.tags_dense = self.tags_inc.toarray().astype(np.float32)

    def retrieval_vectors(self, tag_dims: int = 64, rank: int = 16, seed: int = 0) -> np.ndarray:
        """Per-person vectors whose inner products rank partners roughly as the weighted score does.

        For nearest-neighbour candidates only (every candidate is then scored exactly): the profile
        vector, the skill tags (rows scaled to unit length, so the product is their cosine; more tags
        than ``tag_dims`` go through a seeded random projection), and for each signal read from a
        table (role, experience, location) the table's leading positive eigen-factors at the
        person's code, so that ``f_i . f_j`` approximates ``table[code_i, code_j]``. Each part is
        scaled by the square root of its weight, so the product sums weight x signal over them.
        """
        w = self.settings.weights
        parts = []

        def add(x: np.ndarray, name: str) -> None:
            if w.get(name, 0.0) > 0 and x.shape[1]:
                parts.append(np.float32(np.sqrt(w[name])) * x.astype(np.float32))

        add(self.prof, "profile")
        if (self.tag_sizes > 0).any():
            scale = 1.0 / np.sqrt(np.maximum(self.tag_sizes, 1.0))
            inc = sparse.diags(scale.astype(np.float32)) @ self.tags_inc
            if inc.shape[1] > tag_dims:
                proj = np.random.default_rng(seed).normal(size=(inc.shape[1], tag_dims)).astype(np.float32)
                add(np.asarray(inc @ (proj / np.sqrt(tag_dims))), "skills_overlap")
            else:
                add(inc.toarray(), "skills_overlap")
        for name, codes, table in (("role", self.role_codes, self.role_table), ("experience", self.exp_code, self.exp_table),
                                   ("location", self.loc_code, self.loc_table)):
            if table is not None and codes is not None:
                add(_table_factors(table, rank)[codes], name)
        return np.ascontiguousarray(np.hstack(parts) if parts else self.prof, dtype=np.float32)

    def wants_fit(self, I: np.ndarray, J: np.ndarray) -> np.ndarray:
        """Directed fit: how well J's profile answers what I wants (the dense ``wants_directed``)."""
        a = _pairs_cos(self.wants, self.prof, I, J)
        return np.where(self.has_wants[I] & self.has_profile[J], a, np.float32(self.wants_fill)).astype(np.float32)

    def pairs(self, I, J) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
        """``(values, available)``: every signal for the pairs ``(I[e], J[e])``, float32 and bool."""
        I, J = np.asarray(I, dtype=np.intp), np.asarray(J, dtype=np.intp)
        hp = self.has_profile
        cos = _pairs_cos(self.prof, self.prof, I, J)
        a, b = self.wants_fit(I, J), self.wants_fit(J, I)
        values = {
            "profile": np.where(hp[I] & hp[J], cos, np.float32(self.profile_fill)).astype(np.float32),
            "wants": sig.RECIPROCITY[self.settings.reciprocity](a, b).astype(np.float32),
            "role": self.role_table[self.role_codes[I], self.role_codes[J]],
            "experience": self.exp_table[self.exp_code[I], self.exp_code[J]] if self.exp_table is not None
            else self._experience(self.years[I], self.years[J]),
            "location": self.loc_table[self.loc_code[I], self.loc_code[J]] if self.loc_table is not None
            else self._location_of(self.offsets[I], self.offsets[J], self.lat[I], self.lat[J], self.lon[I], self.lon[J]),
            "skills_overlap": self._skills(I, J),
        }
        diag = I == J
        if diag.any():
            for v in values.values():
                v[diag] = 0.0
        return values, self._available(I, J)

    def _flags(self) -> dict[str, np.ndarray]:
        return {"profile": self.has_profile, "experience": ~np.isnan(self.years), "location": self.has_loc,
                "skills_overlap": self.tag_sizes > 0}

    def _available(self, I, J) -> dict[str, np.ndarray]:
        hp, hw = self.has_profile, self.has_wants
        out = {name: h[I] & h[J] for name, h in self._flags().items()}
        out["wants"] = (hw[I] & hp[J]) | (hw[J] & hp[I])
        out["role"] = np.ones(np.broadcast(I, J).shape, dtype=bool)
        return out

    def _experience(self, yi, yj) -> np.ndarray:
        s = self.settings
        m = np.exp(-0.5 * ((np.abs(yi - yj) - s.experience_sweet_spot) / s.experience_scale) ** 2)
        return np.where(np.isnan(yi) | np.isnan(yj), sig.NEUTRAL, m).astype(np.float32)

    def _location_of(self, oi, oj, lai, laj, loi, loj) -> np.ndarray:
        """The dense location signal for people with these offsets and coordinates (broadcasting)."""
        s = self.settings
        parts = []
        if s.location_mode in ("timezone", "both"):
            diff = np.abs(oi - oj) % 24
            diff = np.minimum(diff, 24 - diff)
            tz = np.clip(12.0 - diff, 0.0, 12.0) / 12.0
            parts.append(np.where(np.isnan(oi) | np.isnan(oj), sig.NEUTRAL, tz))
        if s.location_mode in ("distance", "both"):
            ra, rb, oa, ob = np.radians(lai), np.radians(laj), np.radians(loi), np.radians(loj)
            h = np.sin((ra - rb) / 2) ** 2 + np.cos(ra) * np.cos(rb) * np.sin((oa - ob) / 2) ** 2
            d = np.exp(-(2 * 6371.0088 * np.arcsin(np.sqrt(np.clip(h, 0, 1)))) / s.distance_scale_km)
            miss = np.isnan(lai) | np.isnan(loi) | np.isnan(laj) | np.isnan(loj)
            parts.append(np.where(miss, sig.NEUTRAL, d))
        return np.clip(parts[0] if len(parts) == 1 else (parts[0] + parts[1]) / 2, 0.0, 1.0).astype(np.float32)

    def _skills(self, I, J) -> np.ndarray:
        if not (self.tag_sizes > 0).any():
            return np.full(np.broadcast(I, J).shape, sig.NEUTRAL, dtype=np.float32)
        inter = np.empty(I.size, dtype=np.float32)
        for s in range(0, I.size, _CHUNK):
            e = min(s + _CHUNK, I.size)
            if self.tags_dense is not None:
                inter[s:e] = np.einsum("ij,ij->i", self.tags_dense[I[s:e]], self.tags_dense[J[s:e]])
            else:
                inter[s:e] = np.asarray(self.tags_inc[I[s:e]].multiply(self.tags_inc[J[s:e]]).sum(axis=1)).ravel()
        return self._jaccard(inter, self.tag_sizes[I], self.tag_sizes[J])

    @staticmethod
    def _jaccard(inter, si, sj) -> np.ndarray:
        union = si + sj - inter
        with np.errstate(invalid="ignore", divide="ignore"):
            m = np.sqrt(np.where(union > 0, inter / union, 0.0))
        return np.where((si == 0) | (sj == 0), sig.NEUTRAL * 0.5, m).astype(np.float32)

    # ---- a block of rows against everyone ---------------------------------------------------------
    def _cos_block(self, A: np.ndarray, B: np.ndarray, row_ok: np.ndarray, col_ok: np.ndarray, fill: float) -> np.ndarray:
        m = A @ B.T
        np.clip(m, 0.0, 1.0, out=m)
        if not row_ok.all():
            m[~row_ok, :] = fill
        if not col_ok.all():
            m[:, ~col_ok] = fill
        return m

    def block(self, rows: np.ndarray) -> tuple[dict[str, np.ndarray], dict]:
        """``(values, available)`` for ``rows`` x all people, each ``(len(rows), N)`` (GEMMs and gathers).

        An availability entry is the scalar ``True`` when the signal is defined for every pair.
        """
        rows = np.asarray(rows, dtype=np.intp)
        n = self.n
        hp, hw = self.has_profile, self.has_wants
        pf, wf = np.float32(self.profile_fill), np.float32(self.wants_fill)
        prof = self._cos_block(self.prof[rows], self.prof, hp[rows], hp, pf)
        a = self._cos_block(self.wants[rows], self.prof, hw[rows], hp, wf)   # rows' wants, everyone's profile
        b = self._cos_block(self.prof[rows], self.wants, hp[rows], hw, wf)   # everyone's wants, rows' profile
        if self.settings.reciprocity == "geometric":
            a *= b
            wants = np.sqrt(a, out=a)
        else:
            wants = sig.RECIPROCITY[self.settings.reciprocity](a, b).astype(np.float32)
        if not (self.tag_sizes > 0).any():
            skills = np.full((rows.size, n), sig.NEUTRAL, dtype=np.float32)
        else:
            inter = (self.tags_dense[rows] @ self.tags_dense.T) if self.tags_dense is not None else \
                (self.tags_inc[rows] @ self.tags_inc.T).toarray().astype(np.float32)
            si, sj = self.tag_sizes[rows], self.tag_sizes
            union = si[:, None] + sj[None, :] - inter
            with np.errstate(invalid="ignore", divide="ignore"):
                skills = np.divide(inter, union, out=inter)
            np.sqrt(skills, out=skills)
            skills[si == 0, :] = sig.NEUTRAL * 0.5
            skills[:, sj == 0] = sig.NEUTRAL * 0.5
        R, C = rows[:, None], np.arange(n)[None, :]
        values = {
            "profile": prof, "wants": wants,
            "role": np.take(self.role_table[self.role_codes[rows]], self.role_codes, axis=1),
            "experience": np.take(self.exp_table[self.exp_code[rows]], self.exp_code, axis=1)
            if self.exp_table is not None else self._experience(self.years[R], self.years[C]),
            "location": np.take(self.loc_table[self.loc_code[rows]], self.loc_code, axis=1)
            if self.loc_table is not None else
            self._location_of(self.offsets[R], self.offsets[C], self.lat[R], self.lat[C], self.lon[R], self.lon[C]),
            "skills_overlap": skills,
        }
        local = np.arange(rows.size)
        for v in values.values():
            v[local, rows] = 0.0
        avail: dict = {"role": True}
        for name, h in self._flags().items():
            avail[name] = True if h.all() else np.logical_and.outer(h[rows], h)
        avail["wants"] = True if (hw.all() and hp.all()) else \
            np.logical_and.outer(hw[rows], hp) | np.logical_and.outer(hp[rows], hw)
        return values, avail

    # ---- combined score and solver weight ---------------------------------------------------------
    def combine(self, values: Mapping[str, np.ndarray], avail: Mapping[str, np.ndarray],
                weights: Mapping[str, float] | None = None) -> np.ndarray:
        """Weighted mean of the defined signals (the dense :func:`matching.scoring.combine`), float32."""
        weights = dict(self.settings.weights if weights is None else weights)
        check_weights(weights)
        shape = np.shape(values["profile"])
        num = np.zeros(shape, dtype=np.float32)
        den, const = None, np.float32(0)
        for name, w in weights.items():
            if w <= 0 or name not in SIGNALS:
                continue
            w32, av = np.float32(w), avail[name]
            if np.ndim(av) == 0:
                if av:
                    num += w32 * values[name]
                    const += w32
                continue
            num += np.where(av, w32 * values[name], np.float32(0))
            den = av * w32 if den is None else den + av * w32
        den = const if den is None else den + const
        with np.errstate(invalid="ignore", divide="ignore"):
            out = np.where(den > 0, num / den, np.float32(0)).astype(np.float32)
        return out

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

    def stage_table(self) -> np.ndarray:
        """The stage-mixing penalty between every two distinct stage values (index with ``stage_code``)."""
        from ..solve.rules import STAGE_MIX_SCALE

        u = self.stage_values
        same = (u[:, None] == u[None, :]) & (u[:, None] >= 0)
        return (self.settings.stage_mixing * STAGE_MIX_SCALE * same).astype(np.float32)

    def stage_penalty(self, I, J) -> np.ndarray:
        """The career-stage mixing lever of :func:`matching.solve.rules.objective_matrix` for these pairs."""
        from ..solve.rules import STAGE_MIX_SCALE

        s = self.settings
        if s.stage_mixing == 0:
            return np.zeros(np.broadcast(I, J).shape, dtype=np.float32)
        si, sj = self.stage[I], self.stage[J]
        same = (si == sj) & (si >= 0) & (sj >= 0)
        return (s.stage_mixing * STAGE_MIX_SCALE * same).astype(np.float32)
