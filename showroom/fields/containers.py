"""Field types that hold other values: a list of one type, and a mapping of free-form labels."""

from __future__ import annotations

from dataclasses import dataclass

from yaml.nodes import MappingNode, Node, SequenceNode

from showroom.fields import characters
from showroom.fields.types import INVALID, Context, FieldType, Invalid, describe, is_null, key_text
from showroom.messages import N_


@dataclass(frozen=True)
class ListOf(FieldType):
    item: FieldType
    min_items: int = 0
    label: str = N_("a list")

    def convert(self, node: Node, ctx: Context, name: str) -> tuple[object, ...] | Invalid:
        if not isinstance(node, SequenceNode):
            ctx.error(
                node,
                name,
                N_("expected a list (lines starting with '- '), got {got}").format(
                    got=describe(node)
                ),
            )
            return INVALID
        values: list[object] = []
        ok = True
        for index, child in enumerate(node.value):
            child_name = f"{name}[{index}]"
            ctx.lines.setdefault(child_name, ctx.line(child))
            if is_null(child):
                ctx.error(child, child_name, N_("empty list item"))
                ok = False
                continue
            value = self.item.convert(child, ctx, child_name)
            if value is INVALID:
                ok = False
            else:
                values.append(value)
        if ok and len(values) < self.min_items:
            many = N_("needs at least {count} item") if self.min_items == 1 else None
            many = many or N_("needs at least {count} items")
            ctx.error(node, name, many.format(count=self.min_items))
            return INVALID
        return tuple(values) if ok else INVALID


@dataclass(frozen=True)
class MapOf(FieldType):
    """A mapping of free-form labels to values, in the order written (e.g. a specs table)."""

    value: FieldType
    label: str = N_("a mapping (label: value lines)")

    def convert(
        self, node: Node, ctx: Context, name: str
    ) -> tuple[tuple[str, object], ...] | Invalid:
        if not isinstance(node, MappingNode):
            ctx.error(
                node,
                name,
                N_("expected {label}, got {got}").format(label=self.label, got=describe(node)),
            )
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
            ctx.error(
                key_node,
                child_name,
                N_("the label {problem}").format(problem=characters.message(key[bad])),
            )
            return None
        if key in taken:
            ctx.error(key_node, child_name, N_("appears twice"))
            return None
        return key
