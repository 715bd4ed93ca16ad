"""The parts the print template renders, one after the other (see pdf.py), and the stand-in
page numbers of the front's first layout."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Part:
    """What the print template renders: `front`, `body`, `back`, or `covers` (the halls')."""

    name: str
    numbers: Mapping[str, str] | None  # literal page numbers by anchor; None: target-counter()
    first_page: int  # the number of the part's first page
    planned_pages: int = 0  # the back's notes pages, before the back cover


class Placeholders(Mapping[str, str]):
    """Stand-in page numbers for the front's first layout, as wide as the real ones will be."""

    def __init__(self, digits: int) -> None:
        self.value = "8" * digits

    def __getitem__(self, key: str) -> str:
        return self.value

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0
