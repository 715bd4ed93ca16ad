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
    if limit is not None:
        bundles = split(indexes, languages, limit)
        if len(bundles) > 1:
            return sharded_stage(bundles, cache_dir, memo, later, keys, lines, checks)
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

Shard = tuple[int, Indexes]


def sharded_stage(
    bundles: list[tuple[int, list[tuple[str, list[SearchRecord]]]]],
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
    digests = {e: None if e in memo.known else verified_bundle(e, checks) for e in entries}
    missing = [i for i, e in enumerate(entries) if e not in memo.known and digests[e] is None]
    pending = None
    chosen = tuple(zip(numbers, entries, strict=True))
    last = memo.published_shards
    if missing and later and last and all(entry in memo.known for _, entry in last):
        shards: list[Shard] = [bundles[i] for i in missing]
        pending = partial(index_shards, shards, cache_dir)  # another thread
        chosen = last
    else:
        for i in missing:
            number, shard = bundles[i]
            index_bundle(shard, cache_dir, memo.shard_documents[number], checks=checks)
    files: list[BundleFile] = []
    for number, entry in chosen:
        known = memo.known.get(entry)
        if known is None:
            description = describe(entry, 0, 0.0, True)
            known = _verified(entry, description, digests.get(entry), checks, memo)
        files += _published_files(number, known.files)
    memo.known = {entry: memo.known[entry] for _, entry in chosen}
    memo.published_shards = chosen
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


def _published_files(number: int, files: tuple[BundleFile, ...]) -> list[BundleFile]:
    """A shard's files at its folder in the site (search/shards.py); a shard other than the
    primary without the script and the WebAssembly."""
    if number == 0:
        return list(files)
    prefix = folder(number) + "/"
    found = []
    for path, source, digest in files:
        name = path.removeprefix(folder(0) + "/")
        if name in _SCRIPT_FILES or (name.startswith("wasm.") and name.endswith(".pagefind")):
            continue
        found.append((prefix + name, source, digest))
    return found


def index_shards(shards: list[Shard], cache_dir: Path, stop: threading.Event | None = None) -> None:
    """Make the bundles of `shards`, one after another (one Pagefind process at a time)."""
    for _, shard in shards:
        index_bundle(shard, cache_dir, stop=stop)
