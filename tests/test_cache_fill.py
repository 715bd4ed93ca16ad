"""`showroom cache fill [--shard I/N]`: CI jobs each encode a share of the photos into the
image cache, and a build afterwards finds every photo there (issue 19, item 5)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from showroom.build import BuildOptions, build, fill_image_cache
from showroom.build.caches import in_share
from showroom.cli import main
from tests.projects import Project

DATE = dt.date(2026, 11, 28)
SLUGS = [f"widget-{n:02d}" for n in range(12)]


@pytest.fixture
def project(cold_project: Project) -> Project:
    for slug in SLUGS:  # each with a photo of its own
        cold_project.product(slug, f"부품 {slug}")
    return cold_project


def entries(project: Project) -> set[str]:
    """The keys of the image cache's complete entries (folders with a manifest)."""
    return {p.parent.name for p in (project.root / ".cache/images").glob("*/*/manifest.json")}


def test_shares_split_the_products_and_stay_put() -> None:
    slugs = [f"product-{n}" for n in range(400)]
    shares = [[s for s in slugs if in_share(s, i, 4)] for i in (1, 2, 3, 4)]
    assert sorted(s for share in shares for s in share) == sorted(slugs)  # each in one share
    assert all(60 <= len(share) <= 140 for share in shares)  # about a quarter each
    assert all(in_share(s, 1, 1) for s in slugs)


def test_shards_fill_the_cache_and_the_build_encodes_nothing(project: Project) -> None:
    total = len(SLUGS) + 3
    made: list[set[str]] = []
    counted = 0
    for share in (1, 2, 3):
        before = entries(project)
        encoded, distinct, folder = fill_image_cache(project.config_file, share, 3)
        assert folder == project.root / ".cache/images"
        assert encoded == distinct  # a cold cache: every photo of the share encoded
        made.append(entries(project) - before)
        assert len(made[-1]) == encoded
        counted += encoded
    assert counted == total and len(entries(project)) == total
    assert all(made)  # every share had work
    result = build(BuildOptions(config_file=project.config_file, out=project.out, date=DATE))
    assert result.photos_encoded == 0
    assert (project.out / "products/widget-03").is_dir()
    # Again: nothing left to encode.
    assert fill_image_cache(project.config_file, 2, 3)[0] == 0


def test_entries_of_separate_runners_combine(project: Project, tmp_path: Path) -> None:
    """As the workflow does: each job fills its share in its own checkout, the build job
    puts the entries together."""
    runners = []
    for share in (1, 2):
        copy = tmp_path / f"runner-{share}"
        shutil.copytree(project.root, copy)
        fill_image_cache(copy / "showroom.yml", share, 2)
        runners.append(copy / ".cache/images")
    images = project.root / ".cache/images"
    for folder in runners:
        shutil.copytree(folder, images, dirs_exist_ok=True)
    result = build(BuildOptions(config_file=project.config_file, out=project.out, date=DATE))
    assert result.photos_encoded == 0


def test_cli(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cache", "fill", "-q", "-f", str(project.config_file), "--shard", "1/2"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["cache", "fill", "-f", str(project.config_file)]) == 0
    out = capsys.readouterr().out
    assert "encoded" in out and "in the cache already" in out
    for wrong in ("0/2", "3/2", "x", "1/0"):
        with pytest.raises(SystemExit) as exit_:
            main(["cache", "fill", "-f", str(project.config_file), "--shard", wrong])
        assert exit_.value.code == 2
    assert "I/N" in capsys.readouterr().err


def test_broken_content_fills_nothing(project: Project) -> None:
    project.write("content/products/widget-01/index.md", "---\nname: [\n---\n")
    assert main(["cache", "fill", "-f", str(project.config_file)]) != 0
    assert not entries(project)
