"""The search stage of a build: the Pagefind bundle for the records, from the cache when
nothing indexed changed; in a long-running process (serve), optionally made later.

A bundle in the cache never changes once made (its folder is named by the hash of what it
indexes), so what a process learnt of one (its files, their digests, its size) is kept."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import NamedTuple

from showroom.search.pagefind import (
    DocumentMemo,
    Indexes,
    SearchIndex,
    SearchIndexError,
    bundle_entry,
    bundle_files,
    describe,
    index_bundle,
    pages_of,
    verified_bundle,
)
from showroom.search.records import SearchRecord
from showroom.search.shards import folder, split
from showroom.state.reuse import KeptEach, Slot

#: A shard's number and its records of each language (search/shards.py).
Shard = tuple[int, list[tuple[str, list[SearchRecord]]]]

#: (path in the site, file in the cache, its digest)
BundleFile = tuple[str, Path, str]


class KnownBundle(NamedTuple):
    """A bundle this process verified: what it holds and its files (bundles never change)."""

    description: SearchIndex
    files: tuple[BundleFile, ...]


@dataclass
class BundleMemo:
    """What one build hands the next in a long-running process."""

    documents: DocumentMemo = field(default_factory=KeptEach)
    known: dict[Path, KnownBundle] = field(default_factory=dict)  # by bundle folder
    published: Path | None = None  # the bundle the last build put into the site
    #: A sharded index's: each shard's documents, by shard number; the bundles the last
    #: build put into the site, with their numbers.
    shard_documents: dict[int, DocumentMemo] = field(default_factory=dict)
    published_shards: tuple[tuple[int, Path], ...] = ()


#: The search bundles of a long-running process.
BUNDLES: Slot[BundleMemo] = Slot("search bundles", BundleMemo)


@dataclass(frozen=True)
class SearchStage:
    index: SearchIndex
    files: tuple[BundleFile, ...]
    #: When the bundle was put off (`later`), the job that makes it; once it has run, a build
    #: finds the bundle in the cache.
    pending: Callable[..., object] | None = None
    lines_added: bool = False  # documents' digests were added to `lines`


def search_stage(
    indexes: Indexes,
    cache_dir: Path,
    memo: BundleMemo | None = None,
    later: bool = False,
    keys: Mapping[int, str] | None = None,
    lines: dict[str, str] | None = None,
    checks: dict[str, str] | None = None,
    limit: int | None = None,
    languages: int = 1,
) -> SearchStage:
    """The bundle for `indexes`, one index per language (`keys` and `lines`: see
    `bundle_entry`); above `limit` pages (of `languages` languages), a bundle per shard
    (search/shards.py, `sharded_stage`). With `later`, a
    bundle that is not in the cache yet is not made now when the last build's is still there:
    that one is published again (the search lags behind the pages for a while) and `pending`
    makes the new one. A bundle from the cache is verified first (`checks`: see
    `verified_bundle`); a damaged one is made again."""
    memo = BundleMemo() if memo is None else memo
    checks = {} if checks is None else checks
    bundles = [] if limit is None else split(indexes, languages, limit)
    if len(bundles) > 1:
        return sharded_stage(bundles, cache_dir, memo, later, keys, lines, checks)
    return _one_bundle(indexes, cache_dir, memo, later, keys, lines, checks)


def _one_bundle(
    indexes: Indexes,
    cache_dir: Path,
    memo: BundleMemo,
    later: bool,
    keys: Mapping[int, str] | None,
    lines: dict[str, str] | None,
    checks: dict[str, str],
) -> SearchStage:
    """One bundle for every page (see `search_stage`)."""
    memo.shard_documents, memo.published_shards = {}, ()
    started = time.perf_counter()
    known_lines = 0 if lines is None else len(lines)
    entry = bundle_entry(indexes, cache_dir, memo.documents, keys, lines)
    added = lines is not None and len(lines) != known_lines
    # What this process verified of a bundle before stands (serve); else it is verified now.
    digests = None if entry in memo.known else verified_bundle(entry, checks)
    pending = None
    if entry in memo.known or digests is not None:
        cached = True
    elif later and memo.published is not None and memo.published in memo.known:
        pending = partial(index_bundle, indexes, cache_dir)  # another thread
        entry, cached = memo.published, True
    else:
        entry, _ = index_bundle(indexes, cache_dir, memo.documents, checks=checks)
        cached = False
    seconds = time.perf_counter() - started
    known = memo.known.get(entry)
    if known is None:
        description = describe(entry, pages_of(indexes), seconds, cached)
        known = _verified(entry, description, digests, checks, memo)
        memo.known = {k: v for k, v in memo.known.items() if k in (entry, memo.published)}
    memo.published = entry
    index = replace(known.description, seconds=seconds, cached=cached, stale=pending is not None)
    return SearchStage(index, known.files, pending, added)


def _verified(
    entry: Path,
    description: SearchIndex,
    digests: dict[str, str] | None,
    checks: dict[str, str],
    memo: BundleMemo,
) -> KnownBundle:
    """A bundle's files, verified (unless `digests` already are), remembered by the memo."""
    digests = digests or verified_bundle(entry, checks)
    if digests is None:
        raise SearchIndexError(f"the search bundle {entry} was damaged while it was made")
    known = memo.known[entry] = KnownBundle(description, tuple(bundle_files(entry, digests)))
    return known


#: The files of a bundle that only the primary's are used of: the script, its worker and the
#: WebAssembly (a merged index is searched by the primary's).
_SCRIPT_FILES = ("pagefind.js", "pagefind-worker.js")


def sharded_stage(
    bundles: list[Shard],
    cache_dir: Path,
    memo: BundleMemo,
    later: bool,
    keys: Mapping[int, str] | None,
    lines: dict[str, str] | None,
    checks: dict[str, str],
) -> SearchStage:
    """A bundle for each shard (numbered; 0 is the primary), each made by its own run of
    Pagefind, one after another, and only when its documents changed (each shard's bundle is
    in the cache under the hash of its own documents). With `later`, while a shard is not in
    the cache and the last build's bundles are known, those are published again and `pending`
    makes the missing ones."""
    started = time.perf_counter()
    known_lines = 0 if lines is None else len(lines)
    numbers = [number for number, _ in bundles]
    memo.shard_documents = {n: memo.shard_documents.get(n) or KeptEach() for n in numbers}
    memo.documents, memo.published = KeptEach(), None
    entries = [
        bundle_entry(shard, cache_dir, memo.shard_documents[number], keys, lines)
        for number, shard in bundles
    ]
    added = lines is not None and len(lines) != known_lines
    digests, missing = _missing(entries, memo, checks)
    chosen, pending = _made(bundles, entries, missing, cache_dir, memo, later, checks)
    files = _shard_files(chosen, digests, checks, memo)
    index = SearchIndex(
        pages=sum(pages_of(shard) for _, shard in bundles),
        files=len(files),
        bytes=sum(source.stat().st_size for _, source, _ in files),
        seconds=time.perf_counter() - started,
        cached=pending is not None or not missing,
        stale=pending is not None,
        shards=len(chosen),
        indexed=0 if pending is not None else len(missing),
    )
    return SearchStage(index, tuple(sorted(files)), pending, added)


def _missing(
    entries: list[Path], memo: BundleMemo, checks: dict[str, str]
) -> tuple[dict[Path, dict[str, str] | None], list[int]]:
    """Each bundle's verified files (None: known to this process, or not in the cache), and
    the positions of those not in the cache."""
    # What this process verified of a bundle before stands (serve); else it is verified now.
    digests = {e: None if e in memo.known else verified_bundle(e, checks) for e in entries}
    missing = [i for i, e in enumerate(entries) if e not in memo.known and digests[e] is None]
    return digests, missing


def _made(
    bundles: list[Shard],
    entries: list[Path],
    missing: list[int],
    cache_dir: Path,
    memo: BundleMemo,
    later: bool,
    checks: dict[str, str],
) -> tuple[tuple[tuple[int, Path], ...], Callable[..., object] | None]:
    """The bundles to publish ((number, folder)) and the job that makes the missing ones
    later (None: made now, one after another)."""
    last = memo.published_shards
    if missing and later and last and all(entry in memo.known for _, entry in last):
        shards = [bundles[i] for i in missing]
        return last, partial(index_shards, shards, cache_dir)  # another thread
    for i in missing:
        number, shard = bundles[i]
        index_bundle(shard, cache_dir, memo.shard_documents[number], checks=checks)
    return tuple((number, entry) for (number, _), entry in zip(bundles, entries, strict=True)), None


def _shard_files(
    chosen: tuple[tuple[int, Path], ...],
    digests: Mapping[Path, dict[str, str] | None],
    checks: dict[str, str],
    memo: BundleMemo,
) -> list[BundleFile]:
    """The files of the bundles `chosen` ((number, bundle folder)) at their places in the
    site, each bundle verified unless this process knows it; the memo then knows these."""
    files: list[BundleFile] = []
    for number, entry in chosen:
        known = memo.known.get(entry)
        if known is None:
            description = describe(entry, 0, 0.0, True)
            known = _verified(entry, description, digests.get(entry), checks, memo)
        files += _published_files(number, known.files)
    memo.known = {entry: memo.known[entry] for _, entry in chosen}
    memo.published_shards = chosen
    return files


def _published_files(number: int, files: tuple[BundleFile, ...]) -> list[BundleFile]:
    """A shard's files at its folder in the site (search/shards.py); a shard other than the
    primary without the script and the WebAssembly."""
    if number == 0:
        return list(files)
    prefix = folder(number) + "/"
    named = ((path.removeprefix(folder(0) + "/"), source, digest) for path, source, digest in files)
    return [(prefix + name, source, digest) for name, source, digest in named if _shared(name)]


def _shared(name: str) -> bool:
    """Whether a bundle's file is one a merged index needs (not the script, its worker or
    the WebAssembly, which only the primary's are used of)."""
    return name not in _SCRIPT_FILES and not (
        name.startswith("wasm.") and name.endswith(".pagefind")
    )


def index_shards(shards: list[Shard], cache_dir: Path, stop: threading.Event | None = None) -> None:
    """Make the bundles of `shards`, one after another (one Pagefind process at a time)."""
    for _, shard in shards:
        index_bundle(shard, cache_dir, stop=stop)
