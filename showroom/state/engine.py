"""The engine's identity: a build state made by other code (or other libraries) is not reused."""

from __future__ import annotations

import functools
import hashlib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
#: Libraries whose output ends up in the site byte for byte.
LIBRARIES = (
    "jinja2",
    "markupsafe",
    "markdown",
    "pymdown-extensions",
    "nh3",
    "pillow",
    "pyyaml",
    "segno",
    "weasyprint",
)


@functools.cache
def engine_digest() -> str:
    """A hash of Showroom's own source files and the versions of the libraries it renders with."""
    h = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        h.update(path.relative_to(PACKAGE).as_posix().encode())
        h.update(path.read_bytes())
    for name in LIBRARIES:
        try:
            h.update(f"{name} {version(name)}".encode())
        except PackageNotFoundError:
            h.update(f"{name} -".encode())
    return h.hexdigest()
