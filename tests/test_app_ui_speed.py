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


def test_insights_draws_the_participant_map_on_one_blas_thread(monkeypatch):
    """The map's PCA is a small SVD; with a second OpenBLAS thread waiting for a busy core every Insights
    slider step took 1-2 s instead of 0.25 s (AppTest, 2 cores, one busy)."""
    threads = []
    real = plots.participant_map

    def recording(*args, **kwargs):
        threads.append([i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"])
        return real(*args, **kwargs)

    monkeypatch.setattr(plots, "participant_map", recording)
    at = new_app()
    at.run()
    at.switch_page("app_pages/insights.py").run()
    at.slider(key="w_location").set_value(0.6).run()
    assert not at.exception, at.exception
    assert len(threads) == 2 and all(n == [1] * len(n) and n for n in threads), threads
    assert any(c.key == "fig_map" for c in at.get("plotly_chart"))


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
