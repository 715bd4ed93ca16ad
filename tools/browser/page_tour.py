"""One page of every kind of a built site, in every language: what browser checks and
screenshots visit."""

from __future__ import annotations

import dataclasses
import itertools
from dataclasses import dataclass
from urllib.parse import quote

from showroom.build.options import Checked
from showroom.content.in_language import LocalisedObjects, content_in
from showroom.content.model import Product
from showroom.problems import Problems
from showroom.site import urls
from showroom.site.structure import Hall, Site, build_site, paginate

NOT_FOUND_PATH = "no-such-page/"
SEARCH_QUERY = "LED 조명"  # the search page is visited with a query (and its results)
#: The query of the search page in another language (the default's is SEARCH_QUERY).
SEARCH_QUERIES = {"en": "LED lighting"}
#: True once the search script has answered (results not busy), or on a page without it.
SCRIPTS_SETTLED = """() => {
  const results = document.querySelector('.results');
  if (document.querySelector('[data-buyers-app]:not([data-ready])')) return false;
  return !results || results.getAttribute('aria-busy') === 'false';
}"""


@dataclass(frozen=True)
class Stop:
    name: str  # a file-name-friendly label
    path: str  # the page's path under the base path
    status: int = 200
    language: str = "ko"  # the page's `lang`


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
    stops += _buyers_stops(site, "")
    stops.append(Stop("not-found", NOT_FOUND_PATH, status=404))
    return [dataclasses.replace(s, language=site.config.language) for s in stops]


def _buyers_stops(site: Site, code: str) -> list[Stop]:
    """The shortlist and the comparison (by the address) of the three products with the most
    specification labels in common (then the most filled in)."""
    products = sorted(site.products, key=lambda p: p.slug)

    def score(three: tuple[Product, ...]) -> tuple[int, int]:
        common = set.intersection(*({label for label, _ in p.specs} for p in three))
        return len(common), sum(filled_fields(p) for p in three)

    best = max(itertools.combinations(products, 3), key=score, default=tuple(products[:3]))
    chosen = ",".join(p.slug for p in best)
    prefix, name = (f"{code}/", f"{code}-") if code else ("", "")
    return [
        Stop(f"{name}shortlist", f"{prefix}shortlist/?p={chosen}", 200, code or "ko"),
        Stop(f"{name}compare", f"{prefix}compare/?p={chosen}", 200, code or "ko"),
    ]


def _paginated(site: Site) -> Hall | None:
    for hall in site.halls:
        if len(paginate(hall, site.config.per_page)) > 1:
            return hall
    return None


def tours(checked: Checked) -> list[Stop]:
    """The tour of the default language's pages, then a shorter one of each other
    language's: its home, a hall, a translated product, one shown in the default language,
    a company, the companies, search and the 404 page (named "en-home", ...)."""
    stops = tour(checked.site)
    config = checked.config
    for code in config.languages[1:]:
        content = content_in(checked.content, code, config.default_language, LocalisedObjects())
        site = build_site(config.in_language(code), content, checked.site.build_date, Problems())
        stops += language_tour(site, code)
    return stops


def language_tour(site: Site, code: str) -> list[Stop]:
    """One page of each kind in language `code` (not the default), from its localised site."""
    products = sorted(site.products, key=lambda p: (-filled_fields(p), p.slug))
    translated = min(products, key=lambda p: len(p.fallback))
    fallback = max(products, key=lambda p: (len(p.fallback), filled_fields(p)))
    busiest = max(site.companies, key=lambda c: (len(site.products_by_company[c.slug]), c.slug))
    category = next((h for h in site.category_halls if h.products), site.category_halls[0])
    pages = [
        ("home", urls.home()),
        ("hall-category", category.path),
        ("product-translated", urls.product(translated.slug)),
        ("product-fallback", urls.product(fallback.slug)),
        ("company", urls.company(busiest.slug)),
        ("companies", urls.companies()),
    ]
    prefix = f"{code}/"
    stops = [Stop(f"{code}-{name}", urls.in_language(prefix, path), 200, code)
             for name, path in pages]  # fmt: skip
    if site.config.search:
        query = quote(SEARCH_QUERIES.get(code, SEARCH_QUERY))
        path = f"{urls.in_language(prefix, urls.search())}?q={query}"
        stops.append(Stop(f"{code}-search", path, 200, code))
    stops += _buyers_stops(site, code)
    stops.append(Stop(f"{code}-not-found", prefix + NOT_FOUND_PATH, 404, code))
    return stops
