"""The command line: argument parsing, logging set-up, exit codes. The only place that prints."""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import logging
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from showroom import __version__
from showroom.build import BuildOptions, build, build_pdf, check, prune_cache
from showroom.config import CONFIG_FILE
from showroom.dates import build_date
from showroom.editor.new_site import new_site
from showroom.editor.scaffold import new_product
from showroom.editor.schemas import SCHEMA_DIR, write_schemas
from showroom.errors import ContentError, ShowroomError, ThemeError
from showroom.problems import display_path
from showroom.report import Progress, print_problems, print_summary

log = logging.getLogger("showroom")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    args.config_file = getattr(args, "config_file", Path(CONFIG_FILE))
    args.debug = getattr(args, "debug", False)
    logging.basicConfig(
        level=logging.DEBUG if args.debug else logging.INFO,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    # WeasyPrint reports every step at INFO; only its warnings matter to a user.
    logging.getLogger("weasyprint").setLevel(logging.DEBUG if args.debug else logging.WARNING)
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    # The preview server's libraries: every request and every reload is not news.
    for name in ("tornado.access", "livereload", "watchfiles"):
        logging.getLogger(name).setLevel(logging.DEBUG if args.debug else logging.WARNING)
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
    if isinstance(exc, ContentError):
        print_problems(exc.problems, getattr(args, "format", "text"))
    print(f"Error: {exc.format_message()}", file=sys.stderr)
    return exc.exit_code


@functools.cache
def _parser() -> argparse.ArgumentParser:
    """The command line's parser, made once a process: parsing leaves it as it was, and
    building it (every subcommand's help, through gettext) was a tenth of a small build when
    `main` runs many times in one process (the tests; a program that embeds Showroom)."""
    parser = argparse.ArgumentParser(
        prog="showroom",
        description="Build the online showroom and its catalogue from content files.",
    )
    parser.add_argument("--version", action="version", version=f"showroom {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: a nested sub-command must not reset what its parent command parsed.
    common.add_argument(
        "-f",
        "--config-file",
        type=Path,
        default=argparse.SUPPRESS,
        help=f"the site's configuration (default: ./{CONFIG_FILE})",
    )
    common.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help="show tracebacks and debug logs",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = commands.add_parser("build", parents=[common], help="build the site into public/")
    b.add_argument("-d", "--out", type=Path, help="output folder (default: public/)")
    b.add_argument(
        "-b", "--base-url", help="the public address, overriding base_url in showroom.yml"
    )
    b.add_argument("--no-pdf", action="store_true", help="skip the catalogue PDFs")
    b.add_argument("--no-search", action="store_true", help="skip the search page and its index")
    _print_option(b)
    _date_options(b)
    b.set_defaults(run=_build)

    b.add_argument(
        "--clean",
        action="store_true",
        help="ignore the build state (.cache/build): parse, render and write everything",
    )

    sv = commands.add_parser(
        "serve", parents=[common], help="preview the site, rebuilt and reloaded on every save"
    )
    sv.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: %(default)s)"
    )
    sv.add_argument(
        "--port", type=int, default=8000, help="port (default: %(default)s; 0: any free one)"
    )
    sv.add_argument("--open", action="store_true", help="open the site in the web browser")
    sv.add_argument(
        "--allowed-host",
        action="append",
        default=[],
        metavar="NAME",
        help="a further name (or name:port) the preview answers to, e.g. the machine's name "
        "when serving on --host 0.0.0.0; other Host headers get 403 (DNS rebinding)",
    )
    sv.add_argument(
        "--pdf",
        action="store_true",
        help="also build the catalogue PDFs on every change (slow; off by default)",
    )
    sv.add_argument(
        "--no-search",
        action="store_true",
        help="skip the search page and its index (Pagefind runs again whenever indexed text "
        "changes: seconds for thousands of products)",
    )
    sv.add_argument("-d", "--out", type=Path, help="output folder (default: .cache/serve)")
    _date_options(sv)
    sv.set_defaults(run=_serve)

    pdf = commands.add_parser("pdf", parents=[common], help="build only the catalogue PDFs")
    pdf.add_argument("-d", "--out", type=Path, help="output folder (default: public/)")
    pdf.add_argument(
        "-b", "--base-url", help="the public address, overriding base_url in showroom.yml"
    )
    _print_option(pdf)
    _date_options(pdf)
    pdf.set_defaults(run=_pdf)

    c = commands.add_parser("check", parents=[common], help="validate content without building")
    _date_options(c)
    c.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="'github' prints GitHub Actions annotations",
    )
    c.set_defaults(run=_check)

    s = commands.add_parser(
        "schema", parents=[common], help="write JSON Schemas of the content files for editors"
    )
    s.add_argument(
        "-d", "--out", type=Path, help=f"output folder (default: {SCHEMA_DIR}/ in the project)"
    )
    s.set_defaults(run=_schema)

    cache = commands.add_parser("cache", parents=[common], help="manage the image cache")
    actions = cache.add_subparsers(dest="action", required=True, metavar="ACTION")
    prune = actions.add_parser(
        "prune", parents=[common], help="remove cached photos that no content uses any more"
    )
    prune.set_defaults(run=_cache_prune)

    n = commands.add_parser("new", parents=[common], help="create a new site or content file")
    kinds = n.add_subparsers(dest="kind", required=True, metavar="KIND")
    site = kinds.add_parser(
        "site", parents=[common], help="a new showroom that builds at once, in a new folder"
    )
    site.add_argument("folder", type=Path, metavar="DIR", help="the new (or empty) folder")
    site.add_argument(
        "--force",
        action="store_true",
        help="also into a folder that is not empty (no file there is replaced)",
    )
    site.set_defaults(run=_new_site)
    p = kinds.add_parser("product", parents=[common], help="a product bundle with a photo")
    p.add_argument("slug", help="folder name, e.g. smart-led-lamp")
    p.add_argument("--category", help="category slug (default: the first)")
    p.add_argument("--company", help="company slug (default: the first)")
    p.set_defaults(run=_new_product)
    return parser


def _print_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--print",
        dest="print_edition",
        action="store_true",
        help="also the printer's edition, catalogue-print.pdf (PDF/X-4, CMYK, bleed and crop "
        "marks), as `catalogue: {edition: print}` in showroom.yml does",
    )


def _date_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help="the build date: designations are checked against it (default: "
        "SOURCE_DATE_EPOCH, else today)",
    )
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")


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
    )


def _build(args: argparse.Namespace) -> int:
    options = _options(args)
    reporter = Progress(sys.stderr)
    result = build(options, progress=reporter)
    reporter.finish()
    print_problems(list(result.warnings), "text")
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
    reporter = Progress(sys.stderr)
    result = build_pdf(options, progress=reporter)
    reporter.finish()
    print_problems(list(result.warnings), "text")
    how = "rendered" if result.catalogue_rendered else "unchanged, from the cache"
    where = display_path(result.out, Path.cwd().resolve())
    files = "catalogue.pdf" + (" and catalogue-print.pdf" if _printed(result.out) else "")
    print(f"Catalogue: {result.catalogue_pages} pages ({how}) in {where}/{files}")
    print(f"Done in {result.seconds:.2f} s")
    return 0


def _printed(out: Path) -> bool:
    return (out / "catalogue-print.pdf").is_file()


def _check(args: argparse.Namespace) -> int:
    checked = check(_options(args))
    print_problems(list(checked.problems), args.format)
    if args.format == "text":
        print(
            f"OK: {len(checked.site.products)} products, {len(checked.site.companies)} companies, "
            f"{len(checked.site.categories)} categories; {len(checked.problems)} warnings."
        )
    return 0


def _schema(args: argparse.Namespace) -> int:
    written = write_schemas(args.config_file, args.out)
    cwd = Path.cwd().resolve()
    for path in written.files:
        print(f"Wrote {display_path(path.resolve(), cwd)}")
    if written.content_errors:
        print(
            f"Note: {written.content_errors} errors in categories or companies; those files "
            "are not in the lists of the product schema (run: showroom check)",
            file=sys.stderr,
        )
    return 0


def _cache_prune(args: argparse.Namespace) -> int:
    removed, freed, folder = prune_cache(args.config_file)
    print(f"Removed {removed} unused cache entries ({freed / 1e6:.1f} MB) from {folder}")
    return 0


def _new_product(args: argparse.Namespace) -> int:
    root = args.config_file.resolve().parent
    index = new_product(root / "content", args.slug, args.category, args.company, dt.date.today())
    print(f"Created {display_path(index, root)} (a draft with a placeholder photo).")
    print("Edit it, replace photo.jpg, remove 'draft: true', then run: showroom build")
    return 0


def _new_site(args: argparse.Namespace) -> int:
    made = new_site(args.folder, dt.date.today(), force=args.force)
    where = display_path(made.root.resolve(), Path.cwd().resolve())
    print(f"Created a showroom in {where}/ ({len(made.created)} files).")
    for name in made.kept:
        print(f"  kept {name}: it was there already")
    print("Edit showroom.yml (title, base_url, city) and the files in content/, then:")
    print(f"  cd {where}")
    print("  showroom serve --open    # a preview that follows every save")
    print("  showroom build           # the site and the catalogue PDF, into public/")
    return 0
