"""AppTest: publish the round from the Export screen, then see it (and edit a pause) on History."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from matching.program import Store
from ui.data import ROOT

TIMEOUT = 180


@pytest.fixture
def app(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("PAIRWISE_DATABASE_URL", url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.query_params["emb"] = "tfidf"
    at.run()
    assert not at.exception, at.exception
    return at, url


def _by_key(widgets, key):
    return next(w for w in widgets if w.key == key)


def test_publish_then_history(app):
    at, url = app
    at.switch_page("app_pages/export.py").run()
    assert not at.exception, at.exception
    # No program yet: the picker offers a new one.
    _by_key(at.text_input, "publish_program_new").input("Coffee club").run()
    assert any("Would publish round 1 of 'Coffee club'" in m.value for m in at.markdown), [m.value for m in at.markdown]
    _by_key(at.button, "publish_round").click().run()
    assert not at.exception, at.exception
    assert any("Published round 1" in s.value for s in at.success)
    store = Store(url)
    assert store.rounds("Coffee club")["round"].tolist() == [1]
    n = len(store.participation("Coffee club"))
    assert n > 100
    # Re-running the page does not publish the same pairing twice.
    at.run()
    assert any("is published as round 1" in s.value for s in at.success)
    assert store.rounds("Coffee club")["round"].tolist() == [1]

    at.switch_page("app_pages/history.py").run()
    assert not at.exception, at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Rounds"] == "1" and int(metrics["People"]) == n
    assert len(at.get("plotly_chart")) == 3
    # Opt the first person out.
    people = store.people("Coffee club")
    first = int(people["person_id"].iloc[0])
    _by_key(at.selectbox, "pause_person").set_value(first).run()
    _by_key(at.radio, "pause_action").set_value("opted out").run()
    _by_key(at.button, "pause_save").click().run()
    assert not at.exception, at.exception
    assert store.people("Coffee club").set_index("person_id").at[first, "kind"] == "opt_out"
    # The program's history becomes the round's history on Tune & pair.
    _by_key(at.button, "history_use").click().run()
    assert not at.exception, at.exception
    assert at.session_state["program_round"] == "Coffee club"
    # Merging two people who met in the same round is refused with a plain message.
    _by_key(at.selectbox, "merge_keep").set_value(first).run()
    _by_key(at.selectbox, "merge_other").set_value(int(people["person_id"].iloc[1])).run()
    _by_key(at.button, "merge_people").click().run()
    assert not at.exception, at.exception
    assert any("same round" in e.value for e in at.error)
    assert len(store.people("Coffee club")) == len(people)
    _by_key(at.button, "history_backup_prepare").click().run()
    assert not at.exception, at.exception
    assert at.session_state["history_backup"][0] == "Coffee club" and at.session_state["history_backup"][1][:2] == b"PK"


def test_history_empty_state(app):
    at, url = app
    at.switch_page("app_pages/history.py").run()
    assert not at.exception, at.exception
    assert any("No program yet" in i.value for i in at.info)
