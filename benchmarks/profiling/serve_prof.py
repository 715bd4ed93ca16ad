"""One serve-style rebuild after a one-product edit, profiled in-process.

As PreviewServer does: BuildState.load + persist=False; first build (unchanged=None); then per
edit a build with Unchanged(watched, {index.md}), search_later=True, in_place=True; the search
job is run afterwards (untimed) and a publishing rebuild with no change follows, as serve's
search thread does. Edit 1 warms up; edit 2 is profiled (cProfile, wall clock and CPU timer);
edits 3..N are timed only. Files are restored at the end."""
import cProfile, datetime as dt, gc, sys, threading, time, random
from pathlib import Path
from showroom.build import BuildOptions, build, load_config_only
from showroom.build.state import BuildState
from showroom.server.serve import watched_paths
from showroom.state.files import Unchanged

root = Path(sys.argv[1]); out = Path(sys.argv[2]); prof_out = sys.argv[3]; n_edits = int(sys.argv[4])
options = BuildOptions(config_file=root / "showroom.yml", out=out, date=dt.date(2026, 11, 28), pdf=False)
config = load_config_only(options)
state = BuildState.load(config.cache_dir.parent / "build")
state.persist = False
lock = threading.Lock()
watched = watched_paths(config)
def run(changed):
    unchanged = None if changed is None else Unchanged(watched, set(changed))
    return build(options, state=state, publishing=lock, unchanged=unchanged, search_later=True, in_place=True)
t = time.perf_counter(); r = run(None); print(f"first build {time.perf_counter()-t:.2f} s, rendered {r.pages_rendered}", flush=True)
if r.search_pending is not None:
    r.search_pending(stop=threading.Event()); run([])
folders = sorted(p for p in (root / "content/products").iterdir() if p.is_dir())
picked = random.Random(7).sample(folders, n_edits)
originals = {f: (f / "index.md").read_text(encoding="utf-8") for f in picked}
try:
    for number, folder in enumerate(picked, start=1):
        index = folder / "index.md"
        index.write_text(originals[folder] + f"\n편집 {number}회차 {time.time_ns()}: 문단.\n", encoding="utf-8")
        prof = None
        if number == 2:
            prof = cProfile.Profile(); prof.enable()
        w, c = time.perf_counter(), time.process_time()
        r = run([str(index)])
        w, c = time.perf_counter() - w, time.process_time() - c
        if prof is not None:
            prof.disable(); prof.dump_stats(prof_out)
        print(f"edit {number} {folder.name}: {w*1000:.0f} ms wall, {c*1000:.0f} ms cpu, {r.pages_rendered} pages, {r.files_written} written"
              f"{' (profiled)' if prof else ''}; search pending: {r.search_pending is not None}", flush=True)
        if r.search_pending is not None:
            t = time.perf_counter(); r.search_pending(stop=threading.Event()); s = time.perf_counter() - t
            t = time.perf_counter(); r2 = run([]); print(f"   search job {s:.1f} s; publish rebuild {(time.perf_counter()-t)*1000:.0f} ms", flush=True)
finally:
    for folder, text in originals.items():
        (folder / "index.md").write_text(text, encoding="utf-8")
