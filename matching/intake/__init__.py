"""Intake: bytes -> table, header + values -> fields, normalisers, places and the role taxonomy.

Modules, in pipeline order: :mod:`.read` (bytes -> table of strings), :mod:`.mapping` (header +
values -> canonical fields), :mod:`.normalise` (roles, stages, booleans, dates, capacity, places),
:mod:`.survey` (``load_survey`` orchestration and the ``Survey`` result), :mod:`.history`
(``load_history``); :mod:`.places` and :mod:`.taxonomy` are the offline gazetteer and role data.
"""

from .fields import AUX_FIELDS, CANONICAL_FIELDS, DROPPED_COLUMNS, PARTICIPANT_COLUMNS, PII_FIELDS, TEXT_FIELDS
from .history import load_history
from .mapping import auto_map, normalize_header
from .normalise import map_career_stage, map_role, parse_datetimes
from .profile import ColumnProfile, ColumnSuggestion, column_kind, profile_columns
from .read import DEFAULT_MAX_BYTES, read_frame, read_table
from .mapping import FieldInfo, map_columns
from .survey import DEFAULT_MAX_PARTICIPANTS, Survey, describe_program, load_survey

__all__ = [
    "AUX_FIELDS", "CANONICAL_FIELDS", "DEFAULT_MAX_PARTICIPANTS", "ColumnProfile", "ColumnSuggestion", "column_kind", "profile_columns", "DEFAULT_MAX_BYTES", "DROPPED_COLUMNS", "PARTICIPANT_COLUMNS", "PII_FIELDS",
    "TEXT_FIELDS", "FieldInfo", "Survey", "describe_program", "map_columns", "auto_map", "load_history", "load_survey", "map_career_stage", "map_role",
    "normalize_header", "parse_datetimes", "read_frame", "read_table",
]
