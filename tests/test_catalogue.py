"""The printable catalogue: contents, page numbers, fonts, structure, links both ways."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from showroom.build import BuildOptions, BuildResult, build, build_pdf
from showroom.errors import ContentError
from tests.projects import Project, new_project
from tests.site_files import broken_links, page

DATE = dt.date(2026, 11, 28)

DESIGNATED = """\
excellent_procurement:
  number: 2025-우수-0042
  from: 2025-01-01
  until: 2027-12-31
features:
  - 진동 센서 내장
procurement:
  classification_number: "12345678"
"""


def run_build(project: Project, out: Path | None = None, **options: Any) -> BuildResult:
    return build(
        BuildOptions(config_file=project.config_file, out=out or project.out, date=DATE, **options)
    )


def configure(project: Project, text: str) -> None:
    config = project.config_file.read_text(encoding="utf-8")
    project.config_file.write_text(config + text, encoding="utf-8")


def pdf_text(reader: PdfReader, number: int) -> str:
    """The text of page `number` (1-based), without the word joiners of Korean line breaking."""
    return reader.pages[number - 1].extract_text().replace("\u2060", "")


def outline_titles(reader: PdfReader) -> list[Any]:
    def walk(items: list[Any]) -> list[Any]:
        out: list[Any] = []
        for item in items:
            out.append(walk(item) if isinstance(item, list) else item.title)
        return out

    return walk(reader.outline)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A test project that makes its catalogue PDFs."""
    return new_project(tmp_path / "site", catalogue=True)


@pytest.fixture
def catalogue_project(project: Project) -> Project:
    project.product("designated", "스마트 감속기", extra=DESIGNATED)
    return project


#: The tests that read `built`: on one xdist worker (`--dist loadgroup`), so that its
#: catalogue is rendered once, not once per worker.
BUILT = pytest.mark.xdist_group("catalogue-built")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, BuildResult]:
    """The catalogue project, built once for the tests that only read what it made."""
    project = new_project(tmp_path_factory.mktemp("catalogue") / "site", catalogue=True)
    project.product("designated", "스마트 감속기", extra=DESIGNATED)
    return project, run_build(project)


@BUILT
def test_catalogue_and_hall_pdfs_are_written_and_linked(
    built: tuple[Project, BuildResult],
) -> None:
    catalogue_project, result = built
    out = catalogue_project.out
    assert (out / "catalogue.pdf").is_file()
    for hall in ("excellent-procurement", "innovation", "machinery", "food"):
        assert (out / f"catalogue/{hall}.pdf").is_file(), hall
        link = page(out, "index.html" if False else "").find("a", href="/catalogue.pdf")
        assert link is not None
    hall_link = page(out, "halls/machinery/").find("a", href="/catalogue/machinery.pdf")
    assert hall_link is not None
    assert result.catalogue_pages == len(PdfReader(out / "catalogue.pdf").pages)
    assert broken_links(out, "/") == []


@BUILT
def test_product_page_links_to_its_catalogue_page(built: tuple[Project, BuildResult]) -> None:
    catalogue_project = built[0]
    out = catalogue_project.out
    reader = PdfReader(out / "catalogue.pdf")
    for slug, name in (
        ("designated", "스마트 감속기"),
        ("lathe", "소형 선반"),
        ("rice-cake", "쌀 떡"),
    ):
        link = page(out, f"products/{slug}/").find("a", class_="resource-catalogue")
        assert link is not None
        match = re.fullmatch(r"/catalogue\.pdf#page=(\d+)", str(link["href"]))
        assert match is not None, link["href"]
        number = int(match.group(1))
        assert link.get_text(strip=True) == f"카탈로그 p.{number}"
        assert name in pdf_text(reader, number), (slug, number)


@BUILT
def test_catalogue_contents(built: tuple[Project, BuildResult]) -> None:
    catalogue_project = built[0]
    reader = PdfReader(catalogue_project.out / "catalogue.pdf")
    cover = pdf_text(reader, 1)
    assert "테스트 홍보관" in cover and "2026-11-28 발행" in cover and "테스트 기관" in cover
    toc = pdf_text(reader, 2)
    assert "목차" in toc
    for hall in ("우수조달물품관", "혁신제품관", "기계·금속", "식품·농수산", "업체 색인"):
        assert hall in toc, hall
    # The TOC's page numbers are the real ones: each product's line ends with its page.
    everything = [pdf_text(reader, n) for n in range(1, len(reader.pages) + 1)]
    for name in ("스마트 감속기", "소형 선반", "탁상 드릴", "쌀 떡"):
        line = next(line for line in toc.splitlines() if name in line)
        number = int(re.findall(r"(\d+)\s*$", line)[0])
        assert name in everything[number - 1] and "목차" not in everything[number - 1]
    product = next(text for text in everything if "스마트 감속기" in text and "진동" in text)
    for fact in ("2025-우수-0042", "2025-01-01 ~ 2027-12-31", "12345678", "(주)테스트1",
                 "052-123-4561", "example.org/products/designated/"):  # fmt: skip
        assert fact in product.replace("\n", ""), fact  # the short URL may wrap
    index = next(text for text in everything[2:] if "업체 색인" in text.splitlines()[0])
    assert "(주)테스트1" in index and "스마트 감속기" in index
    for heading in ("제품명 색인", "물품분류번호 색인"):  # after the company index, in the TOC
        assert heading in toc and any(t.startswith(heading) for t in everything[2:]), heading


@BUILT
def test_pdf_structure_and_metadata(built: tuple[Project, BuildResult]) -> None:
    catalogue_project = built[0]
    reader = PdfReader(catalogue_project.out / "catalogue.pdf")
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "지역상품 카탈로그"
    assert meta.author == "테스트 기관"
    assert meta.subject == "테스트용 홍보관입니다."
    root: Any = reader.trailer["/Root"]
    assert root["/Lang"] == "ko"
    assert "/StructTreeRoot" in root  # tagged PDF
    titles = outline_titles(reader)
    assert titles[0] == "우수조달물품관"
    assert "기계·금속" in titles
    machinery = titles[titles.index("기계·금속") + 1]
    assert set(machinery) == {"스마트 감속기", "소형 선반", "탁상 드릴"}
    uris = [
        annotation.get_object()["/A"].get("/URI")
        for p in reader.pages
        for annotation in p.get("/Annots", [])
        if "/A" in annotation.get_object()
    ]
    assert "https://example.org/products/designated/" in uris
    internal = [
        annotation
        for annotation in reader.pages[1].get("/Annots", [])
        if "/Dest" in annotation.get_object()
        or annotation.get_object().get("/A", {}).get("/S") == "/GoTo"
    ]
    assert len(internal) >= 5  # the TOC links to its pages


@BUILT
def test_korean_font_is_embedded_as_a_subset(built: tuple[Project, BuildResult]) -> None:
    catalogue_project = built[0]
    reader = PdfReader(catalogue_project.out / "catalogue.pdf")
    fonts: dict[str, Any] = {}
    for p in reader.pages:
        resources: Any = p["/Resources"]
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = font
    korean = [name for name in fonts if "CJK" in name or "Nanum" in name]
    assert korean, list(fonts)
    for name in korean:
        assert re.match(r"/[A-Z]{6}\+", name), f"{name} is not a subset"
        descendant = fonts[name]["/DescendantFonts"][0].get_object()
        descriptor = descendant["/FontDescriptor"].get_object()
        assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), name


def test_korean_words_are_not_broken_across_lines(project: Project) -> None:
    summary = (
        "보행자와 차량 통행량에 따라 밝기를 스스로 조절하고 고장을 원격으로 알리는 "
        "스마트 가로등으로 세종대왕이 새로 개발한 훈민정음처럼 "
        "오래도록 도시의 밤길을 밝히는 공공시설용 조명입니다"
    ) * 2
    project.product("long", "긴 설명 제품", extra="")
    path = project.root / "content/products/long/index.md"
    path.write_text(path.read_text(encoding="utf-8").replace("긴 설명 제품 요약입니다.", summary))
    configure(project, "catalogue:\n  layout: half\n")
    run_build(project)
    reader = PdfReader(project.out / "catalogue.pdf")
    pages = [pdf_text(reader, n) for n in range(1, len(reader.pages) + 1)]
    text = "\n".join(page for page in pages if "통행량에" in page)  # not the guide's words
    words = set(summary.split())
    lines = [line for line in text.splitlines() if "통행량에" in line or "훈민정음처럼" in line]
    assert len(lines) >= 2, "the summary should wrap over several lines"
    summary_lines = [line for line in text.splitlines() if set(line.split()) & words]
    for line in summary_lines:
        for token in line.split():
            if re.fullmatch(r"[\uac00-\ud7a3]+", token):
                assert token in words, f"{token!r} is a piece of a word broken across lines"


def test_missing_glyphs_fail_before_rendering(project: Project) -> None:
    project.product("odd", "상형문자 \U00013000 제품")
    with pytest.raises(ContentError) as failure:
        run_build(project)
    found = [p.format() for p in failure.value.problems]
    [problem] = [p for p in found if p.startswith("content/products/odd/index.md:2: name: ")]
    assert "'\U00013000' (U+13000) is not in the catalogue's font" in problem
    assert problem.endswith("use another character or remove it")  # no font to install
    assert not project.out.exists()


@BUILT
def test_catalogue_is_reproducible_and_cached(
    built: tuple[Project, BuildResult], project: Project, tmp_path: Path
) -> None:
    """The module's catalogue project again, with a copy of its catalogue cache: unchanged, the
    catalogue comes from the cache; rendered again without it, the same bytes; an edit is a
    new render."""
    made, _ = built
    project.product("designated", "스마트 감속기", extra=DESIGNATED)
    shutil.copytree(made.root / ".cache/catalogue", project.root / ".cache/catalogue")
    assert not run_build(project, out=tmp_path / "one").catalogue_rendered
    shutil.rmtree(project.root / ".cache/catalogue")
    again = run_build(project, out=tmp_path / "two")
    assert again.catalogue_rendered
    for name in ("catalogue.pdf", "catalogue/machinery.pdf", "catalogue/excellent-procurement.pdf"):
        assert (made.out / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    path = project.root / "content/products/lathe/index.md"
    path.write_text(path.read_text(encoding="utf-8").replace("소형 선반", "정밀 소형 선반"))
    assert run_build(project, out=tmp_path / "three").catalogue_rendered


def test_no_pdf_option(catalogue_project: Project) -> None:
    result = run_build(catalogue_project, pdf=False)
    out = catalogue_project.out
    assert result.catalogue_pages == 0
    assert not (out / "catalogue.pdf").exists()
    assert page(out, "products/lathe/").find("a", class_="resource-catalogue") is None
    assert broken_links(out, "/") == []


@BUILT
def test_pdf_command_builds_only_the_pdfs(
    built: tuple[Project, BuildResult], catalogue_project: Project
) -> None:
    made, _ = built  # the same project: its catalogue from a copy of the module's cache
    shutil.copytree(made.root / ".cache/catalogue", catalogue_project.root / ".cache/catalogue")
    result = build_pdf(BuildOptions(config_file=catalogue_project.config_file, date=DATE))
    out = catalogue_project.out
    assert (out / "catalogue.pdf").read_bytes() == (made.out / "catalogue.pdf").read_bytes()
    assert not (out / "index.html").exists()
    assert result.catalogue_pages > 3


@BUILT
def test_hall_pdfs_are_excerpts(built: tuple[Project, BuildResult]) -> None:
    catalogue_project = built[0]
    out = catalogue_project.out
    machinery = PdfReader(out / "catalogue/machinery.pdf")
    text = "".join(pdf_text(machinery, n) for n in range(1, len(machinery.pages) + 1))
    assert "소형 선반" in text and "쌀 떡" not in text
    excellent = PdfReader(out / "catalogue/excellent-procurement.pdf")
    text = "".join(pdf_text(excellent, n) for n in range(1, len(excellent.pages) + 1))
    assert "우수조달물품관" in text and "진동 센서 내장" in text  # the listing and the product


@BUILT
def test_half_pages_and_no_bleed_on_screen(
    built: tuple[Project, BuildResult], catalogue_project: Project
) -> None:
    made, made_result = built  # the same project: its full-page catalogue as the module's
    shutil.copytree(made.root / ".cache/catalogue", catalogue_project.root / ".cache/catalogue")
    full = run_build(catalogue_project).catalogue_pages
    assert full == made_result.catalogue_pages
    unplanned = "  page_multiple: 0\n  halls_on_right: false\n"  # the products' pages alone
    configure(
        catalogue_project,
        "catalogue:\n  layout: half\n" + unplanned + "  bleed_mm: 3\n  crop_marks: true\n",
    )
    half = run_build(catalogue_project).catalogue_pages
    assert half < full
    # The bleed and the crop marks are the printer's edition's (test_catalogue_editions.py):
    # the screen edition is the trimmed page.
    first = PdfReader(catalogue_project.out / "catalogue.pdf").pages[2]
    a4_width = 595.28
    assert abs(float(first.mediabox.width) - a4_width) < 1
    assert not (catalogue_project.out / "catalogue-print.pdf").exists()


def test_long_model_numbers_wrap_inside_the_page(project: Project) -> None:
    token = "HB-" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" * 3
    project.product("long-model", "긴 규격 제품", extra=f'spec: "{token}"\n')
    run_build(project)
    reader = PdfReader(project.out / "catalogue.pdf")
    pages = [pdf_text(reader, n) for n in range(1, len(reader.pages) + 1)]
    text = next(t for t in pages if "긴 규격 제품" in t and "규격 및 사양" in t)
    assert all(token not in line for line in text.splitlines())  # not one overflowing line …
    assert token in text.replace("\n", "")  # … but wrapped, every character printed


def page_number_line(text: str) -> str:
    return text.strip().splitlines()[-1].strip()


@pytest.mark.long
@pytest.mark.parametrize("special", ["first", "last"])
def test_every_page_number_is_the_real_one(project: Project, special: str) -> None:
    """With a table of contents longer than a page and listings before or after the products,
    every printed number (footer, contents, listings, index) is the page where it points."""
    configure(project, f"catalogue:\n  special_halls: {special}\n")
    names = {}
    for n in range(48):  # 51 products: the contents (about 47 lines a page) take two pages
        slug, name = f"item-{n:02d}", f"시험 제품 {n:02d}번"
        extra = (
            f"excellent_procurement:\n  number: 2025-우수-{n:04d}\n"
            "  from: 2025-01-01\n  until: 2027-12-31\n"
        ) if n % 3 == 0 else ""  # fmt: skip
        category = ("machinery", "food")[n % 2]
        project.product(slug, name, category=category, extra=extra, colour="#557799")  # one photo
        names[name] = n % 3 == 0
    run_build(project)
    reader = PdfReader(project.out / "catalogue.pdf")
    halls = [t for t in outline_titles(reader) if isinstance(t, str)]
    special_first = halls.index("우수조달물품관") < halls.index("기계·금속")
    assert special_first == (special == "first"), halls
    pages = [pdf_text(reader, n) for n in range(1, len(reader.pages) + 1)]
    for number, text in enumerate(pages[1:-1], start=2):  # the covers have no number
        assert page_number_line(text) == str(number), number
    assert "발행 정보" in pages[-1]  # the back cover
    home = {name: next(n for n, t in enumerate(pages, 1) if f"{name} 요약입니다." in t)
            for name in names}  # fmt: skip
    contents = [n for n, t in enumerate(pages, 1) if "목차" in t or n == 3]
    assert len(contents) >= 2  # the contents run over more than one page
    lines = [line for n in contents for line in pages[n - 1].splitlines()]
    listing = next(t for t in pages if "우수조달물품관" in t and "기준 지정이 유효한" in t)
    start = next(n for n in range(max(home.values()), len(pages)) if "업체 색인" in pages[n])
    index = "\n".join(pages[start:])
    for name, designated in names.items():
        toc_line = next(line for line in lines if line.startswith(name))
        assert re.search(rf"\.\s*{home[name]}$", toc_line), (name, toc_line, home[name])
        index_line = next(line for line in index.splitlines() if line.startswith(name))
        assert index_line.endswith(f"p.{home[name]}"), (name, index_line)
        if designated:
            listing_line = next(line for line in listing.splitlines() if line.startswith(name))
            assert listing_line.endswith(f" {home[name]}"), (name, listing_line)
