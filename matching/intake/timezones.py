"""Typed time zones -> IANA names or offsets, and UTC offsets at a moment (offline, stdlib only).

Split from :mod:`.places` (which re-exports these names): "PST", "CET", "UTC+5:30", "GMT-3",
"europe/berlin" and the like, as people type them into a survey.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import datetime, timezone as dt_timezone
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones


def _words(text: str) -> list[str]:
    """Lower-case, accent-free words of a text (the same folding as places.normalize_place)."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().replace("'", "")
    return re.sub(r"[^0-9a-z]+", " ", text).split()


_TZ_ABBREVIATIONS = {
    "pst": "America/Los_Angeles", "pdt": "America/Los_Angeles", "pt": "America/Los_Angeles",
    "pacific": "America/Los_Angeles", "mst": "America/Denver", "mdt": "America/Denver", "mt": "America/Denver",
    "mountain": "America/Denver", "cst": "America/Chicago", "cdt": "America/Chicago", "ct": "America/Chicago",
    "central": "America/Chicago", "est": "America/New_York", "edt": "America/New_York", "et": "America/New_York",
    "eastern": "America/New_York", "akst": "America/Anchorage", "hst": "Pacific/Honolulu",
    "bst": "Europe/London", "wet": "Europe/Lisbon", "west": "Europe/Lisbon", "cet": "Europe/Berlin",
    "cest": "Europe/Berlin", "eet": "Europe/Athens", "eest": "Europe/Athens", "msk": "Europe/Moscow",
    "ist": "Asia/Kolkata", "pkt": "Asia/Karachi", "sgt": "Asia/Singapore", "hkt": "Asia/Hong_Kong",
    "jst": "Asia/Tokyo", "kst": "Asia/Seoul", "aest": "Australia/Sydney", "aedt": "Australia/Sydney",
    "awst": "Australia/Perth", "nzst": "Pacific/Auckland", "nzdt": "Pacific/Auckland",
    "wat": "Africa/Lagos", "cat": "Africa/Maputo", "eat": "Africa/Nairobi", "sast": "Africa/Johannesburg",
    "brt": "America/Sao_Paulo", "art": "America/Argentina/Buenos_Aires", "gmt": "UTC", "utc": "UTC", "z": "UTC",
}

_OFFSET = re.compile(r"(?:^|\b(?:utc|gmt)\s*)([+\-−–])\s*(\d{1,2})(?:(?::|h|\.)?(\d{2}))?(?!\d)", re.IGNORECASE)
_OFFSET_STRICT = re.compile(r"^(?:utc|gmt)?\s*([+\-−–])\s*(\d{1,2})(?:(?::|h)?(\d{2}))?\s*$", re.IGNORECASE)
_ETC = re.compile(r"^Etc/GMT([+-])(\d{1,2})$")
_IANA_TOKEN = re.compile(r"[A-Za-z][A-Za-z_\-]*(?:/[A-Za-z0-9_\-+]+)+")


@lru_cache(maxsize=1)
def _zones_by_lower() -> dict[str, str]:
    return {z.lower(): z for z in available_timezones()}


def _offset_name(hours: float) -> str:
    if hours == 0:
        return "UTC"
    if hours == int(hours):
        # POSIX sign convention: Etc/GMT-5 is five hours *ahead* of UTC.
        return f"Etc/GMT{'-' if hours > 0 else '+'}{abs(int(hours))}"
    sign = "+" if hours > 0 else "-"
    h, m = divmod(round(abs(hours) * 60), 60)
    return f"UTC{sign}{h:02d}:{m:02d}"


def _parse_offset(match: re.Match) -> float | None:
    sign = -1 if match.group(1) in "-−–" else 1
    hours = int(match.group(2))
    minutes = int(match.group(3) or 0)
    if minutes >= 60:
        return None
    value = sign * (hours + minutes / 60)
    return value if -12 <= value <= 14 else None


def parse_timezone(text: str) -> str:
    """Normalise a typed time zone to an IANA name or an offset string.

    Accepts IANA names in any case ("europe/berlin"), offsets ("UTC+5:30", "GMT-3", "+01:00")
    and common abbreviations ("PST", "CET", "IST"). Whole-hour offsets become ``Etc/GMT∓N``
    zones, fractional ones ``"UTC+05:30"``; both work with :func:`utc_offset_hours`.

    Parameters
    ----------
    text : str
        The time zone as typed.

    Returns
    -------
    str
        The normalised zone, or ``""`` when the text is blank or not a time zone.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_timezone() needs a str. Got {type(text).__name__} instead.")
    raw = text.strip()
    if not raw:
        return ""
    zones = _zones_by_lower()
    # "America/New York" is a common way to type America/New_York.
    for token in _IANA_TOKEN.findall(re.sub(r"(?<=[A-Za-z]) (?=[A-Za-z])", "_", raw)) + _IANA_TOKEN.findall(raw):
        if token.lower() in zones and not _ETC.match(zones[token.lower()]):
            return zones[token.lower()]
    etc = _ETC.match(raw.replace("etc/gmt", "Etc/GMT").replace("ETC/GMT", "Etc/GMT"))
    if etc:
        return etc.group(0) if raw.lower() in zones else ""
    m = _OFFSET_STRICT.match(raw) or _OFFSET.search(raw)
    if m:
        hours = _parse_offset(m)
        return "" if hours is None else _offset_name(hours)
    words = _words(raw)
    for w in words:
        if w in _TZ_ABBREVIATIONS:
            return _TZ_ABBREVIATIONS[w]
    if len(words) == 1 and raw.lower() in zones:
        return zones[raw.lower()]
    return ""


def utc_offset_hours(tz: str, when: datetime | None = None) -> float:
    """Hours ahead of UTC for an IANA zone or an offset string, at a moment.

    Parameters
    ----------
    tz : str
        ``"Europe/Berlin"``, ``"Etc/GMT-5"``, ``"UTC+05:30"``, ``"GMT-3"``, ``"PST"`` ...
    when : datetime, optional
        The moment to evaluate daylight saving at (naive = UTC). Defaults to now.

    Returns
    -------
    float
        E.g. 5.5 for India; NaN when ``tz`` is blank or unknown.
    """
    if not isinstance(tz, str):
        raise TypeError(f"utc_offset_hours() needs a str. Got {type(tz).__name__} instead.")
    raw = tz.strip()
    if not raw:
        return math.nan
    m = _OFFSET_STRICT.match(raw)
    if m:
        hours = _parse_offset(m)
        return math.nan if hours is None else hours
    name = raw if raw in _zones_by_lower().values() else parse_timezone(raw)
    if not name:
        return math.nan
    m = _OFFSET_STRICT.match(name)
    if m:
        hours = _parse_offset(m)
        return math.nan if hours is None else hours
    try:
        zone = ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return math.nan
    moment = when if when is not None else datetime.now(dt_timezone.utc)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt_timezone.utc)
    offset = moment.astimezone(zone).utcoffset()
    return math.nan if offset is None else offset.total_seconds() / 3600.0
