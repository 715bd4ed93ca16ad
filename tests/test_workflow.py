"""The GitHub workflow and the editor set-up that ship with the project.

The workflow files are validated with check-jsonschema's vendored GitHub workflow schema
(offline: a proxy that refuses every connection proves nothing is fetched), then read for the
promises the editors' guide makes: a pull request is checked with annotations, then built;
main is published with the official Pages actions.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from showroom.build import BuildOptions, fill_image_cache
from showroom.build import build as build_site
from showroom.cli import main
from tests.projects import Project
from tests.yaml_core import load

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))
OFFLINE = {**os.environ, "HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9"}


def check_jsonschema(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "check-jsonschema"), *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env=OFFLINE,
    )


def test_workflows_match_the_github_workflow_schema() -> None:
    assert WORKFLOWS
    result = check_jsonschema("--builtin-schema", "vendor.github-workflows", *WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_workflow_schema_check_catches_a_mistake(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    text = WORKFLOWS[0].read_text(encoding="utf-8").replace("runs-on:", "run-on:", 1)
    broken.write_text(text, encoding="utf-8")
    result = check_jsonschema("--builtin-schema", "vendor.github-workflows", broken)
    assert result.returncode == 1
    assert "'runs-on' is a required property" in result.stdout


def test_the_content_schemas_match_the_draft_07_metaschema() -> None:
    result = check_jsonschema("--check-metaschema", *sorted((ROOT / "schemas").glob("*.json")))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def workflow() -> dict[str, Any]:
    # YAML 1.2, as GitHub reads it: the key `on` stays "on" (YAML 1.1 would make it true).
    data = load((ROOT / ".github/workflows/showroom.yml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return list(job["steps"])


def index_of(job: dict[str, Any], predicate: str) -> int:
    for number, step in enumerate(steps(job)):
        if predicate in step.get("run", "") or predicate in step.get("uses", ""):
            return number
    raise AssertionError(f"no step with {predicate!r}")


def test_pull_requests_are_checked_with_annotations_then_built(workflow: dict[str, Any]) -> None:
    assert "pull_request" in workflow["on"]
    assert workflow["on"]["push"]["branches"] == ["main"]
    build = workflow["jobs"]["build"]
    assert "if" not in build  # every event checks and builds
    assert index_of(build, "tools/setup.sh --site") < index_of(
        build, "showroom check --format github"
    )
    assert index_of(build, "showroom check --format github") < index_of(build, "showroom build")
    preview = steps(build)[index_of(build, "actions/upload-artifact@")]
    assert preview["if"] == "env.DEPLOY != 'true'"


def test_main_is_deployed_with_the_official_pages_actions(workflow: dict[str, Any]) -> None:
    assert workflow["permissions"] == {"contents": "read"}  # least privilege by default
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    deploying = "github.ref == 'refs/heads/main' && github.event_name != 'pull_request'"
    assert build["env"]["DEPLOY"] == "${{ " + deploying + " }}"
    assert deploy["if"] == deploying + " && vars.SHOWROOM_S3_BUCKET == ''"
    assert deploy["needs"] == "build"
    configure = steps(build)[index_of(build, "actions/configure-pages@")]
    upload = steps(build)[index_of(build, "actions/upload-pages-artifact@")]
    assert configure["if"] == upload["if"] == "env.DEPLOY == 'true' && env.TO_BUCKET != 'true'"
    assert upload["with"]["path"] == "public"
    assert index_of(build, "actions/configure-pages@") < index_of(build, "showroom build")
    assert (
        "steps.pages.outputs.base_url"
        in steps(build)[index_of(build, "showroom build")]["env"]["BASE_URL"]
    )
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert [s["uses"] for s in steps(deploy)] == ["actions/deploy-pages@v4"]


def test_main_goes_to_object_storage_instead_when_a_bucket_is_set(
    workflow: dict[str, Any],
) -> None:
    build, storage = workflow["jobs"]["build"], workflow["jobs"]["object-storage"]
    deploying = "github.ref == 'refs/heads/main' && github.event_name != 'pull_request'"
    assert build["env"]["TO_BUCKET"] == "${{ vars.SHOWROOM_S3_BUCKET != '' }}"
    assert storage["if"] == deploying + " && vars.SHOWROOM_S3_BUCKET != ''"
    assert storage["needs"] == "build"
    kept = next(s for s in steps(build) if s.get("with", {}).get("name") == "site")
    assert kept["if"] == "env.DEPLOY == 'true' && env.TO_BUCKET == 'true'"
    assert kept["with"]["include-hidden-files"] is True  # the marker showroom deploy asks for
    assert storage["permissions"] == {"contents": "read", "id-token": "write"}
    assert storage["concurrency"] == {"group": "object-storage", "cancel-in-progress": False}
    run = steps(storage)[index_of(storage, "showroom deploy")]
    assert index_of(storage, "pip install -q '.[deploy]'") < index_of(storage, "showroom deploy")
    assert (
        '"s3://$TARGET"' in run["run"] and run["env"]["TARGET"] == "${{ vars.SHOWROOM_S3_BUCKET }}"
    )
    # keys only from secrets, through the standard variables; never on the command line
    assert run["env"]["KEY_ID"] == "${{ secrets.SHOWROOM_S3_ACCESS_KEY_ID }}"
    assert "--access" not in run["run"] and "secrets." not in run["run"]
    oidc = steps(storage)[index_of(storage, "aws-actions/configure-aws-credentials@")]
    assert oidc["if"] == "vars.SHOWROOM_AWS_ROLE != ''"


def test_the_site_is_rebuilt_every_day_on_the_korean_date(workflow: dict[str, Any]) -> None:
    assert workflow["on"]["schedule"] == [{"cron": "5 15 * * *"}]  # 00:05 KST
    assert workflow["env"]["TZ"] == "Asia/Seoul"


def test_setup_script_knows_the_site_only_option() -> None:
    text = (ROOT / "tools/setup.sh").read_text(encoding="utf-8")
    assert "--site) site_only=true" in text
    result = subprocess.run(
        ["bash", str(ROOT / "tools/setup.sh"), "--nonsense"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "usage: tools/setup.sh [--site]" in result.stderr


def test_vscode_recommends_the_yaml_extension_and_maps_the_schemas() -> None:
    extensions = json.loads((ROOT / ".vscode/extensions.json").read_text(encoding="utf-8"))
    assert extensions["recommendations"] == ["redhat.vscode-yaml"]
    settings = json.loads((ROOT / ".vscode/settings.json").read_text(encoding="utf-8"))
    for schema, pattern in settings["yaml.schemas"].items():
        assert (ROOT / schema).is_file()
        assert list(ROOT.glob(pattern)), pattern


def test_vscode_task_puts_every_problem_on_its_line(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    """The problem matchers of .vscode/tasks.json read what `showroom check` prints."""
    project.write(
        "content/products/lathe/index.md",
        "---\nname: 선반\ncategory: nope\ncompany: acme\ndate: 2025-13-01\nsummary: 요약\n"
        "colour: 빨강\nimages:\n  - src: photo.jpg\n    alt: 사진\n---\n본문\n",
    )
    (project.root / "content/products/empty").mkdir()
    assert main(["check", "-f", str(project.config_file)]) == 1
    printed = capsys.readouterr()
    task = json.loads((ROOT / ".vscode/tasks.json").read_text(encoding="utf-8"))["tasks"][0]
    assert task["args"] == ["-m", "showroom", "check"]
    with_line, whole_file = (re.compile(m["pattern"]["regexp"]) for m in task["problemMatcher"])
    found = []
    for text in (printed.out + printed.err).splitlines():
        matches = [m for m in (with_line.match(text), whole_file.match(text)) if m]
        assert len(matches) <= 1, text
        if matches:
            found.append(matches[0].groups())
    lathe = "content/products/lathe/index.md"
    assert found == [
        ("content/products/empty", None, "a product folder needs an index.md file"),
        (lathe, "3", None, "category: unknown category 'nope': no file "
         "content/categories/nope.yml"),
        (lathe, "5", None, "date: 2025-13-01 is not a real date"),
        (lathe, "7", "warning", "colour: unknown field (ignored)"),
    ]  # fmt: skip


def run_step(script: str, cwd: Path, share: int = 1) -> None:
    """A step's shell script as GitHub runs it (`bash -eo pipefail`), the matrix filled in."""
    script = script.replace("${{ matrix.share }}", str(share))
    script = script.replace(".venv/bin/showroom", str(BIN / "showroom"))
    subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=cwd,
                   check=True)  # fmt: skip


def test_photo_jobs_fill_the_cache_in_shares_for_the_build(
    workflow: dict[str, Any], cold_project: Project, tmp_path: Path
) -> None:
    """The `photos` jobs' own scripts, each in a checkout of its own: what they hand over
    (only the entries each made) put into the build job's cache, every photo is there."""
    for n in range(8):
        cold_project.product(f"part-{n}", f"부품 {n}")
    photos = workflow["jobs"]["photos"]
    assert photos["strategy"]["matrix"]["share"] == [1, 2, 3, 4]
    assert "photos" in workflow["jobs"]["build"]["needs"]
    encode = steps(photos)[index_of(photos, "showroom cache fill")]["run"]
    tars = tmp_path / "artifacts"
    tars.mkdir()
    for share in (1, 2, 3, 4):
        runner = tmp_path / f"runner-{share}"
        shutil.copytree(cold_project.root, runner)
        run_step(encode, runner, share)
        for made in (runner / "made").glob("*.tar"):
            shutil.move(made, tars / made.name)
    build = workflow["jobs"]["build"]
    put = steps(build)[index_of(build, "tar -xf")]["run"]
    shutil.move(tars, cold_project.root / "made")
    run_step(put, cold_project.root)
    cache = cold_project.root / ".cache/images"
    assert not (cold_project.root / "made").exists()
    assert fill_image_cache(cold_project.config_file) == (0, 11, cache)  # 3 + 8 photos there
    options = BuildOptions(config_file=cold_project.config_file, out=cold_project.out)
    assert build_site(options).photos_encoded == 0
