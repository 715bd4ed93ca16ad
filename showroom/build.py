"""The build: gather and validate everything first, then render, then write and swap in."""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from showroom.config import CONFIG_FILE, Config, load_config
from showroom.content.loader import load_content
from showroom.content.model import Content
from showroom.errors import ContentError
from showroom.images import ProcessedImage, process_image
from showroom.output import OutputWriter, check_output_folder, discard, staging_folder, swap_in
from showroom.problems import Problem, Problems
from showroom.render.environment import load_strings, make_environment
from showroom.render.markdown import MarkdownRenderer
from showroom.render.pages import Renderer
from showroom.render.theme import theme_for
from showroom.site import urls
from showroom.site.structure import Expiring, Site, build_site

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]

#: Below this many photos, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 24


@dataclass(frozen=True)
class BuildOptions:
    config_file: Path = Path(CONFIG_FILE)
    out: Path | None = None  # default: <project>/public
    date: dt.date = field(default_factory=dt.date.today)
    strict: bool = False
    base_url: str | None = None  # overrides showroom.yml (e.g. for a preview deploy)


@dataclass(frozen=True)
class Checked:
    """The outcome of validation: the model, the structure and every warning."""

    config: Config
    content: Content
    site: Site
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class BuildResult:
    out: Path
    products: int
    drafts: int
    pages: dict[str, int]
    images: int
    warnings: tuple[Problem, ...]
    expiring: tuple[Expiring, ...]
    seconds: float


def check(options: BuildOptions) -> Checked:
    """Load and validate config and content; raise ContentError if the build must stop."""
    problems = Problems()
    try:
        config = load_config(options.config_file, problems, base_url=options.base_url)
    except Exception:
        if problems.errors:
            raise ContentError(problems.sorted()) from None
        raise
    content = load_content(config, problems)
    site = build_site(config, content, options.date, problems)
    errors = problems.errors
    if errors or (options.strict and problems.warnings):
        raise ContentError(problems.sorted(), strict=options.strict and not errors)
    return Checked(config, content, site, tuple(problems.sorted()))


def build(options: BuildOptions, progress: Progress | None = None) -> BuildResult:
    started = time.perf_counter()
    checked = check(options)
    config, site = checked.config, checked.site
    out = options.out if options.out is not None else config.root / "public"
    check_output_folder(out, config.root)

    photos, image_files = _process_images(site, config, progress)
    theme = theme_for(config)
    env = make_environment(theme, config.base_path, config.base_url)
    strings = load_strings(theme.strings_files(config.language))
    renderer = Renderer(env, site, strings, photos, MarkdownRenderer(config.allow_html))

    staging = staging_folder(out)
    pages: Counter[str] = Counter()
    try:
        writer = OutputWriter(staging)
        for relative, source in theme.static_files():
            writer.copy(f"static/{relative}", source, origin=f"theme file {relative}")
        for relative, data, origin in image_files:
            writer.write(relative, data, origin=origin)
        for product in site.products:
            if product.brochure_source is not None:
                writer.copy(
                    urls.product(product.slug) + product.brochure,
                    product.brochure_source,
                    origin=product.source_display,
                )
        for rendered in renderer.render_all():
            writer.write(rendered.path, rendered.data, origin=f"the {rendered.kind} page")
            pages[rendered.kind] += 1
        swap_in(staging, out)
    except BaseException:
        discard(staging)
        raise
    return BuildResult(
        out=out.resolve(),
        products=len(site.products),
        drafts=len(checked.content.drafts),
        pages=dict(pages),
        images=len(image_files),
        warnings=tuple(p for p in checked.problems),
        expiring=site.expiring,
        seconds=time.perf_counter() - started,
    )


@dataclass(frozen=True)
class _ImageJob:
    product: int
    index: int
    source: Path
    out_dir: str
    name: str
    width: int


def _run_job(job: _ImageJob) -> ProcessedImage | str:
    try:
        return process_image(job.source, job.out_dir, job.name, job.width)
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        return f"{job.name} could not be decoded: {exc}"


def _process_images(
    site: Site, config: Config, progress: Progress | None
) -> tuple[dict[str, tuple[ProcessedImage, ...]], list[tuple[str, bytes, str]]]:
    """Copy every photo and make its thumbnail, in parallel over the machine's cores."""
    jobs = [
        _ImageJob(
            n, i, image.source, urls.product(p.slug).rstrip("/"), image.src, config.thumbnail_width
        )
        for n, p in enumerate(site.products)
        for i, image in enumerate(p.images)
        if image.source is not None
    ]
    results: list[ProcessedImage | str] = []
    workers = min(os.cpu_count() or 1, 8)
    if len(jobs) < PARALLEL_THRESHOLD or workers < 2:
        iterator: Iterator[ProcessedImage | str] = map(_run_job, jobs)
        results = _collect(iterator, len(jobs), progress)
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            iterator = pool.map(_run_job, jobs, chunksize=16)
            results = _collect(iterator, len(jobs), progress)
    problems = Problems()
    photos: dict[str, list[ProcessedImage]] = {p.slug: [] for p in site.products}
    files: list[tuple[str, bytes, str]] = []
    for job, result in zip(jobs, results, strict=True):
        product = site.products[job.product]
        if isinstance(result, str):
            line = product.images[job.index].line
            problems.error(product.source_display, line, f"images[{job.index}].src", result)
            continue
        photos[product.slug].append(result)
        files.extend((path, data, product.source_display) for path, data in result.files)
    if problems.errors:
        raise ContentError(problems.sorted())
    return {slug: tuple(items) for slug, items in photos.items()}, files


def _collect(
    results: Iterator[ProcessedImage | str], total: int, progress: Progress | None
) -> list[ProcessedImage | str]:
    collected: list[ProcessedImage | str] = []
    for done, result in enumerate(results, start=1):
        collected.append(result)
        if progress is not None:
            progress("photos", done, total)
    return collected
