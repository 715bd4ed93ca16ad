"""One page of every kind of a built site: what browser checks and screenshots visit."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from urllib.parse import quote

from showroom.content.model import Product
from showroom.site import urls
from showroom.site.structure import Hall, Site, paginate

NOT_FOUND_PATH = "no-such-page/"
SEARCH_QUERY = "LED 조명"  # the search page is visited with a query (and its results)
#: True once the search script has answered (results not busy), or on a page without it.
SCRIPTS_SETTLED = """() => {
  const results = document.querySelector('.results');
  return !results || results.getAttribute('aria-busy') === 'false';
}"""


@dataclass(frozen=True)
class Stop:
    name: str  # a file-name-friendly label
    path: str  # the page's path under the base path
    status: int = 200


def filled_fields(product: Product) -> int:
    """How many optional fields of a product carry a value."""
    count = 0
    for spec in dataclasses.fields(product):
        value = getattr(product, spec.name)
        if spec.default is not dataclasses.MISSING and value not in (spec.default, None, ""):
            count += 1
    return count


def tour(site: Site) -> list[Stop]:
    products = sorted(site.products, key=lambda p: (filled_fields(p), p.slug))
    fullest = max(products, key=lambda p: (filled_fields(p), len(p.images), p.slug))
    busiest = max(site.companies, key=lambda c: (len(site.products_by_company[c.slug]), c.slug))
    category = next((h for h in site.category_halls if h.products), site.category_halls[0])
    stops = [
        Stop("home", urls.home()),
        Stop("hall-category", category.path),
        Stop("hall-excellent", site.excellent_hall.path),
        Stop("hall-innovation", site.innovation_hall.path),
    ]
    paged = _paginated(site)
    if paged is not None:
        stops.append(Stop("hall-page-2", urls.page(paged.path, 2)))
    stops += [
        Stop("product-full", urls.product(fullest.slug)),
        Stop("product-minimal", urls.product(products[0].slug)),
        Stop("company", urls.company(busiest.slug)),
        Stop("companies", urls.companies()),
    ]
    if site.config.search:
        stops.append(Stop("search", f"{urls.search()}?q={quote(SEARCH_QUERY)}"))
    stops.append(Stop("not-found", NOT_FOUND_PATH, status=404))
    return stops


def _paginated(site: Site) -> Hall | None:
    for hall in site.halls:
        if len(paginate(hall, site.config.per_page)) > 1:
            return hall
    return None
