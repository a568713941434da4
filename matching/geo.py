"""Compatibility shim: moved to :mod:`matching.intake.places`."""

from .intake.places import *  # noqa: F401,F403
from .intake.places import _Gazetteer, _normalize_many, _split, _timezone_finder  # noqa: F401
