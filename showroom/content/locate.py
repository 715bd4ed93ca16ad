"""Find where characters and fields stand in content files: the file, line and field.

Used only when something already failed (the catalogue's font lacks a character, a required
translation is missing), so it may read the files again; it reads them the way the loader
does (UTF-8, no links)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from showroom.fields.nodes import (
    Document,
    FrontMatterMissing,
    nfc,
    parse_yaml,
    split_front_matter,
)
from showroom.fields.source import SourceProblem, read_source


@dataclass(frozen=True)
class Place:
    path: str  # as shown to the editor
    line: int
    field: str


@dataclass(frozen=True)
class Source:
    """A file to look in: YAML (`markdown` false) or Markdown with front matter."""

    path: Path
    shown: str
    markdown: bool = False


def find_characters(sources: Iterable[Source], wanted: Iterable[str]) -> dict[str, list[Place]]:
    """Every place where each wanted character stands, in the order of `sources`."""
    chars = set(wanted)
    found: dict[str, list[Place]] = {c: [] for c in chars}
    for source in sources:
        try:
            text = nfc(read_source(source.path))
        except (SourceProblem, OSError):
            continue
        if not chars & set(text):
            continue
        for char, place in _places(source, text, chars):
            if place not in found[char]:
                found[char].append(place)
    return found


def _places(source: Source, text: str, chars: set[str]) -> Iterator[tuple[str, Place]]:
    yaml_text, first_line = text, 1
    if source.markdown:
        try:
            front = split_front_matter(text)
        except FrontMatterMissing:
            return
        yaml_text, first_line = front.yaml_text, front.yaml_first_line
        for number, line in enumerate(front.body.split("\n")):
            for char in sorted(chars & set(line)):
                yield char, Place(source.shown, front.body_first_line + number, "body")
    doc = parse_yaml(yaml_text, first_line=first_line)
    if not isinstance(doc, Document) or doc.node is None:
        return
    for name, node in _scalars(doc.node, ""):
        for char in sorted(chars & set(str(node.value))):
            yield char, Place(source.shown, doc.line_of(node), name)


def _scalars(node: Node, name: str) -> Iterator[tuple[str, ScalarNode]]:
    """Every scalar under a node with its field name (`images[0].alt`, `specs.무게`)."""
    if isinstance(node, ScalarNode):
        yield name, node
    elif isinstance(node, SequenceNode):
        for index, child in enumerate(node.value):
            yield from _scalars(child, f"{name}[{index}]")
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            key_text = str(key.value).strip() if isinstance(key, ScalarNode) else "?"
            child = f"{name}.{key_text}" if name else key_text
            if isinstance(key, ScalarNode):
                yield child, key
            yield from _scalars(value, child)


def field_lines(source: Source) -> dict[str, int]:
    """The line each field of a file starts on (`summary`, `images[0].alt`, `en.name`; the
    first, where a name appears twice), and, in Markdown, `body`: the body's first line.
    Empty when the file cannot be read or parsed."""
    try:
        text = nfc(read_source(source.path))
    except (SourceProblem, OSError):
        return {}
    lines: dict[str, int] = {}
    if source.markdown:
        try:
            front = split_front_matter(text)
        except FrontMatterMissing:
            return {}
        text, first_line = front.yaml_text, front.yaml_first_line
        lines["body"] = front.body_first_line
    else:
        first_line = 1
    doc = parse_yaml(text, first_line=first_line)
    if isinstance(doc, Document) and doc.node is not None:
        for name, node in _scalars(doc.node, ""):
            lines.setdefault(name, doc.line_of(node))
    return lines
