"""A rendered catalogue in the cache: its PDFs and the record of its pages, used again only
when every file is as it was sealed (state/sealed.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from showroom.state import sealed

PAGES_FILE = "pages.json"


@dataclass(frozen=True)
class RenderedCatalogue:
    folder: Path  # the cache entry holding every PDF
    files: dict[str, str]  # output path -> file name in the folder
    product_pages: dict[str, int]  # product slug -> page in catalogue.pdf
    hall_pages: dict[str, int]  # hall slug -> first page
    pages: int
    rendered: bool  # False when it came from the cache


def load(entry: Path, checks: dict[str, str]) -> RenderedCatalogue | None:
    """The catalogue in the cache entry, if it is whole: every file as sealed when it was
    made (state/sealed.py), each PDF a PDF, the record of the expected shape. A damaged entry
    is removed (and rendered again)."""
    key = f"catalogue:{entry.name}"
    if not entry.exists() and not entry.is_symlink():
        return None
    found = sealed.verified(entry, checks, key)
    try:
        if found is None or PAGES_FILE not in found:
            raise ValueError("not sealed")
        record = json.loads((entry / PAGES_FILE).read_text(encoding="utf-8"))
        loaded = RenderedCatalogue(
            folder=entry,
            files=_str_map(record["files"], str),
            product_pages=_str_map(record["product_pages"], int),
            hall_pages=_str_map(record["hall_pages"], int),
            pages=_count(record["pages"]),
            rendered=False,
        )
        for name in loaded.files.values():
            if name not in found:
                raise ValueError(f"{name} is not sealed")
            with open(entry / name, "rb") as file:
                if file.read(5) != b"%PDF-":
                    raise ValueError(f"{name} is not a PDF")
    except (OSError, ValueError, TypeError, KeyError) as exc:
        sealed.remove(entry, checks, key, str(exc))
        return None
    return loaded


T = TypeVar("T")


def _str_map(value: object, kind: type[T]) -> dict[str, T]:
    if type(value) is not dict or not all(type(v) is kind for v in value.values()):
        raise ValueError("the record is damaged")
    return value


def _count(value: object) -> int:
    if type(value) is not int or value < 1:
        raise ValueError("the record is damaged")
    return value
