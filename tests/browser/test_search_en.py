"""The search of the pages in English (/en/search/ and the English hall pages) in Chromium, on
the built sample: Pagefind's English index (the page's <html lang>), English words found by
their stems and in any case, a Korean query still read as Korean, English filter labels, and
results that link to the English pages."""

from __future__ import annotations

import json
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import BrowserContext, Page

from showroom.build import BuildOptions, check
from showroom.site.structure import Site
from showroom.theme.folders import theme_for
from showroom.theme.strings import Strings, load_strings
from tests.browser.search_page import result_paths, search, settle, status, suggestions
from tests.browser.test_pages import AXE, WCAG_TAGS
from tests.conftest import ROOT, SAMPLE_DATE


@pytest.fixture(scope="module")
def english() -> tuple[Site, Strings]:
    """The sample's site in English (its localised content) and the English strings."""
    from showroom.content.in_language import LocalisedObjects, content_in
    from showroom.problems import Problems
    from showroom.site.structure import build_site

    checked = check(BuildOptions(config_file=ROOT / "showroom.yml", date=SAMPLE_DATE))
    config = checked.config.in_language("en")
    content = content_in(checked.content, "en", "ko", LocalisedObjects())
    site = build_site(config, content, SAMPLE_DATE, Problems())
    return site, load_strings(theme_for(config).strings_files("en"), config.city)


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


def english_search(page: Page, site_url: str, query: str) -> list[str]:
    page.goto(site_url + "en/search/?q=" + quote(query))
    settle(page, {"q": query})
    return result_paths(page)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("steriliser", "en/products/library-book-sterilizer/"),  # a word of a name
        ("valves", "en/products/precision-hydraulic-valve/"),  # a plural, stemmed: Valve
        ("HELMETS", "en/products/smart-safety-helmet/"),  # any case
        ("streetlights dimming", "en/products/smart-led-streetlight/"),
        ("recycling", "en/products/permeable-block/"),  # Recycled, stemmed alike
        ("coil voltage", "en/products/precision-hydraulic-valve/"),  # a spec label
        ("acrylic", "en/products/aed-cabinet/"),  # a spec value
        ("Haeoreum", "en/companies/haeoreum-tech/"),  # a company's English name
        ("defibrillators", "en/products/aed-cabinet/"),  # a keyword, plural
        ("street lights", "en/products/smart-led-streetlight/"),  # a synonym group's phrase
        ("가로등", "en/products/smart-led-streetlight/"),  # its group's Korean word
    ],
)
def test_english_words_find_the_english_pages(
    page: Page, site_url: str, query: str, expected: str
) -> None:
    found = english_search(page, site_url, query)
    assert expected in found[:3], found
    assert all(path.startswith("en/") for path in found)
    many = f"{len(found)} results for “{query}”"
    assert status(page) == (f"1 result for “{query}”" if len(found) == 1 else many)


def test_a_company_is_found_by_its_english_name(page: Page, site_url: str) -> None:
    found = english_search(page, site_url, "Haeoreum Tech")
    assert "en/companies/haeoreum-tech/" in found
    card = page.locator(".results .card").filter(has_text="Haeoreum Tech Co., Ltd.").first
    assert card.is_visible()


def test_results_link_to_the_english_pages(page: Page, site_url: str) -> None:
    english_search(page, site_url, "smart")
    hrefs = page.eval_on_selector_all(
        ".results .card-title a", "links => links.map(a => a.getAttribute('href'))"
    )
    assert len(hrefs) >= 3
    assert all(str(h).startswith("/en/") for h in hrefs)
    page.locator(".results .card-title a").first.click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path.startswith("/en/products/")
    assert page.locator("html").get_attribute("lang") == "en"


def test_the_english_index_is_loaded_not_the_korean_one(page: Page, site_url: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(urlsplit(request.url).path))
    english_search(page, site_url, "helmet")
    bundle = [path for path in requested if path.startswith("/pagefind/")]
    assert any(p.startswith("/pagefind/index/en_") for p in bundle), bundle
    assert not any("/ko_" in p for p in bundle), bundle
    assert "/pagefind/wasm.en.pagefind" in bundle


def test_a_korean_query_finds_what_is_shown_in_korean(page: Page, site_url: str) -> None:
    # bridge-inspection-drone is not translated: its English page shows its Korean text.
    found = english_search(page, site_url, "드론을")  # the particle is stripped, as in Korean
    assert found[:1] == ["en/products/bridge-inspection-drone/"]


@pytest.mark.parametrize("query", ["rkfhemd", "ㄱㄹㄷ"])  # 가로등: other layout, 초성
def test_no_korean_typing_suggestions_on_english_queries(
    page: Page, site_url: str, query: str
) -> None:
    page.goto(site_url + "en/search/")
    config = json.loads(page.locator("#search-config").text_content() or "")
    assert config["rules"]["stem"] is True and config["fuzzy"]["rules"]["typosOnly"] is True
    assert english_search(page, site_url, query) == []
    assert suggestions(page) == []


@pytest.mark.parametrize(
    ("query", "suggested", "product"),
    [
        ("helmt", "helmet", "en/products/smart-safety-helmet/"),  # a letter missing
        ("hydarulic", "hydraulic", "en/products/precision-hydraulic-valve/"),  # two swapped
        ("gaeway", "gateway", "en/products/industrial-iot-gateway/"),
    ],
)
def test_one_typo_in_an_english_word_is_suggested(
    page: Page, site_url: str, query: str, suggested: str, product: str
) -> None:
    found = english_search(page, site_url, query)
    assert product in found[:3]
    assert suggestions(page)[:1] == [suggested]
    assert (page.locator(".search-suggest").text_content() or "").startswith("Nothing matched")


def test_a_query_with_stop_words_is_widened(page: Page, site_url: str) -> None:
    found = english_search(page, site_url, "helmets supplier")  # no page says "supplier"
    assert found[:1] == ["en/products/smart-safety-helmet/"]
    assert page.locator(".search-widened").is_visible()
    assert "supplier" in (page.locator(".search-widened").text_content() or "")


def test_the_filter_labels_are_english(
    page: Page, site_url: str, english: tuple[Site, Strings]
) -> None:
    site, strings = english
    page.goto(site_url + "en/search/")
    settle(page)
    legends = page.locator("fieldset[data-facet] legend").all_text_contents()
    keys = page.eval_on_selector_all("fieldset[data-facet]", "f => f.map(x => x.dataset.facet)")
    assert [legend.strip() for legend in legends] == [strings[f"facet_{k}"] for k in keys]
    halls = page.locator("fieldset[data-facet=hall] input").evaluate_all(
        "boxes => boxes.map(b => b.value)"
    )
    assert halls == [strings["hall_excellent"], strings["hall_innovation"]]
    categories = page.locator("fieldset[data-facet=category] input").evaluate_all(
        "boxes => boxes.map(b => b.value)"
    )
    assert sorted(categories) == sorted(c.name for c in site.categories if c.name)
    assert "Machinery & Metals" in categories
    districts = page.locator("fieldset[data-facet=district] input").evaluate_all(
        "boxes => boxes.map(b => b.value)"
    )
    assert districts == [strings.term(d) for d in site.config.districts] and "Nam-gu" in districts
    certifications = page.locator("fieldset[data-facet=certification] input").evaluate_all(
        "boxes => boxes.map(b => b.value)"
    )
    assert "Patent" in certifications and "특허" not in certifications
    page.locator("fieldset[data-facet=hall] input").nth(1).check()  # Innovative Products
    settle(page, {"hall": strings["hall_innovation"]})
    found = result_paths(page)
    expected = sorted(f"en/products/{p.slug}/" for p in site.innovation_hall.products)
    assert found and set(found) <= set(expected)
    assert status(page) == f"{len(expected)} results match the conditions"


def test_an_english_hall_page_filters_its_products(
    page: Page, site_url: str, english: tuple[Site, Strings]
) -> None:
    site, strings = english
    hall = max(site.category_halls, key=lambda h: len(h.products))
    assert hall.products
    by_district: dict[str, list[str]] = {}
    for product in hall.products:  # as the English pages name it (남구 → Nam-gu)
        district = strings.term(site.company_by_slug[product.company].district)
        by_district.setdefault(district, []).append(f"en/products/{product.slug}/")
    district = max(by_district, key=lambda d: len(by_district[d]))
    requested: list[str] = []
    page.on("request", lambda request: requested.append(urlsplit(request.url).path))
    page.goto(site_url + "en/" + hall.path)
    settle(page)
    details = page.locator("details.filters")
    if details.count() and not details.evaluate("d => d.open"):
        details.locator("summary").click()
    page.locator(f"fieldset[data-facet=district] input[value='{district}']").check()
    settle(page, {"district": district})
    assert sorted(result_paths(page)) == sorted(by_district[district])
    assert status(page) == strings["hall_filter_status"].format(count=len(by_district[district]))
    legends = page.locator("fieldset[data-facet] legend").all_text_contents()
    assert strings["facet_district"] in [legend.strip() for legend in legends]
    assert district.isascii()  # an official English name (the theme's terms/en.yml)
    bundle = [path for path in requested if path.startswith("/pagefind/")]
    assert any(p.startswith("/pagefind/index/en_") for p in bundle), bundle
    assert not any("/ko_" in p for p in bundle), bundle


def test_the_korean_search_is_unchanged(page: Page, site_url: str) -> None:
    page.goto(site_url + "search/")
    found = search(page, "valves")  # English words are not stemmed on the Korean pages
    assert all(not path.startswith("en/") for path in found)
    assert search(page, "드론을") == ["products/bridge-inspection-drone/"]


@pytest.mark.parametrize("path", ["en/search/?q=helmet", "en/halls/ict/?district=Nam-gu"])
def test_the_english_search_ui_passes_axe(page: Page, site_url: str, path: str) -> None:
    page.goto(site_url + path)
    page.wait_for_function(
        "() => document.querySelector('.results')?.getAttribute('aria-busy') === 'false'"
    )
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async tags => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    assert [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in result["violations"]] == []


def test_the_english_search_under_a_sub_path(context: BrowserContext, sub_path_url: str) -> None:
    page = context.new_page()
    page.goto(sub_path_url + "en/search/?q=valves")
    settle(page, {"q": "valves"})
    assert result_paths(page, "/showroom/")[:1] == ["en/products/precision-hydraulic-valve/"]
    image = page.locator(".results .card img").first
    image.scroll_into_view_if_needed()
    page.wait_for_function("i => i.complete && i.naturalWidth > 0", arg=image.element_handle())
