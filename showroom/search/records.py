"""What the search index holds: one record per product page and per company page.

A record is built from the site model, not scraped from the rendered HTML: its terms (weighted
blocks of `terms.index_terms`, plus Hangul suffixes for the fields where compounds matter,
abbreviations spelled in Hangul (`letters`) and the keys of its synonym groups (`synonyms`)),
the data a result shows (meta), the facets (filters) and the sort keys. List pages are not
indexed.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from itertools import compress, repeat

from showroom.content.model import Category, Company, Product
from showroom.hashing import text_digest
from showroom.images.variants import Picture
from showroom.search import english, letters, terms
from showroom.search.synonyms import NO_SYNONYMS, Expansion
from showroom.site import urls
from showroom.site.structure import Site
from showroom.state.reuse import KeptEach, Memory, Slot
from showroom.theme.strings import Strings

#: Facet keys, in the order the search page shows them.
FACETS = ("hall", "category", "district", "certification", "designation", "kind")


@dataclass(frozen=True)
class Block:
    """Terms indexed with one Pagefind weight (1 = body text, 10 = the most)."""

    weight: float
    terms: tuple[str, ...]


@dataclass(frozen=True)
class SearchRecord:
    path: str  # the page's site path, e.g. products/x/
    blocks: tuple[Block, ...]
    meta: tuple[tuple[str, str], ...]  # what a result shows
    filters: tuple[tuple[str, str], ...]  # (facet, value); a facet may repeat
    sorts: tuple[tuple[str, str], ...]


def _blocks(
    fields: Iterable[tuple[float, Iterable[str], bool]],
    synonyms: Expansion = NO_SYNONYMS,
    stem: bool = False,
) -> tuple[Block, ...]:
    """Weighted blocks of terms; a term found in several fields keeps its highest weight.

    A field is (weight, texts, compounds); with `compounds` its Hangul suffixes are indexed
    too, at half the weight of whole words. Abbreviations are spelled out in Hangul too
    (`letters`), and the keys of the synonym groups the terms belong to are added. With
    `stem` (the pages in English), the stems of Latin words too (search/english.py).
    """
    best: dict[str, float] = {}
    for weight, texts, compounds in fields:
        for text in texts:
            for term in terms.index_terms(text, stem):
                best[term] = max(best.get(term, 0), weight)
            for spelled in letters.spelled_out(text):
                term = terms.encode(spelled)
                best[term] = max(best.get(term, 0), weight)
            if compounds:
                for term in terms.suffix_terms(text):
                    best[term] = max(best.get(term, 0), weight / 2)
    synonyms.expand(best)
    by_weight: dict[float, list[str]] = {}
    for term, weight in best.items():
        by_weight.setdefault(weight, []).append(term)
    return tuple(Block(w, tuple(t)) for w, t in sorted(by_weight.items(), key=lambda i: -i[0]))


def sort_name(name: str) -> str:
    """A name without its legal-form marker, for sorting: (주)한빛정밀 sorts under 한."""
    return " ".join(terms.normalise(name).split())


#: Each product's record, kept by a long-running process while it is made of the very same
#: objects (the product, its company, its category and its photos) under the same salt
#: (build date, strings, settings); and each company's (the company, its products, the
#: first one's photos).
PRODUCT_RECORDS: Slot[KeptEach[SearchRecord]] = Slot("product search records", KeptEach)
COMPANY_RECORDS: Slot[KeptEach[SearchRecord]] = Slot("company search records", KeptEach)
#: The stored key of each record of the last build (see `RecordMaker.keys`).
RECORD_KEYS: Slot[dict[int, str]] = Slot("search record keys", dict)
_SLUG = operator.attrgetter("slug")


class RecordMaker:
    """Builds the records of a site; labels come from the theme's strings."""

    def __init__(
        self,
        site: Site,
        strings: Strings,
        photos: Mapping[str, tuple[Picture, ...]],
        stable: Callable[[object], str | None] | None = None,
        stored: dict[str, SearchRecord] | None = None,
        synonyms: Expansion = NO_SYNONYMS,
    ) -> None:
        self.site = site
        self.synonyms = synonyms  # part of what the `all()` salt must stand for
        self.strings = strings
        self.photos = photos
        #: A key that stands for everything an object holds (the parse memo's key; for a
        #: product, with its photos'), or None; records are then `stored` by such keys from
        #: process to process (the build state), salted with the `all()` salt.
        self.stable = stable
        self.stored: dict[str, SearchRecord] = {} if stored is None else stored
        self.used: set[str] = set()  # the stored keys this build asked for
        self.salt = ""
        self.keys: dict[int, str] = {}  # id of a record made or found -> its stored key
        config = site.config
        #: The pages' language: English words are stemmed; the records' paths are the pages'
        #: (en/products/x/ for the English ones).
        self.stem = english.stemmed(config.language)
        self.prefix = config.prefix
        self.product_nouns = english.PRODUCT_NOUNS if self.stem else terms.PRODUCT_NOUNS

    def _stored(self, parts: Iterable[object], make: Callable[[], SearchRecord]) -> SearchRecord:
        keys = [self.stable(part) for part in parts] if self.stable is not None else [None]
        if any(key is None for key in keys):
            return make()
        key = text_digest(self.salt, *keys)
        record = self.stored.get(key)
        if record is None:
            record = self.stored[key] = make()
        self.used.add(key)
        self.keys[id(record)] = key
        return record

    def _product_record(self, product: Product) -> SearchRecord:
        site = self.site
        parts = (
            product,
            site.company_by_slug[product.company],
            site.category_by_slug[product.category],
        )
        return self._stored(parts, lambda: self.product(product))

    def _company_record(self, company: Company) -> SearchRecord:
        own = self.site.published_by_company[company.slug]
        return self._stored((company, *own), lambda: self.company(company))

    def all(self, memory: Memory | None = None, salt: str = "") -> list[SearchRecord]:
        """Every record: the products', then the companies'. With `memory` (a long-running
        process), a record made of the very same objects as last time is not made again."""
        memory = Memory() if memory is None else memory
        self.salt = salt
        site, photos = self.site, self.photos
        products, slugs, companies_of, categories_of = _published_rows(site)
        pictures = list(map(photos.get, slugs, repeat(())))
        columns = (companies_of, categories_of, pictures)
        kept = memory.of(PRODUCT_RECORDS)
        kept.under(salt)
        make = self._product_record
        records = kept.values(slugs, products, lambda n: make(products[n]), also=columns)
        kept.sweep()
        companies = site.companies
        names = list(map(_SLUG, companies))
        owns = list(map(site.published_by_company.__getitem__, names))
        firsts = [photos.get(own[0].slug, ()) if own else () for own in owns]
        kept = memory.of(COMPANY_RECORDS)
        kept.under(salt)

        def company(n: int) -> SearchRecord:
            return self._company_record(companies[n])

        records += kept.values(names, companies, company, also=(owns, firsts))
        kept.sweep()
        return records

    # -- facet values --------------------------------------------------------------------
    def value_order(self) -> dict[str, list[str]]:
        """The order facet values are shown in (values not listed follow by count)."""
        return {
            "hall": [self.strings["hall_excellent"], self.strings["hall_innovation"]],
            "category": [c.name for c in self.site.categories],
            "district": [self.term(d) for d in self.site.config.districts],
            "designation": [
                self.strings["designation_type_excellent"],
                *(self.strings[f"innovation_type_{n}"] for n in (1, 2, 3)),
            ],
            "kind": [self.strings["search_kind_product"], self.strings["search_kind_company"]],
        }

    def halls(self, product: Product) -> list[str]:
        """The special halls a product is in on the build date."""
        return [self.strings[f"hall_{kind}"] for kind in self.site.badges(product)]

    def designations(self, product: Product) -> list[str]:
        """The designation types valid on the build date (innovation by its type)."""
        found = []
        for kind in self.site.badges(product):
            if kind == "excellent":
                found.append(self.strings["designation_type_excellent"])
            elif product.innovation is not None:
                innovation_type = product.innovation.innovation_type or 3
                found.append(self.strings[f"innovation_type_{innovation_type}"])
        return found

    def current_certifications(self, product: Product) -> list[str]:
        """The types of the certifications valid on the build date: the filter values."""
        expired = self.site.expired_certifications(product)
        return [self.term(c.type) for c in product.certifications if c not in expired]

    # -- records -------------------------------------------------------------------------
    def product(self, product: Product) -> SearchRecord:
        company = self.site.company_by_slug[product.company]
        category = self.site.category_by_slug[product.category]
        halls = self.halls(product)
        designations = self.designations(product)
        numbers = [d.number for d in product.designations]
        certifications = self._certifications(product)
        current = self.current_certifications(product)  # the filters
        procurement = product.procurement
        fields: list[tuple[float, Iterable[str], bool]] = [
            (10, [product.name], True),
            (10, [product.model], False),
            (7, product.keywords, True),
            (5, [company.name], True),
            (3, [product.summary], True),
            (2, [category.name, *halls, *designations], True),
            (2, [*numbers, *certifications, *(c.number for c in product.certifications)], False),
            (2, [product.usage, *product.features], False),
            (1, [product.spec, *(f"{k} {v}" for k, v in product.specs)], False),
            (1, [product.body_markdown, *self._district(company), *self.product_nouns], False),
        ]
        if procurement is not None:
            fields.append(
                (
                    2,
                    [
                        procurement.classification_number,
                        procurement.detailed_number,
                        procurement.item_id,
                    ],
                    False,
                )
            )
        meta = [
            ("kind", "product"),
            ("title", product.name),
            ("company", company.name),
            ("summary", product.summary),
            *self._image(product),
        ]
        if product.images:
            meta.append(("image_alt", product.images[0].alt))
        if product.model:
            meta.append(("model", product.model))
        badges = self.site.badges(product)
        if badges:
            meta.append(("badges", " ".join(badges)))
        filters = [
            ("kind", self.strings["search_kind_product"]),
            *(("hall", h) for h in halls),
            ("category", category.name),
            ("district", self.term(company.district)),
            *(("certification", c) for c in dict.fromkeys(current)),
            *(("designation", d) for d in designations),
        ]
        return SearchRecord(
            path=urls.in_language(self.prefix, urls.product(product.slug)),
            blocks=_blocks(fields, self.synonyms, self.stem),
            meta=tuple(meta),
            filters=tuple(filters),
            sorts=(("date", product.date.isoformat()), ("name", sort_name(product.name))),
        )

    def company(self, company: Company) -> SearchRecord:
        products = self.site.published_by_company[company.slug]
        fields: list[tuple[float, Iterable[str], bool]] = [
            (10, [company.name], True),
            (
                1,
                [
                    company.description,
                    *company.flags,
                    *map(self.term, company.flags),
                    *self._district(company),
                    company.ceo,
                ],
                False,
            ),
            (
                2,
                [company.business_number_display, company.phone, company.fax, company.address],
                False,
            ),
        ]
        summary = company.description or self.strings.count(
            "company_description", len(products), name=company.name
        )
        meta = [
            ("kind", "company"),
            ("title", company.name),
            ("summary", summary),
            ("district", self.term(company.district)),
            ("count", str(len(products))),
        ]
        if products:
            meta += self._image(products[0])
        newest = max((p.date for p in products), default=None)
        sorts = [("name", sort_name(company.name))]
        if newest is not None:
            sorts.insert(0, ("date", newest.isoformat()))
        return SearchRecord(
            path=urls.in_language(self.prefix, urls.company(company.slug)),
            blocks=_blocks(fields, self.synonyms, self.stem),
            meta=tuple(meta),
            filters=(
                ("kind", self.strings["search_kind_company"]),
                ("district", self.term(company.district)),
            ),
            sorts=tuple(sorts),
        )

    def _certifications(self, product: Product) -> list[str]:
        """Each certification type with the facet's word ("GS 인증", so that "GS인증" finds
        it; named as the pages name it), and as content writes it."""
        certified = self.strings["facet_certification"]
        found = [f"{self.term(c.type)} {certified}" for c in product.certifications]
        return found + [c.type for c in product.certifications]

    def term(self, value: str) -> str:
        """A district or certification as the pages in this language name it (the theme's
        terms file: 남구 → Nam-gu on the English pages), a filter value and a result's text."""
        return self.strings.term(value)

    def _district(self, company: Company) -> list[str]:
        """A company's district as content writes it and as the pages name it."""
        return list(dict.fromkeys((company.district, self.term(company.district))))

    def _image(self, product: Product) -> list[tuple[str, str]]:
        pictures = self.photos.get(product.slug)
        if not pictures:
            return []
        picture = pictures[0]
        fallback = picture.sources("card", "fallback")
        webp = picture.sources("card", "webp")
        found = [("image", fallback[0].path)]
        if webp:
            found.append(("image_webp", webp[0].path))
        found.append(("image_size", f"{fallback[0].width}x{fallback[0].height}"))
        return found


def _published_rows(
    site: Site,
) -> tuple[tuple[Product, ...], tuple[str, ...], tuple[Company, ...], tuple[Category, ...]]:
    """The site's published products (no draft shown) with their slugs, companies and
    categories (see `Site.slugs`)."""
    if site.published is site.products:
        return site.products, site.slugs, site.product_companies, site.product_categories
    keep = [not p.draft for p in site.products]
    return (
        site.published,
        tuple(compress(site.slugs, keep)),
        tuple(compress(site.product_companies, keep)),
        tuple(compress(site.product_categories, keep)),
    )
