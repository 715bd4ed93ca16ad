"""QR codes that lead from a printed page to the product's web page."""

from __future__ import annotations

import segno


def qr_data_uri(url: str) -> str:
    """An SVG QR code as a data URI (for WeasyPrint; never used on the website)."""
    code = segno.make(url, error="m", micro=False)
    return str(code.svg_data_uri(scale=4, border=2, dark="#000000", light="#ffffff"))
