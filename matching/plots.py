"""Moved to :mod:`matching.report.plots` (shim kept until the lead's import rewrite)."""

from .report.plots import *  # noqa: F401,F403
