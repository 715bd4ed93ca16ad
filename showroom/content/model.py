"""The content model: frozen value objects built from validated files."""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from showroom.content.translations import Translation
from showroom.fields.focus import Focus


@dataclass(frozen=True)
class Category:
    slug: str
    name: str
    order: int
    description: str = ""
    translations: tuple[Translation, ...] = ()  # the languages after the default one
    #: Shown in another language: the translatable fields shown in the default one.
    fallback: tuple[str, ...] = ()


@dataclass(frozen=True)
class Contact:
    name: str = ""
    department: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class Company:
    slug: str
    name: str
    business_number: str  # 10 digits, no separators
    district: str
    address: str
    phone: str
    ceo: str = ""
    fax: str = ""
    email: str = ""
    homepage: str = ""
    flags: tuple[str, ...] = ()
    description: str = ""
    contact: Contact | None = None
    translations: tuple[Translation, ...] = ()  # the languages after the default one
    #: Shown in another language: the translatable fields shown in the default one.
    fallback: tuple[str, ...] = ()

    @property
    def business_number_display(self) -> str:
        n = self.business_number
        return f"{n[:3]}-{n[3:5]}-{n[5:]}"


@dataclass(frozen=True)
class Image:
    src: str  # file name relative to the product folder, NFC
    alt: str
    caption: str = ""
    source: Path | None = None  # the file on disk
    line: int | None = None  # where `src` stands in index.md
    width: int = 0  # as displayed (EXIF orientation applied), from the file's header
    height: int = 0
    focus: Focus = field(default_factory=Focus)  # the point card crops keep in view


@dataclass(frozen=True)
class Procurement:
    classification_number: str = ""  # 물품분류번호, 8 digits
    detailed_number: str = ""  # 세부품명번호, 10 digits
    item_id: str = ""  # 물품식별번호, 8 digits


@dataclass(frozen=True)
class Designation:
    """우수조달물품 or 혁신제품 designation; `kind` is "excellent" or "innovation"."""

    kind: str
    number: str
    valid_from: dt.date
    valid_until: dt.date
    extended: bool = False
    innovation_type: int | None = None  # 1, 2 or 3 for innovation products
    agency: str = ""
    from_line: int | None = None  # where `from` and `until` stand in the file, for messages
    until_line: int | None = None

    def is_valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day <= self.valid_until

    def days_left(self, day: dt.date) -> int:
        return (self.valid_until - day).days


@dataclass(frozen=True)
class Certification:
    type: str
    number: str = ""
    issuer: str = ""
    valid_until: dt.date | None = None

    def is_valid_on(self, day: dt.date) -> bool:
        """Without an end date a certification is taken as valid; with one, until that day."""
        return self.valid_until is None or day <= self.valid_until


@dataclass(frozen=True)
class Product:
    slug: str
    name: str
    category: str  # category slug
    company: str  # company slug
    date: dt.date
    summary: str
    images: tuple[Image, ...]
    body_markdown: str
    source: Path  # index.md
    source_display: str  # as shown in messages
    model: str = ""
    spec: str = ""
    unit: str = ""
    price: int | None = None
    features: tuple[str, ...] = ()
    usage: str = ""
    keywords: tuple[str, ...] = ()
    specs: tuple[tuple[str, str], ...] = ()
    video: str = ""
    brochure: str = ""
    brochure_source: Path | None = None
    procurement: Procurement | None = None
    excellent: Designation | None = None
    innovation: Designation | None = None
    certifications: tuple[Certification, ...] = ()
    contact: Contact | None = None
    inquiry: str = ""
    updated: dt.date | None = None
    draft: bool = False
    body_first_line: int = 1
    translations: tuple[Translation, ...] = ()  # the languages after the default one
    #: Shown in another language: the translatable fields shown in the default one.
    fallback: tuple[str, ...] = ()

    @property
    def designations(self) -> tuple[Designation, ...]:
        return tuple(d for d in (self.excellent, self.innovation) if d is not None)


@dataclass(frozen=True, slots=True)
class SynonymGroup:
    """Search words that find each other's pages (`terms`), and words each of them also finds
    but that do not find them (`finds`: one way, an everyday word finding an official name)."""

    terms: tuple[str, ...]
    finds: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Synonyms:
    """The editors' synonym groups (content/search/synonyms.yml), in the file's order."""

    groups: tuple[SynonymGroup, ...] = ()


@dataclass(frozen=True)
class Content:
    """Everything read from content/, validated: the input of the site stage."""

    categories: tuple[Category, ...]
    companies: tuple[Company, ...]
    #: The products the site shows: those published, and the drafts when they are shown.
    products: tuple[Product, ...]
    drafts: tuple[Product, ...] = ()  # every draft, shown or not
    synonyms: Synonyms = Synonyms()
    drafts_shown: bool = False  # the drafts are among `products` (`build -D`, `serve`)

    def published(self) -> Content:
        """This content without the drafts it shows (itself when it shows none)."""
        if not (self.drafts_shown and self.drafts):
            return self
        products = tuple(p for p in self.products if not p.draft)
        return replace(self, products=products, drafts_shown=False)


def same_objects(a: Sequence[object], b: Sequence[object]) -> bool:
    """Whether two sequences hold the very same objects in the same order. A model object is
    made anew when a file it was read from changed, so the same object is unchanged."""
    return a is b or (len(a) == len(b) and all(map(operator.is_, a, b)))
