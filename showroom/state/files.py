"""Content hashes of input files, remembered by their stat signature (as git's index does).

A remembered hash is reused only when size, mtime, ctime and inode are all unchanged and the
file was not modified within RACY_SECONDS of the moment it was hashed: a write in the same
clock tick as the hash could otherwise go unnoticed (git's "racy clean" problem)."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

#: A file modified this recently before it was hashed is hashed again next time.
RACY_SECONDS = 2.0

Signature = tuple[int, int, int, int]


class FileDigests:
    """sha256 of files; `known` is carried from build to build."""

    def __init__(self, known: dict[str, tuple[Signature, str]] | None = None) -> None:
        self.known: dict[str, tuple[Signature, str]] = dict(known or {})
        self.used: set[str] = set()
        self.hashed = 0  # files read and hashed by this build

    def digest(self, path: Path) -> str:
        name = os.fspath(path)
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
        """Drop the files this build did not look at (deleted or renamed ones)."""
        self.known = {k: v for k, v in self.known.items() if k in self.used}
