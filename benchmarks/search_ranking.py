"""The effect of Pagefind's ranking settings on the query set.

    python benchmarks/search_ranking.py [--out DIR]

Builds the sample showroom (for 2026-11-28, without the PDF), then for each ranking setting
below rewrites the search page's configuration (its `ranking`, which search.js hands to
Pagefind) and types every query of tests/search_queries.yml into the page in Chromium. For each
setting it prints, over the queries that must find something:

- hit@5: all of the query's expected pages among the first five results (the test's measure);
- top-1: the first result is one of the expected pages;
- MRR: the mean of 1 / the rank of the best-placed expected page (0 when none is shown);
- company above: queries whose expected pages are all products but where a company card is
  shown above a product in the first five results.

The setting the site ships is showroom/search/view.py's RANKING.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import sync_playwright

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = BENCH_DIR.parent
sys.path.insert(0, str(PROJECT_ROOT))  # this work tree's engine and tests

from showroom.search.view import RANKING  # noqa: E402
from tests.browser.search_page import search  # noqa: E402
from tests.browser.test_search_quality import CASES, TOP, Case  # noqa: E402
from tools.browser.static_server import serve  # noqa: E402

PAGEFIND_DEFAULT = {"termSimilarity": 1.0, "pageLength": 0.75, "termSaturation": 1.4,
                    "termFrequency": 1.0}  # fmt: skip
SETTINGS: dict[str, dict[str, float]] = {
    "Pagefind's defaults": PAGEFIND_DEFAULT,
    "shipped (view.RANKING)": RANKING,
    "pageLength 0": {"pageLength": 0.0},
    "pageLength 0.1, termFrequency 0.5": {"pageLength": 0.1, "termFrequency": 0.5},
    "pageLength 0.1, termSaturation 2": {"pageLength": 0.1, "termSaturation": 2.0},
    "pageLength 0.1, termSaturation 0.8": {"pageLength": 0.1, "termSaturation": 0.8},
    "termSaturation 2": {"termSaturation": 2.0},
    "pageLength 0, termSaturation 2": {"pageLength": 0.0, "termSaturation": 2.0},
    "pageLength 0.3, termSaturation 2": {"pageLength": 0.3, "termSaturation": 2.0},
}
_CONFIG = re.compile(r'(<script type="application/json" id="search-config">)(.*?)(</script>)', re.S)


@dataclass
class Score:
    cases: int = 0
    hits: int = 0
    top1: int = 0
    reciprocal: float = 0.0
    company_above: int = 0
    nothing_ok: int = 0
    nothing: int = 0

    def add(self, case: Case, found: list[str]) -> None:
        if case.nothing:
            self.nothing += 1
            self.nothing_ok += found == []
            return
        self.cases += 1
        self.hits += set(case.find) <= set(found[:TOP])
        self.top1 += bool(found) and found[0] in case.find
        ranks = [found.index(path) + 1 for path in case.find if path in found]
        self.reciprocal += 1 / min(ranks) if ranks else 0.0
        if all(path.startswith("products/") for path in case.find):
            kinds = [path.startswith("products/") for path in found[:TOP]]
            self.company_above += kinds != sorted(kinds, reverse=True)

    def line(self, name: str) -> str:
        n = max(self.cases, 1)
        return (
            f"  {name:<40} hit@5 {100 * self.hits / n:5.1f}%  top-1 {100 * self.top1 / n:5.1f}%"
            f"  MRR {self.reciprocal / n:.3f}  company above {self.company_above}"
            f"  nothing {self.nothing_ok}/{self.nothing}"
        )


def with_ranking(page_file: Path, ranking: dict[str, float]) -> None:
    """Rewrite the search page's configuration with `ranking`."""
    html = page_file.read_text(encoding="utf-8")
    match = _CONFIG.search(html)
    if match is None:
        raise SystemExit(f"no search configuration in {page_file}")
    config = json.loads(match.group(2))
    config["ranking"] = ranking
    text = json.dumps(config, ensure_ascii=False).replace("<", "\\u003c")
    page_file.write_text(html[: match.start(2)] + text + html[match.end(2) :], encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, help="build into DIR (default: a temporary folder)")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="showroom-ranking-"))
    command = [sys.executable, "-m", "showroom", "build", "--date", "2026-11-28", "--no-pdf"]
    subprocess.run([*command, "-d", str(out)], cwd=PROJECT_ROOT, check=True)
    print(f"{len(CASES)} queries (tests/search_queries.yml), first {TOP} results:")
    with serve(out, "/") as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        for name, ranking in SETTINGS.items():
            with_ranking(out / "search/index.html", ranking)
            page = browser.new_page(locale="ko-KR")
            page.goto(url + "search/", wait_until="load")
            score = Score()
            for case in CASES:
                score.add(case, search(page, case.query))
            page.close()
            print(score.line(name), flush=True)
        browser.close()
    if args.out is None:
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
