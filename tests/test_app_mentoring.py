"""AppTest: the Groups & mentoring screen, for groups of 3 and for a mentoring round with options."""

import pandas as pd
from streamlit.testing.v1 import AppTest

from matching.intake import load_survey
from tests.app_helpers import new_app
from ui.data import ROOT

PAGE = "app_pages/mentoring.py"


def frame_with(at: AppTest, column: str) -> pd.DataFrame:
    """The first table on the page that has ``column``."""
    for d in at.dataframe:
        if column in d.value.columns:
            return d.value
    raise AssertionError(f"no table with a '{column}' column")


def test_pairs_round_says_how_to_get_here():
    at = new_app()
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    assert any("1:1 pairs" in i.value for i in at.info)


def test_groups_of_three_from_the_share_link():
    n = len(load_survey(ROOT / "sample_data" / "coffee_round.csv").participants)
    at = new_app(gs="3")
    at.run()
    assert not at.exception, at.exception
    assert at.radio(key="s_group_size").value == 3
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    table = frame_with(at, "shared_by_all")
    assert set(table["size"]) <= {2, 3, 4} and (table["size"] == 3).sum() >= len(table) - 2
    assert "shared_by_all" in table.columns
    at.switch_page("app_pages/export.py").run()
    assert not at.exception, at.exception
    df = at.dataframe[0].value
    assert len(df) == n and df["id"].is_unique
    assert set(df["status"]) <= {"grouped", "unmatched"}
    sizes = df[df["status"] == "grouped"].groupby("group_id").size()
    assert sizes.between(2, 4).all() and (sizes == 3).sum() >= len(sizes) - 2


def test_mentoring_round_with_spread_shows_load_options_and_curve():
    at = new_app(sample="mentoring", msp="1")
    at.run()
    assert not at.exception, at.exception
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    keys = {c.proto.id for c in at.get("plotly_chart")}
    assert len(at.get("plotly_chart")) == 1, keys
    options = frame_with(at, "blocking_pairs")
    assert list(options["option"]) == ["Max-weight (fit with your levers)", "Stable (mentee-optimal)"]
    assert options.loc[options["option"].str.startswith("Stable"), "blocking_pairs"].iloc[0] == 0
    sheet = frame_with(at, "mentee_id")
    assert (sheet.groupby("mentor")["load"].first() <= sheet.groupby("mentor")["capacity"].first()).all()
    metrics = {m.label: m.value for m in at.metric}
    used, total = metrics["Mentors with a mentee"].split(" of ")
    assert int(used) >= 1
    at.button(key="curve_button").click().run()
    assert not at.exception, at.exception
    assert len(at.get("plotly_chart")) == 2


def test_switching_to_the_stable_option_in_the_sidebar():
    at = new_app(sample="mentoring")
    at.run()
    at.radio(key="s_mentor_method").set_value("stable").run()
    assert not at.exception, at.exception
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    assert {m.label: m.value for m in at.metric}["Blocking pairs"] == "0"
    options = frame_with(at, "blocking_pairs")
    assert bool(options.loc[options["option"].str.startswith("Stable"), "chosen"].iloc[0])


def test_capacity_override_from_the_editor_changes_the_round():
    at = new_app(sample="mentoring", msp="0.5")
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    before = frame_with(at, "mentee_id")
    busiest = before.groupby("mentor")["load"].first().idxmax()
    mentor_id = before.loc[before["mentor"] == busiest, "mentor_id"].iloc[0]
    at.session_state["capacity_overrides"] = {str(mentor_id): 0}
    at.run()
    assert not at.exception, at.exception
    after = frame_with(at, "mentee_id")
    assert after.loc[after["mentor_id"] == mentor_id, "load"].iloc[0] == 0
    assert after.loc[after["mentor_id"] == mentor_id, "capacity"].iloc[0] == 0
    at.button(key="clear_overrides").click().run()
    assert not at.exception, at.exception
    again = frame_with(at, "mentee_id")
    assert again.loc[again["mentor_id"] == mentor_id, "load"].iloc[0] > 0
