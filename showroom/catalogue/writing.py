"""Write the catalogue's PDFs from laid-out pages: the screen edition, the printer's edition and
one excerpt per hall, in two processes at once (see forked.py).

Every PDF's page labels are its printed folios, so a viewer's "page 17" is the page that says
17: a hall's excerpt starts with its own cover (labelled with a word), then the pages it takes
from the catalogue under their numbers there. An excerpt has its own title. The screen edition
and the excerpts hold their photos at about 150 ppi (enough on any screen, and a fraction of
the bytes); the printer's edition keeps the print renditions (300 ppi) and is PDF/X-4."""

from __future__ import annotations

import copy
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from showroom.catalogue import forked, pdf_speedups
from showroom.catalogue.finishing import Folio, finisher
from showroom.errors import ShowroomError

if TYPE_CHECKING:
    from weasyprint import Document
    from weasyprint.document import Page

log = logging.getLogger(__name__)

SCREEN_PPI = 150  # the screen edition's photos, at most (at layout: see pdf.py)


@dataclass(frozen=True)
class Job:
    """One PDF to write: its file name, its pages (from `source`, whose metadata it takes) and
    their labels; with `title`, its own title; with `bleed_mm`, crop marks outside it.

    `source` may be a function that lays the document out (the printer's edition): then it is
    laid out by the process that writes it, and all its pages are written (as many as there
    are folios). Laying out costs about as much as drawing, so such a job weighs double."""

    name: str
    source: Document | Callable[[], Document]
    pages: Sequence[Page] | None  # None: all of the source's pages
    folios: Sequence[Folio]
    options: dict[str, object] = field(default_factory=dict)
    title: str | None = None
    bleed_mm: float = 0
    printer: bool = False  # the printer's edition: its RGB photos tagged as sRGB

    @property
    def weight(self) -> int:
        """About the work of writing it: its pages, twice when they are laid out too."""
        return len(self.folios) * (2 if callable(self.source) else 1)

    def laid_out(self) -> tuple[Document, Sequence[Page]]:
        """The source and the pages to write (laying the source out first when it must)."""
        if not callable(self.source):
            return self.source, self.source.pages if self.pages is None else self.pages
        started = time.perf_counter()
        source = self.source()
        log.debug("laid out %s in %.1f s", self.name, time.perf_counter() - started)
        if len(source.pages) != len(self.folios):
            raise ShowroomError(f"{self.name} came out with another number of pages")
        return source, source.pages


def _srgb_profile() -> bytes:
    """The sRGB profile WeasyPrint ships (for PDF/A), the colour space of every photo."""
    return (resources.files("weasyprint.pdf") / "sRGB2014.icc").read_bytes()


def screen_options(identifier: bytes, pdf_ua: bool) -> dict[str, object]:
    options: dict[str, object] = {
        "pdf_identifier": identifier,
        "pdf_tags": True,
    }
    if pdf_ua:
        options["pdf_variant"] = "pdf/ua-1"
    return options


def print_options(identifier: bytes) -> dict[str, object]:
    return {"pdf_identifier": identifier, "pdf_tags": True, "pdf_variant": "pdf/x-4"}


def write_all(jobs: list[Job], folder: Path) -> None:
    """Every job's PDF into `folder`, shared between this process and a child."""
    shares = _shares(jobs)
    write = partial(_write_share, folder)
    with pdf_speedups.applied():
        forked.run_both(partial(write, shares[0]), partial(write, shares[1]))


def _shares(jobs: list[Job]) -> tuple[list[Job], list[Job]]:
    """Two shares of about the same number of pages to draw: one here, one in a child
    process."""
    shares: tuple[list[Job], list[Job]] = ([], [])
    for job in sorted(jobs, key=lambda job: -job.weight):
        lighter = min(shares, key=lambda share: sum(j.weight for j in share))
        lighter.append(job)
    return shares


def _write_share(folder: Path, share: list[Job]) -> None:
    for job in share:
        source, pages = job.laid_out()
        started = time.perf_counter()
        part = source.copy(list(pages))
        if job.title is not None:
            part.metadata = copy.copy(source.metadata)
            part.metadata.title = job.title
        srgb = _srgb_profile() if job.printer else None
        finish = finisher(job.folios, bleed_mm=job.bleed_mm, srgb=srgb)
        part.write_pdf(folder / job.name, finisher=finish, **job.options)
        log.debug(
            "wrote %s (%d pages) in %.1f s", job.name, len(pages), time.perf_counter() - started
        )
