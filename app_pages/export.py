"""Export: pairings as CSV/XLSX (safe to open in Excel), intro messages, settings."""

import streamlit as st

from matching.report.export import intro_messages, intro_zip, to_csv_bytes, to_xlsx_bytes
from ui.common import open_page
from ui.history import publish_panel, round_assignments

ss = st.session_state
loaded, result, extra = open_page("Export", need_feasible="Nothing to export.")

a = round_assignments(result, extra)  # in a program's round, its paused people too
counts = a["status"].value_counts()
st.write(f"{len(a)} participants: {counts.get('paired', 0)} paired, {counts.get('triad', 0)} in a triad, "
         f"{counts.get('unmatched', 0)} unmatched — every participant of the upload appears exactly once.")
st.caption("Cells that start with =, +, - or @ are prefixed with an apostrophe so spreadsheets never run them as formulas.")

c = st.columns(3)
c[0].download_button("Pairings (CSV)", to_csv_bytes(a), "pairings.csv", "text/csv", key="dl_csv", type="primary",
                     width="stretch")
unmatched = a[a["status"] == "unmatched"][["id", "name", "reason"]]
c[1].download_button("Pairings (XLSX)", to_xlsx_bytes({"participants": a, "groups": result.groups, "unmatched": unmatched}),
                     "pairings.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     key="dl_xlsx", width="stretch")
messages = intro_messages(result)
c[2].download_button("Intro messages (zip)", intro_zip(messages), "intros.zip", "application/zip", key="dl_zip",
                     width="stretch")

st.subheader("Preview")
st.dataframe(a, hide_index=True, width="stretch", height=320)

st.subheader("Intro messages")
st.caption("One ready-to-send message per group (Markdown). Participant text is shown as plain text here.")
if messages:
    gid = st.selectbox("Group", list(messages), key="intro_group")
    st.code(messages[gid], language="markdown", wrap_lines=True)
    st.download_button("This message (.md)", messages[gid].encode(), f"{gid}.md", "text/markdown", key="dl_one")

publish_panel(result, extra)
