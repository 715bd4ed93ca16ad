"""Parsed content files, kept by the hash of everything the parse read: the file (or a
product's whole folder), the settings, the engine, and for products the known categories and
companies. A hit gives back the model object and the problems its parse reported."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from showroom.hashing import text_digest
from showroom.problems import Problem
from showroom.state.files import FileDigests
from showroom.state.reuse import Slot

Entry = tuple[Any, tuple[Problem, ...]]


#: What a long-running process keeps of the last parse of each product folder, the listing
#: of each folder and the last scan of each (see ParseMemo).
FOLDERS: Slot[dict[str, tuple[str, str, str, str]]] = Slot("parsed folders", dict)
LISTINGS: Slot[dict[str, tuple[list[str], list[Path]]]] = Slot("folder listings", dict)
SCANS: Slot[dict[str, tuple[Any, ...]]] = Slot("folder scans", dict)


class ParseMemo:
    def __init__(
        self,
        entries: dict[str, Entry],
        files: FileDigests,
        salt: str,
        folders: dict[str, tuple[str, str, str, str]] | None = None,
        listings: dict[str, tuple[list[str], list[Path]]] | None = None,
        scans: dict[str, tuple[Any, ...]] | None = None,
    ) -> None:
        self.entries = entries
        self.files = files
        self.salt = salt
        #: product folder -> (salt and references, display path, key, slug) of its last parse:
        #: reused
        #: as is when the watcher saw nothing change in the folder (`files.unchanged`).
        self.folders = {} if folders is None else folders
        #: folder -> (its names as listed, its entries sorted): the same Path objects again
        #: while the folder holds the same names
        self.listings = {} if listings is None else listings
        #: The last scan of each folder (see `loader.load_products`), kept by a long-running
        #: process: (references, entries, rows, slugs seen, position of each name or None).
        self.scans: dict[str, tuple[Any, ...]] = {} if scans is None else scans
        self.used: set[str] = set()
        #: The key each model object handed out came from, by id (the entries keep them alive):
        #: equal keys, equal objects, so the key serves as the object's fingerprint.
        self.key_of: dict[int, str] = {}
        self.changed = False
        self.parsed = 0  # files parsed by this build (misses)

    def key(self, *parts: object) -> str:
        return text_digest(self.salt, *parts)

    def get(self, key: str) -> Entry | None:
        hit = self.entries.get(key)
        if hit is not None:
            self.used.add(key)
            self.key_of[id(hit[0])] = key
        return hit

    def put(self, key: str, value: Any, problems: Sequence[Problem]) -> None:
        self.entries[key] = (value, tuple(problems))
        self.used.add(key)
        self.key_of[id(value)] = key
        self.changed = True
        self.parsed += 1
