"""The command line: exit codes, messages, formats, scaffolding, dates."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from showroom.cli import main
from showroom.dates import build_date
from showroom.errors import UsageError
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
    assert "No showroom.yml found" in capsys.readouterr().err


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
