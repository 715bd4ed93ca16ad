"""Every kind of page in a real browser, in Korean and in English, at phone and desktop
widths: layout, errors, requests, images, Korean text, accessibility (axe-core) and keyboard
use."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.tour import STOPS, WIDTHS
from tests.conftest import ROOT
from tools.browser.page_tour import SCRIPTS_SETTLED, Stop

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
KOREAN_FONTS = ("Noto Sans CJK KR", "Noto Sans KR", "NanumGothic", "Nanum Gothic")
LOCALES = {"ko": "ko-KR", "en": "en-US"}  # the browser's language on each language's pages


# Bring every image into view (lazy ones load only then) and wait until each has settled.
LOAD_ALL_IMAGES = """async () => {
  for (const image of document.images) {
    image.scrollIntoView({block: 'center'});
    if (!image.complete) {
      await new Promise(done => {
        image.addEventListener('load', done, {once: true});
        image.addEventListener('error', done, {once: true});
        setTimeout(done, 5000);
      });
    }
  }
  window.scrollTo(0, 0);
}"""


@dataclass
class Visit:
    page: Page
    status: int
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)


# Module-scoped: pytest orders the tests so that each page at each width is loaded once and
# the checks below all read that one visit (they only look; axe's script, added last, only
# reads the page too), instead of one load per check.
@pytest.fixture(scope="module", params=WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def width(request: pytest.FixtureRequest) -> int:
    return int(request.param)


@pytest.fixture(scope="module", params=STOPS, ids=[s.name for s in STOPS])
def stop(request: pytest.FixtureRequest) -> Stop:
    stop: Stop = request.param
    return stop


@pytest.fixture(scope="module")
def visit(browser: Browser, site_url: str, stop: Stop, width: int) -> Iterator[Visit]:
    locale = LOCALES[stop.language]
    context = browser.new_context(viewport={"width": width, "height": 800}, locale=locale)
    page = context.new_page()
    target = site_url + stop.path
    console_errors: list[str] = []
    failed: list[str] = []

    def on_console(message: Any) -> None:
        # The one expected error: Chromium logs the 404 status of the 404 page's own document.
        expected = stop.status == 404 and message.location.get("url") == target
        if message.type == "error" and not expected:
            console_errors.append(f"{message.text} ({message.location.get('url')})")

    page.on("console", on_console)
    page.on("pageerror", lambda e: console_errors.append(str(e)))
    page.on("requestfailed", lambda r: failed.append(f"{r.url} ({r.failure})"))

    def on_response(response: Any) -> None:
        if response.status >= 400 and response.url != target:
            failed.append(f"{response.url} ({response.status})")

    page.on("response", on_response)
    response = page.goto(target, wait_until="load")
    assert response is not None
    # Search results and hall filters come from a script: wait until it has answered.
    page.wait_for_function(SCRIPTS_SETTLED, timeout=15_000)
    # Scroll through the page so that lazily loaded images load too.
    page.evaluate(LOAD_ALL_IMAGES)
    page.wait_for_load_state("networkidle")
    yield Visit(page, response.status, console_errors, failed)
    context.close()


def test_status(visit: Visit, stop: Stop) -> None:
    assert visit.status == stop.status


def test_no_horizontal_scrolling(visit: Visit, width: int) -> None:
    overflow = visit.page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    if overflow > 0:
        wide = visit.page.evaluate(
            "[...document.querySelectorAll('body *')]"
            ".filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth"
            " + 1).slice(0, 5).map(e => e.tagName + '.' + e.className)"
        )
        pytest.fail(f"the page scrolls sideways by {overflow}px at {width}px: {wide}")


def test_no_console_errors_or_failed_requests(visit: Visit) -> None:
    assert visit.console_errors == []
    assert visit.failed_requests == []


def test_every_image_loads(visit: Visit) -> None:
    broken = visit.page.evaluate(
        "[...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)"
    )
    assert broken == []


def test_korean_text_renders_in_a_korean_font(visit: Visit, stop: Stop) -> None:
    page = visit.page
    assert page.evaluate("document.documentElement.lang") == stop.language
    stack = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert any(font in stack for font in KOREAN_FONTS), stack
    # Ask Chromium which installed font actually drew the heading's glyphs.
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    document = session.send("DOM.getDocument")
    node = session.send(
        "DOM.querySelector", {"nodeId": document["root"]["nodeId"], "selector": "h1"}
    )
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
    used = [f["familyName"] for f in fonts]
    assert used and all(
        any(k in name for k in ("CJK", "Nanum", "Noto Sans KR")) for name in used
    ), used


def test_accessibility_axe(visit: Visit) -> None:
    visit.page.add_script_tag(path=str(AXE))
    result = visit.page.evaluate(
        "async tags => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    violations = [
        {
            "rule": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"][:5]],
        }
        for v in result["violations"]
    ]
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=2)


FOCUS_STYLE = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const s = getComputedStyle(e);
  const r = e.getBoundingClientRect();
  return {
    tag: e.tagName, href: e.getAttribute('href') || '', text: e.textContent.trim(),
    outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
    shadow: s.boxShadow !== 'none',
    visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight
      && r.right > 0 && r.left < innerWidth,
    nav: !!e.closest('.main-nav'),
  };
}"""


@pytest.mark.parametrize("prefix", ["", "en/"], ids=["ko", "en"])
@pytest.mark.parametrize("keyboard_width", WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def test_keyboard_walk(browser: Browser, site_url: str, keyboard_width: int, prefix: str) -> None:
    context = browser.new_context(viewport={"width": keyboard_width, "height": 800})
    page = context.new_page()
    home = site_url + prefix
    page.goto(home, wait_until="load")
    nav_links = page.evaluate(
        "[...document.querySelectorAll('.main-nav a')].map(a => a.getAttribute('href'))"
    )
    assert len(nav_links) >= 4
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUS_STYLE)
    assert first is not None and first["href"] == "#main", first
    assert first["visible"] and (first["outline"] or first["shadow"]), first
    reached: list[str] = []
    for _ in range(20):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_STYLE)
        assert focused is not None
        assert focused["visible"] and (focused["outline"] or focused["shadow"]), focused
        if focused["nav"]:
            reached.append(focused["href"])
        if set(nav_links) <= set(reached):
            break
    assert set(nav_links) <= set(reached), (nav_links, reached)
    # The skip link moves focus into the main content.
    page.goto(home, wait_until="load")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    context.close()


def test_tour_covers_every_kind() -> None:
    names = {s.name for s in STOPS}
    expected = {"home", "hall-category", "hall-excellent", "hall-innovation", "hall-page-2",
                "product-full", "product-minimal", "company", "companies", "search",
                "shortlist", "compare", "not-found"}  # fmt: skip
    english = {"home", "hall-category", "product-translated", "product-fallback", "company",
               "companies", "search", "shortlist", "compare", "not-found"}  # fmt: skip
    assert expected | {f"en-{name}" for name in english} <= names
    assert {s.language for s in STOPS if s.name.startswith("en-")} == {"en"}
