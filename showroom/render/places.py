"""Where in the theme a template failed: an exception of Jinja (or of code a template called)
turned into one problem at the template's file and line, as editors' mistakes are reported."""

from __future__ import annotations

import traceback
from types import TracebackType

import jinja2

from showroom.errors import ThemeError
from showroom.problems import Problem
from showroom.theme.folders import Theme


def theme_error(error: Exception, theme: Theme) -> ThemeError:
    """The error at its place: a syntax error where Jinja found it; any other error at the
    innermost template line the traceback passes through (an included file or a macro's own
    line, not the page's), which Jinja's rewritten tracebacks give for every template frame."""
    if isinstance(error, jinja2.TemplateSyntaxError) and error.filename is not None:
        place: tuple[str, int | None] | None = (_shown(error.filename, theme), error.lineno)
    else:
        place = innermost_template_line(error.__traceback__, theme)
    if place is None:  # no file: a template made from a string
        place = (getattr(error, "name", None) or "<template>", getattr(error, "lineno", None))
    path, line = place
    return ThemeError(Problem(path, line, "", message(error, theme)))


def innermost_template_line(tb: TracebackType | None, theme: Theme) -> tuple[str, int] | None:
    """(shown file, line) of the last frame that is a line of one of the theme's templates."""
    found = None
    for frame, line in traceback.walk_tb(tb):
        shown = theme.shown_template(frame.f_code.co_filename)
        if shown is not None:
            found = (shown, line)
    return found


def message(error: Exception, theme: Theme) -> str:
    """Jinja's own words for its errors; the kind of any other error, which may come from the
    engine (a helper the template called) rather than from the template."""
    if isinstance(error, jinja2.TemplatesNotFound):
        names = " or ".join(repr(str(n)) for n in error.templates)
        return f"no template {names} in {' or '.join(theme.shown_template_dirs())}"
    if isinstance(error, jinja2.TemplateNotFound):
        return f"no template {str(error.name)!r} in {' or '.join(theme.shown_template_dirs())}"
    if isinstance(error, jinja2.TemplateError):
        return error.message or type(error).__name__
    return f"{type(error).__name__}: {error}"


def _shown(filename: str, theme: Theme) -> str:
    return theme.shown_template(filename) or filename
