"""The output stage: a guarded writer into a fresh folder, swapped in only on success."""

from __future__ import annotations

import os
import shutil
from pathlib import Path, PurePosixPath

from showroom.errors import ShowroomError


class OutputError(ShowroomError):
    """A page would be written twice or outside the output folder."""


class OutputWriter:
    """Writes files under one folder; refuses a second write to a path or a path outside."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.written: dict[str, str] = {}  # path -> what wrote it

    def write(self, relative: str, data: bytes, origin: str = "") -> None:
        target = self._target(relative, origin)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    def copy(self, relative: str, source: Path, origin: str = "") -> None:
        target = self._target(relative, origin)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)

    def link(self, relative: str, source: Path, origin: str = "") -> None:
        """Place an immutable file (from a cache): a hard link when possible, else a copy."""
        target = self._target(relative, origin)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)

    def _target(self, relative: str, origin: str) -> Path:
        path = PurePosixPath(relative)
        if path.is_absolute() or ".." in path.parts or not path.parts:
            raise OutputError(f"refusing to write {relative!r}: outside the output folder")
        key = path.as_posix()
        if key in self.written:
            raise OutputError(
                f"two things want to write {key}: {self.written[key] or 'one'} and "
                f"{origin or 'another'}; rename one of them"
            )
        self.written[key] = origin
        return self.folder / key


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
