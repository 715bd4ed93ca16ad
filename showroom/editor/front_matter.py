"""Front matter as `showroom import` writes it: YAML text from values, checked with the
declarations `showroom check` uses, and an existing product's front matter changed in the
keys it imports alone, line by line (its other keys, its comments and its body kept)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import yaml
from yaml.nodes import MappingNode

from showroom.fields.nodes import FrontMatter, SyntaxProblem, parse_yaml
from showroom.fields.records import Record, validate_document
from showroom.fields.types import Context
from showroom.problems import Problem, Problems


def plain(value: object) -> object:
    """A validated value as YAML writes it: tuples as lists, a tuple of pairs (a mapping of
    labels, `specs`) as a mapping."""
    if isinstance(value, Mapping):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, tuple):
        if value and all(isinstance(v, tuple) and len(v) == 2 for v in value):
            return {k: plain(v) for k, v in value}
        return [plain(v) for v in value]
    return value


def dump(values: Mapping[str, object]) -> str:
    """YAML text of `values` in their order, Korean as it is, no line folded."""
    if not values:
        return ""
    text = yaml.safe_dump(
        dict(values), allow_unicode=True, sort_keys=False, default_flow_style=False, width=10**6
    )
    return str(text)


def problems_of(
    text: str, fields: Record, shown: str
) -> tuple[dict[str, object] | None, list[Problem]]:
    """The values of YAML `text` as the declarations read them (None with errors), and the
    problems they found (fields named as in `showroom check`)."""
    problems = Problems()
    parsed = parse_yaml(text)
    if isinstance(parsed, SyntaxProblem):
        problems.error(shown, parsed.line, "YAML", parsed.message)
        return None, problems.sorted()
    values = validate_document(parsed, fields, Context(parsed, shown, problems))
    return values, problems.sorted()


@dataclass(frozen=True)
class _Span:
    first: int  # index of the key's line in the YAML lines
    last: int  # index of the value's last line (comment lines after it left out)
    end_column: int  # where the value ends on its last line


def _spans(text: str, lines: list[str]) -> dict[str, _Span]:
    """Each top-level key's lines in the YAML text."""
    parsed = parse_yaml(text)
    node = None if isinstance(parsed, SyntaxProblem) else parsed.node
    if not isinstance(node, MappingNode):
        return {}
    pairs = node.value
    starts = [int(key.start_mark.line) for key, _ in pairs] + [len(lines)]
    spans: dict[str, _Span] = {}
    for n, (key, value) in enumerate(pairs):
        end = value.end_mark
        last = int(end.line) if end.column > 0 else int(end.line) - 1
        last = max(starts[n], min(last, starts[n + 1] - 1))
        while last > starts[n] and _comment_or_blank(lines[last]):
            last -= 1
        column = int(end.column) if int(end.line) == last else len(lines[last].rstrip("\r\n"))
        spans[str(key.value)] = _Span(starts[n], last, column)
    return spans


def _comment_or_blank(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


_COMMENT = re.compile(r"\s+#.*")


def edited(front: FrontMatter, changes: Mapping[str, object | None]) -> str:
    """The front matter's YAML text with each key of `changes` set to its value (a new key
    goes at the end; None removes the key). The lines of the other keys, every comment
    between keys and a one-line value's comment after it stay; comments inside a value that
    changes are lost."""
    lines = front.yaml_text.splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    spans = _spans(front.yaml_text, lines)
    replaced: dict[int, list[str]] = {}
    removed: set[int] = set()
    added: list[str] = []
    for key, value in changes.items():
        new = [] if value is None else dump({key: value}).splitlines()
        span = spans.get(key)
        if span is None:
            added += new
            continue
        replaced[span.first] = _with_comment(new, span, lines)
        removed.update(range(span.first + 1, span.last + 1))
    out: list[str] = []
    for index, line in enumerate(lines):
        if index in replaced:
            out += [text + newline for text in replaced[index]]
        elif index not in removed:
            out.append(line)
    return _ended(out, newline) + "".join(text + newline for text in added)


def _ended(lines: list[str], newline: str) -> str:
    """The lines as text, the last one ended."""
    text = "".join(lines)
    return text if not text or text.endswith(("\n", "\r")) else text + newline


def _with_comment(new: list[str], span: _Span, lines: list[str]) -> list[str]:
    """A one-line value's new line with the comment the old one had after the value."""
    old = lines[span.last].rstrip("\r\n")
    comment = _COMMENT.fullmatch(old[span.end_column :])
    if comment is not None and len(new) == 1 and span.first == span.last:
        return [new[0] + comment.group(0)]
    return new
