"""What to make of one photo: the settings, the renditions, and the cache key of the lot."""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import asdict, dataclass

from showroom.config import ImageSettings
from showroom.fields.focus import Focus

#: Bump when the processing changes in a way the parameters do not show.
PIPELINE_VERSION = 2  # 2: WebP method 2, sizes from the nearest larger one

MIME = {"webp": "image/webp", "jpeg": "image/jpeg", "png": "image/png"}
EXTENSION = {"webp": "webp", "jpeg": "jpg", "png": "png"}


@dataclass(frozen=True)
class Rendition:
    """One published file of a photo."""

    role: str  # "web", "card" or "print" (the catalogue's, from the cache: not published)
    format: str  # "webp", "jpeg" or "png"
    width: int
    height: int
    path: str  # output path, relative to the output folder

    @property
    def mime(self) -> str:
        return MIME[self.format]


@dataclass(frozen=True)
class Picture:
    """Every rendition of one photo, as templates use them."""

    width: int  # the upright source size
    height: int
    renditions: tuple[Rendition, ...]

    def sources(self, role: str, fmt: str) -> tuple[Rendition, ...]:
        """Renditions of a role in a format (`fallback` = JPEG or PNG), narrowest first."""
        wanted = ("jpeg", "png") if fmt == "fallback" else (fmt,)
        found = [r for r in self.renditions if r.role == role and r.format in wanted]
        return tuple(sorted(found, key=lambda r: r.width))

    @property
    def largest(self) -> Rendition:
        """The widest web rendition in JPEG or PNG: for links, Open Graph and JSON-LD."""
        return self.sources("web", "fallback")[-1]

    @property
    def print(self) -> Rendition:
        return self.sources("print", "fallback")[-1]


def cache_key(source_digest: str, settings: ImageSettings, focus: Focus) -> str:
    """The cache entry of a photo: its content hash and every parameter that shapes the output."""
    params = {
        "version": PIPELINE_VERSION,
        "settings": _settings_params(settings),
        "focus": [focus.x, focus.y],
    }
    blob = source_digest + json.dumps(params, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:32]


@functools.lru_cache(maxsize=8)
def _settings_params(settings: ImageSettings) -> dict[str, object]:
    return {k: v for k, v in asdict(settings).items() if k != "cache_dir"}
