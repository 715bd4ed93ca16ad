"""Map a request path to a file of the output folder, the way a static host does."""

from __future__ import annotations

import posixpath
from pathlib import Path


def resolve(root: Path, base_path: str, path: str) -> Path | None:
    """The file (or folder) that `path` (percent-decoded) names under `base_path`, or None when
    it is outside the base path or would leave `root` (`..`, symbolic links out)."""
    if "\0" in path or not path.startswith(base_path):
        return None
    relative = posixpath.normpath(path[len(base_path) :] or ".")
    if relative.startswith(("..", "/")):
        return None
    root = root.resolve()
    target = (root / relative).resolve()
    if not target.is_relative_to(root):
        return None
    return target


def file_for(root: Path, base_path: str, path: str) -> Path | None:
    """The file to send for a request: a folder's index.html; None if there is none."""
    target = resolve(root, base_path, path)
    if target is None:
        return None
    if target.is_dir():
        if not path.endswith("/"):
            return None
        target = target / "index.html"
    return target if target.is_file() else None


def not_found_page(root: Path, base_path: str, path: str) -> Path | None:
    """The 404 page for a missing `path`: the `404.html` nearest to it up its folders, as
    Cloudflare Pages serves it (so `/en/x/` gets the English `en/404.html`), else the site's
    own at the root; None when there is none."""
    inside = path[len(base_path) :] if path.startswith(base_path) else ""
    folders = [part for part in inside.split("/")[:-1] if part not in ("", ".", "..")]
    for depth in range(len(folders), -1, -1):
        page = file_for(
            root, base_path, base_path + "".join(f"{f}/" for f in folders[:depth]) + "404.html"
        )
        if page is not None:
            return page
    return None
