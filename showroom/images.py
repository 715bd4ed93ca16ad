"""The image stage: check photos, copy them and make thumbnails (Pillow).

This is the minimal stage of issue 2; the full pipeline (web sizes, print sizes, cache) plugs
in behind the same two functions.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "GIF": "GIF"}
MAX_PIXELS = 60_000_000  # 60 megapixels: anything larger is refused, not decoded


@dataclass(frozen=True)
class ImageFile:
    """A published image: its path inside the output and its displayed size."""

    path: str
    width: int
    height: int


@dataclass(frozen=True)
class ProcessedImage:
    original: ImageFile
    thumbnail: ImageFile
    files: tuple[tuple[str, bytes], ...]  # (output path, bytes) to write


def probe_image(path: Path) -> str | None:
    """Why the file cannot be used as a photo, or None. Reads the header only."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                if image.format not in ACCEPTED_FORMATS:
                    return (
                        f"{path.name}: {image.format} images are not accepted "
                        "(use JPEG, PNG or WebP)"
                    )
                width, height = image.size
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        return f"{path.name} is not a readable image (or too large to decode safely)"
    except OSError as exc:
        return f"{path.name} cannot be read: {exc}"
    if width * height > MAX_PIXELS:
        limit = MAX_PIXELS // 1_000_000
        return f"{path.name} is {width}×{height} pixels, more than {limit} megapixels"
    return None


def process_image(source: Path, out_dir: str, name: str, thumb_width: int) -> ProcessedImage:
    """Copy a photo and make a JPEG thumbnail; raises OSError for a broken file."""
    data = source.read_bytes()
    with Image.open(io.BytesIO(data)) as opened:
        width, height = oriented_size(opened)
        scale = min(1.0, thumb_width / width)
        if opened.format == "JPEG" and scale < 1.0:
            # Let libjpeg decode at 1/2, 1/4 or 1/8 size when that is still large enough.
            raw_w, raw_h = opened.size
            opened.draft("RGB", (max(1, round(raw_w * scale)), max(1, round(raw_h * scale))))
        opened.load()
        thumb = ImageOps.exif_transpose(opened)
    target = (max(1, round(width * scale)), max(1, round(height * scale)))
    if thumb.size != target:
        thumb = thumb.resize(target, Image.Resampling.LANCZOS)
    if thumb.mode not in ("RGB", "L"):
        background = Image.new("RGB", thumb.size, "white")
        rgba = thumb.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        thumb = background
    buffer = io.BytesIO()
    thumb.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
    stem = name.rsplit(".", 1)[0]
    original = ImageFile(f"{out_dir}/{name}", width, height)
    thumbnail = ImageFile(f"{out_dir}/{stem}.thumb.jpg", thumb.width, thumb.height)
    return ProcessedImage(
        original, thumbnail, ((original.path, data), (thumbnail.path, buffer.getvalue()))
    )


def oriented_size(image: Image.Image) -> tuple[int, int]:
    """The size as displayed: EXIF orientations 5-8 turn the picture by 90 degrees."""
    width, height = image.size
    orientation = image.getexif().get(0x0112, 1)
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)
