"""The dashboard in a real browser (Debian's chromium driven by Playwright): markers for the
sample's events, a click shows the evidence highlighted in the article, filters narrow the map
and live in the URL, and article text is shown as text, never run as HTML."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import REPO, SAMPLE, run_eventwire
from corpus import write_corpus
from web import EventwireServer

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOSTILE = (
    "Rebels attacked a police post near Kunduz on Monday <script>window.owned = true</script> "
    '<img src=x onerror="window.owned = true"> and officials said two officers were hurt.'
)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dashboard")
    db = f"sqlite:///{folder / 'dash.db'}"
    hostile = folder / "hostile.txt"
    hostile.write_text(HOSTILE)
    for args in (
        [str(SAMPLE), "--published", "2021-08-24"],
        [str(write_corpus(folder / "stories.jsonl", 4))],
        [str(hostile), "--published", "2021-09-03"],
    ):
        assert run_eventwire("ingest", "-q", *args, "--db", db).returncode == 0
    server = EventwireServer(
        db, env={k: v for k, v in os.environ.items() if k != "EVENTWIRE_TOKEN"}
    )
    yield f"{server.url}/"
    server.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run .ci/services (it installs Debian's chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"))
    context.close()
    assert not errors, errors


def _ready(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-ready=true]", timeout=30000)


def test_the_map_shows_a_marker_per_placed_event_and_a_click_shows_its_evidence(page, site):
    _ready(page, site)
    markers = page.locator("path.ew-marker")
    shown = int(page.locator("#map").get_attribute("data-markers"))
    assert shown > 0 and markers.count() == shown
    assert page.locator("#timeline rect").count() > 0

    markers.last.click(force=True)  # drawn last, so no other marker covers it
    evidence = page.locator("#panel-evidence .hl-evidence").first
    evidence.wait_for(timeout=15000)
    assert evidence.inner_text().strip()
    assert "event=" in page.url
    facts = page.locator("#panel-evidence dl.facts").inner_text()
    assert "Who says so" in facts and "Type" in facts


def test_the_siege_claim_shows_its_speaker_and_its_incident(page, site):
    _ready(page, site)
    row = page.locator(".event-row", has_text="siege").first
    row.click()
    page.locator("#panel-evidence .hl-evidence", has_text="siege").first.wait_for()
    assert "Zabihullah Mujahid" in page.locator("#panel-evidence dl.facts").inner_text()
    page.locator("#panel-evidence a.open").click()
    page.locator("#panel-incident h3").wait_for()
    assert "independent source" in page.locator("#panel-incident").inner_text()


def test_filtering_by_actor_narrows_the_map_and_lands_in_a_shareable_link(page, site):
    _ready(page, site)
    before = int(page.locator("#map").get_attribute("data-markers"))
    page.fill("input[name=actor]", "Russia")
    page.click("#filters button[type=submit]")
    page.wait_for_function("document.querySelector('#status').textContent.includes('event')")
    page.wait_for_url("**actor=Russia**")
    rows = page.locator(".event-row")
    assert rows.count() >= 1
    assert all("Russia" in text for text in rows.all_inner_texts())
    after = int(page.locator("#map").get_attribute("data-markers"))
    assert after < before

    shared = page.url
    page.goto("about:blank")
    _ready(page, shared)
    assert page.input_value("input[name=actor]") == "Russia"


def test_html_in_an_article_is_shown_as_text(page, site):
    _ready(page, site)
    page.locator(".event-row", has_text="police post").last.click()
    page.locator("#panel-evidence .article-text").wait_for()
    text = page.locator("#panel-evidence .article-text").inner_text()
    assert "<script>" in text
    assert page.evaluate("window.owned === undefined")
    assert page.locator("#panel-evidence script, #panel-evidence img").count() == 0


def test_the_contradictions_view_shows_both_sides(page, site):
    _ready(page, site)
    page.click("#tabs button[data-tab=contradictions]")
    entry = page.locator(".contradiction").first
    entry.wait_for()
    assert entry.locator(".side.a").count() >= 1 and entry.locator(".side.b").count() >= 1
    assert "versus" in entry.inner_text()
