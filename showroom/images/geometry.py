"""Pure geometry of image variants: widths, crops, print resolution."""

from __future__ import annotations

from collections.abc import Sequence

from showroom.fields.focus import Focus

MM_PER_INCH = 25.4


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


def pixels_for(mm: float, dpi: int) -> int:
    """Pixels needed to print `mm` millimetres at `dpi`."""
    return round(mm / MM_PER_INCH * dpi)


def dpi_at(pixels: int, mm: float) -> float:
    """The resolution `pixels` give when printed `mm` millimetres wide."""
    return pixels / (mm / MM_PER_INCH)
