"""Where Python-Markdown's core reads Markdown differently from GitHub (cmark-gfm), made to read
it GitHub's way. Everything else GitHub adds (strikethrough, autolinks, task lists, fences in
lists) comes from pymdown-extensions; this covers only what no maintained extension does:

- a list item's children are indented to where its text starts (two spaces under `- `, three
  under `1. `), not by four spaces a level: the list lines are re-indented to Python-Markdown's
  four spaces a level before the blocks are read (`ListIndents`, and `QuotedLists` in quotes);
- a list may follow a paragraph's line with no blank line between (`ListAfterParagraph`), and
  a list, a quote or a fence less indented than a list item's text ends the list, a list ends
  a quote's lazy lines or a table, a numbered list after a bulleted one is another list (the
  re-indenting puts a blank line there), and a fence left open runs to the end;
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
#: A table's delimiter row (with at least one `|`, checked apart): `|---|:--:|`.
_DELIMITER_ROW: Final = re.compile(r" {0,3}\|? *:?-+:? *(?:\| *:?-+:? *)*\|? *$")
#: What ends a list item even on the line right after its text (no lazy continuation).
_INTERRUPTS: Final = re.compile(r" {0,3}(?:#{1,6}(?: |$)|>|`{3}|~{3})")
#: A line in a paragraph that starts a list: a bullet with text, or an ordered list from 1.
_LIST_IN_PARAGRAPH: Final = re.compile(r"\n(?= {0,3}(?:[-+*]|1[.)]) +\S)")
_INDENT: Final = 4  # Python-Markdown's indentation a level


@dataclass(frozen=True)
class _Item:
    column: int  # where the item's text starts in the source
    indent: int  # where it starts once re-indented: four spaces a level
    ordered: bool


@dataclass(frozen=True)
class _Fence:
    run: str  # the opening backticks or tildes
    column: int  # the column of what holds it (an item's text, or 0)


def reindent_lists(lines: list[str]) -> list[str]:
    """The lines with every list item and its continuation lines at four spaces a level, and
    a blank line wherever GitHub ends a list or a quote that Python-Markdown would go on."""
    document = _Document()
    for line in lines:
        document.add(line)
    return document.close()


class _Document:
    """The lines re-indented so far, and what is open at the end of them."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.items: list[_Item] = []  # the open list items, outermost first
        self.fence: _Fence | None = None
        self.block_indent: int | None = None  # the new indentation of the block's first line
        self.quoted = False  # the line before is a quote's (outside lists)
        self.table = False  # the block is a table from here on
        self.previous = ""  # the line before, as written

    def add(self, line: str) -> None:
        if self.fence is not None:
            self.out.append(_shift(line, self.items))
            self.fence = None if _closes(line[self.fence.column :], self.fence) else self.fence
        elif not line.strip():
            self.out.append("")
            self.block_indent = None
            self.quoted = self.table = False
            self.previous = ""
        else:
            self._add_text(line)

    def close(self) -> list[str]:
        if self.fence is not None:  # a fence left open runs to the end, as on GitHub
            self.out.append(_shift(" " * self.fence.column + self.fence.run, self.items))
        return self.out

    def _add_text(self, line: str) -> None:
        level, item = self._place(line)
        interrupts = item is not None or _INTERRUPTS.match(line) is not None
        # A line less indented than an item's text ends the item, unless it is the item's
        # paragraph going on (a "lazy" line).
        closed = self.items[level:] if interrupts or self.block_indent is None else []
        del self.items[len(self.items) - len(closed) :]
        if item is not None:
            text = _open(line, item, self.items)
            apart = self._starts_anew(text, closed)
        else:
            text = _shift(line, self.items)
            apart = bool(closed) or (self.quoted and interrupts and not _quote(line))
        if apart and self.block_indent is not None:
            self.out.append("")
            self.block_indent = None
        self.out.append(text)
        if self.block_indent is None:
            self.block_indent = len(text) - len(text.lstrip(" "))
        self._after(line, interrupts)

    def _after(self, line: str, interrupts: bool) -> None:
        """What the line leaves open: a quote, a table, a fence."""
        # A quote goes on over its paragraph's lazy lines, and a list after them ends it.
        lazy = self.quoted and not interrupts
        self.quoted = not self.items and (_quote(line) or lazy)
        # A table goes on from its delimiter row (`|---|---|`, under a header row) to a blank
        # line.
        rows = "|" in self.previous and "|" in line
        self.table = self.table or (rows and _DELIMITER_ROW.match(line) is not None)
        self.previous = line
        self.fence = _opens(line, self.items)

    def _place(self, line: str) -> tuple[int, re.Match[str] | None]:
        """How many open items the line is indented into (it is their text, or an item in
        the last of them), and its list marker if it starts an item there."""
        indent = len(line) - len(line.lstrip(" "))
        level = sum(1 for item in self.items if indent >= item.column)
        base = self.items[level - 1].column if level else 0
        item = None if _BREAK.match(line) or indent - base >= _INDENT else _ITEM.match(line)
        return level, item

    def _starts_anew(self, text: str, closed: list[_Item]) -> bool:
        """Whether the item just opened must start a block of its own for Python-Markdown."""
        if self.quoted or self.table:  # a list right after them ends a quote or a table
            return True
        if not closed:
            return False
        indent = len(text) - len(text.lstrip(" "))
        # A block that starts indented is all inside the item above; a numbered list after a
        # bulleted one (or the other way round) is another list.
        starts_inside = self.block_indent is not None and indent < self.block_indent
        return starts_inside or closed[0].ordered != self.items[-1].ordered


def _quote(line: str) -> bool:
    return line.lstrip(" ").startswith(">") and len(line) - len(line.lstrip(" ")) < _INDENT


def _open(line: str, item: re.Match[str], items: list[_Item]) -> str:
    """An item's first line at its level's indentation (`1)` written `1.`); the item opened."""
    marker, spaces = item.group(2), len(item.group(3))
    # Its text starts after one to four spaces; with more, after one (the rest is code).
    width = spaces if 0 < spaces <= _INDENT else 1
    level = len(items)
    ordered = marker[-1] in ".)"
    items.append(_Item(item.end(2) + width, _INDENT * (level + 1), ordered))
    number = marker[:-1] + "." if ordered else marker
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
