"""Field types that hold other values: a list of one type, and a mapping of free-form labels."""

from __future__ import annotations

from dataclasses import dataclass

from yaml.nodes import MappingNode, Node, SequenceNode

from showroom.fields import characters
from showroom.fields.types import INVALID, Context, FieldType, Invalid, describe, is_null, key_text


@dataclass(frozen=True)
class ListOf(FieldType):
    item: FieldType
    min_items: int = 0
    label: str = "a list"

    def convert(self, node: Node, ctx: Context, name: str) -> tuple[object, ...] | Invalid:
        if not isinstance(node, SequenceNode):
            ctx.error(
                node, name, f"expected a list (lines starting with '- '), got {describe(node)}"
            )
            return INVALID
        values: list[object] = []
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

    def convert(
        self, node: Node, ctx: Context, name: str
    ) -> tuple[tuple[str, object], ...] | Invalid:
        if not isinstance(node, MappingNode):
            ctx.error(node, name, f"expected {self.label}, got {describe(node)}")
            return INVALID
        result: dict[str, object] = {}
        ok = True
        for key_node, value_node in node.value:
            key = self._label(key_node, ctx, name, result)
            if key is None:
                ok = False
                continue
            value = self.value.convert(value_node, ctx, f"{name}.{key}")
            if value is INVALID:
                ok = False
            else:
                result[key] = value
        return tuple(result.items()) if ok else INVALID

    def _label(
        self, key_node: Node, ctx: Context, name: str, taken: dict[str, object]
    ) -> str | None:
        """The label of one line, if it is plain text without forbidden characters and not
        given before; else None (reported)."""
        key = key_text(key_node, ctx, name)
        if key is None:
            return None
        child_name = f"{name}.{key}"
        ctx.lines[child_name] = ctx.line(key_node)
        bad = characters.find_in_value(key)
        if bad is not None:
            ctx.error(key_node, child_name, "the label " + characters.message(key[bad]))
            return None
        if key in taken:
            ctx.error(key_node, child_name, "appears twice")
            return None
        return key
