"""AppTest for every screen. TF-IDF is selected through the share link (emb=tfidf) to keep them fast."""

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from matching.intake import load_survey
from tests.app_helpers import new_app
from ui.data import ROOT

TIMEOUT = 120
N_SAMPLE = len(load_survey(ROOT / "sample_data" / "coffee_round.csv").participants)


def export_table(at: AppTest) -> pd.DataFrame:
    at.switch_page("app_pages/export.py").run()
    assert not at.exception, at.exception
    return at.dataframe[0].value


def partners(df: pd.DataFrame) -> dict:
    return dict(zip(df["id"], df["partner_ids"]))


@pytest.fixture(scope="module")
def sample_app():
    at = new_app()
    at.run()
    assert not at.exception, at.exception
    return at


def test_sample_opens_paired_by_default(sample_app):
    at = sample_app
    assert at.title[0].value == "Tune & pair"
    assert not at.error
    labels = {m.label: m.value for m in at.metric}
    assert int(labels["Groups"]) >= N_SAMPLE // 2 - 2
    df = export_table(at)
    assert len(df) == N_SAMPLE and df["id"].is_unique
    assert set(df["status"]) <= {"paired", "triad", "unmatched"}
    assert (df.loc[df["status"] == "unmatched", "reason"].str.len() > 0).all()


def test_every_page_renders_without_exception(sample_app):
    for page in ["app_pages/upload.py", "app_pages/insights.py", "app_pages/export.py", "app_pages/pairing.py"]:
        sample_app.switch_page(page).run()
        assert not sample_app.exception, (page, sample_app.exception)
        assert not sample_app.error, (page, [e.value for e in sample_app.error])
    sample_app.switch_page("app_pages/insights.py").run()
    seen = set()
    for view in sample_app.tabs:  # Insights shows one tab's charts at a time; every chart is one tab away
        sample_app.session_state["insights_view"] = view.label
        sample_app.run()
        assert not sample_app.exception, (view.label, sample_app.exception)
        seen |= {c.proto.id.rsplit("-", 1)[-1] for c in sample_app.get("plotly_chart")}
    assert seen == {"fig_scores", "fig_prefs", "fig_exposure", "fig_roles", "fig_stages", "fig_map"}, seen


def test_moving_a_weight_slider_changes_the_pairing_and_metrics():
    at = new_app()
    at.run()
    before = export_table(at)
    at.switch_page("app_pages/pairing.py").run()
    median_before = {m.label: m.value for m in at.metric}["Median score"]
    at.slider(key="w_location").set_value(1.0).run()
    at.slider(key="w_profile").set_value(0.0).run()
    assert not at.exception
    median_after = {m.label: m.value for m in at.metric}["Median score"]
    assert median_after != median_before
    assert any("got a new partner" in i.value for i in at.info)
    after = export_table(at)
    assert len(after) == len(before) and after["id"].is_unique
    assert partners(after) != partners(before)


def test_lock_and_forbid_are_honoured():
    at = new_app()
    at.run()
    df = export_table(at)
    pair = df[df["status"] == "paired"].iloc[0]
    a, b = pair["id"], pair["partner_ids"]
    # Lock two people who were not paired, forbid a pair that was.
    c = df[(df["status"] == "paired") & ~df["id"].isin([a, b])].iloc[0]["id"]
    d = df[(df["status"] == "paired") & ~df["id"].isin([a, b, c]) & (df["partner_ids"] != c)].iloc[0]["id"]
    at.session_state["locked"] = [[c, d]]
    at.session_state["blocked"] = [[a, b]]
    df2 = export_table(at)
    p2 = partners(df2)
    assert d in p2[c].split("; ")
    assert b not in p2[a].split("; ")
    assert len(df2) == N_SAMPLE and df2["id"].is_unique


def test_share_link_restores_settings_and_is_written_back():
    at = new_app(min="0.1", lam="0.5", odd="bye", w_pr="0.8", sample="coffee")
    at.run()
    assert not at.exception
    assert at.slider(key="s_min_score").value == pytest.approx(0.1)
    assert at.slider(key="s_fairness").value == pytest.approx(0.5)
    assert at.slider(key="w_profile").value == pytest.approx(0.8)
    assert at.radio(key="s_odd").value == "bye"
    assert at.query_params["lam"] == ["0.5"] or at.query_params["lam"] == "0.5"
    code = [c.value for c in at.sidebar.code]
    assert any("lam=0.5" in c and "sample=coffee" in c for c in code)
    assert not any("@" in c for c in code)


def _upload(at: AppTest, data: bytes, name: str) -> AppTest:
    import hashlib
    at.session_state["source"] = {"kind": "upload", "name": name, "digest": hashlib.sha256(data).hexdigest()}
    at.session_state["upload_bytes"] = data
    at.session_state["mapping_override"] = {}
    return at


@pytest.mark.parametrize("data,name", [
    (b"", "empty.csv"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, "photo.csv"),
    (b"just a sentence, not a survey\n", "notes.csv"),
    (b"colour,size\nred,3\nblue,4\n", "wrong_columns.csv"),
    (b"PK\x03\x04" + b"\x00" * 200, "broken.xlsx"),
    (bytes(np.random.default_rng(0).integers(0, 256, 300_000, dtype=np.uint8)), "junk.csv"),
])
def test_bad_uploads_show_an_error_and_no_exception(data, name):
    at = new_app()
    at.run()
    _upload(at, data, name)
    at.switch_page("app_pages/upload.py").run()
    assert not at.exception, at.exception
    assert at.error, "a bad upload must end in st.error"
    at.switch_page("app_pages/pairing.py").run()
    assert not at.exception and at.error


def test_html_in_participant_text_is_shown_as_text():
    csv = ("Your name ,Which option best represents your role?,Tweet-sized summary of yourself\n"
           "<b>Bold</b> Person,Chief **Vibes** Officer,<script>alert(1)</script>\n"
           "Ana Silva,ML Engineer,I ship models\nBo Chen,Data Scientist,I like stats\n").encode()
    at = new_app()
    at.run()
    _upload(at, csv, "tiny.csv")
    at.switch_page("app_pages/pairing.py").run()
    assert not at.exception
    rendered = " ".join(str(getattr(e, "value", "")) for e in at.markdown) + " ".join(e.value for e in at.caption)
    assert "<script>" not in rendered and "<b>" not in rendered


def test_two_sessions_never_see_each_others_data():
    secret = ("Your name ,Which option best represents your role?,Tweet-sized summary of yourself\n"
              + "".join(f"Secretname{i} Q,ML Engineer,I build pipelines {i}\n" for i in range(6))).encode()
    one, two = new_app(), new_app()
    one.run()
    two.run()
    _upload(one, secret, "private.csv")
    df_one = export_table(one)
    assert df_one["name"].str.startswith("Secretname").all()
    df_two = export_table(two)
    assert not df_two["name"].str.contains("Secretname").any()
    assert len(df_two) == N_SAMPLE


def test_mentoring_sample_makes_mentor_pods():
    at = new_app(sample="mentoring")
    at.run()
    assert not at.exception
    df = export_table(at)
    assert df["id"].is_unique
    assert df["group_size"].max() >= 2


def test_column_mapping_override_rereads_the_survey():
    at = new_app()
    at.run()
    at.switch_page("app_pages/upload.py").run()
    roles_before = {m.label: m.value for m in at.metric}["Roles"]
    at.session_state["mapping_override"] = {"role": None}  # the organizer unmaps the role column
    at.run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert int(roles_before) > 1 and int(metrics["Roles"]) == 1
    assert int(metrics["Participants"]) == N_SAMPLE


def test_model_fallback_is_shown_on_every_page(monkeypatch):
    from matching.scoring import embedder as embedder_module

    def broken():
        raise OSError("weights not found")

    monkeypatch.setattr(embedder_module, "load_model", broken)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.query_params["sample"] = "mentoring"  # default text model (minilm), which cannot load here
    at.run()
    assert not at.exception, at.exception
    for page in ["app_pages/pairing.py", "app_pages/insights.py", "app_pages/export.py"]:
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
        assert any("could not be loaded" in w.value and "TF\\-IDF" in w.value for w in at.warning), page


def _decision_table():
    from ui.decisions import apply_edits  # noqa: F401  (import check)

    return pd.DataFrame({"lock": [False, True], "forbid": [False, False], "_ids": ["a;b", "c;d;e"]})


def test_ticking_lock_and_forbid_updates_the_decisions():
    from ui.decisions import apply_edits

    table = _decision_table()
    edited = table.copy()
    edited.loc[0, "lock"] = True          # lock a + b
    locked, blocked, changed = apply_edits(table, edited, [["c", "d"]], [])
    assert changed and sorted(map(sorted, locked)) == [["a", "b"], ["c", "d"]] and blocked == []
    edited = table.copy()
    edited.loc[1, "lock"] = False         # unlock c + d
    edited.loc[1, "forbid"] = True        # and forbid every pair of the triad
    locked, blocked, changed = apply_edits(table, edited, [["c", "d"]], [["x", "y"]])
    assert changed and locked == []
    assert sorted(map(tuple, blocked)) == [("c", "d"), ("c", "e"), ("d", "e"), ("x", "y")]
    assert apply_edits(table, table.copy(), [["c", "d"]], []) == ([["c", "d"]], [], False)
