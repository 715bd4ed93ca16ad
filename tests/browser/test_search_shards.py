"""A search index in shards (search/shards.py) searched in Chromium: the page merges every
shard's index, so a product in a shard other than the primary is found, and the filters count
the pages of every shard."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import BrowserContext, ConsoleMessage, Page

from tests.browser.search_page import result_paths, settle, status
from tests.test_search_shards import DISTRICTS, bundles, pages_in, run, sharded_project
from tools.browser.static_server import serve

TOOLS = 40


def district_of(n: int) -> str:
    return DISTRICTS[n % 4]  # tool-n's company is maker-(n % 4) (see sharded_project)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    project = sharded_project(tmp_path_factory.mktemp("shards") / "site", TOOLS)
    run(project)
    with serve(project.out) as url:
        yield project.out, url


@pytest.fixture
def page(context: BrowserContext) -> Iterator[Page]:
    page = context.new_page()
    errors: list[str] = []

    def console(message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            errors.append(message.text)

    page.on("console", console)
    yield page
    assert errors == []


def counts(page: Page, facet: str) -> dict[str, int]:
    found = {}
    for item in page.locator(f"fieldset[data-facet={facet}] li:not([hidden])").all():
        value = item.locator("input").get_attribute("value") or ""
        found[value] = int(item.locator(".facet-count").text_content() or "0")
    return found


def open_filters(page: Page) -> None:
    details = page.locator("details.filters")
    if not details.evaluate("d => d.open"):
        details.locator("summary").click()


def test_a_product_of_another_shard_is_found(page: Page, built: tuple[Path, str]) -> None:
    out, url = built
    found = bundles(out)
    assert len(found) >= 2
    others = {p for path, f in found.items() if path != "pagefind/" for p in pages_in(f)}
    n = next(n for n in range(TOOLS) if f"products/tool-{n:02d}/" in others)
    name = f"공구 {chr(0xB098 + 28 * n)}람"
    page.goto(url + "search/?q=" + quote(name))
    settle(page, {"q": name})
    assert result_paths(page)[0] == f"products/tool-{n:02d}/"


def test_the_counts_cover_every_shard(page: Page, built: tuple[Path, str]) -> None:
    _, url = built
    page.goto(url + "search/?q=" + quote("공구"))
    settle(page, {"q": "공구"})
    assert status(page) == f"‘공구’ 검색 결과 {TOOLS}건"
    open_filters(page)
    assert counts(page, "district") == Counter(district_of(n) for n in range(TOOLS))
    machinery = sum(1 for n in range(TOOLS) if n % 3)
    assert counts(page, "category") == {"기계·금속": machinery, "식품·농수산": TOOLS - machinery}


def test_a_hall_filter_finds_the_products_of_every_shard(
    page: Page, built: tuple[Path, str]
) -> None:
    out, url = built
    page.goto(url + "halls/machinery/")
    settle(page)
    open_filters(page)
    district = "북구"
    page.locator(f"fieldset[data-facet=district] input[value='{district}']").check()
    settle(page, {"district": district})
    expected = [
        f"products/tool-{n:02d}/" for n in range(TOOLS) if n % 3 and district_of(n) == district
    ]
    held = {path: pages_in(f) for path, f in bundles(out).items()}
    assert len({path for path, pages in held.items() if set(expected) & pages}) >= 2
    assert sorted(result_paths(page)) == expected
