"""The web editor at /admin/ opens from the site alone: Chromium with every request beyond the
local server refused shows the CMS's sign-in screen, in Korean, with no console errors."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml
from playwright.sync_api import Browser, ConsoleMessage, Page, Route

from showroom.build import BuildOptions, build
from tests.checking import BUILD_DATE
from tests.projects import Project
from tools.browser.static_server import serve

LOCALES = Path(__file__).resolve().parents[2] / "themes/default/admin/locales"
BIDI = dict.fromkeys(map(ord, "\u2068\u2069"))  # the CMS isolates each filled-in value


def korean(key: str, **values: str) -> str:
    """A text of the CMS's own Korean UI strings, filled in."""
    text = str(json.loads((LOCALES / "ko.json").read_text(encoding="utf-8"))[key])
    for name, value in values.items():
        text = text.replace("{$" + name + "}", value)
    return text


def built_for_pages(project: Project) -> Path:
    """The project built for a GitHub Pages address (so /admin/ is published); its output."""
    config = project.config_file.read_text(encoding="utf-8")
    project.config_file.write_text(
        config.replace("https://example.org/", "https://ulsan-city.github.io/showroom/"),
        encoding="utf-8",
    )
    build(BuildOptions(project.config_file, date=BUILD_DATE, pdf=False, search=False))
    return project.out


@contextmanager
def opened(
    browser: Browser, out: Path, height: int = 720
) -> Iterator[tuple[Page, str, list[str], list[str]]]:
    """A page on the served site (the page, the site's URL, the requests refused, the console's
    errors and warnings); every request beyond the local server is refused."""
    # the browser speaks English: the page starts the UI in the site's language
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": height})
    page = context.new_page()
    refused: list[str] = []
    problems: list[str] = []

    def route(route: Route) -> None:
        if route.request.url.startswith("http://127.0.0.1:"):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    def console(message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            problems.append(f"{message.type}: {message.text}")

    page.route("**/*", route)
    page.on("console", console)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    try:
        with serve(out, "/showroom/") as url:
            yield page, url, refused, problems
    finally:
        context.close()


def test_sign_in_screen_in_korean_from_the_site_alone(
    browser: Browser, project: Project, tmp_path: Path
) -> None:
    out = built_for_pages(project)
    with opened(browser, out) as (page, url, refused, problems):
        page.goto(url + "admin/")
        token = page.get_by_role("button", name=korean("sign_in_using_access_token"))
        token.wait_for(timeout=30_000)
        buttons = [b.translate(BIDI) for b in page.get_by_role("button").all_inner_texts()]
        assert korean("sign_in_with_x", service="GitHub") in buttons
        text = page.inner_text("body").translate(BIDI)
        assert "테스트 홍보관 편집기" in text  # the app title from the theme's strings
        _icons_drawn(page)
        page.screenshot(path=str(tmp_path / "admin-sign-in.png"))
    assert refused == []
    assert problems == []


def test_every_form_opens_in_the_cms(browser: Browser, project: Project) -> None:
    """The CMS itself reads the configuration (it warns in the console about an option it does
    not know) and shows each collection's form with every field's Korean label. The built
    configuration is used as it is, but for its backend: the CMS's in-browser test repository
    stands in for GitHub, so the forms open without signing in."""
    out = built_for_pages(project)
    settings = out / "admin/config.yml"
    config = yaml.safe_load(settings.read_text(encoding="utf-8"))
    text = settings.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^backend:\n(  .*\n)+", "backend:\n  name: test-repo\n", text)
    settings.write_text(text.replace("publish_mode: editorial_workflow\n", ""), encoding="utf-8")
    # the CMS draws the parts of a form that are in view: a window tall enough for all of them
    with opened(browser, out, height=6000) as (page, url, refused, problems):
        page.goto(url + "admin/")
        page.get_by_role("button", name=korean("work_with_test_repo")).click()
        for collection in config["collections"]:
            page.goto(f"{url}admin/#/collections/{collection['name']}/new")
            name = "\u2068?" + re.escape(collection["label_singular"]) + "\u2069?"
            heading = korean("create_entry_title", name="{name}")
            pattern = re.compile(re.escape(heading).replace(re.escape("{name}"), name))
            page.get_by_text(pattern).first.wait_for(timeout=15_000)
            last = collection["fields"][-1]["label"]
            page.get_by_text(last, exact=True).first.wait_for(timeout=15_000)
            shown = page.inner_text("body").translate(BIDI)
            for field in collection["fields"]:
                assert field["label"] in shown, (collection["name"], field["name"])
    assert refused == []
    assert problems == []


def _icons_drawn(page: Page) -> None:
    """The icon font came from the site: its face is loaded (else icons show as words)."""
    loaded = page.evaluate(
        "async () => { await document.fonts.ready; return [...document.fonts]"
        ".filter(f => f.status === 'loaded').map(f => f.family); }"
    )
    assert any("Material Symbols" in family for family in loaded), loaded
