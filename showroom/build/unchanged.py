"""A build whose every input is unchanged since the last one is that build: nothing to do.

The build itself is the outermost piece of reuse. Before the build state is read (tens of
megabytes at 5,000 products), a command-line build compares the signature of everything a
build reads (the engine, the options, `showroom.yml`, the stat signature of every file and
folder under `content/`, the theme's folders and `schemas/`) and the identity of the output
folder and of the photo, search and catalogue caches' folders with what the last complete
build into that folder left. All equal: the folder already holds this build's result, and its
summary is reported again (as `make` says "nothing to be done"). Anything different, a folder
or file changed within `RACY_SECONDS` of the moment the signature was taken, or no summary, and
the build runs as usual. A build that changes the folder removes the summary first
(`BuildState.forget_output`), so a summary on disk always describes the folder as it is."""

from __future__ import annotations

import hashlib
import os
import stat
import time
from dataclasses import dataclass, replace
from pathlib import Path

from showroom.build.options import BuildOptions, BuildResult
from showroom.build.state import BuildState, Summary
from showroom.config import Config
from showroom.editor.schemas import SCHEMA_DIR
from showroom.state.engine import engine_digest
from showroom.state.files import RACY_SECONDS
from showroom.state.store import folder_identity
from showroom.theme.folders import theme_for

#: The cache folders beside `images.cache_dir` whose identity is an input (not `build`, which
#: every build writes).
CACHES = ("search", "catalogue")


@dataclass(frozen=True)
class Inputs:
    """The signature of everything a build reads, taken before it reads anything."""

    digest: str
    trusted: bool  # False: something changed too recently to tell a later change from it


def inputs_of(options: BuildOptions, config: Config, out: Path) -> Inputs:
    taken = time.time_ns()
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{engine_digest()}\0{options!r}\0{out}\0".encode("utf-8", "surrogatepass"))
    newest = 0
    roots = [options.config_file.resolve(), config.content_dir, config.root / SCHEMA_DIR]
    roots += theme_for(config).folders
    for root in roots:
        newest = max(newest, _signature(root, h))
    # The caches' folders themselves (not what they hold): one deleted or replaced (to free
    # space, say) is made again by a real build.
    for folder in (config.cache_dir, *(config.cache_dir.parent / n for n in CACHES)):
        _top(folder, h)
    trusted = taken - newest > RACY_SECONDS * 1e9
    return Inputs(h.hexdigest(), trusted)


def last_result(state_folder: Path, inputs: Inputs, out: Path) -> BuildResult | None:
    """The last build's result when its inputs were these and the folder is as it left it."""
    if not inputs.trusted:
        return None
    summary = BuildState.summary(state_folder, out)
    if summary is None or summary.inputs != inputs.digest or summary.folder != str(out):
        return None
    try:
        if folder_identity(out.stat()) != summary.identity:
            return None
    except OSError:
        return None
    return BuildResult(
        out=out,
        products=summary.products,
        drafts=summary.drafts,
        pages=dict(summary.pages),
        images=summary.images,
        photos_encoded=0,
        photos_reused=summary.photos,
        catalogue_pages=summary.catalogue_pages,
        catalogue_rendered=False,
        search=None if summary.search is None else replace(summary.search, cached=True),
        warnings=summary.warnings,
        expiring=summary.expiring,
        seconds=0.0,
        incremental=True,
    )


def remember(state: BuildState, inputs: Inputs, result: BuildResult) -> None:
    """Keep the summary of a build that completed, for the next one to compare with."""
    if not inputs.trusted or result.search_pending is not None:
        return
    out = result.out
    summary = Summary(
        inputs=inputs.digest,
        folder=str(out),
        identity=folder_identity(out.stat()),
        products=result.products,
        drafts=result.drafts,
        pages=dict(result.pages),
        images=result.images,
        photos=result.photos_encoded + result.photos_reused,
        catalogue_pages=result.catalogue_pages,
        search=result.search,
        warnings=result.warnings,
        expiring=result.expiring,
    )
    state.save_summary(out, summary)


def _top(folder: Path, h: hashlib.blake2b) -> None:
    """Feed `h` the identity of a folder alone (a missing one is a value too)."""
    try:
        st = os.lstat(folder)
    except OSError:
        h.update(f"{folder}\0missing\n".encode("utf-8", "surrogatepass"))
        return
    h.update(f"{folder}\0{st.st_ino}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\n".encode())


def _signature(root: Path, h: hashlib.blake2b) -> int:
    """Feed `h` the stat signature of `root` and everything under it (links not followed);
    return the newest change time seen, in nanoseconds."""
    newest = 0
    stack = [os.fspath(root)]
    while stack:
        path = stack.pop()
        try:
            st = os.lstat(path)
        except OSError:
            h.update(f"{path}\0missing\0".encode("utf-8", "surrogatepass"))
            continue
        newest = max(newest, st.st_mtime_ns, st.st_ctime_ns)
        line = f"{path}\0{st.st_mode}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\0"
        h.update(f"{line}{st.st_ino}\n".encode("utf-8", "surrogatepass"))
        if stat.S_ISDIR(st.st_mode):
            try:
                names = sorted(os.listdir(path), reverse=True)
            except OSError:
                continue
            stack.extend(os.path.join(path, name) for name in names)
    return newest
