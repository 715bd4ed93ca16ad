"""Content hashes of input files, remembered by their stat signature (as git's index does).

A remembered hash is reused only when size, mtime, ctime and inode are all unchanged and the
file was not modified within RACY_SECONDS of the moment it was hashed: a write in the same
clock tick as the hash could otherwise go unnoticed (git's "racy clean" problem)."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import cast

#: A file modified this recently before it was hashed is hashed again next time.
RACY_SECONDS = 2.0

Signature = tuple[int, int, int, int]


class Unchanged:
    """What a watcher saw unchanged since the last successful build: every file under `roots`
    except the `changed` ones, and every folder that holds none of them."""

    def __init__(self, roots: Iterable[Path], changed: Iterable[str]) -> None:
        self.roots = tuple(os.path.join(os.fspath(r), "") for r in roots)
        self.changed = set(changed)
        self.folders: set[str] = set()
        for path in self.changed:
            parent = os.path.dirname(path)
            while parent and parent not in self.folders and len(parent) > 1:
                self.folders.add(parent)
                parent = os.path.dirname(parent)

    def file(self, path: str) -> bool:
        return path.startswith(self.roots) and path not in self.changed

    def folder(self, path: str) -> bool:
        return path.startswith(self.roots) and path not in self.folders and path not in self.changed


class Version:
    """What one path holds (a file, or a folder and everything under it), as an object that
    kept work names among its inputs (see `reuse.Kept`): the same object from build to build
    while a watcher saw nothing change there, a new one otherwise (see `Versions`)."""

    __slots__ = ()


class Versions:
    """The version of each path, kept by a long-running process: `follow` tells it what the
    watcher saw at the start of each build."""

    def __init__(self) -> None:
        self._known: dict[str, Version] = {}
        self._roots: tuple[str, ...] = ()  # what the watcher watches: nothing, at first
        self._asked: set[str] = set()

    def follow(self, unchanged: Unchanged | None) -> None:
        """New versions for what changed since the last successful build (a path that
        changed, and the folders that hold it); without a watcher, for everything."""
        if unchanged is None:
            self._known.clear()
            self._roots = ()
            return
        self._roots = unchanged.roots
        known = self._known
        for path in (*unchanged.changed, *unchanged.folders):
            if path in known:
                known[path] = Version()

    def of(self, path: str) -> Version:
        """The version of `path`: the one given last time, unless the path changed since."""
        self._asked.add(path)
        version = self._known.get(path)
        if version is None or not path.startswith(self._roots):  # a path no one watches
            version = self._known[path] = Version()
        return version

    def of_all(self, folder: str, paths: Sequence[str]) -> list[Version]:
        """The versions of the entries `paths` of `folder`: as `of`, at once."""
        known = self._known
        self._asked.update(paths)
        if not os.path.join(folder, "").startswith(self._roots):
            for path in paths:
                known[path] = Version()
        found = list(map(known.get, paths))
        if None in found:
            found = [
                known.setdefault(p, Version()) if v is None else v
                for p, v in zip(paths, found, strict=True)
            ]
        return cast("list[Version]", found)

    def sweep(self) -> None:
        """Forget the paths not asked for since the last sweep (deleted files and folders)."""
        if len(self._asked) < len(self._known):
            self._known = {k: v for k, v in self._known.items() if k in self._asked}
        self._asked = set()


class FileDigests:
    """sha256 of files; `known` is carried from build to build."""

    def __init__(
        self,
        known: dict[str, tuple[Signature, str]] | None = None,
        unchanged: Unchanged | None = None,
    ) -> None:
        self.known: dict[str, tuple[Signature, str]] = dict(known or {})
        self.unchanged = unchanged
        self.used: set[str] = set()
        self.hashed = 0  # files read and hashed by this build

    def digest(self, path: Path | str) -> str:
        name = os.fspath(path)
        if self.unchanged is not None and self.unchanged.file(name):
            known = self.known.get(name)
            if known is not None:
                self.used.add(name)
                return known[1]
        st = os.stat(name)
        signature = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
        self.used.add(name)
        hit = self.known.get(name)
        if hit is not None and hit[0] == signature:
            return hit[1]
        with open(name, "rb") as file:
            digest = hashlib.file_digest(file, "sha256").hexdigest()
        self.hashed += 1
        newest = max(st.st_mtime_ns, st.st_ctime_ns) / 1e9
        if time.time() - newest > RACY_SECONDS:
            self.known[name] = (signature, digest)
        else:
            self.known.pop(name, None)
        return digest

    def forget_unused(self) -> None:
        """Drop the files this build did not look at (deleted or renamed ones). After a
        build with a watcher, only what it saw change can be gone: the files it did not look
        at are still what they were, and the next build (or `showroom build` after `serve`)
        must not hash them all again."""
        if self.unchanged is not None:
            for name in self.unchanged.changed - self.used:
                self.known.pop(name, None)
            return
        self.known = {k: v for k, v in self.known.items() if k in self.used}
