"""The tokenisation of the search index and of queries (showroom/search/terms.py)."""

from __future__ import annotations

import unicodedata

import pytest

from showroom.build import BuildOptions, check
from showroom.search import terms
from showroom.search.terms import decode, encode, index_terms, query_terms, suffix_terms
from tests.conftest import ROOT, SAMPLE_DATE


def plain(found: list[str]) -> list[str]:
    return [decode(t) for t in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("원격 밝기 제어 스마트 LED 가로등", ["원격", "밝기", "제어", "스마트", "led", "가로등"]),
        ("HO-LS200", ["hols200", "ho", "ls200", "ls", "200"]),  # letter and digit runs too
        ("ｈｏ－ｌｓ２００", ["hols200", "ho", "ls200", "ls", "200"]),  # full-width, NFKC
        ("HO\u2010LS200", ["hols200", "ho", "ls200", "ls", "200"]),  # a Unicode hyphen
        ("(주)처용아이씨티", ["처용아이씨티"]),
        ("㈜처용아이씨티", ["처용아이씨티"]),
        ("간절곶푸드 농업회사법인(주)", ["간절곶푸드"]),
        ("해오름테크 주식회사", ["해오름테크"]),
        ("드론을", ["드론을", "드론"]),
        ("혁신시제품으로", ["혁신시제품으로", "혁신시제품"]),
        ("배를", ["배를"]),  # one syllable would be left: kept as it is
        ("LED조명", ["led", "조명"]),
        ("2021-우수-0457", ["2021", "우수", "0457"]),
        ("610-81-61157", ["6108161157", "610", "81", "61157"]),
        ("39111609", ["39111609"]),
        ("KS C 7658", ["ks", "c", "7658"]),
        ("CO₂ 저감", ["co2", "co", "2", "저감"]),
        ("株式 Café", ["cafe"]),  # other scripts separate words; accents are dropped
        ("", []),
    ],
)
def test_index_terms(text: str, expected: list[str]) -> None:
    assert plain(index_terms(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("혁신시제품", ["신시제품", "시제품", "제품"]),
        ("온라인홍보관", ["라인홍보관", "인홍보관", "홍보관", "보관"]),
        ("자동심장충격기를", ["동심장충격기", "심장충격기", "장충격기", "충격기", "격기"]),
        ("가로등", ["로등"]),
        ("드론", []),
        ("HO-LS200", []),
    ],
)
def test_suffix_terms(text: str, expected: list[str]) -> None:
    assert plain(suffix_terms(text)) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("드론을", ["드론"]),
        ("가로등을 ", ["가로등"]),
        ("시제품", ["시제품"]),
        ("HO-LS200", ["hols200"]),
        ("ho ls200", ["ho", "ls200"]),
        ("Ho-Ls200", ["hols200"]),
        ("주식회사 처용아이씨티", ["처용아이씨티"]),
        ("㈜처용아이씨티", ["처용아이씨티"]),
        ("(주)", []),
        ("LED 조명", ["led", "조명"]),
        ("LED조명", ["led", "조명"]),
        ("3911-1609", ["39111609"]),
        ("태화강로보틱스의", ["태화강로보틱스"]),
        ("  ", []),
        ("<script>alert(1)</script>", ["script", "alert", "1"]),
    ],
)
def test_query_terms(query: str, expected: list[str]) -> None:
    assert plain(query_terms(query)) == expected


def test_the_code_keeps_order_and_prefixes() -> None:
    words = ["가", "가나", "가로등", "각", "힣", "드론", "드론을"]
    codes = [encode(w) for w in words]
    assert sorted(codes) == [encode(w) for w in sorted(words)]
    assert encode("드론을").startswith(encode("드론"))
    assert all(decode(c) == w for c, w in zip(codes, words, strict=True))
    assert encode("힣") == chr(terms.CODE_FIRST + terms.HANGUL_LAST - terms.HANGUL_FIRST)
    latin = ["0", "09", "1", "200", "9", "a", "ls", "ls200", "z"]
    assert sorted(encode(w) for w in latin) == [encode(w) for w in latin]
    assert encode("ls200").startswith(encode("ls2"))
    assert decode(encode("ls200")) == "ls200"
    # One script of ideographs: Pagefind sees one word, and splits it nowhere.
    for code in encode("ls200hols힣"):
        assert "CJK UNIFIED IDEOGRAPH" in unicodedata.name(code)
    assert all(ord(c) < ord(terms.TERMINATOR) for c in encode("힣z9"))


def test_a_stripped_query_word_is_a_prefix_of_the_word() -> None:
    """Stripping an ending only widens a prefix match; it never loses a page."""
    for word in ("드론을", "가로등입니다", "경기도", "손잡이", "제품에서부터", "사과", "회의를"):
        assert word.startswith(terms.strip_ending(word))


@pytest.fixture(scope="module")
def sample_products() -> list[tuple[str, list[str], set[str]]]:
    """(slug, texts a buyer might type, the index terms of the product's record)."""
    from showroom.search.records import RecordMaker
    from showroom.theme.folders import theme_for
    from showroom.theme.strings import load_strings

    checked = check(BuildOptions(config_file=ROOT / "showroom.yml", date=SAMPLE_DATE))
    site = checked.site
    strings = load_strings(theme_for(site.config).strings_files("ko"), site.config.city)
    maker = RecordMaker(site, strings, {})  # no photos: records without a picture
    found = []
    for product in site.products:
        record = maker.product(product)
        indexed = {t for block in record.blocks for t in block.terms}
        company = site.company_by_slug[product.company]
        typed = [product.name, *product.keywords, product.model, company.name, product.summary]
        found.append((product.slug, [t for t in typed if t], indexed))
    return found


def test_every_word_of_a_products_name_keywords_and_summary_finds_it(
    sample_products: list[tuple[str, list[str], set[str]]],
) -> None:
    """Typed as a whole, with a particle, or as the tail of a compound, each word finds its
    product: every query term is a prefix of one of the product's index terms."""
    misses = []
    for slug, texts, indexed in sample_products:
        for text in texts:
            for parts in terms.words(text):
                stems = [terms.strip_ending(p) for p in parts if terms.is_hangul(p)]
                queries = [" ".join(parts), *(s + "을" for s in stems if len(s) >= 2)]
                queries += [s[i:] for s in stems for i in range(1, len(s) - 1)]
                for query in queries:
                    for term in query_terms(query):
                        if not any(t.startswith(term) for t in indexed):
                            misses.append(f"{slug}: {query!r} ({decode(term)})")
    assert misses == []
