"""The order of names in lists a person reads (indexes, listings, the companies page): Korean
dictionary order (가나다) first, then Latin (A–Z, case and accents aside), then numbers by
their value, then anything else.

Modern Hangul syllables are encoded in dictionary order (initial, then medial, then final
consonant), so their code points compare as a Korean dictionary does. Spaces and punctuation
do not count ("스마트 가로등" sits beside "스마트가로등"), nor does a company's legal form
("(주)한빛" is filed under ㅎ, as in the procurement service's lists). Equal keys fall back to
the text itself, so the order is total and the same on every machine (no locale is read).

Pages in another language (English) list names A–Z instead: Latin by the displayed name, case
and accents aside, numbers before letters (as in an English index), Hangul after Latin; a name
still shown in Korean (a translation missing) comes after all of them, in 가나다 order."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")

HANGUL = (0xAC00, 0xD7A3)

#: Markers of a company's legal form, dropped from names for sorting and for search (after
#: NFKC: ㈜ → (株)).
LEGAL_FORMS = (
    "농업회사법인",
    "영농조합법인",
    "어업회사법인",
    "주식회사",
    "유한회사",
    "합자회사",
    "합명회사",
    "사단법인",
    "재단법인",
    "협동조합",
    "(주)",
    "(株)",
    "(유)",
    "(有)",
    "(사)",
    "(재)",
    "(합)",
)

_LEGAL = re.compile("|".join(re.escape(form) for form in LEGAL_FORMS))
_PIECES = re.compile(r"\d+|.", re.S)

#: A piece of a key: its class (0 Hangul, 1 Latin, 2 number, 3 other) and what orders it.
Piece = tuple[int, int | str]


def sort_key(name: str) -> tuple[tuple[Piece, ...], str]:
    """The key that puts `name` in its place (see the module's text)."""
    return tuple(_pieces(name)), unicodedata.normalize("NFC", name)


#: The classes of `sort_key`'s pieces as a Latin-script language orders them: numbers, then
#: Latin, then Hangul, then anything else.
_LATIN_CLASSES = (2, 1, 0, 3)


def latin_key(name: str) -> tuple[tuple[Piece, ...], str]:
    """The key of `name` in A–Z order (the pages in a Latin-script language)."""
    pieces = tuple((_LATIN_CLASSES[kind], value) for kind, value in _pieces(name))
    return pieces, unicodedata.normalize("NFC", name)


def _pieces(name: str) -> list[Piece]:
    """The pieces of `name` that order it, in the Korean order's classes."""
    text = _LEGAL.sub(" ", unicodedata.normalize("NFKC", name))
    pieces: list[Piece] = []
    for piece in _PIECES.findall(text):
        if piece.isdigit():
            pieces.append((2, int(piece)))
            continue
        if HANGUL[0] <= ord(piece) <= HANGUL[1]:
            pieces.append((0, ord(piece)))
            continue
        base = "".join(
            c for c in unicodedata.normalize("NFKD", piece) if not unicodedata.combining(c)
        ).casefold()
        if base.isascii() and base.isalpha():
            pieces.append((1, base))
        elif piece.isalnum():
            pieces.append((3, piece.casefold()))
        # spaces and punctuation: no piece
    return pieces


def by_name(items: Iterable[T], name: Callable[[T], str]) -> tuple[T, ...]:
    """`items` in the order of their names (`sort_key`); a stable sort, so items of the same
    name keep the order they came in."""
    return tuple(sorted(items, key=lambda item: sort_key(name(item))))


def by_name_in(
    language: str,
    items: Iterable[T],
    name: Callable[[T], str],
    in_korean: Callable[[T], bool] = lambda item: False,
) -> tuple[T, ...]:
    """`items` in the order of their names as the pages in `language` list them: Korean
    (`by_name`), or A–Z (`latin_key`) with the items whose name is still in Korean
    (`in_korean`: a translation missing) after the others, in 가나다 order."""
    if language.split("-")[0].lower() == "ko":
        return by_name(items, name)

    def key(item: T) -> tuple[bool, tuple[tuple[Piece, ...], str]]:
        korean = in_korean(item)
        return korean, (sort_key if korean else latin_key)(name(item))

    return tuple(sorted(items, key=key))
