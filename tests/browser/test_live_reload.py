"""`showroom serve` in a real browser: an open page reloads by itself after a save, shows a
build's errors, and drops them once the file is fixed."""

from __future__ import annotations

import time
from pathlib import Path

from livereload.handlers import LiveReloadHandler
from playwright.sync_api import Browser

from tests.projects import new_project
from tests.test_serve import WAIT, edit, serving


def test_the_page_reloads_by_itself(browser: Browser, tmp_path: Path) -> None:
    project = new_project(tmp_path / "site")
    with serving(project) as live:
        page = browser.new_page()
        try:
            page.goto(live.url + "products/lathe/")
            assert "소형 선반" in page.inner_text("h1")
            deadline = time.monotonic() + WAIT
            while not LiveReloadHandler.waiters:  # livereload.js has connected
                assert time.monotonic() < deadline, "the page never connected to the server"
                time.sleep(0.05)
            page.evaluate("window.notReloadedYet = true")

            edit(project, "소형 선반", "대형 선반")
            page.wait_for_function(
                "!window.notReloadedYet && document.querySelector('h1').innerText.includes("
                "'대형 선반')",
                timeout=WAIT * 1000,
            )

            edit(project, "category: machinery", "category: nowhere")
            page.wait_for_selector("#showroom-build-errors", timeout=WAIT * 1000)
            assert "unknown category 'nowhere'" in page.inner_text("#showroom-build-errors")
            assert "대형 선반" in page.inner_text("h1")  # the last good page, under the errors

            edit(project, "category: nowhere", "category: machinery")
            page.wait_for_selector("#showroom-build-errors", state="detached", timeout=WAIT * 1000)
        finally:
            page.close()
