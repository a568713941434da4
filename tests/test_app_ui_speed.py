"""Slider cost and first impressions (issue 11 #18, #19): the price-of-fairness curve is computed only
on request and kept; the first launch says it is demo data; a cold start says something at once."""

from pathlib import Path


from ui import data
from tests.app_helpers import new_app
from ui.data import ROOT


def test_fairness_curve_is_computed_on_request_and_kept_across_slider_steps(monkeypatch):
    calls = []
    real = data.cached_fairness_curve

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(data, "cached_fairness_curve", counting)
    at = new_app()
    at.run()
    at.switch_page("app_pages/insights.py").run()
    assert not at.exception, at.exception
    assert calls == [] and not any(c.key == "fig_fairness" for c in at.get("plotly_chart"))
    at.button(key="compute_fairness_curve").click().run()
    assert calls == [1] and any(c.key == "fig_fairness" for c in at.get("plotly_chart"))
    at.slider(key="s_fairness").set_value(0.5).run()  # λ itself: the same curve, no recompute
    assert calls == [1] and any(c.key == "fig_fairness" for c in at.get("plotly_chart"))
    at.slider(key="w_location").set_value(0.6).run()  # another weight: offered again, not recomputed by itself
    assert calls == [1] and not any(c.key == "fig_fairness" for c in at.get("plotly_chart"))


def test_first_launch_says_the_sample_is_demo_data():
    at = new_app()
    at.run()
    assert not at.exception
    assert any("Demo data" in i.value for i in at.info)


def test_cold_start_message_comes_before_the_engine_imports():
    text = (ROOT / "app.py").read_text()
    assert text.index("Starting Pairwise") < text.index("from ui import session")
    assert text.index("st.set_page_config") < text.index("Starting Pairwise")
    assert Path(ROOT / "app.py").exists()
