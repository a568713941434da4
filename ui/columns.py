"""The organizer's own form columns in the dashboard: suggestions, weight sliders, signal / rule choices.

State lives in ``st.session_state``: ``column_signals`` (None = automatic, else column -> use),
``column_rules`` (column -> rule) and one weight slider per column signal (key ``w_col::<header>``).
Only column headers are ever stored or put in the share link, never answers.
"""

from __future__ import annotations

import streamlit as st

from matching.settings import COLUMN_SIGNAL_USES, DEFAULT_COLUMN_WEIGHT, Settings

RULE_CHOICES = ("", "only_same", "never_same", "prefer_different")
RULE_WORDS = {"": "no rule", "only_same": "only pair the same answer", "never_same": "never pair the same answer",
              "prefer_different": "prefer different answers"}
USE_WORDS = {"tags": "shared choices", "same": "same answer", "closeness": "close on the scale", "gap": "close numbers",
             "embed": "similar answers (text)", "profile": "added to the profile text", "wants": "added to 'wants' text"}


def weight_key(column: str) -> str:
    """Widget key of a column signal's weight slider."""
    return f"w_col::{column}"


@st.cache_data(show_spinner=False, max_entries=16)
def _suggestions(survey_key: str, _participants, _mapping: dict) -> dict:
    from matching.intake.profile import profile_columns

    return profile_columns(_participants, _mapping)


def suggestions(loaded) -> dict:
    """Column header -> ``ColumnSuggestion`` for every unmapped column of the loaded survey (cached)."""
    if loaded is None:
        return {}
    survey = loaded.survey
    return _suggestions(loaded.survey_key, survey.participants, dict(survey.mapping))


def automatic(sugg: dict) -> dict[str, str]:
    """The column signals used with zero clicks: the form's obvious topic/multi-select columns."""
    return {c: s.use for c, s in sugg.items() if s.default_on}


def active(sugg: dict) -> dict[str, str]:
    """The column signals in force: the organizer's choice, or the automatic ones."""
    chosen = st.session_state.get("column_signals")
    return dict(chosen) if chosen is not None else automatic(sugg)


def put(settings: Settings) -> None:
    """Write the column settings into session state (before the widgets render)."""
    ss = st.session_state
    ss.column_signals = None if settings.column_signals is None else dict(settings.column_signals)
    ss.column_rules = dict(settings.column_rules)
    for column, weight in settings.weights.items():
        if column in (settings.column_signals or {}):
            ss[weight_key(column)] = float(weight)


def read(raw: dict) -> None:
    """Add the column settings (and column weights) from session state to a raw settings dict."""
    ss = st.session_state
    chosen = ss.get("column_signals")
    auto = ss.get("auto_column_signals") or {}
    if chosen is None and any(ss.get(weight_key(c), DEFAULT_COLUMN_WEIGHT) != DEFAULT_COLUMN_WEIGHT for c in auto):
        chosen = dict(auto)  # a moved slider makes the automatic choice explicit
    raw["column_signals"] = chosen
    raw["column_rules"] = dict(ss.get("column_rules") or {})
    for column, use in (chosen or {}).items():
        if use in COLUMN_SIGNAL_USES:
            raw["weights"][column] = ss.get(weight_key(column), DEFAULT_COLUMN_WEIGHT)


def render_weight_sliders(sb, loaded) -> None:
    """One weight slider per column signal in force (in the sidebar, under the built-in signals)."""
    sugg = suggestions(loaded)
    st.session_state.auto_column_signals = automatic(sugg)
    cols = {c: u for c, u in active(sugg).items() if u in COLUMN_SIGNAL_USES}
    if not cols:
        return
    sb.caption("Columns of your form used as signals (change them on **Upload & map**):")
    for column, use in cols.items():
        key = weight_key(column)
        if key not in st.session_state:
            st.session_state[key] = DEFAULT_COLUMN_WEIGHT
        sb.slider(f"'{column.strip()[:40]}'", 0.0, 1.0, step=0.05, key=key,
                  help=f"Answers to this column of your form: {USE_WORDS.get(use, use)}.")


def set_signal(column: str, use: str | None, sugg: dict) -> None:
    """Use a column as a signal (``use``) or stop using it (None); the automatic choice becomes explicit."""
    chosen = active(sugg)
    if use is None:
        chosen.pop(column, None)
    else:
        chosen[column] = use
    st.session_state.column_signals = chosen


def set_rule(column: str, rule: str) -> None:
    """Set (or with ``""`` remove) the rule on a column."""
    rules = dict(st.session_state.get("column_rules") or {})
    if rule:
        rules[column] = rule
    else:
        rules.pop(column, None)
    st.session_state.column_rules = rules


def reset() -> None:
    """Back to automatic column signals and no rules (a different file was loaded)."""
    ss = st.session_state
    ss.column_signals, ss.column_rules = None, {}
    for key in [k for k in ss if str(k).startswith("w_col::")]:
        del ss[key]


MAX_SHOWN = 40  # columns listed with their own controls on the Upload page (usable ones first)
_RULE_KINDS = {"single_choice", "multi_choice", "yes_no", "ordinal", "number"}


def signal_key(column: str) -> str:
    return f"colsig::{column}"


def rule_key(column: str) -> str:
    return f"colrule::{column}"


def rows(sugg: dict) -> list[dict]:
    """One row per unmapped column for the Upload page, usable ones first, with the widget state synced.

    Each row: column, reason (what it holds and the suggested use), signal (use in force or None),
    rule, usable (can be a signal), rule_ok (can carry a rule), and the two widget keys.
    """
    ss = st.session_state
    in_use = active(sugg)
    rules = ss.get("column_rules") or {}
    out = []
    for column, s in sugg.items():
        row = {"column": column, "reason": s.reason, "suggested": s.use, "signal": in_use.get(column),
               "rule": rules.get(column, ""), "usable": s.use != "ignore" or column in in_use,
               "rule_ok": s.profile.kind in _RULE_KINDS or column in rules,
               "signal_key": signal_key(column), "rule_key": rule_key(column)}
        # Widgets show the state of record (settings), whichever way it was changed (link, JSON, click).
        ss[row["signal_key"]] = row["signal"] is not None
        ss[row["rule_key"]] = row["rule"] if row["rule"] in RULE_CHOICES else ""
        out.append(row)
    out.sort(key=lambda r: not (r["usable"] or r["rule_ok"]))
    return out


def on_signal_click(column: str, suggested: str, sugg: dict) -> None:
    """Callback of a column's 'use as signal' box."""
    use = suggested if suggested != "ignore" else "same"
    set_signal(column, use if st.session_state.get(signal_key(column)) else None, sugg)


def on_rule_choice(column: str) -> None:
    """Callback of a column's rule select box."""
    set_rule(column, st.session_state.get(rule_key(column)) or "")
