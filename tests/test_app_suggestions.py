"""AppTest for the Suggestions screen (TF-IDF through the share link keeps it fast)."""

import io

import pandas as pd
from streamlit.testing.v1 import AppTest

from ui.data import ROOT

TIMEOUT = 120


def open_suggestions(**params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.query_params["emb"] = "tfidf"
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    at.switch_page("app_pages/suggestions.py").run()
    assert not at.exception, at.exception
    return at


def test_suggestions_page_lists_plots_and_exports():
    at = open_suggestions()
    assert at.title[0].value == "Suggestions"
    assert not at.error
    assert len(at.get("plotly_chart")) == 1
    full = at.dataframe[-1].value
    assert list(full.columns) == ["id", "name", "rank", "suggested_id", "suggested_name", "score", "explanation"]
    made = full[full["suggested_id"] != ""]
    assert made.groupby("id").size().max() <= 5
    assert (made["id"] != made["suggested_id"]).all()
    # One person's list shows their rows only.
    who = at.selectbox(key="sugg_person").value
    assert len(at.dataframe[0].value) == len(full[full["id"] == who])


def test_changing_k_changes_the_lists_and_the_share_link():
    at = open_suggestions()
    at.number_input(key="sugg_k").set_value(2).run()
    assert not at.exception, at.exception
    full = at.dataframe[-1].value
    made = full[full["suggested_id"] != ""]
    assert made.groupby("id").size().max() == 2
    assert at.query_params.get("sk") in ("2", ["2"])
    # The value survives a trip to another page and back (it lives in the settings, not only the widget).
    at.switch_page("app_pages/export.py").run()
    at.switch_page("app_pages/suggestions.py").run()
    assert at.number_input(key="sugg_k").value == 2


def test_share_link_sets_the_suggestion_settings():
    at = open_suggestions(sk="3", sdv="0")
    assert at.number_input(key="sugg_k").value == 3
    assert at.slider(key="sugg_diversity").value == 0.0
    made = at.dataframe[-1].value
    assert made[made["suggested_id"] != ""].groupby("id").size().max() == 3
