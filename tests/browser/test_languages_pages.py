"""The bilingual sample in a real browser: Korean text on English pages is marked
lang="ko", a field shown in Korean carries a visible 한국어 mark, the language switcher leads
to the same page in the other language and back (by mouse and by keyboard), and every
page's hreflang alternates exist."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from showroom.build import BuildOptions, check
from showroom.build.options import Checked
from showroom.content.in_language import LocalisedObjects, content_in
from tests.browser.test_pages import FOCUS_STYLE, LOCALES
from tests.browser.test_served_links import status
from tests.browser.tour import STOPS, WIDTHS
from tests.conftest import ROOT, SAMPLE_DATE
from tools.browser.page_tour import SCRIPTS_SETTLED, Stop

#: The pages the checks below visit: the English tour, and the Korean pages of the same kinds.
ENGLISH = [s for s in STOPS if s.language == "en"]
KOREAN = [s for s in STOPS if s.language == "ko"]


def _stop(name: str) -> Stop:
    return next(s for s in STOPS if s.name == name)


TRANSLATED = _stop("en-product-translated")
FALLBACK = _stop("en-product-fallback")

# Each text node and each text attribute (alt, title, aria-label, placeholder, content of
# the description) of the body that holds Hangul, with the `lang` it is read in.
HANGUL_LANGS = r"""() => {
  const hangul = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]/;
  const langOf = e => { const l = e.closest('[lang]'); return l ? l.getAttribute('lang') : ''; };
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = n.parentElement;
    if (!hangul.test(n.data) || parent.closest('script, style, template')) continue;
    found.push({text: n.data.trim().slice(0, 60), lang: langOf(parent),
                where: parent.tagName + '.' + parent.className});
  }
  for (const e of document.body.querySelectorAll('[alt], [title], [aria-label], [placeholder]')) {
    for (const name of ['alt', 'title', 'aria-label', 'placeholder']) {
      const value = e.getAttribute(name);
      if (value && hangul.test(value)) {
        found.push({text: `${name}=${value.slice(0, 60)}`, lang: langOf(e), where: e.tagName});
      }
    }
  }
  return found;
}"""

# Where each translatable field of a product shows its mark on the product's page; the
# fields shown nowhere as text (alt text is read in Korean through lang="ko", keywords only
# feed search) have no mark.
FIELD_MARKS = {
    "name": ".product-header h1 .lang-tag",
    "summary": ".product-aside .lead .lang-tag",
    "features": "#sec-features .lang-tag",
    "body_markdown": "#sec-description .lang-tag",
    "spec": "#sec-specs .lang-tag",
    "specs": "#sec-specs .lang-tag",
    "usage": "#sec-specs .lang-tag",
    "images[0].caption": ".photo-main figcaption .lang-tag",
}
UNMARKED = re.compile(r"keywords|images\[\d+\]\.alt")
CAPTION = re.compile(r"images\[(\d+)\]\.caption")


def _mark_of(field: str) -> str | None:
    """The selector of a field's mark, None for a field without one."""
    if UNMARKED.fullmatch(field):
        return None
    caption = CAPTION.fullmatch(field)
    if caption is not None and caption.group(1) != "0":
        return f".photo-more li:nth-child({caption.group(1)}) figcaption .lang-tag"
    return FIELD_MARKS[field]  # a new field: say where its mark is


@functools.cache
def _checked() -> Checked:
    return check(BuildOptions(config_file=ROOT / "showroom.yml", date=SAMPLE_DATE))


def _fallback_fields(slug: str) -> tuple[str, ...]:
    content = content_in(_checked().content, "en", "ko", LocalisedObjects())
    return next(p for p in content.products if p.slug == slug).fallback


def _slug(stop: Stop) -> str:
    return stop.path.rstrip("/").rsplit("/", 1)[-1]


@pytest.fixture(scope="module")
def desktop(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    yield context
    context.close()


def _open(context: BrowserContext, url: str) -> Page:
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.wait_for_function(SCRIPTS_SETTLED, timeout=15_000)
    return page


@pytest.mark.parametrize("stop", ENGLISH, ids=[s.name for s in ENGLISH])
def test_korean_text_on_english_pages_is_marked_korean(
    desktop: BrowserContext, site_url: str, stop: Stop
) -> None:
    page = _open(desktop, site_url + stop.path)
    assert page.evaluate("document.documentElement.lang") == "en"
    found = page.evaluate(HANGUL_LANGS)
    page.close()
    unmarked = [f for f in found if not f["lang"].lower().startswith("ko")]
    assert unmarked == []
    if stop in (FALLBACK, _stop("en-home")):
        assert found, "the page shows Korean text: the check would have found it"


@pytest.mark.parametrize("width", WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def test_each_fallback_field_shows_a_visible_korean_mark(
    browser: Browser, site_url: str, width: int
) -> None:
    fields = _fallback_fields(_slug(FALLBACK))
    assert "name" in fields and "images[1].caption" in fields, fields  # a useful example
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="en-US")
    page = _open(context, site_url + FALLBACK.path)
    selectors = {s for f in fields if (s := _mark_of(f)) is not None}
    for selector in sorted(selectors):
        mark = page.locator(selector)
        assert mark.count() == 1, selector
        mark.scroll_into_view_if_needed()
        box = mark.bounding_box()
        assert mark.is_visible() and box is not None, selector
        assert box["width"] >= 8 and box["height"] >= 8, (selector, box)
        assert mark.inner_text() == "한국어", selector
        assert mark.get_attribute("lang") == "ko", selector
        style = mark.evaluate("e => [getComputedStyle(e).visibility, getComputedStyle(e).opacity]")
        assert style == ["visible", "1"], (selector, style)
    # Every mark of the product belongs to a field shown in Korean (its company is translated;
    # the related products below have their own).
    assert page.locator("article.product .lang-tag").count() == len(selectors)
    context.close()


def test_a_translated_product_shows_no_korean_mark(desktop: BrowserContext, site_url: str) -> None:
    assert _fallback_fields(_slug(TRANSLATED)) == ()
    page = _open(desktop, site_url + TRANSLATED.path)
    assert page.locator(".product-header").count() == 1
    assert page.locator(".product-header .lang-tag").count() == 0
    assert page.locator("article.product .lang-tag").count() == 0
    assert page.locator(".product-header h1").inner_text().isascii()
    page.close()


def _switch(page: Page, to: str, site_url: str, path: str) -> None:
    """Click the switcher's link to language `to` and land on `path` in it."""
    link = page.locator(f".language-switch a[hreflang='{to}']")
    assert link.count() == 1
    with page.expect_navigation(wait_until="load"):
        link.click()
    assert page.url == site_url + path
    assert page.evaluate("document.documentElement.lang") == to


@pytest.mark.parametrize("stop", [TRANSLATED, FALLBACK], ids=["translated", "fallback"])
def test_the_switcher_leads_to_the_same_product_and_back(
    desktop: BrowserContext, site_url: str, stop: Stop
) -> None:
    korean = stop.path.removeprefix("en/")
    page = _open(desktop, site_url + stop.path)
    assert page.locator(".language-switch a").inner_text() == "한국어"
    _switch(page, "ko", site_url, korean)
    heading = page.locator("h1 > span").first.inner_text()
    assert re.search("[가-힣]", heading), heading  # the Korean page of the same product
    assert page.locator(".language-switch a").inner_text() == "English"
    _switch(page, "en", site_url, stop.path)
    assert page.locator(".language-switch a").get_attribute("lang") == "ko"
    page.close()


@pytest.mark.parametrize("stop", KOREAN + ENGLISH, ids=[s.name for s in KOREAN + ENGLISH])
def test_hreflang_alternates_point_at_pages_that_exist(
    desktop: BrowserContext, site_url: str, stop: Stop
) -> None:
    page = _open(desktop, site_url + stop.path)
    assert page.evaluate("document.documentElement.lang") == stop.language
    alternates = page.evaluate(
        "[...document.querySelectorAll('link[rel=alternate][hreflang]')]"
        ".map(l => [l.hreflang, l.href])"
    )
    canonical = page.evaluate("document.querySelector('link[rel=canonical]').href")
    page.close()
    assert sorted(h for h, _ in alternates) == ["en", "ko", "x-default"], alternates
    hrefs = dict(alternates)
    assert hrefs["x-default"] == hrefs["ko"]
    if stop.status == 200:
        assert canonical == hrefs[stop.language]
    # The pages are built for their public address; ask the local server for the same path.
    base_url = _checked().config.base_url.rstrip("/") + "/"
    assert all(href.startswith(base_url) for _, href in alternates), alternates
    local = {h: site_url + href.removeprefix(base_url) for h, href in alternates}
    missing = {h: url for h, url in local.items() if status(url) != 200}
    assert missing == {}


@pytest.mark.parametrize("prefix", ["", "en/"], ids=["ko", "en"])
@pytest.mark.parametrize("width", WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def test_the_switcher_is_reached_by_tab_with_a_visible_focus(
    browser: Browser, site_url: str, width: int, prefix: str
) -> None:
    language = "ko" if prefix else "en"  # the other language's link
    context = browser.new_context(viewport={"width": width, "height": 800}, locale=LOCALES["en"])
    page = _open(context, site_url + prefix + TRANSLATED.path.removeprefix("en/"))
    for _ in range(6):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_STYLE)
        assert focused is not None
        if page.evaluate("!!document.activeElement.closest('.language-switch')"):
            break
    else:
        pytest.fail("the language switcher is not among the first links")
    assert focused["visible"] and (focused["outline"] or focused["shadow"]), focused
    assert page.evaluate("document.activeElement.hreflang") == language
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    assert page.evaluate("document.documentElement.lang") == language
    context.close()


# The words (of 6 letters or more) of the elements `selector` finds that the browser drew
# over two lines, broken inside the word without a hyphen.
BROKEN_WORDS = r"""selector => {
  const broken = [];
  for (const element of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      for (const m of n.data.matchAll(/[A-Za-z]{6,}/g)) {
        const range = document.createRange();
        range.setStart(n, m.index);
        range.setEnd(n, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0)
          .map(r => Math.round(r.top)));
        if (lines.size > 1) broken.push(m[0]);
      }
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("width", [320, 360], ids=["320px", "360px"])
def test_long_english_words_are_not_broken_on_phones(
    browser: Browser, site_url: str, width: int
) -> None:
    """Long words ("Specification" in the spec table's narrow label column, "Construction"
    in a hall's half of the row) stay whole on the narrowest phones."""
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="en-US")
    found: dict[str, list[str]] = {}
    for stop, selector in ((TRANSLATED, ".table th, .table td"),
                           (FALLBACK, ".table th"),
                           (_stop("en-home"), ".hall-name")):  # fmt: skip
        page = _open(context, site_url + stop.path)
        assert page.locator(selector).count() > 3, selector
        if broken := page.evaluate(BROKEN_WORDS, selector):
            found[stop.name] = broken
        page.close()
    context.close()
    assert found == {}


@pytest.mark.parametrize("prefix", ["", "en/"], ids=["ko", "en"])
@pytest.mark.parametrize("width", WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def test_the_switcher_sits_beside_the_site_title(
    browser: Browser, site_url: str, width: int, prefix: str
) -> None:
    """On a phone too, where the English title takes two lines, rather than on a row of its
    own above the navigation."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = _open(context, site_url + prefix)
    title = page.locator(".site-title").bounding_box()
    switch = page.locator(".language-switch").bounding_box()
    context.close()
    assert title is not None and switch is not None
    assert switch["x"] >= title["x"] + title["width"] - 1, (title, switch)
    assert title["y"] <= switch["y"] + switch["height"] / 2 <= title["y"] + title["height"]
    assert switch["x"] + switch["width"] <= width
