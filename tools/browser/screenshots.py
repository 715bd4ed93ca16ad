"""Screenshots of one page of every kind, in every language, at phone and desktop widths, as
PNG files.

    python -m tools.browser.screenshots [-f showroom.yml] [--date YYYY-MM-DD] [--out DIR]
        [--width 360 ...] [--only en-product-translated ...] [--screen]

Builds the site into a temporary folder, serves it on 127.0.0.1 and lets Debian's Chromium
(driven by Playwright) photograph every page of the tour (`home-1280.png`, ...; the English
pages `en-home-1280.png`, ...), so a person can look at the site without running a server.
Needs the test extra (`pip install -e '.[test]'`) and chromium.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from showroom.build import BuildOptions, build, check
from showroom.dates import build_date
from showroom.errors import ShowroomError
from tools.browser.page_tour import SCRIPTS_SETTLED, tours
from tools.browser.static_server import serve

if TYPE_CHECKING:
    from playwright.sync_api import Browser

WIDTHS = (360, 1280)


def take(
    options: BuildOptions,
    out_dir: Path,
    widths: Sequence[int] = WIDTHS,
    full_page: bool = True,
    browser: Browser | None = None,
    only: Sequence[str] = (),
) -> list[Path]:
    """Build, serve and photograph every page of the tour (or those named in `only`); return
    the PNG files."""
    if browser is None:
        from tools.browser.chromium import chromium  # Playwright is a test/tool dependency

        with chromium() as own:
            return take(options, out_dir, widths, full_page, own, only)
    stops = [s for s in tours(check(options)) if not only or s.name in only]
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="showroom-shots-") as temp:
        site = Path(temp) / "public"
        build(BuildOptions(options.config_file, site, options.date, base_url=options.base_url))
        base_path = check(options).config.base_path
        with serve(site, base_path) as url:
            for width in widths:
                context = browser.new_context(viewport={"width": width, "height": 900})
                page = context.new_page()
                for stop in stops:
                    page.goto(url + stop.path, wait_until="networkidle")
                    page.wait_for_function(SCRIPTS_SETTLED, timeout=15_000)
                    target = out_dir / f"{stop.name}-{width}.png"
                    page.screenshot(path=str(target), full_page=full_page)
                    written.append(target)
                context.close()
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.browser.screenshots")
    parser.add_argument("-f", "--config-file", type=Path, default=Path("showroom.yml"))
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="the build date (default: today)")
    parser.add_argument("--out", type=Path, default=Path("screenshots"), help="PNG folder")
    parser.add_argument("--width", type=int, action="append", help="viewport widths (360, 1280)")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="NAME",
        help="only this page of the tour (home, en-product-translated, ...)",
    )
    parser.add_argument(
        "--screen",
        action="store_true",
        help="only what the screen shows (900px high), not the whole page",
    )
    args = parser.parse_args(argv)
    try:
        options = BuildOptions(
            config_file=args.config_file, date=build_date(args.date, os.environ, dt.date.today())
        )
        widths = tuple(args.width or WIDTHS)
        files = take(options, args.out, widths, not args.screen, only=args.only)
    except ShowroomError as exc:
        print(f"Error: {exc.format_message()}", file=sys.stderr)
        return exc.exit_code
    for file in files:
        print(file)
    print(f"{len(files)} screenshots in {args.out}/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
