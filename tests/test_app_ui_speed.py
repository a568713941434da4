"""Slider cost and first impressions (issue 11 #18, #19): the price-of-fairness curve is computed only
on request and kept; the garbage collector's pass after every run no longer walks the engine's modules;
the first launch says it is demo data; a cold start says something at once."""

import gc
import json
import subprocess
import sys
import textwrap
import types
from pathlib import Path


from threadpoolctl import threadpool_info

from matching.report import plots
from ui import data
from tests.app_helpers import new_app
from ui.data import ROOT


def _chart_keys(at) -> set[str]:
    return {c.proto.id.rsplit("-", 1)[-1] for c in at.get("plotly_chart")}


def _insights_on(view: str):
    """The app on the Insights screen with ``view`` as its open tab."""
    at = new_app()
    at.run()
    at.switch_page("app_pages/insights.py").run()
    at.session_state["insights_view"] = view
    at.run()
    return at


def test_fairness_curve_is_computed_on_request_and_kept_across_slider_steps(monkeypatch):
    calls = []
    real = data.cached_fairness_curve

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(data, "cached_fairness_curve", counting)
    at = _insights_on("Price of fairness")
    assert not at.exception, at.exception
    assert calls == [] and "fig_fairness" not in _chart_keys(at)
    at.button(key="compute_fairness_curve").click().run()
    assert calls == [1] and "fig_fairness" in _chart_keys(at)
    at.slider(key="s_fairness").set_value(0.5).run()  # λ itself: the same curve, no recompute
    assert calls == [1] and "fig_fairness" in _chart_keys(at)
    at.slider(key="w_location").set_value(0.6).run()  # another weight: offered again, not recomputed by itself
    assert calls == [1] and "fig_fairness" not in _chart_keys(at)


def test_insights_builds_only_the_open_tabs_charts_on_a_slider_step(monkeypatch):
    """Building and drawing all seven charts kept an Insights slider step near 1 s in the browser (0.87 s,
    bench_ui.py --screen insights); only the open tab's charts are built, and every tab is one click away."""
    built = []
    for name in ("score_distribution", "preferences", "popularity_exposure", "role_heatmap", "stage_mix",
                 "participant_map", "fairness_curve"):
        real = getattr(plots, name)
        monkeypatch.setattr(plots, name, lambda *a, _real=real, _name=name, **k: built.append(_name) or _real(*a, **k))
    at = new_app()
    at.run()
    at.switch_page("app_pages/insights.py").run()
    assert [t.label for t in at.tabs] == ["Scores & preferences", "Popularity", "Roles & stages", "Price of fairness",
                                          "Participant map"]
    built.clear()
    at.slider(key="w_location").set_value(0.6).run()
    assert not at.exception, at.exception
    assert built == ["score_distribution", "preferences"] and _chart_keys(at) == {"fig_scores", "fig_prefs"}
    assert any("Unmatched people" in h.value for h in at.subheader)  # the table stays under every tab
    for label, charts in [("Popularity", {"fig_exposure"}), ("Roles & stages", {"fig_roles", "fig_stages"}),
                          ("Participant map", {"fig_map"})]:
        at.session_state["insights_view"] = label
        at.run()
        assert not at.exception, at.exception
        assert _chart_keys(at) == charts, label
        built.clear()
        at.slider(key="w_location").set_value(round(at.slider(key="w_location").value + 0.05, 2)).run()
        assert _chart_keys(at) == charts and len(built) == len(charts), (label, built)


def test_insights_projects_the_participant_map_once_per_survey_on_one_blas_thread(monkeypatch):
    """The map's PCA depends on the survey's texts only: it is computed once, not on every slider step. It
    is a small SVD; with a second OpenBLAS thread waiting for a busy core an Insights slider step took
    1-2 s instead of 0.25 s (AppTest, 2 cores, one busy), so it runs on one thread."""
    data._cached_map_coordinates.clear()
    threads = []
    real = plots.map_coordinates

    def recording(*args, **kwargs):
        threads.append([i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"])
        return real(*args, **kwargs)

    monkeypatch.setattr(plots, "map_coordinates", recording)
    at = _insights_on("Participant map")
    at.slider(key="w_location").set_value(0.6).run()
    at.slider(key="w_location").set_value(0.65).run()
    assert not at.exception, at.exception
    assert len(threads) == 1 and all(n == [1] * len(n) and n for n in threads), threads
    assert _chart_keys(at) == {"fig_map"}


def test_figures_get_plotly_white_without_revalidating_it_each_time():
    """Setting template='plotly_white' by name re-validated the whole template for every figure (about
    7 ms of each); the figures attach plotly's validated template as plotly attaches its default one,
    and still carry exactly the same template."""
    from unittest import mock

    import _plotly_utils.basevalidators as validators
    import pandas as pd
    import plotly.graph_objects as go

    colours = []
    real = validators.ColorValidator.validate_coerce

    def counting(self, v, *a, **k):
        colours.append(v)
        return real(self, v, *a, **k)

    with mock.patch.object(validators.ColorValidator, "validate_coerce", counting):
        fig = plots.count_bars(pd.Series([3, 1], index=["a", "b"]), "People")
        ours = len(colours)
        go.Figure().update_layout(template="plotly_white")
    by_name = len(colours) - ours
    assert by_name > 40 and ours < 5, (ours, by_name)
    ref = go.Figure(layout_template="plotly_white").to_dict()["layout"]["template"]
    assert fig.to_dict()["layout"]["template"] == ref
    fig.layout.template.layout.font.size = 99  # a figure's template is its own copy
    assert plots.count_bars(pd.Series([1], index=["a"]), "x").layout.template.layout.font.size is None


def test_first_launch_says_the_sample_is_demo_data():
    at = new_app()
    at.run()
    assert not at.exception
    assert any("Demo data" in i.value for i in at.info)


def test_cold_start_message_comes_before_the_engine_imports():
    text = (ROOT / "app.py").read_text()
    assert text.index("Starting Pairwise") < text.index("from ui import")
    assert text.index("st.set_page_config") < text.index("Starting Pairwise")
    assert Path(ROOT / "app.py").exists()


def test_after_a_run_the_engine_is_frozen_so_streamlits_post_run_gc_walks_little():
    """Streamlit calls gc.collect(2) after every run while the page's last elements wait to be sent; it
    walked ~240,000 objects (TF-IDF; ~540,000 with the text model), 0.2-0.3 s of a slider step. A fresh
    process, as a server has: app.py itself must freeze what the run imported."""
    code = textwrap.dedent("""
        import gc, json, sys
        from streamlit.testing.v1 import AppTest
        at = AppTest.from_file(sys.argv[1], default_timeout=300)
        at.query_params["emb"] = "tfidf"
        at.run()
        at.slider(key="w_location").set_value(0.6).run()
        assert not at.exception, at.exception
        gc.collect()
        print(json.dumps({"frozen": gc.get_freeze_count(), "walked": len(gc.get_objects())}))
    """)
    out = subprocess.run([sys.executable, "-c", code, str(ROOT / "app.py")], cwd=ROOT, capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    counts = json.loads(out.stdout.strip().splitlines()[-1])
    assert counts["frozen"] > 100_000 and counts["walked"] < 30_000, counts


def test_freezing_happens_only_after_runs_that_imported_modules(monkeypatch):
    freezes = []
    monkeypatch.setattr(gc, "freeze", lambda: freezes.append(1))
    monkeypatch.setattr(gc, "collect", lambda *a: 0)
    monkeypatch.setattr(data, "_modules_when_frozen", 0)
    data.freeze_long_lived()
    data.freeze_long_lived()  # nothing new imported: no second freeze
    assert freezes == [1]
    monkeypatch.setitem(sys.modules, "pairwise_lazy_import_probe", types.ModuleType("pairwise_lazy_import_probe"))
    data.freeze_long_lived()  # e.g. torch when the text model loads, a page's lazy imports
    assert freezes == [1, 1]


def _insights_done_runs(at) -> list[int]:
    import re

    return [int(m.group(1)) for md in at.markdown for m in [re.search(r'id="insights-done" data-run="(\d+)"', md.value)] if m]


def test_insights_ends_with_its_own_done_marker_counting_finished_renders():
    """benchmarks/bench_ui.py --screen insights waits for this marker: it must be the page's last element
    and count every finished render of Insights (not of other pages)."""
    at = new_app()
    at.run()
    assert _insights_done_runs(at) == []  # Tune & pair has its own marker
    at.switch_page("app_pages/insights.py").run()
    assert not at.exception, at.exception
    assert _insights_done_runs(at) == [1]
    assert 'id="insights-done"' in at.main.children[max(at.main.children)].value  # nothing after it
    at.slider(key="w_location").set_value(0.6).run()
    assert _insights_done_runs(at) == [2]
