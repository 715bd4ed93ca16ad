"""Writing the site: the output plan, then the files into the output folder, atomically."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from showroom.build.options import BuildOptions, BuildResult, OutputWriteError, Progress
from showroom.build.pages import plan_pages
from showroom.build.prepare import Prepared, result_of
from showroom.build.state import BuildState, OutputRecord
from showroom.config import Config
from showroom.output import OutputPlan, Planned, apply_plan, write_plan
from showroom.output_folder import (
    check_output_folder,
    discard,
    remove_leftovers,
    sibling,
    staging_folder,
    swap_in,
)
from showroom.search.stage import BundleMemo, search_stage
from showroom.site import urls
from showroom.state.cache_folders import check_cache_dir
from showroom.state.parsed import ParseMemo
from showroom.state.store import folder_identity


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
    plan_linked(
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
    pages, rendered, records = plan_pages(
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
        plan_linked(
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
    written, removed = publish(plan, out, state, record, publishing, in_place)
    memory["applied"] = {name: (out, group) for name, group in memory["planned groups"].items()}
    identity = folder_identity(out.stat())
    now = OutputRecord(str(out), identity, plan.digests(), records)
    if record is not None and not in_place and now == record:
        state.outputs[str(out)] = record  # the folder and its record on disk are as they were
    else:
        state.save_output(out, now)
    state.memory["reads"], state.memory["accesses"] = state.memory.pop("next reads")
    result = result_of(prepared, pages, started, search)
    return dataclasses.replace(
        result,
        pages_rendered=rendered,
        files_written=written,
        files_removed=removed,
        incremental=record is not None,
        search_pending=pending,
    )


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


def plan_linked(
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
