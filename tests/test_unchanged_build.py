"""A build whose inputs are all unchanged reports the last build and touches nothing; any
change to what a build reads (content, theme, showroom.yml, options, the output folder) makes
it a real build again."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from showroom.build import BuildOptions, BuildResult, build, build_pdf
from tests.projects import Project

DATE = dt.date(2026, 11, 28)
#: The racy window in these tests: long against the file system's time stamp granularity
#: (a clock tick, a few ms), short against the real one (2 s), which would make the tests
#: mostly wait.
RACY = 0.3
#: Every module that trusts time stamps only outside the window.
TRUSTING = ("showroom.state.files", "showroom.state.sealed", "showroom.images.cache",
            "showroom.build.unchanged")  # fmt: skip


@pytest.fixture
def project(cold_project: Project) -> Project:
    """These tests are about photos and the caches: their project starts with none."""
    return cold_project


@pytest.fixture(autouse=True)
def short_racy_window(monkeypatch: pytest.MonkeyPatch) -> None:
    for module in TRUSTING:
        monkeypatch.setattr(f"{module}.RACY_SECONDS", RACY)


def run(project: Project, **options: object) -> BuildResult:
    settings: dict[str, object] = {"config_file": project.config_file, "date": DATE, "pdf": False}
    settings.update(options)
    return build(BuildOptions(**settings))  # type: ignore[arg-type]


def settled() -> None:
    """Let every file written so far age past the racy window (a change within it could
    not be told from an earlier one by its time stamps)."""
    time.sleep(RACY + 0.1)


def summaries(project: Project) -> list[Path]:
    return sorted((project.root / ".cache" / "build").glob("*.summary"))


def snapshot(out: Path) -> dict[str, tuple[int, int]]:
    found = {}
    for folder, _, names in os.walk(out):
        for name in names:
            st = os.stat(os.path.join(folder, name))
            found[os.path.relpath(os.path.join(folder, name), out)] = (st.st_ino, st.st_mtime_ns)
    return found


def test_an_unchanged_build_reports_the_last_one_and_touches_nothing(project: Project) -> None:
    settled()
    run(project)  # fills the photo cache, whose folder is one of the inputs
    settled()
    first = run(project)
    assert summaries(project)
    before = snapshot(project.out)
    state = project.root / ".cache" / "build" / "caches.state"
    state_before = state.stat().st_mtime_ns
    # The state is not even read: a damaged one is not noticed (nor rewritten).
    state.write_bytes(b"damaged")
    again = run(project)
    assert snapshot(project.out) == before
    assert state.read_bytes() == b"damaged" and state.stat().st_mtime_ns != state_before
    assert (again.products, again.pages, again.images) == (
        first.products,
        first.pages,
        first.images,
    )
    assert again.warnings == first.warnings
    assert again.pages_rendered == again.files_written == again.files_removed == 0
    assert again.photos_encoded == 0
    assert again.photos_reused == first.photos_encoded + first.photos_reused


def test_every_kind_of_input_change_makes_a_real_build(project: Project) -> None:
    project.write("mytheme/strings/ko.yml", "home: 홈\n")
    project.write(
        "showroom.yml", project.config_file.read_text(encoding="utf-8") + "theme: mytheme\n"
    )
    settled()
    run(project)
    edits: list[Callable[[], object]] = [
        lambda: project.write(
            "content/products/lathe/index.md",
            (project.root / "content/products/lathe/index.md")
            .read_text(encoding="utf-8")
            .replace("소형 선반 설명", "새 설명"),
        ),
        lambda: project.product("new-one", "새 제품"),
        lambda: (project.root / "content/products/rice-cake/photo.jpg").touch(),
        lambda: project.write("mytheme/strings/ko.yml", "home: 첫 화면\n"),
        lambda: project.write(
            "showroom.yml",
            project.config_file.read_text(encoding="utf-8").replace("테스트용", "바뀐"),
        ),
    ]
    state = project.root / ".cache" / "build" / "caches.state"
    for number, edit in enumerate(edits):
        edit()
        settled()
        state.write_bytes(b"damaged")  # a real build reads the state, finds it damaged, and
        run(project)  # starts afresh, saving a good one; a reported summary would not
        assert state.read_bytes() != b"damaged", number
        settled()
        run(project)  # the caches' folders as the last build left them
        settled()
        state.write_bytes(b"damaged")
        assert run(project).files_written == 0
        assert state.read_bytes() == b"damaged", number  # unchanged again: the summary


def test_other_options_are_another_build(project: Project) -> None:
    settled()
    run(project)
    other_day = run(project, date=DATE + dt.timedelta(days=1))
    assert other_day.pages_rendered > 0
    other_url = run(project, date=DATE + dt.timedelta(days=1), base_url="https://other.example/")
    assert other_url.pages_rendered > 0
    text = (project.out / "index.html").read_text(encoding="utf-8")
    assert "https://other.example/" in text


def test_the_drafts_switch_is_another_build(project: Project) -> None:
    """`-D` is an input: with it the draft is built; without it again, the folder holds no
    draft (the last build's summary is not reported again)."""
    project.product("secret", "비공개 시제품", extra="draft: true\n")
    settled()
    without = run(project)
    assert not (project.out / "products/secret").exists()
    shown = run(project, drafts=True)
    assert shown.pages_rendered > 0 and (project.out / "products/secret/index.html").is_file()
    hidden = run(project)
    assert hidden.pages_rendered > 0 and hidden.files_removed > 0
    assert not (project.out / "products/secret").exists()
    assert (hidden.products, hidden.drafts) == (without.products, without.drafts) == (3, 1)


def test_a_deleted_photo_cache_is_made_again(project: Project) -> None:
    settled()
    first = run(project)
    settled()
    run(project)
    shutil.rmtree(project.root / ".cache" / "images")
    again = run(project)
    assert again.photos_encoded == first.photos_encoded > 0


def test_a_changed_output_folder_is_built_again(project: Project) -> None:
    settled()
    run(project)
    (project.out / "index.html").unlink()  # changes the folder itself (its ctime)
    result = run(project)
    assert result.files_written > 0
    assert (project.out / "index.html").is_file()


def test_a_folder_written_by_another_command_has_no_summary(project: Project) -> None:
    settled()
    run(project)
    assert summaries(project)
    build_pdf(BuildOptions(config_file=project.config_file, date=DATE))
    assert not summaries(project)
    assert run(project).files_written > 0  # the PDF command's files are not the site's


def test_inputs_changed_just_now_are_not_trusted(project: Project) -> None:
    # Files written a moment ago: a later change in the same clock tick could go unseen.
    run(project)
    assert not summaries(project)
