"""The built site as object storage sees it: each file's key, digests, Content-Type and
Cache-Control. Pure functions of the file's name and bytes, so a deploy says the same of the
same folder on every machine (no system mime.types is read)."""

from __future__ import annotations

import hashlib
import mimetypes
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from showroom.output import MARKER

#: Files whose name holds a hash of their content: a changed file is a new name, so a browser
#: and a CDN may keep them for a year. Photo renditions (`photo-<8 hex>-web960.webp`, see
#: showroom/images/variants.py), Pagefind's fragments, index and filter chunks and its
#: metadata file (renamed by their content in showroom/search/reproducible.py), and the
#: search vocabulary (`search/vocab-<16 hex>.json`).
CONTENT_ADDRESSED = (
    re.compile(r"(?:^|/)[^/]+-[0-9a-f]{8}-[a-z]+\d+\.(?:webp|jpg|jpeg|avif|png)"),
    re.compile(r"(?:^|/)pagefind/(?:fragment|index|filter)/[^/]+"),
    re.compile(r"(?:^|/)pagefind/pagefind\.[A-Za-z-]+_[0-9a-f]{6,}\.pf_meta"),
    re.compile(r"(?:^|/)search/vocab-[0-9a-f]{8,}\.json"),
)

IMMUTABLE = "public, max-age=31536000, immutable"
#: Pages and every file whose name stays the same when it changes: five minutes, then asked
#: again (a 304 when unchanged).
SHORT = "public, max-age=300, must-revalidate"

#: Types the standard table lacks or gives differently on some systems.
_TYPES = {
    ".html": "text/html",
    ".css": "text/css",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".json": "application/json",
    ".xml": "application/xml",
    ".txt": "text/plain",
    ".csv": "text/csv",
    ".yml": "application/yaml",
    ".yaml": "application/yaml",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".pdf": "application/pdf",
    ".wasm": "application/wasm",
    ".pf_meta": "application/octet-stream",
    ".pf_index": "application/octet-stream",
    ".pf_fragment": "application/octet-stream",
    ".pf_filter": "application/octet-stream",
    ".pagefind": "application/octet-stream",
    ".webmanifest": "application/manifest+json",
    ".ico": "image/vnd.microsoft.icon",
    ".woff2": "font/woff2",
}
_TEXT = {"text/html", "text/css", "text/javascript", "application/json", "application/xml"}
_TEXT |= {
    "text/plain",
    "text/csv",
    "image/svg+xml",
    "application/manifest+json",
    "application/yaml",
}
#: Python's built-in table alone (an instance does not read the system's mime.types).
_BUILT_IN = mimetypes.MimeTypes()


def content_type(name: str) -> str:
    """The Content-Type of a file called `name`, with `charset=utf-8` for text (Showroom
    writes every text file in UTF-8)."""
    suffix = os.path.splitext(name)[1].lower()
    found = _TYPES.get(suffix) or _BUILT_IN.guess_type(name, strict=False)[0]
    kind = found or "application/octet-stream"
    return f"{kind}; charset=utf-8" if kind in _TEXT else kind


def is_content_addressed(relative: str) -> bool:
    return any(pattern.search(relative) for pattern in CONTENT_ADDRESSED)


def cache_control(relative: str) -> str:
    return IMMUTABLE if is_content_addressed(relative) else SHORT


def is_page(relative: str) -> bool:
    return relative.endswith(".html")


@dataclass(frozen=True)
class LocalFile:
    """One file of the built site and the object it becomes."""

    relative: str  # the path in the output folder, with `/`
    key: str  # the object's key: the prefix and the relative path
    path: Path
    size: int
    md5: str  # hex: a single-part upload's ETag
    sha256: str  # hex: kept in the object's metadata (x-amz-meta-sha256)

    @property
    def content_type(self) -> str:
        return content_type(self.relative)

    @property
    def cache_control(self) -> str:
        return cache_control(self.relative)

    @property
    def rank(self) -> int:
        """The upload order: content-addressed files first, then other files, pages last,
        so that a page is up only once what it links to is."""
        if is_content_addressed(self.relative):
            return 0
        return 2 if is_page(self.relative) else 1


def digests(path: Path) -> tuple[str, str, int]:
    """The file's MD5 and SHA-256 (hex) and its size, in one read."""
    md5, sha256 = hashlib.md5(usedforsecurity=False), hashlib.sha256()
    size = 0
    with path.open("rb") as file:
        while chunk := file.read(1 << 20):
            md5.update(chunk)
            sha256.update(chunk)
            size += len(chunk)
    return md5.hexdigest(), sha256.hexdigest(), size


def local_files(folder: Path, prefix: str) -> tuple[list[LocalFile], list[str]]:
    """Every regular file under `folder` but Showroom's marker, by relative path; and the
    symbolic links found (never followed: they are not uploaded)."""
    found: list[LocalFile] = []
    links: list[str] = []
    for top, dirs, names in os.walk(folder):
        dirs.sort()
        base = Path(top)
        for name in sorted(names):
            path = base / name
            relative = unicodedata.normalize("NFC", path.relative_to(folder).as_posix())
            if path.is_symlink():
                links.append(relative)
            elif relative != MARKER and path.is_file():
                md5, sha256, size = digests(path)
                found.append(LocalFile(relative, prefix + relative, path, size, md5, sha256))
        links.extend(
            f"{(base / d).relative_to(folder).as_posix()}/" for d in dirs if (base / d).is_symlink()
        )
    return found, links
