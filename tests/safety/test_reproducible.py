"""Reproducible anywhere (issue 12, item 6): clean builds of copies of one project, in folders
of other names and lengths (a space, Korean), under other time zones, locales, umasks and hash
seeds, with --date or SOURCE_DATE_EPOCH, give the same files byte for byte: the site and the
catalogue PDFs. Each build is a fresh `python -m showroom build` process.

File permissions are not compared here (under umask 077 they are the output writer's
business): only the set of paths and every file's bytes."""

from __future__ import annotations

import contextlib
import difflib
import gzip
import hashlib
import os
import re
import shutil
import subprocess
import sys
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest

import showroom
from tests.conftest import BuiltSite
from tests.projects import new_project

CODE = Path(showroom.__file__).resolve().parent.parent  # the showroom package under test
SAMPLE = CODE  # the repository's sample project: content/, showroom.yml, themes/
DATE = "2026-11-28"
EPOCH = "1795867200"  # 2026-11-28 12:00 UTC: already 11-29 in Kiritimati (UTC+14)
TIMEOUT = 600


@dataclass(frozen=True)
class Variant:
    """One build's surroundings."""

    folder: str  # relative to tmp_path
    tz: str = "UTC"
    lang: str = "C"
    umask: int = 0o022
    hash_seed: str = "0"
    epoch: bool = False  # SOURCE_DATE_EPOCH instead of --date
    reverse_copy: bool = False  # files copied in the reverse order (another directory order)
    extra_env: Mapping[str, str] = field(default_factory=dict)
    cache_dir: str = ""  # images.cache_dir outside the project (relative to tmp_path), if any


VARIANTS = [
    Variant("a"),
    Variant(
        "a much longer folder name/with a space/한국어 폴더/사이트",
        tz="Asia/Seoul",
        lang="ko_KR.UTF-8",
        umask=0o077,
        hash_seed="1",
        epoch=True,
        reverse_copy=True,
    ),
    Variant(
        "b",
        tz="Pacific/Kiritimati",
        lang="tr_TR.UTF-8",  # "I".lower() is "ı" in Turkish
        hash_seed="random",
        reverse_copy=True,
        extra_env={"LC_COLLATE": "ko_KR.UTF-8", "LANGUAGE": "ko"},
    ),
]

#: The tiny project's builds: the last two keep their photos in a cache folder outside the
#: project (folders of other names and lengths), which no output may name.
TINY_VARIANTS = [
    VARIANTS[0],
    replace(VARIANTS[1], cache_dir="a longer/캐시 폴더/cache/images"),
    replace(VARIANTS[2], cache_dir="x/cache/images"),
]


def copy_project(source: Path, target: Path, names: list[str], reverse: bool) -> None:
    files = sorted(
        path
        for name in names
        for path in ([source / name] if (source / name).is_file() else (source / name).rglob("*"))
        if path.is_file() and ".cache" not in path.parts and "public" not in path.parts
    )
    for path in reversed(files) if reverse else files:
        copied = target / path.relative_to(source)
        copied.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, copied)


def start_build(root: Path, variant: Variant) -> subprocess.Popen[bytes]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("LC_", "PYTHON")) and key not in ("TZ", "LANG", "LANGUAGE")
    }
    env.update(
        TZ=variant.tz,
        LANG=variant.lang,
        LC_ALL=variant.lang,
        PYTHONHASHSEED=variant.hash_seed,
        PYTHONPATH=str(CODE),
        **variant.extra_env,
    )
    command = [sys.executable, "-m", "showroom", "build"]
    if variant.epoch:
        env["SOURCE_DATE_EPOCH"] = EPOCH
    else:
        env.pop("SOURCE_DATE_EPOCH", None)
        command += ["--date", DATE]
    shell = ["sh", "-c", f'umask {variant.umask:03o} && exec "$@"', "sh", *command]
    return subprocess.Popen(
        shell, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )


def build_all(
    tmp_path: Path, source: Path, names: list[str], variants: list[Variant]
) -> list[Path]:
    """Copy the project once per variant and build the copies, two at a time; the roots."""
    roots = []
    for variant in variants:
        root = tmp_path / variant.folder
        copy_project(source, root, names, variant.reverse_copy)
        if variant.cache_dir:
            with (root / "showroom.yml").open("a", encoding="utf-8") as config:
                config.write(f'images:\n  cache_dir: "{tmp_path / variant.cache_dir}"\n')
        roots.append(root)
    pending = list(zip(roots, variants, strict=True))
    while pending:
        batch, pending = pending[:2], pending[2:]  # the machine has two cores
        running = [(root, start_build(root, variant)) for root, variant in batch]
        for root, process in running:
            output, _ = process.communicate(timeout=TIMEOUT)
            assert process.returncode == 0, f"build in {root} failed:\n{output.decode()}"
    return roots


def digests(folder: Path) -> dict[str, str]:
    assert folder.is_dir(), folder
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def readable(path: Path) -> list[str]:
    """The file as lines a diff can show: PDFs with their streams inflated, gzip inflated,
    other binary files as hex."""
    data = path.read_bytes()
    if data.startswith(b"%PDF"):
        data = _inflated_pdf(data)
    elif data.startswith(b"\x1f\x8b"):
        data = gzip.decompress(data)
    try:
        return data.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        return [data[i : i + 32].hex() for i in range(0, len(data), 32)]


def _inflated_pdf(data: bytes) -> bytes:
    def inflate(match: re.Match[bytes]) -> bytes:
        body = match.group(2)
        with contextlib.suppress(zlib.error):
            body = zlib.decompress(body)
        if b"/Image" in match.group(1) or b"FontFile" in match.group(1) or b"\0" in body[:4096]:
            body = b"<binary, sha256 %s>" % hashlib.sha256(body).hexdigest().encode()
        return match.group(1) + b"stream\n" + body + b"\nendstream"

    inflated = re.sub(rb"(\d+ 0 obj\b.*?)stream\r?\n(.*?)endstream", inflate, data, flags=re.S)
    return inflated.decode("latin-1").encode("utf-8")


def assert_same_output(first: Path, second: Path) -> None:
    """The two output folders hold the same paths with the same bytes; else the first file
    that differs, with a diff."""
    a, b = digests(first), digests(second)
    assert sorted(a) == sorted(b), (
        f"only in {first}: {sorted(set(a) - set(b))[:10]}; "
        f"only in {second}: {sorted(set(b) - set(a))[:10]}"
    )
    differing = [path for path in a if a[path] != b[path]]
    if differing:
        path = differing[0]
        diff = difflib.unified_diff(
            readable(first / path), readable(second / path), str(first / path), str(second / path),
            lineterm="", n=1,
        )  # fmt: skip
        shown = "\n".join(line[:300] for line in list(diff)[:80])
        pytest.fail(f"{len(differing)} files differ ({differing[:8]}); the first, {path}:\n{shown}")


def assert_no_machine_paths(out: Path, roots: list[Path]) -> None:
    """No output file names a folder of the build machine (project, cache, theme, code)."""
    needles = {str(root) for root in roots} | {str(CODE), "file:/"}
    needles |= {n.replace(" ", "%20") for n in needles}
    for path in sorted(out.rglob("*")):
        if not path.is_file():
            continue
        text = "\n".join(readable(path))
        for needle in needles:
            assert needle not in text, f"{path.relative_to(out)} contains {needle!r}"


def permissions(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mode & 0o777 for p in folder.rglob("*")}


#: The tests that read `tiny_builds`: on one xdist worker (`--dist loadgroup`), so that the
#: module's builds are made once, not once per worker.
TINY = pytest.mark.xdist_group("tiny-builds")


@dataclass(frozen=True)
class TinyBuilds:
    tmp: Path  # every folder of the builds is inside: the projects and the cache folders
    roots: list[Path]  # the projects, one per TINY_VARIANTS


@pytest.fixture(scope="module")
def tiny_builds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TinyBuilds]:
    """A tiny project with a site theme of its own (its path differs from copy to copy), a
    photo per product, both special halls and a designation near its end, built once per
    TINY_VARIANTS."""
    tmp = tmp_path_factory.mktemp("tiny")
    project = new_project(tmp / "source", catalogue=True)
    designation = (
        "excellent_procurement:\n"
        '  number: "2025-우수-0031"\n'
        "  from: 2025-02-03\n"
        "  until: 2026-12-30\n"
        "innovation:\n"
        "  type: 1\n"
        "  agency: 산업통상자원부\n"
        '  number: "2024-혁신1-0217"\n'
        "  from: 2024-08-12\n"
        "  until: 2027-08-11\n"
    )
    project.product("welder", "Iı İi 용접기", date="2025-04-10", extra=designation)
    shutil.copytree(CODE / "themes" / "default", project.root / "themes" / "site")
    with project.config_file.open("a", encoding="utf-8") as config:
        config.write("theme: themes/site\n")
    names = ["showroom.yml", "content", "themes"]
    yield TinyBuilds(tmp, build_all(tmp, project.root, names, TINY_VARIANTS))


@pytest.mark.long
@TINY
def test_the_tiny_project_builds_the_same_bytes_anywhere(tiny_builds: TinyBuilds) -> None:
    first = tiny_builds.roots[0] / "public"
    assert (first / "catalogue.pdf").is_file() and (first / "pagefind").is_dir()
    for root in tiny_builds.roots[1:]:
        assert_same_output(first, root / "public")


@pytest.mark.long
@TINY
def test_no_output_names_a_folder_of_the_machine(tiny_builds: TinyBuilds) -> None:
    for root in tiny_builds.roots:
        assert_no_machine_paths(root / "public", [tiny_builds.tmp])


@pytest.mark.long
@TINY
def test_the_catalogue_dates_are_the_build_date_in_utc(tiny_builds: TinyBuilds) -> None:
    for root in tiny_builds.roots:
        text = "\n".join(readable(root / "public" / "catalogue.pdf"))
        assert "/CreationDate (D:20261128000000Z" in text or "(D:20261128000000Z)" in text, root
        assert "20261129" not in text  # SOURCE_DATE_EPOCH in Kiritimati is still the 28th


@pytest.mark.long
@TINY
def test_a_cache_folder_outside_the_project_is_not_in_the_output(
    tiny_builds: TinyBuilds,
) -> None:
    """Two of the tiny builds above encoded their photos into a cache folder outside the
    project (and gave the bytes of the build whose cache is inside it); no output names it."""
    outside = [variant for variant in TINY_VARIANTS if variant.cache_dir]
    assert len(outside) == 2
    for variant in outside:
        root, cache = tiny_builds.tmp / variant.folder, tiny_builds.tmp / variant.cache_dir
        assert any(path.suffix == ".webp" for path in cache.rglob("*")), cache
        assert not (root / ".cache" / "images").exists()
        assert_no_machine_paths(root / "public", [cache, root])


@pytest.mark.long
def test_the_sample_builds_the_same_bytes_in_two_places(tmp_path: Path, sample: BuiltSite) -> None:
    """The repository's sample (41 products, every feature, the catalogue), built in this
    process from the repository with its warm caches (the session's `sample`), and built again
    cold in a fresh process, in a folder that differs in every way above, its theme a copy
    inside the project. Its photos and its catalogue come from copies of the repository's
    caches: the tiny project above shows that encoding and rendering are reproducible in
    every variant, and a catalogue whose HTML came out different here would miss the cache
    (its key is the HTML), be rendered again and differ."""
    source = tmp_path / "source"
    copy_project(SAMPLE, source, ["showroom.yml", "content", "themes"], reverse=False)
    with (source / "showroom.yml").open("a", encoding="utf-8") as config:
        config.write("theme: themes/default\n")
    for kind in ("images", "catalogue"):
        cache = tmp_path / VARIANTS[1].folder / ".cache" / kind
        shutil.copytree(SAMPLE / ".cache" / kind, cache)
    (root,) = build_all(tmp_path, source, ["showroom.yml", "content", "themes"], VARIANTS[1:2])
    first, second = sample.out, root / "public"
    assert len(list((first / "catalogue").glob("*.pdf"))) >= 10
    assert_same_output(first, second)
    assert_no_machine_paths(second, [root, SAMPLE])
    modes = permissions(second)
    differing = {
        p: (oct(m), oct(modes.get(p, 0)))
        for p, m in permissions(first).items()
        if modes.get(p) != m
    }
    if differing:  # the output writer's part of issue 12: reported, not failed here
        print(f"file modes differ under umask 077 for {len(differing)} paths, e.g.",
              sorted(differing.items())[:3])  # fmt: skip
