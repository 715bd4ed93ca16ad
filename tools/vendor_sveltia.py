"""Vendor a pinned Sveltia CMS into the default theme's admin/ folder (served as /admin/).

    python tools/vendor_sveltia.py sveltia-cms-0.221.1.tgz      (from `npm pack @sveltia/cms`)

Copies the browser build (`dist/sveltia-cms.js` and its chunk), the Korean UI strings, the
fonts it shows and their licences out of the npm package, and points the script's few CDN
addresses at those copies (each replacement must match exactly once, or nothing is written):
the UI strings and the version check (unpkg.com), the fonts (cdn.jsdelivr.net) and GitHub's
status page (www.githubstatus.com, not asked: the page contacts no one before sign-in). The CMS's
JSON Schema of config.yml goes to tests/data/ for tests/test_cms.py. Then set SVELTIA_VERSION
in showroom/editor/admin.py to the package's version.
"""

from __future__ import annotations

import json
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADMIN = ROOT / "themes" / "default" / "admin"
FONTSOURCE = "https://cdn.jsdelivr.net/fontsource/fonts/"

#: Files taken as they are: package path → path in admin/ (the fonts' names lose their hash).
COPIED = {
    "package/dist/chunks/react-dom.js": "chunks/react-dom.js",
    "package/locales/ko.json": "locales/ko.json",
    "package/LICENSE.txt": "LICENSE.txt",
    "package/package.json": "package.json",
    "package/npm/assets/source-sans-3.LICENSE.txt": "fonts/source-sans-3.LICENSE.txt",
    "package/npm/assets/noto-mono.LICENSE.txt": "fonts/noto-mono.LICENSE.txt",
    "package/npm/assets/material-symbols-outlined.LICENSE.txt": (
        "fonts/material-symbols-outlined.LICENSE.txt"
    ),
}
FONTS = {  # the CDN's address in the script → the package's copy, and its name in admin/fonts/
    "source-sans-3:vf@5.3.0/latin-wght-normal.woff2": "source-sans-3-latin-wght-normal",
    "noto-mono@5.3.0/latin-400-normal.woff2": "noto-mono-latin-400-normal",
    "material-symbols-outlined:vf@5.3.7/latin-wght-normal.woff2": (
        "material-symbols-outlined-latin-wght-normal"
    ),
}
#: The script's CDN addresses that are not fonts → the copies beside it (relative to /admin/).
REPLACED = {
    "${iP}@${rP}/locales`": "./locales`",
    "${iP}/package.json`": "./package.json`",
    # GitHub's service status, fetched from a third party on opening: not asked, "unknown"
    "https://www.githubstatus.com/api/v2/status.json`": (
        'data:application/json,{"status":{"indicator":"unknown"}}`'
    ),
}


def main(tgz: Path) -> None:
    with tarfile.open(tgz) as archive:
        members = {m.name: m for m in archive.getmembers() if m.isfile()}

        def read(name: str) -> bytes:
            handle = archive.extractfile(members[name])
            assert handle is not None
            return handle.read()

        files = {target: read(source) for source, target in COPIED.items()}
        script = read("package/dist/sveltia-cms.js").decode("utf-8")
        replacements = dict(REPLACED)
        for cdn, name in FONTS.items():
            asset = next(m for m in members if m.startswith(f"package/npm/assets/{name}-"))
            files[f"fonts/{name}.woff2"] = read(asset)
            replacements[FONTSOURCE + cdn] = f"fonts/{name}.woff2"
        for old, new in replacements.items():
            if script.count(old) != 1:
                sys.exit(f"{old!r} is in the script {script.count(old)} times, not once")
            script = script.replace(old, new)
        script = script.replace("\n//# sourceMappingURL=sveltia-cms.js.map", "")
        files["sveltia-cms.js"] = script.encode("utf-8")
        schema = read("package/schema/sveltia-cms.json")
    version = json.loads(files["package.json"])["version"]
    for relative, data in sorted(files.items()):
        path = ADMIN / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (ROOT / "tests" / "data" / "sveltia-cms.schema.json").write_bytes(schema)
    print(f"Sveltia CMS {version} vendored into {ADMIN.relative_to(ROOT)}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
