"""A category's, company's or product's text in the languages after the default one (its
`en:` block, a product's index.en.md), and the view of it in one language with the default
language's text where a field is not translated."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Generic, Protocol, TypeVar


@dataclass(frozen=True, slots=True)
class ImageText:
    """A photo's words in a language ("": not translated)."""

    alt: str = ""
    caption: str = ""


#: A translated field's value, of the type of the field it translates.
TextValue = str | tuple[str, ...] | tuple[tuple[str, str], ...] | tuple[ImageText, ...]


@dataclass(frozen=True, slots=True)
class Translation:
    """One language's text, by the model's field names ("" or (): not given, the default
    language's is shown); `body_markdown` is a product's index.<language>.md."""

    language: str
    name: str = ""
    summary: str = ""
    spec: str = ""
    address: str = ""
    description: str = ""
    usage: str = ""
    features: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    specs: tuple[tuple[str, str], ...] = ()
    images: tuple[ImageText, ...] = ()
    body_markdown: str = ""

    def get(self, name: str) -> TextValue | None:
        """The field's translation, None when not given."""
        value: TextValue = getattr(self, name)
        return value or None


class Translated(Protocol):
    @property
    def translations(self) -> tuple[Translation, ...]: ...

    @property
    def fallback(self) -> tuple[str, ...]: ...


T = TypeVar("T", bound=Translated)

#: The fields of each kind of model object that have a translation.
TRANSLATED: Mapping[str, tuple[str, ...]] = {
    "Category": ("name", "description"),
    "Company": ("name", "address", "description"),
    "Product": (
        "name", "summary", "spec", "features", "usage", "keywords", "specs", "images",
        "body_markdown",
    ),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Localised(Generic[T]):
    """An object as shown in one language, and which of its translatable fields fell back
    to the default language (a photo's words: `images[0].alt`)."""

    value: T
    language: str
    fallback: tuple[str, ...]


def translation_of(obj: Translated, language: str) -> Translation | None:
    return next((t for t in obj.translations if t.language == language), None)


def localised(obj: T, language: str, default: str) -> Localised[T]:
    """`obj` in `language`: each field translated where the translation gives it, else as
    it is (in the `default` language, whose text is the object's own: nothing falls back)."""
    if language == default:
        return Localised(obj, language, ())
    names = TRANSLATED[type(obj).__name__]
    found = translation_of(obj, language)
    changes: dict[str, object] = {}
    fallback: list[str] = []
    for name in names:
        value = found.get(name) if found is not None else None
        own = getattr(obj, name)
        if name == "images":
            changes[name], missing = _images(own, value)
            fallback += missing
        elif value is None or value in ("", ()):
            if own:
                fallback.append(name)
        else:
            changes[name] = value
    changes["fallback"] = tuple(fallback)
    return Localised(replace(obj, **changes), language, tuple(fallback))  # type: ignore[type-var]


def _images(
    images: tuple[object, ...], words: TextValue | None
) -> tuple[tuple[object, ...], list[str]]:
    """The photos with their translated words, and the words that fell back."""
    given = words if isinstance(words, tuple) else ()
    result: list[object] = []
    missing: list[str] = []
    for number, image in enumerate(images):
        text = given[number] if number < len(given) else ImageText()
        assert isinstance(text, ImageText)
        changes = {}
        for name in (f.name for f in fields(ImageText)):
            value = getattr(text, name)
            if value:
                changes[name] = value
            elif getattr(image, name):
                missing.append(f"images[{number}].{name}")
        result.append(replace(image, **changes) if changes else image)  # type: ignore[type-var]
    return tuple(result), missing
