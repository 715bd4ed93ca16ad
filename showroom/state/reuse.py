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
  Otherwise it makes it and keeps it. A value made again that equals the one kept can stand
  for it (`same_if_equal`): what was made from it stays current (a product whose edit moved
  nothing in the site's structure, a folder that holds the same names). What was not asked
  for in a build is dropped after it (`Kept.sweep`), so the memory follows the site and does
  not grow with every edit.

What comes from the file system is named among the inputs by a `state.files.Version`: one
object per path, the same while a watcher saw nothing change there.

What a build keeps across processes (on disk) is keyed by digests instead: see
build/state.py."""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Generic, TypeVar, cast

V = TypeVar("V")
T = TypeVar("T")


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

    def get(
        self,
        name: str,
        inputs: tuple[object, ...],
        make: Callable[[], V],
        same_if_equal: bool = False,
    ) -> V:
        """The value kept under `name` if it was made from these very inputs; else `make()`.
        With `same_if_equal`, a value made again that equals the kept one gives the kept one
        back, so that what was made from it (naming it among its inputs) stays current."""
        self._asked.add(name)
        entry = self._entries.get(name)
        if entry is not None and _same(entry.inputs, inputs):
            return entry.value
        value = make()
        if same_if_equal and entry is not None and entry.value == value:
            value = entry.value
        self.put(name, inputs, value)
        return value

    def current(self, name: str, inputs: tuple[object, ...]) -> V | None:
        """The value kept under `name` if it was made from these very inputs, else None."""
        self._asked.add(name)
        entry = self._entries.get(name)
        if entry is not None and _same(entry.inputs, inputs):
            return entry.value
        return None

    def keep(self, names: Iterable[str]) -> None:
        """Keep the values of `names` through the next sweep, as if they were asked for."""
        self._asked.update(names)

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


#: How many names `KeptEach` compares at once.
BLOCK = 64


@dataclass(frozen=True, slots=True)
class _Each(Generic[V]):
    inputs: tuple[object, ...]  # one per column
    value: V


@dataclass(frozen=True, slots=True)
class _Block(Generic[V]):
    names: tuple[str, ...]
    columns: tuple[tuple[object, ...], ...]  # each column's inputs of these names
    values: tuple[V, ...]


#: The rows of a group of `KeptEach.group`: names, inputs and the columns of `also`.
Rows = tuple[Sequence[str], Sequence[object], Sequence[Sequence[object]]]


@dataclass(frozen=True, slots=True)
class _Group(Generic[V]):
    given: tuple[object, ...]  # what every input of the group follows from
    names: tuple[str, ...]
    firsts: tuple[str, ...]  # the first name of each block
    blocks: tuple[tuple[V, ...], ...]


class KeptEach(Generic[V]):
    """Values by name, each made from one input (or one of each of a few columns of inputs):
    as a `Kept` of each, compared a block of names at a time. `serve` asks for the value of
    every product in every build; a block of unchanged ones then costs a comparison of their
    names and inputs, and only a block that holds a changed one looks at each of its names
    (making only the changed one again)."""

    def __init__(self) -> None:
        self._entries: dict[str, _Each[V]] = {}  # by name
        self._blocks: dict[str, _Block[V]] = {}  # by the first name in it
        self._asked: set[str] = set()  # names
        self._asked_blocks: set[str] = set()
        self._groups: dict[str, _Group[V]] = {}  # by key
        self._asked_groups: set[str] = set()
        self._context: object = None
        self.made = 0  # values made (not reused) since the last sweep

    def under(self, context: object) -> None:
        """As `Kept.under`."""
        if context != self._context:
            self._entries.clear()
            self._blocks.clear()
            self._groups.clear()
            self._context = context

    def values(
        self,
        names: Sequence[str],
        inputs: Sequence[object],
        make: Callable[[int], V],
        same_if_equal: bool = False,
        also: Sequence[Sequence[object]] = (),
    ) -> list[V]:
        """The value of each of `names`: kept while it was made from the very same object
        of `inputs` (at the same position), and of each column of `also`; else
        `make(position)` (see `Kept.get`)."""
        found: list[V] = []
        for block in self.blocks(names, inputs, make, same_if_equal, also):
            found.extend(block)
        return found

    def blocks(
        self,
        names: Sequence[str],
        inputs: Sequence[object],
        make: Callable[[int], V],
        same_if_equal: bool = False,
        also: Sequence[Sequence[object]] = (),
    ) -> list[tuple[V, ...]]:
        """The values of `values`, a block at a time: a block whose names and inputs are the
        very same as last time is the very same tuple (what is made from the block's values
        can be kept by its identity)."""
        found: list[tuple[V, ...]] = []
        self._asked.update(names)
        for start, block_names, block_columns, block in self._blocks_of(names, inputs, also):
            if block is None:
                values = self._each(start, block_names, block_columns, make, same_if_equal)
                block = self._blocks[block_names[0]] = _Block(block_names, block_columns, values)
            self._asked_blocks.add(block_names[0])
            found.append(block.values)
        return found

    def group(
        self,
        key: str,
        given: tuple[object, ...],
        rows: Callable[[], Rows],
        make: Callable[[int], V],
    ) -> list[tuple[V, ...]]:
        """`blocks` of the names, inputs and columns `rows()` gives, kept whole under `key`
        while `given` holds the very same objects as last time: for a group whose names and
        inputs all follow from a few objects (a hall's products from the hall), one
        comparison instead of one per name, and `rows` is not called."""
        kept = self._groups.get(key)
        self._asked_groups.add(key)
        if kept is not None and _same(kept.given, given):
            self._asked.update(kept.names)
            self._asked_blocks.update(kept.firsts)
            return list(kept.blocks)
        names, inputs, also = rows()
        found = self.blocks(names, inputs, make, also=also)
        firsts = tuple(names[start] for start in range(0, len(names), BLOCK))
        self._groups[key] = _Group(given, tuple(names), firsts, tuple(found))
        return found

    def changed(
        self, names: Sequence[str], inputs: Sequence[object], also: Sequence[Sequence[object]] = ()
    ) -> list[int]:
        """The positions of the names whose value `values` (with these inputs) would make:
        to make them together first (photos to encode in parallel, say)."""
        found: list[int] = []
        for start, block_names, block_columns, block in self._blocks_of(names, inputs, also):
            if block is None:
                rows = enumerate(zip(block_names, *block_columns, strict=True), start)
                found.extend(n for n, (name, *given) in rows if self._stale(name, given))
        return found

    def _blocks_of(
        self, names: Sequence[str], inputs: Sequence[object], also: Sequence[Sequence[object]]
    ) -> Iterator[tuple[int, tuple[str, ...], tuple[tuple[object, ...], ...], _Block[V] | None]]:
        """Each block of the names: its start, names and columns of inputs, and the kept
        block while it holds these very names and inputs (else None)."""
        columns = (inputs, *also)
        for start in range(0, len(names), BLOCK):
            block_names = tuple(names[start : start + BLOCK])
            block_columns = tuple(tuple(c[start : start + BLOCK]) for c in columns)
            block = self._blocks.get(block_names[0])
            current = (
                block is not None and block.names == block_names and _all_same(block, block_columns)
            )
            yield start, block_names, block_columns, block if current else None

    def _stale(self, name: str, given: Sequence[object]) -> bool:
        """Whether the value of `name` is not one made from these very inputs."""
        entry = self._entries.get(name)
        return entry is None or not _same(entry.inputs, tuple(given))

    def _each(
        self,
        start: int,
        names: tuple[str, ...],
        columns: tuple[tuple[object, ...], ...],
        make: Callable[[int], V],
        same_if_equal: bool,
    ) -> tuple[V, ...]:
        """The values of a block that changed: each name's, kept or made."""
        values: list[V] = []
        entries = self._entries
        for n, (name, *given) in enumerate(zip(names, *columns, strict=True)):
            entry = entries.get(name)
            if entry is None or not _same(entry.inputs, tuple(given)):
                value = make(start + n)
                self.made += 1
                if same_if_equal and entry is not None and entry.value == value:
                    value = entry.value
                entry = entries[name] = _Each(tuple(given), value)
            values.append(entry.value)
        return tuple(values)

    def sweep(self) -> None:
        """As `Kept.sweep`."""
        asked, blocks = self._asked, self._asked_blocks
        if len(asked) < len(self._entries):
            self._entries = {k: e for k, e in self._entries.items() if k in asked}
        if len(blocks) < len(self._blocks):
            self._blocks = {k: b for k, b in self._blocks.items() if k in blocks}
        groups = self._asked_groups
        if len(groups) < len(self._groups):
            self._groups = {k: g for k, g in self._groups.items() if k in groups}
        self._asked, self._asked_blocks, self._asked_groups = set(), set(), set()
        self.made = 0


def _all_same(block: _Block[V], columns: tuple[tuple[object, ...], ...]) -> bool:
    """Whether a block's columns hold the very same objects as `columns`."""
    return len(block.columns) == len(columns) and all(
        all(map(operator.is_, kept, given))
        for kept, given in zip(block.columns, columns, strict=True)
    )


def each_block(
    kept: Kept[V],
    name: str,
    inputs: Sequence[T],
    make: Callable[[tuple[T, ...]], V],
    same_if_equal: bool = False,
) -> list[V]:
    """`make` of each block of `inputs` (BLOCK of them at a time, in order), kept under `name`
    and the block's start while the block holds the very same objects: what is made of a
    sequence a block at a time, so that one changed object makes one block again (see
    `Kept.get` for `same_if_equal`)."""
    found: list[V] = []
    for start in range(0, len(inputs), BLOCK):
        block = tuple(inputs[start : start + BLOCK])
        found.append(kept.get(f"{name}\0{start}", block, partial(make, block), same_if_equal))
    return found


def _same(a: tuple[object, ...], b: tuple[object, ...]) -> bool:
    """Whether the two hold the very same objects (one input, the most common: at once)."""
    if len(a) == 1:
        return len(b) == 1 and a[0] is b[0]
    return len(a) == len(b) and all(map(operator.is_, a, b))
