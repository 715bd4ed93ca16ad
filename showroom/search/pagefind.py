"""Run Pagefind (the `pagefind[extended]` wheel's binary; nothing is downloaded) over the records.

Each record becomes a small HTML document at its page's URL, holding only its terms (weighted)
and its meta, filter and sort attributes; Pagefind's service indexes them one by one in the
records' order (search/pagefind_service.py) and its bundle is written into a staging folder of
the search cache, so a failure leaves the last good site in place. The site's pages carry no
search markup and no hidden text. The bundle's ready-made UI files are removed (the theme has
its own interface), and the bundle is made byte-identical from build to build
(`reproducible`).
"""

from __future__ import annotations

import functools
import hashlib
import html
import logging
import operator
import os
import shutil
import tempfile
import threading
import time
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from showroom.errors import ShowroomError
from showroom.search import pagefind_service
from showroom.search.records import SearchRecord
from showroom.search.reproducible import canonicalise
from showroom.search.terms import TERMINATOR
from showroom.site import urls
from showroom.state import sealed
from showroom.state.cache_folders import SEARCH, claim
from showroom.state.reuse import KeptEach

log = logging.getLogger(__name__)

BUNDLE = "pagefind"
_FULL_WIDTH = {c: c + 0xFEE0 for c in range(0x21, 0x7F)}  # "!" (U+0021) → "！" (U+FF01) …
#: Files of the bundle the theme does not use (Pagefind's own search interfaces).
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


class SearchIndexError(ShowroomError):
    """Pagefind is missing or failed; the build stops and the last good site stays."""


@dataclass(frozen=True)
class SearchIndex:
    pages: int
    files: int
    bytes: int  # the bundle on disk
    seconds: float
    cached: bool = False  # True when Pagefind did not run (nothing indexed had changed)
    #: True when the published bundle is the last one, while a new one is made (serve)
    stale: bool = False
    shards: int = 1  # bundles merged by the search page (search/shards.py)
    indexed: int = 0  # of a sharded index: the shards Pagefind made in this build


def executable() -> Path:
    """Pagefind's binary from the installed wheel (PAGEFIND_BINARY_PATH overrides it)."""
    from pagefind.service import get_executable

    found = get_executable()
    if found is None or not found.is_file():
        raise SearchIndexError(
            "Pagefind is not installed: pip install 'pagefind[extended]' (or set search: false "
            "in showroom.yml)"
        )
    return found


def display_only(text: str) -> str:
    """A meta value in a form no query reaches; the browser turns it back (search.js).

    Pagefind also indexes the words of meta values. Composed Hangul there would be filed as
    "variants" its chunker does not count, and gather in one chunk (#1211); ASCII words there
    could match a query, or stand in for one (see `terms.TERMINATOR`). So Hangul is written
    decomposed (NFD) and printable ASCII in its full-width form (U+FF01-U+FF5E); queries hold
    neither. The browser maps full-width back to ASCII and recomposes (NFC).
    """
    return unicodedata.normalize("NFD", text).translate(_FULL_WIDTH)


def document(record: SearchRecord, language: str) -> str:
    """The HTML Pagefind indexes for one record: weighted terms, then empty elements whose
    attributes carry the meta, filter and sort values."""

    def span(kind: str, key: str, value: str) -> str:
        key, value = html.escape(key), html.escape(value, quote=True)
        return f'<span data-pagefind-{kind}="{key}[data-v]" data-v="{value}"></span>'

    lines = [
        "<!doctype html>",
        f'<html lang="{html.escape(language)}"><head><meta charset="utf-8"><title></title>',
        "</head><body><main data-pagefind-body>",
    ]
    for block in record.blocks:
        text = " ".join(term + TERMINATOR for term in block.terms)
        lines.append(f'<p data-pagefind-weight="{block.weight:g}">{text}</p>')
    lines += [span("meta", k, display_only(v)) for k, v in record.meta]
    lines += [span("filter", k, v) for k, v in record.filters]
    lines += [span("sort", k, v) for k, v in record.sorts]
    lines.append("</main></body></html>")
    return "\n".join(lines) + "\n"


#: Each record's line (its page's path and the digest of its document) by the record's path,
#: kept by a long-running process (serve) while it is the very same record, so an unchanged
#: record is not written again.
DocumentMemo = KeptEach[str]

_PATH = operator.attrgetter("path")

#: The records of each language's pages: (language, records), the default language's first.
#: One bundle holds them all, an index per language (the `lang` of each document); Pagefind's
#: script loads the index of the page's <html lang>.
Indexes = Sequence[tuple[str, Sequence[SearchRecord]]]


def _flat(indexes: Indexes) -> tuple[list[SearchRecord], list[str]]:
    """Every record, and the language of each."""
    records = [record for _, found in indexes for record in found]
    languages = [language for language, found in indexes for _ in found]
    return records, languages


def pages_of(indexes: Indexes) -> int:
    return sum(len(found) for _, found in indexes)


@functools.cache
def pagefind_version() -> str:
    """The installed Pagefind's version (as the engine's libraries: read once a process)."""
    return version("pagefind")


#: How a bundle is made, in the cache key: a bundle made another way is not reused. "service":
#: the pages added through Pagefind's service in the records' order (before, Pagefind read
#: them from a folder, in the file system's order).
BUNDLE_FORM = "service"


def bundle_entry(
    indexes: Indexes,
    cache_dir: Path,
    memo: DocumentMemo | None = None,
    keys: Mapping[int, str] | None = None,
    lines: dict[str, str] | None = None,
) -> Path:
    """Where the bundle for `indexes` is kept (made or not): a folder in `cache_dir` named by
    the hash of every indexed document of every language (each says its language), the
    languages and Pagefind's version. `lines` keeps each document's digest by the key
    (`keys`, by id of the record) of what the record was made from, from process to process
    (the build state)."""
    kept: DocumentMemo = KeptEach() if memo is None else memo
    found = {} if keys is None else keys
    records, languages = _flat(indexes)

    def line_of(n: int) -> str:
        record = records[n]
        key = found.get(id(record))
        line = None if key is None or lines is None else lines.get(key)
        if line is None:
            text = document(record, languages[n])
            path = urls.output_file(record.path)
            line = f"{path}\0{hashlib.sha256(text.encode()).hexdigest()}"
            if key is not None and lines is not None:
                lines[key] = line
        return line

    digests = kept.values(list(map(_PATH, records)), records, line_of)
    kept.sweep()
    codes = [language for language, _ in indexes]
    key_source = "\n".join([pagefind_version(), BUNDLE_FORM, " ".join(codes), *digests])
    return cache_dir / hashlib.sha256(key_source.encode()).hexdigest()[:32]


def bundle_ready(entry: Path) -> bool:
    """Whether the bundle looks made (a cheap look; `verified_bundle` checks it)."""
    return (entry / "pagefind.js").is_file()


def verified_bundle(entry: Path, checks: dict[str, str] | None = None) -> dict[str, str] | None:
    """path in the bundle -> sha256 of each file of the bundle `entry` when it is whole and
    undamaged (see state/sealed.py); else None, and a damaged bundle is removed."""
    checks = {} if checks is None else checks
    key = f"search:{entry.name}"
    files = sealed.verified(entry, checks, key)
    if files is None or "pagefind.js" not in files:
        if entry.exists() or entry.is_symlink():
            sealed.remove(entry, checks, key, "search bundle")
        return None
    return files


def index_bundle(
    indexes: Indexes,
    cache_dir: Path,
    memo: DocumentMemo | None = None,
    stop: threading.Event | None = None,
    checks: dict[str, str] | None = None,
) -> tuple[Path, SearchIndex]:
    """The Pagefind bundle for `indexes`: a folder in `cache_dir` whose files go to
    `pagefind/` in the site, and what it holds. When nothing that goes into the index
    changed, the folder is there already (and verified) and Pagefind does not run. Setting
    `stop` ends a run of Pagefind (SearchIndexError)."""
    started = time.perf_counter()
    entry = bundle_entry(indexes, cache_dir, memo)
    cached = verified_bundle(entry, checks) is not None
    if not cached:
        records, languages = _flat(indexes)
        pairs = zip(records, languages, strict=True)
        documents = [("/" + r.path, document(r, lang)) for r, lang in pairs]
        claim(cache_dir, SEARCH)
        staging = Path(tempfile.mkdtemp(prefix=".tmp-", dir=cache_dir))
        try:
            made = staging / BUNDLE
            _run_pagefind(documents, made, stop)
            sealed.seal(
                made, (p.relative_to(made).as_posix() for p in made.rglob("*") if p.is_file())
            )
            try:
                os.rename(made, entry)
            except OSError:  # another build made the same entry meanwhile
                if verified_bundle(entry, checks) is None:
                    raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return entry, describe(entry, pages_of(indexes), time.perf_counter() - started, cached)


def describe(entry: Path, pages: int, seconds: float, cached: bool) -> SearchIndex:
    """What a bundle holds, for the build summary."""
    files = [p for p in entry.rglob("*") if p.is_file() and p.name != sealed.SEAL_FILE]
    return SearchIndex(
        pages=pages,
        files=len(files),
        bytes=sum(p.stat().st_size for p in files),
        seconds=seconds,
        cached=cached,
    )


def bundle_files(entry: Path, files: Mapping[str, str]) -> list[tuple[str, Path, str]]:
    """(path in the site, file in the cache, its sha256) for every file of a verified bundle
    (`files`: see verified_bundle), in order."""
    return sorted((f"{BUNDLE}/{name}", entry / name, digest) for name, digest in files.items())


def _run_pagefind(
    documents: Sequence[tuple[str, str]],
    bundle: Path,
    stop: threading.Event | None = None,
) -> None:
    """Index `documents` ((URL, HTML), in the records' order) into `bundle` through Pagefind's
    service: its pages are numbered in this order, whatever the file system
    (search/pagefind_service.py); each goes into the index of its <html lang>."""
    config: dict[str, object] = {}
    try:
        pagefind_service.index_pages(executable(), documents, bundle, config, stop)
    except pagefind_service.Stopped:
        raise SearchIndexError("Pagefind was stopped") from None
    except pagefind_service.ServiceError as error:
        code = "" if error.exit_code is None else f" (exit {error.exit_code})"
        raise SearchIndexError(f"Pagefind failed{code}; nothing was published: {error}") from None
    except OSError as error:
        raise SearchIndexError(f"Pagefind failed; nothing was published: {error}") from None
    if not (bundle / "pagefind.js").is_file():
        raise SearchIndexError("Pagefind failed; nothing was published: it wrote no pagefind.js")
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    shutil.rmtree(bundle / "playground", ignore_errors=True)
    canonicalise(bundle)
