"""The caches a build keeps: only what the build used, and the image cache pruned on request."""

from __future__ import annotations

from pathlib import Path

from showroom.build.state import BuildState
from showroom.config import load_config
from showroom.content.loader import load_content
from showroom.content.memo import ParseMemo
from showroom.errors import ContentError
from showroom.images.cache import ImageCache
from showroom.images.pipeline import (
    cache_keys,
)
from showroom.problems import Problems
from showroom.state.cache_folders import check_cache_dir


def keep_caches(state: BuildState, memo: ParseMemo) -> bool:
    """Keep what this build used (and nothing older), so the caches do not grow forever;
    return whether they changed. A build that stopped early keeps everything."""
    files = memo.files
    changed = files.hashed > 0 or memo.changed
    entries = memo.entries
    if memo.used and len(memo.used) < len(entries):
        for key in entries.keys() - memo.used:  # as many as were parsed again: not all
            del entries[key]
        state.caches.parsed = entries
        changed = True
    if files.used and len(files.used) < len(files.known):
        files.forget_unused()
        changed = True
    state.caches.files = files.known
    return changed


def prune_cache(config_file: Path) -> tuple[int, int, Path]:
    """Remove cache entries that no product (drafts included) uses with the current settings."""
    problems = Problems()
    config = load_config(config_file, problems)
    content = load_content(config, problems)
    if problems.errors:
        # Content that does not load could still own cache entries: keep everything.
        raise ContentError(problems.sorted())
    check_cache_dir(config.cache_dir, config.root, (config.root / "public",))
    keep = cache_keys((*content.products, *content.drafts), config.images)
    removed, freed = ImageCache(config.cache_dir).prune(keep)
    return removed, freed, config.cache_dir
