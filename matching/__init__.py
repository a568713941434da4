"""Pairwise matching engine: survey in, fair explainable pairing out.

This package never imports streamlit; every value arrives as an argument. The public API is
re-exported here and imported on first use, so ``import matching`` stays fast (no pandas, torch or
solver import until a name is used)::

    import matching
    result = matching.pair_survey("survey.csv", matching.Settings(embedder="tfidf"))
    result.assignments.to_csv("pairs.csv", index=False)

    participants, signals, score = matching.score_survey("survey.csv")   # scores, no pairing
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

# public name -> module that defines it
_API = {
    "Settings": "matching.settings",
    "Issue": "matching.issues",
    "InputError": "matching.issues",
    "load_survey": "matching.intake.survey",
    "load_history": "matching.intake.history",
    "Embedder": "matching.scoring.embedder",
    "SignalSet": "matching.scoring.combine",
    "compute_signals": "matching.scoring.combine",
    "combine": "matching.scoring.combine",
    "embed_participants": "matching.scoring.text",
    "solve_pairs": "matching.solve",
    "run_round": "matching.round",
    "RoundResult": "matching.round",
    "pair_survey": "matching.round",
    "score_survey": "matching.round",
    "round_metrics": "matching.metrics",
}

__all__ = sorted(_API)


def __getattr__(name: str):
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'matching' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_API))
