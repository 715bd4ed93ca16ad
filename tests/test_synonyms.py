"""Search synonyms (content/search/synonyms.yml): validated like every content file, and
applied to the index, so that each word of a group finds what any of them finds."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from showroom.build import BuildOptions, build, check
from showroom.content.folders import LINK_MESSAGE
from showroom.search import terms
from showroom.search.letters import spelled_out
from showroom.search.records import RecordMaker
from showroom.search.synonyms import expansion
from showroom.theme.folders import theme_for
from showroom.theme.strings import load_strings
from tests.checking import problems_of
from tests.conftest import ROOT, SAMPLE_DATE
from tests.projects import Project

S = "content/search/synonyms.yml"
DATE = dt.date(2026, 11, 28)


def write_synonyms(project: Project, text: str) -> None:
    project.write(S, text)


# -- validation ---------------------------------------------------------------------------


def test_every_problem_of_the_file_is_reported_with_its_line_and_field(project: Project) -> None:
    write_synonyms(
        project,
        """\
        groups:
          - terms: [드론]
          - terms: [로봇, "!!"]
          - terms: [쥬스, 주스, 쥬스]
          - terms: [냄새]
            finds: [악취]
            why: 생활 용어
          - terms: 메시
        """,
    )
    assert problems_of(project) == [
        f"{S}:2: groups[0].terms: a group needs two terms or more (or `finds`: one way)",
        f"{S}:3: groups[1].terms[1]: has no Hangul syllable, letter or digit: search would "
        "never see it",
        f"{S}:4: groups[2].terms[2]: '쥬스' is already in this group (terms[0]); keep one",
        f"{S}:7: warning: groups[3].why: unknown field (ignored)",
        f"{S}:8: groups[4].terms: expected a list (lines starting with '- '), got '메시'",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("groups:\n  - terms: [a, b\n", f"{S}:3: YAML: "),
        ("group:\n  - terms: [a, b]\n", f"{S}:1: warning: group: unknown field; did you mean"),
        ("groups:\n  - finds: [a]\n", f"{S}:2: groups[0].terms: required field is missing"),
        ("groups:\n  - terms: [a, A]\n", f"{S}:2: groups[0].terms[1]: 'A' is already in"),
    ],
)
def test_a_bad_file_names_the_problem(project: Project, text: str, expected: str) -> None:
    found = problems_of(project)
    assert found == []
    write_synonyms(project, text)
    found = problems_of(project)
    assert any(p.startswith(expected) for p in found), found


def test_the_file_is_optional_and_never_read_through_a_link(
    project: Project, tmp_path: Path
) -> None:
    assert check(BuildOptions(project.config_file, date=DATE)).content.synonyms.groups == ()
    outside = tmp_path / "outside.yml"
    outside.write_text("groups:\n  - terms: [a, b]\n", encoding="utf-8")
    (project.root / "content/search").mkdir()
    (project.root / S).symlink_to(outside)
    assert problems_of(project) == [f"{S}: {LINK_MESSAGE}"]


# -- what the index holds -----------------------------------------------------------------


def finds(project: Project, query: str) -> list[str]:
    """The products a query finds in the project's search records, as Pagefind answers it:
    every query term is a prefix of one of the record's terms (each ends with the terminator
    in the index, so no shorter term answers)."""
    checked = check(BuildOptions(project.config_file, date=DATE))
    site = checked.site
    strings = load_strings(theme_for(site.config).strings_files("ko"), site.config.city)
    synonyms = expansion(checked.content.synonyms)
    maker = RecordMaker(site, strings, {}, synonyms=synonyms)
    asked = terms.query_terms(query, synonyms.phrases)
    found = []
    for product in site.products:
        indexed = [t for block in maker.product(product).blocks for t in block.terms]
        if asked and all(any(t.startswith(a) for t in indexed) for a in asked):
            found.append(product.slug)
    return sorted(found)


GROUPS = """\
groups:
  - terms: [로봇, 로보트]
  - terms: [드론, 무인 비행기]
  - terms: [메시, 메쉬]
  - terms: [두꺼비집]
    finds: [분전반]
  - terms: [감속기, 기어박스]
  - terms: [기어박스, 변속기]
"""


@pytest.fixture
def products(project: Project) -> Project:
    project.product("arm", "협동 로봇 팔")
    project.product("old-arm", "산업용 로보트")
    project.product("drone", "점검용 드론")
    project.product("plane", "무인 비행기 세트")
    project.product("chair", "메시 의자")
    project.product("note", "메시지 보드")
    project.product("panel", "스마트 분전반")
    project.product("breaker", "가정용 두꺼비집")
    project.product("gear", "헬리컬 감속기")
    project.product("gearbox", "자동차 변속기")
    write_synonyms(project, GROUPS)
    return project


def test_each_word_of_a_group_finds_what_any_of_them_finds(products: Project) -> None:
    assert finds(products, "로보트") == ["arm", "old-arm"]
    assert finds(products, "로봇을") == ["arm", "old-arm"]
    assert finds(products, "메쉬") == ["chair"]  # whole words: not 메시지
    assert finds(products, "메시") == ["chair", "note"]  # a query is a prefix, as ever


def test_a_phrase_is_one_word_of_its_group(products: Project) -> None:
    assert finds(products, "무인 비행기를") == ["drone", "plane"]
    assert finds(products, "무인비행기") == ["drone", "plane"]
    assert finds(products, "드론") == ["drone", "plane"]
    assert finds(products, "비행기") == ["plane"]  # a word of the phrase alone is not it


def test_finds_is_one_way(products: Project) -> None:
    assert finds(products, "두꺼비집") == ["breaker", "panel"]
    assert finds(products, "분전반") == ["panel"]


def test_groups_do_not_chain(products: Project) -> None:
    """감속기 = 기어박스 and 기어박스 = 변속기 do not make 감속기 = 변속기."""
    assert finds(products, "감속기") == ["gear"]
    assert finds(products, "기어박스") == ["gear", "gearbox"]
    assert finds(products, "변속기") == ["gearbox"]


def test_without_the_file_nothing_is_added(project: Project) -> None:
    project.product("old-arm", "산업용 로보트")
    assert finds(project, "로봇") == []


def test_a_name_match_by_a_synonym_weighs_as_a_name_match(products: Project) -> None:
    checked = check(BuildOptions(products.config_file, date=DATE))
    maker = RecordMaker(
        checked.site,
        load_strings(theme_for(checked.site.config).strings_files("ko"), "울산"),
        {},
        synonyms=expansion(checked.content.synonyms),
    )
    product = next(p for p in checked.site.products if p.slug == "old-arm")
    weights = {t: b.weight for b in maker.product(product).blocks for t in b.terms}
    assert weights[terms.encode("로봇")] == weights[terms.encode("로보트")] == 10


# -- abbreviations spelled out ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "spelled"),
    [
        ("AI CCTV 관제", ["에이아이", "씨씨티브이", "씨씨티비", "시씨티브이"]),
        ("스마트 LED 가로등", ["엘이디"]),
        ("산업용 IoT 게이트웨이", ["아이오티"]),
        ("HDPE", ["에이치디피이", "에치디피이"]),
        ("smart Café kWh TH-Cobot 6", ["티에이치"]),  # words and single capitals are not
        ("ABCDEF", []),  # longer than an abbreviation
        ("MS-ESS50 SJ-AP6E CO₂", []),  # model numbers and formulas: words with digits
        ("PE관 LED조명 (AED)", ["피이", "엘이디", "에이이디"]),
    ],
)
def test_abbreviations_are_spelled_by_their_letters_korean_names(
    text: str, spelled: list[str]
) -> None:
    found = spelled_out(text)
    assert all(s in found for s in spelled), found
    assert bool(found) == bool(spelled)


def test_a_hangul_spelling_finds_the_abbreviation(project: Project) -> None:
    project.product("camera", "지능형 CCTV 카메라")
    project.product("lamp", "LED 가로등")
    assert finds(project, "씨씨티비를") == ["camera"]
    assert finds(project, "엘이디 가로등") == ["lamp"]
    assert finds(project, "에이비씨") == []


# -- the build ----------------------------------------------------------------------------


def search_config(out: Path) -> dict[str, object]:
    html = (out / "search/index.html").read_text(encoding="utf-8")
    match = re.search(
        r'<script type="application/json" id="search-config">(.*?)</script>', html, re.S
    )
    assert match is not None
    return dict(json.loads(match.group(1)))


def bundle(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (out / "pagefind").rglob("*") if p.is_file()}


def test_the_page_gets_the_phrases_and_an_edit_rebuilds_what_shows_them(
    products: Project,
) -> None:
    options = BuildOptions(products.config_file, date=DATE, pdf=False)
    build(options)
    rules = search_config(products.out)["rules"]
    assert isinstance(rules, dict)
    assert rules["phrases"] == [[terms.encode("무인"), terms.encode("비행기")]]
    index = bundle(products.out)
    # A group of single words: the index changes, no page does.
    write_synonyms(products, GROUPS + "  - terms: [의자, 체어]\n")
    result = build(options)
    assert result.incremental and result.pages_rendered == 0
    assert bundle(products.out) != index
    # A new phrase: the pages with a search form show it.
    write_synonyms(products, GROUPS + "  - terms: [의자, 사무용 체어]\n")
    result = build(options)
    assert 0 < result.pages_rendered < sum(result.pages.values())
    rules = search_config(products.out)["rules"]
    assert isinstance(rules, dict) and len(rules["phrases"]) == 2


def test_the_sample_starter_list_is_valid_and_reaches_the_sample() -> None:
    checked = check(BuildOptions(config_file=ROOT / "showroom.yml", date=SAMPLE_DATE))
    groups = checked.content.synonyms.groups
    assert 40 <= len(groups) <= 150
    assert not [p for p in checked.problems if p.path == S]
    one_way = [g for g in groups if g.finds]
    assert one_way and all(len(g.terms) >= 1 for g in one_way)
