"""Compatibility shim: the solver moved to :mod:`matching.solve` (removed once imports are rewritten)."""

from .solve import *  # noqa: F401,F403
from .solve import (FLOOR, MENTEE, MENTOR, PEER, SOLVERS, UNMATCHED_CODES, Solution, Unmatched,  # noqa: F401
                    exact_networkx, greedy_pairs, solve_pairs)
from .solve.bounds import assignment_bound as _assignment_bound, low_bound as _low_bound  # noqa: F401
from .solve.candidates import (blossom as _blossom, card_ceiling as _card_ceiling, degrees as _degrees,  # noqa: F401
                               edges_of as _edges_of, keys_of as _keys, max_card as _max_card, split as _split,
                               top_k_edges as _top_k_edges)
from .solve.fairness import fair_scan as _fair_scan, fair_start as _fair_start  # noqa: F401
from .solve.highs import HAVE_HIGHS  # noqa: F401
from .solve.instance import Instance as _Instance, prepare as _prepare  # noqa: F401
from .solve.mip import solve_mip as _solve_mip  # noqa: F401
from .solve.post import backups as _backups, best_triad as _best_triad, group_score as _group_score  # noqa: F401
from .solve.pricing import MatchingLP as _MatchingLP, price as _price  # noqa: F401
