"""The catalogue benchmark's measurements: one command in a fresh process with its CPU time and
peak memory, the state of the catalogue cache, and the figures of a written PDF (pages, bytes
per page, images)."""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

#: The words of the summary's catalogue line (`showroom pdf` and `showroom build`).
RENDERED = "rendered"
UNCHANGED = "unchanged, from the cache"
#: How often the memory of the process tree is sampled (seconds).
SAMPLE_SECONDS = 0.25
#: An image at least this wide is a photo (the QR codes and the logo are smaller).
PHOTO_MIN_WIDTH = 300


@dataclass(frozen=True)
class Finished:
    returncode: int
    stdout: str
    stderr: str
    wall_seconds: float
    cpu_seconds: float  # user + system of the process and the children it waited for
    max_rss_mb: float  # the largest resident set of any one of them (wait4's ru_maxrss)
    tree_pss_mb: float  # the largest sampled sum of their proportional set sizes


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def _pss_kb(pid: int) -> int:
    """The proportional set size of `pid` (pages shared with a forked child counted half in
    each); its resident set where smaps_rollup is missing; 0 once it has exited."""
    for name, key in (("smaps_rollup", "Pss:"), ("status", "VmRSS:")):
        try:
            for line in Path(f"/proc/{pid}/{name}").read_text().splitlines():
                if line.startswith(key):
                    return int(line.split()[1])
        except (OSError, ValueError):
            continue
    return 0


class TreeSampler:
    """Samples the memory of a process and all its descendants in a thread."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_kb = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop.is_set():
            pending, total = [self.pid], 0
            while pending:
                pid = pending.pop()
                total += _pss_kb(pid)
                pending += _children(pid)
            self.peak_kb = max(self.peak_kb, total)
            self.stop.wait(SAMPLE_SECONDS)

    def finish(self) -> float:
        self.stop.set()
        self.thread.join()
        return self.peak_kb / 1024


def run_measured(
    command: list[str], cwd: Path, env: dict[str, str], sample_tree: bool = True
) -> Finished:
    """`command` in a fresh process; CPU time and the largest resident set come from wait4()
    on it, which covers it and the children it waited for (the forked PDF writer); with
    `sample_tree`, the tree's proportional set size is sampled too (0 without)."""
    with tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=stdout, stderr=stderr)
        sampler = TreeSampler(process.pid) if sample_tree else None
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        tree = 0.0 if sampler is None else sampler.finish()
        stdout.seek(0)
        stderr.seek(0)
        return Finished(
            process.returncode,
            stdout.read().decode("utf-8", "replace"),
            stderr.read().decode("utf-8", "replace"),
            wall,
            usage.ru_utime + usage.ru_stime,
            usage.ru_maxrss / 1024,  # KiB on Linux
            tree,
        )


def catalogue_state(cache: Path) -> dict[str, tuple[tuple[str, int, int, int], ...]]:
    """Every file of every entry of the catalogue cache, with its size, mtime and inode: a
    render makes a new entry (or replaces one), a reuse leaves this as it was."""
    state: dict[str, tuple[tuple[str, int, int, int], ...]] = {}
    if not cache.is_dir():
        return state
    for entry in sorted(cache.iterdir()):
        files: list[tuple[str, int, int, int]] = []
        paths = sorted(entry.rglob("*")) if entry.is_dir() else [entry]
        for path in paths:
            try:
                s = path.lstat()
            except OSError:
                continue
            files.append((path.relative_to(cache).as_posix(), s.st_size, s.st_mtime_ns, s.st_ino))
        state[entry.name] = tuple(files)
    return state


def pdf_pages(path: Path) -> int:
    done = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    match = re.search(r"^Pages:\s+(\d+)", done.stdout, re.MULTILINE)
    if match is None:
        raise SystemExit(f"pdfinfo did not say how many pages {path} has")
    return int(match.group(1))


_UNITS = {"B": 1, "K": 1024, "M": 1024**2, "G": 1024**3}


def _size(text: str) -> int:
    return round(float(text[:-1]) * _UNITS[text[-1]]) if text[-1] in _UNITS else int(text)


def pdf_images(path: Path) -> list[dict[str, int | str]]:
    """The images of the PDF (`pdfimages -list`), each object once: width, height, encoding,
    x-ppi where first placed, and stored size."""
    done = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True,
                          check=True)  # fmt: skip
    seen: dict[str, dict[str, int | str]] = {}
    for line in done.stdout.splitlines()[2:]:
        cols = line.split()
        if len(cols) < 16 or cols[2] not in ("image", "smask"):
            continue
        seen.setdefault(cols[10], {"type": cols[2], "width": int(cols[3]), "height": int(cols[4]),
                                   "encoding": cols[8], "ppi": int(cols[12]),
                                   "bytes": _size(cols[14])})  # fmt: skip
    return list(seen.values())


def pdf_figures(path: Path, excerpts: Path) -> dict[str, int | float | str]:
    """Pages, bytes and bytes per page of the catalogue; its images and photos; the hall
    excerpts beside it."""
    pages = pdf_pages(path)
    size = path.stat().st_size
    images = pdf_images(path)
    photos = [i for i in images if i["type"] == "image" and int(i["width"]) >= PHOTO_MIN_WIDTH]
    halls = sorted(excerpts.glob("*.pdf")) if excerpts.is_dir() else []
    hall_pages = sum(pdf_pages(p) for p in halls)
    hall_bytes = sum(p.stat().st_size for p in halls)
    return {
        "file": path.name,
        "pages": pages,
        "bytes": size,
        "bytes_per_page": size / pages,
        "images": len(images),
        "image_bytes": sum(int(i["bytes"]) for i in images),
        "photos": len(photos),
        "photo_bytes": sum(int(i["bytes"]) for i in photos),
        "photo_ppi_median": statistics.median(int(i["ppi"]) for i in photos) if photos else 0,
        "photo_width_median": statistics.median(int(i["width"]) for i in photos) if photos else 0,
        "excerpts": len(halls),
        "excerpt_pages": hall_pages,
        "excerpt_bytes": hall_bytes,
        "excerpt_bytes_per_page": hall_bytes / hall_pages if hall_pages else 0,
    }
