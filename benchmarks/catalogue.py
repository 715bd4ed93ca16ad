"""Catalogue benchmark: a cold `showroom pdf` (the catalogue cache emptied before each run),
timed `--runs` times, then the same command and `showroom build` with nothing changed, which
must render nothing; for the screen edition (`catalogue.pdf`) and, once the engine knows
`showroom pdf --print`, the printer edition (`catalogue-print.pdf`).

    python benchmarks/catalogue.py --products 500 --runs 3 --edition screen --json
    python benchmarks/catalogue.py --products 500 --runs 3 --edition print --json
    python benchmarks/catalogue.py --products 500 --runs 1 --profile   # where the time goes

The showroom is `build_time.make_showroom` (8 product groups, so 8 group halls and the two
special halls; about 30 % of the products excellent procurement, 15 % innovation, features,
specs, certifications, procurement numbers) with one photo per product: by default a
4000×3000 camera-sized JPEG of its own (`photos.make_large_photo`, 2–4 MB, made once into the
work folder and reused), `--photos small` the generator's 640×480 drawings. The photos are
encoded once beforehand (a `build --no-pdf` fills the image cache, kept in the work folder),
so the numbers are the catalogue's own: HTML, font check, WeasyPrint layout, drawing and PDF
writing of the catalogue and the hall excerpts. Each run is a fresh process; its peak memory
is the largest resident set of the process and of the child it forks to write half of the PDFs
(`wait4()`), and the largest sum of their proportional set sizes, sampled every 0.25 s.
See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from build_time import (
    BUILD_DATE,
    RESULTS_DIR,
    check_generated,
    child_env,
    choose_engine,
    describe_probe,
    machine,
    make_showroom,
    parallel_probe,
)
from catalogue_profile import profile_run, stage_run
from catalogue_runs import (
    RENDERED,
    UNCHANGED,
    Finished,
    catalogue_state,
    pdf_figures,
    run_measured,
)
from photos import ensure_photos, make_photo_showroom

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = BENCH_DIR.parent
DEFAULT_WORKDIR = Path(tempfile.gettempdir()) / "showroom-bench-catalogue"
#: The targets of issue 14, item 10 (seconds, median of three cold renders at 500 products).
TARGETS = {"screen": 60.0, "print": 90.0}
#: The output file of each edition, in the output folder.
OUTPUT_FILE = {"screen": "catalogue.pdf", "print": "catalogue-print.pdf"}
#: Bump when the generated project changes: the work folder's project is then made again.
PROJECT_VERSION = 1


@dataclass
class Run:
    kind: str  # "cold", "nochange" (showroom pdf again), "build-fill", "build-nochange"
    wall_seconds: float
    done_seconds: float | None  # the command's own "Done in X s"
    cpu_seconds: float
    max_rss_mb: float  # the largest single process (wait4)
    tree_pss_mb: float  # the largest sampled sum of PSS of the process and its children
    load_before: float
    load_after: float
    catalogue: str  # "rendered", "unchanged, from the cache" or "" (no summary line)
    cache_changed: bool  # a catalogue cache entry was made, removed or rewritten
    pages_rendered: int | None = None  # `showroom build`: its "N pages rendered"


@dataclass
class EditionResult:
    label: str
    edition: str
    products: int | None
    skipped: str = ""  # why the edition was not measured
    runs: list[Run] = field(default_factory=list)
    figures: dict[str, Any] = field(default_factory=dict)  # Any: pages, bytes, images (JSON)
    summary: str = ""
    problems: list[str] = field(default_factory=list)  # failed checks
    stages: list[tuple[str, float]] = field(default_factory=list)  # --profile, from --debug
    profile: dict[str, Any] = field(default_factory=dict)  # Any: cProfile groups and tops

    def of(self, kind: str) -> list[Run]:
        return [r for r in self.runs if r.kind == kind]


def pdf_command(config: Path, out: Path, edition: str, *extra: str) -> list[str]:
    command = [sys.executable, "-m", "showroom", "pdf", "--config-file", str(config),
               "--out", str(out), "--date", BUILD_DATE.isoformat(), *extra]  # fmt: skip
    return [*command, "--print"] if edition == "print" else command


def build_command(config: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "showroom", "build", "--config-file", str(config),
            "--out", str(out), "--date", BUILD_DATE.isoformat(), *extra]  # fmt: skip


def knows_print() -> bool:
    """Whether the engine's `showroom pdf` has the `--print` option (the printer edition)."""
    done = subprocess.run(
        [sys.executable, "-m", "showroom", "pdf", "--help"],
        capture_output=True,
        text=True,
        env=child_env(),
        check=False,
    )
    return re.search(r"(^|\s)--print\b", done.stdout) is not None


def edition_config(config: Path, edition: str) -> Path:
    """The configuration a `showroom build` of `edition` uses: showroom.yml itself for the
    screen edition; for the printer edition a copy beside it with `catalogue: {edition:
    print}` (or None when showroom.yml has a catalogue section of its own)."""
    if edition == "screen":
        return config
    text = config.read_text(encoding="utf-8")
    if re.search(r"^catalogue:", text, re.MULTILINE):
        raise SystemExit(f"{config} has a catalogue section: add `edition: print` by hand")
    printed = config.with_name("showroom-print.yml")
    printed.write_text(text + "catalogue:\n  edition: print\n", encoding="utf-8")
    return printed


def prepare(config: Path, work: Path) -> None:
    """Encode the photos once (a build without PDFs fills the image cache)."""
    done = subprocess.run(
        build_command(config, work / "prepare", "--no-pdf"),
        capture_output=True,
        text=True,
        env=child_env(),
        cwd=config.parent,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"the build that encodes the photos failed:\n{done.stderr[-3000:]}")


_SUMMARY = re.compile(r"[Cc]atalogue:\s+(\d+) pages \((rendered|unchanged, from the cache)\)")
_DONE = re.compile(r"^Done in ([0-9.]+) s$", re.MULTILINE)
_OUTPUT = re.compile(r"output:\s+(\d+) pages rendered")


def timed(kind: str, command: list[str], config: Path) -> tuple[Run, Finished]:
    """Run `command` in the project's folder; the catalogue cache is compared before and
    after (`cache_changed`), and the summary's catalogue line read."""
    cache = config.parent / ".cache" / "catalogue"
    before = catalogue_state(cache)
    load = os.getloadavg()[0]
    done = run_measured(command, config.parent, child_env())
    load_after = os.getloadavg()[0]
    if done.returncode != 0:
        tail = (done.stderr.strip() or done.stdout.strip()).splitlines()[-15:]
        raise SystemExit(f"{' '.join(command[2:4])} failed:\n" + "\n".join(tail))
    summary = _SUMMARY.search(done.stdout)
    inner = _DONE.search(done.stdout)
    output = _OUTPUT.search(done.stdout)
    run = Run(
        kind,
        done.wall_seconds,
        float(inner.group(1)) if inner else None,
        done.cpu_seconds,
        done.max_rss_mb,
        done.tree_pss_mb,
        load,
        load_after,
        summary.group(2) if summary else "",
        catalogue_state(cache) != before,
        int(output.group(1)) if output else None,
    )
    return run, done


def check_run(result: EditionResult, run: Run) -> None:
    """A cold render renders; a rebuild with nothing changed renders nothing and leaves the
    catalogue cache as it was (the check of issue 14, item 10)."""
    wanted = RENDERED if run.kind == "cold" else UNCHANGED
    if run.catalogue != wanted:
        shown = run.catalogue or "no catalogue line in the summary"
        result.problems.append(f"{run.kind}: the catalogue was {shown!r}, expected {wanted!r}")
    if run.kind in ("nochange", "build-nochange") and run.cache_changed:
        result.problems.append(f"{run.kind}: the catalogue cache changed")
    if run.kind == "build-nochange" and run.pages_rendered not in (0, None):
        result.problems.append(f"{run.kind}: {run.pages_rendered} pages rendered, expected 0")


def describe(run: Run) -> str:
    done = f" (Done in {run.done_seconds:.2f} s)" if run.done_seconds is not None else ""
    what = run.catalogue or "?"
    extra = "" if run.pages_rendered is None else f", {run.pages_rendered} pages rendered"
    return (
        f"{run.kind}: {run.wall_seconds:.2f} s{done}, CPU {run.cpu_seconds:.1f} s, peak "
        f"{run.max_rss_mb:.0f} MB (tree PSS {run.tree_pss_mb:.0f} MB), load "
        f"{run.load_before:.1f} → {run.load_after:.1f}; catalogue {what}{extra}"
        + ("; cache changed" if run.cache_changed else "")
    )


def measure(
    label: str, products: int | None, config: Path, edition: str, args: argparse.Namespace
) -> EditionResult:
    result = EditionResult(label, edition, products)
    work = config.parent.parent / f"{config.parent.name}-{edition}"
    pdf_out, site_out = work / "pdf", work / "site"
    cache = config.parent / ".cache" / "catalogue"
    for number in range(args.runs):
        shutil.rmtree(cache, ignore_errors=True)
        shutil.rmtree(pdf_out, ignore_errors=True)
        run, done = timed("cold", pdf_command(config, pdf_out, edition), config)
        line = _SUMMARY.search(done.stdout)
        result.summary = (
            done.stdout[line.start() : done.stdout.find("\n", line.start())] if line else ""
        )
        check_run(result, run)
        result.runs.append(run)
        print(f"  {label} {edition} {number + 1}/{args.runs} {describe(run)}", flush=True)
    result.figures = pdf_figures(pdf_out / OUTPUT_FILE[edition], pdf_out / "catalogue")
    for number in range(args.nochange_runs):
        run, _ = timed("nochange", pdf_command(config, pdf_out, edition), config)
        check_run(result, run)
        result.runs.append(run)
        print(f"  {label} {edition} pdf again {number + 1}: {describe(run)}", flush=True)
    if args.nochange_runs and not args.no_build:
        built = edition_config(config, edition)
        shutil.rmtree(site_out, ignore_errors=True)
        run, _ = timed("build-fill", build_command(built, site_out), config)
        result.runs.append(run)  # the site is new; the catalogue should come from the cache
        print(f"  {label} {edition} {describe(run)}", flush=True)
        for number in range(args.nochange_runs):
            run, _ = timed("build-nochange", build_command(built, site_out), config)
            check_run(result, run)
            result.runs.append(run)
            print(f"  {label} {edition} build again {number + 1}: {describe(run)}", flush=True)
    if args.profile:
        shutil.rmtree(cache, ignore_errors=True)
        result.stages = stage_run(pdf_command(config, pdf_out, edition, "--debug"), config)
        shutil.rmtree(cache, ignore_errors=True)
        stats = work / "catalogue.prof"
        result.profile = profile_run(pdf_command(config, pdf_out, edition), config, stats)
    return result


def generated_project(workdir: Path, n: int, seed: int, photos: str) -> Path:
    """The project of `n` products in the work folder, made again when it is not the one
    these arguments describe (the image cache inside it is then lost too)."""
    root = workdir / f"gen-{n}-{photos}"
    stamp = {"version": PROJECT_VERSION, "products": n, "seed": seed, "photos": photos}
    stamp_file = root / "benchmark.json"
    try:
        if json.loads(stamp_file.read_text(encoding="utf-8")) == stamp:
            return root / "showroom.yml"
    except (OSError, ValueError):
        pass
    shutil.rmtree(root, ignore_errors=True)
    print(f"generating {n} products ({photos} photos) into {root} …", flush=True)
    if photos == "large":
        made = ensure_photos(workdir / "photos", n, seed)
        print(f"  photos: {made.photos} ({made.megabytes:.0f} MB, {made.made} made now in "
              f"{made.seconds:.0f} s)", flush=True)  # fmt: skip
        config = make_photo_showroom(root, workdir / "photos", n, seed)
    else:
        config = make_showroom(root, n, seed)
    warnings = check_generated(config, n)
    print(f"  checked: {warnings} warnings (expired designations are expected)", flush=True)
    stamp_file.write_text(json.dumps(stamp), encoding="utf-8")
    return config


def sample_project(workdir: Path) -> Path:
    sample = workdir / "sample"
    shutil.rmtree(sample, ignore_errors=True)
    shutil.copytree(PROJECT_ROOT, sample, ignore=shutil.ignore_patterns(
        ".git", ".venv", "node_modules", "public", ".cache", "benchmarks"))  # fmt: skip
    return sample / "showroom.yml"


def stats_of(runs: Sequence[Run]) -> dict[str, float]:
    walls = [r.wall_seconds for r in runs]
    if not walls:
        return {}
    return {
        "median_s": statistics.median(walls),
        "min_s": min(walls),
        "max_s": max(walls),
        "cpu_median_s": statistics.median(r.cpu_seconds for r in runs),
        "peak_rss_mb": max(r.max_rss_mb for r in runs),
        "peak_tree_pss_mb": max(r.tree_pss_mb for r in runs),
        "load_before_min": min(r.load_before for r in runs),
        "load_before_max": max(r.load_before for r in runs),
    }


def print_results(results: list[EditionResult]) -> None:
    print()
    for r in results:
        if r.skipped:
            print(f"{r.label}, {r.edition} edition: skipped: {r.skipped}")
            continue
        cold = stats_of(r.of("cold"))
        target = TARGETS[r.edition]
        print(
            f"{r.label}, {r.edition} edition, cold (median of {len(r.of('cold'))}): "
            f"{cold['median_s']:.1f} s (min {cold['min_s']:.1f}, max {cold['max_s']:.1f}; "
            f"{cold['median_s'] / target:.2f}× the {target:.0f} s target), CPU "
            f"{cold['cpu_median_s']:.1f} s, peak RSS {cold['peak_rss_mb']:.0f} MB (largest "
            f"process), tree PSS {cold['peak_tree_pss_mb']:.0f} MB, load "
            f"{cold['load_before_min']:.1f}–{cold['load_before_max']:.1f}"
        )
        f = r.figures
        print(
            f"  {f['file']}: {f['pages']} pages, {f['bytes']:,} bytes, "
            f"{f['bytes_per_page']:,.0f} bytes/page; images {f['images']} "
            f"({f['image_bytes']:,} bytes), photos at {f['photo_ppi_median']} ppi (median); "
            f"hall excerpts {f['excerpts']} files, {f['excerpt_bytes']:,} bytes"
        )
        for kind in ("nochange", "build-nochange"):
            s = stats_of(r.of(kind))
            if s:
                print(f"  {kind}: {s['median_s']:.2f} s median (min {s['min_s']:.2f}, max "
                      f"{s['max_s']:.2f}), peak RSS {s['peak_rss_mb']:.0f} MB")  # fmt: skip
        print("  checks: " + ("; ".join(r.problems) if r.problems else "all passed"))


def write_json(
    results: list[EditionResult], info: dict[str, Any], args: argparse.Namespace
) -> Path:
    labels = (["sample"] if args.sample else []) + [str(n) for n in args.products]
    editions = "" if "screen" in args.edition else "-print"
    name = f"catalogue-{'-'.join(labels)}{editions}-{dt.date.today().isoformat()}.json"
    path = RESULTS_DIR / name
    document = {
        "benchmark": "catalogue",
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "command": " ".join(["python", *sys.argv]),
        "pdf_command": " ".join(pdf_command(Path("<site>"), Path("<out>"), "screen")[1:]),
        "build_date": BUILD_DATE.isoformat(),
        "photos": args.photos,
        "targets_s": TARGETS,
        **info,
        "results": [
            {
                **asdict(r),
                "cold": stats_of(r.of("cold")),
                "nochange": stats_of(r.of("nochange")),
                "build_nochange": stats_of(r.of("build-nochange")),
                "ratio_to_target": (
                    stats_of(r.of("cold"))["median_s"] / TARGETS[r.edition] if r.runs else None
                ),
            }
            for r in results
        ],
    }
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def loads() -> list[float]:
    """The 1-, 5- and 15-minute load averages, rounded."""
    return [round(load, 2) for load in os.getloadavg()]


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="time the catalogue render")
    parser.add_argument("--products", type=int, nargs="*", default=[500])
    parser.add_argument("--sample", action="store_true", help="also the repository's sample")
    parser.add_argument("--runs", type=int, default=3, help="cold renders (default 3)")
    parser.add_argument(
        "--nochange-runs",
        type=int,
        default=3,
        help="`showroom pdf` and `showroom build` again with nothing changed "
        "(default 3 of each; 0: none)",
    )
    parser.add_argument(
        "--no-build", action="store_true", help="no `showroom build` with nothing changed"
    )
    parser.add_argument(
        "--edition",
        nargs="+",
        choices=("screen", "print"),
        default=["screen"],
        help="screen: catalogue.pdf; print: `showroom pdf --print`, "
        "catalogue-print.pdf (skipped when the engine does not know it)",
    )
    parser.add_argument(
        "--photos",
        choices=("large", "small"),
        default="large",
        help="large: a 4000×3000 JPEG per product (default); small: 640×480",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--workdir",
        type=Path,
        default=DEFAULT_WORKDIR,
        help="projects, photos and their image caches, kept for the next "
        f"invocation (default {DEFAULT_WORKDIR})",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also one cold run with --debug (stage times) and one under "
        "cProfile (the parent process)",
    )
    parser.add_argument("--json", action="store_true", help="write results/catalogue-….json")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--live", action="store_true", help="the work tree at each run")
    group.add_argument("--engine-rev", metavar="REV", help="showroom/ and themes/ of commit REV")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    git, engine = choose_engine(args.live, args.engine_rev, args.workdir)
    print(f"engine: {git} ({engine})", flush=True)
    info: dict[str, Any] = {"git": git, "engine": engine, "machine": machine()}
    info["load_average_before"] = loads()
    info["parallel_before"] = parallel_probe()
    print(f"load average {info['load_average_before']}; two busy processes: "
          f"{describe_probe(info['parallel_before'])}", flush=True)  # fmt: skip
    projects: list[tuple[str, int | None, Path]] = []
    if args.sample:
        projects.append(("sample", None, sample_project(args.workdir)))
    for n in args.products:
        config = generated_project(args.workdir, n, args.seed, args.photos)
        projects.append((f"{n} products", n, config))
    results: list[EditionResult] = []
    printable = knows_print()
    for label, n, config in projects:
        started = time.perf_counter()
        prepare(config, config.parent.parent / f"{config.parent.name}-work")
        print(f"{label}: photos encoded (build --no-pdf) in {time.perf_counter() - started:.0f} s")
        for edition in args.edition:
            if edition == "print" and not printable:
                reason = "the engine's `showroom pdf` has no --print option yet"
                print(f"{label}: {reason}: the printer edition is skipped", flush=True)
                results.append(EditionResult(label, edition, n, skipped=reason))
                continue
            results.append(measure(label, n, config, edition, args))
            if args.json:  # so far: a run cut short keeps what it measured
                write_json(results, info, args)
    info["load_average_after"] = loads()
    info["parallel_after"] = parallel_probe()
    print_results(results)
    print(f"machine: {os.cpu_count()} CPUs; load average {info['load_average_before']} before, "
          f"{info['load_average_after']} after; two busy processes: "
          f"{describe_probe(info['parallel_after'])} at the end")  # fmt: skip
    if args.json:
        print(f"wrote {write_json(results, info, args)}")
    return 1 if any(r.problems for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
