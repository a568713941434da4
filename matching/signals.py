"""Moved to :mod:`matching.scoring.signals` (shim kept until the lead's import rewrite)."""

from .scoring.signals import *  # noqa: F401,F403
from .scoring.signals import _ALIASES, _finish, _neutral_fill  # noqa: F401
