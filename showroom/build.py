"""The build: gather and validate everything first, then render, then write and swap in."""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from showroom.config import CONFIG_FILE, Config, load_config
from showroom.content.loader import load_content
from showroom.content.model import Content
from showroom.errors import ContentError
from showroom.images.cache import ImageCache
from showroom.images.pipeline import cache_keys, process_photos, resolution_warnings
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
    images: int  # image files published
    photos_encoded: int  # photos encoded by this build
    photos_reused: int  # photos taken from the cache
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
    resolution_warnings(site, config.images, problems)
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

    image_problems = Problems()
    photos = process_photos(
        site, config.images, ImageCache(config.cache_dir), image_problems, progress
    )
    if image_problems.errors:
        raise ContentError(image_problems.sorted())
    theme = theme_for(config)
    env = make_environment(theme, config.base_path, config.base_url)
    strings = load_strings(theme.strings_files(config.language))
    renderer = Renderer(env, site, strings, photos.pictures, MarkdownRenderer(config.allow_html))

    staging = staging_folder(out)
    pages: Counter[str] = Counter()
    try:
        writer = OutputWriter(staging)
        for relative, source in theme.static_files():
            writer.copy(f"static/{relative}", source, origin=f"theme file {relative}")
        for relative, cached, origin in photos.files:
            writer.link(relative, cached, origin=origin)
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
        images=len(photos.files),
        photos_encoded=photos.encoded,
        photos_reused=photos.reused,
        warnings=tuple(p for p in checked.problems),
        expiring=site.expiring,
        seconds=time.perf_counter() - started,
    )


def prune_cache(config_file: Path) -> tuple[int, int, Path]:
    """Remove cache entries that no product (drafts included) uses with the current settings."""
    problems = Problems()
    config = load_config(config_file, problems)
    content = load_content(config, problems)
    if problems.errors:
        # Content that does not load could still own cache entries: keep everything.
        raise ContentError(problems.sorted())
    keep = cache_keys((*content.products, *content.drafts), config.images)
    removed, freed = ImageCache(config.cache_dir).prune(keep)
    return removed, freed, config.cache_dir
