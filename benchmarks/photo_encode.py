"""Photo encoding, in one process: CPU time per photo, files and bytes, WebP settings, draft mode.

    python benchmarks/photo_encode.py --photos 30 --runs 3      # CPU s per photo
    python benchmarks/photo_encode.py --photos 5 --methods 2 3 4 6  # WebP method per rendition
    python benchmarks/photo_encode.py --photos 5 --draft        # decoding with/without draft

The photos are photos.py's 4000×3000 phone-like JPEGs (`ensure_photos`, made once into
`$TMPDIR/showroom-bench-photos/photos`). `encode()` (showroom/images/encode.py, what each
worker of a build runs) is timed with `time.process_time()`, one photo after the other, so CPU
seconds per photo do not depend on how many cores are free. Run it with PYTHONPATH set to
another checkout to measure that engine (`--fallback` is ignored by an engine without it).
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import shutil
import statistics
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from photos import DEFAULT_WORKDIR, ensure_photos, photo_path
from PIL import Image, ImageChops, ImageStat

from showroom.config import ImageSettings
from showroom.fields.focus import Focus
from showroom.images import encode as encoding
from showroom.images.normalise import open_normalised


def _settings(fallback: bool) -> ImageSettings:
    names = {f.name for f in dataclasses.fields(ImageSettings)}
    return ImageSettings(fallback=fallback) if "fallback" in names else ImageSettings()


def time_encoding(paths: Sequence[Path], settings: ImageSettings, runs: int) -> None:
    """CPU seconds per photo (median of `runs`), files and bytes per photo."""
    per_run: list[float] = []
    files: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as folder:
        for run in range(runs):
            files = []
            started = time.process_time()
            for n, path in enumerate(paths):
                entry = Path(folder) / f"{run}-{n}"
                job = encoding.EncodeJob(path, path.name, "k", entry, settings, Focus())
                manifest = encoding.encode(job)
                assert isinstance(manifest, dict), manifest
                made = manifest["files"]
                assert isinstance(made, list)
                files += made
                shutil.rmtree(entry)
            per_run.append((time.process_time() - started) / len(paths))
    published = [f for f in files if f["role"] != "print"]
    size = sum(int(f["size"]) for f in published) / len(paths)  # type: ignore[call-overload]
    print(
        f"CPU s/photo: median {statistics.median(per_run):.3f} of {runs} runs "
        f"({', '.join(f'{t:.3f}' for t in per_run)}); {len(files) / len(paths):.0f} files made, "
        f"{len(published) / len(paths):.0f} published, {size / 1e3:.0f} kB published per photo"
    )
    kinds: dict[str, list[int]] = {}
    for f in files:
        kinds.setdefault(str(f["name"]), []).append(int(f["size"]))  # type: ignore[call-overload]
    for name, sizes in sorted(kinds.items()):
        print(f"  {name:14} {statistics.mean(sizes) / 1e3:7.1f} kB")


def _psnr(a: Image.Image, b: Image.Image) -> float:
    import math

    stat = ImageStat.Stat(ImageChops.difference(a, b).point(lambda v: v * v))
    mse = sum(stat.mean) / len(stat.mean)
    return 99.0 if mse == 0 else 10 * math.log10(255**2 / mse)


def compare_methods(paths: Sequence[Path], methods: Sequence[int], quality: int) -> None:
    """Bytes, ms and PSNR of each WebP rendition size at each `method`, same quality."""
    s = ImageSettings()
    rows: dict[tuple[int, int], list[tuple[int, float, float]]] = {}
    for path in paths:
        image = open_normalised(path.read_bytes(), path.name, max(s.widths))
        sizes = sorted({*s.widths, *s.card_widths}, reverse=True)
        source = image
        for width in sizes:
            source = source.resize((width, round(source.height * width / source.width)))
            for method in methods:
                buffer = io.BytesIO()
                started = time.process_time()
                source.save(buffer, "WEBP", quality=quality, method=method)
                ms = (time.process_time() - started) * 1e3
                decoded = Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")
                rows.setdefault((width, method), []).append(
                    (len(buffer.getvalue()), ms, _psnr(source, decoded))
                )
    print(f"WebP at quality {quality}, mean of {len(paths)} photos:")
    print("| width | method | kB | ms | PSNR dB |")
    print("|---:|---:|---:|---:|---:|")
    for (width, method), found in sorted(rows.items(), key=lambda r: (-r[0][0], r[0][1])):
        kb = statistics.mean(r[0] for r in found) / 1e3
        ms = statistics.mean(r[1] for r in found)
        psnr = statistics.mean(r[2] for r in found)
        print(f"| {width} | {method} | {kb:.1f} | {ms:.0f} | {psnr:.2f} |")


def compare_draft(paths: Sequence[Path]) -> None:
    """Decoding a 4000×3000 JPEG whole or in draft mode (at half size) for ≤ 1600 px."""
    for label, largest in (("whole", 10**6), ("draft", 1600)):
        started = time.process_time()
        sizes = set()
        for path in paths:
            image = open_normalised(path.read_bytes(), path.name, largest)
            small = image.resize((1600, round(image.height * 1600 / image.width)))
            sizes.add((image.size, small.size))
        ms = (time.process_time() - started) * 1e3 / len(paths)
        print(f"{label}: {ms:.0f} ms CPU per photo (decode + one resize to 1600), sizes {sizes}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=30)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--fallback", action="store_true", help="JPEG fallbacks at every width")
    parser.add_argument("--methods", type=int, nargs="*", help="compare these WebP methods")
    parser.add_argument("--quality", type=int, default=80)
    parser.add_argument("--draft", action="store_true", help="compare decoding with/without draft")
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    args = parser.parse_args(argv)
    folder = args.workdir / "photos"
    ensure_photos(folder, args.photos, 0)
    paths = [photo_path(folder, i) for i in range(args.photos)]
    if args.methods:
        compare_methods(paths, args.methods, args.quality)
    elif args.draft:
        compare_draft(paths)
    else:
        time_encoding(paths, _settings(args.fallback), args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
