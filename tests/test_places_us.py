"""US states, Canadian provinces, regions and time-zone words in location answers (matching.intake.places).

The findings of issue 7: on a US-heavy survey "PA" became Burkina Faso, "MD" Moldova, "TN" Tunisia,
"MA" Morocco, "CA" Canada, and "NJ" / "TX" were not recognised.
"""

from __future__ import annotations

import pytest

from matching.intake import load_survey, places

US_FILE = ["Austin, TX", "NYC", "Seattle, WA", "Boston", "Chicago, IL", "Denver, CO", "Atlanta, GA", "SF Bay Area",
           "Pittsburgh, PA", "Portland, OR"]
CANADA_FILE = ["Toronto", "Vancouver, BC", "Montreal", "Calgary", "Ottawa, ON", "Halifax", "Winnipeg", "Waterloo, ON"]
GERMAN_FILE = ["Berlin", "München", "Hamburg", "Köln", "Leipzig", "Frankfurt"]


@pytest.mark.parametrize("code, state, tz", [
    ("PA", "Pennsylvania", "America/New_York"), ("MD", "Maryland", "America/New_York"),
    ("TN", "Tennessee", "America/Chicago"), ("MA", "Massachusetts", "America/New_York"),
    ("NJ", "New Jersey", "America/New_York"), ("TX", "Texas", "America/Chicago"), ("IN", "Indiana", None),
    ("GA", "Georgia", "America/New_York"), ("ny", "New York City", "America/New_York"),
])
def test_bare_state_codes_are_us_states_not_countries_or_towns(code, state, tz):
    place = places.geocode(code)
    assert place is not None and place.country == "US" and place.name == state
    if tz:
        assert place.timezone == tz


@pytest.mark.parametrize("code", ["PA", "MD", "TN", "MA", "CA", "IN", "GA", "DE", "NJ", "TX"])
def test_bare_state_codes_in_a_us_heavy_file_are_us_states_without_a_note(code):
    hit = places.locate_all(US_FILE * 2 + [code])[-1]
    assert hit.place is not None and hit.place.country == "US" and hit.place.kind == "state"
    assert hit.note == ""


def test_ca_is_california_in_a_us_file_and_canada_in_a_canadian_one():
    us = places.locate_all(US_FILE + ["CA"])[-1]
    assert (us.place.name, us.place.country, us.place.timezone) == ("California", "US", "America/Los_Angeles")
    canada = places.locate_all(CANADA_FILE + ["CA"])[-1]
    assert (canada.place.name, canada.place.country, canada.place.kind) == ("Canada", "CA", "country")
    assert us.note == canada.note == ""


def test_de_is_delaware_in_a_us_file_and_germany_in_a_german_one():
    assert places.locate_all(US_FILE + ["DE"])[-1].place.name == "Delaware"
    assert places.locate_all(GERMAN_FILE + ["DE"])[-1].place.country == "DE"
    assert places.locate_all(GERMAN_FILE + ["Kleinstadt, DE"])[-1].place.country == "DE"
    assert places.locate_all(US_FILE + ["Smalltown, DE"])[-1].place.name == "Delaware"


def test_a_code_the_file_does_not_settle_is_read_and_reported():
    mixed = US_FILE[:4] + CANADA_FILE[:4]
    hit = places.locate_all(mixed + ["CA"])[-1]
    assert hit.place is not None and "California" in hit.note and "Canada" in hit.note
    assert "it was read as" in hit.note


@pytest.mark.parametrize("text, city, country", [
    ("Austin, TX", "Austin", "US"), ("Pittsburgh, PA", "Pittsburgh", "US"), ("Baltimore, MD", "Baltimore", "US"),
    ("Nashville, TN", "Nashville", "US"), ("Boston, MA", "Boston", "US"), ("Wilmington, DE", "Wilmington", "US"),
    ("San Diego, CA", "San Diego", "US"), ("NYC", "New York City", "US"), ("SF Bay Area", "San Francisco", "US"),
    ("Toronto, ON", "Toronto", "CA"), ("London, ON", "London", "CA"), ("Vancouver, BC", "Vancouver", "CA"),
    ("Victoria, BC", "Victoria", "CA"), ("Cleveland OH", "Cleveland", "US"),
])
def test_cities_with_state_or_province_codes(text, city, country):
    place = places.geocode(text)
    assert place is not None and (place.name, place.country) == (city, country)


@pytest.mark.parametrize("text, name, kind", [
    ("Ontario", "Ontario", "province"), ("ON", "Ontario", "province"), ("BC", "British Columbia", "province"),
    ("Alberta", "Alberta", "province"), ("Texas", "Texas", "state"), ("New Jersey", "New Jersey", "state"),
    ("Delaware", "Delaware", "state"),
])
def test_state_and_province_names(text, name, kind):
    place = places.geocode(text)
    assert place is not None and (place.name, place.kind) == (name, kind)


@pytest.mark.parametrize("text, tz", [
    ("Remote - EST", "America/New_York"), ("Remote (PST)", "America/Los_Angeles"), ("EST", "America/New_York"),
    ("PST", "America/Los_Angeles"), ("CET", "Europe/Berlin"), ("IST", "Asia/Kolkata"), ("GMT+2", "Etc/GMT-2"),
    ("UTC-5", "Etc/GMT+5"), ("Eastern time", "America/New_York"), ("Remote - ET", "America/New_York"),
    ("Pacific Time (PT)", "America/Los_Angeles"), ("EST/EDT", "America/New_York"),
])
def test_time_zone_words_give_a_time_zone_and_no_place(text, tz):
    hit = places.locate(text)
    assert hit.place is None and hit.no_place and hit.timezone == tz
    assert places.geocode(text) is None  # "EST" is not Estonia


@pytest.mark.parametrize("text, region", [
    ("North America", "North America"), ("EU", "Europe"), ("APAC", "APAC"), ("Europe", "Europe"),
    ("LATAM", "Latin America"), ("Remote — mostly Europe", "Europe"), ("New England", "New England (US)"),
    ("PNW", "US Pacific Northwest"), ("East Coast", "US East Coast"),
])
def test_regions_give_a_time_zone_but_no_distance(text, region):
    hit = places.locate(text)
    assert hit.place is None and hit.no_place and hit.region == region and hit.timezone
    assert places.is_no_place(text) or hit.no_place


def test_pt_is_portugal_unless_it_sits_next_to_a_time_zone():
    assert places.geocode("Lisboa, PT").country == "PT"
    assert places.geocode("PT").country == "PT"
    assert places.locate("Remote (PT)").timezone == "America/Los_Angeles"


@pytest.mark.parametrize("text, city", [("SoCal", "Los Angeles"), ("NoVA", "Arlington"), ("Bay Area", "San Francisco"),
                                        ("DMV", "Washington"), ("Tri-State Area", "New York City")])
def test_us_nicknames(text, city):
    place = places.geocode(text)
    assert place is not None and (place.name, place.country) == (city, "US")


def test_a_city_with_a_local_region_code_stays_that_city():
    assert places.geocode("Curitiba, PR").country == "BR"  # Paraná, not Puerto Rico
    assert places.geocode("Belo Horizonte/MG").country == "BR"  # Minas Gerais, not Madagascar
    brazil = ["São Paulo", "Rio de Janeiro", "Porto Alegre", "Salvador, Brazil"]
    assert places.locate_all(brazil + ["Recife - PE"])[-1].place.name == "Recife"  # Pernambuco, not Peru
    assert places.geocode("Berlin, NH").name == "New Hampshire"  # a small US town keeps its state


def test_survey_loader_reads_codes_by_the_rest_of_the_file():
    rows = [("Ana", "Austin, TX"), ("Ben", "PA"), ("Chi", "MD"), ("Dee", "TN"), ("Eve", "MA"), ("Fay", "CA"),
            ("Gus", "NJ"), ("Hal", "Seattle, WA"), ("Ivy", "NYC"), ("Jo", "Remote - EST"), ("Kai", "Denver, CO")]
    csv = "Name,Where are you based?\n" + "\n".join(f"{n},\"{loc}\"" for n, loc in rows)
    survey = load_survey(csv.encode("utf-8"), filename="us.csv")
    p = survey.participants.set_index("name")
    for name in ("Ben", "Chi", "Dee", "Eve", "Fay", "Gus"):
        assert p.loc[name, "timezone"].startswith("America/"), (name, p.loc[name, "timezone"])
        assert 24 < p.loc[name, "lat"] < 50 and -125 < p.loc[name, "lon"] < -66, name
    assert p.loc["Fay", "timezone"] == "America/Los_Angeles"
    assert p.loc["Jo", "timezone"] == "America/New_York"
    assert not any("could mean" in i.message for i in survey.issues)


def test_survey_loader_reports_a_code_it_cannot_settle():
    rows = [("Ana", "Toronto"), ("Ben", "Montreal"), ("Chi", "Austin, TX"), ("Dee", "Boston"), ("Eve", "CA")]
    csv = "Name,Location\n" + "\n".join(f"{n},{loc}" for n, loc in rows)
    survey = load_survey(csv.encode("utf-8"), filename="mixed.csv")
    notes = [i for i in survey.issues if "could mean" in i.message]
    assert len(notes) == 1 and notes[0].row == 6 and notes[0].column == "Location"
    assert "California" in notes[0].message and "Canada" in notes[0].message and notes[0].fix
