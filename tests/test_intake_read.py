"""matching.intake.read: DataFrame input and the table reader's edge cases."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from matching.intake import load_survey, read_frame

SAMPLE = Path(__file__).resolve().parents[1] / "sample_data" / "coffee_round.csv"


def test_load_survey_accepts_a_dataframe_and_reads_it_like_the_file():
    from_file = load_survey(SAMPLE)
    frame = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    from_frame = load_survey(frame)
    assert from_frame.ok and from_file.ok
    assert from_frame.mapping == from_file.mapping
    pd.testing.assert_frame_equal(from_frame.participants, from_file.participants)
    assert [i.message for i in from_frame.issues] == [i.message for i in from_file.issues]


def test_dataframe_cells_are_read_as_text_like_a_spreadsheet():
    frame = pd.DataFrame({"Name": ["Ana", "Bo", None], "Mentees": [2.0, np.nan, 3.0],
                          "Email": ["ana@example.org", "bo@example.org", "cy@example.org"]},
                         index=[10, 20, 30])
    table, digest, issues = read_frame(frame)
    assert table.index.tolist() == [2, 3, 4]
    assert table["Mentees"].tolist() == ["2", "", "3"] and table["Name"].tolist() == ["Ana", "Bo", ""]
    assert len(digest) == 64 and not issues
    survey = load_survey(frame)
    assert survey.ok and survey.participants["name"].tolist()[:2] == ["Ana", "Bo"]


def test_dataframe_content_hash_depends_on_the_data_only():
    a = pd.DataFrame({"Name": ["Ana", "Bo"]})
    b = pd.DataFrame({"Name": ["Ana", "Bo"]}, index=[5, 6])
    c = pd.DataFrame({"Name": ["Ana", "Cy"]})
    assert load_survey(a).content_hash == load_survey(b).content_hash != load_survey(c).content_hash
