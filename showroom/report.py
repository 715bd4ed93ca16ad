"""What a command reports on the terminal: problems, a build's summary, the translations'
coverage, and progress (a line that updates on a terminal, a few plain lines in a CI log)."""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from showroom.build import BuildOptions, BuildResult
from showroom.content.coverage import Coverage, KindCoverage
from showroom.deploy import DeployResult
from showroom.messages import ENGLISH, N_, Messages
from showroom.problems import Problem, display_path

PAGE_KINDS = (
    "home",
    "hall",
    "product",
    "company",
    "companies",
    "search",
    "404",
    "sitemap",
    "feed",
    "robots",
)


def print_problems(problems: Sequence[Problem], fmt: str, messages: Messages = ENGLISH) -> None:
    """Each problem on a line (`path:line: field: message`; "cells": a spreadsheet's
    `file:row:column: message`; "github": a GitHub workflow command), in the messages'
    language."""
    stream = sys.stdout if fmt == "github" else sys.stderr
    for problem in problems:
        if fmt == "github":
            line = problem.format_github(messages)
        else:
            line = problem.format_cell(messages) if fmt == "cells" else problem.format(messages)
        print(line, file=stream)


def print_summary(result: BuildResult, options: BuildOptions) -> None:
    pages = ", ".join(f"{result.pages[k]} {k}" for k in PAGE_KINDS if result.pages.get(k))
    where = display_path(result.out, Path.cwd().resolve())
    noun = "draft" if result.drafts == 1 else "drafts"
    how = "shown, marked 초안" if options.drafts else "skipped"
    drafts = f" ({result.drafts} {noun} {how})" if result.drafts else ""
    print(f"Built {result.products} products{drafts} into {where}/ for {options.date}")
    print(f"  pages:    {pages}")
    print(
        f"  photos:   {result.photos_encoded} encoded, {result.photos_reused} from the cache; "
        f"{result.images} image files"
    )
    for line in (*_catalogue_lines(result), *_search_lines(result)):
        print(line)
    what = "changed files written" if result.incremental else "files written"
    print(
        f"  output:   {result.pages_rendered} pages rendered, {result.files_written} {what}, "
        f"{result.files_removed} removed"
    )
    print(f"  warnings: {len(result.warnings)}")
    for line in _expiring_lines(result):
        print(line)
    print(f"Done in {result.seconds:.2f} s")


def _catalogue_lines(result: BuildResult) -> list[str]:
    if not result.catalogue_pages:
        return []
    how = "rendered" if result.catalogue_rendered else "unchanged, from the cache"
    return [f"  catalogue: {result.catalogue_pages} pages ({how})"]


def _search_lines(result: BuildResult) -> list[str]:
    index = result.search
    if index is None:
        return []
    how = "unchanged, from the cache" if index.cached else f"indexed in {index.seconds:.2f} s"
    if index.shards > 1:
        made = (
            f"{index.indexed} indexed in {index.seconds:.2f} s" if index.indexed else "none indexed"
        )
        how = f"{index.shards} shards, {made}, {index.shards - index.indexed} from the cache"
    return [
        f"  search:   {index.pages} pages, {index.files} files ({index.bytes / 1e6:.1f} MB; {how})"
    ]


def _expiring_lines(result: BuildResult) -> list[str]:
    if not result.expiring:
        return []
    lines = ["  designations ending soon:"]
    for item in result.expiring:
        d = item.designation
        kind = "우수조달" if d.kind == "excellent" else "혁신제품"
        lines.append(
            f"    {item.product.slug}: {kind} {d.number} ends {d.valid_until} "
            f"({item.days_left} days)"
        )
    return lines


def print_coverage(
    coverage: Sequence[Coverage], verbose: bool, messages: Messages = ENGLISH
) -> None:
    """A line for each language after the default one: each kind's objects fully translated,
    partly, not at all (`Translations (en): products 1/3 complete, 1 partial, 1 untranslated ·
    companies 2/2 · categories 2/2`); with `verbose`, then each file with what it lacks
    (`content/products/x/index.md: en: summary, images[0].alt`), else a hint to ask for it."""
    for found in coverage:
        products, companies, categories = (_kind_text(kind) for kind in found.kinds)
        line = N_("Translations ({language}): {products} · {companies} · {categories}").format(
            language=found.language, products=products, companies=companies, categories=categories
        )
        print(messages.text(line))
        if found.complete:
            continue
        if not verbose:
            print("  " + messages.text(N_("(the fields each file lacks: showroom check -v)")))
            continue
        for kind in found.kinds:
            for item in kind.untranslated:
                print(f"  {item.path}: {found.language}: {', '.join(item.missing)}")


#: Each kind's counts, all translated and not: the words of `print_coverage`.
_KIND_TEXTS = {
    "products": (
        N_("products {full}/{total}"),
        N_("products {full}/{total} complete, {partly} partial, {none} untranslated"),
    ),
    "companies": (
        N_("companies {full}/{total}"),
        N_("companies {full}/{total} complete, {partly} partial, {none} untranslated"),
    ),
    "categories": (
        N_("categories {full}/{total}"),
        N_("categories {full}/{total} complete, {partly} partial, {none} untranslated"),
    ),
}


def _kind_text(kind: KindCoverage) -> str:
    done, not_done = _KIND_TEXTS[kind.kind]
    template = not_done if kind.untranslated else done
    return template.format(full=kind.full, total=kind.total, partly=kind.partly, none=kind.none)


class Progress:
    """A progress line on a terminal; a few plain lines elsewhere (CI logs)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self.active = False
        self.last_reported: dict[str, int] = {}

    def __call__(self, step: str, done: int, total: int) -> None:
        if total <= 0:
            return
        if self.tty:
            self.stream.write(f"\r{step}: {done}/{total}")
            self.stream.flush()
            self.active = True
            if done == total:
                self.stream.write("\n")
                self.active = False
            return
        quarter = done * 4 // total
        if done == total or quarter > self.last_reported.get(step, 0):
            self.last_reported[step] = quarter
            print(f"{step}: {done}/{total}", file=self.stream)

    def finish(self) -> None:
        if self.active:
            self.stream.write("\n")
            self.active = False


def print_deploy(result: DeployResult, quiet: bool, messages: Messages = ENGLISH) -> None:
    """A dry run's list (each upload with why, each delete: printed even with `quiet`, it is
    what was asked for), then, but with `quiet`, the summary; links never uploaded warned of."""
    plan = result.plan
    if result.dry_run:
        for upload in plan.uploads:
            print(_padded(messages.text(_WHY[upload.reason]), 18), upload.file.key)
        for key in plan.deletes:
            print(_padded(messages.text(_WHY["delete"]), 18), key)
    if result.skipped_links:
        line = N_("Warning: {count} symbolic links were not uploaded: {links}").format(
            count=len(result.skipped_links), links=", ".join(result.skipped_links)
        )
        print(messages.text(line), file=sys.stderr)
    if quiet:
        return
    counts = {
        "target": str(result.target),
        "new": plan.new,
        "changed": plan.changed,
        "size": f"{plan.upload_bytes / 1e6:.1f}",
        "unchanged": plan.unchanged,
    }
    if result.dry_run:
        line = N_(
            "Dry run: {uploads} files would be uploaded to {target} ({new} new, {changed} "
            "changed, {size} MB), {deletes} deleted, {unchanged} unchanged; nothing was changed"
        ).format(uploads=len(plan.uploads), deletes=len(plan.deletes), **counts)
    else:
        line = N_(
            "Deployed to {target}: {uploads} files uploaded ({new} new, {changed} changed, "
            "{size} MB), {deletes} deleted, {unchanged} unchanged"
        ).format(uploads=result.uploaded, deletes=result.deleted, **counts)
    print(messages.text(line))
    if result.invalidated:
        paths = ", ".join(result.invalidated[:5]) + (" …" if len(result.invalidated) > 5 else "")
        line = N_("CDN: asked to forget {count} paths ({paths})")
        print(messages.text(line.format(count=len(result.invalidated), paths=paths)))
    print(messages.text(N_("Done in {seconds} s").format(seconds=f"{result.seconds:.2f}")))


#: What a dry run says of each file: why it would be uploaded, or that it would be deleted.
_WHY = {"new": N_("upload (new)"), "changed": N_("upload (changed)"), "delete": N_("delete")}


def _padded(text: str, width: int) -> str:
    """`text` padded to `width` columns of a terminal (a Hangul syllable takes two)."""
    columns = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(0, width - columns)
