"""The frozen model objects, made from a file's validated values.

`validate_document` gives each value of the type its declaration in `declarations` gives (a
record as a dict, a list as a tuple); the typed dicts below say so to the type checker, once
per kind of file, so that nothing here is `Any`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import NotRequired, TypedDict, cast

from showroom.content.model import (
    Category,
    Certification,
    Company,
    Contact,
    Designation,
    Image,
    Procurement,
    Product,
)
from showroom.content.translations import ImageText, Translation
from showroom.fields import formats
from showroom.fields.focus import Focus, parse_focus
from showroom.fields.languages import CONTENT_LANGUAGES
from showroom.fields.nodes import FrontMatter


class CategoryValues(TypedDict):
    name: str
    order: int
    description: NotRequired[str]


class ContactValues(TypedDict, total=False):
    name: str
    department: str
    phone: str
    email: str


class CompanyValues(TypedDict):
    name: str
    business_number: str
    district: str
    address: str
    phone: str
    ceo: NotRequired[str]
    fax: NotRequired[str]
    email: NotRequired[str]
    homepage: NotRequired[str]
    flags: NotRequired[tuple[str, ...]]
    description: NotRequired[str]
    contact: NotRequired[ContactValues]


class ImageValues(TypedDict):
    src: str
    alt: str
    caption: NotRequired[str]
    focus: NotRequired[str]


class ProcurementValues(TypedDict, total=False):
    classification_number: str
    detailed_number: str
    item_id: str


#: A designation (`from` is a keyword, hence the functional form).
PeriodValues = TypedDict(
    "PeriodValues",
    {
        "number": str,
        "from": dt.date,
        "until": dt.date,
        "extended": NotRequired[bool],
        "type": NotRequired[int],
        "agency": NotRequired[str],
    },
)


class CertificationValues(TypedDict):
    type: str
    number: NotRequired[str]
    issuer: NotRequired[str]
    until: NotRequired[dt.date]


class ProductValues(TypedDict):
    name: str
    category: str
    company: str
    date: dt.date
    summary: str
    images: tuple[ImageValues, ...]
    model: NotRequired[str]
    spec: NotRequired[str]
    unit: NotRequired[str]
    price: NotRequired[int]
    features: NotRequired[tuple[str, ...]]
    usage: NotRequired[str]
    keywords: NotRequired[tuple[str, ...]]
    specs: NotRequired[tuple[tuple[str, str], ...]]
    video: NotRequired[str]
    brochure: NotRequired[str]
    procurement: NotRequired[ProcurementValues]
    excellent_procurement: NotRequired[PeriodValues]
    innovation: NotRequired[PeriodValues]
    certifications: NotRequired[tuple[CertificationValues, ...]]
    contact: NotRequired[ContactValues]
    inquiry: NotRequired[str]
    updated: NotRequired[dt.date]
    draft: NotRequired[bool]


class KnownValues(TypedDict, total=False):
    """What a product's checks beyond its declaration read of the values that converted
    (`Context.partial`), even when others did not."""

    category: str
    company: str
    images: tuple[ImageValues, ...]
    brochure: str


def known_values(partial: Mapping[str, object]) -> KnownValues:
    return cast("KnownValues", partial)


def category(slug: str, values: Mapping[str, object]) -> Category:
    v = cast("CategoryValues", values)
    return Category(slug, v["name"], v["order"], v.get("description", ""), translations(values))


def translations(
    values: Mapping[str, object], bodies: Mapping[str, str] | None = None
) -> tuple[Translation, ...]:
    """The text of each language block (`en:`) and description (index.en.md) given."""
    found = []
    for code in CONTENT_LANGUAGES:
        given = cast("Mapping[str, object]", values.get(code, {}))
        block = cast("TranslationValues", {k: v for k, v in given.items() if k != "images"})
        words = cast("tuple[ImageTextValues, ...]", given.get("images", ()))
        block["images"] = tuple(ImageText(**w) for w in words)
        if bodies and code in bodies:
            block["body_markdown"] = bodies[code]
        if code in values or "body_markdown" in block:
            found.append(Translation(code, **block))
    return tuple(found)


class ImageTextValues(TypedDict, total=False):
    alt: str
    caption: str


class TranslationValues(TypedDict, total=False):
    name: str
    summary: str
    spec: str
    address: str
    description: str
    usage: str
    features: tuple[str, ...]
    keywords: tuple[str, ...]
    specs: tuple[tuple[str, str], ...]
    images: tuple[ImageText, ...]
    body_markdown: str


def company(slug: str, values: Mapping[str, object]) -> Company:
    v = cast("CompanyValues", values)
    return Company(
        slug=slug,
        name=v["name"],
        business_number=formats.strip_separators(v["business_number"]),
        district=v["district"],
        address=v["address"],
        phone=v["phone"],
        ceo=v.get("ceo", ""),
        fax=v.get("fax", ""),
        email=v.get("email", ""),
        homepage=v.get("homepage", ""),
        flags=tuple(v.get("flags", ())),
        description=v.get("description", ""),
        contact=_contact(v.get("contact")),
        translations=translations(values),
    )


def _contact(v: ContactValues | None) -> Contact | None:
    if v is None:
        return None
    return Contact(
        v.get("name", ""), v.get("department", ""), v.get("phone", ""), v.get("email", "")
    )


def image(v: ImageValues, source: Path, line: int, width: int, height: int) -> Image:
    focus = parse_focus(v.get("focus", "center"))
    return Image(
        v["src"],
        v.get("alt", ""),
        v.get("caption", ""),
        source,
        line,
        width,
        height,
        focus if isinstance(focus, Focus) else Focus(),
    )


def product(
    slug: str,
    index: Path,
    shown: str,
    values: Mapping[str, object],
    images: tuple[Image, ...],
    brochure_source: Path | None,
    front: FrontMatter,
    lines: dict[str, int],
    bodies: Mapping[str, str] | None = None,
) -> Product:
    v = cast("ProductValues", values)
    return Product(
        slug=slug,
        name=v["name"],
        category=v["category"],
        company=v["company"],
        date=v["date"],
        summary=v["summary"],
        images=images,
        body_markdown=front.body,
        body_first_line=front.body_first_line,
        source=index,
        source_display=shown,
        model=v.get("model", ""),
        spec=v.get("spec", ""),
        unit=v.get("unit", ""),
        price=v.get("price"),
        features=tuple(v.get("features", ())),
        usage=v.get("usage", ""),
        keywords=tuple(v.get("keywords", ())),
        specs=tuple(v.get("specs", ())),
        video=v.get("video", ""),
        brochure=v.get("brochure", ""),
        brochure_source=brochure_source,
        procurement=_procurement(v.get("procurement")),
        excellent=_designation(
            "excellent", v.get("excellent_procurement"), lines, "excellent_procurement"
        ),
        innovation=_designation("innovation", v.get("innovation"), lines, "innovation"),
        certifications=tuple(
            Certification(c["type"], c.get("number", ""), c.get("issuer", ""), c.get("until"))
            for c in v.get("certifications", ())
        ),
        contact=_contact(v.get("contact")),
        inquiry=v.get("inquiry", ""),
        updated=v.get("updated"),
        draft=v.get("draft", False),
        translations=translations(values, bodies),
    )


def _procurement(v: ProcurementValues | None) -> Procurement | None:
    if v is None:
        return None
    return Procurement(
        formats.strip_separators(v.get("classification_number", "")),
        formats.strip_separators(v.get("detailed_number", "")),
        formats.strip_separators(v.get("item_id", "")),
    )


def _designation(
    kind: str, v: PeriodValues | None, lines: dict[str, int], field: str
) -> Designation | None:
    if v is None:
        return None
    return Designation(
        from_line=lines.get(f"{field}.from"),
        until_line=lines.get(f"{field}.until"),
        kind=kind,
        number=v["number"],
        valid_from=v["from"],
        valid_until=v["until"],
        extended=v.get("extended", False),
        innovation_type=v.get("type"),
        agency=v.get("agency", ""),
    )
