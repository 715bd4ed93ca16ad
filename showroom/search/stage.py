"""The search stage of a build: the Pagefind bundle for the records, from the cache when
nothing indexed changed; in a long-running process (serve), optionally made later.

A bundle in the cache never changes once made (its folder is named by the hash of what it
indexes), so what a process learnt of one (its files, their digests, its size) is kept."""

from __future__ import annotations

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
) -> SearchStage:
    """The bundle for `indexes`, one index per language (`keys` and `lines`: see
    `bundle_entry`). With `later`, a
    bundle that is not in the cache yet is not made now when the last build's is still there:
    that one is published again (the search lags behind the pages for a while) and `pending`
    makes the new one. A bundle from the cache is verified first (`checks`: see
    `verified_bundle`); a damaged one is made again."""
    memo = BundleMemo() if memo is None else memo
    checks = {} if checks is None else checks
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
    # Only the bundles still in use are remembered.
    memo.known = {k: v for k, v in memo.known.items() if k in (entry, memo.published)}
    return known
