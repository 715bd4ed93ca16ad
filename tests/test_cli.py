"""The command line: exit codes, messages, formats, scaffolding, dates."""

from __future__ import annotations

import datetime as dt
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from showroom.build import pages
from showroom.cli import _options, _parser, main
from showroom.dates import build_date
from showroom.errors import UsageError
from showroom.usage import EXAMPLES
from tests.projects import Project

ROOT = Path(__file__).resolve().parent.parent


def cli(project: Project, *args: str) -> int:
    return main([*args[:1], "-f", str(project.config_file), *args[1:]])


def break_product(project: Project) -> None:
    project.write(
        "content/products/lathe/index.md",
        "---\nname: 선반\ncategory: nope\ncompany: acme\ndate: 2025-13-01\nsummary: 요약\n"
        "images:\n  - src: photo.jpg\n    alt: 사진\n---\n본문\n",
    )


def test_check_passes_on_valid_content(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(project, "check", "--date", "2026-11-28") == 0
    assert "OK: 3 products, 2 companies, 2 categories; 0 warnings." in capsys.readouterr().out


def test_check_fails_with_every_error(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    break_product(project)
    assert cli(project, "check") == 1
    err = capsys.readouterr().err
    assert "content/products/lathe/index.md:3: category: unknown category 'nope'" in err
    assert "content/products/lathe/index.md:5: date: 2025-13-01 is not a real date" in err
    assert "Error: Build failed: 2 problems; nothing was published." in err
    assert "Traceback" not in err


def test_check_github_annotations(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    break_product(project)
    assert cli(project, "check", "--format", "github") == 1
    out = capsys.readouterr().out
    assert (
        "::error file=content/products/lathe/index.md,line=5,title=date::2025-13-01 is not a "
        "real date"
    ) in out


def test_warnings_fail_only_with_strict(project: Project) -> None:
    path = project.root / "content/products/lathe/index.md"
    path.write_text(path.read_text(encoding="utf-8").replace("name:", "colour: 빨강\nname:", 1))
    assert cli(project, "check") == 0
    assert cli(project, "check", "--strict") == 1


def test_build_summary(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(project, "build", "--date", "2026-11-28") == 0
    out = capsys.readouterr().out
    assert "Built 3 products into" in out
    assert "pages:    1 home, " in out and "3 product" in out
    assert "warnings: 0" in out
    assert "Done in " in out


def test_build_failure_exit_code_and_nothing_published(project: Project) -> None:
    break_product(project)
    assert cli(project, "build") == 1
    assert not project.out.exists()


def test_bad_date_option(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(project, "build", "--date", "2026-02-30") == 2
    assert "--date: 2026-02-30 is not a real date" in capsys.readouterr().err


def test_new_product_scaffold_is_valid(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(project, "new", "product", "smart-lamp") == 0
    index = project.root / "content/products/smart-lamp/index.md"
    assert index.is_file() and (index.parent / "photo.jpg").is_file()
    assert "# " in index.read_text(encoding="utf-8")  # it explains its fields
    assert cli(project, "check", "--strict") == 0
    assert cli(project, "new", "product", "smart-lamp") == 2
    assert "already exists" in capsys.readouterr().err


def test_new_product_rejects_a_bad_slug(project: Project) -> None:
    assert cli(project, "new", "product", "Smart Lamp") == 2


def test_missing_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "-f", str(tmp_path / "showroom.yml")]) == 1
    # no settings to say otherwise: in Korean, Showroom's default language
    assert "오류: showroom.yml 파일이 없습니다: " in capsys.readouterr().err


@pytest.mark.parametrize(
    ("option", "environ", "expected"),
    [
        ("2026-01-02", {"SOURCE_DATE_EPOCH": "0"}, dt.date(2026, 1, 2)),
        (None, {"SOURCE_DATE_EPOCH": "1767225600"}, dt.date(2026, 1, 1)),
        (None, {}, dt.date(2030, 5, 6)),
    ],
)
def test_build_date(option: str | None, environ: dict[str, str], expected: dt.date) -> None:
    assert build_date(option, environ, dt.date(2030, 5, 6)) == expected


@pytest.mark.parametrize("option", ["2026/01/02", "2026-02-30", "tomorrow"])
def test_bad_build_date(option: str) -> None:
    with pytest.raises(UsageError):
        build_date(option, {}, dt.date(2030, 5, 6))


def test_build_py_is_showroom_build(project: Project, tmp_path: Path) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795824000"}
    result = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "-f", str(project.config_file), "--out",
         str(tmp_path / "out")],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "for 2026-11-28" in result.stdout
    assert (tmp_path / "out/index.html").is_file()


EXPIRED = """\
excellent_procurement:
  number: 2020-우수-0001
  from: 2020-01-01
  until: 2022-12-31
"""


def run_showroom(project: Project, *args: str) -> subprocess.CompletedProcess[str]:
    """`showroom ARGS` in the project's folder, as a user runs it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "showroom", *args, "--date", "2026-11-28"],
        cwd=project.root, capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip


def test_quiet_prints_only_warnings_and_errors(project: Project) -> None:
    project.product("old", "옛 제품", extra=EXPIRED)
    quiet = run_showroom(project, "build", "-q")
    assert quiet.returncode == 0, quiet.stderr
    assert quiet.stdout == ""  # no summary
    lines = quiet.stderr.splitlines()
    assert lines == ["content/products/old/index.md:13: warning: excellent_procurement.until: "
                     "the designation expired on 2022-12-31; the product is not shown in the "
                     "special hall"]  # fmt: skip
    checked = run_showroom(project, "check", "-q")
    assert (checked.returncode, checked.stdout) == (0, "")
    break_product(project)
    failed = run_showroom(project, "build", "-q")
    assert failed.returncode == 1 and failed.stdout == ""
    assert "unknown category 'nope'" in failed.stderr
    assert failed.stderr.endswith("Error: Build failed: 3 problems; nothing was published.\n")


def test_verbose_adds_a_line_for_each_stage(project: Project) -> None:
    plain = run_showroom(project, "build", "--no-pdf")
    assert plain.returncode == 0, plain.stderr
    assert "showroom.stages" not in plain.stderr
    verbose = run_showroom(project, "build", "--no-pdf", "--clean", "-v")
    assert verbose.returncode == 0, verbose.stderr
    assert "Built 3 products into" in verbose.stdout  # the summary as without -v
    stages = [line.split(": ", 1)[1] for line in verbose.stderr.splitlines() if "stages" in line]
    assert [stage.split(":")[0] for stage in stages] == [
        "content", "photos", "search records", "pages", "search index", "output"
    ]  # fmt: skip
    assert stages[0].startswith("content: 3 products (0 drafts), 2 companies, 2 categories")
    # 16 pages, the shortlist and comparison pages, and 3 products' records (compare/products/)
    assert stages[3].startswith("pages: 21 rendered, 0 unchanged in ")
    assert all(stage.endswith(" s") for stage in stages)


def test_quiet_and_verbose_exclude_each_other(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        cli(project, "build", "-q", "-v")
    assert exited.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_page_rendering_reports_progress_on_a_large_build(
    project: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a log (not a terminal): a few plain lines, the last of every page; a small build
    (fewer pages than PROGRESS_FROM) reports none."""
    assert cli(project, "build", "--no-pdf", "--date", "2026-11-28") == 0
    assert "pages: " not in capsys.readouterr().err
    monkeypatch.setattr(pages, "PROGRESS_FROM", 10)
    monkeypatch.setattr(pages, "PROGRESS_EVERY", 2)
    assert cli(project, "build", "--no-pdf", "--clean", "--date", "2026-11-28") == 0
    reported = [line for line in capsys.readouterr().err.splitlines() if line.startswith("pages")]
    assert 2 <= len(reported) <= 5 and reported[-1] == "pages: 21/21", reported
    assert cli(project, "build", "--no-pdf", "--clean", "-q", "--date", "2026-11-28") == 0
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("command", sorted(EXAMPLES))
def test_help_shows_examples_the_parser_accepts(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main([*command.split(), "--help"])
    assert exited.value.code == 0
    shown = capsys.readouterr().out
    assert "\nexamples:\n" in shown
    for line, what in EXAMPLES[command]:
        assert f"  {line}" in shown and what in shown
        words = shlex.split(line)
        assert words[0] == "showroom"
        if "--help" not in words:
            _parser().parse_args(words[1:])  # exits (2) if it is not a valid command line


def test_drafts_are_shown_by_build_d_and_by_serve_unless_no_drafts() -> None:
    def drafts(*words: str) -> bool:
        return _options(_parser().parse_args([*words, "-f", "showroom.yml"])).drafts

    assert not drafts("build")
    assert drafts("build", "-D") and drafts("build", "--drafts")
    assert drafts("serve")
    assert not drafts("serve", "--no-drafts")


def test_build_d_reports_the_drafts_shown(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    project.product("secret", "비공개 제품", extra="draft: true\n")
    assert cli(project, "build", "--date", "2026-11-28") == 0
    assert "Built 3 products (1 draft skipped) into" in capsys.readouterr().out
    assert cli(project, "build", "-D", "--date", "2026-11-28") == 0
    assert "Built 3 products (1 draft shown, marked 초안) into" in capsys.readouterr().out
    assert (project.out / "products/secret/index.html").is_file()
