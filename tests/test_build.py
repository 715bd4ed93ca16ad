"""Building small projects: output, halls by date, safety, atomic swap, reproducibility."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from showroom.build import BuildOptions, BuildResult, build
from showroom.errors import ContentError
from tests.projects import Project, new_project
from tests.site_files import broken_links, html_files, page, parse, tree

DATE = dt.date(2026, 11, 28)

DESIGNATED = """\
excellent_procurement:
  number: 2023-우수-0042
  from: 2024-01-01
  until: 2026-12-31
"""


def run_build(project: Project, date: dt.date = DATE, out: Path | None = None) -> BuildResult:
    return build(BuildOptions(config_file=project.config_file, out=out or project.out, date=date))


def hall_slugs(out: Path, path: str) -> list[str]:
    """The product slugs linked from the product cards of a list page."""
    soup = page(out, path)
    main = soup.find("main")
    assert main is not None
    found = []
    for link in main.find_all("a", href=True):
        href = str(link["href"])
        if "/products/" in href:
            slug = href.rstrip("/").rsplit("/", 1)[-1]
            if slug not in found:
                found.append(slug)
    return found


def test_build_writes_every_kind_of_page(project: Project) -> None:
    result = run_build(project)
    out = project.out
    for path in (
        "index.html",
        "halls/machinery/index.html",
        "halls/food/index.html",
        "excellent-procurement/index.html",
        "innovation/index.html",
        "products/drill-press/index.html",
        "companies/index.html",
        "companies/acme/index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "feed.xml",
        "static/css/site.css",
    ):
        assert (out / path).is_file(), path
    assert result.products == 3
    assert result.pages["product"] == 3
    assert result.pages["company"] == 2
    assert broken_links(out, "/") == []


def test_every_page_has_head_metadata(project: Project) -> None:
    run_build(project)
    for file in html_files(project.out):
        soup = parse(file)
        html = soup.find("html")
        assert html is not None and html.get("lang") == "ko", file
        assert soup.title is not None and soup.title.get_text(strip=True), file
        description = soup.find("meta", attrs={"name": "description"})
        assert description is not None and description.get("content"), file
        canonical = soup.find("link", rel="canonical")
        assert canonical is not None, file
        assert str(canonical["href"]).startswith("https://example.org/"), file
        for prop in ("og:title", "og:description", "og:url", "og:type"):
            assert soup.find("meta", property=prop) is not None, (file, prop)


def test_product_json_ld_is_a_product_with_its_manufacturer(project: Project) -> None:
    run_build(project)
    soup = page(project.out, "products/drill-press/")
    script = soup.find("script", type="application/ld+json")
    assert script is not None
    data = json.loads(script.get_text())
    assert data["@type"] == "Product"
    assert data["name"] == "탁상 드릴"
    assert data["manufacturer"]["@type"] == "Organization"
    assert data["manufacturer"]["name"] == "(주)테스트1"
    assert data["url"] == "https://example.org/products/drill-press/"
    assert "offers" not in data and "review" not in data and "aggregateRating" not in data


def test_hall_membership_follows_the_build_date(project: Project) -> None:
    project.product("designated", "지정 제품", extra=DESIGNATED)
    run_build(project, dt.date(2026, 11, 28))
    assert "designated" in hall_slugs(project.out, "excellent-procurement/")
    assert "designated" in hall_slugs(project.out, "halls/machinery/")

    result = run_build(project, dt.date(2027, 1, 1))
    assert "designated" not in hall_slugs(project.out, "excellent-procurement/")
    assert "designated" in hall_slugs(project.out, "halls/machinery/")
    warnings = [w.format() for w in result.warnings]
    assert (
        "content/products/designated/index.md:13: warning: excellent_procurement.until: the "
        "designation expired on 2026-12-31; the product is not shown in the special hall"
    ) in warnings


def test_expired_designation_has_no_badge(project: Project) -> None:
    project.product("designated", "지정 제품", extra=DESIGNATED)
    run_build(project, dt.date(2026, 11, 28))
    current = page(project.out, "products/designated/").select(".badge-excellent")
    run_build(project, dt.date(2027, 1, 1))
    expired = page(project.out, "products/designated/").select(".badge-excellent")
    assert current and not expired


def test_designations_ending_soon_are_listed(project: Project) -> None:
    project.product("designated", "지정 제품", extra=DESIGNATED)
    result = run_build(project, dt.date(2026, 11, 28))
    assert [(e.product.slug, e.days_left) for e in result.expiring] == [("designated", 33)]
    result = run_build(project, dt.date(2026, 9, 1))
    assert result.expiring == ()


def test_pagination(tmp_path: Path) -> None:
    project = new_project(tmp_path / "site", per_page=1)
    run_build(project)
    assert (project.out / "halls/machinery/page/2/index.html").is_file()
    assert not (project.out / "halls/machinery/page/3/index.html").exists()
    assert hall_slugs(project.out, "halls/machinery/") == ["lathe"]  # newest first
    assert hall_slugs(project.out, "halls/machinery/page/2/") == ["drill-press"]
    assert broken_links(project.out, "/") == []


def test_drafts_are_validated_but_not_published(project: Project) -> None:
    project.product("secret", "비공개 제품", extra="draft: true\n")
    result = run_build(project)
    assert result.drafts == 1
    assert not (project.out / "products/secret").exists()
    assert "secret" not in (project.out / "sitemap.xml").read_text(encoding="utf-8")


def test_failed_build_leaves_the_last_good_site(project: Project) -> None:
    run_build(project)
    before = tree(project.out)
    project.write("content/products/lathe/index.md", "---\nname: [broken\n---\n")
    with pytest.raises(ContentError):
        run_build(project)
    assert tree(project.out) == before
    leftovers = [p.name for p in project.root.iterdir() if p.name.startswith(".public")]
    assert leftovers == []


def test_successful_build_leaves_nothing_stale(project: Project) -> None:
    run_build(project)
    assert (project.out / "products/lathe/index.html").is_file()
    shutil.rmtree(project.root / "content/products/lathe")
    run_build(project)
    assert not (project.out / "products/lathe").exists()
    assert "lathe" not in (project.out / "sitemap.xml").read_text(encoding="utf-8")


def test_builds_are_reproducible(project: Project, tmp_path: Path) -> None:
    run_build(project, out=tmp_path / "one")
    run_build(project, out=tmp_path / "two")
    assert tree(tmp_path / "one") == tree(tmp_path / "two")


def test_build_into_the_project_folder_is_refused(project: Project) -> None:
    with pytest.raises(Exception, match="is the project itself"):
        run_build(project, out=project.root)


def test_site_under_a_sub_path(tmp_path: Path) -> None:
    project = new_project(tmp_path / "site", base_url="https://example.github.io/showroom/")
    run_build(project)
    assert broken_links(project.out, "/showroom/") == []
    home = page(project.out, "")
    stylesheet = home.find("link", rel="stylesheet")
    assert stylesheet is not None and str(stylesheet["href"]).startswith("/showroom/")
    canonical = page(project.out, "products/lathe/").find("link", rel="canonical")
    assert canonical is not None
    assert canonical["href"] == "https://example.github.io/showroom/products/lathe/"
    robots = (project.out / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://example.github.io/showroom/sitemap.xml" in robots


def test_theme_override_file_by_file(project: Project) -> None:
    theme = project.root / "mytheme"
    (theme / "templates").mkdir(parents=True)
    (theme / "static/css").mkdir(parents=True)
    (theme / "static/css/site.css").write_text("/* site override */\n", encoding="utf-8")
    (theme / "static/extra.txt").write_text("extra\n", encoding="utf-8")
    (theme / "templates/404.html").write_text(
        '{% extends "base.html" %}{% block content %}<p id="custom">사용자 테마</p>{% endblock %}',
        encoding="utf-8",
    )
    (theme / "strings").mkdir()
    (theme / "strings/ko.yml").write_text("companies: 입주기업\n", encoding="utf-8")
    config = project.config_file.read_text(encoding="utf-8")
    project.config_file.write_text(config + "theme: mytheme\n", encoding="utf-8")
    run_build(project)
    out = project.out
    assert (out / "static/css/site.css").read_text(encoding="utf-8") == "/* site override */\n"
    assert (out / "static/extra.txt").is_file()
    assert page(out, "404.html").find(id="custom") is not None
    assert page(out, "products/lathe/").find("main") is not None  # default template still used
    title = page(out, "companies/").title
    assert title is not None and "입주기업" in title.get_text()


MALICIOUS_BODY = """\
<script>alert('body')</script>

[click](javascript:alert('link')) and [data](data:text/html;base64,PHNjcmlwdD4=)

![x](javascript:alert('img'))

Paragraph with attributes {onclick="alert('attr')"}

<img src=x onerror="alert('img2')">
"""


@pytest.mark.parametrize("allow_html", [False, True])
def test_content_never_runs_script(project: Project, allow_html: bool) -> None:
    path = project.root / "content/products/lathe/index.md"
    text = path.read_text(encoding="utf-8")
    head, _ = text.rsplit("---\n", 1)
    path.write_text(head + "---\n" + MALICIOUS_BODY, encoding="utf-8")
    if allow_html:
        config = project.config_file.read_text(encoding="utf-8")
        project.config_file.write_text(config + "allow_html: true\n", encoding="utf-8")
    run_build(project)
    html = (project.out / "products/lathe/index.html").read_text(encoding="utf-8")
    soup = parse(project.out / "products/lathe/index.html")
    for script in soup.find_all("script"):  # the JSON-LD, and the theme's own module alone
        if script.get("type") == "module":
            assert script.get("src") == "/static/js/shortlist.js" and not script.string
        else:
            assert script.get("type") == "application/ld+json"
    for element in soup.find_all(True):
        for attribute, value in element.attrs.items():
            assert not attribute.startswith("on"), (element.name, attribute)
            if attribute in ("href", "src"):
                assert not str(value).lower().startswith(("javascript:", "data:")), value
    if not allow_html:
        assert "&lt;script&gt;" in html  # shown as text, not dropped silently


def test_text_is_normalised_to_nfc(project: Project) -> None:
    import unicodedata

    nfd_name = unicodedata.normalize("NFD", "정밀 선반")
    project.product("lathe", nfd_name, company="bobs", date="2025-02-10")
    run_build(project)
    html = (project.out / "products/lathe/index.html").read_text(encoding="utf-8")
    assert "정밀 선반" in html
    assert nfd_name not in html


def test_sitemap_robots_and_feed(project: Project) -> None:
    import xml.etree.ElementTree as ET

    run_build(project)
    robots = (project.out / "robots.txt").read_text(encoding="utf-8")
    assert "Disallow: /\n" not in robots
    assert "Allow: /" in robots or "Disallow:\n" in robots
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [e.text or "" for e in ET.parse(project.out / "sitemap.xml").findall(".//s:loc", ns)]
    assert "https://example.org/products/lathe/" in locs
    for loc in locs:
        relative = loc.removeprefix("https://example.org/")
        target = (
            project.out / relative / "index.html"
            if relative.endswith("/") or not relative
            else project.out / relative
        )
        assert target.is_file(), loc
    atom = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.parse(project.out / "feed.xml")
    entries = feed.findall("a:entry", atom)
    assert [e.findtext("a:title", namespaces=atom) for e in entries] == [
        "쌀 떡",
        "소형 선반",
        "탁상 드릴",
    ]
