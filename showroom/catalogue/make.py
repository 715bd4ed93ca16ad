"""The print stage: gather the catalogue's context, render it, hand back the PDFs and the page
of every product (the website links to them)."""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import Markup

from showroom import collation
from showroom.catalogue import book
from showroom.catalogue.cmyk import html_in_cmyk
from showroom.catalogue.fonts import FontCoverageError, missing_message
from showroom.catalogue.parts import Part
from showroom.catalogue.pdf import (
    Extras,
    HallSpan,
    Printer,
    Step,
    render_catalogue,
)
from showroom.catalogue.resources import (
    PROFILE,
    Resources,
    photo_address,
    print_address,
    qr_address,
    theme_address,
)
from showroom.catalogue.stored import RenderedCatalogue
from showroom.config import Colophon, Config
from showroom.content.in_language import name_in_default
from showroom.content.locate import Place, Source, find_characters
from showroom.content.model import Product
from showroom.errors import ContentError, ShowroomError
from showroom.images.variants import Picture
from showroom.problems import Problems, display_path
from showroom.render.languages import mark_default_language
from showroom.render.pages import Renderer
from showroom.site import urls
from showroom.site.structure import Hall, Site
from showroom.theme.folders import Theme

STYLESHEET = "css/catalogue.css"
_NAME = operator.attrgetter("name")


@dataclass(frozen=True)
class Book:
    """The catalogue as a book (see book.py), as the template receives it: `cat.book`."""

    page_mm: tuple[float, float]  # the trim size
    looks: Mapping[str, book.HallLook]  # each hall's colour and tab, by hall slug
    cover_swatch: str  # the covers' colour, as a page background image
    halls_on_right: bool
    cover_products: tuple[Product, ...]  # the cover's grid of photos, unless cover_image
    cover_grid: book.CoverGrid
    cover_image: str  # its address, or ""
    logo: str
    guide: Markup
    note_lines: int
    colophon: Colophon


@dataclass(frozen=True)
class CatalogueContext:
    """What templates/print/catalogue.html receives as `cat`."""

    title: str
    edition: str
    subject: str
    keywords: str
    timestamp: str  # dcterms.created/modified: the build date, for reproducible PDFs
    stylesheet: str  # its address (see resources.py: no folder of this machine in it)
    paper: str
    layout: str
    bleed_mm: int
    crop_marks: bool
    halls: tuple[Hall, ...]
    front_halls: tuple[Hall, ...]  # the halls laid out with the front (see pdf.py)
    body_halls: tuple[Hall, ...]
    #: Each hall's products, and each company's, in the order of their names (가나다; A–Z in
    #: English: see `collation.by_name_in`).
    products: Mapping[str, tuple[Product, ...]]
    company_products: Mapping[str, tuple[Product, ...]]
    product_index: tuple[Product, ...]  # every product, by name
    #: 물품분류번호 → its products by name, in the order of the numbers.
    classification_index: tuple[tuple[str, tuple[Product, ...]], ...]
    book: Book


def ordered_halls(site: Site, special: str) -> tuple[Hall, ...]:
    specials = (site.excellent_hall, site.innovation_hall)
    return (
        (*specials, *site.category_halls)
        if special == "first"
        else (*site.category_halls, *specials)
    )


def make_catalogue(
    site: Site,
    config: Config,
    theme: Theme,
    renderer: Renderer,
    print_files: Mapping[str, Path],
    step: Step | None = None,
    checks: dict[str, str] | None = None,
) -> RenderedCatalogue:
    """Render the catalogue (or take it from the cache, verified: `checks`, see
    state/sealed.py) in the language of `renderer`'s pages, from its `site` and `config` (the
    settings in that language); raises ShowroomError."""
    settings = config.catalogue
    languages = renderer.languages
    assert languages is not None  # the renderer sets them
    # The edition of a language after the default one: its own files, its pages' addresses.
    language = languages.current.code if languages.current.prefix else ""
    stylesheet = theme.static_file(STYLESHEET)
    if stylesheet is None:
        raise ShowroomError(f"the theme has no static/{STYLESHEET} for the catalogue")
    own = _own_images(config)
    context = _context(site, config, renderer, {role: a for role, (a, _, _) in own.items()})
    halls = context.halls
    served = {**print_files, **{name: path for _, name, path in own.values()}}

    def print_src(picture: Picture) -> str:
        path = picture.print.path
        return photo_address(path, print_files[path])

    def page_address(product: object) -> str:
        path = urls.product(getattr(product, "slug", ""))
        return urls.absolute(config.base_url, languages.current.path(path))

    def short_url(product: object) -> str:
        address = page_address(product)
        parts = urlsplit(address)
        return parts.netloc + parts.path

    limit = settings.list_limit

    def limited(items: Sequence[object]) -> Sequence[object]:
        return items[:limit] if limit else items

    def more(product: object, items: Sequence[object]) -> str:
        hidden = len(items) - len(limited(items))
        if hidden <= 0:
            return ""
        return renderer.strings.count("catalogue_more", hidden, url=short_url(product))

    template = renderer.env.get_template("print/catalogue.html")

    def qr(product: Product) -> str:
        return qr_address(page_address(product))

    def render(part: Part, edition: str = "screen") -> str:
        html = template.render(
            cat=context,
            part=part.name,
            edition=edition,
            numbers=part.numbers,
            first_page=part.first_page,
            planned_pages=part.planned_pages,
            print_src=print_src,
            qr=qr,
            short_url=short_url,
            limited=limited,
            more=more,
            profile=print_address(PROFILE),
        )
        # The Korean words left (names of people, units...): in Korean, in a Korean font.
        return mark_default_language(html, languages.default.tag) if language else html

    resources = Resources(theme, served)
    spans = [
        HallSpan(
            h.slug,
            h.kind,
            tuple(p.slug for p in h.products),
            f"{context.title} — {renderer.hall_name(h)}",
        )
        for h in halls
    ]
    extras = Extras(
        covers_html=render(Part("covers", None, 1)),
        cover_label=renderer.strings["catalogue_cover_label"],
        printer=_printer(render, resources, config) if settings.edition == "print" else None,
        pdf_ua=settings.pdf_ua,
    )
    identity = {"paper": settings.paper}
    per_page = 1 if settings.layout == "full" else 0.5
    estimate = int(len(site.products) * per_page) + 4 * len(halls) + len(site.companies) // 8 + 10
    try:
        return render_catalogue(
            render,
            stylesheet,
            resources,
            spans,
            config.cache_dir.parent / "catalogue",
            identity,
            estimated_pages=estimate,
            page_multiple=settings.page_multiple,
            step=step,
            checks=checks,
            extras=extras,
            language=language,
        )
    except FontCoverageError as exc:
        raise _placed(exc, site, config, theme) from None


def _own_images(config: Config) -> dict[str, tuple[str, str, Path]]:
    """The project's cover image and logo, those set (load_config checked them): each one's
    address in the catalogue, the name it is served under, and its file."""
    settings = config.catalogue
    found = {}
    for role, value in (("cover", settings.cover_image), ("logo", settings.logo)):
        if value:
            path = config.root / value
            found[role] = (*book.project_image(role, path), path)
    return found


def _printer(render: Callable[[Part, str], str], resources: Resources, config: Config) -> Printer:
    """The printer's edition: the template's print edition, in CMYK for the theme's output
    profile, with the photos served in it."""
    profile = resources.theme.print_file(PROFILE)
    if profile is None:
        raise ShowroomError(f"the theme has no print/{PROFILE} for the printer's edition")
    settings = config.catalogue

    def render_html(part: Part) -> str:
        return html_in_cmyk(render(part, "print"), profile)

    printing = Resources(resources.theme, resources.photos, cmyk=profile)
    return Printer(render_html, printing, settings.bleed_mm, settings.crop_marks)


def _context(
    site: Site, config: Config, renderer: Renderer, own_images: Mapping[str, str]
) -> CatalogueContext:
    settings = config.catalogue
    halls = ordered_halls(site, settings.special_halls)
    by_name = partial(_by_name, config.language)
    products = {h.slug: by_name(h.products) for h in halls}
    # The front ends where the first product page begins: listings before it refer forward.
    split = next((i for i, h in enumerate(halls) if h.kind == "category"), len(halls))
    strings = renderer.strings
    edition = settings.edition_label or strings["catalogue_edition"].format(date=site.build_date)
    return CatalogueContext(
        title=settings.title or strings["catalogue_title"],
        edition=edition,
        subject=config.description or config.title,
        keywords=", ".join(renderer.hall_name(h) for h in halls),
        timestamp=_timestamp(site.build_date),
        stylesheet=theme_address(STYLESHEET),
        paper=settings.paper,
        layout=settings.layout,
        bleed_mm=settings.bleed_mm,
        crop_marks=settings.crop_marks,
        halls=halls,
        front_halls=halls[:split],
        body_halls=halls[split:],
        products=products,
        company_products={slug: by_name(own) for slug, own in site.products_by_company.items()},
        product_index=by_name(site.products),
        classification_index=_by_classification(site.products, by_name),
        book=_book(config, renderer, halls, products, own_images),
    )


def _book(
    config: Config,
    renderer: Renderer,
    halls: Sequence[Hall],
    products: Mapping[str, tuple[Product, ...]],
    own_images: Mapping[str, str],
) -> Book:
    settings = config.catalogue
    paper = book.PAPER_MM[settings.paper]
    groups = [products[h.slug] for h in halls if h.kind == "category"]
    cover_products = () if "cover" in own_images else tuple(book.cover_picks(groups))
    looks = book.hall_looks([h.kind for h in halls], paper[1])
    guide = settings.guide or renderer.strings["catalogue_guide"]
    return Book(
        page_mm=paper,
        looks={h.slug: look for h, look in zip(halls, looks, strict=True)},
        cover_swatch=book.swatch(book.COVER_TONE),
        halls_on_right=settings.halls_on_right,
        cover_products=cover_products,
        cover_grid=book.cover_grid(len(cover_products), paper),
        cover_image=own_images.get("cover", ""),
        logo=own_images.get("logo", ""),
        guide=Markup(renderer.markdown.render(guide)),
        note_lines=book.note_lines(paper[1]),
        colophon=settings.colophon,
    )


def _by_name(language: str, products: Iterable[Product]) -> tuple[Product, ...]:
    """Products in the order of their names as the pages in `language` list them (A–Z in
    English, the names still in Korean after the others)."""
    return collation.by_name_in(language, products, _NAME, name_in_default)


def _by_classification(
    products: Sequence[Product], by_name: Callable[[Iterable[Product]], tuple[Product, ...]]
) -> tuple[tuple[str, tuple[Product, ...]], ...]:
    numbers: dict[str, list[Product]] = {}
    for p in products:
        if p.procurement is not None and p.procurement.classification_number:
            numbers.setdefault(p.procurement.classification_number, []).append(p)
    ordered = collation.by_name(numbers.items(), lambda item: item[0])
    return tuple((number, by_name(own)) for number, own in ordered)


def _placed(error: FontCoverageError, site: Site, config: Config, theme: Theme) -> ShowroomError:
    """The missing-glyph error as one problem per place in content that holds a missing
    character (file, line, field); the error itself when a character is in none of them
    (it came from the theme's templates)."""
    if not error.missing:
        return error
    found = find_characters(_sources(site, config, theme), error.missing)
    if not any(found.values()):
        return error
    return _missing_problems(error, found)


def _sources(site: Site, config: Config, theme: Theme) -> list[Source]:
    """Every file whose text can reach the catalogue: showroom.yml, the record files, the
    products' index.md and the theme's strings."""
    root = config.root
    content = config.content_dir
    sources = [Source(root / "showroom.yml", "showroom.yml")]
    for folder, slugs in (
        ("categories", [c.slug for c in site.categories]),
        ("companies", [c.slug for c in site.companies]),
    ):
        for slug in slugs:
            for suffix in (".yml", ".yaml"):
                path = content / folder / f"{slug}{suffix}"
                sources.append(Source(path, display_path(path, root)))
    sources += [Source(p.source, p.source_display, markdown=True) for p in site.products]
    sources += [
        Source(path, display_path(path, root)) for path in theme.strings_files(config.language)
    ]
    return sources


def _missing_problems(
    error: FontCoverageError, found: Mapping[str, Sequence[Place]]
) -> ContentError:
    problems = Problems()
    for char in error.missing:
        for place in found[char]:
            problems.error(place.path, place.line, place.field, missing_message(char, error.fonts))
    unplaced = [c for c in error.missing if not found[c]]
    if unplaced:
        problems.error(
            "the theme's print templates",
            None,
            "",
            "; ".join(missing_message(c, error.fonts) for c in unplaced),
        )
    return ContentError(problems.sorted())


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"
