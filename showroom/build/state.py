"""The build state on disk: caches of parsed content and rendered Markdown (valid whatever
the output folder holds, as they are keyed on their inputs), and per output folder a record of
every file it holds and of every page's inputs (valid only for that folder, as it was left).

The record of an output folder is removed before a build changes the folder and written again
after the change is complete: a build that stops half-way leaves no record, and the next build
then writes the whole folder afresh."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from showroom.content.memo import Parsed
from showroom.content.model import (
    Category,
    Certification,
    Company,
    Contact,
    Designation,
    Image,
    Procurement,
    Product,
)
from showroom.content.translations import ImageText, Translation
from showroom.fields.focus import Focus
from showroom.hashing import text_digest
from showroom.problems import Problem
from showroom.search.pagefind import SearchIndex
from showroom.search.records import Block, SearchRecord
from showroom.site.designations import Expiring
from showroom.state.codec import Codec
from showroom.state.reads import Access
from showroom.state.reuse import Memory
from showroom.state.store import folder_identity, read_state, write_state

CACHES_FILE = "caches.state"


@dataclass(frozen=True)
class PageRecord:
    base: str  # fingerprint of the page's template, settings and context
    reads: tuple[tuple[Access, str], ...]  # what its templates read through `site`, fingerprinted
    output: str  # digest of the bytes written


@dataclass
class OutputRecord:
    """What an output folder holds, as the build that last completed left it."""

    folder: str
    #: st_dev, st_ino and st_ctime_ns of the folder as the build left it: a folder replaced or
    #: changed at its top level since then is not trusted (inode numbers are reused).
    identity: tuple[int, int, int]
    files: dict[str, str] = field(default_factory=dict)  # relative path -> digest
    pages: dict[str, PageRecord] = field(default_factory=dict)  # output path -> record

    def matches(self, folder: Path) -> bool:
        try:
            st = folder.stat()
        except OSError:
            return False
        return self.folder == str(folder) and self.identity == folder_identity(st)


@dataclass(frozen=True)
class Summary:
    """What the last complete build into an output folder was made from, and its result
    (see build/unchanged.py)."""

    inputs: str  # the signature of everything it read
    folder: str
    identity: tuple[int, int, int]  # the output folder's, as the build left it
    products: int
    drafts: int
    pages: dict[str, int]
    images: int
    photos: int
    catalogue_pages: int
    search: SearchIndex | None
    warnings: tuple[Problem, ...]
    expiring: tuple[Expiring, ...]


@dataclass
class Caches:
    #: FileDigests.known: path -> (stat signature, sha256)
    files: dict[str, tuple[tuple[int, int, int, int], str]] = field(default_factory=dict)
    parsed: dict[str, Parsed] = field(default_factory=dict)
    #: Rendered Markdown by a key of its text and renderer; checked again before use (the
    #: renderer's `trusted_html`), as anyone who can write the cache can write this.
    markdown: dict[str, str] = field(default_factory=dict)
    #: image cache manifests (plain JSON data), checked by the image cache before use
    photos: dict[str, Any] = field(default_factory=dict)  # Any: JSON, checked before use
    #: cache entry -> the stat signature of its files when they were last hashed and found
    #: good (see ImageCache.verified)
    checks: dict[str, str] = field(default_factory=dict)
    templates: dict[str, tuple[str | None, ...]] = field(default_factory=dict)  # references
    #: search records and their index documents by a key of what they are made of
    records: dict[str, SearchRecord] = field(default_factory=dict)
    lines: dict[str, str] = field(default_factory=dict)
    #: the digest of each localised object by its language and its source's parse key
    #: (content.in_language.ViewKeys)
    views: dict[str, str] = field(default_factory=dict)


@dataclass
class BuildState:
    """One project's state, loaded once per `build` or kept in memory by `serve`."""

    folder: Path  # where it is kept: <cache>/build
    caches: Caches = field(default_factory=Caches)
    outputs: dict[str, OutputRecord] = field(default_factory=dict)
    #: False: records stay in memory (`serve`) until flush(); the disk never holds a stale one.
    persist: bool = True
    #: Kept in memory only, by a long-running process (serve), from one build to the next:
    #: the last parse of each product folder, photo placements, the Jinja environment (its
    #: compiled templates) and what each page's inputs were.
    memory: Memory = field(default_factory=Memory)
    #: Set by a build whose caches changed (they are saved at its end).
    caches_changed: bool = False

    @classmethod
    def load(cls, folder: Path) -> BuildState:
        state = cls(folder)
        caches = read_state(folder / CACHES_FILE, Caches, codec())
        if isinstance(caches, Caches):
            state.caches = caches
        return state

    def output(self, out: Path) -> OutputRecord | None:
        """The record of `out` if it still describes the folder."""
        key = str(out)
        if key not in self.outputs:
            record = read_state(self._output_file(out), OutputRecord, codec())
            if isinstance(record, OutputRecord):
                self.outputs[key] = record
        record = self.outputs.get(key)
        return record if record is not None and record.matches(out) else None

    def forget_output(self, out: Path) -> None:
        """Before the folder changes: no record on disk describes it until save_output()."""
        self.outputs.pop(str(out), None)
        self._output_file(out).unlink(missing_ok=True)
        _summary_file(self.folder, out).unlink(missing_ok=True)

    @staticmethod
    def summary(folder: Path, out: Path) -> Summary | None:
        """The summary of the last complete build into `out`, kept in the state `folder`."""
        found = read_state(_summary_file(folder, out), Summary, codec())
        return found if isinstance(found, Summary) else None

    def save_summary(self, out: Path, summary: Summary) -> None:
        if self.persist:
            write_state(_summary_file(self.folder, out), summary, Summary, codec())

    def save_output(self, out: Path, record: OutputRecord) -> None:
        self.outputs[str(out)] = record
        if self.persist:
            write_state(self._output_file(out), record, OutputRecord, codec())

    def save_caches(self) -> None:
        if self.persist:
            write_state(self.folder / CACHES_FILE, self.caches, Caches, codec())

    def flush(self) -> None:
        """Write everything held in memory."""
        self.save_caches()
        for folder, record in self.outputs.items():
            if record.matches(Path(folder)):
                write_state(self._output_file(Path(folder)), record, OutputRecord, codec())

    def _output_file(self, out: Path) -> Path:
        return self.folder / f"output-{text_digest(out)}.state"


def _summary_file(folder: Path, out: Path) -> Path:
    return folder / f"output-{text_digest(out)}.summary"


@functools.cache
def codec() -> Codec:
    """The state's codec: these classes, and only these, come back from a state file."""
    return Codec(
        (
            Caches, OutputRecord, PageRecord, Parsed, Problem, SearchRecord, Block, Category,
            Company, Contact, Product, Image, Focus, Procurement, Designation, Certification,
            Summary, SearchIndex, Expiring, Translation, ImageText,
        )
    )  # fmt: skip
