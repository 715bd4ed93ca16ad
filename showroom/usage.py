"""The command line's words: every command and its options, and the examples that `--help`
shows after them, for the main command and each subcommand (`showroom build --help`). Every
example is a command line the parser accepts (tests/test_cli.py parses each one). What the
commands do is showroom.cli's."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping
from pathlib import Path

from showroom import __version__
from showroom.config import CONFIG_FILE
from showroom.deploy import MAX_DELETES
from showroom.editor.schemas import SCHEMA_DIR
from showroom.usage_cache import cache_commands

#: What a command runs: its parsed arguments to its exit code.
Command = Callable[[argparse.Namespace], int]

#: Each command's examples (by its words after `showroom`, "" for the main command): the
#: command line and what it does.
EXAMPLES: dict[str, tuple[tuple[str, str], ...]] = {
    "": (
        ("showroom new site my-showroom", "a new showroom that builds at once"),
        ("showroom serve --open", "a preview that follows every save (drafts shown)"),
        ("showroom check", "validate every content file, build nothing"),
        ("showroom build", "the site and the catalogue PDF, into public/"),
        ("showroom build -D --no-pdf", "a quick build with the drafts, marked 초안"),
        ("showroom build --help", "a command's options and examples"),
    ),
    "build": (
        ("showroom build", "the site and the catalogue PDF, into public/"),
        ("showroom build -D", "the drafts too, marked 초안 (never in sitemap, feed, search, PDF)"),
        ("showroom build --no-pdf --no-search", "the pages alone, quickly"),
        ("showroom build -b https://preview.example.org/ -d preview", "a preview elsewhere"),
        ("showroom build --date 2027-01-01", "the halls as they will be on that day"),
        ("showroom build --strict -q", "in CI: warnings fail, only problems are printed"),
        ("showroom build --clean -v", "everything made again, a line for each stage"),
    ),
    "serve": (
        ("showroom serve --open", "preview in the browser, drafts shown and marked 초안"),
        ("showroom serve --no-drafts", "as the published site: drafts left out"),
        ("showroom serve --pdf", "the catalogue PDFs too, on every change (slow)"),
        ("showroom serve --host 0.0.0.0 --allowed-host my-pc", "from another office PC"),
    ),
    "pdf": (
        ("showroom pdf", "the catalogue PDFs into public/, beside the site"),
        ("showroom pdf --print", "also the printer's edition, catalogue-print.pdf"),
    ),
    "check": (
        ("showroom check", "every problem of every content file, with file and line"),
        (
            "showroom check --strict --format github",
            "in GitHub Actions: annotations, warnings fail",
        ),
        ("showroom check --date 2027-01-01", "designations checked against that day"),
        ("showroom check -v", "also the fields each file lacks in each language"),
        (
            "showroom check --require-translation en",
            "each field not translated into English an error (e.g. before a fair)",
        ),
    ),
    "import": (
        ("showroom import products.csv", "drafts of the products in a CSV file (Excel's too)"),
        (
            "showroom import 혁신제품.xlsx --category electric",
            "a workbook; rows without a category",
        ),
        ("showroom import products.csv --update", "also change existing products' imported fields"),
        ("showroom import products.xlsx --dry-run", "check every cell, write nothing"),
    ),
    "deploy": (
        (
            "showroom deploy s3://my-showroom --dry-run",
            "what would be uploaded or deleted, and why",
        ),
        (
            "showroom deploy s3://my-showroom --invalidate E2EXAMPLE",
            "AWS S3, then CloudFront forgets the changed pages",
        ),
        (
            "showroom deploy s3://showroom --endpoint-url https://ACCOUNT.r2.cloudflarestorage.com",
            "Cloudflare R2",
        ),
        (
            "showroom deploy s3://showroom/2027 --endpoint-url https://kr.object.ncloudstorage.com",
            "NCloud Object Storage, under the prefix 2027/",
        ),
    ),
    "schema": (
        ("showroom schema", "the JSON Schemas editors' tools check content files with"),
        ("showroom schema -d schemas", "into another folder"),
    ),
    "cache": (
        ("showroom cache prune", "remove the cached photos no content uses"),
        ("showroom cache fill --shard 2/4", "encode the second quarter of the photos only"),
    ),
    "cache fill": (("showroom cache fill --shard 2/4", "one of four CI jobs filling the cache"),),
    "cache prune": (("showroom cache prune", "remove the cached photos no content uses"),),
    "new": (
        ("showroom new site my-showroom", "a new showroom in the folder my-showroom/"),
        ("showroom new product smart-led-lamp", "a draft product with a placeholder photo"),
    ),
    "new site": (
        ("showroom new site my-showroom", "a new showroom in the folder my-showroom/"),
        ("showroom new site . --force", "into this folder, which holds other files"),
    ),
    "new product": (
        ("showroom new product smart-led-lamp", "a draft in content/products/smart-led-lamp/"),
        (
            "showroom new product smart-led-lamp --category electric --company acme",
            "in that category, of that company",
        ),
    ),
}


def epilog(command: str) -> str:
    """The examples of `command` as `--help` shows them (RawDescriptionHelpFormatter): each
    command line with what it does beside it, or, when one of them would pass 79 columns,
    each with what it does below it."""
    examples = EXAMPLES[command]
    width = max(len(line) for line, _ in examples)
    beside = width <= _COLUMN and all(4 + width + len(what) <= _WIDTH for _, what in examples)
    lines = ["examples:"]
    for line, what in examples:
        lines += [f"  {line:{width}}  {what}"] if beside else [f"  {line}", f"      {what}"]
    return "\n".join(lines)


#: The widest command line shown with its words beside it, and the width of a help line.
_COLUMN = 32
_WIDTH = 79


def make_parser(run: Mapping[str, Command]) -> argparse.ArgumentParser:
    """The command line's parser; each command's `run` is `run[name]` (`"cache prune"` …)."""
    parser = argparse.ArgumentParser(
        prog="showroom",
        description="Build the online showroom and its catalogue from content files.",
        epilog=epilog(""),
        formatter_class=argparse.RawDescriptionHelpFormatter,
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
    noise = common.add_mutually_exclusive_group()
    noise.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        default=argparse.SUPPRESS,
        help="print only warnings and errors (no progress, no summary)",
    )
    noise.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=argparse.SUPPRESS,
        help="also print a line for each stage of a build, with its time (check: the "
        "fields each file lacks in each language)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    command = _command_maker(commands, common)

    b = command("build", help="build the site into public/")
    b.add_argument("-d", "--out", type=Path, help="output folder (default: public/)")
    b.add_argument(
        "-b", "--base-url", help="the public address, overriding base_url in showroom.yml"
    )
    b.add_argument("--no-pdf", action="store_true", help="skip the catalogue PDFs")
    b.add_argument("--no-search", action="store_true", help="skip the search page and its index")
    b.add_argument(
        "-D",
        "--drafts",
        action="store_true",
        help="also the drafts (draft: true), marked 초안 and left out of the sitemap, the feed, "
        "the search index and the catalogue",
    )
    _print_option(b)
    _date_options(b)
    b.set_defaults(run=run["build"])

    b.add_argument(
        "--clean",
        action="store_true",
        help="ignore the build state (.cache/build): parse, render and write everything",
    )

    sv = command("serve", help="preview the site, rebuilt and reloaded on every save")
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
    sv.add_argument(
        "--no-drafts",
        dest="drafts",
        action="store_false",
        help="leave the drafts out, as the published site does (by default the preview shows "
        "them, marked 초안)",
    )
    sv.add_argument("-d", "--out", type=Path, help="output folder (default: .cache/serve)")
    _date_options(sv)
    sv.set_defaults(run=run["serve"])

    pdf = command("pdf", help="build only the catalogue PDFs")
    pdf.add_argument("-d", "--out", type=Path, help="output folder (default: public/)")
    pdf.add_argument(
        "-b", "--base-url", help="the public address, overriding base_url in showroom.yml"
    )
    _print_option(pdf)
    _date_options(pdf)
    pdf.set_defaults(run=run["pdf"])

    c = command("check", help="validate content without building")
    _date_options(c)
    c.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="'github' prints GitHub Actions annotations",
    )
    c.set_defaults(run=run["check"])

    im = command("import", help="make draft products (and companies) from a .csv or .xlsx file")
    im.add_argument("file", type=Path, metavar="FILE", help="a .csv or .xlsx file")
    im.add_argument(
        "--update",
        action="store_true",
        help="change the products that exist already, in the fields the file has columns for "
        "alone (their text and other fields are kept)",
    )
    im.add_argument(
        "--dry-run", action="store_true", help="check every cell and report; write nothing"
    )
    im.add_argument("--category", metavar="SLUG", help="the category of the rows that name none")
    im.add_argument(
        "--date", metavar="YYYY-MM-DD", help="the date of new products without one (default: today)"
    )
    im.set_defaults(run=run["import"])

    _deploy_command(command("deploy", help="upload the built site to S3-compatible storage"), run)

    s = command("schema", help="write JSON Schemas of the content files for editors")
    s.add_argument(
        "-d", "--out", type=Path, help=f"output folder (default: {SCHEMA_DIR}/ in the project)"
    )
    s.set_defaults(run=run["schema"])

    cache = command("cache", help="manage the image cache")
    actions = cache.add_subparsers(dest="action", required=True, metavar="ACTION")
    cache_commands(_command_maker(actions, common, "cache "), run)

    n = command("new", help="create a new site or content file")
    kinds = n.add_subparsers(dest="kind", required=True, metavar="KIND")
    new = _command_maker(kinds, common, "new ")
    site = new("site", help="a new showroom that builds at once, in a new folder")
    site.add_argument("folder", type=Path, metavar="DIR", help="the new (or empty) folder")
    site.add_argument(
        "--force",
        action="store_true",
        help="also into a folder that is not empty (no file there is replaced)",
    )
    site.set_defaults(run=run["new site"])
    p = new("product", help="a product bundle with a photo")
    p.add_argument("slug", help="folder name, e.g. smart-led-lamp")
    p.add_argument("--category", help="category slug (default: the first)")
    p.add_argument("--company", help="company slug (default: the first)")
    p.set_defaults(run=run["new product"])
    return parser


def _command_maker(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
    prefix: str = "",
) -> Callable[..., argparse.ArgumentParser]:
    """A maker of subcommands of `commands`: each with the common options and its examples
    (see `showroom.usage`) after its options in `--help`."""

    def make(name: str, help: str) -> argparse.ArgumentParser:
        return commands.add_parser(
            name,
            parents=[common],
            help=help,
            description=help[:1].upper() + help[1:] + ".",
            epilog=epilog(prefix + name),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    return make


def _deploy_command(d: argparse.ArgumentParser, run: Mapping[str, Command]) -> None:
    d.add_argument(
        "target",
        metavar="s3://BUCKET[/PREFIX]",
        help="the bucket, and the folder in it the site goes into (default: its root)",
    )
    d.add_argument("-d", "--out", type=Path, help="the built site (default: public/)")
    d.add_argument(
        "--endpoint-url",
        metavar="URL",
        help="storage other than AWS S3 (Cloudflare R2, NCloud Object Storage); credentials "
        "and region come from the standard AWS environment variables or profile",
    )
    d.add_argument(
        "--dry-run",
        action="store_true",
        help="list what would be uploaded (new, changed) and deleted; change nothing",
    )
    d.add_argument(
        "--invalidate",
        metavar="DISTRIBUTION_ID",
        help="then ask this CloudFront distribution to forget the changed pages",
    )
    d.add_argument(
        "--max-deletes",
        type=int,
        default=MAX_DELETES,
        metavar="N",
        help="refuse to deploy when more than N objects would be deleted (default: "
        "%(default)s; -1: no limit)",
    )
    d.add_argument(
        "--force", action="store_true", help="delete more than --max-deletes objects all the same"
    )
    d.set_defaults(run=run["deploy"])


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
    parser.add_argument(
        "--require-translation",
        action="append",
        default=[],
        metavar="LANG",
        help="an error for each field of a published product, company or category not "
        "translated into LANG, one of `languages` after the first (repeatable)",
    )
