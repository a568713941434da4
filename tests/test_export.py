import io
import zipfile

import pandas as pd
from openpyxl import load_workbook

from matching.report.export import conversation_starter, intro_zip, safe_cell, to_csv_bytes, to_xlsx_bytes


def test_formula_injection_is_neutralised_but_numbers_stay_numbers():
    assert safe_cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    for bad in ["+1+1", "-2+3", "@SUM(A1)", "\t=1"]:
        assert safe_cell(bad).startswith("'")
    assert safe_cell("Ana") == "Ana" and safe_cell(-0.5) == -0.5


def test_csv_and_xlsx_are_safe_to_open():
    df = pd.DataFrame({"name": ["=cmd|' /C calc'!A0", "Zoë"], "group_score": [0.5, -0.1]})
    csv = to_csv_bytes(df)
    assert csv.startswith(b"\xef\xbb\xbf")  # BOM: Excel shows accents
    back = pd.read_csv(io.BytesIO(csv), encoding="utf-8-sig")
    assert back["name"][0].startswith("'=") and back["name"][1] == "Zoë"
    wb = load_workbook(io.BytesIO(to_xlsx_bytes({"participants": df, "groups": df})))
    assert wb.sheetnames == ["participants", "groups"]
    ws = wb["participants"]
    assert ws["A2"].value.startswith("'=") and ws["A2"].data_type == "s"
    assert ws["B3"].value == -0.1


def test_intro_zip_has_one_file_per_group_and_an_all_in_one():
    z = zipfile.ZipFile(io.BytesIO(intro_zip({"G001": "hi", "G002": "hello"})))
    assert sorted(z.namelist()) == ["G001.md", "G002.md", "all_intros.md"]


def test_conversation_starter_uses_shared_interests():
    assert "kubernetes" in conversation_starter(["kubernetes"], [])
    assert "mentor" in conversation_starter([], ["a mentor in data"])


def test_xlsx_export_survives_control_characters_and_says_nothing_about_them():
    import io

    df = pd.DataFrame({"name\x07": ["Ana\x07 Silva", "Bo\x0bChen", "Cy\x00"], "score": [1.0, 2.0, 3.0]})
    data = to_xlsx_bytes({"participants": df, "bad\x1fname": df})
    back = pd.read_excel(io.BytesIO(data), sheet_name=None)
    sheet = back["participants"]
    assert list(sheet.columns) == ["name ", "score"]
    assert sheet["name "].tolist() == ["Ana  Silva", "Bo Chen", "Cy "]
    assert sheet["score"].tolist() == [1.0, 2.0, 3.0]
