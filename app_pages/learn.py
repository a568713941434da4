"""Learn: feedback in, honest comparison with the hand-set weights, suggested weights, learn signals."""

import pandas as pd
import streamlit as st

from matching.learn import MIN_LABELLED, LabelRule, dumps_model, summarise
from matching.learn.ranking import verdicts
from matching.learn.plots import calibration_figure, comparison_figure, importance_figure, weights_figure
from ui import learn as lu
from ui.common import open_page, plain

ss = st.session_state
loaded, result, extra = open_page("Learn from feedback")
participants = result.participants
st.caption("Upload what participants said after meeting (rater, partner, rating 1-5 or yes/no, optionally met, "
           "round, comment). Models are checked on whole rounds they never saw, next to your current weights.")

c1, c2, c3 = st.columns([3, 1, 1.4])
uploaded = c1.file_uploader("Feedback file (CSV or XLSX)", type=["csv", "xlsx"], key="learn_upload")
min_rating = c2.number_input("Good meeting: rating at least", 1.0, 5.0, value=4.0, step=0.5, key="learn_min_rating")
require_met = c3.checkbox("No-show counts as not good", value=True, key="learn_require_met",
                          help="A meeting that did not happen ('met' = no) counts as not good; off: such rows are left out.")
rule = LabelRule(min_rating=min_rating, require_met=require_met)
if uploaded is not None:
    lu.load_upload(uploaded, participants, rule)
if st.button("Try it with simulated feedback", key="learn_simulate",
             help="Six rounds of made-up answers with a planted taste (different role, shared tag) — a demo, not data."):
    lu.load_simulated(participants, rule)

if st.toggle("Use feedback stored in a program instead", key="learn_from_store",
             help="Feedback recorded in the history database (see the History screen)."):
    from ui import history as hist

    db = hist.store()
    program = hist.choose_program(db, key="learn_program", allow_new=False) if db is not None else None
    if program is None and db is not None:
        st.info("The history database has no programs yet.")
    elif program is not None:
        u1, u2 = st.columns(2)
        if u1.button("Use this program's feedback", key="learn_use_program"):
            lu.load_program(db, program, participants, rule)
        current = ss.get("learn_feedback")
        if current is not None and not current["digest"].startswith(("program-", "simulated")) and u2.button(
                "Save the uploaded feedback to this program", key="learn_save_program"):
            written, notes = lu.save_to_program(db, program, participants)
            st.success(f"Saved {written} feedback row(s) to '{plain(program)}'.")
            for note in notes:
                st.warning(plain(f"{note.message} {note.fix}".strip()))

fb = ss.get("learn_feedback")
if fb is None:
    st.info("No feedback yet. Upload a feedback file, or try the screen with simulated feedback.")
    st.stop()
if fb["rule"] != rule:
    lu.set_feedback(fb["df"], fb["issues"], rule, fb["digest"])
    fb = ss.learn_feedback
if fb["digest"].startswith("simulated"):
    st.warning("This is simulated feedback with a planted preference, for a demo. Do not apply its weights to a real round.")
fatal = [i for i in fb["issues"] if i.severity == "fatal"]
for issue in fatal:
    st.error(plain(f"{issue.message} {issue.fix}".strip()))
skipped = [i for i in fb["issues"] if i.severity == "warning"]
if skipped:
    with st.expander(f"{len(skipped)} feedback row(s) could not be used"):
        st.dataframe(pd.DataFrame([{"row": i.row, "column": i.column, "problem": i.message} for i in skipped]),
                     hide_index=True, width="stretch")

s = summarise(fb["df"], rule)
m = st.columns(5)
m[0].metric("Feedback rows", s["rows"])
m[1].metric("Rounds", s["rounds"])
m[2].metric("People", s["people"])
m[3].metric("Labelled meetings", s["labelled"])
m[4].metric("Went well", f"{s['good_share']:.0%}" if s["labelled"] else "–")

with st.spinner("Learning and checking on held-out rounds ..."):
    report, ranking = lu.run(participants, extra["signals"], ss.settings, loaded.survey_key)
if report.messages:
    (st.info if report.ok else st.warning)(plain(report.messages[0]))
    if len(report.messages) > 1:
        st.caption(plain(" ".join(report.messages[1:])))
if not report.ok:
    st.caption(f"Learning needs at least {MIN_LABELLED} labelled meetings from two or more rounds, with some that "
               "went well and some that did not.")
    st.stop()

st.subheader("Model comparison (cross-validated by round)")
st.dataframe(report.comparison.round(3), hide_index=True, width="stretch", key="learn_table")
st.plotly_chart(comparison_figure(report.comparison), key="fig_learn_compare", config={"displaylogo": False})
p1, p2 = st.columns(2)
p1.plotly_chart(calibration_figure(report.calibration), key="fig_learn_calibration", config={"displaylogo": False})
kind = report.model.kind
p2.plotly_chart(importance_figure(report.importances[kind], kind), key="fig_learn_importance",
                config={"displaylogo": False})

st.subheader("Suggested weights")
model = report.model
st.plotly_chart(weights_figure(ss.settings.weights, model.suggested_weights), key="fig_learn_weights",
                config={"displaylogo": False})
b1, b2, b3 = st.columns(3)
b1.button("Apply suggested weights", key="learn_apply", on_click=lu.apply_weights, args=(model.suggested_weights,),
          type="primary", help="Moves the weight sliders; every page re-pairs with them.")
if ss.get("learn_model") is not None:
    b2.button("Stop using the learned signal", key="learn_stop_model", on_click=lu.stop_model)
else:
    b2.button("Use the learned model as a signal", key="learn_use_model", on_click=lu.use_model, args=(model,),
              help="Adds a 'learned' weight slider in the sidebar (pair fit only; popularity does not count).")
b3.download_button("Download the model", dumps_model(model), "pairwise-model.joblib", key="learn_download",
                   help="For the command line: python -m matching pair SURVEY --model pairwise-model.joblib ...")

st.subheader("History signals for pairs who have not met")
st.caption("Ranked by each signal, how often the people someone enjoyed meeting in the latest round(s) appear in "
           "their top candidates (signals built from earlier rounds only).")
if ranking is not None and not ranking.empty:
    st.dataframe(ranking.round(4), hide_index=True, width="stretch", key="learn_ranking")
    for sentence in verdicts(ranking):
        st.caption(plain(sentence))
h1, h2 = st.columns(2)
h1.toggle("Use 'close in the network of good meetings' (ppr)", key="learn_use_ppr", value="ppr" in ss.learn_history,
          on_change=lu.toggle_history, args=("ppr",))
h2.toggle("Use 'liked by people with similar tastes' (cf)", key="learn_use_cf", value="cf" in ss.learn_history,
          on_change=lu.toggle_history, args=("cf",))

with st.expander("Person effects (kept out of the learned pair signal)"):
    st.caption("Leniency: how much better than average a person rates their meetings. Popularity: how much better "
               "than average others rate meeting them. Both are log-odds, shrunk toward 0 for people with few answers.")
    names = dict(zip(participants["id"].astype(str), participants["name"].astype(str)))
    effects = report.person_effects.assign(name=lambda d: d["id"].map(names))
    st.dataframe(effects[["name", "leniency", "popularity", "ratings_given", "ratings_received"]].round(3),
                 hide_index=True, width="stretch")
