"""Upload & map: choose the survey, check the column mapping and the validation report."""

import streamlit as st

from matching.intake.taxonomy import CAREER_STAGES, UNKNOWN_STAGE
from matching.issues import sort_issues
from matching.report import plots
from matching.intake.survey import describe_program
from ui import columns, data, decisions, mapping_view, session
from ui.common import issue_text, plain, source_banner

ss = st.session_state
st.title("Upload & map")
st.caption("Upload a survey export (CSV or XLSX) or try a bundled sample. Pairwise maps the columns, checks every row "
           "and embeds the free text once; later changes are instant.")

left, right = st.columns([3, 2], gap="large")
with left:
    st.file_uploader("Survey export (CSV or XLSX)", type=["csv", "tsv", "txt", "xlsx"], key="upload_file",
                     on_change=session.on_upload_change)
    if ss.source.get("kind") == "upload" and ss.get("upload_file") is None:
        # Back on this page after visiting others, the uploader is empty but the file is still in use.
        st.button(f"✕ Stop using {ss.source['name'][:60]} (back to the demo data)", key="remove_upload",
                  on_click=session.remove_upload)
    if ss.pop("upload_removed", False):
        st.info("The uploaded file was removed; the demo data is shown again.")
    if ss.get("expected_file") and ss.source.get("kind") == "upload":
        if ss.source["digest"].startswith(ss.expected_file):
            st.success("This is the same file the share link was made with.")
        else:
            st.warning("This link refers to another uploaded file (its content differs from this one). "
                       "The shared settings are applied; its locks, forbids and mapping are not.")
    elif ss.get("expected_file"):
        st.info("This link refers to an uploaded file, which is never stored or sent in a link; upload it again. "
                "The link's settings are already applied; its decisions come back with the same file.")
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
    # File-level warnings (e.g. "named .xlsx but not a real Excel file") often explain the failure: say them here.
    fatal += [i for i in issues if i.severity == "warning" and i.row is None]
    issues = [i for i in issues if i not in fatal]
    st.error("This file cannot be paired yet:\n\n" + "\n".join(f"- {plain(issue_text(i))}" for i in fatal))

p = survey.participants
if len(p):
    st.success(plain(describe_program(p)), icon=":material/groups:")
    shared = decisions.shared_names(p)
    if shared:
        st.warning(f"{len(shared)} name(s) belong to more than one person: {plain(', '.join(shared[:8]))}"
                   f"{' ...' if len(shared) > 8 else ''}. Pairwise keeps them apart and shows their row in your "
                   "file next to the name, e.g. 'Alex Kim (row 14)'.")
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

raw_table, _ = data.cached_raw_table(loaded.survey_key.split(":")[0], loaded.raw, loaded.filename)
if raw_table is not None and len(raw_table.columns):
    # Nothing recognised in a file that cannot be paired: the grid would be all '(not used)'; keep it folded.
    by_hand = bool(fatal) and not survey.mapping and not survey.aux_mapping
    with (st.expander("Pick the columns by hand") if by_hand else st.container()):
        if not by_hand:
            st.subheader("Column mapping")
        st.caption("Each field Pairwise uses, the column of your file it reads, how sure the automatic mapping is and "
                   "why. Pick another column to change it (the survey is re-read); tick **ok** to confirm a flagged one. "
                   "Your choices come back when you upload the same file again.")
        digest = loaded.survey_key.split(":")[0]
        confirmed = ss.setdefault("confirmed_fields", {}).setdefault(digest, set())
        table, labels = mapping_view.rows(survey, raw_table, confirmed)
        low = table.loc[table["check"].str.startswith("⚠"), "field"].tolist()
        if low:
            st.warning(f"Please confirm {len(low)} field(s) the automatic mapping is unsure of: {plain(', '.join(low))}.")
        edited = st.data_editor(
            table, key=f"mapping_editor_{data.content_hash(loaded.survey_key.encode())[:12]}", hide_index=True,
            width="stretch", height=35 * (len(table) + 1) + 3, disabled=["field", "confidence", "check", "reason", "preview"],
            column_order=["check", "ok", "field", "column", "confidence", "reason", "preview"],
            column_config={
                "check": st.column_config.TextColumn("", width=50, help="⚠ = please confirm; ✓ = mapped."),
                "ok": st.column_config.CheckboxColumn("ok", width=46, help="Tick to confirm a flagged field."),
                "field": st.column_config.TextColumn("Pairwise field", width=140),
                "column": st.column_config.SelectboxColumn("column in your file", options=[mapping_view.NONE, *labels],
                                                           required=True, width=220,
                                                           help="␣ marks a space at the start or end of a header."),
                "confidence": st.column_config.ProgressColumn("confidence", min_value=0.0, max_value=1.0, format="%.2f",
                                                              width=95),
                "reason": st.column_config.TextColumn("why", width=320),
                "preview": st.column_config.TextColumn("first values", width=160),
            })
        chosen, ticked = mapping_view.read_edits(edited, dict(zip(labels, map(str, raw_table.columns))))
        confirmed.update(ticked)
        if {f: c for f, c in chosen.items() if c} != dict(survey.mapping):
            session.set_mapping(chosen)  # None unmaps a field the automatic mapping had picked
            st.rerun()
        if survey.extra_columns:
            st.caption("Kept and passed through to the export: "
                       + plain(", ".join(mapping_view.header_label(c) for c in survey.extra_columns)))

suggestions = columns.suggestions(loaded)
if suggestions:
    st.subheader("Your form's other columns")
    st.caption("Columns not mapped to a field above. Use one as a **signal** (it gets its own weight slider in the "
               "sidebar) or as a **rule**. Only column names go into the settings and the share link, never answers.")
    rows = columns.rows(suggestions)
    for row in rows[:columns.MAX_SHOWN]:
        c = st.columns([5, 3, 2], vertical_alignment="center")
        c[0].markdown(f"**{plain(mapping_view.header_label(row['column']))}** — {plain(row['reason'])}")
        c[1].checkbox(f"use as signal ({columns.USE_WORDS.get(row['suggested'], 'same answer')})"
                      if row["usable"] else "use as signal", key=row["signal_key"], disabled=not row["usable"],
                      on_change=columns.on_signal_click, args=(row["column"], row["suggested"], suggestions))
        c[2].selectbox("use as rule", columns.RULE_CHOICES, key=row["rule_key"], disabled=not row["rule_ok"],
                       format_func=columns.RULE_WORDS.get, label_visibility="collapsed",
                       on_change=columns.on_rule_choice, args=(row["column"],))
    if len(rows) > columns.MAX_SHOWN:
        st.caption(f"{len(rows) - columns.MAX_SHOWN} more columns are not listed here; name them under "
                   "'column_signals' / 'column_rules' in a settings JSON to use them.")

if issues or len(survey.dropped) or not fatal:
    st.subheader("Validation report")
if not issues and not fatal:
    st.success("No problems found.")
for sev, label, show in [("warning", "Fixable problems (repaired or skipped)", True), ("info", "Notes", False)]:
    group = [i for i in issues if i.severity == sev]
    if group:
        with st.expander(f"{label}: {len(group)}", expanded=show and len(group) <= 20):
            st.dataframe(mapping_view.issue_rows(group), hide_index=True, width="stretch")
if len(survey.dropped):
    with st.expander(f"Rows not used: {len(survey.dropped)}"):
        st.dataframe(survey.dropped, hide_index=True, width="stretch")

if not fatal and len(p):
    slot = st.empty()
    session.compute_round(loaded, ss.settings, progress_slot=slot)
    slot.empty()
    st.success(f"{len(p)} participants ready. The pairing is on the next page.")
    st.page_link("app_pages/pairing.py", label="Tune & pair →", icon=":material/tune:")
