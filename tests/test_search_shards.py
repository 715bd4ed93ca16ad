"""A large site's search index in shards (search/shards.py): each shard its own Pagefind bundle,
made only when its pages changed, published at pagefind/ (the primary) and pagefind/shard-N/;
below the limit, one bundle as before."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from showroom.build import BuildOptions, BuildResult, build
from showroom.build.state import BuildState
from showroom.config import load_config
from showroom.problems import Problems
from showroom.report import print_summary
from showroom.search import shards
from showroom.server.serve import watched_paths
from showroom.state.files import Unchanged
from tests.conftest import ROOT, SAMPLE_DATE
from tests.projects import COMPANY, Project, new_project
from tests.site_files import page, tree
from tests.test_build import DATE
from tests.test_search_index import unpack

DISTRICTS = ("중구", "남구", "동구", "북구")
LIMIT = 10
PAGES = 49  # 43 products (new_project has 3) and 6 companies


def sharded_project(root: Path, products: int = 40, limit: int | None = LIMIT) -> Project:
    """A project of `products` products of four companies in four districts, in two halls;
    `limit`: the `search_shard_pages` setting (none: the default)."""
    project = new_project(root)
    if limit is not None:
        config = project.config_file.read_text(encoding="utf-8")
        project.config_file.write_text(config + f"search_shard_pages: {limit}\n", "utf-8")
    for n, district in enumerate(DISTRICTS):
        text = COMPANY.format(n=n).replace("남구", district)
        project.write(f"content/companies/maker-{n}.yml", text)
    for n in range(products):
        project.product(
            f"tool-{n:02d}",
            f"공구 {chr(0xB098 + 28 * n)}람",
            category="machinery" if n % 3 else "food",
            company=f"maker-{n % 4}",
            colour="#3366aa",  # one photo, encoded once
        )
    return project


def run(project: Project, out: Path | None = None) -> BuildResult:
    options = BuildOptions(config_file=project.config_file, out=out, date=DATE, pdf=False)
    return build(options)


def bundles(out: Path) -> dict[str, Path]:
    """Each published bundle's folder by its site path (pagefind/, pagefind/shard-N/)."""
    found = {"pagefind/": out / "pagefind"}
    for folder in sorted((out / "pagefind").glob("shard-*")):
        found[f"pagefind/{folder.name}/"] = folder
    return found


def bundle_trees(out: Path) -> dict[str, dict[str, bytes]]:
    """Each published bundle's files (the primary's without the shards' folders)."""
    found = {path: tree(folder) for path, folder in bundles(out).items()}
    found["pagefind/"] = {k: v for k, v in found["pagefind/"].items() if not k.startswith("shard-")}
    return found


def pages_in(bundle: Path) -> set[str]:
    """The site paths of the pages a bundle indexes."""
    found = set()
    for file in (bundle / "fragment").iterdir():
        data: dict[str, Any] = json.loads(unpack(file))
        found.add(data["url"].lstrip("/"))
    return found


def cache_entries(project: Project) -> set[str]:
    folder = project.root / ".cache" / "search"
    return {p.name for p in folder.iterdir() if not p.name.startswith(".")}


def search_line(project: Project, result: BuildResult, capsys: pytest.CaptureFixture[str]) -> str:
    """The build summary's search line."""
    capsys.readouterr()
    print_summary(result, BuildOptions(config_file=project.config_file))
    return next(line for line in capsys.readouterr().out.splitlines() if "search:" in line)


def script_config(out: Path, path: str) -> dict[str, Any]:
    element = page(out, path).find("script", id="search-config")
    assert element is not None
    data: dict[str, Any] = json.loads(element.get_text())
    return data


@pytest.fixture(scope="module")
def sharded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, BuildResult]:
    project = sharded_project(tmp_path_factory.mktemp("shards") / "site")
    return project, run(project)


def test_a_large_index_is_published_in_shards(
    sharded: tuple[Project, BuildResult], capsys: pytest.CaptureFixture[str]
) -> None:
    project, result = sharded
    out = project.out
    found = bundles(out)
    index = result.search
    assert index is not None and index.pages == PAGES
    count = shards.shard_count(PAGES, 1, LIMIT)
    assert count == 5 and index.shards == len(found) >= 2 and index.indexed == index.shards
    assert (out / "pagefind" / "pagefind.js").is_file()
    every: list[str] = []
    for path, folder in found.items():
        assert (folder / "pagefind-entry.json").is_file(), path
        entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert list(entry["languages"]) == ["ko"]
        if path != "pagefind/":  # searched by the primary's script and WebAssembly
            assert not (folder / "pagefind.js").exists()
            assert not list(folder.glob("wasm.*"))
        held = pages_in(folder)
        assert 0 < len(held) <= 2 * LIMIT, path
        every += held
    assert len(every) == len(set(every)) == PAGES  # each page in exactly one shard
    config = script_config(out, "search/")
    assert config["shards"] == ["/" + p for p in found if p != "pagefind/"]
    assert all(url.startswith("/pagefind/shard-") for url in config["shards"])
    line = search_line(project, result, capsys)
    assert f"{index.shards} shards, {index.shards} indexed in " in line, line
    assert line.startswith(f"  search:   {PAGES} pages, ") and " MB; " in line, line


def test_an_edit_makes_only_its_shard_again(tmp_path: Path) -> None:
    project = sharded_project(tmp_path / "site")
    run(project)
    before_entries = cache_entries(project)
    before = bundle_trees(project.out)
    edited = "tool-07"
    where = next(p for p, f in bundles(project.out).items() if f"products/{edited}/" in pages_in(f))
    index_md = project.root / "content" / "products" / edited / "index.md"
    index_md.write_text(index_md.read_text(encoding="utf-8") + "\n새 문단: 연마\n", "utf-8")
    result = run(project)
    assert result.search is not None
    assert (result.search.shards, result.search.indexed) == (len(before), 1)
    assert len(cache_entries(project) - before_entries) == 1  # one Pagefind run, one new bundle
    after = bundle_trees(project.out)
    assert after.keys() == before.keys()
    changed = [path for path in before if before[path] != after[path]]
    assert changed == [where]
    again = run(project)  # nothing changed: every shard from the cache
    assert again.search is not None and (again.search.indexed, again.search.cached) == (0, True)


def test_below_the_limit_one_bundle_as_before(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same pages under the default limit: one bundle, no shard folders, no `shards` in
    the page's configuration; and the bundle is the one a limit far above it gives."""
    project = sharded_project(tmp_path / "site", limit=None)
    result = run(project)
    assert result.search is not None and result.search.shards == 1
    assert not list((project.out / "pagefind").glob("shard-*"))
    assert "shards" not in script_config(project.out, "search/")
    assert pages_in(project.out / "pagefind") and len(pages_in(project.out / "pagefind")) == PAGES
    assert "shards" not in search_line(project, result, capsys)


def test_serve_publishes_the_last_shards_while_new_ones_are_made(tmp_path: Path) -> None:
    """serve's way (search_later): an edit publishes the pages at once with the last shards;
    the pending job makes the changed shard, and the next build publishes it, as a clean build
    would."""
    project = sharded_project(tmp_path / "site")
    config = load_config(project.config_file, Problems())
    preview = project.root / "preview"
    options = BuildOptions(config_file=project.config_file, out=preview, date=DATE, pdf=False)
    state = BuildState(project.root / ".cache/build", persist=False)
    roots = watched_paths(config)
    first = build(options, state=state, search_later=True)
    assert first.search_pending is None and first.search is not None
    last = bundle_trees(preview)
    index_md = project.root / "content" / "products" / "tool-11" / "index.md"
    index_md.write_text(index_md.read_text(encoding="utf-8") + "\n새 문단: 절삭\n", "utf-8")
    result = build(
        options, state=state, unchanged=Unchanged(roots, [str(index_md)]), search_later=True
    )
    assert result.search_pending is not None and result.search is not None
    assert result.search.stale
    assert bundle_trees(preview) == last
    entries = cache_entries(project)
    result.search_pending()
    assert len(cache_entries(project) - entries) == 1  # the edited product's shard alone
    result = build(options, state=state, unchanged=Unchanged(roots, []), search_later=True)
    assert result.search_pending is None and result.search is not None
    assert not result.search.stale and result.pages_rendered == 0
    reference = run(project, tmp_path / "reference")
    assert reference.search is not None and reference.search.indexed == 0  # all in the cache
    assert tree(preview) == tree(tmp_path / "reference")


@pytest.mark.parametrize("count", [1, 2, 4, 5, 8])
def test_a_page_moves_only_to_the_new_shard_when_there_is_one_more(count: int) -> None:
    paths = [f"products/p-{n}/" for n in range(400)]
    now = shards.assign(paths, 1, 400 // count)
    assert set(now) == set(range(count))
    limit = -(-400 // (count + 1))
    assert shards.shard_count(400, 1, limit) == count + 1
    more = shards.assign(paths, 1, limit)
    moved = [b for a, b in zip(now, more, strict=True) if a != b]
    assert set(moved) == {count} and len(moved) < 2 * 400 // (count + 1)


def test_each_shard_holds_each_language(tmp_path: Path) -> None:
    """The sample (pages in Korean and English) in shards: every bundle has an index of each
    language, so a merged index answers in the page's language, and the search page of each
    language lists the shards."""
    root = tmp_path / "sample"
    root.mkdir()
    shutil.copytree(ROOT / "content", root / "content")
    config = (ROOT / "showroom.yml").read_text(encoding="utf-8")
    (root / "showroom.yml").write_text(config + "\nsearch_shard_pages: 30\n", encoding="utf-8")
    options = BuildOptions(config_file=root / "showroom.yml", date=SAMPLE_DATE, pdf=False)
    result = build(options)
    assert result.search is not None and result.search.shards >= 3
    out = root / "public"
    found = bundles(out)
    for folder in found.values():
        entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert sorted(entry["languages"]) == ["en", "ko"]
    others = ["/" + path for path in found if path != "pagefind/"]
    assert script_config(out, "search/")["shards"] == others
    assert script_config(out, "en/search/")["shards"] == others
