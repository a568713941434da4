"""Upload & map (issue 7 mapping screen; issue 11 #19 wording): the mapping table, the program line,
an editable mapping, the index column, and what a fatal file leaves on the page."""

import hashlib

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from matching.intake.mapping import FieldInfo
from matching.issues import Issue
from matching.report import plots
from ui import mapping_view
from tests.app_helpers import new_app


def upload_page(at: AppTest, data: bytes | None = None, name: str = "survey.csv") -> AppTest:
    if data is not None:
        at.session_state["source"] = {"kind": "upload", "name": name, "digest": hashlib.sha256(data).hexdigest()}
        at.session_state["upload_bytes"] = data
        at.session_state["mapping_override"] = {}
    at.switch_page("app_pages/upload.py").run()
    assert not at.exception, at.exception
    return at


def mapping_editor(at):
    return next(d for d in at.data_editor if str(d.key).startswith("mapping_editor_"))


def test_header_labels_show_edge_spaces_and_blank_headers():
    assert mapping_view.header_label("Your name ") == "Your name␣"
    assert mapping_view.header_label("  Where") == "␣␣Where"
    assert mapping_view.header_label("") == "(blank header)"
    assert mapping_view.header_label("Role") == "Role"


def test_mapping_table_has_confidence_reason_preview_and_no_blank_column_cells():
    at = upload_page(new_app())
    table = mapping_editor(at).value
    assert {"field", "column", "confidence", "reason", "preview", "check"} <= set(table.columns)
    row = table[table["field"] == "name"].iloc[0]
    assert row["column"] == "Your name␣"  # the coffee sample's header ends in a space
    assert row["confidence"] > 0.5 and "Your name" in row["reason"]
    assert (table["column"].str.strip() != "").all()
    assert table.loc[table["field"] == "email", "preview"].iloc[0] == "(private — not shown)"
    assert any(s.value.startswith("Peer round: 121 people") or "Peer round" in s.value for s in at.success)


def test_low_confidence_fields_are_flagged_until_confirmed():
    class S:
        mapping = {"name": "Name", "company": "Where"}
        aux_mapping, extra_columns = {}, []
        participants = pd.DataFrame(columns=["name", "company"])
        mapping_info = {"name": FieldInfo(0.95, "usual name"), "company": FieldInfo(0.4, "weak: 'where'")}

    raw = pd.DataFrame({"Name": ["A"], "Where": ["Acme"], "Unnamed: 0": ["0"]})
    table, labels = mapping_view.rows(S, raw, set())
    flags = dict(zip(table["field"], table["check"]))
    assert flags["company"].startswith("⚠") and flags["name"] == "✓"
    assert flags[mapping_view.INDEX_FIELD] == "✓"  # the index column is recognised
    table, _ = mapping_view.rows(S, raw, {"company"})
    assert dict(zip(table["field"], table["check"]))["company"] == "✓"


def test_editing_the_mapping_in_the_table_rereads_the_survey():
    at = upload_page(new_app())
    roles_before = int({m.label: m.value for m in at.metric}["Roles"])
    editor = mapping_editor(at)
    role_row = int(editor.value.index[editor.value["field"] == "role"][0])
    at.session_state[editor.key] = {"edited_rows": {role_row: {"column": mapping_view.NONE}}, "added_rows": [],
                                    "deleted_rows": []}
    at.run()
    assert not at.exception, at.exception
    assert roles_before > 1 and int({m.label: m.value for m in at.metric}["Roles"]) == 1
    assert at.session_state["mapping_override"]["role"] is None


def test_index_column_is_shown_as_recognised_and_not_exported():
    csv = (",Your name ,Which option best represents your role?,Tweet-sized summary of yourself\n"
           + "".join(f"{i},Person{i} Q,ML Engineer,I build pipelines number {i}\n" for i in range(6))).encode()
    at = new_app()
    at.run()
    upload_page(at, csv.replace(b",Your", b"Unnamed: 0,Your", 1))
    table = mapping_editor(at).value
    idx = table[table["field"] == mapping_view.INDEX_FIELD]
    assert len(idx) == 1 and idx.iloc[0]["column"] == "Unnamed: 0" and "not exported" in idx.iloc[0]["reason"]
    at.switch_page("app_pages/export.py").run()
    assert "Unnamed: 0" not in at.dataframe[0].value.columns


def test_mentoring_upload_states_the_program():
    at = new_app(sample="mentoring")
    at.run()
    upload_page(at)
    assert any(s.value.startswith("Mentoring:") and "mentors offering" in s.value for s in at.success)


def test_fake_xlsx_is_named_and_a_fatal_file_leaves_no_empty_grid():
    prose = b"Dear team, thank you all for coming to the meeting yesterday and for the lovely cake we had.\n" * 3
    at = new_app()
    at.run()
    upload_page(at, prose, "responses.xlsx")
    assert at.error and "not a real Excel file" in at.error[0].value
    assert not any("FATAL" in e.value for e in at.error)
    headers = [h.value for h in at.subheader]
    assert "Column mapping" not in headers and "Validation report" not in headers
    # The all-'(not used)' grid is folded away; picking columns by hand stays possible.
    assert any(e.label == "Pick the columns by hand" for e in at.expander)


def test_file_level_notes_never_say_row_none():
    table = mapping_view.issue_rows([Issue("info", "No column was found for: skills."), Issue("warning", "x", "fix", 5, "Col ")])
    assert table["row"].tolist() == ["", "5"] and "None" not in table.to_string()


@pytest.mark.parametrize("counts", [pd.Series([40, 3], index=["ML Engineer", "Student"])])
def test_role_bars_have_horizontal_labels_outside(counts):
    bar = plots.count_bars(counts, "Roles").data[0]
    assert bar.textposition == "outside" and bar.textangle == 0


def test_settings_file_errors_carry_no_severity_prefix():
    from ui.session import settings_from_file

    settings, errors = settings_from_file(b'{"locked": 5}')
    assert settings is None and errors and not any(e.startswith(("FATAL", "WARNING")) for e in errors)
