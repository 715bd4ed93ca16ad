"""The web editor at /admin/ opens from the site alone: Chromium with every request beyond the
local server refused shows the CMS's sign-in screen, in Korean, with no console errors."""

from __future__ import annotations

import json
from pathlib import Path

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


def test_sign_in_screen_in_korean_from_the_site_alone(
    browser: Browser, project: Project, tmp_path: Path
) -> None:
    config = project.config_file.read_text(encoding="utf-8")
    project.config_file.write_text(
        config.replace("https://example.org/", "https://ulsan-city.github.io/showroom/"),
        encoding="utf-8",
    )
    build(BuildOptions(project.config_file, date=BUILD_DATE, pdf=False, search=False))
    context = browser.new_context(locale="en-US")  # the page starts the UI in the site's language
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
    with serve(project.out, "/showroom/") as url:
        page.goto(url + "admin/")
        token = page.get_by_role("button", name=korean("sign_in_using_access_token"))
        token.wait_for(timeout=30_000)
        buttons = [b.translate(BIDI) for b in page.get_by_role("button").all_inner_texts()]
        assert korean("sign_in_with_x", service="GitHub") in buttons
        text = page.inner_text("body").translate(BIDI)
        assert "테스트 홍보관 편집기" in text  # the app title from the theme's strings
        _icons_drawn(page)
        page.screenshot(path=str(tmp_path / "admin-sign-in.png"))
    context.close()
    assert refused == []
    assert problems == []


def _icons_drawn(page: Page) -> None:
    """The icon font came from the site: its face is loaded (else icons show as words)."""
    loaded = page.evaluate(
        "async () => { await document.fonts.ready; return [...document.fonts]"
        ".filter(f => f.status === 'loaded').map(f => f.family); }"
    )
    assert any("Material Symbols" in family for family in loaded), loaded
