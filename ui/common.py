"""Bits every page shares: load the data, compute the round, say plainly what went wrong."""

from __future__ import annotations

import streamlit as st

from matching.issues import has_fatal

from . import session


def source_banner(loaded) -> None:
    """Which data the page shows; the bundled sample is called demo data so nobody mistakes it for theirs."""
    n = len(loaded.survey.participants)
    if st.session_state.get("source", {}).get("kind") == "sample":
        st.info(f"**Demo data**: {plain(loaded.source_label)} — {n} made-up participants. "
                "Upload your own survey on the **Upload & map** page.", icon=":material/science:")
    else:
        st.caption(f"Data: {plain(loaded.source_label)} — {n} participants. Change it on the **Upload & map** page.")


def issue_text(issue) -> str:
    """An issue in plain words for the page: where (row, column) and what to do; no severity prefix."""
    where = []
    if issue.row is not None:
        where.append(f"row {issue.row}")
    if issue.column:
        where.append(f"column '{str(issue.column).strip()}'")
    loc = (", ".join(where).capitalize() + ": ") if where else ""
    return loc + issue.message + (f" {issue.fix}" if issue.fix else "")


def open_page(title: str, *, need_feasible: str | None = None):
    """Title, data banner and the current round; stops the page with ``need_feasible`` as the error
    when the rules make pairing impossible (pages that can show the diagnosis pass None)."""
    st.title(title)
    loaded, result, extra = require_round()
    source_banner(loaded)
    if need_feasible and not result.feasible:
        st.error(need_feasible + " The current rules make pairing impossible; see **Tune & pair**.")
        st.stop()
    return loaded, result, extra


def require_round():
    """Return (loaded, result, extra) for the current data and settings, or stop the page with a message."""
    ss = st.session_state
    for issue in ss.get("link_issues") or []:
        st.warning(plain(issue.message))
    loaded = session.load_source()
    if loaded is None:
        st.info("This link refers to an uploaded file, which is never stored or sent in a link; upload it again "
                "on the **Upload & map** page to see the pairing with the shared settings and decisions.")
        st.page_link("app_pages/upload.py", label="Go to Upload & map", icon=":material/upload_file:")
        st.stop()
    if has_fatal(loaded.survey.issues):
        st.error("This survey cannot be paired yet. Fix the problems listed on the **Upload & map** page.")
        st.page_link("app_pages/upload.py", label="Go to Upload & map", icon=":material/upload_file:")
        st.stop()
    from .history import apply_program, program_note  # not at the top: ui.history imports this module

    loaded = apply_program(loaded)  # the program chosen on the History screen: roster, history, rotation
    program_note(loaded)
    slot = st.empty()
    result, extra = session.compute_round(loaded, ss.settings, progress_slot=slot)
    slot.empty()
    result = session.stable_result(result, loaded.survey_key)
    # The round's own issues (model fallback, solver stopped early, rule notes) show on every page.
    for issue in result.issues:
        st.warning(plain(issue.message + (f" {issue.fix}" if issue.fix else "")))
    return loaded, result, extra


_MD_SPECIAL = "\\`*_{}[]()#+-.!|<>~$"


def plain(text: str) -> str:
    """Escape Markdown/HTML so participant-derived text is shown as typed, never rendered."""
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in str(text))


def done_marker(page: str) -> None:
    """The page's own 'done' marker as its last element: ``#<page>-done`` whose ``data-run`` counts the
    page's finished renders in this session. The browser benchmark and tests wait for it, not for
    Streamlit's status widget (which does not reliably appear)."""
    key = f"{page}_renders"
    st.session_state[key] = st.session_state.get(key, 0) + 1
    st.markdown(f'<div id="{page}-done" data-run="{st.session_state[key]}"></div>', unsafe_allow_html=True)
