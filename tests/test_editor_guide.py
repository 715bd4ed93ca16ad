"""The editors' guide quotes the messages Showroom really prints, and the README links to it.

Each case breaks a copy of the sample showroom the way the guide describes; every line that
`showroom check` then prints about the broken file must appear word for word in the guide.
"""

from __future__ import annotations

import datetime as dt
import shutil
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from showroom.build import BuildOptions, check
from showroom.errors import ContentError
from tests.conftest import SAMPLE_DATE

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs/editor-guide.md"
PRODUCT = "content/products/smart-led-streetlight/index.md"
COMPANY = "content/companies/haeoreum-tech.yml"
SYNONYMS = "content/search/synonyms.yml"


def replace_line(relative: str, start: str, new: str | None) -> Callable[[Path], str]:
    """Replace (or, with None, delete) the first line that starts with `start`."""

    def apply(root: Path) -> str:
        path = root / relative
        lines = path.read_text(encoding="utf-8").split("\n")
        number = next(i for i, line in enumerate(lines) if line.startswith(start))
        if new is None:
            del lines[number]
        else:
            lines[number] = new
        path.write_text("\n".join(lines), encoding="utf-8")
        return relative

    return apply


def replace_photo(size: tuple[int, int], fmt: str) -> Callable[[Path], str]:
    def apply(root: Path) -> str:
        photo = root / "content/products/smart-led-streetlight/photo.jpg"
        Image.new("RGB", size, "#8899aa").save(photo, fmt)
        return PRODUCT

    return apply


def remove_front_matter_opening(root: Path) -> str:
    path = root / PRODUCT
    path.write_text(path.read_text(encoding="utf-8").removeprefix("---\n"), encoding="utf-8")
    return PRODUCT


def folder_without_index(root: Path) -> str:
    (root / "content/products/new-product").mkdir()
    return "content/products/new-product"


CASES = [
    pytest.param(replace_line(PRODUCT, "summary:", None), id="required-missing"),
    pytest.param(replace_line(PRODUCT, "summary:", "summary:"), id="required-empty"),
    pytest.param(
        replace_line(PRODUCT, "summary:", "summary: 스마트 가로등: 밝기를 스스로 조절합니다."),
        id="colon-in-text",
    ),
    pytest.param(
        replace_line(PRODUCT, "  - 고장과 누전을", " - 고장과 누전을 관리 화면에 즉시 알림"),
        id="indentation",
    ),
    pytest.param(
        replace_line(PRODUCT, "keywords:", "keywords: [가로등, LED 가로등, 스마트 가로등"),
        id="unclosed-bracket",
    ),
    pytest.param(remove_front_matter_opening, id="front-matter"),
    pytest.param(
        replace_line(PRODUCT, "category:", "category: electric-electronics"), id="category"
    ),
    pytest.param(replace_line(PRODUCT, "company:", "company: haeorum-tech"), id="company"),
    pytest.param(replace_line(PRODUCT, "  - src: photo.jpg", "  - src: Photo.jpg"), id="photo"),
    pytest.param(replace_line(PRODUCT, "  - src: photo.jpg", "  - src: 가로등.jpg"), id="photo2"),
    pytest.param(replace_photo((800, 600), "GIF"), id="photo-format"),
    pytest.param(replace_photo((400, 300), "JPEG"), id="photo-small"),
    pytest.param(replace_line(PRODUCT, "    alt: 해 질 녘", None), id="alt"),
    pytest.param(replace_line(PRODUCT, "date:", "date: 2023-02-30"), id="date-not-real"),
    pytest.param(replace_line(PRODUCT, "date:", "date: 2023.01.09"), id="date-form"),
    pytest.param(replace_line(PRODUCT, "  until: 2027", "  until: 2021-05-01"), id="until"),
    pytest.param(replace_line(PRODUCT, "price:", "price: 1,250,000"), id="price"),
    pytest.param(
        replace_line(PRODUCT, "  classification_number:", '  classification_number: "3911160"'),
        id="digits",
    ),
    pytest.param(
        replace_line(PRODUCT, "video:", "video: www.youtube.com/watch?v=Hq7LsD2o0Xk"), id="url"
    ),
    pytest.param(replace_line(PRODUCT, "draft:", "draft: 예"), id="boolean"),
    pytest.param(replace_line(PRODUCT, "unit:", "unit: 대\nmodle: HO-LS200"), id="unknown-key"),
    pytest.param(folder_without_index, id="no-index"),
    pytest.param(replace_line(COMPANY, "phone:", 'phone: "052-258"'), id="company-phone"),
    pytest.param(replace_line(COMPANY, "district:", "district: 울산"), id="company-district"),
    pytest.param(
        replace_line(SYNONYMS, "  - terms: [LED, 발광", "  - terms: [LED]"), id="synonyms-one"
    ),
    pytest.param(
        replace_line(SYNONYMS, "  - terms: [LED, 발광", "  - terms: [LED, 발광다이오드, LED]"),
        id="synonyms-twice",
    ),
]


def problems_about(root: Path, date: dt.date) -> list[str]:
    try:
        checked = check(BuildOptions(config_file=root / "showroom.yml", date=date))
    except ContentError as exc:
        return [p.format() for p in exc.problems]
    return [p.format() for p in checked.problems]


def sample_copy(tmp_path: Path) -> Path:
    root = tmp_path / "showroom"
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copytree(ROOT / "schemas", root / "schemas")
    shutil.copy(ROOT / "showroom.yml", root / "showroom.yml")
    return root


@pytest.mark.parametrize("breakage", CASES)
def test_guide_quotes_the_real_message(tmp_path: Path, breakage: Callable[[Path], str]) -> None:
    root = sample_copy(tmp_path)
    broken = breakage(root)
    printed = [p for p in problems_about(root, SAMPLE_DATE) if p.startswith(broken)]
    assert printed, "the breakage went unnoticed"
    guide = GUIDE.read_text(encoding="utf-8")
    for line in printed:
        assert line in guide, line


def test_guide_quotes_the_expiry_warning(tmp_path: Path) -> None:
    root = sample_copy(tmp_path)
    printed = [p for p in problems_about(root, dt.date(2027, 6, 1)) if p.startswith(PRODUCT)]
    assert printed
    guide = GUIDE.read_text(encoding="utf-8")
    for line in printed:
        assert line in guide, line


def test_guide_is_linked_from_the_readme_and_written_in_nfc() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(docs/editor-guide.md)" in readme
    guide = GUIDE.read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", guide)
    for command in ("showroom serve", "showroom check", "showroom new product"):
        assert command in guide
    assert "http://127.0.0.1:8000/" in guide
