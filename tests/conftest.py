from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from _pytest.nodeid import NodeId  # see _name_xdist_groups

from showroom.build import BuildOptions, BuildResult, build
from tests.projects import Project, new_project

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DATE = dt.date(2026, 11, 28)  # the sample's designations are written against this date
SUB_PATH_URL = "https://city.github.io/showroom/"


#: Where the tests' temporary folders go when TMPDIR is not set: a RAM disk, if the machine
#: has one with room to spare. A run writes about 80,000 files; on this project's machines
#: removing a run's folders from the disk took 15 s of the session's end.
MEMORY_DISK = Path("/dev/shm")
MEMORY_DISK_ROOM = 8 * 2**30


def pytest_configure(config: pytest.Config) -> None:
    if "TMPDIR" in os.environ or config.option.basetemp or not _has_room(MEMORY_DISK):
        return
    os.environ["TMPDIR"] = str(MEMORY_DISK)  # the xdist workers and the builds they start
    tempfile.tempdir = None  # read TMPDIR again: pytest's folders, then every test's


def _has_room(folder: Path) -> bool:
    try:
        stat = os.statvfs(folder)
    except OSError:
        return False
    return os.access(folder, os.W_OK | os.X_OK) and stat.f_bavail * stat.f_frsize >= (
        MEMORY_DISK_ROOM
    )


@pytest.hookimpl(trylast=True)  # after the hooks that add marks (tests/browser/conftest.py)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The tests marked `long` first, each group in its order: with `-n` the workers take
    the long ones at the start and the short ones balance the end."""
    items.sort(key=lambda item: item.get_closest_marker("long") is None)
    _name_xdist_groups(config, items)


def _name_xdist_groups(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under `--dist loadgroup`, pytest-xdist puts the tests of one `xdist_group` on one
    worker by adding `@group` to their node ids in each worker. Since pytest 9.2 its change
    no longer takes (it sets `_nodeid`; the id now lives in `_id`: pytest-xdist issue 1386),
    and the groups were silently spread over the workers, each making the group's module
    fixtures again. Done here the same way until xdist does it again."""
    if getattr(config.option, "loadgroup", False) is not True:  # set in xdist's workers
        return
    for item in items:
        names = {
            str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
            for mark in item.iter_markers("xdist_group")
        }
        suffix = "@" + "_".join(sorted(names))
        if names and not item.nodeid.endswith(suffix) and isinstance(item._id, NodeId):
            item._id = NodeId.parse(item.nodeid + suffix)


@dataclass(frozen=True)
class BuiltSite:
    out: Path
    base_path: str
    result: BuildResult


@pytest.fixture(scope="session")
def photo_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The image cache of the test project's three photos, made once per session (each
    product's photo has a colour of its own, from its slug)."""
    project = new_project(tmp_path_factory.mktemp("photos") / "site")
    build(BuildOptions(project.config_file, date=SAMPLE_DATE, pdf=False, search=False))
    return project.root / ".cache/images"


@pytest.fixture
def project(tmp_path: Path, photo_cache: Path) -> Project:
    """The test project (see `new_project`), its photos already in its cache: a test about
    photos and their cache uses `cold_project`, whose build encodes them."""
    project = new_project(tmp_path / "site")
    shutil.copytree(photo_cache, project.root / ".cache/images")
    return project


@pytest.fixture
def cold_project(tmp_path: Path) -> Project:
    """The test project with nothing in its caches."""
    return new_project(tmp_path / "site")


def build_sample(out: Path, base_url: str | None = None) -> BuildResult:
    options = BuildOptions(
        config_file=ROOT / "showroom.yml", out=out, date=SAMPLE_DATE, base_url=base_url
    )
    return build(options)


@pytest.fixture(scope="session")
def sample(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The repository's sample showroom, built once for the session at the domain root."""
    out = tmp_path_factory.mktemp("sample") / "public"
    return BuiltSite(out, "/", build_sample(out))


@pytest.fixture(scope="session")
def sample_sub_path(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The sample showroom built for a sub-path (a GitHub Pages project site)."""
    out = tmp_path_factory.mktemp("sample-sub") / "public"
    return BuiltSite(out, "/showroom/", build_sample(out, SUB_PATH_URL))
