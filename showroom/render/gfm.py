"""Where Python-Markdown's core reads Markdown differently from GitHub (cmark-gfm), made to read
it GitHub's way. Everything else GitHub adds (strikethrough, autolinks, task lists, fences in
lists) comes from pymdown-extensions; this covers only what no maintained extension does:

- a list item's children are indented to where its text starts (two spaces under `- `, three
  under `1. `), not by four spaces a level: the list lines are re-indented to Python-Markdown's
  four spaces a level before the blocks are read (`ListIndents`, and `QuotedLists` in quotes);
- a list may follow a paragraph's line with no blank line between (`ListAfterParagraph`);
- `1)` numbers a list as `1.` does;
- a backslash at the end of a line is a hard line break, and every ASCII punctuation character
  can be escaped with a backslash.

Not mdx_truly_sane_lists (last release 2022): it sets one indentation for every list, so with
two spaces a list nested by four becomes text; nor mdx_breakless_lists (last release 2020).
"""

from __future__ import annotations

import re
import string
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from typing import Final

from markdown import Markdown
from markdown.blockparser import BlockParser
from markdown.blockprocessors import BlockProcessor, BlockQuoteProcessor
from markdown.extensions import Extension
from markdown.inlinepatterns import SubstituteTagInlineProcessor
from markdown.preprocessors import Preprocessor

#: A list item's line: its indentation, marker and the spaces after it (none: an empty item).
_ITEM: Final = re.compile(r"( *)([-+*]|\d{1,9}[.)])( +|$)")
#: A thematic break (`---`, `* * *`), which is not a list item though it starts like one.
_BREAK: Final = re.compile(r" {0,3}([-*_])(?: *\1){2,} *$")
_FENCE: Final = re.compile(r" {0,3}(`{3,}|~{3,})")
#: What ends a list item even on the line right after its text (no lazy continuation).
_INTERRUPTS: Final = re.compile(r" {0,3}(?:#{1,6}(?: |$)|>|`{3}|~{3})")
#: A line in a paragraph that starts a list: a bullet with text, or an ordered list from 1.
_LIST_IN_PARAGRAPH: Final = re.compile(r"\n(?= {0,3}(?:[-+*]|1[.)]) +\S)")
_INDENT: Final = 4  # Python-Markdown's indentation a level


@dataclass(frozen=True)
class _Item:
    column: int  # where the item's text starts in the source
    indent: int  # where it starts once re-indented: four spaces a level


@dataclass(frozen=True)
class _Fence:
    run: str  # the opening backticks or tildes
    column: int  # the column of what holds it (an item's text, or 0)


def reindent_lists(lines: list[str]) -> list[str]:
    """The lines with every list item and its continuation lines at four spaces a level."""
    items: list[_Item] = []
    fence: _Fence | None = None
    block_indent: int | None = None  # the new indentation of the block's first line
    out: list[str] = []
    for line in lines:
        if fence is not None:
            out.append(_shift(line, items))
            fence = None if _closes(line[fence.column :], fence) else fence
        elif not line.strip():
            out.append("")
            block_indent = None
        else:
            placed, is_item = _place(line, items, block_indent is None)
            indent = len(placed) - len(placed.lstrip(" "))
            if is_item and block_indent is not None and indent < block_indent:
                # Python-Markdown reads a block that starts indented as all inside the item
                # above: an item less indented starts a block of its own.
                out.append("")
                block_indent = indent
            out.append(placed)
            block_indent = indent if block_indent is None else block_indent
            fence = _opens(line, items)
    return out


def _place(line: str, items: list[_Item], blank_before: bool) -> tuple[str, bool]:
    """One non-blank line outside fences re-indented, and whether it is an item's first line;
    `items` is updated to the items open after it."""
    indent = len(line) - len(line.lstrip(" "))
    item = None if _BREAK.match(line) else _ITEM.match(line)
    # A line less indented than an item's text ends the item, unless it is the item's
    # paragraph going on (a "lazy" line).
    ends = item is not None or blank_before or _INTERRUPTS.match(line) is not None
    while ends and items and indent < items[-1].column:
        items.pop()
    base = items[-1].column if items else 0
    if item is None or indent - base >= _INDENT:
        return _shift(line, items), False
    return _open(line, item, items), True


def _open(line: str, item: re.Match[str], items: list[_Item]) -> str:
    """An item's first line at its level's indentation (`1)` written `1.`); the item opened."""
    marker, spaces = item.group(2), len(item.group(3))
    # Its text starts after one to four spaces; with more, after one (the rest is code).
    width = spaces if 0 < spaces <= _INDENT else 1
    level = len(items)
    items.append(_Item(item.end(2) + width, _INDENT * (level + 1)))
    number = marker[:-1] + "." if marker.endswith(")") else marker
    return " " * (_INDENT * level) + number + " " + line[item.end(2) + width :]


def _shift(line: str, items: list[_Item]) -> str:
    """A line inside the innermost open item, moved to that item's new indentation."""
    if not items:
        return line
    indent = len(line) - len(line.lstrip(" "))
    return " " * items[-1].indent + line[min(indent, items[-1].column) :]


def _opens(line: str, items: list[_Item]) -> _Fence | None:
    column = items[-1].column if items else 0
    fence = _FENCE.match(line[column:])
    return None if fence is None else _Fence(fence.group(1), column)


def _closes(line: str, fence: _Fence) -> bool:
    closing = _FENCE.match(line)
    return (
        closing is not None
        and closing.group(1)[0] == fence.run[0]
        and len(closing.group(1)) >= len(fence.run)
        and not line[closing.end() :].strip()
    )


class ListIndents(Preprocessor):
    """Re-indents lists before the blocks are read (see `reindent_lists`)."""

    def run(self, lines: list[str]) -> list[str]:
        return reindent_lists(lines)


class QuotedLists(BlockQuoteProcessor):
    """Python-Markdown's quotes, whose lines are re-indented as a document of their own (the
    preprocessor sees them with their `>`)."""

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        start = self.RE.search(blocks[0])
        if start is not None:
            head, quoted = blocks[0][: start.start()], blocks[0][start.start() :]
            lead = "\n" if quoted.startswith("\n") else ""
            lines = reindent_lists([self.clean(line) for line in quoted[len(lead) :].split("\n")])
            blocks[0] = head + lead + "\n".join(f"> {line}" if line else ">" for line in lines)
        super().run(parent, blocks)


class ListAfterParagraph(BlockProcessor):
    """Splits a paragraph where a list starts, as if a blank line were there."""

    def __init__(self, parser: BlockParser) -> None:
        super().__init__(parser)

    def test(self, parent: etree.Element, block: str) -> bool:
        return _LIST_IN_PARAGRAPH.search(block) is not None

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        block = blocks.pop(0)
        start = _LIST_IN_PARAGRAPH.search(block)
        assert start is not None  # as `test` found
        blocks[:0] = [block[: start.start()], block[start.end() :]]


class GithubMarkdown(Extension):
    """Python-Markdown's core read as GitHub reads it, where the two differ (module docstring)."""

    def extendMarkdown(self, md: Markdown) -> None:
        # After tabs are expanded (30), before fences are taken out (25).
        md.preprocessors.register(ListIndents(md), "gfm_list_indents", 27)
        md.parser.blockprocessors.register(QuotedLists(md.parser), "quote", 20)
        # After every block kind that can interrupt a paragraph, just before paragraphs (10).
        md.parser.blockprocessors.register(
            ListAfterParagraph(md.parser), "gfm_list_after_paragraph", 12
        )
        # Before backslash escapes (180), which would keep the backslash.
        md.inlinePatterns.register(SubstituteTagInlineProcessor(r"\\\n", "br"), "gfm_br", 185)
        md.ESCAPED_CHARS.extend(c for c in string.punctuation if c not in md.ESCAPED_CHARS)
