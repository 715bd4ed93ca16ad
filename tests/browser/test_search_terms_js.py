"""The browser's query terms (static/js/search-terms.js) are the index's (showroom/search/
terms.py): both run on the same inputs, the script in Chromium, and must agree exactly."""

from __future__ import annotations

import random

from playwright.sync_api import Browser

from showroom.build import BuildOptions, check
from showroom.search import english, terms
from showroom.search.synonyms import expansion
from tests.conftest import ROOT, SAMPLE_DATE

TRICKY = [
    "드론 쓰는 제품",
    "학교용 사물함",
    "벽걸이형 제품을",
    "사용하는 용",
    "드론을",
    "가로등을 찾습니다",
    "HO-LS200",
    "ho ls200",
    "Ho–Ls200",  # an en dash
    "ＨＯ－ＬＳ２００",
    "㈜처용아이씨티",
    "(주) 처용아이씨티",
    "주식회사처용아이씨티",
    "간절곶푸드 농업회사법인(주)",
    "LED조명",
    "CO₂ 저감 Café",
    "3911-1609",
    "610-81-61157",
    "2021-우수-0457",
    "혁신시제품으로서",
    "배를",
    "시제품에서부터",
    "<script>alert(1)</script>",
    "株式 漢字 ㄱㄴ 가ㄱ",
    "--a--b--",
    "   ",
    "",
    "\u1100\u1161\u11a8",  # 각 written as jamo (NFD)
    "ｶﾀｶﾅ Ⅻ ①②",
    # synonym phrases (content/search/synonyms.yml): read as one term, longest first
    "무인 비행기를",
    "방범 카메라 무인 비행기",
    "무인 무인 비행기",
    "비행기 무인",
    "디지털 싸인",
    "디지털 사이니지 디지털",
    "PE관",
    "PE 관 이중벽 파이프",
    "non-slip 코팅",
    "first aid kit",
    "높낮이 조절 책상 학교용",
    "무인 비행기 쓰는 제품",
]


def sample_phrases() -> list[terms.Phrase]:
    """The phrases of the sample's synonym groups, and every word of its groups."""
    checked = check(BuildOptions(config_file=ROOT / "showroom.yml", date=SAMPLE_DATE))
    return list(expansion(checked.content.synonyms).phrases)


def group_words() -> list[str]:
    checked = check(BuildOptions(config_file=ROOT / "showroom.yml", date=SAMPLE_DATE))
    return [w for g in checked.content.synonyms.groups for w in (*g.terms, *g.finds)]


def sample_texts() -> list[str]:
    """Every name, keyword, model, summary and company name of the sample."""
    site = check(BuildOptions(config_file=ROOT / "showroom.yml", date=SAMPLE_DATE)).site
    texts: list[str] = []
    for p in site.products:
        texts += [p.name, p.model, p.summary, *p.keywords, *p.features, p.usage]
    texts += [c.name for c in site.companies]
    return [t for t in texts if t]


def random_texts(count: int = 200) -> list[str]:
    rng = random.Random(6)
    alphabet = "가나다라드론을를의에서 -ABCdef0123㈜()주식회사ＬＥＤ₂é\u2010"
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14))) for _ in range(count)]


def test_python_and_javascript_give_the_same_terms(browser: Browser, site_url: str) -> None:
    inputs = TRICKY + sample_texts() + group_words() + random_texts()
    phrases = sample_phrases()
    rules = {**terms.RULES, "phrases": [list(phrase) for phrase in phrases]}
    page = browser.new_page()
    page.goto(site_url + "search/", wait_until="load")
    in_browser = page.evaluate(
        """async ([inputs, rules]) => {
          const t = await import('./../static/js/search-terms.js');
          return inputs.map(text => ({
            words: t.words(text, rules),
            query: t.queryTerms(text, rules),
            queryWords: t.queryWords(text, rules),
            widened: t.widened(text, rules),
          }));
        }""",
        [inputs, rules],
    )
    page.close()
    mismatches = []
    for text, answer in zip(inputs, in_browser, strict=True):
        kept, left = terms.widened(text, phrases)
        expected = {
            "words": list(terms.words(text)),
            "query": terms.query_terms(text, phrases),
            "queryWords": [list(pair) for pair in terms.query_words(text, phrases)],
            "widened": [[list(pair) for pair in kept], left],
        }
        if answer != expected:
            mismatches.append(f"{text!r}: python {expected} javascript {answer}")
    assert mismatches == []
    assert len(inputs) > 300
    glued = [
        text for text in TRICKY if any(" " in word for _, word in terms.query_words(text, phrases))
    ]
    assert len(glued) >= 10  # the phrases are exercised


ENGLISH = [
    "Valves",
    "LIGHTING lights lighted",
    "batteries battery",
    "recycled recycling recycle",
    "controlled controlling",
    "agreed agreement feed proceed exceeding",
    "skies sky skis dying news",
    "hopping hoping hoped",
    "generously generated communities",
    "Yields played says crying eyeing",
    "helmets for the schools",
    "LED streetlights with remote dimming",
    "non-slip coatings",
    "HO-LS200 valves",
    "드론을 찾습니다 valves",
    "products supplier",
    "a an the",
    "ed ing ied",
    "caresses ponies ties gaps kiwis",
    "fizzed bled hated hopped filled",
]


def english_texts() -> list[str]:
    """Every name, keyword, summary, feature, spec and company name of the sample in English."""
    from showroom.content.in_language import LocalisedObjects, content_in

    checked = check(BuildOptions(config_file=ROOT / "showroom.yml", date=SAMPLE_DATE))
    content = content_in(checked.content, "en", "ko", LocalisedObjects())
    texts: list[str] = []
    for p in content.products:
        texts += [p.name, p.summary, *p.keywords, *p.features, p.usage]
        texts += [f"{k} {v}" for k, v in p.specs]
    texts += [c.name for c in content.companies]
    return [t for t in texts if t]


def test_python_and_javascript_give_the_same_english_terms(browser: Browser, site_url: str) -> None:
    inputs = ENGLISH + TRICKY + english_texts()
    checked = check(BuildOptions(config_file=ROOT / "showroom.yml", date=SAMPLE_DATE))
    phrases = list(expansion(checked.content.synonyms, True).phrases)
    rules = {**terms.rules_for("en"), "phrases": [list(phrase) for phrase in phrases]}
    stems = sorted({w for text in inputs for parts in terms.words(text) for w in parts})
    page = browser.new_page()
    page.goto(site_url + "en/search/", wait_until="load")
    in_browser = page.evaluate(
        """async ([inputs, stems, rules]) => {
          const t = await import('./../../static/js/search-terms.js');
          return [inputs.map(text => ({
            query: t.queryWords(text, rules),
            widened: t.widened(text, rules),
          })), stems.map(word => t.stem(word, rules))];
        }""",
        [inputs, stems, rules],
    )
    page.close()
    answers, stemmed = in_browser
    assert stemmed == [english.stem(word) for word in stems]
    mismatches = []
    for text, answer in zip(inputs, answers, strict=True):
        kept, left = terms.widened(text, phrases, stem=True)
        expected = {
            "query": [list(pair) for pair in terms.query_words(text, phrases, stem=True)],
            "widened": [[list(pair) for pair in kept], left],
        }
        if answer != expected:
            mismatches.append(f"{text!r}: python {expected} javascript {answer}")
    assert mismatches == []
    assert sum(english.stem(w) != w for w in stems) > 100  # the stems are exercised
