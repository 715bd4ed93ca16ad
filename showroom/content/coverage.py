"""How much of the content is translated: for each language after the default one, and for
each kind (products, companies, categories), the objects translated fully, partly and not at
all, with the fields each of the others lacks; and the requirement of a language
(`--require-translation en`): each field it lacks an error at the file and line of the text
to translate.

Drafts are not counted and not required: a draft is where a product is written and
translated before it is published."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from showroom.config import Config
from showroom.content.folders import YAML_SUFFIXES
from showroom.content.locate import Source, field_lines
from showroom.content.model import Category, Company, Content, Product
from showroom.content.text import shown_path
from showroom.content.translations import Translation, localised, translation_of
from showroom.fields.nodes import nfc
from showroom.messages import N_
from showroom.problems import Problems

#: The kinds of translated content, in the order a report names them.
KINDS = ("products", "companies", "categories")


@dataclass(frozen=True, slots=True)
class Untranslated:
    """An object with text not translated into a language: its file, and the fields missing
    as the file names them (`summary`, `images[0].alt`; a product's description:
    `index.en.md`)."""

    path: str  # as problems show it
    source: Path
    missing: tuple[str, ...]
    none: bool  # nothing of it is translated


@dataclass(frozen=True, slots=True)
class KindCoverage:
    """One kind's objects in one language: how many, and those not fully translated."""

    kind: str
    total: int
    untranslated: tuple[Untranslated, ...]

    @property
    def full(self) -> int:
        return self.total - len(self.untranslated)

    @property
    def none(self) -> int:
        return sum(u.none for u in self.untranslated)

    @property
    def partly(self) -> int:
        return len(self.untranslated) - self.none


@dataclass(frozen=True, slots=True)
class Coverage:
    """A language's coverage, kind by kind (in the order of `KINDS`)."""

    language: str
    kinds: tuple[KindCoverage, ...]

    @property
    def complete(self) -> bool:
        return not any(kind.untranslated for kind in self.kinds)


def translation_coverage(config: Config, content: Content) -> tuple[Coverage, ...]:
    """The coverage of each language after the default one (none for a site in one)."""
    located: dict[str, list[_Located]] = {
        "products": [(p, p.source, p.source_display) for p in content.products if not p.draft],
        "companies": _records(config, "companies", content.companies),
        "categories": _records(config, "categories", content.categories),
    }
    default = config.languages[0]
    result = []
    for language in config.languages[1:]:
        kinds = tuple(_kind(kind, language, default, located[kind]) for kind in KINDS)
        result.append(Coverage(language, kinds))
    return tuple(result)


#: An object with the file it was read from, and that file as problems show it.
_Located = tuple[Product | Company | Category, Path, str]


def _kind(kind: str, language: str, default: str, objects: Sequence[_Located]) -> KindCoverage:
    total = 0
    untranslated = []
    for obj, source, shown in objects:
        total += 1
        fallback = localised(obj, language, default).fallback
        if fallback:
            missing = tuple(_file_name(name, language) for name in fallback)
            none = _nothing_translated(translation_of(obj, language), language)
            untranslated.append(Untranslated(shown, source, missing, none))
    return KindCoverage(kind, total, tuple(untranslated))


def _file_name(field: str, language: str) -> str:
    """A fallen-back field as an editor finds it: a product's description is a file."""
    return f"index.{language}.md" if field == "body_markdown" else field


def _nothing_translated(translation: Translation | None, language: str) -> bool:
    return translation is None or translation == Translation(language)


def _records(config: Config, folder: str, records: Sequence[Category | Company]) -> list[_Located]:
    """Categories or companies with their files (named by their slugs, .yml or .yaml)."""
    directory = config.content_dir / folder
    files: dict[str, Path] = {}
    if directory.is_dir():
        for path in sorted(directory.iterdir()):
            if path.suffix in YAML_SUFFIXES:
                files.setdefault(nfc(path.stem), path)
    located: list[_Located] = []
    for record in records:
        path = files.get(record.slug, directory / f"{record.slug}.yml")
        located.append((record, path, shown_path(path, config.root)))
    return located


def require_translations(
    coverage: Sequence[Coverage], languages: Sequence[str], problems: Problems
) -> None:
    """An error for each field that a language of `languages` lacks, at the line of the text
    to translate (`en.summary` at `summary:`; a description at the body's first line)."""
    for found in coverage:
        if found.language not in languages:
            continue
        for kind in found.kinds:
            for item in kind.untranslated:
                _report(item, found.language, kind.kind == "products", problems)


def _report(item: Untranslated, language: str, markdown: bool, problems: Problems) -> None:
    lines = field_lines(Source(item.source, item.path, markdown))
    body = _file_name("body_markdown", language)
    for name in item.missing:
        if name == body:
            message = N_(
                "no description in {language} (--require-translation {language}): write it in "
                "{file} beside index.md; until then this body is shown"
            ).format(language=language, file=body)
            problems.error(item.path, lines.get("body"), body, message)
        else:
            message = N_(
                "no translation into {language} (--require-translation {language}): give it in "
                "the `{language}:` block; until then this text is shown"
            ).format(language=language)
            problems.error(item.path, lines.get(name), f"{language}.{name}", message)
