"""Encoders: values of a declared type into plain JSON data, compiled once per type."""

from __future__ import annotations

import datetime as dt
import enum
import typing
from collections.abc import Callable, Iterable
from typing import Any

from showroom.state.codec.registry import (
    Allowlist,
    Kind,
    is_dataclass_type,
    kind_of,
    without_none,
)

#: A value of the declared type in, plain JSON data out.
Encoder = Callable[[Any], object]  # Any: the value of the type it was compiled for


class Encoders:
    """The encoders of the allowlist's classes and of the types their fields declare."""

    def __init__(self, allowlist: Allowlist) -> None:
        self.allowlist = allowlist
        self._made: dict[object, Encoder] = {}
        self._rules: dict[Kind, Callable[[object], Encoder]] = {
            Kind.JSON: lambda tp: _same,
            Kind.PRIMITIVE: lambda tp: _same,
            Kind.NONE: lambda tp: _same,
            Kind.DATE: lambda tp: dt.date.isoformat,
            Kind.PATH: lambda tp: str,
            Kind.ENUM: lambda tp: _enum_value,
            Kind.DATACLASS: lambda tp: self._dataclass(),
            Kind.UNION: self._union,
            Kind.FIXED_TUPLE: self._fixed_tuple,
            Kind.TUPLE: self._sequence,
            Kind.LIST: self._sequence,
            Kind.FROZENSET: self._frozenset,
            Kind.DICT: self._dict,
        }

    def encoder(self, tp: object) -> Encoder:
        found = self._made.get(tp)
        if found is None:
            # A placeholder first: a recursive type finds itself while being compiled.
            self._made[tp] = lambda v: self._made[tp](v)
            found = self._made[tp] = self._rules[kind_of(tp)](tp)
        return found

    def _union(self, tp: object) -> Encoder:
        rest = without_none(typing.get_args(tp))
        if all(map(is_dataclass_type, rest)):
            inner = self._dataclass()
        elif len(rest) == 1:
            inner = self.encoder(rest[0])
        else:
            inner = _by_value
        return lambda v: None if v is None else inner(v)

    def _fixed_tuple(self, tp: object) -> Encoder:
        encoders = [self.encoder(a) for a in typing.get_args(tp)]
        return lambda v: [e(x) for e, x in zip(encoders, v, strict=True)]

    def _sequence(self, tp: object) -> Encoder:
        """A tuple or list, as a list."""
        element = self.encoder(typing.get_args(tp)[0])
        if element is _same:
            return list
        return lambda v: [element(x) for x in v]

    def _frozenset(self, tp: object) -> Encoder:
        """A frozenset, as a sorted list (the same set is always the same JSON)."""
        element = self.encoder(typing.get_args(tp)[0])
        if element is _same:
            return _sorted_list
        # The elements encode to strings or numbers, which sort.
        return lambda v: sorted(element(x) for x in v)  # type: ignore[type-var]

    def _dict(self, tp: object) -> Encoder:
        key, value = typing.get_args(tp)
        encode_key, encode_value = self.encoder(key), self.encoder(value)
        if key is not str:
            return lambda v: [[encode_key(k), encode_value(x)] for k, x in v.items()]
        if encode_value is _same:
            return _same
        return lambda v: {k: encode_value(x) for k, x in v.items()}

    def _dataclass(self) -> Encoder:
        """Every dataclass of the allowlist, by its own class (a union's members included)."""
        table: dict[type, list[tuple[str, Encoder]]] = {}

        def encode(value: object) -> object:
            cls = type(value)
            fields = table.get(cls)
            if fields is None:
                self.allowlist.require(cls)
                fields = table[cls] = [(n, self.encoder(t)) for n, t in self.allowlist.fields(cls)]
            return [cls.__name__, *[e(getattr(value, n)) for n, e in fields]]

        return encode


def _same(value: object) -> object:
    return value


def _sorted_list(value: Iterable[str | int | float | bool]) -> object:
    return sorted(value)


def _enum_value(value: enum.Enum) -> object:
    return value.value


def _by_value(value: object) -> object:
    """A union of plain types (e.g. `tuple[str] | tuple[str, str]`): by the value's kind."""
    if isinstance(value, tuple | list | frozenset):
        return [_by_value(x) for x in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
