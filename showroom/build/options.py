"""What a build is asked to do and what it reports."""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from showroom.config import CONFIG_FILE, Config
from showroom.content.model import Content
from showroom.errors import ShowroomError
from showroom.fields.source import SourceProblem, read_source
from showroom.messages import LANGUAGES, Messages, default_messages, messages_for
from showroom.problems import Problem
from showroom.search.pagefind import SearchIndex
from showroom.site.designations import Expiring
from showroom.site.structure import Site

Progress = Callable[[str, int, int], None]

#: A line for each stage of a build, at INFO: the command line shows them with `-v`.
STAGES = logging.getLogger("showroom.stages")


def stage_done(since: float, message: str, *args: object) -> float:
    """Log that a stage begun at `since` (`time.perf_counter()`) is done, with how long it
    took (`message % args`, then the seconds); return the time now, the next stage's start."""
    now = time.perf_counter()
    if STAGES.isEnabledFor(logging.INFO):
        STAGES.info("%s in %.2f s", message % args, now - since)
    return now


def messages_of(config_file: Path) -> Messages:
    """The messages problems are reported in for the settings file `config_file` (`messages`,
    else the page `language`): read as far as it can be, since a file with errors still says
    which language its errors are shown in; Korean, the default language, when it cannot."""
    try:
        parsed = yaml.safe_load(read_source(config_file))
    except (SourceProblem, yaml.YAMLError, OSError):
        parsed = None
    settings = parsed if isinstance(parsed, dict) else {}
    chosen = settings.get("messages")
    language = settings.get("language", "ko")
    if chosen not in LANGUAGES:
        chosen = default_messages(language if isinstance(language, str) else "ko")
    return messages_for(str(chosen))


@dataclass(frozen=True)
class BuildOptions:
    config_file: Path = Path(CONFIG_FILE)
    out: Path | None = None  # default: <project>/public
    date: dt.date = field(default_factory=dt.date.today)
    strict: bool = False
    base_url: str | None = None  # overrides showroom.yml (e.g. for a preview deploy)
    pdf: bool = True  # make the catalogue PDFs (when showroom.yml enables them)
    clean: bool = False  # ignore the build state: parse, render and write everything
    search: bool = True  # make the search page and index (when showroom.yml enables them)
    print_edition: bool = False  # the printer's edition too, whatever showroom.yml says
    #: Show drafts (`build -D`, `serve` by default): their pages, marked, and in their halls'
    #: lists; never in the sitemap, the feed, the search index or the catalogue.
    drafts: bool = False
    #: Languages every published product, company and category must be translated into
    #: (`--require-translation en`): each field missing is an error.
    require_translations: tuple[str, ...] = ()


@dataclass(frozen=True)
class Checked:
    """The outcome of validation: the model, the structure and every warning."""

    config: Config
    content: Content
    site: Site
    problems: tuple[Problem, ...]


class OutputWriteError(ShowroomError):
    """The output folder could not be written (a full disk, a read-only file system ...)."""


@dataclass(frozen=True)
class BuildResult:
    out: Path
    products: int
    drafts: int
    pages: dict[str, int]
    images: int  # image files published
    photos_encoded: int  # photos encoded by this build
    photos_reused: int  # photos taken from the cache
    catalogue_pages: int  # 0 when no catalogue was made
    catalogue_rendered: bool  # False when the catalogue (in every language) came from the cache
    search: SearchIndex | None  # None when search is off (or for `showroom pdf`)
    warnings: tuple[Problem, ...]
    expiring: tuple[Expiring, ...]
    seconds: float
    pages_rendered: int = 0  # pages rendered by this build (the others were unchanged)
    files_written: int = 0  # files written into the output folder
    files_removed: int = 0
    incremental: bool = False  # only changed files were written (else a fresh folder)
    #: With `search_later`: makes the search index this build put off (see `search_stage`).
    search_pending: Callable[..., object] | None = None
