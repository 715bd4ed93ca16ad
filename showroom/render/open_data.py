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
from dataclasses import dataclass, field

from showroom.content.model import (
    Category,
    Certification,
    Company,
    Designation,
    Product,
    same_objects,
)
from showroom.editor.columns import COLUMNS, SEPARATORS, Kind, escape, guarded
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
    return [_record(row) for row in _rows(site)]


def _rows(site: Site) -> list[_Row]:
    return [
        _Row(p, site.company_by_slug[p.company], site.category_by_slug[p.category], site)
        for p in sorted(site.published, key=lambda p: p.slug)
    ]


def _record(row: _Row) -> dict[str, Value]:
    return {c.name: _VALUES[c.name](row) for c in COLUMNS}


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


def _csv_line(cells: list[str]) -> str:
    """One CSV record as RFC 4180 writes it, CRLF at its end; a cell a spreadsheet would
    take for a formula is guarded (see `guarded`)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(list(map(guarded, cells)))
    return buffer.getvalue()


def _csv_record(record: Mapping[str, Value]) -> str:
    return _csv_line([cell(record[c.name], c.kind) for c in COLUMNS])


#: How deep a product's object stands in products.json (in "products", in the document).
_DEPTH = "  "


def _json_record(record: Mapping[str, Value]) -> str:
    """A product's object as it stands in products.json, at its depth (`json.dumps` of the
    whole document, indent 1, gives the same text)."""
    return _DEPTH + json.dumps(record, ensure_ascii=False, indent=1).replace("\n", "\n" + _DEPTH)


def products_csv(lines: list[str]) -> bytes:
    header = _csv_line([c.name for c in COLUMNS])
    return ("\ufeff" + header + "".join(lines)).encode("utf-8")


def products_json(site: Site, objects: list[str]) -> bytes:
    config = site.config
    head = {
        "title": config.title,
        "publisher": config.publisher,
        "license": config.license,
        "source": config.base_url,
        "date": site.build_date.isoformat(),
        "columns": [c.name for c in COLUMNS],
        "products": [],
    }
    text = json.dumps(head, ensure_ascii=False, indent=1)
    if objects:  # the objects in place of the empty list at the end
        products = "[\n" + ",\n".join(objects) + "\n ]"
        text = text.removesuffix("[]\n}") + products + "\n}"
    return (text + "\n").encode("utf-8")


@dataclass
class _Kept:
    """What the last build of a long-running process made: each product's CSV record and
    JSON object with what it was made from, and the files."""

    settings: tuple[object, ...] = ()  # compared by equality
    rows: dict[str, tuple[Product, Company, Category, str, str]] = field(default_factory=dict)
    inputs: tuple[object, ...] = ()  # compared by identity
    files: dict[str, bytes] = field(default_factory=dict)


OPEN_DATA: Slot[_Kept] = Slot("open data files", _Kept)


def open_data_files(site: Site, kept: _Kept | None = None) -> dict[str, bytes]:
    """products.csv and products.json by their paths in the site. With `kept` (a process's
    memory), the files are made again only when a product, company or category is another
    object than last time, and then only that product's records are."""
    kept = _Kept() if kept is None else kept
    settings = (site.config, site.build_date)
    if kept.settings != settings:
        kept.settings, kept.rows, kept.files = settings, {}, {}
    inputs = (*site.published, *site.companies, *site.categories)
    if kept.files and same_objects(kept.inputs, inputs):
        return kept.files
    rows = {}
    for row in _rows(site):
        entry = kept.rows.get(row.product.slug)
        if entry is None or not same_objects(entry[:3], (row.product, row.company, row.category)):
            record = _record(row)
            entry = (
                row.product,
                row.company,
                row.category,
                _csv_record(record),
                _json_record(record),
            )
        rows[row.product.slug] = entry
    lines = [entry[3] for entry in rows.values()]
    objects = [entry[4] for entry in rows.values()]
    kept.rows, kept.inputs = rows, inputs
    kept.files = {CSV_PATH: products_csv(lines), JSON_PATH: products_json(site, objects)}
    return kept.files
