"""The folders of content/ as the loader walks them: a folder's names, its entries in name
order, every file of a product folder; links are found and refused, never followed."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from showroom.fields.nodes import nfc
from showroom.messages import N_

YAML_SUFFIXES = (".yml", ".yaml")

LINK_ADVICE = N_("put the file itself here instead of a link")
LINK_MESSAGE = N_(
    "this is a symbolic link, which content may not hold (it was not followed or read); "
    "put the file or folder itself here"
)
#: What stands for a link's content in the parse memo's key: its target is never read.
LINK_DIGEST = "symbolic link"


@dataclass(frozen=True, slots=True)
class Names:
    """The names in a folder, as the system lists them (none when there is no folder)."""

    names: tuple[str, ...]


def names_in(directory: Path) -> Names:
    try:
        return Names(tuple(os.listdir(directory)))
    except (FileNotFoundError, NotADirectoryError):
        return Names(())


def sorted_entries(directory: Path, names: Names) -> tuple[Path, ...]:
    """The entries of a folder in NFC name order."""
    return tuple(sorted((directory / name for name in names.names), key=lambda p: nfc(p.name)))


@dataclass(frozen=True, slots=True)
class FolderFiles:
    """Every file and link under a product folder by its NFC path relative to the folder,
    and the names of the links among them (none is followed)."""

    files: dict[str, Path]
    links: frozenset[str]


def files_in(folder: Path) -> FolderFiles:
    files: dict[str, Path] = {}
    links: set[str] = set()
    for relative, link in _walk(os.fspath(folder), ""):
        name = nfc(relative)
        files[name] = folder / relative
        if link:
            links.add(name)
    return FolderFiles(files, frozenset(links))


def _walk(folder: str, prefix: str) -> Iterator[tuple[str, bool]]:
    """Relative paths ('/'-separated) of the files and links under a folder, sorted,
    following no links."""
    with os.scandir(folder) as scan:
        entries = sorted(scan, key=lambda e: e.name)
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(entry.path, f"{prefix}{entry.name}/")
            continue
        yield prefix + entry.name, entry.is_symlink()  # a file, or a link to be refused


def is_link(path: Path) -> bool:
    return path.is_symlink()


def read_bytes(path: Path) -> bytes:
    """A file of a product folder, never through a link (checked just before; O_NOFOLLOW
    closes the gap between that check and this read)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError:
        return b""
    with os.fdopen(descriptor, "rb") as file:
        return file.read()
