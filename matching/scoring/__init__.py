"""Scoring: free text -> embeddings -> named N x N signal matrices -> one score matrix -> reasons.

Rooms: :mod:`.embedder` (model, TF-IDF fallback, vector cache), :mod:`.text` (which text is embedded,
scrubbed of contact details), :mod:`.signals` (one function per signal), :mod:`.combine`
(``SignalSet``, ``compute_signals``, ``combine``), :mod:`.explain` (contributions and words).
The model itself (torch) is only imported when an ``Embedder`` first needs it.
"""

from __future__ import annotations

from .embedder import Embedder, VectorCache, load_model, tfidf_vectors
from .combine import SIGNAL_SETTINGS, SignalSet, combine, compute_signals, offsets_for
from .explain import SIGNAL_LABELS, explain_pair, explanation_text
from .text import embed_participants, scrub_pii, text_fields

__all__ = ["Embedder", "SIGNAL_LABELS", "SIGNAL_SETTINGS", "SignalSet", "combine", "compute_signals",
           "embed_participants", "explain_pair", "explanation_text", "load_model", "offsets_for",
           "scrub_pii", "text_fields", "tfidf_vectors", "VectorCache"]
