"""The image cache: one folder per photo and parameters, outside the output, reused by every
build and every output folder. Entries are written whole (a rename) and never changed by
Showroom; anyone else may have changed them, so an entry is verified before use: its manifest
(sealed, naming its key, every file with its size and sha256) and each file against it. A
file hashed before is trusted by its stat signature (as FileDigests does for sources)."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import stat
import time
from collections.abc import Iterable
from pathlib import Path
from typing import NotRequired, TypedDict, TypeGuard

from showroom.images.encode import MANIFEST, seal_of
from showroom.state.cache_folders import IMAGES, claim, is_marked
from showroom.state.files import RACY_SECONDS

log = logging.getLogger(__name__)

KEY = re.compile(r"[0-9a-f]{32}")
FILE_NAME = re.compile(r"(print|web|card)[1-9][0-9]*\.(webp|jpg|png)")
HEX64 = re.compile(r"[0-9a-f]{64}")


class ImageCache:
    def __init__(self, folder: Path, checks: dict[str, str] | None = None) -> None:
        self.folder = folder
        #: key -> signature of the entry's files when they were last hashed and found good
        #: (kept in the build state; a forged one only spares the hashing of files whose
        #: stat signature it guessed)
        self.checks: dict[str, str] = {} if checks is None else checks
        self.changed = False  # whether `checks` changed

    def entry(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def file(self, key: str, name: str) -> Path:
        return self.entry(key) / name

    def claim(self) -> None:
        """Before writing: the folder is Showroom's (see cache_folders.claim)."""
        claim(self.folder, IMAGES)

    def manifest(self, key: str) -> Manifest | None:
        """The manifest of a complete entry, or None if it is missing, unreadable or not a
        valid manifest of this key."""
        try:
            data: object = json.loads((self.entry(key) / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if valid_manifest(data, key) else None

    def verified(self, key: str, known: object = None) -> dict[str, object] | None:
        """The manifest of the entry `key` when the entry is whole and undamaged, else None
        (the entry is then removed, to be encoded again). `known` is the manifest the build
        state remembers for it, if any."""
        # The state file is sealed as a whole: its manifests need no seal of their own.
        manifest = known if valid_manifest(known, key, sealed=False) else self.manifest(key)
        if manifest is None:
            self.remove(key)
            return None
        entry = os.fspath(self.entry(key))
        signatures = self._signatures(key, entry, manifest["files"])
        if signatures is None:
            return None
        signature = hashlib.blake2b(repr(signatures).encode(), digest_size=16).hexdigest()
        if self.checks.get(key) == signature:
            return dict(manifest)
        if not self._hashes_match(key, entry, manifest["files"]):
            return None
        newest = max(max(s[1], s[2]) for s in signatures) / 1e9 if signatures else 0
        if time.time() - newest > RACY_SECONDS:
            self.checks[key] = signature
            self.changed = True
        return dict(manifest)

    def _signatures(
        self, key: str, entry: str, files: list[ManifestFile]
    ) -> list[tuple[int, int, int, int]] | None:
        """The stat signature of each file, if each is a regular file of its listed size
        (else the entry is removed)."""
        signatures = []
        for f in files:
            try:
                st = os.stat(f"{entry}/{f['name']}", follow_symlinks=False)
            except OSError:
                self._damaged(key, f"{f['name']} is missing")
                return None
            if not stat.S_ISREG(st.st_mode) or st.st_size != f["size"]:
                self._damaged(key, f"{f['name']} is not the file made")
                return None
            signatures.append((st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino))
        return signatures

    def _hashes_match(self, key: str, entry: str, files: list[ManifestFile]) -> bool:
        """Whether every file has its listed sha256 (else the entry is removed)."""
        for f in files:
            with open(f"{entry}/{f['name']}", "rb") as file:
                if hashlib.file_digest(file, "sha256").hexdigest() != f["sha256"]:
                    self._damaged(key, f"{f['name']} is damaged")
                    return False
        return True

    def _damaged(self, key: str, why: str) -> None:
        log.info("image cache: entry %s %s; encoding it again", key, why)
        self.remove(key)

    def remove(self, key: str) -> None:
        """Remove the entry `key` (whatever it is) so that it can be made again."""
        if self.checks.pop(key, None) is not None:
            self.changed = True
        entry = self.entry(key)
        if entry.is_symlink() or entry.is_file():
            entry.unlink()
        elif entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)

    def prune(self, keep: Iterable[str]) -> tuple[int, int]:
        """Remove every entry Showroom made that is not in `keep`; return (entries removed,
        bytes freed). Only in a folder marked as Showroom's, only folders named as its
        entries are (`xx/<key>` with a manifest of that key); nothing else is touched."""
        wanted = set(keep)
        removed = freed = 0
        if not self.folder.is_dir() or self.folder.is_symlink() or not is_marked(self.folder):
            return 0, 0
        for shard in sorted(self.folder.iterdir()):
            if not _is_shard(shard):
                continue
            for entry in sorted(shard.iterdir()):
                if entry.name not in wanted and self._made_here(shard, entry):
                    freed += _size_of(entry)
                    shutil.rmtree(entry, ignore_errors=True)
                    removed += 1
            if not any(shard.iterdir()):
                shard.rmdir()
        return removed, freed

    def _made_here(self, shard: Path, entry: Path) -> bool:
        """Whether `entry` in `shard` is an entry as Showroom makes them: a folder named by its
        key, in the shard of the key's first two digits, with a manifest of that key."""
        name = entry.name
        if not KEY.fullmatch(name) or name[:2] != shard.name:
            return False
        return not entry.is_symlink() and entry.is_dir() and self.manifest(name) is not None


class ManifestFile(TypedDict):
    """One file of a cache entry, as its manifest lists it."""

    name: str
    role: str
    format: str
    width: int
    height: int
    size: int
    sha256: str


class Manifest(TypedDict):
    """A cache entry's manifest, as encode() writes it."""

    key: str
    width: int
    height: int
    files: list[ManifestFile]
    seal: NotRequired[str]


_ROLES = ("print", "web", "card")
_FORMATS = ("webp", "jpeg", "png")


def valid_manifest(data: object, key: str, sealed: bool = True) -> TypeGuard[Manifest]:
    """Whether `data` is a manifest as encode() writes it, for the entry `key` (and, when
    `sealed`, whether its seal is right: a manifest read from the entry's own file)."""
    if type(data) is not dict or data.get("key") != key:
        return False
    if sealed and data.get("seal") != seal_of(data):
        return False
    if not _dimension(data.get("width")) or not _dimension(data.get("height")):
        return False
    return _valid_files(data.get("files"))


def _valid_files(files: object) -> bool:
    """A list of at least one file, each valid, no two of the same name."""
    if type(files) is not list or not files:
        return False
    names = set()
    for f in files:
        if not _valid_file(f):
            return False
        names.add(f["name"])
    return len(names) == len(files)


def _valid_file(f: object) -> bool:
    if type(f) is not dict or not FILE_NAME.fullmatch(str(f.get("name"))):
        return False
    if f.get("role") not in _ROLES or f.get("format") not in _FORMATS:
        return False
    if not (_dimension(f.get("width")) and _dimension(f.get("height"))):
        return False
    return type(f.get("size")) is int and HEX64.fullmatch(str(f.get("sha256"))) is not None


def _is_shard(path: Path) -> bool:
    """A folder of entries (named by the first two digits of their keys), not a link."""
    return bool(IMAGES.entries.fullmatch(path.name)) and not path.is_symlink() and path.is_dir()


def _size_of(entry: Path) -> int:
    return sum(f.stat().st_size for f in entry.rglob("*") if f.is_file())


def _dimension(value: object) -> bool:
    return type(value) is int and 0 < value < 1_000_000
