"""`showroom new site DIR`: a minimal showroom that checks and builds at once, and a folder
that is not empty is left as it was."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from showroom import DISTRIBUTION, __version__
from showroom.cli import main
from showroom.editor.new_site import COPIED, SITE_FILES
from tests.yaml_core import load

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date.today().isoformat()  # `new site` dates its product today
OFFLINE = {**os.environ, "HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9"}


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


def run(*args: str | Path) -> Run:
    """The command line in this process, with what it printed."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in args])
    return Run(code, out.getvalue(), err.getvalue())


@dataclass(frozen=True)
class NewSite:
    root: Path
    made: Run
    checked: Run
    built: Run


#: The tests that read `site`: on one xdist worker (`--dist loadgroup`), so that the new site
#: is made and built once, not once per worker.
NEW_SITE = pytest.mark.xdist_group("new-site")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> NewSite:
    root = tmp_path_factory.mktemp("new") / "my-showroom"
    made = run("new", "site", root)
    config = root / "showroom.yml"
    checked = run("check", "-f", config, "--date", TODAY, "--strict")
    built = run("build", "-f", config, "--date", TODAY)
    return NewSite(root, made, checked, built)


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every entry under a folder: a file's bytes, a link's target, a folder."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[name] = f"-> {os.readlink(path)}"
        elif path.is_file():
            found[name] = path.read_bytes()
        else:
            found[name] = "folder"
    return found


@NEW_SITE
def test_the_new_site_has_every_file_it_promises(site: NewSite) -> None:
    assert site.made.code == 0, site.made.err
    assert set(snapshot(site.root)) >= {
        "showroom.yml",
        "requirements.txt",
        ".gitignore",
        ".github/workflows/showroom.yml",
        ".vscode/settings.json",
        ".vscode/extensions.json",
        ".vscode/tasks.json",
        "content/categories/example-group.yml",
        "content/companies/example-company.yml",
        "content/products/example-product/index.md",
        "content/products/example-product/photo.jpg",
        "schemas/category.schema.json",
        "schemas/company.schema.json",
        "schemas/product.schema.json",
        "schemas/config.schema.json",
        "schemas/synonyms.schema.json",
    }
    assert f"Created a showroom in {site.root}/ (16 files)." in site.made.out
    assert "showroom serve --open" in site.made.out


@NEW_SITE
def test_the_new_site_checks_without_a_warning(site: NewSite) -> None:
    assert site.checked.code == 0, site.checked.err  # --strict: a warning would fail it
    assert "OK: 1 products, 1 companies, 1 categories; 0 warnings." in site.checked.out


@NEW_SITE
def test_the_new_site_builds_with_its_one_product(site: NewSite) -> None:
    assert site.built.code == 0, site.built.err
    assert "Built 1 products into" in site.built.out
    assert "  warnings: 0" in site.built.out
    public = site.root / "public"
    page = BeautifulSoup(
        (public / "products/example-product/index.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    h1 = page.find("h1")
    assert h1 is not None and h1.get_text(strip=True) == "새 제품"
    assert "(주)예시기업" in page.get_text()
    home = BeautifulSoup((public / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = {str(a["href"]) for a in home.find_all("a", href=True)}
    assert "/products/example-product/" in links
    assert (public / "catalogue.pdf").is_file()
    assert (public / "static/css/site.css").is_file()


@NEW_SITE
def test_the_new_site_names_its_own_city_not_ulsan(site: NewSite) -> None:
    public = site.root / "public"
    search = BeautifulSoup(
        (public / "search/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    description = search.find("meta", attrs={"name": "description"})
    assert description is not None
    assert "조달 번호로 우리시 지역상품을 찾고" in str(description["content"])
    for path in public.rglob("*"):
        if path.suffix in {".html", ".xml", ".json", ".txt"}:
            text = path.read_text(encoding="utf-8")
            assert "울산" not in text and "울주군" not in text, path
    company = json.loads((site.root / "schemas/company.schema.json").read_text(encoding="utf-8"))
    assert "enum" not in company["properties"]["district"]  # no districts listed: any


@NEW_SITE
def test_the_new_site_comments_its_settings(site: NewSite) -> None:
    lines = (site.root / "showroom.yml").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# yaml-language-server: $schema=schemas/config.schema.json"
    settings = [line for line in lines if line and not line.startswith(("#", " "))]
    assert [line.split(":")[0] for line in settings] == [
        "title",
        "base_url",
        "language",
        "description",
        "publisher",
        "city",
        "per_page",
    ]
    assert all("#" in line for line in settings if not line.startswith("description"))
    assert (site.root / "requirements.txt").read_text(encoding="utf-8").splitlines()[-1] == (
        f"{DISTRIBUTION}=={__version__}"
    )


@NEW_SITE
def test_the_new_site_ignores_what_showroom_makes(site: NewSite, tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_bytes((site.root / ".gitignore").read_bytes())
    paths = ["public/index.html", ".cache/build/x", ".venv/bin/python", "content/x.yml"]
    ignored = subprocess.run(
        ["git", "check-ignore", "--no-index", *paths],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert ignored.stdout.split() == paths[:3]


def _without_installation(workflow: dict[str, Any]) -> dict[str, Any]:
    """A workflow without its set-up steps, the file that pins Showroom named one way."""
    text = json.dumps(workflow).replace("requirements.txt", "pyproject.toml")
    plain = json.loads(text)
    for job in (plain["jobs"][name] for name in ("photos", "build", "object-storage")):
        job["steps"] = [s for s in job["steps"] if not s.get("name", "").startswith("Install")]
    return dict(plain)


@NEW_SITE
def test_the_new_site_workflow_is_the_repository_workflow_installing_from_pypi(
    site: NewSite,
) -> None:
    ours = load((ROOT / ".github/workflows/showroom.yml").read_text(encoding="utf-8"))
    theirs = load((site.root / ".github/workflows/showroom.yml").read_text(encoding="utf-8"))
    assert isinstance(ours, dict) and isinstance(theirs, dict)
    assert _without_installation(theirs) == _without_installation(ours)
    runs = [s.get("run", "") for s in theirs["jobs"]["build"]["steps"]]
    assert any("pip install -q -r requirements.txt" in r for r in runs)
    assert any("fonts-noto-cjk" in r and "libharfbuzz-subset0" in r for r in runs)
    assert not any("tools/setup.sh" in r for r in runs)  # the new site has no tools/
    photos = [s.get("run", "") for s in theirs["jobs"]["photos"]["steps"]]
    assert any("pip install -q -r requirements.txt" in r for r in photos)
    assert not any("tools/setup.sh" in r for r in photos)
    storage = [s.get("run", "") for s in theirs["jobs"]["object-storage"]["steps"]]
    assert any("sed 's/==/[deploy]==/'" in r for r in storage)  # showroom[deploy]==version
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "check-jsonschema"),
            "--builtin-schema",
            "vendor.github-workflows",
            str(site.root / ".github/workflows/showroom.yml"),
        ],
        capture_output=True,
        text=True,
        check=False,
        env=OFFLINE,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_new_site_vscode_settings_are_the_repository_ones() -> None:
    for source, target in COPIED:
        if target.startswith(".vscode/"):
            assert (SITE_FILES / source).read_bytes() == (ROOT / target).read_bytes(), target


def test_a_folder_that_is_not_empty_is_refused_and_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "existing"
    folder.mkdir()
    (folder / "notes.txt").write_text("내 메모\n", encoding="utf-8")
    (folder / ".git").mkdir()
    before = snapshot(folder)
    result = run("new", "site", folder)
    assert result.code == 2
    assert f"Error: {folder} is not empty (.git, notes.txt); give a new or empty folder" in (
        result.err
    )
    assert snapshot(folder) == before


def test_force_adds_the_site_and_keeps_every_file_that_was_there(tmp_path: Path) -> None:
    folder = tmp_path / "clone"
    folder.mkdir()
    (folder / "README.md").write_text("# 우리 홍보관\n", encoding="utf-8")
    (folder / ".gitignore").write_text("*.log\n", encoding="utf-8")
    result = run("new", "site", folder, "--force")
    assert result.code == 0, result.err
    assert "  kept .gitignore: it was there already" in result.out
    assert "(15 files)" in result.out
    assert (folder / ".gitignore").read_text(encoding="utf-8") == "*.log\n"
    assert (folder / "README.md").read_text(encoding="utf-8") == "# 우리 홍보관\n"
    assert (folder / "content/products/example-product/index.md").is_file()


def test_force_never_writes_through_a_link(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / ".github").symlink_to(elsewhere, target_is_directory=True)
    (folder / "showroom.yml").symlink_to(tmp_path / "nowhere.yml")
    before = snapshot(tmp_path)
    result = run("new", "site", folder, "--force")
    assert result.code == 2
    assert "a folder on the way is a symbolic link or a file" in result.err
    assert snapshot(tmp_path) == before


def test_a_file_in_place_of_the_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "site").write_text("", encoding="utf-8")
    result = run("new", "site", tmp_path / "site")
    assert result.code == 2
    assert "is not a folder" in result.err
