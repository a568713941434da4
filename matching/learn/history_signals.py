"""Signals from who met whom and how it went, for pairs that have not met yet.

- ``ppr``: personalized PageRank over the graph of good meetings (networkx builds the graph; all
  people's PageRank vectors are computed at once by sparse power iteration).
- ``cf``: collaborative filtering, a low-rank factorization (TruncatedSVD) of the rater x partner
  matrix of good (+1) and not-good (-1) meetings.

Each returns an N x N matrix in [0, 1] (percentile rank among the pairs it knows) and an
availability mask: pairs with someone who has no history are left to the other signals.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

HISTORY_SIGNALS = ("ppr", "cf")
HISTORY_DESCRIPTIONS = {
    "ppr": "How close two people are in the network of meetings that went well (personalized PageRank).",
    "cf": "Whether people who liked the same partners as one of them liked the other (collaborative filtering).",
}


def _percentile(m: np.ndarray, avail: np.ndarray) -> np.ndarray:
    """Values on available off-diagonal pairs replaced by their percentile rank in [0, 1]."""
    from scipy.stats import rankdata

    out = np.zeros_like(m, dtype=float)
    mask = avail & ~np.eye(len(m), dtype=bool)
    vals = m[mask]
    if vals.size:
        out[mask] = (rankdata(vals) - 1) / max(vals.size - 1, 1)
    return out


def _positions(feedback: pd.DataFrame, ids: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    pos = {pid: k for k, pid in enumerate(ids)}
    keep = feedback["rater"].isin(pos) & feedback["partner"].isin(pos)
    fb = feedback.loc[keep]
    return fb["rater"].map(pos).to_numpy(int), fb["partner"].map(pos).to_numpy(int), keep.to_numpy()


def ppr_signal(feedback: pd.DataFrame, labels: pd.Series, ids: list[str], alpha: float = 0.85,
               iterations: int = 40) -> tuple[np.ndarray, np.ndarray]:
    """Personalized PageRank between everyone in ``ids`` over the undirected graph of good meetings.

    Parameters
    ----------
    feedback : DataFrame
        Feedback table (people as participant ids).
    labels : Series
        Good (1) / not good (0) / unknown (NaN) per feedback row.
    ids : list of str
        The survey's participant ids, in matrix order.
    alpha : float, default 0.85
        Probability of following an edge rather than jumping back to the start person.
    """
    import networkx as nx

    n = len(ids)
    i, j, keep = _positions(feedback, ids)
    good = labels.to_numpy(float)[keep] == 1
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    for a, b in zip(i[good], j[good]):
        w = graph.get_edge_data(a, b, {"weight": 0.0})["weight"]
        graph.add_edge(int(a), int(b), weight=w + 1.0)
    in_graph = np.array([graph.degree(k) > 0 for k in range(n)], bool)
    if not in_graph.any():
        return np.zeros((n, n)), np.zeros((n, n), bool)
    adj = nx.to_scipy_sparse_array(graph, nodelist=range(n), weight="weight", format="csr")
    nodes = np.flatnonzero(in_graph)
    full = np.zeros((n, n))
    full[nodes] = ppr_rows(adj, nodes, alpha, iterations)
    sym = full + full.T
    avail = in_graph[:, None] & in_graph[None, :]
    return _percentile(sym, avail), avail


def ppr_rows(adj, seeds: np.ndarray, alpha: float = 0.85, iterations: int = 40) -> np.ndarray:
    """Personalized PageRank vector of each seed (one row each) by power iteration on a sparse graph."""
    n = adj.shape[0]
    deg = np.asarray(adj.sum(axis=1)).ravel()
    inv = np.where(deg > 0, 1.0 / np.maximum(deg, 1e-12), 0.0)
    step = adj.multiply(inv[:, None]).tocsr()  # row-stochastic where a person has good meetings
    restart = np.zeros((len(seeds), n))
    restart[np.arange(len(seeds)), seeds] = 1.0 - alpha
    r = restart.copy()
    for _ in range(iterations):
        r = restart + alpha * (step.T @ r.T).T
    return r


def cf_signal(feedback: pd.DataFrame, labels: pd.Series, ids: list[str], rank: int = 8,
              seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Low-rank (TruncatedSVD) reconstruction of the rater x partner matrix, symmetrised.

    Good meetings count +1, not-good ones -1 (a person rated twice keeps the sum); the
    reconstruction predicts unseen pairs from people with similar tastes and similar admirers.
    """
    from scipy import sparse
    from sklearn.decomposition import TruncatedSVD

    n = len(ids)
    i, j, keep = _positions(feedback, ids)
    lab = labels.to_numpy(float)[keep]
    ok = np.isfinite(lab)
    if ok.sum() == 0:
        return np.zeros((n, n)), np.zeros((n, n), bool)
    vals = np.where(lab[ok] == 1, 1.0, -1.0)
    mat = sparse.csr_matrix((vals, (i[ok], j[ok])), shape=(n, n))
    seen = np.zeros(n, bool)
    seen[i[ok]] = True
    seen[j[ok]] = True
    k = int(min(rank, max(1, seen.sum() - 1), n - 1))
    if k < 1:
        return np.zeros((n, n)), np.zeros((n, n), bool)
    svd = TruncatedSVD(n_components=k, random_state=seed)
    left = svd.fit_transform(mat)
    recon = left @ svd.components_
    sym = (recon + recon.T) / 2.0
    avail = seen[:, None] & seen[None, :]
    return _percentile(sym, avail), avail


def history_signal(kind: str, feedback: pd.DataFrame, labels: pd.Series, ids: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """One history signal by name."""
    if kind == "ppr":
        return ppr_signal(feedback, labels, ids)
    if kind == "cf":
        return cf_signal(feedback, labels, ids)
    raise ValueError(f"The history signal must be one of {', '.join(HISTORY_SIGNALS)}. Got {kind!r} instead.")
