"""Session state: the data source, settings <-> widgets, the share link, and the current round."""

from __future__ import annotations

import json
from dataclasses import dataclass, fields

import streamlit as st

from matching.intake.survey import Survey
from matching.issues import InputError, Issue, has_fatal
from matching.round import RoundResult
from matching.settings import LEARN_SIGNALS, SIGNALS, Settings

from . import columns, data, learn

SAMPLE_PARAM = "sample"   # query parameter naming the bundled sample in use
FILE_PARAM = "file"       # query parameter: first 12 hex of an uploaded file's sha256 (no data)
WIDGET_FIELDS = [f.name for f in fields(Settings)
                 if f.name not in ("weights", "locked", "blocked", "column_signals", "column_rules", "capacity_overrides")]


def wkey(name: str) -> str:
    """Widget key of a setting (weights use 'w_<signal>')."""
    return f"w_{name}" if name in SIGNALS or name in LEARN_SIGNALS else f"s_{name}"


def put_settings(settings: Settings) -> None:
    """Write settings into the widgets' session state (before the widgets render)."""
    ss = st.session_state
    for s in SIGNALS:
        ss[wkey(s)] = float(settings.weights[s])
    for s in LEARN_SIGNALS:
        if s in settings.weights:  # used only while the Learn screen has that signal switched on
            ss[wkey(s)] = float(settings.weights[s])
    for name in WIDGET_FIELDS:
        ss[wkey(name)] = getattr(settings, name)
    ss.locked = [list(p) for p in settings.locked]
    ss.blocked = [list(p) for p in settings.blocked]
    ss.capacity_overrides = dict(settings.capacity_overrides)
    columns.put(settings)


def init() -> None:
    """Initialise the session once: settings from the share link, the sample on first launch."""
    ss = st.session_state
    if ss.get("_initialised"):
        return
    params = {k: st.query_params.get(k) for k in st.query_params}
    settings, link_issues = Settings.from_query(params)
    put_settings(settings)
    ss.link_issues = link_issues
    ss.expected_file = params.get(FILE_PARAM)
    sample = params.get(SAMPLE_PARAM)
    if ss.expected_file:
        ss.source = {"kind": "awaiting"}
    else:
        if sample and sample not in data.SAMPLES:
            link_issues.append(Issue("warning", f"The link names an unknown sample '{sample}'; the coffee round was opened instead."))
        ss.source = {"kind": "sample", "id": sample if sample in data.SAMPLES else data.DEFAULT_SAMPLE}
    ss.mapping_override = {}
    ss.history_upload = None
    ss.pairing_log = []
    ss._initialised = True


def settings_from_file(data: bytes) -> tuple[Settings | None, list[str]]:
    """Settings from an uploaded JSON file, or None and the problems in plain words (never a traceback)."""
    if len(data) > 1_000_000:
        return None, ["This file is too large to be a settings file (over 1 MB)."]
    try:
        return Settings.from_json(data), []
    except InputError as err:
        return None, [i.as_text() for i in err.issues]
    except (ValueError, TypeError, RecursionError, OverflowError):
        return None, ["The settings file could not be read. Download a fresh one from the dashboard and edit that."]


def use_upload(name: str, raw: bytes, digest: str) -> None:
    """Switch to an uploaded file: decisions about the previous data no longer apply.

    The column signals and rules are kept only when this is the file a share link was made with
    (they name its columns).
    """
    ss = st.session_state
    ss.source = {"kind": "upload", "name": name, "digest": digest}
    ss.upload_bytes = raw
    ss.mapping_override = {}
    ss.locked, ss.blocked = [], []
    if not (ss.get("expected_file") and digest.startswith(ss.expected_file)):
        columns.reset()


def use_sample(sample_id: str) -> None:
    """Switch to a bundled sample, forgetting decisions about the previous data."""
    ss = st.session_state
    ss.source = {"kind": "sample", "id": sample_id}
    ss.mapping_override = {}
    ss.locked, ss.blocked = [], []
    ss.expected_file = None
    columns.reset()


def current_settings() -> tuple[Settings, list[Issue]]:
    """Settings from the widgets; invalid combinations are reported and the last good settings kept."""
    ss = st.session_state
    raw = {name: ss.get(wkey(name)) for name in WIDGET_FIELDS}
    raw["weights"] = {s: ss.get(wkey(s)) for s in SIGNALS}
    raw["weights"].update({s: ss.get(wkey(s)) for s in learn.active_signals()})
    raw["locked"] = [tuple(p) for p in ss.get("locked", [])]
    raw["blocked"] = [tuple(p) for p in ss.get("blocked", [])]
    raw["capacity_overrides"] = dict(ss.get("capacity_overrides", {}))
    columns.read(raw)
    try:
        settings = Settings.from_dict(raw)
    except InputError as err:
        return ss.get("last_good_settings", Settings()), err.issues
    ss.last_good_settings = settings
    return settings, []


def share_params(settings: Settings) -> dict[str, str]:
    """Query parameters for the share link: settings and the sample id, or the file's hash. Never data."""
    params = settings.to_query()
    src = st.session_state.get("source", {})
    if src.get("kind") == "sample":
        params[SAMPLE_PARAM] = src["id"]
    elif src.get("kind") == "upload":
        params[FILE_PARAM] = src["digest"][:12]
    return params


def sync_query_params(settings: Settings) -> None:
    params = share_params(settings)
    current = {k: st.query_params.get(k) for k in st.query_params}
    if current != params:
        st.query_params.from_dict(params)


def share_url(settings: Settings) -> str:
    from urllib.parse import urlencode

    base = (st.context.url or "http://localhost:8501").split("?")[0]
    query = urlencode(share_params(settings))
    return f"{base}?{query}" if query else base


@dataclass
class Loaded:
    survey: Survey
    source_label: str
    survey_key: str
    history: object
    history_key: str
    history_issues: list[Issue]
    raw: bytes
    filename: str


def load_source() -> Loaded | None:
    """The survey in use (sample or upload), parsed and validated (cached by content hash)."""
    ss = st.session_state
    src = ss.get("source", {})
    if src.get("kind") == "sample":
        raw, filename, hist = data.sample_bytes(src["id"])
        label = data.SAMPLES[src["id"]]["label"]
    elif src.get("kind") == "upload":
        raw, filename, hist = ss.upload_bytes, src["name"], None
        label = f"uploaded file {src['name']}"
    else:
        return None
    if ss.get("history_upload"):
        hist = ss.history_upload["bytes"]
    digest = data.content_hash(raw)
    mapping_json = json.dumps(ss.get("mapping_override") or {}, sort_keys=True)
    survey = data.cached_survey(digest, raw, filename, mapping_json)
    history, history_issues, history_key = None, [], ""
    if hist is not None:
        history_key = data.content_hash(hist)
        history, history_issues = data.cached_history(history_key, hist, "history.csv")
        if has_fatal(history_issues):
            history = None
    return Loaded(survey, label, f"{digest}:{mapping_json}", history, history_key, history_issues, raw, filename)


def compute_round(loaded: Loaded, settings: Settings, progress_slot=None) -> tuple[RoundResult | None, dict]:
    """Embed (cached; with a progress bar on a miss), score and solve."""
    p = loaded.survey.participants
    bar = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if progress_slot is None or total == 0:
            return
        if bar is None:
            bar = progress_slot.progress(0.0, text=f"Embedding {total} texts with all-MiniLM-L6-v2 ...")
        bar.progress(done / total, text=f"Embedding texts: {done}/{total}")

    if progress_slot is not None and not data.vectors_ready(loaded.survey_key, settings.embedder, settings):
        what = "loading the sentence-embedding model and " if settings.embedder == "minilm" else ""
        bar = progress_slot.progress(0.0, text=f"First look at this survey: {what}embedding {len(p)} people's "
                                               "free text. Later changes are instant.")
    vectors, kind_used, embedder_issues = data.cached_vectors(loaded.survey_key, settings.embedder, p, progress, settings)
    if bar is not None:
        bar.empty()
    sig = data.cached_signals(loaded.survey_key, kind_used, data.signal_key(settings), p, vectors, settings)
    sig = learn.extend_signals(sig, p, loaded.survey_key)  # the Learn screen's learned/history signals, if on
    result = data.cached_round(loaded.survey_key + learn.signal_key(), kind_used, settings.to_json(), loaded.history_key,
                               p, vectors, sig, loaded.history, embedder_issues)
    return result, {"vectors": vectors, "signals": sig, "embedder": kind_used}


def record_pairing(result: RoundResult, survey_key: str) -> dict | None:
    """Remember each distinct pairing of this survey; return what changed since the previous one."""
    log = st.session_state.setdefault("pairing_log", [])
    ids = result.participants["id"].astype(str).tolist()
    partners = {ids[m]: frozenset(ids[o] for o in g if o != m) for g in result.solution.groups for m in g}
    entry = {"key": result.settings.to_json(), "survey": survey_key, "partners": partners,
             "total": float(sum(result.solution.group_scores)), "lowest": result.solution.lowest_quality,
             "time_s": result.solution.time_s}
    if not log or (log[-1]["key"], log[-1]["survey"]) != (entry["key"], entry["survey"]):
        log.append(entry)
        del log[:-10]
    if len(log) < 2 or log[-2]["survey"] != log[-1]["survey"]:
        return None
    prev, cur = log[-2], log[-1]
    everyone = set(prev["partners"]) | set(cur["partners"])
    moved = sum(1 for pid in everyone if prev["partners"].get(pid, frozenset()) != cur["partners"].get(pid, frozenset()))
    return {"moved": moved, "total_change": cur["total"] - prev["total"],
            "lowest_change": (cur["lowest"] or 0) - (prev["lowest"] or 0), "n": len(everyone)}
