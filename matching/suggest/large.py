"""One round end to end in bounded memory: the block path behind ``pair --dask`` and large surveys.

:func:`run_round_blocked` returns the same :class:`matching.round.RoundResult` as
:func:`matching.round.run_round` (same export table, same explanations, same unmatched reasons),
with ``score`` and ``weight`` set to None: no N x N matrix exists at any point.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..solve.rules import Constraints
from ..issues import Issue
from ..round import RoundResult, tables
from ..settings import Settings
from .blocks import BlockContext
from .pairing import check_supported, solve_blocked
from .pairs import PairScorer, check_weights
from .rules import build_block_rules
from .suggest import _PairSignals

BLOCK_ABOVE = 3_000   # surveys larger than this are paired in blocks by default (the dense path needs N^2 memory)
ANN_PAIR_ABOVE = 30_000  # candidates="auto": above this, pair on the ANN candidate graph (no pass over all N^2 pairs)


def pair_candidates(settings: Settings, n: int) -> str:
    """``"exact"`` or ``"ann"``: the candidate pairs a round of ``n`` people solved in blocks uses."""
    if settings.candidates != "auto":
        return settings.candidates
    return "ann" if n > ANN_PAIR_ABOVE else "exact"


def _group_pairs(groups) -> tuple[np.ndarray, np.ndarray]:
    pairs = [(a, b) for g in groups for i, a in enumerate(g) for b in g[i + 1:]]
    return np.array([a for a, _ in pairs], np.intp), np.array([b for _, b in pairs], np.intp)


def run_round_blocked(participants: pd.DataFrame, vectors: dict[str, np.ndarray], settings: Settings,
                      history: pd.DataFrame | None = None, client=None) -> RoundResult:
    """Score and pair one round without any N x N matrix (optionally on a Dask cluster).

    Parameters
    ----------
    participants : DataFrame
        Canonical participants table.
    vectors : dict
        ``{"profile", "wants"}`` embeddings.
    settings : Settings
        Peer rounds with fairness 0 and popularity 0 (others raise InputError in plain words).
    history : DataFrame, optional
        Earlier pairings ``round, a, b``.
    client : dask.distributed.Client, optional
        Run the block passes on this cluster (identical results).

    Returns
    -------
    matching.round.RoundResult
        ``score`` and ``weight`` are None.
    """
    check_weights(settings.weights)
    participants = participants.reset_index(drop=True)
    rules = build_block_rules(participants, settings, history)
    check_supported(settings, rules.two_sided)
    scorer = PairScorer.from_participants(participants, vectors, settings)
    ctx = BlockContext(scorer, rules)
    solution = solve_blocked(ctx, k=settings.k, odd=settings.odd, n_backups=settings.n_backups,
                             backup_cap=settings.backup_cap, locked=rules.locked, client=client,
                             time_limit=settings.time_limit, candidates=pair_candidates(settings, len(participants)),
                             seed=settings.seed)
    I, J = _group_pairs(solution.groups)
    signals = _PairSignals(scorer, participants, I, J)
    signals.issues = []
    cons = Constraints(forbidden={}, locked=rules.locked, rounds_since=None, two_sided=False, sides=rules.sides,
                       capacity=rules.capacity, issues=list(rules.issues))
    assignments, groups = tables(participants, signals, settings, cons, solution)
    issues = list(rules.issues)
    if not scorer.fill_exact_:
        issues.append(Issue("info", "Neutral values for blank answers were estimated from a sample of pairs (large survey)."))
    if solution.diagnosis is None and not math.isnan(solution.graph_gap):
        issues.append(Issue("warning", f"Paired on a nearest-neighbour candidate graph ({solution.n_candidate_edges:,} "
                                       "pairs), not on all pairs: " + ("proven best on that graph" if solution.graph_gap == 0
                                       else f"at most {solution.graph_gap:.4%} below the best on that graph (proven)")
                            + "; pairs outside the graph are not bounded, so nothing is proven over all pairs.",
                            f"Raise the solver time limit (now {settings.time_limit:g} s) for a smaller gap on the graph; "
                            "set candidates to 'exact' for a proof over all pairs (one pass over all N x N pairs; "
                            "about 8 minutes per pass at 100,000 people on 2 cores, extrapolated from 20,000, and pricing needs more)."))
    elif solution.diagnosis is None and not solution.proof:
        issues.append(Issue("warning", f"The pairing is not proven best over all pairs; it is at most {solution.gap:.4%} "
                                       "below the best possible.",
                            f"Raise the solver time limit (now {settings.time_limit:g} s) so the last exact step can run."))
    return RoundResult(participants, settings, signals, None, None, cons, solution, assignments, groups, issues)
