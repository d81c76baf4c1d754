"""The web page of `lexqa serve` in a real browser: Playwright for Python driving Debian's chromium
(`executable_path`; Playwright cannot download its own browser here). Types a question, checks the
answer card, opens a provision, its history and diff, switches ID/EN, and saves screenshots to
tests/artifacts/ (gitignored)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from test_server_support import needs, serve

pytestmark = pytest.mark.slow

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = os.environ.get("LEXQA_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    needs("playwright", "web-test")
    needs("fastapi", "server")
    if not CHROMIUM:
        pytest.skip("no chromium executable (apt-get install chromium, or set LEXQA_CHROMIUM)")
    from playwright.sync_api import Error, sync_playwright

    with sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        except Error as e:
            pytest.skip(f"chromium at {CHROMIUM} cannot start: {str(e).splitlines()[0]}")
        yield b
        b.close()


@pytest.fixture(scope="module")
def base():
    with serve() as url:
        yield url


def test_ask_read_history_diff_on_a_phone(browser, base):
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 390, "height": 844}, locale="id-ID")   # a phone
    page.goto(base + "/")
    page.get_by_role("button", name="ID").click()
    assert page.locator("#ask-btn").inner_text() == "Tanya"
    page.fill("#question", "Pasal 16 UU 6/2011")
    page.click("#ask-btn")
    card = page.locator("#answer")
    card.wait_for(state="visible", timeout=60_000)
    assert "UU 6/2011 Pasal 16" in page.locator("#lead").inner_text()
    assert not page.locator("#abstained").is_visible()
    first = page.locator("#basis li").first
    assert "UU 6/2011 Pasal 16" in first.locator("strong").inner_text()
    assert first.locator("blockquote").first.inner_text().strip()          # the verbatim quote
    assert first.locator(".badge").inner_text().strip()                     # its status
    page.screenshot(path=str(ARTIFACTS / "web-answer.png"), full_page=True)
    # no horizontal scrolling on a phone
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

    first.locator(".history-link").click()                                  # its history link
    page.locator("#provision").wait_for(state="visible", timeout=30_000)
    assert "UU 63/2024" in page.locator("#prov-history").inner_text()
    first.get_by_role("button").first.click()                               # open the provision
    page.locator("#provision").wait_for(state="visible", timeout=30_000)
    assert page.locator("#prov-label").inner_text().startswith("UU 6/2011 Pasal 16")
    assert "Pejabat Imigrasi" in page.locator("#prov-text").inner_text()
    hist = page.locator("#prov-history li")
    assert hist.count() >= 2 and "UU 63/2024" in page.locator("#prov-history").inner_text()
    page.click("#diff-btn")
    page.locator("#diff-box").wait_for(state="visible", timeout=30_000)
    assert page.locator("#diff ins").count() + page.locator("#diff del").count() > 0
    page.screenshot(path=str(ARTIFACTS / "web-provision.png"), full_page=True)

    page.get_by_role("button", name="EN").click()
    assert page.locator("#ask-btn").inner_text() == "Ask"
    assert page.locator("#basis-h").inner_text() == "Legal basis"
    page.close()


def test_an_unknown_citation_shows_an_error_with_the_nearest(browser, base):
    page = browser.new_page()
    page.goto(base + "/")
    page.fill("#citation", "UU 6/2011 Pasal 999")
    page.click("#show-btn")
    err = page.locator("#error")
    err.wait_for(state="visible", timeout=30_000)
    assert "999" in err.inner_text() and "UU 6/2011 Pasal" in err.inner_text()
    page.close()
