"""Issue 17, item 5: the catalogue in every language. Beside catalogue.pdf, an English
edition catalogue.en.pdf (its hall excerpts catalogue/<hall>.en.pdf, the printer's edition
catalogue-print.en.pdf) made from the English pages' content, settings and strings, linked
from the /en/ pages, its indexes A–Z, its QR codes and addresses those of the English pages,
the Korean text of fields not translated printed in a Korean font and marked; the Korean
edition as it was."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import weasyprint
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from showroom.build import BuildOptions, BuildResult, build
from showroom.collation import by_name, by_name_in
from tests.projects import Project, new_project
from tests.site_files import broken_links, page

DATE = dt.date(2026, 11, 28)

SITE_EN = """\
catalogue:
  edition: print
languages: [ko, en]
en:
  title: Test Showroom
  publisher: Test Agency
  catalogue:
    title: Regional Products in English
    guide: How to read this *English* catalogue.
    address: 1 Test Road, Ulsan
"""

#: A product with a designation and a classification number (the special hall's listing
#: and the classification index).
DESIGNATED = """\
excellent_procurement:
  number: 2025-우수-0042
  from: 2025-01-01
  until: 2027-12-31
procurement:
  classification_number: "12345678"
"""

#: The English names: A–Z, case aside ("bench lathe" between "Agile…" and "Drill…"), then the
#: product not translated ("쌀 떡"), in Korean after them.
EN_NAMES = {
    "designated": "Agile Gearbox",
    "lathe": "bench lathe",
    "drill-press": "Drill Press",
}
FALLBACK = "쌀 떡"  # rice-cake: not translated


def test_the_english_order_is_a_to_z_with_the_names_still_in_korean_after() -> None:
    names = ["Zeta", "나무", "alpha", "3D printer", "Élan", "가온", "beta 2", "beta 10"]
    korean = {"나무", "가온"}  # their translation missing
    assert by_name_in("en", names, str, korean.__contains__) == (
        "3D printer", "alpha", "beta 2", "beta 10", "Élan", "Zeta", "가온", "나무",
    )  # fmt: skip
    assert by_name_in("ko", names, str) == by_name(names, str)
    assert by_name_in("ko-KR", names, str) == by_name(names, str)


def make_project(root: Path, english: bool) -> Project:
    """Four products in two halls (and the excellent-procurement hall), three companies; with
    `english`, the site in Korean and English, all but one product, one company and one
    category translated."""
    project = new_project(root, catalogue=True)
    config = project.config_file.read_text(encoding="utf-8")
    extra = SITE_EN if english else "catalogue:\n  edition: print\n"
    project.config_file.write_text(config + extra, encoding="utf-8")
    project.company("cheon", 3)  # (주)테스트3: not translated
    project.product("designated", "스마트 감속기", company="cheon", extra=DESIGNATED)
    if not english:
        return project
    path = project.root / "content/categories/machinery.yml"  # food: not translated
    path.write_text(path.read_text(encoding="utf-8") + "en:\n  name: Machinery\n")
    for slug, name in (("acme", "Zenith Tools"), ("bobs", "Bright Works")):
        path = project.root / f"content/companies/{slug}.yml"
        text = f"en:\n  name: {name}\n  address: {len(name)} Test Road, Ulsan\n"
        path.write_text(path.read_text(encoding="utf-8") + text)
    for slug, name in EN_NAMES.items():
        path = project.root / f"content/products/{slug}/index.md"
        front, body = path.read_text(encoding="utf-8").split("---\n", 2)[1:]
        text = f"en:\n  name: {name}\n  summary: The {name}, in English.\n"
        path.write_text(f"---\n{front}{text}---\n{body}", encoding="utf-8")
    return project


def run_build(project: Project, out: Path | None = None) -> BuildResult:
    return build(BuildOptions(config_file=project.config_file, out=out or project.out, date=DATE))


Built = tuple[Project, BuildResult, list[str]]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The bilingual project, built once for the tests that read what it made, and every
    HTML document WeasyPrint laid out for it."""
    project = make_project(tmp_path_factory.mktemp("languages") / "site", english=True)
    laid_out: list[str] = []
    original = weasyprint.HTML

    def recording(*args: Any, **kwargs: Any) -> Any:  # Any: WeasyPrint has no type hints
        laid_out.append(kwargs["string"])
        return original(*args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(weasyprint, "HTML", recording)
        result = run_build(project)
    return project, result, laid_out


def texts(path: Path) -> list[str]:
    """Each page's text, without the word joiners of Korean line breaking."""
    return [p.extract_text().replace("\u2060", "") for p in PdfReader(path).pages]


def index_page(pages: list[str], heading: str) -> str:
    return next(text for text in pages[2:] if text.splitlines()[0].startswith(heading))


def in_order(text: str, names: list[str]) -> bool:
    flat = text.replace("\n", " ")
    places = [flat.find(name) for name in names]
    return -1 not in places and places == sorted(places)


def test_each_language_has_its_catalogue_and_its_pages_link_it(
    built: Built,
) -> None:
    out = built[0].out
    for name in ("catalogue", "catalogue-print", "catalogue/machinery", "catalogue/food",
                 "catalogue/excellent-procurement"):  # fmt: skip
        assert (out / f"{name}.pdf").is_file(), name
        assert (out / f"{name}.en.pdf").is_file(), name
    assert page(out, "").find("a", href="/catalogue.pdf") is not None
    assert page(out, "en/").find("a", href="/catalogue.en.pdf") is not None
    assert page(out, "en/").find("a", href="/catalogue.pdf") is None
    hall = page(out, "en/halls/machinery/")
    assert hall.find("a", href="/catalogue/machinery.en.pdf") is not None
    # (The English search page is another part of issue 17: links to it are not checked.)
    assert [b for b in broken_links(out, "/") if not b.endswith("/en/search/")] == []


def test_the_english_edition_is_in_english(built: Built) -> None:
    out = built[0].out
    reader = PdfReader(out / "catalogue.en.pdf")
    root: Any = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert reader.metadata is not None and reader.metadata.title == "Regional Products in English"
    pages = texts(out / "catalogue.en.pdf")
    assert "Regional Products in English" in pages[0] and "Test Showroom" in pages[0]
    assert "example.org/en/" in pages[0]  # the English home page
    toc = pages[1]
    for heading in (
        "Contents",
        "Machinery",
        "식품·농수산",
        "Index of companies",
        "Index of products",
    ):
        assert heading in toc, heading
    assert "목차" not in toc and "업체 색인" not in toc
    assert any("English catalogue" in text for text in pages[1:4])  # the English guide
    assert "1 Test Road, Ulsan" in pages[-1] and "example.org/en/" in pages[-1]  # colophon
    # The contents' page numbers are the English edition's.
    for name in (*EN_NAMES.values(), FALLBACK):
        line = next(line for line in toc.splitlines() if name in line)
        number = int(re.findall(r"(\d+)\s*$", line)[0])
        assert name in pages[number - 1] and "Contents" not in pages[number - 1], name
    excerpt = texts(out / "catalogue/machinery.en.pdf")
    assert "Machinery" in excerpt[0] and any("bench lathe" in t for t in excerpt)


def test_the_english_indexes_are_a_to_z_the_korean_names_after(
    built: Built,
) -> None:
    out = built[0].out
    pages = texts(out / "catalogue.en.pdf")
    products = index_page(pages, "Index of products")
    assert in_order(products, ["Agile Gearbox", "bench lathe", "Drill Press", FALLBACK])
    companies = index_page(pages, "Index of companies")
    assert in_order(companies, ["Bright Works", "Zenith Tools", "(주)테스트3"])
    assert "Nam-gu" in companies and "남구" not in companies  # the terms in English, as on the web
    # The English companies page lists them the same way.
    cards = page(out, "en/companies/").select(".company-card-name")
    assert [c.get_text(strip=True) for c in cards] == [
        "Bright Works", "Zenith Tools", "(주)테스트3한국어",
    ]  # fmt: skip
    # The classification index as in Korean; the Korean edition in 가나다 order.
    assert "12345678 Agile Gearbox" in index_page(pages, "Index of Product Classification").replace(
        "\n", " "
    )
    korean = index_page(texts(out / "catalogue.pdf"), "제품명 색인")
    assert in_order(korean, ["소형 선반", "스마트 감속기", "쌀 떡", "탁상 드릴"])


def test_the_english_qr_codes_and_addresses_are_the_english_pages(
    built: Built, tmp_path: Path
) -> None:
    out = built[0].out
    pdf = out / "catalogue.en.pdf"
    pages = texts(pdf)
    subprocess.run(["pdftoppm", "-r", "150", "-gray", "-png", str(pdf),
                    str(tmp_path / "page")], check=True)  # fmt: skip
    found = set()
    for number, png in enumerate(sorted(tmp_path.glob("page*.png")), start=1):
        for code in (c.text for c in zxingcpp.read_barcodes(Image.open(png))):
            slug = code.removeprefix("https://example.org/en/products/").rstrip("/")
            assert code == f"https://example.org/en/products/{slug}/"
            assert f"example.org/en/products/{slug}/" in pages[number - 1].replace("\n", "")
            found.add(slug)
    assert found == {*EN_NAMES, "rice-cake"}
    uris = {
        a.get_object()["/A"].get("/URI")
        for p in PdfReader(pdf).pages
        for a in p.get("/Annots", [])
        if "/A" in a.get_object()
    }
    assert "https://example.org/en/products/lathe/" in uris
    assert "https://example.org/products/lathe/" not in uris


def fonts_of(pdf: Path, wanted: str) -> set[str]:
    """The fonts that draw the text runs holding `wanted`."""
    found: set[str] = set()

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if wanted in text.replace("\u2060", "") and font is not None:
            found.add(str(font["/BaseFont"]))

    for p in PdfReader(pdf).pages:
        p.extract_text(visitor_text=visit)
    return found


def test_korean_fallback_text_is_printed_in_a_korean_font_and_marked(
    built: Built,
) -> None:
    out = built[0].out
    pdf = out / "catalogue.en.pdf"
    fonts = fonts_of(pdf, FALLBACK)
    assert fonts and all(re.search(r"CJK-?(kr|KR)|Nanum", name) for name in fonts), fonts
    pages = texts(pdf)
    own = next(t for t in pages if FALLBACK in t and "example.org/en/products/rice-cake" in t)
    assert "한국어" in own  # the mark after the name (and the summary) not translated
    translated = next(t for t in pages if "The bench lathe, in English." in t)
    assert "한국어" not in translated
    # In the HTML WeasyPrint laid out: the page in English, the Korean words marked.
    english = [h for h in built[2] if h.startswith('<!doctype html>\n<html lang="en">')]
    korean = [h for h in built[2] if h.startswith('<!doctype html>\n<html lang="ko')]
    assert english and korean
    body = next(h for h in english if 'id="p-rice-cake"' in h)
    assert (
        f'<h2 class="product-name" data-label="{FALLBACK}"><span lang="ko">{FALLBACK}</span>'
        in body
    )
    assert '<span class="lang-tag" lang="ko"' in body
    food = "식\u2060품·농\u2060수\u2060산"  # the hall not translated, with its mark
    assert f'data-label="식품·농수산" lang="ko">{food}<span class="lang-tag"' in body
    assert '<span lang="ko">2025-우\u2060수-0042</span>' in body  # Korean words of no field
    assert not any('lang="ko"' in h.split("</head>")[1] for h in korean)


def test_an_english_product_page_links_its_page_of_the_english_edition(
    built: Built,
) -> None:
    out = built[0].out
    pages = texts(out / "catalogue.en.pdf")
    for slug, name in (*EN_NAMES.items(), ("rice-cake", FALLBACK)):
        link = page(out, f"en/products/{slug}/").find("a", class_="resource-catalogue")
        assert link is not None, slug
        match = re.fullmatch(r"/catalogue\.en\.pdf#page=(\d+)", str(link["href"]))
        assert match is not None, link["href"]
        number = int(match.group(1))
        assert link.get_text(strip=True) == f"Catalogue p. {number}"
        assert name in pages[number - 1] and f"en/products/{slug}/" in pages[number - 1]
        korean = page(out, f"products/{slug}/").find("a", class_="resource-catalogue")
        assert korean is not None and str(korean["href"]).startswith("/catalogue.pdf#page=")


def test_the_korean_edition_is_unchanged_and_an_unchanged_build_renders_nothing(
    built: Built, tmp_path: Path
) -> None:
    """The same project in Korean alone, with a copy of the bilingual build's cache: its
    catalogue is the cached Korean one (the same HTML, so the same bytes). The bilingual
    project built again into another folder renders neither edition."""
    made, first, _ = built
    assert first.catalogue_rendered
    korean = make_project(tmp_path / "korean", english=False)
    shutil.copytree(made.root / ".cache/catalogue", korean.root / ".cache/catalogue")
    alone = run_build(korean)
    assert not alone.catalogue_rendered
    for name in ("catalogue.pdf", "catalogue-print.pdf", "catalogue/machinery.pdf"):
        assert (korean.out / name).read_bytes() == (made.out / name).read_bytes(), name
    assert not (korean.out / "catalogue.en.pdf").exists()
    again = run_build(made, tmp_path / "again")
    assert not again.catalogue_rendered
    for name in ("catalogue.pdf", "catalogue.en.pdf", "catalogue/food.en.pdf"):
        assert (tmp_path / "again" / name).read_bytes() == (made.out / name).read_bytes()
    pages = texts(made.out / "catalogue.pdf")
    assert "목차" in pages[1] and "Contents" not in pages[1]
    assert not any(name in "".join(pages) for name in EN_NAMES.values())
