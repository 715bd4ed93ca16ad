"""The words of a PDF with their boxes, page by page, and the pages' trim boxes: what a reader
of the printed page sees, and where. The words come from Poppler's `pdftotext -bbox` (Debian's
poppler-utils; pure-Python readers took seconds a page over the embedded CJK font)."""

from __future__ import annotations

import html
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

MM = 72 / 25.4  # points in a millimetre

_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)


@dataclass(frozen=True)
class Word:
    """A word and its box in points, from the top left corner of the page's crop box (as
    `pdftotext` gives it; the crop box is the media box here)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True)
class PageWords:
    number: int  # 1-based
    trim: tuple[float, float, float, float]  # left, top, right, bottom; from the top left
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def read_words(path: Path) -> list[PageWords]:
    output = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    reader = PdfReader(path)
    pages = []
    for number, (match, page) in enumerate(
        zip(_PAGE.finditer(output), reader.pages, strict=True), start=1
    ):
        media, trim = page.mediabox, page.trimbox
        height = float(media.top)
        box = (
            float(trim.left) - float(media.left),
            height - float(trim.top),
            float(trim.right) - float(media.left),
            height - float(trim.bottom),
        )
        words = tuple(
            Word(html.unescape(text).replace("\u2060", ""), float(a), float(b), float(c), float(d))
            for a, b, c, d, text in _WORD.findall(match.group(3))
        )
        pages.append(PageWords(number, box, tuple(w for w in words if w.text)))
    return pages
