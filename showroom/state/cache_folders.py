"""Cache folders are Showroom's alone: it writes into one only when the folder is absent, empty
or carries Showroom's marker (written when Showroom makes or adopts the folder), and a cache
folder may not be, hold or lie inside anything of the user's (content, themes, `.git`, the
output folder, the project itself, the home folder, the file system's root)."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from showroom.errors import ShowroomError

MARKER = ".showroom-cache"
MARKER_TEXT = "Made by Showroom: a cache it may empty and remove. Do not keep your files here.\n"


@dataclass(frozen=True)
class Kind:
    """A kind of cache folder: the names Showroom gives the entries it makes there."""

    name: str
    entries: re.Pattern[str]


#: Names every cache folder may hold: staging folders and temporary files.
TEMPORARY = re.compile(r"\.tmp-.*|\..*\.\d+\.tmp")
IMAGES = Kind("image cache", re.compile(r"[0-9a-f]{2}"))
SEARCH = Kind("search cache", re.compile(r"[0-9a-f]{32}"))
CATALOGUE = Kind("catalogue cache", re.compile(r"[0-9a-f]{32}"))
BUILD = Kind(
    "build state",
    re.compile(r"caches\.(state|pickle)|output-[0-9a-f]{32}\.(state|summary|pickle)"),
)


def is_marked(folder: Path) -> bool:
    """Whether `folder` carries the marker as a file of its own (a link to a file elsewhere
    does not make a folder Showroom's)."""
    try:
        return stat.S_ISREG(os.lstat(folder / MARKER).st_mode)
    except OSError:
        return False


def claim(folder: Path, kind: Kind) -> None:
    """Make sure Showroom may write into `folder` (creating and marking it when absent);
    ShowroomError when it holds anything Showroom did not make. A folder of Showroom's own
    entries made before the marker existed is adopted."""
    if is_marked(folder):
        return
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise ShowroomError(f"refusing to use {folder} as the {kind.name}: it is not a folder")
    folder.mkdir(parents=True, exist_ok=True)
    foreign = sorted(name for name in os.listdir(folder) if not is_own(folder / name, kind))
    if foreign:
        shown = ", ".join(foreign[:3]) + (" …" if len(foreign) > 3 else "")
        raise ShowroomError(
            f"refusing to write the {kind.name} into {folder}: it holds files Showroom did not "
            f"make ({shown}). Set another folder (images.cache_dir in showroom.yml) or empty it."
        )
    temporary = folder / f"{MARKER}.{os.getpid()}.tmp"
    temporary.write_text(MARKER_TEXT, encoding="utf-8")
    temporary.replace(folder / MARKER)


def is_own(path: Path, kind: Kind) -> bool:
    """Whether `path`, in a cache folder of `kind`, has the name of an entry Showroom makes."""
    name = path.name
    if name == MARKER or TEMPORARY.fullmatch(name):
        return not path.is_symlink()
    if not kind.entries.fullmatch(name) or path.is_symlink():
        return False
    return path.is_file() if kind is BUILD else path.is_dir()


#: The cache folders beside `images.cache_dir`, in its parent (`cache_dir.parent / name`).
SIBLINGS = ("build", "search", "catalogue")


def check_cache_dir(cache_dir: Path, root: Path, outputs: tuple[Path, ...] = ()) -> None:
    """Refuse an `images.cache_dir` that would mix the caches (it, and the folders beside it:
    SIBLINGS) with the user's own files; ShowroomError."""
    cache = cache_dir.resolve()
    project = root.resolve()
    home = Path.home().resolve()
    where = f"images.cache_dir ({cache_dir})"
    top = (Path(cache.anchor), home)
    if cache in top or cache.parent in top:
        raise ShowroomError(
            f"refusing to use {where}: it or the folder beside it for the other caches is "
            "the file system's root or your home folder; use a folder of its own, such as "
            ".cache/images"
        )
    guarded = [project / "content", project / "themes", project / ".git", project / "showroom.yml"]
    guarded += [out.resolve() for out in outputs]
    for folder in (cache, *(cache.parent / name for name in SIBLINGS)):
        if folder == project or project.is_relative_to(folder):
            raise ShowroomError(f"refusing to use {where}: {folder} holds the project itself")
        for mine in guarded:
            if folder == mine or folder.is_relative_to(mine) or mine.is_relative_to(folder):
                raise ShowroomError(
                    f"refusing to use {where}: the cache folder {folder} would be, hold or "
                    f"lie inside {mine}, which is not a cache"
                )
