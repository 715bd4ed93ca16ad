"""Drafts (`draft: true`): shown by `build -D` (and `serve`), marked 초안 on their pages and in
their halls' lists, never in the sitemap, the feed, the search index or the catalogue; the
switch is a build input like any other."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from showroom.build import BuildOptions, BuildResult, build
from tests.projects import Project, new_project
from tests.site_files import page, tree
from tests.test_search_index import fragments, readable

DATE = dt.date(2026, 11, 28)
DRAFT = "products/secret/"
NAME = "비공개 시제품"


def with_draft(project: Project) -> Project:
    """The project with a draft, the newest product of the machinery hall."""
    project.product("secret", NAME, date="2026-03-01", extra="draft: true\n")
    return project


def run_build(project: Project, drafts: bool, out: Path | None = None) -> BuildResult:
    options = BuildOptions(
        config_file=project.config_file, out=out or project.out, date=DATE, drafts=drafts
    )
    return build(options)


def clean_build(project: Project, where: Path, drafts: bool) -> Path:
    """A build of a copy of the project without its caches or state."""
    if where.exists():
        shutil.rmtree(where)
    shutil.copytree(project.root, where, ignore=shutil.ignore_patterns(".cache", "public"))
    copy = Project(where)
    run_build(copy, drafts)
    return copy.out


def card_slugs(out: Path, path: str, selector: str = ".card") -> list[str]:
    """The slugs of the product cards of a list page that match `selector`."""
    found = []
    for card in page(out, path).select(selector):
        link = card.select_one(".card-title a")
        assert link is not None
        found.append(str(link["href"]).rstrip("/").rsplit("/", 1)[-1])
    return found


@pytest.fixture
def drafted(project: Project) -> Project:
    return with_draft(project)


def test_a_build_with_drafts_shows_them_marked(drafted: Project) -> None:
    result = run_build(drafted, drafts=True)
    assert (result.products, result.drafts, result.pages["product"]) == (3, 1, 4)
    out = drafted.out
    draft = page(out, DRAFT)
    notice = draft.select_one(".draft-notice")
    assert notice is not None and "초안" in notice.get_text()
    assert draft.select_one('meta[name="robots"][content="noindex"]') is not None
    assert page(out, "products/lathe/").select_one('meta[name="robots"]') is None
    # In its hall's list (newest first), marked; the published cards are not.
    assert card_slugs(out, "halls/machinery/") == ["secret", "lathe", "drill-press"]
    assert card_slugs(out, "halls/machinery/", ".card:has(.card-draft)") == ["secret"]
    assert card_slugs(out, "", ".card:has(.badge-draft)") == ["secret"]  # the home's newest
    assert "secret" in card_slugs(out, "companies/acme/")


def test_drafts_shown_stay_out_of_the_sitemap_feed_and_search(drafted: Project) -> None:
    run_build(drafted, drafts=True)
    out = drafted.out
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    feed = (out / "feed.xml").read_text(encoding="utf-8")
    assert "products/lathe/" in sitemap and "products/lathe/" in feed
    assert "secret" not in sitemap
    assert "secret" not in feed and NAME not in feed
    records = fragments(out)
    assert "products/lathe/" in records and DRAFT not in records
    assert not [url for url, record in records.items() if NAME in str(record)]
    # The company's record counts and names its published products alone.
    assert "등록 제품 2개" in readable(records["companies/acme/"]["meta"]["summary"])


def test_without_the_switch_a_draft_is_not_built(drafted: Project) -> None:
    result = run_build(drafted, drafts=False)
    assert (result.products, result.drafts, result.pages["product"]) == (3, 1, 3)
    assert not (drafted.out / DRAFT).exists()
    assert card_slugs(drafted.out, "halls/machinery/") == ["lathe", "drill-press"]


def test_switching_drafts_on_and_off_gives_a_clean_builds_output(
    drafted: Project, tmp_path: Path
) -> None:
    """The output folder holds what this build made: a build without drafts after one with
    them leaves no draft page, photo or listing behind, and the other way round."""
    first = run_build(drafted, drafts=True)
    assert (drafted.out / DRAFT).is_dir()
    for drafts in (False, True, False):
        result = run_build(drafted, drafts=drafts)
        assert result.pages_rendered > 0 and result.incremental, drafts
        assert tree(drafted.out) == tree(clean_build(drafted, tmp_path / "reference", drafts))
    assert not (drafted.out / DRAFT).exists()
    assert first.files_removed == 0
    again = run_build(drafted, drafts=False)
    assert (again.pages_rendered, again.files_written, again.files_removed) == (0, 0, 0)


def test_publishing_a_draft_in_a_build_with_drafts_drops_its_mark(drafted: Project) -> None:
    run_build(drafted, drafts=True)
    index = drafted.root / "content/products/secret/index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("draft: true\n", ""), "utf-8")
    result = run_build(drafted, drafts=True)
    assert result.drafts == 0 and result.products == 4
    assert page(drafted.out, DRAFT).select_one(".draft-notice") is None
    assert page(drafted.out, DRAFT).select_one('meta[name="robots"]') is None
    assert "products/secret/" in (drafted.out / "sitemap.xml").read_text(encoding="utf-8")
    assert card_slugs(drafted.out, "halls/machinery/", ".card:has(.card-draft)") == []


def test_the_catalogue_leaves_the_drafts_out(tmp_path: Path) -> None:
    project = with_draft(new_project(tmp_path / "site", catalogue=True))
    result = run_build(project, drafts=True)
    out = project.out
    for pdf in (out / "catalogue.pdf", out / "catalogue/machinery.pdf"):
        text = "".join(p.extract_text() for p in PdfReader(pdf).pages).replace("\u2060", "")
        assert "소형 선반" in text, pdf
        assert "비공개" not in text, pdf
    assert result.catalogue_pages == len(PdfReader(out / "catalogue.pdf").pages)
    assert page(out, "products/lathe/").select_one("a.resource-catalogue") is not None
    assert page(out, DRAFT).select_one("a.resource-catalogue") is None
