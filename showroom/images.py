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
        opened.load()
        image = ImageOps.exif_transpose(opened)
    width, height = image.size
    original = ImageFile(f"{out_dir}/{name}", width, height)
    thumb = image.copy()
    if thumb.width > thumb_width:
        height = max(1, round(thumb.height * thumb_width / thumb.width))
        thumb = thumb.resize((thumb_width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
    if thumb.mode not in ("RGB", "L"):
        background = Image.new("RGB", thumb.size, "white")
        rgba = thumb.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        thumb = background
    buffer = io.BytesIO()
    thumb.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
    stem = name.rsplit(".", 1)[0]
    thumbnail = ImageFile(f"{out_dir}/{stem}.thumb.jpg", thumb.width, thumb.height)
    return ProcessedImage(
        original, thumbnail, ((original.path, data), (thumbnail.path, buffer.getvalue()))
    )
