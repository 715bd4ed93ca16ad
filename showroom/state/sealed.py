"""A cache entry's list of files with their sizes and sha256 (`.showroom-files.json`, sealed
by a digest of itself), written when the entry is made and checked before every use: each file
must exist with its size, and is hashed again unless its stat signature is the one it had
when it was last hashed and found good (`checks`, kept in the build state)."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import stat
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

from showroom.state.files import RACY_SECONDS

log = logging.getLogger(__name__)

SEAL_FILE = ".showroom-files.json"
HEX64 = re.compile(r"[0-9a-f]{64}")


#: A sealed file as its list gives it: (size, sha256).
Entry = tuple[int, str]


def _seal(files: Mapping[str, object]) -> str:
    return hashlib.sha256(json.dumps(files, sort_keys=True).encode()).hexdigest()


def seal(folder: Path, names: Iterable[str]) -> dict[str, str]:
    """Write the seal of `folder` over its files `names` (relative, POSIX); return each
    file's sha256."""
    files: dict[str, Entry] = {}
    for name in sorted(names):
        with open(folder / name, "rb") as file:
            digest = hashlib.file_digest(file, "sha256").hexdigest()
        files[name] = ((folder / name).stat().st_size, digest)
    (folder / SEAL_FILE).write_text(
        json.dumps({"files": files, "seal": _seal(files)}, indent=0), encoding="utf-8"
    )
    return {name: entry[1] for name, entry in files.items()}


def verified(folder: Path, checks: dict[str, str], key: str) -> dict[str, str] | None:
    """name -> sha256 of every file of the sealed `folder` when all are whole and
    undamaged; else None. `checks[key]` holds the stat signature of the files as last found
    good."""
    files = _sealed_files(folder)
    if files is None:
        return None
    base = os.fspath(folder)
    signatures = _signatures(base, files)
    if signatures is None:
        return None
    signature = hashlib.blake2b(repr(signatures).encode(), digest_size=16).hexdigest()
    if checks.get(key) != signature:
        if not _hashes_match(base, files):
            return None
        newest = max(max(s[1], s[2]) for s in signatures) / 1e9
        if time.time() - newest > RACY_SECONDS:
            checks[key] = signature
        else:
            checks.pop(key, None)
    return {name: digest for name, (_, digest) in files.items()}


def _sealed_files(folder: Path) -> dict[str, Entry] | None:
    """The files the seal file of `folder` lists, if it is whole (its seal right) and every
    entry is a safe relative name with a size and a sha256; else None."""
    try:
        record: object = json.loads((folder / SEAL_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if type(record) is not dict:
        return None
    files = record.get("files")
    if type(files) is not dict or not files or record.get("seal") != _seal(files):
        return None
    entries: dict[str, Entry] = {}
    for name, listed in files.items():
        entry = _entry(name, listed)
        if entry is None:
            return None
        entries[name] = entry
    return entries


def _entry(name: object, listed: object) -> Entry | None:
    """`[size, sha256]` of a file with a safe relative name, else None."""
    if not _safe_name(name) or type(listed) is not list or len(listed) != 2:
        return None
    size, digest = listed
    if type(size) is not int or type(digest) is not str or not HEX64.fullmatch(digest):
        return None
    return size, digest


def _signatures(base: str, files: dict[str, Entry]) -> list[tuple[int, int, int, int]] | None:
    """The stat signature of each file, if each is a regular file of its listed size."""
    signatures = []
    for name, (size, _) in files.items():
        try:
            st = os.stat(f"{base}/{name}", follow_symlinks=False)
        except OSError:
            return None
        if not stat.S_ISREG(st.st_mode) or st.st_size != size:
            return None
        signatures.append((st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino))
    return signatures


def _hashes_match(base: str, files: dict[str, Entry]) -> bool:
    for name, (_, digest) in files.items():
        with open(f"{base}/{name}", "rb") as file:
            if hashlib.file_digest(file, "sha256").hexdigest() != digest:
                return False
    return True


def _safe_name(name: object) -> bool:
    if type(name) is not str or not name or name.startswith("/") or "\\" in name:
        return False
    return all(part not in ("", ".", "..") for part in name.split("/"))


def remove(folder: Path, checks: dict[str, str], key: str, why: str) -> None:
    """Remove a damaged entry so that it is made again."""
    log.info("cache: %s is missing or damaged (%s); making it again", folder, why)
    checks.pop(key, None)
    if folder.is_symlink() or folder.is_file():
        folder.unlink()
    elif folder.is_dir():
        shutil.rmtree(folder, ignore_errors=True)
