"""Issue 14, item 1: nothing lost, nothing hidden, on every paper in both layouts. A product
with long lists (30 features, 25 specs, 12 certifications) prints every value on its pages,
going on under "<name> (계속)" where it does not fit; every word lies inside the page's text
area (the body inside the margins, the running heads and folios inside the safe area); a
section with nothing in it is not printed; a limit on the lists (`list_limit`) says how many
more there are and where."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import Destination

from showroom.build import BuildOptions, build
from tests.pdf_words import MM, PageWords, read_words
from tests.projects import Project, new_project

DATE = dt.date(2026, 11, 28)
FEATURES = [f"기능 {n}번 현장에서 쓰기 좋은 설명 문장 {n}" for n in range(1, 31)]
SPECS = [(f"측정 항목 {n}", f"{n}.5 kg") for n in range(1, 26)]
CERTIFICATIONS = [f"KC-{n:04d}-LONG" for n in range(1, 13)]
LONG = (
    'model: "LX-9000-ULTRA-2026"\nunit: 대\nprice: 12500000\n'
    "features:\n" + "".join(f"  - {f}\n" for f in FEATURES)
    + "specs:\n" + "".join(f'  {label}: "{value}"\n' for label, value in SPECS)
    + "certifications:\n"
    + "".join(f'  - type: 성능인증\n    number: "{c}"\n    until: 2027-05-01\n'
              for c in CERTIFICATIONS)
    + "excellent_procurement:\n  number: 2025-우수-0077\n  from: 2025-01-01\n  until: 2027-12-31\n"
    + 'procurement:\n  classification_number: "40101609"\n  detailed_number: "4010160901"\n'
    + '  item_id: "24123456"\n'
)  # fmt: skip
VALUES = [
    "아주 긴 목록의 제품", "LX-9000-ULTRA-2026", "아주 긴 목록의 제품 요약입니다.", *FEATURES,
    *(part for spec in SPECS for part in spec), "12,500,000원", *CERTIFICATIONS, "2025-우수-0077",
    "40101609", "4010160901", "24123456", "(주)테스트1", "052-123-4561",
]  # fmt: skip
#: The page's margins (catalogue.css) and the printer's safe area around the trim.
MARGINS = {"top": 18, "right": 15, "bottom": 20, "left": 15}
SAFE = 5
TOLERANCE = 0.6  # mm: glyph side bearings


def product_pages(path: Path) -> dict[str, list[int]]:
    """Each bookmarked product's pages: from its own to where the next bookmark starts."""
    reader = PdfReader(path)
    marks: list[tuple[str, int]] = []

    def walk(items: Sequence[object]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            elif isinstance(item, Destination):
                page = reader.get_destination_page_number(item)
                assert page is not None, item.title
                marks.append((str(item.title), page + 1))

    walk(reader.outline)
    ends = [page for _, page in marks[1:]] + [len(reader.pages)]
    return {
        title: list(range(start, max(start, end) + 1))
        for (title, start), end in zip(marks, ends, strict=True)
    }


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def printed_on(value: str, printed: str, words: set[str]) -> bool:
    """The value's text is there, in one run or (a table cell wrapped beside another, whose
    lines come between) word by word."""
    return squeeze(value) in printed or all(word in words for word in value.split())


def outside(page: PageWords) -> list[str]:
    """Words outside the text area: the body's inside the margins, heads and folios (in the
    top and bottom margins) inside the safe area."""
    left, top, right, bottom = page.trim
    bad = []
    for w in page.words:
        head_or_foot = (
            w.top < top + MARGINS["top"] * MM or w.bottom > bottom - MARGINS["bottom"] * MM
        )
        side = (SAFE if head_or_foot else MARGINS["left"]) * MM - TOLERANCE * MM
        edge = SAFE * MM - TOLERANCE * MM
        if (w.x0 < left + side or w.x1 > right - side or w.top < top + edge
                or w.bottom > bottom - edge):  # fmt: skip
            bad.append(f"p.{page.number} {w.text!r} at x {w.x0 - left:.1f}–{w.x1 - left:.1f} pt")
    return bad


def long_project(root: Path, photo_cache: Path, settings: str) -> Project:
    """The test project and the long product; no search index (not what is checked here),
    the test project's photos from the session's cache."""
    project = new_project(root, catalogue=True)
    shutil.copytree(photo_cache, project.root / ".cache/images")
    project.product("long", "아주 긴 목록의 제품", date="2025-06-01", extra=LONG)
    with project.config_file.open("a", encoding="utf-8") as config:
        config.write("search: false\ncatalogue:\n" + settings)
    return project


@pytest.mark.long
@pytest.mark.parametrize("layout", ["full", "half"])
@pytest.mark.parametrize("paper", ["A4", "A5", "B5", "letter"])
def test_every_value_is_printed_inside_the_page(
    tmp_path: Path, photo_cache: Path, paper: str, layout: str
) -> None:
    project = long_project(
        tmp_path / "site", photo_cache, f"  paper: {paper}\n  layout: {layout}\n"
    )
    build(BuildOptions(config_file=project.config_file, date=DATE))
    path = project.out / "catalogue.pdf"
    pages = read_words(path)
    assert [bad for page in pages for bad in outside(page)] == []
    own = product_pages(path)
    words = [w.text for n in own["아주 긴 목록의 제품"] for w in pages[n - 1].words]
    printed = squeeze(" ".join(words))
    missing = [value for value in VALUES if not printed_on(value, printed, set(words))]
    assert missing == [], (paper, layout)
    if len(own["아주 긴 목록의 제품"]) > 1:  # the rest of it goes on under its name
        assert "아주긴목록의제품(계속)" in squeeze(pages[own["아주 긴 목록의 제품"][1] - 1].text)
    for name in ("탁상 드릴", "소형 선반"):  # short products are never split
        # Its pages up to the next product's may hold a planned blank page and a divider;
        # the product's name (or its "(계속)" head) is on one page only.
        shown = [n for n in own[name] if squeeze(name) in squeeze(pages[n - 1].text)]
        assert len(shown) == 1, (name, own[name], shown)


def test_empty_sections_are_left_out_and_a_limit_says_what_is_more(
    tmp_path: Path, photo_cache: Path
) -> None:
    project = long_project(tmp_path / "site", photo_cache, "  list_limit: 5\n")
    build(BuildOptions(config_file=project.config_file, date=DATE))
    reader = PdfReader(project.out / "catalogue.pdf")
    own = product_pages(project.out / "catalogue.pdf")
    text = "\n".join(reader.pages[n - 1].extract_text() for n in own["아주 긴 목록의 제품"])
    text = text.replace("\u2060", "")
    assert FEATURES[4] in text and FEATURES[5] not in text
    for count in (25, 20, 7):  # features, specs, certifications beyond the first five
        assert squeeze(f"외 {count}개 더: example.org/products/long/") in squeeze(text), count
    plain = "\n".join(reader.pages[n - 1].extract_text() for n in own["탁상 드릴"])
    assert "규격 및 사양" not in plain and "지정 현황" not in plain  # it has none of them
