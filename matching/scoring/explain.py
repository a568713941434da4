"""Why a pair was matched: each signal's contribution (the numbers) and reasons in words (the evidence)."""

from __future__ import annotations

from typing import Mapping

import numpy as np

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


# ---- reasons in words ----------------------------------------------------------------------------
_QUOTE_CHARS = 70


def _clip(text: str, limit: int = _QUOTE_CHARS) -> str:
    """Shorten at a word boundary with an ellipsis."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",.;:") + "…"


def _q(text: str) -> str:
    return f"\u201c{_clip(text)}\u201d"


def _join(items: list[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _header(column: str, limit: int = 40) -> str:
    return f"\u2018{_clip(column.strip(), limit)}\u2019"


class Explainer:
    """Reasons a person reads in one breath, from the evidence in two people's answers.

    Built once per round; :meth:`words` gives the reasons for one pair (shared tags, the closest
    phrases of their texts, what one asked for and what in the other's profile answers it, shared
    daytime hours, the role relation, experience, the form's own columns), ordered by how much each
    signal contributed to the pair's score. :meth:`detail` keeps the numbers for a detail view.

    Parameters
    ----------
    participants : DataFrame
        The round's participants (row order = signal indices).
    signals : SignalSet
    weights : mapping
        The round's weights (column-signal defaults are filled in).
    settings : Settings, optional
        For the role mode, experience sweet spot and the form columns used as text.
    """

    def __init__(self, participants, signals: SignalSet, weights: Mapping[str, float], settings=None):
        from .text import text_fields

        self.participants = participants
        self.signals = signals
        self.weights = full_weights(signals, weights)
        self.settings = settings
        texts = text_fields(participants, settings)
        # Phrases come from what people wrote in sentences (summary, and form columns added to the
        # profile); their skill and interest lists are already the shared tags.
        summary = text_fields(participants[[c for c in ("summary",) if c in participants]], settings)["profile"]
        self._texts = {"profile": summary, "wants": texts["wants"]}
        names = participants["name"].astype(str).tolist() if "name" in participants else [""] * len(participants)
        self.names = names
        self.first = [n.split()[0] if n.split() else "they" for n in names]
        from ..metrics import role_labels

        self.roles = role_labels(participants)
        import pandas as pd

        years = participants["years_experience"] if "years_experience" in participants else pd.Series([np.nan] * len(participants))
        self.years = pd.to_numeric(years, errors="coerce").to_numpy(float)
        self._columns: dict[str, tuple] = {}  # header -> (cells, profile), read once per round

    def _phr(self, field: str, i: int) -> tuple:
        from .concepts import phrase_list

        return phrase_list(self._texts[field][i])

    def _who(self, i: int, j: int) -> tuple[str, str]:
        """How to call the two people: first names, or full names when their first names are the same."""
        if self.first[i].casefold() == self.first[j].casefold():
            return self.names[i] or "one", self.names[j] or "the other"
        return self.first[i], self.first[j]

    def detail(self, i: int, j: int) -> str:
        """The numbers: each signal's contribution to the pair's score (as in the detail view)."""
        return explanation_text(explain_pair(self.signals, self.weights, i, j))

    def words(self, i: int, j: int, top: int = 3, expl: dict | None = None) -> str:
        """Up to ``top`` reasons for pair (i, j) in plain words, strongest signal first.

        ``expl`` is the pair's :func:`explain_pair` result when the caller already has it.
        """
        expl = expl if expl is not None else explain_pair(self.signals, self.weights, i, j)
        ranked = sorted(expl["contributions"].items(), key=lambda kv: -kv[1])
        reasons = []
        for name, _ in ranked:
            reason = self._reason(name, i, j, expl)
            if reason and reason not in reasons:
                reasons.append(reason)
            if len(reasons) == top:
                break
        if not reasons:
            return "A good all-round fit; no single answer stands out."
        text = "; ".join(reasons)
        return text[0].upper() + text[1:] + "."

    def _reason(self, name: str, i: int, j: int, expl: dict) -> str | None:
        handler = {"skills_overlap": self._tags, "profile": self._profile, "wants": self._wants,
                   "location": self._hours, "role": self._role, "experience": self._experience}.get(name)
        if handler is not None:
            return handler(i, j, expl)
        if name in self.signals.column_weights:  # a column of the organizer's form
            return self._column(name, i, j)
        return None

    def _tags(self, i, j, expl) -> str | None:
        shared = expl["shared_tags"]
        return f"both listed {_join(shared[:3])}" if shared else None

    def _profile(self, i, j, expl) -> str | None:
        from .concepts import closest

        best = closest(self._phr("profile", i), self._phr("profile", j))
        if best is None:
            return None
        a, b, _ = best
        who = self._who(i, j)
        common = sorted(a.concepts & b.concepts)
        if a.text.casefold() == b.text.casefold():
            return f"both wrote {_q(a.text)}"
        if common:
            return f"both mention {common[0]}: {who[0]} {_q(a.text)}, {who[1]} {_q(b.text)}"
        return f"similar lines: {who[0]} {_q(a.text)}, {who[1]} {_q(b.text)}"

    def _wants(self, i, j, expl) -> str | None:
        from .concepts import closest

        found = []
        for asker, other in ((i, j), (j, i)):
            best = closest(self._phr("wants", asker), self._phr("profile", other))
            if best is not None:
                found.append((best[2], asker, other, best))
        if not found:
            return None
        _, asker, other, (want, answer, _) = max(found, key=lambda f: f[0])
        who = dict(zip((i, j), self._who(i, j)))
        return f"{who[asker]} asked for {_q(want.text)} and {who[other]} wrote {_q(answer.text)}"

    def _hours(self, i, j, expl) -> str | None:
        offsets = self.signals.offsets
        if offsets is None or np.isnan(offsets[i]) or np.isnan(offsets[j]):
            return None
        hours = float(sig.shared_daytime_hours(np.array([offsets[i], offsets[j]]))[0, 1])
        if hours >= 11.5:
            return "same time zone"
        if hours < 1:
            return None
        return f"{hours:.0f} shared daytime hours"

    def _role(self, i, j, expl) -> str | None:
        from ..intake.taxonomy import SIMILAR_ROLE_THRESHOLD

        ra, rb = self.roles[i], self.roles[j]
        if "Other" in (ra, rb):
            return None
        if ra.casefold() == rb.casefold():
            return f"same role ({ra})"
        value = expl["values"].get("role", 0.0)
        mode = getattr(self.settings, "role_mode", "peer")
        if mode == "complement" and value >= SIMILAR_ROLE_THRESHOLD:
            return f"complementary roles ({ra} and {rb})"
        if value >= SIMILAR_ROLE_THRESHOLD:
            return f"related roles ({ra} and {rb})"
        return None

    def _experience(self, i, j, expl) -> str | None:
        a, b = self.years[i], self.years[j]
        if np.isnan(a) or np.isnan(b):
            return None
        sweet = float(getattr(self.settings, "experience_sweet_spot", 0.0) or 0.0)
        if sweet <= 0 and abs(a - b) <= 2:
            return f"similar experience ({a:g} and {b:g} years)"
        if sweet > 0 and abs(abs(a - b) - sweet) <= 2:
            return f"{abs(a - b):g} years of experience apart, as wanted"
        return None

    def _column(self, column: str, i: int, j: int) -> str | None:
        from .columns import answer_sets, _cells, _profile

        if column not in self.participants:
            return None
        if column not in self._columns:
            cells = _cells(self.participants, column)
            self._columns[column] = (cells, _profile(cells))
        cells, prof = self._columns[column]
        a, b = cells[i], cells[j]
        if not a or not b:
            return None
        use = (self.settings.column_signals or {}).get(column) if self.settings is not None else None
        if prof.kind == "multi_choice" or use == "tags":
            sb = answer_sets([b], prof)[0]
            shared = [o for o in prof.split(a) if o.casefold() in sb]
            return f"both chose {_join(shared[:3])} for {_header(column)}" if shared else None
        if a.casefold() == b.casefold():
            return f"same answer to {_header(column)} ({_clip(a, 40)})"
        return f"close answers to {_header(column)} ({_clip(a, 30)} / {_clip(b, 30)})"
