"""Every photo of the site through the cache: hits are reused, misses encoded in parallel."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from showroom.config import ImageSettings
from showroom.content.model import Product
from showroom.images.cache import ImageCache
from showroom.images.encode import EncodeJob, encode
from showroom.images.geometry import dpi_at, pixels_for
from showroom.images.variants import Picture, Rendition, cache_key
from showroom.problems import Problems
from showroom.site import urls
from showroom.site.structure import Site

Progress = Callable[[str, int, int], None]

#: Below this many photos to encode, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 8


@dataclass(frozen=True)
class Photos:
    pictures: dict[str, tuple[Picture, ...]]  # by product slug, in the order of `images`
    #: (output path, cached file, its sha256 (as verified), origin)
    files: tuple[tuple[str, str, str, str], ...]
    keys: dict[str, tuple[str, ...]]  # by product slug: the cache key of each photo
    encoded: int  # photos encoded by this build (cache misses)
    reused: int  # photos taken from the cache


Place = tuple[str, str, str, str, str]


@dataclass
class PhotoMemo:
    """What one build of a long-running process (serve) hands the next: pure functions of
    their keys, so never stale."""

    #: (source digest, settings, focus) -> cache key
    keys: dict[tuple[str, ImageSettings, Any], str] = field(default_factory=dict)
    #: (product slug, src, cache key, origin, cache folder) -> the picture and its files
    placed: dict[Place, tuple[Picture, tuple[tuple[str, str, str, str], ...]]] = field(
        default_factory=dict
    )
    #: product slug -> (the product, settings, cache folder, pictures, files, keys): a
    #: product object is made anew when any of its files changed, so the very same object
    #: with the same settings has the same photos
    products: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    #: The last result: (the products, settings, cache folder, the Photos)
    last: tuple[Any, ...] | None = None


@dataclass(frozen=True)
class _Photo:
    product: int
    index: int
    source: Path
    key: str


def file_sha256(path: Path) -> str:
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def _key(
    source: Path, settings: ImageSettings, focus: Any, digest: Callable[[Path], str] = file_sha256
) -> str:
    return cache_key(digest(source), settings, focus)


def cache_keys(products: Iterable[Product], settings: ImageSettings) -> set[str]:
    """The cache entries the given products use (what `cache prune` keeps)."""
    return {
        _key(image.source, settings, image.focus)
        for product in products
        for image in product.images
        if image.source is not None
    }


def process_photos(
    site: Site, settings: ImageSettings, cache: ImageCache, problems: Problems,
    progress: Progress | None = None, digest: Callable[[Path], str] = file_sha256,
    known: dict[str, dict[str, Any]] | None = None, memo: PhotoMemo | None = None,
) -> Photos:  # fmt: skip
    """Every photo of the site, from the cache or encoded. `digest` hashes a source file;
    `known` remembers the manifests of cache entries between builds (entries never change)."""
    known = {} if known is None else known
    memo = PhotoMemo() if memo is None else memo
    folder = str(cache.folder)
    patched = _patched(site, settings, cache, problems, progress, digest, known, memo)
    if patched is not None:
        return patched
    earlier = memo.products
    fresh = [
        p
        for p in site.products
        if (hit := earlier.get(p.slug)) is None
        or hit[0] is not p
        or hit[1] != settings
        or hit[2] != folder
    ]
    made = _process(fresh, settings, cache, problems, progress, digest, known, memo)
    if problems.errors:  # the build stops
        return Photos(made.pictures, (), made.keys, made.encoded, 0)
    memo.products = current = {}
    for p in site.products:
        hit = earlier.get(p.slug)
        if hit is None or hit[0] is not p or hit[1] != settings or hit[2] != folder:
            hit = (p, settings, folder, made.pictures[p.slug], made.files_of[p.slug],
                   made.keys[p.slug])  # fmt: skip
        current[p.slug] = hit
    keys = {slug: hit[5] for slug, hit in current.items()}
    result = Photos(
        pictures={slug: hit[3] for slug, hit in current.items()},
        files=tuple(f for hit in current.values() for f in hit[4]),
        keys=keys,
        encoded=made.encoded,
        reused=len({k for ks in keys.values() for k in ks}) - made.encoded,
    )
    memo.last = (site.products, settings, folder, result)
    return result


def _patched(
    site: Site, settings: ImageSettings, cache: ImageCache, problems: Problems,
    progress: Progress | None, digest: Callable[[Path], str], known: dict[str, dict[str, Any]],
    memo: PhotoMemo,
) -> Photos | None:  # fmt: skip
    """The last result with the photos of the products that are new objects in the same
    places made again (an edit in `serve`), or None if more than that changed."""
    folder = str(cache.folder)
    last = memo.last
    products = site.products
    if last is None or last[1] != settings or last[2] != folder or len(last[0]) != len(products):
        return None
    before: tuple[Product, ...] = last[0]
    changed = [n for n, (a, b) in enumerate(zip(products, before, strict=True)) if a is not b]
    if any(products[n].slug != before[n].slug for n in changed):
        return None
    old: Photos = last[3]
    fresh = [products[n] for n in changed]
    made = _process(fresh, settings, cache, problems, progress, digest, known, memo)
    if problems.errors:  # the build stops
        return Photos(made.pictures, (), made.keys, made.encoded, 0)
    same_files = all(made.files_of[p.slug] == memo.products[p.slug][4] for p in fresh)
    same_keys = all(made.keys[p.slug] == old.keys[p.slug] for p in fresh)
    for p in fresh:
        memo.products[p.slug] = (p, settings, folder, made.pictures[p.slug],
                                 made.files_of[p.slug], made.keys[p.slug])  # fmt: skip
    pictures = dict(old.pictures)
    pictures.update(made.pictures)
    keys = dict(old.keys)
    keys.update(made.keys)
    if same_files:
        files = old.files
    else:
        files = tuple(f for p in products for f in memo.products[p.slug][4])
    if same_keys:
        reused = old.reused + old.encoded - made.encoded
    else:
        reused = len({k for ks in keys.values() for k in ks}) - made.encoded
    result = Photos(pictures, files, keys, made.encoded, reused)
    memo.last = (products, settings, folder, result)
    return result


@dataclass(frozen=True)
class _Made:
    """The photos of some products."""

    pictures: dict[str, tuple[Picture, ...]]
    files_of: dict[str, tuple[tuple[str, str, str, str], ...]]
    keys: dict[str, tuple[str, ...]]
    encoded: int


def _process(
    products: list[Product], settings: ImageSettings, cache: ImageCache, problems: Problems,
    progress: Progress | None, digest: Callable[[Path], str], known: dict[str, dict[str, Any]],
    memo: PhotoMemo,
) -> _Made:  # fmt: skip

    def key_of(source: Path, focus: Any) -> str:
        wanted = (digest(source), settings, focus)
        found = memo.keys.get(wanted)
        if found is None:
            found = memo.keys[wanted] = cache_key(wanted[0], settings, focus)
        return found

    photos = [
        _Photo(n, i, image.source, key_of(image.source, image.focus))
        for n, product in enumerate(products)
        for i, image in enumerate(product.images)
        if image.source is not None
    ]
    manifests: dict[str, dict[str, Any] | str] = {}
    misses: dict[str, EncodeJob] = {}
    for photo in photos:
        if photo.key in manifests or photo.key in misses:
            continue
        manifest = cache.verified(photo.key, known.get(photo.key))
        if manifest is not None:
            known[photo.key] = manifest
            manifests[photo.key] = manifest
        else:
            known.pop(photo.key, None)
            name = products[photo.product].images[photo.index].src
            focus = products[photo.product].images[photo.index].focus
            misses[photo.key] = EncodeJob(
                photo.source, name, photo.key, cache.entry(photo.key), settings, focus
            )
    if misses:
        cache.claim()
    for key, result in zip(misses, _run(list(misses.values()), progress), strict=True):
        manifests[key] = result
        if not isinstance(result, str):
            known[key] = result
    pictures: dict[str, list[Picture]] = {p.slug: [] for p in products}
    files: dict[str, list[tuple[str, str, str, str]]] = {p.slug: [] for p in products}
    for photo in photos:
        product = products[photo.product]
        image = product.images[photo.index]
        result = manifests[photo.key]
        if isinstance(result, str):
            problems.error(product.source_display, image.line, f"images[{photo.index}].src", result)
            continue
        place = (product.slug, image.src, photo.key, product.source_display, str(cache.folder))
        placed = memo.placed.get(place)
        if placed is None:
            placed = memo.placed[place] = _place(place, result, cache)
        files[product.slug].extend(placed[1])
        pictures[product.slug].append(placed[0])
    keys: dict[str, list[str]] = {p.slug: [] for p in products}
    for photo in photos:
        keys[products[photo.product].slug].append(photo.key)
    return _Made(
        pictures={slug: tuple(items) for slug, items in pictures.items()},
        files_of={slug: tuple(items) for slug, items in files.items()},
        keys={slug: tuple(items) for slug, items in keys.items()},
        encoded=sum(1 for k in misses if not isinstance(manifests[k], str)),
    )


def _place(
    place: Place, result: dict[str, Any], cache: ImageCache
) -> tuple[Picture, tuple[tuple[str, str, str, str], ...]]:
    """A photo's renditions in the product's folder, and where each file comes from."""
    slug, src, key, origin, _ = place
    folder = urls.product(slug)
    stem = src.rsplit(".", 1)[0]
    entry = os.fspath(cache.entry(key))
    renditions = []
    files = []
    for f in result["files"]:
        path = f"{folder}{stem}-{key[:8]}-{f['name']}"
        renditions.append(Rendition(f["role"], f["format"], f["width"], f["height"], path))
        files.append((path, f"{entry}/{f['name']}", f["sha256"], origin))
    return Picture(result["width"], result["height"], tuple(renditions)), tuple(files)


def _run(jobs: list[EncodeJob], progress: Progress | None) -> Iterator[dict[str, Any] | str]:
    workers = min(os.cpu_count() or 1, 8)
    total = len(jobs)
    if total < PARALLEL_THRESHOLD or workers < 2:
        results: Iterator[dict[str, Any] | str] = map(encode, jobs)
        yield from _reporting(results, total, progress)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from _reporting(pool.map(encode, jobs), total, progress)


def _reporting(
    results: Iterator[dict[str, Any] | str], total: int, progress: Progress | None
) -> Iterator[dict[str, Any] | str]:
    for done, result in enumerate(results, start=1):
        if progress is not None:
            progress("photos", done, total)
        yield result


def resolution_warnings(
    site: Site,
    settings: ImageSettings,
    problems: Problems,
    memo: dict[str, Any] | None = None,
) -> None:
    """Warn about photos too small to print at `min_print_dpi` in the catalogue. With a memo
    (a long-running process), a product object seen before gives its warnings again."""
    needed = pixels_for(settings.print_width_mm, settings.min_print_dpi)
    if memo is None:
        for product in site.products:
            _resolution(product, settings, needed, problems)
        return
    if memo.get("") != settings:  # "" holds the settings; the rest is by product slug
        memo.clear()
        memo[""] = settings
    for product in site.products:
        hit = memo.get(product.slug)
        if hit is None or hit[0] is not product:
            found = Problems()
            _resolution(product, settings, needed, found)
            hit = memo[product.slug] = (product, tuple(found.items))
        if hit[1]:
            problems.extend(hit[1])


def _resolution(product: Product, settings: ImageSettings, needed: int, problems: Problems) -> None:
    for index, image in enumerate(product.images):
        if image.width and image.width < needed:
            dpi = dpi_at(image.width, settings.print_width_mm)
            problems.warn(
                product.source_display,
                image.line,
                f"images[{index}].src",
                f"{image.src} is {image.width} px wide: {dpi:.0f} dpi at the catalogue's "
                f"{settings.print_width_mm:g} mm; {settings.min_print_dpi} dpi needs "
                f"{needed} px",
            )
