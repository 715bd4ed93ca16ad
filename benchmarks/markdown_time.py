"""The CPU time of a project's Markdown: making the renderer and rendering every product body.

    python benchmarks/markdown_time.py [--project DIR] [--passes N]

Reads the body (below the front matter) of every content/products/*/index.md of the project
(default: the sample at the work tree's root), then prints the CPU time (`process_time`, less
disturbed than wall time by other work on the machine) of importing the renderer's module,
of making the renderer (its extensions are imported then), and of one pass over all bodies
(min and median of `--passes`). To compare two engines, run it with each on PYTHONPATH:

    PYTHONPATH=OTHER_TREE python benchmarks/markdown_time.py --project .
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def bodies(project: Path) -> list[str]:
    """The Markdown below the front matter of each product file, in path order."""
    found = []
    for path in sorted(project.glob("content/products/*/index.md")):
        text = path.read_text(encoding="utf-8")
        found.append(text.split("\n---\n", 1)[1] if text.startswith("---\n") else text)
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--project", type=Path, default=PROJECT_ROOT)
    parser.add_argument("--passes", type=int, default=100)
    args = parser.parse_args(argv)
    texts = bodies(args.project)
    if not texts or args.passes < 1:
        parser.error("no product bodies in the project, or --passes below 1")
    if str(PROJECT_ROOT) not in sys.path:  # the engine on PYTHONPATH, else this work tree's
        sys.path.append(str(PROJECT_ROOT))
    started = time.process_time()
    from showroom.render.markdown import MarkdownRenderer

    imported = time.process_time()
    renderer = MarkdownRenderer()
    made = time.process_time()
    passes = []
    for _ in range(args.passes):
        start = time.process_time()
        for text in texts:
            renderer.render(text)
        passes.append(time.process_time() - start)
    print(
        f"{len(texts)} bodies ({sum(map(len, texts))} characters); CPU: import "
        f"{(imported - started) * 1000:.0f} ms, renderer made {(made - imported) * 1000:.0f} ms, "
        f"a pass over all bodies min {min(passes) * 1000:.2f} ms, median "
        f"{statistics.median(passes) * 1000:.2f} ms ({args.passes} passes)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
