from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext

from tests.conftest import BuiltSite
from tools.browser.chromium import chromium
from tools.browser.static_server import serve


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in item.nodeid:
            item.add_marker(pytest.mark.browser)
            # With `-n` and `--dist loadgroup` (the README's test command), each module's
            # browser tests run on one worker (one Chromium and one sample server per worker,
            # made when its first browser test needs them), so the workers share them out.
            item.add_marker(pytest.mark.xdist_group(f"browser-{item.path.stem}"))


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with chromium() as instance:
        yield instance


@pytest.fixture(scope="session")
def site_url(sample: BuiltSite) -> Iterator[str]:
    """The sample showroom served at http://127.0.0.1:<port>/."""
    with serve(sample.out, sample.base_path) as url:
        yield url


@pytest.fixture(scope="session")
def sub_path_url(sample_sub_path: BuiltSite) -> Iterator[str]:
    """The sub-path build served at http://127.0.0.1:<port>/showroom/."""
    with serve(sample_sub_path.out, sample_sub_path.base_path) as url:
        yield url


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A desktop browser context in Korean, closed after the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ko-KR")
    yield context
    context.close()
