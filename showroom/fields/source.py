"""Read a content or settings file as text: UTF-8 only (a BOM is fine), never through a
symbolic link, and with the problem's line when it is not UTF-8.

Nothing is ever decoded with replacement characters: a file in another encoding is an
error that says which encoding it looks like, so that no page is published with U+FFFD."""

from __future__ import annotations

import codecs
import errno
import os
import re
from pathlib import Path

from showroom.messages import N_

#: The Hangul syllables, jamo and compatibility jamo: what a Korean file decoded as CP949 holds.
_HANGUL = re.compile("[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")


class SourceProblem(Exception):
    """A file that cannot be read as content; `line` is where (1 for the whole file)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def read_source(path: Path) -> str:
    """The file's text; raises SourceProblem when it is a symbolic link or not UTF-8."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP or path.is_symlink():
            raise SourceProblem(1, LINK_MESSAGE) from None
        raise SourceProblem(1, N_("cannot be read: {reason}").format(reason=exc.strerror)) from None
    with os.fdopen(descriptor, "rb") as file:
        size = os.fstat(file.fileno()).st_size
        if size > MAX_BYTES:
            raise SourceProblem(
                1,
                N_(
                    "the file is {size} MB; a text file may be at most {limit} MB (put long "
                    "documents in a PDF brochure)"
                ).format(size=f"{size / 1e6:.0f}", limit=MAX_BYTES // 1_000_000),
            )
        data = file.read(MAX_BYTES + 1)
    return decode(data)


#: The largest text file read (the longest real product page is a few kilobytes).
MAX_BYTES = 8_000_000


LINK_MESSAGE = N_(
    "this is a symbolic link, which content may not hold (it was not followed or read); "
    "put the file itself here"
)


def decode(data: bytes) -> str:
    """UTF-8 text without its BOM; raises SourceProblem saying what the bytes look like."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)) and len(data) % 4 == 0:
        raise SourceProblem(1, _not_utf8("UTF-32"))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise SourceProblem(1, _not_utf8("UTF-16"))
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _undecodable(data, exc) from None
    if "\x00" in text and text.count("\x00") * 8 >= len(text):
        raise SourceProblem(1, _not_utf8("UTF-16"))
    return text


def _not_utf8(encoding: str) -> str:
    return N_("the file is not UTF-8 (it looks like {encoding}; save it as UTF-8)").format(
        encoding=encoding
    )


def _undecodable(data: bytes, exc: UnicodeDecodeError) -> SourceProblem:
    """A file that is mostly UTF-8 with a stray byte gets that byte's line; any other file
    gets the encoding it looks like."""
    loose = data.decode("utf-8", "surrogateescape")
    bad = sum(1 for c in loose if "\udc80" <= c <= "\udcff")
    good = sum(1 for c in loose if c > "\x7f" and not "\udc80" <= c <= "\udcff")
    if b"\x00" in data and data.count(b"\x00") * 8 >= len(data):
        return SourceProblem(1, _not_utf8("UTF-16"))
    if good > bad:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", "replace")) + 1
        return SourceProblem(
            line,
            N_(
                "line {line} is not valid UTF-8 (the byte 0x{byte} at column {column}); retype "
                "the character there and save the file as UTF-8"
            ).format(line=line, byte=f"{data[exc.start]:02X}", column=column),
        )
    return SourceProblem(1, _not_utf8(_guess(data)))


def _guess(data: bytes) -> str:
    for codec, name in (("cp949", "CP949"), ("shift_jis", "Shift-JIS")):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if codec == "cp949" and _HANGUL.search(text):
            return name
        if codec == "shift_jis" and re.search("[\u3040-\u30ff]", text):
            return name
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return "Latin-1"
    return "Latin-1 or Windows-1252"
