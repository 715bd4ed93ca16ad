"""Structured data for search engines and scripts: schema.org JSON-LD, JSON inside <script>."""

from __future__ import annotations

import datetime as dt
import json

from showroom.content.model import Company, Product
from showroom.images.variants import Picture
from showroom.site import urls
from showroom.site.structure import Site


def product_jsonld(
    site: Site, pictures: tuple[Picture, ...], product: Product, company: Company, prefix: str
) -> str:
    """The product page's schema.org Product, as JSON for a <script>, in the language of the
    pages under `prefix` ("": the default language's)."""
    config = site.config
    base = config.base_url
    organization: dict[str, object] = {
        "@type": "Organization",
        "name": company.name,
        "url": urls.absolute(base, urls.in_language(prefix, urls.company(company.slug))),
        "telephone": company.phone,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": company.address,
            "addressRegion": company.district,
            "addressCountry": "KR",
        },
    }
    if company.homepage:
        organization["sameAs"] = company.homepage
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.name,
        "description": product.summary,
        "inLanguage": config.language,
        "url": urls.absolute(base, urls.in_language(prefix, urls.product(product.slug))),
        "image": [urls.absolute(base, image.largest.path) for image in pictures],
        "category": site.category_by_slug[product.category].name,
        "manufacturer": organization,
    }
    if product.model:
        data["model"] = product.model
        data["mpn"] = product.model
    if product.procurement and product.procurement.item_id:
        data["productID"] = product.procurement.item_id
    return json_for_script(data)


def json_for_script(data: object) -> str:
    """JSON that is safe inside a <script> element (no `</script>` break-out)."""
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def atom_date(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def sitemap_entry(product: Product) -> tuple[str, str]:
    return urls.product(product.slug), (product.updated or product.date).isoformat()
