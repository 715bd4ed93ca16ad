"""serve's rebuild after an edit of one product makes that product's pieces again (its search
record and its company's, its photos, its print-resolution warnings, its search document),
and nothing else; with nothing changed, nothing is made."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from showroom.build import BuildOptions, build
from showroom.build.publish import LINKED
from showroom.build.state import BuildState
from showroom.config import load_config
from showroom.content.model import Company, Product
from showroom.images import pipeline
from showroom.problems import Problems
from showroom.search import pagefind
from showroom.search.records import RecordMaker, SearchRecord
from showroom.server.serve import watched_paths
from showroom.state.files import Unchanged
from showroom.state.reuse import BLOCK
from tests.projects import Project, new_project
from tests.watching import changes, snapshot

DATE = dt.date(2026, 11, 28)

Made = dict[str, list[str]]


def counting(monkeypatch: pytest.MonkeyPatch) -> Made:
    """What each piece of work is made for, from now on."""
    made: Made = {"product": [], "company": [], "photos": [], "resolution": [], "document": []}
    product, company = RecordMaker.product, RecordMaker.company

    def product_record(self: RecordMaker, p: Product) -> SearchRecord:
        made["product"].append(p.slug)
        return product(self, p)

    def company_record(self: RecordMaker, c: Company) -> SearchRecord:
        made["company"].append(c.slug)
        return company(self, c)

    def wrap(module: object, name: str, kind: str, what: Callable[..., list[str]]) -> None:
        inner = getattr(module, name)

        def counted(*args: Any, **kwargs: Any) -> Any:
            made[kind] += what(*args)
            return inner(*args, **kwargs)

        monkeypatch.setattr(module, name, counted)

    monkeypatch.setattr(RecordMaker, "product", product_record)
    monkeypatch.setattr(RecordMaker, "company", company_record)
    wrap(pipeline, "_process", "photos", lambda products, *_: [p.slug for p in products])
    wrap(pipeline, "_resolution", "resolution", lambda product, *_: [product.slug])
    wrap(pagefind, "document", "document", lambda record, *_: [record.path])
    return made


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """More products than a block of names, so that most blocks hold no edited one."""
    project = new_project(tmp_path / "site")
    for n in range(2 * BLOCK):
        day = f"2024-{n % 12 + 1:02d}-01"  # one photo for all: encoded once
        project.product(f"item-{n:03d}", f"제품 {n}", date=day, colour="#777777")
    return project


def test_an_edit_of_one_product_makes_its_pieces_again_and_nothing_else(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = load_config(project.config_file, Problems())
    options = BuildOptions(
        config_file=project.config_file, out=project.root / "preview", date=DATE, pdf=False
    )
    state = BuildState(project.root / ".cache/build", persist=False)
    roots = watched_paths(config)
    before = snapshot(roots)
    build(options, state=state, search_later=True)

    def rebuild() -> None:
        nonlocal before
        after = snapshot(roots)
        unchanged = Unchanged(roots, changes(before, after))
        before = after
        build(options, state=state, unchanged=unchanged, search_later=True)

    made = counting(monkeypatch)
    photos = state.memory.of(LINKED)["photos"].key  # every photo file of the site
    index = project.root / "content/products/lathe/index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n더한 문단.\n", encoding="utf-8")
    rebuild()
    assert made == {
        "product": ["lathe"],
        "company": ["bobs"],  # the company of the product: its record names its products
        "photos": ["lathe"],
        "resolution": ["lathe"],
        "document": ["products/lathe/", "companies/bobs/"],
    }
    # its photos are equal to the last ones: the site's photos are the very same, at no cost
    assert state.memory.of(LINKED)["photos"].key is photos
    for pieces in made.values():
        pieces.clear()
    rebuild()  # nothing changed
    assert all(not pieces for pieces in made.values()), made
