"""The build state's codec: what it writes comes back equal, and anything it did not write
(another class, another shape, another version, damage) is refused as a whole."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from showroom.build.state import OutputRecord, PageRecord, codec
from showroom.problems import Level, Problem
from showroom.state.codec import StateError

RECORD = OutputRecord(
    "/site/public",
    (1, 2, 3),
    {"index.html": "ab" * 32},
    {
        "index.html": PageRecord("base", ((("products",), "f1"), (("product", "x"), "f2")), "out"),
        "empty.html": PageRecord("base", (), "out"),
    },
)


def dump(value: object, tp: object = OutputRecord) -> bytes:
    return codec().dump(value, tp, "OutputRecord", 1, "engine")


def load(data: bytes, tp: object = OutputRecord) -> Any:
    return codec().load(data, tp, "OutputRecord", 1, "engine")


def with_payload(payload: object) -> bytes:
    """A well-formed file (right header, length and digest) around any JSON payload."""
    text = json.dumps(payload).encode()
    good = dump(RECORD)
    header = good[: good.index(b"\n")].split(b" ")
    header[4] = str(len(text)).encode()
    header[5] = hashlib.sha256(text).hexdigest().encode()
    return b" ".join(header) + b"\n" + text


def test_a_record_comes_back_equal() -> None:
    assert load(dump(RECORD)) == RECORD


def test_problems_dates_and_paths_come_back_equal() -> None:
    value = {"a.md": (Problem("a.md", 3, "name", "bad", Level.WARNING),)}
    tp = dict[str, tuple[Problem, ...]]
    data = codec().dump(value, tp, "x", 1, "e")
    back = codec().load(data, tp, "x", 1, "e")
    assert back == value
    assert back["a.md"][0].level is Level.WARNING
    plain: list[tuple[object, type]] = [(dt.date(2026, 1, 2), dt.date), (Path("/사진.jpg"), Path)]
    for item, kind in plain:
        assert codec().load(codec().dump(item, kind, "x", 1, "e"), kind, "x", 1, "e") == item


def encoded() -> list[Any]:
    data = dump(RECORD)
    parsed: list[Any] = json.loads(data[data.index(b"\n") + 1 :])
    return parsed


def altered(change: str) -> list[Any]:
    value = encoded()
    pages = value[4]
    if change == "unknown tag":
        value[0] = "Popen"
    elif change == "class not allowed":
        value[0] = "BuildState"
    elif change == "a field too many":
        value.append("x")
    elif change == "a field too few":
        value.pop()
    elif change == "a number for a string":
        value[1] = 7
    elif change == "a string for a number":
        value[2][0] = "1"
    elif change == "identity too long":
        value[2].append(4)
    elif change == "a read of three parts":
        pages["index.html"][2][0][0] = ["a", "b", "c"]
    elif change == "a read of a number":
        pages["index.html"][2][0][0] = [5]
    elif change == "a page record as a plain list":
        pages["index.html"] = ["base", [], "out"]
    elif change == "an object for a list":
        value[2] = {"0": 1}
    elif change == "null for a string":
        pages["index.html"][3] = None
    return value


CHANGES = [
    "unknown tag",
    "class not allowed",
    "a field too many",
    "a field too few",
    "a number for a string",
    "a string for a number",
    "identity too long",
    "a read of three parts",
    "a read of a number",
    "a page record as a plain list",
    "an object for a list",
    "null for a string",
]


@pytest.mark.parametrize("change", CHANGES)
def test_anything_the_codec_did_not_write_is_refused(change: str) -> None:
    with pytest.raises(StateError):
        load(with_payload(altered(change)))


def test_the_unaltered_payload_in_a_rebuilt_file_loads() -> None:
    """The helper above makes valid files: the refusals are the changes', not its own."""
    assert load(with_payload(encoded())) == RECORD


@pytest.mark.parametrize(
    "damage",
    ["another version", "another engine", "another kind", "digest", "truncated", "no header"],
)
def test_the_header_is_checked_before_anything_is_parsed(damage: str) -> None:
    data = dump(RECORD)
    end = data.index(b"\n")
    header, payload = data[:end].split(b" "), data[end + 1 :]
    if damage == "another version":
        header[2] = b"2"
    elif damage == "another engine":
        header[3] = b"other"
    elif damage == "another kind":
        header[1] = b"Caches"
    elif damage == "digest":
        payload = payload.replace(b"base", b"BASE", 1)
    elif damage == "truncated":
        payload = payload[:-3]
    data = payload if damage == "no header" else b" ".join(header) + b"\n" + payload
    with pytest.raises(StateError):
        load(data)
