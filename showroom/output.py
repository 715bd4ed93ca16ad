"""The output stage: the plan of every file of the next site, and the writers. A build
writes a fresh staging folder (unchanged files hard-linked from the current output folder),
which output_folder.swap_in() exchanges for the output; `serve` updates its preview folder in
place, each changed file written beside the folder and renamed into it. Files are 0644 and
folders 0755 whatever the umask."""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import re
import shutil
from collections import ChainMap
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from showroom.errors import ShowroomError

#: The marker file of a folder Showroom made; every staging folder (so every site) has it.
MARKER = ".showroom-output"
MARKER_TEXT = (
    b"This folder was made by Showroom (showroom build).\n"
    b"Showroom replaces everything in it at every build: keep no files of your own here.\n"
)
FICLONE = 0x40049409  # the reflink ioctl (Btrfs, XFS, bcachefs, ...)
CHUNK = 1 << 20
_SHA256 = re.compile("[0-9a-f]{64}")


class OutputError(ShowroomError):
    """A page would be written twice or outside the output folder."""


class CacheChanged(ShowroomError):
    """A cached file's bytes are not the ones the build checked."""


class Planned(NamedTuple):
    """One file of the next site: its digest, and what to put there if it changed. A file
    from `source` is copied (never linked: a cache file damaged later must not change a
    published site); when its digest is a sha256 the copy is checked against it."""

    digest: str
    data: bytes | None = None  # a rendered page
    source: Path | str | None = None  # a file to copy
    link: bool = False  # the file comes from a cache (kept for the callers' bookkeeping)


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
        valid: bool = False,
    ) -> bool:
        """Many files at once, if every path is known to be valid and new to the plan (then
        this costs next to nothing); else add nothing and return False. `digests` are the
        files' digests, if the caller has them; `present` says the output folder holds every
        one of these files already, as planned (`apply_plan` then does not look at them, and
        the dicts are kept as they are: they must not change); `valid`, that the caller
        found every path in `valid` before (a path's validity is a property of its own)."""
        paths = files.keys()
        if not (
            self._origins.keys().isdisjoint(paths)
            and all(group[1].keys().isdisjoint(paths) for group in self._groups)
            and (valid or paths <= self.valid)
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


def write_plan(
    plan: OutputPlan,
    folder: Path,
    previous: Mapping[str, str] | None = None,
    current: Path | None = None,
) -> int:
    """Write every file of the plan into a new folder (a staging folder). A file whose digest
    is the one `previous` records for it is a hard link to that file of `current` (the output
    folder `previous` describes); the others are written. Return the number written."""
    folders = _Folders(folder)
    copier = _Copier()
    none: dict[str, str] = {}
    before = none.get if previous is None or current is None else previous.get
    written = 0
    for relative, planned in plan.files.items():
        target = folders.parent_of(relative)
        if before(relative) == planned.digest and current is not None:
            reused = _reuse(current, relative, target, planned, copier)
            if reused is not None:
                written += reused
                continue
        _put(target, planned, relative, copier)
        written += 1
    return written


def _reuse(
    current: Path, relative: str, target: str, planned: Planned, copier: _Copier
) -> int | None:
    """Put the unchanged file `relative` of the `current` folder at `target`: a hard link,
    else (a file system without them) a copy when the plan has nothing else to write there.
    Return the number of files written (0 for a link), or None: write the planned file."""
    try:
        os.link(current / relative, target)
        return 0
    except FileNotFoundError:
        if planned.data is None and planned.source is None:
            raise OutputError(
                f"{relative} is missing from {current}; build again with --clean"
            ) from None
    except OSError as exc:  # a file system without hard links: copy it
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EROFS):
            raise
        if planned.data is None and planned.source is None:
            copier.copy(os.fspath(current / relative), target, None)
            return 1
    return None


def apply_plan(
    plan: OutputPlan, previous: dict[str, str], folder: Path, scratch: Path
) -> tuple[int, int]:
    """Bring a folder that holds `previous` to the plan, in place: write what changed, each
    file atomically (written in `scratch`, a folder beside `folder` on the same file system,
    then renamed into place), and remove what is gone. `scratch` is made when needed and
    removed at the end. Return (written, removed)."""
    written = removed = 0
    before = previous.get
    found = plan.present  # files of the plan the folder holds
    folders = _Folders(folder)
    copier = _Copier()
    made = False
    try:
        for relative, planned in plan.loose.items():
            digest = before(relative)
            if digest is not None:
                found += 1
            if digest != planned.digest:
                if not made:
                    new_marked_folder(scratch)
                    made = True
                temporary = scratch / str(written)
                _put(str(temporary), planned, relative, copier)
                os.replace(temporary, folders.parent_of(relative))
                written += 1
    finally:
        if made:
            remove_marked(scratch, ignore_errors=True)
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


def new_marked_folder(path: Path) -> Path:
    """A fresh folder (world-readable whatever the umask) holding Showroom's marker."""
    if os.path.lexists(path):
        remove_marked(path)
    os.mkdir(path, 0o755)
    try:
        os.chmod(path, 0o755)
        _write_new(os.path.join(path, MARKER), MARKER_TEXT)
    except BaseException:
        shutil.rmtree(path, ignore_errors=True)
        raise
    return path


def remove_marked(folder: Path, ignore_errors: bool = False) -> None:
    """Remove a folder of Showroom's, its marker last: a removal cut short by a kill leaves a
    folder that is still recognisably Showroom's, which the next build removes."""
    try:
        with os.scandir(folder) as listing:
            entries = [e for e in listing if e.name != MARKER]
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
        shutil.rmtree(folder)
    except OSError:
        if not ignore_errors:
            raise


class _Folders:
    """Makes the folders of files inside `root` (0755 whatever the umask), each once."""

    def __init__(self, root: Path) -> None:
        self.root = os.fspath(root)
        self.made: set[str] = {""}

    def parent_of(self, relative: str) -> str:
        """The file's path, once its folder exists."""
        parent = relative.rpartition("/")[0]
        if parent not in self.made:
            self._make(parent)
        return os.path.join(self.root, relative)

    def _make(self, parent: str) -> None:
        above = parent.rpartition("/")[0]
        if above not in self.made:
            self._make(above)
        path = os.path.join(self.root, parent)
        try:
            os.mkdir(path, 0o755)
            os.chmod(path, 0o755)
        except FileExistsError:
            if not os.path.isdir(path):
                raise
        self.made.add(parent)


class _Copier:
    """Copies files out of caches: a reflink where the file system has them, else the bytes;
    either way the copy is hashed and checked against the digest the plan carries."""

    def __init__(self) -> None:
        self.reflinks = True  # until the file system says it has none
        self.in_kernel = hasattr(os, "copy_file_range")

    def copy(self, source: str, target: str, expected: str | None) -> None:
        digest = hashlib.sha256() if expected is not None else None
        src = os.open(source, os.O_RDONLY | os.O_CLOEXEC)
        try:
            dst = os.open(target, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o644)
            try:
                os.fchmod(dst, 0o644)
                if self._clone(src, dst):
                    if digest is not None:
                        offset = 0
                        while chunk := os.pread(dst, CHUNK, offset):
                            digest.update(chunk)
                            offset += len(chunk)
                elif digest is not None or not self._in_kernel(src, dst):
                    while chunk := os.read(src, CHUNK):
                        if digest is not None:
                            digest.update(chunk)
                        _write_all(dst, chunk)
            finally:
                os.close(dst)
        finally:
            os.close(src)
        if digest is not None and digest.hexdigest() != expected:
            raise CacheChanged(
                f"{source} changed since it was checked; run the build again "
                "(nothing was published)"
            )

    def _in_kernel(self, src: int, dst: int) -> bool:
        """Copy with copy_file_range (no round trip through Python); False where the system
        has none (nothing was written then)."""
        if not self.in_kernel:
            return False
        size = os.fstat(src).st_size
        done = 0
        try:
            while done < size:
                count = os.copy_file_range(src, dst, size - done)
                if count == 0:
                    break
                done += count
        except OSError as exc:
            if done or exc.errno not in (errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
                raise
            self.in_kernel = False
            return False
        return True

    def _clone(self, src: int, dst: int) -> bool:
        if not self.reflinks:
            return False
        try:
            fcntl.ioctl(dst, FICLONE, src)
        except OSError as exc:
            if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EIO):
                raise
            self.reflinks = False
            return False
        return True


def _put(target: str, planned: Planned, relative: str, copier: _Copier) -> None:
    if planned.data is not None:
        _write_new(target, planned.data)
    elif planned.source is not None:
        expected = planned.digest if _SHA256.fullmatch(planned.digest) else None
        copier.copy(os.fspath(planned.source), target, expected)
    else:
        raise OutputError(f"{relative} is not in the output folder; build again with --clean")


def _write_new(path: str, data: bytes) -> None:
    """A new file holding `data`, world-readable whatever the umask."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o644)
    try:
        os.fchmod(fd, 0o644)
        _write_all(fd, data)
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


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
