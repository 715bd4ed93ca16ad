"""The files the catalogue loads, under addresses that name no folder of this machine.

WeasyPrint names every image of a PDF after the hash of the address it was loaded from, and
resolves the stylesheet's relative references against the document's base address. With
`file://` addresses, two builds of the same project in two folders gave two PDFs (and the
PDF told where the project lay). Here the print template refers to the theme's files as
`https://showroom.invalid/theme/<file>` and to the photos as
`https://showroom.invalid/photos/<output path>?<cache entry>`, and to a QR code as
`https://showroom.invalid/qr/?<its address>` (drawn when it is fetched; the `.invalid` domain
can never be reached); `Resources`, WeasyPrint's URL fetcher, reads or makes them. Data and
web addresses are fetched as before; any other `file://` address
is refused: the catalogue never reads a file outside the theme and the photos' renditions.

For the printer's edition (`cmyk`: the output profile), the stylesheets are served in CMYK
(see cmyk.py); its profile is at `https://showroom.invalid/print/<file>`, from
the theme's print/ folder."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from showroom.catalogue.cmyk import css_in_cmyk
from showroom.catalogue.qr import qr_png
from showroom.theme.folders import Theme

ORIGIN = "https://showroom.invalid"
THEME = f"{ORIGIN}/theme/"
PHOTOS = f"{ORIGIN}/photos/"
PRINT = f"{ORIGIN}/print/"
QR = f"{ORIGIN}/qr/"
PROFILE = "FOGRA39L-coated.icc"  # the theme's print/ file: the printer's output profile

_TYPES = {
    ".css": "text/css",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".gif": "image/gif",
    ".svg": "image/svg+xml",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".otf": "font/otf",
    ".ttf": "font/ttf",
    ".icc": "application/vnd.iccprofile",
}


def theme_address(relative: str) -> str:
    """The address of the theme's static file `relative` (e.g. css/catalogue.css)."""
    return THEME + quote(relative)


def print_address(relative: str) -> str:
    """The address of the theme's print/ file `relative` (e.g. the output profile)."""
    return PRINT + quote(relative)


def qr_address(url: str) -> str:
    """The address of the QR code of `url`: the code is drawn when WeasyPrint asks for it, so
    a catalogue taken from the cache draws none (500 codes took seconds to draw)."""
    return QR + "?" + quote(url, safe="")


def photo_address(output_path: str, cached: Path) -> str:
    """The address of a print rendition: its path in the site, and its cache entry (a digest
    of the photo and its settings), so that the HTML changes whenever the file does."""
    return f"{PHOTOS}{quote(output_path)}?{quote(cached.parent.name)}"


@dataclass(frozen=True)
class Resources:
    """The files behind the catalogue's addresses: the theme's static files and the print
    renditions (output path -> file)."""

    theme: Theme
    photos: Mapping[str, Path]
    cmyk: Path | None = None  # the output profile: stylesheets and photos in its CMYK

    def file_for(self, url: str) -> Path | None:
        """The file behind one of our addresses, or None."""
        address = url.split("#", 1)[0]
        if address.startswith(THEME):
            relative = unquote(address[len(THEME) :].split("?", 1)[0])
            return self.theme.static_file(relative) if _safe(relative) else None
        if address.startswith(PHOTOS):
            relative = unquote(address[len(PHOTOS) :].split("?", 1)[0])
            return self.photos.get(relative)
        if address.startswith(PRINT):
            relative = unquote(address[len(PRINT) :].split("?", 1)[0])
            return self.theme.print_file(relative) if _safe(relative) else None
        return None

    def converted(self, path: Path, kind: str) -> bytes | None:
        """The file's bytes in the printer's colours, or None where they stay as they are."""
        if self.cmyk is None:
            return None
        if kind == "text/css":
            return css_in_cmyk(path.read_text(encoding="utf-8"), self.cmyk).encode()
        return None

    def url_fetcher(self) -> object:
        """WeasyPrint's URL fetcher over these files (WeasyPrint is imported only here)."""
        return _fetcher_class()(self)


@functools.cache
def _fetcher_class() -> type:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class Fetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint has no type hints
        """Our addresses from their files; data and web addresses as WeasyPrint fetches
        them; nothing else from the file system."""

        def __init__(self, resources: Resources) -> None:
            super().__init__()
            self.resources = resources

        def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> object:
            if url.startswith(QR + "?"):
                png = qr_png(unquote(url[len(QR) + 1 :]))
                return URLFetcherResponse(url, png, {"Content-Type": "image/png"})
            path = self.resources.file_for(url)
            if path is not None:
                kind = _TYPES.get(path.suffix.lower(), "application/octet-stream")
                converted = self.resources.converted(path, kind)
                if converted is not None:
                    return URLFetcherResponse(url, converted, {"Content-Type": kind})
                # A file: address as the response's own lets WeasyPrint read a photo lazily;
                # the image's name in the PDF comes from the address asked for.
                return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": kind})
            scheme = urlsplit(url).scheme.lower()
            if scheme in ("data", "http", "https") and not url.startswith(ORIGIN + "/"):
                return super().fetch(url, headers)
            raise ValueError(f"the catalogue loads only the theme's files and the photos: {url}")

    return Fetcher


def _safe(relative: str) -> bool:
    parts = relative.split("/")
    return bool(relative) and not relative.startswith("/") and ".." not in parts and "" not in parts
