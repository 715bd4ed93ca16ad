"""One `showroom build` in-process with wall and CPU timers around its stages (no profiler)."""
import sys, time, functools, importlib, atexit
T = {}
def wrap(modname, attr, label, cls=None):
    mod = importlib.import_module(modname)
    owner = getattr(mod, cls) if cls else mod
    fn = getattr(owner, attr)
    @functools.wraps(fn)
    def timed(*a, **k):
        w, c = time.perf_counter(), time.process_time()
        try:
            return fn(*a, **k)
        finally:
            e = T.setdefault(label, [0.0, 0.0, 0])
            e[0] += time.perf_counter() - w; e[1] += time.process_time() - c; e[2] += 1
    setattr(owner, attr, timed)
w0, c0 = time.perf_counter(), time.process_time()
import showroom.cli  # imports
T["imports"] = [time.perf_counter() - w0, time.process_time() - c0, 1]
P = [
 ("showroom.build.pipeline", "build", "build() total"),
 ("showroom.build.pipeline", "load_config_only", "load_config_only"),
 ("showroom.build.pipeline", "output_folder", "output_folder (checks)"),
 ("showroom.build.state", "load", "state: caches.state load", "BuildState"),
 ("showroom.build.state", "output", "state: output record load", "BuildState"),
 ("showroom.build.state", "save_caches", "state: save caches", "BuildState"),
 ("showroom.build.state", "save_output", "state: save output record", "BuildState"),
 ("showroom.build.prepare", "check", "prepare: check (config+content+site)"),
 ("showroom.build.check", "load_content", "  check: load_content"),
 ("showroom.build.check", "check_current", "  check: editor schemas"),
 ("showroom.build.check", "build_site", "  check: build_site"),
 ("showroom.build.check", "resolution_warnings", "  check: resolution_warnings"),
 ("showroom.build.prepare", "process_photos", "prepare: process_photos"),
 ("showroom.build.prepare", "check_cache_dir", "prepare: check_cache_dir"),
 ("showroom.build.prepare", "load_strings", "prepare: load_strings"),
 ("showroom.build.prepare", "all", "prepare: search RecordMaker.all", "RecordMaker"),
 ("showroom.build.prepare", "SearchView", "prepare: SearchView"),
 ("showroom.build.prepare", "Renderer", "prepare: Renderer()"),
 ("showroom.build.prepare", "make_environment", "prepare: make_environment"),
 ("showroom.build.publish", "plan_linked", "write: plan_linked (photos, search)"),
 ("showroom.build.publish", "plan_pages", "write: plan_pages"),
 ("showroom.build.publish", "search_stage", "write: search_stage"),
 ("showroom.build.publish", "publish", "write: publish"),
 ("showroom.build.publish", "folder_identity", "write: folder_identity"),
 ("showroom.build.pipeline", "keep_caches", "keep_caches"),
 ("showroom.cli", "_print_problems", "cli: print problems"),
 ("showroom.cli", "_print_summary", "cli: print summary"),
]
for p in P:
    wrap(*p)
sys.argv = ["showroom", *sys.argv[1:]]
try:
    showroom.cli.main()
except SystemExit:
    pass
T["process total"] = [time.perf_counter() - w0, time.process_time() - c0, 1]
print(f"{'stage':45s} {'wall s':>8s} {'cpu s':>8s} calls", file=sys.stderr)
for k, (w, c, n) in T.items():
    print(f"{k:45s} {w:8.3f} {c:8.3f} {n}", file=sys.stderr)
