"""Moved to :mod:`matching.scoring.embedder` (shim kept until the lead's import rewrite)."""

from .scoring.embedder import *  # noqa: F401,F403
from .scoring.embedder import MODEL_ID, Embedder, VectorCache, default_cache_dir, load_model, text_key, tfidf_vectors  # noqa: F401
