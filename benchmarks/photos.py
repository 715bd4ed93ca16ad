"""Photo benchmark: N products with one large photo each (4000×3000 JPEG), built cold and warm.

    python benchmarks/photos.py --photos 200 --runs 3 [--json]

The photos are generated once with Pillow (a gradient, shapes and noise, 2–4 MB each, different
for every product, deterministic) into a work folder that later invocations reuse; the time is
reported separately. A synthetic showroom of N products (`build_time.make_showroom`) gets one
of them each. Then `python -m showroom build` runs `--runs` times cold (image cache and output
folder deleted), once to fill the cache, and `--runs` times warm (cache kept, output folder
emptied), each in a fresh interpreter. Reported per mode: wall, in-build and CPU seconds
(workers included), photos encoded per second, peak RSS of the largest process, and the size of
the cache. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from build_time import (
    _DONE,
    _PHOTOS,
    BUILD_DATE,
    RESULTS_DIR,
    add_engine_arguments,
    build_command,
    cache_folder,
    check_generated,
    choose_engine,
    describe_probe,
    machine,
    machine_line,
    make_showroom,
    parallel_probe,
    run_build,
    tree_size,
)
from PIL import Image, ImageDraw, ImageFilter

PHOTO_SIZE = (4000, 3000)
PHOTO_QUALITY = 90
#: Bump when the generated photos change: the work folder's photos are then made again.
GENERATOR_VERSION = 1
MODES = ("cold", "warm")
DEFAULT_WORKDIR = Path(tempfile.gettempdir()) / "showroom-bench-photos"


# -- the photos ---------------------------------------------------------------------------------


def _colour(rng: random.Random, low: int = 0, high: int = 255) -> tuple[int, int, int]:
    return (rng.randint(low, high), rng.randint(low, high), rng.randint(low, high))


def make_large_photo(index: int, seed: int = 0) -> bytes:
    """A photo-like 4000×3000 JPEG for product `index`: a gradient, 15–30 shapes, thin strokes,
    a slight blur, blotchy colour texture and fine grain, so that it encodes (and downscales)
    more like a real photo than a flat drawing would. About 2–4 MB; the same bytes every time."""
    rng = random.Random(f"{seed}-large-{index}")
    width, height = PHOTO_SIZE
    directions = (None, Image.Transpose.ROTATE_90, Image.Transpose.ROTATE_270)
    gradient = Image.linear_gradient("L")
    direction = rng.choice((*directions, Image.Transpose.FLIP_TOP_BOTTOM))
    if direction is not None:
        gradient = gradient.transpose(direction)
    image = Image.composite(
        Image.new("RGB", PHOTO_SIZE, _colour(rng, 0, 160)),
        Image.new("RGB", PHOTO_SIZE, _colour(rng, 90, 255)),
        gradient.resize(PHOTO_SIZE, Image.Resampling.BILINEAR),
    )
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(15, 30)):
        x, y = rng.randint(-500, width), rng.randint(-500, height)
        box = (x, y, x + rng.randint(100, 1800), y + rng.randint(100, 1500))
        colour = _colour(rng)
        kind = rng.random()
        if kind < 0.4:
            edge = (colour[0] // 2, colour[1] // 2, colour[2] // 2)
            draw.ellipse(box, fill=colour, outline=edge, width=rng.randint(2, 20))
        elif kind < 0.8:
            draw.rounded_rectangle(box, radius=rng.randint(0, 80), fill=colour)
        else:
            corners = [(rng.randint(0, width), rng.randint(0, height)) for _ in range(5)]
            draw.polygon(corners[: rng.randint(3, 5)], fill=colour)
    for _ in range(rng.randint(100, 300)):
        x, y = rng.randint(0, width), rng.randint(0, height)
        end = (x + rng.randint(-400, 400), y + rng.randint(-400, 400))
        draw.line((x, y, *end), fill=_colour(rng), width=rng.randint(1, 6))
    image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.8, 1.6)))
    coarse_size = (width // 16, height // 16)
    coarse = Image.frombytes("RGB", coarse_size, rng.randbytes(coarse_size[0] * coarse_size[1] * 3))
    image = Image.blend(image, coarse.resize(PHOTO_SIZE, Image.Resampling.BICUBIC), 0.12)
    grain = Image.frombytes("L", PHOTO_SIZE, rng.randbytes(width * height)).convert("RGB")
    image = Image.blend(image, grain, rng.uniform(0.045, 0.075))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=PHOTO_QUALITY)
    return buffer.getvalue()


def _write_photo(task: tuple[Path, int, int]) -> int:
    path, index, seed = task
    data = make_large_photo(index, seed)
    temporary = path.with_suffix(".tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
    return len(data)


@dataclass
class Generated:
    photos: int
    megabytes: float
    seconds: float  # to generate the missing ones (0 when all were reused)
    made: int  # how many were generated by this invocation
    processes: int


def ensure_photos(folder: Path, n: int, seed: int) -> Generated:
    """Photos 0 … n-1 in `folder` (`<index>.jpg`), generating the missing ones in parallel."""
    stamp = {"version": GENERATOR_VERSION, "seed": seed, "size": list(PHOTO_SIZE)}
    stamp_file = folder / "generator.json"
    if folder.is_dir():
        try:
            same = json.loads(stamp_file.read_text(encoding="utf-8")) == stamp
        except (OSError, ValueError):
            same = False
        if not same:
            shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stamp_file.write_text(json.dumps(stamp), encoding="utf-8")
    missing = [
        (photo_path(folder, i), i, seed) for i in range(n) if not photo_path(folder, i).is_file()
    ]
    processes = min(os.cpu_count() or 1, 8)
    started = time.perf_counter()
    if missing:
        print(
            f"generating {len(missing)} photos of {PHOTO_SIZE[0]}×{PHOTO_SIZE[1]} in "
            f"{processes} processes …",
            flush=True,
        )
        with ProcessPoolExecutor(max_workers=processes) as pool:
            for done, _ in enumerate(pool.map(_write_photo, missing), start=1):
                if done % 25 == 0 or done == len(missing):
                    print(f"  {done}/{len(missing)}", flush=True)
    seconds = time.perf_counter() - started if missing else 0.0
    size = sum(photo_path(folder, i).stat().st_size for i in range(n))
    return Generated(n, size / 1e6, seconds, len(missing), processes)


def photo_path(folder: Path, index: int) -> Path:
    return folder / f"{index:05d}.jpg"


def make_photo_showroom(root: Path, photos: Path, n: int, seed: int) -> Path:
    """A synthetic showroom of `n` products (build_time.make_showroom) whose photo.jpg is
    replaced by the large photo of the same number (a hard link when possible)."""
    shutil.rmtree(root, ignore_errors=True)
    config = make_showroom(root, n, seed)
    bundles = sorted((root / "content" / "products").iterdir())
    if len(bundles) != n:
        raise SystemExit(f"expected {n} product folders, found {len(bundles)}")
    for bundle in bundles:
        index = int(bundle.name.rsplit("-", 1)[1])
        target = bundle / "photo.jpg"
        target.unlink()
        try:
            os.link(photo_path(photos, index), target)
        except OSError:
            shutil.copyfile(photo_path(photos, index), target)
    return config


# -- the harness --------------------------------------------------------------------------------


@dataclass
class PhotoRun:
    mode: str  # "cold", "fill" or "warm"
    ok: bool
    wall_seconds: float
    build_seconds: float | None  # the build's own "Done in X s"
    cpu_seconds: float  # user + system of the build and its (reaped) worker processes
    max_rss_mb: float  # peak resident set of the largest single process in the tree
    load_before: float
    photos_encoded: int | None = None
    photos_reused: int | None = None
    message: str = ""


@dataclass
class CacheSize:
    entries: int
    files: int
    megabytes: float  # apparent size
    disk_megabytes: float  # allocated blocks


@dataclass
class Result:
    photos: int
    generated: Generated
    source_megabytes: float
    check_seconds: float
    runs: list[PhotoRun] = field(default_factory=list)
    fill: PhotoRun | None = None
    cache: CacheSize | None = None
    output_files: int = 0
    output_megabytes: float = 0.0
    summary: str = ""

    def good(self, mode: str) -> list[PhotoRun]:
        return [r for r in self.runs if r.ok and r.mode == mode]


def _parse(stdout: str) -> tuple[float | None, int | None, int | None]:
    done = _DONE.search(stdout)
    photos = _PHOTOS.search(stdout)
    return (
        float(done.group(1)) if done else None,
        int(photos.group(1)) if photos else None,
        int(photos.group(2)) if photos else None,
    )


def timed_build(config: Path, out: Path, mode: str) -> tuple[PhotoRun, str]:
    """One build in a fresh interpreter into an emptied output folder ("cold": the project's
    cache deleted first); CPU and peak RSS as build_time.run_build measures them."""
    shutil.rmtree(out, ignore_errors=True)
    if mode == "cold":
        shutil.rmtree(cache_folder(config), ignore_errors=True)
    load = os.getloadavg()[0]
    done = run_build(config, out)
    inner, encoded, reused = _parse(done.stdout)
    run = PhotoRun(
        mode,
        done.returncode == 0,
        done.wall_seconds,
        inner,
        done.cpu_seconds,
        done.max_rss_mb,
        load,
        encoded,
        reused,
    )
    if not run.ok:
        tail = (done.stderr.strip() or done.stdout.strip()).splitlines()[-3:]
        run.message = " | ".join(tail) or f"exit {done.returncode}"
    return run, done.stdout.strip()


def measure_cache(folder: Path) -> CacheSize:
    entries = files = size = blocks = 0
    for dirpath, _, filenames in os.walk(folder):
        if "manifest.json" in filenames:
            entries += 1
        for name in filenames:
            info = os.stat(os.path.join(dirpath, name))
            files += 1
            size += info.st_size
            blocks += info.st_blocks * 512
    return CacheSize(entries, files, size / 1e6, blocks / 1e6)


def describe(label: str, run: PhotoRun) -> str:
    inner = "?" if run.build_seconds is None else f"{run.build_seconds:.2f}"
    state = "ok" if run.ok else f"FAILED: {run.message}"
    return (
        f"  {label}: wall {run.wall_seconds:.2f} s, build {inner} s, CPU {run.cpu_seconds:.2f} s, "
        f"peak RSS {run.max_rss_mb:.0f} MB, photos {run.photos_encoded} encoded / "
        f"{run.photos_reused} reused, {state} (load average before: {run.load_before:.2f})"
    )


def run_benchmark(n: int, runs: int, seed: int, workdir: Path) -> Result:
    generated = ensure_photos(workdir / "photos", n, seed)
    print(
        f"photos: {n} × {PHOTO_SIZE[0]}×{PHOTO_SIZE[1]} JPEG, {generated.megabytes:.0f} MB "
        f"({generated.megabytes / n:.2f} MB each); "
        + (
            f"generated {generated.made} in {generated.seconds:.1f} s"
            if generated.made
            else "all reused from an earlier invocation"
        ),
        flush=True,
    )
    root = workdir / f"project-{n}"
    config = make_photo_showroom(root / "site", workdir / "photos", n, seed)
    started = time.perf_counter()
    check_generated(config, n)
    result = Result(n, generated, generated.megabytes, time.perf_counter() - started)
    out = root / "out"
    for mode in MODES:
        if mode == "warm":
            if not result.good("cold"):
                break
            result.fill, _ = timed_build(config, out, "fill")
            print(describe("fill (cache kept)", result.fill), flush=True)
            if not result.fill.ok:
                break
        for number in range(1, runs + 1):
            run, stdout = timed_build(config, out, mode)
            result.runs.append(run)
            print(describe(f"{mode} {number}/{runs}", run), flush=True)
            if not run.ok:
                break
            expected = (n, 0) if mode == "cold" else (0, n)
            if (run.photos_encoded, run.photos_reused) != expected:
                print(f"  NOTE: expected {expected[0]} encoded / {expected[1]} reused", flush=True)
            if mode == "cold":
                result.cache = measure_cache(cache_folder(config) / "images")
                files, size = tree_size(out)
                result.output_files, result.output_megabytes = files, size / 1e6
                result.summary = stdout
    shutil.rmtree(out, ignore_errors=True)
    return result


# -- reporting ------------------------------------------------------------------------------------


def _stats(values: Sequence[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def mode_stats(result: Result, mode: str) -> dict[str, Any]:
    good = result.good(mode)
    entry: dict[str, Any] = {"runs": len(good)}
    if not good:
        return entry
    entry["wall"] = _stats([r.wall_seconds for r in good])
    inner = [r.build_seconds for r in good if r.build_seconds is not None]
    if inner:
        entry["build"] = _stats(inner)
    entry["cpu"] = _stats([r.cpu_seconds for r in good])
    entry["max_rss_mb"] = max(r.max_rss_mb for r in good)
    entry["load_before_max"] = max(r.load_before for r in good)
    if mode == "cold":
        entry["photos_per_second"] = result.photos / entry["wall"]["median"]
        entry["cpu_seconds_per_photo"] = entry["cpu"]["median"] / result.photos
    return entry


def print_table(result: Result, info: dict[str, Any]) -> None:
    print(
        f"\nmachine: {info['nproc']} CPUs, {info['implementation']} {info['python']}, "
        f"{info['platform']}; build date {BUILD_DATE}"
    )
    print(machine_line(info))
    g = result.generated
    generated = (
        f"generated in {g.seconds:.1f} s ({g.processes} processes)"
        if g.made == g.photos
        else f"{g.made} generated in {g.seconds:.1f} s, {g.photos - g.made} reused"
    )
    print(
        f"{result.photos} products, one {PHOTO_SIZE[0]}×{PHOTO_SIZE[1]} JPEG each: "
        f"{result.source_megabytes:.0f} MB, {generated}; check(): {result.check_seconds:.2f} s"
    )
    header = (
        f"{'mode':<4} {'runs':>4} {'median s':>9} {'min s':>7} {'max s':>7} {'build s':>8} "
        f"{'CPU s':>7} {'photos/s':>8} {'CPU s/photo':>11} {'peak RSS MB':>11} {'load':>5}"
    )
    print(header)
    print("-" * len(header))
    for mode in MODES:
        good = result.good(mode)
        if not good:
            failed = [r for r in result.runs if r.mode == mode] or (
                [result.fill] if result.fill else []
            )
            message = failed[0].message if failed else "no runs"
            print(f"{mode:<4} {0:>4}  no successful build: {message}")
            continue
        s = mode_stats(result, mode)
        inner = f"{s['build']['median']:>8.2f}" if "build" in s else f"{'?':>8}"
        rate = f"{s['photos_per_second']:>8.2f}" if mode == "cold" else f"{'–':>8}"
        per_photo = f"{s['cpu_seconds_per_photo']:>11.3f}" if mode == "cold" else f"{'–':>11}"
        load = statistics.median(r.load_before for r in good)
        print(
            f"{mode:<4} {len(good):>4} {s['wall']['median']:>9.2f} {s['wall']['min']:>7.2f} "
            f"{s['wall']['max']:>7.2f} {inner} {s['cpu']['median']:>7.2f} {rate} {per_photo} "
            f"{s['max_rss_mb']:>11.0f} {load:>5.2f}"
        )
    if result.cache is not None:
        c = result.cache
        print(
            f"cache after a cold build: {c.entries} entries, {c.files} files, {c.megabytes:.1f} MB "
            f"({c.disk_megabytes:.1f} MB on disk, {c.megabytes / result.photos:.2f} MB a photo); "
            f"output: {result.output_files} files, {result.output_megabytes:.1f} MB (photos "
            "hard-linked from the cache)"
        )
    print(
        "cold: image cache and output folder deleted before each run; warm: cache kept (filled by "
        "one more build), output\nfolder emptied. median/min/max: wall seconds of the whole "
        "`python -m showroom build` process; build: its own\n'Done in' time; CPU: user + system "
        "seconds of the build and its workers; photos/s: photos / median wall;\nCPU s/photo: "
        "median CPU / photos; peak RSS: the largest single process (main or worker), highest "
        "run;\nload: median 1-minute load average before each run."
    )


def write_json(result: Result, info: dict[str, Any], args: argparse.Namespace) -> Path:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    variant = "-no-pdf" if args.no_pdf else ""
    path = RESULTS_DIR / f"photos{variant}-{dt.date.today().isoformat()}.json"
    document = {
        "benchmark": "photos",
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "build_date": BUILD_DATE.isoformat(),
        "seed": args.seed,
        "runs": args.runs,
        "photo": {
            "size": list(PHOTO_SIZE),
            "quality": PHOTO_QUALITY,
            "generator": GENERATOR_VERSION,
        },
        "modes": {
            "cold": "image cache (<project>/.cache) and output folder deleted before each run",
            "fill": "one build after the cold runs, cache kept (not in the statistics)",
            "warm": "cache kept, output folder emptied before each run",
        },
        "command": " ".join(build_command(Path("<site>/showroom.yml"), Path("<out>"))[1:]),
        "git": args.engine_git,
        "engine": args.engine,
        "machine": info,
        "result": asdict(result),
        "cold": mode_stats(result, "cold"),
        "warm": mode_stats(result, "warm"),
    }
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--photos", type=int, default=200, metavar="N", help="products (default 200)"
    )
    parser.add_argument(
        "--runs", type=int, default=3, help="cold and warm builds (default 3 of each)"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--json", action="store_true", help="write benchmarks/results/photos-*.json"
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        default=DEFAULT_WORKDIR,
        help="where the photos and the project go, kept for the next invocation (default "
        f"{DEFAULT_WORKDIR})",
    )
    parser.add_argument("--fresh", action="store_true", help="generate the photos again")
    add_engine_arguments(parser)
    parser.add_argument(
        "--generate-only", action="store_true", help="only generate the photos and the project"
    )
    args = parser.parse_args(argv)
    if args.runs < 1 or args.photos < 1:
        parser.error("--runs and --photos must be positive")
    workdir: Path = args.workdir.resolve()
    if args.fresh:
        shutil.rmtree(workdir / "photos", ignore_errors=True)
    if args.generate_only:
        generated = ensure_photos(workdir / "photos", args.photos, args.seed)
        config = make_photo_showroom(
            workdir / f"project-{args.photos}" / "site", workdir / "photos", args.photos, args.seed
        )
        print(
            f"{generated.photos} photos ({generated.megabytes:.0f} MB, "
            f"{generated.seconds:.1f} s); wrote {config}"
        )
        return 0
    info = machine()
    info["parallel_before"] = parallel_probe()
    print(f"two busy processes at once: {describe_probe(info['parallel_before'])}")
    with tempfile.TemporaryDirectory(prefix="showroom-bench-") as temp:
        args.engine_git, args.engine = choose_engine(
            args.live, args.engine_rev, Path(temp), args.no_pdf
        )
        print(f"engine: {args.engine} ({args.engine_git})")
        result = run_benchmark(args.photos, args.runs, args.seed, workdir)
    info["parallel_after"] = parallel_probe()
    print_table(result, info)
    if args.json:
        print(f"\nwrote {write_json(result, info, args)}")
    failed = (
        any(not r.ok for r in result.runs) or not result.good("cold") or not result.good("warm")
    )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
