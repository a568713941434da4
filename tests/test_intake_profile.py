"""matching.intake.profile: what kind of answers a column holds, and the suggested use of unmapped columns."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.intake.profile import KINDS, column_kind, profile_columns

ESSAYS = ["I started in physics and moved to ML; I want to lead a research group one day.",
          "After my PhD I hope to work in industry on climate models and mentor others.",
          "Career path: teacher, then data analyst. Goal: become a data scientist in health.",
          "I want to become faculty at a teaching-focused university near my family."]


@pytest.mark.parametrize("values, kind", [
    (ESSAYS, "free_text"),
    (["Ecology, Evolution", "Ecology", "Genetics, Ecology", "Evolution", "Microbiology, Genetics"], "multi_choice"),
    (["A;B;", "B;C;", "A;", "C;A;"], "multi_choice"),
    (["Very important", "Somewhat important", "Not important", "Very important", "Important"], "ordinal"),
    (["Agree", "Strongly agree", "Disagree", "Neutral", "Agree"], "ordinal"),
    (["1st year", "2nd year", "4th year", "Masters", "PhD", "1st year"], "ordinal"),
    (["1 - 3 Years of Experience", "10+ Years of Experience", "Less than 1 year"], "ordinal"),
    (["1", "2", "3", "2", "1", "", ""], "ordinal"),
    (["35", "120", "48", "77", "12.5"], "number"),
    ([str(i) for i in range(1, 34)], "id_like"),
    (["R_1a2b3c", "R_2x9y8z", "R_7k6j5h", "R_4q3w2e", "R_0p9o8i"], "id_like"),
    (["Yes", "No", "Yes", "Yes, I'm in the workspace", "No"], "yes_no"),
    (["Sí", "No", "Sí"], "yes_no"),
    (["Mentor", "Mentee", "Mentee", "Mentor", "Mentee"], "single_choice"),
    (["Engineering", "Sales", "Engineering", "HR", "Sales", "Engineering"], "single_choice"),
    (["2024-03-01 14:22:10", "2024-03-02 09:00:00", "3/4/2024 10:00:00"], "date"),
    (["ana@example.org", "bo@example.com", ""], "email"),
    (["https://www.linkedin.com/in/ana", "linkedin.com/in/bo", "www.example.com"], "url"),
    (["@ana", "@bo", "@cy.z"], "handle"),
    (["", " ", None, float("nan")], "empty"),
])
def test_column_kind(values, kind):
    assert column_kind(values).kind == kind


def test_ordinal_order_and_ranks():
    p = column_kind(["Agree", "Strongly agree", "Strongly disagree", "Neutral", "Disagree"])
    assert p.order == ("Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree")
    assert p.rank("strongly agree") == 1.0 and p.rank("Strongly disagree") == 0.0 and p.rank("Neutral") == 0.5
    importance = column_kind(["Very important", "Unimportant", "Moderately important", "Very important"])
    assert importance.order[0] == "Unimportant" and importance.order[-1] == "Very important"


def test_small_integer_range_and_description():
    p = column_kind(["1", "2", "5", "3", "4", "2"])
    assert p.value_range == (1.0, 5.0) and p.integer and p.describe() == "values 1–5"
    assert p.rank("3") == 0.5


def test_multi_choice_separator_and_split():
    p = column_kind(["NLP, Vision", "Vision", "NLP, RL", "RL", "Vision, RL"])
    assert p.separator == ", " and set(p.options) == {"NLP", "Vision", "RL"}
    assert p.split("NLP, RL") == ["NLP", "RL"] and p.split("") == []


def test_prose_with_commas_is_not_multi_choice():
    essays = ["I like running, cooking, and long walks with my dog in the hills near town.",
              "Backend developer, mostly Go, some Python; moving into data engineering this year.",
              "Curious about people, products, and how teams decide what to build next quarter.",
              "Teacher, then analyst, now a junior data scientist working on churn models."]
    assert column_kind(essays).kind == "free_text"


def test_profile_columns_suggests_uses_and_skips_mapped_and_private_columns():
    frame = pd.DataFrame({
        "Name": ["Ana", "Bo", "Cy", "Dee"],
        "Unnamed: 0": ["0", "1", "2", "3"],
        "Sub-discipline(s)": ["Ecology, Evolution", "Ecology", "Genetics, Ecology", "Evolution, Genetics"],
        "Department": ["Bio", "Chem", "Bio", "Chem"],
        "Rate the importance [research]": ["Very important", "Important", "Not important", "Important"],
        "Career goals": ESSAYS,
        "Hours per week": ["2", "15", "40", "7.5"],
        "Slack?": ["Yes", "No", "Yes", "No"],
        "LinkedIn": ["linkedin.com/in/a", "linkedin.com/in/b", "linkedin.com/in/c", "linkedin.com/in/d"],
    })
    out = profile_columns(frame, {"name": "Name"})
    assert "Name" not in out
    uses = {c: s.use for c, s in out.items()}
    assert uses == {"Unnamed: 0": "ignore", "Sub-discipline(s)": "tags", "Department": "same",
                    "Rate the importance [research]": "closeness", "Career goals": "embed", "Hours per week": "gap",
                    "Slack?": "ignore", "LinkedIn": "ignore"}
    assert out["Sub-discipline(s)"].default_on and not out["Department"].default_on
    assert "suggested: tag overlap" in out["Sub-discipline(s)"].reason


def test_profile_columns_on_participants_table_skips_canonical_columns():
    from matching.intake import load_survey

    csv = b"Name,Email,Clusters\nAna,a@x.org,\"ML, Data\"\nBo,b@x.org,\"ML\"\nCy,c@x.org,\"Data, Ops\"\n"
    survey = load_survey(csv)
    out = profile_columns(survey.participants, survey.mapping)
    assert list(out) == ["Clusters"] and out["Clusters"].use == "tags"


def test_profiling_many_columns_is_bounded():
    frame = pd.DataFrame({f"Q{j}": [f"answer {i % 7}" for i in range(3000)] for j in range(200)})
    out = profile_columns(frame)
    assert len(out) == 200 and all(s.profile.total == 1000 for s in out.values())


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=40), st.none(), st.floats(allow_nan=True), st.integers()), max_size=30))
def test_column_kind_never_raises(values):
    p = column_kind(values)
    assert p.kind in KINDS and p.filled <= p.total
    for v in values:
        p.rank("" if v is None else str(v))
        p.split("" if v is None else str(v))
