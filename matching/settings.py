"""One settings model for the dashboard sidebar, the share link, the JSON file and the CLI."""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any, Mapping

from .issues import Issue, InputError

SIGNALS: tuple[str, ...] = ("profile", "wants", "role", "experience", "location", "skills_overlap")
# Optional signals from feedback (matching.learn): weighted only when the organizer turns them on.
LEARN_SIGNALS: tuple[str, ...] = ("learned", "ppr", "cf")
# The organizer's own form columns (matching.scoring.columns): how a column feeds the score, and rules on it.
COLUMN_SIGNAL_USES: tuple[str, ...] = ("tags", "same", "closeness", "gap", "embed")  # a named signal, own weight
COLUMN_USES: tuple[str, ...] = (*COLUMN_SIGNAL_USES, "profile", "wants")  # or text added to the profile/wants side
COLUMN_RULES: tuple[str, ...] = ("only_same", "never_same", "prefer_different")
DEFAULT_COLUMN_WEIGHT = 0.2

SIGNAL_DESCRIPTIONS: dict[str, str] = {
    "profile": "How similar their summaries and skills read (sentence embeddings).",
    "wants": "How well each person's profile answers what the other wrote they want in a buddy.",
    "role": "How well their roles fit (similar roles, or complementary ones such as Founder and Engineer).",
    "experience": "How close their experience gap is to the sweet spot (0 years = peers).",
    "location": "Shared daytime hours across time zones, and/or physical distance.",
    "skills_overlap": "Overlap of the skill and interest tags they listed.",
}

DEFAULT_WEIGHTS: dict[str, float] = {
    "profile": 0.30,
    "wants": 0.25,
    "role": 0.10,
    "experience": 0.10,
    "location": 0.10,
    "skills_overlap": 0.15,
}

CHOICES: dict[str, tuple[str, ...]] = {
    "reciprocity": ("geometric", "min", "mean"),
    "role_mode": ("peer", "complement"),
    "similar_role_mode": ("fallback", "hard", "soft"),
    "location_mode": ("timezone", "distance", "both"),
    "odd": ("triad", "bye"),
    "program": ("auto", "peer", "mentoring"),
    "embedder": ("minilm", "tfidf"),
    "solver": ("auto", "highs", "cbc"),
    "mentor_method": ("max_weight", "stable"),
    "preferred_mode": ("off", "bonus", "hard"),
    "candidates": ("auto", "exact", "ann"),
}

# (low, high, integer?) for every numeric setting.
RANGES: dict[str, tuple[float, float, bool]] = {
    "experience_sweet_spot": (0.0, 30.0, False),
    "experience_scale": (0.5, 20.0, False),
    "distance_scale_km": (50.0, 20000.0, False),
    "min_score": (0.0, 1.0, False),
    "fairness": (0.0, 2.0, False),
    "stage_mixing": (-1.0, 1.0, False),
    "repeat_rounds": (0, 50, True),
    "repeat_penalty": (0.0, 1.0, False),
    "protect_weak": (0.0, 1.0, False),
    "popularity": (0.0, 1.0, False),
    "n_backups": (0, 2, True),
    "backup_cap": (1, 20, True),
    "k": (3, 200, True),
    "seed": (0, 2**31 - 1, True),
    "time_limit": (1.0, 600.0, False),
    "max_participants": (2, 1_000_000, True),
    "suggest_k": (1, 50, True),
    "suggest_threshold": (0.0, 1.0, False),
    "suggest_diversity": (0.0, 1.0, False),
    "suggest_exposure": (1.0, 20.0, False),
    "group_size": (2, 4, True),
    "mentor_spread": (0.0, 1.0, False),
    "mentor_min": (0, 20, True),
    "mentor_capacity": (0, 50, True),
}

# Short, stable query-parameter names for the share link. Defined once, here.
QUERY_NAMES: dict[str, str] = {
    **{f"weights.{s}": f"w_{s[:2]}" for s in SIGNALS},
    "reciprocity": "rec",
    "role_mode": "rm",
    "similar_role_mode": "srm",
    "experience_sweet_spot": "ess",
    "experience_scale": "esc",
    "location_mode": "loc",
    "distance_scale_km": "dkm",
    "min_score": "min",
    "fairness": "lam",
    "stage_mixing": "mix",
    "repeat_rounds": "rr",
    "repeat_penalty": "rp",
    "protect_weak": "pw",
    "popularity": "pop",
    "odd": "odd",
    "n_backups": "nb",
    "backup_cap": "bc",
    "k": "k",
    "seed": "seed",
    "program": "prog",
    "embedder": "emb",
    "solver": "sol",
    "time_limit": "tl",
    "max_participants": "maxn",
    "suggest_k": "sk",
    "suggest_threshold": "sth",
    "suggest_diversity": "sdv",
    "suggest_exposure": "sex",
    "group_size": "gs",
    "mentor_spread": "msp",
    "mentor_min": "mmin",
    "mentor_capacity": "mcap",
    "mentor_method": "mm",
    "preferred_mode": "pm",
    "candidates": "cand",
}


@dataclass(frozen=True)
class Settings:
    """Every knob of a round. Immutable; build changed copies with :meth:`replace`.

    ``weights`` must name exactly the signals in :data:`SIGNALS`. ``locked`` and ``blocked``
    are organizer decisions about specific participants (pairs of participant ids): they are
    saved in the settings JSON but never put in a share link.
    """

    weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    reciprocity: str = "geometric"
    role_mode: str = "peer"
    similar_role_mode: str = "fallback"  # similar-role requests: hard, soft (a bonus) or hard unless impossible
    experience_sweet_spot: float = 0.0
    experience_scale: float = 4.0
    location_mode: str = "timezone"
    distance_scale_km: float = 3000.0
    min_score: float = 0.0
    fairness: float = 0.0
    stage_mixing: float = 0.0
    repeat_rounds: int = 3
    repeat_penalty: float = 0.3
    protect_weak: float = 0.5   # programs: a person whose last match was weak has their pairs count this much more
    popularity: float = 0.0
    odd: str = "triad"
    n_backups: int = 2
    backup_cap: int = 3
    k: int = 20
    seed: int = 0
    program: str = "auto"
    embedder: str = "minilm"
    solver: str = "auto"
    time_limit: float = 30.0
    # Large rounds (paired in blocks): "exact" walks all N^2 pairs once and proves the pairing over all
    # pairs; "ann" pairs on a nearest-neighbour candidate graph (gap proven on that graph only); "auto"
    # is exact up to 30,000 people.
    candidates: str = "auto"
    max_participants: int = 5000  # larger files are refused before any N x N table is built
    # Top-K suggestions: list length, reciprocal threshold (both directions), MMR diversity, and the
    # exposure cap as a multiple of k (nobody appears in more than ceil(suggest_exposure * k) lists).
    suggest_k: int = 5
    suggest_threshold: float = 0.15
    suggest_diversity: float = 0.3
    suggest_exposure: float = 2.0
    # Formats (matching/formats.py): groups of 3-4 for peer rounds; mentoring options for two-sided rounds
    # (spread the load 0-1, minimum mentees per mentor, default capacity for blank answers (0 = the form's),
    # max-weight or stable, preferred mentors named in a form column as a bonus or a hard choice).
    group_size: int = 2
    mentor_spread: float = 0.0
    mentor_min: int = 0
    mentor_capacity: int = 0
    mentor_method: str = "max_weight"
    preferred_mode: str = "off"
    capacity_overrides: Mapping[str, int] = field(default_factory=dict)  # participant id -> capacity (not in links)
    locked: tuple[tuple[str, str], ...] = ()
    blocked: tuple[tuple[str, str], ...] = ()
    # Form column -> use (COLUMN_USES); None = automatic: the form's obvious topic/multi-select columns.
    column_signals: Mapping[str, str] | None = None
    column_rules: Mapping[str, str] = field(default_factory=dict)  # form column -> rule (COLUMN_RULES)

    def __post_init__(self) -> None:
        problems = _validate(self)
        if problems:
            raise InputError(problems)
        # Normalise containers so equal settings compare and hash equally.
        object.__setattr__(self, "weights", {**{s: float(self.weights[s]) for s in (*SIGNALS, *LEARN_SIGNALS)
                                                if s in self.weights},
                                             **{c: float(self.weights.get(c, DEFAULT_COLUMN_WEIGHT))
                                                for c in column_signal_names(self.column_signals)}})
        if self.column_signals is not None:
            object.__setattr__(self, "column_signals", {str(c): u for c, u in sorted(self.column_signals.items())})
        object.__setattr__(self, "column_rules", {str(c): r for c, r in sorted(self.column_rules.items())})
        object.__setattr__(self, "capacity_overrides", {str(c): int(v) for c, v in sorted(self.capacity_overrides.items())})
        for name, (_lo, _hi, integer) in RANGES.items():
            if integer:  # 20.0 from a JSON file is the whole number 20
                object.__setattr__(self, name, int(getattr(self, name)))
        object.__setattr__(self, "locked", _pairs(self.locked))
        object.__setattr__(self, "blocked", _pairs(self.blocked))

    def __hash__(self) -> int:
        return hash(self.to_json())

    # --- conversions -------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["weights"] = dict(self.weights)
        d["column_signals"] = None if self.column_signals is None else dict(self.column_signals)
        d["column_rules"] = dict(self.column_rules)
        d["capacity_overrides"] = dict(self.capacity_overrides)
        d["locked"] = [list(p) for p in self.locked]
        d["blocked"] = [list(p) for p in self.blocked]
        return d

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), sort_keys=True)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Settings":
        """Build settings from a dict (e.g. parsed JSON); unknown keys and bad values raise
        :class:`InputError` listing every problem at once."""
        if not isinstance(data, Mapping):
            raise InputError([Issue("fatal", f"Settings must be a JSON object. Got {type(data).__name__} instead.")])
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        problems = [
            Issue("fatal", f"'{k}' is not a setting.", f"Remove it, or use one of: {', '.join(sorted(known))}.")
            for k in unknown
        ]
        kwargs = {k: v for k, v in data.items() if k in known}
        if "weights" in kwargs and isinstance(kwargs["weights"], Mapping):
            # A partial weights dict in a file means "change these"; the rest keep their defaults.
            kwargs["weights"] = {**DEFAULT_WEIGHTS, **kwargs["weights"]}
        for name in ("locked", "blocked"):
            if name in kwargs and kwargs[name] is not None:
                pairs = kwargs.pop(name)
                if isinstance(pairs, (list, tuple)) and all(isinstance(p, (list, tuple)) and len(p) == 2 for p in pairs):
                    kwargs[name] = tuple(tuple(p) for p in pairs)
                else:
                    problems.append(Issue("fatal", f"The '{name}' setting must be a list of [id, id] pairs. "
                                                   f"Got {str(pairs)[:80]} instead."))
        try:
            settings = cls(**kwargs)
        except InputError as err:
            problems.extend(err.issues)
            raise InputError(problems) from None
        except TypeError as err:
            problems.append(Issue("fatal", f"Settings could not be read: {err}."))
            raise InputError(problems) from None
        if problems:
            raise InputError(problems)
        return settings

    @classmethod
    def from_json(cls, text: str | bytes) -> "Settings":
        try:
            data = json.loads(text)
        except RecursionError:
            raise InputError([Issue("fatal", "The settings file is nested too deeply to be a settings file.",
                                    "Download a fresh settings file from the dashboard and edit that.")]) from None
        except (ValueError, UnicodeDecodeError) as err:
            raise InputError([Issue("fatal", f"The settings file is not valid JSON ({err}).",
                                    "Download a fresh settings file from the dashboard and edit that.")]) from None
        return cls.from_dict(data)

    def replace(self, **changes: Any) -> "Settings":
        return replace(self, **changes)

    def with_weight(self, signal: str, value: float) -> "Settings":
        return replace(self, weights={**self.weights, signal: value})

    # --- share link ----------------------------------------------------------------------------
    def to_query(self) -> dict[str, str]:
        """Settings that differ from the defaults as short query parameters (never participant data)."""
        default = Settings()
        out: dict[str, str] = {}
        for key, short in QUERY_NAMES.items():
            value, base = _get(self, key), _get(default, key)
            if value != base:
                out[short] = _fmt(value)
        out.update(_column_query(self))
        return out

    @classmethod
    def from_query(cls, params: Mapping[str, str]) -> tuple["Settings", list[Issue]]:
        """Restore settings from query parameters. Bad or unknown values are skipped and reported."""
        by_short = {v: k for k, v in QUERY_NAMES.items()}
        base = cls().to_dict()
        issues: list[Issue] = _columns_from_query(cls, params, base)
        for short, raw in params.items():
            raw = raw[-1] if isinstance(raw, list) else raw
            key = by_short.get(short)
            if key is None:
                continue  # other parameters (e.g. the sample id) belong to the UI
            target = key.split(".")[-1]
            current = _get(cls(), key)
            try:
                value: Any = _query_value(current, raw)
            except (ValueError, OverflowError, TypeError):
                issues.append(Issue("warning", f"The link's '{short}' value {str(raw)[:40]!r} is not a usable number; "
                                               "the default was kept."))
                continue
            if key.startswith("weights."):
                base["weights"][target] = value
            else:
                base[key] = value
            try:
                cls.from_dict(base)
            except InputError as err:
                issues.extend(Issue("warning", f"Ignored link value {short}={raw}: {i.message}") for i in err.issues)
                if key.startswith("weights."):
                    base["weights"][target] = DEFAULT_WEIGHTS.get(target, DEFAULT_COLUMN_WEIGHT)
                else:
                    base[key] = getattr(cls(), key)
        return cls.from_dict(base), issues


def _query_value(current: Any, raw: Any) -> Any:
    """One share-link value converted to the type of the setting it names (finite numbers only)."""
    if not isinstance(current, (int, float)) or isinstance(current, bool):
        return str(raw)
    number = float(raw)
    if not math.isfinite(number):
        raise ValueError("not finite")
    if isinstance(current, int):
        if not number.is_integer():
            raise ValueError("not whole")
        return int(number)
    return number


def _get(settings: Settings, key: str) -> Any:
    if key.startswith("weights."):
        return settings.weights[key.split(".", 1)[1]]
    return getattr(settings, key)


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def column_signal_names(column_signals: Any) -> list[str]:
    """The form columns that are signals of their own (and so have a weight)."""
    if not isinstance(column_signals, Mapping):
        return []
    return [str(c) for c, use in column_signals.items() if use in COLUMN_SIGNAL_USES]


# Share-link names of the column settings: JSON objects of column names (headers, never answers).
COLUMN_QUERY = {"column_signals": "cs", "column_rules": "cr", "column_weights": "cw"}


def _column_query(s: Settings) -> dict[str, str]:
    out = {}
    if s.column_signals is not None:
        out["cs"] = json.dumps(s.column_signals, separators=(",", ":"), ensure_ascii=False)
        weights = {c: s.weights[c] for c in column_signal_names(s.column_signals)
                   if s.weights[c] != DEFAULT_COLUMN_WEIGHT}
        if weights:
            out["cw"] = json.dumps(weights, separators=(",", ":"), ensure_ascii=False)
    if s.column_rules:
        out["cr"] = json.dumps(s.column_rules, separators=(",", ":"), ensure_ascii=False)
    return out


def _columns_from_query(cls, params: Mapping[str, Any], base: dict) -> list[Issue]:
    """Read the column settings of a share link into ``base``; unusable values are skipped and reported."""
    issues: list[Issue] = []
    found = {}
    for name, short in COLUMN_QUERY.items():
        raw = params.get(short)
        raw = raw[-1] if isinstance(raw, list) else raw
        if raw is None:
            continue
        try:
            value = json.loads(str(raw)[:20000])
        except (ValueError, RecursionError):
            value = None
        if not isinstance(value, dict):
            issues.append(Issue("warning", f"The link's '{short}' value is not a list of columns; it was ignored."))
            continue
        found[name] = value
    trial = dict(base, weights=dict(base["weights"]))
    if "column_signals" in found:
        trial["column_signals"] = found["column_signals"]
        trial["weights"].update(found.get("column_weights", {}))
    if "column_rules" in found:
        trial["column_rules"] = found["column_rules"]
    try:
        cls.from_dict(trial)
    except InputError as err:
        issues.extend(Issue("warning", f"Ignored the link's column settings: {i.message}") for i in err.issues)
        return issues
    base.update(trial)
    return issues


def _pairs(pairs: Any) -> tuple[tuple[str, str], ...]:
    return tuple(sorted({tuple(sorted((str(a), str(b)))) for a, b in pairs}))


def _validate(s: Settings) -> list[Issue]:
    problems: list[Issue] = []
    if not isinstance(s.weights, Mapping):
        return [Issue("fatal", f"The 'weights' setting must map signal names to numbers. Got {s.weights!r} instead.")]
    problems += _validate_columns(s)
    columns = set(column_signal_names(s.column_signals))
    missing = [k for k in SIGNALS if k not in s.weights]
    extra = [k for k in s.weights if k not in SIGNALS and k not in LEARN_SIGNALS and k not in columns]
    if missing:
        problems.append(Issue("fatal", f"The 'weights' setting must name every signal ({', '.join(SIGNALS)}). "
                                       f"Missing: {', '.join(missing)}."))
    if extra:
        problems.append(Issue(
            "fatal", f"The 'weights' setting must name only signals ({', '.join(SIGNALS)}, "
                     f"{', '.join(LEARN_SIGNALS)}) or columns listed in 'column_signals'. "
                     f"Got {', '.join(repr(str(k)) for k in extra)} instead.",
            "Add the column to 'column_signals' first, or remove its weight."))
    for name, value in s.weights.items():
        if (name in SIGNALS or name in LEARN_SIGNALS or name in columns) and not (_is_number(value) and 0.0 <= float(value) <= 1.0):
            problems.append(Issue("fatal", f"The weight of '{name}' must be a number between 0 and 1. Got {value!r} instead."))
    if not problems and sum(float(v) for v in s.weights.values()) <= 0:
        problems.append(Issue("fatal", "At least one signal weight must be above 0. Got all zeros instead.",
                              "Raise the weight of the signal you care about most."))
    for name, options in CHOICES.items():
        value = getattr(s, name)
        if value not in options:
            problems.append(Issue("fatal", f"The '{name}' setting must be one of {', '.join(options)}. Got {value!r} instead."))
    for name, (lo, hi, integer) in RANGES.items():
        value = getattr(s, name)
        kind = "a whole number" if integer else "a number"
        ok = _is_number(value) and lo <= float(value) <= hi and (not integer or float(value).is_integer())
        if not ok:
            problems.append(Issue("fatal", f"The '{name}' setting must be {kind} between {lo:g} and {hi:g}. Got {value!r} instead."))
    overrides = s.capacity_overrides
    if not isinstance(overrides, Mapping) or not all(
            _is_number(v) and float(v).is_integer() and 0 <= float(v) <= 50 for v in overrides.values()):
        problems.append(Issue("fatal", "The 'capacity_overrides' setting must map participant ids to whole numbers "
                                       f"between 0 and 50. Got {str(overrides)[:80]} instead."))
    for name in ("locked", "blocked"):
        try:
            for a, b in getattr(s, name):
                if str(a) == str(b):
                    problems.append(Issue("fatal", f"The '{name}' setting pairs '{a}' with themselves.", "Remove that pair."))
        except (TypeError, ValueError):
            problems.append(Issue("fatal", f"The '{name}' setting must be a list of [id, id] pairs. Got {getattr(s, name)!r} instead."))
    return problems


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(float(value))


def _validate_columns(s: Settings) -> list[Issue]:
    """Problems with ``column_signals`` and ``column_rules`` (shape, uses, rules, name clashes)."""
    problems: list[Issue] = []
    checks = [("column_signals", s.column_signals, COLUMN_USES), ("column_rules", s.column_rules, COLUMN_RULES)]
    for name, value, allowed in checks:
        if value is None and name == "column_signals":
            continue
        if not isinstance(value, Mapping):
            problems.append(Issue("fatal", f"The '{name}' setting must map column names to one of "
                                           f"{', '.join(allowed)}. Got {str(value)[:80]!r} instead."))
            continue
        for column, use in value.items():
            if not isinstance(column, str) or not column.strip():
                problems.append(Issue("fatal", f"The '{name}' setting must name columns by their header. "
                                               f"Got {str(column)[:80]!r} instead."))
            elif use not in allowed:
                problems.append(Issue("fatal", f"The '{name}' setting for column '{column[:80]}' must be one of "
                                               f"{', '.join(allowed)}. Got {str(use)[:80]!r} instead."))
            elif name == "column_signals" and column in (*SIGNALS, *LEARN_SIGNALS):
                problems.append(Issue("fatal", f"The column signal '{column}' has the name of a built-in signal.",
                                      "Rename the column in the file."))
    return problems
