"""The shared sidebar: every setting as a keyed widget, the share link, settings JSON in and out."""

from __future__ import annotations

import streamlit as st

from matching.scoring import SIGNAL_LABELS
from matching.settings import CHOICES, SIGNAL_DESCRIPTIONS, SIGNALS, Settings

from . import columns, learn, session
from .common import plain


def _load_settings_file() -> None:
    up = st.session_state.get("settings_file")
    if up is None:
        return
    settings, errors = session.settings_from_file(up.getvalue())
    st.session_state.settings_file_error = errors or None
    if settings is not None:
        session.put_settings(settings)


def _reset() -> None:
    session.put_settings(Settings())


def _formats(sb, k) -> None:
    """Group size for peer rounds; load, minimum, capacity, stability and preferences for mentoring."""
    sb.header("Format")
    sb.radio("Group size (peer rounds)", [2, 3, 4], key=k("group_size"), horizontal=True,
             format_func=lambda v: {2: "Pairs", 3: "Groups of 3", 4: "Groups of 4"}[v],
             help="Groups of 3 or 4 (a few one larger or smaller when the count does not divide); nobody left out.")
    with sb.expander("Mentoring options"):
        st.slider("Spread the load", 0.0, 1.0, step=0.05, key=k("mentor_spread"),
                  help="0 = most total fit. 1 = every mentor gets someone before anyone gets a second mentee.")
        c1, c2 = st.columns(2)
        c1.number_input("Minimum per mentor", 0, 20, step=1, key=k("mentor_min"),
                        help="Enforced when the rules and places allow it for every mentor at once.")
        c2.number_input("Default capacity", 0, 50, step=1, key=k("mentor_capacity"),
                        help="Mentees for a mentor whose capacity answer is blank (0 = use the form, else 1).")
        st.radio("Assignment", CHOICES["mentor_method"], key=k("mentor_method"), horizontal=True,
                 format_func=lambda v: {"max_weight": "Most fit", "stable": "Stable"}[v],
                 help="Stable: no mentee and mentor would both rather be together (mentee-optimal).")
        st.radio("Preferred mentors column", CHOICES["preferred_mode"], key=k("preferred_mode"), horizontal=True,
                 format_func=lambda v: {"off": "Ignore", "bonus": "Bonus", "hard": "Only those"}[v],
                 help="A form column naming preferred mentors: a bonus, or a hard choice for who named anyone.")


def render() -> Settings:
    """Draw the sidebar and return the settings it describes (validated)."""
    sb = st.sidebar
    k = session.wkey
    sb.header("Signal weights")
    sb.caption("How much each signal counts in a pair's match score (weights are normalised).")
    for s in SIGNALS:
        sb.slider(SIGNAL_LABELS[s].capitalize(), 0.0, 1.0, step=0.05, key=k(s), help=SIGNAL_DESCRIPTIONS[s])
    for s in learn.active_signals():  # switched on from the Learn screen
        sb.slider(SIGNAL_LABELS[s].capitalize(), 0.0, 1.0, step=0.05, key=k(s), help=learn.description(s))
    columns.render_weight_sliders(sb, session.load_source())  # the form's own columns used as signals

    sb.header("Fairness levers")
    sb.slider("Minimum match score", 0.0, 1.0, step=0.01, key=k("min_score"),
              help="No pair below this score is made; people with no partner above it are listed as unmatched.")
    sb.slider("Protect the worst-off pair (λ)", 0.0, 2.0, step=0.05, key=k("fairness"),
              help="Maximise total + λ × (number of pairs) × (lowest pair score). 0 = best total only.")
    sb.slider("Career-stage mixing", -1.0, 1.0, step=0.1, key=k("stage_mixing"),
              help="Positive: prefer pairs across career stages. Negative: prefer the same stage.")
    c1, c2 = sb.columns(2)
    c1.number_input("No repeats within rounds", 0, 50, step=1, key=k("repeat_rounds"),
                    help="Never pair people who met in the last R rounds (needs a history file).")
    c2.slider("Older repeat penalty", 0.0, 1.0, step=0.05, key=k("repeat_penalty"),
              help="Penalty for meeting again after the no-repeat window; halves every further round.")
    sb.slider("Protect after a weak match", 0.0, 1.0, step=0.05, key=k("protect_weak"),
              help="Programs: someone whose last match was in the bottom quarter of its round has their pairs "
                   "count this much more (0.5 = +50%). Applies when a program's history is used (History screen).")
    sb.slider("Popularity moderation", 0.0, 1.0, step=0.05, key=k("popularity"),
              help="Blend in a mutual-rank score so people who are everyone's top pick don't dictate the pairing.")
    sb.selectbox("'Similar role' requests", CHOICES["similar_role_mode"], key=k("similar_role_mode"),
                 format_func=lambda v: {"fallback": "Honour when possible, else closest role",
                                        "hard": "Always (may leave people unmatched)",
                                        "soft": "A bonus only"}[v],
                 help="People who asked for a partner with a similar role. The default honours every request "
                      "that can be met and pairs the rest with the closest role, saying so in the explanation.")
    sb.radio("Odd one out", CHOICES["odd"], key=k("odd"), horizontal=True,
             format_func=lambda v: {"triad": "Join a triad", "bye": "Sits out (bye)"}[v])
    c1, c2 = sb.columns(2)
    c1.number_input("Backups per person", 0, 2, step=1, key=k("n_backups"))
    c2.number_input("Max times as backup", 1, 20, step=1, key=k("backup_cap"),
                    help="So popular people are not everyone's fallback.")
    c1, c2 = sb.columns(2)
    c1.number_input("Candidates per person (k)", 3, 200, step=1, key=k("k"),
                    help="Each person's top-k partners form the solver's candidate graph; the gap shown is vs. all pairs.")
    c2.number_input("Seed", 0, 2**31 - 1, step=1, key=k("seed"), help="Breaks ties reproducibly.")

    _formats(sb, k)

    with sb.expander("Advanced"):
        st.selectbox("Reciprocity of 'wants'", CHOICES["reciprocity"], key=k("reciprocity"),
                     help="How the two directions of 'what I want' fit are combined.")
        st.selectbox("Role fit", CHOICES["role_mode"], key=k("role_mode"),
                     format_func=lambda v: {"peer": "Similar roles", "complement": "Complementary roles"}[v])
        st.slider("Experience gap sweet spot (years)", 0.0, 30.0, step=0.5, key=k("experience_sweet_spot"),
                  help="0 = peers; larger = mentor-like pairs.")
        st.slider("Experience tolerance (years)", 0.5, 20.0, step=0.5, key=k("experience_scale"))
        st.selectbox("Location signal", CHOICES["location_mode"], key=k("location_mode"),
                     format_func=lambda v: {"timezone": "Shared daytime (time zones)", "distance": "Distance",
                                            "both": "Both"}[v])
        st.slider("Distance scale (km)", 50.0, 20000.0, step=50.0, key=k("distance_scale_km"))
        st.selectbox("Program", CHOICES["program"], key=k("program"),
                     format_func=lambda v: {"auto": "Detect from survey", "peer": "Peer 1:1s",
                                            "mentoring": "Mentors ↔ mentees"}[v])
        st.selectbox("Text model", CHOICES["embedder"], key=k("embedder"),
                     format_func=lambda v: {"minilm": "all-MiniLM-L6-v2 (semantic)", "tfidf": "TF-IDF (fast, literal)"}[v])
        st.selectbox("Solver", CHOICES["solver"], key=k("solver"))
        st.number_input("Time limit (s)", 1.0, 600.0, step=5.0, key=k("time_limit"))
        st.number_input("Largest survey (participants)", 2, 1_000_000, step=500, key=k("max_participants"),
                        help="Larger files are refused before any N × N table is built, to keep the server safe.")

    settings, problems = session.current_settings()
    for p in problems:
        sb.error(plain(p.message + (f" {p.fix}" if p.fix else "")))

    sb.header("Share")
    session.sync_query_params(settings)
    sb.caption("Copy this link to reopen the dashboard with exactly these settings. "
               "It holds settings only — never participant data.")
    sb.code(session.share_url(settings), language=None, wrap_lines=True)
    c1, c2 = sb.columns(2)
    c1.download_button("Settings JSON", settings.to_json().encode(), "pairwise-settings.json",
                       "application/json", key="download_settings", width="stretch")
    c2.button("Reset", on_click=_reset, key="reset_settings", width="stretch", help="Back to the default settings.")
    sb.file_uploader("Load settings JSON", type=["json"], key="settings_file", on_change=_load_settings_file)
    for msg in st.session_state.get("settings_file_error") or []:
        sb.error(plain(msg))
    return settings
