"""The search synonyms file, content/search/synonyms.yml: optional, validated like every
content file (each problem with its file, line and field), read into `Synonyms`."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from pathlib import Path
from typing import cast

from showroom.content import declarations
from showroom.content.folders import is_link
from showroom.content.model import SynonymGroup, Synonyms
from showroom.content.reading import Reader
from showroom.content.text import yaml_values
from showroom.problems import Problem, Problems
from showroom.state.reuse import Kept, Slot

#: Where the file is, under the content folder.
SYNONYMS_PATH = ("search", "synonyms.yml")

#: The file's groups and problems, kept while the file is the same version (serve).
SYNONYMS_READ: Slot[Kept[tuple[Synonyms, tuple[Problem, ...]]]] = Slot("search synonyms file", Kept)


def synonyms_file(content_dir: Path) -> Path:
    return content_dir.joinpath(*SYNONYMS_PATH)


def load_synonyms(reader: Reader) -> Synonyms:
    """The synonym groups (none when the file is missing or has errors, which are reported)."""
    path = synonyms_file(reader.config.content_dir)
    kept = reader.kept(SYNONYMS_READ, reader.context)
    version = reader.version(path)
    synonyms, problems = kept.get("synonyms", (version,), partial(_read, reader, path))
    reader.problems.extend(problems)
    return synonyms


def _read(reader: Reader, path: Path) -> tuple[Synonyms, tuple[Problem, ...]]:
    problems = Problems()
    if is_link(path.parent) or is_link(path):
        reader.refuse_link(path.parent if is_link(path.parent) else path, problems)
        return Synonyms(), tuple(problems.items)
    if not path.is_file():
        return Synonyms(), ()
    shown = reader.display(path)
    synonyms = _parse(path, shown, problems)
    return synonyms or Synonyms(), tuple(problems.items)


def _parse(path: Path, shown: str, problems: Problems) -> Synonyms | None:
    values = yaml_values(path, shown, declarations.SYNONYMS, problems)
    if values is None:
        return None
    groups = cast("tuple[Mapping[str, tuple[str, ...]], ...]", values["groups"])
    return Synonyms(tuple(SynonymGroup(g["terms"], g.get("finds", ())) for g in groups))
