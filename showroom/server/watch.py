"""Notice changed input files through watchfiles, and report a burst of saves as one change.

watchfiles (the Rust `notify` crate) listens to the system's own file events on every system
editors use: inotify on Linux, FSEvents on macOS, ReadDirectoryChangesW on Windows; it polls
where events do not arrive (WSL's Windows drives, or with WATCHFILES_FORCE_POLLING=1 for a
network or container folder). No scan of the showroom's files is made while nothing changes.
It groups events itself: a change is reported once `QUIET_MS` passed without another one
(a `git checkout`, a photo copied in pieces), or after `LONGEST_MS` of steady changes."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Generator, Iterable
from pathlib import Path

import watchfiles

log = logging.getLogger(__name__)

#: Editor scratch files that are not content.
IGNORED_SUFFIXES = (".swp", ".swx", ".tmp", "~", ".part", ".crdownload")
QUIET_MS = 30
LONGEST_MS = 1600
#: How often waiting looks at the stop event (watchfiles returns empty-handed this often).
TICK_MS = 200
#: watchfiles' time between two scans when it polls (its WATCHFILES_POLL_DELAY_MS).
POLL_DELAY_MS = 300


def ignored(name: str) -> bool:
    return name.startswith((".", "#")) or name.endswith(IGNORED_SUFFIXES)


class Watcher:
    """Watches files and folders (recursively) from the moment it is made; wait() returns
    what changed since the last wait(), once it has settled."""

    def __init__(self, paths: Iterable[Path], force_polling: bool | None = None) -> None:
        self.paths = tuple(paths)
        #: Polling, when asked here or by WATCHFILES_FORCE_POLLING (None: watchfiles decides,
        #: as it does for WSL's Windows drives).
        self.force_polling = _polling() if force_polling is None else force_polling
        #: Each watched path as the system may report it (macOS gives /private/var for /var).
        self._real = {os.fspath(p.resolve()): os.fspath(p) for p in self.paths}
        #: The files watched by themselves (showroom.yml): a watch on a file is lost when an
        #: editor saves by writing a new file over the old, so a change to one starts again.
        self._files = {os.fspath(p) for p in self.paths if p.is_file()}
        self._closed = threading.Event()
        self._events: Generator[set[tuple[watchfiles.Change, str]], None, None] | None = None
        self._pending: set[str] = set()
        self._start()

    def _start(self) -> None:
        present = [p for p in self.paths if p.exists()]  # watchfiles refuses a missing path
        if not present:
            return
        self._events = watchfiles.watch(
            *present,
            watch_filter=self._wanted,
            debounce=LONGEST_MS,
            # Polling sees a burst only scan by scan: quiet means a whole scan without changes.
            step=QUIET_MS + (_poll_delay_ms() if self.force_polling else 0),
            stop_event=self._closed,
            rust_timeout=TICK_MS,
            yield_on_timeout=True,
            force_polling=self.force_polling,
            ignore_permission_denied=True,
        )
        self._pending |= self._next()  # the watching starts here: a save from now on counts

    def close(self) -> None:
        self._closed.set()
        self._stop_events()

    def _stop_events(self) -> None:
        if self._events is not None:
            self._events.close()
            self._events = None

    def wait(self, stop: threading.Event) -> list[str] | None:
        """The changed files (and folders removed), once they have settled; None when `stop`
        is set or the watcher was closed."""
        changed, self._pending = self._pending, set()
        while not changed:
            if stop.is_set() or self._events is None:
                self.close()
                return None
            changed = self._next()
        return sorted(changed)

    def _next(self) -> set[str]:
        """The paths of the next group of changes (none when watchfiles timed out)."""
        assert self._events is not None
        try:
            group = next(self._events)
        except StopIteration:
            self._events = None
            return set()
        changed: set[str] = set()
        for kind, raw in group:
            path = self._as_watched(raw)
            changed.add(path)
            if kind is watchfiles.Change.added and os.path.isdir(path):
                changed.update(_files_under(path))  # made before their folder was watched
        if changed & self._files:
            self._stop_events()
            self._start()
        return changed

    def _wanted(self, _: watchfiles.Change, path: str) -> bool:
        """Not an editor's scratch file, nor inside a hidden folder (.git)."""
        path = self._as_watched(path)
        for root in self._real.values():
            if path == root or path.startswith(os.path.join(root, "")):
                relative = os.path.relpath(path, root)
                return not any(ignored(part) for part in Path(relative).parts)
        return False

    def _as_watched(self, path: str) -> str:
        """`path` under the watched path's own spelling, when the system gave the real one."""
        for real, given in self._real.items():
            if real != given and (path == real or path.startswith(os.path.join(real, ""))):
                return given + path[len(real) :]
        return path


def _polling() -> bool | None:
    """True when WATCHFILES_FORCE_POLLING asks for polling, as watchfiles reads it."""
    value = os.environ.get("WATCHFILES_FORCE_POLLING")
    if not value:
        return None
    return value.lower() not in {"false", "disable", "disabled"}


def _poll_delay_ms() -> int:
    value = os.environ.get("WATCHFILES_POLL_DELAY_MS", "")
    return int(value) if value.isdecimal() else POLL_DELAY_MS


def _files_under(folder: str) -> set[str]:
    """Every file under `folder` but the ignored ones and those in ignored folders."""
    found: set[str] = set()
    for parent, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if not ignored(name)]
        found.update(os.path.join(parent, name) for name in files if not ignored(name))
    return found
