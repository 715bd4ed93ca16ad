"""Which search index shard each page goes to, once a site is too large for one Pagefind run.

Pagefind's time and memory grow faster than the pages it indexes (at 10,500 pages one run took
28.8 s and 2.1 GB), and an edit of one page made it index every page again. Above the limit
(`search_shard_pages`, most pages one shard holds), the pages are split into shards, each its
own bundle, made by its own run and reused from the cache while its documents are unchanged;
the search page merges them (Pagefind's `mergeIndex`, themes/default/static/js/search.js).

Each language is split on its own, into `ceil(pages × languages / limit)` shards (so that a
shard holds about `limit / languages` pages of each language and at most about `limit` in
all); shard `i` of every language goes into the bundle `i`. A page's shard is the jump
consistent hash (Lamping and Veach, 2014) of the SHA-256 of its output path: an edited or added
page changes only its own shard, and when the number of shards grows by one, only the pages
that go to the new shard move (about 1/K of them; a modulo would move almost every page). Every
shard still loses those pages, so that build indexes every shard once. The primary bundle
(shard 0, where the script is loaded from) holds pages of every language: a language none of
whose pages hash to it has its page of the lowest hash put there, or Pagefind would answer that
language's queries from another language's index.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence

from showroom.search.records import SearchRecord
from showroom.site import urls

#: Where a bundle goes in the site: the primary at pagefind/, shard i at pagefind/shard-i/
#: (Pagefind's own files are pagefind*.js, pagefind-entry.json, *.pf_meta, wasm.*.pagefind
#: and the folders fragment/, index/ and filter/).
BUNDLE = "pagefind"
SHARD_FOLDER = "shard-{}"


def folder(shard: int) -> str:
    """The bundle's folder in the site, without a trailing slash."""
    return BUNDLE if shard == 0 else f"{BUNDLE}/{SHARD_FOLDER.format(shard)}"


def shard_count(pages: int, languages: int, limit: int) -> int:
    """How many shards a language of `pages` pages is split into."""
    return max(1, math.ceil(pages * max(1, languages) / max(1, limit)))


def jump(key: int, buckets: int) -> int:
    """The jump consistent hash of `key` (64 bits) into `buckets`."""
    b, j = -1, 0
    while j < buckets:
        b = j
        key = (key * 2862933555777941757 + 1) & 0xFFFFFFFFFFFFFFFF
        j = int((b + 1) * ((1 << 31) / ((key >> 33) + 1)))
    return b


def _key(path: str) -> int:
    digest = hashlib.sha256(urls.output_file(path).encode()).digest()
    return int.from_bytes(digest[:8], "big")


def assign(paths: Sequence[str], languages: int, limit: int) -> list[int]:
    """The shard of each of one language's pages (by their paths), `languages` languages
    sharing the limit."""
    count = shard_count(len(paths), languages, limit)
    if count == 1 or not paths:
        return [0] * len(paths)
    keys = [_key(path) for path in paths]
    found = [jump(key, count) for key in keys]
    if 0 not in found:
        found[min(range(len(keys)), key=keys.__getitem__)] = 0
    return found


def other_shards(paths: Sequence[str], languages: int, limit: int) -> list[int]:
    """The shards other than the primary that hold pages of this language, in order."""
    return sorted(set(assign(paths, languages, limit)) - {0})


def split(
    indexes: Sequence[tuple[str, Sequence[SearchRecord]]], languages: int, limit: int
) -> list[tuple[int, list[tuple[str, list[SearchRecord]]]]]:
    """The bundles of `indexes` ((language, records), as `pagefind.Indexes`): (shard number,
    its records of each language, in their order), by number; one bundle (0, `indexes`)
    below the limit. A bundle no page goes to is left out."""
    bundles: dict[int, dict[str, list[SearchRecord]]] = {}
    for language, records in indexes:
        shards = assign([record.path for record in records], languages, limit)
        for record, shard in zip(records, shards, strict=True):
            bundles.setdefault(shard, {}).setdefault(language, []).append(record)
    return [(n, list(bundles[n].items())) for n in sorted(bundles)]
