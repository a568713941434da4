"""Upload & map: choose the survey, check the column mapping and the validation report."""

import pandas as pd
import streamlit as st

from matching.intake.fields import CANONICAL_FIELDS
from matching.intake.taxonomy import CAREER_STAGES, UNKNOWN_STAGE
from matching.issues import sort_issues
from matching.report import plots
from ui import columns, data, session
from ui.common import plain, source_banner

ss = st.session_state
st.title("Upload & map")
st.caption("Upload a survey export (CSV or XLSX) or try a bundled sample. Pairwise maps the columns, checks every row "
           "and embeds the free text once; later changes are instant.")

left, right = st.columns([3, 2], gap="large")
with left:
    up = st.file_uploader("Survey export (CSV or XLSX)", type=["csv", "tsv", "txt", "xlsx"], key="upload_file")
    if up is not None:
        raw = up.getvalue()
        digest = data.content_hash(raw)
        if ss.source.get("digest") != digest:
            session.use_upload(up.name, raw, digest)
    if ss.get("expected_file") and ss.source.get("kind") == "upload":
        if ss.source["digest"].startswith(ss.expected_file):
            st.success("This is the same file the share link was made with.")
        else:
            st.warning("This is not the file the share link was made with (its content differs). "
                       "The shared settings are applied anyway.")
    elif ss.get("expected_file"):
        st.info("You opened a share link made with an uploaded file. Upload the same file to see that pairing; "
                "the link's settings are already applied.")
with right:
    choice = st.selectbox("Or try a sample", list(data.SAMPLES), key="sample_choice",
                          format_func=lambda k: data.SAMPLES[k]["label"])
    if st.button("Try the sample round", key="use_sample", type="secondary"):
        session.use_sample(choice)
        st.rerun()
    with st.expander("Earlier rounds (optional)"):
        st.caption("A CSV/XLSX of earlier pairings (columns round, id_a/email_a, id_b/email_b) enables the "
                   "no-repeat rule. The coffee sample ships with one.")
        hist = st.file_uploader("History file", type=["csv", "xlsx"], key="history_file")
        ss.history_upload = {"bytes": hist.getvalue(), "name": hist.name} if hist is not None else None

loaded = session.load_source()
if loaded is None:
    st.stop()
survey = loaded.survey
source_banner(loaded)

issues = sort_issues(survey.issues + loaded.history_issues)
fatal = [i for i in issues if i.severity == "fatal"]
if fatal:
    st.error("This file cannot be paired yet:\n\n" + "\n".join(f"- {plain(i.as_text())}" for i in fatal))

p = survey.participants
if len(p):
    c = st.columns(4)
    c[0].metric("Participants", len(p))
    c[1].metric("Roles", p["role"].nunique())
    c[2].metric("Career stages", p.loc[p["career_stage"] != "Unknown", "career_stage"].nunique())
    c[3].metric("Locations", p.loc[p["location"].astype(str).str.strip() != "", "location"].nunique())
    c = st.columns(2)
    stage_counts = p["career_stage"].value_counts().reindex([*CAREER_STAGES, UNKNOWN_STAGE]).dropna()
    c[0].plotly_chart(plots.count_bars(p["role"].value_counts().sort_values(ascending=False, kind="stable"), "Roles"),
                      key="fig_upload_roles", config={"displaylogo": False})
    c[1].plotly_chart(plots.count_bars(stage_counts, "Career stages"), key="fig_upload_stages",
                      config={"displaylogo": False})

st.subheader("Column mapping")
st.caption("Each field Pairwise uses, and the column of your file it reads. Change a column and the survey is re-read.")
raw_table, _ = data.cached_raw_table(loaded.survey_key.split(":")[0], loaded.raw, loaded.filename)
headers = list(raw_table.columns) if raw_table is not None else []
NONE = "(not used)"
rows = []
for field in CANONICAL_FIELDS:
    col = survey.mapping.get(field)
    preview = ""
    if col is not None and raw_table is not None and col in raw_table:
        vals = [str(v) for v in raw_table[col].head(3).tolist()]
        preview = " | ".join(v[:40] for v in vals)
        if field in ("email", "slack", "linkedin"):
            preview = "(private — not shown)"
    rows.append({"field": field, "column": col or NONE, "preview": preview})
edited = st.data_editor(
    pd.DataFrame(rows), key=f"mapping_editor_{loaded.survey_key[:16]}", hide_index=True, width="stretch",
    disabled=["field", "preview"],
    column_config={"column": st.column_config.SelectboxColumn("column in your file", options=[NONE] + headers, required=True),
                   "field": st.column_config.TextColumn("Pairwise field"), "preview": st.column_config.TextColumn("first values")},
)
chosen = {r.field: (None if r.column == NONE else r.column) for r in edited.itertuples()}
if {f: c for f, c in chosen.items() if c} != dict(survey.mapping):
    ss.mapping_override = chosen  # None unmaps a field the automatic mapping had picked
    st.rerun()
if survey.extra_columns:
    st.caption("Kept and passed through to the export: " + plain(", ".join(f"'{c.strip()}'" for c in survey.extra_columns)))

suggestions = columns.suggestions(loaded)
if suggestions:
    st.subheader("Your form's other columns")
    st.caption("Columns not mapped to a field above. Use one as a **signal** (it gets its own weight slider in the "
               "sidebar) or as a **rule**. Only column names go into the settings and the share link, never answers.")
    rows = columns.rows(suggestions)
    for row in rows[:columns.MAX_SHOWN]:
        c = st.columns([5, 2, 3], vertical_alignment="center")
        c[0].markdown(f"**{plain(row['column'].strip())}** — {plain(row['reason'])}")
        c[1].checkbox("use as signal", key=row["signal_key"], disabled=not row["usable"],
                      on_change=columns.on_signal_click, args=(row["column"], row["suggested"], suggestions))
        c[2].selectbox("use as rule", columns.RULE_CHOICES, key=row["rule_key"], disabled=not row["rule_ok"],
                       format_func=columns.RULE_WORDS.get, label_visibility="collapsed",
                       on_change=columns.on_rule_choice, args=(row["column"],))
    if len(rows) > columns.MAX_SHOWN:
        st.caption(f"{len(rows) - columns.MAX_SHOWN} more columns are not listed here; name them under "
                   "'column_signals' / 'column_rules' in a settings JSON to use them.")

st.subheader("Validation report")
if not issues:
    st.success("No problems found.")
for sev, label, show in [("warning", "Fixable problems (repaired or skipped)", True), ("info", "Notes", False)]:
    group = [i for i in issues if i.severity == sev]
    if group:
        with st.expander(f"{label}: {len(group)}", expanded=show and len(group) <= 20):
            st.dataframe(pd.DataFrame([{"row": i.row, "column": (i.column or "").strip(), "problem": i.message,
                                        "what to do": i.fix} for i in group]), hide_index=True, width="stretch")
if len(survey.dropped):
    with st.expander(f"Rows not used: {len(survey.dropped)}"):
        st.dataframe(survey.dropped, hide_index=True, width="stretch")

if not fatal and len(p):
    slot = st.empty()
    session.compute_round(loaded, ss.settings, progress_slot=slot)
    slot.empty()
    st.success(f"{len(p)} participants ready. The pairing is on the next page.")
    st.page_link("app_pages/pairing.py", label="Tune & pair →", icon=":material/tune:")
