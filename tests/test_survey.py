"""Reading, mapping, validating and normalising survey exports (matching.intake)."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import math

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching.intake.places import utc_offset_hours
from matching.intake import (CANONICAL_FIELDS, PARTICIPANT_COLUMNS, PII_FIELDS, Survey, auto_map, load_history,
                             load_survey, map_career_stage, map_role, read_table)
from matching.intake.read import blank_rows
from matching.intake.taxonomy import CAREER_STAGES, ROLES, UNKNOWN_STAGE

MLOPS_HEADERS = {
    "Your name ": "name",
    "Your email address": "email",
    "Submitted at": "submitted_at",
    "Respondent ID": "id",
    "What is your Slack Handle?": "slack",
    "Your LinkedIn URL": "linkedin",
    "Where do you work? ": "company",
    "Which option best represents your role?": "role",
    "How would you characterize your current career stage?": "career_stage",
    "Where are you based?": "location",
    "Do you have a preference on who your buddy should be?": "similar_role_required",
    "Tweet-sized summary of yourself": "summary",
    "What are your skills? In which fields do you specialize?": "skills",
    "Describe what you want your buddy to be like.": "wants",
    "Keep me registered for all future rounds.": "keep_registered",
}


def csv_bytes(header: list[str], rows: list[list[str]], delimiter: str = ",", encoding: str = "utf-8") -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue().encode(encoding)


def messages(survey: Survey, severity: str | None = None) -> list[str]:
    return [i.message for i in survey.issues if severity is None or i.severity == severity]


def mlops_row(rid: str, name: str, email: str, role: str = "ML Engineer", stage: str = "1 - 3 Years of Experience",
              where: str = "Berlin", summary: str = "I ship models", when: str = "2024-03-01 14:22:10") -> list[str]:
    values = {"Respondent ID": rid, "Submitted at": when, "Your name ": name, "Your email address": email,
              "What is your Slack Handle?": "@" + name.split()[0].lower() if name else "",
              "Your LinkedIn URL": "https://www.linkedin.com/in/someone", "Where do you work? ": "Acme Corp",
              "Which option best represents your role?": role,
              "How would you characterize your current career stage?": stage, "Where are you based?": where,
              "Do you have a preference on who your buddy should be?": "No preference",
              "Tweet-sized summary of yourself": summary,
              "What are your skills? In which fields do you specialize?": "python, kubernetes",
              "Describe what you want your buddy to be like.": "curious, kind",
              "Keep me registered for all future rounds.": "Keep me registered for all future rounds."}
    return [values[h] for h in MLOPS_HEADERS]


# ---------------------------------------------------------------------------------------------- mapping

def test_mlops_headers_map_exactly_with_trailing_spaces():
    mapping = auto_map(list(MLOPS_HEADERS))
    assert mapping == {field: header for header, field in MLOPS_HEADERS.items()}


def test_mlops_export_loads_and_keeps_headers_verbatim_in_mapping():
    data = csv_bytes(list(MLOPS_HEADERS), [mlops_row("r1", "Ana Silva", "ana@example.org"),
                                           mlops_row("r2", "Bo Chen", "bo@example.org", role="Data Scientist")])
    survey = load_survey(data, filename="buddies.csv")
    assert survey.ok
    assert survey.mapping["name"] == "Your name "
    assert survey.mapping["company"] == "Where do you work? "
    p = survey.participants
    assert list(p.columns) == list(PARTICIPANT_COLUMNS)
    assert p["name"].tolist() == ["Ana Silva", "Bo Chen"]
    assert p["id"].tolist() == ["r1", "r2"]
    assert p["keep_registered"].tolist() == [True, True]
    assert p["similar_role_required"].tolist() == [False, False]
    assert p["submitted_at"].iloc[0] == pd.Timestamp("2024-03-01 14:22:10")
    assert p["timezone"].iloc[0] == "Europe/Berlin"
    assert survey.content_hash == hashlib.sha256(data).hexdigest()


def test_google_forms_headers():
    headers = ["Timestamp", "Email Address", "What's your name?", "Which city are you in?", "Years of experience",
               "Are you joining as a mentor or a mentee?", "How many mentees can you take?",
               "Topics you'd like to talk about", "Time zone"]
    assert auto_map(headers) == {
        "email": "Email Address", "name": "What's your name?", "location": "Which city are you in?",
        "years_experience": "Years of experience", "side": "Are you joining as a mentor or a mentee?",
        "capacity": "How many mentees can you take?", "interests": "Topics you'd like to talk about",
        "timezone": "Time zone", "submitted_at": "Timestamp",
    }
    assert auto_map(["Full name", "Interests"]) == {"name": "Full name", "interests": "Interests"}
    assert auto_map(["Name"]) == {"name": "Name"}


def test_snake_case_headers_map_to_themselves():
    headers = [f for f in CANONICAL_FIELDS]
    assert auto_map(headers) == {f: f for f in CANONICAL_FIELDS}


def test_first_and_last_name_are_combined():
    data = csv_bytes(["first_name", "last_name", "email"], [["Ada", "Lovelace", "ada@example.org"]])
    survey = load_survey(data)
    assert survey.ok
    assert survey.participants["name"].tolist() == ["Ada Lovelace"]
    assert survey.aux_mapping == {"first_name": "first_name", "last_name": "last_name"}
    assert "name" not in survey.mapping and set(survey.mapping) <= set(CANONICAL_FIELDS)


def test_each_header_maps_to_one_field_and_first_column_wins():
    mapping = auto_map(["Name", "Full name", "Email", "E-mail"])
    assert mapping == {"name": "Name", "email": "Email"}


def test_mapping_override_extends_and_unmaps():
    data = csv_bytes(["Who", "Contact", "Where are you based?", "Blurb"],
                     [["Ana", "ana@example.org", "Berlin", "hello"]])
    assert not load_survey(data).ok  # 'Who' is not recognised as a name column
    survey = load_survey(data, mapping={"name": "Who", "summary": "Blurb", "location": None})
    assert survey.ok
    assert survey.mapping["name"] == "Who" and "location" not in survey.mapping
    assert survey.participants["summary"].tolist() == ["hello"]
    assert survey.participants["location"].tolist() == [""]
    assert "Where are you based?" in survey.extra_columns
    assert survey.participants["Where are you based?"].tolist() == ["Berlin"]


def test_mapping_override_moves_a_header_away_from_its_auto_field():
    data = csv_bytes(["Name", "Email", "Notes"], [["Ana", "ana@example.org", "x"]])
    survey = load_survey(data, mapping={"summary": "Notes", "id": "Email"})
    assert survey.ok
    assert "email" not in survey.mapping and survey.mapping["id"] == "Email"


def test_mapping_naming_a_missing_header_is_fatal():
    data = csv_bytes(["Name", "Email"], [["Ana", "ana@example.org"]])
    survey = load_survey(data, mapping={"summary": "About me"})
    assert not survey.ok
    fatal = messages(survey, "fatal")
    assert any("'About me'" in m and "no such column" in m for m in fatal)
    assert list(survey.participants.columns) == list(PARTICIPANT_COLUMNS) and survey.participants.empty


def test_mapping_one_header_to_two_fields_is_fatal():
    data = csv_bytes(["Name", "Email"], [["Ana", "ana@example.org"]])
    survey = load_survey(data, mapping={"summary": "Name", "name": "Name"})
    assert not survey.ok
    assert any("picked for both" in m for m in messages(survey, "fatal"))


def test_mapping_wrong_type_raises():
    with pytest.raises(TypeError):
        load_survey(b"name\nAna\n", mapping=["name"])  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------- reading

@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_each_delimiter_and_commas_inside_quoted_text(delimiter):
    rows = [["Ana", "ana@example.org", "I like pasta, wine, and MLOps; also chess", "Berlin, Germany"],
            ["Bo", "bo@example.org", "Hello, world", "Lagos, Nigeria"],
            ["Cy", "cy@example.org", "plain", "Austin, TX"]]
    data = csv_bytes(["name", "email", "summary", "location"], rows, delimiter=delimiter)
    survey = load_survey(data)
    assert survey.ok, messages(survey)
    p = survey.participants
    assert p["summary"].tolist() == [r[2] for r in rows]
    assert p["timezone"].tolist() == ["Europe/Berlin", "Africa/Lagos", "America/Chicago"]


def test_semicolon_file_with_unquoted_commas_in_free_text():
    text = "Name;Email;Summary\nAna;ana@example.org;I like pasta, wine, chess\nBo;bo@example.org;Hello, world\n"
    survey = load_survey(text.encode())
    assert survey.ok
    assert survey.participants["summary"].tolist() == ["I like pasta, wine, chess", "Hello, world"]


def test_utf8_bom():
    data = "\ufeffName,City\nJosé,Berlin\n".encode("utf-8")
    table, issues = read_table(data)
    assert list(table.columns) == ["Name", "City"]
    assert table.loc[2, "Name"] == "José"
    assert not issues


def test_cp1252_survives_and_is_reported():
    data = "Name,Where are you based?,Summary\nJosé García,Berlin,Café au lait\nZoë Müller,Paris,Crème brûlée\n"
    survey = load_survey(data.encode("cp1252"))
    assert survey.ok
    assert survey.participants["name"].tolist() == ["José García", "Zoë Müller"]
    assert survey.participants["summary"].tolist() == ["Café au lait", "Crème brûlée"]
    assert any("Windows-1252" in m for m in messages(survey, "warning"))  # a guess: printed by the CLI


def test_utf16_with_bom():
    data = "Name\tEmail\nZoë\tzoe@example.org\nJosé\tjose@example.org\n".encode("utf-16")
    survey = load_survey(data)
    assert survey.ok
    assert survey.participants["name"].tolist() == ["Zoë", "José"]
    assert any("UTF-16" in m for m in messages(survey, "info"))


def test_all_cells_are_stripped_strings():
    table, _ = read_table(b"Name,Years\n  Ana  ,  5 \n,\nBo,\n,\n")
    assert table.loc[2].tolist() == ["Ana", "5"] and table.loc[4].tolist() == ["Bo", ""]
    assert table.index.tolist() == [2, 4] and blank_rows(table) == [3]  # the trailing blank row is trimmed
    assert all(isinstance(v, str) for v in table.to_numpy().ravel())


def test_xlsx_round_trip_uses_sheet_rows(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "Notes"  # an empty first sheet is skipped
    ws = wb.create_sheet("Form Responses 1")
    ws.append(["Timestamp", "Full name", "Email Address", "Years of experience", "Which city are you in?"])
    ws.append([dt.datetime(2024, 3, 1, 14, 22, 10), "Ana", "ana@example.org", 5, "São Paulo"])
    ws.append([None, None, None, None, None])
    ws.append([dt.datetime(2024, 3, 2, 9, 0, 0), "Bo", "bo@example.org", 2.5, "Bangalore"])
    path = tmp_path / "responses.xlsx"
    wb.save(path)
    survey = load_survey(path)
    assert survey.ok, messages(survey)
    p = survey.participants
    assert p["name"].tolist() == ["Ana", "Bo"]
    assert p["row"].tolist() == [2, 4]
    assert p["years_experience"].tolist() == [5.0, 2.5]
    assert p["career_stage"].tolist() == ["5 - 10 Years of Experience", "1 - 3 Years of Experience"]
    assert p["submitted_at"].tolist() == [pd.Timestamp("2024-03-01 14:22:10"), pd.Timestamp("2024-03-02 09:00:00")]
    assert p["timezone"].tolist() == ["America/Sao_Paulo", "Asia/Kolkata"]
    assert any("Form Responses 1" in m for m in messages(survey, "info"))
    assert survey.dropped["row"].tolist() == [3]


def test_uploaded_file_like_object():
    class Upload(io.BytesIO):
        name = "survey.csv"

    survey = load_survey(Upload(b"name,email\nAna,ana@example.org\n"))
    assert survey.ok and survey.participants["name"].tolist() == ["Ana"]


def test_source_of_wrong_type_raises():
    with pytest.raises(TypeError):
        load_survey(12345)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------- fatal cases

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
FATAL_CASES = {
    "empty bytes": b"",
    "whitespace only": b"  \r\n\r\n",
    "header only": b"Name,Email,Role\r\n",
    "header and blank rows": b"Name,Email\r\n,\r\n,\r\n",
    "png renamed csv": PNG,
    "pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
    "zip": b"PK\x03\x04" + b"\x00" * 40,
    "binary junk": bytes(range(256)) * 4,
    "undecodable utf-16": b"\xff\xfeN\x00a\x00m",
    "html": b"<!DOCTYPE html><html><head><title>Form</title></head><body><table><tr><td>Name</td></tr></table></body></html>",
    "json": b'[{"name": "Ana"}, {"name": "Bo"}]',
    "prose": b"Dear organizers\nThank you so much for running these buddy rounds every month it has been lovely\n"
             b"I met so many people this year and I hope we keep doing this for a long time\n",
    "prose with commas": b"Hi there, thanks for the rounds.\nI met, honestly, many people, and enjoyed it a lot.\n"
                         b"See you next time, cheers, and all the best, friends.\n",
    "missing name column": b"Favourite colour,Shoe size\r\nblue,42\r\nred,38\r\n",
}


@pytest.mark.parametrize("case", list(FATAL_CASES))
def test_fatal_inputs_return_not_ok_with_a_message(case):
    survey = load_survey(FATAL_CASES[case], filename="survey.csv")
    assert not survey.ok
    fatal = [i for i in survey.issues if i.severity == "fatal"]
    assert fatal and all(i.message and i.fix for i in fatal)
    assert list(survey.participants.columns) == list(PARTICIPANT_COLUMNS)
    assert survey.participants.empty


def test_fatal_messages_say_what_is_wrong():
    def fatal_text(data: bytes) -> str:
        return " ".join(messages(load_survey(data), "fatal"))

    assert "empty" in fatal_text(b"")
    assert "no participants" in fatal_text(b"Name,Email\r\n")
    assert "PNG image" in fatal_text(PNG)
    assert "web page" in fatal_text(FATAL_CASES["html"])
    assert "does not look like a table" in fatal_text(FATAL_CASES["prose"])
    missing = fatal_text(FATAL_CASES["missing name column"])
    assert "'Favourite colour', 'Shoe size'" in missing and "'Full name'" in missing


def test_file_over_the_size_limit_and_missing_path(tmp_path):
    data = csv_bytes(["name"], [["Ana"]] * 50)
    survey = load_survey(data, max_bytes=100)
    assert not survey.ok and "limit" in messages(survey, "fatal")[0]
    path = tmp_path / "big.csv"
    path.write_bytes(data)
    assert not load_survey(path, max_bytes=100).ok
    missing = load_survey(tmp_path / "nope.csv")
    assert not missing.ok and "no file" in messages(missing, "fatal")[0].lower()


# ---------------------------------------------------------------------------------------------- problems

def test_duplicates_keep_latest_submission_and_name_both_rows():
    rows = [mlops_row("r1", "Ana Silva", "Ana@Example.org", when="2024-03-05 10:00:00"),
            mlops_row("r2", "Bo Chen", "bo@example.org"),
            mlops_row("r3", "Ana S.", "ana@example.org", when="2024-03-01 09:00:00"),
            mlops_row("r2", "Bo C", "bo.other@example.org", when="2024-03-09 09:00:00")]
    survey = load_survey(csv_bytes(list(MLOPS_HEADERS), rows))
    assert survey.ok
    p = survey.participants
    assert p["row"].tolist() == [2, 5]  # Ana's row 2 is newer than row 4; Bo's id r2 resubmitted in row 5
    assert p["name"].tolist() == ["Ana Silva", "Bo C"]
    dup = [i for i in survey.issues if i.severity == "warning" and "same person" in i.message]
    assert {i.row for i in dup} == {3, 4}
    ana = next(i for i in dup if i.row == 4)
    assert "Rows 2 and 4" in ana.message and "Row 2 is the latest submission" in ana.message
    assert "email address" in ana.message
    assert survey.dropped[["row", "reason"]].values.tolist() == [
        [3, "duplicate of row 5 (same id)"], [4, "duplicate of row 2 (same email address)"]]
    assert p["id"].is_unique


def test_duplicates_without_timestamps_keep_the_later_row():
    data = csv_bytes(["name", "email"], [["Ana", "ana@example.org"], ["Ana B", "ANA@example.org"]])
    survey = load_survey(data)
    assert survey.participants["name"].tolist() == ["Ana B"]
    assert survey.dropped["row"].tolist() == [2]


def test_empty_rows_are_counted_once():
    data = b"name,email\r\nAna,ana@example.org\r\n,\r\nBo,bo@example.org\r\n\r\n,,\r\nCy,cy@example.org\r\n"
    survey = load_survey(data)
    assert survey.ok
    assert survey.participants["row"].tolist() == [2, 4, 7]
    info = [m for m in messages(survey, "info") if "empty row" in m]
    assert info == ["3 empty rows skipped: rows 3, 5, 6."]
    assert sorted(survey.dropped["row"]) == [3, 5, 6]
    assert set(survey.dropped["reason"]) == {"empty row"}


def test_blank_free_text_is_one_info_per_person():
    data = csv_bytes(["name", "summary", "skills", "interests", "wants"],
                     [["Ana", "", "", "chess", "someone"], ["Bo", "hi", "go", "ml", "fun"]])
    survey = load_survey(data)
    infos = [i for i in survey.issues if i.severity == "info" and "blank" in i.message]
    assert len(infos) == 1 and infos[0].row == 2
    assert "summary and skills are blank" in infos[0].message
    assert "skipped for this person" in infos[0].message
    assert survey.participants["summary"].tolist() == ["", "hi"]


def test_unknown_role_keeps_its_own_label_with_raw_text_kept():
    rows = [mlops_row("r1", "Ana", "ana@example.org", role="Chief Vibes Officer"),
            mlops_row("r2", "Bo", "bo@example.org", role="other: chief vibes officer "),
            mlops_row("r3", "Cy", "cy@example.org", role="")]
    survey = load_survey(csv_bytes(list(MLOPS_HEADERS), rows))
    p = survey.participants
    assert p["role"].tolist() == ["Chief Vibes Officer", "Chief Vibes Officer", "Other"]
    assert p["role_raw"].tolist() == ["Chief Vibes Officer", "other: chief vibes officer", ""]
    issue = next(i for i in survey.issues if "built-in roles" in i.message)
    assert issue.severity == "info" and issue.row == 2
    assert issue.message == ("Rows 2, 3: 'Chief Vibes Officer' is not one of the built-in roles; it is kept as its own "
                             "role (people who wrote the same role count as the same role).")
    assert "ML Engineer" in issue.fix


@pytest.mark.parametrize("text, role", [
    ("MLOps engineer", "ML Engineer"), ("machine learning engineer", "ML Engineer"), ("ML platform", "ML Engineer"),
    ("Research Scientist", "ML Scientist/Researcher"), ("PhD", "ML Scientist/Researcher"),
    ("researcher", "ML Scientist/Researcher"), ("Backend developer", "Software Engineer"),
    ("SWE", "Software Engineer"), ("full-stack dev", "Software Engineer"), ("Analytics Engineer", "Data Engineer"),
    ("data platform", "Data Engineer"), ("CTO", "Founder"), ("Co-founder", "Founder"), ("CEO", "Founder"),
    ("Engineering Manager", "Management"), ("Head of Data", "Management"), ("Director of AI", "Management"),
    ("VP Engineering", "Management"), ("Developer Advocate", "Sales and Marketing"),
    ("Marketing", "Sales and Marketing"), ("sales", "Sales and Marketing"), ("DevRel", "Sales and Marketing"),
    ("student", "Student"), ("Intern", "Student"), ("data scientist", "Data Scientist"),
    ("ML Scientist/Researcher", "ML Scientist/Researcher"), ("sales and marketing", "Sales and Marketing"),
    ("Other", "Other"), ("Chief Vibes Officer", None), ("", None),
])
def test_free_text_roles_map_to_the_nearest_known_role(text, role):
    assert map_role(text) == role
    assert role is None or role in ROLES


@pytest.mark.parametrize("text, stage", [
    ("1 - 3 Years of Experience", "1 - 3 Years of Experience"), ("1-3 years", "1 - 3 Years of Experience"),
    ("10+ yrs", "10+ Years of Experience"), ("new grad", "Undergrad / New Grad"),
    ("PhD student", "Graduate Student"), ("5 to 10 years", "5 - 10 Years of Experience"),
    ("3-5", "3 - 5 Years of Experience"), ("Undergrad / New Grad", "Undergrad / New Grad"),
    ("graduate student", "Graduate Student"), ("15 years", "10+ Years of Experience"),
    ("less than a year", "Undergrad / New Grad"), ("senior", "5 - 10 Years of Experience"),
    ("guru", None), ("", None),
])
def test_career_stage_variants(text, stage):
    assert map_career_stage(text) == stage
    assert stage is None or stage in CAREER_STAGES


def test_stage_ordinal_and_years_follow_the_stage():
    data = csv_bytes(["name", "career stage"], [["Ana", "10+ yrs"], ["Bo", "guru"], ["Cy", ""]])
    survey = load_survey(data)
    p = survey.participants
    assert p["career_stage"].tolist() == ["10+ Years of Experience", UNKNOWN_STAGE, UNKNOWN_STAGE]
    assert p["stage_ordinal"].tolist() == [5, -1, -1]
    assert p["years_experience"].iloc[0] == 12.0 and math.isnan(p["years_experience"].iloc[1])
    assert any("'guru' is not a known career stage" in m for m in messages(survey, "info"))


@pytest.mark.parametrize("text, expected", [
    ("No", False), ("No preference", False), ("", False), ("My Buddy should be in a similar role as me", True),
    ("Same role please", True), ("yes", True), ("Not necessarily the same role", False),
])
def test_similar_role_preference_is_a_bool(text, expected):
    data = csv_bytes(["name", "Do you have a preference on who your buddy should be?"], [["Ana", text]])
    assert load_survey(data).participants["similar_role_required"].tolist() == [expected]


@pytest.mark.parametrize("text, expected", [
    ("Yes", True), ("TRUE", True), ("1", True), ("Keep me registered for all future rounds.", True),
    ("", False), ("No", False), ("FALSE", False),
])
def test_keep_registered_checkbox(text, expected):
    data = csv_bytes(["name", "keep_registered"], [["Ana", text]])
    assert load_survey(data).participants["keep_registered"].tolist() == [expected]


def test_unparseable_number_warning_names_row_and_column():
    data = csv_bytes(["Name", "Years of experience"], [["Ana", "4"], ["Bo", "lots"], ["Cy", "2,5"]])
    survey = load_survey(data)
    assert survey.ok
    years = survey.participants["years_experience"].tolist()
    assert years[0] == 4.0 and math.isnan(years[1]) and years[2] == 2.5
    warning = next(i for i in survey.issues if i.severity == "warning")
    assert (warning.row, warning.column) == (3, "Years of experience")
    assert warning.message.startswith("Row 3, column 'Years of experience': 'lots'")


def test_sides_and_capacity():
    data = csv_bytes(["name", "Are you joining as a mentor or a mentee?", "How many mentees can you take?"],
                     [["Ana", "I want to mentor", "3"], ["Bo", "Mentor", ""], ["Cy", "looking for a mentor", "5"],
                      ["Di", "mentee", ""], ["Ed", "Both", ""], ["Flo", "Mentor", "two-ish"]])
    survey = load_survey(data)
    p = survey.participants
    assert p["side"].tolist() == ["mentor", "mentor", "mentee", "mentee", "peer", "mentor"]
    assert p["capacity"].tolist() == [3, 1, 1, 1, 1, 1]
    assert any(i.severity == "info" and i.row == 6 for i in survey.issues)  # "Both" -> peer, noted
    bad = next(i for i in survey.issues if i.severity == "warning")
    assert bad.row == 7 and bad.column == "How many mentees can you take?"


def test_timezone_column_keeps_iana_names_and_offsets():
    data = csv_bytes(["name", "location", "timezone"],
                     [["Ana", "Berlin", "Asia/Tokyo"], ["Bo", "", "UTC+5:30"], ["Cy", "Lagos", ""],
                      ["Di", "", "GMT-3"], ["Ed", "Austin, TX", "nonsense"], ["Flo", "", "Tokyo"],
                      ["Gus", "", "(GMT+05:30) Chennai, Kolkata"]])
    survey = load_survey(data)
    zones = survey.participants["timezone"].tolist()
    assert zones[0] == "Asia/Tokyo" and zones[2] == "Africa/Lagos" and zones[4] == "America/Chicago"
    assert utc_offset_hours(zones[1]) == 5.5 and utc_offset_hours(zones[3]) == -3.0
    assert zones[5] == "Asia/Tokyo" and utc_offset_hours(zones[6]) == 5.5
    assert any(i.row == 6 and "not a time zone" in i.message for i in survey.issues)


def test_lat_lon_columns_and_unknown_locations():
    data = csv_bytes(["name", "location", "lat", "lon"],
                     [["Ana", "", "52.52", "13.40"], ["Bo", "Middle Earth", "", ""], ["Cy", "Remote", "", ""],
                      ["Di", "", "abc", "3"]])
    survey = load_survey(data)
    p = survey.participants
    assert p["timezone"].iloc[0] == "Europe/Berlin" and p["lat"].iloc[0] == 52.52
    assert math.isnan(p["lat"].iloc[1]) and p["timezone"].iloc[1] == ""
    location_infos = [i for i in survey.issues if i.column == "location"]
    assert {i.row for i in location_infos} == {3, 4} and all(i.severity == "info" for i in location_infos)
    assert any(i.severity == "warning" and i.row == 5 for i in survey.issues)


@pytest.mark.parametrize("text", ["2024-03-01 14:22:10", "3/1/2024 14:22:10", "2024-03-01T14:22:10Z",
                                  "2024-03-01T15:22:10+01:00", "2024/03/01 14:22:10"])
def test_submitted_at_formats(text):
    data = csv_bytes(["name", "Submitted at"], [["Ana", text]])
    assert load_survey(data).participants["submitted_at"].tolist() == [pd.Timestamp("2024-03-01 14:22:10")]


def test_ids_are_stable_and_unique():
    data = csv_bytes(["name", "email"], [["Ana", "Ana@Example.org"], ["Bo", ""], ["Cy", "not-an-email"]])
    p = load_survey(data).participants
    assert p["id"].iloc[0].startswith("p-") and len(p["id"].iloc[0]) == 14
    # Not the unsalted SHA-1 of the email (reversible from a list of candidate emails).
    assert hashlib.sha1(b"ana@example.org").hexdigest()[:10] not in p["id"].iloc[0]
    assert hashlib.sha256(b"ana@example.org").hexdigest()[:12] not in p["id"].iloc[0]
    assert p["id"].tolist()[1:] == ["row-3", "row-4"]
    assert p["email"].iloc[0] == "ana@example.org"
    assert load_survey(data).participants["id"].tolist() == p["id"].tolist()


def test_blank_name_gets_a_placeholder_and_a_warning():
    survey = load_survey(csv_bytes(["name", "email"], [["", "x@example.org"]]))
    assert survey.participants["name"].tolist() == ["Participant 2"]
    assert any(i.severity == "warning" and i.row == 2 and i.column == "name" for i in survey.issues)


def test_extra_columns_are_kept_after_the_canonical_ones():
    data = csv_bytes(["name", "Favourite colour", "row"], [["Ana", "blue", "x"]])
    survey = load_survey(data)
    assert survey.extra_columns == ["Favourite colour", "row (original)"]
    p = survey.participants
    assert list(p.columns) == list(PARTICIPANT_COLUMNS) + survey.extra_columns
    assert p["Favourite colour"].tolist() == ["blue"] and p["row"].tolist() == [2]


def test_dtypes():
    p = load_survey(csv_bytes(list(MLOPS_HEADERS), [mlops_row("r1", "Ana", "ana@example.org")])).participants
    assert p.index.equals(pd.RangeIndex(1))
    assert p["stage_ordinal"].dtype == "int64" and p["capacity"].dtype == "int64" and p["row"].dtype == "int64"
    assert p["years_experience"].dtype == "float64" and p["lat"].dtype == "float64"
    assert p["similar_role_required"].dtype == bool and p["keep_registered"].dtype == bool
    assert str(p["submitted_at"].dtype) == "datetime64[ns]"
    assert pd.api.types.is_string_dtype(p["name"])


def test_row_numbers_are_the_organizers():
    data = ("name,summary,email\r\n"
            "Ana,\"line one\r\nline two\",ana@example.org\r\n"
            "\r\n"
            "Bo,plain,bo@example.org\r\n").encode()
    survey = load_survey(data)
    assert survey.participants["row"].tolist() == [2, 4]
    assert survey.participants["summary"].iloc[0] == "line one\r\nline two"
    table, _ = read_table(data)
    assert list(table.index) == [2, 4] and blank_rows(table) == [3]


# ---------------------------------------------------------------------------------------------- PII

def test_pii_never_appears_in_issue_messages():
    headers = ["Name", "Email", "Slack", "LinkedIn", "Company", "Role", "Career stage", "Location", "Years of experience",
               "Time zone", "Are you joining as a mentor or a mentee?", "How many mentees can you take?", "Submitted at"]
    secrets = ["ana.secret@example.org", "@ana_secret", "https://linkedin.com/in/ana-secret", "Secret Corp"]
    rows = [
        ["Ana", secrets[0], secrets[1], secrets[2], secrets[3], "bo.secret@example.org", "ask @ana_secret",
         "https://maps.example.org/secret", "mail me at ana.secret@example.org", "ana.secret@example.org",
         "https://mentor.example.org", "@ana_secret", "ana.secret@example.org"],
        ["Bo", "bo@ex", "@bo_secret", "www.secret-profile.com/bo", "Secret Corp", "Chief Vibes Officer", "guru",
         "Middle Earth", "lots", "nonsense", "whatever", "x", "never"],
        ["Ana", secrets[0].upper(), "", "", "", "", "", "", "", "", "", "", ""],
    ]
    survey = load_survey(csv_bytes(headers, rows))
    text = "\n".join(i.message + " " + i.fix for i in survey.issues)
    assert survey.issues
    for secret in secrets + ["bo.secret@example.org", "bo@ex", "@bo_secret", "secret-profile", "maps.example.org",
                             "mentor.example.org"]:
        assert secret.lower() not in text.lower(), secret
    assert set(PII_FIELDS) <= set(CANONICAL_FIELDS)


# ---------------------------------------------------------------------------------------------- property

cell_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12)
row_strategy = st.lists(st.tuples(cell_text, cell_text, cell_text, cell_text, cell_text), max_size=8)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=row_strategy, emails=st.lists(st.sampled_from(["", "a@x.org", "A@x.org", "b@x.org", "junk"]), max_size=8))
def test_property_every_row_is_accounted_for_exactly_once(rows, emails):
    rows = [list(r) for r in rows]
    for r, e in zip(rows, emails):
        r[1] = e
    data = csv_bytes(["name", "email", "role", "summary", "location"], rows)
    survey = load_survey(data)
    every_row = list(range(2, 2 + len(rows)))
    non_empty = [n for n, r in zip(every_row, rows) if any(c.strip() for c in r)]
    # Blank rows after the last answer are not rows (trimmed before anything is padded).
    data_rows = [n for n in every_row if non_empty and n <= non_empty[-1]]
    if not non_empty:
        assert not survey.ok and survey.participants.empty
        return
    assert survey.ok, [i.message for i in survey.issues if i.severity == "fatal"]
    kept, dropped = survey.participants["row"].tolist(), survey.dropped["row"].tolist()
    assert sorted(kept + dropped) == data_rows
    assert sorted(set(non_empty) - set(dropped)) == sorted(kept)
    assert set(survey.dropped.loc[survey.dropped["reason"] == "empty row", "row"]) == set(data_rows) - set(non_empty)
    assert survey.participants["id"].is_unique


# ---------------------------------------------------------------------------------------------- history

def test_history_pairs_with_round_numbers():
    data = b"round,id_a,id_b\r\n1,p1,p2\r\n2,p3,p1\r\n2,p4,\r\nx,p1,p2\r\n"
    hist, issues = load_history(data)
    assert hist.values.tolist() == [[1, "p1", "p2"], [2, "p3", "p1"]]
    assert str(hist["round"].dtype) == "int64"
    assert {i.row for i in issues if i.severity == "warning"} == {4, 5}


def test_history_dates_number_rounds_and_emails_are_lowercased():
    data = (b"date,email_a,email_b,email_c\r\n2024-03-01,Ana@X.org,bo@x.org,\r\n"
            b"2024-01-15,ana@x.org,cy@x.org,di@x.org\r\n")
    hist, issues = load_history(data)
    assert not [i for i in issues if i.severity != "info"]
    assert hist.values.tolist() == [[2, "ana@x.org", "bo@x.org"], [1, "ana@x.org", "cy@x.org"],
                                    [1, "ana@x.org", "di@x.org"], [1, "cy@x.org", "di@x.org"]]


def test_history_long_format_with_triads():
    data = b"round,group_id,id\r\n1,g1,p1\r\n1,g1,p2\r\n1,g2,p3\r\n1,g2,p4\r\n1,g2,p5\r\n2,g1,p1\r\n"
    hist, issues = load_history(data)
    assert sorted(map(tuple, hist.values.tolist())) == [(1, "p1", "p2"), (1, "p3", "p4"), (1, "p3", "p5"),
                                                       (1, "p4", "p5")]
    assert any(i.severity == "warning" and i.row == 7 for i in issues)


def test_history_person_columns_and_fatal_cases():
    hist, _ = load_history(b"round,person_a,person_b\r\n3,Ana,Bo\r\n")
    assert hist.values.tolist() == [[3, "Ana", "Bo"]]
    hist, issues = load_history(b"colour,size\r\nblue,4\r\n")
    assert hist.empty and any(i.severity == "fatal" for i in issues)
    hist, issues = load_history(b"")
    assert hist.empty and any(i.severity == "fatal" for i in issues)
    assert list(hist.columns) == ["round", "a", "b"]


# ---------------------------------------------------------------------------------------------- export quirks

def test_title_row_above_headers_is_skipped(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Buddy round, March"])
    ws.append([])
    ws.append(["Name", "Email", "Role"])
    ws.append(["Ana", "ana@example.org", "SWE"])
    path = tmp_path / "export.xlsx"
    wb.save(path)
    survey = load_survey(path)
    assert survey.ok
    assert survey.participants[["name", "role", "row"]].values.tolist() == [["Ana", "Software Engineer", 4]]
    assert any("look like a title" in m for m in messages(survey, "info"))


def test_excel_sep_hint_line():
    survey = load_survey(b"sep=;\r\nName;Summary\r\nAna;a, b, c\r\n")
    assert survey.ok
    assert survey.participants[["summary", "row"]].values.tolist() == [["a, b, c", 2]]


def test_file_without_header_row_is_fatal_and_hides_the_email():
    survey = load_survey(b"Ana,ana.secret@example.org,Berlin\r\nBo,bo@example.org,Paris\r\n")
    assert not survey.ok
    text = " ".join(messages(survey, "fatal"))
    assert "missing its header row" in text and "ana.secret" not in text


def test_name_like_headers_that_are_not_the_persons_name():
    assert auto_map(["Team name", "Company name", "Slack name", "Your name"]) == {
        "company": "Company name", "slack": "Slack name", "name": "Your name"}


def test_history_round_labels():
    hist, issues = load_history(b"Round,Person A,Person B\r\nRound 2,p1,p2\r\n#3,p3,p4\r\n")
    assert hist.values.tolist() == [[2, "p1", "p2"], [3, "p3", "p4"]] and not issues


def test_xlsx_prefers_the_sheet_with_a_name_column(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "Read me"
    wb.active.append(["How to use this export"])
    wb.active.append(["Delete rows you do not want", "then upload"])
    ws = wb.create_sheet("Answers")
    ws.append(["Name", "Email"])
    ws.append(["Ana", "ana@example.org"])
    path = tmp_path / "two_sheets.xlsx"
    wb.save(path)
    survey = load_survey(path)
    assert survey.ok and survey.participants["name"].tolist() == ["Ana"]
    note = next(i for i in survey.issues if i.message.startswith("Read the sheet"))
    assert note.message == "Read the sheet 'Answers' (sheet 2 of 2); the other sheet with content ('Read me') was not read."
    assert note.severity == "warning"  # so the CLI prints it
