"""Embedding very many texts: chunks with overall progress, resumable through the on-disk cache.

The model embedder (:class:`matching.scoring.embedder.Embedder`) caches every vector by the hash
of its text but writes the cache once, at the end of a call. Calling it chunk by chunk writes the
cache after every chunk, so an interrupted run (a closed laptop, a killed job) resumes where it
stopped: the chunks already done are read back instead of re-encoded. TF-IDF is fitted on all
texts at once (its vector space depends on the whole corpus), so it is never chunked.
"""

from __future__ import annotations

from typing import Callable, Mapping, Sequence

import numpy as np

CHUNK = 8_192   # texts per embedder call (one cache write each)


def embed_many(fields: Mapping[str, Sequence[str]], embedder, chunk: int = CHUNK,
               progress: Callable[[int, int], None] | None = None) -> dict[str, np.ndarray]:
    """Embed named lists of texts like ``Embedder.encode_fields``, chunk by chunk for the model.

    Parameters
    ----------
    fields : mapping of str -> sequence of str
        E.g. ``{"profile": [...], "wants": [...]}`` (already scrubbed of PII).
    embedder : Embedder
        ``kind="minilm"`` is chunked and resumable; ``"tfidf"`` runs in one call.
    chunk : int
        Texts per call; the cache is written after each.
    progress : callable, optional
        ``progress(done, total)`` over all texts.

    Returns
    -------
    dict of str -> (n, d) float32 arrays
        One array per field, rows in input order (zero rows for blank texts).
    """
    if chunk < 1:
        raise ValueError(f"The 'chunk' setting must be a whole number of at least 1. Got {chunk!r} instead.")
    names = list(fields)
    flat = [str(t or "").strip() for name in names for t in fields[name]]
    total = len(flat)
    if embedder.kind != "minilm" or total <= chunk:
        return embedder.encode_fields(fields, progress=progress)
    parts, encoded, cached = [], 0, 0
    for start in range(0, total, chunk):
        texts = flat[start:start + chunk]

        def inner(done: int, todo: int, start=start, size=len(texts)) -> None:
            if progress and todo:
                progress(start + int(size * done / todo), total)

        parts.append(embedder.encode(texts, progress=inner))
        if embedder.kind_ != "minilm":
            # The model could not load: TF-IDF must see every text at once (one vector space).
            return embedder.encode_fields(fields, progress=progress)
        encoded += embedder.n_encoded_
        cached += embedder.n_cached_
        if progress:
            progress(min(start + len(texts), total), total)
    embedder.n_encoded_, embedder.n_cached_ = encoded, cached
    vectors = np.concatenate(parts)
    out, at = {}, 0
    for name in names:
        m = len(fields[name])
        out[name] = vectors[at:at + m]
        at += m
    return out
