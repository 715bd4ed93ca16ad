"""The build: validate, gather, render, write. `build` and `build_pdf` are the entry points.

The modules, each one job: `options` (what a build is asked and reports), `check`
(validation), `prepare` (the model, photos, renderer, catalogue and search records),
`pages` (which pages to redo), `publish` (the output plan into the folder), `caches` (what
the caches keep), `state` (the build state on disk), `fingerprints` (what a page's inputs
hash to) and `pipeline` (the order of it all)."""

from showroom.build.caches import fill_image_cache, prune_cache
from showroom.build.check import check, load_config_only
from showroom.build.options import (
    STAGES,
    BuildOptions,
    BuildResult,
    Checked,
    OutputWriteError,
    Progress,
    messages_of,
)
from showroom.build.pipeline import build, build_pdf

__all__ = [
    "STAGES",
    "BuildOptions",
    "BuildResult",
    "Checked",
    "OutputWriteError",
    "Progress",
    "build",
    "build_pdf",
    "check",
    "fill_image_cache",
    "load_config_only",
    "messages_of",
    "prune_cache",
]
