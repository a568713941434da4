"""Top-K suggestions, and the bounded-memory building blocks for large rounds.

- :mod:`.pairs`: every signal for any pairs or row block (float32), no N x N matrix
- :mod:`.rules`: the hard rules as pair keys and per-block masks
- :mod:`.blocks`: row blocks: exact top-k, block-wise reduced costs (pricing)
- :mod:`.ann`: faiss index over the embeddings, recall against exact search
- :mod:`.distributed`: the same block functions locally or on Dask
- :mod:`.suggest`: reciprocal, diversified (MMR), exposure-capped top-K lists
"""

from .suggest import COLUMNS, Suggestions, gini, list_redundancy, suggest

__all__ = ["COLUMNS", "Suggestions", "gini", "list_redundancy", "suggest"]
