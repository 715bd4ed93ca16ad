"""A spreadsheet's rows as products for `showroom import`: which column each header names
(the export's own names, or the 혁신장터 registration list's Korean ones), and each row's
cells as front-matter values, with the column each value came from, every bad cell reported
as `FILE:row:column: message`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from showroom.editor.columns import BY_NAME, COMPANY_COLUMNS, HEADERS, Column, Kind, header_key
from showroom.editor.sheets import Bad, Cell, Sheet, parse_cell, text_of
from showroom.messages import N_
from showroom.problems import Problems

#: Registration-list headers whose cell is a number or the item's name: a name is taken as
#: a search word (the 혁신장터 list's 세부품명 is either).
NUMBER_OR_NAME = frozenset({header_key("세부품명")})
#: A header whose cell may hold the whole period, `from~until` (the registration list's).
PERIOD = frozenset({header_key("유효기간")})


@dataclass(frozen=True)
class Heading:
    index: int  # of the cell in a row
    header: str  # as the file has it
    column: Column
    own: bool  # the export's own name (lists split at `;` alone)


def headings(sheet: Sheet, problems: Problems) -> list[Heading]:
    """The columns the header row names; an unknown one is a warning, one named twice an
    error (both at row 1)."""
    found: dict[str, Heading] = {}
    for index, header in enumerate(sheet.header):
        if not header:
            continue
        column = HEADERS.get(header_key(header))
        if column is None:
            problems.warn(sheet.shown, 1, header, N_("unknown column (ignored)"))
            continue
        if column.name in found:
            problems.error(
                sheet.shown,
                1,
                header,
                N_("the same column as {other!r}: keep one of them").format(
                    other=found[column.name].header
                ),
            )
            continue
        own = header_key(header) == header_key(column.name)
        found[column.name] = Heading(index, header, column, own)
    return list(found.values())


@dataclass
class Row:
    """One row's values by column name (an empty cell: None), and where each came from."""

    shown: str
    number: int
    values: dict[str, object] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)  # column name → header
    keywords: list[str] = field(default_factory=list)  # from a 세부품명 that is a name

    def header(self, name: str) -> str:
        return self.headers.get(name, name)

    def text(self, name: str) -> str:
        value = self.values.get(name)
        return value if isinstance(value, str) else ""

    def error(self, problems: Problems, name: str, message: str) -> None:
        problems.error(self.shown, self.number, self.header(name) if name else "", message)

    def warn(self, problems: Problems, name: str, message: str) -> None:
        problems.warn(self.shown, self.number, self.header(name) if name else "", message)


def read_row(
    sheet: Sheet, number: int, cells: tuple[Cell, ...], heads: list[Heading], problems: Problems
) -> Row:
    """The row's cells read as their columns say; a bad cell is an error at its column."""
    row = Row(sheet.shown, number)
    for head in heads:
        cell = cells[head.index] if head.index < len(cells) else None
        name = head.column.name
        row.headers[name] = head.header
        key = header_key(head.header)
        if key in NUMBER_OR_NAME and not text_of(cell).replace("-", "").isdigit():
            row.keywords += [text_of(cell)] if text_of(cell) else []
            row.values.setdefault(name, None)
            continue
        if key in PERIOD and "~" in text_of(cell):
            start, _, cell = text_of(cell).partition("~")
            _set(row, "innovation_from", parse_cell(start.strip(), Kind.DATE, True), problems)
            row.headers.setdefault("innovation_from", head.header)
        _set(row, name, parse_cell(cell, head.column.kind, head.own), problems)
    return row


def _set(row: Row, name: str, value: object, problems: Problems) -> None:
    if isinstance(value, Bad):
        row.error(problems, name, value.message)
        return
    if value is not None or name not in row.values:
        row.values[name] = value


#: A designation's front-matter key, by the prefix of its columns.
DESIGNATIONS = {"excellent": "excellent_procurement", "innovation": "innovation"}


def product_values(row: Row) -> tuple[dict[str, object], dict[str, str]]:
    """The front-matter values the row gives, nested as in index.md (a key the file has a
    column for but whose cell is empty: None, so that `--update` removes it), and for each
    field path the column it came from."""
    values: dict[str, object] = {}
    where: dict[str, str] = {}
    for name, value in row.values.items():
        column = BY_NAME[name]
        if not column.imported or name in COMPANY_COLUMNS or name in ("slug", "company"):
            continue
        path = column.source
        where[path] = row.header(name)
        top, _, sub = path.partition(".")
        if not sub:
            values[top] = value
            continue
        block = values.setdefault(top, {})
        assert isinstance(block, dict)
        block[sub] = value
    if row.keywords:
        found = values.get("keywords")
        values["keywords"] = [*(found if isinstance(found, list) else []), *row.keywords]
    return values, where


def merged(existing: Mapping[str, object], imported: Mapping[str, object]) -> dict[str, object]:
    """`existing` (an index.md's values) with the imported ones: a block (procurement, a
    designation) takes the imported keys and keeps its others; None removes a key, a block
    left empty goes, and so does a designation whose every imported cell is empty."""
    result = dict(existing)
    for key, value in imported.items():
        empty = isinstance(value, dict) and all(v is None for v in value.values())
        if empty and key in DESIGNATIONS.values():
            value = None  # the row has no designation
        if isinstance(value, dict):
            before = result.get(key)
            block = dict(before) if isinstance(before, Mapping) else {}
            block.update(value)
            value = {k: v for k, v in block.items() if v is not None} or None
        if value is None:
            result.pop(key, None)
        else:
            result[key] = value
    return result


def column_of(field_name: str, where: Mapping[str, str]) -> str:
    """The column a problem's field came from (`certifications[0].until` → certifications),
    else the field's own name."""
    name = field_name
    while name:
        if name in where:
            return where[name]
        cut = max(name.rfind("."), name.rfind("["))
        name = name[:cut] if cut > 0 else ""
    return field_name
