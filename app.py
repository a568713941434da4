"""Pairwise dashboard: page config, navigation and the shared settings sidebar. Nothing else."""

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import sys  # noqa: E402

import streamlit as st  # noqa: E402

st.set_page_config(page_title="Pairwise — fair, explainable pairings", page_icon="🤝", layout="wide")
_boot = st.empty()
if "ui.session" not in sys.modules:  # cold start: the engine's imports take a few seconds; say so at once
    _boot.info("Starting Pairwise: loading the matching engine (a few seconds, once per server) ...",
               icon=":material/hourglass_top:")

from ui import data, session, sidebar  # noqa: E402

_boot.empty()
session.init()

pages = [
    st.Page("app_pages/upload.py", title="Upload & map", icon=":material/upload_file:", url_path="upload"),
    st.Page("app_pages/pairing.py", title="Tune & pair", icon=":material/tune:", url_path="pairing", default=True),
    st.Page("app_pages/insights.py", title="Insights", icon=":material/insights:", url_path="insights"),
    st.Page("app_pages/export.py", title="Export", icon=":material/download:", url_path="export"),
    st.Page("app_pages/mentoring.py", title="Groups & mentoring", icon=":material/groups:", url_path="groups"),
    st.Page("app_pages/suggestions.py", title="Suggestions", icon=":material/group_add:", url_path="suggestions"),
    st.Page("app_pages/learn.py", title="Learn", icon=":material/school:", url_path="learn"),
    st.Page("app_pages/history.py", title="History", icon=":material/history:", url_path="history"),
]
page = st.navigation(pages)
st.session_state.settings = sidebar.render()
page.run()
data.freeze_long_lived()  # after runs that imported modules: keeps Streamlit's post-run GC pass short
