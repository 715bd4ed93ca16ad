"""Installs anywhere: the wheel holds the engine and the default theme (and no developer tools),
its metadata is fit for PyPI, and installed (not editable) into a fresh virtual environment it
makes a new site and builds it.

The wheel is built from a copy of the working tree (what git knows, committed or not), with the
setuptools of the environment that runs the tests (no build isolation: nothing is downloaded).
The fresh environment gets Showroom only from the wheel; its dependencies come from this
environment's site-packages through a `.pth` file of plain paths, which Python adds to the
path without running the `.pth` files in them (so an editable Showroom there stays out).
"""

from __future__ import annotations

import email.parser
import email.policy
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from showroom import DISTRIBUTION, __version__

ROOT = Path(__file__).resolve().parent.parent
THEME = ROOT / "themes" / "default"

# Every test reads the module's wheel or the environment it is installed in: on one xdist
# worker (`--dist loadgroup`), so that they are made once, not once per worker.
pytestmark = pytest.mark.xdist_group("install")


@dataclass(frozen=True)
class Wheel:
    path: Path
    names: frozenset[str]


def _command(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def _copy_working_tree(target: Path) -> None:
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    )
    for name in sorted(set(listed.stdout.decode().split("\0")) - {""}):
        source = ROOT / name
        if source.is_file() and not source.is_symlink():  # not node_modules, a link to main's
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Wheel:
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    _copy_working_tree(source)
    built = _command(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "--check-build-dependencies",
        "--wheel-dir",
        work / "dist",
        source,
    )
    assert built.returncode == 0, (
        "the wheel did not build (tools/setup.sh installs the setuptools it needs with the "
        "[test] extra):\n" + built.stdout + built.stderr
    )
    (path,) = (work / "dist").glob("*.whl")
    with zipfile.ZipFile(path) as archive:
        return Wheel(path, frozenset(archive.namelist()))


def _read(wheel: Wheel, name: str) -> str:
    with zipfile.ZipFile(wheel.path) as archive:
        return archive.read(name).decode()


def _metadata(wheel: Wheel) -> Message:
    text = _read(wheel, f"showroom_ssg-{__version__}.dist-info/METADATA")
    return email.parser.Parser(policy=email.policy.compat32).parsestr(text)


def test_the_wheel_holds_every_file_of_the_default_theme(wheel: Wheel) -> None:
    theme = sorted(p.relative_to(ROOT).as_posix() for p in THEME.rglob("*") if p.is_file())
    shipped = sorted(n.removeprefix("showroom/") for n in wheel.names if "/themes/" in n)
    assert len(theme) >= 19
    assert shipped == theme


def test_the_wheel_holds_the_engine_and_its_files_but_no_developer_tools(wheel: Wheel) -> None:
    package = ROOT / "showroom"
    engine = {
        p.relative_to(ROOT).as_posix()
        for p in package.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert engine <= wheel.names
    assert "showroom/editor/site_files/workflow.yml" in engine
    tops = {name.split("/")[0] for name in wheel.names}
    assert tops == {"showroom", f"showroom_ssg-{__version__}.dist-info"}  # no tools/, tests/ …


def test_the_wheel_names_the_distribution_and_its_one_version(wheel: Wheel) -> None:
    meta = _metadata(wheel)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert meta["Name"] == project["name"] == DISTRIBUTION
    assert meta["Version"] == __version__
    assert project["dynamic"] == ["version"] and "version" not in project  # one source
    assert meta["Requires-Python"] == ">=3.11"
    scripts = _read(wheel, f"showroom_ssg-{__version__}.dist-info/entry_points.txt")
    assert "showroom = showroom.cli:main" in scripts


def test_the_wheel_carries_an_spdx_licence_and_its_file(wheel: Wheel) -> None:
    meta = _metadata(wheel)
    assert meta["License-Expression"] == "MIT"
    assert meta["License-File"] == "LICENSE"
    licence = _read(wheel, f"showroom_ssg-{__version__}.dist-info/licenses/LICENSE")
    assert licence == (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License")
    classifiers = meta.get_all("Classifier") or []
    assert not [c for c in classifiers if c.startswith("License ::")]  # the SPDX field says it


def test_the_wheel_describes_itself_for_an_index(wheel: Wheel) -> None:
    meta = _metadata(wheel)
    assert "Programming Language :: Python :: 3.11" in (meta.get_all("Classifier") or [])
    urls = dict(u.split(", ", 1) for u in meta.get_all("Project-URL") or [])
    assert {"Homepage", "Source", "Issues"} <= set(urls)
    assert "static site generator" in meta["Keywords"]
    assert meta["Summary"].startswith("A static site generator")
    assert str(meta.get_payload()).startswith("# Showroom")  # the README, the long description


@pytest.fixture(scope="module")
def venv(wheel: Wheel, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the wheel installed, not editable."""
    folder = tmp_path_factory.mktemp("venv") / "env"
    made = _command(sys.executable, "-m", "venv", "--without-pip", folder)
    assert made.returncode == 0, made.stderr
    python = folder / "bin" / "python"
    purelib = _command(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))")
    dependencies = [p for p in sys.path if Path(p).name in ("site-packages", "dist-packages")]
    Path(purelib.stdout.strip(), "dependencies.pth").write_text(
        "".join(f"{p}\n" for p in dependencies), encoding="utf-8"
    )
    installed = _command(
        sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", wheel.path
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return folder


def test_the_fresh_environment_runs_the_installed_showroom(venv: Path) -> None:
    found = _command(
        venv / "bin" / "python",
        "-c",
        "import importlib.metadata as m, showroom; "
        f"print(showroom.__file__); print(m.version({DISTRIBUTION!r}))",
        cwd=venv,
    )
    assert found.returncode == 0, found.stderr
    location, version = found.stdout.split()
    assert Path(location).is_relative_to(venv)
    assert not Path(location).is_relative_to(ROOT)
    assert version == __version__
    shown = _command(venv / "bin" / "showroom", "--version", cwd=venv)
    assert shown.stdout.strip() == f"showroom {__version__}"


def test_the_installed_showroom_makes_a_new_site_and_builds_it(venv: Path, tmp_path: Path) -> None:
    showroom = venv / "bin" / "showroom"
    made = _command(showroom, "new", "site", "my-showroom", cwd=tmp_path)
    assert made.returncode == 0, made.stdout + made.stderr
    site = tmp_path / "my-showroom"
    built = _command(showroom, "build", cwd=site)
    assert built.returncode == 0, built.stdout + built.stderr
    assert "Error" not in built.stderr and "Traceback" not in built.stderr
    assert "  warnings: 0" in built.stdout
    public = site / "public"
    for page in ("index.html", "products/example-product/index.html", "search/index.html"):
        soup = BeautifulSoup((public / page).read_text(encoding="utf-8"), "html.parser")
        assert soup.find("main") is not None, page
    static = sorted(p.relative_to(THEME / "static") for p in (THEME / "static").rglob("*.*"))
    for name in static:
        assert (public / "static" / name).read_bytes() == (THEME / "static" / name).read_bytes()
    assert (public / "catalogue.pdf").read_bytes().startswith(b"%PDF-")
