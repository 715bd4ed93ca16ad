"""A content file's text: read as UTF-8 (never through a link) and checked for the
characters no published text may hold."""

from __future__ import annotations

from pathlib import Path

from showroom.fields import characters
from showroom.fields.nodes import SyntaxProblem, key_path_at, nfc, parse_yaml
from showroom.fields.records import Record, Values, validate_document
from showroom.fields.source import SourceProblem, read_source
from showroom.fields.types import Context
from showroom.messages import N_
from showroom.problems import Problems, display_path

#: The characters of one file reported at most (one is enough to find the others).
_CHARACTERS_SHOWN = 5


def shown_path(path: Path, root: Path) -> str:
    """How a content path is shown in messages."""
    return nfc(display_path(path, root))


def read_text(path: Path, shown: str, problems: Problems) -> str | None:
    """The text of a content file, or None after reporting why it cannot be read."""
    try:
        return nfc(read_source(path))
    except SourceProblem as exc:
        problems.error(shown, exc.line, "", exc.message)
        return None


def characters_allowed(
    text: str, first_line: int, shown: str, problems: Problems, part: str
) -> bool:
    """Report the characters no published text may hold (control characters …) in the YAML
    (`part` empty: the field is read from the lines above) or the Markdown body of a file
    (`part` "body"), with their lines; False when there were any."""
    count = _forbidden(text, first_line, shown, problems, part)
    if part == "body":
        count = _references(text, first_line, shown, problems, count)
    return count == 0


def _forbidden(text: str, first_line: int, shown: str, problems: Problems, part: str) -> int:
    """The forbidden characters, as they stand; returns how many were reported."""
    index = characters.find_in_file(text)
    count = 0
    while index is not None and count < _CHARACTERS_SHOWN:
        line = first_line + text.count("\n", 0, index)
        field = part or key_path_at(text, index)
        problems.error(shown, line, field, characters.message(text[index]))
        count += 1
        index = characters.find_in_file(text, index + 1)
    return count


def _references(text: str, first_line: int, shown: str, problems: Problems, count: int) -> int:
    """The forbidden characters written as character references (`&#0;`) in a body, after
    `count` already reported; returns the count."""
    reference = characters.find_reference(text)
    while reference is not None and count < _CHARACTERS_SHOWN:
        index, char = reference
        line = first_line + text.count("\n", 0, index)
        what = characters.describe(char)
        problems.error(
            shown,
            line,
            "body",
            N_("a character reference stands for {what}; remove it").format(what=what),
        )
        count += 1
        reference = characters.find_reference(text, index + 1)
    return count


def yaml_values(path: Path, shown: str, fields: Record, problems: Problems) -> Values | None:
    """A YAML content file's values, validated against `fields`; None when it has errors (each
    reported with its line and field)."""
    text = read_text(path, shown, problems)
    if text is None or not characters_allowed(text, 1, shown, problems, ""):
        return None
    parsed = parse_yaml(text)
    if isinstance(parsed, SyntaxProblem):
        problems.error(shown, parsed.line, "YAML", parsed.message)
        return None
    return validate_document(parsed, fields, Context(parsed, shown, problems))
