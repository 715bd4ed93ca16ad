"""Category and company files: one YAML file each, named by its slug."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import TypeVar

from showroom.content.entries import Claim
from showroom.content.folders import YAML_SUFFIXES, is_link
from showroom.content.memo import Model, ParseMemo, Read
from showroom.content.model import Category, Company
from showroom.content.reading import Reader
from showroom.content.text import yaml_values
from showroom.fields.nodes import nfc
from showroom.fields.records import Record
from showroom.messages import N_
from showroom.problems import Problems
from showroom.state.reuse import KeptEach, Slot

R = TypeVar("R", Category, Company)

#: Makes the model object of a file from its slug and validated values.
Build = Callable[[str, Mapping[str, object]], R]

#: Each category and company file's parse, kept while the file is the same version.
RECORDS: Slot[KeptEach[Read]] = Slot("category and company files", KeptEach)

_NOTHING = Claim(None, "", ())


def load_records(
    reader: Reader, folder: str, fields: Record, build: Build[R], kind: type[R]
) -> list[R]:
    """The categories or companies (those without errors), in name order."""
    directory = reader.config.content_dir / folder
    if is_link(directory) or is_link(reader.config.content_dir):
        reader.refuse_linked_folder(directory)
        return []
    kept = reader.kept(RECORDS, reader.context)
    return reader.load(directory, kept, _claim, partial(_read, reader, folder, fields, build), kind)


def _claim(reader: Reader, path: Path, problems: Problems) -> Claim:
    """A YAML file (else: skipped; a link or another file is reported) with a slug for name."""
    if path.name.startswith("."):
        return _NOTHING
    if path.is_symlink():
        reader.refuse_link(path, problems)
        return Claim(None, "", tuple(problems.items))
    if path.is_dir():
        return _NOTHING
    shown = reader.display(path)
    if path.suffix not in YAML_SUFFIXES:
        problems.warn(shown, None, "", N_("not a .yml file; ignored"))
        return Claim(None, shown, tuple(problems.items))
    slug = nfc(path.stem)
    ok = reader.slug(slug, shown, problems)
    return Claim(slug if ok else None, shown, tuple(problems.items))


def _read(
    reader: Reader, folder: str, fields: Record, build: Build[R], path: Path, claim: Claim
) -> Read:
    shown, slug = claim.shown, claim.slug
    assert slug is not None  # only a claim of a slug is read

    def key(memo: ParseMemo) -> str:
        return memo.key(folder, shown, slug, memo.files.digest(path), reader.config.languages)

    return reader.memoised(key, partial(_record, path, shown, slug, fields, build))


def _record(
    path: Path, shown: str, slug: str, fields: Record, build: Build[R], problems: Problems
) -> Model | None:
    values = yaml_values(path, shown, fields, problems)
    return None if values is None else build(slug, values)
