"""`showroom serve`: a real server on an ephemeral port, over HTTP and the livereload socket."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import datetime as dt
import http.client
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from tornado.websocket import websocket_connect

from showroom.build import BuildOptions
from showroom.server.serve import PreviewServer, ServeOptions
from showroom.server.watch import Watcher
from tests.projects import Project, new_project
from tests.test_language_pages import bilingual

DATE = dt.date(2026, 11, 28)
WAIT = 60.0  # seconds: generous, for a loaded machine; no test measures time


@dataclass
class Running:
    server: PreviewServer
    url: str  # the site's address, base path included

    @property
    def origin(self) -> str:
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc}"

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=WAIT) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            with exc:  # it holds the connection
                return exc.code, exc.read().decode("utf-8")

    def raw(self, target: str) -> int:
        """The status of a request sent exactly as given (no client-side normalising)."""
        parts = urlsplit(self.url)
        connection = http.client.HTTPConnection(parts.netloc, timeout=WAIT)
        try:
            connection.putrequest("GET", target, skip_accept_encoding=True)
            connection.endheaders()
            return connection.getresponse().status
        finally:
            connection.close()

    def wait_for(self, path: str, condition: Callable[[str], bool]) -> str:
        deadline = time.monotonic() + WAIT
        while True:
            _, text = self.get(path)
            if condition(text):
                return text
            if time.monotonic() > deadline:
                raise AssertionError(f"{path} never matched; last:\n{text[:2000]}")
            time.sleep(0.05)


@contextlib.contextmanager
def serving(project: Project, drafts: bool = False, pdf: bool = False) -> Iterator[Running]:
    build = BuildOptions(config_file=project.config_file, date=DATE, pdf=pdf, drafts=drafts)
    options = ServeOptions(build, port=0)
    server = PreviewServer(options)
    ready: queue.Queue[str] = queue.Queue()
    thread = threading.Thread(target=server.run, args=(ready.put,), daemon=True)
    thread.start()
    try:
        yield Running(server, ready.get(timeout=WAIT))
    finally:
        server.stop()
        thread.join(timeout=WAIT)
        assert not thread.is_alive()


@pytest.fixture
def running(project: Project) -> Iterator[Running]:
    with serving(project) as live:
        yield live


PRODUCT = "content/products/lathe/index.md"


def edit(project: Project, old: str, new: str, relative: str = PRODUCT) -> None:
    path = project.root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_serves_the_built_site_with_the_reload_script(running: Running) -> None:
    status, home = running.get("")
    assert status == 200
    assert "테스트 홍보관" in home
    assert "/livereload.js" in home  # the script is injected at serve time …
    built = running.server.preview.folder / "index.html"
    assert "livereload" not in built.read_text(encoding="utf-8")  # … not into the files
    status, script = running.get("livereload.js")
    assert status == 200 and "LiveReload" in script
    status, page = running.get("products/lathe/")
    assert status == 200 and "소형 선반" in page
    status, missing = running.get("products/no-such-thing/")
    assert status == 404 and "livereload" in missing  # the site's 404 page, reloading too


def test_a_missing_page_gets_the_404_page_of_its_language(tmp_path: Path) -> None:
    with serving(bilingual(tmp_path / "site")) as live:
        for path, lang in (("products/no-such-thing/", "ko"), ("en/products/no-such-thing/", "en"),
                           ("en/no-such-page", "en"), ("no/such/page.html", "ko")):  # fmt: skip
            status, page = live.get(path)
            assert status == 404, path
            assert 'class="page-404"' in page and f'<html lang="{lang}">' in page, path


def test_binds_to_the_loopback_address_by_default(running: Running) -> None:
    assert urlsplit(running.url).hostname == "127.0.0.1"


@pytest.mark.parametrize(
    "target",
    [
        "/../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/..%2f..%2f..%2fetc/passwd",
        "/products/../../showroom.yml",
        "/%2e%2e/showroom.yml",
        "/%2e%2e/content/products/lathe/index.md",
    ],
)
def test_refuses_paths_outside_the_output_folder(running: Running, target: str) -> None:
    assert running.raw(target) == 404


def test_a_burst_of_saves_is_one_rebuild(project: Project, running: Running) -> None:
    builds = running.server.builds
    for n in range(5):
        edit(project, "소형 선반" if n == 0 else f"선반 {n - 1}호", f"선반 {n}호")
    running.wait_for("products/lathe/", lambda text: "선반 4호" in text)
    time.sleep(1.0)  # room for a second rebuild, which must not come
    assert running.server.builds == builds + 1


def test_a_changed_search_index_follows_the_pages(project: Project, running: Running) -> None:
    """The pages are published first, with the last index; the new index follows, made in the
    background, and holds the edit (its word is in the index's word chunks)."""
    bundle = project.root / ".cache/serve/pagefind"

    def index_state() -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in sorted(bundle.glob("index/*.pf_index"))}

    assert running.server.wait_for_search(WAIT)
    before = index_state()
    builds = running.server.builds
    edit(project, "소형 선반", "소형 선반 삼천리호")
    running.wait_for("products/lathe/", lambda text: "삼천리호" in text)
    assert running.server.builds == builds + 1  # publishing the index is not one more build
    assert running.server.wait_for_search(WAIT)
    after = index_state()
    assert after and after != before
    _, search = running.get("search/")
    assert "showroom-build-errors" not in search


def test_drafts_are_previewed_marked_and_follow_their_edits(project: Project) -> None:
    """`serve` shows drafts (its command line's default): marked, out of the sitemap; a draft
    published by an edit loses its mark and joins the sitemap, one made a draft again goes."""
    edit(project, "date: 2025-02-10\n", "date: 2025-02-10\ndraft: true\n")
    with serving(project, drafts=True) as live:
        status, text = live.get("products/lathe/")
        assert status == 200 and "draft-notice" in text and 'content="noindex"' in text
        _, hall = live.get("halls/machinery/")
        assert "card-draft" in hall
        _, sitemap = live.get("sitemap.xml")
        assert "products/lathe/" not in sitemap
        edit(project, "draft: true\n", "")
        live.wait_for("products/lathe/", lambda text: "draft-notice" not in text)
        live.wait_for("sitemap.xml", lambda text: "products/lathe/" in text)
        _, hall = live.get("halls/machinery/")
        assert "card-draft" not in hall
    with serving(project, drafts=False) as live:  # --no-drafts
        edit(project, "date: 2025-02-10\n", "date: 2025-02-10\ndraft: true\n")
        live.wait_for("products/lathe/", lambda text: "소형 선반" not in text)
        _, hall = live.get("halls/machinery/")
        assert "products/lathe/" not in hall


def test_a_failed_build_shows_its_errors_over_the_last_good_site(
    project: Project, running: Running
) -> None:
    edit(project, "category: machinery", "category: nowhere")
    page = running.wait_for("products/lathe/", lambda text: "showroom-build-errors" in text)
    assert (
        "content/products/lathe/index.md:3: category: unknown category &#x27;nowhere&#x27;: "
        "no file content/categories/nowhere.yml" in page
    )
    assert "소형 선반" in page  # the last good page, under the errors
    status, home = running.get("")
    assert status == 200 and "showroom-build-errors" in home
    edit(project, "category: nowhere", "category: food")
    page = running.wait_for("products/lathe/", lambda text: "showroom-build-errors" not in text)
    assert "식품·농수산" in page


def test_the_browser_is_told_to_reload_after_a_rebuild(project: Project, running: Running) -> None:
    async def listen() -> dict[str, object]:
        socket = await websocket_connect(running.origin.replace("http", "ws") + "/livereload")
        socket.write_message(json.dumps({"command": "hello"}))
        hello = json.loads(str(await socket.read_message()))
        assert hello["command"] == "hello"
        socket.write_message(json.dumps({"command": "info", "url": running.url}))
        await asyncio.sleep(0.5)  # the server registers the page before the edit
        edit(project, "소형 선반", "대형 선반")
        message = await asyncio.wait_for(socket.read_message(), WAIT)
        socket.close()
        # Until the server acknowledges the close: the connection's socket is then closed
        # too (else it is left for the garbage collector, a ResourceWarning in a later test).
        while await asyncio.wait_for(socket.read_message(), WAIT) is not None:
            pass
        return dict(json.loads(str(message)))

    # In a thread of its own: the main thread may already run an event loop (Playwright's).
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        message = pool.submit(asyncio.run, listen()).result(timeout=WAIT * 2)
    assert message["command"] == "reload"
    _, page = running.get("products/lathe/")
    assert "대형 선반" in page  # the site was rebuilt before the browser was told


def test_works_under_a_sub_path(tmp_path: Path) -> None:
    project = new_project(tmp_path / "site", base_url="https://example.org/showroom/")
    with serving(project) as live:
        assert urlsplit(live.url).path == "/showroom/"
        status, page = live.get("products/lathe/")
        assert status == 200 and 'href="/showroom/' in page
        assert live.raw("/") == 301
        assert live.raw("/products/lathe/") == 404  # outside the base path
        assert live.raw("/showroom/%2e%2e/showroom.yml") == 404


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_serve_on_the_command_line(project: Project) -> None:
    """The command itself: it prints the address, serves, and stops on Ctrl+C."""
    process = subprocess.Popen(
        [sys.executable, "-m", "showroom", "serve", "--port", "0", "--date", "2026-11-28"],
        cwd=project.root,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)},
        # Ctrl+C as in a terminal: a test run started in the background (`cmd &` in a script)
        # passes SIGINT down ignored, and Python keeps ignoring it.
        preexec_fn=_default_sigint,
    )
    try:
        assert process.stderr is not None
        line = ""
        while "Serving on" not in line:
            line = process.stderr.readline()
            assert line, "the server stopped"
        url = line.split("Serving on ", 1)[1].strip()
        assert url.startswith("http://127.0.0.1:")
        # Keep reading what it prints, as a terminal does: a full pipe would block its logging.
        later: list[str] = []
        stream = process.stderr
        reader = threading.Thread(target=lambda: later.extend(stream), daemon=True)
        reader.start()
        with urllib.request.urlopen(url, timeout=WAIT) as response:
            assert "테스트 홍보관" in response.read().decode("utf-8")
        process.send_signal(signal.SIGINT)
        try:
            code = process.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            raise AssertionError("serve did not stop; it printed:\n" + "".join(later)) from None
        reader.join(timeout=WAIT)
        assert code == 0, "".join(later)
        assert not [line for line in later if "Changed:" in line], later  # nothing was edited
    finally:
        process.kill()
        process.wait()
        if process.stderr is not None:
            process.stderr.close()


@pytest.mark.parametrize("kind", ["events", "polling"])
def test_the_watcher_reports_a_burst_of_changes_once(tmp_path: Path, kind: str) -> None:
    """watchfiles with the system's file events, and with its polling (WATCHFILES_FORCE_POLLING,
    for folders whose events do not arrive). Polling knows a change by the file's time to the
    second (see the README): its edits come in a later second than the files were made."""
    content = tmp_path / "content"
    (content / "products/a").mkdir(parents=True)
    (content / "products/a/index.md").write_text("a", encoding="utf-8")
    config = tmp_path / "showroom.yml"
    config.write_text("title: x\n", encoding="utf-8")
    (tmp_path / "other.txt").write_text("not watched", encoding="utf-8")
    paths = [config, content]
    watcher = Watcher(paths, force_polling=kind == "polling")
    stop = threading.Event()
    found: queue.Queue[list[str] | None] = queue.Queue()

    def edit() -> None:
        time.sleep(1.1 if kind == "polling" else 0.3)
        (content / "products/a/index.md").write_text("b", encoding="utf-8")
        (content / "products/b").mkdir()  # a new folder, and a file in it at once
        (content / "products/b/index.md").write_text("c", encoding="utf-8")
        (content / "products/a/.index.md.swp").write_text("editor scratch", encoding="utf-8")
        (content / ".git").mkdir()
        (content / ".git/HEAD").write_text("ref: refs/heads/main", encoding="utf-8")
        (tmp_path / "other.txt").write_text("still not watched", encoding="utf-8")
        config.write_text("title: y\n", encoding="utf-8")

    editor = threading.Thread(target=edit)
    editor.start()
    found.put(watcher.wait(stop))
    editor.join()
    changed = found.get()
    assert changed is not None
    expected = {
        str(content / "products/a/index.md"),
        str(content / "products/b/index.md"),
        str(config),
    }
    assert expected <= set(changed)
    assert not {p for p in changed if p.endswith((".swp", "other.txt")) or ".git" in p}
    stop.set()
    assert watcher.wait(stop) is None
    watcher.close()
