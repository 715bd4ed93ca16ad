"""The field reference (README) written from the same declarations that validate content."""

from __future__ import annotations

from showroom.fields.containers import ListOf, MapOf
from showroom.fields.records import Record
from showroom.fields.scalars import Text
from showroom.fields.types import FieldType


def type_label(kind: FieldType) -> str:
    if isinstance(kind, ListOf):
        return f"list of {type_label(kind.item)}"
    if isinstance(kind, MapOf):
        return f"mapping of label → {type_label(kind.value)}"
    if isinstance(kind, Record):
        return f"`{kind.name}`" if kind.name else "mapping"
    if isinstance(kind, Text) and kind.choices:
        return "one of " + ", ".join(kind.choices)
    return kind.label


def table(record: Record) -> str:
    rows = ["| field | type | required | meaning |", "|---|---|---|---|"]
    for key, spec in record.fields.items():
        required = "yes" if spec.required else ""
        rows.append(f"| `{key}` | {type_label(spec.type)} | {required} | {spec.doc} |")
    return "\n".join(rows)


def nested_records(record: Record) -> list[Record]:
    """Named records used inside `record`, in order of first use, without repeats."""
    found: list[Record] = []

    def visit(kind: FieldType) -> None:
        if isinstance(kind, ListOf):
            visit(kind.item)
        elif isinstance(kind, MapOf):
            visit(kind.value)
        elif isinstance(kind, Record):
            if kind.name and all(kind is not r for r in found):
                found.append(kind)
            for spec in kind.fields.values():
                visit(spec.type)

    for spec in record.fields.values():
        visit(spec.type)
    return found


def document(sections: list[tuple[str, str, Record]]) -> str:
    """Markdown: one table per file kind, then one per named sub-record."""
    parts: list[str] = []
    seen: list[Record] = []
    for title, intro, record in sections:
        parts.append(f"### {title}\n\n{intro}\n\n{table(record)}")
        for sub in nested_records(record):
            if any(sub is r for r in seen):
                continue
            seen.append(sub)
            parts.append(
                f"#### `{sub.name}`\n\n{sub.doc}\n\n{table(sub)}".replace("\n\n\n", "\n\n")
            )
    return "\n\n".join(parts)
