"""Writing the site: the output plan, then the files into the output folder, atomically."""

from __future__ import annotations

import dataclasses
import operator
import time
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from functools import partial
from itertools import compress
from pathlib import Path
from typing import NamedTuple

from showroom.build.options import (
    BuildOptions,
    BuildResult,
    OutputWriteError,
    Progress,
    stage_done,
)
from showroom.build.pages import NEXT_READS, READS, PlannedPages, plan_pages
from showroom.build.prepare import Prepared, result_of, search_indexes
from showroom.build.state import BuildState, OutputRecord, PageRecord
from showroom.config import Config
from showroom.content.in_language import own_keys
from showroom.content.memo import ParseMemo
from showroom.editor.admin import admin_files, cms_files
from showroom.output import OutputPlan, Planned, apply_plan, write_plan
from showroom.output_folder import (
    check_output_folder,
    discard,
    remove_leftovers,
    sibling,
    staging_folder,
    swap_in,
)
from showroom.render.open_data import OPEN_DATA, open_data_files
from showroom.search.records import RECORD_KEYS
from showroom.search.stage import BUNDLES, SearchStage, search_stage
from showroom.site import urls
from showroom.state.cache_folders import check_cache_dir
from showroom.state.files import FileDigests
from showroom.state.reuse import Memory, Slot
from showroom.state.store import folder_identity

_BROCHURE = operator.attrgetter("brochure_source")

#: A file linked from a cache: (path in the site, file, digest, origin).
LinkedFile = tuple[str, str | Path, str, str]


class LinkedGroup(NamedTuple):
    """Files copied from a cache whose files never change, as one build planned them."""

    key: object  # stands for them all: the same key, the same files
    planned: dict[str, Planned]
    origins: dict[str, str]
    digests: dict[str, str]
    size: int  # how many there were (a path twice is planned one by one, and named)
    valid: bool = False  # every path was found valid (in normal form, inside the folder)


class AppliedGroup(NamedTuple):
    """A group of linked files as the output folder holds them."""

    out: Path
    planned: dict[str, Planned]


#: The output paths known to be valid, the last plan of each group of linked files, and the
#: groups the output folder holds as planned, kept by a long-running process.
VALID_PATHS: Slot[set[str]] = Slot("valid output paths", set)
LINKED: Slot[dict[str, LinkedGroup]] = Slot("linked file groups", dict)
APPLIED: Slot[dict[str, AppliedGroup]] = Slot("linked file groups in place")


def write_site(
    options: BuildOptions,
    prepared: Prepared,
    state: BuildState,
    memo: ParseMemo,
    publishing: AbstractContextManager[object],
    started: float,
    progress: Progress | None = None,
    search_later: bool = False,
    in_place: bool = False,
) -> BuildResult:
    out = prepared.out.resolve()
    record = None if options.clean else state.output(out)
    plan = OutputPlan(state.memory.of(VALID_PATHS))
    groups = _Groups(plan, state.memory, out if record is not None else None)
    since = time.perf_counter()
    _plan_files(prepared, memo.files, plan, groups)
    for path, data in open_data_files(prepared.checked.site, state.memory.of(OPEN_DATA)).items():
        plan.data(path, data, "the open data (products.csv, products.json)")
    previous = record.pages if record is not None else {}
    pages, memories = _plan_pages(prepared, state, memo, plan, previous, progress)
    unchanged = sum(pages.counts.values()) - pages.rendered
    stage_done(since, "pages: %d rendered, %d unchanged", pages.rendered, unchanged)
    stage = _plan_search(prepared, state, groups, progress, search_later)
    _plan_vocabularies(prepared, plan)
    since = time.perf_counter()
    state.memory.pop(APPLIED)  # until the folder is as planned
    written, removed = publish(plan, out, state, record, publishing, in_place)
    stage_done(since, "output: %d files written, %d removed", written, removed)
    state.memory.put(APPLIED, {name: AppliedGroup(out, p) for name, p in groups.planned.items()})
    now = OutputRecord(str(out), folder_identity(out.stat()), plan.digests(), pages.records)
    if record is not None and not in_place and now == record:
        state.outputs[str(out)] = record  # the folder and its record on disk are as they were
    else:
        state.save_output(out, now)
    _published_reads(memories)
    result = result_of(prepared, pages.counts, started, None if stage is None else stage.index)
    return dataclasses.replace(
        result,
        pages_rendered=pages.rendered,
        files_written=written,
        files_removed=removed,
        incremental=record is not None,
        search_pending=None if stage is None else stage.pending,
    )


def _plan_vocabularies(prepared: Prepared, plan: OutputPlan) -> None:
    """The words of 초성, layout and typo queries (search/fuzzy.py), each language's."""
    for renderer in (prepared.renderer, *(r for r, _ in prepared.translated)):
        if renderer.search is not None:
            vocabulary = renderer.search.vocabulary
            plan.data(vocabulary.path, vocabulary.data, "the search vocabulary")


def _published_reads(memories: list[Memory]) -> None:
    """The pages' reads of this build are those of the pages in the folder now."""
    for memory in memories:
        reads = memory.pop(NEXT_READS)
        if reads is not None:
            memory.put(READS, reads)


def _plan_pages(
    prepared: Prepared,
    state: BuildState,
    memo: ParseMemo,
    plan: OutputPlan,
    previous: dict[str, PageRecord],
    progress: Progress | None,
) -> tuple[PlannedPages, list[Memory]]:
    """The pages of every language (each with its memory, the default language's first)."""
    plan_in = partial(plan_pages, prepared, memo.files, plan, previous, state.caches.templates)
    keys, views = memo.key_of, prepared.views
    own = keys
    if prepared.translated:  # the default language's pages know no translation
        own = own_keys(
            prepared.checked.content, prepared.checked.config.default_language, keys, views
        )
    if views.used != state.caches.views:
        state.caches.views, state.caches_changed = views.used, True
    pages = plan_in(own, state.memory, progress)
    memories = [state.memory]
    for renderer, memory in prepared.translated:
        more = plan_in(keys, memory, progress, renderer, pages.records)
        counts = Counter(pages.counts) + Counter(more.counts)
        pages = PlannedPages(dict(counts), pages.rendered + more.rendered, pages.records)
        memories.append(memory)
    return pages, memories


def _plan_files(prepared: Prepared, files: FileDigests, plan: OutputPlan, groups: _Groups) -> None:
    """The theme's static files, the photos, the brochures and the catalogue."""
    site, photos = prepared.checked.site, prepared.photos
    for relative, source in prepared.theme.static_files():
        plan.copy(f"static/{relative}", source, files.digest(source), f"theme file {relative}")
    _plan_admin(prepared, files, plan)
    # Only the renditions pages link: the catalogue takes its print photos from the cache.
    groups.plan("photos", photos.published, lambda: photos.published)
    products = site.products  # those with a brochure, picked without a step of Python each
    for product in compress(products, map(_BROCHURE, products)):
        brochure = product.brochure_source
        assert brochure is not None
        path = urls.product(product.slug) + product.brochure
        plan.copy(path, brochure, files.digest(brochure), product.source_display)
    for catalogue in prepared.catalogues:  # in each language
        for relative, name in sorted(catalogue.files.items()):
            source = catalogue.folder / name
            plan.link(relative, source, files.digest(source), "the catalogue")


def _plan_admin(prepared: Prepared, files: FileDigests, plan: OutputPlan) -> None:
    """The web editor at admin/: the CMS's files from the theme, its page and configuration."""
    config = prepared.checked.config
    theme_files = dict(prepared.theme.files_in("admin"))
    for relative, source in sorted(cms_files(config, theme_files).items()):
        plan.copy(relative, source, files.digest(source), "the web editor (theme's admin/)")
    for relative, data in admin_files(config, prepared.renderer.strings).items():
        plan.data(relative, data, "the web editor")


def _plan_search(
    prepared: Prepared,
    state: BuildState,
    groups: _Groups,
    progress: Progress | None,
    search_later: bool,
) -> SearchStage | None:
    """The search index's files (None when search is off)."""
    indexes = search_indexes(prepared)
    if not indexes:
        return None
    since = time.perf_counter()
    if progress is not None:
        progress("search index", 0, 1)
    config = prepared.checked.config
    keys: dict[int, str] = state.memory.get(RECORD_KEYS) or {}
    for _, memory in prepared.translated:  # each language's records' keys
        more: dict[int, str] = memory.get(RECORD_KEYS) or {}
        keys = {**keys, **more}
    stage = search_stage(
        indexes,
        config.cache_dir.parent / "search",
        state.memory.of(BUNDLES),
        later=search_later,
        keys=keys,
        lines=state.caches.lines,
        checks=state.caches.checks,
        limit=config.search_shard_pages,
        languages=len(config.languages),
    )
    if stage.lines_added:
        state.caches_changed = True
    bundle = stage.files
    groups.plan(
        "search",
        bundle,
        lambda: ((r, source, digest, "the search index") for r, source, digest in bundle),
    )
    if progress is not None:
        progress("search index", 1, 1)
    how = "unchanged" if stage.index.cached else "indexed"
    if stage.index.shards > 1:
        how = f"{stage.index.shards} shards, {stage.index.indexed} indexed"
    stage_done(since, "search index: %d pages (%s)", stage.index.pages, how)
    return stage


def publish(
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
                state.memory.pop(READS)
                return apply_plan(plan, record.files, out, sibling(out, "writing"))
        staging = staging_folder(out)
        try:
            if record is None:
                written, removed = write_plan(plan, staging), 0
            else:
                state.memory.pop(READS)
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


class _Groups:
    """Plans files copied from a cache whose files never change (photos, the search index)
    as groups. A long-running process plans the same files again in bulk, and when they are
    what it last put into `out` (the folder to update), as present there."""

    def __init__(self, plan: OutputPlan, memory: Memory, out: Path | None) -> None:
        self.output_plan = plan
        self.last = memory.of(LINKED)
        self.applied = memory.get(APPLIED) or {}
        self.out = out
        self.planned: dict[str, dict[str, Planned]] = {}  # this build's groups

    def plan(
        self,
        name: str,
        key: object,
        items: Callable[[], Iterable[tuple[str, str | Path, str, str]]],
    ) -> None:
        """`items()` gives (path in the site, file, digest, origin); `key` stands for them."""
        last = self.last.get(name)
        if last is None or (last.key is not key and last.key != key):
            entries = list(items())
            planned = {r: Planned(d, source=f, link=True) for r, f, d, _ in entries}
            origins = {r: origin for r, _, _, origin in entries}
            digests = {r: d for r, _, d, _ in entries}
            last = self.last[name] = LinkedGroup(key, planned, origins, digests, len(entries))
        present = self._in_place(name, last)
        self.planned[name] = last.planned
        plan = self.output_plan
        if len(last.planned) == last.size and plan.add_known(
            last.planned, last.origins, last.digests, present, last.valid
        ):
            if not last.valid:  # a path's validity is its own: it is valid from now on
                self.last[name] = last._replace(valid=True)
            return
        for relative, source, digest, origin in items():  # one by one, to name what is wrong
            plan.link(relative, source, digest, origin)

    def _in_place(self, name: str, group: LinkedGroup) -> bool:
        """Whether the folder being updated holds the group's files as planned."""
        applied = self.applied.get(name)
        return (
            self.out is not None
            and applied is not None
            and applied.out == self.out
            and applied.planned is group.planned
        )
