"""QR codes that lead from a printed page to the product's web page."""

from __future__ import annotations

import segno


def qr_data_uri(url: str) -> str:
    """A QR code as a PNG data URI, for the catalogue (never used on the website).

    A few pixels per module, printed with `image-rendering: pixelated` (no interpolation), is
    as sharp as a vector at any size: the modules sit on the pixel grid. An SVG would be drawn
    path by path, which cost WeasyPrint 5 s for a 500-product catalogue."""
    code = segno.make(url, error="m", micro=False)
    return str(code.png_data_uri(scale=4, border=2, dark="#000000", light="#ffffff"))
