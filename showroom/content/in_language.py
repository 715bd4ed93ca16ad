"""The content as the pages of one language show it: each category, company and product
localised (see `translations.localised`), the companies in the order of their names there
(`collation.by_name_in`).
A long-running process keeps each localised object while its source is the very same
object, so that what is unchanged stays the very same objects in every language.

A localised object is a function of its source and the language alone, so it has a key as its
source has one in the parse memo (`content.memo`): the digest of its fields, kept on disk by
the language and the source's key (`ViewKeys`). The pages' fingerprints and the search
records' keys then cost a look-up, in a new process too, and change exactly when what the
language shows changes (an edit of a Korean field that is translated leaves it as it was)."""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from typing import TypeVar

from showroom import collation
from showroom.content.model import Category, Company, Content, Product
from showroom.content.translations import localised
from showroom.hashing import digest_text
from showroom.state.reuse import Slot

T = TypeVar("T", Category, Company, Product)

_NAME = operator.attrgetter("name")


class ViewKeys:
    """The digest of each object's fields as a language shows them, by the language and the
    source's parse key: those of the last build (`known`, from the build state) and this
    build's (`used`)."""

    def __init__(self, known: dict[str, str] | None = None) -> None:
        self.known = {} if known is None else known
        self.used: dict[str, str] = {}

    def of(self, name: str, view: Callable[[], object]) -> str:
        """The key of `view()` under `name` (the language, the default one and the source's
        parse key), made only when it is not known."""
        found = self.known.get(name)
        if found is None:
            found = digest_text(repr(view()))
        self.used[name] = found
        return found


def own_keys(
    content: Content, default: str, key_of: dict[int, str], views: ViewKeys
) -> dict[int, str]:
    """The keys of the objects as the default language's pages show them: the parse keys,
    but for an object with translations, the digest of its fields without them, so that an
    edit of its text in another language leaves the default language's pages as they were
    (no template reads `translations`)."""
    own: dict[int, str] = {}
    every: tuple[Category | Company | Product, ...]
    every = (*content.categories, *content.companies, *content.products)
    for obj in every:
        key = key_of.get(id(obj)) if obj.translations else None
        if key is not None:
            name = f"{default}|{default}|{key}"
            own[id(obj)] = views.of(name, partial(replace, obj, translations=()))
    return {**key_of, **own} if own else key_of


class _Entry:
    """A source, its localised object, and the latter's key (see `ViewKeys`; "" until known)."""

    __slots__ = ("key", "name", "source", "value")

    def __init__(self, source: object, value: object) -> None:
        self.source, self.value, self.name, self.key = source, value, "", ""


class LocalisedObjects:
    """The localised objects of the last build, by the identity of their source."""

    def __init__(self) -> None:
        self._kept: dict[int, _Entry] = {}

    def of(
        self, items: Sequence[T], language: str, default: str, keys: _Keys | None = None
    ) -> tuple[T, ...]:
        """The localised `items`; with `keys`, the key of each one whose source has a parse
        key is put among the parse keys too (a source kept from the last build is the same
        parse: its key is the one found then)."""
        found: list[T] = []
        kept = self._kept
        for obj in items:
            entry = kept.get(id(obj))
            if entry is None or entry.source is not obj:
                entry = kept[id(obj)] = _Entry(obj, localised(obj, language, default).value)
            if keys is not None:
                if entry.name:
                    keys[1].used[entry.name] = entry.key
                    keys[0][id(entry.value)] = entry.key
                else:
                    _find_key(entry, language, default, keys)
            found.append(entry.value)  # type: ignore[arg-type]  # the type of its source
        return tuple(found)

    def pairs(self) -> list[tuple[object, object]]:
        """(source, its localised object) for each object kept."""
        return [(entry.source, entry.value) for entry in self._kept.values()]

    def keep_only(self, *groups: Sequence[object]) -> None:
        """Forget the objects not among `groups` (the content of this build)."""
        ids = {id(obj) for group in groups for obj in group}
        self._kept = {k: v for k, v in self._kept.items() if k in ids}


def _find_key(entry: _Entry, language: str, default: str, keys: _Keys) -> None:
    """The key of a localised object whose source has a parse key, among the parse keys."""
    key = keys[0].get(id(entry.source))
    if key is not None:
        value = entry.value
        entry.name = f"{language}|{default}|{key}"
        entry.key = keys[1].of(entry.name, lambda: value)
        keys[0][id(value)] = entry.key


#: The parse keys by id (`ParseMemo.key_of`) and the localised objects' keys.
_Keys = tuple[dict[int, str], ViewKeys]


def name_in_default(obj: Category | Company | Product) -> bool:
    """Whether a localised object's name is shown in the default language (not translated)."""
    return "name" in obj.fallback


#: A language's localised objects, kept by a long-running process.
LOCALISED: Slot[LocalisedObjects] = Slot("localised objects", LocalisedObjects)


def content_in(
    content: Content,
    language: str,
    default: str,
    kept: LocalisedObjects,
    keys: _Keys | None = None,
) -> Content:
    """`content` in `language` (the default language: `content` itself). `keys`: the parse
    keys of the objects by id, to which the localised objects' keys are added (see
    `ViewKeys`)."""
    if language == default:
        return content
    companies = kept.of(content.companies, language, default, keys)
    result = replace(
        content,
        categories=kept.of(content.categories, language, default, keys),
        companies=collation.by_name_in(language, companies, _NAME, name_in_default),
        products=kept.of(content.products, language, default, keys),
        # A draft shown is the very same object among the products (one per source).
        drafts=kept.of(content.drafts, language, default),
    )
    kept.keep_only(content.categories, content.companies, content.products, content.drafts)
    return result
