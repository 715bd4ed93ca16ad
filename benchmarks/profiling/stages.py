import pstats, sys
p = pstats.Stats(sys.argv[1])
st = p.stats  # (file,line,name) -> (cc, nc, tt, ct, callers)
def find(suffix, name):
    hits = [(k, v) for k, v in st.items() if k[0].endswith(suffix) and k[2] == name]
    return hits
rows = [
 ("imports (cli module)", "showroom/cli.py", "<module>"),
 ("TOTAL build()", "build/pipeline.py", "build"),
 ("state: BuildState.load (caches.state)", "build/state.py", "load"),
 ("state: BuildState.output (output-*.state)", "build/state.py", "output"),
 ("  read_state (both)", "state/store.py", "read_state"),
 ("  json.loads", "json/decoder.py", "raw_decode"),
 ("  sha256 hexdigest", "~", "<method 'hexdigest' of '_hashlib.HASH' objects>"),
 ("load_config_only", "build/check.py", "load_config_only"),
 ("prepare()", "build/prepare.py", "prepare"),
 ("  check()", "build/check.py", "check"),
 ("    load_config", "showroom/config.py", "load_config"),
 ("    load_content", "content/loader.py", "load_content"),
 ("      load_products", "content/loader.py", "load_products"),
 ("      _folder", "content/loader.py", "_folder"),
 ("      _memo_product", "content/loader.py", "_memo_product"),
 ("      _files_in", "content/loader.py", "_files_in"),
 ("      FileDigests.digest", "state/files.py", "digest"),
 ("    check_current (editor schemas)", "editor/schemas.py", "check_current"),
 ("    build_site", "site/structure.py", "build_site"),
 ("    resolution_warnings", "images/pipeline.py", "resolution_warnings"),
 ("  process_photos", "images/pipeline.py", "process_photos"),
 ("    ImageCache.verified", "images/cache.py", "verified"),
 ("    valid_manifest", "images/cache.py", "valid_manifest"),
 ("    ImageCache.entry", "images/cache.py", "entry"),
 ("    _place", "images/pipeline.py", "_place"),
 ("    key_of", "images/pipeline.py", "key_of"),
 ("  theme_for", "theme/folders.py", "theme_for"),
 ("  load_strings", "theme/strings.py", "load_strings"),
 ("  RecordMaker.all", "search/records.py", "all"),
 ("  settings_digest", "build/prepare.py", "settings_digest"),
 ("  SearchView()", "search/view.py", "__init__"),
 ("  renderer_for", "build/prepare.py", "renderer_for"),
 ("write_site()", "build/publish.py", "write_site"),
 ("  theme static_files", "theme/folders.py", "static_files"),
 ("  plan_linked", "build/publish.py", "plan_linked"),
 ("  OutputPlan.link", "showroom/output.py", "link"),
 ("  OutputPlan.copy", "showroom/output.py", "copy"),
 ("  plan_pages", "build/pages.py", "plan_pages"),
 ("    fingerprints.of_all", "build/fingerprints.py", "of_all"),
 ("  search_stage", "search/stage.py", "search_stage"),
 ("  publish", "build/publish.py", "publish"),
 ("  OutputPlan.digests", "showroom/output.py", "digests"),
 ("  OutputRecord ==", "build/state.py", "__eq__"),
 ("keep_caches", "build/caches.py", "keep_caches"),
 ("save_caches", "build/state.py", "save_caches"),
 ("result_of", "build/prepare.py", "result_of"),
 ("cli print problems", "showroom/cli.py", "_print_problems"),
 ("cli summary", "showroom/cli.py", "_print_summary"),
]
for label, suf, name in rows:
    hits = find(suf, name)
    if not hits:
        print(f"{label:45s}  (not called)"); continue
    cc = sum(v[1] for k, v in hits); ct = sum(v[3] for k, v in hits)
    print(f"{label:45s} {ct:8.2f} s  {cc:8d} calls  {hits[0][0][0].split('/wt-profile/')[-1]}:{hits[0][0][1]}" if len(hits)==1 else f"{label:45s} {ct:8.2f} s  {cc:8d} calls  ({len(hits)} fns)")
