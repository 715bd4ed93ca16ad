"""The build: gather and validate everything first, then render, then write and swap in."""

from __future__ import annotations

import dataclasses
import gc
import time
from contextlib import AbstractContextManager, nullcontext
from functools import partial
from pathlib import Path

from showroom.build.caches import keep_caches
from showroom.build.check import load_config_only
from showroom.build.options import (
    BuildOptions,
    BuildResult,
    OutputWriteError,
    Progress,
    stage_done,
)
from showroom.build.prepare import prepare, result_of
from showroom.build.publish import output_folder, write_site
from showroom.build.state import BuildState
from showroom.build.unchanged import inputs_of, last_result, remember
from showroom.config import Config
from showroom.content.memo import ParseMemo
from showroom.output import MARKER, MARKER_TEXT, OutputPlan, apply_plan
from showroom.output_folder import (
    is_marked,
    remove_leftovers,
    sibling,
)
from showroom.state.files import FileDigests, Unchanged


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
    run = partial(_run, options, config, out, progress, publishing, unchanged, started)
    if state is not None:
        return run(state, False, search_later, in_place)
    folder = config.cache_dir.parent / "build"
    inputs = inputs_of(options, config, out)
    last = None if options.clean else last_result(folder, inputs, out)
    if last is not None:
        remove_leftovers(out)
        stage_done(started, "nothing changed since the last build into %s", out)
        return dataclasses.replace(last, seconds=time.perf_counter() - started)
    state = BuildState(folder) if options.clean else BuildState.load(folder)
    result = run(state, True, search_later, in_place)
    remember(state, inputs, result)
    return result


def _run(
    options: BuildOptions,
    config: Config,
    out: Path,
    progress: Progress | None,
    publishing: AbstractContextManager[object] | None,
    unchanged: Unchanged | None,
    started: float,
    state: BuildState,
    own_state: bool,
    search_later: bool,
    in_place: bool,
) -> BuildResult:
    """The build proper, with `state` (saved at the end when it is the build's own)."""
    files = FileDigests(state.caches.files, unchanged)
    memo = ParseMemo(state.caches.parsed, files, "")
    sizes = (len(state.caches.markdown), len(state.caches.photos), len(state.caches.templates))
    checks = dict(state.caches.checks)
    try:
        pdf = options.pdf and config.catalogue.enabled
        prepared = prepare(options, progress, pdf, out, state, memo)
        return write_site(
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
        flagged, state.caches_changed = state.caches_changed, False
        changed = (
            keep_caches(state, memo)
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


def build_pdf(options: BuildOptions, progress: Progress | None = None) -> BuildResult:
    """Only the catalogue PDFs, put into the output folder beside the site already there."""
    started = time.perf_counter()
    config = load_config_only(options)
    out = output_folder(options, config)
    prepared = prepare(options, progress, True, out)
    assert prepared.catalogue is not None
    plan = OutputPlan()
    digests = FileDigests()
    for catalogue in prepared.catalogues:  # in each language
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
    return result_of(prepared, {}, started)
