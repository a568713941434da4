"""Moved to :mod:`matching.report.export` (shim kept until the lead's import rewrite)."""

from .report.export import *  # noqa: F401,F403
from .report.export import _clip, _first  # noqa: F401
