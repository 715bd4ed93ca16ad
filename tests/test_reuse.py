"""The one mechanism of reuse within a process (showroom/state/reuse.py) and the versions of
paths that stand for the file system in it (showroom/state/files.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from showroom.state.files import FileDigests, Unchanged, Versions
from showroom.state.reuse import BLOCK, Kept, KeptEach


@dataclass(frozen=True)
class Value:
    text: str


def test_a_value_is_current_while_its_inputs_are_the_very_same_objects() -> None:
    kept: Kept[Value] = Kept()
    a, b = Value("a"), Value("a")  # equal, not the same
    first = kept.get("x", (a,), lambda: Value("made"))
    assert kept.get("x", (a,), lambda: Value("again")) is first
    assert kept.get("x", (b,), lambda: Value("again")) == Value("again")


def test_same_if_equal_gives_back_the_kept_value_when_the_new_one_equals_it() -> None:
    kept: Kept[Value] = Kept()
    first = kept.get("x", (object(),), lambda: Value("v"), same_if_equal=True)
    again = kept.get("x", (object(),), lambda: Value("v"), same_if_equal=True)
    other = kept.get("x", (object(),), lambda: Value("w"), same_if_equal=True)
    assert again is first and other == Value("w")
    assert kept.get("y", (object(),), lambda: Value("w"), same_if_equal=True) is not other


def test_kept_each_makes_only_what_changed_and_follows_a_changing_sequence() -> None:
    kept: KeptEach[Value] = KeptEach()
    names = [f"n{i:04d}" for i in range(3 * BLOCK + 5)]
    inputs = [object() for _ in names]
    made: list[int] = []

    def make(n: int) -> Value:
        made.append(n)
        return Value(names[n])

    first = kept.values(names, inputs, make)
    assert made == list(range(len(names)))
    assert [v.text for v in first] == names
    made.clear()
    again = kept.values(names, inputs, make)
    assert made == [] and all(map(lambda a, b: a is b, again, first))
    inputs[BLOCK + 3] = object()  # one changed: only it is made again
    changed = kept.values(names, inputs, make)
    assert made == [BLOCK + 3]
    assert [v is f for v, f in zip(changed, first, strict=True)].count(False) == 1
    made.clear()
    names.insert(2, "inserted")  # every block after it shifts: still only the new one is made
    inputs.insert(2, object())
    shifted = kept.values(names, inputs, make)
    assert made == [2] and [v.text for v in shifted] == names
    kept.sweep()
    made.clear()
    assert kept.values(names[:10], inputs[:10], make) == shifted[:10] and made == []
    kept.sweep()  # what the last call did not ask for is gone
    made.clear()
    kept.values(names, inputs, make)
    assert made == list(range(10, len(names)))


def test_kept_each_by_columns_makes_a_name_again_when_any_of_its_inputs_changed() -> None:
    kept: KeptEach[Value] = KeptEach()
    names = [f"n{i:04d}" for i in range(2 * BLOCK + 3)]
    columns = [[object() for _ in names] for _ in range(3)]  # a product, its company ...
    made: list[int] = []

    def make(n: int) -> Value:
        made.append(n)
        return Value(names[n])

    first = kept.values(names, columns[0], make, also=columns[1:])
    assert made == list(range(len(names))) and kept.made == len(names)
    kept.sweep()
    made.clear()
    assert kept.changed(names, columns[0], columns[1:]) == [] and kept.made == 0
    columns[2][BLOCK + 1] = object()  # one input of one name
    columns[0][2] = object()  # another's, in another column
    changed = kept.changed(names, columns[0], columns[1:])
    assert changed == [2, BLOCK + 1] and made == []  # nothing made yet
    again = kept.values(names, columns[0], make, also=columns[1:])
    assert made == [2, BLOCK + 1] and kept.made == 2
    assert [a is f for a, f in zip(again, first, strict=True)].count(False) == 2
    made.clear()
    kept.values(names, columns[0], make, also=columns[1:2])  # fewer columns: all made again
    assert made == list(range(len(names)))


def test_kept_each_under_another_context_keeps_nothing() -> None:
    kept: KeptEach[Value] = KeptEach()
    names, inputs = ["a", "b"], [object(), object()]
    kept.under("settings 1")
    first = kept.values(names, inputs, lambda n: Value(names[n]))
    kept.under("settings 1")
    assert kept.values(names, inputs, lambda n: Value("new")) == first
    kept.under("settings 2")
    assert kept.values(names, inputs, lambda n: Value("new")) == [Value("new")] * 2


def test_a_version_is_the_same_while_the_watcher_saw_nothing_change(tmp_path: Path) -> None:
    root = tmp_path / "content"
    folder, file, other = f"{root}/products/a", f"{root}/products/a/index.md", f"{root}/b.yml"
    versions = Versions()
    versions.follow(None)  # no watcher: every version is new
    first = {p: versions.of(p) for p in (folder, file, other)}
    versions.follow(None)
    assert all(versions.of(p) is not v for p, v in first.items())
    versions.follow(Unchanged([root], []))
    first = {p: versions.of(p) for p in (folder, file, other)}
    versions.follow(Unchanged([root], []))
    assert all(versions.of(p) is v for p, v in first.items())
    versions.follow(Unchanged([root], [file]))  # the file, and the folders that hold it
    assert versions.of(file) is not first[file] and versions.of(folder) is not first[folder]
    assert versions.of(other) is first[other]
    outside = str(tmp_path / "elsewhere.yml")  # a path no one watches is never the same
    assert versions.of(outside) is not versions.of(outside)
    assert versions.of_all(str(tmp_path), [outside]) != versions.of_all(str(tmp_path), [outside])
    assert versions.of_all(f"{root}/products", [folder]) == [versions.of(folder)]


def test_kept_each_compares_every_column_of_inputs() -> None:
    kept: KeptEach[Value] = KeptEach()
    names = [f"n{i:04d}" for i in range(BLOCK + 3)]
    inputs = [object() for _ in names]
    others = [object() for _ in names]
    made: list[int] = []

    def make(n: int) -> Value:
        made.append(n)
        return Value(names[n])

    first = kept.values(names, inputs, make, also=(others,))
    made.clear()
    assert kept.values(names, inputs, make, also=(others,)) == first and made == []
    others[BLOCK + 1] = object()  # one input of another column changed: only its name
    again = kept.values(names, inputs, make, also=(others,))
    assert made == [BLOCK + 1]
    assert [v is f for v, f in zip(again, first, strict=True)].count(False) == 1
    made.clear()
    kept.values(names, inputs, make)  # fewer columns: nothing is the same
    assert made == list(range(len(names)))


def test_a_watched_build_forgets_only_the_files_the_watcher_saw_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("showroom.state.files.RACY_SECONDS", -1.0)  # keep even new files
    kept, gone, edited = (tmp_path / name for name in ("kept.md", "gone.md", "edited.md"))
    for path in (kept, gone, edited):
        path.write_text(path.name, encoding="utf-8")
    first = FileDigests()
    for path in (kept, gone, edited):
        first.digest(path)
    assert len(first.known) == 3
    gone.unlink()
    edited.write_text("again", encoding="utf-8")
    watched = FileDigests(first.known, Unchanged([tmp_path], [str(gone), str(edited)]))
    watched.digest(edited)
    watched.forget_unused()
    # not looked at, but not changed either: still known, so `build` after `serve` need not
    # hash it again; the deleted one is forgotten
    assert set(watched.known) == {str(kept), str(edited)}
    unwatched = FileDigests(watched.known)
    unwatched.digest(edited)
    unwatched.forget_unused()  # without a watcher, what the build did not look at is dropped
    assert set(unwatched.known) == {str(edited)}
