"""Learn screen state: the feedback in use, the report, and the learn signals switched on.

Session keys (initialised on first use):
- ``learn_feedback``: ``{"df", "issues", "label", "digest"}`` of the parsed feedback, or None.
- ``learn_report``: the last :class:`~matching.learn.LearnReport`.
- ``learn_model``: the model used as the ``learned`` signal (None = off).
- ``learn_history``: history signals switched on (subset of ``("ppr", "cf")``).
The sidebar draws a weight slider for each active learn signal; the round adds their matrices.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import streamlit as st

from matching.learn import LabelRule, learn, ranking_report, read_feedback, with_learn_signals
from matching.learn.history_signals import HISTORY_DESCRIPTIONS
from matching.learn.apply import LEARNED_DESCRIPTION
from matching.settings import LEARN_SIGNALS

HISTORY_DEFAULT_WEIGHT = 0.15


def _ss():
    ss = st.session_state
    for key, value in (("learn_feedback", None), ("learn_report", None), ("learn_model", None), ("learn_history", ())):
        ss.setdefault(key, value)
    return ss


def active_signals() -> list[str]:
    """The learn signals switched on in this session, in a fixed order."""
    ss = _ss()
    out = ["learned"] if ss.learn_model is not None else []
    if ss.learn_feedback is not None:
        out += [k for k in ("ppr", "cf") if k in ss.learn_history]
    return out


def description(name: str) -> str:
    return LEARNED_DESCRIPTION if name == "learned" else HISTORY_DESCRIPTIONS[name]


def signal_key() -> str:
    """Part of the round's cache key: which model and which feedback the learn signals come from."""
    ss = _ss()
    active = active_signals()
    if not active:
        return ""
    model = ss.learn_model
    parts = [",".join(active), model.fingerprint + str(id(model)) if model is not None else "",
             (ss.learn_feedback or {}).get("digest", "")]
    return ":learn:" + hashlib.sha256("|".join(parts).encode()).hexdigest()[:12]


def extend_signals(signals, participants: pd.DataFrame, survey_key: str):
    """The survey's signals plus the active learn signals (memoised per session)."""
    ss = _ss()
    active = active_signals()
    if not active:
        return signals
    key = (survey_key, id(signals), signal_key())
    memo = ss.get("_learn_signals")
    if memo is not None and memo[0] == key:
        return memo[1]
    fb = ss.learn_feedback
    history = tuple(k for k in active if k != "learned")
    extended = with_learn_signals(signals, participants, model=ss.learn_model if "learned" in active else None,
                                  feedback=fb["df"] if history else None, labels=fb["label"] if history else None,
                                  history_kinds=history)
    ss["_learn_signals"] = (key, extended)
    return extended


def set_feedback(df: pd.DataFrame, issues: list, rule: LabelRule, digest: str) -> None:
    ss = _ss()
    ss.learn_feedback = {"df": df, "issues": issues, "label": rule.label(df), "digest": digest, "rule": rule}
    ss.learn_report = None


def load_upload(uploaded, participants: pd.DataFrame, rule: LabelRule) -> None:
    """Parse an uploaded feedback file (CSV/XLSX) against the survey and keep it in the session."""
    data = uploaded.getvalue()
    digest = hashlib.sha256(data).hexdigest()
    current = _ss().learn_feedback
    if current is not None and current["digest"] == digest and current["rule"] == rule:
        return
    df, issues = read_feedback(data, participants, filename=uploaded.name)
    set_feedback(df, issues, rule, digest)


def load_simulated(participants: pd.DataFrame, rule: LabelRule, rounds: int = 6, seed: int = 0) -> None:
    """Simulated feedback for the current survey (a demo with a planted preference; not real answers)."""
    from matching.learn.synthetic import synthetic_feedback

    df, _ = synthetic_feedback(participants, rounds, np.random.default_rng(seed))
    set_feedback(df, [], rule, f"simulated-{len(participants)}-{rounds}-{seed}")


def load_program(store, program: str, participants: pd.DataFrame, rule: LabelRule) -> None:
    """The feedback a program's store holds, its people matched to the current survey."""
    from matching.learn import from_program

    df, issues = from_program(store, program, participants)
    content = pd.util.hash_pandas_object(df.astype(str), index=False).to_numpy().tobytes()
    set_feedback(df, issues, rule, f"program-{hashlib.sha256(content).hexdigest()[:16]}")


def save_to_program(store, program: str, participants: pd.DataFrame):
    """Write the session's feedback into a program's store; returns (rows written, issues)."""
    from matching.issues import InputError
    from matching.learn.feedback import to_program

    try:
        return to_program(store, program, _ss().learn_feedback["df"], participants)
    except InputError as err:
        return 0, err.issues


@st.cache_resource(show_spinner=False, max_entries=8, ttl=3600)
def _cached_learn(key: str, _feedback, _participants, _signals, weights_json: str, min_rating: float, require_met: bool):
    import json

    weights = json.loads(weights_json)
    rule = LabelRule(min_rating=min_rating, require_met=require_met)
    report = learn(_feedback, _participants, _signals, weights, rule)
    ranking = ranking_report(_feedback, rule.label(_feedback), _participants, _signals, weights) if report.ok else None
    return report, ranking


def run(participants: pd.DataFrame, signals, settings, survey_key: str):
    """Learn from the session's feedback (cached by feedback, survey and weights); returns (report, ranking)."""
    import json

    fb = _ss().learn_feedback
    rule = fb["rule"]
    weights = {k: v for k, v in settings.weights.items() if k in signals.matrices and k not in LEARN_SIGNALS}
    weights_json = json.dumps(weights, sort_keys=True)
    key = f"{survey_key}|{fb['digest']}|{weights_json}|{rule.min_rating}|{rule.require_met}"
    return _cached_learn(key, fb["df"], participants, signals, weights_json, rule.min_rating, rule.require_met)


# --- callbacks (run before the next script run, so they may move the sidebar's widgets) -----------
def apply_weights(suggested: dict[str, float]) -> None:
    """Move the weight sliders to the suggested weights."""
    from . import session

    for name, value in suggested.items():
        st.session_state[session.wkey(name)] = float(value)


def use_model(model) -> None:
    ss = _ss()
    from . import session

    ss.learn_model = model
    ss[session.wkey("learned")] = float(model.learned_weight) if model.learned_weight > 0 else 0.25


def stop_model() -> None:
    _ss().learn_model = None


def toggle_history(kind: str) -> None:
    """Switch a history signal on or off (its toggle widget holds the new state)."""
    from . import session

    ss = _ss()
    on = bool(ss.get(f"learn_use_{kind}"))
    current = set(ss.learn_history)
    if on:
        current.add(kind)
        ss[session.wkey(kind)] = ss.get(session.wkey(kind)) or HISTORY_DEFAULT_WEIGHT
    else:
        current.discard(kind)
    ss.learn_history = tuple(k for k in ("ppr", "cf") if k in current)
