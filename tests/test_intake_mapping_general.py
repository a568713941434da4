"""General mapping rules that let Pairwise read forms it was never tuned on.

Every header here is invented for the test (not copied from a corpus form): each test checks a
class of headers or values - a language, an HR report, a sub-field suffix, a group path, a column
recognised from its values - and the nonsense the same rule must not produce.
"""

from __future__ import annotations

import io

import pandas as pd
import pytest

from matching.intake.mapping import map_columns
from matching.intake.mapping_values import looks_like_person_name, person_name_share
from matching.intake.normalise import _side, _years_from_text
from matching.intake.profile import column_kind
from matching.intake.read import read_table

PEOPLE = ["Joana Ribeiro", "Pieter de Vries", "Giulia Conti", "Marco Bianchi", "Femke Jansen", "Ana Lima",
          "Tomás Ferreira", "Sanne Bakker", "Luca Ricci", "Beatriz Costa"]
EMAILS = [f"person{i}@example.org" for i in range(10)]
STAMPS = [f"2024-05-{d:02d} 1{d % 10}:0{d % 6}:{d + 10}" for d in range(1, 11)]


def _map(columns: dict[str, list[str]]) -> dict[str, str]:
    table = pd.DataFrame(columns, dtype=object)
    return map_columns(list(table.columns), table).fields


@pytest.mark.parametrize("headers, expected", [
    # Portuguese
    ({"Data/hora do envio": STAMPS, "Seu nome": PEOPLE, "E-mail para contato": EMAILS,
      "Em qual cidade você mora?": ["Salvador"] * 10, "Quais são seus objetivos com o programa?": ["crescer na carreira"] * 10},
     {"submitted_at": "Data/hora do envio", "name": "Seu nome", "email": "E-mail para contato",
      "location": "Em qual cidade você mora?", "wants": "Quais são seus objetivos com o programa?"}),
    # Italian
    ({"Inviato il": STAMPS, "Il tuo nome": PEOPLE, "Indirizzo di posta elettronica": EMAILS, "Città di residenza": ["Genova"] * 10,
      "Da quanti anni lavori nel settore?": ["3", "5", "12", "1", "7", "2", "9", "4", "6", "8"]},
     {"submitted_at": "Inviato il", "name": "Il tuo nome", "email": "Indirizzo di posta elettronica", "location": "Città di residenza",
      "years_experience": "Da quanti anni lavori nel settore?"}),
    # Dutch
    ({"Volledige naam": PEOPLE, "E-mailadres": EMAILS, "Woonplaats": ["Leiden"] * 10,
      "Wat verwacht je van je maatje?": ["samen wandelen en praten"] * 10,
      "Hoeveel jaren ervaring heb je?": ["2", "4", "6", "1", "3", "8", "10", "5", "7", "9"]},
     {"name": "Volledige naam", "email": "E-mailadres", "location": "Woonplaats",
      "wants": "Wat verwacht je van je maatje?", "years_experience": "Hoeveel jaren ervaring heb je?"}),
])
def test_portuguese_italian_and_dutch_headers(headers, expected):
    got = _map(headers)
    for field, header in expected.items():
        assert got.get(field) == header, (field, got)


@pytest.mark.parametrize("question", ["Quantos mentorados você pode acompanhar?", "Quante persone potresti seguire?",
                                      "Hoeveel mensen wil je begeleiden?", "How many families could you host?"])
def test_capacity_questions_in_any_language(question):
    sides = ["Mentor"] * 5 + ["Mentee"] * 5
    got = _map({"Name": PEOPLE, "Mentor or mentee?": sides, question: ["2", "1", "3", "2", "1"] + [""] * 5})
    assert got.get("capacity") == question


def test_how_many_about_something_else_is_not_a_capacity():
    got = _map({"Name": PEOPLE, "How many times a week do you train?": ["3", "2", "4", "1", "5"] * 2})
    assert "capacity" not in got


def test_capacity_recognised_from_values_answered_only_by_mentors():
    sides = ["Mentor"] * 4 + ["Mentee"] * 6
    got = _map({"Name": PEOPLE, "Mentor or mentee?": sides, "Q12": ["2", "3", "1", "2"] + [""] * 6})
    assert got.get("capacity") == "Q12"
    # The same numbers answered by everyone say nothing about places offered.
    assert "capacity" not in _map({"Name": PEOPLE, "Mentor or mentee?": sides, "Q12": ["2", "3", "1", "2", "1"] * 2})


def test_hr_report_vocabulary():
    got = _map({"Employee": PEOPLE, "Job Profile": ["Payroll Specialist", "Nurse, ICU", "Welder"] * 3 + ["Welder"],
                "Department": ["Finance", "Ward 4 (North)", "Assembly"] * 3 + ["Finance"],
                "Cost Centre Organization": ["CC-100 Finance", "CC-220 Care", "CC-310 Plant"] * 3 + ["CC-100 Finance"]})
    assert got.get("name") == "Employee"
    assert got.get("role") == "Job Profile"
    assert "company" not in got, "an org unit (department, cost centre) is never the employer"


def test_person_words_only_mean_name_when_the_values_are_names():
    got = _map({"Member": ["Gold", "Silver", "Gold", "Bronze", "Silver"] * 2, "Email": EMAILS})
    assert "name" not in got


def test_name_columns_about_other_people_are_never_the_name():
    got = _map({"Line manager": PEOPLE, "Email": EMAILS})
    assert "name" not in got


@pytest.mark.parametrize("first, last", [("Participant Name (First)", "Participant Name (Last)"),
                                          ("Name - First", "Name - Last"),
                                          ("Full name [First name]", "Full name [Last name]")])
def test_name_sub_field_suffixes(first, last):
    got = _map({first: [p.split()[0] for p in PEOPLE], last: [p.split()[-1] for p in PEOPLE], "Email": EMAILS})
    assert got.get("first_name") == first and got.get("last_name") == last and "name" not in got


def test_group_paths_are_read_by_their_last_part():
    got = _map({"sec_a/full_name": PEOPLE, "sec_a/email_address": EMAILS, "sec_b/city": ["Lagos"] * 10})
    assert got == {"name": "sec_a/full_name", "email": "sec_a/email_address", "location": "sec_b/city"}


def test_odd_headers_recognised_from_values():
    got = _map({"Who is filling this in": PEOPLE, "Reach you at": EMAILS, "Logged": STAMPS})
    assert got.get("name") == "Who is filling this in"
    assert got.get("email") == "Reach you at"
    assert got.get("submitted_at") == "Logged"


def test_start_dates_are_not_recognised_as_submission_times():
    assert "submitted_at" not in _map({"Name": PEOPLE, "Started": STAMPS})


def test_person_name_values():
    assert looks_like_person_name("Maria de la Cruz") and looks_like_person_name("van Dijk, Anouk")
    assert looks_like_person_name("joana ribeiro")
    for not_a_person in ("The Mensah family", "Oak Hill, TX", "Senior Engineer", "Gold", "42 Baker Street"):
        assert not looks_like_person_name(not_a_person), not_a_person
    assert person_name_share(["Anouk Visser"] * 3) == 0.0  # too few answers to say


def test_career_essays_are_the_summary():
    essay = ["I started as a lab technician, moved to quality control and now lead a small team"] * 10
    assert _map({"Name": PEOPLE, "Walk us through your professional journey": essay}).get("summary") == \
        "Walk us through your professional journey"


def test_labels_holding_a_comma_are_a_single_choice():
    titles = ["Analyst, Treasury", "Director, Field Sales", "Nurse", "Analyst, Treasury", "Nurse", "Chef"] * 2
    assert column_kind(titles).kind != "multi_choice"
    assert column_kind(["Python, SQL", "SQL, Excel", "Python", "Excel, Python", "SQL"] * 2).kind == "multi_choice"


@pytest.mark.parametrize("text, years", [("Mais de 10 anos", 10), ("meno di un anno", 0.5), ("2 a 4 anos", 3),
                                         ("meer dan 5 jaar", 5), ("3 bis 5 Jahre", 4), ("Menos de 1 ano", 0.5)])
def test_years_of_experience_in_other_languages(text, years):
    assert _years_from_text(text) == years


@pytest.mark.parametrize("answer, side", [("Welcomer", "mentor"), ("Newcomer", "mentee"),
                                          ("Vrijwilliger", "mentor"), ("Ik zoek een maatje", "mentee")])
def test_community_side_words(answer, side):
    assert _side(answer)[0] == side


def test_qualtrics_three_header_rows_name_columns_by_question_text():
    csv = ("StartDate,Q1,Q2\nStart Date,What should we call you?,Your email\n"
           '"{""ImportId"":""startDate""}","{""ImportId"":""QID1""}","{""ImportId"":""QID2""}"\n'
           + "".join(f"2024-01-0{i} 10:00:00,{p},{e}\n" for i, (p, e) in enumerate(zip(PEOPLE[:5], EMAILS), 1)))
    table, issues = read_table(io.BytesIO(csv.encode()), "export.csv")
    assert list(table.columns) == ["Start Date", "What should we call you?", "Your email"]
    assert len(table) == 5 and not any("ImportId" in str(v) for v in table.to_numpy().ravel())
    assert any("Qualtrics" in i.message for i in issues)


def test_an_id_header_over_peoples_names_is_the_name():
    got = _map({"Respondent": PEOPLE, "Email": EMAILS})
    assert got.get("name") == "Respondent" and "id" not in got


@pytest.mark.parametrize("answers", [("Voluntario", "Recién llegado"), ("Bénévole", "Nouvel arrivant"),
                                     ("Freiwilliger", "Neu zugezogen")])
def test_volunteer_and_newcomer_answers_are_sides(answers):
    got = _map({"Name": PEOPLE, "Q3": list(answers) * 5})
    assert got.get("side") == "Q3"


def test_the_longest_essay_column_is_the_summary_when_no_header_asks_for_one():
    essay = ["Grew up by the coast, trained as a welder, now teach evening classes and coach a youth team"] * 10
    got = _map({"Name": PEOPLE, "In your own words": essay, "Comments for us": essay})
    assert got.get("summary") == "In your own words"
    assert map_columns(["Name", "In your own words"], pd.DataFrame(
        {"Name": PEOPLE, "In your own words": essay})).info["summary"].low, "a guess from values is flagged"
    assert "summary" not in _map({"Name": PEOPLE, "Comments for us": essay})


def test_story_questions_are_the_summary():
    essay = ["I moved from nursing into hospital administration after ten years on the wards"] * 10
    assert _map({"Name": PEOPLE, "Tell us your story": essay}).get("summary") == "Tell us your story"


@pytest.mark.parametrize("start, end", [("Begintijd", "Tijdstip van voltooien"), ("Ora di inizio", "Ora di completamento"),
                                        ("Hora de início", "Hora de conclusão")])
def test_localised_completion_time_is_the_submission_time_not_the_start(start, end):
    later = [s.replace(" 1", " 2", 1) for s in STAMPS]
    assert _map({"Nome": PEOPLE, start: STAMPS, end: later}).get("submitted_at") == end
    assert "submitted_at" not in _map({"Nome": PEOPLE, start: STAMPS})
