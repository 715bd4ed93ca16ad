"""Render the catalogue with WeasyPrint: page numbers from the real layout, one PDF per hall,
reproducible bytes, and no render at all when nothing that went into it changed."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from showroom.catalogue.fonts import check_coverage, font_families
from showroom.catalogue.korean import keep_words

log = logging.getLogger(__name__)

MAIN_FILE = "catalogue.pdf"
PAGES_FILE = "pages.json"


@dataclass(frozen=True)
class HallSpan:
    slug: str
    kind: str
    product_slugs: tuple[str, ...]


@dataclass(frozen=True)
class RenderedCatalogue:
    folder: Path  # the cache entry holding every PDF
    files: dict[str, str]  # output path -> file name in the folder
    product_pages: dict[str, int]  # product slug -> page in catalogue.pdf
    hall_pages: dict[str, int]  # hall slug -> first page
    pages: int
    rendered: bool  # False when it came from the cache


def hall_file(slug: str) -> str:
    return f"catalogue/{slug}.pdf"


def render_catalogue(
    html: str,
    css_path: Path,
    halls: list[HallSpan],
    cache_dir: Path,
    identity: dict[str, Any],
) -> RenderedCatalogue:
    """Check fonts, then render (or reuse) the catalogue and its hall excerpts."""
    import weasyprint  # heavy: only when a catalogue is made

    html = keep_words(html)
    css = css_path.read_text(encoding="utf-8")
    check_coverage(html, font_families(css))
    key_source = json.dumps(
        {"html": html, "css": css, "weasyprint": weasyprint.__version__, **identity},
        sort_keys=True,
    )
    key = hashlib.sha256(key_source.encode()).hexdigest()[:32]
    entry = cache_dir / key
    cached = _load(entry)
    if cached is not None:
        return cached
    log.debug("rendering the catalogue (%s)", key)
    document = weasyprint.HTML(string=html, base_url=str(css_path.parent)).render()
    anchors: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for anchor in page.anchors:
            anchors.setdefault(anchor, number)
    product_pages = {a[2:]: n for a, n in anchors.items() if a.startswith("p-")}
    hall_pages = {a[5:]: n for a, n in anchors.items() if a.startswith("hall-")}
    options = {"pdf_identifier": key.encode(), "pdf_tags": True}
    cache_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".tmp-", dir=cache_dir))
    try:
        document.write_pdf(staging / MAIN_FILE, **options)
        files = {MAIN_FILE: MAIN_FILE}
        starts = sorted([*hall_pages.values(), anchors.get("companies", len(document.pages) + 1)])
        for hall in halls:
            first = hall_pages[hall.slug]
            following = next((s for s in starts if s > first), len(document.pages) + 1)
            numbers = list(range(first, following))
            if hall.kind != "category":  # the listing, then each product's own page
                numbers += sorted({product_pages[s] for s in hall.product_slugs})
            excerpt = document.copy([document.pages[n - 1] for n in numbers])
            name = f"{hall.slug}.pdf"
            excerpt.write_pdf(staging / name, **options)
            files[hall_file(hall.slug)] = name
        record = {
            "files": files,
            "product_pages": product_pages,
            "hall_pages": hall_pages,
            "pages": len(document.pages),
        }
        (staging / PAGES_FILE).write_text(json.dumps(record, indent=1), encoding="utf-8")
        try:
            os.rename(staging, entry)
        except OSError:
            shutil.rmtree(staging, ignore_errors=True)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    loaded = _load(entry)
    assert loaded is not None
    return RenderedCatalogue(**{**loaded.__dict__, "rendered": True})


def _load(entry: Path) -> RenderedCatalogue | None:
    try:
        record = json.loads((entry / PAGES_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return RenderedCatalogue(
        folder=entry,
        files=record["files"],
        product_pages=record["product_pages"],
        hall_pages=record["hall_pages"],
        pages=record["pages"],
        rendered=False,
    )
