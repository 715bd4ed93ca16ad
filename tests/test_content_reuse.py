"""The content loader in a long-running process (`serve`): with the watcher's list of changed
files, a file or folder that did not change is neither looked at nor parsed again, and after
every edit, errors included, the content and the problems are those of a fresh load."""

from __future__ import annotations

import os
import shutil
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from showroom.config import Config, load_config
from showroom.content.loader import load_content
from showroom.content.memo import Parsed, ParseMemo
from showroom.content.model import Content
from showroom.problems import Problem, Problems
from showroom.server.serve import watched_paths
from showroom.state.files import FileDigests, Unchanged
from showroom.state.reuse import Memory
from tests.projects import Project, make_image, new_project
from tests.watching import changes, snapshot

NFC = "한글제품"


def edit_body(project: Project) -> None:
    index = project.root / "content/products/lathe/index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n더한 문단.\n", encoding="utf-8")


def add_products_of_one_slug(project: Project) -> None:
    for form in ("NFC", "NFD"):
        project.product(unicodedata.normalize(form, NFC), "한글 제품")


def remove_the_first_of_them(project: Project) -> None:
    shutil.rmtree(project.root / "content/products" / NFC)


def break_a_category(project: Project) -> None:
    project.write("content/categories/food.yml", "name: 식품\norder: -1\n")


def mend_it(project: Project) -> None:
    project.category("food", "식품·농수산", 2)


def add_a_stray_file(project: Project) -> None:
    project.write("content/companies/notes.txt", "메모\n")


def add_a_folder_without_index(project: Project) -> None:
    make_image(project.root / "content/products/no-index/photo.jpg")


def give_it_a_broken_index(project: Project) -> None:
    project.write("content/products/no-index/index.md", "---\nname: [\n---\n")


def link_a_product_folder(project: Project) -> None:
    products = project.root / "content/products"
    os.symlink(products / "lathe", products / "linked")


def unlink_it(project: Project) -> None:
    (project.root / "content/products/linked").unlink()


def delete_a_product(project: Project) -> None:
    shutil.rmtree(project.root / "content/products/drill-press")


def rename_a_company(project: Project) -> None:
    path = project.root / "content/companies/bobs.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("테스트2", "바뀐 회사"), "utf-8")


EDITS: list[Callable[[Project], None]] = [
    edit_body,
    add_products_of_one_slug,
    remove_the_first_of_them,
    break_a_category,
    mend_it,
    add_a_stray_file,
    add_a_folder_without_index,
    give_it_a_broken_index,
    link_a_product_folder,
    unlink_it,
    delete_a_product,
    rename_a_company,
]


class Serving:
    """The loader as `serve` runs it: one memory, the parse memo's entries and the file
    digests carried from load to load, the watcher's list of what changed."""

    def __init__(self, project: Project) -> None:
        self.config: Config = load_config(project.config_file, Problems())
        self.roots = watched_paths(self.config)
        self.memory = Memory()
        self.entries: dict[str, Parsed] = {}
        self.known: dict[str, tuple[tuple[int, int, int, int], str]] = {}
        self.before = snapshot(self.roots)
        self.memo = ParseMemo({}, FileDigests(), "salt")

    def load(self, watched: bool = True) -> tuple[Content, list[Problem]]:
        after = snapshot(self.roots)
        unchanged = Unchanged(self.roots, changes(self.before, after)) if watched else None
        self.before = after
        self.memo = ParseMemo(self.entries, FileDigests(self.known, unchanged), "salt")
        problems = Problems()
        content = load_content(self.config, problems, self.memo, self.memory)
        self.known = self.memo.files.known
        return content, problems.sorted()


def fresh(project: Project) -> tuple[Content, list[Problem]]:
    problems = Problems()
    content = load_content(load_config(project.config_file, Problems()), problems)
    return content, problems.sorted()


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return new_project(tmp_path / "site")


def test_every_edit_gives_the_content_and_problems_of_a_fresh_load(project: Project) -> None:
    serving = Serving(project)
    assert serving.load(watched=False) == fresh(project)
    for edit in EDITS:
        edit(project)
        content, problems = serving.load()
        assert (content, problems) == fresh(project), edit.__name__
        slugs = [p.slug for p in content.products]  # in slug order, as the folders are read
        assert slugs == sorted(slugs), edit.__name__
    assert serving.load() == fresh(project)  # nothing changed
    assert serving.memo.parsed == 0


def test_only_what_changed_is_parsed_again(project: Project) -> None:
    serving = Serving(project)
    first, _ = serving.load(watched=False)
    edit_body(project)
    content, _ = serving.load()
    assert serving.memo.parsed == 1
    lathe = os.fspath(project.root / "content/products/lathe")
    assert all(path.startswith(lathe) for path in serving.memo.files.used)  # the others: not
    changed = [p.slug for p, f in zip(content.products, first.products, strict=True) if p is not f]
    assert changed == ["lathe"]
    assert content.categories == first.categories and content.companies == first.companies
    assert all(map(lambda a, b: a is b, content.categories, first.categories))
    # every object handed out has its parse key, the reused ones too
    objects = (*content.categories, *content.companies, *content.products)
    assert all(id(o) in serving.memo.key_of for o in objects)
    assert set(serving.memo.key_of.values()) <= serving.memo.used


def test_without_a_watcher_everything_is_looked_at_again(project: Project) -> None:
    serving = Serving(project)
    first, _ = serving.load(watched=False)
    index = project.root / "content/products/lathe/index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n더한 문단.\n", encoding="utf-8")
    content, _ = serving.load(watched=False)  # the memo on disk still gives the others
    assert serving.memo.parsed == 1
    assert [p is f for p, f in zip(content.products, first.products, strict=True)].count(False) == 1
