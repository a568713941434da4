"""Offline geocoding and time-zone helpers (matching.intake.places)."""

from __future__ import annotations

import math
import time
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.intake import places as geo


@pytest.mark.parametrize("text, lat, lon, tz", [
    ("Berlin", 52.5, 13.4, "Europe/Berlin"),
    ("Lagos, Nigeria", 6.45, 3.39, "Africa/Lagos"),
    ("Bangalore", 12.97, 77.59, "Asia/Kolkata"),
    ("São Paulo", -23.55, -46.63, "America/Sao_Paulo"),
    ("Sao Paulo, Brazil", -23.55, -46.63, "America/Sao_Paulo"),
    ("Austin, TX", 30.27, -97.74, "America/Chicago"),
    ("Germany", 52.5, 13.4, "Europe/Berlin"),
    ("SF", 37.77, -122.42, "America/Los_Angeles"),
    ("NYC", 40.71, -74.0, "America/New_York"),
    ("Portland, OR", 45.52, -122.68, "America/Los_Angeles"),
    ("Portland, ME", 43.66, -70.26, "America/New_York"),
    ("Toronto, CA", 43.7, -79.4, "America/Toronto"),
    ("München", 48.14, 11.58, "Europe/Berlin"),
    ("London, UK", 51.5, -0.13, "Europe/London"),
])
def test_known_places(text, lat, lon, tz):
    place = geo.geocode(text)
    assert place is not None
    assert abs(place.lat - lat) < 0.5 and abs(place.lon - lon) < 0.5
    assert place.timezone == tz


def test_country_and_state_answers_are_marked_as_coarse():
    assert geo.geocode("Germany").kind == "country"
    texas = geo.geocode("Texas")
    assert texas.kind == "state" and texas.timezone == "America/Chicago"


@pytest.mark.parametrize("text", ["Middle Earth", "asdfgh", "", "   ", "Remote", "anywhere"])
def test_unknown_or_no_place_gives_nothing(text):
    assert geo.geocode(text) is None


def test_remote_is_a_deliberate_non_place():
    assert geo.is_no_place("Remote") and not geo.is_no_place("Berlin")


@pytest.mark.parametrize("text, expected", [
    ("Europe/Berlin", "Europe/Berlin"), ("europe/berlin", "Europe/Berlin"), ("UTC+5:30", "UTC+05:30"),
    ("GMT-3", "Etc/GMT+3"), ("+01:00", "Etc/GMT-1"), ("UTC", "UTC"), ("PST", "America/Los_Angeles"),
    ("IST", "Asia/Kolkata"), ("nonsense", ""), ("", ""), ("UTC+15", ""),
])
def test_parse_timezone(text, expected):
    assert geo.parse_timezone(text) == expected


def test_utc_offset_hours_for_names_and_offsets():
    winter, summer = datetime(2024, 1, 15, 12), datetime(2024, 7, 15, 12)
    assert geo.utc_offset_hours("Europe/Berlin", winter) == 1.0
    assert geo.utc_offset_hours("Europe/Berlin", summer) == 2.0
    assert geo.utc_offset_hours("Asia/Kolkata") == 5.5
    assert geo.utc_offset_hours("UTC+5:30") == 5.5
    assert geo.utc_offset_hours("UTC+05:30") == 5.5
    assert geo.utc_offset_hours("GMT-3") == -3.0
    assert geo.utc_offset_hours("Etc/GMT+3") == -3.0
    assert math.isnan(geo.utc_offset_hours(""))
    assert math.isnan(geo.utc_offset_hours("Mars/Olympus_Mons"))


def test_timezone_at_coordinates():
    assert geo.timezone_at(52.52, 13.40) == "Europe/Berlin"
    assert geo.timezone_at(float("nan"), 0.0) == ""
    assert geo.timezone_at(123.0, 0.0) == ""


def test_two_thousand_locations_geocode_quickly():
    geo.gazetteer()  # the one-off index build is not what is measured here
    base = ["Berlin", "Lagos, Nigeria", "Bangalore", "São Paulo", "Austin, TX", "Germany", "London, UK", "NYC",
            "Paris, France", "Toronto, Canada", "Remote", "Middle Earth", "Seattle, WA", "Tokyo", "Nairobi"]
    texts = [f"{base[i % len(base)]}{' ' * (i % 7)}" if i % 3 else f"City{i}, Germany" for i in range(2000)]
    geo.geocode.cache_clear()
    start = time.perf_counter()
    found = sum(geo.geocode(t) is not None for t in texts)
    elapsed = time.perf_counter() - start
    assert found > 1500
    assert elapsed < 1.0, f"2,000 geocodes took {elapsed:.2f} s"


def test_geocode_rejects_non_strings():
    with pytest.raises(TypeError):
        geo.geocode(None)  # type: ignore[arg-type]


@pytest.mark.parametrize("text, country", [
    ("Joburg, SA", "ZA"), ("Durban, SA", "ZA"), ("Riyadh, SA", "SA"), ("St. Petersburg, FL", "US"),
    ("Saint Petersburg", "RU"), ("Atlanta, Georgia", "US"), ("Tbilisi, Georgia", "GE"), ("Germany, Berlin", "DE"),
    ("Berlin Germany", "DE"), ("Kraków, Poland", "PL"), ("Remote (US)", "US"),
])
def test_qualifiers_pick_the_right_country(text, country):
    assert geo.geocode(text).country == country


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_geocode_never_raises(text):
    place = geo.geocode(text)
    assert place is None or (-90 <= place.lat <= 90 and -180 <= place.lon <= 180)
