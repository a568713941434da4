"""Compatibility shim: moved to :mod:`matching.intake.taxonomy`."""

from .intake.taxonomy import *  # noqa: F401,F403
from .intake.taxonomy import (  # noqa: F401
    CAREER_STAGES,
    COMPLEMENT_AFFINITY,
    PEER_AFFINITY,
    ROLES,
    SIMILAR_ROLE_THRESHOLD,
    UNKNOWN_STAGE,
    affinity_table,
    similar_roles,
)
