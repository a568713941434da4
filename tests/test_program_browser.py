"""Real browser: publish the round from the Export screen, then see it on the History screen."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from matching.program import Store

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is missing in CI (.ci/run installs it).")
        pytest.skip("Debian's chromium is not installed (sudo apt-get install chromium).")
    port = _free_port()
    url_db = f"sqlite:///{tmp_path / 'browser.db'}"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PAIRWISE_DATABASE_URL": url_db}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.address", "127.0.0.1",
         "--server.port", str(port), "--server.headless", "true"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=2).status == 200:
                break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("streamlit did not start: " + proc.stdout.read().decode(errors="replace")[-2000:])
    yield url, url_db
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


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
