"""The output stage: a guarded writer into a fresh folder, swapped in only on success; or,
when the build state describes the folder, only the changed files, each replaced atomically."""

from __future__ import annotations

import hashlib
import os
import shutil
from collections import ChainMap
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from showroom.errors import ShowroomError


class OutputError(ShowroomError):
    """A page would be written twice or outside the output folder."""


def check_output_folder(out: Path, project_root: Path) -> None:
    """Refuse output folders whose replacement would destroy the project."""
    out = out.resolve()
    root = project_root.resolve()
    if out == root or root.is_relative_to(out) or (root / "content").is_relative_to(out):
        raise ShowroomError(f"refusing to build into {out}: it holds the project itself")
    if out == Path(out.anchor):
        raise ShowroomError("refusing to build into the file system's root")


def staging_folder(out: Path) -> Path:
    """A fresh folder beside `out` (same file system, so the swap is a rename)."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.parent / f".{out.name}.building-{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir()
    return staging


def swap_in(staging: Path, out: Path) -> None:
    """Put the finished build in place of `out`; the old one is removed after the swap."""
    out = out.resolve()
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    if old.exists():
        shutil.rmtree(old)
    if out.exists():
        out.rename(old)
    staging.rename(out)
    if old.exists():
        shutil.rmtree(old)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)


class Planned(NamedTuple):
    """One file of the next site: its digest, and what to put there if it changed."""

    digest: str
    data: bytes | None = None  # a rendered page
    source: Path | str | None = None  # a file to copy, or to hard-link when `link`
    link: bool = False


class OutputPlan:
    """Every file of the next site: no path twice, none outside the output folder."""

    def __init__(self, valid: set[str] | None = None) -> None:
        self._origins: dict[str, str] = {}
        #: Paths already known to be in normal form inside the folder (kept between builds).
        self.valid = set() if valid is None else valid
        #: The files an incremental write must look at: all but the groups added as present.
        self.loose: dict[str, Planned] = {}
        #: Groups of files the output folder holds already: (files, origins, digests)
        self._groups: list[tuple[dict[str, Planned], dict[str, str], dict[str, str]]] = []
        self.present = 0  # files in those groups

    @property
    def files(self) -> dict[str, Planned]:
        """Every file of the plan."""
        found = dict(self.loose)
        for files, _, _ in self._groups:
            found.update(files)
        return found

    def data(self, relative: str, data: bytes, origin: str = "") -> str:
        digest = hashlib.sha256(data).hexdigest()
        self._add(relative, Planned(digest, data=data), origin)
        return digest

    def copy(self, relative: str, source: Path, digest: str, origin: str = "") -> None:
        self._add(relative, Planned(digest, source=source), origin)

    def link(self, relative: str, source: Path | str, digest: str, origin: str = "") -> None:
        self._add(relative, Planned(digest, source=source, link=True), origin)

    def unchanged(self, relative: str, digest: str, origin: str = "") -> None:
        """A file the output folder already holds (a page that was not rendered again)."""
        self._add(relative, Planned(digest), origin)

    def add(self, relative: str, planned: Planned, origin: str = "") -> None:
        self._add(relative, planned, origin)

    def add_known(
        self,
        files: dict[str, Planned],
        origins: dict[str, str],
        digests: dict[str, str] | None = None,
        present: bool = False,
    ) -> bool:
        """Many files at once, if every path is known to be valid and new to the plan (then
        this costs next to nothing); else add nothing and return False. `digests` are the
        files' digests, if the caller has them; `present` says the output folder holds every
        one of these files already, as planned (`apply_plan` then does not look at them, and
        the dicts are kept as they are: they must not change)."""
        paths = files.keys()
        if not (
            self._origins.keys().isdisjoint(paths)
            and all(group[1].keys().isdisjoint(paths) for group in self._groups)
            and paths <= self.valid
        ):
            return False
        if present:
            self.present += len(files)
            if digests is None:
                digests = {k: p.digest for k, p in files.items()}
            self._groups.append((files, origins, digests))
        else:
            self.loose.update(files)
            self._origins.update(origins)
        return True

    def _add(self, relative: str, planned: Planned, origin: str) -> None:
        if (
            relative in self.valid
            and relative not in self._origins
            and not any(relative in group[1] for group in self._groups)
        ):
            key = relative
        else:
            taken = ChainMap(self._origins, *(group[1] for group in self._groups))
            key = _checked(relative, origin, taken)
            if key == relative:
                self.valid.add(key)
        self._origins[key] = origin
        self.loose[key] = planned

    def digests(self) -> dict[str, str]:
        found = {path: planned.digest for path, planned in self.loose.items()}
        for _, _, digests in self._groups:
            found.update(digests)
        return found


def write_plan(plan: OutputPlan, folder: Path) -> int:
    """Write every file of the plan into an empty folder; return the number written."""
    files = plan.files
    for relative, planned in files.items():
        _put(folder / relative, planned, relative, replace=False)
    return len(files)


def apply_plan(plan: OutputPlan, previous: dict[str, str], folder: Path) -> tuple[int, int]:
    """Bring a folder that holds `previous` to the plan: write what changed, each file
    atomically (a rename), and remove what is gone. Return (written, removed)."""
    written = removed = 0
    before = previous.get
    found = plan.present  # files of the plan the folder holds
    for relative, planned in plan.loose.items():
        digest = before(relative)
        if digest is not None:
            found += 1
        if digest != planned.digest:
            _put(folder / relative, planned, relative, replace=True)
            written += 1
    gone = [] if found == len(previous) else previous.keys() - plan.files.keys()
    for relative in sorted(gone, reverse=True):
        target = folder / relative
        target.unlink(missing_ok=True)
        removed += 1
        parent = target.parent
        while parent != folder and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
    return written, removed


def _put(target: Path, planned: Planned, relative: str, replace: bool) -> None:
    if planned.data is None and planned.source is None:
        raise OutputError(f"{relative} is not in the output folder; build again with --clean")
    target.parent.mkdir(parents=True, exist_ok=True)
    destination = target.with_name(f".{target.name}.{os.getpid()}.tmp") if replace else target
    if planned.data is not None:
        destination.write_bytes(planned.data)
    elif planned.source is not None and planned.link:
        try:
            os.link(planned.source, destination)
        except OSError:
            shutil.copyfile(planned.source, destination)
    elif planned.source is not None:
        shutil.copyfile(planned.source, destination)
    if replace:
        destination.replace(target)


def _checked(relative: str, origin: str, taken: Mapping[str, str]) -> str:
    parts = relative.split("/")
    if "" in parts or "." in parts:  # not in normal form: let pathlib normalise it
        parts = list(PurePosixPath(relative).parts)
    if not parts or parts[0] == "/" or ".." in parts or "\0" in relative:
        raise OutputError(f"refusing to write {relative!r}: outside the output folder")
    key = "/".join(parts)
    if key in taken:
        raise OutputError(
            f"two things want to write {key}: {taken[key] or 'one'} and "
            f"{origin or 'another'}; rename one of them"
        )
    return key
