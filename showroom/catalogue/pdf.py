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
one PDF.

The printer's edition is the same pages in the printer's colours (see cmyk.py): colours and
photos change no box, so its three parts are laid out once each with the numbers already
known, by the process that writes it (see writing.py: the other one draws the screen
edition meanwhile). The halls' covers (one page each, for the excerpts) are a small document
of their own. Writing the PDFs is writing.py's."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

from showroom.catalogue import book
from showroom.catalogue.finishing import Folio
from showroom.catalogue.fonts import check_coverage, font_families
from showroom.catalogue.korean import keep_words
from showroom.catalogue.parts import Part, Placeholders
from showroom.catalogue.resources import THEME, Resources
from showroom.catalogue.stored import PAGES_FILE, RenderedCatalogue
from showroom.catalogue.stored import load as _load
from showroom.catalogue.writing import (
    SCREEN_PPI,
    Job,
    print_options,
    screen_options,
    write_all,
)
from showroom.errors import ShowroomError
from showroom.site import urls
from showroom.state import sealed
from showroom.state.cache_folders import CATALOGUE, claim

if TYPE_CHECKING:
    from weasyprint import Document
    from weasyprint.document import Page

log = logging.getLogger(__name__)

MAIN_FILE = "catalogue.pdf"
PRINT_FILE = "catalogue-print.pdf"
SETTLE_ATTEMPTS = 4  # the front's length rarely changes once numbers replace placeholders

Step = Callable[[int, int], None]


@dataclass(frozen=True)
class HallSpan:
    slug: str
    kind: str
    product_slugs: tuple[str, ...]
    title: str  # its excerpt's title


RenderHtml = Callable[[Part], str]


@dataclass(frozen=True)
class Printer:
    """The printer's edition: its HTML (in CMYK), its files (served in CMYK), its bleed and
    whether it has crop marks."""

    render_html: RenderHtml
    resources: Resources
    bleed_mm: int
    crop_marks: bool


@dataclass(frozen=True)
class Extras:
    """What is made besides the screen edition: the halls' covers (HTML: one page per hall,
    each with the id `cover-<hall>`; their label), the printer's edition, PDF/UA."""

    covers_html: str = ""
    cover_label: str = ""
    printer: Printer | None = None
    pdf_ua: bool = False


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
    extras: Extras | None = None,
    language: str = "",
) -> RenderedCatalogue:
    """Reuse the catalogue when nothing that goes into it changed and the cached PDFs are
    whole (see `_load`; `checks`: see state/sealed.py); otherwise check the fonts, then render
    the catalogue and its hall excerpts. The HTML names its files by addresses that `resources`
    serves (no folder of this machine is in the PDF). The PDFs are the edition in `language`
    ("": the default language's; see `urls.catalogue` for their names)."""
    checks = {} if checks is None else checks
    extras = extras or Extras()
    draft = Part("front", Placeholders(len(str(max(estimated_pages, 1)))), 1)
    front_html = keep_words(render_html(draft))
    body_html = keep_words(render_html(Part("body", None, 1)))
    back_html = keep_words(render_html(Part("back", None, 1)))
    css = css_path.read_text(encoding="utf-8")
    inputs = {"front": front_html, "body": body_html, "back": back_html, "css": css}
    # The language names the files in the record (the default's key is as it was before
    # there were languages: its cached PDFs stay current).
    named = {"language": language} if language else {}
    key = _cache_key({**inputs, "page_multiple": page_multiple, **identity, **named}, extras)
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

    def lay_out(html: str, files: object = fetcher, dpi: int | None = SCREEN_PPI) -> Document:
        """The pages of `html`; photos drawn at `dpi` at most (None: as they are)."""
        started = time.perf_counter()
        page = weasyprint.HTML(string=html, base_url=THEME, url_fetcher=files)
        document = page.render(dpi=dpi)
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
    back_part = partial(Part, "back", None, count + 1)  # its notes pages to come
    back, planned = book.lay_out_back(
        lambda notes: lay_out(keep_words(render_html(back_part(notes)))), count, page_multiple
    )
    anchors = {**anchors, **page_anchors(back.pages, count + 1)}
    document = front.copy([*front.pages, *body.pages, *back.pages])
    made = _extras(document, anchors, extras, lay_out, numbers, length, back_part(planned))
    _write(made, halls, extras, (cache_dir, entry, key), language)
    tick(total_steps, total_steps)
    loaded = _load(entry, checks)
    if loaded is None:
        raise ShowroomError(f"the catalogue in {entry} was damaged while it was made")
    return RenderedCatalogue(**{**loaded.__dict__, "rendered": True})


def _cache_key(inputs: Mapping[str, object], extras: Extras) -> str:
    """The digest of everything that goes into the PDFs."""
    printer = extras.printer
    source = {
        **inputs,
        "weasyprint": version("weasyprint"),
        "covers": extras.covers_html,
        "pdf_ua": extras.pdf_ua,
        "printer": None if printer is None else [printer.bleed_mm, printer.crop_marks],
    }
    return hashlib.sha256(json.dumps(source, sort_keys=True).encode()).hexdigest()[:32]


def _extras(
    document: Document,
    anchors: dict[str, int],
    extras: Extras,
    lay_out: Callable[..., Document],
    numbers: Mapping[str, str],
    front_length: int,
    back: Part,
) -> Made:
    """The catalogue with the halls' covers laid out, and the printer's edition to lay out
    where it is written (in the other process: see writing.py)."""
    covers = lay_out(keep_words(extras.covers_html)) if extras.covers_html else None
    printer = extras.printer
    if printer is None:
        return Made(document, anchors, covers, None)
    return Made(
        document, anchors, covers, partial(_printed, printer, lay_out, numbers, front_length, back)
    )


def _printed(
    printer: Printer,
    lay_out: Callable[[str, object, int | None], Document],
    numbers: Mapping[str, str],
    front_length: int,
    back: Part,
) -> Document:
    """The printer's edition: its three parts laid out once each, with the screen edition's
    numbers and notes pages."""
    files = printer.resources.url_fetcher()
    front = lay_out(keep_words(printer.render_html(Part("front", numbers, 1))), files, None)
    body = lay_out(
        keep_words(printer.render_html(Part("body", None, front_length + 1))), files, None
    )
    end = lay_out(keep_words(printer.render_html(back)), files, None)
    return front.copy([*front.pages, *body.pages, *end.pages])


def page_anchors(pages: Sequence[Page], first: int) -> dict[str, int]:
    """Every anchor (element id) and the number of the page it is on."""
    anchors: dict[str, int] = {}
    for number, page in enumerate(pages, start=first):
        for anchor in page.anchors:
            anchors.setdefault(anchor, number)
    return anchors


@dataclass(frozen=True)
class Made:
    """The laid-out catalogue: its pages and their anchors' pages, the halls' covers (or
    None), the printer's edition (or None)."""

    document: Document
    anchors: dict[str, int]
    covers: Document | None
    printed: Callable[[], Document] | None  # lays out the printer's edition


def _write(
    made: Made,
    halls: list[HallSpan],
    extras: Extras,
    cache: tuple[Path, Path, str],
    language: str,
) -> None:
    """The PDFs into the cache entry `cache` (the folder, the entry and its key), named in the
    record by their paths in the site (in `language`)."""
    cache_dir, entry, key = cache
    document, anchors = made.document, made.anchors
    product_pages = {a[2:]: n for a, n in anchors.items() if a.startswith("p-")}
    hall_pages = {a[5:]: n for a, n in anchors.items() if a.startswith("hall-")}
    count = len(document.pages)
    every = list(range(1, count + 1))
    screen = screen_options(key.encode(), extras.pdf_ua)
    jobs = [Job(MAIN_FILE, document, document.pages, every, screen)]
    files = {urls.catalogue(language=language): MAIN_FILE}
    if made.printed is not None and extras.printer is not None:
        bleed = extras.printer.bleed_mm if extras.printer.crop_marks else 0
        options = print_options(key.encode())
        jobs.append(Job(PRINT_FILE, made.printed, None, every, options, None, bleed, True))
        files[urls.catalogue(language=language, printer=True)] = PRINT_FILE
    starts = sorted([*hall_pages.values(), anchors.get("companies", count + 1)])
    for hall in halls:
        numbers = _hall_numbers(hall, hall_pages, product_pages, starts, count)
        jobs.append(_hall_job(made, hall, numbers, extras.cover_label, screen))
        files[urls.catalogue(hall.slug, language)] = f"{hall.slug}.pdf"
    claim(cache_dir, CATALOGUE)
    staging = Path(tempfile.mkdtemp(prefix=".tmp-", dir=cache_dir))
    try:
        write_all(jobs, staging)
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


def _hall_job(
    made: Made, hall: HallSpan, numbers: list[int], cover_label: str, options: dict[str, object]
) -> Job:
    """A hall's excerpt: its cover (when there is one), then its pages under their folios."""
    document = made.document
    pages = [document.pages[n - 1] for n in numbers]
    folios: list[Folio] = list(numbers)
    covers = made.covers
    cover = None if covers is None else page_anchors(covers.pages, 1).get(f"cover-{hall.slug}")
    if covers is not None and cover is not None:
        pages.insert(0, covers.pages[cover - 1])
        folios.insert(0, cover_label)
    return Job(f"{hall.slug}.pdf", document, pages, folios, options, hall.title)


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
