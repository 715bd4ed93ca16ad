"""Parse YAML text into a node tree that remembers lines (safe loading only)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import yaml
from yaml.events import AliasEvent, NodeEvent
from yaml.nodes import MappingNode, Node, SequenceNode

from showroom.messages import N_

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


@dataclass(frozen=True)
class SyntaxProblem:
    line: int
    column: int
    message: str


@dataclass(frozen=True)
class Document:
    """A YAML document as nodes; `line_offset` maps node lines to file lines."""

    node: Node | None
    line_offset: int

    def line_of(self, node: Node) -> int:
        return int(node.start_mark.line) + 1 + self.line_offset


@dataclass(frozen=True)
class FrontMatter:
    yaml_text: str
    body: str
    yaml_first_line: int  # file line number of the first YAML line
    body_first_line: int


class FrontMatterMissing(Exception):
    """The file does not start with a `---` line or never closes the front matter."""


#: The YAML parser's own words for its problems and for what it was reading (it says them in
#: English): marked here so that they are translated as Showroom's messages are.
YAML_WORDS = (
    N_("mapping values are not allowed in this context"),
    N_("mapping values are not allowed here"),
    N_("block sequence entries are not allowed in this context"),
    N_("did not find expected key"),
    N_("did not find expected ',' or ']'"),
    N_("did not find expected ',' or '}'"),
    N_("did not find expected '-' indicator"),
    N_("did not find expected node content"),
    N_("could not find expected ':'"),
    N_("found character that cannot start any token"),
    N_("found unexpected end of stream"),
    N_("found unknown escape character"),
    N_("found a tab character that violates indentation"),
    N_("found unexpected ':'"),
    N_("while parsing a block mapping"),
    N_("while parsing a block collection"),
    N_("while parsing a block node"),
    N_("while parsing a flow sequence"),
    N_("while parsing a flow mapping"),
    N_("while parsing a flow node"),
    N_("while scanning a simple key"),
    N_("while scanning a quoted scalar"),
    N_("while scanning a plain scalar"),
    N_("while scanning a block scalar"),
)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def parse_yaml(text: str, first_line: int = 1) -> Document | SyntaxProblem:
    """Compose YAML into nodes. Text is normalised to NFC first, so every key and value is."""
    text = nfc(text)
    try:
        shared = _first_alias(text, first_line)
        if shared is not None:
            return shared
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return _marked_problem(exc, first_line)
    except yaml.YAMLError as exc:
        return SyntaxProblem(first_line, 1, str(exc))
    tagged = None if node is None else _foreign_tag(node)
    if tagged is not None:
        return _tag_problem(tagged, first_line)
    return Document(node, first_line - 1)


def _marked_problem(exc: yaml.MarkedYAMLError, first_line: int) -> SyntaxProblem:
    """A YAML syntax error at its line and column, naming where what it is in began."""
    mark = exc.problem_mark or exc.context_mark
    line = (int(mark.line) + first_line) if mark is not None else first_line
    column = (int(mark.column) + 1) if mark is not None else 1
    what = exc.problem or exc.context or N_("invalid YAML")
    message = N_("{what} (column {column})").format(what=what, column=column)
    start = exc.context_mark
    if exc.problem and exc.context and start is not None:
        start_line = int(start.line) + first_line
        if start_line != line:
            message = N_("{message}; {context} that starts on line {line}").format(
                message=message, context=exc.context, line=start_line
            )
    return SyntaxProblem(line, column, message)


def _tag_problem(tagged: Node, first_line: int) -> SyntaxProblem:
    line = int(tagged.start_mark.line) + first_line
    column = int(tagged.start_mark.column) + 1
    if tagged.tag == _MERGE_TAG:
        what = N_("a YAML merge key '<<' is not allowed: write the fields out")
    else:
        what = N_("the YAML tag {tag!r} is not allowed").format(tag=tagged.tag)
    return SyntaxProblem(
        line, column, N_("{what} (column {column})").format(what=what, column=column)
    )


_MERGE_TAG = "tag:yaml.org,2002:merge"


def _position(event: NodeEvent, first_line: int) -> tuple[int, int]:
    mark = event.start_mark
    if mark is None:
        return first_line, 1
    return int(mark.line) + first_line, int(mark.column) + 1


def _first_alias(text: str, first_line: int) -> SyntaxProblem | None:
    """The first YAML alias (`*name`), else the first anchor (`&name`), as a problem.

    Content may not use them: an alias repeats a value without writing it out, so a few
    lines of nested aliases ("billion laughs") stand for billions of values. They are found
    in the event stream, before any node is composed, in time linear in the text; a text
    with neither '&' nor '*' cannot hold one and is not scanned."""
    if "*" not in text and "&" not in text:
        return None
    anchor: NodeEvent | None = None
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, AliasEvent):
            line, column = _position(event, first_line)
            return SyntaxProblem(
                line,
                column,
                N_(
                    "the YAML alias '*{anchor}' is not allowed: write the value out in full "
                    "(column {column})"
                ).format(anchor=event.anchor, column=column),
            )
        if anchor is None and isinstance(event, NodeEvent) and event.anchor:
            anchor = event
    if anchor is None:
        return None
    line, column = _position(anchor, first_line)
    return SyntaxProblem(
        line,
        column,
        N_(
            "the YAML anchor '&{anchor}' is not allowed: write each value out in full "
            "(column {column})"
        ).format(anchor=anchor.anchor, column=column),
    )


_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("null", "bool", "int", "float", "str", "seq", "map", "timestamp")
)


def _foreign_tag(node: Node) -> Node | None:
    """The first node with an explicit tag outside plain YAML (e.g. !!python/object)."""
    stack = [node]
    while stack:
        current = stack.pop()
        if current.tag not in _PLAIN_TAGS:
            return current
        if isinstance(current, SequenceNode):
            stack.extend(reversed(current.value))
        elif isinstance(current, MappingNode):
            for key, value in reversed(current.value):
                stack.extend((value, key))
    return None


def split_front_matter(text: str) -> FrontMatter:
    """Split `---` front matter from a Markdown body."""
    text = text.removeprefix("\ufeff")
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n").rstrip() != "---":
        raise FrontMatterMissing(
            N_("the file must start with a line '---' that opens the front matter")
        )
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r\n").rstrip() in ("---", "..."):
            return FrontMatter(
                yaml_text="".join(lines[1:index]),
                body="".join(lines[index + 1 :]),
                yaml_first_line=2,
                body_first_line=index + 2,
            )
    raise FrontMatterMissing(N_("the front matter is never closed by a line '---'"))


_KEY_LINE = re.compile(r"[ \-]*([^\s#'\"?:\-][^:#]*?|'[^']*'|\"[^\"]*\") *:(?: |$)")


def key_path_at(text: str, index: int) -> str:
    """The keys leading to the character at `index` of YAML text, read from the indentation
    of the lines above it ("images.alt"), for a problem found before the text is parsed."""
    keys: list[str] = []
    limit: int | None = None
    for raw in reversed(text[:index].split("\n")):
        found = _KEY_LINE.match(raw)
        if found is None:
            continue
        indent = len(raw) - len(raw.lstrip(" -"))
        if limit is None or indent < limit:
            keys.append(found.group(1).strip("'\""))
            limit = indent
            if indent == 0:
                break
    return ".".join(reversed(keys))
