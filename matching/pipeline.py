"""Moved to :mod:`matching.round` (shim kept until the lead's import rewrite)."""

from .round import *  # noqa: F401,F403
from .round import OUTPUT_COLUMNS, RoundResult, embed_participants, run_round, tables, unmatched_reason  # noqa: F401
