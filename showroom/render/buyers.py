"""What the buyers' tools read in the browser: one small JSON file a product and language
(`compare/products/<slug>.json` under the language's prefix), with what the shortlist and the
comparison show of it, and the numbers of its specifications in a unit they can be compared
in (`normalised`: 200 W and 0.2 kW are the same power). The shortlist and comparison pages
themselves are static pages filled by the theme's script from these files."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from showroom.content.model import Certification, Company, Designation, Product
from showroom.images.variants import Picture
from showroom.site import urls
from showroom.site.structure import Site
from showroom.theme.strings import SINGULAR, Strings

#: A term's official name in the pages' language (`Strings.term`).
Term = Callable[[str], str]

#: Where a language's product files are, under its prefix: `compare/products/<slug>.json`.
DATA_FOLDER = "compare/products/"
SHORTLIST_PATH = "shortlist/"
COMPARE_PATH = "compare/"
#: The template of a product's file: the record's JSON as it is (a theme may override it).
DATA_TEMPLATE = "compare-product.json"

#: Each unit a specification may be written in: the unit it is compared in and the factor.
#: The compatibility characters (㎏, ㎜, …) that Korean documents often use are the same units.
_UNITS: dict[str, tuple[str, float]] = {
    "mW": ("W", 0.001),
    "W": ("W", 1),
    "kW": ("W", 1e3),
    "MW": ("W", 1e6),
    "Wh": ("Wh", 1),
    "kWh": ("Wh", 1e3),
    "mg": ("g", 0.001),
    "g": ("g", 1),
    "kg": ("g", 1e3),
    "t": ("g", 1e6),
    "톤": ("g", 1e6),
    "mm": ("mm", 1),
    "cm": ("mm", 10),
    "m": ("mm", 1e3),
    "km": ("mm", 1e6),
    "mL": ("mL", 1),
    "ml": ("mL", 1),
    "L": ("mL", 1e3),
    "l": ("mL", 1e3),
    "mA": ("A", 0.001),
    "A": ("A", 1),
    "V": ("V", 1),
    "kV": ("V", 1e3),
    "Pa": ("Pa", 1),
    "kPa": ("Pa", 1e3),
    "MPa": ("Pa", 1e6),
    "lm": ("lm", 1),
    "K": ("K", 1),
    "㎽": ("W", 0.001),
    "㎾": ("W", 1e3),
    "㎿": ("W", 1e6),
    "㎎": ("g", 0.001),
    "㎏": ("g", 1e3),
    "㎜": ("mm", 1),
    "㎝": ("mm", 10),
    "㎞": ("mm", 1e6),
    "㎖": ("mL", 1),
    "ℓ": ("mL", 1e3),
    "㎃": ("A", 0.001),
    "㎸": ("V", 1e3),
    "㎪": ("Pa", 1e3),
    "㎫": ("Pa", 1e6),
}
_NUMBER_UNIT = re.compile(r"\s*(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*([^\s\d]+)\s*")


@dataclass(frozen=True)
class Amount:
    """A specification's value as a number in the unit it is compared in."""

    value: float
    unit: str
    written_unit: str  # the unit as written ("kW", "㎏")


def normalised(written: str) -> Amount | None:
    """`written` ("0.2 kW", "5,000 g", "7.2 ㎏") as an amount in its comparison unit (200 W,
    5000 g, 7200 g); None when it is not one number and a known unit ("Ra 70 이상")."""
    found = _NUMBER_UNIT.fullmatch(written)
    if found is None or found.group(3) not in _UNITS:
        return None
    unit, factor = _UNITS[found.group(3)]
    number = float(found.group(1).replace(",", "") + (found.group(2) or ""))
    return Amount(round(number * factor, 9), unit, found.group(3))


def inquiry_href(product: Product, company: Company) -> str:
    """Where a buyer asks about the product (as the product page's button does): its
    `inquiry` (an address or an e-mail), else the contact's or the company's e-mail; "" when
    there is only a phone number."""
    if product.inquiry:
        inquiry = product.inquiry
        return f"mailto:{inquiry}" if "@" in inquiry and ":" not in inquiry else inquiry
    contact = product.contact or company.contact
    email = contact.email if contact is not None and contact.email else company.email
    return f"mailto:{email}" if email else ""


def _designation(site: Site, found: Designation, term: Term) -> dict[str, object]:
    return {
        "kind": found.kind,
        "number": found.number,
        "from": found.valid_from.isoformat(),
        "until": found.valid_until.isoformat(),
        "extended": found.extended,
        "current": site.is_current(found),
        "type": found.innovation_type,
        "agency": term(found.agency) if found.agency else "",
    }


def _certification(site: Site, c: Certification, term: Term) -> dict[str, object]:
    return {
        "type": term(c.type),
        "number": c.number,
        "issuer": term(c.issuer) if c.issuer else "",
        "until": c.valid_until.isoformat() if c.valid_until is not None else "",
        "current": c.is_valid_on(site.build_date),
    }


def _spec(label: str, written: str) -> dict[str, object]:
    amount = normalised(written)
    row: dict[str, object] = {"label": label, "value": written}
    if amount is not None:
        row.update(amount=amount.value, unit=amount.unit, written_unit=amount.written_unit)
    return row


def _company(product: Product, company: Company, term: Term) -> dict[str, object]:
    contact = product.contact or company.contact
    return {
        "slug": company.slug,
        "name": company.name,
        "phone": company.phone,
        "email": company.email,
        "inquiry": inquiry_href(product, company),
        "contact": None
        if contact is None
        else {
            "name": contact.name,
            "department": term(contact.department) if contact.department else "",
            "phone": contact.phone,
            "email": contact.email,
        },
    }


def product_record(
    site: Site, product: Product, photo: Picture, prefix: str, term: Term = str
) -> dict[str, object]:
    """What the shortlist and the comparison show of a product, in the language of the
    pages under `prefix` (`term`: a term's official name in it, as the pages give it: a unit,
    a certification, an agency); its addresses are root-relative, under the base path."""
    base = site.config.base_path
    card = photo.sources("card", "fallback") or photo.sources("web", "fallback")
    procurement = product.procurement
    return {
        "slug": product.slug,
        "name": product.name,
        "model": product.model,
        "url": urls.join(base, urls.in_language(prefix, urls.product(product.slug))),
        "photo": urls.join(base, card[0].path) if card else "",
        "alt": product.images[0].alt if product.images else "",
        "price": product.price,
        "unit": term(product.unit) if product.unit else "",
        "spec": product.spec,
        "specs": [_spec(label, value) for label, value in product.specs],
        "designations": [_designation(site, d, term) for d in product.designations],
        "certifications": [_certification(site, c, term) for c in product.certifications],
        "procurement": {
            "classification_number": procurement.classification_number if procurement else "",
            "detailed_number": procurement.detailed_number if procurement else "",
            "item_id": procurement.item_id if procurement else "",
        },
        "company": _company(product, site.company_by_slug[product.company], term),
        "fallback": list(product.fallback),  # the fields shown in the default language
    }


def data_path(prefix: str, slug: str) -> str:
    """The output file of a product's record in the language under `prefix`."""
    return f"{prefix}{DATA_FOLDER}{slug}.json"


#: The words the buyers' scripts use, from the theme's strings.
SCRIPT_STRINGS = (
    "shortlist_empty",
    "shortlist_remove",
    "shortlist_compare",
    "shortlist_compare_pick",
    "shortlist_compare_choose",
    "shortlist_missing",
    "model",
    "company",
    "price",
    "price_won",
    "per_unit",
    "price_on_request",
    "unit",
    "spec",
    "specs",
    "designations",
    "designation_excellent",
    "designation_innovation",
    "status_valid",
    "status_expired",
    "certifications",
    "certification_expired",
    "procurement",
    "classification_number",
    "detailed_number",
    "item_id",
    "contact_heading",
    "company_info",
    "company_phone",
    "company_email",
    "not_given",
    "compare_caption",
    "compare_item",
    "compare_differs",
    "compare_same",
    "compare_remove",
    "compare_normalised",
    "compare_need",
    "compare_too_many",
    "compare_removed",
    "inquiry_heading_company",
    "inquiry_send",
    "inquiry_open",
    "inquiry_no_address",
    "inquiry_subject",
    "inquiry_greeting",
    "inquiry_body_intro",
    "inquiry_body_buyer",
    "inquiry_body_closing",
    "inquiry_text_label",
    "buyer_organisation",
    "buyer_name",
    "buyer_phone",
    "buyer_email",
)


def script_config(
    strings: Strings, base_path: str, prefix: str, default_tag: str
) -> dict[str, object]:
    """The buyers' scripts' settings on a page: where the products' records are, the
    shortlist and comparison pages' addresses in the page's language, and their words."""
    return {
        "data": urls.join(base_path, prefix + DATA_FOLDER),
        "shortlist": urls.join(base_path, prefix + SHORTLIST_PATH),
        "compare": urls.join(base_path, prefix + COMPARE_PATH),
        "default_lang": default_tag,  # the `lang` of the fields shown in the default language
        "strings": {
            **{key: strings[key] for key in SCRIPT_STRINGS},
            # the singulars the language has ("1 product": `<key>_one`; Korean has none)
            **{
                k + SINGULAR: strings[k + SINGULAR]
                for k in SCRIPT_STRINGS
                if k + SINGULAR in strings
            },
        },
    }
