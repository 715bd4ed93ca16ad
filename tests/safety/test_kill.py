"""Issue 12, old or new: a build killed (SIGKILL) before any one of its file-system steps on
the output folder leaves the folder wholly the previous site or wholly the new one, with no
temporary file in it; the next build succeeds, equals a clean build and leaves nothing beside
the output. Every step is tried, for a full build over a site and for an incremental one; of
a run of steps at one place in the code (a loop over files, the removal of a folder a file at
a time) its first two and its last (see `kill_points`)."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from showroom.cli import main
from tests.projects import Project, new_project
from tests.safety.kill_runner import kill_points, run_killed

pytestmark = pytest.mark.long

DATE = "2026-11-28"
SMALL = """\
search: false
images:
  widths: [320]
  card_widths: [240]
"""


def tree(out: Path) -> dict[str, str]:
    """relative path -> sha256 of every file; folders (even empty ones) as themselves."""
    found = {}
    for path in sorted(out.rglob("*")):
        relative = path.relative_to(out).as_posix()
        found[relative] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "/"
    return found


def leftovers(project: Project) -> list[str]:
    return sorted(p.name for p in project.root.iterdir() if p.name.startswith(".public"))


def edit_and_delete(project: Project) -> None:
    index = project.root / "content/products/lathe/index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("본문", "고친 본문"), "utf-8")
    shutil.rmtree(project.root / "content/products/rice-cake")


def edit_title(project: Project) -> None:
    text = project.config_file.read_text(encoding="utf-8")
    project.config_file.write_text(text.replace("테스트 홍보관", "새 홍보관"), encoding="utf-8")
    edit_and_delete(project)


def build_args(project: Project, *extra: str) -> list[str]:
    return ["build", "--no-pdf", "-f", str(project.config_file), "--date", DATE, *extra]


@pytest.mark.parametrize(
    ("kind", "edit", "extra"),
    [
        ("full", edit_title, ("--clean",)),
        ("incremental", edit_and_delete, ()),
    ],
)
def test_a_killed_build_leaves_the_old_site_or_the_new_one(
    tmp_path: Path,
    kind: str,
    edit: Callable[[Project], None],
    extra: tuple[str, ...],
) -> None:
    project = new_project(tmp_path / "site")
    project.write("showroom.yml", project.config_file.read_text(encoding="utf-8") + SMALL)
    pristine = tmp_path / "pristine"
    shutil.copytree(project.root / "content", pristine / "content")
    shutil.copy2(project.config_file, pristine / "showroom.yml")
    out = project.out.resolve()

    def restore_old() -> None:
        shutil.rmtree(project.root / "content")
        shutil.copytree(pristine / "content", project.root / "content")
        shutil.copy2(pristine / "showroom.yml", project.config_file)
        assert main(build_args(project)) == 0

    assert main(build_args(project)) == 0
    old = tree(out)
    edit(project)
    reference = tmp_path / "reference"
    assert main(build_args(project, "--clean", "--out", str(reference))) == 0
    new = tree(reference)
    assert old != new

    counts = tmp_path / "steps"

    def killed_at(kill: int) -> tuple[int, list[str]]:
        restore_old()
        assert tree(out) == old
        edit(project)
        counts.write_text("", encoding="utf-8")
        status = run_killed(kill, out, build_args(project, *extra), counts)
        return status, counts.read_text(encoding="utf-8").splitlines()

    status, record = killed_at(10**9)  # not killed: the build's steps
    assert status == 0 and tree(out) == new
    assert len(record) > 20, record
    points = kill_points(record)
    assert len(points) < len(record)  # loops over files, the previous site's removal
    outcomes = {"old": 0, "new": 0}
    for kill in points:
        status, steps = killed_at(kill)
        assert (status, steps) == (-9, record[:kill]), (kind, kill)
        now = tree(out)
        assert now in (old, new), (
            kind,
            kill,
            sorted(set(now) ^ set(old)),
            sorted(set(now) ^ set(new)),
        )
        outcomes["old" if now == old else "new"] += 1
        assert main(build_args(project)) == 0, (kind, kill)
        assert tree(out) == new, (kind, kill)
        assert leftovers(project) == [], (kind, kill)
    assert outcomes["old"] > 0 and outcomes["new"] > 0, outcomes
