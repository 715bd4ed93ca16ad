"""State files: typed values written with the state codec, read back only when whole, of
this format and engine, and of the expected type (anything else is ignored: the build starts
afresh). Writes are atomic renames into a cache folder Showroom made."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from showroom.state.cache_folders import BUILD, claim
from showroom.state.codec import Codec, StateError
from showroom.state.engine import engine_digest

log = logging.getLogger(__name__)

#: The state files' format (see the codec); a file of another version is not parsed.
FORMAT = 2


def folder_identity(st: os.stat_result) -> tuple[int, int, int]:
    return (st.st_dev, st.st_ino, st.st_ctime_ns)


def read_state(path: Path, tp: type, codec: Codec) -> object:
    """The value of type `tp` in the state file, or None when it is missing, damaged, of
    another format or engine, or holds anything unexpected (the build starts afresh)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        log.debug("ignoring the build state %s: %s", path, exc)
        return None
    try:
        return codec.load(data, tp, tp.__name__, FORMAT, engine_digest())
    except StateError as exc:
        log.debug("ignoring the build state %s: %s", path, exc)
        return None


def remove_pickles(folder: Path) -> None:
    """The state files of engines before format 2 were pickles: removed, never opened."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if name.endswith(".pickle") and BUILD.entries.fullmatch(name):
            (folder / name).unlink(missing_ok=True)


def write_state(path: Path, data: object, tp: type, codec: Codec) -> None:
    claim(path.parent, BUILD)
    remove_pickles(path.parent)
    payload = codec.dump(data, tp, tp.__name__, FORMAT, engine_digest())
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(payload)
    temporary.replace(path)
