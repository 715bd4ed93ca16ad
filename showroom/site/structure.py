"""Halls, companies, pagination, related products and designation status on the build date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from showroom.config import Config
from showroom.content.model import (
    Category,
    Company,
    Content,
    Designation,
    Product,
    same_objects,
)
from showroom.problems import Problem, Problems
from showroom.site import urls

HallKind = Literal["category", "excellent", "innovation"]


@dataclass(frozen=True)
class Hall:
    kind: HallKind
    slug: str
    path: str
    products: tuple[Product, ...]  # newest first
    category: Category | None = None


@dataclass(frozen=True)
class Pagination:
    hall: Hall
    number: int
    count: int
    products: tuple[Product, ...]

    @property
    def path(self) -> str:
        return urls.page(self.hall.path, self.number)

    @property
    def previous_path(self) -> str | None:
        return urls.page(self.hall.path, self.number - 1) if self.number > 1 else None

    @property
    def next_path(self) -> str | None:
        return urls.page(self.hall.path, self.number + 1) if self.number < self.count else None


@dataclass(frozen=True)
class Expiring:
    product: Product
    designation: Designation
    days_left: int


@dataclass(frozen=True)
class Site:
    config: Config
    build_date: dt.date
    categories: tuple[Category, ...]
    companies: tuple[Company, ...]
    products: tuple[Product, ...]  # newest first
    category_halls: tuple[Hall, ...]
    excellent_hall: Hall
    innovation_hall: Hall
    expiring: tuple[Expiring, ...]
    company_by_slug: dict[str, Company] = field(hash=False, compare=False)
    category_by_slug: dict[str, Category] = field(hash=False, compare=False)
    hall_by_category: dict[str, Hall] = field(hash=False, compare=False)
    products_by_company: dict[str, tuple[Product, ...]] = field(hash=False, compare=False)
    position_in_hall: dict[str, int] = field(hash=False, compare=False)
    #: The warnings about designations (expired, not yet valid) the structure gave.
    designation_problems: tuple[Problem, ...] = field(default=(), hash=False, compare=False)

    @property
    def halls(self) -> tuple[Hall, ...]:
        """Every hall in the site's order: the special halls, then the product groups."""
        return (self.excellent_hall, self.innovation_hall, *self.category_halls)

    def is_current(self, designation: Designation | None) -> bool:
        return designation is not None and designation.is_valid_on(self.build_date)

    def badges(self, product: Product) -> tuple[str, ...]:
        """The special halls the product is in on the build date: its badges."""
        return special_halls(product, self.build_date)

    def related(self, product: Product) -> tuple[Product, ...]:
        """The newest other products of the same category."""
        items = self.hall_by_category[product.category].products
        count = self.config.related_products
        return tuple(p for p in items[: count + 1] if p.slug != product.slug)[:count]

    def neighbours(self, product: Product) -> tuple[Product | None, Product | None]:
        """Previous and next product within the product's category hall."""
        items = self.hall_by_category[product.category].products
        index = self.position_in_hall[product.slug]
        before = items[index - 1] if index > 0 else None
        after = items[index + 1] if index + 1 < len(items) else None
        return before, after

    def newest(self, count: int) -> tuple[Product, ...]:
        return self.products[:count]


def special_halls(product: Product, day: dt.date) -> tuple[str, ...]:
    """The special halls (`excellent`, `innovation`) a product belongs to on `day`: those
    whose designation it holds and that is valid that day. The one rule for hall membership,
    badges and the search's hall filter."""
    return tuple(
        kind
        for kind, d in (("excellent", product.excellent), ("innovation", product.innovation))
        if d is not None and d.is_valid_on(day)
    )


def newest_first(products: Sequence[Product]) -> tuple[Product, ...]:
    return tuple(sorted(products, key=lambda p: (-p.date.toordinal(), p.name, p.slug)))


def paginate(hall: Hall, per_page: int) -> tuple[Pagination, ...]:
    """The pages of a hall; an empty hall still has one (empty) page."""
    items = hall.products
    count = max(1, -(-len(items) // per_page))
    return tuple(
        Pagination(hall, n + 1, count, items[n * per_page : (n + 1) * per_page])
        for n in range(count)
    )


def build_site(
    config: Config,
    content: Content,
    build_date: dt.date,
    problems: Problems,
    previous: Site | None = None,
) -> Site:
    """The structure. A hall of `previous` (an earlier build's site) that holds the very same
    product objects is reused, so that a long-running process can tell unchanged halls by
    identity (a product object is made anew when a file it was read from changed, even if the
    new one is equal: a replaced photo of the same size)."""
    if previous is not None:
        patched = _patched(previous, config, content, build_date)
        if patched is not None:
            problems.extend(patched.designation_problems)
            return patched
    earlier = {} if previous is None else {h.slug: h for h in previous.halls}

    def hall(kind: HallKind, slug: str, path: str, items: tuple[Product, ...],
             category: Category | None = None) -> Hall:  # fmt: skip
        old = earlier.get(slug)
        if (
            old is not None
            and (old.kind, old.path, old.category) == (kind, path, category)
            and same_objects(old.products, items)
        ):
            return old
        return Hall(kind, slug, path, items, category)

    products = newest_first(content.products)
    by_category: dict[str, list[Product]] = {c.slug: [] for c in content.categories}
    by_company: dict[str, list[Product]] = {c.slug: [] for c in content.companies}
    excellent: list[Product] = []
    innovation: list[Product] = []
    for p in products:  # one pass: at 5,000 products a rebuild in `serve` feels each one
        by_category[p.category].append(p)
        by_company[p.company].append(p)
        kinds = special_halls(p, build_date)
        if "excellent" in kinds:
            excellent.append(p)
        if "innovation" in kinds:
            innovation.append(p)
    category_halls = tuple(
        hall("category", c.slug, urls.category_hall(c.slug), tuple(by_category[c.slug]), c)
        for c in content.categories
    )
    designation_problems = Problems()
    _report_designations(products, build_date, designation_problems)
    problems.extend(designation_problems.items)
    return Site(
        config=config,
        build_date=build_date,
        categories=content.categories,
        companies=content.companies,
        products=products,
        category_halls=category_halls,
        excellent_hall=hall(
            "excellent",
            urls.EXCELLENT_HALL,
            urls.special_hall(urls.EXCELLENT_HALL),
            tuple(excellent),
        ),
        innovation_hall=hall(
            "innovation",
            urls.INNOVATION_HALL,
            urls.special_hall(urls.INNOVATION_HALL),
            tuple(innovation),
        ),
        expiring=expiring_soon(products, build_date, config.expiring_days),
        company_by_slug={c.slug: c for c in content.companies},
        category_by_slug={c.slug: c for c in content.categories},
        hall_by_category={h.slug: h for h in category_halls},
        products_by_company={k: tuple(v) for k, v in by_company.items()},
        position_in_hall={
            p.slug: index for hall in category_halls for index, p in enumerate(hall.products)
        },
        designation_problems=tuple(designation_problems.items),
    )


def _shape(p: Product) -> tuple[object, ...]:
    """What the structure reads of a product, but the object itself: its place in the order,
    its halls and company, its designations (their dates, lines and file for the warnings)."""
    return (p.date, p.name, p.category, p.company, p.excellent, p.innovation, p.source_display)


def _patched(previous: Site, config: Config, content: Content, day: dt.date) -> Site | None:
    """`previous` with some products replaced by new objects of the same shape (`_shape`):
    the structure of an edit that moved nothing (a body, a photo, a price), without sorting
    and grouping every product again. None when anything else changed."""
    if (
        previous.build_date != day
        or previous.config != config
        or len(previous.products) != len(content.products)
        or not same_objects(previous.categories, content.categories)
        or not same_objects(previous.companies, content.companies)
    ):
        return None
    old = {p.slug: p for p in previous.products}
    swaps: dict[int, Product] = {}
    for p in content.products:
        before = old.get(p.slug)
        if before is p:
            continue
        if before is None or _shape(before) != _shape(p):
            return None
        swaps[id(before)] = p
    if not swaps:
        return previous

    def swapped(items: tuple[Product, ...]) -> tuple[Product, ...]:
        return tuple(swaps.get(id(p), p) for p in items)

    def hall(h: Hall) -> Hall:
        if not any(id(p) in swaps for p in h.products):
            return h
        return Hall(h.kind, h.slug, h.path, swapped(h.products), h.category)

    category_halls = tuple(hall(h) for h in previous.category_halls)
    by_company = dict(previous.products_by_company)
    for slug in {p.company for p in swaps.values()}:
        by_company[slug] = swapped(by_company[slug])
    expiring = tuple(
        Expiring(swaps[id(e.product)], e.designation, e.days_left) if id(e.product) in swaps else e
        for e in previous.expiring
    )
    return replace(
        previous,
        config=config,
        products=swapped(previous.products),
        category_halls=category_halls,
        excellent_hall=hall(previous.excellent_hall),
        innovation_hall=hall(previous.innovation_hall),
        expiring=expiring,
        hall_by_category={h.slug: h for h in category_halls},
        products_by_company=by_company,
    )


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


def _report_designations(products: Sequence[Product], day: dt.date, problems: Problems) -> None:
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
