"""User-facing exceptions: each carries an exit code and formats its own message."""

from __future__ import annotations

from showroom.problems import Problem


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
        noun = "problem" if n == 1 else "problems"
        why = " (warnings are errors with --strict)" if self.strict else ""
        return f"Build failed: {n} {noun}{why}; nothing was published."


class UsageError(ShowroomError):
    """A command was called wrongly (a bad flag value, a slug that exists …)."""

    exit_code = 2
