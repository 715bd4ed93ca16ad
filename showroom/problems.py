"""Problems found in content and configuration, collected and reported all at once."""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from showroom.messages import ENGLISH, N_, Messages

#: The word before a warning's message.
WARNING = N_("warning")


class Level(enum.Enum):
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input file: `path:line: field: message`."""

    path: str
    line: int | None
    field: str
    message: str
    level: Level = dataclasses.field(default=Level.ERROR, compare=False)

    def format(self, messages: Messages = ENGLISH) -> str:
        """`path:line: field: message`, the message in the messages' language."""
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        prefix = "" if self.level is Level.ERROR else messages.text(WARNING) + ": "
        subject = f"{self.field}: " if self.field else ""
        return f"{where}: {prefix}{subject}{messages.text(self.message)}"

    def format_cell(self, messages: Messages = ENGLISH) -> str:
        """`file:row:column: message`: a spreadsheet's cell (`showroom import`); a problem of a
        whole row is `file:row: message`."""
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        prefix = "" if self.level is Level.ERROR else messages.text(WARNING) + ": "
        column = f":{self.field}" if self.field else ""
        return f"{where}{column}: {prefix}{messages.text(self.message)}"

    def format_github(self, messages: Messages = ENGLISH) -> str:
        """A GitHub Actions workflow command that annotates the file and line (the message in
        the messages' language; the workflow's own words, `error` and `warning`, stay)."""
        kind = "error" if self.level is Level.ERROR else "warning"
        props = f"file={_escape_property(self.path)}"
        if self.line is not None:
            props += f",line={self.line}"
        title = _escape_property(self.field) if self.field else ""
        if title:
            props += f",title={title}"
        return f"::{kind} {props}::{_escape_data(messages.text(self.message))}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


@dataclass
class Problems:
    """A collector: every stage adds what it finds; the build fails once, at the end."""

    items: list[Problem] = dataclasses.field(default_factory=list)
    _error_count: int = 0

    def error(self, path: str, line: int | None, field_name: str, message: str) -> None:
        self.items.append(Problem(path, line, field_name, message, Level.ERROR))
        self._error_count += 1

    def warn(self, path: str, line: int | None, field_name: str, message: str) -> None:
        self.items.append(Problem(path, line, field_name, message, Level.WARNING))

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.items.append(problem)
            self._error_count += problem.level is Level.ERROR

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.sorted())

    def __len__(self) -> int:
        return len(self.items)

    def sorted(self) -> list[Problem]:
        return sorted(set(self.items), key=lambda p: (p.path, p.line or 0, p.field, p.message))

    @property
    def error_count(self) -> int:
        """Errors so far, without sorting (record checks ask this for every record)."""
        return self._error_count

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.sorted() if p.level is Level.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.sorted() if p.level is Level.WARNING]


def display_path(path: Path, root: Path) -> str:
    """The path as an editor sees it: relative to the project, with forward slashes."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
