"""Serve a built site on 127.0.0.1 the way a static host does: under its base path, with the
site's own 404 page (the nearest one up the missing path, as Cloudflare Pages does: /en/x/
gets en/404.html), and nothing outside the output folder."""

from __future__ import annotations

import contextlib
import http.server
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from showroom.server.paths import not_found_page, resolve


class _Handler(http.server.SimpleHTTPRequestHandler):
    base_path = "/"

    def __init__(self, *args: Any, directory: str, base_path: str, **kwargs: Any) -> None:
        self.base_path = base_path
        super().__init__(*args, directory=directory, **kwargs)

    def translate_path(self, path: str) -> str:
        """Map a URL under the base path to a file; anything else to a path that is absent."""
        url_path = unquote(urlsplit(path).path)
        root = Path(str(self.directory)).resolve()
        target = resolve(root, self.base_path, url_path)
        if target is None:
            return str(root / ".missing")
        if url_path.endswith("/") and target.is_dir():
            return str(target) + "/"
        return str(target)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = self._not_found_page()
        if code == 404 and page is not None:
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def _not_found_page(self) -> Path | None:
        root = Path(str(self.directory))
        return not_found_page(root, self.base_path, unquote(urlsplit(self.path).path))

    def list_directory(self, path: str | Any) -> None:
        self.send_error(404)
        return None

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: tests and tools report what matters themselves."""


@contextlib.contextmanager
def serve(directory: Path, base_path: str = "/") -> Iterator[str]:
    """Serve `directory` at http://127.0.0.1:<free port><base_path>; yields that URL."""
    handler = partial(_Handler, directory=str(directory), base_path=base_path)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host!s}:{port}{base_path}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
