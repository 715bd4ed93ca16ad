"""The catalogue in each language: what every edition is printed with, the edition of a
language after the default one (from the same localised content as that language's pages,
through a print renderer of that language), and what the pages link to in it."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from showroom.build.options import Checked, Progress, stage_done
from showroom.build.state import BuildState
from showroom.catalogue.make import make_catalogue
from showroom.catalogue.pdf import Step
from showroom.catalogue.stored import RenderedCatalogue
from showroom.content.in_language import LocalisedObjects, content_in
from showroom.images.pipeline import Photos
from showroom.problems import Problems
from showroom.render.environment import TEMPLATES, make_environment
from showroom.render.jobs import NO_CATALOGUE, CatalogueLinks
from showroom.render.languages import PageLanguages
from showroom.render.pages import Renderer
from showroom.site.structure import Site, build_site
from showroom.state.reuse import Memory
from showroom.theme.folders import Theme
from showroom.theme.strings import Strings

#: What the pages of one language are made of: their site, strings, the default language's
#: renderer (photos, Markdown) and their languages.
PagesOf = tuple[Site, Strings, Renderer, PageLanguages]


@dataclass(frozen=True)
class Printing:
    """What the catalogue of every language is printed with besides its site."""

    files: Mapping[str, Path]  # the photos' print renditions, by their output paths
    progress: Progress | None
    checks: dict[str, str] | None  # the cache's verified files (None: a build keeping none)

    @classmethod
    def of(cls, photos: Photos, progress: Progress | None, state: BuildState | None) -> Printing:
        files = {path: Path(cached) for path, cached, _, _ in photos.files}
        return cls(files, progress, None if state is None else state.caches.checks)

    def step(self, label: str) -> Step | None:
        """The progress of the catalogue's steps, as `label`."""
        return None if self.progress is None else partial(self.progress, label)

    def make(
        self, site: Site, theme: Theme, renderer: Renderer, label: str = "catalogue"
    ) -> RenderedCatalogue:
        """The catalogue of `site` (in its settings' language) through the print renderer
        `renderer`; its stage logged as `label`."""
        started = time.perf_counter()
        made = make_catalogue(
            site, site.config, theme, renderer, self.files, self.step(label), self.checks
        )
        how = "rendered" if made.rendered else "unchanged, from the cache"
        stage_done(started, "%s: %d pages (%s)", label, made.pages, how)
        return made


def links(catalogue: RenderedCatalogue | None) -> CatalogueLinks:
    """What the pages link to in `catalogue` (nothing without one)."""
    if catalogue is None:
        return NO_CATALOGUE
    return CatalogueLinks(dict(catalogue.product_pages), dict(catalogue.files))


def catalogue_in(
    checked: Checked, theme: Theme, pages: PagesOf, printing: Printing, memory: Memory
) -> RenderedCatalogue:
    """The catalogue in a language after the default one, from the same content as its
    pages (the drafts aside), through a print renderer of that language (sharing the
    compiled templates the language's `memory` keeps)."""
    site, strings, default, languages = pages
    code, config = languages.current.code, site.config
    printed = site
    if site.published is not site.products:
        content = content_in(
            checked.content.published(), code, config.default_language, LocalisedObjects()
        )
        printed = build_site(config, content, site.build_date, Problems())
    renderer = language_renderer(theme, printed, strings, default, languages, memory)
    return printing.make(printed, theme, renderer, f"catalogue ({code})")


def language_renderer(
    theme: Theme,
    site: Site,
    strings: Strings,
    default: Renderer,
    languages: PageLanguages,
    memory: Memory,
    **more: Any,  # Any: the rest of Renderer's fields, as it declares them
) -> Renderer:
    """A renderer of the pages (or the catalogue) in a language after the default one: its
    own environment, with the photos, the Markdown renderer and cache of the default one."""
    config = site.config
    prefix = languages.current.prefix
    environment = make_environment(
        theme, config.base_path, config.base_url, memory.of(TEMPLATES), prefix
    )
    return Renderer(
        environment,
        site,
        strings,
        default.photos,
        default.markdown,
        markdown_cache=default.markdown_cache,
        languages=languages,
        **more,
    )
