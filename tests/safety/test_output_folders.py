"""Issue 12, output folders: Showroom writes only into a folder that is absent, empty or marked
as its own, never into the project, a repository, the caches, home or /; files from the caches
are copied and checked; a write error (a full disk) publishes nothing and names the folder;
published files are world-readable whatever the umask."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from showroom import output_folder
from showroom.build import BuildOptions, build
from showroom.cli import main
from showroom.config import load_config
from showroom.output import MARKER, MARKER_TEXT, CacheChanged, OutputPlan, write_plan
from showroom.output_folder import OutputFolderError, check_output_folder
from showroom.problems import Problems
from showroom.server.serve import PreviewServer, ServeOptions
from showroom.state.files import FileDigests
from tests.projects import Project, new_project

DATE = "2026-11-28"
ROOT = Path(__file__).resolve().parents[2]


def files_of(folder: Path) -> dict[str, bytes | str]:
    """Every entry under `folder` (files by bytes, links by target), to show it untouched."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[relative] = "-> " + os.readlink(path)
        elif path.is_file():
            found[relative] = path.read_bytes()
        else:
            found[relative] = "folder"
    return found


def digests_of(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def run(project: Project, *args: str) -> int:
    command = args[0] if args else "build"
    extra = ["--no-pdf"] if command == "build" else []
    return main([command, *extra, "-f", str(project.config_file), "--date", DATE, *args[1:]])


@pytest.fixture
def bare_project(tmp_path: Path) -> Iterator[Project]:
    """The test project with a site theme, a second theme and a repository; nothing in its
    caches."""
    project = new_project(tmp_path / "site")
    project.config_file.write_text(
        project.config_file.read_text(encoding="utf-8") + "theme: theme\n", encoding="utf-8"
    )
    project.write("theme/static/extra.txt", "a file of the site's theme\n")
    project.write("themes/other/templates/base.html", "{# a second theme #}\n")
    (project.root / ".git").mkdir()
    project.write(".git/HEAD", "ref: refs/heads/main\n")
    yield project


@pytest.fixture
def project(bare_project: Project, photo_cache: Path) -> Project:
    """`bare_project` with its photos already in its cache (see conftest's `project`)."""
    shutil.copytree(photo_cache, bare_project.root / ".cache/images")
    return bare_project


def user_folder(path: Path) -> Path:
    """A folder of the user's own files (with a subfolder and a hidden file)."""
    (path / "letters").mkdir(parents=True)
    (path / "notes.txt").write_text("mine\n", encoding="utf-8")
    (path / "letters/2026.txt").write_text("dear …\n", encoding="utf-8")
    (path / ".hidden").write_text("also mine\n", encoding="utf-8")
    return path


# -- refused ---------------------------------------------------------------------------------

#: (name, how to make the folder given the project and a scratch folder, words of the reason)
REFUSED: list[tuple[str, Callable[[Project, Path], Path], str]] = [
    ("a folder of the user's files", lambda p, t: user_folder(t / "mine"), "did not make"),
    ("the user's files with a subfolder only", lambda p, t: _only_subfolder(t), "did not make"),
    ("a file", lambda p, t: _file(t / "notes.txt"), "is a file"),
    ("the project's .git", lambda p, t: p.root / ".git", ".git"),
    ("inside the project's .git", lambda p, t: p.root / ".git/objects", ".git"),
    ("another repository", lambda p, t: _repository(t / "repo"), ".git"),
    ("themes/", lambda p, t: p.root / "themes", "themes"),
    ("a theme of themes/", lambda p, t: p.root / "themes/other", "themes"),
    ("the site's theme folder", lambda p, t: p.root / "theme", "theme folder"),
    ("inside the site's theme", lambda p, t: p.root / "theme/static", "theme folder"),
    ("content/", lambda p, t: p.root / "content", "content"),
    ("content/x", lambda p, t: p.root / "content/x", "content"),
    ("a product folder", lambda p, t: p.root / "content/products/lathe", "content"),
    ("showroom.yml", lambda p, t: p.config_file, "configuration"),
    (".cache", lambda p, t: _made(p.root / ".cache"), "cache"),
    (".cache/images", lambda p, t: p.root / ".cache/images", "photo cache"),
    (".cache/build", lambda p, t: p.root / ".cache/build", "cache"),
    (".cache/other", lambda p, t: p.root / ".cache/other", "caches"),
    ("the project itself", lambda p, t: p.root, "the project itself"),
    ("the project's parent (..)", lambda p, t: p.root / "..", "holds the project"),
    ("the file system's root", lambda p, t: Path("/"), "file system's root"),
    ("a symlink to .git", lambda p, t: _link(t / "link", p.root / ".git"), ".git"),
    ("a symlink to content/", lambda p, t: _link(t / "link", p.root / "content"), "content"),
    ("a symlink to themes/", lambda p, t: _link(t / "link", p.root / "themes"), "themes"),
    ("a symlink to the project", lambda p, t: _link(t / "link", p.root), "project itself"),
    ("a symlink to .cache", lambda p, t: _link(t / "link", _made(p.root / ".cache")), "cache"),
    (
        "a symlink to the user's files",
        lambda p, t: _link(t / "link", user_folder(t / "mine")),
        "did not make",
    ),
    (
        "a symlink into a symlinked folder",
        lambda p, t: _link(t / "link", p.root / "content") / "products",
        "content",
    ),
]


def _made(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def _file(path: Path) -> Path:
    path.write_text("a note\n", encoding="utf-8")
    return path


def _only_subfolder(tmp: Path) -> Path:
    (tmp / "mine/empty").mkdir(parents=True)
    return tmp / "mine"


def _repository(path: Path) -> Path:
    (path / ".git").mkdir(parents=True)
    (path / ".git/HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    return path


def _link(link: Path, target: Path) -> Path:
    link.symlink_to(target, target_is_directory=True)
    return link


@pytest.mark.parametrize(("name", "make", "reason"), REFUSED, ids=[r[0] for r in REFUSED])
def test_a_build_into_a_folder_that_is_not_showroom_s_is_refused(
    project: Project,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    make: Callable[[Project, Path], Path],
    reason: str,
) -> None:
    run(project)  # the project has a site, caches and a build state
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    out = make(project, scratch)
    before = files_of(tmp_path)
    capsys.readouterr()
    assert run(project, "build", "--out", str(out)) == 1
    error = capsys.readouterr().err
    assert f"refusing to build into {out}" in error, error
    assert reason in error, error
    assert "Traceback" not in error
    assert files_of(tmp_path) == before  # nothing written, nothing removed, anywhere


@pytest.mark.parametrize("folder", [".git", "themes", "content", ".cache", ".cache/images"])
def test_a_marker_does_not_make_a_protected_folder_acceptable(
    project: Project, capsys: pytest.CaptureFixture[str], folder: str
) -> None:
    run(project)
    target = project.root / folder
    target.mkdir(parents=True, exist_ok=True)
    (target / MARKER).write_bytes(MARKER_TEXT)
    before = files_of(project.root)
    assert run(project, "build", "--out", str(target)) == 1
    assert "refusing to build into" in capsys.readouterr().err
    assert files_of(project.root) == before


def test_the_home_folder_is_refused(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = user_folder(tmp_path / "home")
    monkeypatch.setenv("HOME", str(home))
    before = files_of(home)
    for out in (home, tmp_path):  # the home folder, and a folder that holds it
        with pytest.raises(OutputFolderError, match=r"home folder|holds the project"):
            build(BuildOptions(config_file=project.config_file, out=out, pdf=False))
    assert files_of(home) == before


def test_a_cache_folder_outside_the_project_is_refused(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = tmp_path / "shared-cache"
    text = project.config_file.read_text(encoding="utf-8")
    project.config_file.write_text(text + f"images:\n  cache_dir: {cache}/images\n", "utf-8")
    run(project)
    assert (cache / "images").is_dir()
    for out in (cache / "images", cache, cache / "build", cache / "images" / "ab"):
        before = files_of(tmp_path)
        assert run(project, "build", "--out", str(out)) == 1, out
        assert "refusing to build into" in capsys.readouterr().err
        assert files_of(tmp_path) == before


def test_pdf_and_serve_guard_their_output_folder_too(project: Project, tmp_path: Path) -> None:
    mine = user_folder(tmp_path / "mine")
    before = files_of(mine)
    assert run(project, "pdf", "--out", str(mine)) == 1
    options = BuildOptions(config_file=project.config_file, out=mine, pdf=False)
    with pytest.raises(OutputFolderError, match="did not make"):
        PreviewServer(ServeOptions(options, port=0))
    with pytest.raises(OutputFolderError, match=r"\.git"):
        PreviewServer(ServeOptions(BuildOptions(project.config_file, out=project.root / ".git")))
    assert files_of(mine) == before


def test_no_work_that_writes_happens_before_the_refusal(
    bare_project: Project, tmp_path: Path
) -> None:
    """The guard comes first: no cache, no build state, no staging folder."""
    mine = user_folder(tmp_path / "mine")
    assert run(bare_project, "build", "--out", str(mine)) == 1
    assert not (bare_project.root / ".cache").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine", "site"]


# -- accepted --------------------------------------------------------------------------------


def test_an_absent_an_empty_and_a_marked_folder_are_accepted(
    project: Project, tmp_path: Path
) -> None:
    absent = tmp_path / "deep/new/site"
    empty = tmp_path / "empty"
    empty.mkdir()
    for out in (absent, empty):
        assert run(project, "build", "--out", str(out)) == 0
        assert (out / "index.html").is_file()
        assert (out / MARKER).read_bytes() == MARKER_TEXT
    # A folder Showroom made (here by a build of another project's state): replaced whole.
    marked = tmp_path / "marked"
    shutil.copytree(empty, marked)
    (marked / "stale.html").write_text("left over", encoding="utf-8")
    assert run(project, "build", "--out", str(marked)) == 0
    assert not (marked / "stale.html").exists()
    assert digests_of(marked) == digests_of(empty)


def test_the_marker_is_part_of_every_site_and_the_same_everywhere(
    project: Project, tmp_path: Path
) -> None:
    assert run(project) == 0
    assert (project.out / MARKER).read_bytes() == MARKER_TEXT
    assert b"Showroom" in MARKER_TEXT
    assert run(project, "build", "--out", str(tmp_path / "other")) == 0
    assert (tmp_path / "other" / MARKER).read_bytes() == MARKER_TEXT


def test_serve_s_default_preview_folder_is_showroom_s_own(project: Project) -> None:
    preview = project.root / ".cache/serve"
    preview.mkdir(parents=True)
    (preview / "index.html").write_text("an old preview", encoding="utf-8")  # no marker
    config = load_config(project.config_file, Problems())
    assert check_output_folder(preview, config) == preview.resolve()


# -- copied, not linked; checked while copied ------------------------------------------------


def test_published_files_are_not_links_into_the_caches(project: Project) -> None:
    assert run(project) == 0
    site = project.out
    photos = sorted((site / "products").rglob("*.webp"))
    assert photos and (site / "pagefind").is_dir()
    assert all(p.stat().st_nlink == 1 for p in site.rglob("*") if p.is_file())
    before = digests_of(site)
    # Damage every cached photo rendition and search file: the site does not change.
    for cached in (project.root / ".cache").rglob("*"):
        if cached.is_file() and cached.suffix in (".webp", ".jpg", ".pf_fragment", ".js"):
            with cached.open("r+b") as file:
                file.write(b"damaged")
    assert digests_of(site) == before


def test_an_incremental_build_links_only_from_the_last_site(project: Project) -> None:
    assert run(project) == 0
    index = project.root / "content/products/lathe/index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("본문", "새 본문"), "utf-8")
    assert run(project) == 0
    # The old site's files were exchanged away and removed: no file has a second name.
    assert all(p.stat().st_nlink == 1 for p in project.out.rglob("*") if p.is_file())
    assert "새 본문" in (project.out / "products/lathe/index.html").read_text(encoding="utf-8")


def test_a_file_that_changed_after_it_was_checked_is_not_published(tmp_path: Path) -> None:
    caches = tmp_path / "cache"
    caches.mkdir()
    names = ("one.webp", "two.js", "three.pdf")
    plan = OutputPlan()
    for name in names:
        source = caches / name
        source.write_bytes(name.encode() * 100)
        plan.link(f"x/{name}", source, hashlib.sha256(source.read_bytes()).hexdigest())
    for damaged in names:
        (caches / damaged).write_bytes(b"changed" * 10)
        folder = tmp_path / f"out-{damaged}"
        folder.mkdir()
        with pytest.raises(CacheChanged, match="changed since it was checked; run the build") as e:
            write_plan(plan, folder)
        assert str(e.value).startswith(f"{caches / damaged} changed")
        (caches / damaged).write_bytes(damaged.encode() * 100)


@pytest.mark.parametrize("how", ["truncated", "one byte", "replaced"])
def test_a_build_whose_file_changes_after_its_check_fails_and_keeps_the_site(
    project: Project,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    how: str,
) -> None:
    assert run(project) == 0
    before = digests_of(project.out)
    extra = project.root / "theme/static/extra.txt"
    extra.write_text("a new version of the file\n", encoding="utf-8")
    digest = FileDigests.digest

    def digest_then_damage(self: FileDigests, path: Path | str) -> str:
        found = digest(self, path)
        if Path(path) == extra:  # it changes between the check and the copy
            data = extra.read_bytes()
            damaged = {"truncated": data[:5], "one byte": b"A" + data[1:], "replaced": b"x"}
            extra.write_bytes(damaged[how])
        return found

    monkeypatch.setattr(FileDigests, "digest", digest_then_damage)
    assert run(project) == 1
    error = capsys.readouterr().err
    assert f"{extra} changed since it was checked; run the build again" in error
    assert digests_of(project.out) == before
    assert [p.name for p in project.root.iterdir() if p.name.startswith(".public")] == []


# -- full disk, write errors -----------------------------------------------------------------


class FailAfter:
    """os.write and os.copy_file_range that raise OSError(number) after `count` calls."""

    def __init__(self, count: int, number: int = errno.ENOSPC) -> None:
        self.count, self.number, self.calls = count, number, 0
        self.real_write, self.real_copy = os.write, os.copy_file_range

    def _call(self) -> None:
        self.calls += 1
        if self.calls > self.count:
            raise OSError(self.number, os.strerror(self.number))

    def write(self, fd: int, data: object) -> int:
        self._call()
        return self.real_write(fd, data)  # type: ignore[arg-type]

    def copy_file_range(self, src: int, dst: int, count: int, *args: object) -> int:
        self._call()
        return self.real_copy(src, dst, count, *args)  # type: ignore[arg-type]

    def install(self, patch: pytest.MonkeyPatch) -> None:
        patch.setattr(os, "write", self.write)
        patch.setattr(os, "copy_file_range", self.copy_file_range)


@pytest.mark.parametrize("count", [0, 1, 4])
@pytest.mark.parametrize("kind", ["full", "incremental"])
def test_a_full_disk_keeps_the_old_site_and_names_the_folder(
    project: Project,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    count: int,
    kind: str,
) -> None:
    assert run(project) == 0
    before = digests_of(project.out)
    index = project.root / "content/products/lathe/index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("본문", "새 본문"), "utf-8")
    args = ("build", "--clean") if kind == "full" else ("build",)
    capsys.readouterr()
    with monkeypatch.context() as patch:
        FailAfter(count).install(patch)
        assert run(project, *args) == 1
    error = capsys.readouterr().err
    assert f"no space left on device while writing {project.out.resolve()}" in error, error
    assert "nothing was published" in error
    assert digests_of(project.out) == before
    assert [p.name for p in project.root.iterdir() if p.name.startswith(".public")] == []
    assert run(project) == 0
    assert "새 본문" in (project.out / "products/lathe/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("number", [errno.EIO, errno.EDQUOT, errno.EROFS])
def test_other_write_errors_are_reported_the_same_way(
    project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    number: int,
) -> None:  # fmt: skip
    assert run(project) == 0
    before = digests_of(project.out)
    capsys.readouterr()
    with monkeypatch.context() as patch:
        FailAfter(3, number).install(patch)
        assert run(project, "build", "--clean") == 1
    error = capsys.readouterr().err
    assert f"{os.strerror(number).lower()} while writing {project.out.resolve()}" in error
    assert digests_of(project.out) == before


def test_a_full_disk_for_real_on_a_small_tmpfs(project: Project, tmp_path: Path) -> None:
    reference = tmp_path / "reference"
    assert run(project, "build", "--out", str(reference)) == 0
    blocks = sum(-(-p.stat().st_size // 4096) for p in reference.rglob("*") if p.is_file())
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={blocks * 4096 * 4}", "tmpfs", str(disk)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        out = disk / "public"
        assert run(project, "build", "--out", str(out)) == 0
        before = digests_of(out)
        free = os.statvfs(disk)
        room = free.f_bavail * free.f_frsize - blocks * 4096 // 2  # half a site is left
        with (disk / "filler").open("wb") as filler:
            filler.truncate(0)
            filler.write(b"\0" * room)
        command = [sys.executable, "-m", "showroom", "build", "--no-pdf", "--clean"]
        command += ["-f", str(project.config_file), "--date", DATE, "--out", str(out)]
        result = subprocess.run(
            command, capture_output=True, text=True, check=False, cwd=ROOT, env=_env()
        )
        assert result.returncode == 1, result.stderr
        assert f"no space left on device while writing {out}" in result.stderr
        assert digests_of(out) == before
        assert sorted(p.name for p in disk.iterdir()) == ["filler", "public"]
    finally:
        subprocess.run(["umount", str(disk)], check=False)


# -- permissions -----------------------------------------------------------------------------


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def main_under_umask(umask: int, argv: list[str], log: Path) -> int:
    """`showroom.cli.main(argv)` in a forked copy of this process whose umask (a setting of the
    whole process) is `umask`; its output goes to `log`. The exit status."""
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        code = 1
        try:
            fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(fd, 1)
            os.dup2(fd, 2)
            os.umask(umask)
            code = main(argv)
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


@pytest.mark.parametrize("umask", [0o077, 0o027, 0o022, 0o007])
def test_published_files_are_world_readable_whatever_the_umask(
    project: Project, tmp_path: Path, umask: int
) -> None:
    out = tmp_path / "out"
    argv = ["build", "--no-pdf", "-f", str(project.config_file), "--date", DATE, "--out", str(out)]
    log = tmp_path / "log"
    for step in ("full", "incremental"):
        status = main_under_umask(umask, argv, log)
        assert status == 0, (step, log.read_text(encoding="utf-8", errors="replace"))
        modes = {p.relative_to(out).as_posix(): p.stat().st_mode & 0o777 for p in out.rglob("*")}
        wrong = {
            k: oct(m) for k, m in modes.items() if m != (0o755 if (out / k).is_dir() else 0o644)
        }
        assert wrong == {}, step
        assert out.stat().st_mode & 0o777 == 0o755
        index = project.root / "content/products/lathe/index.md"
        index.write_text(index.read_text(encoding="utf-8") + "\n더 쓴 본문\n", "utf-8")


# -- leftovers beside the output -------------------------------------------------------------


def test_the_next_build_removes_only_showroom_s_own_leftovers(
    project: Project, tmp_path: Path
) -> None:
    assert run(project) == 0
    dead = 2**22 + 12345  # above any pid this system hands out
    ours = [f".public.building-{dead}", f".public.old-{dead + 1}", f".public.writing-{dead + 2}"]
    for name in ours:
        folder = project.root / name
        (folder / "products").mkdir(parents=True)
        (folder / "products/index.html").write_text("half a site", encoding="utf-8")
        (folder / MARKER).write_bytes(MARKER_TEXT[:10])  # a build killed while writing it
    (project.root / f".public.building-{dead + 3}").mkdir()  # killed right after mkdir
    kept = {
        f".public.building-{dead + 4}": "no marker",  # a user's folder of that name
        f".public.old-{os.getppid()}": "marker",  # a running process's
        ".public.building-x": "marker",  # not Showroom's pattern
        f".other.building-{dead}": "marker",  # another output's
        f"public.building-{dead}": "marker",
    }
    for name, what in kept.items():
        folder = project.root / name
        folder.mkdir()
        (folder / "mine.txt").write_text("keep me", encoding="utf-8")
        if what == "marker":
            (folder / MARKER).write_bytes(MARKER_TEXT)
    (project.root / f".public.old-{dead + 5}").symlink_to(project.root / "content")
    (project.root / f".public.old-{dead + 6}").write_text("a file", encoding="utf-8")
    index = project.root / "content/products/lathe/index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n더\n", "utf-8")
    assert run(project) == 0
    left = sorted(p.name for p in project.root.iterdir() if "building" in p.name or "old" in p.name)
    expected = [*kept, f".public.old-{dead + 5}", f".public.old-{dead + 6}"]
    assert left == sorted(expected)
    for name in kept:
        assert (project.root / name / "mine.txt").read_text(encoding="utf-8") == "keep me"
    assert (project.root / "content/products/lathe/index.md").is_file()


def test_a_no_change_build_touches_nothing_but_still_removes_leftovers(
    project: Project,
) -> None:
    assert run(project) == 0
    before = {p: p.stat().st_ino for p in project.out.rglob("*")}
    leftover = project.root / f".public.building-{2**22 + 7}"
    leftover.mkdir()
    (leftover / MARKER).write_bytes(MARKER_TEXT)
    assert run(project) == 0
    assert {p: p.stat().st_ino for p in project.out.rglob("*")} == before
    assert not leftover.exists()


# -- serve's preview folder: in place, each file atomically, no temporary inside --------------


def test_serve_s_in_place_updates_leave_no_temporary_inside(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    preview = project.root / ".cache/serve"
    options = BuildOptions(config_file=project.config_file, out=preview, pdf=False)
    first = build(options, in_place=True)
    assert not first.incremental and (preview / MARKER).is_file()
    index = project.root / "content/products/lathe/index.md"
    names_seen: list[str] = []
    replace = os.replace

    def watching(source: str, target: str) -> None:
        if os.fspath(target).startswith(os.fspath(preview) + "/"):
            names_seen.append(os.fspath(source))
        replace(source, target)

    monkeypatch.setattr(os, "replace", watching)
    for n in range(3):
        index.write_text(index.read_text(encoding="utf-8") + f"\n고침 {n}\n", "utf-8")
        result = build(options, in_place=True)
        assert result.incremental and result.files_written > 0
        inside = {p.relative_to(preview).as_posix() for p in preview.rglob("*") if p.is_file()}
        assert all(not name.startswith(".") or name == MARKER for name in inside)
        assert not any(".tmp" in name for name in inside)
        assert sorted(p.name for p in preview.parent.iterdir() if ".writing-" in p.name) == []
    scratch = os.fspath(preview.parent / f".serve.writing-{os.getpid()}") + "/"
    assert names_seen and all(n.startswith(scratch) for n in names_seen)


def test_a_full_disk_while_serve_updates_in_place(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    preview = project.root / ".cache/serve"
    options = BuildOptions(config_file=project.config_file, out=preview, pdf=False)
    build(options, in_place=True)
    index = project.root / "content/products/lathe/index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n고침\n", "utf-8")
    with monkeypatch.context() as patch:
        FailAfter(1).install(patch)
        with pytest.raises(Exception, match=f"no space left on device while updating {preview}"):
            build(options, in_place=True)
    inside = [p.name for p in preview.rglob("*") if p.name.startswith(".")]
    assert inside == [MARKER]
    assert [p.name for p in preview.parent.iterdir() if ".writing-" in p.name] == []
    result = build(options, in_place=True)  # the record was dropped: written afresh
    assert not result.incremental
    assert "고침" in (preview / "products/lathe/index.html").read_text(encoding="utf-8")


def test_without_hard_links_unchanged_files_are_copied(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(project) == 0
    index = project.root / "content/products/lathe/index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n더\n", "utf-8")

    def no_links(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    assert run(project) == 0
    assert "더" in (project.out / "products/lathe/index.html").read_text(encoding="utf-8")
    assert (project.out / "products/drill-press/index.html").is_file()


# -- the swap --------------------------------------------------------------------------------


def test_the_swap_is_one_atomic_exchange_on_linux(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(project) == 0
    calls: list[tuple[str, str, bool]] = []
    real = output_folder.exchange

    def recorded(a: Path, b: Path) -> bool:
        done = real(a, b)
        calls.append((Path(a).name, Path(b).name, done))
        return done

    monkeypatch.setattr(output_folder, "exchange", recorded)
    assert run(project, "build", "--clean") == 0
    if sys.platform.startswith("linux"):
        assert calls == [(f".public.building-{os.getpid()}", "public", True)]
    assert [p.name for p in project.root.iterdir() if p.name.startswith(".public")] == []


def test_without_the_exchange_two_renames_still_publish(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(project) == 0
    monkeypatch.setattr(output_folder, "exchange", lambda a, b: False)  # another system
    index = project.root / "content/products/lathe/index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n더\n", "utf-8")
    assert run(project) == 0
    assert "더" in (project.out / "products/lathe/index.html").read_text(encoding="utf-8")
    assert [p.name for p in project.root.iterdir() if p.name.startswith(".public")] == []
