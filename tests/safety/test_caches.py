"""Issue 12: caches are untrusted input, and cache folders are Showroom's alone.

Every cache (the build state, photo renditions, the search bundle, the catalogue, rendered
Markdown) is damaged in many ways; the next build must succeed, publish exactly what a clean
build publishes, and let no exception escape. A pickle planted where the state was is never
unpickled. `images.cache_dir` may not point at the user's files, and `cache prune` removes only
what Showroom made."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from showroom.build import BuildOptions, build, prune_cache
from showroom.build.state import CACHES_FILE
from showroom.cli import main
from showroom.errors import ShowroomError
from showroom.state.cache_folders import MARKER
from showroom.state.store import FORMAT
from tests.projects import Project, new_project
from tests.site_files import tree

DATE = dt.date(2026, 11, 28)
Damage = Callable[[Path], object]


def options(project: Project, pdf: bool = False, clean: bool = False) -> BuildOptions:
    return BuildOptions(config_file=project.config_file, date=DATE, pdf=pdf, clean=clean)


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Callable[[bool], Path]:
    """Per `pdf`, a project whose caches a clean build filled (photos encoded, the search
    index and the catalogue made), made when first asked for in the module; `built` copies
    it."""
    made: dict[bool, Path] = {}

    def template(pdf: bool) -> Path:
        if pdf not in made:
            project = new_project(tmp_path_factory.mktemp("caches") / "project", catalogue=pdf)
            project.write("content/products/lathe/index.md", LATHE_WITH_BODY)
            build(options(project, pdf))
            made[pdf] = project.root
        return made[pdf]

    return template


Built = Callable[..., tuple[Project, dict[str, bytes]]]


@pytest.fixture
def built(tmp_path: Path, templates: Callable[[bool], Path]) -> Built:
    """`built(pdf=False)`: a project built once (its caches filled), and what a clean build
    publishes. The project is a copy of the module's template, caches and all, built again
    in its own folder: the build state then holds this folder's records and signatures (and
    the template's, under its paths) as a build here leaves them, and the photos, the search
    index and the catalogue come from the copied caches."""

    def make(pdf: bool = False) -> tuple[Project, dict[str, bytes]]:
        project = Project(tmp_path / "project")
        shutil.copytree(templates(pdf), project.root, symlinks=True)
        build(options(project, pdf))
        return project, tree(project.out)

    return make


LATHE_WITH_BODY = """\
---
name: 소형 선반
category: machinery
company: bobs
date: 2025-02-10
summary: 소형 선반 요약입니다.
images:
  - src: photo.jpg
    alt: 소형 선반 사진
---
선반 **설명** 본문입니다. [제조사](https://example.kr)

| 항목 | 값 |
|:-|-:|
| 무게 | 12 kg |
"""


def rebuild_equals(project: Project, reference: dict[str, bytes], pdf: bool = False) -> None:
    """A build after the damage publishes what a clean build does into a fresh output folder
    (every file from the caches), and so does the next build, into that folder."""
    shutil.rmtree(project.out)
    build(options(project, pdf))
    assert tree(project.out) == reference
    build(options(project, pdf))
    assert tree(project.out) == reference


def cache(project: Project, name: str) -> Path:
    return project.root / ".cache" / name


def one_of(folder: Path, pattern: str, index: int = 0) -> Path:
    found = sorted(p for p in folder.rglob(pattern) if p.is_file() and not p.name.startswith("."))
    assert found, f"no {pattern} in {folder}"
    return found[index % len(found)]


def flip(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x55
    path.write_bytes(bytes(data))


def truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: max(1, path.stat().st_size // 3)])


def replace_by_sibling(path: Path, pattern: str) -> None:
    """The file replaced by another valid file of the same cache (of another entry)."""
    other = next(
        p
        for p in sorted(path.parents[2].rglob(pattern))
        if p.is_file() and p.read_bytes() != path.read_bytes()
    )
    shutil.copyfile(other, path)


# -- photo renditions -------------------------------------------------------------------------
def _edit_manifest(entry_file: Path, change: Callable[[dict[str, object]], None]) -> None:
    manifest = entry_file.parent / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    change(data)
    manifest.write_text(json.dumps(data), encoding="utf-8")


IMAGE_DAMAGE: dict[str, Damage] = {
    "folder removed": lambda c: shutil.rmtree(c),
    "one entry removed": lambda c: shutil.rmtree(one_of(c, "*.jpg").parent),
    "file deleted": lambda c: one_of(c, "web*.webp").unlink(),
    "print file deleted": lambda c: one_of(c, "print*.jpg", 1).unlink(),
    "truncated": lambda c: truncate(one_of(c, "card*.webp")),
    "emptied": lambda c: one_of(c, "web*.jpg", 2).write_bytes(b""),
    "bytes flipped": lambda c: flip(one_of(c, "web*.webp", 1)),
    "replaced by another entry's file": lambda c: replace_by_sibling(
        one_of(c, "print*.jpg"), "print*.jpg"
    ),
    "manifest deleted": lambda c: one_of(c, "manifest.json").unlink(),
    "manifest garbage": lambda c: one_of(c, "manifest.json").write_bytes(os.urandom(200)),
    "manifest width edited": lambda c: _edit_manifest(
        one_of(c, "print*.jpg"), lambda m: m.update(width=1234)
    ),
    "manifest of another key": lambda c: shutil.copyfile(
        one_of(c, "manifest.json", 1), one_of(c, "manifest.json", 0)
    ),
}


@pytest.mark.parametrize("damage", sorted(IMAGE_DAMAGE))
def test_a_damaged_photo_cache_is_encoded_again(built: Built, damage: str) -> None:
    project, reference = built()
    IMAGE_DAMAGE[damage](cache(project, "images"))
    rebuild_equals(project, reference)


def test_deleting_the_image_cache_alone_does_not_break_later_builds(built: Built) -> None:
    project, reference = built()
    shutil.rmtree(cache(project, "images"))
    result = build(options(project))
    assert result.photos_encoded == 3
    assert tree(project.out) == reference
    assert build(options(project)).photos_encoded == 0


def test_a_published_photo_is_no_hard_link_into_the_cache(built: Built) -> None:
    project, reference = built()
    shutil.rmtree(project.out)
    build(options(project))
    for path in cache(project, "images").rglob("*.jpg"):
        flip(path)  # in place: a hard link would carry it into the site
    for path in cache(project, "search").rglob("*"):
        if path.is_file() and not path.name.startswith("."):
            flip(path)
    assert tree(project.out) == reference


# -- the search bundle ------------------------------------------------------------------------
SEARCH_DAMAGE: dict[str, Damage] = {
    "folder removed": lambda c: shutil.rmtree(c),
    "bundle removed": lambda c: shutil.rmtree(one_of(c, "pagefind.js").parent),
    "pagefind.js deleted": lambda c: one_of(c, "pagefind.js").unlink(),
    "pagefind.js truncated": lambda c: truncate(one_of(c, "pagefind.js")),
    "a fragment's bytes flipped": lambda c: flip(one_of(c, "*.pf_fragment")),
    "the index emptied": lambda c: one_of(c, "*.pf_index").write_bytes(b""),
    "a fragment replaced by another": lambda c: shutil.copyfile(
        one_of(c, "*.pf_fragment", 1), one_of(c, "*.pf_fragment", 0)
    ),
    "seal deleted": lambda c: one_of_hidden(c).unlink(),
    "seal garbage": lambda c: one_of_hidden(c).write_text("{]", encoding="utf-8"),
    "seal edited": lambda c: one_of_hidden(c).write_text(
        one_of_hidden(c).read_text(encoding="utf-8").replace('"pagefind.js"', '"x.js"'),
        encoding="utf-8",
    ),
}


def one_of_hidden(folder: Path) -> Path:
    return next(folder.rglob(".showroom-files.json"))


@pytest.mark.parametrize("damage", sorted(SEARCH_DAMAGE))
def test_a_damaged_search_bundle_is_made_again(built: Built, damage: str) -> None:
    project, reference = built()
    SEARCH_DAMAGE[damage](cache(project, "search"))
    rebuild_equals(project, reference)


# -- the build state --------------------------------------------------------------------------
class Planted:
    """Unpickling this creates the file `path`: the proof that a pickle was loaded."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[object, ...]:
        return (Path.write_text, (self.path, "pwned"))


def forged(payload: bytes, kind: str = "Caches", version: int = FORMAT) -> bytes:
    """A state file with a valid header (length and sha256) around `payload`."""
    from showroom.state.engine import engine_digest

    digest = hashlib.sha256(payload).hexdigest()
    header = f"showroom-state {kind} {version} {engine_digest()} {len(payload)} {digest}\n"
    return header.encode() + payload


def _retyped(state: Path) -> None:
    """A well-sealed state whose data has wrong types (a number where a date is due …)."""
    data = state.read_bytes()
    payload = data[data.index(b"\n") + 1 :]
    text = payload.decode().replace('"2025-01-10"', "20250110", 1)
    assert text != payload.decode()
    state.write_bytes(forged(text.encode()))


def _unknown_class(state: Path) -> None:
    data = state.read_bytes()
    payload = data[data.index(b"\n") + 1 :].decode()
    state.write_bytes(forged(payload.replace('["Product",', '["Subprocess",', 1).encode()))


def _edited_without_new_digest(state: Path) -> None:
    data = bytearray(state.read_bytes())
    data[-40] ^= 0x01
    state.write_bytes(bytes(data))


STATE_DAMAGE: dict[str, Damage] = {
    "folder removed": lambda b: shutil.rmtree(b),
    "state deleted": lambda b: (b / CACHES_FILE).unlink(),
    "empty file": lambda b: (b / CACHES_FILE).write_bytes(b""),
    "random garbage": lambda b: (b / CACHES_FILE).write_bytes(os.urandom(5000)),
    "truncated": lambda b: truncate(b / CACHES_FILE),
    "bytes flipped": lambda b: _edited_without_new_digest(b / CACHES_FILE),
    "another version": lambda b: (b / CACHES_FILE).write_bytes(forged(b"[]", version=FORMAT + 1)),
    "an old version with a pickle after it": lambda b: (b / CACHES_FILE).write_bytes(
        b"showroom-state Caches 1 x 1 y\n" + pickle.dumps(Planted(b / "x"))
    ),
    "wrong types": lambda b: _retyped(b / CACHES_FILE),
    "a class not allowed": lambda b: _unknown_class(b / CACHES_FILE),
    "JSON of another shape": lambda b: (b / CACHES_FILE).write_bytes(forged(b'{"a": 1}')),
    "output records garbage": lambda b: [
        p.write_bytes(b"\x80\x04junk") for p in b.glob("output-*")
    ],
    "output record of another kind": lambda b: [
        p.write_bytes(forged(b"[]", kind="Caches")) for p in b.glob("output-*")
    ],
}


@pytest.mark.parametrize("damage", sorted(STATE_DAMAGE))
def test_a_damaged_build_state_is_ignored(built: Built, damage: str) -> None:
    project, reference = built()
    STATE_DAMAGE[damage](cache(project, "build"))
    rebuild_equals(project, reference)


@pytest.mark.parametrize("name", [CACHES_FILE, "caches.pickle", "output-{}.state"])
def test_a_planted_pickle_is_never_unpickled(built: Built, tmp_path: Path, name: str) -> None:
    project, reference = built()
    folder = cache(project, "build")
    proof = tmp_path / "pwned.txt"
    if "{}" in name:
        targets = list(folder.glob("output-*.state"))
        assert targets
    else:
        targets = [folder / name]
    for target in targets:
        target.write_bytes(pickle.dumps(Planted(proof)))
    pickle.loads(pickle.dumps(Planted(tmp_path / "works.txt")))  # the plant does work
    assert (tmp_path / "works.txt").exists()
    rebuild_equals(project, reference)
    assert not proof.exists()
    assert not (folder / "caches.pickle").exists()  # a stale pickle is removed, unread


def test_forged_markdown_in_the_state_cannot_inject_script(built: Built) -> None:
    project, reference = built()
    state = cache(project, "build") / CACHES_FILE
    data = state.read_bytes()
    payload = json.loads(data[data.index(b"\n") + 1 :])
    markdown = payload[3]  # Caches: files, parsed, markdown, …
    assert markdown
    hostile = [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        "<iframe src=https://evil.example></iframe>",
        "<p>ok</p><style>body{display:none}</style>",
    ]
    for n, key in enumerate(sorted(markdown)):
        markdown[key] = hostile[n % len(hostile)]
    state.write_bytes(forged(json.dumps(payload, ensure_ascii=False).encode()))
    shutil.rmtree(project.out)
    build(options(project))
    assert tree(project.out) == reference
    site = b"".join(data for path, data in tree(project.out).items() if path.endswith(".html"))
    assert b"alert(1)" not in site and b"evil.example" not in site


def test_the_state_is_no_pickle_and_names_its_format_first(built: Built) -> None:
    project, _ = built()
    folder = cache(project, "build")
    files = [p for p in folder.iterdir() if p.name != MARKER]
    assert files
    for path in files:
        head = path.read_bytes()[:60]
        assert head.startswith(b"showroom-state "), head
        assert not path.name.endswith(".pickle")


# -- the catalogue ----------------------------------------------------------------------------
CATALOGUE_DAMAGE: dict[str, Damage] = {
    "folder removed": lambda c: shutil.rmtree(c),
    "PDF deleted": lambda c: one_of(c, "catalogue.pdf").unlink(),
    "PDF truncated": lambda c: truncate(one_of(c, "catalogue.pdf")),
    "bytes flipped": lambda c: flip(one_of(c, "*.pdf", 1)),
    "not a PDF": lambda c: one_of(c, "catalogue.pdf").write_bytes(b"<html>hi</html>"),
    "another valid PDF": lambda c: shutil.copyfile(one_of(c, "*.pdf", 1), one_of(c, "*.pdf", 0)),
    "pages edited": lambda c: one_of(c, "pages.json").write_text(
        '{"files": {}, "product_pages": {}, "hall_pages": {}, "pages": 1}', encoding="utf-8"
    ),
}


@pytest.mark.long  # seven renders, after the one of the module's template: on one worker
@pytest.mark.xdist_group("caches-catalogue")
@pytest.mark.parametrize("damage", sorted(CATALOGUE_DAMAGE))
def test_a_damaged_catalogue_is_rendered_again(built: Built, damage: str) -> None:
    project, reference = built(pdf=True)  # a copy: its catalogue was not rendered again
    assert "catalogue.pdf" in reference
    CATALOGUE_DAMAGE[damage](cache(project, "catalogue"))
    shutil.rmtree(project.out)
    result = build(options(project, pdf=True))
    assert result.catalogue_rendered, damage
    assert tree(project.out) == reference, damage


# -- cache folders ----------------------------------------------------------------------------
def set_cache_dir(project: Project, value: str) -> None:
    text = project.config_file.read_text(encoding="utf-8")
    project.config_file.write_text(text + f"images:\n  cache_dir: {value}\n", encoding="utf-8")


@pytest.mark.parametrize(
    "value",
    ["content", "content/products", "themes", ".git", "public", "public/x", ".", "..", "/", "~"],
)
def test_a_cache_dir_of_the_users_files_is_refused(
    tmp_path: Path, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    project = new_project(tmp_path / "project")
    (project.root / ".git").mkdir()
    (project.root / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (project.root / "themes").mkdir()
    before = tree(project.root)
    if value == "~":
        value = str(Path.home())
    set_cache_dir(project, json.dumps(value))
    code = main(["build", "--config-file", str(project.config_file), "--no-pdf"])
    assert code == 1
    assert "refusing to use images.cache_dir" in capsys.readouterr().err
    after = tree(project.root)
    after.pop("showroom.yml")
    before.pop("showroom.yml")
    assert after == before
    with pytest.raises(ShowroomError, match=r"refusing to use images\.cache_dir"):
        prune_cache(project.config_file)


def test_a_cache_dir_holding_other_files_is_refused_and_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = new_project(tmp_path / "project")
    outside = tmp_path / "shared" / "photos"
    (outside / "holiday").mkdir(parents=True)
    (outside / "holiday" / "beach.jpg").write_bytes(b"mine")
    (outside / "ab").mkdir()
    (outside / "ab" / "notes.txt").write_text("mine", encoding="utf-8")
    (outside / "todo.txt").write_text("mine", encoding="utf-8")
    set_cache_dir(project, str(outside))
    before = tree(outside)
    code = main(["build", "--config-file", str(project.config_file), "--no-pdf"])
    assert code == 1
    assert "holds files Showroom did not make" in capsys.readouterr().err
    assert prune_cache(project.config_file)[0] == 0
    assert tree(outside) == before


def test_a_linked_marker_does_not_make_a_cache_dir_showroom_s(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A `.showroom-cache` that is a link to a real marker elsewhere is no marker."""
    project = new_project(tmp_path / "project")
    real = tmp_path / "real-cache"
    real.mkdir()
    (real / ".showroom-cache").write_text("made by Showroom\n", encoding="utf-8")
    outside = tmp_path / "shared" / "photos"
    outside.mkdir(parents=True)
    (outside / "todo.txt").write_text("mine", encoding="utf-8")
    os.symlink(real / ".showroom-cache", outside / ".showroom-cache")
    set_cache_dir(project, str(outside))
    before = tree(outside)
    code = main(["build", "--config-file", str(project.config_file), "--no-pdf"])
    assert code == 1
    assert "holds files Showroom did not make" in capsys.readouterr().err
    assert prune_cache(project.config_file)[0] == 0
    assert tree(outside) == before


def test_cache_prune_removes_only_entries_showroom_made(tmp_path: Path) -> None:
    project = new_project(tmp_path / "project")
    outside = tmp_path / "shared" / "photos"
    set_cache_dir(project, str(outside))
    build(options(project))
    assert (outside / MARKER).is_file()
    # The user's files, some named like Showroom's entries.
    (outside / "todo.txt").write_text("mine", encoding="utf-8")
    (outside / "holiday").mkdir()
    (outside / "holiday" / "beach.jpg").write_bytes(b"mine")
    (outside / "ab").mkdir(exist_ok=True)
    (outside / "ab" / "notes.txt").write_text("mine", encoding="utf-8")
    (outside / "ab" / ("ab" + "0" * 30)).mkdir()  # a key-like folder without a manifest
    (outside / "ab" / ("ab" + "0" * 30) / "x.txt").write_text("mine", encoding="utf-8")
    (outside / "cd").mkdir(exist_ok=True)
    (outside / "cd" / ("ff" + "1" * 30)).mkdir()  # in the wrong shard
    user = {
        "todo.txt": b"mine",
        "holiday/beach.jpg": b"mine",
        "ab/notes.txt": b"mine",
        f"ab/ab{'0' * 30}/x.txt": b"mine",
        MARKER: (outside / MARKER).read_bytes(),
    }
    shutil.rmtree(project.root / "content/products/lathe")
    removed, _, _ = prune_cache(project.config_file)
    assert removed == 1
    after = tree(outside)
    for path, data in user.items():
        assert after.get(path) == data, path
    assert (outside / "cd" / ("ff" + "1" * 30)).is_dir()


def test_a_cache_folder_beside_without_the_marker_is_not_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = new_project(tmp_path / "project")
    search = project.root / ".cache" / "search"
    search.mkdir(parents=True)
    (search / "mine.txt").write_text("mine", encoding="utf-8")
    code = main(["build", "--config-file", str(project.config_file), "--no-pdf"])
    assert code == 1
    assert "holds files Showroom did not make (mine.txt)" in capsys.readouterr().err
    assert (search / "mine.txt").read_text(encoding="utf-8") == "mine"
