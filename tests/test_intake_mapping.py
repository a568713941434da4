"""matching.intake.mapping: headers AND values -> fields, with confidence, reasons and vetoes (issue 7)."""

from __future__ import annotations

import csv
import io
import random
import sys

import pandas as pd
import pytest

from matching.intake import describe_program, load_survey, map_columns
from matching.intake.mapping import LOW_CONFIDENCE

CAPACITY_Q = "How many students would you like to mentor?"
SUBDISC_Q = "Which sub-discipline (s) would represent yours the most? You can select more than one."
ESSAY_Q = "In 1-2 sentences, describe your career path and future goals"
SKILL_RATING_Q = "Please rate the importance of the following in a mentoring relationship [skill development]"
SLACK_Q = "Are you in the Graduate Slack Workspace?"
WORKSHOP_Q = "Which workshop topics would interest you?"


def to_csv(header: list[str], rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def grad_form(seed: int = 3) -> bytes:
    """A graduate peer-mentoring Google Form like the one in issue 7 (fabricated answers)."""
    rng = random.Random(seed)
    header = ["Timestamp", "Email Address", "What is your name?", "Are you signing up to be a mentor or a mentee?",
              CAPACITY_Q, SUBDISC_Q, ESSAY_Q, "Do you have any preferences for matching with your mentor?",
              "Please rate the importance of the following in a mentoring relationship [research]", SKILL_RATING_Q,
              SLACK_Q, WORKSHOP_Q]
    subs = ["Ecology", "Evolution", "Genetics", "Microbiology", "Neuroscience", "Cell Biology"]
    scale = ["Very important", "Important", "Moderately important", "Slightly important", "Not important"]
    essays = ["I came from industry and want to move into academic research on microbes, then teach.",
              "After the PhD I hope to work in biotech as a scientist on gene therapy.",
              "I plan to become faculty at a primarily undergraduate institution and mentor students.",
              "Field ecologist turning into a data person; I want a policy job in conservation later."]
    rows = []
    for i in range(33):
        mentor = i < 14
        rows.append([f"9/{1 + i % 28}/2023 10:{i:02d}:00", str(i + 1), f"Person {chr(65 + i % 26)}{i}",
                     "Mentor" if mentor else "Mentee", str(rng.choice([1, 2, 2, 3])) if mentor else "",
                     ", ".join(rng.sample(subs, rng.choice([1, 2]))), rng.choice(essays),
                     rng.choice(["Someone in my sub-discipline", "No preference", "Someone outside academia", ""]),
                     rng.choice(scale), rng.choice(scale), rng.choice(["Yes", "No"]),
                     rng.choice(["Grant writing, Networking", "Job talks", "Networking", "Grant writing, Job talks"])])
    return to_csv(header, rows)


def test_grad_form_capacity_is_read_with_a_reason():
    survey = load_survey(grad_form())
    assert survey.ok
    assert survey.mapping["capacity"] == CAPACITY_Q and survey.mapping["side"].startswith("Are you signing up")
    confidence, reason = survey.mapping_info["capacity"]
    assert confidence >= LOW_CONFIDENCE
    assert "How many students would you like to mentor?" in reason and "values 1–3" in reason
    p = survey.participants
    offered = int(p.loc[p["side"] == "mentor", "capacity"].sum())
    assert offered > 14  # mentors offered more than one place each on average
    assert describe_program(p) == f"Mentoring: 14 mentors offering {offered} places, 19 mentees"


def test_grad_form_vetoes_nonsense_mappings():
    survey = load_survey(grad_form())
    fields_of = {h: f for f, h in {**survey.mapping, **survey.aux_mapping}.items()}
    assert fields_of.get(ESSAY_Q) not in ("company", "role", "skills")
    assert SKILL_RATING_Q not in fields_of and "importance scale" in survey.column_notes[SKILL_RATING_Q]
    assert SLACK_Q not in fields_of and "yes/no" in survey.column_notes[SLACK_Q]
    assert WORKSHOP_Q not in fields_of and "about the program" in survey.column_notes[WORKSHOP_Q]
    assert fields_of.get("Email Address") != "email"


def test_integer_email_column_is_not_email_and_gives_no_per_row_warnings():
    survey = load_survey(grad_form())
    assert survey.mapping.get("email") != "Email Address"
    assert not [i for i in survey.issues if "not a valid email" in i.message]
    assert survey.mapping.get("id") == "Email Address"  # anonymised 1, 2, 3 ...: one per person, so the id
    assert "ids" in survey.mapping_info["id"].reason


def test_unmapped_multiselect_is_offered_as_a_tag_signal_by_default():
    survey = load_survey(grad_form())
    suggestion = survey.column_suggestions[SUBDISC_Q]
    assert suggestion.use == "tags" and suggestion.default_on
    assert survey.column_suggestions[SKILL_RATING_Q].use == "closeness"
    assert not survey.column_suggestions[WORKSHOP_Q].default_on  # about the event, not the person


def test_open_roles_keep_their_label_so_two_prompt_designers_match():
    header = ["Your name ", "Which option best represents your role?", "Do you have a preference on who your buddy should be?"]
    rows = [["Ana", "Prompt Designer", "My Buddy should be in a similar role as me"],
            ["Bo", "prompt designer", "My Buddy should be in a similar role as me"],
            ["Cy", "Product Designer", "No preference"], ["Di", "ML Engineer", "No preference"]]
    survey = load_survey(to_csv(header, rows))
    p = survey.participants
    assert p["role"].tolist() == ["Prompt Designer", "Prompt Designer", "Product Designer", "ML Engineer"]
    assert "Other" not in p["role"].tolist()
    assert describe_program(p) == "Peer round: 4 people, 3 roles"


def test_trailing_space_headers_and_pandas_index_column():
    frame = pd.DataFrame({"Your name ": ["Ana", "Bo", "Cy"], "Where do you work? ": ["Acme", "Initech", "Hooli"],
                          "Tweet-sized summary": ["I ship models", "I like graphs", "Data plumbing"]})
    data = frame.to_csv().encode()  # pandas writes its index as a first column with an empty header
    survey = load_survey(data)
    assert survey.mapping["name"] == "Your name " and survey.mapping["company"] == "Where do you work? "
    assert not any(c.startswith(("Unnamed", "Column A")) for c in survey.participants.columns)
    assert any("only numbers the rows" in i.message for i in survey.issues)
    reread = pd.read_csv(io.BytesIO(data))  # the same file read back by pandas: "Unnamed: 0"
    survey2 = load_survey(reread)
    assert "Unnamed: 0" not in survey2.participants.columns and "Unnamed: 0" not in survey2.extra_columns


@pytest.mark.parametrize("header, expected", [
    (["Nombre completo", "Correo electrónico", "¿Dónde vives?", "Puesto", "Años de experiencia",
      "¿Qué buscas en tu pareja de café?", "Marca temporal"],
     ["name", "email", "location", "role", "years_experience", "wants", "submitted_at"]),
    (["Vorname", "Nachname", "E-Mail-Adresse", "Wohnort", "Berufsbezeichnung", "Über mich",
      "Worüber würdest du gerne sprechen?", "Zeitstempel"],
     ["first_name", "last_name", "email", "location", "role", "summary", "interests", "submitted_at"]),
    (["Prénom", "Nom", "Adresse e-mail", "Ville", "Poste", "Entreprise", "Centres d'intérêt", "Horodateur"],
     ["first_name", "last_name", "email", "location", "role", "company", "interests", "submitted_at"]),
])
def test_spanish_german_french_headers(header, expected):
    mapped = map_columns(header).fields
    assert {h: f for f, h in mapped.items()} == dict(zip(header, expected))


def test_every_mapped_field_has_confidence_and_reason_and_weak_ones_are_flagged():
    header = ["Full name", "Employer name", "Home base city", "Email"]
    rows = [["Ana Silva", "Acme", "Berlin", "ana@example.org"], ["Bo Chen", "Initech", "Paris", "bo@example.org"],
            ["Cy Diaz", "Hooli", "Lagos", "cy@example.org"]]
    survey = load_survey(to_csv(header, rows))
    assert set(survey.mapping_info) == set(survey.mapping) | set(survey.aux_mapping)
    for f, (confidence, reason) in survey.mapping_info.items():
        assert 0 < confidence <= 1 and reason and "\n" not in reason, f
    assert survey.mapping_info["name"].confidence > survey.mapping_info["email"].confidence - 0.2
    weak = map_columns(["Name", "Your home base"]).info
    if "location" in weak:  # only a resemblance: it must be flagged for the organizer to confirm
        assert weak["location"].low


def test_override_wins_and_says_so():
    header = ["Name", "Employer", "Notes"]
    rows = [["Ana", "Acme", "likes graphs"], ["Bo", "Initech", "likes tea"], ["Cy", "Hooli", "likes cats"]]
    survey = load_survey(to_csv(header, rows), mapping={"summary": "Notes"})
    assert survey.mapping["summary"] == "Notes"
    assert survey.mapping_info["summary"] == (1.0, "column 'Notes' picked by the organizer")


def test_an_essay_under_a_company_header_is_not_the_company():
    essays = ["I work at a small lab where we study soil microbes and I would love to move into industry soon.",
              "Currently between jobs after eight years in logistics; I am retraining as a data analyst now.",
              "A hospital system in the Midwest, on the analytics team that builds staffing forecasts daily."]
    survey = load_survey(to_csv(["Name", "Company"], [["Ana", essays[0]], ["Bo", essays[1]], ["Cy", essays[2]]]))
    assert "company" not in survey.mapping
    assert "words" in survey.column_notes["Company"]


def test_mapping_never_loads_the_sentence_model():
    before = "sentence_transformers" in sys.modules
    load_survey(grad_form())
    assert ("sentence_transformers" in sys.modules) == before


def test_a_loaded_sentence_model_adds_evidence_but_never_overrules_keywords(monkeypatch):
    import types

    import numpy as np

    class FakeModel:  # stands in for the packaged model another screen has loaded
        calls = 0

        def encode(self, texts, normalize_embeddings=True, show_progress_bar=False):
            FakeModel.calls += 1
            vecs = np.array([[1.0, 0.0] if ("based" in t or "city" in t or "home" in t) else [0.0, 1.0]
                             for t in texts])
            return vecs / np.linalg.norm(vecs, axis=1, keepdims=True)

    fake = types.ModuleType("matching.scoring.embedder")
    fake._MODEL = FakeModel()
    monkeypatch.setitem(sys.modules, "matching.scoring.embedder", fake)
    mapped = map_columns(["Name", "Email", "Where is home for you these days"])
    assert FakeModel.calls > 0
    assert mapped.fields["name"] == "Name" and mapped.fields["email"] == "Email"
    assert mapped.fields.get("location") == "Where is home for you these days"
    assert mapped.info["location"].low  # a resemblance only: flagged for the organizer to confirm


def test_pandas_index_of_a_filtered_frame_is_still_an_index():
    frame = pd.DataFrame({"Name": ["Ana", "Bo", "Cy", "Di"], "City": ["Berlin", "Paris", "Lagos", "Lima"]})
    data = frame[frame["Name"] != "Bo"].to_csv().encode()  # index 0, 2, 3
    survey = load_survey(pd.read_csv(io.BytesIO(data)))
    assert "Unnamed: 0" not in survey.participants.columns and survey.participants["name"].tolist() == ["Ana", "Cy", "Di"]
