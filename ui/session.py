"""Session state: the data source, settings <-> widgets, the share link, and the current round."""

from __future__ import annotations

import json
from dataclasses import dataclass, fields

import streamlit as st

from matching.intake.survey import Survey
from matching.issues import InputError, Issue, has_fatal
from matching.round import RoundResult
from matching.settings import LEARN_SIGNALS, SIGNALS, Settings

from . import columns, data, decisions, learn, sharelink

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
    # Locks, forbids and the mapping in the link (hashed): applied once the same data is loaded.
    ss.link_pending = {k: str(params[k]) for k in sharelink.DECISION_PARAMS if params.get(k)} or None
    ss.file_mappings = {}
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
        return None, [i.message + (f" {i.fix}" if i.fix else "") for i in err.issues]  # no "FATAL:" prefix
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
    # The same file again (same content hash): the organizer's mapping for it comes back.
    ss.mapping_override = dict(ss.get("file_mappings", {}).get(digest, {}))
    ss.locked, ss.blocked = [], []
    if not (ss.get("expected_file") and digest.startswith(ss.expected_file)):
        columns.reset()
        ss.link_pending = None


def on_upload_change() -> None:
    """Callback of the survey uploader: a new file is used; removing it (✕) goes back to the sample."""
    ss = st.session_state
    up = ss.get("upload_file")
    if up is not None:
        raw = up.getvalue()
        digest = data.content_hash(raw)
        if ss.get("source", {}).get("digest") != digest:  # the file in use again: keep its decisions
            use_upload(up.name, raw, digest)
    elif ss.get("source", {}).get("kind") == "upload":
        remove_upload()


def remove_upload() -> None:
    """Forget the uploaded file: back to the demo data (the banner and the share link follow)."""
    use_sample(data.DEFAULT_SAMPLE)
    st.session_state.upload_removed = True


def set_mapping(mapping: dict[str, str | None]) -> None:
    """The organizer's mapping overrides, remembered for this file's content hash."""
    ss = st.session_state
    ss.mapping_override = dict(mapping)
    digest = ss.get("source", {}).get("digest")
    if digest:
        ss.setdefault("file_mappings", {})[digest] = dict(mapping)


def use_sample(sample_id: str) -> None:
    """Switch to a bundled sample, forgetting decisions about the previous data."""
    ss = st.session_state
    ss.source = {"kind": "sample", "id": sample_id}
    ss.mapping_override = {}
    ss.locked, ss.blocked = [], []
    ss.expected_file = None
    ss.link_pending = None
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


def source_digest() -> str:
    """SHA-256 of the data in use ('' when waiting for an upload): the salt of the link's hashes."""
    src = st.session_state.get("source", {})
    if src.get("kind") == "upload":
        return src["digest"]
    if src.get("kind") == "sample":
        return data.sample_digest(src["id"])
    return ""


def share_params(settings: Settings) -> dict[str, str]:
    """Query parameters for the share link: settings, the sample id or the file's hash, and the
    organizer's decisions as salted hashes (:mod:`ui.sharelink`). Never names, ids or answers."""
    ss = st.session_state
    params = settings.to_query()
    src = ss.get("source", {})
    if src.get("kind") == "sample":
        params[SAMPLE_PARAM] = src["id"]
    elif src.get("kind") == "upload":
        params[FILE_PARAM] = src["digest"][:12]
    elif ss.get("expected_file"):  # waiting for the link's file: keep the link as it was opened
        params[FILE_PARAM] = ss.expected_file
    if ss.get("link_pending"):
        params.update(ss.link_pending)
        return params
    salt = source_digest()
    if salt:
        for key, pairs in ((sharelink.LOCK_PARAM, ss.get("locked")), (sharelink.FORBID_PARAM, ss.get("blocked"))):
            if pairs:
                params[key] = sharelink.encode_pairs(pairs, salt)
        if ss.get("mapping_override"):
            params[sharelink.MAP_PARAM] = sharelink.encode_mapping(ss.mapping_override, salt)
    return params


def _apply_link_mapping(digest: str, raw: bytes, filename: str) -> None:
    """The link's mapping, decoded against this file's headers (before the survey is read)."""
    from matching.intake.fields import AUX_FIELDS, CANONICAL_FIELDS

    ss = st.session_state
    text = (ss.get("link_pending") or {}).get(sharelink.MAP_PARAM)
    if not text:
        return
    table, _ = data.cached_raw_table(digest, raw, filename)
    headers = [str(c) for c in table.columns] if table is not None else []
    mapping, missing = sharelink.decode_mapping(text, headers, digest)
    mapping = {f: h for f, h in mapping.items() if f in CANONICAL_FIELDS or f in AUX_FIELDS}
    if mapping:
        set_mapping(mapping)
    if missing:
        ss.link_issues.append(Issue("warning", f"{missing} column choice(s) in the link do not match this file's "
                                               "columns; the automatic mapping was kept for them."))


def _apply_link_pairs(ids: list[str], digest: str) -> None:
    """The link's locked and forbidden pairs, decoded against this survey's ids; then the link is done."""
    ss = st.session_state
    pending = ss.link_pending or {}
    for key, state in ((sharelink.LOCK_PARAM, "locked"), (sharelink.FORBID_PARAM, "blocked")):
        if pending.get(key):
            pairs, missing = sharelink.decode_pairs(pending[key], ids, digest)
            ss[state] = pairs
            if missing:
                what = "locked" if state == "locked" else "forbidden"
                ss.link_issues.append(Issue("warning", f"{missing} {what} pair(s) in the link name people who are "
                                                       "not in this file; they were left out."))
    ss.link_pending = None


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
    program: object = None   # ProgramContext when a program's roster and rotation apply (ui.history)


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
    applies = ss.get("link_pending") and (src["kind"] == "sample" or digest.startswith(ss.get("expected_file") or "~"))
    if applies:
        _apply_link_mapping(digest, raw, filename)
    mapping_json = json.dumps(ss.get("mapping_override") or {}, sort_keys=True)
    survey = data.cached_survey(digest, raw, filename, mapping_json, getattr(ss.get("settings"), "max_participants", Settings().max_participants))
    if applies:
        _apply_link_pairs(survey.participants["id"].astype(str).tolist(), digest)
    history, history_issues, history_key = None, [], ""
    if hist is not None:
        history_key = data.content_hash(hist)
        history, history_issues = data.cached_history(history_key, hist, "history.csv", f"{digest}:{mapping_json}",
                                                      survey.participants)
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
    if loaded.program is not None:  # a program's round: rotation and weak-match protection (ui.history)
        from .history import cached_program_round

        done = cached_program_round(loaded.survey_key + learn.signal_key(), kind_used, settings.to_json(),
                                    loaded.history_key, loaded.program, vectors, sig, embedder_issues)
        return done.result, {"vectors": vectors, "signals": sig, "embedder": kind_used, "program_round": done,
                             "program": loaded.program, "round_key": data.round_key(
                                 "program", loaded.survey_key + learn.signal_key(), kind_used, settings.to_json(),
                                 loaded.history_key)}
    result = data.cached_round(loaded.survey_key + learn.signal_key(), kind_used, settings.to_json(), loaded.history_key,
                               p, vectors, sig, loaded.history, embedder_issues)
    return result, {"vectors": vectors, "signals": sig, "embedder": kind_used,
                    "round_key": data.round_key(loaded.survey_key + learn.signal_key(), kind_used, settings.to_json(),
                                                loaded.history_key)}


def stable_result(result: RoundResult, survey_key: str) -> RoundResult:
    """The round with group ids kept from the previous pairing of this survey (unchanged groups keep theirs)."""
    if len(result.groups) != len(result.solution.groups) or "group_id" not in result.groups:
        return result
    memory = st.session_state.setdefault("group_memory", {})
    ids = result.participants["id"].astype(str).tolist()
    groups = [frozenset(ids[m] for m in g) for g in result.solution.groups]
    new_ids = decisions.stable_group_ids(memory.get(survey_key, {}), groups)
    memory.pop(survey_key, None)
    memory[survey_key] = dict(zip(groups, new_ids))
    for old in list(memory)[:-8]:
        del memory[old]
    return decisions.relabel_groups(result, new_ids)


def record_pairing(result: RoundResult, survey_key: str) -> dict | None:
    """Remember each distinct pairing of this survey; return what changed since the previous one."""
    log = st.session_state.setdefault("pairing_log", [])
    partners = decisions.partners_of(result)
    entry = {"key": result.settings.to_json(), "survey": survey_key, "partners": partners,
             "total": float(sum(result.solution.group_scores)), "lowest": result.solution.lowest_quality,
             "time_s": result.solution.time_s}
    if not log or (log[-1]["key"], log[-1]["survey"]) != (entry["key"], entry["survey"]):
        log.append(entry)
        del log[:-10]
    if len(log) < 2 or log[-2]["survey"] != log[-1]["survey"]:
        return None
    prev, cur = log[-2], log[-1]
    change = decisions.change_counts(prev["partners"], cur["partners"])
    change.update(total_change=cur["total"] - prev["total"], lowest_change=(cur["lowest"] or 0) - (prev["lowest"] or 0))
    return change
