"""Every internal link, image, stylesheet and script of the pages in every language resolves
over HTTP, at the domain root and under a sub-path. External links are not fetched."""

from __future__ import annotations

import urllib.error
import urllib.request
from urllib.parse import urljoin, urlsplit

import pytest

from tests.conftest import BuiltSite
from tests.site_files import html_files, parse, urls_in


def internal_urls(site: BuiltSite, served: str) -> dict[str, str]:
    """Absolute URLs on the local server for every internal reference, with one page using it."""
    origin = f"{urlsplit(served).scheme}://{urlsplit(served).netloc}"
    found: dict[str, str] = {}
    for file in html_files(site.out):
        relative = file.relative_to(site.out).as_posix()
        page_url = origin + site.base_path + relative.removesuffix("index.html")
        for url in urls_in(parse(file)):
            if urlsplit(url).scheme in ("http", "https", "mailto", "tel"):
                continue
            absolute = urljoin(page_url, url).split("#", 1)[0]
            found.setdefault(absolute, relative)
    return found


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        with error:  # it holds the connection
            return int(error.code)


@pytest.mark.parametrize("which", ["root", "sub-path"])
def test_every_internal_url_resolves(
    which: str,
    sample: BuiltSite,
    sample_sub_path: BuiltSite,
    site_url: str,
    sub_path_url: str,
) -> None:
    site, served = (sample, site_url) if which == "root" else (sample_sub_path, sub_path_url)
    urls = internal_urls(site, served)
    assert len(urls) > 100
    # The English pages' links are followed too, and they lead to English pages.
    assert len({source for source in urls.values() if source.startswith("en/")}) > 30
    assert sum(url.startswith(served + "en/") for url in urls) > 30
    broken = [f"{source}: {url} ({code})" for url, source in sorted(urls.items())
              if (code := status(url)) != 200]  # fmt: skip
    assert broken == []


def test_the_server_serves_nothing_outside_the_site(sample: BuiltSite, site_url: str) -> None:
    for path in ("../../etc/passwd", "%2e%2e/%2e%2e/etc/passwd", "static/../../conftest.py"):
        assert status(site_url + path) == 404, path


@pytest.mark.parametrize(("path", "lang"), [("no-such-page/", "ko"), ("en/no/such/page", "en")])
def test_missing_pages_get_the_site_404(site_url: str, path: str, lang: str) -> None:
    """The 404 page nearest to the missing path: the English one under /en/."""
    try:
        urllib.request.urlopen(site_url + path, timeout=10)
    except urllib.error.HTTPError as error:
        with error:  # it holds the connection
            assert error.code == 404
            page = error.read().decode("utf-8")
            assert 'class="page-404"' in page
            assert f'<html lang="{lang}">' in page
    else:
        pytest.fail("a missing page answered 200")
