"""The pages' jobs in a long-running process (`serve`): a job is kept while what it is made
from is the very same objects, so an edit makes again the jobs of its own hall only, and the
planner renders only the pages whose inputs changed."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Iterator
from functools import partialmethod
from pathlib import Path

import pytest

from showroom.build import BuildOptions, build
from showroom.build.pages import GROUPS, KeptGroups, PageGroup
from showroom.render.jobs import PageJob, RenderedFile
from showroom.render.pages import Renderer
from showroom.render.site_jobs import page_job_groups
from showroom.server.serve import PreviewServer, ServeOptions
from showroom.site import urls
from tests.projects import Project

DATE = dt.date(2026, 11, 28)
Jobs = dict[str, PageJob[Renderer]]


def product_page(slug: str) -> str:
    return urls.output_file(urls.product(slug))


def group_of(kept: KeptGroups, path: str) -> PageGroup:
    """The group of pages that holds `path`."""
    return next(g for g in kept.groups.values() if any(job.path == path for job in g.jobs))


def hall_page(slug: str) -> str:
    return urls.output_file(urls.category_hall(slug))


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[Jobs]:
    """The jobs of each build, by path, as the planner was given them."""
    found: list[Jobs] = []

    def recording(renderer: Renderer) -> Iterator[tuple[PageJob[Renderer], ...]]:
        jobs: Jobs = {}
        for group in page_job_groups(renderer):
            jobs.update((job.path, job) for job in group)
            yield group
        found.append(jobs)

    monkeypatch.setattr("showroom.build.pages.page_job_groups", recording)
    return found


def test_an_edit_makes_the_jobs_of_its_hall_again_and_keeps_the_others(
    project: Project, builds: list[Jobs]
) -> None:
    server = PreviewServer(
        ServeOptions(BuildOptions(config_file=project.config_file, date=DATE, pdf=False))
    )
    gc.unfreeze()
    assert server.rebuild() is not None
    assert server.wait_for_search()
    # what the first build left is frozen: later collections do not look at it again
    assert gc.get_freeze_count() > 0
    before, count = builds[-1], len(builds)
    groups = server.state.memory.get(GROUPS)
    index = project.root / "content/products/lathe/index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n더한 문단.\n", encoding="utf-8")
    result = server.rebuild([str(index)])
    assert result is not None and server.wait_for_search()
    after = builds[count]  # the edit's build (a later one may publish the search index)
    assert after.keys() == before.keys()
    # the other hall's product page and hall page: the very same jobs
    assert after[product_page("rice-cake")] is before[product_page("rice-cake")]
    assert after[hall_page("food")] is before[hall_page("food")]
    # the edited product's hall is new: its products' jobs are made again, from the new objects
    for slug in ("lathe", "drill-press"):
        assert after[product_page(slug)] is not before[product_page(slug)]
    edited = after[product_page("lathe")].deps[0]
    assert "더한 문단" in getattr(edited, "body_markdown", "")
    assert edited in after[product_page("drill-press")].deps  # its neighbour, as it is now
    # what is rendered: the edited product's page and the pages that list it, not all pages
    assert 0 < result.pages_rendered < sum(result.pages.values()) // 2
    # what the planner decided about the other hall's products is kept whole, by identity;
    # the edited hall's group is decided anew, with the edited page's new record
    now = server.state.memory.get(GROUPS)
    assert groups is not None and now is not None and now.records is not groups.records
    assert group_of(now, product_page("rice-cake")) is group_of(groups, product_page("rice-cake"))
    edited_group = group_of(now, product_page("lathe"))
    assert edited_group is not group_of(groups, product_page("lathe"))
    lathe = product_page("lathe")
    assert edited_group.records[lathe] != group_of(groups, lathe).records[lathe]
    assert now.records[lathe] is edited_group.records[lathe]
    server.stop()


def test_an_edit_keeps_the_jobs_of_the_products_it_is_not_near(
    project: Project, builds: list[Jobs]
) -> None:
    """A product page shows of its hall the products before and after it and the newest few
    (its related ones): an edit makes again the jobs of those near it, not of its whole hall,
    and a renamed product among the newest shows on every page of its hall."""
    # ten machinery products, newest first: m0 … m9 (and the tiny project's two older ones)
    for n in range(10):
        project.product(f"m{n}", f"기계 {n}", date=f"2025-06-{20 - n:02d}", colour="#445566")
    server = PreviewServer(
        ServeOptions(BuildOptions(config_file=project.config_file, date=DATE, pdf=False))
    )
    assert server.rebuild() is not None
    before, count = builds[-1], len(builds)
    index = project.root / "content/products/m7/index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n더한 문단.\n", encoding="utf-8")
    assert server.rebuild([str(index)]) is not None
    after = builds[count]
    # the edited product and its neighbours are made again; the others are the very same jobs
    for slug in ("m6", "m7", "m8"):
        assert after[product_page(slug)] is not before[product_page(slug)], slug
    for slug in ("m0", "m4", "m5", "m9", "lathe"):
        assert after[product_page(slug)] is before[product_page(slug)], slug
    # the newest products are every page's related ones: a new name shows on all of them
    before, count = after, len(builds)
    newest = project.root / "content/products/m1/index.md"
    text = newest.read_text(encoding="utf-8")
    newest.write_text(text.replace("name: 기계 1", "name: 새 이름의 기계"), encoding="utf-8")
    assert server.rebuild([str(newest)]) is not None
    after = builds[count]
    for slug in ("m0", "m5", "m9", "drill-press"):
        assert after[product_page(slug)] is not before[product_page(slug)], slug
        page = project.root / ".cache/serve" / product_page(slug)
        assert "새 이름의 기계" in page.read_text(encoding="utf-8"), slug
    assert after[product_page("rice-cake")] is before[product_page("rice-cake")]
    server.stop()


def test_the_sitemap_and_the_feed_follow_an_edit_in_any_block_of_products(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sitemap's text and the feed's candidates are kept a block of 64 products at a
    time: an update date given to a product of a later block moves it to the top of the feed
    and changes its sitemap date, as in a clean build; an edit that leaves both as they were
    does not render them again."""
    for n in range(70):  # with the tiny project's three, two blocks and more
        day = dt.date(2025, 6, 30) - dt.timedelta(days=n)
        project.product(f"p{n:02d}", f"제품 {n}", date=day.isoformat(), colour="#445566")
    server = PreviewServer(
        ServeOptions(BuildOptions(config_file=project.config_file, date=DATE, pdf=False))
    )
    assert server.rebuild() is not None
    preview = project.root / ".cache/serve"
    old_feed = (preview / "feed.xml").read_text(encoding="utf-8")
    assert "p68" not in old_feed  # not among the 20 newest
    index = project.root / "content/products/p68/index.md"
    text = index.read_text(encoding="utf-8")
    index.write_text(text.replace("\ndate:", "\nupdated: 2026-11-20\ndate:", 1), "utf-8")
    assert server.rebuild([str(index)]) is not None
    reference = tmp_path / "reference"
    build(BuildOptions(config_file=project.config_file, out=reference, date=DATE, pdf=False))
    for name in ("feed.xml", "sitemap.xml"):
        written = (preview / name).read_text(encoding="utf-8")
        assert written == (reference / name).read_text(encoding="utf-8"), name
    feed = (preview / "feed.xml").read_text(encoding="utf-8")
    assert feed.index("/products/p68/") < feed.index("/products/p00/")
    assert "<lastmod>2026-11-20</lastmod>" in (preview / "sitemap.xml").read_text("utf-8")
    # a body edit of a product deep in the list changes neither: neither is rendered
    rendered: list[str] = []
    for name in ("sitemap_file", "feed_file"):
        method = getattr(Renderer, name)
        monkeypatch.setattr(Renderer, name, partialmethod(_counted, method, rendered))
    index = project.root / "content/products/p50/index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n더한 문단.\n", encoding="utf-8")
    result = server.rebuild([str(index)])
    assert result is not None and result.pages_rendered > 0 and rendered == []
    server.stop()


def _counted(
    renderer: Renderer, method: Callable[[Renderer], RenderedFile], calls: list[str]
) -> RenderedFile:
    calls.append(method.__name__)
    return method(renderer)
