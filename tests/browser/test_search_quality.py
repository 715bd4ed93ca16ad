"""The query set (tests/search_queries.yml): every query typed into the search page of the
built sample in Chromium must find its products in the first five results, or nothing."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, Page

from tests.browser.search_page import search

QUERIES = Path(__file__).resolve().parent.parent / "search_queries.yml"
TOP = 5


@dataclass(frozen=True)
class Case:
    query: str
    find: tuple[str, ...]
    nothing: bool
    why: str


def load_cases() -> list[Case]:
    data = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    return [
        Case(str(d["query"]), tuple(d.get("find", ())), bool(d.get("nothing")), d["why"])
        for d in data
    ]


CASES = load_cases()


def test_the_query_set_is_big_and_varied() -> None:
    assert len(CASES) >= 150
    kinds = Counter(case.why for case in CASES)
    for why in (
        *("compound", "particle", "company", "model", "number", "words", "none"),
        *("product", "certification", "designation", "district", "intent", "widening"),
        *("chosung", "keyboard", "typo"),
    ):
        assert kinds[why] >= 3, why
    for case in CASES:
        assert case.nothing != bool(case.find), case
    assert len({case.query for case in CASES}) == len(CASES)


@pytest.fixture(scope="module")
def search_page(browser: Browser, site_url: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ko-KR")
    page = context.new_page()
    page.goto(site_url + "search/", wait_until="load")
    yield page
    context.close()


def test_every_query_finds_its_products_in_the_top_five(
    search_page: Page, capsys: pytest.CaptureFixture[str]
) -> None:
    misses: list[str] = []
    by_kind: dict[str, list[bool]] = {}
    for case in CASES:
        found = search(search_page, case.query)
        if case.nothing:
            hit = found == []
            wanted = "nothing"
        else:
            hit = set(case.find) <= set(found[:TOP])
            wanted = ", ".join(case.find)
        by_kind.setdefault(case.why, []).append(hit)
        if not hit:
            misses.append(f"{case.query!r} ({case.why}): wanted {wanted}; got {found[:TOP]}")
    hits = sum(sum(v) for v in by_kind.values())
    detail = ", ".join(f"{why} {sum(v)}/{len(v)}" for why, v in by_kind.items())
    with capsys.disabled():
        print(
            f"\nsearch quality: {hits}/{len(CASES)} queries hit ({100 * hits / len(CASES):.1f}%)"
            f" in the top {TOP}; {detail}"
        )
        for miss in misses:
            print(f"  miss: {miss}")
    assert misses == []
