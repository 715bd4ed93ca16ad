"""Drive the search page and the hall filters in a real browser, as a user does."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit

from playwright.sync_api import Page

# The page is settled when the results are not busy and the form names the state they answer.
SETTLED = """expected => {
  const form = document.querySelector('form[data-search]');
  const list = document.querySelector('.results');
  return form && list && list.getAttribute('aria-busy') === 'false'
    && form.dataset.done === expected;
}"""


def settle(page: Page, params: dict[str, str | list[str]] | None = None) -> None:
    """Wait until the results answer `params` (the page's query string)."""
    expected = urlencode(params or {}, doseq=True)
    page.wait_for_function(SETTLED, arg=expected, timeout=15_000)


def search(page: Page, query: str) -> list[str]:
    """Type `query` into the search box, press Enter, and return the result paths in order."""
    box = page.locator("#search-q")
    box.fill(query)
    box.press("Enter")
    settle(page, {"q": query.strip()} if query.strip() else {})
    return result_paths(page)


def result_paths(page: Page, base_path: str = "/") -> list[str]:
    """The site paths (products/x/) of the results on screen, in order."""
    hrefs = page.eval_on_selector_all(
        ".results .card-title a", "links => links.map(a => a.getAttribute('href'))"
    )
    paths = []
    for href in hrefs:
        path = urlsplit(str(href)).path
        assert path.startswith(base_path), f"{href} is outside {base_path}"
        paths.append(path[len(base_path) :])
    return paths


def status(page: Page) -> str:
    return str(page.locator(".search-status").first.text_content() or "").strip()


def suggestions(page: Page) -> list[str]:
    """The suggested queries the page links (none when the note is hidden)."""
    note = page.locator(".search-suggest")
    if note.is_hidden():
        return []
    hrefs = note.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    return [parse_qs(urlsplit(str(href)).query)["q"][0] for href in hrefs]
