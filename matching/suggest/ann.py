"""Approximate nearest neighbours over the embeddings (faiss), and recall against exact search.

At 100,000 people an exact top-k over the combined score reads 10^10 pairs; the ANN index finds
each person's nearest profiles (and the profiles nearest to what they want) in a few seconds, and
only those candidate pairs get every signal computed. :func:`recall_at_k` measures what the
approximation misses against exact inner-product search.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

EXACT_BELOW = 5_000     # fewer vectors than this: exact flat search (fast enough, nothing to miss)
NPROBE = 24             # inverted lists visited per query


@dataclass
class AnnIndex:
    """A faiss inner-product index over the non-zero rows of a vector matrix.

    Attributes
    ----------
    index : faiss.Index
    ids : ndarray
        Row number (person index) of each indexed vector.
    exact : bool
        True for a flat (exact) index.
    """

    index: object
    ids: np.ndarray
    exact: bool
    quantizer: object = None   # the inverted file's coarse index must live as long as the index

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """``(idx, sim)``: each query's k most similar indexed rows (person indices, -1 padding)."""
        q = np.ascontiguousarray(queries, dtype=np.float32)
        if self.ids.size == 0 or q.shape[0] == 0:
            return np.full((q.shape[0], k), -1, dtype=np.int64), np.full((q.shape[0], k), np.nan, dtype=np.float32)
        sim, pos = self.index.search(q, min(k, self.ids.size))
        idx = np.where(pos >= 0, self.ids[np.maximum(pos, 0)], -1)
        if idx.shape[1] < k:
            pad = k - idx.shape[1]
            idx = np.pad(idx, ((0, 0), (0, pad)), constant_values=-1)
            sim = np.pad(sim, ((0, 0), (0, pad)), constant_values=np.nan)
        return idx.astype(np.int64), sim.astype(np.float32)


def build_index(vectors: np.ndarray, exact: bool | None = None, nprobe: int = NPROBE, seed: int = 0) -> AnnIndex:
    """Index the non-zero rows of ``vectors`` for inner-product search.

    Parameters
    ----------
    vectors : (N, d) array
        Unit (or zero) rows.
    exact : bool, optional
        Force a flat exact index (True) or an inverted-file index (False); default: exact below
        :data:`EXACT_BELOW` rows.
    nprobe : int
        Inverted lists searched per query (more: higher recall, slower).
    seed : int
        Seed of the k-means that places the inverted lists.
    """
    import faiss

    x = np.ascontiguousarray(vectors, dtype=np.float32)
    ids = np.flatnonzero(np.any(x != 0, axis=1))
    data = np.ascontiguousarray(x[ids])
    d = x.shape[1]
    use_exact = (ids.size < EXACT_BELOW) if exact is None else exact
    if use_exact or ids.size < 64:
        index = faiss.IndexFlatIP(d)
        index.add(data)
        return AnnIndex(index, ids, True)
    nlist = int(np.clip(4 * np.sqrt(ids.size), 16, ids.size // 39))
    quantizer = faiss.IndexFlatIP(d)
    index = faiss.IndexIVFFlat(quantizer, d, nlist, faiss.METRIC_INNER_PRODUCT)
    index.cp.seed = int(seed)
    index.train(data)
    index.add(data)
    index.nprobe = int(min(nprobe, nlist))
    return AnnIndex(index, ids, False, quantizer)


def exact_neighbours(vectors: np.ndarray, queries: np.ndarray, k: int) -> np.ndarray:
    """Exact top-k inner-product neighbours (person indices) of each query among the non-zero rows."""
    return build_index(vectors, exact=True).search(queries, k)[0]


def recall_at_k(approx: np.ndarray, exact: np.ndarray) -> float:
    """Share of the exact top-k neighbours that the approximate top-k found (mean over queries).

    Parameters
    ----------
    approx, exact : (Q, k) int arrays
        Neighbour indices per query (-1 padding ignored).
    """
    hits = total = 0
    for a, e in zip(approx, exact):
        e = e[e >= 0]
        total += e.size
        hits += np.intersect1d(a[a >= 0], e).size
    return hits / total if total else 1.0


def ann_candidates(prof: np.ndarray, wants: np.ndarray, m: int, seed: int = 0,
                   exact: bool | None = None, mixed: np.ndarray | None = None) -> np.ndarray:
    """Each person's candidate partners from the embeddings: up to ``3 m`` indices per row (-1 padding).

    The union of the m nearest profiles to their profile (or, given ``mixed``, the m nearest by
    those vectors: :meth:`matching.suggest.pairs.PairScorer.retrieval_vectors`, which also carry
    skills, role, experience and location), the m profiles nearest to what they want, and the m
    people whose wants their profile answers best (the wants signal runs both ways).
    """
    n = prof.shape[0]
    by_profile = build_index(prof, exact=exact, seed=seed)
    first = by_profile.search(prof, m + 1)[0] if mixed is None else \
        build_index(mixed, exact=exact, seed=seed).search(mixed, m + 1)[0]
    parts = [first, by_profile.search(wants, m)[0]]
    if np.any(wants != 0):
        parts.append(build_index(wants, exact=exact, seed=seed).search(prof, m)[0])
    cand = np.concatenate(parts, axis=1)
    cand[cand == np.arange(n)[:, None]] = -1
    # Sort each row and drop repeats so a partner appears once.
    cand.sort(axis=1)
    dup = np.zeros_like(cand, dtype=bool)
    dup[:, 1:] = cand[:, 1:] == cand[:, :-1]
    cand[dup] = -1
    cand.sort(axis=1)
    return cand[:, ::-1].copy()  # valid indices first, -1 padding last
