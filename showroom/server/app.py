"""The preview's WSGI application: the output folder under the site's base path, the site's
404 page (the nearest one: the English one under /en/), and, after a failed build, the errors
over the last good pages."""

from __future__ import annotations

import html
import mimetypes
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote
from wsgiref.types import StartResponse, WSGIEnvironment

from showroom.server.paths import file_for, not_found_page

ERROR_ID = "showroom-build-errors"
_BODY = re.compile(rb"<body[^>]*>", re.IGNORECASE)


@dataclass
class Preview:
    """What the server shows; the builder thread changes it, requests read it."""

    folder: Path
    base_path: str
    #: Held while the builder changes the folder, and by requests while they read a file.
    lock: threading.Lock = field(default_factory=threading.Lock)
    errors: tuple[str, ...] = ()  # the last build's errors, `path:line: field: message`

    def set_errors(self, errors: Sequence[str]) -> None:
        self.errors = tuple(errors)

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        if method not in ("GET", "HEAD"):
            return _respond(start_response, "405 Method Not Allowed", b"", "text/plain")
        # WSGI gives the decoded path as Latin-1 characters; the bytes are UTF-8.
        raw = environ.get("PATH_INFO", "/") or "/"
        try:
            url_path = raw.encode("latin-1").decode("utf-8")
        except UnicodeError:
            url_path = raw
        if self.base_path != "/" and url_path + "/" == self.base_path:
            return _redirect(start_response, self.base_path)
        if url_path == "/" and self.base_path != "/":
            return _redirect(start_response, self.base_path)
        status, data, kind = self._read(url_path)
        errors = self.errors
        if errors and kind.startswith("text/html"):
            data = with_errors(data, errors)
        return _respond(start_response, status, b"" if method == "HEAD" else data, kind)

    def _read(self, url_path: str) -> tuple[str, bytes, str]:
        with self.lock:
            target = file_for(self.folder, self.base_path, url_path)
            if target is None:
                resolved = file_for(self.folder, self.base_path, url_path + "/")
                if resolved is not None and not url_path.endswith("/"):
                    # A folder asked for without its slash: as a static host, redirect.
                    return "301 Moved Permanently", (url_path + "/").encode(), "redirect"
                page = not_found_page(self.folder, self.base_path, url_path)
                data = page.read_bytes() if page is not None else _blank_page()
                return "404 Not Found", data, "text/html; charset=utf-8"
            data = target.read_bytes()
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/xml", "application/javascript"):
            kind += "; charset=utf-8"
        return "200 OK", data, kind


def with_errors(page: bytes, errors: Sequence[str]) -> bytes:
    """The page with a panel listing the build's errors right after <body>."""
    items = "".join(f"<li><code>{html.escape(e)}</code></li>" for e in errors)
    panel = (
        f'<div id="{ERROR_ID}" role="alert" style="all:initial;display:block;position:relative;'
        "z-index:2147483647;background:#fff3f3;color:#5c0000;border:3px solid #b00020;"
        'padding:1rem 1.25rem;font:16px/1.5 system-ui,sans-serif;white-space:normal">'
        '<strong style="font-size:1.1em">The site could not be built. This is the last good '
        "version; it reloads when the errors are fixed. (사이트를 만들지 못했습니다. 아래 오류를 "
        "고치면 저절로 새로 고쳐집니다.)</strong>"
        f'<ul style="margin:.5rem 0 0;padding-left:1.25rem">{items}</ul></div>'
    ).encode()
    match = _BODY.search(page)
    if match is None:
        return panel + page
    return page[: match.end()] + panel + page[match.end() :]


def _blank_page() -> bytes:
    return (
        b'<!doctype html><html><head><meta charset="utf-8"><title>Showroom preview</title>'
        b"</head><body></body></html>"
    )


def _redirect(start_response: StartResponse, location: str) -> Iterable[bytes]:
    start_response("301 Moved Permanently", [("Location", location), ("Content-Length", "0")])
    return [b""]


def _respond(start_response: StartResponse, status: str, body: bytes, kind: str) -> Iterable[bytes]:
    if kind == "redirect":
        return _redirect(start_response, quote(body.decode()))
    start_response(
        status,
        [
            ("Content-Type", kind),
            ("Content-Length", str(len(body))),
            ("Cache-Control", "no-store"),
        ],
    )
    return [body]
