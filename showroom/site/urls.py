"""Where every page lives: output paths (no leading slash; "" is the home page)."""

from __future__ import annotations

from urllib.parse import quote

EXCELLENT_HALL = "excellent-procurement"
INNOVATION_HALL = "innovation"


def home() -> str:
    return ""


def product(slug: str) -> str:
    return f"products/{slug}/"


def company(slug: str) -> str:
    return f"companies/{slug}/"


def companies() -> str:
    return "companies/"


def search() -> str:
    return "search/"


def category_hall(slug: str) -> str:
    return f"halls/{slug}/"


def special_hall(kind: str) -> str:
    return f"{kind}/"


def page(path: str, number: int) -> str:
    """The path of page `number` of a paginated list whose first page is `path`."""
    return path if number == 1 else f"{path}page/{number}/"


#: The pages that are files rather than folders: a language has its own.
PAGE_FILES = ("feed.xml", "404.html")


def is_page(path: str) -> bool:
    """Whether a site path is a page (which each language has under its prefix) rather than
    a file shared by every language (a photo, a stylesheet, a PDF, the sitemap)."""
    return path == "" or path.endswith("/") or path in PAGE_FILES


def in_language(prefix: str, path: str) -> str:
    """The path of a page in the language whose pages are under `prefix` ("en/"; "": the
    default language's, at the root); any other file's path as it is."""
    return prefix + path if prefix and is_page(path) else path


def output_file(path: str) -> str:
    """The file a page path is written to: directories get an index.html."""
    return f"{path}index.html" if path == "" or path.endswith("/") else path


def join(base_path: str, path: str) -> str:
    """A root-relative URL under the site's base path, percent-encoded."""
    return quote(base_path + path, safe="/#?=&%~:")


def absolute(base_url: str, path: str) -> str:
    return base_url + quote(path, safe="/#?=&%~:")


def catalogue(hall: str | None = None, language: str = "", printer: bool = False) -> str:
    """The path of the catalogue PDF: the whole (the printer's edition with `printer`) or
    hall `hall`'s excerpt, in `language` ("": the default language's). As Hugo names a
    translation (index.en.md), the language is in the name before the extension:
    catalogue.pdf, catalogue.en.pdf, catalogue-print.en.pdf, catalogue/<hall>.en.pdf."""
    ending = f".{language}.pdf" if language else ".pdf"
    if hall is not None:
        return f"catalogue/{hall}{ending}"
    return ("catalogue-print" if printer else "catalogue") + ending
