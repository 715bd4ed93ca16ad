"""Incremental builds: after every kind of edit, the output equals a clean full build's, byte
for byte; a build with nothing changed writes nothing; a failed build changes nothing."""

from __future__ import annotations

import datetime as dt
import operator
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from showroom.build import BuildOptions, BuildResult, build, check
from showroom.build.state import BuildState
from showroom.config import load_config
from showroom.content.memo import Parsed, ParseMemo
from showroom.content.model import Product
from showroom.errors import ContentError
from showroom.output import OutputPlan, Planned, apply_plan
from showroom.problems import Problems
from showroom.server.serve import watched_paths
from showroom.site.structure import Site, build_site
from showroom.state.files import FileDigests, Unchanged
from showroom.state.reuse import Memory
from showroom.theme.folders import DEFAULT_THEME
from tests.projects import Project, make_image, new_project
from tests.site_files import tree
from tests.watching import changes, snapshot

DATE = dt.date(2026, 11, 28)

DESIGNATED = """\
excellent_procurement:
  number: 2024-우수-0001
  from: 2024-01-01
  until: 2026-12-31
"""


def incremental(project: Project, date: dt.date = DATE) -> BuildResult:
    options = BuildOptions(config_file=project.config_file, date=date, pdf=False)
    return build(options)


def clean_copy_build(project: Project, where: Path, date: dt.date = DATE) -> Path:
    """A full build of a copy of the project made without any build state or cache but the
    photo renditions of the test's earlier reference builds (kept beside `where`), so that a
    reference encodes only the photos new to it. Nothing of the project's own caches comes
    in. A rendition is found by the hash of its photo and settings, and a copied one is
    checked against the sha256 it was made with (images/cache.py); the photo cache itself is
    tested in test_images.py and safety/test_caches.py."""
    photos = where.parent / "reference-photos"
    if where.exists():
        shutil.rmtree(where)
    shutil.copytree(project.root, where, ignore=shutil.ignore_patterns(".cache", "public"))
    if photos.exists():
        shutil.copytree(photos, where / ".cache/images")
    options = BuildOptions(config_file=where / "showroom.yml", date=date, pdf=False, clean=True)
    result = build(options)
    assert not result.incremental
    shutil.rmtree(photos, ignore_errors=True)
    (where / ".cache/images").rename(photos)
    return where / "public"


def stat_of(out: Path) -> dict[str, tuple[int, int, int]]:
    return {
        p.relative_to(out).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns, p.stat().st_size)
        for p in sorted(out.rglob("*"))
    }


def add_product(project: Project) -> None:
    project.product("new-drill", "신형 드릴", date="2026-01-05", extra=DESIGNATED)


def change_category(project: Project) -> None:
    index = project.root / "content/products/new-drill/index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace("category: machinery", "category: food"),
        encoding="utf-8",
    )


def expire_designation(project: Project) -> None:
    index = project.root / "content/products/new-drill/index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace("until: 2026-12-31", "until: 2026-10-31"),
        encoding="utf-8",
    )


def rename_photo(project: Project) -> None:
    folder = project.root / "content/products/lathe"
    (folder / "photo.jpg").rename(folder / "lathe-front.jpg")
    index = folder / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace("src: photo.jpg", "src: lathe-front.jpg"),
        encoding="utf-8",
    )


def replace_photo(project: Project) -> None:
    make_image(project.root / "content/products/lathe/lathe-front.jpg", color="#aa3300")


def delete_product(project: Project) -> None:
    shutil.rmtree(project.root / "content/products/drill-press")


def edit_template(project: Project) -> None:
    source = (DEFAULT_THEME / "templates/product.html").read_text(encoding="utf-8")
    edited = source.replace("{% block content %}", "{% block content %}<p>수정된 템플릿</p>", 1)
    assert edited != source
    project.write("theme/templates/product.html", edited)


def edit_config(project: Project) -> None:
    config = project.config_file.read_text(encoding="utf-8")
    project.config_file.write_text(config.replace("테스트 홍보관", "새 이름 홍보관"), "utf-8")


def edit_company(project: Project) -> None:
    path = project.root / "content/companies/acme.yml"
    text = path.read_text(encoding="utf-8").replace("(주)테스트1", "(주)바뀐회사")
    path.write_text(text, encoding="utf-8")


def edit_body(project: Project) -> None:
    index = project.root / "content/products/rice-cake/index.md"
    text = index.read_text(encoding="utf-8").replace("설명 본문입니다.", "고친 **본문**입니다.")
    index.write_text(text, encoding="utf-8")


def add_synonyms(project: Project) -> None:
    project.write(
        "content/search/synonyms.yml",
        "groups:\n  - terms: [드릴, 천공기, 구멍 뚫는 기계]\n  - terms: [선반, 레이스]\n",
    )


def edit_synonyms(project: Project) -> None:
    path = project.root / "content/search/synonyms.yml"
    text = path.read_text(encoding="utf-8").replace("구멍 뚫는 기계", "드릴 머신")
    path.write_text(text, encoding="utf-8")


def delete_synonyms(project: Project) -> None:
    (project.root / "content/search/synonyms.yml").unlink()


EDITS: list[tuple[str, Callable[[Project], None]]] = [
    ("add a product", add_product),
    ("change its category", change_category),
    ("move its designation's end before the build date", expire_designation),
    ("rename a photo", rename_photo),
    ("replace a photo", replace_photo),
    ("edit a Markdown body", edit_body),
    ("delete a product", delete_product),
    ("edit a template", edit_template),
    ("edit showroom.yml", edit_config),
    ("edit a company", edit_company),
    ("add search synonyms", add_synonyms),
    ("edit a synonym phrase", edit_synonyms),
    ("delete the synonyms file", delete_synonyms),
]


@pytest.fixture
def themed(tmp_path: Path, photo_cache: Path) -> Project:
    """The test project with a site theme folder (empty until a template is overridden) and
    two products per hall page, so that pagination shifts; the photos of its first three
    products already in its cache (see conftest's `project`)."""
    project = new_project(tmp_path / "site", per_page=2)
    shutil.copytree(photo_cache, project.root / ".cache/images")
    project.config_file.write_text(
        project.config_file.read_text(encoding="utf-8") + "theme: theme\n", encoding="utf-8"
    )
    (project.root / "theme/templates").mkdir(parents=True)
    project.product("press", "유압 프레스", date="2025-04-10")
    return project


@pytest.mark.long
def test_every_edit_gives_the_output_of_a_clean_build(themed: Project, tmp_path: Path) -> None:
    first = incremental(themed)
    assert not first.incremental
    for step, edit in EDITS:
        edit(themed)
        result = incremental(themed)
        assert result.incremental, step
        assert 0 < result.pages_rendered < sum(result.pages.values()) or step in (
            "edit showroom.yml",  # every page shows the title
        ), step
        reference = clean_copy_build(themed, tmp_path / "reference")
        assert tree(themed.out) == tree(reference), step


def test_a_new_build_date_gives_the_output_of_a_clean_build(
    themed: Project, tmp_path: Path
) -> None:
    add_product(themed)  # designated until 2026-12-31
    incremental(themed)
    later = dt.date(2027, 1, 5)
    result = incremental(themed, later)
    assert result.incremental
    assert tree(themed.out) == tree(clean_copy_build(themed, tmp_path / "reference", later))


def test_a_second_build_writes_nothing(themed: Project) -> None:
    incremental(themed)
    before = stat_of(themed.out)
    folder = themed.out.stat().st_ino
    result = incremental(themed)
    assert result.incremental
    assert (result.pages_rendered, result.files_written, result.files_removed) == (0, 0, 0)
    assert themed.out.stat().st_ino == folder
    assert stat_of(themed.out) == before


def test_a_failed_build_changes_nothing_and_the_next_one_catches_up(
    themed: Project, tmp_path: Path
) -> None:
    incremental(themed)
    before = stat_of(themed.out)
    edit_body(themed)
    index = themed.root / "content/products/lathe/index.md"
    good = index.read_text(encoding="utf-8")
    index.write_text(good.replace("category: machinery", "category: nowhere"), "utf-8")
    with pytest.raises(ContentError):
        incremental(themed)
    assert stat_of(themed.out) == before
    index.write_text(good, encoding="utf-8")
    result = incremental(themed)
    assert result.incremental
    assert tree(themed.out) == tree(clean_copy_build(themed, tmp_path / "reference"))


def test_a_template_error_changes_nothing(themed: Project) -> None:
    incremental(themed)
    before = stat_of(themed.out)
    themed.write(
        "theme/templates/company.html",
        "{% extends 'base.html' %}{% block content %}{{ nothing.here }}{% endblock %}",
    )
    with pytest.raises(Exception, match="nothing"):
        incremental(themed)
    assert stat_of(themed.out) == before


def test_a_changed_output_folder_is_written_afresh(themed: Project) -> None:
    """The state describes the folder it saw: a folder replaced by other means is rebuilt."""
    incremental(themed)
    shutil.rmtree(themed.out)
    themed.out.mkdir()
    result = incremental(themed)
    assert not result.incremental
    assert (themed.out / "index.html").is_file()


def test_clean_ignores_the_state(themed: Project) -> None:
    incremental(themed)
    options = BuildOptions(config_file=themed.config_file, date=DATE, pdf=False, clean=True)
    result = build(options)
    assert not result.incremental
    assert result.pages_rendered == sum(result.pages.values())


def test_unchanged_content_is_not_parsed_again(themed: Project) -> None:
    """A saved file with the same bytes (a new mtime) parses nothing and renders nothing."""
    incremental(themed)
    index = themed.root / "content/products/lathe/index.md"
    index.write_bytes(index.read_bytes())
    stat = index.stat()
    os.utime(index, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    result = incremental(themed)
    assert (result.pages_rendered, result.files_written) == (0, 0)


@pytest.mark.long
def test_the_preview_servers_rebuilds_give_the_output_of_a_clean_build(
    themed: Project, tmp_path: Path
) -> None:
    """serve's way: one state in memory, and the watcher's list of changed files (every other
    file is trusted unchanged), through the same sequence of edits; and a search index that
    must be made again is put off: the pages are published at once with the last index, and
    once the pending job made the new one, the next build publishes it."""
    config = load_config(themed.config_file, Problems())
    options = BuildOptions(
        config_file=themed.config_file, out=themed.root / "preview", date=DATE, pdf=False
    )
    state = BuildState(themed.root / ".cache/build", persist=False)
    roots = watched_paths(config)
    before = snapshot(roots)
    first = build(options, state=state, search_later=True)
    assert first.search_pending is None  # no earlier index to serve meanwhile
    put_off = []
    for step, edit in EDITS:
        last = bundle(tree(themed.root / "preview"))
        edit(themed)
        after = snapshot(roots)
        changed = changes(before, after)
        before = after
        result = build(options, state=state, unchanged=Unchanged(roots, changed), search_later=True)
        assert result.incremental, step
        reference = tree(clean_copy_build(themed, tmp_path / "reference"))
        output = tree(themed.root / "preview")
        if result.search_pending is not None:
            put_off.append(step)
            assert result.search is not None and result.search.stale
            assert pages(output) == pages(reference), step
            assert bundle(output) == last != bundle(reference), step
            result.search_pending()
            result = build(options, state=state, unchanged=Unchanged(roots, []), search_later=True)
            assert result.search_pending is None and result.pages_rendered == 0, step
            assert result.search is not None and not result.search.stale
            output = tree(themed.root / "preview")
        assert output == reference, step
    assert "edit a Markdown body" in put_off and "add a product" in put_off
    assert "edit a template" not in put_off  # nothing indexed changed
    result = build(options, state=state, unchanged=Unchanged(roots, []))
    assert (result.pages_rendered, result.files_written) == (0, 0)


def bundle(files: dict[str, bytes]) -> dict[str, bytes]:
    """The search index's files of a site."""
    return {path: data for path, data in files.items() if path.startswith("pagefind/")}


def pages(files: dict[str, bytes]) -> dict[str, bytes]:
    """Every file of a site but the search index's."""
    return {path: data for path, data in files.items() if not path.startswith("pagefind/")}


def test_an_edit_that_moves_nothing_keeps_the_layout(themed: Project) -> None:
    """serve's rebuild of an edit that leaves every product in its place (a body) keeps the
    last layout instead of sorting and grouping again, with the new product objects in it;
    anything else lays the site out afresh. Either way the structure is the one a fresh build
    makes, and a hall without a changed product is the very same object."""
    options = BuildOptions(config_file=themed.config_file, date=DATE, pdf=False)
    entries: dict[str, Parsed] = {}  # the parse memo's: unchanged files give the same objects

    def slugs(products: tuple[Product, ...]) -> list[str]:
        return [p.slug for p in products]

    def shape(site: Site) -> object:
        return (
            slugs(site.products),
            [(h.slug, slugs(h.products)) for h in site.halls],
            {c: slugs(ps) for c, ps in site.products_by_company.items()},
            [(e.product.slug, e.designation, e.days_left) for e in site.expiring],
            site.designation_problems,
        )

    memory = Memory()
    checked = check(options, ParseMemo(entries, FileDigests(), ""))
    first = build_site(checked.config, checked.content, DATE, Problems(), memory)
    for edit, kept in ((edit_body, True), (add_product, False), (change_category, False)):
        edit(themed)
        fresh = check(options, ParseMemo(entries, FileDigests(), ""))
        problems = Problems()
        site = build_site(fresh.config, fresh.content, DATE, problems, memory)
        assert (site.position_in_hall is first.position_in_hall) is kept, edit
        assert shape(site) == shape(fresh.site), edit
        assert problems.sorted() == sorted(fresh.site.designation_problems), edit
        assert all(map(operator.is_, site.products, fresh.site.products)), edit
        before = {id(p) for p in first.products}
        changed = {p.slug for p in fresh.content.products if id(p) not in before}
        assert changed, edit
        for old, new in zip(first.halls, site.halls, strict=True):
            if not changed & {*slugs(old.products), *slugs(new.products)}:
                assert new is old, (edit, old.slug)
        first = site


def test_an_incremental_write_skips_files_known_present_and_removes_the_gone(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_text(name, encoding="utf-8")
    previous = {"a.txt": "da", "b.txt": "db", "c.txt": "dc"}
    inode = (folder / "b.txt").stat().st_ino
    plan = OutputPlan({"b.txt"})
    plan.data("a.txt", b"new a")
    assert plan.add_known({"b.txt": Planned("db")}, {"b.txt": "kept"}, {"b.txt": "db"}, True)
    assert not plan.add_known({"a.txt": Planned("x")}, {"a.txt": "twice"})  # already planned
    scratch = tmp_path / ".out.writing-1"
    assert apply_plan(plan, previous, folder, scratch) == (1, 1)
    assert not scratch.exists()
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt", "b.txt"]
    assert (folder / "a.txt").read_bytes() == b"new a"
    assert (folder / "b.txt").stat().st_ino == inode  # not looked at
    assert plan.digests()["b.txt"] == "db" and set(plan.digests()) == {"a.txt", "b.txt"}
    # Nothing gone: the count of files found says so without comparing every path.
    again = OutputPlan({"b.txt"})
    again.data("a.txt", b"new a")
    again.add_known({"b.txt": Planned("db")}, {"b.txt": "kept"}, {"b.txt": "db"}, True)
    assert apply_plan(again, plan.digests(), folder, scratch) == (0, 0)
