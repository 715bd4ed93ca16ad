"""What a page is to the build: the job that renders it (with its declared inputs), what its
<head> needs, the file it gives, and the catalogue it links to."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Generic, NamedTuple, TypeVar

R = TypeVar("R")


@dataclass(frozen=True)
class PageMeta:
    """What every page's <head> and breadcrumbs need."""

    kind: str
    path: str
    title: str
    description: str
    breadcrumbs: tuple[tuple[str, str | None], ...] = ()
    og_type: str = "website"
    og_image: str = ""
    jsonld: str = ""
    noindex: bool = False  # `<meta name="robots" content="noindex">` (a draft's page)


@dataclass(frozen=True)
class RenderedFile:
    kind: str  # home, hall, product, company, companies, 404, sitemap, feed, robots
    path: str  # output file path, relative to the output folder
    data: bytes


class PageJob(NamedTuple, Generic[R]):
    """A page to render: what it is made from (`deps`, beside the site's reads) and how,
    given the renderer of the build (`render(renderer)`). A job holds no renderer: a
    long-running process can hand the same job to the next build while its inputs are the
    very same objects (and then its deps are too)."""

    kind: str
    path: str  # output file path, relative to the output folder
    template: str
    deps: tuple[object, ...]
    render: Callable[[R], RenderedFile]


@dataclass(frozen=True)
class CatalogueLinks:
    """What the site links to in the catalogue: each product's page and the PDFs made
    (path in the site -> file name). Known once the catalogue is made, before the web pages."""

    pages: Mapping[str, int] = field(default_factory=dict)
    files: Mapping[str, str] = field(default_factory=dict)


NO_CATALOGUE = CatalogueLinks()
