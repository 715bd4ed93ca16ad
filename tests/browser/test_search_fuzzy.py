"""초성, wrong-keyboard-layout and typo queries on the search page of the built sample, in
Chromium: each finds its product through a suggestion the page names ("이것을 찾으셨나요?"),
nonsense still finds nothing, and the vocabulary is fetched only when a query needs it. Also:
the script's conversions (static/js/search-fuzzy.js) are showroom/search/fuzzy.py's."""

from __future__ import annotations

import itertools
import random
import re
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from showroom.build import BuildOptions, check
from showroom.search import fuzzy
from tests.browser.search_page import result_paths, search, settle, suggestions
from tests.conftest import ROOT, SAMPLE_DATE

STREETLIGHT = "products/smart-led-streetlight/"


@pytest.fixture
def page(context: BrowserContext, site_url: str) -> Page:
    page = context.new_page()
    page.goto(site_url + "search/", wait_until="load")
    return page


@pytest.mark.parametrize(
    ("query", "product", "suggested"),
    [
        ("ㄱㄹㄷ", STREETLIGHT, "가로등"),  # 초성
        ("ㅇㅈㅁ", "products/smart-safety-helmet/", "안전모"),
        ("ㅅㅁㅌㄱㄹㄷ", STREETLIGHT, "스마트 led 가로등"),  # over several words of a name
        ("ㅊㅇㅇㅇㅆㅌ", "companies/cheoyong-ict/", "처용아이씨티"),  # a company
        ("rkfhemd", STREETLIGHT, "가로등"),  # Korean typed with the English layout
        ("rkfhemddmf", STREETLIGHT, "가로등"),  # … with a particle (가로등을)
        ("ㅊㅊㅅㅍ", "products/ai-cctv-analytics/", "cctv"),  # English with the Korean layout
        ("ㅗㅐ-ㅣㄴ200", STREETLIGHT, "ho-ls200"),  # a model number so
        ("가로듬", STREETLIGHT, "가로등"),  # one key wrong
        ("보도블룩", "products/permeable-block/", "보도블록"),
        ("제설재", "products/snow-melting-agent/", "제설제"),
        ("스마트 가로듬", STREETLIGHT, "스마트 가로등"),  # a word found stays
        ("심젖이", "products/aed-cabinet/", "심정지"),  # 심정지 with two keys swapped
        ("저륮", "products/rainwater-harvesting-tank/", "저류조"),  # its last key missing
        ("팿", "products/low-voc-water-paint/", "voc"),  # English as one whole syllable
        ("ㅈㅎㅊㄷ", "products/led-tunnel-light/", "지하차도"),  # 도 is no ending here
        ("ㄱㄹㄷ 업체", STREETLIGHT, "가로등"),  # a stop word left out
    ],
)
def test_a_query_the_index_cannot_answer_is_answered_by_a_suggestion(
    page: Page, query: str, product: str, suggested: str
) -> None:
    found = search(page, query)
    assert product in found[:5]
    assert suggestions(page)[0] == suggested
    note = page.locator(".search-suggest").text_content() or ""
    assert note.startswith(f"‘{query}’(으)로는 찾은 것이 없어")
    assert "이것을 찾으셨나요?" in note


def test_a_suggestion_links_its_query(page: Page) -> None:
    search(page, "ㄱㄹㄷ")
    page.locator(".search-suggest a").first.click()
    settle(page, {"q": "가로등"})
    assert STREETLIGHT in result_paths(page)
    assert page.locator(".search-suggest").is_hidden()  # 가로등 is found as typed


NONSENSE = [
    "세탁기",
    "피아노",
    "운동화",
    "zzqx",
    "XY-9999",
    "qwxzv",
    "뷁쀍",
    "반지",  # one key from 방지: two syllables are not corrected
    "우산",  # … from 울산
    "ㅋㅋㅋ",  # a run of one consonant is no 초성 query
    "ㅎㅎ",
    "ㅇㅋ",  # chat (okay)
    "ㄱㄱ",
    "ㅁㄴㅇㄹ",  # asdf in the Korean layout
    "asdf",
    "tkfkd",  # 사랑 in the English layout: not in the vocabulary
    "dragon",
    "드론 세탁기",  # one word answered, the other not: nothing
]


def test_nonsense_still_finds_nothing(page: Page) -> None:
    wrong = {}
    for query in NONSENSE:
        found = search(page, query)
        if found or suggestions(page):
            wrong[query] = (found, suggestions(page))
    assert wrong == {}


def test_a_korean_syllable_is_not_read_as_a_short_latin_word(page: Page) -> None:
    # th and ap (in the sample's names) typed with the Korean layout on give 소 and 메: Korean
    # words, which the index answers as they are (words starting so), or not at all.
    for query in ("소", "메", "먀"):
        search(page, query)
        assert suggestions(page) == [], query


def test_the_vocabulary_is_fetched_only_when_a_query_needs_it(
    context: BrowserContext, site_url: str
) -> None:
    requests: list[str] = []
    page = context.new_page()
    page.on("request", lambda request: requests.append(urlsplit(request.url).path))
    page.goto(site_url + "search/?q=" + quote("가로등"))
    settle(page, {"q": "가로등"})
    search(page, "드론")
    search(page, "HO-LS200")
    page.wait_for_load_state("networkidle")
    assert any(path.startswith("/pagefind/") for path in requests)
    fuzzy_files = [p for p in requests if "vocab-" in p or p.endswith("search-fuzzy.js")]
    assert fuzzy_files == []
    search(page, "ㄱㄹㄷ")
    vocabularies = [p for p in requests if re.fullmatch(r"/search/vocab-[0-9a-f]{16}\.json", p)]
    assert len(vocabularies) == 1
    assert "/static/js/search-fuzzy.js" in requests
    search(page, "rkfhemd")
    assert len([p for p in requests if "vocab-" in p]) == 1  # once a page


def test_suggestions_under_a_sub_path(browser: Browser, sub_path_url: str) -> None:
    page = browser.new_page()
    page.goto(sub_path_url + "search/?q=" + quote("ㄱㄹㄷ"))
    settle(page, {"q": "ㄱㄹㄷ"})
    assert STREETLIGHT in result_paths(page, "/showroom/")
    page.close()


def _conversion_inputs() -> list[str]:
    site = check(BuildOptions(config_file=ROOT / "showroom.yml", date=SAMPLE_DATE)).site
    texts = [t for p in site.products for t in (p.name, p.model, *p.keywords) if t]
    texts += [c.name for c in site.companies]
    rng = random.Random(15)
    keys = "rRseEfaqQtTdwWczxvgkoOijpPuhynbmlAKLZ0- "
    jamo = fuzzy.INITIALS + fuzzy.VOWELS + "ㄳㄺㅄ가힣a1"
    texts += ["".join(rng.choice(keys) for _ in range(rng.randint(0, 12))) for _ in range(300)]
    texts += ["".join(rng.choice(jamo) for _ in range(rng.randint(0, 8))) for _ in range(200)]
    return [*texts, "", "ㄱㄹㄷ", "rkfhemd", "ㅗㅐ-ㅣㄴ200", "닭갈비", "\u1100\u1161"]


def test_python_and_javascript_convert_alike(page: Page) -> None:
    inputs = _conversion_inputs()
    pairs = list(itertools.pairwise(inputs))[:400]
    answer = page.evaluate(
        """async ([inputs, pairs, rules]) => {
          const f = await import('/static/js/search-fuzzy.js');
          return {
            conversions: inputs.map(text => [
              f.initials(text, rules), f.toKeys(text, rules), f.toHangul(text, rules),
            ]),
            distances: pairs.map(([a, b]) => f.distance(a, b)),
          };
        }""",
        [inputs, pairs, fuzzy.RULES],
    )
    expected = [[fuzzy.initials(t), fuzzy.to_keys(t), fuzzy.to_hangul(t)] for t in inputs]
    mismatches = [
        (text, js, py)
        for text, js, py in zip(inputs, answer["conversions"], expected, strict=True)
        if js != py
    ]
    assert mismatches == []
    assert answer["distances"] == [fuzzy.distance(a, b) for a, b in pairs]
    assert len(inputs) > 700
