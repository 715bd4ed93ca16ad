"""Everything a build gathers before writing: the model, the photos, the renderer, the
catalogue and the search records."""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from showroom.build.check import check
from showroom.build.options import BuildOptions, BuildResult, Checked, Progress
from showroom.build.state import BuildState
from showroom.catalogue.make import make_catalogue
from showroom.catalogue.pdf import RenderedCatalogue
from showroom.config import Config
from showroom.errors import ContentError
from showroom.hashing import text_digest
from showroom.images.cache import ImageCache
from showroom.images.pipeline import (
    PHOTOS,
    Photos,
    process_photos,
)
from showroom.problems import Problems
from showroom.render.environment import TEMPLATES, make_environment
from showroom.render.markdown import MarkdownRenderer
from showroom.render.pages import NO_CATALOGUE, SITEMAP_ENTRIES, CatalogueLinks, Renderer
from showroom.search.pagefind import SearchIndex
from showroom.search.records import RECORD_KEYS, RECORDS, RecordMaker, SearchRecord
from showroom.search.view import SearchView
from showroom.site.structure import Site
from showroom.state.cache_folders import check_cache_dir
from showroom.state.engine import engine_digest
from showroom.state.files import FileDigests
from showroom.state.parsed import ParseMemo
from showroom.state.reuse import Memory, Slot
from showroom.theme.folders import Theme, theme_for
from showroom.theme.strings import load_strings

log = logging.getLogger(__name__)


#: The last build's site structure, which the next one may patch (see `build_site`).
SITE: Slot[Site] = Slot("site structure")


@dataclass(frozen=True)
class Prepared:
    """Everything a build gathered before writing: data first, then render, then write."""

    checked: Checked
    out: Path
    photos: Photos
    theme: Theme
    renderer: Renderer
    catalogue: RenderedCatalogue | None
    search_records: tuple[SearchRecord, ...]  # empty when search is off


def prepare(
    options: BuildOptions,
    progress: Progress | None,
    pdf: bool,
    out: Path,
    state: BuildState | None = None,
    memo: ParseMemo | None = None,
) -> Prepared:
    files = memo.files if memo is not None else FileDigests()
    memory = Memory() if state is None else state.memory
    checked = check(options, memo, memory.get(SITE), memory if state is not None else None)
    memory.put(SITE, checked.site)
    config, site = checked.config, checked.site
    check_cache_dir(config.cache_dir, config.root, (out,))
    image_problems = Problems()
    image_cache = ImageCache(config.cache_dir, None if state is None else state.caches.checks)
    photos = process_photos(
        site,
        config.images,
        image_cache,
        image_problems,
        progress,
        digest=files.digest,
        known=None if state is None else state.caches.photos,
        kept=memory.of(PHOTOS),
    )
    if image_cache.changed and state is not None:
        state.caches_changed = True
    if image_problems.errors:
        raise ContentError(image_problems.sorted())
    theme = theme_for(config)
    bytecode = memory.of(TEMPLATES)
    strings = load_strings(theme.strings_files(config.language))
    records: tuple[SearchRecord, ...] = ()
    view = None
    if config.search and options.search:
        stored = {} if state is None else state.caches.records
        parse_keys = {} if memo is None else memo.key_of
        maker = RecordMaker(site, strings, photos.pictures, lambda o: parse_keys.get(id(o)), stored)
        salt = settings_digest(config, site.build_date, theme, files)
        first = RECORDS not in memory  # a process's first build: keep only what it used
        records = tuple(maker.all(memory.of(RECORDS), salt))
        if state is not None and first and maker.used != stored.keys():
            state.caches.records = {key: stored[key] for key in maker.used}
            state.caches.lines = {k: v for k, v in state.caches.lines.items() if k in maker.used}
            state.caches_changed = True
        memory.put(RECORD_KEYS, maker.keys)
        if records:  # with nothing to find, no search page (Pagefind needs a page to index)
            order = maker.value_order()
            view = SearchView(site, strings, records, order, memory)
        else:
            log.info("search: no product or company to index; no search page")
    markdown = MarkdownRenderer(config.allow_html)
    bodies: dict[str, str] = {}

    def renderer_for(catalogue: CatalogueLinks) -> Renderer:
        """A renderer with its own environment (its globals are the renderer's), sharing
        the compiled templates, the Markdown caches and the kept sitemap entries."""
        return Renderer(
            make_environment(theme, config.base_path, config.base_url, bytecode),
            site,
            strings,
            photos.pictures,
            markdown,
            search=view,
            catalogue=catalogue,
            markdown_cache={} if state is None else state.caches.markdown,
            bodies=bodies,
            sitemap_entries=memory.of(SITEMAP_ENTRIES),
        )

    catalogue = None
    links = NO_CATALOGUE
    if pdf:
        print_files = {path: Path(cached) for path, cached, _, _ in photos.files}
        step = None if progress is None else partial(progress, "catalogue")
        checks = None if state is None else state.caches.checks
        printing = renderer_for(NO_CATALOGUE)
        catalogue = make_catalogue(site, config, theme, printing, print_files, step, checks)
        links = CatalogueLinks(dict(catalogue.product_pages), dict(catalogue.files))
    renderer = renderer_for(links)
    return Prepared(checked, out, photos, theme, renderer, catalogue, records)


def settings_digest(config: Config, day: dt.date, theme: Theme, files: FileDigests) -> str:
    """What every page and search record is made with: the engine, `showroom.yml`, the build
    date and the theme's strings."""
    strings = [files.digest(p) for p in theme.strings_files(config.language)]
    return text_digest(engine_digest(), repr(config), day, strings)


def result_of(
    prepared: Prepared, pages: dict[str, int], started: float, search: SearchIndex | None = None
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
