"""User-facing exceptions: each carries an exit code and formats its own message."""

from __future__ import annotations

from showroom.messages import N_
from showroom.problems import Level, Problem


class ShowroomError(Exception):
    """An error the user can fix; the CLI prints its message without a traceback."""

    exit_code = 1

    def format_message(self) -> str:
        return str(self)


class ConfigError(ShowroomError):
    """showroom.yml is missing or invalid."""


class ContentError(ShowroomError):
    """Validation found errors (or warnings, with --strict): nothing was published."""

    def __init__(self, problems: list[Problem], strict: bool = False) -> None:
        self.problems = problems
        self.strict = strict
        super().__init__(self.format_message())

    def format_message(self) -> str:
        n = len(self.problems)
        if self.strict:
            one = N_(
                "Build failed: {count} problem (warnings are errors with --strict); "
                "nothing was published."
            )
            many = N_(
                "Build failed: {count} problems (warnings are errors with --strict); "
                "nothing was published."
            )
        else:
            one = N_("Build failed: {count} problem; nothing was published.")
            many = N_("Build failed: {count} problems; nothing was published.")
        return (one if n == 1 else many).format(count=n)


class SheetError(ContentError):
    """Cells of a spreadsheet `showroom import` read are wrong, each reported as
    `FILE:row:column: message`; nothing was written."""

    def format_message(self) -> str:
        n = sum(p.level is Level.ERROR for p in self.problems)
        one = N_("Import failed: {count} error; nothing was written.")
        many = N_("Import failed: {count} errors; nothing was written.")
        return (one if n == 1 else many).format(count=n)


class UsageError(ShowroomError):
    """A command was called wrongly (a bad flag value, a slug that exists …)."""

    exit_code = 2


class ThemeError(ContentError):
    """A template of the theme failed to compile or render: one problem, at the template's
    file and line (`themes/x/templates/a.html:3: message`), reported as content problems are;
    nothing was published."""

    def __init__(self, problem: Problem) -> None:
        super().__init__([problem])

    @property
    def problem(self) -> Problem:
        return self.problems[0]

    def format_message(self) -> str:
        return N_("Build failed: a template has an error; nothing was published.")
