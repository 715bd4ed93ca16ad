"""Field types: each converts a YAML node into a value or reports what is wrong with it.

A file's fields are a tree of these declarations. Converting works on the composed node tree (not on
`yaml.safe_load` output), so every value is read exactly as the editor typed it (`052` stays a
string, `2025-02-30` is an error and not a crash) and every problem knows its line.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from yaml import Mark
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from showroom.fields import characters
from showroom.fields.nodes import Document
from showroom.problems import Problems

NULL_TAG: Final = "tag:yaml.org,2002:null"
BOOL_TAG: Final = "tag:yaml.org,2002:bool"


class _Invalid:
    """Marker for a value that could not be converted (its problem is already reported)."""

    def __repr__(self) -> str:
        return "INVALID"


INVALID: Final = _Invalid()


@dataclass
class Context:
    """Where problems go, and where each field's line is remembered for later checks."""

    doc: Document
    path: str
    problems: Problems
    lines: dict[str, int] = field(default_factory=dict)
    #: The top-level values that converted, even when others did not (for further checks).
    partial: dict[str, Any] = field(default_factory=dict)

    def line(self, node: Node) -> int:
        return self.doc.line_of(node)

    def error(self, node: Node | None, name: str, message: str) -> None:
        self.problems.error(self.path, self._line(node, name), name, message)

    def warn(self, node: Node | None, name: str, message: str) -> None:
        self.problems.warn(self.path, self._line(node, name), name, message)

    def _line(self, node: Node | None, name: str) -> int:
        """The line of the field's key, else of the nearest enclosing key, else the node's."""
        while name:
            if name in self.lines:
                return self.lines[name]
            name = _parent(name)
        return self.line(node) if node is not None else self.doc.line_offset + 1


def _parent(name: str) -> str:
    cut = max(name.rfind("."), name.rfind("["))
    return name[:cut] if cut > 0 else ""


def is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == NULL_TAG


def describe(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping (key: value lines)"
    if isinstance(node, SequenceNode):
        return "a list"
    return repr(node.value)


class FieldType(ABC):
    """The type of one value; `label` names it in messages and in the reference."""

    label: str = "value"

    @abstractmethod
    def convert(self, node: Node, ctx: Context, name: str) -> Any:
        """Return the converted value, or INVALID after reporting the problem."""

    def _scalar(self, node: Node, ctx: Context, name: str) -> str | _Invalid:
        if not isinstance(node, ScalarNode):
            ctx.error(node, name, f"expected {self.label}, got {describe(node)}")
            return INVALID
        return str(node.value)


Check = Callable[[str], str | None]


@dataclass(frozen=True)
class Text(FieldType):
    """A string, read as typed; optional pattern, choices and a check returning a message."""

    label: str = "text"
    choices: tuple[str, ...] = ()
    check: Check | None = None

    def convert(self, node: Node, ctx: Context, name: str) -> Any:
        raw = self._scalar(node, ctx, name)
        if isinstance(raw, _Invalid):
            return raw
        value = raw.strip()
        if not value:
            ctx.error(node, name, "must not be empty")
            return INVALID
        bad = characters.find_in_value(raw)  # before strip(), which drops U+0085 and others
        if bad is not None:
            ctx.error(node, name, characters.message(raw[bad]))
            return INVALID
        if self.choices and value not in self.choices:
            options = ", ".join(self.choices)
            ctx.error(node, name, f"{value!r} is not one of: {options}")
            return INVALID
        if self.check is not None:
            message = self.check(value)
            if message is not None:
                ctx.error(node, name, message)
                return INVALID
        return value


@dataclass(frozen=True)
class Integer(FieldType):
    label: str = "whole number"
    minimum: int | None = None
    choices: tuple[int, ...] = ()

    def convert(self, node: Node, ctx: Context, name: str) -> Any:
        raw = self._scalar(node, ctx, name)
        if isinstance(raw, _Invalid):
            return raw
        text = raw.strip()
        if re.fullmatch(r"[0-9]{1,3}(,[0-9]{3})+", text):
            plain = text.replace(",", "")
            ctx.error(node, name, f"write the number without separators: {plain}")
            return INVALID
        if not re.fullmatch(r"[-+]?[0-9]+", text):
            ctx.error(node, name, f"expected a whole number, got {text!r}")
            return INVALID
        if len(text.lstrip("+-0")) > MAX_DIGITS:
            ctx.error(node, name, f"the number is too large (more than {MAX_DIGITS} digits)")
            return INVALID
        value = int(text)
        if self.minimum is not None and value < self.minimum:
            ctx.error(node, name, f"must be at least {self.minimum}, got {value}")
            return INVALID
        if self.choices and value not in self.choices:
            options = ", ".join(str(c) for c in self.choices)
            ctx.error(node, name, f"{value} is not one of: {options}")
            return INVALID
        return value


@dataclass(frozen=True)
class Boolean(FieldType):
    label: str = "true/false"

    def convert(self, node: Node, ctx: Context, name: str) -> Any:
        raw = self._scalar(node, ctx, name)
        if isinstance(raw, _Invalid):
            return raw
        if isinstance(node, ScalarNode) and node.tag == BOOL_TAG:
            return raw.strip().lower() in ("true", "yes", "on", "y")
        ctx.error(node, name, f"expected true or false, got {raw!r}")
        return INVALID


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

#: Whole numbers longer than this are refused (prices in won are far shorter; Python itself
#: refuses to read numbers of more than 4,300 digits).
MAX_DIGITS = 15

#: The years a date may have. Products, designations and certificates are of the present:
#: a year before 1900 or after 2999 is a typing mistake or a "never expires" placeholder
#: (9999-12-31), and the validity arithmetic (start + 6 years, the feed's timestamps, days
#: left) stays far inside what dates can hold (year 1 to 9999).
FIRST_YEAR = 1900
LAST_YEAR = 2999


def parse_iso_date(text: str) -> dt.date | str:
    """A date from `YYYY-MM-DD`, or the message saying what is wrong."""
    text = text.strip()
    if not _ISO_DATE.fullmatch(text):
        return f"expected a date as YYYY-MM-DD, got {text!r}"
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return f"{text} is not a real date"
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        return f"{text}: the year must be between {FIRST_YEAR} and {LAST_YEAR}"
    return day


@dataclass(frozen=True)
class Date(FieldType):
    label: str = "date (YYYY-MM-DD)"

    def convert(self, node: Node, ctx: Context, name: str) -> Any:
        raw = self._scalar(node, ctx, name)
        if isinstance(raw, _Invalid):
            return raw
        result = parse_iso_date(raw)
        if isinstance(result, str):
            ctx.error(node, name, result)
            return INVALID
        return result


@dataclass(frozen=True)
class ListOf(FieldType):
    item: FieldType
    min_items: int = 0
    label: str = "a list"

    def convert(self, node: Node, ctx: Context, name: str) -> Any:
        if not isinstance(node, SequenceNode):
            ctx.error(
                node, name, f"expected a list (lines starting with '- '), got {describe(node)}"
            )
            return INVALID
        values: list[Any] = []
        ok = True
        for index, child in enumerate(node.value):
            child_name = f"{name}[{index}]"
            ctx.lines.setdefault(child_name, ctx.line(child))
            if is_null(child):
                ctx.error(child, child_name, "empty list item")
                ok = False
                continue
            value = self.item.convert(child, ctx, child_name)
            if value is INVALID:
                ok = False
            else:
                values.append(value)
        if ok and len(values) < self.min_items:
            noun = "item" if self.min_items == 1 else "items"
            ctx.error(node, name, f"needs at least {self.min_items} {noun}")
            return INVALID
        return tuple(values) if ok else INVALID


@dataclass(frozen=True)
class MapOf(FieldType):
    """A mapping of free-form labels to values, in the order written (e.g. a specs table)."""

    value: FieldType
    label: str = "a mapping (label: value lines)"

    def convert(self, node: Node, ctx: Context, name: str) -> Any:
        if not isinstance(node, MappingNode):
            ctx.error(node, name, f"expected {self.label}, got {describe(node)}")
            return INVALID
        result: dict[str, Any] = {}
        ok = True
        for key_node, value_node in node.value:
            key = _key_text(key_node, ctx, name)
            if key is None:
                ok = False
                continue
            child_name = f"{name}.{key}"
            ctx.lines[child_name] = ctx.line(key_node)
            bad = characters.find_in_value(key)
            if bad is not None:
                ctx.error(key_node, child_name, "the label " + characters.message(key[bad]))
                ok = False
                continue
            if key in result:
                ctx.error(key_node, child_name, "appears twice")
                ok = False
                continue
            value = self.value.convert(value_node, ctx, child_name)
            if value is INVALID:
                ok = False
            else:
                result[key] = value
        return tuple(result.items()) if ok else INVALID


@dataclass(frozen=True)
class Field:
    type: FieldType
    required: bool = False
    doc: str = ""


class Reporter:
    """What a record check uses to report against one of the record's fields."""

    def __init__(self, ctx: Context, prefix: str, node: Node | None) -> None:
        self._ctx = ctx
        self._prefix = prefix
        self._node = node

    def name(self, field_name: str) -> str:
        return f"{self._prefix}.{field_name}" if self._prefix else field_name

    def error(self, field_name: str, message: str) -> None:
        self._ctx.error(self._node, self.name(field_name), message)

    def warn(self, field_name: str, message: str) -> None:
        self._ctx.warn(self._node, self.name(field_name), message)


RecordCheck = Callable[[Mapping[str, Any], Reporter], None]


@dataclass(frozen=True)
class OneOfRequired:
    """A record check: at least one of `fields` must be given (the JSON Schema says so too)."""

    fields: tuple[str, ...]
    message: str

    def __call__(self, values: Mapping[str, Any], report: Reporter) -> None:
        if not any(name in values for name in self.fields):
            report.error(self.fields[0], self.message)


@dataclass(frozen=True)
class Record(FieldType):
    """A mapping with declared fields: missing, unknown and duplicate keys are reported."""

    fields: Mapping[str, Field]
    checks: tuple[RecordCheck, ...] = ()
    label: str = "a mapping (key: value lines)"
    name: str = ""  # how the reference names a nested record ("image", "contact" …)
    doc: str = ""

    def convert(self, node: Node, ctx: Context, name: str) -> Any:
        if is_null(node):
            node = MappingNode("tag:yaml.org,2002:map", [], node.start_mark, node.end_mark)
        if not isinstance(node, MappingNode):
            ctx.error(node, name, f"expected {self.label}, got {describe(node)}")
            return INVALID
        values: dict[str, Any] = {}
        seen: set[str] = set()
        ok = True
        for key_node, value_node in node.value:
            key = _key_text(key_node, ctx, name)
            if key is None:
                ok = False
                continue
            child_name = f"{name}.{key}" if name else key
            line = ctx.line(key_node)
            if key in seen:
                ctx.problems.error(ctx.path, line, child_name, "appears twice; keep one")
                ok = False
                continue
            seen.add(key)
            ctx.lines[child_name] = line
            spec = self.fields.get(key)
            if spec is None:
                ctx.problems.warn(ctx.path, line, child_name, _unknown_key(key, self.fields))
                continue
            if is_null(value_node):
                if spec.required:
                    ctx.problems.error(ctx.path, line, child_name, "required field is empty")
                    ok = False
                continue
            value = spec.type.convert(value_node, ctx, child_name)
            if value is INVALID:
                ok = False
            else:
                values[key] = value
        for key, spec in self.fields.items():
            if spec.required and key not in seen:
                child_name = f"{name}.{key}" if name else key
                parent_line = ctx.lines.get(name) if name else None
                ctx.problems.error(
                    ctx.path,
                    parent_line or ctx.line(node),
                    child_name,
                    "required field is missing",
                )
                ok = False
        if not name:
            ctx.partial = values
        if not ok:
            return INVALID
        reporter = Reporter(ctx, name, node)
        before = ctx.problems.error_count
        for check in self.checks:
            check(values, reporter)
        if ctx.problems.error_count > before:
            return INVALID
        return values


def _key_text(key_node: Node, ctx: Context, name: str) -> str | None:
    if not isinstance(key_node, ScalarNode):
        ctx.error(key_node, name or "(key)", "a key must be plain text")
        return None
    return str(key_node.value).strip()


def _unknown_key(key: str, known: Mapping[str, Field]) -> str:
    guess = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    if guess:
        return f"unknown field; did you mean '{guess[0]}'?"
    return "unknown field (ignored)"


def validate_document(doc: Document, fields: Record, ctx: Context) -> dict[str, Any] | None:
    """Convert a whole document against its top-level record; None if it had errors."""
    node = doc.node
    if node is None:
        mark = Mark("", 0, 0, 0, "", 0)
        node = MappingNode("tag:yaml.org,2002:map", [], mark, mark)
    result = fields.convert(node, ctx, "")
    return None if result is INVALID else dict(result)
