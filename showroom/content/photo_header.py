"""What a photo is, read from its header alone: format and displayed size, or why it cannot
be used. Content is validated with it before any photo is decoded."""

from __future__ import annotations

import functools
import io
import warnings
from dataclasses import dataclass

import pillow_heif
from PIL import Image, UnidentifiedImageError, features

#: The formats a photo may have, as Pillow names them (HEIF: a phone's HEIC photo).
ACCEPTED = ("JPEG", "PNG", "WEBP", "AVIF", "HEIF")
#: How a format is named to an editor, where Pillow's name is not the one they know.
SHOWN = {"HEIF": "HEIC"}
MAX_PIXELS = 60_000_000  # a larger photo is refused before it is decoded


class ImageProblem(Exception):
    """A photo that cannot be used; the message is for the editor."""


@dataclass(frozen=True)
class Header:
    format: str
    width: int  # as displayed (EXIF orientation applied)
    height: int


@functools.cache
def register_formats() -> None:
    """Teach Pillow HEIC/HEIF (pillow-heif's opener), once per process: every photo is opened
    after read_header, in this process or a worker. pillow-heif applies the HEIF file's own
    rotation and mirroring while decoding and sets the EXIF orientation to 1, so the picture
    it gives is upright and its size is the displayed one, as for any other format."""
    pillow_heif.register_heif_opener()


def read_header(data: bytes, name: str) -> Header:
    """Format and displayed size from the header alone; raises ImageProblem."""
    register_formats()
    limit = MAX_PIXELS // 1_000_000
    try:
        with warnings.catch_warnings():
            # Only the header is read here; the size is checked against our own limit below.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                fmt = str(image.format)
                width, height = image.size
                orientation = image.getexif().get(0x0112, 1)
    except Image.DecompressionBombError:
        raise ImageProblem(
            f"{name} is far more than the {limit} megapixels a photo may have; make it smaller"
        ) from None
    except UnidentifiedImageError:
        raise ImageProblem(f"{name} is not a readable image") from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise ImageProblem(f"{name} cannot be read: {exc}") from None
    if fmt not in ACCEPTED:
        usable = (f for f in ACCEPTED if f != "AVIF" or features.check("avif"))
        accepted = ", ".join(SHOWN.get(f, f) for f in usable)
        raise ImageProblem(f"{name} is a {fmt} file; use one of: {accepted}")
    if width * height > MAX_PIXELS:
        raise ImageProblem(
            f"{name} is {width}×{height} pixels ({width * height / 1e6:.0f} megapixels), more "
            f"than the {limit} megapixels a photo may have; make it smaller"
        )
    if orientation in (5, 6, 7, 8):
        width, height = height, width
    return Header(fmt, width, height)
