"""The search page and the hall filters in Chromium, as a buyer uses them: a shareable URL,
typing, the keyboard, facets with counts, sorting, hall pages without a reload, no script,
requests only to the site, a sub-path, and content that must never run."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from showroom.build import BuildOptions, build, check
from showroom.site.structure import Site
from tests.browser.search_page import result_paths, search, settle, status
from tests.browser.test_pages import AXE, FOCUS_STYLE, WCAG_TAGS
from tests.conftest import ROOT, SAMPLE_DATE
from tests.projects import new_project
from tools.browser.static_server import serve

WIDTHS = (360, 1280)


@pytest.fixture(scope="module")
def site() -> Site:
    return check(BuildOptions(config_file=ROOT / "showroom.yml", date=SAMPLE_DATE)).site


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


def open_filters(page: Page) -> None:
    details = page.locator("details.filters")
    if not details.evaluate("d => d.open"):
        details.locator("summary").click()


def test_a_shared_url_runs_its_search(page: Page, site_url: str) -> None:
    page.goto(site_url + "search/?q=" + quote("드론을"))
    settle(page, {"q": "드론을"})
    assert page.locator("#search-q").input_value() == "드론을"
    assert result_paths(page) == ["products/bridge-inspection-drone/"]
    assert status(page) == "‘드론을’ 검색 결과 1건"
    card = page.locator(".results .card").first
    assert card.locator(".card-company").text_content() == "(주)태화강로보틱스"
    assert card.locator(".card-model").text_content() == "모델명 TH-DR450"
    assert card.locator(".badge").all_text_contents() == ["혁신제품"]
    image = card.locator("img")
    image.scroll_into_view_if_needed()
    page.wait_for_function("i => i.complete && i.naturalWidth > 0", arg=image.element_handle())
    assert image.get_attribute("alt")


def test_typing_searches_and_updates_the_url(page: Page, site_url: str) -> None:
    page.goto(site_url + "search/")
    settle(page)
    assert status(page).startswith("검색어를 입력하거나")
    page.locator("#search-q").click()
    page.keyboard.type("가로등", delay=30)
    settle(page, {"q": "가로등"})
    assert urlsplit(page.url).query == "q=" + quote("가로등")
    assert {"products/smart-led-streetlight/", "products/solar-led-security-light/"} <= set(
        result_paths(page)
    )


@pytest.mark.parametrize("query", ["드론", "LED", "처용아이씨티"])
def test_on_a_phone_the_first_result_is_on_the_first_screen(
    browser: Browser, site_url: str, query: str
) -> None:
    """At 360 x 780, once a query is shown (typed, or from a shared address), the first
    result's card is whole on the first screen, without scrolling."""
    context = browser.new_context(
        viewport={"width": 360, "height": 780}, is_mobile=True, has_touch=True, locale="ko-KR"
    )
    try:
        phone = context.new_page()
        phone.goto(site_url + "search/?q=" + quote(query), wait_until="load")
        settle(phone, {"q": query})
        card = phone.locator(".results .card").first.bounding_box()
        assert card is not None
        assert phone.evaluate("window.scrollY") == 0
        assert card["y"] >= 0 and card["y"] + card["height"] <= 780, card
        assert phone.locator("#search-q").is_visible()
        assert phone.get_by_label("검색어").count() == 1  # the box keeps its (hidden) label
    finally:
        context.close()


@pytest.mark.parametrize("where", ["search/?q=%EB%93%9C%EB%A1%A0&", "halls/ict/?"])
def test_an_unknown_filter_value_in_the_address_is_named_and_can_be_cleared(
    page: Page, site_url: str, where: str
) -> None:
    """A filter value no box offers (a stale or mistyped link) is not silently dropped: the
    page names it, does not apply it, and clears it on request."""
    page.goto(site_url + where + "district=" + quote("없는구") + "&district=" + quote("남구"))
    note = page.locator(".filters-unknown")
    note.wait_for(state="visible")
    assert "‘없는구’" in (note.text_content() or "") and "남구" not in (note.text_content() or "")
    assert page.locator("input[type=checkbox][value='남구']").first.is_checked()
    note.get_by_role("button").click()
    note.wait_for(state="hidden")
    query = urlsplit(page.url).query
    assert "%EC%97%86" not in query and quote("남구") in query  # 없는구 gone, 남구 kept


@pytest.mark.parametrize(
    ("query", "left"),
    [
        ("드론 쓰는 제품", ["‘쓰는’", "‘제품’"]),  # stop words
        ("교량 점검 드론 세탁기", ["‘세탁기’"]),  # most of the words: all but one
        ("학교용 사물함", ["‘-용’"]),  # a narrowing ending
    ],
)
def test_a_query_that_finds_nothing_is_widened_and_says_what_it_left_out(
    page: Page, site_url: str, query: str, left: list[str]
) -> None:
    page.goto(site_url + "search/", wait_until="load")
    found = search(page, query)
    assert found, query
    note = page.locator(".search-widened")
    assert note.is_visible()
    text = note.text_content() or ""
    assert all(word in text for word in left) and "없이 찾은 결과" in text, text


@pytest.mark.parametrize("query", ["드론", "드론 세탁기"])
def test_a_query_is_not_widened_when_it_finds_something_or_has_two_words(
    page: Page, site_url: str, query: str
) -> None:
    """Never widened when the query as typed has results; of two words, both must match
    (dropping one would not leave most of them)."""
    page.goto(site_url + "search/", wait_until="load")
    found = search(page, query)
    assert bool(found) == (query == "드론")
    assert page.locator(".search-widened").is_hidden()


@pytest.mark.parametrize("query", ["조명", "안전", "도료", "밸브", "필름", "LED"])
def test_for_product_words_products_rank_above_company_cards(
    page: Page, site_url: str, query: str
) -> None:
    page.goto(site_url + "search/", wait_until="load")
    found = search(page, query)[:5]  # what a buyer sees first
    kinds = ["company" if path.startswith("companies/") else "product" for path in found]
    assert "product" in kinds and kinds == sorted(kinds, reverse=True), found  # products first


@pytest.mark.parametrize(
    ("query", "product", "twin"),
    [
        ("무인 비행기", "bridge-inspection-drone", "드론"),  # a phrase of a group
        ("로보트", "collaborative-robot-arm", "로봇"),  # a loanword's other spelling
        ("씨씨티비", "ai-cctv-analytics", "CCTV"),  # an abbreviation spelled out
        ("두꺼비집", "smart-distribution-panel", "분전반"),  # one way: everyday → official
    ],
)
def test_a_synonym_finds_what_its_group_finds(
    page: Page, site_url: str, query: str, product: str, twin: str
) -> None:
    """content/search/synonyms.yml at work on the built sample: the query finds the product
    first, as the word the product's page holds does, without widening."""
    page.goto(site_url + "search/", wait_until="load")
    found = search(page, query)
    assert found[:1] == [f"products/{product}/"], found
    assert page.locator(".search-widened").is_hidden()
    assert f"products/{product}/" in search(page, twin)[:5]


def test_one_way_synonyms_do_not_find_back(page: Page, site_url: str) -> None:
    """냄새 finds the odour reducer (악취) and the paint that smells little (냄새); 악취 does
    not find the paint."""
    page.goto(site_url + "search/", wait_until="load")
    smell = search(page, "냄새")
    assert {"products/sewer-odor-reducer/", "products/low-voc-water-paint/"} <= set(smell)
    odour = search(page, "악취")
    assert "products/sewer-odor-reducer/" in odour
    assert "products/low-voc-water-paint/" not in odour


def test_nothing_found_says_so(page: Page, site_url: str) -> None:
    page.goto(site_url + "search/")
    assert search(page, "세탁기") == []
    assert status(page).startswith("‘세탁기’에 맞는 결과가 없습니다")


def test_the_keyboard_alone_finds_and_opens_a_product(browser: Browser, site_url: str) -> None:
    # Reduced motion: focus scrolls the page at once (smooth scrolling would still be moving
    # when the focused element is measured).
    context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    page = context.new_page()
    page.goto(site_url + "search/")
    settle(page)
    for _ in range(30):  # from the top of the page to the search box
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "search-q":
            break
    else:
        pytest.fail("Tab never reached the search box")
    page.keyboard.type("HO-LS200")
    page.keyboard.press("Enter")
    settle(page, {"q": "HO-LS200"})
    reached = []
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_STYLE)
        assert focused is not None and focused["visible"], focused
        # A card's link shows its focus on the whole card (:focus-within), as in the halls.
        card_outline = page.evaluate(
            "() => { const c = document.activeElement.closest('.card-inner');"
            " return !!c && getComputedStyle(c).outlineStyle !== 'none'; }"
        )
        assert focused["outline"] or focused["shadow"] or card_outline, focused
        reached.append(focused["tag"])
        if focused["href"].endswith("/products/smart-led-streetlight/"):
            break
    else:
        pytest.fail(f"Tab never reached the result: {reached}")
    assert "INPUT" in reached  # the filters' checkboxes and the sort on the way
    page.keyboard.press("Enter")
    page.wait_for_url("**/products/smart-led-streetlight/")
    context.close()


def test_facets_filter_and_count(page: Page, site_url: str, site: Site) -> None:
    page.goto(site_url + "search/?q=" + quote("스마트"))
    settle(page, {"q": "스마트"})
    everything = result_paths(page)
    open_filters(page)

    def counts(facet: str) -> dict[str, int]:
        found = {}
        for item in page.locator(f"fieldset[data-facet={facet}] li:not([hidden])").all():
            value = item.locator("input").get_attribute("value") or ""
            found[value] = int(item.locator(".facet-count").text_content() or "0")
        return found

    category = {c.slug: c.name for c in site.categories}
    expected: dict[str, int] = {}
    for path in everything:
        if path.startswith("products/"):
            product = next(p for p in site.products if path == f"products/{p.slug}/")
            name = category[product.category]
            expected[name] = expected.get(name, 0) + 1
    assert counts("category") == expected
    chosen = max(expected, key=lambda name: expected[name])
    page.locator(f"fieldset[data-facet=category] input[value='{chosen}']").check()
    settle(page, {"q": "스마트", "category": chosen})
    filtered = result_paths(page)
    assert len(filtered) == expected[chosen]
    for path in filtered:
        product = next(p for p in site.products if path == f"products/{p.slug}/")
        assert category[product.category] == chosen
    # The other values of the chosen facet keep their counts (so a second can be added).
    assert counts("category") == expected
    assert page.locator(".filters-selected").text_content() == "(1개 선택)"
    page.locator(".filters-clear").click()
    settle(page, {"q": "스마트"})
    assert result_paths(page) == everything


def test_sort_by_name_and_by_newest(page: Page, site_url: str, site: Site) -> None:
    kind = quote("제품")
    page.goto(f"{site_url}search/?kind={kind}&sort=name")
    settle(page, {"kind": "제품", "sort": "name"})
    names = page.locator(".results .card-title").all_text_contents()
    assert len(names) == 20  # a page of results, then "더 보기"
    assert names == sorted(names)
    more = page.locator(".search-more")
    assert more.text_content() == f"결과 더 보기 (20/{len(site.products)})"
    more.click()
    page.wait_for_function("document.querySelectorAll('.results .card').length > 20")
    assert page.evaluate("document.activeElement.closest('.card') !== null")
    page.select_option("#search-sort", "newest")
    settle(page, {"kind": "제품", "sort": "newest"})
    dates = {f"products/{p.slug}/": p.date for p in site.products}
    shown = [dates[path] for path in result_paths(page)]
    assert shown == sorted(shown, reverse=True)
    assert shown[0] == max(dates.values())


def hall_and_district(site: Site) -> tuple[str, str, list[str]]:
    """A product-group hall with several pages' worth or more districts, one district, and
    the hall's products there."""
    hall = max(site.category_halls, key=lambda h: len(h.products))
    by_district: dict[str, list[str]] = {}
    for product in hall.products:
        district = site.company_by_slug[product.company].district
        by_district.setdefault(district, []).append(f"products/{product.slug}/")
    district = max(by_district, key=lambda d: len(by_district[d]))
    return hall.path, district, by_district[district]


def test_hall_filters_work_without_a_reload(page: Page, site_url: str, site: Site) -> None:
    path, district, expected = hall_and_district(site)
    page.goto(site_url + path)
    settle(page)
    static = result_paths_static(page)
    page.evaluate("window.notReloaded = true")
    open_filters(page)
    page.locator(f"fieldset[data-facet=district] input[value='{district}']").check()
    settle(page, {"district": district})
    assert page.evaluate("window.notReloaded === true")
    assert urlsplit(page.url).query == "district=" + quote(district)
    assert sorted(result_paths(page)) == sorted(expected)
    assert page.locator(".hall-static").is_hidden()
    assert status(page) == f"조건에 맞는 제품 {len(expected)}개"
    page.select_option("#hall-sort", "name")
    settle(page, {"district": district, "sort": "name"})
    names = page.locator(".results .card-title").all_text_contents()
    assert names == sorted(names)
    page.locator(".filters-clear").click()
    page.select_option("#hall-sort", "newest")
    settle(page)
    assert page.locator(".hall-static").is_visible()
    assert result_paths_static(page) == static
    assert page.evaluate("window.notReloaded === true")


def result_paths_static(page: Page) -> list[str]:
    hrefs = page.eval_on_selector_all(
        ".hall-static .card-title a", "links => links.map(a => a.getAttribute('href'))"
    )
    return [str(h).lstrip("/") for h in hrefs]


def test_a_special_hall_filters_its_own_products(page: Page, site_url: str, site: Site) -> None:
    hall = site.innovation_hall
    page.goto(site_url + hall.path + "?sort=name")
    settle(page, {"sort": "name"})
    assert status(page) == f"조건에 맞는 제품 {len(hall.products)}개"
    while page.locator(".search-more").is_visible():  # pages of per_page results
        shown = page.locator(".results .card").count()
        page.locator(".search-more").click()
        page.wait_for_function(f"document.querySelectorAll('.results .card').length > {shown}")
    assert sorted(result_paths(page)) == sorted(f"products/{p.slug}/" for p in hall.products)
    names = page.locator(".results .card-title").all_text_contents()
    assert names == sorted(names)


def test_without_javascript(browser: Browser, site_url: str, site: Site) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})
    page = context.new_page()
    paged = next(h for h in site.halls if len(h.products) > site.config.per_page)
    page.goto(site_url + paged.path + "page/2/")
    assert page.locator(".hall-filters").is_hidden()
    assert page.locator(".hall-static .card").count() > 0
    assert page.locator("nav.pagination a[aria-current=page]").text_content() == "2"
    page.goto(site_url + "search/?q=" + quote("드론"))
    notice = page.locator(".search-nojs")
    assert notice.is_visible() and "JavaScript" in (notice.text_content() or "")
    links = notice.locator("a")
    assert links.count() == len(site.halls) + 1
    links.first.click()
    page.wait_for_url("**" + site.halls[0].path)
    context.close()


def test_search_and_filters_ask_only_the_site(browser: Browser, site_url: str, site: Site) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + "search/?q=LED")
    settle(page, {"q": "LED"})
    search(page, "울산")
    open_filters(page)
    page.locator("fieldset[data-facet=district] input").first.check()
    page.wait_for_function(
        "document.querySelector('.results').getAttribute('aria-busy') === 'false'"
    )
    path, district, _ = hall_and_district(site)
    page.goto(site_url + path + "?district=" + quote(district))
    settle(page, {"district": district})
    context.close()
    origin = f"{urlsplit(site_url).scheme}://{urlsplit(site_url).netloc}/"
    assert any("/pagefind/" in url for url in requests)
    assert [url for url in requests if not url.startswith(origin)] == []


def test_search_under_a_sub_path(page: Page, sub_path_url: str) -> None:
    page.goto(sub_path_url + "search/?q=" + quote("드론"))
    settle(page, {"q": "드론"})
    assert result_paths(page, "/showroom/") == ["products/bridge-inspection-drone/"]
    image = page.locator(".results img").first
    image.scroll_into_view_if_needed()
    page.wait_for_function("i => i.complete && i.naturalWidth > 0", arg=image.element_handle())
    page.locator(".results .card-title a").first.click()
    page.wait_for_url("**/showroom/products/bridge-inspection-drone/")


@pytest.mark.parametrize("width", WIDTHS, ids=[f"{w}px" for w in WIDTHS])
@pytest.mark.parametrize("where", ["search", "hall"])
def test_open_filters_pass_axe_and_fit_the_screen(
    browser: Browser, site_url: str, site: Site, width: int, where: str
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="ko-KR")
    page = context.new_page()
    if where == "search":
        page.goto(site_url + "search/?q=" + quote("스마트") + "&district=" + quote("남구"))
        settle(page, {"q": "스마트", "district": "남구"})
    else:
        path, district, _ = hall_and_district(site)
        page.goto(site_url + path + "?district=" + quote(district))
        settle(page, {"district": district})
    open_filters(page)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async tags => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    assert [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in result["violations"]] == []
    context.close()


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A tiny showroom whose product texts try to run script."""
    project = new_project(tmp_path_factory.mktemp("hostile") / "site")
    name = '"<img src=x onerror=\\"window.pwned=1\\"> 해킹 드론"'
    summary = '"<script>window.pwned=2</script> 요약"'
    text = (project.root / "content/products/lathe/index.md").read_text(encoding="utf-8")
    text = text.replace("name: 소형 선반", f"name: {name}").replace(
        "summary: 소형 선반 요약입니다.", f"summary: {summary}"
    )
    (project.root / "content/products/lathe/index.md").write_text(text, encoding="utf-8")
    build(BuildOptions(config_file=project.config_file, date=dt.date(2026, 11, 28)))
    with serve(project.out) as url:
        yield url


def test_results_show_content_as_text(page: Page, hostile_site: str) -> None:
    page.goto(hostile_site + "search/?q=" + quote("해킹"))
    settle(page, {"q": "해킹"})
    title = page.locator(".results .card-title")
    assert title.text_content() == '<img src=x onerror="window.pwned=1"> 해킹 드론'
    assert page.locator(".results .card-summary").text_content() == (
        "<script>window.pwned=2</script> 요약"
    )
    assert page.locator(".results .card-title img, .results script").count() == 0
    page.wait_for_timeout(300)
    assert page.evaluate("window.pwned === undefined")


def test_the_search_page_is_what_the_screenshot_shows(page: Page, site_url: str) -> None:
    """Guards the layout seen in the screenshots: results beside the filters on a desktop."""
    page.goto(site_url + "search/?q=" + quote("LED 조명"))
    settle(page, {"q": "LED 조명"})
    open_filters(page)
    filters = page.locator("details.filters").bounding_box()
    results = page.locator(".search-results").bounding_box()
    assert filters is not None and results is not None
    assert filters["x"] + filters["width"] <= results["x"]  # side by side
    assert abs(filters["y"] - results["y"]) < 40
