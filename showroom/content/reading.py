"""What reading content/ works with: where problems go, and the work a long-running process
keeps from build to build.

Each piece is kept (`state.reuse.Kept`) with the inputs it was made from. What comes from the
file system is named by the `Version` of its path, the same object while the watcher of
`serve` saw nothing change there (`state.files.Versions`); so a file or product folder that
did not change is neither looked at nor parsed again, and the others are read as in any
build. Without a watcher, every version is new: each build reads everything, through the
parse memo on disk when there is one."""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Protocol, TypeVar, cast

from showroom.config import Config
from showroom.content.entries import (
    Claim,
    Claimed,
    Listing,
    Loaded,
    claimed_of,
    gathered,
    joined,
    listing_of,
)
from showroom.content.folders import LINK_MESSAGE, Names, names_in
from showroom.content.memo import Model, Parsed, ParseMemo, Read
from showroom.content.text import shown_path
from showroom.fields import formats
from showroom.problems import Problems
from showroom.state.files import Version, Versions
from showroom.state.reuse import BLOCK, Kept, KeptEach, Memory, Slot


class _Keeps(Protocol):
    """A `Kept` or a `KeptEach`."""

    def under(self, context: object) -> None: ...

    def sweep(self) -> None: ...


K = TypeVar("K", bound=_Keeps)


#: What a path holds, as an object (see `state.files.Version`).
VERSIONS: Slot[Versions] = Slot("content versions", Versions)
#: The names in each folder of content/, the same object while they are the same names.
NAMES: Slot[Kept[Names]] = Slot("content folder names", Kept)
#: The entries of each folder in name order, while it holds the very same names.
LISTINGS: Slot[Kept[Listing]] = Slot("content folder entries", Kept)
#: What each entry of a content folder is, while its path is the same version (and the
#: same object while it is an equal claim: an edited product folder claims what it did).
CLAIMS: Slot[KeptEach[Claim]] = Slot("content entries", KeptEach)
#: Which entries of each folder are read, while they claim the very same.
CLAIMED: Slot[Kept[Claimed]] = Slot("content entries read", Kept)
#: What each block of a folder's parses gave, while they are the very same (a block at a
#: time, as `KeptEach`: an edit of one product gathers one block again, not all of them).
PARTS: Slot[Kept[Loaded]] = Slot("content folder parts read", Kept)
#: What each folder gave, while its claims and the parts of its parses are the very same.
LOADED: Slot[Kept[Loaded]] = Slot("content folders read", Kept)

#: Tells what an entry of a content folder is: (the reader, the entry, where problems go).
Classify = Callable[["Reader", Path, Problems], Claim]
#: Reads an entry that claims a free slug (see `Reader.memoised`).
ReadEntry = Callable[[Path, Claim], Read]

M = TypeVar("M", bound=Model)


class Reader:
    """One load of content/: its settings, where its problems go, the parse memo (None: parse
    everything) and what the process keeps (`memory`; None: keep nothing)."""

    def __init__(
        self,
        config: Config,
        problems: Problems,
        memo: ParseMemo | None = None,
        memory: Memory | None = None,
    ) -> None:
        self.config = config
        self.problems = problems
        self.memo = memo
        self.memory = Memory() if memory is None else memory
        #: What entries are read with: the settings (the root in each message) and whether
        #: the parses are in the memo (their keys).
        self.context = (config, memo is not None)
        self._sweeps: dict[str, Callable[[], None]] = {}  # by slot name
        self._versions = self.memory.of(VERSIONS)
        self._versions.follow(None if memo is None else memo.files.unchanged)
        self._names = self.kept(NAMES)
        self._listings = self.kept(LISTINGS)
        self._claims = self.kept(CLAIMS, self.context)
        self._claimed = self.kept(CLAIMED)
        self._parts = self.kept(PARTS)
        self._loaded = self.kept(LOADED)

    def kept(self, slot: Slot[K], *context: object) -> K:
        """The values of `slot` kept by the process, made with `context` (compared by
        equality), swept with the others at the end of the load."""
        kept = self.memory.of(slot)
        kept.under(context)
        self._sweeps[slot.name] = kept.sweep
        return kept

    def sweep(self) -> None:
        """Drop what this load did not ask for (deleted files and folders)."""
        for sweep in self._sweeps.values():
            sweep()
        self._versions.sweep()

    def display(self, path: Path) -> str:
        return shown_path(path, self.config.root)

    def refuse_link(self, path: Path, problems: Problems) -> None:
        """Report a symbolic link found in content (it is never followed or read)."""
        problems.error(self.display(path), None, "", LINK_MESSAGE)

    def refuse_linked_folder(self, folder: Path) -> None:
        """A content folder that is a link: reported, and none of it is read."""
        if folder.is_symlink():
            self.refuse_link(folder, self.problems)

    def slug(self, name: str, shown: str, problems: Problems) -> bool:
        """Whether the file name `name` is a slug (else reported)."""
        message = formats.slug(name)
        if message is not None:
            problems.error(shown, None, "slug", f"the file name gives {message}")
        return message is None

    def version(self, path: Path) -> Version:
        """What `path` holds, as an object: the same while the watcher saw no change there."""
        return self._versions.of(os.fspath(path))

    def entries(self, directory: Path) -> Listing:
        """The entries of a folder in NFC name order."""
        name = os.fspath(directory)
        version = self._versions.of(name)
        names = self._names.get(name, (version,), lambda: names_in(directory), same_if_equal=True)
        return self._listings.get(name, (names,), lambda: listing_of(directory, names))

    def load(
        self,
        directory: Path,
        kept: KeptEach[Read],
        classify: Classify,
        read: ReadEntry,
        kind: type[M],
    ) -> list[M]:
        """The model objects of the entries of `directory` (those without errors), in name
        order; every problem is reported. `classify` tells what each entry is, `read` reads
        it (kept in `kept`) when it claims a slug no entry before it claimed."""
        name = os.fspath(directory)
        listing = self.entries(directory)
        versions = self._versions.of_all(name, listing.names)

        def claim(n: int) -> Claim:
            return classify(self, listing.paths[n], Problems())

        claims = self._claims.values(listing.names, versions, claim, same_if_equal=True)
        claimed = self._claimed.get(name, (listing, *claims), partial(claimed_of, listing, claims))

        def parse(n: int) -> Read:
            position = claimed.free[n]
            return read(listing.paths[position], claims[position])

        free_versions = list(map(versions.__getitem__, claimed.free))
        reads = kept.values(claimed.names, free_versions, parse)
        parts = self._parts_of(name, reads, kind)
        loaded = self._loaded.get(name, (claimed, *parts), partial(joined, claimed, parts))
        self.problems.extend(loaded.problems)
        if self.memo is not None:
            self.memo.reuse(loaded.parses, loaded.key_of)
        return cast("list[M]", list(loaded.values))  # only `kind`: see entries.gathered

    def _parts_of(self, name: str, reads: list[Read], kind: type[M]) -> list[Loaded]:
        """What each block of a folder's parses gave (see PARTS)."""
        parts: list[Loaded] = []
        for start in range(0, len(reads), BLOCK):
            chunk = tuple(reads[start : start + BLOCK])
            make = partial(gathered, chunk, kind)
            parts.append(self._parts.get(f"{name}\0{start}", chunk, make))
        return parts

    def memoised(
        self, key: Callable[[ParseMemo], str], parse: Callable[[Problems], Model | None]
    ) -> Read:
        """`parse` (its problems go to the Problems it is given), through the parse memo on
        disk under `key` when there is one."""
        memo = self.memo
        if memo is None:
            found = Problems()
            return Read(Parsed(parse(found), tuple(found.items)), None)
        name = key(memo)
        hit = memo.get(name)
        if hit is None:
            found = Problems()
            hit = Parsed(parse(found), tuple(found.items))
            memo.put(name, hit)
        return Read(hit, name)
