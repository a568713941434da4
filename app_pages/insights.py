"""Insights: how good and how fair is this pairing?"""

import streamlit as st

from matching.report import plots
from ui import data
from ui.common import done_marker, open_page

ss = st.session_state
loaded, result, extra = open_page("Insights", need_feasible="No pairing to inspect.")

metrics = data.cached_metrics(extra["round_key"], result)


def figure(fig, key: str, how: str) -> None:
    st.plotly_chart(fig, key=key, config={"displaylogo": False})
    st.caption(how)


# One view at a time: only the open tab's charts are built and drawn, so a slider step redraws one or two
# charts instead of seven (benchmarks/bench_ui.py --screen insights).
VIEWS = ["Scores & preferences", "Popularity", "Roles & stages", "Price of fairness", "Participant map"]
st.caption("Pick a view below; the charts of the open tab are redrawn after every change.")
scores_tab, popularity_tab, roles_tab, fairness_tab, map_tab = st.tabs(VIEWS, key="insights_view", on_change="rerun")

if scores_tab.open:
    with scores_tab:
        c1, c2 = st.columns(2)
        with c1:
            figure(plots.score_distribution(metrics, result.solution.group_scores), "fig_scores", plots.HOW_TO_READ["scores"])
        with c2:
            figure(plots.preferences(metrics), "fig_prefs", plots.HOW_TO_READ["preferences"])

if popularity_tab.open:
    with popularity_tab:
        figure(plots.popularity_exposure(metrics), "fig_exposure", plots.HOW_TO_READ["exposure"])

if roles_tab.open:
    with roles_tab:
        c1, c2 = st.columns(2)
        with c1:
            figure(plots.role_heatmap(metrics), "fig_roles", plots.HOW_TO_READ["roles"])
        with c2:
            figure(plots.stage_mix(metrics), "fig_stages", plots.HOW_TO_READ["stages"])

if fairness_tab.open:
    with fairness_tab:
        st.caption("How much total match score it costs to protect the worst-off pair: the pairing re-solved for "
                   "several values of λ. Computed on request (a few seconds), then kept for these settings.")
        lambdas = (0.0, 0.1, 0.25, 0.5, 1.0, 2.0)  # fixed, so moving λ itself never recomputes the curve
        curve_key = (loaded.survey_key, extra["embedder"], ss.settings.replace(fairness=0.0).to_json(),
                     loaded.history_key, lambdas)
        curves = ss.setdefault("fairness_curves", {})
        if curve_key not in curves and st.button("Compute the price-of-fairness curve", key="compute_fairness_curve"):
            with st.spinner("Re-solving for each λ ..."):
                curves[curve_key] = data.cached_fairness_curve(*curve_key[:4], result.participants, extra["vectors"],
                                                               extra["signals"], loaded.history, lambdas)
            while len(curves) > 8:
                curves.pop(next(iter(curves)))
        curve = curves.get(curve_key)
        if curve is not None and len(curve):
            figure(plots.fairness_curve(curve, ss.settings.fairness), "fig_fairness", plots.HOW_TO_READ["fairness"])

if map_tab.open:
    with map_tab:
        xy = data.map_coordinates(loaded.survey_key, extra["embedder"], ss.settings, extra["vectors"]["profile"])
        figure(plots.participant_map(result, xy=xy), "fig_map", plots.HOW_TO_READ["map"])

un = result.assignments[result.assignments["status"] == "unmatched"]
st.subheader(f"Unmatched people ({len(un)})")
if len(un):
    st.dataframe(un[["name", "reason"]], hide_index=True, width="stretch")
else:
    st.success("Everyone is in a group.")

done_marker("insights")  # the last element: the page rendered to its end (benchmarks/bench_ui.py)
