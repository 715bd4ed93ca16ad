"""The sample showroom in this repository: it builds, it is complete, and nothing is broken."""

from __future__ import annotations

from pathlib import Path

from showroom.build import BuildOptions, check
from showroom.content.translations import localised
from tests.conftest import ROOT, SAMPLE_DATE, BuiltSite, build_sample
from tests.site_files import broken_links, html_files, page, parse, tree


def product_slugs(out: Path, hall_path: str) -> set[str]:
    """Product slugs on every page of a (paginated) list."""
    slugs: set[str] = set()
    folder = out / hall_path
    files = [folder / "index.html", *sorted((folder / "page").glob("*/index.html"))]
    for file in files:
        main = parse(file).find("main")
        assert main is not None
        for link in main.find_all("a", href=True):
            parts = str(link["href"]).strip("/").split("/")
            if len(parts) == 2 and parts[0] == "products":
                slugs.add(parts[1])
    return slugs


def test_sample_is_complete(sample: BuiltSite) -> None:
    out, result = sample.out, sample.result
    assert result.products >= 40
    assert result.pages["company"] >= 15
    categories = sorted(p.name for p in (out / "halls").iterdir())
    assert len(categories) >= 8
    excellent = product_slugs(out, "excellent-procurement/")
    innovation = product_slugs(out, "innovation/")
    assert len(excellent) >= 12
    assert len(innovation) >= 8
    assert len(excellent & innovation) >= 3


def test_sample_covers_the_designation_cases(sample: BuiltSite) -> None:
    result = sample.result
    expired = [w for w in result.warnings if "the designation expired" in w.message]
    assert any(w.field.startswith("excellent_procurement") for w in expired)
    assert any(e.designation.kind == "excellent" for e in result.expiring)


def test_sample_innovation_types(sample: BuiltSite) -> None:
    out = sample.out
    text = "".join(
        page(out, f"products/{slug}/").get_text() for slug in product_slugs(out, "innovation/")
    )
    for label in ("우수연구개발 혁신제품", "혁신시제품", "기타 혁신제품"):
        assert label in text, label


def test_sample_links_and_assets_resolve(sample: BuiltSite) -> None:
    assert broken_links(sample.out, "/") == []


def test_sample_pages_are_korean_and_english_under_en(sample: BuiltSite) -> None:
    files = html_files(sample.out)
    english = [f for f in files if f.relative_to(sample.out).parts[0] == "en"]
    assert len(files) - len(english) > 60
    assert len(english) > 60
    for file in files:
        html = parse(file).find("html")
        assert html is not None and html.get("lang") == ("en" if file in english else "ko"), file


def test_sample_under_a_sub_path(sample_sub_path: BuiltSite) -> None:
    out = sample_sub_path.out
    assert broken_links(out, "/showroom/") == []
    for file in html_files(out):
        for link in parse(file).find_all(["a", "link"], href=True):
            href = str(link["href"])
            assert not (href.startswith("/") and not href.startswith("/showroom/")), (file, href)


def test_sample_build_is_reproducible(sample: BuiltSite, tmp_path: Path) -> None:
    """Photos are made in parallel worker processes; the output is still byte-identical."""
    again = tmp_path / "again"
    build_sample(again)
    assert tree(again) == tree(sample.out)


def test_sample_is_bilingual() -> None:
    """Every category and company has its English text; at least 14 products have all of theirs
    (index.en.md too), in every hall and both special halls; the others fall back to Korean."""
    checked = check(BuildOptions(config_file=ROOT / "showroom.yml", date=SAMPLE_DATE))
    assert checked.config.languages == ("ko", "en")
    content = checked.content
    for category in content.categories:
        assert localised(category, "en", "ko").fallback == (), category.slug
    for company in content.companies:
        assert localised(company, "en", "ko").fallback == (), company.slug
    english = [p for p in content.products if localised(p, "en", "ko").fallback == ()]
    assert len(english) >= 14
    assert {p.category for p in english} == {c.slug for c in content.categories}
    assert any(p.excellent for p in english)
    assert any(p.innovation for p in english)
    assert all((ROOT / "content/products" / p.slug / "index.en.md").is_file() for p in english)
    assert len(english) < len(content.products)  # some show the Korean fallback
