"""The output folder's guard and its publication: Showroom writes only into a folder that is
absent, empty or carries its marker (and never into the project, a repository, the caches,
the home folder or the file system's root); a new site is made in a staging folder beside the
output and exchanged for it in one step; leftovers of killed builds are removed.

Only Linux gets the atomic guarantee: there the exchange is one `renameat2(RENAME_EXCHANGE)`,
so at every instant the output folder is the old site or the new one. Elsewhere (or where the
file system does not support the exchange) it is two renames, with a moment in between where
the folder is absent; the old site is then beside it, under the `.old-` name."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import re
from pathlib import Path

from showroom.config import Config
from showroom.errors import ShowroomError
from showroom.output import MARKER, MARKER_TEXT, new_marked_folder, remove_marked
from showroom.theme.folders import DEFAULT_THEME, theme_for

_MARKER_HEAD = MARKER_TEXT.split(b"\n", 1)[0]

#: Folders beside the output that only Showroom makes (each with the marker inside):
#: a site being written, the old site after a fallback swap, per-file temporaries of serve.
_LEFTOVER = r"\.{name}\.(?:building|old|writing)-(\d+)"

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


class OutputFolderError(ShowroomError):
    """Showroom will not write into this folder."""


def check_output_folder(out: Path, config: Config, config_file: Path | None = None) -> Path:
    """The output folder, resolved, if Showroom may replace it; else OutputFolderError.

    No option overrides this: a folder that is, holds or is inside the project's content,
    themes, configuration, caches or a `.git`, or that is or holds the project, the home
    folder or the file system's root, is refused whatever it holds; any other folder only
    when it exists, is not empty and carries no marker."""
    shown = str(out)
    try:
        target = out.resolve()
    except (OSError, RuntimeError) as exc:
        raise OutputFolderError(f"cannot use {shown} as the output folder: {exc}") from None
    refusal = _protected(target, config, config_file)
    if refusal is not None:
        raise OutputFolderError(
            f"refusing to build into {shown}: {refusal}. Showroom replaces everything in its "
            "output folder; choose a new folder of its own (the default is public/ in the "
            "project)."
        )
    try:
        if not target.exists():
            return target
        if not target.is_dir():
            raise OutputFolderError(
                f"refusing to build into {shown}: it is a file, not a folder. Choose another "
                "output folder, or remove the file yourself."
            )
        with os.scandir(target) as entries:
            empty = next(entries, None) is None
    except OSError as exc:
        raise OutputFolderError(f"cannot use {shown} as the output folder: {exc}") from None
    preview = config.cache_dir.parent.resolve() / "serve"  # serve's, among the caches
    if not empty and not is_marked(target) and target != preview:
        raise OutputFolderError(
            f"refusing to build into {shown}: it holds files Showroom did not make (there is "
            f"no {MARKER} file in it), and a build replaces everything in its output folder. "
            "Choose a new or empty folder, or move those files away yourself."
        )
    return target


def _protected(target: Path, config: Config, config_file: Path | None) -> str | None:
    """Why `target` must never be an output folder, or None."""
    root = config.root.resolve()
    return (
        _whole(target, root)
        or _git(target)
        or _named(target, _named_folders(root, config, config_file))
        or _caches(target, root, config.cache_dir.parent.resolve())
    )


def _whole(target: Path, root: Path) -> str | None:
    """The project, the file system's root or the home folder, or a folder that holds one."""
    whole = [(root, "the project itself"), (Path(target.anchor), "the file system's root")]
    with contextlib.suppress(RuntimeError, OSError, KeyError):
        whole.append((Path.home().resolve(), "your home folder"))
    for folder, what in whole:
        if target == folder:
            return f"it is {what}"
    for folder, what in whole:
        if folder.is_relative_to(target):
            return f"it holds {what}"
    return None


def _git(target: Path) -> str | None:
    if ".git" in target.parts:
        return "it is inside a git repository's own data (.git)"
    if os.path.lexists(target / ".git"):
        return "it holds a git repository (.git)"
    return None


def _named_folders(root: Path, config: Config, config_file: Path | None) -> list[tuple[Path, str]]:
    """The project's own folders and files, each with how a message names it."""
    cache_root = config.cache_dir.parent.resolve()
    return [
        (config.content_dir, "the project's content (content/)"),
        (root / "themes", "the project's themes (themes/)"),
        (DEFAULT_THEME.parent, "Showroom's own themes"),
        *((folder, f"the theme folder {folder}") for folder in theme_for(config).folders),
        (config_file or root / "showroom.yml", "the site's configuration (showroom.yml)"),
        (config.cache_dir, "the photo cache (images.cache_dir)"),
        *((cache_root / name, f"a cache ({name})") for name in ("build", "search", "catalogue")),
    ]


def _named(target: Path, named: list[tuple[Path, str]]) -> str | None:
    """One of the `named` folders, a folder inside one, or a folder that holds one."""
    for folder, what in named:
        folder = folder.resolve()
        if target == folder or target.is_relative_to(folder):
            return f"it is {what}" if target == folder else f"it is inside {what}"
        if folder.is_relative_to(target):
            return f"it holds {what}"
    return None


def _caches(target: Path, root: Path, cache_root: Path) -> str | None:
    """The caches' folder or a folder inside it (but for serve's preview folder there)."""
    preview = cache_root / "serve"  # serve's preview folder lives among the caches
    for caches in {cache_root, root / ".cache"}:
        if target == caches:
            return "it is the caches' folder"
        if target.is_relative_to(caches) and not target.is_relative_to(preview):
            return "it is inside the caches' folder"
    return None


def is_marked(folder: Path, begun: bool = False) -> bool:
    """Whether `folder` carries Showroom's marker (a regular file with its text); `begun`:
    or the start of it (a build killed while writing it: leftovers beside the output)."""
    try:
        fd = os.open(folder / MARKER, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return False
    try:
        if begun:
            found = os.read(fd, len(MARKER_TEXT) + 1)
            return MARKER_TEXT.startswith(found)
        return os.read(fd, len(_MARKER_HEAD)) == _MARKER_HEAD
    except OSError:
        return False
    finally:
        os.close(fd)


def leftover_names(out: Path) -> re.Pattern[str]:
    return re.compile(_LEFTOVER.format(name=re.escape(out.name)))


def remove_leftovers(out: Path) -> int:
    """Remove what killed builds left beside `out`: folders of Showroom's naming pattern that
    carry the marker (or are empty), of any process that is no longer running. Nothing else
    is touched. Return how many were removed."""
    pattern = leftover_names(out)
    removed = 0
    try:
        entries = list(os.scandir(out.parent))
    except OSError:
        return 0
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if match is None or not entry.is_dir(follow_symlinks=False):
            continue
        pid = int(match.group(1))
        if pid != os.getpid() and _running(pid):
            continue  # another build is writing it
        path = Path(entry.path)
        try:
            with os.scandir(path) as inside:
                empty = next(inside, None) is None
        except OSError:
            continue
        if empty or is_marked(path, begun=True):
            remove_marked(path, ignore_errors=True)
            removed += 1
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # someone else's process
        return True
    return True


def sibling(out: Path, kind: str) -> Path:
    """`.<name>.<kind>-<pid>` beside `out`: a folder only Showroom makes."""
    return out.parent / f".{out.name}.{kind}-{os.getpid()}"


def staging_folder(out: Path) -> Path:
    """A fresh folder beside `out` (same file system, so the swap is a rename)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    return new_marked_folder(sibling(out, "building"))


def swap_in(staging: Path, out: Path) -> bool:
    """Put the finished site in place of `out` and remove the old one; return whether that
    was one atomic exchange (else two renames, or one when there was no `out`)."""
    if not os.path.lexists(out):
        os.rename(staging, out)
        return True
    if exchange(staging, out):
        remove_marked(staging)  # the old site, now under the staging name
        return True
    old = sibling(out, "old")
    if os.path.lexists(old):
        remove_marked(old)
    os.rename(out, old)
    os.rename(staging, out)
    remove_marked(old)
    return False


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux's renameat2 RENAME_EXCHANGE); False where the system
    or the file system has no such call (nothing was changed then)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    renameat2.argtypes += [ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    code = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if code == 0:
        return True
    number = ctypes.get_errno()
    if number in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(number, os.strerror(number), os.fspath(b))


def discard(folder: Path) -> None:
    remove_marked(folder, ignore_errors=True)
