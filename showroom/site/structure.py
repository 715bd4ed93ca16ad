"""Halls, companies, pagination, related products and designation status on the build date."""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Literal

from showroom.config import Config
from showroom.content.model import Category, Certification, Company, Content, Designation, Product
from showroom.problems import Problem, Problems
from showroom.site import urls
from showroom.site.designations import Expiring, expiring_soon, report_designations
from showroom.state.reuse import Kept, KeptEach, Memory, Slot

HallKind = Literal["category", "excellent", "innovation"]

_SLUG = operator.attrgetter("slug")


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
    #: Of each of `products`, in order: its slug, its company and its category (so that a
    #: stage need not look at every product to know them).
    slugs: tuple[str, ...] = field(hash=False, compare=False)
    product_companies: tuple[Company, ...] = field(hash=False, compare=False)
    product_categories: tuple[Category, ...] = field(hash=False, compare=False)
    #: The warnings about designations (expired, not yet valid) the structure gave.
    designation_problems: tuple[Problem, ...] = field(default=(), hash=False, compare=False)
    #: `products` but the drafts shown (`build -D`, `serve`): what the sitemap, the feed and
    #: the search index list; the very same tuple when no draft is shown. Likewise each
    #: company's products.
    published: tuple[Product, ...] = field(default=(), hash=False, compare=False)
    published_by_company: dict[str, tuple[Product, ...]] = field(
        default_factory=dict, hash=False, compare=False
    )

    @property
    def halls(self) -> tuple[Hall, ...]:
        """Every hall in the site's order: the special halls, then the product groups."""
        return (self.excellent_hall, self.innovation_hall, *self.category_halls)

    def is_current(self, designation: Designation | None) -> bool:
        return designation is not None and designation.is_valid_on(self.build_date)

    def expired_certifications(self, product: Product) -> tuple[Certification, ...]:
        """Ended before the build date: marked expired (page, catalogue); no search filter."""
        return tuple(c for c in product.certifications if not c.is_valid_on(self.build_date))

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


def page_count(hall: Hall, per_page: int) -> int:
    """How many pages a hall has; an empty hall still has one (empty) page."""
    return max(1, -(-len(hall.products) // per_page))


def paginate(hall: Hall, per_page: int) -> tuple[Pagination, ...]:
    """The pages of a hall (see `page_count`)."""
    items = hall.products
    count = page_count(hall, per_page)
    return tuple(
        Pagination(hall, n + 1, count, items[n * per_page : (n + 1) * per_page])
        for n in range(count)
    )


def build_site(
    config: Config,
    content: Content,
    build_date: dt.date,
    problems: Problems,
    memory: Memory | None = None,
) -> Site:
    """The structure. In a long-running process (`memory`) each piece is kept with what it
    was made from: the layout (the order, the halls' and companies' members, the expiring
    designations, with each product as its position) while every product has the same shape
    (`_Shape`: an edit of a body, a photo or a price moves nothing), each hall while it holds
    the very same product objects (so that unchanged halls are told by identity: a product
    object is made anew when a file it was read from changed, even if the new one is equal),
    and the site while all of them are the same. Without `memory`, all is made."""
    memory = Memory() if memory is None else memory
    shapes = _shapes(memory.of(SHAPES), content.products)
    layouts = memory.of(LAYOUT)
    slugs = (tuple(c.slug for c in content.categories), tuple(c.slug for c in content.companies))
    layouts.under((config, build_date, slugs))
    layout = layouts.get("layout", tuple(shapes), partial(_layout, config, content, build_date))
    sites = memory.of(SITE)
    sites.under((config, build_date))
    inputs = (layout, *content.categories, *content.companies, *content.products)
    kept = (memory.of(HALLS), memory.of(OWN))
    assemble = partial(_assembled, config, content, build_date, layout, kept)
    site = sites.get("site", inputs, assemble)
    problems.extend(site.designation_problems)
    return site


@dataclass(frozen=True, slots=True)
class _Shape:
    """What the structure reads of a product, but the object itself: its place in the order,
    its halls and company, its designations (their dates, lines and file for the warnings)."""

    date: dt.date
    name: str
    category: str
    company: str
    excellent: Designation | None
    innovation: Designation | None
    source_display: str
    draft: bool

    @classmethod
    def of(cls, p: Product) -> _Shape:
        return cls(
            p.date,
            p.name,
            p.category,
            p.company,
            p.excellent,
            p.innovation,
            p.source_display,
            p.draft,
        )


def _shapes(kept: KeptEach[_Shape], products: tuple[Product, ...]) -> list[_Shape]:
    """The shape of each product: the one kept for its slug while it is equal (so the very
    same object), else a new one."""

    def shape(n: int) -> _Shape:
        return _Shape.of(products[n])

    shapes = kept.values(list(map(_SLUG, products)), products, shape, same_if_equal=True)
    kept.sweep()
    return shapes


@dataclass(frozen=True, slots=True)
class _Due:
    """A designation that expires soon: its product, which one, and the days it has left."""

    product: int  # its position in the content's products
    kind: str  # the designation's: "excellent" or "innovation"
    days_left: int


@dataclass(frozen=True)
class _Layout:
    """The structure with each product as its position in the content's products: what it is
    for every sequence of products of the same shapes."""

    order: tuple[int, ...]  # newest first
    by_category: dict[str, tuple[int, ...]]
    by_company: dict[str, tuple[int, ...]]
    excellent: tuple[int, ...]
    innovation: tuple[int, ...]
    expiring: tuple[_Due, ...]
    position_in_hall: dict[str, int]
    designation_problems: tuple[Problem, ...]
    #: Each product's (newest first) slug, and the positions of its company and category
    #: in the content's.
    slugs: tuple[str, ...]
    company_of: tuple[int, ...]
    category_of: tuple[int, ...]
    drafts: frozenset[int]  # the positions of the drafts shown


#: What a long-running process keeps of the structure from build to build, each piece with
#: what it was made from (see `build_site`).
SHAPES: Slot[KeptEach[_Shape]] = Slot("product shapes", KeptEach)
LAYOUT: Slot[Kept[_Layout]] = Slot("site layout", Kept)
HALLS: Slot[Kept[Hall]] = Slot("halls", Kept)
#: Each company's products, the same tuple while they are the very same objects.
OWN: Slot[Kept[tuple[Product, ...]]] = Slot("products of each company", Kept)
SITE: Slot[Kept[Site]] = Slot("site structure", Kept)


def _layout(config: Config, content: Content, day: dt.date) -> _Layout:
    products = newest_first(content.products)
    position = {p.slug: n for n, p in enumerate(content.products)}
    by_category: dict[str, list[int]] = {c.slug: [] for c in content.categories}
    by_company: dict[str, list[int]] = {c.slug: [] for c in content.companies}
    special: dict[str, list[int]] = {"excellent": [], "innovation": []}
    for p in products:  # one pass: at 5,000 products a rebuild in `serve` feels each one
        n = position[p.slug]
        by_category[p.category].append(n)
        by_company[p.company].append(n)
        for kind in special_halls(p, day):
            special[kind].append(n)
    designation_problems = Problems()
    report_designations(products, day, designation_problems)
    return _Layout(
        order=tuple(position[p.slug] for p in products),
        by_category={k: tuple(v) for k, v in by_category.items()},
        by_company={k: tuple(v) for k, v in by_company.items()},
        excellent=tuple(special["excellent"]),
        innovation=tuple(special["innovation"]),
        expiring=tuple(
            _Due(position[e.product.slug], e.designation.kind, e.days_left)
            for e in expiring_soon(products, day, config.expiring_days)
        ),
        position_in_hall=_positions_in_halls(content, by_category),
        designation_problems=tuple(designation_problems.items),
        slugs=tuple(map(_SLUG, products)),
        company_of=_positions(content.companies, (p.company for p in products)),
        category_of=_positions(content.categories, (p.category for p in products)),
        drafts=_drafts(products, position),
    )


def _drafts(products: Sequence[Product], position: dict[str, int]) -> frozenset[int]:
    """The positions of the drafts among `products` (the drafts shown)."""
    return frozenset(position[p.slug] for p in products if p.draft)


def _positions(records: Sequence[Company | Category], slugs: Iterable[str]) -> tuple[int, ...]:
    """The position in `records` of each of `slugs`."""
    at = {r.slug: n for n, r in enumerate(records)}
    return tuple(map(at.__getitem__, slugs))


def _positions_in_halls(content: Content, halls: dict[str, list[int]]) -> dict[str, int]:
    """Each product's place in its category hall, by slug (`halls`: the positions of each
    hall's products in the content's, newest first)."""
    return {
        content.products[n].slug: index
        for c in content.categories
        for index, n in enumerate(halls[c.slug])
    }


def _assembled(
    config: Config,
    content: Content,
    day: dt.date,
    layout: _Layout,
    kept: tuple[Kept[Hall], Kept[tuple[Product, ...]]],
) -> Site:
    """The site of `layout` with these very objects (the halls and each company's products
    the same objects while they hold the same products: see `HALLS`, `OWN`)."""
    pick = content.products.__getitem__
    halls, owns = kept

    def products(positions: tuple[int, ...]) -> tuple[Product, ...]:
        return tuple(map(pick, positions))

    def hall(kind: HallKind, slug: str, path: str, positions: tuple[int, ...],
             category: Category | None = None) -> Hall:  # fmt: skip
        items = products(positions)
        make = partial(Hall, kind, slug, path, items, category)
        return halls.get(f"{kind} {slug}", (category, *items), make)

    def own(slug: str) -> tuple[Product, ...]:
        items = products(layout.by_company[slug])
        return owns.get(slug, items, lambda: items)

    ordered = products(layout.order)
    by_company = {k: own(k) for k in layout.by_company}
    published, published_by_company = ordered, by_company
    if layout.drafts:  # shown: kept out of what the sitemap, feed and search list
        published, published_by_company = _published(layout, products)

    category_halls = tuple(
        hall("category", c.slug, urls.category_hall(c.slug), layout.by_category[c.slug], c)
        for c in content.categories
    )
    excellent, innovation = urls.EXCELLENT_HALL, urls.INNOVATION_HALL
    site = Site(
        config=config,
        build_date=day,
        categories=content.categories,
        companies=content.companies,
        products=ordered,
        category_halls=category_halls,
        excellent_hall=hall("excellent", excellent, urls.special_hall(excellent), layout.excellent),
        innovation_hall=hall(
            "innovation", innovation, urls.special_hall(innovation), layout.innovation
        ),
        expiring=tuple(_expiring(pick(due.product), due) for due in layout.expiring),
        company_by_slug={c.slug: c for c in content.companies},
        category_by_slug={c.slug: c for c in content.categories},
        hall_by_category={h.slug: h for h in category_halls},
        products_by_company=by_company,
        position_in_hall=layout.position_in_hall,
        slugs=layout.slugs,
        product_companies=tuple(map(content.companies.__getitem__, layout.company_of)),
        product_categories=tuple(map(content.categories.__getitem__, layout.category_of)),
        designation_problems=layout.designation_problems,
        published=published,
        published_by_company=published_by_company,
    )
    halls.sweep()
    owns.sweep()
    return site


def _published(
    layout: _Layout, products: Callable[[tuple[int, ...]], tuple[Product, ...]]
) -> tuple[tuple[Product, ...], dict[str, tuple[Product, ...]]]:
    """The products but the drafts shown, newest first, and those of each company."""
    drafts = layout.drafts

    def without(positions: tuple[int, ...]) -> tuple[Product, ...]:
        return products(tuple(n for n in positions if n not in drafts))

    return without(layout.order), {k: without(v) for k, v in layout.by_company.items()}


def _expiring(product: Product, due: _Due) -> Expiring:
    designation = product.excellent if due.kind == "excellent" else product.innovation
    assert designation is not None  # the layout is of a product of the same shape
    return Expiring(product, designation, due.days_left)
