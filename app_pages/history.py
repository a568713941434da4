"""History: a program's rounds, who met whom, repeats, distinct partners, sit-outs, pauses; import and backup."""

import re
from datetime import date, timedelta

import streamlit as st

from matching.issues import InputError
from matching.program.backup import export_program
from matching.program.feedback import import_feedback
from matching.program.figures import network_figure, partners_figure, sit_out_figure
from matching.program.imports import import_rounds
from matching.program.stats import person_table, repeat_table, round_table
from ui import history as hui
from ui.common import plain

st.title("History")
s = hui.store()
if s is None:
    st.stop()
st.caption(f"Program database: {hui.where(s)} (set PAIRWISE_DATABASE_URL to use another, e.g. PostgreSQL).")


def import_form() -> None:
    with st.expander("Import past rounds from a file", expanded=s.programs().empty):
        st.caption("CSV or XLSX with columns round, person_a, person_b (person_c … for groups), optionally date. "
                   "People are named by email, survey id or full name; names the program does not know yet are "
                   "added as new people and listed.")
        up = st.file_uploader("Past rounds", type=["csv", "xlsx"], key="history_import_file")
        name = st.text_input("Into program", value=st.session_state.get("program", ""), key="history_import_program")
        if st.button("Import", key="history_import", disabled=up is None or not name.strip()):
            try:
                report = import_rounds(s, name, up.getvalue(), up.name)
            except InputError as err:
                for issue in err.issues:
                    st.error(plain(f"{issue.message} {issue.fix}".strip()))
                return
            st.session_state["program"] = report.program
            st.success(plain(report.summary()))
            for issue in report.issues:
                st.warning(plain(issue.message))
            if report.created:
                st.caption("New people: " + plain(", ".join(report.created[:50]))
                           + (" …" if len(report.created) > 50 else ""))


import_form()
program = hui.choose_program(s, "history_program", allow_new=False)
if program is None:
    st.info("No program yet. Publish a round from the **Export** screen, or import past rounds above.")
    st.stop()

rounds = round_table(s, program)
people = person_table(s, program)
meetings = s.meetings(program)
repeats = repeat_table(meetings)
c = st.columns(4)
c[0].metric("Rounds", len(rounds))
c[1].metric("People", len(people))
c[2].metric("Meetings", len(meetings))
c[3].metric("Pairs that met twice or more", len(repeats))

st.subheader("Rounds")
st.dataframe(rounds, hide_index=True, key="history_rounds")

if len(meetings):
    st.plotly_chart(network_figure(meetings, dict(zip(people["person_id"], people["name"]))), key="history_network")
g = st.columns(2)
g[0].plotly_chart(partners_figure(people), key="history_partners")
g[1].plotly_chart(sit_out_figure(people), key="history_sitouts")

st.subheader("People")
st.caption("Distinct partners, repeats and sit-outs per person across the program's rounds.")
st.dataframe(people.drop(columns=["email"]), hide_index=True, key="history_people")

with st.expander("Merge two records of one person"):
    st.caption("When a publish or import reported an uncertain match (a new email, a changed name), confirm here "
               "that two records are one person: their rounds, meetings and feedback are joined.")
    names = {int(pid): f"{n} (#{pid})" for pid, n in zip(people["person_id"], people["name"])}
    m = st.columns(2)
    keep = m[0].selectbox("Keep", list(names), format_func=names.get, key="merge_keep")
    other = m[1].selectbox("Merge into it", list(names), format_func=names.get, key="merge_other",
                           index=min(1, len(names) - 1))
    if st.button("Merge", key="merge_people", disabled=keep == other):
        try:
            s.merge_people(program, keep, other)
        except InputError as err:
            st.error(plain(" ".join(f"{i.message} {i.fix}".strip() for i in err.issues)))
        else:
            st.success(f"Merged {plain(names[other])} into {plain(names[keep])}.")
            st.rerun()

st.subheader("Repeats")
if repeats.empty:
    st.write("Nobody has met the same person twice.")
else:
    st.dataframe(repeats.drop(columns=["a", "b"]), hide_index=True, key="history_repeats")

st.subheader("Pause or opt out")
labels = {int(pid): f"{n} (#{pid})" for pid, n in zip(people["person_id"], people["name"])}
pid = st.selectbox("Person", list(labels), format_func=labels.get, key="pause_person")
row = people.set_index("person_id").loc[pid]
st.caption(f"Now: {row['pause'] or 'active'}" + (f" until {row['until']}" if row["pause"] == "paused" else ""))
action = st.radio("Set", ["active", "paused until a date", "opted out"], horizontal=True, key="pause_action")
until = st.date_input("Paused until (first day they can be matched again)", value=date.today() + timedelta(days=28),
                      key="pause_until", disabled=action != "paused until a date")
if st.button("Save", key="pause_save"):
    kind = {"active": None, "paused until a date": "pause", "opted out": "opt_out"}[action]
    try:
        s.set_pause(program, pid, kind, until if kind == "pause" else None)
    except InputError as err:
        st.error(plain(" ".join(i.message for i in err.issues)))
    else:
        st.success(f"{plain(row['name'])} is now {action}.")
        st.rerun()

st.subheader("Feedback")
feedback = s.feedback(program)
st.caption(f"{len(feedback)} feedback answers stored for '{plain(program)}'. Upload a file with columns rater, partner, "
           "rating (1-5 or yes/no) and optionally met, round, comment; people named by email, survey id or name. "
           "The **Learn** screen can learn from it.")
fb_file = st.file_uploader("Feedback file", type=["csv", "xlsx"], key="feedback_file")
if st.button("Store feedback", key="feedback_import", disabled=fb_file is None):
    try:
        written, fb_issues = import_feedback(s, program, fb_file.getvalue(), fb_file.name)
    except InputError as err:
        for issue in err.issues:
            st.error(plain(f"{issue.message} {issue.fix}".strip()))
    else:
        st.success(f"Stored {written} feedback answers.")
        for issue in fb_issues[:20]:
            st.warning(plain(issue.as_text()))

st.subheader("Use this history")
st.caption("Pair the survey on **Tune & pair** as the next round of this program: its earlier meetings are the history "
           "(no repeats within the window, a fading penalty after), whoever sat out last is first in line, paused "
           "and opted-out people are not matched, and registered people are carried over. People are recognised "
           "by email, survey id or name.")
in_use = hui.program_in_use()
if in_use:
    st.write(f"In use now: '{plain(in_use)}'.")
u = st.columns(2)
if u[0].button("Use this program's history for the current survey", key="history_use", disabled=in_use == program):
    hui.use_program(program)
    st.success(f"Tune & pair now pairs the survey as round {s.last_round(program) + 1} of '{plain(program)}'.")
if in_use and u[1].button(f"Stop using '{plain(in_use)}'", key="history_stop"):
    hui.stop_program()
    st.rerun()
st.subheader("Backup")
if st.button("Prepare a backup of this program (zip of CSVs, one per table)", key="history_backup_prepare"):
    st.session_state["history_backup"] = (program, export_program(s, program))
ready = st.session_state.get("history_backup")
if ready and ready[0] == program:
    safe = re.sub(r"[^\w.-]+", "_", program).strip("_") or "program"
    st.download_button("Download the backup", ready[1], f"{safe}-backup.zip", "application/zip",
                       key="history_backup_download")
