"""Search benchmark: the index a build makes, and what a first and a second query cost.

    python benchmarks/search.py --sample --products 5000 --runs 3 [--json]

For the sample showroom and for a generated showroom of N products (`build_time.make_showroom`,
with shared photos: the search does not look at them) this measures, medians of `--runs`:

- index build time: the search stage of `showroom build` (Pagefind run and canonicalisation;
  `search.seconds` of the build) and what search adds to a whole build (builds with and
  without `search: false`, photos from the cache, no PDF);
- the bundle on disk: word-index chunks (count, total, largest), fragments, filters, metadata,
  and Pagefind's script and WebAssembly;
- on localhost, in Chromium (a fresh browser context per run, so nothing is cached): the bytes
  transferred and the time from pressing Enter on the search page to the results being shown,
  for a first query (드론) and then a second one (가로등) on the same page;
- the same for *plain Pagefind* (its binary over the built product and company pages, queries
  as typed): the comparison that shows Pagefind issue #1211 (one Korean chunk) and its remedy;
- for the sample, the hit rate of plain Pagefind on tests/search_queries.yml;
- the fuzzy path (초성, keyboard layout, typo: showroom/search/fuzzy.py): the vocabulary file
  (raw and gzip; its names, which 초성 reads, apart from the other words that layout and typo
  read too) and static/js/search-fuzzy.js, and in Chromium what a 초성 query (ㄱㄹㄷ) costs
  after an ordinary one (드론) on the same page: the bytes of the vocabulary, the script and
  Pagefind's files it adds, and the time from Enter to the results.

`--json` writes everything to results/search-<today>.json. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = BENCH_DIR.parent
sys.path.insert(0, str(PROJECT_ROOT))  # this work tree's engine, not an installed one
DATE = dt.date(2026, 11, 28)
QUERIES = ("드론", "가로등")


def _make_showroom() -> Callable[..., Path]:
    spec = importlib.util.spec_from_file_location("build_time", BENCH_DIR / "build_time.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_time"] = module
    spec.loader.exec_module(module)
    make: Callable[..., Path] = module.make_showroom
    return make


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


# -- building --------------------------------------------------------------------------------
def build_once(config: Path, out: Path) -> tuple[float, float]:
    """(whole build seconds, search stage seconds; 0 without search)."""
    from showroom.build import BuildOptions, build

    started = time.perf_counter()
    result = build(BuildOptions(config_file=config, out=out, date=DATE, pdf=False))
    total = time.perf_counter() - started
    return total, result.search.seconds if result.search is not None else 0.0


def without_search(config: Path) -> Path:
    """A second configuration file beside `config` (same project) with `search: false`."""
    other = config.with_name("showroom-no-search.yml")
    text = config.read_text(encoding="utf-8")
    other.write_text(text.rstrip("\n") + "\nsearch: false\n", encoding="utf-8")
    return other


def measure_builds(config: Path, out: Path, runs: int) -> dict[str, Any]:
    build_once(config, out)  # fills the image cache
    with_search = [build_once(config, out) for _ in range(runs)]
    bare_config = without_search(config)
    try:
        bare = [build_once(bare_config, out.with_name(out.name + "-bare"))[0] for _ in range(runs)]
    finally:
        bare_config.unlink()
        shutil.rmtree(out.with_name(out.name + "-bare"), ignore_errors=True)
    build_once(config, out)  # leave the site with its index in `out`
    return {
        "search_stage_seconds": median([s for _, s in with_search]),
        "build_seconds": median([t for t, _ in with_search]),
        "build_without_search_seconds": median(bare),
        "runs": runs,
    }


def bundle_sizes(bundle: Path) -> dict[str, Any]:
    def total(pattern: str) -> int:
        return sum(p.stat().st_size for p in bundle.glob(pattern) if p.is_file())

    chunks = sorted((p.stat().st_size for p in (bundle / "index").iterdir()), reverse=True)
    return {
        "files": sum(1 for p in bundle.rglob("*") if p.is_file()),
        "bytes": total("**/*"),
        "index_chunks": len(chunks),
        "index_bytes": sum(chunks),
        "largest_chunk_bytes": chunks[0] if chunks else 0,
        "fragment_files": sum(1 for _ in (bundle / "fragment").iterdir()),
        "fragment_bytes": total("fragment/*"),
        "filter_bytes": total("filter/*") if (bundle / "filter").is_dir() else 0,
        "meta_bytes": total("*.pf_meta"),
        "script_and_wasm_bytes": total("*.js") + total("wasm.*"),
    }


def plain_pagefind(site: Path, target: Path, runs: int) -> dict[str, Any]:
    """Pagefind as it comes, over the built product and company pages."""
    from showroom.search.pagefind import executable

    seconds = []
    for _ in range(runs):
        shutil.rmtree(target, ignore_errors=True)
        pages = "{products,companies}/*/index.html"
        command = [str(executable()), "--site", str(site), "--glob", pages,
                   "--output-path", str(target), "--quiet"]  # fmt: skip
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        seconds.append(time.perf_counter() - started)
    return {"index_seconds": median(seconds), **bundle_sizes(target)}


def fuzzy_sizes(site: Path) -> dict[str, Any]:
    """The vocabulary and the fuzzy script: raw and gzip bytes (names and words apart)."""

    def packed(data: bytes) -> int:
        return len(gzip.compress(data, compresslevel=9, mtime=0))

    (vocabulary,) = (site / "search").glob("vocab-*.json")
    data = vocabulary.read_bytes()
    body = json.loads(data)
    script = (site / "static" / "js" / "search-fuzzy.js").read_bytes()
    parts = {key: json.dumps(body[key], ensure_ascii=False).encode() for key in ("names", "words")}
    return {
        "vocabulary_bytes": len(data),
        "vocabulary_gzip_bytes": packed(data),
        "names": len(body["names"]),
        "names_gzip_bytes": packed(parts["names"]),
        "words": len(body["words"]),
        "words_gzip_bytes": packed(parts["words"]),
        "script_bytes": len(script),
        "script_gzip_bytes": packed(script),
    }


FUZZY_QUERIES = ("드론", "ㄱㄹㄷ")


def fuzzy_query_runs(browser: Any, url: str, runs: int) -> dict[str, Any]:
    """A 초성 query typed after an ordinary one on the search page (fresh context per run):
    the bytes it adds (vocabulary, script, Pagefind's files), and ms from Enter to results."""
    measured: dict[str, list[float]] = {}
    shown = 0
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        sizes: dict[str, int] = {}

        def on_finished(request: Any, sizes: dict[str, int] = sizes) -> None:
            got = request.sizes()
            size = int(got["responseBodySize"]) + int(got["responseHeadersSize"])
            path = request.url[len(url) - 1 :]
            kind = "vocabulary" if "/vocab-" in path else "script" if "fuzzy" in path else (
                "pagefind" if path.startswith("/pagefind/") else "other")  # fmt: skip
            sizes[kind] = sizes.get(kind, 0) + size

        context.on("requestfinished", on_finished)
        page = context.new_page()
        first, second = FUZZY_QUERIES
        page.goto(url + "search/?q=" + quote(first))
        page.wait_for_function(SETTLED, arg="q=" + quote(first), timeout=60_000)
        page.wait_for_load_state("networkidle")
        sizes.clear()
        box = page.locator("#search-q")
        box.fill(second)
        started = time.perf_counter()
        box.press("Enter")
        page.wait_for_function(SETTLED, arg="q=" + quote(second), timeout=60_000)
        measured.setdefault("ms", []).append((time.perf_counter() - started) * 1000)
        page.wait_for_load_state("networkidle")
        shown = int(page.evaluate("document.querySelectorAll('.results .card').length"))
        for kind in ("vocabulary", "script", "pagefind", "other"):
            measured.setdefault(f"{kind}_bytes", []).append(sizes.get(kind, 0))
        context.remove_listener("requestfinished", on_finished)  # none after the close
        context.close()
    result: dict[str, Any] = {key: median(values) for key, values in measured.items()}
    result["queries"] = list(FUZZY_QUERIES)
    result["results_shown"] = shown
    return result


# -- querying in Chromium --------------------------------------------------------------------
SETTLED = """expected => {
  const form = document.querySelector('form[data-search]');
  const list = document.querySelector('.results');
  return list.getAttribute('aria-busy') === 'false' && form.dataset.done === expected;
}"""

PLAIN_QUERY = """async ([bundle, query]) => {
  const started = performance.now();
  window.pf = window.pf || await import(bundle + 'pagefind.js');
  const found = await window.pf.search(query);
  await Promise.all(found.results.slice(0, 20).map(r => r.data()));  // as many as shown
  return [performance.now() - started, found.results.length];
}"""


@contextmanager
def served(site: Path) -> Iterator[str]:
    from tools.browser.static_server import serve

    with serve(site) as url:
        yield url


class Transfers:
    """Bytes (body and headers) of the responses a browser context received since the last
    `take()`: the files under `prefix` (Pagefind's) apart from the rest."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.bytes = self.requests = self.other_bytes = 0

    def on_finished(self, request: Any) -> None:
        sizes = request.sizes()
        size = int(sizes["responseBodySize"]) + int(sizes["responseHeadersSize"])
        if request.url.startswith(self.prefix):
            self.bytes += size
            self.requests += 1
        else:
            self.other_bytes += size

    def take(self) -> tuple[int, int, int]:
        found = (self.bytes, self.requests, self.other_bytes)
        self.bytes = self.requests = self.other_bytes = 0
        return found


def query_runs(browser: Any, url: str, runs: int, how: str) -> dict[str, Any]:
    """First and second query: bytes, requests, milliseconds (medians) and result counts.

    `how` is "page": the search page as a buyer uses it; the first query opens /search/?q=…
    in a fresh context (nothing cached) and is timed from the start of navigation to the
    results on screen (so it includes the page itself), the second is typed into the same page
    and timed from Enter. "engine" and "plain": the home page (no search script) imports
    Pagefind's script and searches (Showroom's bundle with the query's terms, or plain
    Pagefind's with the query as typed), timed in the page from the import; the fragments of
    up to 20 results are loaded, as many as the search page shows."""
    from showroom.search.terms import query_terms

    plain = how == "plain"
    measured: dict[str, list[float]] = {}
    counts: dict[str, int] = {}
    bundle = url + ("pagefind-plain/" if plain else "pagefind/")
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        transfers = Transfers(bundle)
        context.on("requestfinished", transfers.on_finished)
        page = context.new_page()
        if how != "page":
            page.goto(url, wait_until="networkidle")
            transfers.take()
        for position, query in zip(("first", "second"), QUERIES, strict=True):
            if how != "page":
                asked = query if plain else " ".join(query_terms(query))
                elapsed, count = page.evaluate(PLAIN_QUERY, [bundle, asked])
            elif position == "first":
                started = time.perf_counter()
                page.goto(url + "search/?q=" + quote(query))
                page.wait_for_function(SETTLED, arg="q=" + quote(query), timeout=60_000)
                elapsed = (time.perf_counter() - started) * 1000
            else:
                box = page.locator("#search-q")
                box.fill(query)
                started = time.perf_counter()
                box.press("Enter")
                page.wait_for_function(SETTLED, arg="q=" + quote(query), timeout=60_000)
                elapsed = (time.perf_counter() - started) * 1000
            page.wait_for_load_state("networkidle")
            if how == "page":
                count = int(page.evaluate("document.querySelectorAll('.results .card').length"))
            size, requests, other = transfers.take()
            measured.setdefault(f"{position}_ms", []).append(elapsed)
            measured.setdefault(f"{position}_bytes", []).append(size)
            measured.setdefault(f"{position}_requests", []).append(requests)
            measured.setdefault(f"{position}_other_bytes", []).append(other)
            counts[query] = count
        context.close()
    result: dict[str, Any] = {key: median(values) for key, values in measured.items()}
    result["queries"] = dict(zip(("first", "second"), QUERIES, strict=True))
    result["results_shown" if how == "page" else "results_found"] = counts
    return result


def plain_hit_rate(browser: Any, url: str) -> dict[str, Any]:
    """Plain Pagefind on the query set: the queries as typed, the first five results."""
    import yaml

    cases = yaml.safe_load((PROJECT_ROOT / "tests/search_queries.yml").read_text(encoding="utf-8"))
    page = browser.new_page()
    page.goto(url + "search/")
    found = page.evaluate(
        """async ([bundle, queries]) => {
          const pf = await import(bundle + 'pagefind.js');
          const out = [];
          for (const q of queries) {
            const r = await pf.search(q);
            const top = await Promise.all(r.results.slice(0, 5).map(x => x.data()));
            out.push(top.map(d => d.url.replace(/^\\//, '')));
          }
          return out;
        }""",
        [url.rstrip("/") + "/pagefind-plain/", [str(c["query"]) for c in cases]],
    )
    page.close()
    hits = 0
    for case, top in zip(cases, found, strict=True):
        hits += (top == []) if case.get("nothing") else set(case["find"]) <= set(top)
    return {"hits": hits, "queries": len(cases)}


# -- the report ------------------------------------------------------------------------------
def measure_site(name: str, config: Path, work: Path, runs: int, hit_rate: bool) -> dict[str, Any]:
    from tools.browser.chromium import chromium

    out = work / f"{name}-public"
    print(f"[{name}] building ({runs} runs with search, {runs} without) …", flush=True)
    builds = measure_builds(config, out, runs)
    ours = bundle_sizes(out / "pagefind")
    print(f"[{name}] plain Pagefind over the same pages …", flush=True)
    plain = plain_pagefind(out, out / "pagefind-plain", runs)
    report: dict[str, Any] = {"builds": builds, "index": ours, "plain_index": plain}
    report["fuzzy"] = fuzzy_sizes(out)
    print(f"[{name}] queries in Chromium ({runs} fresh contexts each) …", flush=True)
    with served(out) as url, chromium() as browser:
        report["queries"] = query_runs(browser, url, runs, "page")
        report["engine_queries"] = query_runs(browser, url, runs, "engine")
        report["plain_queries"] = query_runs(browser, url, runs, "plain")
        report["fuzzy_queries"] = fuzzy_query_runs(browser, url, runs)
        if hit_rate:
            report["plain_hit_rate"] = plain_hit_rate(browser, url)
    return report


def kb(n: float) -> str:
    return f"{n / 1024:,.0f} KB" if n < 10 * 1024 * 1024 else f"{n / 1024 / 1024:,.1f} MB"


def print_report(name: str, r: dict[str, Any]) -> None:
    b, i, p, q, pq = r["builds"], r["index"], r["plain_index"], r["queries"], r["plain_queries"]
    print(f"\n== {name} ==")
    print(
        f"index build: {b['search_stage_seconds']:.2f} s (search stage); whole build "
        f"{b['build_seconds']:.2f} s with search, {b['build_without_search_seconds']:.2f} s "
        f"without (median of {b['runs']})"
    )
    for label, x in (("showroom", i), ("plain Pagefind", p)):
        print(
            f"{label:>16}: {kb(x['bytes'])} on disk in {x['files']} files; word index "
            f"{kb(x['index_bytes'])} in {x['index_chunks']} chunks (largest "
            f"{kb(x['largest_chunk_bytes'])}); fragments {kb(x['fragment_bytes'])}; "
            f"filters {kb(x['filter_bytes'])}; meta {kb(x['meta_bytes'])}"
        )
    print(f"plain Pagefind index time: {p['index_seconds']:.2f} s")
    eq = r["engine_queries"]
    rows = (("search page", q), ("showroom engine", eq), ("plain Pagefind", pq))
    for label, x in rows:
        print(
            f"{label:>16}: first query {x['queries']['first']}: {kb(x['first_bytes'])} in "
            f"{x['first_requests']:.0f} requests, {x['first_ms']:.0f} ms; second "
            f"{x['queries']['second']}: {kb(x['second_bytes'])} in {x['second_requests']:.0f} "
            f"requests, {x['second_ms']:.0f} ms (Pagefind's files; besides them "
            f"{kb(x['first_other_bytes'])} and {kb(x['second_other_bytes'])}: page, thumbnails)"
        )
    f, fq = r["fuzzy"], r["fuzzy_queries"]
    print(
        f"fuzzy vocabulary: {kb(f['vocabulary_bytes'])} ({kb(f['vocabulary_gzip_bytes'])} gzip): "
        f"{f['names']} names ({kb(f['names_gzip_bytes'])} gzip, 초성), {f['words']} other words "
        f"({kb(f['words_gzip_bytes'])} gzip, layout and typo); search-fuzzy.js "
        f"{kb(f['script_bytes'])} ({kb(f['script_gzip_bytes'])} gzip)"
    )
    print(
        f"fuzzy query {fq['queries'][1]} after {fq['queries'][0]}: vocabulary "
        f"{kb(fq['vocabulary_bytes'])}, script {kb(fq['script_bytes'])}, Pagefind "
        f"{kb(fq['pagefind_bytes'])} (other {kb(fq['other_bytes'])}), {fq['ms']:.0f} ms, "
        f"{fq['results_shown']} results shown"
    )
    if "plain_hit_rate" in r:
        h = r["plain_hit_rate"]
        print(f"plain Pagefind on the query set: {h['hits']}/{h['queries']} hit")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--products", type=int, nargs="*", default=[5000])
    parser.add_argument("--sample", action="store_true", help="also the sample showroom")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="showroom-search-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    reports: dict[str, Any] = {}
    try:
        if args.sample:
            sample = work / "sample"
            shutil.rmtree(sample, ignore_errors=True)
            shutil.copytree(PROJECT_ROOT / "content", sample / "content")
            shutil.copy(PROJECT_ROOT / "showroom.yml", sample / "showroom.yml")
            cache = PROJECT_ROOT / ".cache" / "images"
            if cache.is_dir():
                shutil.copytree(cache, sample / ".cache" / "images")
            reports["sample"] = measure_site("sample", sample / "showroom.yml", work, args.runs,
                                             hit_rate=True)  # fmt: skip
            print_report("sample", reports["sample"])
        make_showroom = _make_showroom()
        for n in args.products:
            root = work / f"generated-{n}"
            if not (root / "showroom.yml").is_file():
                print(f"[{n}] generating {n} products …", flush=True)
                make_showroom(root, n, 0, shared_photos=True)
            name = f"{n} products"
            reports[name] = measure_site(f"{n}", root / "showroom.yml", work, args.runs,
                                         hit_rate=False)  # fmt: skip
            print_report(name, reports[name])
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        from showroom.search.pagefind import executable

        target = BENCH_DIR / "results" / f"search-{dt.date.today().isoformat()}.json"
        version = subprocess.run(
            [str(executable()), "--version"], capture_output=True, text=True, check=False
        )
        info = {
            "machine": {
                "nproc": os.cpu_count(),
                "python": platform.python_version(),
                "platform": platform.platform(),
            },
            "pagefind": version.stdout.strip(),
            "date": DATE.isoformat(),
            "reports": reports,
        }
        target.write_text(json.dumps(info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {target.relative_to(PROJECT_ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
