"""Whether HiGHS (highspy) is available: the LP pricing and the ILP use it when it is.

Read ``HAVE_HIGHS`` as ``highs.HAVE_HIGHS`` at call time (not ``from .highs import HAVE_HIGHS``), so a
test can switch the scipy fallback on for the whole package with one monkeypatch.
"""

from __future__ import annotations

try:  # pulp.HiGHS needs highspy; never import ortools in the same process (their HiGHS builds clash).
    import highspy

    HAVE_HIGHS = True
except ImportError:  # pragma: no cover - highspy is pinned in requirements.txt
    highspy = None
    HAVE_HIGHS = False
