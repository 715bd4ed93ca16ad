"""Open a photo as an upright sRGB picture with no metadata: RGB, or RGBA when it really has
transparency. EXIF orientation is applied; an embedded ICC profile is honoured."""

from __future__ import annotations

import contextlib
import io
import warnings
from collections.abc import Iterator
from dataclasses import dataclass

from PIL import Image, ImageCms, ImageFile, ImageOps, UnidentifiedImageError, features

ACCEPTED = ("JPEG", "PNG", "WEBP", "AVIF")
MAX_PIXELS = 60_000_000  # a larger photo is refused before it is decoded

_SRGB = ImageCms.createProfile("sRGB")


class ImageProblem(Exception):
    """A photo that cannot be used; the message is for the editor."""


@dataclass(frozen=True)
class Header:
    format: str
    width: int  # as displayed (EXIF orientation applied)
    height: int


def read_header(data: bytes, name: str) -> Header:
    """Format and displayed size from the header alone; raises ImageProblem."""
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
        accepted = ", ".join(f for f in ACCEPTED if f != "AVIF" or features.check("avif"))
        raise ImageProblem(f"{name} is a {fmt} file; use one of: {accepted}")
    if width * height > MAX_PIXELS:
        raise ImageProblem(
            f"{name} is {width}×{height} pixels ({width * height / 1e6:.0f} megapixels), more "
            f"than the {limit} megapixels a photo may have; make it smaller"
        )
    if orientation in (5, 6, 7, 8):
        width, height = height, width
    return Header(fmt, width, height)


def open_normalised(data: bytes, name: str, largest: int) -> Image.Image:
    """Decode (at reduced size when `largest` px wide is enough) into upright sRGB RGB/RGBA."""
    header = read_header(data, name)
    try:
        with _strict_decoding(), Image.open(io.BytesIO(data)) as image:
            if image.format == "JPEG" and largest < max(header.width, header.height):
                scale = largest / header.width
                raw_w, raw_h = image.size
                image.draft(image.mode, (max(1, int(raw_w * scale)), max(1, int(raw_h * scale))))
            image.load()
            icc = image.info.get("icc_profile")
            upright = ImageOps.exif_transpose(image)
    except (OSError, SyntaxError, ValueError) as exc:
        raise ImageProblem(f"{name} is damaged or truncated: {exc}") from None
    return _to_srgb(upright, icc)


@contextlib.contextmanager
def _strict_decoding() -> Iterator[None]:
    """Refuse truncated files even when another library (WeasyPrint does, at import) has told
    Pillow to load them anyway."""
    saved = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = saved


def _to_srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    image = _eight_bit(image)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    if image.mode not in ("RGB", "RGBA", "L", "CMYK"):
        image = image.convert("RGBA" if has_alpha else "RGB")
    if icc:
        image = _apply_profile(image, icc)
    if image.mode == "CMYK":
        image = image.convert("RGB")
    if image.mode == "L":
        image = image.convert("RGB")
    if image.mode == "RGBA":
        low, _ = image.getchannel("A").getextrema()
        if low == 255:  # an alpha channel that hides nothing
            image = image.convert("RGB")
    image.info.clear()
    return image


def _eight_bit(image: Image.Image) -> Image.Image:
    """16-bit and 32-bit grayscale to 8 bits (a plain convert would clip to white)."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I;16N"):
        image = image.convert("I")
    if image.mode == "I":
        _, high = image.getextrema()
        top = 65535 if isinstance(high, (int, float)) and high > 255 else 255
        return image.point(lambda value: value * (255 / top)).convert("L")
    if image.mode == "F":
        return image.convert("L")
    if image.mode == "1":
        return image.convert("L")
    return image


def _apply_profile(image: Image.Image, icc: bytes) -> Image.Image:
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        alpha = image.getchannel("A") if image.mode == "RGBA" else None
        base = image.convert("RGB") if image.mode == "RGBA" else image
        converted = ImageCms.profileToProfile(
            base, source, _SRGB, outputMode="RGB", renderingIntent=ImageCms.Intent.PERCEPTUAL
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image  # an unusable profile: fall back to the plain conversion
    if converted is None:
        return image
    if alpha is not None:
        converted.putalpha(alpha)
    return converted
