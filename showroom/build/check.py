"""Validation: showroom.yml and every content file read and checked, every problem at once."""

from __future__ import annotations

from showroom.build.options import BuildOptions, Checked
from showroom.config import Config, load_config
from showroom.content.coverage import require_translations, translation_coverage
from showroom.content.loader import load_content
from showroom.content.memo import ParseMemo
from showroom.editor.schemas import check_current
from showroom.errors import ContentError, ShowroomError, UsageError
from showroom.hashing import text_digest
from showroom.images.pipeline import (
    RESOLUTION,
    resolution_warnings,
)
from showroom.messages import N_
from showroom.problems import Problems
from showroom.site.structure import build_site
from showroom.state.engine import engine_digest
from showroom.state.reuse import Memory


def check(
    options: BuildOptions,
    memo: ParseMemo | None = None,
    memory: Memory | None = None,
) -> Checked:
    """Load and validate config and content; raise ContentError if the build must stop.

    With a memo, files parsed by an earlier build with the same inputs are not parsed again;
    with `memory` (a long-running process), more of the last build is reused."""
    problems = Problems()
    try:
        config = load_config(options.config_file, problems, options.base_url, _edition(options))
    except Exception:
        if problems.errors:
            raise ContentError(problems.sorted()) from None
        raise
    if memo is not None:
        memo.salt = text_digest(engine_digest(), repr(config))
    content = load_content(config, problems, memo, memory, options.drafts)
    if options.require_translations:
        _required(options.require_translations, config.languages)
        require_translations(
            translation_coverage(config, content), options.require_translations, problems
        )
    check_current(config, content.categories, content.companies, problems)
    site = build_site(config, content, options.date, problems, memory)
    kept = None if memory is None else memory.of(RESOLUTION)
    resolution_warnings(site, config.images, problems, kept)
    found = problems.sorted()
    errors = problems.error_count > 0
    if errors or (options.strict and found):
        raise ContentError(found, strict=options.strict and not errors)
    return Checked(config, content, site, tuple(found))


def load_config_only(options: BuildOptions) -> Config:
    """showroom.yml alone (problems are reported again, with the content's, by check())."""
    try:
        return load_config(options.config_file, Problems(), options.base_url, _edition(options))
    except ShowroomError:
        return check(options).config  # raises with every problem


def _required(required: tuple[str, ...], languages: tuple[str, ...]) -> None:
    """Each language `--require-translation` names is one the content is translated into."""
    for code in required:
        if code not in languages[1:]:
            raise UsageError(
                N_(
                    "--require-translation {code}: not one of the languages translated into "
                    "(those after the first of `languages` in showroom.yml: {languages})"
                ).format(code=code, languages=", ".join(languages[1:]) or "-")
            )


def _edition(options: BuildOptions) -> str | None:
    return "print" if options.print_edition else None
