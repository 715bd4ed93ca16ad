"""Where a cold catalogue render spends its time: the stages `showroom pdf --debug` logs (each
layout pass, each PDF written, in the parent and in the forked child), and a run under
cProfile (the parent process only: the forked child that writes the other half of the PDFs
leaves with os._exit and its profile is lost; the parent's wait for it shows as `waitpid`)."""

from __future__ import annotations

import pstats
import re
import sys
from pathlib import Path
from typing import Any

from build_time import child_env
from catalogue_runs import run_measured

_LAID_OUT = re.compile(r"laid out (\d+) pages in ([0-9.]+) s")
_WROTE = re.compile(r"wrote (\S+) \((\d+) pages\) in ([0-9.]+) s")
_PASSES = ("front (page numbers as placeholders)", "body", "front (real page numbers)")

#: What the cumulative times of these functions (file suffix, name) say, in the parent.
GROUPS: tuple[tuple[str, str, str], ...] = (
    ("the whole command", "showroom/cli.py", "_pdf"),
    ("render_catalogue", "showroom/catalogue/pdf.py", "render_catalogue"),
    ("  catalogue HTML (Jinja)", "showroom/catalogue/make.py", "render_html"),
    ("  font coverage check", "showroom/catalogue/fonts.py", "check_coverage"),
    ("  layout (WeasyPrint HTML.render)", "weasyprint/document.py", "_render"),
    ("    style (CSS cascade)", "weasyprint/document.py", "_build_layout_context"),
    ("    boxes", "weasyprint/formatting_structure/build.py", "build_formatting_structure"),
    ("    layout_document", "weasyprint/layout/__init__.py", "layout_document"),
    ("  writing the parent's PDFs (write_pdf)", "weasyprint/document.py", "write_pdf"),
    ("    drawing (Page.paint)", "weasyprint/document.py", "paint"),
    ("    links and anchors", "weasyprint/pdf/anchors.py", "add_links"),
    ("    tags (pdf_tags)", "weasyprint/pdf/tags.py", "add_tags"),
    ("    images (x-objects)", "weasyprint/pdf/__init__.py", "_use_references"),
    ("    fonts (subset, embed)", "weasyprint/pdf/fonts.py", "build_fonts_dictionary"),
    ("    serialising (pydyf PDF.write)", "pydyf/__init__.py", "write"),
    ("  waiting for the forked writer", "~", "<built-in method posix.waitpid>"),
)
TOP = 25


def stage_run(command: list[str], config: Path) -> list[tuple[str, float]]:
    """One cold run with `--debug`: its layout passes and PDFs written, in log order, and the
    whole run."""
    done = run_measured(command, config.parent, child_env())
    if done.returncode != 0:
        raise SystemExit(f"the --debug run failed:\n{done.stderr[-3000:]}")
    stages: list[tuple[str, float]] = []
    passes = 0
    for line in done.stderr.splitlines():
        if laid := _LAID_OUT.search(line):
            name = _PASSES[passes] if passes < len(_PASSES) else f"pass {passes + 1}"
            stages.append((f"layout: {name}, {laid.group(1)} pages", float(laid.group(2))))
            passes += 1
        elif wrote := _WROTE.search(line):
            label = f"write {wrote.group(1)}, {wrote.group(2)} pages"
            stages.append((label, float(wrote.group(3))))
    stages.append(("the whole run (wall)", done.wall_seconds))
    print("  stages (--debug run):")
    for label, seconds in stages:
        print(f"    {seconds:7.1f} s  {label}")
    return stages


def _key_name(key: tuple[str, int, str]) -> str:
    filename, line, name = key
    for marker in ("site-packages/", "/showroom/"):
        if marker in filename:
            filename = ("showroom/" if marker == "/showroom/" else "") + filename.split(marker)[-1]
    return f"{filename}:{line}({name})" if filename != "~" else name


# Any: pstats has no public type for its table of (calls, primitive calls, tottime, cumtime,
# callers).
def _table(stats: pstats.Stats) -> dict[tuple[str, int, str], Any]:
    table: dict[tuple[str, int, str], Any] = stats.stats  # type: ignore[attr-defined]  # Any: see above
    return table


def profile_run(command: list[str], config: Path, stats_file: Path) -> dict[str, Any]:  # Any: JSON
    """One cold run under cProfile: the groups of GROUPS and the top functions by own time
    and by cumulative time (the parent process)."""
    profiled = [sys.executable, "-m", "cProfile", "-o", str(stats_file), *command[1:]]
    done = run_measured(profiled, config.parent, child_env())
    if done.returncode != 0:
        raise SystemExit(f"the cProfile run failed:\n{done.stderr[-3000:]}")
    table = _table(pstats.Stats(str(stats_file)))
    groups: list[tuple[str, float]] = []
    for label, suffix, name in GROUPS:
        seconds = sum(
            row[3] for key, row in table.items() if key[2] == name and key[0].endswith(suffix)
        )
        groups.append((label, seconds))
    own = sorted(table.items(), key=lambda item: -float(item[1][2]))[:TOP]
    cumulative = sorted(table.items(), key=lambda item: -float(item[1][3]))[: TOP * 2]
    result: dict[str, Any] = {  # Any: JSON
        "wall_s": done.wall_seconds,
        "groups": groups,
        "top_own": [(_key_name(k), row[2], row[1]) for k, row in own],
        "top_cumulative": [(_key_name(k), row[3], row[1]) for k, row in cumulative],
        "stats_file": str(stats_file),
    }
    print(f"  cProfile run ({done.wall_seconds:.1f} s wall, profiled), cumulative seconds:")
    for label, seconds in groups:
        print(f"    {seconds:7.1f} s  {label}")
    print(f"  top {TOP} functions by own time:")
    for name, seconds, calls in result["top_own"]:
        print(f"    {seconds:7.2f} s  {calls:>9}  {name}")
    return result
