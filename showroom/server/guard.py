"""The preview's Tornado application with the Host check in front of every route (the pages,
livereload.js and the live-reload WebSocket), and the WebSocket's Origin check. See hosts.py
for which values are answered."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from livereload.handlers import LiveReloadHandler
from tornado import httputil, web

from showroom.server.hosts import AllowedHosts

log = logging.getLogger(__name__)

FORBIDDEN = (
    b"403 Forbidden: this preview answers only at its own address (the Host header names "
    b"another). Open the address that showroom serve printed, or allow a name with "
    b"showroom serve --allowed-host NAME.\n"
)
SETTING = "showroom_allowed_hosts"

#: A route as Tornado takes it: (path pattern, handler class[, the handler's arguments]).
Route = (
    tuple[str, type[web.RequestHandler]] | tuple[str, type[web.RequestHandler], dict[str, object]]
)


class GuardedApplication(web.Application):
    """A Tornado application that answers 403 to any request whose Host is not allowed."""

    def __init__(
        self,
        handlers: Sequence[Route],
        allowed: AllowedHosts,
        **settings: Any,  # Any: Tornado's settings, each of its own type
    ) -> None:
        settings[SETTING] = allowed
        super().__init__(handlers, **settings)
        self.refused: set[str] = set()  # Host values already logged (an attack can repeat)

    def find_handler(
        self, request: httputil.HTTPServerRequest, **kwargs: object
    ) -> web._HandlerDelegate:  # Tornado's own return type
        allowed: AllowedHosts = self.settings[SETTING]
        values = request.headers.get_list("Host")
        if allowed.allows(values):
            return super().find_handler(request, **kwargs)
        shown = ", ".join(repr(v) for v in values) or "none"
        if shown not in self.refused and len(self.refused) < 100:
            self.refused.add(shown)
            log.warning("Refused a request for another host (Host: %s); 403", shown)
        return self.get_handler_delegate(request, Forbidden)


class Forbidden(web.RequestHandler):
    """403 with a short plain-text body, whatever the method and path."""

    def prepare(self) -> None:
        self.clear()
        self.set_status(403)
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(b"" if self.request.method == "HEAD" else FORBIDDEN)


class CheckedLiveReload(LiveReloadHandler):  # type: ignore[misc]  # livereload: no type hints
    """livereload's WebSocket, refused to pages of another origin (livereload allows any)."""

    def check_origin(self, origin: str) -> bool:
        allowed: AllowedHosts = self.settings[SETTING]
        return allowed.allows_origin(origin)

    async def get(self, *args: str, **kwargs: str) -> None:
        origin = self.request.headers.get("Origin")
        if origin is not None and not self.check_origin(origin):
            self.set_status(403)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish(b"403 Forbidden: a page of another site may not connect.\n")
            log.warning("Refused a live-reload connection from %r; 403", origin)
            return
        await super().get(*args, **kwargs)
