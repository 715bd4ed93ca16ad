"""초성, keyboard-layout and typo search: the conversions (showroom/search/fuzzy.py) and the
vocabulary file the build publishes for them."""

from __future__ import annotations

import json
import re

import pytest

from showroom.build import BuildOptions, check
from showroom.search import fuzzy
from showroom.search.fuzzy import distance, initials, to_hangul, to_keys
from tests.conftest import ROOT, SAMPLE_DATE, BuiltSite


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("가로등", "ㄱㄹㄷ"),
        ("태양광 가로등", "ㅌㅇㄱㄱㄹㄷ"),
        ("스마트 LED 가로등", "ㅅㅁㅌㄱㄹㄷ"),  # Latin letters have no initial consonant
        ("까치", "ㄲㅊ"),
        ("6축 협동로봇", "ㅊㅎㄷㄹㅂ"),
        ("", ""),
    ],
)
def test_initials(word: str, expected: str) -> None:
    assert initials(word) == expected


@pytest.mark.parametrize(
    ("keys", "hangul"),
    [
        ("rkfhemd", "가로등"),
        ("dkswjsah", "안전모"),
        ("rhkswnd", "관중"),  # a compound vowel (ㅗ+ㅏ)
        ("dmlwk", "의자"),  # ㅡ+ㅣ
        ("dnjsrur", "원격"),  # ㅜ+ㅓ
        ("ekfr", "닭"),  # a double final (ㄹ+ㄱ)
        ("dlfrdj", "읽어"),  # its second half moves on to the vowel
        ("qkfqdk", "밟아"),
        ("dkswdk", "앉아"),
        ("RkTk", "까싸"),  # shifted keys: double consonants
        ("dPdir", "예약"),  # shifted vowel ㅖ
        ("Rkrl", "까기"),  # ㄲ as an initial; the final ㄱ moves on to ㅣ
        ("Rkrrl", "깍기"),
        ("EKFL", "따리"),  # no shifted jamo for K, L: their lower case
        ("cctv", "ㅊㅊㅅㅍ"),  # no vowel: jamo that make no syllable
        ("rr", "ㄱㄱ"),  # ㄱ+ㄱ is no double final
        ("ekE", "다ㄸ"),  # ㄸ is never a final
        ("hk", "ㅘ"),
        ("k", "ㅏ"),
        ("HO-LS200", "ㅗㅒ-ㅣㄴ200"),  # other characters stay
        ("", ""),
    ],
)
def test_to_hangul_composes_as_an_input_method(keys: str, hangul: str) -> None:
    assert to_hangul(keys) == hangul


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("가로등", "rkfhemd"),
        ("닭갈비", "ekfrrkfql"),
        ("관중", "rhkswnd"),
        ("까싸", "RkTk"),
        ("ㅊㅊㅅㅍ", "cctv"),
        ("ㅗㅐ-ㅣㄴ200", "ho-ls200"),
        ("ㄳ", "rt"),
        ("LED 가로등", "LED rkfhemd"),
    ],
)
def test_to_keys(text: str, keys: str) -> None:
    assert to_keys(text) == keys


def test_keys_and_hangul_are_inverse_on_the_sample_words() -> None:
    site = check(BuildOptions(config_file=ROOT / "showroom.yml", date=SAMPLE_DATE)).site
    words = {
        word
        for product in site.products
        for text in (product.name, *product.keywords)
        for word in re.findall("[가-힣]+", text)
    }
    assert len(words) > 150
    assert [w for w in words if to_hangul(to_keys(w)) != w] == []


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("가로등", "가로등", 0),
        ("가로등", "가로듬", 1),  # substitution
        ("가로등", "가등", 1),  # deletion
        ("드론", "드론이", 1),  # insertion
        ("rkfhemd", "rkfhmed", 1),  # neighbours swapped
        ("kitten", "sitting", 3),
        ("", "abc", 3),
        ("세탁기", "세척기", 1),  # one syllable apart, but …
    ],
)
def test_distance(a: str, b: str, expected: int) -> None:
    assert distance(a, b) == expected


def test_typos_count_keys_not_syllables() -> None:
    # 세탁기 (a washing machine) is not 세척기 (a washer) typed wrong: two keys apart.
    assert distance(to_keys("세탁기"), to_keys("세척기")) == 2
    assert distance(to_keys("가로듬"), to_keys("가로등")) == 1


def test_the_vocabulary_holds_names_then_other_words() -> None:
    site = check(BuildOptions(config_file=ROOT / "showroom.yml", date=SAMPLE_DATE)).site
    vocabulary = fuzzy.vocabulary(site)
    data = json.loads(vocabulary.data)
    assert data["version"] == fuzzy.VERSION
    assert "원격 밝기 제어 스마트 led 가로등" in data["names"]
    assert "처용아이씨티" in data["names"]  # a company, its legal form dropped
    assert not {"ho-ls200", "hols200", "ls200"} & set(data["words"])  # no model numbers
    assert "cctv" not in data["words"]  # the name holds it
    assert "제세동기" in data["words"]  # a keyword
    assert "지하차도" in data["words"]  # as written, though 도 can be an ending
    assert data["words"] == sorted(data["words"])
    assert re.fullmatch(r"search/vocab-[0-9a-f]{16}\.json", vocabulary.path)
    assert fuzzy.vocabulary(site).path == vocabulary.path  # the same site, the same file


def test_the_build_publishes_the_vocabulary_for_the_search_page(sample: BuiltSite) -> None:
    found = list((sample.out / "search").glob("vocab-*.json"))
    assert len(found) == 1
    page = (sample.out / "search" / "index.html").read_text(encoding="utf-8")
    pattern = r'<script type="application/json" id="search-config">(.*?)</script>'
    config = re.search(pattern, page, re.S)
    assert config is not None
    settings = json.loads(config.group(1))
    assert settings["fuzzy"]["vocabulary"] == "/search/" + found[0].name
    assert settings["fuzzy"]["rules"] == json.loads(json.dumps(fuzzy.RULES))
    hall = (sample.out / "innovation" / "index.html").read_text(encoding="utf-8")
    assert "vocab-" not in hall  # only the search page asks for it
    # The English search page has its own, of the English names (typos only: rules_for).
    (english,) = (sample.out / "en" / "search").glob("vocab-*.json")
    assert "smart safety helmet" in " ".join(json.loads(english.read_bytes())["names"]).lower()
