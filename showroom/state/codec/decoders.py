"""Decoders: parsed JSON into values of a declared type, and nothing else. Each is compiled
once per type; whatever in the input is not of the declared shape raises StateError."""

from __future__ import annotations

import datetime as dt
import enum
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

from showroom.state.codec.errors import StateError
from showroom.state.codec.registry import (
    PLAIN,
    Allowlist,
    Kind,
    is_dataclass_type,
    kind_of,
    plain_fields,
    without_none,
)

#: Parsed JSON in, a value of the declared type out.
Decoder = Callable[[object], object]


class Decoders:
    """The decoders of the allowlist's classes and of the types their fields declare."""

    def __init__(self, allowlist: Allowlist) -> None:
        self.allowlist = allowlist
        self._made: dict[object, Decoder] = {}
        self._rules: dict[Kind, Callable[[object], Decoder]] = {
            Kind.JSON: lambda tp: _json_value,
            Kind.PRIMITIVE: _primitive,
            Kind.NONE: lambda tp: _none,
            Kind.DATE: lambda tp: _date,
            Kind.PATH: lambda tp: _path,
            Kind.ENUM: _enum,
            Kind.DATACLASS: self._one_dataclass,
            Kind.UNION: lambda tp: self._union(typing.get_args(tp)),
            Kind.FIXED_TUPLE: self._fixed_tuple,
            Kind.TUPLE: lambda tp: self._sequence(tp, tuple),
            Kind.LIST: lambda tp: self._sequence(tp, list),
            Kind.FROZENSET: lambda tp: self._sequence(tp, frozenset),
            Kind.DICT: lambda tp: self._dict(*typing.get_args(tp)),
        }

    def decoder(self, tp: object) -> Decoder:
        found = self._made.get(tp)
        if found is None:
            # A placeholder first: a recursive type finds itself while being compiled.
            self._made[tp] = lambda v: self._made[tp](v)
            found = self._made[tp] = self._rules[kind_of(tp)](tp)
        return found

    def _union(self, args: tuple[object, ...]) -> Decoder:
        optional = type(None) in args
        rest = without_none(args)
        if all(map(is_dataclass_type, rest)):
            inner = self._dataclass(typing.cast(tuple[type, ...], rest))
        elif len(rest) == 1:
            inner = self.decoder(rest[0])
        else:
            inner = _plain_tuples(rest) or _first_of([self.decoder(a) for a in rest])
        if not optional:
            return inner
        return lambda v: None if v is None else inner(v)

    def _one_dataclass(self, tp: object) -> Decoder:
        assert isinstance(tp, type)
        return self._dataclass((tp,))

    def _dataclass(self, choices: tuple[type, ...]) -> Decoder:
        """`[tag, field, …]` of one of `choices` (all in the allowlist)."""
        for cls in choices:
            self.allowlist.require(cls)
        return _TaggedDecoder(self, choices).decode

    def _fixed_tuple(self, tp: object) -> Decoder:
        args = typing.get_args(tp)
        return _fixed_tuple([self.decoder(a) for a in args], args)

    def _sequence(self, tp: object, make: type) -> Decoder:
        element = typing.get_args(tp)[0]
        return _sequence(self.decoder(element), make, element)

    def _dict(self, key: object, value: object) -> Decoder:
        decode_value = self.decoder(value)
        if key is not str:
            return _pairs(self.decoder(key), decode_value)
        if value is str:
            return _str_dict
        if value is Any:  # Any: plain JSON values, kept as parsed
            return _json_object

        def decode_str_keys(v: object) -> object:
            if type(v) is not dict:
                raise StateError("expected an object")
            return {k: decode_value(item) for k, item in v.items()}

        return decode_str_keys


class _TaggedDecoder:
    """Decodes `[tag, field, …]` of one of several dataclasses, told apart by the tag."""

    def __init__(self, decoders: Decoders, choices: tuple[type, ...]) -> None:
        self._decoders = decoders
        #: tag -> (class, its fields' decoders (None: a plain string), its plain fields)
        self._table: dict[str, tuple[type, list[Decoder | None], tuple[str, ...] | None]] = {
            cls.__name__: (cls, [], plain_fields(cls)) for cls in choices
        }

    def _fill(self) -> None:
        """Compiled on first use: the fields may refer back to the choices."""
        for cls, decoders, _ in self._table.values():
            if not decoders:
                decoders.extend(
                    None if t is str else self._decoders.decoder(t)
                    for _, t in self._decoders.allowlist.fields(cls)
                )

    def decode(self, value: object) -> object:
        if type(value) is not list or not value or type(value[0]) is not str:
            raise StateError(f"expected one of {sorted(self._table)}, found {type(value).__name__}")
        hit = self._table.get(value[0])
        if hit is None:
            raise StateError(f"unexpected type tag {value[0]!r}")
        cls, decoders, names = hit
        if not decoders:
            self._fill()
        if len(value) != len(decoders) + 1:
            raise StateError(f"{value[0]}: {len(value) - 1} fields, not {len(decoders)}")
        args: list[object] = []
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
        made: object = object.__new__(cls)
        made.__dict__.update(zip(names, args, strict=True))
        return made


def _primitive(tp: object) -> Decoder:
    assert isinstance(tp, type)

    def decode(value: object) -> object:
        if type(value) is tp:
            return value
        if tp is float and type(value) is int:
            return float(value)
        raise StateError(f"expected {tp.__name__}, found {type(value).__name__}")

    return decode


def _none(value: object) -> None:
    if value is not None:
        raise StateError(f"expected null, found {type(value).__name__}")


def _date(value: object) -> dt.date:
    if type(value) is not str or len(value) != 10:
        raise StateError("expected a date")
    return dt.date.fromisoformat(value)


def _path(value: object) -> Path:
    if type(value) is not str or "\0" in value:
        raise StateError("expected a path")
    return Path(value)


def _enum(tp: object) -> Decoder:
    assert isinstance(tp, type) and issubclass(tp, enum.Enum)
    members = {m.value: m for m in tp}

    def decode(value: object) -> object:
        try:
            return members[value]
        except (KeyError, TypeError):
            raise StateError(f"not a {tp.__name__}: {value!r}") from None

    return decode


def _sequence(element: Decoder, make: type, element_type: object) -> Decoder:
    if element_type in PLAIN:
        kinds = {element_type}

        def plain(value: object) -> object:
            if type(value) is not list:
                raise StateError("expected a list")
            if value and not set(map(type, value)) <= kinds:
                raise StateError(f"expected a list of {element_type!r}")
            return make(value)

        return plain

    def decode(value: object) -> object:
        if type(value) is not list:
            raise StateError("expected a list")
        return make(map(element, value))

    return decode


def _fixed_tuple(decoders: list[Decoder], types: tuple[object, ...]) -> Decoder:
    if all(t in PLAIN for t in types):  # checked in place: no decoder call per item
        plain = _plain_tuples((tuple[types],))  # type: ignore[valid-type]
        assert plain is not None
        return plain

    steps = [(None, t) if t in PLAIN else (d, None) for d, t in zip(decoders, types, strict=True)]
    length = len(steps)

    def decode(value: object) -> object:
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
    by_length: dict[int, tuple[object, ...]] = {}
    for choice in choices:
        args = typing.get_args(choice)
        if typing.get_origin(choice) is not tuple or Ellipsis in args or len(args) in by_length:
            return None
        if not all(a in PLAIN for a in args):
            return None
        by_length[len(args)] = args

    def decode(value: object) -> object:
        if type(value) is list:
            types = by_length.get(len(value))
            if types is not None and all(map(_is_type, value, types)):
                return tuple(value)
        raise StateError("expected a list of " + " or ".join(map(str, sorted(by_length))))

    return decode


def _is_type(value: object, tp: object) -> bool:
    return type(value) is tp


def _first_of(decoders: list[Decoder]) -> Decoder:
    def decode(value: object) -> object:
        for decoder in decoders:
            try:
                return decoder(value)
            except (StateError, TypeError, ValueError):
                continue
        raise StateError("no alternative of the union fits")

    return decode


def _pairs(decode_key: Decoder, decode_value: Decoder) -> Decoder:
    """A dict whose keys are not strings, as a list of `[key, value]` pairs."""

    def decode(v: object) -> object:
        if type(v) is not list:
            raise StateError("expected a list of pairs")
        out = {}
        for pair in v:
            if type(pair) is not list or len(pair) != 2:
                raise StateError("expected a [key, value] pair")
            out[decode_key(pair[0])] = decode_value(pair[1])
        return out

    return decode


def _str_dict(value: object) -> object:
    if type(value) is not dict or (value and not set(map(type, value.values())) <= {str}):
        raise StateError("expected an object of strings")
    return value


def _json_object(value: object) -> object:
    if type(value) is not dict:
        raise StateError("expected an object")
    return value


def _json_value(value: object) -> object:
    return value  # parsed JSON is data only
