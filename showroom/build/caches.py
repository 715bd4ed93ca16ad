"""The caches a build keeps: only what the build used, and the image cache pruned on request."""

from __future__ import annotations

import hashlib
from pathlib import Path

from showroom.build.state import BuildState
from showroom.config import load_config
from showroom.content.loader import load_content
from showroom.content.memo import ParseMemo
from showroom.errors import ContentError
from showroom.images.cache import ImageCache
from showroom.images.pipeline import Progress, cache_keys, fill_cache
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


def in_share(slug: str, share: int, shares: int) -> bool:
    """Whether the product `slug` is in share `share` of `shares` (1-based): by a hash of the
    slug, so that the shares are about equal and a product stays in its share."""
    number = int(hashlib.sha256(slug.encode()).hexdigest()[:8], 16)
    return number % shares == share - 1


def fill_image_cache(
    config_file: Path, share: int = 1, shares: int = 1, progress: Progress | None = None
) -> tuple[int, int, Path]:
    """Encode the photos the cache lacks of the published products in share `share` of
    `shares` (`showroom cache fill --shard 2/4`: CI runners fill a cold cache in parallel,
    then the build finds every photo there): (encoded, distinct photos, the cache folder)."""
    problems = Problems()
    config = load_config(config_file, problems)
    content = load_content(config, problems)
    if problems.errors:
        raise ContentError(problems.sorted())
    check_cache_dir(config.cache_dir, config.root, (config.root / "public",))
    chosen = [p for p in content.products if in_share(p.slug, share, shares)]
    cache = ImageCache(config.cache_dir)
    encoded, distinct = fill_cache(chosen, config.images, cache, problems, progress)
    if problems.errors:
        raise ContentError(problems.sorted())
    return encoded, distinct, config.cache_dir
