"""Screenshots of the web editor's sign-in for the editor guide (docs/screenshots/admin-*.png).

    python -m tools.browser.admin_screenshots [-f showroom.yml] [--out docs/screenshots]

Builds the site (without the catalogue and search) into a temporary folder, serves it on
127.0.0.1 with every other request refused, and photographs /admin/ in Korean: the sign-in
screen, the dialog of the sign-in with an access token, and the form of a new product (with
the CMS's in-browser test repository standing in for GitHub). Needs the test extra and
chromium.
"""

from __future__ import annotations

import argparse
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path

from showroom.build import BuildOptions, build, check
from tools.browser.static_server import serve

WIDTH, HEIGHT = 960, 640
#: The CMS's Korean words for the token sign-in (themes/default/admin/locales/ko.json).
TOKEN_BUTTON = "액세스 토큰으로 로그인"
TEST_REPO_BUTTON = "테스트 저장소로 작업"


def take(config_file: Path, out_dir: Path) -> list[Path]:
    from playwright.sync_api import Route  # Playwright is a test/tool dependency

    from tools.browser.chromium import chromium

    def local_only(route: Route) -> None:
        local = route.request.url.startswith("http://127.0.0.1:")
        route.continue_() if local else route.abort()

    out_dir.mkdir(parents=True, exist_ok=True)
    sign_in, token = out_dir / "admin-sign-in.png", out_dir / "admin-token.png"
    form = out_dir / "admin-product-form.png"
    with tempfile.TemporaryDirectory(prefix="showroom-admin-") as temp, chromium() as browser:
        site = Path(temp) / "public"
        build(BuildOptions(config_file, site, pdf=False, search=False))
        with serve(site, check(BuildOptions(config_file)).config.base_path) as url:
            page = browser.new_context(
                viewport={"width": WIDTH, "height": HEIGHT}, locale="ko-KR"
            ).new_page()
            page.route("**/*", local_only)
            page.goto(url + "admin/")
            button = page.get_by_role("button", name=TOKEN_BUTTON)
            button.wait_for(timeout=30_000)
            page.wait_for_timeout(2000)  # the loading line fades out
            page.screenshot(path=str(sign_in))
            button.click()
            page.wait_for_timeout(2000)  # the dialog opens with an animation
            page.screenshot(path=str(token))
            _test_repository(site / "admin/config.yml")
            page.goto(url + "admin/")
            page.reload()
            page.get_by_role("button", name=TEST_REPO_BUTTON).click()
            page.goto(url + "admin/#/collections/products/new")
            page.wait_for_timeout(3000)
            page.screenshot(path=str(form))
    return [sign_in, token, form]


def _test_repository(settings: Path) -> None:
    """The CMS's in-browser test repository instead of GitHub (no sign-in, nothing saved)."""
    text = settings.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^backend:\n(  .*\n)+", "backend:\n  name: test-repo\n", text)
    settings.write_text(text.replace("publish_mode: editorial_workflow\n", ""), encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.browser.admin_screenshots")
    parser.add_argument("-f", "--config-file", type=Path, default=Path("showroom.yml"))
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"), help="PNG folder")
    args = parser.parse_args(argv)
    for file in take(args.config_file, args.out):
        print(file)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
