"""What a watcher would report, found by comparing two scans of the watched files: the tests
of `serve`'s reuse stand it in for the watcher (showroom/server/watch.py) to say exactly what
changed between two builds, with no waiting for file events."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from showroom.server.watch import ignored

Snapshot = dict[str, tuple[int, int, int]]


def snapshot(paths: Iterable[Path]) -> Snapshot:
    """(mtime, size, inode) of every file under the given files and folders, but those the
    watcher ignores."""
    found: Snapshot = {}
    pending = [os.fspath(p) for p in paths]
    while pending:
        path = pending.pop()
        if os.path.isdir(path):
            with os.scandir(path) as entries:
                for entry in entries:
                    if ignored(entry.name):
                        continue
                    if entry.is_dir():
                        pending.append(entry.path)
                    else:
                        s = entry.stat()
                        found[entry.path] = (s.st_mtime_ns, s.st_size, s.st_ino)
        elif os.path.exists(path):
            st = os.stat(path)
            found[path] = (st.st_mtime_ns, st.st_size, st.st_ino)
    return found


def changes(before: Snapshot, after: Snapshot) -> list[str]:
    """The files added, changed or removed, sorted."""
    return sorted(
        {p for p, sig in after.items() if before.get(p) != sig} | (before.keys() - after.keys())
    )
