"""Reference pairings for tests and benchmarks: the greedy baseline and networkx's exact blossom."""

from __future__ import annotations

import networkx as nx
import numpy as np


def greedy_pairs(weight, allowed=None) -> list[tuple[int, int]]:
    """Greedy baseline: repeatedly take the highest-weight allowed pair of two free people.

    Parameters
    ----------
    weight : (N, N) array_like
        Symmetric pair weights; the diagonal is ignored.
    allowed : (N, N) bool array_like, optional
        Pairs that may meet (default: all).

    Returns
    -------
    list of (int, int)
        Pairs ``(i, j)`` with ``i < j``, sorted.
    """
    W = np.asarray(weight, dtype=float)
    n = len(W)
    mask = np.ones((n, n), bool) if allowed is None else np.asarray(allowed, dtype=bool).copy()
    I, J = np.nonzero(np.triu(mask, 1))
    order = np.argsort(-W[I, J], kind="stable")  # ties: lowest (i, j) first
    free = np.ones(n, dtype=bool)
    remaining = int(free.sum())
    pairs = []
    for e in order.tolist():
        i, j = int(I[e]), int(J[e])
        if free[i] and free[j]:
            free[i] = free[j] = False
            pairs.append((i, j))
            remaining -= 2
            if remaining < 2:
                break
    return sorted(pairs)


def exact_networkx(weight, allowed=None, maxcardinality: bool = True) -> tuple[list[tuple[int, int]], float]:
    """Reference optimum with networkx's blossom implementation (slow: dense graphs, pure Python).

    Parameters
    ----------
    weight : (N, N) array_like
        Symmetric pair weights; the diagonal is ignored.
    allowed : (N, N) bool array_like, optional
        Pairs that may meet (default: all).
    maxcardinality : bool
        Maximise the number of pairs first (as :func:`solve_pairs` does).

    Returns
    -------
    pairs : list of (int, int)
        Sorted pairs ``(i, j)`` with ``i < j``.
    total : float
        Sum of their weights.
    """
    W = np.asarray(weight, dtype=float)
    n = len(W)
    mask = np.ones((n, n), bool) if allowed is None else np.asarray(allowed, dtype=bool)
    I, J = np.nonzero(np.triu(mask, 1))
    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_weighted_edges_from(zip(I.tolist(), J.tolist(), W[I, J].tolist()))
    m = nx.max_weight_matching(g, maxcardinality=maxcardinality)
    pairs = sorted((min(a, b), max(a, b)) for a, b in m)
    return pairs, float(sum(W[a, b] for a, b in pairs))
