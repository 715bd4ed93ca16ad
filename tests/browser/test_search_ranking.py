"""Ranking on a showroom made for it: a product whose name holds the query word comes before
products that only mention it in their descriptions, however often and however short."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from showroom.build import BuildOptions, build
from tests.browser.search_page import search
from tests.projects import new_project
from tools.browser.static_server import serve

MENTIONS = (
    "드론",  # once, in a short description
    "드론 촬영 자료를 받아 분석합니다. 드론 없이도 씁니다.",
    "드론, 드론, 드론: 드론 영상과 드론 사진을 드론 관제실로 보냅니다.",
)


@pytest.fixture(scope="module")
def ranked_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = new_project(tmp_path_factory.mktemp("ranking") / "site")
    named = project.product("coast-drone", "해안 감시 드론")
    text = named.read_text(encoding="utf-8")
    body = "해안선을 따라 날며 순찰하는 장비입니다. 야간 열화상 카메라를 달았습니다. " * 6
    text = text.replace("summary: 해안 감시 드론 요약입니다.", "summary: 해안 순찰 장비입니다.")
    named.write_text(text.replace("해안 감시 드론 설명 본문입니다.", body), encoding="utf-8")
    for number, mention in enumerate(MENTIONS, start=1):
        path = project.product(f"inspection-{number}", f"교량 점검 장비 {number}")
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(f"교량 점검 장비 {number} 설명 본문입니다.", mention))
    build(BuildOptions(config_file=project.config_file, date=dt.date(2026, 11, 28)))
    with serve(project.out) as url:
        yield url


def test_a_name_match_ranks_above_description_matches(browser: Browser, ranked_site: str) -> None:
    context = browser.new_context(locale="ko-KR")
    page = context.new_page()
    page.goto(ranked_site + "search/", wait_until="load")
    found = search(page, "드론")
    context.close()
    assert found[0] == "products/coast-drone/", found
    assert sorted(found[1:]) == [f"products/inspection-{n}/" for n in (1, 2, 3)]
