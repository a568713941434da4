"""Why a pair was matched: each signal's contribution, and a line of text for organizers."""

from __future__ import annotations

from typing import Mapping

from . import signals as sig
from .combine import SignalSet, full_weights


def explain_pair(signals: SignalSet, weights: Mapping[str, float], i: int, j: int) -> dict:
    """Each signal's contribution to the pair's score (they add up to the score) and shared tags."""
    weights = full_weights(signals, weights)
    used = {s: w for s, w in weights.items() if w > 0 and signals.available[s][i, j]}
    total_w = sum(used.values())
    contributions = {s: (w * float(signals.matrices[s][i, j]) / total_w if total_w else 0.0) for s, w in used.items()}
    return {
        "score": sum(contributions.values()),
        "contributions": contributions,
        "values": {s: float(signals.matrices[s][i, j]) for s in signals.matrices},
        "skipped": sorted(s for s, w in weights.items() if w > 0 and s not in used),
        "shared_tags": sig.shared_tags(signals.tags[i], signals.tags[j]),
    }


SIGNAL_LABELS = {"profile": "similar profiles", "wants": "fits what they asked for", "role": "role fit",
                 "experience": "experience fit", "location": "time zones", "skills_overlap": "shared skills",
                 # optional signals learned from feedback (matching.learn)
                 "learned": "learned from feedback", "ppr": "close in the network of good meetings",
                 "cf": "liked by people with similar tastes"}


def signal_label(name: str) -> str:
    """Words for a signal: the built-in label, or the form column's header in quotes."""
    return SIGNAL_LABELS.get(name) or f"answers to '{str(name).strip()[:60]}'"


def explanation_text(expl: dict, top: int = 3) -> str:
    """One line for organizers, e.g. 'fits what they asked for 0.21, similar profiles 0.18; shared: python, mlops'."""
    parts = sorted(expl["contributions"].items(), key=lambda kv: -kv[1])[:top]
    text = ", ".join(f"{signal_label(s)} {v:.2f}" for s, v in parts)
    if expl["shared_tags"]:
        text += "; shared: " + ", ".join(expl["shared_tags"][:5])
    return text
