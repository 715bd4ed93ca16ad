"""The command line: argument parsing, logging set-up, exit codes. The only place that prints."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import logging
import os
import sys
import traceback
from collections.abc import Iterator, Sequence
from pathlib import Path

from showroom.build import (
    STAGES,
    BuildOptions,
    build,
    build_pdf,
    check,
    fill_image_cache,
    load_config_only,
    messages_of,
    prune_cache,
)
from showroom.config import CONFIG_FILE
from showroom.content.coverage import translation_coverage
from showroom.dates import build_date
from showroom.editor.importing import ImportOptions, import_sheet
from showroom.editor.new_site import new_site
from showroom.editor.scaffold import new_product
from showroom.editor.schemas import write_schemas
from showroom.errors import ContentError, SheetError, ShowroomError, ThemeError
from showroom.messages import N_, Messages
from showroom.problems import display_path
from showroom.report import (
    Progress,
    print_coverage,
    print_deploy,
    print_problems,
    print_summary,
)
from showroom.usage import make_parser

log = logging.getLogger("showroom")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    args.config_file = getattr(args, "config_file", Path(CONFIG_FILE))
    args.debug = getattr(args, "debug", False)
    args.quiet = getattr(args, "quiet", False)
    args.verbose = getattr(args, "verbose", False)
    with _logging(args):
        return _run(args)


@contextlib.contextmanager
def _logging(args: argparse.Namespace) -> Iterator[None]:
    """Logging for one command, as its options ask (restored afterwards: a program, or a
    test, may run many commands in one process). By default Showroom's notices (INFO) and
    every warning; `-q` warnings and errors alone; `-v` also a line for each build stage
    (`showroom.stages`); `--debug` everything, tracebacks too."""
    logging.basicConfig(format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    levels = _levels(args)
    loggers = {name: logging.getLogger(name) for name in levels}
    before = {name: logger.level for name, logger in loggers.items()}
    for name, level in levels.items():
        loggers[name].setLevel(level)
    try:
        yield
    finally:
        for name, level in before.items():
            loggers[name].setLevel(level)


def _levels(args: argparse.Namespace) -> dict[str, int]:
    """Each logger's level for the command's options (see `_logging`)."""
    levels = dict.fromkeys(_QUIET_LIBRARIES, logging.WARNING)
    if args.debug:  # fontTools' debug lines are of no use even then
        loud = ("showroom", STAGES.name, "weasyprint", *_SERVER)
        return levels | dict.fromkeys(loud, logging.DEBUG)
    return levels | {
        "showroom": logging.WARNING if args.quiet else logging.INFO,
        STAGES.name: logging.INFO if args.verbose else logging.WARNING,
    }


#: Libraries whose INFO is not news: WeasyPrint reports every step, fontTools every subset,
#: the preview server's every request and every reload.
_SERVER = ("tornado.access", "livereload", "watchfiles")
_QUIET_LIBRARIES = ("weasyprint", "fontTools", *_SERVER)


def _run(args: argparse.Namespace) -> int:
    """The command, its user's errors reported (see `_report`) and its exit code."""
    try:
        return int(args.run(args))
    except ShowroomError as exc:
        return _report(exc, args)
    except KeyboardInterrupt:
        print("Interrupted; nothing was published.", file=sys.stderr)
        return 130
    except Exception as exc:
        if args.debug:
            raise
        print(f"Error: {type(exc).__name__}: {exc} (run with --debug for details)", file=sys.stderr)
        return 1


def _report(exc: ShowroomError, args: argparse.Namespace) -> int:
    """A user's error: its problems (`path:line: …`, content's or a template's), then its
    message. With --debug the traceback first, but for content problems (it has nothing to
    say about them); a template's runs through the templates' lines, as Jinja rewrote it."""
    if args.debug and (isinstance(exc, ThemeError) or not isinstance(exc, ContentError)):
        traceback.print_exc()
    messages = messages_of(args.config_file)
    if isinstance(exc, ContentError):
        how = "cells" if isinstance(exc, SheetError) else getattr(args, "format", "text")
        print_problems(exc.problems, how, messages)
    print(_error_line(exc.format_message(), messages), file=sys.stderr)
    return exc.exit_code


def _error_line(message: str, messages: Messages) -> str:
    """`Error: message`, in the messages' language when the message is one of the catalogue's
    (a command's own complaint, not yet translated, stays English as a whole)."""
    error = N_("Error: {message}").format(message=message)
    return messages.text(error) if messages.text(message) != message else error


@functools.cache
def _parser() -> argparse.ArgumentParser:
    """The command line's parser, made once a process: parsing leaves it as it was, and
    building it (every subcommand's help, through gettext) was a tenth of a small build when
    `main` runs many times in one process (the tests; a program that embeds Showroom)."""
    return make_parser(
        {
            "build": _build,
            "serve": _serve,
            "pdf": _pdf,
            "check": _check,
            "schema": _schema,
            "cache prune": _cache_prune,
            "cache fill": _cache_fill,
            "new site": _new_site,
            "new product": _new_product,
            "import": _import,
            "deploy": _deploy,
        }
    )


def _options(args: argparse.Namespace) -> BuildOptions:
    return BuildOptions(
        config_file=args.config_file,
        out=getattr(args, "out", None),
        date=build_date(args.date, os.environ, dt.date.today()),
        strict=args.strict,
        base_url=getattr(args, "base_url", None),
        pdf=getattr(args, "pdf", not getattr(args, "no_pdf", False)),
        clean=getattr(args, "clean", False),
        search=not getattr(args, "no_search", False),
        print_edition=getattr(args, "print_edition", False),
        drafts=getattr(args, "drafts", False),
        require_translations=tuple(args.require_translation),
    )


def _progress(args: argparse.Namespace) -> Progress | None:
    """The progress reporter of a long command (none with `-q`)."""
    return None if args.quiet else Progress(sys.stderr)


def _say(args: argparse.Namespace, *lines: str) -> None:
    """What a command says when it went well (nothing with `-q`)."""
    if not args.quiet:
        for line in lines:
            print(line)


def _build(args: argparse.Namespace) -> int:
    options = _options(args)
    reporter = _progress(args)
    result = build(options, progress=reporter)
    if reporter is not None:
        reporter.finish()
    print_problems(list(result.warnings), "text", messages_of(options.config_file))
    if not args.quiet:
        print_summary(result, options)
    return 0


def _serve(args: argparse.Namespace) -> int:
    from showroom.server.serve import PreviewServer, ServeOptions

    options = ServeOptions(
        _options(args),
        host=args.host,
        port=args.port,
        open_browser=args.open,
        allowed_hosts=tuple(args.allowed_host),
    )
    PreviewServer(options).run()
    return 0


def _pdf(args: argparse.Namespace) -> int:
    options = _options(args)
    reporter = _progress(args)
    result = build_pdf(options, progress=reporter)
    if reporter is not None:
        reporter.finish()
    print_problems(list(result.warnings), "text", messages_of(options.config_file))
    how = "rendered" if result.catalogue_rendered else "unchanged, from the cache"
    where = display_path(result.out, Path.cwd().resolve())
    names = _catalogues(result.out)
    files = names[0] if len(names) == 1 else "{" + ",".join(names) + "}"
    _say(
        args,
        f"Catalogue: {result.catalogue_pages} pages ({how}) in {where}/{files}",
        f"Done in {result.seconds:.2f} s",
    )
    return 0


def _catalogues(out: Path) -> list[str]:
    """The catalogue's PDFs in `out`: the default language's first (catalogue.pdf,
    catalogue-print.pdf), then each other language's (catalogue.en.pdf, …)."""
    names = [path.name for path in out.glob("catalogue*.pdf")]
    return sorted(names, key=lambda name: (name.count("."), len(name), name))


def _check(args: argparse.Namespace) -> int:
    options = _options(args)
    checked = check(options)
    messages = messages_of(options.config_file)
    print_problems(list(checked.problems), args.format, messages)
    if args.format == "text":
        site = checked.site
        if not args.quiet:
            coverage = translation_coverage(checked.config, checked.content)
            print_coverage(coverage, args.verbose, messages)
        _say(
            args,
            f"OK: {len(site.products)} products, {len(site.companies)} companies, "
            f"{len(site.categories)} categories; {len(checked.problems)} warnings.",
        )
    return 0


def _schema(args: argparse.Namespace) -> int:
    written = write_schemas(args.config_file, args.out)
    cwd = Path.cwd().resolve()
    _say(args, *(f"Wrote {display_path(path.resolve(), cwd)}" for path in written.files))
    if written.content_errors:
        print(
            f"Note: {written.content_errors} errors in categories or companies; those files "
            "are not in the lists of the product schema (run: showroom check)",
            file=sys.stderr,
        )
    return 0


def _cache_prune(args: argparse.Namespace) -> int:
    removed, freed, folder = prune_cache(args.config_file)
    _say(args, f"Removed {removed} unused cache entries ({freed / 1e6:.1f} MB) from {folder}")
    return 0


def _cache_fill(args: argparse.Namespace) -> int:
    share, shares = args.shard
    reporter = _progress(args)
    encoded, distinct, folder = fill_image_cache(args.config_file, share, shares, reporter)
    if reporter is not None:
        reporter.finish()
    of = f" (share {share}/{shares})" if shares > 1 else ""
    _say(
        args, f"Photos{of}: {encoded} encoded, {distinct - encoded} in the cache already: {folder}"
    )
    return 0


def _new_product(args: argparse.Namespace) -> int:
    root = args.config_file.resolve().parent
    index = new_product(root / "content", args.slug, args.category, args.company, dt.date.today())
    _say(
        args,
        f"Created {display_path(index, root)} (a draft with a placeholder photo).",
        "Preview it (drafts are shown): showroom serve; or: showroom build -D",
        "Edit it, replace photo.jpg, remove 'draft: true', then run: showroom build",
    )
    return 0


def _new_site(args: argparse.Namespace) -> int:
    made = new_site(args.folder, dt.date.today(), force=args.force)
    where = display_path(made.root.resolve(), Path.cwd().resolve())
    _say(
        args,
        f"Created a showroom in {where}/ ({len(made.created)} files).",
        *(f"  kept {name}: it was there already" for name in made.kept),
        "Edit showroom.yml (title, base_url, city) and the files in content/, then:",
        f"  cd {where}",
        "  showroom serve --open    # a preview that follows every save",
        "  showroom build           # the site and the catalogue PDF, into public/",
    )
    return 0


def _import(args: argparse.Namespace) -> int:
    options = BuildOptions(config_file=args.config_file, date=dt.date.today())
    config = load_config_only(options)
    day = build_date(args.date, {}, dt.date.today())
    asked = ImportOptions(update=args.update, dry_run=args.dry_run, category=args.category)
    result = import_sheet(config, args.file, day, asked)
    messages = messages_of(args.config_file)
    print_problems(list(result.warnings), "cells", messages)
    root = config.root
    what = "Would write" if args.dry_run else "Wrote"
    lines = [
        f"{what} {display_path(item.path, root)} ({_IMPORTED[item.kind]})" for item in result.files
    ]
    lines += [f"Unchanged: {display_path(path, root)}" for path in result.unchanged]
    counts = (len(result.of("product")), len(result.of("update")), len(result.of("company")))
    lines.append(
        "{} {} new draft products, {} updated, {} new companies; {} warnings.".format(
            "Checked:" if args.dry_run else "Imported:", *counts, len(result.warnings)
        )
    )
    if counts[0] and not args.dry_run:
        lines.append("Preview the drafts: showroom serve; replace each photo.jpg, then publish.")
    _say(args, *lines)
    return 0


_IMPORTED = {"product": "new draft", "update": "updated", "company": "new company"}


def _deploy(args: argparse.Namespace) -> int:
    from showroom.deploy import DeployOptions, deploy, parse_target

    folder = args.out if args.out is not None else args.config_file.resolve().parent / "public"
    options = DeployOptions(
        folder=folder,
        target=parse_target(args.target),
        endpoint_url=args.endpoint_url,
        dry_run=args.dry_run,
        invalidate=args.invalidate,
        max_deletes=args.max_deletes,
        force=args.force,
    )
    reporter = _progress(args)
    result = deploy(options, progress=reporter)
    if reporter is not None:
        reporter.finish()
    print_deploy(result, args.quiet, messages_of(args.config_file))
    return 0
