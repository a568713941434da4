"""Streamlit-aware helpers for programs: the store in use, the publish panel, program history as
the round's history. Logic lives in :mod:`matching.program`; this only renders and remembers."""

from __future__ import annotations

import dataclasses
import hashlib

import numpy as np
import pandas as pd
import streamlit as st

from matching.issues import InputError
from matching.program import Store, preview, publish, record_from_result, resolve_url, safe_url

from .common import plain

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


def round_assignments(result, extra: dict) -> pd.DataFrame:
    """The round's assignments; in a program's round also its paused people (unmatched, with the reason)."""
    from matching.program.roster import with_paused

    ctx = extra.get("program")
    return result.assignments if ctx is None else with_paused(result.assignments, ctx.paused)


def publish_panel(result, extra: dict | None = None) -> None:
    """Export screen: publish the round shown to a program, with a preview of what will be written.
    A round paired as a round of that program records who was the odd one out and who was paused."""
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
        ctx, done = (extra or {}).get("program"), (extra or {}).get("program_round")
        if ctx is not None and done is not None and ctx.program == program:
            record = record_from_result(result, done.third, ctx.paused)
        else:
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


PROGRAM_KEY = "program_round"   # session state: the program whose history, roster and rotation the round uses


def use_program(program: str) -> None:
    """Pair the next rounds as rounds of ``program`` (history, rotation, pauses, carry-over)."""
    st.session_state[PROGRAM_KEY] = program


def stop_program() -> None:
    st.session_state[PROGRAM_KEY] = None


def program_in_use() -> str | None:
    return st.session_state.get(PROGRAM_KEY) or None


def _context_key(ctx) -> str:
    """Content hash of everything the program adds to the round (participants, history, rotation)."""
    h = hashlib.sha256(ctx.program.encode())
    for table in (ctx.participants, ctx.history, ctx.paused[["id"]]):
        h.update(table.to_csv(index=False).encode())
    for arr in (ctx.sit_outs, ctx.sat_out_last, ctx.weak):
        h.update(np.asarray(arr, dtype=np.int64).tobytes())
    return h.hexdigest()[:16]


def apply_program(loaded):
    """``loaded`` as a round of the program in use: its roster (paused out, registered people carried
    in) and its history instead of the history file; ``loaded.program`` holds the context for the
    rotation. Unchanged when no program is in use or the store cannot be read (the reason is shown)."""
    from matching.program import prepare_round
    from matching.program.store import plain_errors

    name = program_in_use()
    s = store() if name else None
    if s is None:
        return loaded
    try:
        with plain_errors(s.url):
            ctx = prepare_round(s, name, loaded.survey.participants)
    except InputError as err:
        st.error(" ".join(f"{i.message} {i.fix}".strip() for i in err.issues) + " The round is paired without it.")
        return loaded
    key = _context_key(ctx)
    survey = dataclasses.replace(loaded.survey, participants=ctx.participants)
    return dataclasses.replace(loaded, survey=survey, survey_key=f"{loaded.survey_key}:program:{key}",
                               history=ctx.history, history_key=f"program:{key}", program=ctx)


@st.cache_resource(show_spinner=False, max_entries=16, ttl=3600)
def cached_program_round(survey_key: str, kind: str, settings_json: str, history_key: str,
                         _ctx, _vectors, _signals, _issues=()):
    """:func:`matching.program.solve_program_round` memoised like ``ui.data.cached_round``."""
    from matching.program import solve_program_round
    from matching.settings import Settings

    done = solve_program_round(_ctx, _vectors, Settings.from_json(settings_json), signals=_signals)
    done.result.issues[:0] = list(_issues)   # the embedder's fallback first, as in a plain round
    return dataclasses.replace(done, result=done.result.slim())  # no N x N matrix kept per slider position


def program_note(loaded) -> None:
    """One line naming the program whose history and rotation the round uses; who is paused and why."""
    ctx = getattr(loaded, "program", None)
    if ctx is None:
        return
    st.info(f"Round {ctx.next_round} of program '{plain(ctx.program)}': its {len(ctx.history)} earlier meetings, "
            f"rotation (whoever sat out last is first in line), pauses ({len(ctx.paused)}) and registered "
            f"people carried over ({len(ctx.carried)}) apply; the history file is not used. "
            "Change it on the **History** screen.", icon=":material/history:")
    if len(ctx.paused):
        with st.expander(f"Paused or opted out ({len(ctx.paused)}) — not matched this round"):
            st.dataframe(ctx.paused[["name", "reason"]], hide_index=True, width="stretch", key="program_paused")
