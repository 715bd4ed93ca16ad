"""Everything a build gathers before writing: the model, the photos, the renderer, the
catalogue and the search records."""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from showroom.build.catalogues import Printing, catalogue_in, language_renderer, links
from showroom.build.check import check
from showroom.build.options import BuildOptions, BuildResult, Checked, Progress, stage_done
from showroom.build.state import BuildState
from showroom.catalogue.stored import RenderedCatalogue
from showroom.config import Config
from showroom.content.in_language import LOCALISED, ViewKeys, content_in
from showroom.content.memo import ParseMemo
from showroom.errors import ContentError
from showroom.hashing import text_digest
from showroom.images.cache import ImageCache
from showroom.images.pipeline import (
    GATHERED,
    PHOTOS,
    Photos,
    process_photos,
)
from showroom.images.variants import Picture
from showroom.problems import Problems
from showroom.render.environment import TEMPLATES, make_environment
from showroom.render.jobs import NO_CATALOGUE, CatalogueLinks
from showroom.render.languages import Language, PageLanguages
from showroom.render.markdown import MarkdownRenderer
from showroom.render.pages import Renderer
from showroom.render.site_jobs import PAGE_JOBS
from showroom.render.site_lists import FEED_BLOCKS, SITEMAP_TEXT
from showroom.search import english
from showroom.search.pagefind import SearchIndex
from showroom.search.records import (
    PRODUCT_RECORDS,
    RECORD_KEYS,
    RecordMaker,
    SearchRecord,
)
from showroom.search.synonyms import expansion
from showroom.search.view import SearchView
from showroom.site.structure import Site, build_site
from showroom.state.cache_folders import check_cache_dir
from showroom.state.engine import engine_digest
from showroom.state.files import FileDigests
from showroom.state.reuse import Memory, Slot
from showroom.theme.folders import Theme, theme_for
from showroom.theme.strings import Strings, load_strings

log = logging.getLogger(__name__)


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
    #: The renderers of the pages in the languages after the default one, with the memory
    #: each keeps between builds.
    translated: tuple[tuple[Renderer, Memory], ...] = ()
    #: The catalogues in the languages after the default one (with `pdf`).
    translated_catalogues: tuple[RenderedCatalogue, ...] = ()
    #: The keys of the localised objects (and of the default language's, see `own_keys`).
    views: ViewKeys = field(default_factory=ViewKeys)

    @property
    def catalogues(self) -> tuple[RenderedCatalogue, ...]:
        """Every catalogue made, the default language's first."""
        own = () if self.catalogue is None else (self.catalogue,)
        return own + self.translated_catalogues


@dataclass(frozen=True)
class _Context:
    """What every step of `prepare` works with."""

    options: BuildOptions
    progress: Progress | None
    state: BuildState | None  # None: a build that keeps nothing (`showroom pdf`)
    memo: ParseMemo | None
    files: FileDigests
    memory: Memory


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
    ctx = _Context(options, progress, state, memo, files, memory)
    since = time.perf_counter()
    checked = check(options, memo, memory if state is not None else None)
    content = checked.content
    since = stage_done(
        since,
        "content: %d products (%d drafts), %d companies, %d categories checked",
        len(checked.site.published),
        len(content.drafts),
        len(content.companies),
        len(content.categories),
    )
    config = checked.config
    check_cache_dir(config.cache_dir, config.root, (out,))
    photos = _photos(ctx, checked.site, config)
    since = stage_done(
        since, "photos: %d encoded, %d from the cache", photos.encoded, photos.reused
    )
    theme = theme_for(config)
    strings = load_strings(theme.strings_files(config.language), config.city)
    languages = _languages(config, theme)
    first = PRODUCT_RECORDS not in ctx.memory  # a process's first build: keep only what it used
    used: set[str] = set()
    records, view = _search(
        ctx, checked, checked.site, strings, photos.pictures, theme, ctx.memory, used
    )
    since = stage_done(since, "search records: %d", len(records))
    printing = Printing.of(photos, progress, state) if pdf else None
    renderer, catalogue = _render(
        ctx, checked, theme, strings, photos, view, printing, languages[0]
    )
    since = time.perf_counter()  # (the catalogue logs its own stage)
    views = ViewKeys(None if state is None else state.caches.views)
    made = [
        _translated(ctx, checked, theme, renderer, page_languages, printing, used, views)
        for page_languages in languages[1:]
    ]
    _keep_used(ctx, first, used)
    if made:
        stage_done(since, "languages: %s", ", ".join(config.languages))
    translated = tuple((other, kept) for other, kept, _ in made)
    catalogues = tuple(each for _, _, each in made if each is not None)
    return Prepared(
        checked, out, photos, theme, renderer, catalogue, records, translated, catalogues, views
    )


#: The memory of each language after the default one (the default's is the build's own).
LANGUAGE_MEMORY: Slot[dict[str, Memory]] = Slot("memory of each language", dict)


def language_memory(memory: Memory, code: str) -> Memory:
    """What a long-running process keeps for the pages in language `code`."""
    return memory.of(LANGUAGE_MEMORY).setdefault(code, Memory())


def _languages(config: Config, theme: Theme) -> tuple[PageLanguages, ...]:
    """The site's languages as the pages of each see them, the default language's first."""
    every = tuple(
        Language(
            code,
            config.language if n == 0 else code,
            load_strings(theme.strings_files(code)).language_name,
            "" if n == 0 else f"{code}/",
        )
        for n, code in enumerate(config.languages)
    )
    return tuple(PageLanguages(lang, every[0], every) for lang in every)


def _translated(
    ctx: _Context,
    checked: Checked,
    theme: Theme,
    default: Renderer,
    languages: PageLanguages,
    printing: Printing | None,
    used: set[str],
    views: ViewKeys,
) -> tuple[Renderer, Memory, RenderedCatalogue | None]:
    """The renderer of the pages in one language after the default one: the content
    localised, its own structure, strings, search records and kept jobs; the photos and the
    Markdown cache are the default renderer's. With `printing` (a build that makes PDFs),
    first the catalogue in that language, which the renderer links to."""
    code = languages.current.code
    memory = language_memory(ctx.memory, code)
    site = checked.site
    config = site.config.in_language(code)
    keys = None if ctx.memo is None else (ctx.memo.key_of, views)
    localised = memory.of(LOCALISED)
    content = content_in(checked.content, code, site.config.default_language, localised, keys)
    kept = memory if ctx.state is not None else None
    site = build_site(config, content, site.build_date, Problems(), kept)
    strings = load_strings(theme.strings_files(code), config.city)
    _, view = _search(ctx, checked, site, strings, default.photos, theme, memory, used)
    catalogue = None
    if printing is not None:
        pages = (site, strings, default, languages)
        catalogue = catalogue_in(checked, theme, pages, printing, memory)
    renderer = language_renderer(
        theme,
        site,
        strings,
        default,
        languages,
        memory,
        search=view,
        catalogue=links(catalogue),
        sitemap_parts=memory.of(SITEMAP_TEXT),
        feed_blocks=memory.of(FEED_BLOCKS),
        kept_jobs=memory.of(PAGE_JOBS),
    )
    return renderer, memory, catalogue


def _photos(ctx: _Context, site: Site, config: Config) -> Photos:
    """Every photo of the site (from the cache, or encoded); raises ContentError."""
    state = ctx.state
    problems = Problems()
    image_cache = ImageCache(config.cache_dir, None if state is None else state.caches.checks)
    photos = process_photos(
        site,
        config.images,
        image_cache,
        problems,
        ctx.progress,
        digest=ctx.files.digest,
        known=None if state is None else state.caches.photos,
        kept=ctx.memory.of(PHOTOS),
        gathered=ctx.memory.of(GATHERED),
    )
    if image_cache.changed and state is not None:
        state.caches_changed = True
    if problems.errors:
        raise ContentError(problems.sorted())
    return photos


def _search(
    ctx: _Context,
    checked: Checked,
    site: Site,
    strings: Strings,
    pictures: Mapping[str, tuple[Picture, ...]],
    theme: Theme,
    memory: Memory,
    used: set[str],
) -> tuple[tuple[SearchRecord, ...], SearchView | None]:
    """The search records of the pages of `site` (in its language; `memory`: the language's)
    and their search page's view (none when search is off). The stored keys of the records
    used are added to `used`. The 초성, keyboard-layout and typo suggestions are the default
    language's alone; the pages in English stem their words (search/english.py)."""
    config, state = site.config, ctx.state
    if not (config.search and ctx.options.search):
        return (), None
    stored = {} if state is None else state.caches.records
    stable = _stable_keys(ctx, checked, site, memory)
    synonyms = expansion(checked.content.synonyms, english.stemmed(config.language))
    maker = RecordMaker(site, strings, pictures, stable, stored, synonyms)
    # Every record is made with the synonym groups: an edit of them makes each one again.
    salt = text_digest(settings_digest(config, site.build_date, theme, ctx.files), synonyms.digest)
    records = tuple(maker.all(memory, salt))
    used.update(maker.used)
    memory.put(RECORD_KEYS, maker.keys)
    if not records:  # with nothing to find, no search page (Pagefind needs a page to index)
        log.info("search: no product or company to index; no search page")
        return records, None
    order = maker.value_order()
    return records, SearchView(site, strings, records, order, memory, synonyms.phrases)


def _stable_keys(
    ctx: _Context, checked: Checked, site: Site, memory: Memory
) -> Callable[[object], str | None]:
    """The stored key of what an object of `site` holds (see `RecordMaker.stable`): its parse
    key; a localised object's is its source's (it is made from that alone, and the records'
    salt holds the language)."""
    parse_keys = {} if ctx.memo is None else ctx.memo.key_of
    if site.config.language == site.config.default_language:
        return lambda part: parse_keys.get(id(part))
    sources = {id(value): id(source) for source, value in memory.of(LOCALISED).pairs()}
    return lambda part: parse_keys.get(sources.get(id(part), 0))


def _keep_used(ctx: _Context, first: bool, used: set[str]) -> None:
    """In a process's first build, the stored search records (and their documents' digests)
    are only those this build used, in every language."""
    state = ctx.state
    if not (state is not None and first and used != state.caches.records.keys()):
        return
    stored = state.caches.records
    state.caches.records = {key: stored[key] for key in used if key in stored}
    state.caches.lines = {k: v for k, v in state.caches.lines.items() if k in used}
    state.caches_changed = True


def search_indexes(prepared: Prepared) -> list[tuple[str, tuple[SearchRecord, ...]]]:
    """(language, its records) of every language with a search, the default language's first."""
    found = []
    if prepared.search_records:
        found.append((prepared.checked.config.language, prepared.search_records))
    for renderer, _ in prepared.translated:
        if renderer.search is not None:
            records = tuple(renderer.search.records.values())
            found.append((renderer.site.config.language, records))
    return found


def _render(
    ctx: _Context,
    checked: Checked,
    theme: Theme,
    strings: Strings,
    photos: Photos,
    view: SearchView | None,
    printing: Printing | None,
    languages: PageLanguages,
) -> tuple[Renderer, RenderedCatalogue | None]:
    """The catalogue (with `printing`), then the web renderer, which links to it. The catalogue
    is of the published products alone: the drafts shown are not printed."""
    site = checked.site
    config, state, memory = site.config, ctx.state, ctx.memory
    markdown = MarkdownRenderer(config.allow_html)
    bodies: dict[str, str] = {}
    bytecode = memory.of(TEMPLATES)

    def renderer_for(catalogue: CatalogueLinks, site: Site = site) -> Renderer:
        """A renderer with its own environment (its globals are the renderer's), sharing
        the compiled templates, the Markdown caches, the kept page jobs, sitemap parts and
        feed candidates."""
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
            sitemap_parts=memory.of(SITEMAP_TEXT),
            feed_blocks=memory.of(FEED_BLOCKS),
            kept_jobs=memory.of(PAGE_JOBS),
            languages=languages,
        )

    if printing is None:
        return renderer_for(NO_CATALOGUE), None
    printed = _published_site(checked)
    catalogue = printing.make(printed, theme, renderer_for(NO_CATALOGUE, printed))
    return renderer_for(links(catalogue)), catalogue


def _published_site(checked: Checked) -> Site:
    """The site without the drafts it shows (the very same site when it shows none)."""
    site = checked.site
    if site.published is site.products:
        return site
    return build_site(checked.config, checked.content.published(), site.build_date, Problems())


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
        products=len(checked.site.published),  # the drafts shown aside
        drafts=len(checked.content.drafts),
        pages=pages,
        images=len(prepared.photos.files),
        photos_encoded=prepared.photos.encoded,
        photos_reused=prepared.photos.reused,
        catalogue_pages=catalogue.pages if catalogue else 0,
        catalogue_rendered=any(made.rendered for made in prepared.catalogues),
        search=search,
        warnings=checked.problems,
        expiring=checked.site.expiring,
        seconds=time.perf_counter() - started,
    )
