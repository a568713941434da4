"""One function per signal. Each returns an N x N matrix in [0, 1] (diagonal 0)."""

from __future__ import annotations

import re
from typing import Iterable, Sequence

import numpy as np

from ..intake.taxonomy import role_affinity

NEUTRAL = 0.5  # value used where a person gave nothing to compare: neither helps nor hurts much

RECIPROCITY = {
    "geometric": lambda a, b: np.sqrt(a * b),
    "min": np.minimum,
    "mean": lambda a, b: (a + b) / 2.0,
}


def _finish(m: np.ndarray) -> np.ndarray:
    m = np.clip(np.nan_to_num(m, nan=NEUTRAL), 0.0, 1.0)
    np.fill_diagonal(m, 0.0)
    return m


def _neutral_fill(m: np.ndarray, missing: np.ndarray) -> np.ndarray:
    """Give rows/columns of people with nothing to compare the median of the known pairs."""
    if missing.any():
        known = ~missing
        vals = m[np.ix_(known, known)]
        fill = float(np.median(vals[~np.eye(len(vals), dtype=bool)])) if known.sum() > 1 else NEUTRAL
        m = m.copy()
        m[missing, :] = fill
        m[:, missing] = fill
    return m


def cosine(a: np.ndarray, b: np.ndarray | None = None) -> np.ndarray:
    """Cosine similarity of unit (or zero) row vectors, clipped to [0, 1]."""
    b = a if b is None else b
    return np.clip(a @ b.T, 0.0, 1.0).astype(np.float64)


def profile_signal(profile_vecs: np.ndarray) -> np.ndarray:
    """Cosine similarity of summary + skills embeddings; blank profiles are neutral."""
    missing = ~np.any(profile_vecs != 0, axis=1)
    return _finish(_neutral_fill(cosine(profile_vecs), missing))


def wants_directed(wants_vecs: np.ndarray, profile_vecs: np.ndarray) -> np.ndarray:
    """A[u, v]: how well v's profile answers what u wants. Rows of people with no 'wants' are neutral."""
    a = cosine(wants_vecs, profile_vecs)
    no_wants = ~np.any(wants_vecs != 0, axis=1)
    no_profile = ~np.any(profile_vecs != 0, axis=1)
    if (~no_wants).any():
        known = a[np.ix_(~no_wants, ~no_profile)] if (~no_profile).any() else np.array([NEUTRAL])
        fill = float(np.median(known)) if known.size else NEUTRAL
    else:
        fill = NEUTRAL
    a[no_wants, :] = fill
    a[:, no_profile] = fill
    return a


def wants_signal(wants_vecs: np.ndarray, profile_vecs: np.ndarray, reciprocity: str = "geometric") -> np.ndarray:
    """Mutual 'what I want' fit: the directed fit combined both ways by the reciprocity rule."""
    a = wants_directed(wants_vecs, profile_vecs)
    return _finish(RECIPROCITY[reciprocity](a, a.T))


def role_signal(roles: Sequence[str], mode: str = "peer") -> np.ndarray:
    """Role affinity from :func:`matching.intake.taxonomy.role_affinity`: the editable table for known
    roles; an organizer's own role label keeps its name (same label = same role; similar names are close)."""
    return _finish(np.asarray(role_affinity(list(roles), mode), dtype=np.float64))


def experience_signal(years: np.ndarray, sweet_spot: float = 0.0, scale: float = 4.0) -> np.ndarray:
    """Gaussian preference for an experience gap near ``sweet_spot`` years; unknown years are neutral."""
    y = np.asarray(years, dtype=np.float64)
    gap = np.abs(y[:, None] - y[None, :])
    m = np.exp(-0.5 * ((gap - sweet_spot) / scale) ** 2)
    missing = np.isnan(y)
    m[missing, :] = NEUTRAL
    m[:, missing] = NEUTRAL
    return _finish(m)


def haversine_km(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """All-pairs great-circle distance in km (vectorised)."""
    la, lo = np.radians(np.asarray(lat, float)), np.radians(np.asarray(lon, float))
    dlat = la[:, None] - la[None, :]
    dlon = lo[:, None] - lo[None, :]
    h = np.sin(dlat / 2) ** 2 + np.cos(la)[:, None] * np.cos(la)[None, :] * np.sin(dlon / 2) ** 2
    return 2 * 6371.0088 * np.arcsin(np.sqrt(np.clip(h, 0, 1)))


def shared_daytime_hours(offsets: np.ndarray, start: float = 8.0, end: float = 20.0) -> np.ndarray:
    """Hours both people are within their local [start, end) daytime, from UTC offsets in hours."""
    o = np.asarray(offsets, float)
    diff = np.abs(o[:, None] - o[None, :]) % 24
    diff = np.minimum(diff, 24 - diff)
    return np.clip((end - start) - diff, 0.0, end - start)


def location_signal(offsets: np.ndarray, lat: np.ndarray, lon: np.ndarray, mode: str = "timezone",
                    distance_scale_km: float = 3000.0) -> np.ndarray:
    """Time-zone overlap (share of a 12-hour day both are awake) and/or distance decay."""
    parts = []
    if mode in ("timezone", "both"):
        tz = shared_daytime_hours(offsets) / 12.0
        miss = np.isnan(np.asarray(offsets, float))
        tz[miss, :] = NEUTRAL
        tz[:, miss] = NEUTRAL
        parts.append(tz)
    if mode in ("distance", "both"):
        d = np.exp(-haversine_km(lat, lon) / distance_scale_km)
        miss = np.isnan(np.asarray(lat, float)) | np.isnan(np.asarray(lon, float))
        d[miss, :] = NEUTRAL
        d[:, miss] = NEUTRAL
        parts.append(d)
    return _finish(np.mean(parts, axis=0))


# ---- skill tags ----------------------------------------------------------------------------------
_ALIASES = {
    "k8s": "kubernetes", "kube": "kubernetes", "py": "python", "python3": "python", "ml ops": "mlops",
    "ml-ops": "mlops", "machine learning": "ml", "deep learning": "dl", "llm": "llms", "large language models": "llms",
    "gen ai": "genai", "generative ai": "genai", "nlp": "nlp", "natural language processing": "nlp",
    "computer vision": "cv", "js": "javascript", "ts": "typescript", "postgresql": "postgres",
    "sklearn": "scikit-learn", "scikit learn": "scikit-learn", "tf": "tensorflow", "gcp": "google cloud",
    "aws sagemaker": "sagemaker", "recommender systems": "recsys", "recommendation systems": "recsys",
    "recommenders": "recsys", "data engineering": "data engineering", "ci/cd": "cicd", "ci cd": "cicd",
    "statistics": "stats", "a/b testing": "ab testing", "ab tests": "ab testing", "pyspark": "spark",
    "apache spark": "spark", "apache airflow": "airflow", "hugging face": "huggingface",
}
_SPLIT = re.compile(r"[,;/|\n•·+]|\band\b|\s&\s", re.IGNORECASE)
_STRIP = re.compile(r"^[\s\-–*.:()\"']+|[\s\-–*.:()!\"']+$")


def skill_tags(*texts: str) -> frozenset[str]:
    """Normalised tags from comma/semicolon lists such as 'Python, PyTorch; k8s and MLOps'."""
    tags = set()
    for text in texts:
        for part in _SPLIT.split(str(text or "")):
            tag = _STRIP.sub("", part.lower())
            tag = re.sub(r"\s+", " ", tag)
            if not tag or len(tag) > 40 or len(tag.split()) > 4:
                continue
            tags.add(_ALIASES.get(tag, tag))
    return frozenset(tags)


def skills_overlap_signal(tags: Sequence[frozenset[str]]) -> np.ndarray:
    """Jaccard overlap of tag sets (vectorised through a sparse incidence matrix)."""
    from scipy import sparse

    vocab: dict[str, int] = {}
    rows, cols = [], []
    for i, ts in enumerate(tags):
        for t in ts:
            rows.append(i)
            cols.append(vocab.setdefault(t, len(vocab)))
    n = len(tags)
    if not vocab:
        return _finish(np.full((n, n), NEUTRAL))
    inc = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, len(vocab)))
    inter = (inc @ inc.T).toarray()
    sizes = np.asarray(inc.sum(axis=1)).ravel()
    union = sizes[:, None] + sizes[None, :] - inter
    with np.errstate(invalid="ignore", divide="ignore"):
        jac = np.where(union > 0, inter / union, 0.0)
    # Jaccard of short hand-typed lists is small even for good matches; a square root spreads it.
    m = np.sqrt(jac)
    missing = sizes == 0
    m[missing, :] = NEUTRAL * 0.5
    m[:, missing] = NEUTRAL * 0.5
    return _finish(m)


def shared_tags(a: Iterable[str], b: Iterable[str]) -> list[str]:
    return sorted(set(a) & set(b))
