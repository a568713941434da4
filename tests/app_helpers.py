"""Shared AppTest set-up: the real app.py with the fast TF-IDF embedder and optional link parameters."""

from streamlit.testing.v1 import AppTest

from ui.data import ROOT


def new_app(timeout: float = 180, **params) -> AppTest:
    """An AppTest of ``app.py`` with ``emb=tfidf`` and the given query parameters (not yet run)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    at.query_params["emb"] = "tfidf"
    for k, v in params.items():
        at.query_params[k] = v
    return at
