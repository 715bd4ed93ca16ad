"""Catalogue benchmark: time and peak memory of `showroom pdf` (a cold render, the PDF cache
emptied before each run) for the sample showroom and for generated showrooms of N products.

    python benchmarks/catalogue.py --products 500 --runs 3 [--sample] [--json]

Each run is a fresh `python -m showroom pdf` process. The photos are encoded once before the
runs (the image cache is kept), so the numbers are the catalogue's own: HTML, font check,
WeasyPrint layout and PDF writing, and the hall excerpts. Peak memory is the largest resident
set of the process (ru_maxrss of the child).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = BENCH_DIR.parent
DATE = "2026-11-28"


def _make_showroom() -> Any:
    spec = importlib.util.spec_from_file_location("build_time", BENCH_DIR / "build_time.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_time"] = module
    spec.loader.exec_module(module)
    return module.make_showroom


def run_pdf(config: Path, out: Path) -> tuple[float, float, float, str]:
    """One cold render: (wall seconds, CPU seconds, peak RSS in MB, the command's first line).

    CPU is user + system time of the process and of the child it forks to write half of the
    PDFs; peak is the largest resident set of any one of them (the child shares its parent's
    memory until either writes to it)."""
    shutil.rmtree(config.parent / ".cache" / "catalogue", ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-m", "showroom", "pdf", "-f", str(config), "--out", str(out),
               "--date", DATE]  # fmt: skip
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    peak = after.ru_maxrss
    if result.returncode != 0:
        raise SystemExit(f"showroom pdf failed:\n{result.stderr}")
    lines = result.stdout.strip().splitlines()
    return wall, cpu, peak / 1024, lines[0] if lines else ""


def prepare(config: Path, out: Path) -> None:
    """Encode the photos once (a build without PDFs fills the image cache)."""
    command = [sys.executable, "-m", "showroom", "build", "--no-pdf", "-f", str(config),
               "--out", str(out), "--date", DATE]  # fmt: skip
    subprocess.run(command, capture_output=True, check=True)


def measure(label: str, config: Path, runs: int, work: Path) -> dict[str, Any]:
    prepare(config, work / "site")
    walls: list[float] = []
    cpus: list[float] = []
    peaks: list[float] = []
    loads: list[float] = []
    summary = ""
    for run in range(runs):
        load = os.getloadavg()[0]
        wall, cpu, peak, summary = run_pdf(config, work / "pdf")
        print(f"  {label} run {run + 1}/{runs}: {wall:.1f} s, CPU {cpu:.1f} s, "
              f"peak {peak:.0f} MB, load before {load:.1f}", flush=True)  # fmt: skip
        walls.append(wall)
        cpus.append(cpu)
        peaks.append(peak)
        loads.append(load)
    return {
        "label": label,
        "runs": runs,
        "median_s": statistics.median(walls),
        "min_s": min(walls),
        "max_s": max(walls),
        "walls_s": walls,
        "cpu_median_s": statistics.median(cpus),
        "loads": loads,
        "peak_mb": max(peaks),
        "summary": summary,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description="time the catalogue render")
    parser.add_argument("--products", type=int, nargs="*", default=[500])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sample", action="store_true", help="also the repository's sample")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory(prefix="showroom-catalogue-") as temp:
        work = Path(temp)
        if args.sample:
            sample = work / "sample"
            shutil.copytree(PROJECT_ROOT, sample, ignore=shutil.ignore_patterns(
                ".git", ".venv", "node_modules", "public", ".cache", "benchmarks"))  # fmt: skip
            results.append(measure("sample", sample / "showroom.yml", args.runs, work / "s"))
        make_showroom = _make_showroom()
        for n in args.products:
            config = make_showroom(work / f"gen-{n}", n)
            results.append(measure(f"{n} products", config, args.runs, work / f"g{n}"))
    print(
        f"\n{'showroom':<14} {'runs':>4} {'median':>8} {'min':>8} {'max':>8} {'CPU':>8} "
        f"{'peak MB':>8}  pages"
    )
    for r in results:
        print(f"{r['label']:<14} {r['runs']:>4} {r['median_s']:>7.1f}s {r['min_s']:>7.1f}s "
              f"{r['max_s']:>7.1f}s {r['cpu_median_s']:>7.1f}s {r['peak_mb']:>8.0f}  "
              f"{r['summary']}")  # fmt: skip
    print(f"machine: {os.cpu_count()} cores, Python {platform.python_version()}")
    if args.json:
        target = BENCH_DIR / "results" / f"catalogue-{dt.date.today().isoformat()}.json"
        target.parent.mkdir(exist_ok=True)
        target.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
