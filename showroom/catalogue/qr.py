"""QR codes that lead from a printed page to the product's web page."""

from __future__ import annotations

import io

import segno
from PIL import Image

#: Pixels per module: few, so that the screen edition's 150 ppi limit never resamples (and
#: blurs) a code printed 14 mm wide or more.
SCALE = 2
BORDER = 2  # modules of quiet zone


#: The data mask: fixed, instead of segno trying all eight for the best score (three quarters
#: of the time of a code); any mask reads (the test decodes every code of a catalogue).
MASK = 0


def qr_png(url: str) -> bytes:
    """A QR code as a greyscale PNG, for the catalogue (never used on the website).

    A few pixels per module, printed with `image-rendering: pixelated` (no interpolation), is
    as sharp as a vector at any size: the modules sit on the pixel grid. An SVG would be drawn
    path by path, which cost WeasyPrint 5 s for a 500-product catalogue. Greyscale, the code
    prints in black ink alone in the printer's edition (a grey image is DeviceGray, which a
    CMYK press prints on the black plate) and takes no RGB into the PDF."""
    code = segno.make(url, error="m", micro=False, mask=MASK)
    rows = [list(row) for row in code.matrix_iter(scale=SCALE, border=BORDER)]
    image = Image.new("L", (len(rows[0]), len(rows)), 255)
    image.putdata([0 if dark else 255 for row in rows for dark in row])
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()
