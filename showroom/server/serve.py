"""`showroom serve`: build, serve the output, watch the inputs, rebuild and reload browsers.

As MkDocs's dev server does: file events are debounced (a burst of saves is one rebuild), a
rebuild writes its output only when it succeeded (a request never sees a half-built site), a
failed rebuild keeps the server and the last good site running and shows its errors over the
pages, and the browser reloads when a rebuild finished. Files are watched through watchfiles
(watch.py). The browser side is the `livereload` package's: its livereload.js client (which
swaps a changed stylesheet without reloading the page), its WebSocket handler and its script
injection; its own watcher and server are not used (see the README)."""

from __future__ import annotations

import asyncio
import gc
import logging
import threading
import time
import warnings
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
from livereload.server import LiveScriptContainer
from tornado import netutil, web
from tornado.httpserver import HTTPServer
from tornado.ioloop import IOLoop

from showroom.build import BuildOptions, BuildResult, build, load_config_only
from showroom.build.state import BuildState
from showroom.config import Config
from showroom.errors import ContentError, ShowroomError
from showroom.output_folder import check_output_folder
from showroom.problems import Level
from showroom.server.app import Preview
from showroom.server.guard import CheckedLiveReload, GuardedApplication
from showroom.server.hosts import allowed_hosts
from showroom.server.watch import Watcher
from showroom.state.files import Unchanged
from showroom.theme.folders import theme_for

log = logging.getLogger(__name__)

#: The livereload client, loaded from the server the page came from (any host and port).
LIVE_SCRIPT = (
    b'<script>(function(){var s=document.createElement("script");'
    b's.src="//"+window.location.host+"/livereload.js?port="+(window.location.port||'
    b'(window.location.protocol=="https:"?443:80));document.head.appendChild(s);})();</script>'
)


@dataclass(frozen=True)
class ServeOptions:
    build: BuildOptions
    host: str = "127.0.0.1"
    port: int = 8000
    open_browser: bool = False
    #: Further names the preview answers to (`name` or `name:port`), see hosts.py.
    allowed_hosts: tuple[str, ...] = ()


def preview_folder(config: Config) -> Path:
    """Where `serve` builds: beside the caches, never the published output folder."""
    return config.cache_dir.parent / "serve"


def watched_paths(config: Config) -> list[Path]:
    """showroom.yml, content/ and the theme folders (the site's and the default one)."""
    return [config.root / "showroom.yml", config.content_dir, *theme_for(config).folders]


class PreviewServer:
    """One preview: call run() (it blocks); stop() ends it from another thread."""

    def __init__(self, options: ServeOptions) -> None:
        config = load_config_only(options.build)
        out = options.build.out if options.build.out is not None else preview_folder(config)
        check_output_folder(out, config, options.build.config_file.resolve())  # before serving
        self.options = replace(options, build=replace(options.build, out=out))
        self.config_file = options.build.config_file.resolve()
        self.config = config
        self.state = BuildState.load(config.cache_dir.parent / "build")
        self.state.persist = False  # kept in memory; written when the server stops
        self.preview = Preview(out.resolve(), config.base_path)
        self.stop_event = threading.Event()
        self.builds = 0
        #: Files changed since the last successful build (every other watched file is known).
        self.pending: set[str] = set()
        self.watched = watched_paths(config)
        self._loop: IOLoop | None = None
        self._building = threading.Lock()  # one build at a time (watcher, search thread)
        self._search_lock = threading.Lock()
        self._search_job: Callable[..., object] | None = None
        self._search_thread: threading.Thread | None = None

    # -- building ----------------------------------------------------------------------------
    def rebuild(self, changed: list[str] | None = None, why: str = "") -> BuildResult | None:
        """One build; its errors go to the log and to the pages. Returns None if it failed.

        A search index that must be made again is made afterwards, in the background: the
        pages are published at once with the last index, and a build once the new index is
        ready publishes it (at 5,000 products Pagefind takes seconds, a page milliseconds)."""
        with self._building:
            self.builds += 1
            result = self._rebuild(changed, why)
            if result is not None:
                settle_memory(result, first=self.builds == 1)
            if result is not None and result.search_pending is not None:
                self._index_later(result.search_pending)
        return result

    def _rebuild(self, changed: list[str] | None, why: str) -> BuildResult | None:
        started = time.perf_counter()
        unchanged = None
        if changed is not None:
            self.pending.update(changed)
            unchanged = Unchanged(self.watched, self.pending)
        try:
            result = build(
                self.options.build,
                state=self.state,
                publishing=self.preview.lock,
                unchanged=unchanged,
                search_later=True,  # see rebuild()
                in_place=True,  # one file at a time: an edit must show within 200 ms
            )
        except Exception as exc:
            self._failed(*_failure(exc))
            return None
        self.preview.set_errors(())
        self.pending.clear()
        seconds = time.perf_counter() - started
        log.info(
            "%s in %d ms: %d pages rendered, %d files written, %d removed%s",
            why or ("Rebuilt" if changed else "Built"),
            round(seconds * 1000),
            result.pages_rendered,
            result.files_written,
            result.files_removed,
            "; the search index follows" if result.search_pending is not None else "",
        )
        if log.isEnabledFor(logging.DEBUG):
            for problem in result.warnings:
                log.debug("%s", problem.format())
        return result

    def _index_later(self, job: Callable[..., object]) -> None:
        """Run the newest search index job in the background thread (started if need be)."""
        with self._search_lock:
            self._search_job = job
            if self._search_thread is None:
                self._search_thread = threading.Thread(
                    target=self._index, name="showroom-search", daemon=True
                )
                self._search_thread.start()

    def _index(self) -> None:
        while not self.stop_event.is_set():
            with self._search_lock:
                job, self._search_job = self._search_job, None
                if job is None:
                    self._search_thread = None
                    return
            started = time.perf_counter()
            try:
                job(stop=self.stop_event)
            except Exception as exc:
                if not self.stop_event.is_set():
                    log.error("Search index failed; the last one is still served: %s", exc)
                continue
            with self._search_lock:
                newer = self._search_job is not None
            if not newer:  # else the newer job's index is the one to publish
                seconds = time.perf_counter() - started
                with self._building:  # not counted in `builds`: no file of the site changed
                    result = self._rebuild([], f"Search index made in {seconds:.1f} s; published")
                    if result is not None and result.search_pending is not None:
                        self._index_later(result.search_pending)  # something changed meanwhile
        with self._search_lock:
            self._search_thread = None

    def wait_for_search(self, timeout: float = 60) -> bool:
        """Wait until no build runs and no search index is being made (for tests and
        benchmarks); False if that took longer than `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._search_lock:
                if self._search_thread is None and not self._building.locked():
                    return True
            time.sleep(0.02)
        return False

    def _failed(self, errors: list[str], summary: str) -> None:
        for line in errors:
            log.error("%s", line)
        log.error("%s The last good site is still served.", summary)
        self.preview.set_errors(errors)

    def _watch(self, watcher: Watcher) -> None:
        while True:
            changed = watcher.wait(self.stop_event)
            if changed is None:
                return
            log.info("Changed: %s", ", ".join(_short(p, self.config.root) for p in changed[:5]))
            self.rebuild(changed)
            try:
                config = load_config_only(self.options.build)
            except ShowroomError:
                config = self.config  # showroom.yml is broken: keep watching what was watched
            watched = watched_paths(config)
            if watched != self.watched:
                # Other folders: nothing is known about them; the next build looks at all.
                self.config, self.watched = config, watched
                watcher.close()
                watcher = Watcher(watched)
                self.rebuild()
            loop = self._loop
            if loop is not None:
                path = changed[0] if all(p.endswith(".css") for p in changed) else "*"
                LiveReloadHandler.watcher = Reloaded(path)
                loop.add_callback(LiveReloadHandler.reload_waiters, path)

    # -- serving -----------------------------------------------------------------------------
    def run(self, ready: Callable[[str], None] | None = None) -> None:
        """Build, then serve until stop() or Ctrl+C; `ready` gets the site's address."""
        watcher = Watcher(self.watched)  # before the build: a save in it is a change
        try:
            self.rebuild()
            asyncio.run(self._serve(watcher, ready))
        except KeyboardInterrupt:
            log.info("Stopped")
        finally:
            self.stop_event.set()
            watcher.close()
            self.wait_for_search(timeout=10)  # Pagefind is stopped; a build may be finishing
            with self._building:
                self.state.persist = True
                self.state.flush()

    def stop(self) -> None:
        self.stop_event.set()

    async def _serve(self, watching: Watcher, ready: Callable[[str], None] | None) -> None:
        LiveReloadHandler.watcher = Reloaded()
        LiveReloadHandler.live_css = True
        site = LiveScriptContainer(self.preview, LIVE_SCRIPT)
        sockets = netutil.bind_sockets(self.options.port, self.options.host)
        port = sockets[0].getsockname()[1]
        host = self.options.host
        app = GuardedApplication(
            [
                (r"/livereload", CheckedLiveReload),
                (r"/livereload\.js", LiveReloadJSHandler),
                (r".*", web.FallbackHandler, {"fallback": site}),
            ],
            allowed_hosts(host, port, self.options.allowed_hosts),
        )
        server = HTTPServer(app)
        server.add_sockets(sockets)
        shown = f"[{host}]" if ":" in host else host
        url = f"http://{shown}:{port}{self.config.base_path}"
        self._loop = IOLoop.current()
        watcher = threading.Thread(
            target=self._watch, args=(watching,), name="showroom-watch", daemon=True
        )
        watcher.start()
        log.info("Serving on %s", url)
        if ready is not None:
            ready(url)
        if self.options.open_browser:
            threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
        try:
            while not self.stop_event.is_set():
                await asyncio.sleep(0.2)
        finally:
            server.stop()
            self.stop_event.set()
            watcher.join(timeout=30)
            self._loop = None


@dataclass(frozen=True)
class Reloaded:
    """What livereload's WebSocket handler reads of the watcher it was made for (livereload's
    own, which polls): the path whose change made the browsers reload, for its log line."""

    filepath: str | None = None


def settle_memory(result: BuildResult, first: bool) -> None:
    """After the first build, and a build that made most pages again: collect the garbage once, then
    freeze what is left (the model, the caches, the kept values) so that the collector does
    not look at it again. At 5,000 products a full collection over it takes half a second,
    which would otherwise fall into some later edit's rebuild (as gc.freeze is meant for in
    long-running servers). What later builds make is collected as usual."""
    if not first and result.pages_rendered * 2 < sum(result.pages.values()):
        return
    gc.unfreeze()
    with warnings.catch_warnings():  # what others left unclosed is not this build's to report
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()
    gc.freeze()


def _failure(exc: Exception) -> tuple[list[str], str]:
    """What a failed build shows, in the terminal and over the pages: the lines (content's and
    templates' problems as `path:line: message`) and a summary. Called while handling it."""
    if isinstance(exc, ContentError):  # a template's error too (ThemeError), at its line
        shown = [p for p in exc.problems if exc.strict or p.level is Level.ERROR]
        return [p.format() for p in shown], exc.format_message()
    if isinstance(exc, ShowroomError):
        return [exc.format_message()], "Build failed"
    log.exception("build failed")
    return [f"{type(exc).__name__}: {exc}"], "Build failed"


def _short(path: str, root: Path) -> str:
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return path
