"""The layers of docs/architecture.md hold: import-linter's contracts in pyproject.toml are kept,
and they do catch an import that goes upwards."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(project: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(project)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", str(project / "pyproject.toml")],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def copy_of_package(tmp_path: Path) -> Path:
    shutil.copytree(
        ROOT / "showroom", tmp_path / "showroom", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_every_import_contract_is_kept() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
    assert "Layers: imports only go downwards KEPT" in result.stdout


def test_an_upward_import_breaks_the_layers(tmp_path: Path) -> None:
    project = copy_of_package(tmp_path)
    with (project / "showroom" / "problems.py").open("a", encoding="utf-8") as file:
        file.write("\nimport showroom.cli  # noqa: E402\n")
    result = lint_imports(project)
    assert result.returncode == 1
    assert "showroom.problems is not allowed to import showroom.cli" in result.stdout


def test_a_new_package_must_be_placed_in_a_layer(tmp_path: Path) -> None:
    project = copy_of_package(tmp_path)
    (project / "showroom" / "extras.py").write_text('"""Not in any layer."""\n', encoding="utf-8")
    result = lint_imports(project)
    assert result.returncode == 1
    assert "showroom.extras" in result.stdout + result.stderr


def test_the_package_imports_no_browser_or_test_tool(tmp_path: Path) -> None:
    project = copy_of_package(tmp_path)
    with (project / "showroom" / "output.py").open("a", encoding="utf-8") as file:
        file.write("\nimport playwright  # noqa: E402, F401\n")
    result = lint_imports(project)
    assert result.returncode == 1
    assert "showroom.output -> playwright" in result.stdout
