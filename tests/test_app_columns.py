"""AppTest: the form's own columns as signals (sidebar weight sliders) and rules (Upload page)."""

import hashlib
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from matching.settings import Settings
from ui.data import ROOT

FORMS = Path(__file__).resolve().parent / "data" / "forms"
TIMEOUT = 180


def _app_with(path: Path, **params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.query_params["emb"] = "tfidf"
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    data = path.read_bytes()
    at.session_state["source"] = {"kind": "upload", "name": path.name, "digest": hashlib.sha256(data).hexdigest()}
    at.session_state["upload_bytes"] = data
    at.session_state["mapping_override"] = {}
    at.switch_page("app_pages/upload.py").run()
    assert not at.exception, at.exception
    return at


def _export(at: AppTest) -> pd.DataFrame:
    at.switch_page("app_pages/export.py").run()
    assert not at.exception, at.exception
    return at.dataframe[0].value


def test_multi_select_column_gets_a_sidebar_slider_with_zero_clicks():
    at = _app_with(FORMS / "google_forms_grad_mentoring.csv")
    keys = [s.key for s in at.sidebar.slider]
    col_keys = [k for k in keys if k.startswith("w_col::") and "sub-discipline" in k.lower()]
    assert col_keys, keys
    box = at.checkbox(key="colsig::" + col_keys[0].split("::", 1)[1])
    assert box.value is True
    # Moving the slider makes the choice explicit and it reaches the settings (and the share link).
    at.slider(key=col_keys[0]).set_value(0.8).run()
    assert not at.exception
    settings: Settings = at.session_state["settings"]
    column = col_keys[0].split("::", 1)[1]
    assert settings.column_signals and settings.weights[column] == 0.8
    assert "cw" in at.query_params and "cs" in at.query_params


def test_one_click_signal_and_rule_on_the_upload_page():
    at = _app_with(FORMS / "hr_onboarding_buddies.xlsx")
    box = at.checkbox(key="colsig::Department")
    assert box.value is False
    box.check().run()
    assert not at.exception
    assert any(s.key == "w_col::Department" for s in at.sidebar.slider)
    at.selectbox(key="colrule::Department").set_value("never_same").run()
    assert not at.exception
    settings: Settings = at.session_state["settings"]
    assert settings.column_signals["Department"] == "same" and settings.column_rules == {"Department": "never_same"}
    df = _export(at)
    dept = dict(zip(df["id"], df["Department"]))
    for pid, partners in zip(df["id"], df["partner_ids"]):
        for other in filter(None, str(partners).split("; ")):
            assert dept[pid] != dept[other]
    # The share link names the column, never an answer.
    link = " ".join(str(v) for v in at.query_params.values())
    assert "Department" in link and "Finance" not in link and "Engineering" not in link


def test_share_link_restores_column_rules():
    at = _app_with(FORMS / "hr_onboarding_buddies.xlsx", cr='{"Team":"never_same"}')
    assert at.selectbox(key="colrule::Team").value == "never_same"
    assert at.session_state["settings"].column_rules == {"Team": "never_same"}
