"""Designations on the build date: those that end soon, and the warnings about those not
valid (expired, not yet begun)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from showroom.content.model import Designation, Product
from showroom.problems import Problems


@dataclass(frozen=True)
class Expiring:
    product: Product
    designation: Designation
    days_left: int


def expiring_soon(products: Sequence[Product], day: dt.date, days: int) -> tuple[Expiring, ...]:
    """Designations valid on `day` that end within `days` days, soonest first."""
    found = [
        Expiring(p, d, d.days_left(day))
        for p in products
        for d in (p.excellent, p.innovation)
        if d is not None and d.is_valid_on(day) and d.days_left(day) <= days
    ]
    return tuple(sorted(found, key=lambda e: (e.days_left, e.product.slug, e.designation.kind)))


_KIND_FIELD = {"excellent": "excellent_procurement", "innovation": "innovation"}


def report_designations(products: Sequence[Product], day: dt.date, problems: Problems) -> None:
    for p in products:
        for d in (p.excellent, p.innovation):
            if d is None:
                continue
            name = f"{_KIND_FIELD[d.kind]}.until"
            if d.valid_until < day:
                problems.warn(
                    p.source_display,
                    d.until_line,
                    name,
                    f"the designation expired on {d.valid_until}; the product is not shown in "
                    "the special hall",
                )
            elif d.valid_from > day:
                problems.warn(
                    p.source_display,
                    d.from_line,
                    f"{_KIND_FIELD[d.kind]}.from",
                    f"the designation starts on {d.valid_from}; the product joins the special "
                    "hall from then",
                )
