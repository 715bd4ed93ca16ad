"""Records: mappings with declared fields, where missing, unknown and duplicate keys are
reported, with checks over several fields; and the validation of a whole document."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from yaml import Mark
from yaml.nodes import MappingNode, Node

from showroom.fields.nodes import Document
from showroom.fields.types import (
    INVALID,
    MAP_TAG,
    Context,
    FieldType,
    Invalid,
    describe,
    is_null,
    key_text,
)
from showroom.messages import N_

#: A validated record's values, by field name.
Values = dict[str, Any]  # Any: each value of the type its declaration gives


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


#: A check over a record's converted values (run only when every field converted).
RecordCheck = Callable[[Mapping[str, object], Reporter], None]


@dataclass(frozen=True)
class OneOfRequired:
    """A record check: at least one of `fields` must be given (the JSON Schema says so too)."""

    fields: tuple[str, ...]
    message: str

    def __call__(self, values: Mapping[str, object], report: Reporter) -> None:
        if not any(name in values for name in self.fields):
            report.error(self.fields[0], self.message)


@dataclass(frozen=True)
class Record(FieldType):
    """A mapping with declared fields: missing, unknown and duplicate keys are reported."""

    fields: Mapping[str, Field]
    checks: tuple[RecordCheck, ...] = ()
    label: str = N_("a mapping (key: value lines)")
    name: str = ""  # how the reference names a nested record ("image", "contact" …)
    doc: str = ""
    #: Keys that are not fields and are an error, with the message (an unlisted language).
    refused: Mapping[str, str] = field(default_factory=dict)

    def convert(self, node: Node, ctx: Context, name: str) -> dict[str, object] | Invalid:
        if is_null(node):
            node = MappingNode(MAP_TAG, [], node.start_mark, node.end_mark)
        if not isinstance(node, MappingNode):
            ctx.error(
                node,
                name,
                N_("expected {label}, got {got}").format(label=self.label, got=describe(node)),
            )
            return INVALID
        reading = _Reading(self.fields, ctx, name, self.refused)
        for key_node, value_node in node.value:
            reading.entry(key_node, value_node)
        reading.required(node)
        if not name:
            ctx.partial = reading.values
        if not reading.ok:
            return INVALID
        reporter = Reporter(ctx, name, node)
        before = ctx.problems.error_count
        for check in self.checks:
            check(reading.values, reporter)
        if ctx.problems.error_count > before:
            return INVALID
        return reading.values


@dataclass
class _Reading:
    """One mapping read against a record's fields: the values that converted, the keys seen,
    and whether everything was right."""

    fields: Mapping[str, Field]
    ctx: Context
    name: str  # the record's own name ("" at the top of a document)
    refused: Mapping[str, str]
    values: dict[str, object] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)
    ok: bool = True

    def entry(self, key_node: Node, value_node: Node) -> None:
        """One `key: value` line."""
        ctx = self.ctx
        key = key_text(key_node, ctx, self.name)
        if key is None:
            self.ok = False
            return
        child_name = self._child(key)
        line = ctx.line(key_node)
        if key in self.seen:
            ctx.problems.error(ctx.path, line, child_name, N_("appears twice; keep one"))
            self.ok = False
            return
        self.seen.add(key)
        ctx.lines[child_name] = line
        spec = self.fields.get(key)
        if spec is None and key in self.refused:
            ctx.problems.error(ctx.path, line, child_name, self.refused[key])
            self.ok = False
        elif spec is None:
            ctx.problems.warn(ctx.path, line, child_name, _unknown_key(key, self.fields))
        elif is_null(value_node):
            if spec.required:
                ctx.problems.error(ctx.path, line, child_name, N_("required field is empty"))
                self.ok = False
        else:
            self._convert(key, spec, value_node, child_name)

    def _convert(self, key: str, spec: Field, value_node: Node, child_name: str) -> None:
        value = spec.type.convert(value_node, self.ctx, child_name)
        if value is INVALID:
            self.ok = False
        else:
            self.values[key] = value

    def required(self, node: MappingNode) -> None:
        """Report each required field that no line gave."""
        ctx = self.ctx
        for key, spec in self.fields.items():
            if spec.required and key not in self.seen:
                parent_line = ctx.lines.get(self.name) if self.name else None
                ctx.problems.error(
                    ctx.path,
                    parent_line or ctx.line(node),
                    self._child(key),
                    N_("required field is missing"),
                )
                self.ok = False

    def _child(self, key: str) -> str:
        return f"{self.name}.{key}" if self.name else key


def _unknown_key(key: str, known: Mapping[str, Field]) -> str:
    guess = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    if guess:
        return N_("unknown field; did you mean '{guess}'?").format(guess=guess[0])
    return N_("unknown field (ignored)")


def validate_document(doc: Document, fields: Record, ctx: Context) -> Values | None:
    """Convert a whole document against its top-level record; None if it had errors."""
    node = doc.node
    if node is None:
        mark = Mark("", 0, 0, 0, "", 0)
        node = MappingNode(MAP_TAG, [], mark, mark)
    result = fields.convert(node, ctx, "")
    return None if isinstance(result, Invalid) else dict(result)
