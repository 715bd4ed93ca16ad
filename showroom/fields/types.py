"""What every field type is: a converter of a YAML node into a value, or a reporter of what is
wrong with it (`FieldType`), and the `Context` a conversion reports into.

A file's fields are a tree of these declarations (`scalars`, `containers`, `records`).
Converting works on the composed node tree (not on `yaml.safe_load` output), so every value is
read exactly as the editor typed it (`052` stays a string, `2025-02-30` is an error and not a
crash) and every problem knows its line.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, Final

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from showroom.fields.nodes import Document
from showroom.messages import N_
from showroom.problems import Problems

NULL_TAG: Final = "tag:yaml.org,2002:null"
BOOL_TAG: Final = "tag:yaml.org,2002:bool"
MAP_TAG: Final = "tag:yaml.org,2002:map"


class Invalid:
    """Marker for a value that could not be converted (its problem is already reported)."""

    def __repr__(self) -> str:
        return "INVALID"


INVALID: Final = Invalid()


@dataclass
class Context:
    """Where problems go, and where each field's line is remembered for later checks."""

    doc: Document
    path: str
    problems: Problems
    lines: dict[str, int] = field(default_factory=dict)
    #: The top-level values that converted, even when others did not (for further checks).
    partial: dict[str, Any] = field(default_factory=dict)  # Any: as the declarations give them

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
        return N_("a mapping (key: value lines)")
    if isinstance(node, SequenceNode):
        return N_("a list")
    return repr(node.value)


def key_text(key_node: Node, ctx: Context, name: str) -> str | None:
    """A mapping key as text (stripped); None, reported, if it is not plain text."""
    if not isinstance(key_node, ScalarNode):
        ctx.error(key_node, name or "(key)", N_("a key must be plain text"))
        return None
    return str(key_node.value).strip()


class FieldType(ABC):
    """The type of one value; `label` names it in messages and in the reference."""

    label: str = N_("value")

    @abstractmethod
    def convert(self, node: Node, ctx: Context, name: str) -> object:
        """Return the converted value, or INVALID after reporting the problem."""

    def _scalar(self, node: Node, ctx: Context, name: str) -> str | Invalid:
        if not isinstance(node, ScalarNode):
            ctx.error(
                node,
                name,
                N_("expected {label}, got {got}").format(label=self.label, got=describe(node)),
            )
            return INVALID
        return str(node.value)
