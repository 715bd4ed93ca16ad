"""The build: gather and validate everything first, then render, then write and swap in."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import logging
import operator
import time
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from showroom.catalogue.make import make_catalogue
from showroom.catalogue.pdf import RenderedCatalogue
from showroom.config import CONFIG_FILE, Config, load_config
from showroom.content.loader import load_content
from showroom.content.model import Content, same_objects
from showroom.editor.schemas import check_current
from showroom.errors import ContentError, ShowroomError
from showroom.images.cache import ImageCache
from showroom.images.pipeline import (
    PhotoMemo,
    Photos,
    cache_keys,
    process_photos,
    resolution_warnings,
)
from showroom.output import MARKER, MARKER_TEXT, OutputPlan, Planned, apply_plan, write_plan
from showroom.output_folder import (
    check_output_folder,
    discard,
    is_marked,
    remove_leftovers,
    sibling,
    staging_folder,
    swap_in,
)
from showroom.problems import Problem, Problems
from showroom.render.environment import MemoryBytecodeCache, load_strings, make_environment
from showroom.render.markdown import MarkdownRenderer
from showroom.render.pages import PRODUCT_TEMPLATE, Renderer
from showroom.render.site_view import Access, read_value
from showroom.render.template_deps import TemplateDigests
from showroom.render.theme import Theme, theme_for
from showroom.search.pagefind import SearchIndex
from showroom.search.records import RecordMaker, RecordMemo, SearchRecord
from showroom.search.stage import BundleMemo, search_stage
from showroom.search.view import SearchView
from showroom.site import urls
from showroom.site.structure import Expiring, Site, build_site
from showroom.state.cache_folders import check_cache_dir
from showroom.state.engine import engine_digest
from showroom.state.files import FileDigests, Unchanged
from showroom.state.fingerprint import Fingerprints, text_digest
from showroom.state.parsed import ParseMemo
from showroom.state.store import BuildState, OutputRecord, PageRecord, folder_identity

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]
#: What a page was made from, as the last build of a process saw it: the setting (template
#: and settings), the context's values (`PageJob.deps`) and their fingerprint.
PageInputs = tuple[str, tuple[object, ...], str]


@dataclass(frozen=True)
class BuildOptions:
    config_file: Path = Path(CONFIG_FILE)
    out: Path | None = None  # default: <project>/public
    date: dt.date = field(default_factory=dt.date.today)
    strict: bool = False
    base_url: str | None = None  # overrides showroom.yml (e.g. for a preview deploy)
    pdf: bool = True  # make the catalogue PDFs (when showroom.yml enables them)
    clean: bool = False  # ignore the build state: parse, render and write everything
    search: bool = True  # make the search page and index (when showroom.yml enables them)


@dataclass(frozen=True)
class Checked:
    """The outcome of validation: the model, the structure and every warning."""

    config: Config
    content: Content
    site: Site
    problems: tuple[Problem, ...]


class OutputWriteError(ShowroomError):
    """The output folder could not be written (a full disk, a read-only file system ...)."""


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
    pages_rendered: int = 0  # pages rendered by this build (the others were unchanged)
    files_written: int = 0  # files written into the output folder
    files_removed: int = 0
    incremental: bool = False  # only changed files were written (else a fresh folder)
    #: With `search_later`: makes the search index this build put off (see `search_stage`).
    search_pending: Callable[..., object] | None = None


def check(
    options: BuildOptions,
    memo: ParseMemo | None = None,
    previous: Site | None = None,
    memory: dict[str, Any] | None = None,
) -> Checked:
    """Load and validate config and content; raise ContentError if the build must stop.

    With a memo, files parsed by an earlier build with the same inputs are not parsed again;
    with `memory` (a long-running process), more of the last build is reused."""
    problems = Problems()
    try:
        config = load_config(options.config_file, problems, base_url=options.base_url)
    except Exception:
        if problems.errors:
            raise ContentError(problems.sorted()) from None
        raise
    if memo is not None:
        memo.salt = text_digest(engine_digest(), repr(config))
    content = load_content(config, problems, memo)
    check_current(config, content.categories, content.companies, problems)
    site = build_site(config, content, options.date, problems, previous)
    kept = None if memory is None else memory.setdefault("resolution", {})
    resolution_warnings(site, config.images, problems, kept)
    found = problems.sorted()
    errors = problems.error_count > 0
    if errors or (options.strict and found):
        raise ContentError(found, strict=options.strict and not errors)
    return Checked(config, content, site, tuple(found))


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


def _prepare(
    options: BuildOptions,
    progress: Progress | None,
    pdf: bool,
    out: Path,
    state: BuildState | None = None,
    memo: ParseMemo | None = None,
) -> _Prepared:
    files = memo.files if memo is not None else FileDigests()
    memory: dict[str, Any] = {} if state is None else state.memory
    checked = check(options, memo, memory.get("site"), memory if state is not None else None)
    memory["site"] = checked.site
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
        memo=memory.setdefault("photos", PhotoMemo()),
    )
    if image_cache.changed:
        memory["caches changed"] = True
    if image_problems.errors:
        raise ContentError(image_problems.sorted())
    theme = theme_for(config)
    bytecode = memory.setdefault("templates", MemoryBytecodeCache())
    env = make_environment(theme, config.base_path, config.base_url, bytecode)
    strings = load_strings(theme.strings_files(config.language), config.city)
    records: tuple[SearchRecord, ...] = ()
    view = None
    if config.search and options.search:
        stored = {} if state is None else state.caches.records
        parse_keys = {} if memo is None else memo.key_of
        maker = RecordMaker(site, strings, photos.pictures, lambda o: parse_keys.get(id(o)), stored)
        salt = _settings(config, site.build_date, theme, files)
        first = "records" not in memory  # a process's first build: keep only what it used
        records = tuple(maker.all(memory.setdefault("records", RecordMemo()), salt))
        if state is not None and first and maker.used != stored.keys():
            state.caches.records = {key: stored[key] for key in maker.used}
            state.caches.lines = {k: v for k, v in state.caches.lines.items() if k in maker.used}
            memory["caches changed"] = True
        memory["record keys"] = maker.keys
        if records:  # with nothing to find, no search page (Pagefind needs a page to index)
            order = maker.value_order()
            view = SearchView(site, strings, records, order, memory.setdefault("search view", {}))
        else:
            log.info("search: no product or company to index; no search page")
    renderer = Renderer(
        env, site, strings, photos.pictures, MarkdownRenderer(config.allow_html), search=view
    )
    if state is not None:
        renderer.markdown_cache = state.caches.markdown
        renderer.kept = memory.setdefault("renderer", {})
    catalogue = None
    if pdf:
        print_files = {path: Path(cached) for path, cached, _, _ in photos.files}
        step = None if progress is None else partial(progress, "catalogue")
        checks = None if state is None else state.caches.checks
        catalogue = make_catalogue(site, config, theme, renderer, print_files, step, checks)
        renderer.catalogue_pages = dict(catalogue.product_pages)
        renderer.catalogue_files = dict(catalogue.files)
    return _Prepared(checked, out, photos, theme, renderer, catalogue, records)


def build(
    options: BuildOptions,
    progress: Progress | None = None,
    state: BuildState | None = None,
    publishing: AbstractContextManager[object] | None = None,
    unchanged: Unchanged | None = None,
    search_later: bool = False,
    in_place: bool = False,
) -> BuildResult:
    """The whole site (and the catalogue), into the output folder.

    Work whose inputs are unchanged since the last build is reused (the build state: parsed
    content, rendered Markdown, pages, photos). When the state describes the output folder as
    it is, only the changed files are written (each atomically) and the removed ones deleted,
    after everything was rendered; otherwise the site is written into a fresh folder that is
    swapped in. Either way a failed build changes nothing. `state` defaults to the one on disk
    (saved again afterwards); `serve` keeps its own in memory and passes `publishing`, a lock
    held while the folder changes, and `unchanged`, the files its watcher saw unchanged since
    the last successful build (they are not looked at again), and may pass `search_later`:
    a search index that must be made again is then made by the result's `search_pending`,
    while the site goes out with the last index (see `search_stage`).

    The output folder must be one Showroom may replace (see `check_output_folder`). Unless
    nothing changed, a new staging folder beside it is written (unchanged files hard-linked
    from the output folder) and exchanged for it in one step: the folder is the old site or
    the new one at every instant. `in_place` (serve's preview) updates the folder file by
    file instead, each file atomically, when the state describes it."""
    started = time.perf_counter()
    # The state is millions of long-lived objects: collecting cycles among them mid-build
    # costs up to a fifth of a small rebuild, and a build makes few cycles.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _build(
            options, progress, state, publishing, unchanged, started, search_later, in_place
        )
    finally:
        if collecting:
            gc.enable()


def _build(
    options: BuildOptions,
    progress: Progress | None,
    state: BuildState | None,
    publishing: AbstractContextManager[object] | None,
    unchanged: Unchanged | None,
    started: float,
    search_later: bool = False,
    in_place: bool = False,
) -> BuildResult:
    config = load_config_only(options)
    out = output_folder(options, config)  # before the state is read
    own_state = state is None
    if state is None:
        folder = config.cache_dir.parent / "build"
        state = BuildState(folder) if options.clean else BuildState.load(folder)
    files = FileDigests(state.caches.files, unchanged)
    memory = state.memory
    memo = ParseMemo(
        state.caches.parsed,
        files,
        "",
        memory.setdefault("folders", {}),
        memory.setdefault("listings", {}),
        memory.setdefault("scans", {}),
    )
    sizes = (len(state.caches.markdown), len(state.caches.photos), len(state.caches.templates))
    checks = dict(state.caches.checks)
    try:
        pdf = options.pdf and config.catalogue.enabled
        prepared = _prepare(options, progress, pdf, out, state, memo)
        return _write(
            options,
            prepared,
            state,
            memo,
            publishing or nullcontext(),
            started,
            progress,
            search_later,
            in_place,
        )
    finally:
        flagged = state.memory.pop("caches changed", False)
        changed = (
            _keep_caches(state, memo)
            or flagged
            or checks != state.caches.checks
            or sizes
            != (
                len(state.caches.markdown),
                len(state.caches.photos),
                len(state.caches.templates),
            )
        )
        if own_state and changed:
            state.save_caches()


def _write(
    options: BuildOptions,
    prepared: _Prepared,
    state: BuildState,
    memo: ParseMemo,
    publishing: AbstractContextManager[object],
    started: float,
    progress: Progress | None = None,
    search_later: bool = False,
    in_place: bool = False,
) -> BuildResult:
    site, photos, catalogue = prepared.checked.site, prepared.photos, prepared.catalogue
    files = memo.files
    out = prepared.out.resolve()
    record = None if options.clean else state.output(out)
    plan = OutputPlan(state.memory.setdefault("valid paths", set()))
    for relative, source in prepared.theme.static_files():
        plan.copy(f"static/{relative}", source, files.digest(source), f"theme file {relative}")
    memory = state.memory
    updating = out if record is not None else None
    memory["planned groups"] = {}
    _plan_linked(
        plan,
        "photos",
        photos.files,
        lambda: photos.files,
        memory,
        updating,
    )
    for product in site.products:
        if product.brochure_source is not None:
            source = product.brochure_source
            path = urls.product(product.slug) + product.brochure
            plan.copy(path, source, files.digest(source), product.source_display)
    if catalogue is not None:
        for relative, name in sorted(catalogue.files.items()):
            source = catalogue.folder / name
            plan.link(relative, source, files.digest(source), "the catalogue")
    pages, rendered, records = _plan_pages(
        prepared,
        files,
        plan,
        record.pages if record is not None else {},
        state.caches.templates,
        memo.key_of,
        state.memory,
    )
    search = pending = None
    if prepared.search_records:
        if progress is not None:
            progress("search index", 0, 1)
        config = prepared.checked.config
        stage = search_stage(
            prepared.search_records,
            config.language,
            config.cache_dir.parent / "search",
            state.memory.setdefault("search", BundleMemo()),
            later=search_later,
            keys=state.memory.get("record keys", {}),
            lines=state.caches.lines,
            checks=state.caches.checks,
        )
        if stage.lines_added:
            state.memory["caches changed"] = True
        bundle = stage.files
        _plan_linked(
            plan,
            "search",
            bundle,
            lambda: ((r, source, digest, "the search index") for r, source, digest in bundle),
            memory,
            updating,
        )
        search, pending = stage.index, stage.pending
        if progress is not None:
            progress("search index", 1, 1)
    memory.pop("applied", None)  # until the folder is as planned
    written, removed = _publish(plan, out, state, record, publishing, in_place)
    memory["applied"] = {name: (out, group) for name, group in memory["planned groups"].items()}
    identity = folder_identity(out.stat())
    now = OutputRecord(str(out), identity, plan.digests(), records)
    if record is not None and not in_place and now == record:
        state.outputs[str(out)] = record  # the folder and its record on disk are as they were
    else:
        state.save_output(out, now)
    state.memory["reads"], state.memory["accesses"] = state.memory.pop("next reads")
    result = _result(prepared, pages, started, search)
    return dataclasses.replace(
        result,
        pages_rendered=rendered,
        files_written=written,
        files_removed=removed,
        incremental=record is not None,
        search_pending=pending,
    )


def _publish(
    plan: OutputPlan,
    out: Path,
    state: BuildState,
    record: OutputRecord | None,
    publishing: AbstractContextManager[object],
    in_place: bool,
) -> tuple[int, int]:
    """Put the plan into `out`; return (files written, files removed). Nothing changed (the
    plan is what the folder's record says it holds): nothing is touched. Else, unless
    `in_place`, a staging folder beside `out` is written and exchanged for it (on Linux in
    one atomic step); a write error discards it and leaves the old site as it was."""
    remove_leftovers(out)
    if record is not None and not in_place and plan.digests() == record.files:
        return 0, 0
    try:
        if record is not None and in_place:
            with publishing:
                state.forget_output(out)
                state.memory.pop("reads", None)
                return apply_plan(plan, record.files, out, sibling(out, "writing"))
        staging = staging_folder(out)
        try:
            if record is None:
                written, removed = write_plan(plan, staging), 0
            else:
                state.memory.pop("reads", None)
                written = write_plan(plan, staging, record.files, out)
                removed = len(record.files.keys() - plan.digests().keys())
            with publishing:
                state.forget_output(out)
                swap_in(staging, out)
        except BaseException:
            discard(staging)
            raise
        return written, removed
    except OSError as exc:
        what = (exc.strerror or str(exc)).lower()
        if record is not None and in_place:
            raise OutputWriteError(
                f"{what} while updating {out}: some of its files may be new and some old; "
                "the next build writes it afresh"
            ) from exc
        raise OutputWriteError(
            f"{what} while writing {out}: nothing was published, the last site is unchanged"
        ) from exc


def output_folder(options: BuildOptions, config: Config) -> Path:
    """The output folder, resolved, once it is known that Showroom may replace it and that
    the cache folders are fit for use (a misplaced cache_dir is named as the cause)."""
    out = options.out if options.out is not None else config.root / "public"
    # When both clash, the mistake is the one the user made last: a --out given now, else
    # the images.cache_dir of showroom.yml.
    check_cache_dir(config.cache_dir, config.root, () if options.out is not None else (out,))
    return check_output_folder(out, config, options.config_file.resolve())


def _settings(config: Config, day: dt.date, theme: Theme, files: FileDigests) -> str:
    """What every page and search record is made with: the engine, `showroom.yml`, the build
    date and the theme's strings."""
    strings = [files.digest(p) for p in theme.strings_files(config.language)]
    return text_digest(engine_digest(), repr(config), day, strings)


def _plan_linked(
    plan: OutputPlan,
    name: str,
    key: object,
    items: Callable[[], Iterable[tuple[str, str | Path, str, str]]],
    memory: dict[str, Any],
    out: Path | None,
) -> None:
    """Files copied from a cache whose files never change (photos, the search index):
    `items()` gives (path in the site, file, digest, origin); `key` stands for them all. A
    long-running process plans the same files again in bulk, and when they are what it last
    put into `out` (the folder to update), as present there."""
    groups = memory.setdefault("linked", {})
    last = groups.get(name)
    if last is None or (last[0] is not key and last[0] != key):
        entries = list(items())
        planned = {r: Planned(d, source=f, link=True) for r, f, d, _ in entries}
        origins = {r: origin for r, _, _, origin in entries}
        digests = {r: d for r, _, d, _ in entries}
        last = groups[name] = (key, planned, origins, digests, len(entries))
    applied = memory.get("applied", {}).get(name)
    present = (
        out is not None and applied is not None and applied[0] == out and applied[1] is last[1]
    )
    memory.setdefault("planned groups", {})[name] = last[1]
    if len(last[1]) == last[4] and plan.add_known(last[1], last[2], last[3], present):
        return
    for relative, source, digest, origin in items():  # one by one, to name what is wrong
        plan.link(relative, source, digest, origin)


def _plan_pages(
    prepared: _Prepared,
    files: FileDigests,
    plan: OutputPlan,
    previous: dict[str, PageRecord],
    template_references: dict[str, tuple[str | None, ...]],
    parse_keys: dict[int, str],
    memory: dict[str, Any],
) -> tuple[dict[str, int], int, dict[str, PageRecord]]:
    """Render the pages whose inputs changed; the others are planned as unchanged.

    A page's inputs are fingerprinted; a long-running process skips even that for a page
    whose context holds the very objects it held last time (`memory`)."""
    renderer, site = prepared.renderer, prepared.checked.site
    config = site.config
    templates = TemplateDigests(renderer.env, template_references)
    settings = text_digest(
        _settings(config, site.build_date, prepared.theme, files),
        sorted(renderer.catalogue_files),
        sorted(renderer.catalogue_pages.items()),
    )
    earlier = memory.get("fingerprints")
    fingerprints = Fingerprints(
        renderer.photos,
        lambda: renderer.catalogue_pages,
        parse_keys,
        prepared.photos.keys,
        earlier[1] if earlier is not None and earlier[0] == settings else None,
    )
    memory["fingerprints"] = (settings, fingerprints.memo)  # pruned at the end
    last_inputs: dict[str, PageInputs] = memory.get("pages", {})
    inputs: dict[str, PageInputs] = {}
    memory["pages"] = inputs
    pages: Counter[str] = Counter()
    records: dict[str, PageRecord] = {}
    rendered = 0
    read_memo: dict[Access, str] = {}

    def read(access: Access) -> str:
        if access not in read_memo:
            read_memo[access] = fingerprints.of(read_value(site, access))
        return read_memo[access]

    # After a build in this process, every record's reads were fingerprinted as that build
    # saw them: a page's reads are unchanged unless one of the reads that changed is its.
    last_reads: dict[Access, str] | None = memory.get("reads")
    accesses: dict[str, frozenset[Access]] = memory.get("accesses", {})
    changed_reads = (
        set() if last_reads is None else {a for a, fp in last_reads.items() if read(a) != fp}
    )

    def reads_unchanged(path: str, old: PageRecord) -> bool:
        known = accesses.get(path) if last_reads is not None else None
        if known is not None:
            return known.isdisjoint(changed_reads)
        return all(read(a) == fp for a, fp in old.reads)

    page_accesses: dict[str, frozenset[Access]] = {}
    per_template: dict[str, str] = {}

    # Product pages whose context is made of the very objects it was made of last time, in
    # a process that built before: carried over in bulk (a rebuild after one edit at 5,000
    # products would otherwise spend most of its time looking at unchanged pages).
    product_setting = text_digest(settings, templates.of(PRODUCT_TEMPLATE))
    per_template[PRODUCT_TEMPLATE] = product_setting
    carried = _unchanged_product_pages(
        renderer,
        fingerprints,
        memory,
        product_setting,
        last_inputs,
        previous,
        accesses if last_reads is not None else {},
        changed_reads,
    )
    if carried:
        olds = {path: previous[path] for path, _ in carried.values()}
        records.update(olds)
        inputs.update(carried.values())
        page_accesses.update({path: accesses[path] for path in olds})
        unchanged = {path: Planned(old.output) for path, old in olds.items()}
        digests = {path: old.output for path, old in olds.items()}
        origins = dict.fromkeys(unchanged, "the product page")
        # Present in the folder: a record's pages are what the folder holds (see _write).
        if not plan.add_known(unchanged, origins, digests, present=True):
            for path, planned in unchanged.items():
                plan.unchanged(path, planned.digest, "the product page")
        pages["product"] += len(carried)

    for job in renderer.jobs(skip_products=carried):
        pages[job.kind] += 1
        origin = f"the {job.kind} page"
        setting = per_template.get(job.template)
        if setting is None:
            setting = per_template[job.template] = text_digest(settings, templates.of(job.template))
        last = last_inputs.get(job.path)
        if last is not None and last[0] == setting and _same(last[1], job.deps, fingerprints):
            base = last[2]
        else:
            base = text_digest(setting, job.kind, job.path, fingerprints.of_all(job.deps))
        inputs[job.path] = (setting, job.deps, base)
        old = previous.get(job.path)
        if old is not None and old.base == base and reads_unchanged(job.path, old):
            plan.unchanged(job.path, old.output, origin)
            records[job.path] = old
            page_accesses[job.path] = accesses.get(job.path) or frozenset(a for a, _ in old.reads)
            continue
        reads: set[Access] = set()
        renderer.access_log.current = reads
        try:
            page = job.render()
        finally:
            renderer.access_log.current = None
        digest = plan.data(page.path, page.data, origin)
        fingerprinted = tuple((a, read(a)) for a in sorted(reads))
        records[job.path] = PageRecord(base, fingerprinted, digest)
        page_accesses[job.path] = frozenset(reads)
        rendered += 1
    # For the next build of this process, once this one is published (see _write).
    memory["next reads"] = (read_memo, page_accesses)
    # The model's objects, a few times over: the builds of a day of editing.
    limit = 4 * (len(site.products) + len(site.companies) + len(records)) + 10_000
    memory["fingerprints"] = (settings, fingerprints.pruned(limit))
    return dict(pages), rendered, records


def _unchanged_product_pages(
    renderer: Renderer,
    fingerprints: Fingerprints,
    memory: dict[str, Any],
    setting: str,
    last_inputs: dict[str, PageInputs],
    previous: dict[str, PageRecord],
    accesses: dict[str, frozenset[Access]],
    changed_reads: set[Access],
) -> dict[str, tuple[str, PageInputs]]:
    """slug -> (output path, inputs) of the product pages known unchanged without rendering
    or fingerprinting them, in a process that built before: the page's record is the last
    build's, with the same template and settings, nothing it read through `site` changed,
    and its context (`Renderer.product_deps`) is the very objects of last time (the product,
    company, category and hall; or the hall is a new one with the same products in the same
    order and the products the page shows are the very same)."""
    site = renderer.site
    last = memory.get("product contexts")
    references = (site.companies, site.categories)
    # The companies and categories all the very same objects: a product's are then too.
    same_references = last is not None and all(map(same_objects, last[0], references))
    before_all: dict[str, tuple[Any, ...]] = {} if last is None else last[1]
    made: dict[str, tuple[Any, ...]] = {}
    memory["product contexts"] = (references, made)
    paths: dict[str, str] = memory.setdefault("product page paths", {})
    halls = site.hall_by_category
    found: dict[str, tuple[str, PageInputs]] = {}
    for p in site.products:
        slug = p.slug
        hall = halls[p.category]
        path = paths.get(slug)
        if path is None:
            path = paths[slug] = urls.output_file(urls.product(slug))
        made[slug] = (p, hall)
        before = before_all.get(slug)
        if before is None or before[0] is not p or not same_references or not accesses:
            continue
        inputs, old = last_inputs.get(path), previous.get(path)
        if inputs is None or old is None or inputs[0] != setting or old.base != inputs[2]:
            continue
        if changed_reads:
            known = accesses.get(path)
            if known is None or not known.isdisjoint(changed_reads):
                continue
        elif path not in accesses:
            continue
        if before[1] is not hall:  # a new hall object: look closer
            deps = renderer.product_deps(p)
            if not _same(inputs[1], deps, fingerprints):
                continue
            inputs = (setting, deps, inputs[2])
        found[slug] = (path, inputs)
    return found


def _same(a: tuple[object, ...], b: tuple[object, ...], fingerprints: Fingerprints) -> bool:
    """Whether two page contexts are the same: the very same objects, or values with the same
    fingerprints (kept from build to build; what the page's base is made of)."""
    if len(a) != len(b):
        return False
    if all(map(operator.is_, a, b)):
        return True
    of = fingerprints.of
    return all(x is y or of(x) == of(y) for x, y in zip(a, b, strict=True))


def _keep_caches(state: BuildState, memo: ParseMemo) -> bool:
    """Keep what this build used (and nothing older), so the caches do not grow forever;
    return whether they changed. A build that stopped early keeps everything."""
    files = memo.files
    changed = files.hashed > 0 or memo.changed
    if memo.used and len(memo.used) < len(memo.entries):
        state.caches.parsed = {k: v for k, v in memo.entries.items() if k in memo.used}
        changed = True
    if files.used and len(files.used) < len(files.known):
        files.forget_unused()
        changed = True
    state.caches.files = files.known
    return changed


def build_pdf(options: BuildOptions, progress: Progress | None = None) -> BuildResult:
    """Only the catalogue PDFs, put into the output folder beside the site already there."""
    started = time.perf_counter()
    config = load_config_only(options)
    out = output_folder(options, config)
    prepared = _prepare(options, progress, True, out)
    catalogue = prepared.catalogue
    assert catalogue is not None
    plan = OutputPlan()
    digests = FileDigests()
    for relative, name in sorted(catalogue.files.items()):
        source = catalogue.folder / name
        plan.link(relative, source, digests.digest(source), "the catalogue")
    remove_leftovers(out)
    # The folder's record would no longer describe it: the next build writes it afresh.
    BuildState(config.cache_dir.parent / "build").forget_output(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        if not is_marked(out):
            plan.data(MARKER, MARKER_TEXT, "Showroom's marker")
        apply_plan(plan, {}, out, sibling(out, "writing"))
    except OSError as exc:
        what = (exc.strerror or str(exc)).lower()
        raise OutputWriteError(f"{what} while writing the catalogue into {out}") from exc
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
    check_cache_dir(config.cache_dir, config.root, (config.root / "public",))
    keep = cache_keys((*content.products, *content.drafts), config.images)
    removed, freed = ImageCache(config.cache_dir).prune(keep)
    return removed, freed, config.cache_dir
