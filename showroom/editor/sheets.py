"""The spreadsheets `showroom import` reads: a CSV file (UTF-8, with or without a byte order
mark, or the CP949 that Korean Excel saves) or the first sheet of an .xlsx workbook
(openpyxl), as a header row and numbered rows of cells, and each cell read as its column's
kind says (`editor.columns.Kind`). Row numbers are the spreadsheet's: the header is row 1."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from showroom.editor.columns import FORMULA_STARTS, Kind, split_escaped, unescape
from showroom.errors import UsageError
from showroom.fields.nodes import nfc
from showroom.messages import N_

#: A cell as a workbook gives it; a CSV's cells are all text.
Cell = str | int | float | bool | dt.datetime | dt.date | dt.time | None


@dataclass(frozen=True)
class Sheet:
    shown: str  # the file as messages name it
    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[Cell, ...]], ...]  # (row number, cells), empty rows left out


def read_sheet(path: Path, shown: str) -> Sheet:
    """The file's header and rows; a file that cannot be read is a UsageError."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise UsageError(
            N_("{file}: not a .csv or .xlsx file").format(file=shown),
        )
    try:
        found = _xlsx(path) if suffix == ".xlsx" else _csv(path.read_bytes())
    except (OSError, ValueError, KeyError, csv.Error) as exc:
        raise UsageError(
            N_("{file} could not be read as a spreadsheet: {reason}").format(file=shown, reason=exc)
        ) from None
    numbered = [(n, tuple(cells)) for n, cells in enumerate(found, start=1)]
    filled = [(n, cells) for n, cells in numbered if any(_filled(c) for c in cells)]
    if not filled:
        raise UsageError(N_("{file} has no header row").format(file=shown))
    (_, header), rows = filled[0], filled[1:]
    names = tuple(nfc(str(c)).strip() if _filled(c) else "" for c in header)
    return Sheet(shown, names, tuple(rows))


def _filled(cell: Cell) -> bool:
    return cell is not None and str(cell).strip() != ""


def _csv(data: bytes) -> list[list[Cell]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp949")  # what Korean Excel saves as "CSV"
    return [list(row) for row in csv.reader(io.StringIO(text, newline=""))]


def _xlsx(path: Path) -> list[list[Cell]]:
    from openpyxl import load_workbook  # only an import of a workbook needs it

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        return [[_cell(c) for c in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _cell(value: object) -> Cell:
    """A workbook's value as a cell (a formula's text, rich text as plain text)."""
    if value is None or isinstance(value, str | int | float | dt.date | dt.time):
        return value
    return str(value)


# --- cells ---------------------------------------------------------------------------------

#: A cell's value for the content files (a date, a number, a flag, text, a list …), or the
#: English message of what is wrong with it (a `Bad`).
Parsed = object


@dataclass(frozen=True)
class Bad:
    message: str


def text_of(cell: Cell) -> str:
    """A cell as text: NFC, stripped; a whole number without its `.0`."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    if isinstance(cell, dt.datetime):
        cell = cell.date()
    text = nfc(str(cell)).strip()
    # The export's guard before a cell that starts like a formula (render/open_data.py).
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


_DATE = re.compile(r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})\.?")


def parse_date(cell: Cell) -> dt.date | Bad:
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    text = text_of(cell)
    match = _DATE.fullmatch(text)
    parts = match.groups() if match else (text[:4], text[4:6], text[6:])
    if match is not None or (len(text) == 8 and text.isdigit()):
        try:
            return dt.date(*map(int, parts))
        except ValueError:
            pass
    return Bad(N_("{value!r} is not a date (YYYY-MM-DD or YYYYMMDD)").format(value=text))


def parse_flag(cell: Cell) -> bool | Bad:
    text = text_of(cell).upper()
    if text in ("Y", "N"):
        return text == "Y"
    return Bad(N_("{value!r} is not Y or N").format(value=text_of(cell)))


def parse_integer(cell: Cell) -> int | Bad:
    if isinstance(cell, int) and not isinstance(cell, bool):
        return cell
    text = text_of(cell).replace(",", "").removesuffix("원").strip()
    if text.isdigit():
        return int(text)
    return Bad(N_("{value!r} is not a whole number of won").format(value=text_of(cell)))


_TYPES = (("우수연구개발", 1), ("시제품", 2), ("기타", 3))


def parse_type(cell: Cell) -> int | Bad:
    """An innovation product's type: 1, 2 or 3, or 유형1 …, or the type's name."""
    text = text_of(cell)
    numbers = set(re.findall(r"[123]", text))
    if len(numbers) == 1 and not re.search(r"\d\d", text):
        return int(numbers.pop())
    for name, number in _TYPES:
        if name in text:
            return number
    return Bad(
        N_("{value!r} is not an innovation product type (1, 2, 3, 유형1, 혁신시제품 …)").format(
            value=text
        )
    )


def split_list(cell: Cell, own: bool) -> list[str]:
    """A list cell's items, their escapes kept: split at `;` (a backslash escapes one); a
    column of the registration list's (`own` false) is split at commas when it has no `;`."""
    text = text_of(cell)
    if not text:
        return []
    if not own and ";" not in text:
        return [item.strip() for item in text.split(",") if item.strip()]
    return [item.strip() for item in split_escaped(text, ";") if item.strip()]


def parse_specs(cell: Cell) -> dict[str, str] | Bad:
    specs: dict[str, str] = {}
    for item in split_list(cell, own=True):
        parts = split_escaped(item, "=")
        label, value = unescape(parts[0]).strip(), unescape("=".join(parts[1:])).strip()
        if len(parts) < 2 or not label or not value:
            return Bad(N_("{item!r} is not label=value").format(item=unescape(item)))
        specs[label] = value
    return specs


def parse_certifications(cell: Cell, own: bool) -> list[dict[str, object]] | Bad:
    """type:number:until:issuer;… (every part after the type may be left out)."""
    found: list[dict[str, object]] = []
    for item in split_list(cell, own):
        parts = [unescape(p).strip() for p in split_escaped(item, ":")]
        if len(parts) > 4 or not parts[0]:
            return Bad(N_("{item!r} is not type:number:until:issuer").format(item=unescape(item)))
        parts += [""] * (4 - len(parts))
        certification: dict[str, object] = {"type": parts[0]}
        if parts[1]:
            certification["number"] = parts[1]
        if parts[2]:
            until = parse_date(parts[2])
            if isinstance(until, Bad):
                return until
            certification["until"] = until
        if parts[3]:
            certification["issuer"] = parts[3]
        found.append(certification)
    return found


_PARSERS: dict[Kind, Callable[[Cell, bool], Parsed]] = {
    Kind.DATE: lambda cell, _: parse_date(cell),
    Kind.FLAG: lambda cell, _: parse_flag(cell),
    Kind.INTEGER: lambda cell, _: parse_integer(cell),
    Kind.TYPE: lambda cell, _: parse_type(cell),
    Kind.LIST: lambda cell, own: [unescape(item) for item in split_list(cell, own)] or None,
    Kind.SPECS: lambda cell, _: parse_specs(cell) or None,
    Kind.CERTIFICATIONS: lambda cell, own: parse_certifications(cell, own) or None,
}


def parse_cell(cell: Cell, kind: Kind, own: bool) -> Parsed:
    """The cell's value for the content files, or a `Bad`; None for an empty cell. `own`: the
    column has the export's own name (a list is split at `;` alone)."""
    if not _filled(cell):
        return None
    parse = _PARSERS.get(kind)
    return text_of(cell) if parse is None else parse(cell, own)
