"""Reuse between the builds of one process: what `serve` keeps from build to build.

Two pieces, both typed:

- a `Slot[V]` is one kind of value a stage keeps, declared by that stage beside its code
  (`SITE = Slot("site", ...)`); a `Memory` holds one value per slot. There is no shared
  dictionary of string keys: a stage reads and writes only the slots it declares, and mypy
  knows the type of each.
- a `Kept[V]` is "this piece is current because its inputs are unchanged": values by name
  (a product's slug, a page's path), each with the inputs it was made from. Asked again with
  the very same input objects (the model is immutable within a build, and a long-running
  process hands unchanged files' objects on), it gives the value back without making it.
  Otherwise it makes it and keeps it. What was not asked for in a build is dropped after it
  (`Kept.sweep`), so the memory follows the site and does not grow with every edit.

What a build keeps across processes (on disk) is keyed by digests instead: see
build/state.py."""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar, cast

V = TypeVar("V")


class Slot(Generic[V]):
    """One kind of value kept from build to build; `initial` makes it the first time (a
    slot without one is only read with `Memory.get`)."""

    __slots__ = ("initial", "name")

    def __init__(self, name: str, initial: Callable[[], V] | None = None) -> None:
        self.name = name
        self.initial = initial

    def __repr__(self) -> str:
        return f"Slot({self.name!r})"


class Memory:
    """One value per slot, kept by a long-running process from one build to the next."""

    def __init__(self) -> None:
        self._values: dict[object, object] = {}

    def __contains__(self, slot: object) -> bool:
        return slot in self._values

    def get(self, slot: Slot[V]) -> V | None:
        """The slot's value, or None when no build kept one."""
        return cast("V | None", self._values.get(slot))

    def of(self, slot: Slot[V]) -> V:
        """The slot's value, made by `slot.initial()` when there is none yet."""
        if slot not in self._values:
            if slot.initial is None:
                raise KeyError(f"{slot!r} has no value and no initial one")
            self._values[slot] = slot.initial()
        return cast("V", self._values[slot])

    def put(self, slot: Slot[V], value: V) -> None:
        self._values[slot] = value

    def pop(self, slot: Slot[V]) -> V | None:
        return cast("V | None", self._values.pop(slot, None))


@dataclass(frozen=True, slots=True)
class _Entry(Generic[V]):
    inputs: tuple[object, ...]
    value: V


class Kept(Generic[V]):
    """Values by name, each current while its declared inputs are the very same objects."""

    def __init__(self) -> None:
        self._entries: dict[str, _Entry[V]] = {}
        self._asked: set[str] = set()
        self._context: object = None
        self.made = 0  # values made (not reused) since the last sweep

    def under(self, context: object) -> None:
        """What every value is made with (settings, a folder), compared by equality: when
        it differs from the last build's, nothing kept is current."""
        if context != self._context:
            self._entries.clear()
            self._context = context

    def get(self, name: str, inputs: tuple[object, ...], make: Callable[[], V]) -> V:
        """The value kept under `name` if it was made from these very inputs; else `make()`."""
        value = self.current(name, inputs)
        if value is None:
            value = make()
            self.put(name, inputs, value)
        return value

    def current(self, name: str, inputs: tuple[object, ...]) -> V | None:
        """The value kept under `name` if it was made from these very inputs, else None."""
        self._asked.add(name)
        entry = self._entries.get(name)
        if entry is not None and _same(entry.inputs, inputs):
            return entry.value
        return None

    def put(self, name: str, inputs: tuple[object, ...], value: V) -> None:
        """Keep `value`, made from `inputs`, under `name`."""
        self._asked.add(name)
        self._entries[name] = _Entry(inputs, value)
        self.made += 1

    def sweep(self) -> None:
        """Drop what was not asked for since the last sweep (deleted products, old pages)."""
        if len(self._asked) < len(self._entries):
            self._entries = {k: e for k, e in self._entries.items() if k in self._asked}
        self._asked = set()
        self.made = 0

    def __len__(self) -> int:
        return len(self._entries)


def _same(a: tuple[object, ...], b: tuple[object, ...]) -> bool:
    return len(a) == len(b) and all(map(operator.is_, a, b))
