"""A typed, data-only codec for the build state: JSON that can never run code.

Values are encoded by their declared type (the dataclass annotations), and decoded only into
the types declared: a dataclass of the allowlist (`Codec(classes)`) is a JSON list
`[tag, field, field, …]` in its fields' order, a date an ISO string, a Path a string, a tuple,
list or frozenset a list, a dict with string keys an object and any other dict a list of
`[key, value]` pairs, an Enum its value. `Any` stands for plain JSON data (lists, objects,
strings, numbers), kept as parsed: whoever uses it checks it. Anything else in the input (a
tag not expected, a field missing or of another type, a date that is not one) raises
StateError, and the whole file is to be ignored.

The file on disk (`dump` / `load`) starts with one header line, read and checked before
anything else is parsed: `showroom-state <format> <version> <engine digest> <length> <sha256
of the payload>`; the JSON payload follows."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import json
import types
import typing
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

MAGIC = b"showroom-state"
#: The longest header line a reader looks at before giving up.
HEADER_LIMIT = 512

Decoder = Callable[[Any], Any]
Encoder = Callable[[Any], Any]


class StateError(ValueError):
    """The state file is not what this engine wrote: ignore all of it."""


class Codec:
    """Encoders and decoders for the given dataclasses and the types their fields declare."""

    def __init__(self, classes: Iterable[type]) -> None:
        self.classes = {cls.__name__: cls for cls in classes}
        for cls in self.classes.values():
            if not dataclasses.is_dataclass(cls):
                raise TypeError(f"{cls.__name__} is not a dataclass")
        self._decoders: dict[object, Decoder] = {}
        self._encoders: dict[object, Encoder] = {}
        self._fields: dict[type, tuple[tuple[str, object], ...]] = {}

    # -- the file ---------------------------------------------------------------------------
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

    def load(self, data: bytes, tp: object, name: str, version: int, engine: str) -> Any:
        """The value in `data`; StateError unless it is a file of this format, version and
        engine, undamaged, holding exactly a value of type `tp`."""
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
            parsed = json.loads(bytes(payload).decode("utf-8", "surrogatepass"))
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            raise StateError(f"the payload is not JSON: {exc}") from None
        try:
            return self.decoder(tp)(parsed)
        except StateError:
            raise
        except (TypeError, ValueError, KeyError, IndexError, RecursionError) as exc:
            raise StateError(f"unexpected data: {exc}") from None

    # -- decoders ---------------------------------------------------------------------------
    def decoder(self, tp: object) -> Decoder:
        found = self._decoders.get(tp)
        if found is None:
            # A placeholder first: a recursive type finds itself while being compiled.
            self._decoders[tp] = lambda v: self._decoders[tp](v)
            found = self._decoders[tp] = self._make_decoder(tp)
        return found

    def _make_decoder(self, tp: object) -> Decoder:
        if tp is Any:
            return _json_value
        if tp in (str, int, float, bool):
            return _primitive(tp)
        if tp is type(None) or tp is None:
            return _none
        if tp is dt.date:
            return _date
        if tp is Path:
            return _path
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return _enum(tp)
        if isinstance(tp, type) and dataclasses.is_dataclass(tp):
            return self._dataclass_decoder((tp,))
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if origin in (typing.Union, types.UnionType):
            return self._union_decoder(args)
        if origin is tuple:
            if len(args) == 2 and args[1] is Ellipsis:
                return _sequence(self.decoder(args[0]), tuple, args[0])
            return _fixed_tuple([self.decoder(a) for a in args], args)
        if origin is list:
            return _sequence(self.decoder(args[0]), list, args[0])
        if origin is frozenset:
            return _sequence(self.decoder(args[0]), frozenset, args[0])
        if origin is dict:
            return self._dict_decoder(*args)
        raise TypeError(f"the state codec has no rule for {tp!r}")

    def _union_decoder(self, args: tuple[object, ...]) -> Decoder:
        optional = type(None) in args
        rest = tuple(a for a in args if a is not type(None))
        if all(isinstance(a, type) and dataclasses.is_dataclass(a) for a in rest):
            inner = self._dataclass_decoder(rest)  # type: ignore[arg-type]
        elif len(rest) == 1:
            inner = self.decoder(rest[0])
        else:
            inner = _plain_tuples(rest) or _first_of([self.decoder(a) for a in rest])
        if not optional:
            return inner
        return lambda v: None if v is None else inner(v)

    def _dataclass_decoder(self, choices: tuple[type, ...]) -> Decoder:
        """`[tag, field, …]` of one of `choices` (all in the allowlist)."""
        table: dict[str, tuple[type, list[Decoder | None], tuple[str, ...] | None]] = {}
        for cls in choices:
            if self.classes.get(cls.__name__) is not cls:
                raise TypeError(f"{cls.__name__} is not in the state codec's allowlist")
            table[cls.__name__] = (cls, [], _plain_fields(cls))

        def fill() -> None:  # compiled on first use: the fields may refer back to `choices`
            for cls, decoders, _ in table.values():
                if not decoders:
                    decoders.extend(
                        None if t is str else self.decoder(t) for _, t in self.fields(cls)
                    )

        def decode(value: Any) -> Any:
            if type(value) is not list or not value or type(value[0]) is not str:
                raise StateError(f"expected one of {sorted(table)}, found {type(value).__name__}")
            hit = table.get(value[0])
            if hit is None:
                raise StateError(f"unexpected type tag {value[0]!r}")
            cls, decoders, names = hit
            if not decoders:
                fill()
            if len(value) != len(decoders) + 1:
                raise StateError(f"{value[0]}: {len(value) - 1} fields, not {len(decoders)}")
            args = []
            for decoder, item in zip(decoders, value[1:], strict=True):
                if decoder is None:
                    if type(item) is not str:
                        raise StateError(f"{value[0]}: expected a string")
                    args.append(item)
                else:
                    args.append(decoder(item))
            if names is None:
                return cls(*args)
            # As pickle does: the fields' values set directly (a frozen dataclass's __init__
            # sets each through object.__setattr__, several times slower).
            made: Any = object.__new__(cls)
            made.__dict__.update(zip(names, args, strict=True))
            return made

        return decode

    def _dict_decoder(self, key: object, value: object) -> Decoder:
        decode_value = self.decoder(value)
        if key is str:
            if value is str:
                return _str_dict
            if value is Any:
                return _json_object

            def decode_str_keys(v: Any) -> Any:
                if type(v) is not dict:
                    raise StateError("expected an object")
                return {k: decode_value(item) for k, item in v.items()}

            return decode_str_keys
        decode_key = self.decoder(key)

        def decode_pairs(v: Any) -> Any:
            if type(v) is not list:
                raise StateError("expected a list of pairs")
            out = {}
            for pair in v:
                if type(pair) is not list or len(pair) != 2:
                    raise StateError("expected a [key, value] pair")
                out[decode_key(pair[0])] = decode_value(pair[1])
            return out

        return decode_pairs

    # -- encoders ---------------------------------------------------------------------------
    def encoder(self, tp: object) -> Encoder:
        found = self._encoders.get(tp)
        if found is None:
            self._encoders[tp] = lambda v: self._encoders[tp](v)
            found = self._encoders[tp] = self._make_encoder(tp)
        return found

    def _make_encoder(self, tp: object) -> Encoder:
        if tp in (Any, str, int, float, bool, type(None), None):
            return _same
        if tp is dt.date:
            return dt.date.isoformat
        if tp is Path:
            return str
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return lambda v: v.value
        if isinstance(tp, type) and dataclasses.is_dataclass(tp):
            return self._dataclass_encoder()
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if origin in (typing.Union, types.UnionType):
            rest = tuple(a for a in args if a is not type(None))
            if all(isinstance(a, type) and dataclasses.is_dataclass(a) for a in rest):
                inner = self._dataclass_encoder()
            elif len(rest) == 1:
                inner = self.encoder(rest[0])
            else:
                inner = self._by_value()
            return lambda v: None if v is None else inner(v)
        if origin in (tuple, list, frozenset):
            items = args if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis) else ()
            if items:
                encoders = [self.encoder(a) for a in items]
                return lambda v: [e(x) for e, x in zip(encoders, v, strict=True)]
            element = self.encoder(args[0])
            if element is _same:
                return list if origin is not frozenset else _sorted_list
            if origin is frozenset:
                return lambda v: sorted(element(x) for x in v)
            return lambda v: [element(x) for x in v]
        if origin is dict:
            encode_key, encode_value = self.encoder(args[0]), self.encoder(args[1])
            if args[0] is str:
                if encode_value is _same:
                    return _same
                return lambda v: {k: encode_value(x) for k, x in v.items()}
            return lambda v: [[encode_key(k), encode_value(x)] for k, x in v.items()]
        raise TypeError(f"the state codec has no rule for {tp!r}")

    def _dataclass_encoder(self) -> Encoder:
        """Any dataclass of the allowlist, by its own class (a union's members included)."""
        table: dict[type, list[tuple[str, Encoder]]] = {}

        def encode(value: Any) -> Any:
            cls = type(value)
            fields = table.get(cls)
            if fields is None:
                if self.classes.get(cls.__name__) is not cls:
                    raise TypeError(f"{cls.__name__} is not in the state codec's allowlist")
                fields = table[cls] = [(n, self.encoder(t)) for n, t in self.fields(cls)]
            return [cls.__name__, *[e(getattr(value, n)) for n, e in fields]]

        return encode

    def _by_value(self) -> Encoder:
        """A union of plain types (e.g. `tuple[str] | tuple[str, str]`): by the value's kind."""

        def encode(value: Any) -> Any:
            if isinstance(value, tuple | list | frozenset):
                return [encode(x) for x in value]
            if isinstance(value, dt.date):
                return value.isoformat()
            return value

        return encode

    def fields(self, cls: type) -> tuple[tuple[str, object], ...]:
        found = self._fields.get(cls)
        if found is None:
            hints = typing.get_type_hints(cls)
            found = self._fields[cls] = tuple(
                (f.name, hints[f.name]) for f in dataclasses.fields(cls) if f.init
            )
        return found


def _plain_fields(cls: type) -> tuple[str, ...] | None:
    """The names of `cls`'s fields when an instance is exactly its fields' values in its
    `__dict__` (no __post_init__, no slots, every field set by __init__); else None."""
    fields = dataclasses.fields(cls)
    if (
        hasattr(cls, "__post_init__")
        or hasattr(cls, "__slots__")
        or not all(f.init for f in fields)
    ):
        return None
    return tuple(f.name for f in fields)


# -- plain decoders -------------------------------------------------------------------------
def _same(value: Any) -> Any:
    return value


def _sorted_list(value: Any) -> list[Any]:
    return sorted(value)


def _primitive(tp: type) -> Decoder:
    def decode(value: Any) -> Any:
        if type(value) is tp:
            return value
        if tp is float and type(value) is int:
            return float(value)
        raise StateError(f"expected {tp.__name__}, found {type(value).__name__}")

    return decode


def _none(value: Any) -> None:
    if value is not None:
        raise StateError(f"expected null, found {type(value).__name__}")


def _date(value: Any) -> dt.date:
    if type(value) is not str or len(value) != 10:
        raise StateError("expected a date")
    return dt.date.fromisoformat(value)


def _path(value: Any) -> Path:
    if type(value) is not str or "\0" in value:
        raise StateError("expected a path")
    return Path(value)


def _enum(tp: type[enum.Enum]) -> Decoder:
    members = {m.value: m for m in tp}

    def decode(value: Any) -> Any:
        try:
            return members[value]
        except (KeyError, TypeError):
            raise StateError(f"not a {tp.__name__}: {value!r}") from None

    return decode


_PLAIN = {str, int, float, bool}


def _sequence(element: Decoder, make: type, element_type: object) -> Decoder:
    if element_type in _PLAIN:
        kinds = {element_type}

        def plain(value: Any) -> Any:
            if type(value) is not list:
                raise StateError("expected a list")
            if value and not set(map(type, value)) <= kinds:
                raise StateError(f"expected a list of {element_type!r}")
            return make(value)

        return plain

    def decode(value: Any) -> Any:
        if type(value) is not list:
            raise StateError("expected a list")
        return make(map(element, value))

    return decode


def _fixed_tuple(decoders: list[Decoder], types: tuple[object, ...]) -> Decoder:
    if all(t in _PLAIN for t in types):  # checked in place: no decoder call per item
        plain = _plain_tuples((tuple[types],))  # type: ignore[valid-type]
        assert plain is not None
        return plain

    steps = [(None, t) if t in _PLAIN else (d, None) for d, t in zip(decoders, types, strict=True)]
    length = len(steps)

    def decode(value: Any) -> Any:
        if type(value) is not list or len(value) != length:
            raise StateError(f"expected a list of {length}")
        items = []
        for (decoder, plain), item in zip(steps, value, strict=True):
            if decoder is not None:
                items.append(decoder(item))
            elif type(item) is plain:
                items.append(item)
            else:
                raise StateError(f"expected {plain!r}, found {type(item).__name__}")
        return tuple(items)

    return decode


def _plain_tuples(choices: tuple[object, ...]) -> Decoder | None:
    """A decoder for a union of fixed tuples of plain types of different lengths (such as
    `tuple[str] | tuple[str, str]`), told apart by length; None for any other union."""
    by_length: dict[int, tuple[type, ...]] = {}
    for choice in choices:
        args = typing.get_args(choice)
        if typing.get_origin(choice) is not tuple or Ellipsis in args or len(args) in by_length:
            return None
        if not all(a in _PLAIN for a in args):
            return None
        by_length[len(args)] = args

    def decode(value: Any) -> Any:
        types = by_length.get(len(value)) if type(value) is list else None
        if types is None or not all(map(_is_type, value, types)):
            raise StateError("expected a list of " + " or ".join(map(str, sorted(by_length))))
        return tuple(value)

    return decode


def _is_type(value: object, tp: type) -> bool:
    return type(value) is tp


def _first_of(decoders: list[Decoder]) -> Decoder:
    def decode(value: Any) -> Any:
        for decoder in decoders:
            try:
                return decoder(value)
            except (StateError, TypeError, ValueError):
                continue
        raise StateError("no alternative of the union fits")

    return decode


def _str_dict(value: Any) -> Any:
    if type(value) is not dict or (value and not set(map(type, value.values())) <= {str}):
        raise StateError("expected an object of strings")
    return value


def _json_object(value: Any) -> Any:
    if type(value) is not dict:
        raise StateError("expected an object")
    return value


def _json_value(value: Any) -> Any:
    return value  # parsed JSON is data only
