"""Compatibility shim: the survey reader moved to :mod:`matching.intake` (read, mapping,
normalise, survey, history). Import from there; this module goes away after the reorganisation."""

from .intake import *  # noqa: F401,F403
from .intake.fields import FIELD_LABELS as _FIELD_LABELS  # noqa: F401
from .intake.mapping import _apply_mapping  # noqa: F401
from .intake.messages import quote as _quote, show as _show  # noqa: F401
from .intake.normalise import (  # noqa: F401
    EMAIL_RE as _EMAIL,
    _capacity,
    _checkbox,
    _float_cell,
    _norm,
    _side,
    _similar_role,
    _years_from_text,
)
from .intake.read import _read_table  # noqa: F401
