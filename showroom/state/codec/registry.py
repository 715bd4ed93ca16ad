"""What the state codec knows: the allowlist of dataclasses (with their fields' declared
types), and the kinds of declared type it has a rule for. The encoders and decoders each
compile a declared type by its kind, from a table of the same keys."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import types
import typing
from collections.abc import Iterable
from pathlib import Path
from typing import Any


class Kind(enum.Enum):
    """The kinds of declared type the codec has a rule for."""

    JSON = "plain JSON data, kept as parsed"
    PRIMITIVE = "str, int, float or bool"
    NONE = "None"
    DATE = "a date, as an ISO string"
    PATH = "a path, as a string"
    ENUM = "an Enum, as its value"
    DATACLASS = "a dataclass of the allowlist, as [tag, field, …]"
    UNION = "a union (optional or of several types)"
    FIXED_TUPLE = "a tuple of fixed length, as a list"
    TUPLE = "tuple[X, ...], as a list"
    LIST = "list[X], as a list"
    FROZENSET = "frozenset[X], as a sorted list"
    DICT = "a dict: an object with string keys, else a list of [key, value] pairs"


#: Declared types that are their own kind (compared by equality, as `tp in (…)` does).
_EXACT: dict[object, Kind] = {
    Any: Kind.JSON,  # Any: a field declared Any holds plain JSON data (its reader checks it)
    str: Kind.PRIMITIVE,
    int: Kind.PRIMITIVE,
    float: Kind.PRIMITIVE,
    bool: Kind.PRIMITIVE,
    type(None): Kind.NONE,
    None: Kind.NONE,
    dt.date: Kind.DATE,
    Path: Kind.PATH,
}

#: Generic types by their origin (`list[int]` → list).
_ORIGINS: dict[object, Kind] = {
    typing.Union: Kind.UNION,
    types.UnionType: Kind.UNION,
    tuple: Kind.FIXED_TUPLE,
    list: Kind.LIST,
    frozenset: Kind.FROZENSET,
    dict: Kind.DICT,
}

#: The types the codec keeps as they are in JSON (a list of them is checked in place).
PLAIN = {str, int, float, bool}


def kind_of(tp: object) -> Kind:
    """The codec's rule for the declared type `tp`; TypeError if it has none."""
    exact = _EXACT.get(tp)
    if exact is not None:
        return exact
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return Kind.ENUM
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return Kind.DATACLASS
    kind = _ORIGINS.get(typing.get_origin(tp))
    if kind is None:
        raise TypeError(f"the state codec has no rule for {tp!r}")
    if kind is Kind.FIXED_TUPLE and is_variadic(typing.get_args(tp)):
        return Kind.TUPLE
    return kind


def is_variadic(args: tuple[object, ...]) -> bool:
    """Whether a tuple's arguments are `(X, ...)`."""
    return len(args) == 2 and args[1] is Ellipsis


def is_dataclass_type(tp: object) -> bool:
    return isinstance(tp, type) and dataclasses.is_dataclass(tp)


def without_none(args: tuple[object, ...]) -> tuple[object, ...]:
    """A union's members other than None."""
    return tuple(a for a in args if a is not type(None))


class Allowlist:
    """The dataclasses that may come back from a state file, and their fields."""

    def __init__(self, classes: Iterable[type]) -> None:
        self.classes = {cls.__name__: cls for cls in classes}
        for cls in self.classes.values():
            if not dataclasses.is_dataclass(cls):
                raise TypeError(f"{cls.__name__} is not a dataclass")
        self._fields: dict[type, tuple[tuple[str, object], ...]] = {}

    def require(self, cls: type) -> None:
        """TypeError unless `cls` is in the allowlist."""
        if self.classes.get(cls.__name__) is not cls:
            raise TypeError(f"{cls.__name__} is not in the state codec's allowlist")

    def fields(self, cls: type) -> tuple[tuple[str, object], ...]:
        """(name, declared type) of each field `__init__` takes, in order."""
        found = self._fields.get(cls)
        if found is None:
            hints = typing.get_type_hints(cls)
            found = self._fields[cls] = tuple(
                (f.name, hints[f.name]) for f in dataclasses.fields(cls) if f.init
            )
        return found


def plain_fields(cls: type) -> tuple[str, ...] | None:
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
