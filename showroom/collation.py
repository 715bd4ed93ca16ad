"""The order of names in lists a person reads (indexes, listings, the companies page): Korean
dictionary order (가나다) first, then Latin (A–Z, case and accents aside), then numbers by
their value, then anything else.

Modern Hangul syllables are encoded in dictionary order (initial, then medial, then final
consonant), so their code points compare as a Korean dictionary does. Spaces and punctuation
do not count ("스마트 가로등" sits beside "스마트가로등"), nor does a company's legal form
("(주)한빛" is filed under ㅎ, as in the procurement service's lists). Equal keys fall back to
the text itself, so the order is total and the same on every machine (no locale is read)."""

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
    return tuple(pieces), unicodedata.normalize("NFC", name)


def by_name(items: Iterable[T], name: Callable[[T], str]) -> tuple[T, ...]:
    """`items` in the order of their names (`sort_key`); a stable sort, so items of the same
    name keep the order they came in."""
    return tuple(sorted(items, key=lambda item: sort_key(name(item))))
