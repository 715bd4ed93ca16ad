"""Render every page of the site from the site structure, through the theme's templates."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field

import jinja2
from markupsafe import Markup

from showroom.content.model import Company, Product
from showroom.hashing import text_digest
from showroom.images.variants import Picture
from showroom.render import buyers
from showroom.render.jobs import NO_CATALOGUE, CatalogueLinks, PageJob, PageMeta, RenderedFile
from showroom.render.languages import Language, PageLanguages, mark_default_language
from showroom.render.markdown import MarkdownRenderer
from showroom.render.site_lists import feed_products
from showroom.render.structured import atom_date, json_for_script, product_jsonld, sitemap_entry
from showroom.search.facets import Facet
from showroom.search.view import SearchView
from showroom.site import urls
from showroom.site.structure import Hall, Pagination, Site, paginate
from showroom.state.reads import AccessLog, RecordingView
from showroom.state.reuse import Kept, KeptEach
from showroom.theme.strings import Strings


@dataclass
class Renderer:
    env: jinja2.Environment
    site: Site
    strings: Strings
    photos: Mapping[str, tuple[Picture, ...]]
    markdown: MarkdownRenderer
    #: The search page, the index's facets and the hall filters; None when search is off.
    search: SearchView | None = None
    #: The catalogue this site links to (pages and PDFs); none until one is made.
    catalogue: CatalogueLinks = field(default_factory=lambda: NO_CATALOGUE)
    #: Rendered Markdown by a digest of the body (carried between builds by the build state).
    markdown_cache: dict[str, str] = field(default_factory=dict)
    #: Each product's body as HTML, shared by the renderers of one build (print and web).
    bodies: dict[str, str] = field(default_factory=dict)
    #: The sitemap's text and the feed's candidates in parts (see `site_lists`), kept by a
    #: long-running process a block of products at a time.
    sitemap_parts: Kept[str] = field(default_factory=Kept)
    feed_blocks: Kept[tuple[Product, ...]] = field(default_factory=Kept)
    #: The jobs of product and hall pages, kept by a long-running process (see `jobs`).
    kept_jobs: KeptEach[PageJob[Renderer]] = field(default_factory=KeptEach)
    #: What the templates read through `site` while a page renders.
    access_log: AccessLog = field(default_factory=AccessLog)
    #: The site's languages as this renderer's pages see them (one language: only it).
    languages: PageLanguages | None = None
    _search_digest: str | None = None

    def __post_init__(self) -> None:
        if self.languages is None:
            config = self.site.config
            own = Language(config.default_language, config.language, "", "")
            self.languages = PageLanguages(own, own, (own,))
        languages = self.languages
        self.env.filters["term"] = self.strings.term
        self.env.globals.update(
            languages=languages,
            alternates=lambda path: list(languages.alternates(self.site.config.base_url, path)),
            lang_tag=lambda obj, *names: languages.tag(
                obj, *names, title=self.strings["lang_tag_title"]
            ),
            lang_attrs=languages.attrs,
            site=RecordingView(self.site, self.access_log),
            config=self.site.config,
            t=self.strings,
            lang=self.site.config.language,
            build_date=self.site.build_date,
            photos=self.photos_of,
            photo=self.photo_of,
            hall_name=self.hall_name,
            hall_path=lambda hall, number=1: urls.page(hall.path, number),
            badges=self.badges,
            body_html=self.body_html,
            catalogue_page=lambda product: self.catalogue.pages.get(product.slug),
            catalogue_file=self.catalogue_file,
            search_enabled=self.search is not None,
            search_path=urls.search(),
            search_facets=self.search_facets,
            search_config=self.search_config,
        )

    # -- helpers the templates call ------------------------------------------------------
    def photos_of(self, product: Product) -> tuple[Picture, ...]:
        return self.photos[product.slug]

    def photo_of(self, product: Product) -> Picture:
        return self.photos[product.slug][0]

    def hall_name(self, hall: Hall) -> str:
        if hall.category is not None:
            return hall.category.name
        return self.strings[f"hall_{hall.kind}"]

    def badges(self, product: Product) -> list[str]:
        """The special halls a product belongs to on the build date (see `Site.badges`)."""
        return list(self.site.badges(product))

    def catalogue_file(self, hall: Hall | None = None) -> str | None:
        """The catalogue PDF (or a hall's excerpt) in the pages' language when one was made,
        else None."""
        current = self.languages.current if self.languages is not None else None
        language = current.code if current is not None and current.prefix else ""
        path = urls.catalogue(None if hall is None else hall.slug, language)
        return path if path in self.catalogue.files else None

    def search_facets(self, hall: Hall | None = None) -> tuple[Facet, ...]:
        return () if self.search is None else self.search.facets(hall)

    def search_config(self, hall: Hall | None = None) -> Markup:
        """The search script's configuration as JSON for a <script type=application/json>."""
        if self.search is None:
            return Markup("null")
        return Markup(json_for_script(self.search.script_config(hall)))

    def search_digest(self) -> str:
        """Stands for everything the search UI of a page shows: the facets and their counts
        (hall pages count over all their products, not just the page's), made from the
        records' filters alone; the script's settings come from the config and strings."""
        if self.search is None:
            return "|search off"
        if self._search_digest is None:
            self._search_digest = self.search.digest()
        return "|search " + self._search_digest

    def body_html(self, product: Product) -> Markup:
        if product.slug not in self.bodies:
            key = text_digest(self.markdown.identity, product.body_markdown)
            html = self.markdown_cache.get(key)
            # The cache is untrusted input: an entry is used only if the sanitiser leaves it
            # as it is (what rendering gives always is), so it cannot carry active content.
            if html is None or not self.markdown.is_sanitised(html):
                html = self.markdown_cache[key] = self.markdown.render(product.body_markdown)
            self.bodies[product.slug] = html
        return Markup(self.bodies[product.slug])

    # -- pages -----------------------------------------------------------------------------
    def _page(
        self, kind: str, template: str, path: str, meta: PageMeta, **context: object
    ) -> RenderedFile:
        html = self.env.get_template(template).render(page=meta, **context)
        if not self.is_default_language:
            assert self.languages is not None
            html = mark_default_language(html, self.languages.default.tag)
        return RenderedFile(kind, self.output_path(path), html.encode("utf-8"))

    def _text(self, kind: str, template: str, path: str, **context: object) -> RenderedFile:
        text = self.env.get_template(template).render(**context)
        return RenderedFile(kind, self.output_path(path), text.encode("utf-8"))

    @property
    def prefix(self) -> str:
        """Where this renderer's pages are ("en/"; the default language's: "")."""
        assert self.languages is not None
        return self.languages.current.prefix

    @property
    def is_default_language(self) -> bool:
        assert self.languages is not None
        return self.languages.current is self.languages.default

    def output_path(self, path: str) -> str:
        """The file page `path` of this renderer's language is written to."""
        return urls.output_file(urls.in_language(self.prefix, path))

    def newest(self) -> tuple[Product, ...]:
        return self.site.newest(self.site.config.home_new_products)

    def home_page(self) -> RenderedFile:
        config = self.site.config
        meta = PageMeta(
            "home",
            urls.home(),
            config.title,
            config.description or config.title,
            og_image=self._og_image(self.site.products[0] if self.site.products else None),
        )
        return self._page(
            "home",
            "home.html",
            urls.home(),
            meta,
            halls=self.site.halls,
            newest=self.newest(),
        )

    def not_found_page(self) -> RenderedFile:
        return self._page(
            "404",
            "404.html",
            "404.html",
            PageMeta(
                "404", "404.html", self.strings["not_found_title"], self.strings["not_found_text"]
            ),
        )

    def robots_file(self) -> RenderedFile:
        return self._text("robots", "robots.txt", "robots.txt")

    def hall_page(
        self, hall: Hall, pagination: Pagination, pages: tuple[Pagination, ...]
    ) -> RenderedFile:
        name = self.hall_name(hall)
        description = (
            hall.category.description
            if hall.category is not None and hall.category.description
            else self.strings[f"hall_{hall.kind}_description"]
        )
        title = name
        if pagination.number > 1:
            title = f"{name} ({self.strings['page_n'].format(n=pagination.number)})"
        meta = PageMeta(
            "hall",
            pagination.path,
            title,
            description,
            breadcrumbs=((self.strings["home"], urls.home()), (name, None)),
        )
        return self._page(
            "hall",
            "hall.html",
            pagination.path,
            meta,
            hall=hall,
            hall_title=name,
            hall_description=description,
            pagination=pagination,
            pages=pages,
        )

    def product_page(self, product: Product) -> RenderedFile:
        company = self.site.company_by_slug[product.company]
        hall = self.site.hall_by_category[product.category]
        previous, following = self.site.neighbours(product)
        path = urls.product(product.slug)
        meta = PageMeta(
            "product",
            path,
            f"{product.name} - {company.name}",
            product.summary,
            breadcrumbs=(
                (self.strings["home"], urls.home()),
                (self.hall_name(hall), hall.path),
                (product.name, None),
            ),
            og_type="product",
            og_image=self._og_image(product),
            jsonld=product_jsonld(
                self.site, self.photos_of(product), product, company, self.prefix
            ),
            noindex=product.draft,
        )
        return self._page(
            "product",
            "product.html",
            path,
            meta,
            product=product,
            company=company,
            hall=hall,
            contact=product.contact or company.contact,
            related=self.site.related(product),
            previous=previous,
            next=following,
            excellent_current=self.site.is_current(product.excellent),
            innovation_current=self.site.is_current(product.innovation),
            expired_certifications=self.site.expired_certifications(product),
        )

    def companies_page(self) -> RenderedFile:
        path = urls.companies()
        title = self.strings["companies"]
        meta = PageMeta(
            "companies",
            path,
            title,
            self.strings["companies_description"],
            breadcrumbs=((self.strings["home"], urls.home()), (title, None)),
        )
        rows = [(c, self.site.products_by_company[c.slug]) for c in self.site.companies]
        return self._page("companies", "companies.html", path, meta, companies=rows)

    def company_page(self, company: Company) -> RenderedFile:
        path = urls.company(company.slug)
        products = self.site.products_by_company[company.slug]
        description = company.description or self.strings.count(
            "company_description", len(products), name=company.name
        )
        meta = PageMeta(
            "company",
            path,
            company.name,
            description,
            breadcrumbs=(
                (self.strings["home"], urls.home()),
                (self.strings["companies"], urls.companies()),
                (company.name, None),
            ),
            og_image=self._og_image(products[0] if products else None),
        )
        return self._page("company", "company.html", path, meta, company=company, products=products)

    def search_page(self) -> RenderedFile:
        path = urls.search()
        title = self.strings["search_title"]
        meta = PageMeta(
            "search",
            path,
            title,
            self.strings["search_description"],
            breadcrumbs=((self.strings["home"], urls.home()), (title, None)),
        )
        return self._page("search", "search.html", path, meta)

    def shortlist_page(self) -> RenderedFile:
        return self._buyers_page("shortlist", buyers.SHORTLIST_PATH)

    def compare_page(self) -> RenderedFile:
        return self._buyers_page("compare", buyers.COMPARE_PATH)

    def _buyers_page(self, kind: str, path: str) -> RenderedFile:
        """The shortlist or the comparison: a static page the theme's script fills in from
        the products' records (see `product_data`); not in the sitemap, not indexed."""
        title = self.strings[f"{kind}_title"]
        meta = PageMeta(
            kind,
            path,
            title,
            self.strings[f"{kind}_description"],
            breadcrumbs=((self.strings["home"], urls.home()), (title, None)),
            noindex=True,
        )
        assert self.languages is not None
        base_path, tag = self.site.config.base_path, self.languages.default.tag
        config = buyers.script_config(self.strings, base_path, self.prefix, tag)
        script = Markup(json_for_script(config))
        return self._page(kind, f"{kind}.html", path, meta, buyers_config=script)

    def product_data(self, product: Product) -> RenderedFile:
        """A product's record for the shortlist and the comparison, as JSON."""
        photo, term = self.photo_of(product), self.strings.term
        record = buyers.product_record(self.site, product, photo, self.prefix, term)
        text = json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        data = self.env.get_template(buyers.DATA_TEMPLATE).render(data=text)
        return RenderedFile("compare-data", buyers.data_path(self.prefix, product.slug),
                            data.encode("utf-8"))  # fmt: skip

    def sitemap_rows(self) -> tuple[tuple[str, str], ...]:
        entries: list[tuple[str, str]] = [(urls.home(), "")]
        for hall in self.site.halls:
            entries.extend((p.path, "") for p in paginate(hall, self.site.config.per_page))
        entries.extend(map(sitemap_entry, self.site.published))
        entries.append((urls.companies(), ""))
        entries.extend((urls.company(c.slug), "") for c in self.site.companies)
        return tuple(entries)

    def sitemap_file(self) -> RenderedFile:
        entries = list(self.sitemap_rows())
        return self._text("sitemap", "sitemap.xml", "sitemap.xml", entries=entries)

    def feed_products(self) -> tuple[Product, ...]:
        return feed_products(self.site, self.feed_blocks)

    def feed_file(self) -> RenderedFile:
        products = list(self.feed_products())
        newest = max((p.updated or p.date for p in products), default=self.site.build_date)
        return self._text(
            "feed",
            "feed.xml",
            "feed.xml",
            entries=products,
            updated=atom_date(newest),
            atom_date=atom_date,
        )

    # -- metadata ------------------------------------------------------------------------
    def _og_image(self, product: Product | None) -> str:
        if product is None:
            return ""
        return urls.absolute(self.site.config.base_url, self.photo_of(product).largest.path)
