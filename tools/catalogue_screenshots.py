"""The catalogue's screenshots for the README: its cover, a product page in each layout and an
index page, and from the English edition a product page and its A–Z product index, as PNG
files.

    python -m tools.catalogue_screenshots [--date YYYY-MM-DD] [--out docs/screenshots]

Builds the sample catalogue twice in a temporary copy of the project (the full and the half
layout; the site itself without its search index), finds the pages by their text (Poppler's
`pdftotext`) and rasterises them with `pdftoppm`. Needs poppler-utils.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from showroom.build import BuildOptions, build
from showroom.errors import ShowroomError

ROOT = Path(__file__).resolve().parent.parent
DATE = dt.date(2026, 11, 28)
#: The product shown: both designations, four features, a full facts table.
SLUG = "automatic-welding-carriage"
INDEX_TITLE = "업체 색인"
#: The English edition's product shown (translated), and its product index's heading.
EN_SLUG = "collaborative-robot-arm"
EN_INDEX_TITLE = "Index of products"
RESOLUTION = 70  # dpi: an A4 page is 579 x 819 px, under 250 KB


def build_catalogue(work: Path, layout: str, date: dt.date) -> Path:
    """The sample's catalogue in `layout`, built in a copy of the project under `work`."""
    project = work / layout
    shutil.copytree(ROOT / "content", project / "content")
    if (ROOT / ".cache/images").is_dir():  # the encoded photos: no need to encode them again
        shutil.copytree(ROOT / ".cache/images", project / ".cache/images")
    config = (ROOT / "showroom.yml").read_text(encoding="utf-8")
    config += f"\ncatalogue:\n  layout: {layout}\n"
    (project / "showroom.yml").write_text(config, encoding="utf-8")
    build(BuildOptions(config_file=project / "showroom.yml", date=date, search=False))
    return project / "public" / "catalogue.pdf"


def page_texts(pdf: Path) -> list[str]:
    """Each page's text (`pdftotext` ends every page with a form feed)."""
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split("\f")[:-1]


def product_page(texts: Sequence[str], slug: str = SLUG) -> int:
    """The page (1-based) that prints the product's address under its QR code."""
    return next(n for n, text in enumerate(texts, 1) if f"{slug}/" in text.replace("\n", ""))


def index_page(texts: Sequence[str], after: int, title: str = INDEX_TITLE) -> int:
    """The first page of an index (the company index): the first page past `after` that
    names it."""
    return next(n for n, text in enumerate(texts, 1) if n > after and title in text)


def rasterise(pdf: Path, page: int, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    stem = target.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-r", str(RESOLUTION), "-png", "-singlefile", "-f", str(page), "-l",
         str(page), str(pdf), str(stem)],
        check=True,
    )  # fmt: skip
    return target


def take(out: Path, date: dt.date = DATE) -> list[Path]:
    """Build both layouts and write the PNG files into `out`."""
    with tempfile.TemporaryDirectory(prefix="showroom-catalogue-") as tmp:
        full = build_catalogue(Path(tmp), "full", date)
        half = build_catalogue(Path(tmp), "half", date)
        full_texts, half_texts = page_texts(full), page_texts(half)
        product = product_page(full_texts)
        return [
            rasterise(full, 1, out / "catalogue-cover.png"),
            rasterise(full, product, out / "catalogue-product-full.png"),
            rasterise(half, product_page(half_texts), out / "catalogue-product-half.png"),
            rasterise(full, index_page(full_texts, product), out / "catalogue-index.png"),
            *english(full.with_name("catalogue.en.pdf"), out),
        ]


def english(pdf: Path, out: Path) -> list[Path]:
    """The English edition's pages (none on a site in one language)."""
    if not pdf.is_file():
        return []
    texts = page_texts(pdf)
    product = product_page(texts, EN_SLUG)
    index = index_page(texts, product, EN_INDEX_TITLE)
    return [
        rasterise(pdf, product, out / "catalogue-en-product.png"),
        rasterise(pdf, index, out / "catalogue-en-index.png"),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--date", type=dt.date.fromisoformat, default=DATE)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    try:
        written = take(args.out, args.date)
    except ShowroomError as exc:
        print(exc.format_message(), file=sys.stderr)
        return exc.exit_code
    for path in written:
        print(f"{path} ({path.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
