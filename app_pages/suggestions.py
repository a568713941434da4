"""Suggestions: a short list of people to reach out to, for communities that let people choose."""

import streamlit as st

from matching.issues import InputError
from matching.report.export import to_csv_bytes
from matching.suggest.plots import HOW_TO_READ, exposure_figure
from ui import suggestions as sugg
from ui.common import open_page, plain

ss = st.session_state
loaded, result, extra = open_page("Suggestions")
st.caption("Instead of one pairing, every participant gets a short list. A person is suggested only when the "
           "match works both ways; lists are diversified, popular profiles are capped, and every rule and the "
           "meeting history are respected.")

settings = sugg.controls(ss.settings)
try:
    with st.spinner("Building everyone's list ..."):
        res = sugg.compute(loaded, settings, extra)
except InputError as err:
    for issue in err.issues:
        st.error(plain(f"{issue.message} {issue.fix}".strip()))
    st.stop()

n = len(loaded.survey.participants)
with_list = int((res.idx >= 0).any(axis=1).sum())
m = st.columns(4)
m[0].metric("People with suggestions", f"{with_list} / {n}")
m[1].metric("Suggestions made", int((res.idx >= 0).sum()))
m[2].metric("Exposure Gini", f"{res.gini_after:.2f}", f"{res.gini_after - res.gini_before:+.2f} vs plain top-k",
            delta_color="inverse")
m[3].metric("List similarity", f"{res.redundancy_final:.2f}",
            f"{res.redundancy_final - res.redundancy_plain:+.2f} vs plain top-k", delta_color="inverse")
for msg in res.messages:
    st.info(plain(msg))

st.download_button("Suggestions (CSV)", to_csv_bytes(res.table), "suggestions.csv", "text/csv",
                   key="dl_suggestions", type="primary")

st.plotly_chart(exposure_figure(res), key="fig_sugg_exposure", config={"displaylogo": False})
st.caption(HOW_TO_READ)

st.subheader("One person's list")
people = res.table.drop_duplicates("id")
labels = dict(zip(people["id"], people["name"]))
who = st.selectbox("Participant", list(labels), format_func=lambda i: labels[i], key="sugg_person")
mine = res.table[res.table["id"] == who]
st.dataframe(mine[["rank", "suggested_name", "score", "explanation"]], hide_index=True, width="stretch")

st.subheader("All suggestions")
st.dataframe(res.table, hide_index=True, width="stretch", height=320)
