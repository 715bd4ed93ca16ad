"""Incremental builds of a bilingual site (issue 17, item 6): after every edit of a text in
either language, of a translation added or removed, and of the site's words, the output of
`showroom build` and of `serve`'s rebuild equals a clean build's, byte for byte; an edit of
one product renders again only the pages that show what changed, in each language."""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from showroom.build import BuildOptions
from showroom.build.pages import _Planner
from showroom.content.model import Product
from showroom.server.serve import PreviewServer, ServeOptions
from tests.projects import Project, new_project
from tests.site_files import page, tree
from tests.test_incremental import DATE, clean_copy_build, incremental
from tests.watching import changes, snapshot

EN_CONFIG = """\
languages: [ko, en]
en:
  title: Test Showroom
  description: A showroom for tests.
  publisher: Test Agency
"""

#: The translated product's fields (`drill-press`): specs and a photo's words too.
DRILL = """\
specs:
  무게: 12 kg
  전원: 220 V
en:
  name: Bench Drill
  summary: A bench drill for small workshops.
  features: [Quiet, Precise]
  specs:
    Weight: 12 kg
    Power: 220 V
  images:
    - alt: A grey bench drill
"""

LATHE_EN = """\
en:
  name: Small Lathe
  summary: A lathe that fits on a bench.
"""


def edit(project: Project, relative: str, old: str, new: str) -> None:
    path = project.root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, (relative, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def product_file(slug: str) -> str:
    return f"content/products/{slug}/index.md"


def add_lathe_translation(project: Project) -> None:
    edit(project, product_file("lathe"), "---\n소형 선반 설명", LATHE_EN + "---\n소형 선반 설명")


def remove_lathe_translation(project: Project) -> None:
    edit(project, product_file("lathe"), LATHE_EN, "")


def add_lathe_description(project: Project) -> None:
    project.write("content/products/lathe/index.en.md", "A lathe for **metal** and wood.\n")


def remove_lathe_description(project: Project) -> None:
    (project.root / "content/products/lathe/index.en.md").unlink()


def add_product(project: Project) -> None:
    extra = "en:\n  name: Rice Snack\n  summary: Puffed rice.\n"
    project.product("rice-snack", "쌀 과자", category="food", date="2025-05-01", extra=extra)


def drill(old: str, new: str, name: str = "index.md") -> Callable[[Project], None]:
    """An edit of the translated product's index.md (or of another file of its folder)."""
    return lambda project: edit(project, f"content/products/drill-press/{name}", old, new)


EDITS: list[tuple[str, Callable[[Project], None]]] = [
    ("edit en.name", drill("Bench Drill", "Desk Drill")),
    ("edit en.specs", drill("Weight: 12 kg", "Weight: 13 kg")),
    ("edit a photo's en alt", drill("A grey", "A blue")),
    ("edit index.en.md", drill("steel", "iron", "index.en.md")),
    ("add an en block", add_lathe_translation),
    ("add an index.en.md", add_lathe_description),
    ("remove an en block", remove_lathe_translation),
    ("remove an index.en.md", remove_lathe_description),
    ("edit a translated product's Korean summary", drill("탁상 드릴 요약", "탁상용 드릴 요약")),
    ("edit an untranslated product's Korean summary",
     lambda p: edit(p, product_file("rice-cake"), "쌀 떡 요약", "찹쌀 떡 요약")),
    ("edit a category's en name",
     lambda p: edit(p, "content/categories/machinery.yml", "Machinery", "Machines")),
    ("edit a company's en name",
     lambda p: edit(p, "content/companies/acme.yml", "Acme Ltd.", "Acme Co.")),
    ("edit showroom.yml's en title",
     lambda p: edit(p, "showroom.yml", "title: Test Showroom", "title: Tested Showroom")),
    ("add a product", add_product),
    ("remove a product", lambda p: shutil.rmtree(p.root / "content/products/lathe")),
]  # fmt: skip


def bilingual_project(root: Path, photo_cache: Path) -> Project:
    """The test project in Korean and English, two products a hall page: `drill-press`
    translated (an en block with specs and a photo's words, and index.en.md), its company and
    hall too; `lathe` and `rice-cake` not translated (they fall back to Korean)."""
    project = new_project(root, per_page=2)
    shutil.copytree(photo_cache, project.root / ".cache/images")
    config = project.config_file.read_text(encoding="utf-8")
    project.config_file.write_text(config + EN_CONFIG, encoding="utf-8")
    project.write(
        "content/categories/machinery.yml", "name: 기계·금속\norder: 1\nen:\n  name: Machinery\n"
    )
    company = project.root / "content/companies/acme.yml"
    company.write_text(
        company.read_text(encoding="utf-8") + "en:\n  name: Acme Ltd.\n  address: 1 Test Road\n",
        encoding="utf-8",
    )
    project.product("drill-press", "탁상 드릴", date="2025-01-10", extra=DRILL)
    project.write("content/products/drill-press/index.en.md", "A drill press for steel.\n")
    project.product("press", "유압 프레스", date="2025-04-10")
    return project


@pytest.fixture
def bilingual(tmp_path: Path, photo_cache: Path) -> Project:
    return bilingual_project(tmp_path / "site", photo_cache)


def test_the_project_is_bilingual_with_a_fallback(bilingual: Project) -> None:
    incremental(bilingual)
    drill = page(bilingual.out, "en/products/drill-press/")
    assert drill.h1 is not None and "Bench Drill" in drill.h1.get_text()
    lathe = page(bilingual.out, "en/products/lathe/")
    assert lathe.h1 is not None and "소형 선반" in lathe.h1.get_text()


@pytest.mark.long
def test_every_edit_of_either_language_gives_the_output_of_a_clean_build(
    bilingual: Project, tmp_path: Path
) -> None:
    assert not incremental(bilingual).incremental
    for step, change in EDITS:
        change(bilingual)
        result = incremental(bilingual)
        assert result.incremental, step
        assert 0 < result.pages_rendered < sum(result.pages.values()) or "showroom.yml" in step
        reference = clean_copy_build(bilingual, tmp_path / "reference")
        assert tree(bilingual.out) == tree(reference), step


@pytest.mark.long
def test_serves_rebuilds_of_either_language_give_the_output_of_a_clean_build(
    bilingual: Project, tmp_path: Path
) -> None:
    """serve's way: one process keeping its memory (of each language), told what changed."""
    server = PreviewServer(
        ServeOptions(BuildOptions(config_file=bilingual.config_file, date=DATE, pdf=False))
    )
    preview = server.options.build.out
    assert preview is not None
    before = snapshot(server.watched)
    assert server.rebuild() is not None and server.wait_for_search()
    for step, change in EDITS:
        change(bilingual)
        after = snapshot(server.watched)
        changed, before = changes(before, after), after
        assert server.rebuild(changed) is not None, step
        assert server.wait_for_search(), step
        reference = tree(clean_copy_build(bilingual, tmp_path / "reference"))
        assert tree(preview) == reference, step
    result = server.rebuild([])
    assert result is not None and result.pages_rendered == 0


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The output paths of the pages rendered, from now on."""
    paths: list[str] = []
    render = _Planner._render

    def recorded(self: _Planner, job: object, base: str) -> None:
        paths.append(job.path)  # type: ignore[attr-defined]
        render(self, job, base)  # type: ignore[arg-type]

    monkeypatch.setattr(_Planner, "_render", recorded)
    yield paths


def by_language(paths: list[str]) -> Counter[str]:
    return Counter("en" if p.startswith("en/") else "ko" for p in paths)


def unprefixed(paths: list[str], language: str) -> set[str]:
    """The paths rendered in one language, without its prefix."""
    if language == "ko":
        return {p for p in paths if not p.startswith("en/")}
    return {p.removeprefix("en/") for p in paths if p.startswith("en/")}


def test_an_edit_of_one_product_renders_its_pages_in_each_language(
    bilingual: Project, rendered: list[str]
) -> None:
    """A product's summary edited in Korean renders again the same few pages in each
    language where the product shows it (an untranslated one shows it in English too), and
    none in English where the English summary stands; an English summary edit renders the
    same pages in English, and none in Korean."""
    for n in range(8):  # more pages of each language: one photo for all, encoded once
        bilingual.product(f"item-{n}", f"제품 {n}", date=f"2024-0{n + 1}-01", colour="#777777")
    first = incremental(bilingual)
    one_language = sum(first.pages.values()) // 2

    rendered.clear()
    edit(bilingual, product_file("rice-cake"), "쌀 떡 요약", "찹쌀 떡 요약")
    incremental(bilingual)
    korean = unprefixed(rendered, "ko")
    assert korean == {
        "products/rice-cake/index.html",
        "halls/food/index.html",
        "companies/acme/index.html",  # its company's page and the companies index list it
        "companies/index.html",
        "index.html",  # among the newest products
        "feed.xml",
        "compare/products/rice-cake.json",  # its record for the shortlist, made from it
    }
    assert unprefixed(rendered, "en") == korean  # the fallback: the same pages show it
    assert len(korean) < one_language / 4

    rendered.clear()
    edit(bilingual, product_file("drill-press"), "탁상 드릴 요약", "탁상용 드릴 요약")
    incremental(bilingual)
    shown = unprefixed(rendered, "ko")
    # among the newest of its hall: every product page of the hall shows it as related
    assert {"products/drill-press/index.html", "products/item-0/index.html"} <= shown
    assert unprefixed(rendered, "en") == set()  # its English summary is unchanged

    rendered.clear()
    edit(bilingual, product_file("drill-press"), "for small workshops", "for workshops")
    incremental(bilingual)
    assert unprefixed(rendered, "en") == shown
    assert unprefixed(rendered, "ko") == set()  # no Korean page shows the English text


def test_a_build_with_nothing_changed_hashes_no_products_fields(
    bilingual: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pages of every language are known unchanged by the parse keys of what they show:
    a localised product's key is its source's in that language, so nothing is hashed field
    by field (5,000 products: a quarter of a second)."""
    incremental(bilingual)
    shown: list[str] = []
    own = Product.__repr__

    def counted(self: Product) -> str:
        shown.append(self.slug)
        return own(self)

    monkeypatch.setattr(Product, "__repr__", counted)
    index = bilingual.root / product_file("lathe")
    index.write_bytes(index.read_bytes())  # a new mtime: the build runs, and finds it unchanged
    result = incremental(bilingual)
    assert result.incremental and result.pages_rendered == 0
    assert shown == []
