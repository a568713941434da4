"""Real browser: publish the round from the Export screen, then see it on the History screen."""

from __future__ import annotations

import pytest

from matching.program import Store

from tests.browser_helpers import CHROMIUM, require_chromium, streamlit_server

pytestmark = pytest.mark.browser


@pytest.fixture
def server(tmp_path):
    require_chromium()
    url_db = f"sqlite:///{tmp_path / 'browser.db'}"
    with streamlit_server(PAIRWISE_DATABASE_URL=url_db) as url:
        yield url, url_db


def test_publish_then_see_it_on_history(server):
    from playwright.sync_api import sync_playwright

    url, url_db = server
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(url + "/export?emb=tfidf")
        page.get_by_text("Publish this round", exact=True).wait_for(timeout=240_000)
        name = page.get_by_label("Name of the new program")
        name.fill("Browser club")
        name.press("Enter")
        button = page.get_by_role("button", name="Publish as round 1 of 'Browser club'")
        button.wait_for(timeout=120_000)
        button.click()
        page.get_by_text("Published round 1 of 'Browser club'").wait_for(timeout=120_000)
        page.get_by_test_id("stSidebarNavItems").get_by_role("link", name="History").click()
        page.get_by_text("Who met whom").first.wait_for(timeout=120_000)
        rounds = page.get_by_test_id("stMetric").filter(has_text="Rounds").inner_text()
        assert rounds.split()[-1] == "1"
        browser.close()
    assert Store(url_db).rounds("Browser club")["round"].tolist() == [1]
