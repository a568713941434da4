"""Suggestions screen helpers: its four settings as widgets, and the cached computation."""

from __future__ import annotations

import streamlit as st

from matching.settings import Settings
from matching.suggest import Suggestions, suggest

from . import session

# Page-local widget keys -> the setting each one edits. The page's widgets are removed when another
# page shows, so their values are copied into the settings' own session keys on every change.
CONTROLS = {"sugg_k": "suggest_k", "sugg_threshold": "suggest_threshold",
            "sugg_diversity": "suggest_diversity", "sugg_exposure": "suggest_exposure"}


def _sync() -> None:
    ss = st.session_state
    for key, name in CONTROLS.items():
        if key in ss:
            ss[session.wkey(name)] = ss[key]


def controls(settings: Settings) -> Settings:
    """Draw the suggestion settings (initialised from ``settings``); return settings with their values."""
    ss = st.session_state
    for key, name in CONTROLS.items():
        if key not in ss:
            ss[key] = getattr(settings, name)
    c = st.columns(4)
    c[0].number_input("Suggestions per person", 1, 50, step=1, key="sugg_k", on_change=_sync,
                      help="How many people each participant sees in their list.")
    c[1].slider("Both must clear", 0.0, 1.0, step=0.01, key="sugg_threshold", on_change=_sync,
                help="Reciprocity: a person is suggested only if the match score clears this both ways "
                     "(each side's 'what I want' read separately).")
    c[2].slider("Diversity", 0.0, 1.0, step=0.05, key="sugg_diversity", on_change=_sync,
                help="0 = plain best matches; higher = each list covers different kinds of people "
                     "(maximal marginal relevance).")
    c[3].slider("Exposure cap (× k)", 1.0, 20.0, step=0.5, key="sugg_exposure", on_change=_sync,
                help="Nobody appears in more than this many times k lists, so popular profiles do not fill "
                     "everyone's list.")
    return settings.replace(**{name: ss[key] for key, name in CONTROLS.items()})


@st.cache_data(show_spinner=False, max_entries=8, ttl=3600)
def cached_suggestions(survey_key: str, kind: str, settings_json: str, history_key: str,
                       _participants, _vectors, _history) -> Suggestions:
    """Suggestions for one survey, keyed by content hashes and the settings (small: N x k)."""
    return suggest(_participants, _vectors, Settings.from_json(settings_json), _history)


def compute(loaded, settings: Settings, extra: dict) -> Suggestions:
    """The suggestions for the page's survey, embeddings and history."""
    return cached_suggestions(loaded.survey_key, extra["embedder"], settings.to_json(), loaded.history_key,
                              loaded.survey.participants, extra["vectors"], loaded.history)
