"""Make every rendition of one photo and write them into a cache entry (runs in a worker)."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from showroom.config import ImageSettings
from showroom.content.photo_header import ImageProblem
from showroom.fields.focus import Focus
from showroom.images.geometry import crop_box, pixels_for, scaled_height, web_widths
from showroom.images.normalise import open_normalised
from showroom.images.variants import EXTENSION

MANIFEST = "manifest.json"
#: libwebp's effort, 0 (fastest) to 6: measured in benchmarks/photo_encode.py.
WEBP_METHOD = 2
LANCZOS = Image.Resampling.LANCZOS


@dataclass(frozen=True)
class EncodeJob:
    source: Path
    name: str  # the file name as written in the product file, for messages
    key: str
    entry: Path  # the cache entry folder to create
    settings: ImageSettings
    focus: Focus


def encode(job: EncodeJob) -> dict[str, object] | str:
    """Write the entry and return its manifest, or the editor's message if the photo is bad."""
    try:
        data = job.source.read_bytes()
        s = job.settings
        print_px = pixels_for(s.print_width_mm, s.print_dpi)
        largest = max(max(s.widths), max(s.card_widths), print_px)
        image = open_normalised(data, job.name, largest)
    except ImageProblem as exc:
        return str(exc)
    except OSError as exc:
        return f"{job.name} cannot be read: {exc}"
    files = _renditions(image, job.settings, job.focus, print_px)
    for f in files:
        rendered = f["data"]
        assert isinstance(rendered, bytes)
        f["size"] = len(rendered)
        f["sha256"] = hashlib.sha256(rendered).hexdigest()
    manifest = sealed(
        {
            "key": job.key,
            "width": image.width,
            "height": image.height,
            "files": [{k: v for k, v in f.items() if k != "data"} for f in files],
        }
    )
    job.entry.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".tmp-", dir=job.entry.parent))
    try:
        for f in files:
            (staging / str(f["name"])).write_bytes(f["data"])  # type: ignore[arg-type]
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        try:
            os.rename(staging, job.entry)
        except OSError:  # another worker or build made the same entry first
            shutil.rmtree(staging, ignore_errors=True)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return manifest


def seal_of(manifest: Mapping[str, object]) -> str:
    """A digest of a manifest's own fields (all but "seal"): catches a damaged manifest."""
    fields = {k: v for k, v in manifest.items() if k != "seal"}
    return hashlib.sha256(json.dumps(fields, sort_keys=True).encode()).hexdigest()


def sealed(manifest: dict[str, object]) -> dict[str, object]:
    return {**manifest, "seal": seal_of(manifest)}


def _renditions(
    image: Image.Image, s: ImageSettings, focus: Focus, print_px: int
) -> list[dict[str, object]]:
    """The print JPEG (for the catalogue, from the cache), WebP at every web and card width,
    and the fallback format (JPEG, or PNG for a transparent photo) at the largest web width
    only, or at every width with `s.fallback`."""
    fallback = "png" if image.mode == "RGBA" else "jpeg"
    out: list[dict[str, object]] = []
    # Each size is made from the smallest one made before that is large enough (the photo
    # itself for the largest): far less work than resizing the full photo every time, and no
    # visible difference for downscaling.
    made = [image]
    for n, width in enumerate(sorted(web_widths(image.width, s.widths), reverse=True)):
        sized = _resize(_nearest(made, width), width, scaled_height(*image.size, width))
        made.append(sized)
        formats = ("webp", fallback) if s.fallback or n == 0 else ("webp",)
        out += [_encoded("web", sized, fmt, s.quality) for fmt in formats]
    width = min(image.width, print_px)
    printed = _resize(_nearest(made, width), width, scaled_height(*image.size, width))
    out.insert(0, _encoded("print", printed, fallback, 90))
    box = crop_box(image.width, image.height, s.card_aspect, focus)
    card_width = box[2] - box[0]
    card: Image.Image | None = None
    for width in sorted(web_widths(card_width, s.card_widths), reverse=True):
        size = (width, round(width / s.card_aspect))
        if card is None:  # the crop, from the smallest photo size that holds it at `width`
            source = _nearest(made, round(width * image.width / card_width))
            scale = source.width / image.width
            left, top, right, bottom = (v * scale for v in box)
            card = source.resize(size, LANCZOS, box=(left, top, right, bottom))
        else:
            card = _resize(card, *size)
        formats = ("webp", fallback) if s.fallback else ("webp",)
        out += [_encoded("card", card, fmt, s.quality) for fmt in formats]
    return out


def _nearest(made: list[Image.Image], width: int) -> Image.Image:
    """The narrowest of the images made so far that is at least `width` wide."""
    return min((m for m in made if m.width >= width), key=lambda m: m.width, default=made[0])


def _resize(image: Image.Image, width: int, height: int) -> Image.Image:
    if image.size == (width, height):
        return image
    return image.resize((width, height), LANCZOS)


def _encoded(role: str, image: Image.Image, fmt: str, quality: int) -> dict[str, object]:
    buffer = io.BytesIO()
    if fmt == "webp":
        image.save(buffer, "WEBP", quality=quality, method=WEBP_METHOD)
    elif fmt == "jpeg":
        image.convert("RGB").save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
    else:
        image.save(buffer, "PNG", optimize=True)
    return {
        "role": role,
        "format": fmt,
        "width": image.width,
        "height": image.height,
        "name": f"{role}{image.width}.{EXTENSION[fmt]}",
        "data": buffer.getvalue(),
    }
