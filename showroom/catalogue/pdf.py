"""Render the catalogue with WeasyPrint: page numbers from the real layout, one PDF per hall,
reproducible bytes, and no render at all when nothing that went into it changed.

The catalogue is laid out in two parts. The *front* (cover, table of contents, and the special
halls' listings when they come first) refers forward to pages that follow it; the *body* (the
product pages, and everything that only refers back) does not. CSS `target-counter()` pointing
forward makes WeasyPrint lay the whole document out a second time, so the front prints
literal page numbers instead: it is laid out once with placeholders to learn its length, the
body is laid out after it (its page counter starting where the front ends), then the front
again with the body's real numbers. A third, small part, the *back* (the notes pages that pad
the page count to a multiple of `page_multiple`, then the back cover), is laid out last, when
the count is known, so that padding costs one short layout. The parts' pages are written as
one PDF."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from showroom.catalogue import forked, pdf_speedups
from showroom.catalogue.fonts import check_coverage, font_families
from showroom.catalogue.korean import keep_words
from showroom.catalogue.resources import THEME, Resources
from showroom.errors import ShowroomError
from showroom.state import sealed
from showroom.state.cache_folders import CATALOGUE, claim

if TYPE_CHECKING:
    from weasyprint import Document
    from weasyprint.document import Page

log = logging.getLogger(__name__)

MAIN_FILE = "catalogue.pdf"
PAGES_FILE = "pages.json"
SETTLE_ATTEMPTS = 4  # the front's length rarely changes once numbers replace placeholders

Step = Callable[[int, int], None]


@dataclass(frozen=True)
class HallSpan:
    slug: str
    kind: str
    product_slugs: tuple[str, ...]


@dataclass(frozen=True)
class Part:
    """What the print template renders: `front`, `body` or `back`."""

    name: str
    numbers: Mapping[str, str] | None  # literal page numbers by anchor; None: target-counter()
    first_page: int  # the number of the part's first page
    planned_pages: int = 0  # the back's notes pages, before the back cover


RenderHtml = Callable[[Part], str]


class Placeholders(Mapping[str, str]):
    """Stand-in page numbers for the front's first layout, as wide as the real ones will be."""

    def __init__(self, digits: int) -> None:
        self.value = "8" * digits

    def __getitem__(self, key: str) -> str:
        return self.value

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


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
    render_html: RenderHtml,
    css_path: Path,
    resources: Resources,
    halls: list[HallSpan],
    cache_dir: Path,
    identity: Mapping[str, object],
    estimated_pages: int,
    page_multiple: int = 1,
    step: Step | None = None,
    checks: dict[str, str] | None = None,
) -> RenderedCatalogue:
    """Reuse the catalogue when nothing that goes into it changed and the cached PDFs are
    whole (see `_load`; `checks`: see state/sealed.py); otherwise check the fonts, then render
    the catalogue and its hall excerpts. The HTML names its files by addresses that `resources`
    serves (no folder of this machine is in the PDF)."""
    checks = {} if checks is None else checks
    draft = Part("front", Placeholders(len(str(max(estimated_pages, 1)))), 1)
    front_html = keep_words(render_html(draft))
    body_html = keep_words(render_html(Part("body", None, 1)))
    back_html = keep_words(render_html(Part("back", None, 1)))
    css = css_path.read_text(encoding="utf-8")
    key_source = json.dumps(
        {
            "front": front_html,
            "body": body_html,
            "back": back_html,
            "page_multiple": page_multiple,
            "css": css,
            "weasyprint": version("weasyprint"),
            **identity,
        },
        sort_keys=True,
    )
    key = hashlib.sha256(key_source.encode()).hexdigest()[:32]
    entry = cache_dir / key
    cached = _load(entry, checks)
    if cached is not None:
        return cached  # its fonts are embedded: the fonts installed now do not matter
    check_coverage(front_html + body_html + back_html, font_families(css))
    import weasyprint  # heavy: only when a catalogue is rendered

    log.debug("rendering the catalogue (%s)", key)
    total_steps = 5
    tick = step or (lambda done, total: None)

    fetcher = resources.url_fetcher()

    def lay_out(html: str) -> Document:
        started = time.perf_counter()
        document = weasyprint.HTML(string=html, base_url=THEME, url_fetcher=fetcher).render()
        log.debug("laid out %d pages in %.1f s", len(document.pages), time.perf_counter() - started)
        return document

    front = lay_out(front_html)
    tick(1, total_steps)
    for _ in range(SETTLE_ATTEMPTS):
        length = len(front.pages)
        front_anchors = page_anchors(front.pages, 1)
        body = lay_out(keep_words(render_html(Part("body", None, length + 1))))
        tick(2, total_steps)
        anchors = {**front_anchors, **page_anchors(body.pages, length + 1)}
        numbers = {name: str(number) for name, number in anchors.items()}
        front = lay_out(keep_words(render_html(Part("front", numbers, 1))))
        tick(3, total_steps)
        if len(front.pages) == length and page_anchors(front.pages, 1) == front_anchors:
            break
        log.debug("the front changed length with real page numbers; laying out again")
    else:
        raise ShowroomError("the catalogue's page numbers did not settle; please report this")
    count = length + len(body.pages)
    back = _lay_out_back(lambda part: lay_out(keep_words(render_html(part))), count, page_multiple)
    tick(4, total_steps)
    anchors = {**anchors, **page_anchors(back.pages, count + 1)}
    document = front.copy([*front.pages, *body.pages, *back.pages])
    _write(document, anchors, halls, cache_dir, entry, key, tick, total_steps)
    loaded = _load(entry, checks)
    if loaded is None:
        raise ShowroomError(f"the catalogue in {entry} was damaged while it was made")
    return RenderedCatalogue(**{**loaded.__dict__, "rendered": True})


def planned_pages(count: int, back_cover: int, multiple: int) -> int:
    """The notes pages that make `count` pages and a back cover of `back_cover` pages a
    multiple of `multiple` (0 or 1: none)."""
    return -(count + back_cover) % multiple if multiple > 1 else 0


def _lay_out_back(lay_out: Callable[[Part], Document], count: int, multiple: int) -> Document:
    """The back after `count` pages: notes pages, then the back cover, ending on a multiple
    of `multiple`. The back cover is a page, unless its colophon ran over: then once more."""
    planned = planned_pages(count, 1, multiple)
    back = lay_out(Part("back", None, count + 1, planned))
    cover = len(back.pages) - planned
    if cover != 1:
        back = lay_out(Part("back", None, count + 1, planned_pages(count, cover, multiple)))
    return back


def page_anchors(pages: Sequence[Page], first: int) -> dict[str, int]:
    """Every anchor (element id) and the number of the page it is on."""
    anchors: dict[str, int] = {}
    for number, page in enumerate(pages, start=first):
        for anchor in page.anchors:
            anchors.setdefault(anchor, number)
    return anchors


#: A PDF to write: its file name, and the numbers of the pages it holds.
Job = tuple[str, list[int]]


def _write(
    document: Document,
    anchors: dict[str, int],
    halls: list[HallSpan],
    cache_dir: Path,
    entry: Path,
    key: str,
    tick: Step,
    total_steps: int,
) -> None:
    product_pages = {a[2:]: n for a, n in anchors.items() if a.startswith("p-")}
    hall_pages = {a[5:]: n for a, n in anchors.items() if a.startswith("hall-")}
    count = len(document.pages)
    options = {"pdf_identifier": key.encode(), "pdf_tags": True}
    claim(cache_dir, CATALOGUE)
    staging = Path(tempfile.mkdtemp(prefix=".tmp-", dir=cache_dir))
    starts = sorted([*hall_pages.values(), anchors.get("companies", count + 1)])
    files = {MAIN_FILE: MAIN_FILE}
    excerpts: list[Job] = []
    for hall in halls:
        numbers = _hall_numbers(hall, hall_pages, product_pages, starts, count)
        excerpts.append((f"{hall.slug}.pdf", numbers))
        files[hall_file(hall.slug)] = f"{hall.slug}.pdf"
    shares = _shares([(MAIN_FILE, list(range(1, count + 1))), *excerpts])
    write = partial(_write_share, document, staging, options)
    try:
        with pdf_speedups.applied():
            forked.run_both(partial(write, shares[0]), partial(write, shares[1]))
        tick(total_steps, total_steps)
        record = {
            "files": files,
            "product_pages": product_pages,
            "hall_pages": hall_pages,
            "pages": count,
        }
        (staging / PAGES_FILE).write_text(json.dumps(record, indent=1), encoding="utf-8")
        sealed.seal(staging, [PAGES_FILE, *files.values()])
        try:
            os.rename(staging, entry)
        except OSError:
            shutil.rmtree(staging, ignore_errors=True)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def _hall_numbers(
    hall: HallSpan,
    hall_pages: dict[str, int],
    product_pages: dict[str, int],
    starts: list[int],
    count: int,
) -> list[int]:
    """The pages of a hall's excerpt: its listing, then (but for a product group's) each of
    its products' own page."""
    first = hall_pages[hall.slug]
    following = next((s for s in starts if s > first), count + 1)
    numbers = list(range(first, following))
    if hall.kind != "category":
        numbers += sorted({product_pages[s] for s in hall.product_slugs})
    return numbers


def _shares(jobs: list[Job]) -> tuple[list[Job], list[Job]]:
    """Two shares of about the same number of pages to draw: one here, one in a child
    process."""
    shares: tuple[list[Job], list[Job]] = ([], [])
    for name, numbers in sorted(jobs, key=lambda job: -len(job[1])):
        lighter = min(shares, key=lambda share: sum(len(n) for _, n in share))
        lighter.append((name, numbers))
    return shares


def _write_share(
    document: Document, staging: Path, options: dict[str, object], share: list[Job]
) -> None:
    for name, numbers in share:
        started = time.perf_counter()
        part = (
            document
            if name == MAIN_FILE
            else document.copy([document.pages[n - 1] for n in numbers])
        )
        part.write_pdf(staging / name, **options)
        log.debug(
            "wrote %s (%d pages) in %.1f s", name, len(numbers), time.perf_counter() - started
        )


def _load(entry: Path, checks: dict[str, str]) -> RenderedCatalogue | None:
    """The catalogue in the cache entry, if it is whole: every file as sealed when it was
    made (state/sealed.py), each PDF a PDF, the record of the expected shape. A damaged entry
    is removed (and rendered again)."""
    key = f"catalogue:{entry.name}"
    if not entry.exists() and not entry.is_symlink():
        return None
    found = sealed.verified(entry, checks, key)
    try:
        if found is None or PAGES_FILE not in found:
            raise ValueError("not sealed")
        record = json.loads((entry / PAGES_FILE).read_text(encoding="utf-8"))
        loaded = RenderedCatalogue(
            folder=entry,
            files=_str_map(record["files"], str),
            product_pages=_str_map(record["product_pages"], int),
            hall_pages=_str_map(record["hall_pages"], int),
            pages=_count(record["pages"]),
            rendered=False,
        )
        for name in loaded.files.values():
            if name not in found:
                raise ValueError(f"{name} is not sealed")
            with open(entry / name, "rb") as file:
                if file.read(5) != b"%PDF-":
                    raise ValueError(f"{name} is not a PDF")
    except (OSError, ValueError, TypeError, KeyError) as exc:
        sealed.remove(entry, checks, key, str(exc))
        return None
    return loaded


T = TypeVar("T")


def _str_map(value: object, kind: type[T]) -> dict[str, T]:
    if type(value) is not dict or not all(type(v) is kind for v in value.values()):
        raise ValueError("the record is damaged")
    return value


def _count(value: object) -> int:
    if type(value) is not int or value < 1:
        raise ValueError("the record is damaged")
    return value
