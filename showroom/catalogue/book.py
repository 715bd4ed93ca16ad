"""The catalogue as a book: each hall's colour and the place of its thumb tab on the fore edge,
the cover's grid of photos, the notes pages' lines, and the project's own images (cover, logo)
under addresses the catalogue's URL fetcher serves (see resources.py). Pure geometry, but for
`project_image`, which reads the file it names."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar
from urllib.parse import quote

from showroom.catalogue.resources import PHOTOS

#: Trim sizes in mm (WeasyPrint's: ISO A4, A5, B5; US letter), width and height.
PAPER_MM: Mapping[str, tuple[float, float]] = {
    "A4": (210.0, 297.0),
    "A5": (148.0, 210.0),
    "B5": (176.0, 250.0),
    "letter": (215.9, 279.4),
}

#: The special halls' colours are the site's (site.css: --excellent, --innovation). The site
#: gives the product-group halls no colour of their own, so the catalogue's palette is here,
#: in one place: each group hall takes the next colour, in the halls' order. White text on
#: each of them has a contrast of at least 4.5:1.
COVER_TONE = "#072f5c"  # the covers: the site's --accent-dark (its header and footer)
SPECIAL_TONES: Mapping[str, str] = {"excellent": "#0a6338", "innovation": "#6b2296"}
GROUP_TONES: tuple[str, ...] = (
    "#0b4a8f",  # blue (the site's accent)
    "#a34700",  # burnt orange
    "#00646e",  # teal
    "#8c2752",  # raspberry
    "#4f6314",  # olive
    "#6e4c00",  # ochre
    "#38468f",  # indigo
    "#9b2419",  # brick
)

TAB_WIDTH_MM = 8.0  # how far a tab reaches into the page from the trim (the bleed comes on top)
TAB_MARGIN_MM = 22.0  # kept free above the first tab and below the last
TAB_MAX_MM = 32.0
COVER_MARGIN_MM = 18.0  # the cover's side margins (the grid's width is the rest)
COVER_GAP_MM = 3.0
NOTE_LINE_MM = 9.0

T = TypeVar("T")


class Laid(Protocol):
    """A laid-out document (WeasyPrint's), as far as counting its pages."""

    @property
    def pages(self) -> Sequence[object]: ...


L = TypeVar("L", bound=Laid)


@dataclass(frozen=True)
class HallLook:
    """A hall's colour, and its thumb tab's place from the top of the trim, in mm."""

    number: int  # 1-based: the hall's place in the book
    tone: str
    tab_top: float
    tab_height: float

    @property
    def page(self) -> str:
        """The named page of the hall's pages (its tab is their background)."""
        return f"book-hall-{self.number}"

    @property
    def divider_page(self) -> str:
        return f"book-divider-{self.number}"

    @property
    def swatch(self) -> str:
        return swatch(self.tone)


@dataclass(frozen=True)
class CoverGrid:
    columns: int
    cell_width: float  # mm
    cell_height: float


def thumb_tabs(count: int, page_height: float) -> list[tuple[float, float]]:
    """Each of `count` tabs' top and height (mm): one below the other from the top margin, as
    tall as the fore edge allows, at most TAB_MAX_MM."""
    if count < 1:
        return []
    span = page_height - 2 * TAB_MARGIN_MM
    height = min(TAB_MAX_MM, span / count)
    return [(round(TAB_MARGIN_MM + i * height, 2), round(height, 2)) for i in range(count)]


def hall_looks(kinds: Sequence[str], page_height: float) -> tuple[HallLook, ...]:
    """The look of each hall, given the halls' kinds in the book's order."""
    tabs = thumb_tabs(len(kinds), page_height)
    looks = []
    groups = 0
    for number, (kind, (top, height)) in enumerate(zip(kinds, tabs, strict=True), start=1):
        tone = SPECIAL_TONES.get(kind)
        if tone is None:
            tone = GROUP_TONES[groups % len(GROUP_TONES)]
            groups += 1
        looks.append(HallLook(number, tone, top, height))
    return tuple(looks)


def swatch(colour: str) -> str:
    """A one-colour image as a data address. A page background needs an image with a size:
    WeasyPrint paints a gradient over the whole page, whatever its background-size."""
    svg = (
        "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10' viewBox='0 0 10 10' "
        f"preserveAspectRatio='none'><rect width='10' height='10' fill='{colour}'/></svg>"
    )
    return "data:image/svg+xml," + quote(svg)


def cover_picks(groups: Sequence[Sequence[T]], most: int = 9) -> list[T]:
    """The cover's photos, the same on every build: the first product of each hall, then the
    second of each, and so on, as many as fill a grid (9, 6, 4, or all of 1 to 3)."""
    picks: list[T] = []
    depth = max((len(g) for g in groups), default=0)
    for row in range(depth):
        picks += [g[row] for g in groups if row < len(g)]
    available = min(len(picks), most)
    size = next((n for n in (9, 6, 4) if n <= available), available)
    return picks[:size]


def cover_grid(count: int, paper: tuple[float, float]) -> CoverGrid:
    """The cells of the cover's grid of `count` photos, in about half the cover's height."""
    width, height = paper
    columns = 3 if count in (3, 6, 9) or count > 4 else max(1, min(count, 2))
    rows = max(1, math.ceil(count / columns))
    cell_width = (width - 2 * COVER_MARGIN_MM - (columns - 1) * COVER_GAP_MM) / columns
    room = (height * 0.47 - (rows - 1) * COVER_GAP_MM) / rows
    return CoverGrid(columns, round(cell_width, 2), round(min(cell_width * 0.75, room), 2))


def note_lines(page_height: float, top: float = 18, bottom: float = 20, heading: float = 20) -> int:
    """The ruled lines that fill a notes page inside its margins, below its heading."""
    return int((page_height - top - bottom - heading) // NOTE_LINE_MM)


def project_image(role: str, path: Path) -> tuple[str, str]:
    """An image of the project's (cover, logo) as a catalogue address and the name it is
    served under: its digest in the address, so the HTML (the catalogue's cache key) changes
    whenever the file does."""
    name = f"catalogue-book/{role}{path.suffix.lower()}"
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    return f"{PHOTOS}{quote(name)}?{digest}", name


def planned_pages(count: int, back_cover: int, multiple: int) -> int:
    """The notes pages that make `count` pages and a back cover of `back_cover` pages a
    multiple of `multiple` (0 or 1: none)."""
    return -(count + back_cover) % multiple if multiple > 1 else 0


def lay_out_back(lay_out: Callable[[int], L], count: int, multiple: int) -> tuple[L, int]:
    """The back after `count` pages, laid out with its notes pages (`lay_out(notes)`), and
    their number: the whole a multiple of `multiple`. The back cover is a page, unless its
    colophon ran over: then it is laid out once more."""
    notes = planned_pages(count, 1, multiple)
    back = lay_out(notes)
    cover = len(back.pages) - notes
    if cover != 1:
        notes = planned_pages(count, cover, multiple)
        back = lay_out(notes)
    return back, notes
