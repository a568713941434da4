"""Real-browser end-to-end test: streamlit on 127.0.0.1 driven by Playwright in Debian's chromium.

Screenshots land in artifacts/ (not committed) so a person can look at what an organizer sees.
"""

import csv
import io
import time

import pytest

from tests.browser_helpers import CHROMIUM, ROOT, require_chromium, streamlit_server

ARTIFACTS = ROOT / "artifacts"
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server():
    require_chromium()
    with streamlit_server() as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield b
        b.close()


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def nav(page, name: str):
    return page.get_by_test_id("stSidebarNavItems").get_by_role("link", name=name)


def _wait_idle(page, timeout: float = 240_000) -> None:
    # Streamlit shows a "running" status widget while the script runs (not always: pages that have their
    # own done marker are waited for with _wait_done).
    page.wait_for_timeout(500)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout)


def _done_run(page, marker: str = "#pairwise-done") -> int:
    return int(page.evaluate(f"() => Number(document.querySelector('{marker}')?.dataset.run || 0)"))


def _wait_done(page, after: int = 0, timeout: float = 240_000, marker: str = "#pairwise-done") -> None:
    """Wait for a page's own done marker (Tune & pair's by default) to count a render later than ``after``."""
    page.wait_for_function(
        f"() => Number(document.querySelector('{marker}')?.dataset.run || 0) > {after}", timeout=timeout)


def _wait_ready(page, filename: str, timeout: float = 240_000) -> None:
    """Wait for the upload page's one "N participants ready" line for ``filename``.

    While the script reruns after an upload, Streamlit keeps the previous run's elements on screen
    (stale) until they are replaced, so the sample's "121 participants ready" and the upload's line can
    both be present for a moment. Wait until exactly one such line remains and it counts the upload.
    """
    want = _expected_count(filename)
    page.wait_for_function(
        "(want) => { const ps = [...document.querySelectorAll('[data-testid=\"stMain\"] p')]"
        ".filter(p => /\\d+ participants ready/.test(p.textContent));"
        " return ps.length === 1 && ps[0].textContent.startsWith(want + ' participants ready'); }",
        arg=want, timeout=timeout)


def _expected_count(filename: str) -> int:
    rows = list(csv.DictReader(open(ROOT / "sample_data" / filename, encoding="utf-8")))
    return len({r["Email Address"].strip().lower() for r in rows})


def test_upload_tune_download(server, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1500, "height": 1000}, accept_downloads=True)
    page.goto(server + "/")
    page.get_by_text("Tune & pair", exact=True).first.wait_for(timeout=60_000)
    page.get_by_text("Median score").wait_for(timeout=240_000)
    _wait_done(page)
    assert "sample=coffee" in page.url
    _shot(page, "01_sample_paired")

    # Upload a survey through the file input.
    nav(page, "Upload & map").click()
    page.get_by_text("Column mapping").wait_for(timeout=60_000)
    _wait_idle(page)
    page.get_by_test_id("stMain").get_by_test_id("stFileUploader").first.locator("input[type=file]").set_input_files(
        str(ROOT / "sample_data" / "mentoring.csv"))
    page.get_by_text("uploaded file mentoring.csv").first.wait_for(timeout=120_000)
    # The share link names the file (by hash) as soon as the upload is shown, never the sample.
    assert "file=" in page.url and "sample=" not in page.url, page.url
    _wait_ready(page, "mentoring.csv")
    _wait_idle(page)
    _shot(page, "02_uploaded")

    nav(page, "Tune & pair").click()
    page.get_by_text("Median score").wait_for(timeout=120_000)
    page.get_by_text("uploaded file mentoring.csv").first.wait_for(timeout=120_000)
    _wait_done(page)
    before = page.get_by_test_id("stMetric").filter(has_text="Median score").inner_text()
    run = _done_run(page)

    # Move a weight slider with the keyboard, as a person would after clicking it.
    slider = page.get_by_test_id("stSidebar").get_by_role("slider").first
    slider.focus()
    for _ in range(6):
        slider.press("ArrowLeft")
    from playwright.sync_api import expect

    median = page.get_by_test_id("stMetric").filter(has_text="Median score")
    t0 = time.perf_counter()
    expect(median).not_to_have_text(before, timeout=120_000)
    # Browser-measured slider-to-new-pairing time (informational; speed targets live in benchmarks/).
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "slider_to_pairing_seconds.txt").write_text(f"{time.perf_counter() - t0:.3f}\n")
    _wait_done(page, run)
    expect(page.get_by_text("got a new partner")).to_be_visible()
    _shot(page, "03_after_slider")

    nav(page, "Insights").click()
    page.get_by_text("Price of fairness").first.wait_for(timeout=120_000)
    _wait_done(page, marker="#insights-done")
    page.wait_for_timeout(1500)
    _shot(page, "04_insights")
    # One tab's charts at a time (a slider step redraws only those); every chart is one click away.
    main = page.get_by_test_id("stMain")
    charts = {"Scores & preferences": 2, "Popularity": 1, "Roles & stages": 2, "Price of fairness": 0,
              "Participant map": 1}
    assert [t.inner_text().strip() for t in main.get_by_role("tab").all()] == list(charts)
    for k, (label, n) in enumerate(charts.items()):
        if k:
            run = _done_run(page, "#insights-done")
            main.get_by_role("tab", name=label).click()
            _wait_done(page, run, marker="#insights-done")
        panel = main.get_by_role("tabpanel").filter(visible=True)
        expect(panel.locator(".js-plotly-plot .main-svg").first if n else panel.get_by_role(
            "button", name="Compute the price-of-fairness curve")).to_be_visible(timeout=60_000)
        expect(panel.locator(".js-plotly-plot")).to_have_count(n)
        page.wait_for_timeout(500)
        _shot(page, f"04_insights_{k}_{label.split()[0].lower()}")

    nav(page, "Export").click()
    page.get_by_text("Pairings (CSV)").wait_for(timeout=120_000)
    page.get_by_test_id("stDataFrame").first.wait_for(timeout=60_000)
    _wait_idle(page)
    page.wait_for_timeout(1000)
    _shot(page, "05_export")
    with page.expect_download() as dl:
        page.get_by_role("button", name="Pairings (CSV)").click()
    path = tmp_path / "pairings.csv"
    dl.value.save_as(path)
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    survey_rows = list(csv.DictReader(open(ROOT / "sample_data" / "mentoring.csv", encoding="utf-8")))
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), "every participant exactly once"
    emails = {r["Email Address"].strip().lower() for r in survey_rows}
    assert len(rows) == len(emails)  # one row per unique person in the upload
    assert {r["status"] for r in rows} <= {"paired", "triad", "unmatched"}

    # Removing the uploaded file (the chip's ✕) goes back to the demo data, and the link says so.
    nav(page, "Upload & map").click()
    page.get_by_text("Column mapping").wait_for(timeout=60_000)
    page.get_by_test_id("stMain").get_by_test_id("stFileUploader").first.locator("input[type=file]").set_input_files(
        str(ROOT / "sample_data" / "mentoring.csv"))
    _wait_ready(page, "mentoring.csv")
    page.get_by_test_id("stMain").get_by_test_id("stFileChipDeleteBtn").first.click()
    page.get_by_text("demo data is shown again").wait_for(timeout=120_000)
    expect(page.get_by_text("uploaded file mentoring.csv")).to_have_count(0)
    assert "sample=coffee" in page.url and "file=" not in page.url, page.url
    page.close()
