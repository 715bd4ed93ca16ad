"""The pages of a site as jobs: which pages there are, what each is made from, and how the
renderer makes it. Adding a page kind is a job here and a method of the renderer that makes
the page; the build reuses it like every other (see build/pages.py)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from functools import partial

from showroom.content.model import Product
from showroom.render import buyers
from showroom.render.jobs import PageJob, RenderedFile
from showroom.render.pages import Renderer
from showroom.render.site_lists import sitemap_text
from showroom.site import urls
from showroom.site.structure import Hall, page_count, paginate
from showroom.state.reuse import KeptEach, Rows, Slot

PRODUCT_TEMPLATE = "product.html"
#: The jobs of the pages made one per product or hall page, kept by a long-running process
#: while what each is made from is the very same objects.
PAGE_JOBS: Slot[KeptEach[PageJob[Renderer]]] = Slot("page jobs", KeptEach)

Job = PageJob[Renderer]


def render_all(renderer: Renderer) -> Iterator[RenderedFile]:
    """Every page of the site, rendered."""
    for job in page_jobs(renderer):
        yield job.render(renderer)


def page_jobs(renderer: Renderer) -> Iterator[Job]:
    """Every page of the site, in order, not yet rendered (see `page_job_groups`)."""
    for group in page_job_groups(renderer):
        yield from group


def page_job_groups(renderer: Renderer) -> Iterator[tuple[Job, ...]]:
    """Every page of the site, in order, not yet rendered, in groups. A job's `deps` are
    flat: the values its context is made of, groups parted by marker strings. A product
    page's are made from the product, its company, its category and its category's hall
    alone; a hall page's from its hall and the search UI; a company page's from the company
    and its products. Those jobs are kept from build to build a block at a time while what
    they are made from is the very same objects (a block of them is then the very same tuple:
    what the planner decided about a group can be kept by its identity). A kept product job
    may hold an earlier object of its hall, of the same membership: a hall's fingerprint."""
    site = renderer.site
    renderer.kept_jobs.under(site.config)
    _job = partial(_language_job, renderer.prefix)
    deps: tuple[object, ...] = (*site.halls, "|newest", *renderer.newest())
    yield (_job("home", "home.html", urls.home(), deps, Renderer.home_page),)
    yield from _hall_jobs(renderer)
    yield from _product_jobs(renderer)
    rows: list[object] = []
    for c in site.companies:
        rows.extend((c, *site.products_by_company[c.slug], "|"))
    companies = urls.companies()
    yield (_job("companies", "companies.html", companies, tuple(rows), Renderer.companies_page),)
    yield from _company_jobs(renderer)
    if renderer.search is not None:
        deps = (renderer.search_digest(), renderer.search.vocabulary.path)
        yield (_job("search", "search.html", urls.search(), deps, Renderer.search_page),)
    yield (_job("shortlist", "shortlist.html", buyers.SHORTLIST_PATH, (), Renderer.shortlist_page),)
    yield (_job("compare", "compare.html", buyers.COMPARE_PATH, (), Renderer.compare_page),)
    yield from _data_jobs(renderer)
    yield (_job("404", "404.html", "404.html", (), Renderer.not_found_page),)
    if renderer.is_default_language:  # one sitemap (with every language) and robots.txt
        entries = sitemap_text(site, renderer.sitemap_parts)
        yield (_job("sitemap", "sitemap.xml", "sitemap.xml", entries, Renderer.sitemap_file),)
    yield (_job("feed", "feed.xml", "feed.xml", renderer.feed_products(), Renderer.feed_file),)
    if renderer.is_default_language:
        yield (_job("robots", "robots.txt", "robots.txt", (), Renderer.robots_file),)
    renderer.kept_jobs.sweep()


def _company_jobs(renderer: Renderer) -> list[tuple[Job, ...]]:
    """Each company's page, made from the company and its products (the very same tuple
    while they are the very same products)."""
    site = renderer.site
    companies = site.companies
    owns = [site.products_by_company[c.slug] for c in companies]

    def make(n: int) -> Job:
        company = companies[n]
        render = partial(Renderer.company_page, company=company)
        deps = (company, *owns[n])
        path = urls.company(company.slug)
        return _language_job(renderer.prefix, "company", "company.html", path, deps, render)

    names = [urls.company(c.slug) for c in companies]
    return renderer.kept_jobs.blocks(names, companies, make, also=(owns,))


def _data_jobs(renderer: Renderer) -> list[tuple[Job, ...]]:
    """Each product's record for the shortlist and the comparison (see `render.buyers`),
    made from the product and its company."""
    site = renderer.site
    products = site.products
    companies = [site.company_by_slug[p.company] for p in products]

    def make(n: int) -> Job:
        product = products[n]
        render = partial(Renderer.product_data, product=product)
        path = buyers.data_path(renderer.prefix, product.slug)
        return PageJob("compare-data", path, buyers.DATA_TEMPLATE, (product, companies[n]), render)

    names = [buyers.data_path(renderer.prefix, p.slug) for p in products]
    return renderer.kept_jobs.blocks(names, products, make, also=(companies,))


def product_deps(renderer: Renderer, product: Product) -> tuple[object, ...]:
    """A product page's context: made of the product, its company, its category and its
    category's hall alone (what `related` and `neighbours` give is the hall's)."""
    site = renderer.site
    return (
        product,
        site.company_by_slug[product.company],
        site.category_by_slug[product.category],
        site.hall_by_category[product.category],
        "|related",
        *site.related(product),
        "|neighbours",
        *site.neighbours(product),
    )


def _hall_jobs(renderer: Renderer) -> list[tuple[Job, ...]]:
    """Each page of each hall, made from the hall and the search UI: hall by hall, so that
    the pages of a hall that is the very same object as last time are its jobs at once."""
    site = renderer.site
    # Equal digests are the very same string from build to build (an input of the jobs).
    search = sys.intern(renderer.search_digest())
    found: list[tuple[Job, ...]] = []
    for hall in site.halls:
        rows = partial(_hall_rows, hall, site.config.per_page, search)
        make = partial(_hall_job, renderer.prefix, hall, site.config.per_page, search)
        found.extend(renderer.kept_jobs.group(f"hall|{hall.path}", (hall, search), rows, make))
    return found


def _hall_rows(hall: Hall, per_page: int, search: str) -> Rows:
    count = page_count(hall, per_page)
    names = [urls.page(hall.path, n + 1) for n in range(count)]
    return names, [hall] * count, ([search] * count,)


def _hall_job(prefix: str, hall: Hall, per_page: int, search: str, n: int) -> Job:
    pages = paginate(hall, per_page)  # only for the pages made again: a few
    pagination = pages[n]
    deps = (hall, pagination.number, pagination.count, search, *pagination.products)
    render = partial(Renderer.hall_page, hall=hall, pagination=pagination, pages=pages)
    return _language_job(prefix, "hall", "hall.html", pagination.path, deps, render)


def _product_jobs(renderer: Renderer) -> Iterator[tuple[Job, ...]]:
    """Each product's page, made from the product, its company, category and what it shows
    of its hall (see `_neighbourhood`): hall by hall (every product is in one category hall),
    so that an edit looks at the products near it alone, and a hall that is the very same
    object as last time, with the very same companies, gives its jobs at once."""
    site = renderer.site
    for hall in site.category_halls:
        given = (hall, hall.category, *site.companies)
        rows = partial(_product_rows, renderer, hall)
        make = partial(_product_job, renderer, hall.products)
        yield from renderer.kept_jobs.group(f"products|{hall.path}", given, rows, make)


def _product_rows(renderer: Renderer, hall: Hall) -> Rows:
    site = renderer.site
    products = hall.products
    columns: list[Sequence[object]] = [
        [site.company_by_slug[p.company] for p in products],
        [hall.category] * len(products),
        *_neighbourhood(hall, site.config.related_products),
    ]
    return [urls.product(p.slug) for p in products], products, columns


def _product_job(renderer: Renderer, products: tuple[Product, ...], n: int) -> Job:
    product = products[n]
    render = partial(Renderer.product_page, product=product)
    deps = product_deps(renderer, product)
    path = urls.product(product.slug)
    return _language_job(renderer.prefix, "product", PRODUCT_TEMPLATE, path, deps, render)


def _neighbourhood(hall: Hall, related: int) -> Iterator[Sequence[object]]:
    """What a product page takes from its hall, a column per input (one row per product):
    the hall's membership (its category is a column already), the products before and after
    it, and the first products of the hall (its related ones are among them). An edit that
    leaves a product's neighbourhood the very same objects keeps its job, though its hall is
    a new object."""
    products = hall.products
    count = len(products)
    members = "\0".join(p.slug for p in products)
    shape = sys.intern(f"{hall.kind}|{hall.slug}|{hall.path}|{members}")
    yield [shape] * count
    yield [None, *products[:-1]][:count]
    yield [*products[1:], None][:count]
    for product in products[: related + 1]:
        yield [product] * count


def _language_job(
    prefix: str,
    kind: str,
    template: str,
    path: str,
    deps: tuple[object, ...],
    render: Callable[[Renderer], RenderedFile],
) -> Job:
    """The job of page `path` in the language whose pages are under `prefix`."""
    return PageJob(kind, urls.output_file(urls.in_language(prefix, path)), template, deps, render)
