"""The search of a showroom in two languages: one Pagefind bundle with an index per language,
byte-identical from build to build, made once for an edit, and English rules for the pages
in English (stems, stop words; Korean words still read as Korean)."""

from __future__ import annotations

import gzip
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from showroom.build import BuildOptions, BuildResult, build
from showroom.search import english, pagefind_service, reproducible, terms
from showroom.search.records import Block, SearchRecord
from showroom.search.stage import BundleMemo, search_stage
from tests.projects import Project, new_project
from tests.site_files import page, tree
from tests.test_build import DATE

EN_PRODUCT = """\
en:
  name: Bench Drill Presses
  summary: A bench drill press for small workshops.
  features: [Quiet motors, Adjustable tables]
  specs:
    Spindle speeds: 12 steps
"""
EN_COMPANY = """\
en:
  name: Acme Machines Co., Ltd.
  address: 1 Test-ro, Nam-gu, Ulsan
"""


def bilingual(root: Path) -> Project:
    project = new_project(root)
    config = project.config_file.read_text(encoding="utf-8")
    project.config_file.write_text(config + "languages: [ko, en]\n", encoding="utf-8")
    project.product("drill-press", "탁상 드릴", date="2025-01-10", extra=EN_PRODUCT)
    company = project.root / "content/companies/acme.yml"
    company.write_text(company.read_text(encoding="utf-8") + EN_COMPANY, encoding="utf-8")
    return project


def run_build(project: Project) -> BuildResult:
    return build(BuildOptions(config_file=project.config_file, out=project.out, date=DATE))


def fragments(out: Path) -> dict[str, dict[str, Any]]:
    """Pagefind's record of every indexed page, by its URL, with the index's language."""
    found = {}
    for file in (out / "pagefind" / "fragment").iterdir():
        data = json.loads(gzip.decompress(file.read_bytes())[len(b"pagefind_dcd") :])
        found[data["url"]] = {**data, "index": file.name.split("_")[0]}
    return found


def test_one_bundle_has_an_index_per_language_and_is_the_same_each_time(tmp_path: Path) -> None:
    first, second = bilingual(tmp_path / "a"), bilingual(tmp_path / "b")
    run_build(first)
    run_build(second)  # another project, another cache: Pagefind runs again
    entry = (first.out / "pagefind" / "pagefind-entry.json").read_bytes()
    languages = json.loads(entry)["languages"]
    assert list(languages) == ["en", "ko"]
    assert languages["en"]["page_count"] == languages["ko"]["page_count"] == 5
    assert languages["en"]["wasm"] == "en"  # Pagefind's English stemmer
    assert (second.out / "pagefind" / "pagefind-entry.json").read_bytes() == entry
    assert tree(first.out / "pagefind") == tree(second.out / "pagefind")
    found = fragments(first.out)
    assert found["/en/products/drill-press/"]["index"] == "en"
    assert found["/products/drill-press/"]["index"] == "ko"
    assert {url for url, f in found.items() if f["index"] == "en"} == {
        "/en/" + url.lstrip("/") for url, f in found.items() if f["index"] == "ko"
    }


def search_config(out: Path, path: str) -> dict[str, Any]:
    element = page(out, path).select_one("#search-config")
    assert element is not None
    found: dict[str, Any] = json.loads(element.get_text())
    return found


def test_the_english_pages_have_a_search_with_english_words(tmp_path: Path) -> None:
    project = bilingual(tmp_path)
    run_build(project)
    search = page(project.out, "en/search/")
    assert search.html is not None and search.html.get("lang") == "en"
    legends = [legend.get_text(strip=True) for legend in search.select("fieldset legend")]
    assert "Product group" in legends and "Kind" in legends
    assert (project.out / "en/halls/machinery/index.html").is_file()
    config = search_config(project.out, "en/halls/machinery/")
    assert config["preset"] == {"key": "category", "value": "기계·금속"}  # not translated
    assert config["rules"]["stem"] is True and "fuzzy" not in config  # a hall page
    en = search_config(project.out, "en/search/")
    assert en["rules"]["stem"] is True and en["fuzzy"]["rules"]["typosOnly"] is True
    korean = search_config(project.out, "search/")
    assert korean["rules"]["stem"] is False and korean["fuzzy"]["rules"]["typosOnly"] is False
    assert en["fuzzy"]["vocabulary"] != korean["fuzzy"]["vocabulary"]  # each its own words
    vocabulary = project.out / en["fuzzy"]["vocabulary"].lstrip("/")
    assert "bench drill presses" in json.loads(vocabulary.read_text(encoding="utf-8"))["names"]
    nav = page(project.out, "en/").select_one(".nav-search a")
    assert nav is not None and nav.get("href") == "/en/search/"


def counting_pagefind(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of documents of each run of Pagefind from now on."""
    runs: list[int] = []
    real: Callable[..., None] = pagefind_service.index_pages

    def counted(binary: Path, pages: list[tuple[str, str]], *args: Any, **kwargs: Any) -> None:
        runs.append(len(pages))
        real(binary, pages, *args, **kwargs)

    monkeypatch.setattr(pagefind_service, "index_pages", counted)
    return runs


def test_an_edit_of_one_product_indexes_every_language_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = bilingual(tmp_path)
    runs = counting_pagefind(monkeypatch)
    run_build(project)
    assert runs == [10]  # one run for both languages
    again = run_build(project)
    assert runs == [10] and again.search is not None and again.search.cached
    project.product(
        "drill-press", "탁상 드릴", date="2025-01-10", extra=EN_PRODUCT.replace("Quiet", "Silent")
    )
    run_build(project)
    assert runs == [10, 10]
    title = fragments(project.out)["/en/products/drill-press/"]["meta"]["title"]
    assert "Bench" in title.translate({c + 0xFEE0: c for c in range(0x21, 0x7F)})


def record(path: str, word: str) -> SearchRecord:
    return SearchRecord(path, (Block(10, (terms.encode(word) + terms.TERMINATOR,)),), (), (), ())


def test_the_stage_reuses_a_bundle_of_two_languages(tmp_path: Path) -> None:
    memo = BundleMemo()
    indexes = [("ko", [record("products/a/", "드릴")]), ("en", [record("en/products/a/", "drill")])]
    made = search_stage(indexes, tmp_path, memo)
    assert not made.index.cached and made.index.pages == 2
    same = search_stage(indexes, tmp_path, memo)
    assert same.index.cached and same.files == made.files
    edited = [indexes[0], ("en", [record("en/products/a/", "press")])]
    later = search_stage(edited, tmp_path, memo, later=True)  # serve: the last one meanwhile
    assert later.pending is not None and later.files == made.files and later.index.stale
    later.pending()
    now = search_stage(edited, tmp_path, memo)
    assert now.index.cached and now.files != made.files
    swapped = [("en", indexes[1][1]), ("ko", indexes[0][1])]  # another language, another key
    assert not search_stage(swapped, tmp_path, BundleMemo()).index.cached


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("valves", "valv"),
        ("valve", "valv"),
        ("lighting", "light"),
        ("lights", "light"),
        ("batteries", "batteri"),
        ("battery", "batteri"),
        ("making", "make"),
        ("recycled", "recycl"),
        ("recycling", "recycl"),
        ("controlled", "control"),
        ("agreed", "agre"),
        ("gas", "gas"),
        ("news", "news"),
        ("skies", "sky"),
        ("ls200", "ls200"),
        ("is", "is"),
    ],
)
def test_english_stems(word: str, expected: str) -> None:
    assert english.stem(word) == expected


def test_english_queries_are_stemmed_and_korean_ones_read_as_korean() -> None:
    en = terms.query_terms("Valves LIGHTING 드론을", stem=True)
    assert [terms.decode(t) for t in en] == ["valv", "light", "드론"]
    assert [terms.decode(t) for t in terms.query_terms("Valves")] == ["valves"]  # Korean pages
    indexed = terms.index_terms("Hydraulic valves", stem=True)
    assert {terms.encode("valv"), terms.encode("valves")} <= set(indexed)
    assert terms.index_terms("Hydraulic valves") == [
        terms.encode(w) for w in ("hydraulic", "valves")
    ]
    kept, left = terms.widened("helmets for schools", stem=True)
    assert [text for _, text in kept] == ["helmets", "schools"] and left == ["for"]
    assert terms.widened("helmets for schools")[1] == []  # no English stop words in Korean


def test_english_as_the_default_language(tmp_path: Path) -> None:
    project = new_project(tmp_path)  # (its text is Korean: the Korean pages fall back to it)
    config = project.config_file.read_text(encoding="utf-8")
    project.config_file.write_text(config + "languages: [en, ko]\n", encoding="utf-8")
    run_build(project)
    root, korean = search_config(project.out, "search/"), search_config(project.out, "ko/search/")
    assert root["rules"]["stem"] is True and root["fuzzy"]["rules"]["typosOnly"] is True
    assert korean["rules"]["stem"] is False and korean["fuzzy"]["rules"]["typosOnly"] is False
    found = fragments(project.out)
    assert found["/products/drill-press/"]["index"] == "en"
    assert found["/ko/products/drill-press/"]["index"] == "ko"


def test_the_languages_of_the_entry_are_put_in_order(tmp_path: Path) -> None:
    """Pagefind lists the languages in hash-map order: canonicalise puts them in order."""
    project = bilingual(tmp_path / "site")
    run_build(project)
    bundle = tmp_path / "pagefind"
    shutil.copytree(project.out / "pagefind", bundle)
    ordered = tree(bundle)
    entry_file = bundle / "pagefind-entry.json"
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    entry["languages"] = dict(reversed(entry["languages"].items()))  # ko first, as Pagefind may
    entry_file.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")))
    assert tree(bundle) != ordered
    assert reproducible.canonicalise(bundle)
    assert tree(bundle) == ordered
