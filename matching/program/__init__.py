"""Programs that remember: the history store, roster and pauses, rotation, multi-round planning.

Rooms: :mod:`.schema` (tables) and ``migrations/`` (Alembic), :mod:`.store` (open, upgrade, read),
:mod:`.identity` (who is who across rounds), :mod:`.publish` (one round, one transaction),
:mod:`.imports` (past rounds from a file), :mod:`.feedback` (feedback files), :mod:`.backup` (a zip of CSVs),
:mod:`.roster` (who takes part next), :mod:`.rotation` (what history changes in a solve),
:mod:`.planning` (the next K rounds), :mod:`.figures` (plotly, no Streamlit).
"""

from __future__ import annotations

from .identity import IdentityIndex, Known, Uncertain, email_key, name_key
from .publish import PublishReport, RoundRecord, preview, publish, record_from_result
from .roster import ProgramContext, prepare_round
from .store import ENV_URL, SIT_OUT, Store, default_url, resolve_url, safe_url

__all__ = ["ENV_URL", "IdentityIndex", "Known", "ProgramContext", "ProgramRound", "PublishReport", "RoundRecord",
           "SIT_OUT", "Store", "Uncertain", "adjusted_weight", "default_url", "email_key", "name_key",
           "prepare_round", "preview", "priorities", "publish", "record_from_result", "resolve_url", "safe_url",
           "solve_program_round"]

_LAZY = {"ProgramRound", "adjusted_weight", "priorities", "solve_program_round"}


def __getattr__(name: str):
    # The solver side is imported only when asked for: reading a store never loads the solver.
    if name in _LAZY:
        from . import rotation

        return getattr(rotation, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
