"""Every HTML file of the built sample, in Korean and in English (/en/), passes the W3C Nu
HTML validator (vnu.jar)."""

from __future__ import annotations

import json
import shutil
import subprocess

from tests.conftest import ROOT, BuiltSite
from tests.site_files import html_files

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_nu_validator_finds_no_errors(sample: BuiltSite) -> None:
    java = shutil.which("java")
    assert java is not None, "java is missing: run tools/setup.sh"
    assert VNU.is_file(), f"{VNU} is missing: run tools/setup.sh (npm ci)"
    files = [str(f) for f in html_files(sample.out)]
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--also-check-css", *files],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [m for m in messages if m["type"] in ("error", "non-document-error")]
    warnings = [m for m in messages if m["type"] == "info"]
    for warning in warnings:  # listed in the test output (pytest -rA shows them)
        where = warning.get("url", "").rsplit("/public/", 1)[-1]
        print(f"vnu warning: {where}:{warning.get('lastLine')}: {warning['message']}")
    report = "\n".join(
        f"{m.get('url', '').rsplit('/public/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in errors
    )
    assert errors == [], report
    assert len(files) > 60
    english = [f for f in files if f.startswith(str(sample.out / "en") + "/")]
    assert len(english) > 30, "the English pages are validated too"
