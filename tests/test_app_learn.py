"""AppTest for the Learn screen: simulated feedback, comparison, applying weights, learn signals in the round."""

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from matching.issues import Issue
from matching.learn import LabelRule
from ui.data import ROOT

TIMEOUT = 180


def learn_app() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.query_params["emb"] = "tfidf"
    at.run()
    assert not at.exception, at.exception
    at.switch_page("app_pages/learn.py").run()
    assert not at.exception, at.exception
    return at


@pytest.fixture(scope="module")
def trained():
    at = learn_app()
    assert any("No feedback yet" in i.value for i in at.info)
    at.button(key="learn_simulate").click().run()
    assert not at.exception, at.exception
    return at


def test_simulated_feedback_is_learned_and_compared_with_the_sliders(trained):
    at = trained
    assert any("simulated" in w.value for w in at.warning)
    metrics = {m.label: m.value for m in at.metric}
    assert int(metrics["Rounds"]) == 6 and int(metrics["Labelled meetings"]) >= 50
    assert any("hand-set weights reach" in i.value.replace("\\", "") for i in at.info)
    models = set(at.dataframe[0].value["model"])
    assert {"logistic", "boosting", "hand-set weights", "uniform weights"} <= models
    assert len(at.get("plotly_chart")) >= 4
    ranking = at.dataframe[1].value
    assert {"ppr", "cf", "hand-set weights"} <= set(ranking["signal"])


def test_apply_suggested_weights_moves_the_sliders(trained):
    at = trained
    before = at.slider(key="w_role").value
    at.button(key="learn_apply").click().run()
    assert not at.exception, at.exception
    # The planted taste prefers different roles: the role slider goes down.
    after = at.slider(key="w_role").value
    assert after < before
    assert at.session_state["settings"].weights["role"] == after


def _partners(at: AppTest) -> dict:
    at.switch_page("app_pages/export.py").run()
    assert not at.exception, at.exception
    df = at.dataframe[0].value
    assert df["id"].is_unique
    return dict(zip(df["id"], df["partner_ids"]))


def test_learned_and_history_signals_join_the_round(trained):
    at = trained
    before = _partners(at)
    at.switch_page("app_pages/learn.py").run()
    at.button(key="learn_use_model").click().run()
    assert not at.exception, at.exception
    assert at.slider(key="w_learned").value > 0
    at.toggle(key="learn_use_ppr").set_value(True).run()
    assert not at.exception, at.exception
    assert at.slider(key="w_ppr").value > 0
    weights = at.session_state["settings"].weights
    assert "learned" in weights and "ppr" in weights
    after = _partners(at)
    assert len(after) == len(before) and after != before     # the learned signal changes who meets whom
    at.switch_page("app_pages/learn.py").run()
    at.button(key="learn_stop_model").click().run()
    assert not at.exception
    assert "learned" not in at.session_state["settings"].weights


def test_too_little_feedback_says_so_and_changes_nothing():
    at = learn_app()
    fb = pd.DataFrame({"round": [1, 2], "rater": ["x", "y"], "partner": ["y", "x"], "rating": [5.0, 1.0],
                       "met": [True, True], "comment": ["", ""]})
    rule = LabelRule()
    at.session_state["learn_feedback"] = {"df": fb, "issues": [Issue("warning", "The rater 'zz' is not a participant of "
                                                                      "this survey; this row was skipped.", row=3,
                                                                      column="rater")],
                                          "label": rule.label(fb), "digest": "tiny", "rule": rule}
    before = at.slider(key="w_role").value
    at.run()
    assert not at.exception, at.exception
    assert any("at least 50 are needed" in w.value.replace("\\", "") for w in at.warning)
    assert at.slider(key="w_role").value == before
    assert not [b for b in at.button if b.key == "learn_apply"]


def test_feedback_stored_in_a_program_is_used(tmp_path):
    from matching.learn.synthetic import synthetic_feedback
    from matching.program import Store
    from matching.program.publish import publish
    from matching.intake import load_survey
    from test_learn_store import _record

    p = load_survey(ROOT / "sample_data" / "coffee_round.csv").participants
    p = p.loc[p["email"].astype(str).str.contains("@")].reset_index(drop=True)
    fb, _ = synthetic_feedback(p, 4, np.random.default_rng(1))
    url = f"sqlite:///{tmp_path / 'program.db'}"
    with Store(url).ready() as store:
        publish(store, "Coffee", _record(p))
        people = store.people("Coffee")
        person = dict(zip(people["email"], people["person_id"]))
        email = dict(zip(p["id"], p["email"].str.lower()))
        store.add_feedback("Coffee", fb.assign(rater=fb["rater"].map(email).map(person),
                                               partner=fb["partner"].map(email).map(person)))
    at = learn_app()
    at.session_state["program_db"] = url
    at.toggle(key="learn_from_store").set_value(True).run()
    assert not at.exception, at.exception
    at.button(key="learn_use_program").click().run()
    assert not at.exception, at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert int(metrics["Rounds"]) == 4 and int(metrics["Feedback rows"]) == len(fb)
    # An uploaded file is saved into the program (here: the same rows again, as rounds 11-14).
    at.session_state["learn_feedback"] = {**at.session_state["learn_feedback"], "digest": "upload-x",
                                          "df": at.session_state["learn_feedback"]["df"].assign(
                                              round=lambda d: d["round"] + 10)}
    at.run()
    at.button(key="learn_save_program").click().run()
    assert not at.exception, at.exception
    assert any(f"Saved {len(fb)} feedback row" in s.value for s in at.success)
    with Store(url) as store:
        assert len(store.feedback("Coffee")) == 2 * len(fb)
