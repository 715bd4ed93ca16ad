"""Edit-to-ready benchmark: how long after an editor saves a product file `showroom serve` has
the rebuilt page in place (the edit: a paragraph added to the product's Markdown body).

    python benchmarks/serve_time.py --products 1000 5000 --edits 9 [--workdir DIR] [--json]

For each N the script makes the synthetic showroom of build_time.py (or reuses one in
DIR/showroom-N with its caches), starts `python -m showroom serve --port 0` on it with the
work tree's engine, waits for the first build, then `--edits` times adds a paragraph to a
product (a different one each time, picked by the seed) and measures, with the clock of this
process, from the moment the file was written to the moment the product's page in the preview
folder holds the new text (polled every millisecond). It also reads the server's own
"Rebuilt in X s" line (the rebuild alone, without noticing the change and waiting out the
quiet period) and the CPU seconds the server used (from /proc). See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import queue
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from build_time import BUILD_DATE, make_showroom

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"

_REBUILT = re.compile(r"Rebuilt in (\d+) ms: (\d+) pages rendered")
_SEARCH = re.compile(r"Search index made in ([\d.]+) s; published in (\d+) ms")
_PENDING = "the search index follows"
_BUILT = re.compile(r"Built in (\d+) ms")


@dataclass
class Edit:
    product: str
    seconds: float  # from writing the file to the new page in place
    rebuild_seconds: float | None  # the server's own "Rebuilt in"
    pages_rendered: int | None
    load_before: float
    #: From writing the file to the new search index published (None: the index was not
    #: changed, or search is off)
    search_seconds: float | None = None


@dataclass
class SizeResult:
    products: int
    first_build_seconds: float | None
    edits: list[Edit] = field(default_factory=list)
    server_cpu_seconds: float = 0.0  # during the edits
    idle_cpu_seconds: float = 0.0  # during 5 s without edits, before them
    peak_rss_mb: float = 0.0  # the server's, at the end


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


def project(
    workdir: Path, n: int, seed: int, translated: float = 0.0, shared_photos: bool = False
) -> Path:
    name = f"showroom-{n}" + (f"-en{translated:g}" if translated else "")
    root = workdir / (name + ("-shared" if shared_photos else ""))
    if not (root / "showroom.yml").is_file():
        print(f"N={n}: generating into {root} …", flush=True)
        make_showroom(root, n, seed, shared_photos, translated)
    return root


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident set (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def run_size(root: Path, n: int, edits: int, seed: int, search: bool = True) -> SizeResult:
    env = dict(os.environ, PYTHONPATH=str(PROJECT_ROOT))
    env.pop("SOURCE_DATE_EPOCH", None)
    command = [sys.executable, "-m", "showroom", "serve", "--port", "0"]
    if not search:
        command.append("--no-search")
    command += ["--date", BUILD_DATE.isoformat()]
    process = subprocess.Popen(command, cwd=root, env=env, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue[str] = queue.Queue()
    stream = process.stderr
    assert stream is not None

    def read() -> None:
        for line in stream:
            lines.put(line)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    result = SizeResult(n, None)
    try:
        started = time.perf_counter()
        print(f"N={n}: first build (photos from the cache when it is filled) …", flush=True)
        while True:
            line = lines.get(timeout=3600)
            match = _BUILT.search(line)
            if match:
                result.first_build_seconds = int(match.group(1)) / 1000
            if "Serving on" in line:
                break
        print(f"  serving after {time.perf_counter() - started:.1f} s", flush=True)
        before = cpu_seconds(process.pid)
        time.sleep(5)
        result.idle_cpu_seconds = cpu_seconds(process.pid) - before
        folders = sorted(p for p in (root / "content/products").iterdir() if p.is_dir())
        picked = random.Random(seed).sample(folders, edits)
        originals = {f: (f / "index.md").read_text(encoding="utf-8") for f in picked}
        before = cpu_seconds(process.pid)
        for number, folder in enumerate(picked, start=1):
            result.edits.append(edit_once(root, folder, number, lines))
            print(f"  edit {number}/{edits}: {describe(result.edits[-1])}", flush=True)
            time.sleep(0.5)
        result.server_cpu_seconds = cpu_seconds(process.pid) - before
        for folder, text in originals.items():  # leave the project as it was
            (folder / "index.md").write_text(text, encoding="utf-8")
        time.sleep(1.5)
        result.peak_rss_mb = peak_rss_mb(process.pid)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=120)
        except subprocess.TimeoutExpired:  # SIGINT ignored (started in the background by sh)
            process.terminate()
            process.wait(timeout=600)
    return result


def edit_once(root: Path, folder: Path, number: int, lines: queue.Queue[str]) -> Edit:
    index = folder / "index.md"
    page = root / ".cache/serve/products" / folder.name / "index.html"
    marker = f"편집 {number}회차 {time.time_ns() % 10**9}"  # new text: the index is made anew
    text = index.read_text(encoding="utf-8")
    edited = text + f"\n{marker}: 본문 끝에 문단을 하나 더했습니다.\n"
    while not lines.empty():
        lines.get_nowait()
    load = os.getloadavg()[0]
    written = time.perf_counter()
    index.write_text(edited, encoding="utf-8")
    deadline = written + 120
    while marker not in page.read_text(encoding="utf-8"):
        if time.perf_counter() > deadline:
            raise RuntimeError(f"{page} never showed {marker}")
        time.sleep(0.001)
    seconds = time.perf_counter() - written
    rebuild = pages = search = None
    pending = False
    try:
        while rebuild is None:
            line = lines.get(timeout=30)
            match = _REBUILT.search(line)
            if match:
                rebuild, pages = int(match.group(1)) / 1000, int(match.group(2))
                pending = _PENDING in line
        while pending and search is None:  # the index is made in the background: wait for it
            if _SEARCH.search(lines.get(timeout=600)):
                search = time.perf_counter() - written
    except queue.Empty:
        pass
    return Edit(folder.name, seconds, rebuild, pages, load, search)


def describe(edit: Edit) -> str:
    rebuild = "?" if edit.rebuild_seconds is None else f"{edit.rebuild_seconds * 1000:.0f}"
    search = (
        "" if edit.search_seconds is None else f"; search index after {edit.search_seconds:.1f} s"
    )
    return (
        f"{edit.product}: ready after {edit.seconds * 1000:.0f} ms (rebuild {rebuild} ms, "
        f"{edit.pages_rendered} pages rendered; load {edit.load_before:.2f}){search}"
    )


def print_table(results: list[SizeResult]) -> None:
    print(
        f"\n{'N':>6} {'edits':>5} {'ready ms':>9} {'min':>6} {'max':>6} {'rebuild ms':>10} "
        f"{'pages':>5} {'search s':>8} {'CPU s/edit':>10} {'idle CPU %':>10} {'load':>5} "
        f"{'RSS MB':>6}"
    )
    for r in results:
        ready = [e.seconds * 1000 for e in r.edits]
        rebuild = [e.rebuild_seconds * 1000 for e in r.edits if e.rebuild_seconds is not None]
        pages = [e.pages_rendered for e in r.edits if e.pages_rendered is not None]
        search = [e.search_seconds for e in r.edits if e.search_seconds is not None]
        print(
            f"{r.products:>6} {len(r.edits):>5} {statistics.median(ready):>9.0f} "
            f"{min(ready):>6.0f} {max(ready):>6.0f} "
            f"{statistics.median(rebuild) if rebuild else float('nan'):>10.0f} "
            f"{statistics.median(pages) if pages else 0:>5.0f} "
            f"{statistics.median(search) if search else float('nan'):>8.1f} "
            f"{r.server_cpu_seconds / max(1, len(r.edits)):>10.3f} "
            f"{100 * r.idle_cpu_seconds / 5:>10.1f} "
            f"{statistics.median(e.load_before for e in r.edits):>5.2f} "
            f"{r.peak_rss_mb:>6.0f}"
        )
    print(
        "ready: from writing index.md to the page in the preview folder holding the edit "
        "(median, min, max);\nrebuild: the server's own rebuild time (median); pages: pages "
        "rendered per edit (median); search: from writing index.md to the new search index "
        "published\n(median; each edit waits for it); CPU s/edit: the server's CPU time during "
        "the edits "
        "divided by their number; idle CPU: while nothing changes; load: 1-minute\nload "
        "average before each edit; RSS: the server's peak resident set."
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--products", type=int, nargs="+", default=[1000])
    parser.add_argument("--edits", type=int, default=9)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/showroom-bench-serve"))
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--translated",
        type=float,
        default=0.0,
        metavar="FRACTION",
        help="the site in Korean and English, this share of the products translated "
        "(build_time.py's option; the project goes to showroom-N-enFRACTION)",
    )
    parser.add_argument(
        "--no-search", action="store_true", help="serve --no-search (no search index to make)"
    )
    parser.add_argument(
        "--shared-photos", action="store_true", help="8 photo files for all (build_time.py's)"
    )
    args = parser.parse_args()
    results = []
    for n in args.products:
        root = project(args.workdir, n, args.seed, args.translated, args.shared_photos)
        results.append(run_size(root, n, args.edits, args.seed, search=not args.no_search))
    print_table(results)
    if args.json:
        RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        suffix = ("-no-search" if args.no_search else "") + ("-en" if args.translated else "")
        path = RESULTS_DIR / f"serve_time{suffix}-{dt.date.today().isoformat()}.json"
        document = {
            "benchmark": "serve_time",
            "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "sizes": [asdict(r) for r in results],
        }
        path.write_text(json.dumps(document, indent=1, ensure_ascii=False), encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
