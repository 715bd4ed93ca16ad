"""Fingerprints of the values a page is rendered from: equal fingerprints, equal pages.

A value's fingerprint is a hash of its `repr()`: the model's value objects are frozen
dataclasses of strings, numbers, dates, paths and tuples, whose repr shows every field. Two
kinds of value are fingerprinted by rule instead:

- a product: its fields, its photos (the renditions a page links to) and its page in the
  catalogue, so a page that shows a product card changes when any of them does. When the
  object came from the parse memo, the memo's key (a hash of everything the parse read)
  stands for its fields, and the photos' cache keys (content and settings) for the photos;
- a hall: its kind, slug, path, category and *which* products it holds in which order, not
  their content (a page that shows a hall's products lists them in its own context, as a
  hall page does with its pagination's products).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from showroom.content.model import Product
from showroom.hashing import digest_text as _hash
from showroom.images.variants import Picture
from showroom.site.structure import Hall


class Fingerprinted(NamedTuple):
    value: object  # kept alive, so that its id is not reused
    digest: str


class Fingerprints:
    """Memoised fingerprints for one build (objects are immutable within a build)."""

    def __init__(
        self,
        pictures: Mapping[str, tuple[Picture, ...]],
        catalogue_pages: Mapping[str, int],
        parse_keys: Mapping[int, str] | None = None,
        photo_keys: Mapping[str, tuple[str, ...]] | None = None,
        earlier: dict[int, Fingerprinted] | None = None,
    ) -> None:
        self._pictures = pictures
        self._catalogue_pages = catalogue_pages
        self._parse_keys = parse_keys or {}
        self._photo_keys = photo_keys or {}
        #: id -> (the object, kept alive; hash). The memo of an earlier build of this process
        #: with the same settings (the catalogue's pages, the photo settings) goes on: its
        #: objects are unchanged, being immutable.
        self.memo: dict[int, Fingerprinted] = {} if earlier is None else earlier
        self.used: set[int] = set()  # the ids this build asked for

    def of(self, value: object) -> str:
        if value is None or isinstance(value, str | int | float | bool):
            return repr(value)
        key = id(value)
        self.used.add(key)
        hit = self.memo.get(key)
        if hit is None or hit.value is not value:
            hit = self.memo[key] = Fingerprinted(value, _hash(self._text(value)))
        return hit.digest

    def pruned(self, limit: int) -> dict[int, Fingerprinted]:
        """The memo to hand the next build: all of it, unless it grew beyond `limit` entries
        (objects of earlier builds, kept alive by it): then what this build used."""
        if len(self.memo) <= limit:
            return self.memo
        return {key: self.memo[key] for key in self.used}

    def of_all(self, values: tuple[object, ...]) -> str:
        return _hash("\0".join(self.of(v) for v in values))

    def _text(self, value: object) -> str:
        parsed = self._parse_keys.get(id(value))
        if isinstance(value, Product):
            page = self._catalogue_pages.get(value.slug)
            photos = self._photo_keys.get(value.slug)
            if parsed is not None and photos is not None:
                return f"product|{parsed}|{photos}|{page}"
            return f"{value!r}|{self._pictures.get(value.slug)!r}|{page}"
        if parsed is not None:
            return f"parsed|{parsed}"
        if isinstance(value, Hall):
            members = ",".join(p.slug for p in value.products)
            return f"hall|{value.kind}|{value.slug}|{value.path}|{value.category!r}|{members}"
        if isinstance(value, tuple | list):
            return "seq|" + "|".join(self.of(item) for item in value)
        if isinstance(value, Mapping):
            return "map|" + "|".join(f"{k!r}={self.of(v)}" for k, v in value.items())
        return repr(value)
