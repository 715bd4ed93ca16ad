"""Issue 14, item 4: the catalogue is a book. A cover with the publisher and a grid of product
photos (or the configured cover image) and the logo; a guide page; every hall opening on a
right-hand page after a planned blank, with a divider and a thumb tab of its colour on the fore
edge, into the bleed; the page count padded with notes pages to a multiple of
`catalogue.page_multiple`; the back cover, the last page, with the colophon. Two renders for
all of it: the book as configured in `BOOK`, and one with a cover image and another multiple."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from showroom.build import BuildOptions, build
from tests.checking import problems_of
from tests.projects import NO_CATALOGUE, Project, make_image, new_project

DATE = dt.date(2026, 11, 28)
BOOK = """\
license: 공공누리 제1유형 (출처표시)
search: false
catalogue:
  bleed_mm: 3
  logo: brand/logo.png
  colophon:
    address: 울산광역시 남구 테스트로 1
    phone: 052-000-1234
    registration_number: 52-6310000-000123-01
    isbn: 979-11-1234-567-7
    not_for_sale: true
"""
COLOPHON = [
    "테스트 기관", "울산광역시 남구 테스트로 1", "052-000-1234", "https://example.org/",
    "2026-11-28 발행", "52-6310000-000123-01", "979-11-1234-567-7", "비매품", "공공누리 제1유형",
]  # fmt: skip
#: The product-group halls' colours (showroom/catalogue/book.py): the first two of the palette.
TONES = {"기계·금속": (0x0B, 0x4A, 0x8F), "식품·농수산": (0xA3, 0x47, 0x00)}

#: One xdist worker renders each book once for the tests that read it.
BOOK_GROUP = pytest.mark.xdist_group("catalogue-book")


def book_project(root: Path, photo_cache: Path, settings: str) -> Project:
    project = new_project(root, catalogue=True)
    shutil.copytree(photo_cache, project.root / ".cache/images")
    make_image(project.root / "brand/logo.png", (300, 120), "#cc3300")
    project.write("showroom.yml", project.config_file.read_text(encoding="utf-8") + settings)
    return project


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory, photo_cache: Path) -> Path:
    project = book_project(tmp_path_factory.mktemp("book") / "site", photo_cache, BOOK)
    build(BuildOptions(config_file=project.config_file, date=DATE))
    return project.out / "catalogue.pdf"


def texts(path: Path) -> list[str]:
    """Each page's text, without the word joiners of Korean line breaking."""
    return [p.extract_text().replace("\u2060", "") for p in PdfReader(path).pages]


def images_on(path: Path, page: int) -> int:
    listing = subprocess.run(
        ["pdfimages", "-f", str(page), "-l", str(page), "-list", str(path)],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    return len(listing.splitlines()[2:])


def raster(path: Path, page: int, folder: Path) -> Image.Image:
    stem = folder / f"page-{page}"
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", "-singlefile", "-f", str(page), "-l", str(page),
         str(path), str(stem)],
        check=True,
    )  # fmt: skip
    return Image.open(f"{stem}.png").convert("RGB")


def near(pixel: object, tone: tuple[int, int, int]) -> bool:
    """An RGB pixel (as Pillow gives it) of about the colour `tone`."""
    assert isinstance(pixel, tuple)
    return all(abs(a - b) <= 12 for a, b in zip(pixel, tone, strict=True))


@BOOK_GROUP
def test_the_back_cover_is_the_last_page_of_a_multiple_of_four(book: Path) -> None:
    pages = texts(book)
    assert len(pages) % 4 == 0, len(pages)
    back = pages[-1].replace("\n", " ")
    missing = [text for text in COLOPHON if text not in back]
    assert missing == [], back
    notes = [n for n, t in enumerate(pages, 1) if t.strip().startswith("메모")]
    assert notes == list(range(len(pages) - len(notes), len(pages)))  # just before the back
    assert "업체 색인" not in back and "물품분류번호 색인" not in back


@BOOK_GROUP
def test_the_cover_shows_the_publisher_photos_and_logo(book: Path) -> None:
    cover = texts(book)[0]
    assert "테스트 기관" in cover and "지역상품 카탈로그" in cover
    assert "발간등록번호 52-6310000-000123-01" in cover  # on the cover, as the rule asks
    assert images_on(book, 1) == 3 + 1  # the three products' photos and the logo
    guide = next(t for t in texts(book)[1:4] if t.startswith("이 카탈로그를 보는 법"))
    assert "QR 코드" in guide and "구매 방법" in guide and "혁신장터" in guide


@BOOK_GROUP
def test_halls_open_on_right_hand_pages_and_blank_pages_are_planned(book: Path) -> None:
    pages = texts(book)
    dividers = {n: t for n, t in enumerate(pages, 1) if "참여기업" in t and "제품 " in t and n > 1}
    names = [name for name in ("우수조달물품관", "혁신제품관", "기계·금속", "식품·농수산")
             if any(name in t for t in dividers.values())]  # fmt: skip
    assert names == ["우수조달물품관", "혁신제품관", "기계·금속", "식품·농수산"], dividers
    assert all(n % 2 == 1 for n in dividers), sorted(dividers)
    blank = [n for n, t in enumerate(pages, 1) if "이 면은 비워 두었습니다" in t]
    assert blank and all(n % 2 == 0 and n + 1 in dividers for n in blank), (blank, dividers)
    words = [t.replace(str(n), "").strip() for n, t in enumerate(pages, 1)]
    assert all(words), [n for n, w in enumerate(words, 1) if not w]  # no page left empty


@BOOK_GROUP
def test_each_hall_has_its_thumb_tab_on_the_fore_edge_into_the_bleed(
    book: Path, tmp_path: Path
) -> None:
    pages = texts(book)
    runs = {}
    for hall, tone in TONES.items():
        number = next(n for n, t in enumerate(pages, 1) if "요약입니다." in t and hall in t)
        image = raster(book, number, tmp_path)
        edge = image.width - 1 if number % 2 else 0  # the fore edge: right on odd pages
        inner = image.width - 1 - 10 if number % 2 else 10  # ~6 mm in: tab, not page
        rows = [y for y in range(image.height) if near(image.getpixel((edge, y)), tone)]
        assert rows, (hall, number)
        assert near(image.getpixel((inner, rows[len(rows) // 2])), tone), (hall, number)
        spine = 0 if number % 2 else image.width - 1
        assert not near(image.getpixel((spine, rows[len(rows) // 2])), tone)
        runs[hall] = (rows[0], rows[-1])
    (top_a, bottom_a), (top_b, bottom_b) = runs.values()
    assert bottom_a < top_b or bottom_b < top_a, runs  # each hall at its own height


def test_a_cover_image_and_another_multiple(tmp_path: Path, photo_cache: Path) -> None:
    settings = "search: false\ncatalogue:\n  cover_image: art/cover.jpg\n  page_multiple: 6\n"
    project = book_project(tmp_path / "site", photo_cache, settings)
    make_image(project.root / "art/cover.jpg", (1200, 900), "#2a9d8f")
    build(BuildOptions(config_file=project.config_file, date=DATE))
    path = project.out / "catalogue.pdf"
    pages = texts(path)
    assert len(pages) % 6 == 0, len(pages)
    assert "발행 정보" in pages[-1] and "https://example.org/" in pages[-1]
    assert images_on(path, 1) == 1  # the cover image instead of the grid, no logo set
    cover = raster(path, 1, tmp_path)
    assert near(cover.getpixel((cover.width // 2, cover.height // 2)), (0x2A, 0x9D, 0x8F))


@pytest.mark.parametrize(
    ("settings", "line", "expected"),
    [
        pytest.param(
            "  colophon:\n    isbn: 979-11-1234-567-8\n",
            2,
            "catalogue.colophon.isbn: '979-11-1234-567-8' is not a valid ISBN: its check digit "
            "would be 7",
            id="isbn-checksum",
        ),
        pytest.param(
            "  colophon:\n    registration_number: 52-631-0123\n",
            2,
            "catalogue.colophon.registration_number: '52-631-0123' is not a 발간등록번호 like "
            "11-1234567-000123-01",
            id="registration-number",
        ),
        pytest.param(
            "  cover_image: art/missing.jpg\n",
            1,
            "catalogue.cover_image: no file at art/missing.jpg",
            id="cover-missing",
        ),
        pytest.param(
            "  logo: ../outside.png\n",
            1,
            "catalogue.logo: ../outside.png is outside the project",
            id="logo-outside",
        ),
        pytest.param(
            "  logo: brand/notes.png\n",
            1,
            "catalogue.logo: brand/notes.png is not an image of the kinds JPEG, PNG, SVG",
            id="logo-not-an-image",
        ),
        pytest.param(
            "  page_multiple: -4\n",
            1,
            "catalogue.page_multiple: must be at least 0, got -4",
            id="page-multiple",
        ),
    ],
)
def test_book_settings_are_checked(
    project: Project, settings: str, line: int, expected: str
) -> None:
    project.write("brand/notes.png", "not an image\n")
    make_image(project.root.parent / "outside.png")
    config = project.config_file.read_text(encoding="utf-8").replace(NO_CATALOGUE, "")
    config += NO_CATALOGUE
    project.config_file.write_text(config + settings, encoding="utf-8")
    found = problems_of(project)
    where = f"showroom.yml:{config.count(chr(10)) + line}: "
    assert any(problem.startswith(where + expected) for problem in found), found
