"""Feedback files: columns found, people matched by id/email/name, every unusable row reported."""

import numpy as np
import pandas as pd
import pytest

from matching.learn.feedback import FEEDBACK_COLUMNS, LabelRule, from_store, read_feedback, summarise

from conftest import make_participants


@pytest.fixture
def people():
    return make_participants(8)


def _read(text: str, people, name="feedback.csv"):
    return read_feedback(text.encode(), people, filename=name)


def test_ids_emails_and_names_are_matched_case_insensitively(people):
    fb, issues = _read("Round,Rater,Partner,Rating,Met,Comment\n"
                       "1,p000,p001,5,yes,great chat\n"
                       "1,PERSON1@EXAMPLE.ORG,person 0,2,yes,\n"
                       "2,  Person   2 ,P003,no,yes,\n", people)
    assert list(fb.columns) == FEEDBACK_COLUMNS
    assert fb[["rater", "partner"]].values.tolist() == [["p000", "p001"], ["p001", "p000"], ["p002", "p003"]]
    assert fb["rating"].tolist() == [5.0, 2.0, 1.0]
    assert fb["round"].tolist() == [1, 1, 2]
    assert fb.loc[0, "comment"] == "great chat"
    assert not [i for i in issues if i.severity != "info"]


def test_every_unmatched_or_bad_row_is_reported_with_row_and_column(people):
    fb, issues = _read("round,rater,partner,rating\n"
                       "1,p000,p001,4\n"
                       "1,nobody@example.org,p001,4\n"   # row 3: unknown rater
                       "1,p002,Ghost Person,4\n"         # row 4: unknown partner
                       "1,p002,p003,11\n"                # row 5: rating out of range
                       "x,p004,p005,3\n"                 # row 6: bad round
                       "1,p004,p004,3\n", people)        # row 7: self
    assert len(fb) == 1
    by_row = {i.row: i for i in issues if i.severity == "warning"}
    assert set(by_row) == {3, 4, 5, 6, 7}
    assert by_row[3].column == "rater" and "nobody@example.org" in by_row[3].message
    assert by_row[4].column == "partner" and "Ghost Person" in by_row[4].message
    assert by_row[5].column == "rating"


def test_ambiguous_names_are_not_guessed(people):
    people = people.copy()
    people.loc[1, "name"] = "Person 0"
    fb, issues = _read("round,rater,partner,rating\n1,Person 0,p002,5\n", people)
    assert fb.empty
    assert any("names 2 participants" in i.message for i in issues)


def test_missing_columns_are_fatal_with_the_columns_found(people):
    fb, issues = _read("who,colour\np000,red\n", people)
    assert fb.empty
    fatal = [i for i in issues if i.severity == "fatal"]
    assert fatal and "partner" in fatal[0].message and "colour" in fatal[0].message


def test_xlsx_upload_is_read(people, tmp_path):
    path = tmp_path / "fb.xlsx"
    pd.DataFrame({"round": [1, 2], "rater": ["p000", "p001"], "partner": ["p001", "p000"],
                  "rating": ["yes", "no"]}).to_excel(path, index=False)
    fb, issues = read_feedback(path, people)
    assert fb["rating"].tolist() == [5.0, 1.0]


def test_label_rule_default_and_configurable():
    fb = pd.DataFrame({"round": [1] * 5, "rater": list("abcde"), "partner": list("bcdea"),
                       "rating": [5.0, 4.0, 3.0, np.nan, 5.0], "met": [True, np.nan, True, False, False],
                       "comment": [""] * 5})
    assert LabelRule().label(fb).tolist()[:4] == [1.0, 1.0, 0.0, 0.0]
    assert LabelRule().label(fb).iloc[4] == 0.0            # did not meet: not a good meeting
    strict = LabelRule(min_rating=5).label(fb)
    assert strict.iloc[1] == 0.0
    lenient = LabelRule(require_met=False).label(fb)
    assert np.isnan(lenient.iloc[3]) and np.isnan(lenient.iloc[4])
    with pytest.raises(ValueError, match="'min_rating' setting must be a number between 1 and 5"):
        LabelRule(min_rating=7)
    assert summarise(fb, LabelRule())["good"] == 2


def test_store_contract_rows_outside_the_survey_are_reported(people):
    stored = pd.DataFrame({"round": [1, 1], "rater": ["p000", "zz9"], "partner": ["p001", "p000"],
                           "rating": [5.0, 4.0], "met": [True, True], "comment": ["", None]})
    fb, issues = from_store(stored, people)
    assert fb[["rater", "partner"]].values.tolist() == [["p000", "p001"]]
    assert any("not in this survey" in i.message for i in issues)


def test_duplicate_answers_keep_the_last(people):
    fb, issues = _read("round,rater,partner,rating\n1,p000,p001,2\n1,p000,p001,5\n", people)
    assert fb["rating"].tolist() == [5.0]
    assert any("repeat" in i.message for i in issues)
