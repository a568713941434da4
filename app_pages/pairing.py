"""Tune & pair: the live pairing, why each group was matched, lock / forbid decisions."""

import streamlit as st

from matching.scoring import SIGNAL_LABELS
from matching.settings import SIGNALS
from ui import data, decisions, session
from ui.common import open_page, plain

ss = st.session_state
loaded, result, extra = open_page("Tune & pair")

if not result.feasible:
    st.error("The pairing is impossible with these rules. Unlock a pair or relax a rule in the sidebar:\n\n"
             + "\n".join(f"- {plain(m)}" for m in result.diagnosis_messages))
    if st.button("Clear all locked pairs", key="clear_locks_infeasible"):
        ss.locked = []
        st.rerun()
    st.stop()

sol = result.solution
m = data.cached_metrics(extra["round_key"], result).summary
change = session.record_pairing(result, loaded.survey_key)
c = st.columns(6)
c[0].metric("Groups", m["groups"], help=f"{m['pairs']} pairs, {m['triads']} triads")
c[1].metric("Unmatched", m["unmatched"])
c[2].metric("Median score", f"{m['median_score']:.3f}")
c[3].metric("Lowest group", f"{m['lowest_score']:.3f}")
c[4].metric("Solve time", f"{sol.time_s * 1000:.0f} ms")
c[5].metric("Solver", sol.solver, help=f"status {sol.status}; proven gap to the best pairing over all pairs: {sol.gap:.4%}")
st.caption(f"{sol.claim} {sol.n_candidate_edges} candidate pairs considered; text model: {extra['embedder']}.")
if change:
    st.info(decisions.change_text(change))
shared = decisions.shared_names(result.participants)
if shared:
    st.warning(f"{len(shared)} name(s) belong to more than one person: {plain(', '.join(shared[:8]))}"
               f"{' ...' if len(shared) > 8 else ''}. They are told apart by their row in your file, "
               "e.g. 'Alex Kim (row 14)'.")

# ---- the pairing table ---------------------------------------------------------------------------
table = decisions.pairing_table(result, ss.get("locked", []))
bars = ", ".join(SIGNAL_LABELS.get(s, s) for s in SIGNALS)
head, switch = st.columns([3, 2], vertical_alignment="bottom")
head.subheader("Pairing")
# The editable grid is rebuilt from scratch whenever the groups change (about a fifth of a slider step at
# 1,000 people, benchmarks/bench_ui.py); a read-only table is the default and editing is one switch away.
editing = switch.toggle("Edit pairs: lock or forbid", key="edit_pairs",
                        help="Shows tick boxes to keep a pair in every re-solve (lock) or never pair two people "
                             "(forbid). Switch off to tune the sliders with a lighter, faster table.")
bar_help = f"Each signal's contribution to the score, left to right: {bars}."
columns = {
    "lock": st.column_config.CheckboxColumn("lock", width="small", help="Locked pairs stay together in every re-solve."),
    "forbid": st.column_config.CheckboxColumn("forbid", width="small"),
    "score": st.column_config.ProgressColumn("score", min_value=0.0, max_value=1.0, format="%.3f", width="small"),
    "why": st.column_config.BarChartColumn("signals", y_min=0.0, y_max=0.5, width="small", help=bar_help),
    "members": st.column_config.TextColumn("members", width=220),
    "explanation": st.column_config.TextColumn("why matched", width=480,
                                               help="The reasons in words; the full text is under 'Why this group'."),
}
shown = ["group", "members", "score", "explanation", "why", "roles", "shared skills", "backups"]
# Rows taller than 4rem let Streamlit wrap cell text, so 'why matched' is read in full, not cut off.
size = dict(hide_index=True, width="stretch", row_height=70, height=min(70 * len(table) + 40, 720), column_config=columns)
if editing:
    st.caption("Tick **lock** to keep a pair in every re-solve, **forbid** to never pair them; the pairing re-solves "
               f"around your decisions. The small bars show each signal's share of the score, left to right: {bars}. "
               "The full reasons for any group are below the table.")
    edited = st.data_editor(table, key=f"pairs_{decisions.table_version(table, ss.get('locked', []))}",
                            disabled=[c for c in table.columns if c not in ("lock", "forbid")],
                            column_order=["lock", "forbid"] + shown, **size)
    ss.locked, ss.blocked, changed = decisions.apply_edits(table, edited, ss.get("locked", []), ss.get("blocked", []))
    if changed:
        st.rerun()
else:
    st.caption("To keep a pair together or keep two people apart, switch on **Edit pairs** (right). "
               f"The small bars show each signal's share of the score, left to right: {bars}. "
               "The full reasons for any group are below the table.")
    st.dataframe(table, key="pairs_view", column_order=(["lock"] if ss.get("locked") else []) + shown, **size)


@st.fragment
def why_this_group(table) -> None:
    """Picking a group re-runs only this box, not the whole page."""
    with st.expander("Why this group — the full reasons and each signal's share", expanded=False):
        members = dict(zip(table["group"], table["members"]))
        gid = st.selectbox("Group", list(members), key="why_group", format_func=lambda g: f"{g}: {members[g]}")
        row = table.loc[table["group"] == gid].iloc[0]
        for part in str(row["explanation"]).split(" | "):
            st.markdown("- " + plain(part))
        if row["shared skills"]:
            st.caption("Shared: " + plain(row["shared skills"]))
        st.dataframe(decisions.signal_shares(row["why"], SIGNALS, SIGNAL_LABELS), hide_index=True, width="content")


if len(table):
    why_this_group(table)

# ---- unmatched and decisions ----------------------------------------------------------------------
un = result.assignments[result.assignments["status"] == "unmatched"]
if len(un):
    st.subheader(f"Unmatched ({len(un)})")
    names = dict(zip(result.participants["id"].astype(str), decisions.display_names(result.participants)))
    st.dataframe(un.assign(name=un["id"].astype(str).map(names))[["name", "reason"]], hide_index=True, width="stretch")

if ss.get("locked") or ss.get("blocked"):
    st.subheader("Your decisions")
    for col, key, label, button in zip(st.columns(2), ("locked", "blocked"), ("Locked pairs", "Forbidden pairs"),
                                       ("Unlock all", "Allow all again")):
        with col:
            pairs = ss.get(key, [])
            st.write(f"{label}: {len(pairs)}")
            st.dataframe(decisions.decision_labels(pairs, result), hide_index=True, width="stretch")
            if pairs and st.button(button, key=f"clear_{key}"):
                ss[key] = []
                st.rerun()

# The page's own 'done' marker: the browser benchmark and test wait for it, not for Streamlit's status widget.
ss.pairing_renders = ss.get("pairing_renders", 0) + 1
st.markdown(f'<div id="pairwise-done" data-run="{ss.pairing_renders}" data-groups="{len(table)}"></div>',
            unsafe_allow_html=True)
