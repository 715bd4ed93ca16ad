"""The open data: products.csv and products.json at the site's root, of every published
product in slug order, with the columns of `editor.columns`. The CSV is UTF-8 with a byte
order mark and CRLF line ends (so that Excel opens Korean text correctly), quoted as RFC 4180
says; the JSON has the same columns with typed values, and the site's title, publisher,
licence and build date. Both are made from the content alone: the same content and build
date, the same bytes."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from showroom.content.model import (
    Category,
    Certification,
    Company,
    Designation,
    Product,
    same_objects,
)
from showroom.editor.columns import COLUMNS, SEPARATORS, Kind, escape
from showroom.site import urls
from showroom.site.structure import Site
from showroom.state.reuse import Slot

CSV_PATH = "products.csv"
JSON_PATH = "products.json"

#: A column's value in products.json: text, a number, a list, a mapping, or null.
Value = str | int | list[str] | dict[str, str] | list[dict[str, str]] | None


@dataclass(frozen=True)
class _Row:
    product: Product
    company: Company
    category: Category
    site: Site


def _designation(kind: str, field: str) -> Callable[[_Row], Value]:
    def get(row: _Row) -> Value:
        found: Designation | None = getattr(row.product, kind)
        if found is None:
            return None
        value: Value = {
            "number": found.number,
            "from": found.valid_from.isoformat(),
            "until": found.valid_until.isoformat(),
            "extended": "Y" if found.extended else "N",
            "agency": found.agency or None,
            "type": found.innovation_type,
        }[field]
        return value

    return get


def _procurement(field: str) -> Callable[[_Row], Value]:
    def get(row: _Row) -> Value:
        numbers = row.product.procurement
        return (getattr(numbers, field) or None) if numbers is not None else None

    return get


def _certification(c: Certification) -> dict[str, str]:
    until = c.valid_until.isoformat() if c.valid_until is not None else ""
    return {"type": c.type, "number": c.number, "until": until, "issuer": c.issuer}


def _text(value: str) -> str | None:
    return value or None


def _date(row: _Row) -> str | None:
    return row.product.updated.isoformat() if row.product.updated is not None else None


_VALUES: dict[str, Callable[[_Row], Value]] = {
    "slug": lambda r: r.product.slug,
    "name": lambda r: r.product.name,
    "model": lambda r: _text(r.product.model),
    "category": lambda r: r.product.category,
    "category_name": lambda r: r.category.name,
    "summary": lambda r: r.product.summary,
    "url": lambda r: urls.absolute(r.site.config.base_url, urls.product(r.product.slug)),
    "prdctClsfcNo": _procurement("classification_number"),
    "dtilPrdctClsfcNo": _procurement("detailed_number"),
    "prdctIdntNo": _procurement("item_id"),
    "prdctSpecNm": lambda r: _text(r.product.spec),
    "prdctUnit": lambda r: _text(r.product.unit),
    "cntrctPrceAmt": lambda r: r.product.price,
    "exclncPrcrmntPrdctYn": lambda r: "Y" if r.site.is_current(r.product.excellent) else "N",
    "excellent_number": _designation("excellent", "number"),
    "excellent_from": _designation("excellent", "from"),
    "excellent_until": _designation("excellent", "until"),
    "excellent_extended": _designation("excellent", "extended"),
    "innovation_type": _designation("innovation", "type"),
    "innovation_agency": _designation("innovation", "agency"),
    "innovation_number": _designation("innovation", "number"),
    "innovation_from": _designation("innovation", "from"),
    "innovation_until": _designation("innovation", "until"),
    "innovation_extended": _designation("innovation", "extended"),
    "certifications": lambda r: [_certification(c) for c in r.product.certifications] or None,
    "features": lambda r: list(r.product.features) or None,
    "specs": lambda r: dict(r.product.specs) or None,
    "usage": lambda r: _text(r.product.usage),
    "keywords": lambda r: list(r.product.keywords) or None,
    "inquiry": lambda r: _text(r.product.inquiry),
    "company": lambda r: r.product.company,
    "cntrctCorpNm": lambda r: r.company.name,
    "cntrctCorpBizno": lambda r: r.company.business_number,
    "company_district": lambda r: r.company.district,
    "company_address": lambda r: r.company.address,
    "company_phone": lambda r: r.company.phone,
    "company_email": lambda r: _text(r.company.email),
    "date": lambda r: r.product.date.isoformat(),
    "updated": _date,
}


def records(site: Site) -> list[dict[str, Value]]:
    """One record a published product, in slug order: each column's value (None: empty)."""
    rows = [
        _Row(p, site.company_by_slug[p.company], site.category_by_slug[p.category], site)
        for p in sorted(site.published, key=lambda p: p.slug)
    ]
    return [{c.name: _VALUES[c.name](row) for c in COLUMNS} for row in rows]


def cell(value: Value, kind: Kind) -> str:
    """A value as a CSV cell: lists joined with `;`, each item's own separators escaped."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return ";".join(f"{escape(k, SEPARATORS[kind])}={escape(v, ';')}" for k, v in value.items())
    if isinstance(value, list):
        special = SEPARATORS[kind]
        return ";".join(
            ":".join(escape(part, special) for part in _certification_parts(item))
            if isinstance(item, Mapping)
            else escape(item, special)
            for item in value
        )
    return str(value)


def _certification_parts(item: Mapping[str, str]) -> list[str]:
    """type:number:until:issuer, without the empty parts at the end."""
    parts = [item["type"], item["number"], item["until"], item["issuer"]]
    while len(parts) > 1 and not parts[-1]:
        parts.pop()
    return parts


def products_csv(found: list[dict[str, Value]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([c.name for c in COLUMNS])
    for record in found:
        writer.writerow([cell(record[c.name], c.kind) for c in COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def products_json(site: Site, found: list[dict[str, Value]]) -> bytes:
    config = site.config
    document = {
        "title": config.title,
        "publisher": config.publisher,
        "license": config.license,
        "source": config.base_url,
        "date": site.build_date.isoformat(),
        "columns": [c.name for c in COLUMNS],
        "products": found,
    }
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


@dataclass(frozen=True)
class _Made:
    settings: tuple[object, ...]  # compared by equality
    inputs: tuple[object, ...]  # compared by identity
    files: dict[str, bytes]


#: The files as the last build of a long-running process made them, with their inputs.
OPEN_DATA: Slot[list[_Made]] = Slot("open data files", list)


def open_data_files(site: Site, kept: list[_Made] | None = None) -> dict[str, bytes]:
    """products.csv and products.json by their paths in the site. With `kept` (a process's
    memory), made again only when a product, company or category or the site's settings or
    date are other objects than last time."""
    settings = (site.config, site.build_date)
    inputs = (*site.published, *site.companies, *site.categories)
    if kept and kept[0].settings == settings and same_objects(kept[0].inputs, inputs):
        return kept[0].files
    found = records(site)
    files = {CSV_PATH: products_csv(found), JSON_PATH: products_json(site, found)}
    if kept is not None:
        kept[:] = [_Made(settings, inputs, files)]
    return files
