"""Read a built site back: parse pages, resolve internal URLs to files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

URL_ATTRIBUTES = (("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"),
                  ("source", "srcset"), ("img", "srcset"))  # fmt: skip


def parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def html_files(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def page(out: Path, path: str) -> BeautifulSoup:
    """A page by its site path (`products/x/`)."""
    file = out / path / "index.html" if path.endswith("/") or not path else out / path
    return parse(file)


def urls_in(soup: BeautifulSoup) -> Iterator[str]:
    for tag, attribute in URL_ATTRIBUTES:
        for element in soup.find_all(tag):
            value = element.get(attribute)
            if not value:
                continue
            if attribute == "srcset":
                for candidate in str(value).split(","):
                    yield candidate.strip().split(" ")[0]
            else:
                yield str(value)


def resolve(out: Path, base_path: str, url: str, page_file: Path) -> Path | None:
    """The file an internal URL points at, or None for an external URL."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if not path:
        return page_file  # a fragment on the same page
    if path.startswith("/"):
        assert path.startswith(base_path), f"{url} is outside the base path {base_path}"
        relative = path[len(base_path) :]
        target = out / relative
    else:
        target = (page_file.parent / path).resolve()
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def broken_links(out: Path, base_path: str) -> list[str]:
    """Every internal URL of every page that does not resolve to a file (or an id). Each page
    is parsed once: its links, and its ids for the links that name one."""
    broken: list[str] = []
    soups = {file: parse(file) for file in html_files(out)}
    ids_of: dict[Path, set[str]] = {}
    for file, soup in soups.items():
        for url in urls_in(soup):
            if url.startswith(("mailto:", "tel:")):
                continue
            target = resolve(out, base_path, url, file)
            if target is None:
                continue
            if not target.is_file():
                broken.append(f"{file.relative_to(out)}: {url}")
                continue
            fragment = urlsplit(url).fragment
            if fragment and target.suffix == ".html":
                if target not in ids_of:
                    found = soups.get(target) or parse(target)
                    ids_of[target] = {str(e.get("id")) for e in found.find_all(id=True)}
                if fragment not in ids_of[target]:
                    broken.append(f"{file.relative_to(out)}: {url} (no id {fragment!r})")
    return broken


def tree(out: Path) -> dict[str, bytes]:
    """Every file of a built site by relative path, with its bytes."""
    return {
        p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()
    }
