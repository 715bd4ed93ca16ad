"""Check, before rendering, that the fonts the theme names cover every character used."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterable
from functools import cache
from html.parser import HTMLParser

from fontTools.ttLib import TTFont

from showroom.errors import ShowroomError
from showroom.messages import N_

GENERIC = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"}
INSTALL_HINT = (
    "install a Korean font (on Debian or Ubuntu: sudo apt-get install fonts-noto-cjk) or name "
    "an installed one in the theme's css/catalogue.css"
)


class FontCoverageError(ShowroomError):
    """The catalogue would print boxes instead of some characters: `missing`, which none
    of `fonts` (the installed families the theme names) has."""

    def __init__(
        self, message: str, missing: tuple[str, ...] = (), fonts: tuple[str, ...] = ()
    ) -> None:
        super().__init__(message)
        self.missing = missing
        self.fonts = fonts


def describe_character(char: str) -> str:
    """A character as the editor can find it: itself and its code point."""
    return f"'{char}' (U+{ord(char):04X})"


def missing_message(char: str, fonts: Iterable[str]) -> str:
    """The problem for one character the catalogue's fonts lack, with the only fix an editor
    has: another character."""
    names = ", ".join(fonts)
    one = N_(
        "the character {character} is not in the catalogue's font ({fonts}); use another "
        "character or remove it"
    )
    many = N_(
        "the character {character} is not in the catalogue's fonts ({fonts}); use another "
        "character or remove it"
    )
    template = one if "," not in names else many
    return template.format(character=describe_character(char), fonts=names)


def font_families(css: str) -> list[str]:
    """The family names of every `font-family` declaration, in order, without generics."""
    names: list[str] = []
    for declaration in re.findall(r"font-family\s*:\s*([^;}]+)", css):
        for raw in declaration.split(","):
            name = raw.strip().strip("'\"").strip()
            if name and name.lower() not in GENERIC and name not in names:
                names.append(name)
    return names


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.chunks.append(data)


def characters(html: str) -> set[str]:
    """Every printable character of an HTML document's text."""
    parser = _Text()
    parser.feed(html)
    text = "".join(parser.chunks)
    return {c for c in text if not c.isspace() and unicodedata.category(c)[0] not in ("C", "Z")}


@cache
def font_file(family: str) -> tuple[str, int] | None:
    """The file (and face in a collection) fontconfig uses for `family`, or None when no such
    family is installed."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    result = subprocess.run(
        [fc_match, "--format=%{family}\n%{file}\n%{index}", family],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    lines = result.stdout.splitlines()
    if result.returncode != 0 or len(lines) < 2:
        return None
    found = [name.strip().lower() for name in lines[0].split(",")]
    index = int(lines[2]) if len(lines) > 2 and lines[2].strip().isdigit() else 0
    return (lines[1], index) if family.lower() in found else None


@cache
def _cmap(path: str, index: int) -> frozenset[int]:
    """The characters of one face (a collection such as Noto CJK's .ttc holds ten)."""
    number = index if path.lower().endswith((".ttc", ".otc")) else -1
    with TTFont(path, fontNumber=number, lazy=True) as font:
        return frozenset(font.getBestCmap() or {})


def check_coverage(html: str, families: Iterable[str]) -> list[str]:
    """The installed families used; raises FontCoverageError naming what is missing."""
    installed = [(f, p) for f in families if (p := font_file(f)) is not None]
    if not installed:
        names = ", ".join(families) or "(none)"
        raise FontCoverageError(
            f"None of the catalogue's fonts is installed ({names}): {INSTALL_HINT}."
        )
    covered: set[int] = set()
    for _, (path, index) in installed:
        covered |= _cmap(path, index)
    missing = sorted(c for c in characters(html) if ord(c) not in covered)
    if missing:
        raise _not_covered(missing, [f for f, _ in installed])
    return [f for f, _ in installed]


def _not_covered(missing: list[str], fonts: list[str]) -> FontCoverageError:
    """The error naming the characters (the first twenty) that none of `fonts` has."""
    shown = ", ".join(describe_character(c) for c in missing[:20])
    more = f" and {len(missing) - 20} more" if len(missing) > 20 else ""
    return FontCoverageError(
        f"The catalogue uses characters that its fonts ({', '.join(fonts)}) do not have: "
        f"{shown}{more}. They would print as empty boxes; use other characters or remove "
        "them, or name a font that has them in the theme's css/catalogue.css.",
        tuple(missing),
        tuple(fonts),
    )
