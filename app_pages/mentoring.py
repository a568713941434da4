"""Groups & mentoring: what a round of groups of 3-4, or a mentoring round with its options, adds."""

import pandas as pd
import streamlit as st

from matching.formats import shared_by_all
from matching.report import formats as figs
from matching.report.export import intro_messages, to_csv_bytes, to_xlsx_bytes
from ui.common import open_page, plain

ss = st.session_state
loaded, result, extra = open_page("Groups & mentoring", need_feasible="Nothing to show.")
fmt = result.format

if fmt is None:
    if result.constraints.two_sided:
        st.info("This mentoring round uses the standard pod solver. Set a mentoring option in the sidebar (spread "
                "the load, a minimum per mentor, a default capacity, the stable option or preferred mentors) to see "
                "mentor loads, the stable option and capacity overrides here.")
    else:
        st.info("This round is 1:1 pairs. Choose a group size of 3 or 4 in the sidebar (Format) to form groups.")
    st.stop()

st.caption(plain(result.solution.messages[0]))
a = result.assignments
un = a[a["status"] == "unmatched"]

if fmt.kind == "groups":
    res = fmt.groups
    c = st.columns(4)
    c[0].metric("Groups", len(res.groups))
    c[1].metric("Sizes", ", ".join(f"{v}×{k}" for k, v in res.sizes.items()) or "—")
    c[2].metric("Lowest group", f"{res.lowest:.2f}" if res.groups else "—")
    c[3].metric("Gap to best possible", "0 (proven)" if res.optimal else f"{res.gap:.1%}")
    shared = {gid: shared_by_all(result.signals.tags, members)
              for gid, members in zip(result.groups["group_id"], result.solution.groups)}
    st.subheader("Groups and what everyone in them shares")
    st.dataframe(figs.groups_table(result.groups, shared), hide_index=True, width="stretch", key="groups_table")
else:
    best, other = fmt.mentoring, fmt.alternative
    c = st.columns(4)
    c[0].metric("Mentees placed", f"{best.placed} of {best.placed + len(best.unplaced)}")
    c[1].metric("Mentors with a mentee", f"{best.mentors_used} of {len(best.loads)}")
    c[2].metric("Blocking pairs", best.blocking)
    c[3].metric("Total fit", f"{best.total_fit:.2f}")

    st.plotly_chart(figs.mentor_load(fmt.mentors), key="fig_mentor_load", config={"displaylogo": False})
    st.caption(figs.HOW_TO_READ["load"])

    with st.expander("Capacity overrides"):
        st.caption("Change a mentor's capacity for this round (0 = not this round). Overrides are saved in the "
                   "settings JSON, never in the share link.")
        base = fmt.mentors[["mentor_id", "mentor", "capacity"]]
        edited = st.data_editor(base, key="capacity_editor", hide_index=True, disabled=["mentor_id", "mentor"],
                                column_config={"capacity": st.column_config.NumberColumn(min_value=0, max_value=50,
                                                                                         step=1)})
        changed = {str(m): int(c) for m, c, b in zip(edited["mentor_id"], edited["capacity"], base["capacity"])
                   if pd.notna(c) and int(c) != int(b)}
        if changed:
            ss.capacity_overrides = {**ss.get("capacity_overrides", {}), **changed}
            st.rerun()
        if ss.get("capacity_overrides"):
            st.caption(f"{len(ss.capacity_overrides)} capacity overrides in use.")
            st.button("Clear overrides", key="clear_overrides", on_click=lambda: ss.update(capacity_overrides={}))

    st.subheader("Max-weight vs stable")
    st.caption("The stable option (mentee-optimal deferred acceptance) leaves no mentee and mentor who would both "
               "rather be together; the max-weight option has the most total fit. Switch between them in the sidebar.")
    st.dataframe(fmt.options, hide_index=True, width="stretch", key="options_table")

    mentees = un[un["id"].astype(str).isin(set(result.participants["id"].astype(str).iloc[fmt.mentee_index]))]
    st.subheader(f"Mentees without a mentor ({len(mentees)})")
    if len(mentees):
        st.dataframe(mentees[["name", "reason"]], hide_index=True, width="stretch", key="unplaced_table")
    else:
        st.success("Every mentee has a mentor.")

    st.subheader("Per-mentor sheet and intro messages")
    sheet = figs.mentor_sheet(fmt.mentors, a)
    c1, c2 = st.columns(2)
    c1.download_button("Per-mentor sheet (CSV)", to_csv_bytes(sheet), "mentors.csv", "text/csv", key="dl_mentors_csv",
                       width="stretch")
    c2.download_button("Per-mentor sheet (XLSX)", to_xlsx_bytes({"mentors": fmt.mentors, "mentor_mentee": sheet}),
                       "mentors.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key="dl_mentors_xlsx", width="stretch")
    st.dataframe(sheet, hide_index=True, width="stretch", key="mentor_sheet")
    messages = intro_messages(result)
    if messages:
        first = {gid: str(m).split(" + ")[0] for gid, m in zip(result.groups["group_id"], result.groups["members"])}
        gid = st.selectbox("Mentor", list(messages), key="mentor_intro", format_func=lambda g: first.get(g, g))
        st.code(messages[gid], language="markdown", wrap_lines=True)

    st.subheader("Spreading the load")
    key = (loaded.survey_key, ss.settings.to_json())
    if st.button("Compute the trade-off curve", key="curve_button",
                 help="Several exact solves: the best total fit for each number of mentors with a mentee."):
        with st.spinner("Solving for each number of mentors ..."):
            ss.mentor_curve = (key, fmt.curve(time_limit=float(ss.settings.time_limit)))
    stored = ss.get("mentor_curve")
    if stored and stored[0] == key and isinstance(stored[1], pd.DataFrame) and len(stored[1]):
        st.plotly_chart(figs.spread_curve(stored[1], best.mentors_used, best.total_fit), key="fig_spread",
                        config={"displaylogo": False})
        st.caption(figs.HOW_TO_READ["spread"])

others = un[~un["id"].isin(mentees["id"])] if fmt.kind == "mentoring" else un
if len(others):
    st.subheader(f"Others not placed ({len(others)})")
    st.dataframe(others[["name", "reason"]], hide_index=True, width="stretch", key="others_table")
