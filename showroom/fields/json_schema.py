"""JSON Schemas (draft-07) written from the same declarations that validate content.

Editors' tools (VS Code's YAML extension, i.e. yaml-language-server) read these to complete
field names, show each field's meaning and flag a wrong value as it is typed. Draft-07 is the
newest draft that yaml-language-server fully supports.

The schema describes a file the way the editor's YAML 1.2 parser reads it:
- an empty optional field (`fax:`) is null, which Showroom ignores, so it is allowed;
- a plain text field also takes what YAML reads as a number or true/false (`model: 100`),
  because Showroom keeps it as typed;
- a formatted value (phone, digits, e-mail, web address, slug, file name, date) must be text:
  the README asks for identifiers in quotes, and an unquoted `0521234567` would lose its 0;
- whole numbers and true/false must be YAML numbers and booleans (`yes`/`no` are text in
  YAML 1.2, so the editor asks for `true`/`false`);
- an unknown key is reported (`additionalProperties: false`): Showroom warns and ignores it,
  and yaml-language-server shows it as a warning too.
Checks that need other files or several fields (an existing photo, `until` after `from`, the
detailed number starting with the classification number) stay with `showroom check`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from showroom.fields.containers import ListOf, MapOf
from showroom.fields.formats import Format
from showroom.fields.records import OneOfRequired, Record
from showroom.fields.scalars import Boolean, Date, Integer, Text
from showroom.fields.types import FieldType

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
DATE_PATTERN = r"^\s*[0-9]{4}-[0-9]{2}-[0-9]{2}\s*$"

JSON = dict[str, Any]  # Any: a schema holds any JSON (nested schemas, lists, strings, numbers)


def document_schema(
    record: Record,
    title: str,
    description: str,
    choices: Mapping[str, Mapping[str, str]] | None = None,
) -> JSON:
    """The schema of a whole file. `choices` lists, per top-level field, the allowed values
    with a description each (e.g. the project's category slugs and their names)."""
    schema: JSON = {"$schema": DRAFT_07, "title": title, "description": description}
    schema.update(_record(record, choices or {}))
    return schema


def type_schema(kind: FieldType) -> JSON:
    """The schema of one value of `kind`."""
    if isinstance(kind, Record):
        return _record(kind, {})
    if isinstance(kind, ListOf):
        items: JSON = {"type": "array", "items": type_schema(kind.item)}
        if kind.min_items:
            items["minItems"] = kind.min_items
        return items
    if isinstance(kind, MapOf):
        return {"type": "object", "additionalProperties": type_schema(kind.value)}
    if isinstance(kind, Text):
        return _text(kind)
    if isinstance(kind, Integer):
        number: JSON = {"type": "integer"}
        if kind.minimum is not None:
            number["minimum"] = kind.minimum
        if kind.choices:
            number["enum"] = list(kind.choices)
        return number
    if isinstance(kind, Boolean):
        return {"type": "boolean"}
    if isinstance(kind, Date):
        return {
            "type": "string",
            "format": "date",
            "pattern": DATE_PATTERN,
            "patternErrorMessage": "Expected a date as YYYY-MM-DD.",
        }
    raise TypeError(f"no JSON Schema for {type(kind).__name__}")


def _text(kind: Text) -> JSON:
    if kind.choices:
        return {"type": "string", "enum": list(kind.choices)}
    if isinstance(kind.check, Format):
        return {
            "type": "string",
            "pattern": rf"^\s*(?:{kind.check.pattern})\s*$",
            "patternErrorMessage": f"Expected {kind.check.summary}.",
        }
    if kind.check is not None:  # a check without a pattern: `showroom check` decides
        return {"type": "string", "pattern": r"\S", "patternErrorMessage": "Must not be empty."}
    return {
        "type": ["string", "number", "boolean"],
        "pattern": r"\S",
        "patternErrorMessage": "Must not be empty.",
    }


def _record(record: Record, choices: Mapping[str, Mapping[str, str]]) -> JSON:
    properties: JSON = {}
    required: list[str] = []
    for key, spec in record.fields.items():
        schema = type_schema(spec.type)
        if key in choices:
            allowed = choices[key]
            schema["enum"] = list(allowed)
            schema["enumDescriptions"] = list(allowed.values())
        if spec.required:
            required.append(key)
        else:
            schema = _nullable(schema)
        properties[key] = {"description": _description(spec.doc, spec.type), **schema}
    result: JSON = {"type": "object", "properties": properties}
    if required:
        result["required"] = required
    alternatives = [c for c in record.checks if isinstance(c, OneOfRequired)]
    for check in alternatives:
        given = [
            {"required": [name], "properties": {name: {"not": {"type": "null"}}}}
            for name in check.fields
        ]
        result.setdefault("allOf", []).append({"anyOf": given})
    result["additionalProperties"] = False
    return result


def _nullable(schema: JSON) -> JSON:
    """An optional field may be left empty (`fax:`): YAML reads that as null."""
    kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    result = {**schema, "type": [*kinds, "null"]}
    if "enum" in schema:
        result["enum"] = [*schema["enum"], None]
        if "enumDescriptions" in schema:
            result["enumDescriptions"] = [*schema["enumDescriptions"], ""]
    return result


def _description(doc: str, kind: FieldType) -> str:
    if isinstance(kind, ListOf):
        kind = kind.item
    if isinstance(kind, Record) and kind.doc:
        return f"{doc}. {kind.doc}" if doc else kind.doc
    return doc
