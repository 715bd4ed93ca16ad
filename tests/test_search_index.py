"""The search stage of a build: the Pagefind bundle, what it holds, the search page, the hall
filters, the `search` switch, failures, reproducibility."""

from __future__ import annotations

import gzip
import json
import logging
import os
import shutil
import stat
import threading
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from showroom.build import BuildOptions, BuildResult, build, check
from showroom.search import pagefind_service, reproducible
from showroom.search.pagefind import UNUSED, SearchIndexError, display_only, executable
from showroom.search.terms import RULES
from tests.projects import Project, new_project
from tests.site_files import page, tree
from tests.test_build import DATE, DESIGNATED

PAGES = {"products/drill-press/", "products/lathe/", "products/rice-cake/", "companies/acme/",
         "companies/bobs/"}  # fmt: skip


def run_build(project: Project, out: Path | None = None) -> BuildResult:
    return build(BuildOptions(config_file=project.config_file, out=out or project.out, date=DATE))


def unpack(path: Path) -> bytes:
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(b"pagefind_dcd")
    return data[len(b"pagefind_dcd") :]


def fragments(out: Path) -> dict[str, dict[str, Any]]:
    """Pagefind's record of every indexed page, by site path."""
    found = {}
    for file in (out / "pagefind" / "fragment").iterdir():
        data = json.loads(unpack(file))
        found[data["url"].lstrip("/")] = data
    return found


def readable(value: str) -> str:
    """What search.js does to a meta value before showing it."""
    import unicodedata

    ascii_ = "".join(chr(ord(c) - 0xFEE0) if "！" <= c <= "～" else c for c in value)
    return unicodedata.normalize("NFC", ascii_)


def one(soup: BeautifulSoup | Tag, selector: str) -> Tag:
    found = soup.select_one(selector)
    assert found is not None, selector
    return found


def script_config(out: Path, path: str) -> dict[str, Any]:
    element = page(out, path).find("script", id="search-config")
    assert element is not None and element.get("type") == "application/json"
    data: dict[str, Any] = json.loads(element.get_text())
    return data


def test_the_index_is_built_into_the_site(project: Project) -> None:
    result = run_build(project)
    bundle = project.out / "pagefind"
    for name in ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json"):
        assert (bundle / name).is_file(), name
    assert list(bundle.glob("wasm.*.pagefind")) and list(bundle.glob("pagefind.*.pf_meta"))
    assert not [name for name in UNUSED if (bundle / name).exists()]
    assert result.search is not None and result.search.pages == 5
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["ko"]["page_count"] == 5


def test_an_unchanged_index_comes_from_the_cache(
    project: Project, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    first = run_build(project)
    bundle = tree(project.out / "pagefind")
    # Pagefind cannot run now: the second build must not need it.
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(failing_pagefind(tmp_path)))
    again = run_build(project)
    assert first.search is not None and not first.search.cached
    assert again.search is not None and again.search.cached
    assert tree(project.out / "pagefind") == bundle
    monkeypatch.delenv("PAGEFIND_BINARY_PATH")
    project.product("lathe", "자동 선반", date="2025-02-10", company="bobs")
    changed = run_build(project)
    assert changed.search is not None and not changed.search.cached
    assert tree(project.out / "pagefind") != bundle
    assert readable(fragments(project.out)["products/lathe/"]["meta"]["title"]) == "자동 선반"


def test_product_and_company_pages_are_indexed_not_list_pages(project: Project) -> None:
    run_build(project)
    found = fragments(project.out)
    assert set(found) == PAGES
    lathe = found["products/lathe/"]
    meta = {key: readable(value) for key, value in lathe["meta"].items()}
    assert meta["title"] == "소형 선반"
    assert meta["company"] == "(주)테스트2"
    assert meta["summary"] == "소형 선반 요약입니다."
    assert meta["kind"] == "product"
    assert meta["image"].startswith("products/lathe/") and meta["image"].endswith(".jpg")
    assert meta["image_webp"].endswith(".webp")
    assert (project.out / meta["image"]).is_file() and (project.out / meta["image_webp"]).is_file()
    assert lathe["filters"]["category"] == ["기계·금속"]
    assert lathe["filters"]["district"] == ["남구"]
    assert lathe["filters"]["kind"] == ["제품"]
    company = found["companies/acme/"]
    assert readable(company["meta"]["title"]) == "(주)테스트1"
    assert company["filters"]["kind"] == ["참여기업"]


def test_meta_values_are_kept_out_of_the_query_space() -> None:
    for text in ("HO-LS200 (주)처용아이씨티", "스마트 LED 가로등 200 W", "products/x/photo.jpg"):
        stored = display_only(text)
        assert not any(c.isascii() and c.isalnum() for c in stored)
        assert not any("\uac00" <= c <= "\ud7a3" for c in stored)
        assert readable(stored) == text


def test_search_page_and_header_link(project: Project) -> None:
    run_build(project)
    soup = page(project.out, "search/")
    form = soup.find("form", attrs={"data-search": "page"})
    assert form is not None and form["action"] == "/search/" and form["method"] == "get"
    box = form.find("input", attrs={"name": "q"})
    assert box is not None and box["type"] == "search"
    label = soup.find("label", attrs={"for": box["id"]})
    assert label is not None and label.get_text(strip=True) == "검색어"
    noscript = soup.find("noscript")
    assert noscript is not None and "JavaScript" in noscript.get_text()
    halls = {str(a["href"]) for a in noscript.find_all("a")}
    assert {"/excellent-procurement/", "/innovation/", "/halls/machinery/"} <= halls
    config = script_config(project.out, "search/")
    assert config["rules"] == {**RULES, "phrases": []}  # no synonyms file: no phrases
    assert config["bundle"] == "/pagefind/" and config["base"] == "/"
    assert config["preset"] is None
    scripts = [str(s["src"]) for s in soup.find_all("script", attrs={"type": "module"})]
    assert "/static/js/search.js" in scripts
    assert (project.out / "static/js/search.js").is_file()
    assert (project.out / "static/js/search-terms.js").is_file()
    for path in ("", "products/lathe/", "halls/food/", "companies/", "404.html"):
        nav = page(project.out, path).find("nav", class_="main-nav")
        assert nav is not None and nav.find("a", href="/search/") is not None, path


def test_facets_list_the_values_with_their_counts(project: Project) -> None:
    run_build(project)
    soup = page(project.out, "search/")
    facets = {
        str(fieldset["data-facet"]): {
            str(one(li, "input")["value"]): int(one(li, ".facet-count").get_text())
            for li in fieldset.find_all("li")
        }
        for fieldset in soup.find_all("fieldset", class_="facet")
    }
    assert facets["category"] == {"기계·금속": 2, "식품·농수산": 1}
    assert facets["district"] == {"남구": 5}
    assert facets["kind"] == {"제품": 3, "참여기업": 2}
    assert "hall" not in facets  # no product is in a special hall yet
    project.product("lathe", "소형 선반", date="2025-02-10", company="bobs", extra=DESIGNATED)
    run_build(project)
    soup = page(project.out, "search/")
    assert one(soup, "fieldset[data-facet=hall] input")["value"] == "우수조달물품관"
    assert one(soup, "fieldset[data-facet=designation] input")["value"] == "우수조달물품"
    lathe = fragments(project.out)["products/lathe/"]
    assert lathe["filters"]["hall"] == ["우수조달물품관"]
    assert readable(lathe["meta"]["badges"]) == "excellent"


def test_hall_pages_offer_filters_and_keep_their_lists(project: Project) -> None:
    run_build(project)
    soup = page(project.out, "halls/machinery/")
    form = soup.find("form", attrs={"data-search": "hall"})
    assert form is not None and form.has_attr("hidden")  # shown by the script only
    keys = [str(f["data-facet"]) for f in form.find_all("fieldset")]
    assert "category" not in keys and "kind" not in keys and "district" in keys
    assert [o["value"] for o in form.find_all("option")] == ["newest", "name"]
    assert soup.select_one("div.hall-static ul.cards") is not None
    config = script_config(project.out, "halls/machinery/")
    assert config["preset"] == {"key": "category", "value": "기계·금속"}
    assert config["perPage"] == 24


def test_search_off(project: Project) -> None:
    config = project.config_file.read_text(encoding="utf-8")
    project.config_file.write_text(config + "search: false\n", encoding="utf-8")
    result = run_build(project)
    assert result.search is None
    assert not (project.out / "pagefind").exists()
    assert not (project.out / "search").exists()
    for path in ("", "halls/machinery/"):
        soup = page(project.out, path)
        assert soup.find("a", href="/search/") is None
        assert soup.find("form", attrs={"data-search": True}) is None
        assert soup.find("script", id="search-config") is None


def test_no_search_option(project: Project) -> None:
    from showroom.cli import main

    out = project.root / "site"
    code = main(["build", "--no-search", "--no-pdf", "-f", str(project.config_file),
                 "--out", str(out), "--date", DATE.isoformat()])  # fmt: skip
    assert code == 0
    assert not (out / "pagefind").exists() and not (out / "search").exists()
    assert page(out, "").find("a", href="/search/") is None
    assert main(["build", "--no-pdf", "-f", str(project.config_file), "--out", str(out),
                 "--date", DATE.isoformat()]) == 0  # fmt: skip
    assert (out / "pagefind" / "pagefind.js").is_file() and (out / "search").is_dir()


def test_site_under_a_sub_path(tmp_path: Path) -> None:
    project = new_project(tmp_path / "site", base_url="https://example.github.io/showroom/")
    run_build(project)
    config = script_config(project.out, "search/")
    assert config["base"] == "/showroom/" and config["bundle"] == "/showroom/pagefind/"
    soup = page(project.out, "search/")
    assert one(soup, "form[data-search=page]")["action"] == "/showroom/search/"


def failing_pagefind(folder: Path) -> Path:
    script = folder / "pagefind-broken"
    script.write_text("#!/bin/sh\necho 'Error: disk full' >&2\nexit 3\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


def test_a_failed_index_keeps_the_last_good_site(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_build(project)
    before = tree(project.out)
    project.product("lathe", "자동 선반", date="2025-02-10", company="bobs")  # to index again
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(failing_pagefind(tmp_path)))
    with pytest.raises(SearchIndexError, match=r"Pagefind failed \(exit 3\).*disk full"):
        run_build(project)
    assert tree(project.out) == before
    leftovers = [p.name for p in project.root.iterdir() if p.name.startswith(".public")]
    assert leftovers == []


def test_a_missing_pagefind_is_named(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", os.devnull + "-no-such-file")
    with pytest.raises(SearchIndexError, match=r"pagefind\[extended\]"):
        run_build(project)
    assert not project.out.exists()


def test_the_bundle_is_put_in_order(project: Project, tmp_path: Path) -> None:
    """Lists in another order (as Pagefind's hash maps give them) end up as in order."""
    project.product("lathe", "소형 선반", date="2025-02-10", company="bobs", extra=DESIGNATED)
    run_build(project)
    bundle = tmp_path / "pagefind"
    shutil.copytree(project.out / "pagefind", bundle)
    ordered = tree(bundle)
    for file in (bundle / "filter").iterdir():  # reverse the values of every filter
        name, values = reproducible._items(unpack(file), 0)
        reversed_values = reproducible._array(reproducible._items(values, 0)[::-1])
        reproducible._write(file, reproducible._array([name, reversed_values]))
    (meta_file,) = bundle.glob("pagefind.*.pf_meta")
    parts = reproducible._items(unpack(meta_file), 0)
    parts[3] = reproducible._array(reproducible._items(parts[3], 0)[::-1])  # the filters
    parts[4] = reproducible._array(reproducible._items(parts[4], 0)[::-1])  # the sorts
    reproducible._write(meta_file, reproducible._array(parts))
    assert tree(bundle) != ordered
    assert reproducible.canonicalise(bundle)
    assert tree(bundle) == ordered


def test_an_unknown_bundle_is_left_alone(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    bundle = tmp_path / "pagefind"
    bundle.mkdir()
    (bundle / "pagefind-entry.json").write_text('{"languages": {"ko": {"hash": "ko_1"}}}')
    (bundle / "pagefind.ko_1.pf_meta").write_bytes(b"not pagefind")
    with caplog.at_level(logging.WARNING):
        assert not reproducible.canonicalise(bundle)
    assert "not reproducible" in caplog.text


def test_an_empty_showroom_builds_without_a_search_page(project: Project) -> None:
    shutil.rmtree(project.root / "content/products")
    shutil.rmtree(project.root / "content/companies")
    (project.root / "content/products").mkdir()
    (project.root / "content/companies").mkdir()
    result = run_build(project)
    assert result.search is None and result.products == 0
    assert not (project.out / "search").exists() and not (project.out / "pagefind").exists()
    assert page(project.out, "").find("a", href="/search/") is None


def test_the_index_numbers_its_pages_in_the_records_order(project: Project) -> None:
    """Pagefind numbers pages in the order it meets them; read from a folder, that was the
    file system's order of the folder's entries (a hash on ext4, seeded per disk; the time on
    tmpfs), so two machines made two indexes. Through its service the order is the records'
    (products as the site lists them, then companies) on every file system."""
    for n in range(12):
        project.product(f"item-{n:02d}", f"시험 제품 {n:02d}번", date=f"2025-05-{n + 1:02d}")
    run_build(project)
    site = check(BuildOptions(config_file=project.config_file, date=DATE)).site
    expected = [f"/products/{p.slug}/" for p in site.products]
    expected += [f"/companies/{c.slug}/" for c in site.companies]
    bundle = project.out / "pagefind"
    urls = {f.stem: json.loads(unpack(f))["url"] for f in (bundle / "fragment").iterdir()}
    (meta_file,) = bundle.glob("pagefind.*.pf_meta")
    pages = reproducible._items(reproducible._items(unpack(meta_file), 0)[1], 0)
    found = [urls[reproducible._text(reproducible._items(p, 0)[0])] for p in pages]
    assert found == expected


def test_a_stopped_index_raises(tmp_path: Path) -> None:
    """Stopped whatever the service has done yet (index_bundle drops its staging folder)."""
    stop = threading.Event()
    stop.set()
    page_html = '<html lang="ko"><body><h1>시험</h1></body></html>'
    with pytest.raises(pagefind_service.Stopped):
        pagefind_service.index_pages(
            executable(), [("/a/", page_html)], tmp_path / "bundle", {}, stop
        )
    pagefind_service.index_pages(executable(), [("/a/", page_html)], tmp_path / "bundle", {})
    assert (tmp_path / "bundle" / "pagefind.js").is_file()
