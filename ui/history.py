"""Streamlit-aware helpers for programs: the store in use, the publish panel, program history as
the round's history. Logic lives in :mod:`matching.program`; this only renders and remembers."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from matching.issues import InputError
from matching.program import Store, preview, publish, record_from_result, resolve_url, safe_url

NEW = "➕ New program…"


@st.cache_resource(show_spinner=False)
def _open(url: str) -> Store:
    return Store(url).ready()


def store() -> Store | None:
    """The program database (``$PAIRWISE_DATABASE_URL`` or the file in the user's data folder), or
    None after showing why it cannot be opened."""
    url = resolve_url(st.session_state.get("program_db"))
    try:
        return _open(url)
    except InputError as err:
        for issue in err.issues:
            st.error(f"{issue.message} {issue.fix}".strip())
        return None


def where(s: Store) -> str:
    return safe_url(s.url)


def choose_program(s: Store, key: str, allow_new: bool) -> str | None:
    """A program picked from the store (or a new name typed in when ``allow_new``)."""
    names = s.programs()["name"].tolist()
    options = names + ([NEW] if allow_new else [])
    if not options:
        return None
    default = names.index(st.session_state["program"]) if st.session_state.get("program") in names else 0
    picked = st.selectbox("Program", options, index=default, key=key)
    if picked == NEW:
        picked = st.text_input("Name of the new program", key=f"{key}_new", placeholder="e.g. Coffee 2026").strip()
        if not picked:
            return None
        if picked in names:
            st.caption(f"'{picked}' already exists: the round will be added to it.")
    st.session_state["program"] = picked
    return picked


def _result_key(result, program: str) -> str:
    ids = result.participants["id"].astype(str).tolist()
    groups = sorted(tuple(sorted(ids[m] for m in g)) for g in result.solution.groups)
    return hashlib.sha256(repr((program, groups)).encode()).hexdigest()[:16]


def _repeats(s: Store, program: str, result) -> tuple[int, int]:
    """(pairs of this round who met before in the program, of those within the repeat window)."""
    from matching.program import prepare_round

    ctx = prepare_round(s, program, result.participants)
    if ctx.history.empty:
        return 0, 0
    latest = int(ctx.history["round"].max())
    last_met = {}
    for r, a, b in zip(ctx.history["round"], ctx.history["a"], ctx.history["b"]):
        key = frozenset((a, b))
        last_met[key] = max(last_met.get(key, 0), int(r))
    ids = result.participants["id"].astype(str).tolist()
    before = within = 0
    for g in result.solution.groups:
        for i, a in enumerate(g):
            for b in g[i + 1:]:
                r = last_met.get(frozenset((ids[a], ids[b])))
                if r is not None:
                    before += 1
                    within += latest - r + 1 <= result.settings.repeat_rounds
    return before, within


def publish_panel(result) -> None:
    """Export screen: publish the round shown to a program, with a preview of what will be written."""
    st.subheader("Publish this round")
    st.caption("Stores who met whom (and who sat out) as the next round of a program, so later rounds avoid "
               "repeats, rotate who sits out and carry registered people forward. Emails are stored only "
               "where the survey had them; no embeddings are stored.")
    s = store()
    if s is None:
        return
    program = choose_program(s, "publish_program", allow_new=True)
    if not program:
        st.info("Choose a program or type a name for a new one.")
        return
    try:
        record = record_from_result(result)
        ahead = preview(s, program, record)
        before, within = _repeats(s, program, result) if s.program_id(program) else (0, 0)
    except InputError as err:
        st.error(" ".join(i.message for i in err.issues))
        return
    st.write(f"{ahead.summary()} Database: {where(s)}.")
    if within:
        st.warning(f"{within} pair(s) of this round already met within the last {result.settings.repeat_rounds} "
                   f"rounds of '{program}'. Use the program's history on the History screen before pairing to avoid that.")
    elif before:
        st.caption(f"{before} pair(s) met in an older round of '{program}' (allowed: outside the repeat window).")
    if ahead.uncertain:
        with st.expander(f"{len(ahead.uncertain)} identity match(es) to confirm"):
            st.dataframe(pd.DataFrame([{"name": u.name, "note": u.note} for u in ahead.uncertain]), hide_index=True,
                         key="publish_uncertain")
    done = st.session_state.setdefault("published", {})
    key = _result_key(result, program)
    if key in done:
        st.success(f"This pairing is published as round {done[key]} of '{program}'.")
        return
    if st.button(f"Publish as round {ahead.round} of '{program}'", key="publish_round", type="primary"):
        try:
            report = publish(s, program, record)
        except InputError as err:
            st.error(" ".join(f"{i.message} {i.fix}" for i in err.issues))
            return
        done[key] = report.round
        st.success(report.summary())


def use_program_history(s: Store, program: str, participants: pd.DataFrame) -> int:
    """Make the program's earlier meetings the history of the round on Tune & pair; returns meetings used."""
    from matching.program import prepare_round

    ctx = prepare_round(s, program, participants)
    table = ctx.history.rename(columns={"a": "id_a", "b": "id_b"})
    st.session_state.history_upload = {"bytes": table.to_csv(index=False).encode("utf-8"),
                                       "name": f"program '{program}' ({len(table)} meetings)"}
    return len(table)
