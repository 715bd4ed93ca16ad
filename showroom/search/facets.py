"""Facets: the filter values of a set of records with their counts, in the site's order.

The search page and the hall pages render these as checkboxes (so the first counts need no
script); the browser then keeps the counts current from Pagefind's answers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from showroom.search.records import FACETS, SearchRecord


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int


@dataclass(frozen=True)
class Facet:
    key: str  # hall, category, district, certification, designation or kind
    values: tuple[FacetValue, ...]


def facets(
    records: Iterable[SearchRecord],
    order: Mapping[str, Sequence[str]],
    keys: Sequence[str] = FACETS,
) -> tuple[Facet, ...]:
    """The facets `keys` of `records`; values in `order` first, the rest by count then name."""
    counts: dict[str, Counter[str]] = {key: Counter() for key in keys}
    for record in records:
        for key, value in dict.fromkeys(record.filters):
            if key in counts:
                counts[key][value] += 1
    found = []
    for key in keys:
        known = [v for v in order.get(key, ()) if counts[key][v]]
        rest = sorted(
            (v for v in counts[key] if v not in known), key=lambda v: (-counts[key][v], v)
        )
        values = tuple(FacetValue(v, counts[key][v]) for v in (*known, *rest))
        if values:
            found.append(Facet(key, values))
    return tuple(found)
