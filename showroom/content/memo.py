"""Parsed content files, kept on disk by the hash of everything the parse read: the file (or
a product's whole folder), the settings, the engine, and for products the known categories
and companies. A hit gives back the model object and the problems its parse reported; the
build state carries the entries from process to process (`build.state.Caches.parsed`)."""

from __future__ import annotations

from dataclasses import dataclass

from showroom.content.model import Category, Company, Product
from showroom.hashing import text_digest
from showroom.problems import Problem
from showroom.state.files import FileDigests

#: What a content file (or a product folder) is read into.
Model = Category | Company | Product


@dataclass(frozen=True, slots=True)
class Parsed:
    """What a parse of a content file gave: the model object (None: the file had errors)
    and the problems it reported."""

    value: Model | None
    problems: tuple[Problem, ...]


@dataclass(frozen=True, slots=True)
class Read:
    """A parse, and its key in the parse memo (None: read without one)."""

    parsed: Parsed
    key: str | None


class ParseMemo:
    """The parses of the last builds by key, and what this build used of them."""

    def __init__(self, entries: dict[str, Parsed], files: FileDigests, salt: str) -> None:
        self.entries = entries
        self.files = files
        self.salt = salt
        self.used: set[str] = set()
        #: The key each model object handed out came from, by id (the entries keep them alive):
        #: equal keys, equal objects, so the key serves as the object's fingerprint.
        self.key_of: dict[int, str] = {}
        self.changed = False
        self.parsed = 0  # files parsed by this build (misses)

    def key(self, *parts: object) -> str:
        return text_digest(self.salt, *parts)

    def get(self, key: str) -> Parsed | None:
        hit = self.entries.get(key)
        if hit is not None:
            self._use(key, hit)
        return hit

    def put(self, key: str, parsed: Parsed) -> None:
        self.entries[key] = parsed
        self.changed = True
        self.parsed += 1
        self._use(key, parsed)

    def reuse(self, parses: dict[str, Parsed], key_of: dict[int, str]) -> None:
        """This build uses these parses (by key), kept by the process; `key_of`: the key of
        each of their model objects, by id."""
        self.used.update(parses)
        self.key_of.update(key_of)
        if not parses.keys() <= self.entries.keys():  # pruned from the state since then
            self.entries.update(parses)
            self.changed = True

    def _use(self, key: str, parsed: Parsed) -> None:
        self.used.add(key)
        if parsed.value is not None:
            self.key_of[id(parsed.value)] = key
