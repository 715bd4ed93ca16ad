"""Which files of a product folder may be published: recognised by their first bytes (their
magic numbers), never by their names alone.

A brochure is published as it is, on the site's own address: an HTML, SVG, XML or JavaScript
file there would be a page of the site running its own script. So a brochure must be a PDF
from its very first byte (`%PDF-`), end like one (`%%EOF`), carry no markup a browser could
take for a page, and be named `.pdf`. Photos are decoded and encoded again before they are
published; their first bytes must still be those of a JPEG, PNG, WebP, AVIF or HEIC/HEIF
picture whatever the name says."""

from __future__ import annotations

import os
import re
from pathlib import Path

#: The bytes each accepted photo format starts with (WebP and AVIF/HEIF: at these offsets).
_PHOTO_MAGIC = (
    ("JPEG", 0, b"\xff\xd8\xff"),
    ("PNG", 0, b"\x89PNG\r\n\x1a\n"),
    ("WebP", 8, b"WEBP"),
    ("ISOBMFF", 4, b"ftyp"),
)
#: The major brands (bytes 8-12) of AVIF and HEIF files (HEIC: a phone's HEVC photo; mif1 and
#: msf1: the general image brands either may declare).
_PICTURE_BRANDS = frozenset(
    {b"avif", b"avis", b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs",
     b"mif1", b"msf1"}
)  # fmt: skip
#: The start of a file that a browser sniffs as a page (HTML, SVG, XML, script).
_MARKUP = re.compile(
    rb"<\s*(?:!doctype|html|head|body|script|svg|iframe|object|embed|\?xml|a\s|img|div|meta)",
    re.IGNORECASE,
)
#: How much of a brochure's start and end is read: its header, and its `%%EOF` line.
_HEAD = 1024
_TAIL = 2048


def photo_problem(data: bytes, name: str) -> str | None:
    """What is wrong with a photo's bytes for a photo, or None when they start like one."""
    if not data:
        return f"{name} is an empty file, not a photo"
    for fmt, offset, magic in _PHOTO_MAGIC:
        if data[offset : offset + len(magic)] == magic:
            if fmt == "WebP" and not data.startswith(b"RIFF"):
                continue
            if fmt == "ISOBMFF" and data[8:12] not in _PICTURE_BRANDS:
                continue
            return None
    return f"{name} is not a photo: {_kind(data)}; use a JPEG, PNG, WebP or HEIC file"


def brochure_problem(path: Path, name: str) -> str | None:
    """What is wrong with a brochure file, or None when it is a PDF through and through."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as exc:
        return f"{name} cannot be read: {exc.strerror}"
    with os.fdopen(descriptor, "rb") as file:
        head = file.read(_HEAD)
        size = os.fstat(file.fileno()).st_size
        file.seek(max(0, size - _TAIL))
        tail = file.read(_TAIL)
    if not head:
        return f"{name} is an empty file, not a PDF"
    if not head.startswith(b"%PDF-"):
        return f"{name} is not a PDF: {_kind(head)}; a brochure must be a PDF file"
    if not name.lower().endswith(".pdf"):
        return f"{name} is a PDF file; its name must end in .pdf"
    if _MARKUP.search(head):
        return (
            f"{name} starts like a PDF but holds web page markup (HTML or SVG) at its start; "
            "save the brochure again as a plain PDF"
        )
    if b"%%EOF" not in tail:
        return f"{name} is not a complete PDF (it does not end with %%EOF); save it again"
    return None


def _kind(data: bytes) -> str:
    """What a file's first bytes look like, in words."""
    start = data[:_HEAD].lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"%PDF-"):
        return "it is a PDF document"
    if _MARKUP.match(start) or start[:1] == b"<":
        return "it is a web page or other markup (HTML, SVG or XML)"
    if start.startswith(b"PK\x03\x04"):
        return "it is a ZIP archive (or a Word, Excel or PowerPoint file)"
    if start.startswith(b"\xd0\xcf\x11\xe0"):
        return "it is an old Office document"
    if start.startswith((b"GIF87a", b"GIF89a")):
        return "it is a GIF picture"
    if start.startswith((b"II*\x00", b"MM\x00*")):
        return "it is a TIFF picture"
    if start.startswith(b"BM"):
        return "it is a BMP picture"
    if b"%PDF-" in data[:_HEAD]:
        return "it does not start with %PDF- (something comes before the PDF)"
    return "its content is of no accepted kind"
