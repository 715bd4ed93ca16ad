"""The content as the pages of one language show it: each category, company and product
localised (see `translations.localised`), the companies in the order of their names there
(`collation.by_name_in`).
A long-running process keeps each localised object while its source is the very same
object, so that what is unchanged stays the very same objects in every language."""

from __future__ import annotations

import operator
from collections.abc import Sequence
from dataclasses import replace
from typing import TypeVar

from showroom import collation
from showroom.content.model import Category, Company, Content, Product
from showroom.content.translations import localised
from showroom.state.reuse import Slot

T = TypeVar("T", Category, Company, Product)

_NAME = operator.attrgetter("name")


class LocalisedObjects:
    """The localised objects of the last build, by the identity of their source."""

    def __init__(self) -> None:
        self._kept: dict[int, tuple[object, object]] = {}

    def of(self, items: Sequence[T], language: str, default: str) -> tuple[T, ...]:
        found: list[T] = []
        for obj in items:
            entry = self._kept.get(id(obj))
            if entry is None or entry[0] is not obj:
                entry = self._kept[id(obj)] = (obj, localised(obj, language, default).value)
            value = entry[1]
            assert isinstance(value, type(obj))
            found.append(value)
        return tuple(found)

    def pairs(self) -> list[tuple[object, object]]:
        """(source, its localised object) for each object kept."""
        return list(self._kept.values())

    def keep_only(self, *groups: Sequence[object]) -> None:
        """Forget the objects not among `groups` (the content of this build)."""
        ids = {id(obj) for group in groups for obj in group}
        self._kept = {k: v for k, v in self._kept.items() if k in ids}


def name_in_default(obj: Category | Company | Product) -> bool:
    """Whether a localised object's name is shown in the default language (not translated)."""
    return "name" in obj.fallback


#: A language's localised objects, kept by a long-running process.
LOCALISED: Slot[LocalisedObjects] = Slot("localised objects", LocalisedObjects)


def content_in(content: Content, language: str, default: str, kept: LocalisedObjects) -> Content:
    """`content` in `language` (the default language: `content` itself)."""
    if language == default:
        return content
    companies = kept.of(content.companies, language, default)
    result = replace(
        content,
        categories=kept.of(content.categories, language, default),
        companies=collation.by_name_in(language, companies, _NAME, name_in_default),
        products=kept.of(content.products, language, default),
        # A draft shown is the very same object among the products (one per source).
        drafts=kept.of(content.drafts, language, default),
    )
    kept.keep_only(content.categories, content.companies, content.products, content.drafts)
    return result
