"""The message catalogues: extract the templates marked `N_(...)` in showroom/ into
showroom/locale/messages.pot, bring each language's .po up to it (new messages get an empty
translation, to be filled in), and compile the .mo files Showroom reads at run time.

    python tools/messages.py          # write the .pot, update the .po files, compile the .mo
    python tools/messages.py --check  # exit 1 if any of them is not up to date

The .mo files are committed, so that a pip install needs no compiling step (and no Babel)."""

from __future__ import annotations

import datetime as dt
import gettext
import io
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "showroom"
LOCALE = PACKAGE / "locale"
POT = LOCALE / "messages.pot"
TRANSLATED = ("ko",)
_DATE = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)  # fixed: the files change only with messages


def extract() -> Catalog:
    """Every template marked with `N_` in the package, with the files it is in."""
    catalog = Catalog(
        project="Showroom",
        creation_date=_DATE,
        revision_date=_DATE,
        msgid_bugs_address="",
        copyright_holder="",
        fuzzy=False,
        header_comment="# The English message templates of Showroom (`N_(...)` in showroom/),\n"
        "# extracted by: python tools/messages.py",
        version="",
        last_translator="",
    )
    found = extract_from_dir(
        str(PACKAGE),
        method_map=[("**.py", "python")],
        keywords={"N_": None},
        comment_tags=("Translators:",),
    )
    for filename, lineno, message, comments, _context in found:
        path = f"showroom/{Path(filename).as_posix()}"
        catalog.add(message, locations=[(path, lineno)], auto_comments=comments)
    return catalog


def _po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=100, sort_output=True, include_lineno=False, ignore_obsolete=True)
    return out.getvalue()


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "messages.po"


def read_catalogue(language: str) -> Catalog:
    with po_path(language).open("rb") as file:
        return read_po(file, locale=language)


def expected_files() -> dict[Path, bytes]:
    """What each catalogue file should hold for the code as it is."""
    template = extract()
    files = {POT: _po_bytes(template)}
    for language in TRANSLATED:
        path = po_path(language)
        if path.is_file():
            catalog = read_catalogue(language)
        else:
            catalog = Catalog(locale=language, creation_date=_DATE, revision_date=_DATE)
        catalog.update(template, no_fuzzy_matching=True, update_creation_date=False)
        catalog.revision_date = _DATE
        files[path] = _po_bytes(catalog)
        with io.BytesIO(files[path]) as po:
            compiled = read_po(po, locale=language)
        mo = io.BytesIO()
        write_mo(mo, compiled)
        files[path.with_suffix(".mo")] = mo.getvalue()
    return files


def _same(path: Path, data: bytes) -> bool:
    """Whether the file holds `data`, but for the Babel version that wrote it (a newer Babel
    alone does not make a catalogue stale)."""
    if not path.is_file():
        return False
    if path.suffix == ".mo":
        return _mo_messages(path.read_bytes()) == _mo_messages(data)
    return _without_version(path.read_bytes()) == _without_version(data)


def _without_version(data: bytes) -> bytes:
    return re.sub(rb'"Generated-By: [^"]*"\n', b"", data)


def _mo_messages(data: bytes) -> dict[str, str]:
    translations = gettext.GNUTranslations(io.BytesIO(data))
    catalog: dict[object, str] = translations._catalog  # type: ignore[attr-defined]
    return {str(k): v for k, v in catalog.items() if k}


def stale_files() -> list[Path]:
    """The catalogue files that are not what `expected_files` says."""
    return [path for path, data in expected_files().items() if not _same(path, data)]


def main(argv: list[str]) -> int:
    if "--check" in argv:
        stale = stale_files()
        for path in stale:
            print(f"not up to date: {path.relative_to(ROOT)}", file=sys.stderr)
        return 1 if stale else 0
    for path, data in expected_files().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if not _same(path, data):
            path.write_bytes(data)
            print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
