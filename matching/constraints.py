"""Compatibility shim: the hard rules moved to :mod:`matching.solve.rules` (removed once imports are rewritten)."""

from .solve.rules import *  # noqa: F401,F403
from .solve.rules import (CONSTRAINT_LABELS, REPEAT_FADE, STAGE_MIX_SCALE, Constraints,  # noqa: F401
                          build_constraints, index_of, mutual_rank, objective_matrix, program_is_two_sided)
