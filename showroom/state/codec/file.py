"""The state file: one header line, read and checked before anything else is parsed, then
the JSON payload. The header is `showroom-state <format> <version> <engine digest> <length>
<sha256 of the payload>`."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import TypeVar, overload

from showroom.state.codec.decoders import Decoder, Decoders
from showroom.state.codec.encoders import Encoder, Encoders
from showroom.state.codec.errors import StateError
from showroom.state.codec.registry import Allowlist

MAGIC = b"showroom-state"
#: The longest header line a reader looks at before giving up.
HEADER_LIMIT = 512

T = TypeVar("T")


class Codec:
    """Encoders and decoders for the given dataclasses and the types their fields declare."""

    def __init__(self, classes: Iterable[type]) -> None:
        allowlist = Allowlist(classes)
        self.classes = allowlist.classes
        self._decoders = Decoders(allowlist)
        self._encoders = Encoders(allowlist)

    def decoder(self, tp: object) -> Decoder:
        return self._decoders.decoder(tp)

    def encoder(self, tp: object) -> Encoder:
        return self._encoders.encoder(tp)

    def dump(self, value: object, tp: object, name: str, version: int, engine: str) -> bytes:
        payload = json.dumps(
            self.encoder(tp)(value), ensure_ascii=False, separators=(",", ":"), check_circular=False
        ).encode("utf-8", "surrogatepass")
        digest = hashlib.sha256(payload).hexdigest()
        header = b" ".join(
            [
                MAGIC,
                name.encode(),
                str(version).encode(),
                engine.encode(),
                str(len(payload)).encode(),
            ]
        )
        return header + b" " + digest.encode() + b"\n" + payload

    @overload
    def load(self, data: bytes, tp: type[T], name: str, version: int, engine: str) -> T: ...
    @overload
    def load(self, data: bytes, tp: object, name: str, version: int, engine: str) -> object: ...
    def load(self, data: bytes, tp: object, name: str, version: int, engine: str) -> object:
        """The value in `data`; StateError unless it is a file of this format, version and
        engine, undamaged, holding exactly a value of type `tp`."""
        parsed = _payload(data, name, version, engine)
        try:
            return self.decoder(tp)(parsed)
        except StateError:
            raise
        except (TypeError, ValueError, KeyError, IndexError, RecursionError) as exc:
            raise StateError(f"unexpected data: {exc}") from None


def _payload(data: bytes, name: str, version: int, engine: str) -> object:
    """The parsed JSON payload of a file whose header names this kind, version and engine
    and whose payload has the length and digest it gives; else StateError."""
    end = data.find(b"\n", 0, HEADER_LIMIT)
    if end < 0:
        raise StateError("no header line")
    parts = data[:end].split(b" ")
    if len(parts) != 6 or parts[0] != MAGIC or parts[1] != name.encode():
        raise StateError("not a Showroom state file of this kind")
    if parts[2] != str(version).encode():
        raise StateError(f"format version {parts[2]!r}, not {version}")
    if parts[3] != engine.encode():
        raise StateError("written by another engine")
    payload = memoryview(data)[end + 1 :]
    if parts[4] != str(len(payload)).encode():
        raise StateError("the payload has the wrong length")
    if hashlib.sha256(payload).hexdigest().encode() != parts[5]:
        raise StateError("the payload is damaged")
    try:
        return json.loads(bytes(payload).decode("utf-8", "surrogatepass"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise StateError(f"the payload is not JSON: {exc}") from None
