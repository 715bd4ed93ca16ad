"""Open a photo as an upright sRGB picture with no metadata: RGB, or RGBA when it really has
transparency. EXIF orientation is applied; an embedded ICC profile is honoured."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator

from PIL import Image, ImageCms, ImageFile, ImageOps

from showroom.content.photo_header import ImageProblem, read_header
from showroom.messages import N_

_SRGB = ImageCms.createProfile("sRGB")


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
        raise ImageProblem(
            N_("{name} is damaged or truncated: {reason}").format(name=name, reason=exc)
        ) from None
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
