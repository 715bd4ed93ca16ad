"""The build: gather and validate everything first, then render, then write and swap in."""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from showroom.catalogue.make import make_catalogue
from showroom.catalogue.pdf import RenderedCatalogue
from showroom.config import CONFIG_FILE, Config, load_config
from showroom.content.loader import load_content
from showroom.content.model import Content
from showroom.editor_schemas import check_current
from showroom.errors import ContentError, ShowroomError
from showroom.images.cache import ImageCache
from showroom.images.pipeline import Photos, cache_keys, process_photos, resolution_warnings
from showroom.output import OutputWriter, check_output_folder, discard, staging_folder, swap_in
from showroom.problems import Problem, Problems
from showroom.render.environment import load_strings, make_environment
from showroom.render.markdown import MarkdownRenderer
from showroom.render.pages import Renderer
from showroom.render.theme import Theme, theme_for
from showroom.search.pagefind import SearchIndex, write_index
from showroom.search.records import RecordMaker, SearchRecord
from showroom.search.view import SearchView
from showroom.site import urls
from showroom.site.structure import Expiring, Site, build_site

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class BuildOptions:
    config_file: Path = Path(CONFIG_FILE)
    out: Path | None = None  # default: <project>/public
    date: dt.date = field(default_factory=dt.date.today)
    strict: bool = False
    base_url: str | None = None  # overrides showroom.yml (e.g. for a preview deploy)
    pdf: bool = True  # make the catalogue PDFs (when showroom.yml enables them)


@dataclass(frozen=True)
class Checked:
    """The outcome of validation: the model, the structure and every warning."""

    config: Config
    content: Content
    site: Site
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class BuildResult:
    out: Path
    products: int
    drafts: int
    pages: dict[str, int]
    images: int  # image files published
    photos_encoded: int  # photos encoded by this build
    photos_reused: int  # photos taken from the cache
    catalogue_pages: int  # 0 when no catalogue was made
    catalogue_rendered: bool  # False when the catalogue came from the cache
    search: SearchIndex | None  # None when search is off (or for `showroom pdf`)
    warnings: tuple[Problem, ...]
    expiring: tuple[Expiring, ...]
    seconds: float


def check(options: BuildOptions) -> Checked:
    """Load and validate config and content; raise ContentError if the build must stop."""
    problems = Problems()
    try:
        config = load_config(options.config_file, problems, base_url=options.base_url)
    except Exception:
        if problems.errors:
            raise ContentError(problems.sorted()) from None
        raise
    content = load_content(config, problems)
    check_current(config, content.categories, content.companies, problems)
    site = build_site(config, content, options.date, problems)
    resolution_warnings(site, config.images, problems)
    errors = problems.errors
    if errors or (options.strict and problems.warnings):
        raise ContentError(problems.sorted(), strict=options.strict and not errors)
    return Checked(config, content, site, tuple(problems.sorted()))


@dataclass(frozen=True)
class _Prepared:
    """Everything a build gathered before writing: data first, then render, then write."""

    checked: Checked
    out: Path
    photos: Photos
    theme: Theme
    renderer: Renderer
    catalogue: RenderedCatalogue | None
    search_records: tuple[SearchRecord, ...]  # empty when search is off


def _prepare(options: BuildOptions, progress: Progress | None, pdf: bool) -> _Prepared:
    checked = check(options)
    config, site = checked.config, checked.site
    out = options.out if options.out is not None else config.root / "public"
    check_output_folder(out, config.root)
    image_problems = Problems()
    photos = process_photos(
        site, config.images, ImageCache(config.cache_dir), image_problems, progress
    )
    if image_problems.errors:
        raise ContentError(image_problems.sorted())
    theme = theme_for(config)
    env = make_environment(theme, config.base_path, config.base_url)
    strings = load_strings(theme.strings_files(config.language))
    records: tuple[SearchRecord, ...] = ()
    view = None
    if config.search:
        maker = RecordMaker(site, strings, photos.pictures)
        records = tuple(maker.all())
        if records:  # with nothing to find, no search page (Pagefind needs a page to index)
            view = SearchView(site, strings, records, maker.value_order())
        else:
            log.info("search: no product or company to index; no search page")
    renderer = Renderer(
        env, site, strings, photos.pictures, MarkdownRenderer(config.allow_html), search=view
    )
    catalogue = None
    if pdf:
        print_files = {path: cached for path, cached, _ in photos.files}
        step = None if progress is None else partial(progress, "catalogue")
        catalogue = make_catalogue(site, config, theme, renderer, print_files, step)
        renderer.catalogue_pages = dict(catalogue.product_pages)
        renderer.catalogue_files = dict(catalogue.files)
    return _Prepared(checked, out, photos, theme, renderer, catalogue, records)


def build(options: BuildOptions, progress: Progress | None = None) -> BuildResult:
    """The whole site (and the catalogue), written into a fresh folder and swapped in."""
    started = time.perf_counter()
    config = load_config_only(options)
    prepared = _prepare(options, progress, options.pdf and config.catalogue.enabled)
    site, photos, catalogue = prepared.checked.site, prepared.photos, prepared.catalogue
    staging = staging_folder(prepared.out)
    pages: Counter[str] = Counter()
    try:
        writer = OutputWriter(staging)
        for relative, source in prepared.theme.static_files():
            writer.copy(f"static/{relative}", source, origin=f"theme file {relative}")
        for relative, cached, origin in photos.files:
            writer.link(relative, cached, origin=origin)
        for product in site.products:
            if product.brochure_source is not None:
                writer.copy(
                    urls.product(product.slug) + product.brochure,
                    product.brochure_source,
                    origin=product.source_display,
                )
        if catalogue is not None:
            for relative, name in sorted(catalogue.files.items()):
                writer.link(relative, catalogue.folder / name, origin="the catalogue")
        for rendered in prepared.renderer.render_all():
            writer.write(rendered.path, rendered.data, origin=f"the {rendered.kind} page")
            pages[rendered.kind] += 1
        search = None
        if prepared.search_records:
            if progress is not None:
                progress("search index", 0, 1)
            language = prepared.checked.config.language
            cache = prepared.checked.config.cache_dir.parent / "search"
            search = write_index(prepared.search_records, staging, language, cache)
            if progress is not None:
                progress("search index", 1, 1)
        swap_in(staging, prepared.out)
    except BaseException:
        discard(staging)
        raise
    return _result(prepared, dict(pages), started, search)


def build_pdf(options: BuildOptions, progress: Progress | None = None) -> BuildResult:
    """Only the catalogue PDFs, put into the output folder beside the site already there."""
    started = time.perf_counter()
    prepared = _prepare(options, progress, pdf=True)
    catalogue = prepared.catalogue
    assert catalogue is not None
    for relative, name in sorted(catalogue.files.items()):
        target = prepared.out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp")
        shutil.copyfile(catalogue.folder / name, temporary)
        temporary.replace(target)
    return _result(prepared, {}, started)


def load_config_only(options: BuildOptions) -> Config:
    """showroom.yml alone (problems are reported again, with the content's, by check())."""
    try:
        return load_config(options.config_file, Problems(), base_url=options.base_url)
    except ShowroomError:
        return check(options).config  # raises with every problem


def _result(
    prepared: _Prepared, pages: dict[str, int], started: float, search: SearchIndex | None = None
) -> BuildResult:
    checked, catalogue = prepared.checked, prepared.catalogue
    return BuildResult(
        out=prepared.out.resolve(),
        products=len(checked.site.products),
        drafts=len(checked.content.drafts),
        pages=pages,
        images=len(prepared.photos.files),
        photos_encoded=prepared.photos.encoded,
        photos_reused=prepared.photos.reused,
        catalogue_pages=catalogue.pages if catalogue else 0,
        catalogue_rendered=catalogue.rendered if catalogue else False,
        search=search,
        warnings=checked.problems,
        expiring=checked.site.expiring,
        seconds=time.perf_counter() - started,
    )


def prune_cache(config_file: Path) -> tuple[int, int, Path]:
    """Remove cache entries that no product (drafts included) uses with the current settings."""
    problems = Problems()
    config = load_config(config_file, problems)
    content = load_content(config, problems)
    if problems.errors:
        # Content that does not load could still own cache entries: keep everything.
        raise ContentError(problems.sorted())
    keep = cache_keys((*content.products, *content.drafts), config.images)
    removed, freed = ImageCache(config.cache_dir).prune(keep)
    return removed, freed, config.cache_dir
