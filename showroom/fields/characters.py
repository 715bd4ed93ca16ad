"""Characters that no published text may hold: control characters, noncharacters, lone
surrogates and the invisible line and paragraph separators.

The Atom feed and the sitemap are XML, which cannot hold C0 controls, U+FFFE/U+FFFF or
surrogates at all; C1 controls and the rest print as nothing or as boxes. Tab and newline are
fine, and so is a carriage return as part of a CRLF line end in a file. U+2028 and U+2029
are refused too: they are invisible, break lines where nobody sees a line end, and end a
JavaScript string in older browsers; a new line says the same thing.
"""

from __future__ import annotations

import re
import unicodedata

from showroom.messages import N_

_NONCHARACTERS = "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
_CLASS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\u2028\u2029" + re.escape(
    _NONCHARACTERS
)
#: In a value: any carriage return is refused too (YAML turns CRLF line ends into newlines).
_IN_VALUE = re.compile(f"[\r{_CLASS}]")
#: In a file: a carriage return only before a newline.
_IN_FILE = re.compile(f"[{_CLASS}]|\r(?!\n)")


def find_in_value(text: str) -> int | None:
    """The index of the first character a value may not hold, or None."""
    found = _IN_VALUE.search(text)
    return None if found is None else found.start()


def find_in_file(text: str, start: int = 0) -> int | None:
    """The index of the first character a content file may not hold, or None."""
    found = _IN_FILE.search(text, start)
    return None if found is None else found.start()


#: A numeric character reference, which Markdown passes through and a browser decodes.
_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?")


def find_reference(text: str, start: int = 0) -> tuple[int, str] | None:
    """The index of the first numeric character reference (`&#7;`, `&#x1B;`) in Markdown
    that stands for a character no published text may hold, and that character (U+0000, a
    number past U+10FFFF or a surrogate stand for U+FFFD, as a browser decodes them); None."""
    for found in _REFERENCE.finditer(text, start):
        hex_digits, digits = found.groups()
        code = int(hex_digits, 16) if hex_digits else int(digits)
        if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            return found.start(), "\ufffd" if code > 0x10FFFF or code == 0 else chr(code)
        if code == 0x0D or _IN_VALUE.match(chr(code)):
            return found.start(), chr(code)
    return None


#: The invisible separators, by their Unicode names.
_SEPARATORS = {0x2028: N_("line separator"), 0x2029: N_("paragraph separator")}


def describe(char: str) -> str:
    """The character as an editor can find it: its code point and what kind it is."""
    code = ord(char)
    point = f"U+{code:04X}"
    if 0xD800 <= code <= 0xDFFF:
        return N_("a lone surrogate ({point}), which is not a character").format(point=point)
    if code in _SEPARATORS:
        name = _SEPARATORS[code]
        return N_("the invisible {name} {point}; use a new line instead").format(
            name=name, point=point
        )
    if unicodedata.category(char) == "Cn":
        return N_("the noncharacter {point}").format(point=point)
    if code == 0xFFFD:
        return N_("no character at all (a browser shows U+FFFD)")
    if code == 0x0D:
        return N_("a carriage return ({point}) that does not end a line").format(point=point)
    return N_("the control character {point}").format(point=point)


def message(char: str) -> str:
    """The message for a value or file that holds `char`."""
    return N_("contains {what}; remove it (it cannot be published)").format(what=describe(char))
