"""Make Pagefind's bundle byte-identical from one build to the next.

Pagefind 1.5 writes its word index and fragments deterministically, but it lists the values of
a filter, and the filters and sorts in its metadata file, in hash-map order, which changes from
run to run (so do the file names, which are content hashes). This module puts those lists in
order, renames the files by the hash of their new content, and updates the references:
filter files are named in the metadata file, which is named in pagefind-entry.json (which
lists the languages' indexes in hash-map order too: they are put in order of their codes).

The files are gzip-compressed CBOR behind a `pagefind_dcd` signature. Only the order of items
changes: every item is copied byte for byte, and only array headers and the renamed hashes are
written anew. An unknown layout (another Pagefind version) is left alone, with a warning.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
from pathlib import Path

log = logging.getLogger(__name__)

SIGNATURE = b"pagefind_dcd"


class LayoutError(ValueError):
    """The bundle is not laid out as Pagefind 1.5 lays it out."""


# -- a minimal CBOR reader: item boundaries, arrays and text strings -------------------------
def _head(data: bytes, i: int) -> tuple[int, int, int]:
    """(major type, argument, offset after the head) of the item at `i`."""
    first = data[i]
    major, info = first >> 5, first & 31
    if info < 24:
        return major, info, i + 1
    size = {24: 1, 25: 2, 26: 4, 27: 8}.get(info)
    if size is None:
        raise LayoutError("indefinite lengths are not expected")
    return major, int.from_bytes(data[i + 1 : i + 1 + size], "big"), i + 1 + size


def _end(data: bytes, i: int) -> int:
    """The offset just after the item at `i`."""
    major, argument, j = _head(data, i)
    if major in (0, 1, 7):
        return j
    if major in (2, 3):
        return j + argument
    if major == 4:
        for _ in range(argument):
            j = _end(data, j)
        return j
    if major == 5:
        for _ in range(2 * argument):
            j = _end(data, j)
        return j
    if major == 6:
        return _end(data, j)
    raise LayoutError(f"unexpected CBOR major type {major}")


def _items(data: bytes, i: int) -> list[bytes]:
    """The encoded items of the array at `i`."""
    major, count, j = _head(data, i)
    if major != 4:
        raise LayoutError("an array was expected")
    found = []
    for _ in range(count):
        end = _end(data, j)
        found.append(data[j:end])
        j = end
    return found


def _text(item: bytes) -> str:
    major, length, j = _head(item, 0)
    if major != 3:
        raise LayoutError("a text string was expected")
    return item[j : j + length].decode("utf-8")


def _head_bytes(major: int, argument: int) -> bytes:
    if argument < 24:
        return bytes([major << 5 | argument])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if argument < 1 << (8 * size):
            return bytes([major << 5 | info]) + argument.to_bytes(size, "big")
    raise LayoutError("too large")


def _array(items: list[bytes]) -> bytes:
    return _head_bytes(4, len(items)) + b"".join(items)


def _text_item(text: str) -> bytes:
    raw = text.encode("utf-8")
    return _head_bytes(3, len(raw)) + raw


# -- the files -------------------------------------------------------------------------------
def _read(path: Path) -> bytes:
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    if not data.startswith(SIGNATURE):
        raise LayoutError(f"{path.name}: no Pagefind signature")
    return data[len(SIGNATURE) :]


def _write(path: Path, cbor: bytes) -> None:
    path.write_bytes(gzip.compress(SIGNATURE + cbor, compresslevel=9, mtime=0))


def _name(language: str, cbor: bytes, length: int) -> str:
    return f"{language}_{hashlib.sha256(cbor).hexdigest()[:length]}"


def _by_first_text(items: list[bytes]) -> list[bytes]:
    return sorted(items, key=lambda item: _text(_items(item, 0)[0]))


def canonicalise(bundle: Path) -> bool:
    """Order the bundle's hash-map lists and rename what changed; False if left alone."""
    try:
        _canonicalise(bundle)
    except (LayoutError, OSError, KeyError, IndexError, ValueError) as error:
        log.warning("search index left as Pagefind wrote it (not reproducible): %s", error)
        return False
    return True


def _canonicalise(bundle: Path) -> None:
    entry_file = bundle / "pagefind-entry.json"
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    entry_text = entry_file.read_text(encoding="utf-8")
    for language, info in entry["languages"].items():
        meta_file = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_file)
        parts = _items(meta, 0)
        if len(parts) < 5 or not _text(parts[0]).startswith("1.5."):
            raise LayoutError("metadata of an unknown Pagefind version")
        renamed: dict[str, str] = {}
        filters = []
        for item in _items(parts[3], 0):
            name_item, hash_item = _items(item, 0)
            old = _text(hash_item)
            path = bundle / "filter" / f"{old}.pf_filter"
            name, values = _items(_read(path), 0)
            cbor = _array([name, _array(_by_first_text(_items(values, 0)))])
            length = len(old) - len(language) - 1
            new = _name(language, cbor, length)
            while new in renamed.values():  # a clash of short hashes: lengthen the name
                length += 1
                new = _name(language, cbor, length)
            path.unlink()
            _write(bundle / "filter" / f"{new}.pf_filter", cbor)
            renamed[old] = new
            filters.append(_array([name_item, _text_item(new)]))
        parts[3] = _array(_by_first_text(filters))
        parts[4] = _array(_by_first_text(_items(parts[4], 0)))
        cbor = _array(parts)
        old_meta = info["hash"]
        new_meta = _name(language, cbor, len(old_meta) - len(language) - 1)
        meta_file.unlink()
        _write(bundle / f"pagefind.{new_meta}.pf_meta", cbor)
        if f'"{old_meta}"' not in entry_text:
            raise LayoutError("pagefind-entry.json does not name the metadata file")
        entry_text = entry_text.replace(f'"{old_meta}"', f'"{new_meta}"')
    entry_file.write_text(_languages_in_order(entry_text), encoding="utf-8")


def _languages_in_order(entry_text: str) -> str:
    """pagefind-entry.json with its languages in order (Pagefind lists them in hash-map
    order); written as Pagefind writes it (compact, UTF-8)."""
    entry = json.loads(entry_text)
    entry["languages"] = dict(sorted(entry["languages"].items()))
    return json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
