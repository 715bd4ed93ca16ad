"""Pure geometry of image variants: widths, crops, print resolution."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

MM_PER_INCH = 25.4


@dataclass(frozen=True)
class Focus:
    """The point of interest as fractions of width and height (0.5, 0.5 is the centre)."""

    x: float = 0.5
    y: float = 0.5


KEYWORDS = {
    "center": Focus(0.5, 0.5),
    "centre": Focus(0.5, 0.5),
    "top": Focus(0.5, 0.0),
    "bottom": Focus(0.5, 1.0),
    "left": Focus(0.0, 0.5),
    "right": Focus(1.0, 0.5),
    "top left": Focus(0.0, 0.0),
    "top right": Focus(1.0, 0.0),
    "bottom left": Focus(0.0, 1.0),
    "bottom right": Focus(1.0, 1.0),
}
_PERCENTS = re.compile(r"([0-9]{1,3}(?:\.[0-9]+)?)%\s+([0-9]{1,3}(?:\.[0-9]+)?)%")


def parse_focus(text: str) -> Focus | str:
    """`center`, `top left` … or `30% 40%` (from the left, from the top); else a message."""
    value = " ".join(text.lower().split())
    if value in KEYWORDS:
        return KEYWORDS[value]
    match = _PERCENTS.fullmatch(value)
    if match:
        x, y = float(match.group(1)), float(match.group(2))
        if x <= 100 and y <= 100:
            return Focus(x / 100, y / 100)
    return f"{text!r} is not a focus point: write e.g. 'center', 'top' or '30% 40%'"


def web_widths(source_width: int, widths: Sequence[int]) -> tuple[int, ...]:
    """The configured widths that do not upscale; a small photo keeps its own width."""
    fitting = sorted({w for w in widths if w <= source_width})
    if not fitting or (fitting[-1] < source_width and len(fitting) < len(set(widths))):
        fitting.append(source_width)
    return tuple(fitting)


def scaled_height(width: int, height: int, new_width: int) -> int:
    return max(1, round(height * new_width / width))


def crop_box(width: int, height: int, aspect: float, focus: Focus) -> tuple[int, int, int, int]:
    """The largest box of `aspect` (width / height) inside the image, centred on the focus
    point as far as the edges allow."""
    if width / height > aspect:
        box_w, box_h = max(1, round(height * aspect)), height
    else:
        box_w, box_h = width, max(1, round(width / aspect))
    left = min(max(0, round(focus.x * width - box_w / 2)), width - box_w)
    top = min(max(0, round(focus.y * height - box_h / 2)), height - box_h)
    return left, top, left + box_w, top + box_h


def parse_aspect(text: str) -> float | str:
    match = re.fullmatch(r"\s*([0-9]+)\s*[:/]\s*([0-9]+)\s*", text)
    if not match or int(match.group(2)) == 0 or int(match.group(1)) == 0:
        return f"{text!r} is not an aspect ratio like 4:3"
    return int(match.group(1)) / int(match.group(2))


def pixels_for(mm: float, dpi: int) -> int:
    """Pixels needed to print `mm` millimetres at `dpi`."""
    return round(mm / MM_PER_INCH * dpi)


def dpi_at(pixels: int, mm: float) -> float:
    """The resolution `pixels` give when printed `mm` millimetres wide."""
    return pixels / (mm / MM_PER_INCH)
