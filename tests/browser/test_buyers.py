"""The buyers' tools in Chromium: the shortlist's toggles on cards and product pages, the
header's count, its persistence and shareable address; the comparison of 2-4 products
aligned by label with units normalised (a project in tmp_path: 200 W and 0.2 kW, 5 kg and
5000 g), differences marked in text, printed to one A4 landscape PDF page; the inquiry's
mailto: URL; axe and the keyboard on both languages' pages; no request leaves the origin; and
without JavaScript no toggle is seen."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from pypdf import PdfReader

from showroom.build import BuildOptions, build
from tests.browser.test_pages import AXE, WCAG_TAGS
from tests.conftest import BuiltSite
from tests.projects import new_project
from tools.browser.static_server import serve

SPECS = {
    "power-a": ("출력 측정기 A", "소비전력: 200 W\n  무게: 5 kg\n  길이: 1.2 m\n  색상: 회색"),
    "power-b": ("출력 측정기 B", "소비전력: 0.2 kW\n  무게: 5,000 g\n  길이: 120 cm\n  색상: 회색"),
    "power-c": ("출력 측정기 C", "소비전력: 250 W\n  무게: 4.5 ㎏\n  색상: 흰색"),
    "power-d": ("출력 측정기 D", "소비전력: 0.3 kW\n  무게: 6 kg\n  재질: 알루미늄"),
    "odd-one": ("스테인리스 벤치", "재질: 스테인리스\n  좌석 수: 3인용"),
}
DESIGNATED = """\
excellent_procurement:
  number: "2025-우수-0001"
  from: 2025-01-01
  until: 2028-12-31
"""


@pytest.fixture(scope="module")
def compare_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = new_project(tmp_path_factory.mktemp("buyers") / "site")
    for n, (slug, (name, specs)) in enumerate(SPECS.items()):
        extra = (
            f'model: "PM-{n}"\nunit: 대\nprice: {100000 + n * 5000}\n'
            f'procurement:\n  item_id: "2500000{n}"\nspecs:\n  {specs}\n'
        )
        if slug == "power-a":
            extra += DESIGNATED
        project.product(slug, name, company="acme" if n % 2 == 0 else "bobs", extra=extra)
    build(BuildOptions(config_file=project.config_file, date=dt.date(2026, 11, 28)))
    with serve(project.out) as url:
        yield url


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


def _count(page: Page) -> str:
    return page.locator(".shortlist-count").inner_text()


@dataclass(frozen=True)
class Row:
    cells: list[str]
    mark: str


def _rows(page: Page) -> dict[str, Row]:
    """Each body row of the comparison by its label: the cells' text and its mark."""
    page.wait_for_selector(".compare-table")
    found: dict[str, dict[str, str | list[str]]] = (
        page.evaluate("""() => Object.fromEntries([...document.querySelectorAll(
        '.compare-table tbody tr.compare-row')].map(tr => {
      const th = tr.querySelector('th[scope=row]');
      const label = th.firstChild.textContent.trim();
      return [label, {cells: [...tr.querySelectorAll('td')].map(td => td.innerText.trim()),
                      mark: th.querySelector('.compare-mark').innerText.trim()}];
    }))""")
    )
    return {k: Row(list(v["cells"]), str(v["mark"])) for k, v in found.items()}


def test_cards_and_product_pages_add_and_remove_the_count_follows_and_persists(
    page: Page, site_url: str
) -> None:
    page.goto(site_url)
    link = page.locator("[data-shortlist-link]")
    assert link.is_visible() and _count(page) == "0"
    assert page.locator(".shortlist-count").get_attribute("aria-live") == "polite"
    first = page.locator(".card button[data-shortlist]").first
    slug = first.get_attribute("data-shortlist")
    first.click()
    assert first.get_attribute("aria-pressed") == "true" and _count(page) == "1"
    page.goto(site_url + "products/led-tunnel-light/")
    toggle = page.locator(".product-header button[data-shortlist]")
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true" and _count(page) == "2"
    page.reload()
    assert _count(page) == "2" and toggle.get_attribute("aria-pressed") == "true"
    stored = page.evaluate("() => JSON.parse(localStorage.getItem('showroom-shortlist'))")
    assert stored == [slug, "led-tunnel-light"]
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "false" and _count(page) == "1"
    page.goto(site_url + "en/")  # the English pages share the list
    assert _count(page) == "1"
    card = page.locator(f'.card button[data-shortlist="{slug}"]')
    if card.count():
        assert card.first.get_attribute("aria-pressed") == "true"


def test_the_shareable_address_restores_the_list(page: Page, site_url: str) -> None:
    page.goto(site_url + "shortlist/?p=led-tunnel-light,ess-battery-cabinet,no-such-product")
    page.wait_for_selector(".shortlist-item")
    names = page.locator(".shortlist-item").evaluate_all("items => items.map(i => i.dataset.slug)")
    assert names == ["led-tunnel-light", "ess-battery-cabinet"]
    assert "no-such-product" in page.locator(".shortlist-status").inner_text()
    assert _count(page) == "3"  # what the address gave, the missing one named on the page
    compare = page.locator(".shortlist-compare")
    assert compare.is_visible()
    assert compare.get_attribute("href") == "/compare/?p=led-tunnel-light,ess-battery-cabinet"
    assert page.input_value(".shortlist-address").endswith(
        "/shortlist/?p=led-tunnel-light,ess-battery-cabinet,no-such-product"
    )


@pytest.mark.parametrize(
    "slugs",
    [("power-a", "power-b"), ("power-a", "power-b", "power-c"), tuple(list(SPECS)[:4])],
    ids=["2", "3", "4"],
)
def test_comparison_aligns_specs_by_label_and_normalises_units(
    page: Page, compare_site: str, slugs: tuple[str, ...]
) -> None:
    page.goto(compare_site + "compare/?p=" + ",".join(slugs))
    rows = _rows(page)
    heads = page.locator(".compare-table thead th[scope=col]").all_inner_texts()
    assert len(heads) == len(slugs) + 1
    for n, slug in enumerate(slugs):
        assert SPECS[slug][0] in heads[n + 1]
    power = rows["소비전력"].cells
    assert len(power) == len(slugs)
    assert power[0] == "200 W" and power[1].startswith("0.2 kW")
    assert "200 W" in power[1]  # the converted value beside the written one
    if len(slugs) == 2:  # 200 W = 0.2 kW, 5 kg = 5,000 g, 1.2 m = 120 cm: the same
        assert rows["소비전력"].mark == rows["무게"].mark == rows["길이"].mark == "= 같음"
        assert rows["색상"].mark == "= 같음"
        assert "5,000 g" in rows["무게"].cells[0]
    else:
        assert rows["소비전력"].mark == "≠ 다름" and rows["무게"].mark == "≠ 다름"
        assert "4,500 g" in rows["무게"].cells[2]  # ㎏ is kg
    assert rows["모델명"].mark == "≠ 다름"
    assert rows["물품식별번호"].cells[0] == "25000000"
    assert "2025-우수-0001" in rows["우수조달물품 지정"].cells[0]
    assert "지정 유효" in rows["우수조달물품 지정"].cells[0]
    assert rows["우수조달물품 지정"].cells[1] == "-"
    assert "혁신제품 지정" not in rows  # no product has a value: no row
    labels = list(rows)  # one row a label
    assert len(labels) == len(set(labels))
    differing = page.locator("tr.compare-row.differs .differs-mark").count()
    assert differing == sum(1 for r in rows.values() if r.mark == "≠ 다름") > 0


def test_products_with_no_spec_in_common_are_compared(page: Page, compare_site: str) -> None:
    page.goto(compare_site + "compare/?p=power-a,odd-one")
    rows = _rows(page)
    assert rows["소비전력"].cells == ["200 W", "-"]
    assert rows["재질"].cells == ["-", "스테인리스"]
    assert rows["좌석 수"].mark == "≠ 다름"


def test_one_product_asks_for_more(page: Page, compare_site: str) -> None:
    page.goto(compare_site + "compare/?p=power-a")
    page.wait_for_selector(".compare-table")
    assert "2개 이상" in page.locator(".compare-status").inner_text()


def test_the_comparison_prints_on_one_a4_landscape_page(page: Page, compare_site: str) -> None:
    page.goto(compare_site + "compare/?p=" + ",".join(list(SPECS)[:4]))
    page.wait_for_selector(".compare-table")
    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=False)))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    width, height = float(box.width), float(box.height)
    assert (round(width), round(height)) == (842, 595)  # A4 landscape in points
    text = reader.pages[0].extract_text()
    for slug in list(SPECS)[:4]:
        assert SPECS[slug][0].replace(" ", "") in text.replace(" ", "")


def test_a_product_is_removed_from_the_comparison_by_keyboard(
    page: Page, compare_site: str
) -> None:
    page.goto(compare_site + "compare/?p=power-a,power-b,power-c")
    page.wait_for_selector(".compare-table")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.classList.contains('compare-remove')"):
            break
    else:
        pytest.fail("no remove button reached by Tab")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelectorAll('.compare-remove').length === 2")
    assert urlsplit(page.url).query == "p=power-b,power-c"
    assert page.evaluate("() => document.activeElement.classList.contains('compare-remove')")
    assert "출력 측정기 A" in page.locator(".compare-status").inner_text()


def test_the_inquiry_is_a_mailto_url_with_the_korean_subject_and_body(
    page: Page, compare_site: str
) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(f"{r.method} {r.resource_type} {r.url}"))
    page.goto(compare_site + "shortlist/?p=power-a,power-c,power-b")
    page.wait_for_selector(".inquiry-company")
    page.fill("#buyer-organisation", "울산광역시 남구청")
    page.fill("#buyer-name", "김담당")
    page.fill("#buyer-phone", "052-226-0000")
    acme = page.locator('.inquiry-company[data-company="acme"] .inquiry-send')
    # The link is made again as the fields change and the records arrive: wait for it to
    # hold what was typed and both of the company's products.
    expect(acme).to_have_attribute("href", re.compile(re.escape(quote("052-226-0000"))))
    expect(acme).to_have_attribute("href", re.compile(re.escape(quote("제품 2개"))))
    href = acme.get_attribute("href") or ""
    parts = urlsplit(href)
    assert parts.scheme == "mailto" and parts.path == "sales1@example.kr"
    assert "%0D%0A" in parts.query and "\n" not in href and " " not in href
    query = parse_qs(parts.query, encoding="utf-8", errors="strict")
    subject, body = query["subject"][0], query["body"][0]
    assert subject == "[구매상담 문의] 울산광역시 남구청 - (주)테스트1 제품 2개"
    assert "출력 측정기 A" in body and "출력 측정기 C" in body and "출력 측정기 B" not in body
    assert "모델명: PM-0" in body and "물품식별번호: 25000002" in body
    assert "기관명: 울산광역시 남구청\r\n" in body and "담당자 이름: 김담당" in body
    bobs = page.locator('.inquiry-company[data-company="bobs"] .inquiry-send')
    assert "%EC%B6%9C%EB%A0%A5" in (bobs.get_attribute("href") or "")  # 출력 as UTF-8
    page.reload()  # the buyer's details stay in this browser
    expect(page.locator("#buyer-organisation")).to_have_value("울산광역시 남구청")
    origin = compare_site.rstrip("/")
    outside = [r for r in requests if not r.split(" ", 2)[2].startswith(origin)]
    assert outside == []
    assert all(r.startswith("GET ") for r in requests), requests
    fetched = [r for r in requests if " fetch " in r or " xhr " in r]
    assert fetched and all("/compare/products/" in r and r.endswith(".json") for r in fetched)


@pytest.mark.parametrize("prefix", ["", "en/"], ids=["ko", "en"])
@pytest.mark.parametrize("kind", ["shortlist", "compare"])
def test_axe_on_the_shortlist_and_comparison(
    browser: Browser, site_url: str, prefix: str, kind: str
) -> None:
    context = browser.new_context(locale="en-US" if prefix else "ko-KR")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{site_url}{prefix}{kind}/?p=led-tunnel-light,ess-battery-cabinet,public-wifi-ap")
    page.wait_for_selector(".compare-table" if kind == "compare" else ".inquiry-company")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async tags => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    context.close()
    violations = [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in result["violations"]]
    assert violations == [], json.dumps(violations, ensure_ascii=False)
    assert errors == []


def test_without_javascript_no_shortlist_button_is_seen(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for path in ("", "products/led-tunnel-light/", "en/", "shortlist/", "compare/?p=a,b"):
        page.goto(site_url + path)
        buttons = page.locator("button[data-shortlist]")
        assert all(not b.is_visible() for b in buttons.all()), path
        assert not page.locator("[data-shortlist-link]").is_visible(), path
    page.goto(site_url)
    assert page.locator(".card button[data-shortlist]").count() > 0  # there, hidden
    page.goto(site_url + "shortlist/")
    assert "자바스크립트" in page.locator("main").inner_text()
    context.close()


def test_search_results_get_the_toggle(page: Page, site_url: str) -> None:
    page.goto(site_url + "search/?q=LED")
    page.wait_for_selector(".results .card button[data-shortlist]")
    toggle = page.locator(".results .card button[data-shortlist]").first
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true" and _count(page) == "1"


@pytest.mark.parametrize("prefix", ["", "en/"], ids=["ko", "en"])
def test_the_four_fullest_sample_products_print_on_one_page(
    page: Page, site_url: str, sample: BuiltSite, prefix: str
) -> None:
    folder = sample.out / prefix / "compare" / "products"
    records = [json.loads(p.read_bytes()) for p in sorted(folder.iterdir())]
    records.sort(key=lambda r: -(len(r["specs"]) + len(r["certifications"]) + len(r["spec"]) // 40))
    fullest = [r["slug"] for r in records[:4]]
    page.goto(f"{site_url}{prefix}compare/?p={','.join(fullest)}")
    page.wait_for_selector(".compare-table")
    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    assert len(reader.pages) == 1, fullest
    text = re.sub(r"\s", "", reader.pages[0].extract_text())
    names = [re.sub(r"\s", "", r["name"]) for r in records[:4]]
    assert names and all(name in text for name in names), (names, text[:300])


def test_the_english_inquiry_is_in_english(page: Page, site_url: str) -> None:
    page.goto(site_url + "en/shortlist/?p=led-tunnel-light")
    page.wait_for_selector(".inquiry-company")
    page.fill("#buyer-organisation", "Ulsan City Hall")
    heading = page.locator(".inquiry-company h3").inner_text()
    assert heading == "Haeoreum Tech Co., Ltd. (1 product)"
    href = page.locator(".inquiry-send").get_attribute("href") or ""
    query = parse_qs(urlsplit(href).query)
    subject, body = query["subject"][0], query["body"][0]
    assert subject == "[Purchase inquiry] Ulsan City Hall - 1 product of Haeoreum Tech Co., Ltd."
    assert "Product Identification Number: 25077320\r\n" in body
    assert "/en/products/led-tunnel-light/" in body


def test_a_product_is_removed_from_the_shortlist_by_keyboard(page: Page, compare_site: str) -> None:
    page.goto(compare_site + "shortlist/?p=power-a,power-b,power-c")
    page.wait_for_selector(".shortlist-item")
    page.locator(".shortlist-item .shortlist-remove").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelectorAll('.shortlist-item').length === 2")
    assert _count(page) == "2" and urlsplit(page.url).query == "p=power-b,power-c"
    focused = page.evaluate("() => document.activeElement.textContent")
    assert "출력 측정기 B" in focused  # the next product's remove button
    page.keyboard.press("Shift+Tab")  # its compare box, checked: two chosen
    page.keyboard.press("Space")
    assert page.locator(".shortlist-compare").is_hidden()  # one chosen: nothing to compare
