"""Issue 14, items 2 and 8: the catalogue designed for each paper and layout, read back from
the PDF. Type: nothing under 9 pt but the tables (8.5 pt): running heads, folios, QR
addresses, contacts, features and the indexes included. The QR address breaks only after a
slash. On A5 no two words overlap and a product that fits a page is not split. In the full
layout the photo takes at least 60 % of the text width.

Two renders of the test project (A5 full, A4 full) with the long product of
test_catalogue_nothing_lost.py and a product of a usual size with a long hyphenated slug."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from showroom.build import BuildOptions, build
from tests.pdf_words import MM, PageWords, Word, read_words
from tests.test_catalogue_nothing_lost import FEATURES, long_project, product_pages

pytestmark = [pytest.mark.long, pytest.mark.xdist_group("catalogue-layouts")]

DATE = dt.date(2026, 11, 28)
#: A product of the sample's size, whose address is longer than the QR code is wide.
SLUG = "negative-pressure-isolation-unit"
NAME = "음압 격리 장치"
USUAL = (
    'model: "NP-ISO-330"\nspec: 1,200 × 800 × 1,900 mm, 음압 -2.5 Pa 유지\nunit: 대\n'
    "price: 18500000\nusage: 감염병 격리 병상, 선별 진료소\n"
    "features:\n  - 헤파 필터 3단 여과로 실내 공기 배출\n  - 설치 후 30분 안에 음압 형성\n"
    "  - 차압계와 경보로 음압 상태 상시 표시\n  - 바퀴가 달린 이동형 본체\n"
    'specs:\n  전원: "AC 220 V, 1.2 kW"\n  풍량: "최대 600 m³/h"\n  소음: "48 dB 이하"\n'
    '  무게: "135 kg"\n'
    "certifications:\n  - type: KC\n    number: \"KC-2024-0881\"\n"
    "  - type: 성능인증\n    number: \"P-2025-0412\"\n    until: 2028-03-31\n"
    "excellent_procurement:\n  number: 2025-우수-0101\n  from: 2025-03-01\n  until: 2028-02-28\n"
    'procurement:\n  classification_number: "42192201"\n  item_id: "24888123"\n'
)  # fmt: skip
ADDRESS = f"example.org/products/{SLUG}/"
#: pdftotext's word box is the font's ascender to descender: 1.448 em in Noto Sans CJK KR.
EM_BOX = 1.448
BODY_PT, TABLE_PT = 9.0, 8.5
SLACK = 0.05  # pt


@dataclass(frozen=True)
class Built:
    pdf: Path
    pages: list[PageWords]
    own: dict[str, list[int]]  # each product's pages (test_catalogue_nothing_lost)


def _build(root: Path, photo_cache: Path, paper: str) -> Built:
    project = long_project(root, photo_cache, f"  paper: {paper}\n  layout: full\n")
    project.product(SLUG, NAME, date="2025-05-01", extra=USUAL)
    build(BuildOptions(config_file=project.config_file, date=DATE))
    pdf = project.out / "catalogue.pdf"
    return Built(pdf, read_words(pdf), product_pages(pdf))


@pytest.fixture(scope="module")
def a5(tmp_path_factory: pytest.TempPathFactory, photo_cache: Path) -> Built:
    return _build(tmp_path_factory.mktemp("a5") / "site", photo_cache, "A5")


@pytest.fixture(scope="module")
def a4(tmp_path_factory: pytest.TempPathFactory, photo_cache: Path) -> Built:
    return _build(tmp_path_factory.mktemp("a4") / "site", photo_cache, "A4")


def size(word: Word) -> float:
    return (word.bottom - word.top) / EM_BOX


def lines(page: PageWords) -> Iterator[list[Word]]:
    """The page's words in lines: the same baseline (a line's words share top and bottom when
    they share a size; a bigger word on it, a badge, starts a line of its own here)."""
    line: list[Word] = []
    for word in page.words:
        if line and abs(word.bottom - line[-1].bottom) > 0.5:
            yield line
            line = []
        line.append(word)
    if line:
        yield line


def body_words(page: PageWords) -> Iterator[Word]:
    """The words that must be body size: the running heads and folios, the QR address, the
    product's meta and contact lines, its features and summary; on the index pages every
    word."""
    text_top, text_bottom = page.trim[1] + 18 * MM, page.trim[3] - 20 * MM
    head = " ".join(w.text for w in page.words if w.bottom < text_top)
    index = "색인" in head  # the running head names the index
    listing = "지정번호" in page.text  # a special hall's listing: a table
    for line in lines(page):
        text = " ".join(w.text for w in line)
        outside = line[0].bottom < text_top or line[0].top > text_bottom
        product = any(w.text.endswith("/") for w in line) or any(
            marker in text for marker in ("(주)테스트", "요약입니다", "구매상담", *FEATURES)
        )
        if index or outside or (product and not listing):
            yield from line


def test_nothing_is_set_under_9_pt_but_the_tables(a5: Built) -> None:
    small = [
        f"p.{page.number} {w.text!r} {size(w):.2f} pt"
        for page in a5.pages[1:]  # the cover is the other helper's design
        for w in page.words
        if size(w) < TABLE_PT - SLACK
    ]
    assert small == []
    body = [
        f"p.{page.number} {w.text!r} {size(w):.2f} pt"
        for page in a5.pages[1:]
        for w in body_words(page)
        if size(w) < BODY_PT - SLACK
    ]
    assert body == []


def test_the_qr_address_breaks_only_after_a_slash(a5: Built, a4: Built) -> None:
    for built in (a5, a4):
        page = built.pages[built.own[NAME][0] - 1]
        words = [w.text for w in page.words]
        start = next(i for i, word in enumerate(words) if word.startswith("example.org/"))
        address: list[str] = []  # its lines: the words from there that spell it
        for word in words[start:]:
            if not ADDRESS.startswith("".join([*address, word])):
                break
            address.append(word)
        assert "".join(address) == ADDRESS, address
        assert all(line.endswith("/") for line in address), address


def overlaps(a: Word, b: Word) -> bool:
    """Printed over each other: side by side by more than the glyphs' side bearings, one above
    the other by more than the lines' boxes do when the line height is under their 1.448 em."""
    height = min(a.bottom - a.top, b.bottom - b.top)
    return (
        min(a.x1, b.x1) - max(a.x0, b.x0) > 0.3
        and min(a.bottom, b.bottom) - max(a.top, b.top) > 0.4 * height
    )


def test_no_words_overlap_on_a5(a5: Built) -> None:
    clashes = [
        f"p.{page.number} {a.text!r} / {b.text!r}"
        for page in a5.pages
        for i, a in enumerate(page.words)
        for b in page.words[i + 1 :]
        if overlaps(a, b)
    ]
    assert clashes == []


def test_a_product_that_fits_a_page_is_not_split_on_a5(a5: Built) -> None:
    for name in (NAME, "탁상 드릴", "소형 선반"):
        first = a5.own[name][0]
        page = a5.pages[first - 1]
        assert name in page.text and "@example.kr" in page.text, name  # and its contact
        after = a5.pages[first].text.replace(" ", "") if first < len(a5.pages) else ""
        assert f"{name}(계속)".replace(" ", "") not in after, name


def placed_widths(page_number: int, pdf: Path) -> list[float]:
    """The widths in points at which the page draws its images (the CTM at each `Do`)."""
    reader = PdfReader(pdf)
    page = reader.pages[page_number - 1]
    stack: list[tuple[float, ...]] = []
    ctm: tuple[float, ...] = (1, 0, 0, 1, 0, 0)
    widths = []
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        if operator == b"q":
            stack.append(ctm)
        elif operator == b"Q":
            ctm = stack.pop()
        elif operator == b"cm":
            a, b, c, d, e, f = (float(x) for x in operands)
            m = ctm
            ctm = (
                a * m[0] + b * m[2], a * m[1] + b * m[3], c * m[0] + d * m[2],
                c * m[1] + d * m[3], e * m[0] + f * m[2] + m[4], e * m[1] + f * m[3] + m[5],
            )  # fmt: skip
        elif operator == b"Do":
            widths.append(abs(ctm[0]))
    return widths


def test_the_full_layouts_photo_takes_the_page(a4: Built) -> None:
    text_width = (210 - 2 * 15) * MM
    for name in (NAME, "탁상 드릴", "아주 긴 목록의 제품"):
        photo = max(placed_widths(a4.own[name][0], a4.pdf))
        assert photo >= 0.6 * text_width, (name, round(photo / MM, 1))
