"""The image cache: one folder per photo and parameters, outside the output, reused by every
build and every output folder. Entries are written whole (a rename) and never changed."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from showroom.images.encode import MANIFEST


class ImageCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def entry(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def file(self, key: str, name: str) -> Path:
        return self.entry(key) / name

    def manifest(self, key: str) -> dict[str, Any] | None:
        """The manifest of a complete entry, or None if it is missing or unreadable."""
        try:
            data = json.loads((self.entry(key) / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def prune(self, keep: Iterable[str]) -> tuple[int, int]:
        """Remove every entry not in `keep`; return (entries removed, bytes freed)."""
        wanted = set(keep)
        removed = freed = 0
        if not self.folder.is_dir():
            return 0, 0
        for shard in sorted(self.folder.iterdir()):
            if not shard.is_dir():
                continue
            for entry in sorted(shard.iterdir()):
                if entry.name in wanted:
                    continue
                freed += sum(f.stat().st_size for f in entry.rglob("*") if f.is_file())
                shutil.rmtree(entry, ignore_errors=True)
                removed += 1
            if not any(shard.iterdir()):
                shard.rmdir()
        return removed, freed
