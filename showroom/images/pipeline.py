"""Every photo of the site through the cache: hits are reused, misses encoded in parallel."""

from __future__ import annotations

import functools
import hashlib
import operator
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from itertools import chain
from pathlib import Path
from typing import Any

from showroom.config import ImageSettings
from showroom.content.model import Product
from showroom.fields.focus import Focus
from showroom.images.cache import ImageCache
from showroom.images.encode import EncodeJob, encode
from showroom.images.geometry import dpi_at, pixels_for
from showroom.images.variants import Picture, Rendition, cache_key
from showroom.messages import N_
from showroom.problems import Problem, Problems
from showroom.processes import pool_context
from showroom.site import urls
from showroom.site.structure import Site
from showroom.state.reuse import Kept, KeptEach, Slot

Progress = Callable[[str, int, int], None]

#: A cache entry's manifest as JSON: checked by ImageCache.verified before it is used.
RawManifest = dict[str, Any]  # Any: JSON data

#: Below this many photos to encode, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 8


@dataclass(frozen=True)
class Photos:
    pictures: dict[str, tuple[Picture, ...]]  # by product slug, in the order of `images`
    #: (output path, cached file, its sha256 (as verified), origin), the print renditions too
    files: tuple[tuple[str, str, str, str], ...]
    keys: dict[str, tuple[str, ...]]  # by product slug: the cache key of each photo
    encoded: int  # photos encoded by this build (cache misses)
    reused: int  # photos taken from the cache
    #: The files of `files` the site publishes: those pages link (not the print renditions).
    published: tuple[tuple[str, str, str, str], ...] = ()


#: One published file of a photo: (output path, cached file, its sha256 (as verified), origin).
PhotoFile = tuple[str, str, str, str]


@dataclass(frozen=True)
class ProductPhotos:
    """The photos of one product: a pure function of the product object, the settings and
    the cache folder (a product object is made anew when any of its files changed)."""

    pictures: tuple[Picture, ...]
    files: tuple[PhotoFile, ...]
    keys: tuple[str, ...]
    published: tuple[PhotoFile, ...]  # the files pages link


#: Each product's photos, kept by a long-running process while the product is the very same
#: object (under the same settings and cache folder).
PHOTOS: Slot[KeptEach[ProductPhotos]] = Slot("photos", KeptEach)
#: What the photos of every product are together, while each product's are the same.
GATHERED: Slot[Kept[Gathered]] = Slot("photos gathered", Kept)
#: Each product's print-resolution warnings, kept while the product is the very same object.
RESOLUTION: Slot[KeptEach[tuple[Problem, ...]]] = Slot("resolution warnings", KeptEach)


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
    source: Path, settings: ImageSettings, focus: Focus, digest: Callable[[Path], str] = file_sha256
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


def fill_cache(
    products: Sequence[Product], settings: ImageSettings, cache: ImageCache,
    problems: Problems, progress: Progress | None = None,
) -> tuple[int, int]:  # fmt: skip
    """Encode into the cache every photo of `products` it lacks, and nothing else of a
    build (`showroom cache fill`): how many were encoded, of how many distinct photos."""
    made = _process(list(products), settings, cache, problems, progress, file_sha256, {})
    distinct = {key for photos in made.products.values() for key in photos.keys}
    return made.encoded, len(distinct)


def process_photos(
    site: Site, settings: ImageSettings, cache: ImageCache, problems: Problems,
    progress: Progress | None = None, digest: Callable[[Path], str] = file_sha256,
    known: dict[str, RawManifest] | None = None, kept: KeptEach[ProductPhotos] | None = None,
    gathered: Kept[Gathered] | None = None,
) -> Photos:  # fmt: skip
    """Every photo of the site, from the cache or encoded. `digest` hashes a source file;
    `known` remembers the manifests of cache entries between builds (entries never change);
    `kept` (a long-running process) gives the photos of product objects seen before, and
    `gathered` what the site's photos are together while each product's are the same."""
    known = {} if known is None else known
    kept = KeptEach() if kept is None else kept
    kept.under((settings, str(cache.folder)))
    products, slugs = site.products, site.slugs
    fresh = list(map(products.__getitem__, kept.changed(slugs, products)))
    made = _process(fresh, settings, cache, problems, progress, digest, known)
    if problems.errors:  # the build stops; nothing of it is kept
        pictures = {slug: photos.pictures for slug, photos in made.products.items()}
        return Photos(pictures, (), {}, made.encoded, 0, ())
    found = made.products

    def make(n: int) -> ProductPhotos:
        return found[slugs[n]]

    every = kept.values(slugs, products, make, same_if_equal=True)
    kept.sweep()
    gathered = Kept() if gathered is None else gathered
    gathered.under(tuple(slugs))
    together = gathered.get("photos", tuple(every), partial(_gathered, slugs, every))
    gathered.sweep()
    return Photos(
        pictures=together.pictures,
        files=together.files,
        keys=together.keys,
        encoded=made.encoded,
        reused=together.distinct - made.encoded,
        published=together.published,
    )


@dataclass(frozen=True)
class Gathered:
    """The photos of every product together (see `Photos`), and how many cache entries
    they use."""

    pictures: dict[str, tuple[Picture, ...]]
    files: tuple[PhotoFile, ...]
    keys: dict[str, tuple[str, ...]]
    distinct: int
    published: tuple[PhotoFile, ...]


_PICTURES = operator.attrgetter("pictures")
_FILES = operator.attrgetter("files")
_PUBLISHED = operator.attrgetter("published")
_KEYS = operator.attrgetter("keys")


def _gathered(slugs: Sequence[str], every: list[ProductPhotos]) -> Gathered:
    keys = dict(zip(slugs, map(_KEYS, every), strict=True))
    return Gathered(
        pictures=dict(zip(slugs, map(_PICTURES, every), strict=True)),
        files=tuple(chain.from_iterable(map(_FILES, every))),
        keys=keys,
        distinct=len(set(chain.from_iterable(keys.values()))),
        published=tuple(chain.from_iterable(map(_PUBLISHED, every))),
    )


@dataclass(frozen=True)
class _Made:
    """The photos of some products, and how many were encoded to make them."""

    products: dict[str, ProductPhotos]
    encoded: int


@functools.cache
def _cache_key(source_digest: str, settings: ImageSettings, focus: Focus) -> str:
    return cache_key(source_digest, settings, focus)


def _process(
    products: list[Product], settings: ImageSettings, cache: ImageCache, problems: Problems,
    progress: Progress | None, digest: Callable[[Path], str], known: dict[str, RawManifest],
) -> _Made:  # fmt: skip
    photos = [
        _Photo(n, i, image.source, _cache_key(digest(image.source), settings, image.focus))
        for n, product in enumerate(products)
        for i, image in enumerate(product.images)
        if image.source is not None
    ]
    manifests, encoded = _manifests(photos, products, settings, cache, progress, known)
    pictures: dict[str, list[Picture]] = {p.slug: [] for p in products}
    files: dict[str, list[PhotoFile]] = {p.slug: [] for p in products}
    keys: dict[str, list[str]] = {p.slug: [] for p in products}
    for photo in photos:
        product = products[photo.product]
        image = product.images[photo.index]
        keys[product.slug].append(photo.key)
        result = manifests[photo.key]
        if isinstance(result, str):
            problems.error(product.source_display, image.line, f"images[{photo.index}].src", result)
            continue
        place = (product.slug, image.src, photo.key, product.source_display)
        picture, placed = _place(place, result, cache)
        files[product.slug].extend(placed)
        pictures[product.slug].append(picture)
    made = {
        p.slug: _product_photos(pictures[p.slug], files[p.slug], keys[p.slug]) for p in products
    }
    return _Made(made, encoded)


def _product_photos(
    pictures: list[Picture], files: list[PhotoFile], keys: list[str]
) -> ProductPhotos:
    """A product's photos; it publishes every file but the print renditions (the catalogue
    takes those from the cache)."""
    printed = {r.path for p in pictures for r in p.renditions if r.role == "print"}
    published = tuple(f for f in files if f[0] not in printed)
    return ProductPhotos(tuple(pictures), tuple(files), tuple(keys), published)


def _manifests(
    photos: list[_Photo], products: list[Product], settings: ImageSettings, cache: ImageCache,
    progress: Progress | None, known: dict[str, RawManifest],
) -> tuple[dict[str, RawManifest | str], int]:  # fmt: skip
    """Each photo's cache manifest (verified, or made by encoding it) or the reason it
    cannot be used; and how many were encoded."""
    manifests: dict[str, RawManifest | str] = {}
    misses: dict[str, EncodeJob] = {}
    for photo in photos:
        if photo.key in manifests or photo.key in misses:
            continue
        manifest = cache.verified(photo.key, known.get(photo.key))
        if manifest is not None:
            known[photo.key] = manifests[photo.key] = manifest
            continue
        known.pop(photo.key, None)
        image = products[photo.product].images[photo.index]
        misses[photo.key] = EncodeJob(
            photo.source, image.src, photo.key, cache.entry(photo.key), settings, image.focus
        )
    if misses:
        cache.claim()
    for key, result in zip(misses, _run(list(misses.values()), progress), strict=True):
        manifests[key] = result
        if not isinstance(result, str):
            known[key] = result
    return manifests, sum(1 for k in misses if not isinstance(manifests[k], str))


def _place(
    place: tuple[str, str, str, str], result: RawManifest, cache: ImageCache
) -> tuple[Picture, tuple[PhotoFile, ...]]:
    """A photo's renditions in the product's folder, and where each file comes from."""
    slug, src, key, origin = place
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


def _run(jobs: list[EncodeJob], progress: Progress | None) -> Iterator[RawManifest | str]:
    workers = min(os.cpu_count() or 1, 8)
    total = len(jobs)
    if total < PARALLEL_THRESHOLD or workers < 2:
        results: Iterator[RawManifest | str] = map(encode, jobs)
        yield from _reporting(results, total, progress)
        return
    # Forked only when no other thread runs (see processes.py): in `serve`, from a fork server.
    with ProcessPoolExecutor(max_workers=workers, mp_context=pool_context()) as pool:
        yield from _reporting(pool.map(encode, jobs), total, progress)


def _reporting(
    results: Iterator[RawManifest | str], total: int, progress: Progress | None
) -> Iterator[RawManifest | str]:
    for done, result in enumerate(results, start=1):
        if progress is not None:
            progress("photos", done, total)
        yield result


def resolution_warnings(
    site: Site,
    settings: ImageSettings,
    problems: Problems,
    kept: KeptEach[tuple[Problem, ...]] | None = None,
) -> None:
    """Warn about photos too small to print at `min_print_dpi` in the catalogue. With `kept`
    (a long-running process), a product object seen before gives its warnings again."""
    needed = pixels_for(settings.print_width_mm, settings.min_print_dpi)
    kept = KeptEach() if kept is None else kept
    kept.under(settings)
    products = site.products

    def make(n: int) -> tuple[Problem, ...]:
        found = Problems()
        _resolution(products[n], settings, needed, found)
        return tuple(found.items)

    every = kept.values(site.slugs, products, make)
    problems.extend(chain.from_iterable(every))
    kept.sweep()


def _resolution(product: Product, settings: ImageSettings, needed: int, problems: Problems) -> None:
    for index, image in enumerate(product.images):
        if image.width and image.width < needed:
            dpi = dpi_at(image.width, settings.print_width_mm)
            problems.warn(
                product.source_display,
                image.line,
                f"images[{index}].src",
                N_(
                    "{name} is {width} px wide: {dpi} dpi at the catalogue's {mm} mm; "
                    "{minimum} dpi needs {needed} px"
                ).format(
                    name=image.src,
                    width=image.width,
                    dpi=f"{dpi:.0f}",
                    mm=f"{settings.print_width_mm:g}",
                    minimum=settings.min_print_dpi,
                    needed=needed,
                ),
            )
