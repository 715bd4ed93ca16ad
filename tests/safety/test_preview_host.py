"""`showroom serve` answers only at its own address (issue 12, item 7: DNS rebinding).

A real server on an ephemeral port; requests are written byte for byte on a socket, so that
the Host header is exactly what a browser (or an attacker's page after DNS rebinding) sends."""

from __future__ import annotations

import datetime as dt
import queue
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from showroom.build import BuildOptions
from showroom.server.serve import PreviewServer, ServeOptions
from tests.projects import new_project

DATE = dt.date(2026, 11, 28)
WAIT = 60.0  # seconds: generous, for a loaded machine; no test measures time
TITLE = "테스트 홍보관"  # the tiny project's title: on every page of the site

#: The tests that use one of the module's previews: each preview's tests on one xdist worker
#: (`--dist loadgroup`), so that it is built and started once, not once per worker.
LOOPBACK = pytest.mark.xdist_group("preview-loopback")
EVERYWHERE = pytest.mark.xdist_group("preview-everywhere")


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes


@dataclass
class Live:
    server: PreviewServer
    port: int

    def send(self, head: str, connect: str = "127.0.0.1") -> Reply:
        """Send `head` (request line and headers, with PORT replaced by the server's port)."""
        text = head.replace("PORT", str(self.port)).strip("\n").replace("\n", "\r\n")
        with socket.create_connection((connect, self.port), timeout=WAIT) as conn:
            conn.sendall(text.encode("utf-8") + b"\r\n\r\n")
            data = b""
            while chunk := conn.recv(65536):
                data += chunk
                if b"\r\n\r\n" in data and _complete(data):
                    break
        head_bytes, _, body = data.partition(b"\r\n\r\n")
        lines = head_bytes.decode("latin-1").split("\r\n")
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        return Reply(int(lines[0].split()[1]), headers, body)

    def get(self, host: str | None, path: str = "/", version: str = "HTTP/1.1") -> Reply:
        header = "" if host is None else f"Host: {host}\n"
        return self.send(f"GET {path} {version}\n{header}Connection: close")


def _complete(data: bytes) -> bool:
    head, _, body = data.partition(b"\r\n\r\n")
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return len(body) >= int(value.strip())
    return head.split(b" ", 2)[1:2] == [b"101"]


def _serve(root: Path, host: str = "127.0.0.1", allowed: tuple[str, ...] = ()) -> Iterator[Live]:
    project = new_project(root)
    build = BuildOptions(config_file=project.config_file, date=DATE, pdf=False, search=False)
    options = ServeOptions(build, host=host, port=0, allowed_hosts=allowed)
    server = PreviewServer(options)
    ready: queue.Queue[str] = queue.Queue()
    thread = threading.Thread(target=server.run, args=(ready.put,), daemon=True)
    thread.start()
    try:
        url = ready.get(timeout=WAIT)
        yield Live(server, int(url.rsplit(":", 1)[1].split("/")[0]))
    finally:
        server.stop()
        thread.join(timeout=WAIT)
        assert not thread.is_alive()


@pytest.fixture(scope="module")
def loopback(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    yield from _serve(tmp_path_factory.mktemp("loopback"))


@pytest.fixture(scope="module")
def everywhere(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """Bound to 0.0.0.0, with one name allowed by --allowed-host."""
    yield from _serve(tmp_path_factory.mktemp("everywhere"), "0.0.0.0", ("Preview.LAN",))


def assert_forbidden(reply: Reply) -> None:
    assert reply.status == 403, reply
    assert reply.headers["content-type"].startswith("text/plain")
    text = reply.body.decode("utf-8")
    assert text.startswith("403 Forbidden") and len(text) < 300
    for secret in (TITLE, "<", "livereload", "lathe", "선반", "/tmp", "content/"):
        assert secret not in text  # nothing of the site, its files or its folders


ALLOWED_ON_LOOPBACK = [
    "127.0.0.1:PORT",
    "localhost:PORT",
    "LOCALHOST:PORT",  # host names are case-insensitive
    "LocalHost:PORT",
    "[::1]:PORT",
]

REFUSED_ON_LOOPBACK = [
    "evil.example",
    "evil.example:PORT",
    "127.0.0.1.evil.example",
    "127.0.0.1.evil.example:PORT",
    "localhost.evil.example:PORT",
    "evil.localhost.example:PORT",
    "127.0.0.1:1",  # another port
    "127.0.0.1:PORT0",
    "localhost:80",
    "localhost",  # no port: a browser sends one unless it is 80
    "127.0.0.1",
    "0.0.0.0:PORT",  # the server is not bound there; "0.0.0.0 day" pages use it
    "2130706433:PORT",  # 127.0.0.1 in decimal
    "0x7f000001:PORT",
    "127.1:PORT",
    "0177.0.0.1:PORT",
    "127.0.0.2:PORT",  # loopback, but not this server's address
    "[::ffff:127.0.0.1]:PORT",
    "[::1]",
    "localhost.:PORT",
    "localhost:PORT.evil.example",
    "localhost:PORT:PORT",
    "",  # an empty Host
    "192.168.0.7:PORT",
]


#: Host values Tornado's HTTP parser refuses itself, with 400 and an empty body.
MALFORMED = ["user@localhost:PORT", "localhost :PORT", "local host:PORT", "localhost/x:PORT"]


def assert_refused(reply: Reply) -> None:
    """403 from the preview, or 400 from the HTTP parser before it: nothing of the site."""
    if reply.status == 400:
        assert reply.body == b""
    else:
        assert_forbidden(reply)


@LOOPBACK
@pytest.mark.parametrize("host", ALLOWED_ON_LOOPBACK)
def test_a_loopback_preview_answers_at_its_own_address(loopback: Live, host: str) -> None:
    reply = loopback.get(host)
    assert reply.status == 200
    assert TITLE in reply.body.decode("utf-8")


@LOOPBACK
@pytest.mark.parametrize("host", REFUSED_ON_LOOPBACK)
def test_a_loopback_preview_refuses_any_other_host(loopback: Live, host: str) -> None:
    for path in ("/", "/products/lathe/", "/livereload.js", "/nothing-here", "/404.html"):
        assert_forbidden(loopback.get(host, path))


@LOOPBACK
@pytest.mark.parametrize("host", MALFORMED)
def test_a_malformed_host_is_refused(loopback: Live, host: str) -> None:
    assert_refused(loopback.get(host))


@LOOPBACK
def test_no_host_or_two_hosts_are_refused(loopback: Live) -> None:
    # HTTP/1.0 without a Host: Tornado would take it for 127.0.0.1; the preview refuses it
    # (a browser always sends a Host, so nothing but a hand-made request lacks one).
    assert_forbidden(loopback.get(None, version="HTTP/1.0"))
    assert_refused(loopback.get(None))  # HTTP/1.1 requires a Host: the parser's 400
    for pair in (
        ("127.0.0.1:PORT", "evil.example"),
        ("evil.example", "127.0.0.1:PORT"),
        ("127.0.0.1:PORT", "127.0.0.1:PORT"),
    ):
        head = "GET / HTTP/1.1\n" + "".join(f"Host: {h}\n" for h in pair) + "Connection: close"
        reply = loopback.send(head)
        assert_refused(reply)


@LOOPBACK
def test_every_method_is_refused_for_another_host(loopback: Live) -> None:
    for method in ("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"):
        head = f"{method} / HTTP/1.1\nHost: evil.example:PORT\nContent-Length: 0\nConnection: close"
        reply = loopback.send(head)
        assert reply.status == 403, (method, reply)
        assert TITLE.encode() not in reply.body


def upgrade(live: Live, host: str, origin: str | None) -> Reply:
    origin_line = "" if origin is None else f"Origin: {origin}\n"
    return live.send(
        "GET /livereload HTTP/1.1\n"
        f"Host: {host}\n"
        f"{origin_line}"
        "Upgrade: websocket\n"
        "Connection: Upgrade\n"
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\n"
        "Sec-WebSocket-Version: 13"
    )


@LOOPBACK
@pytest.mark.parametrize(
    "origin",
    [
        "http://127.0.0.1:PORT",
        "http://localhost:PORT",
        "http://LOCALHOST:PORT",
        "http://[::1]:PORT",
        None,  # not a browser: browsers always send an Origin with a WebSocket
    ],
)
def test_the_live_reload_socket_accepts_pages_of_the_preview(
    loopback: Live, origin: str | None
) -> None:
    assert upgrade(loopback, "127.0.0.1:PORT", origin).status == 101


@LOOPBACK
@pytest.mark.parametrize(
    "origin",
    [
        "http://evil.example",
        "http://evil.example:PORT",
        "https://127.0.0.1:PORT",
        "http://127.0.0.1:1",
        "http://127.0.0.1.evil.example:PORT",
        "http://localhost.evil.example:PORT",
        "http://0.0.0.0:PORT",
        "null",  # a sandboxed frame or a file:// page
        "file://",
        "",
    ],
)
def test_the_live_reload_socket_refuses_pages_of_another_origin(
    loopback: Live, origin: str
) -> None:
    for host in ("127.0.0.1:PORT", "localhost:PORT"):
        for fetch_site in ("", "cross-site", "same-origin", "none"):
            reply = upgrade(loopback, host, origin)
            if fetch_site:  # what the browser says cannot make a foreign origin pass
                reply = loopback.send(
                    "GET /livereload HTTP/1.1\n"
                    f"Host: {host}\nOrigin: {origin}\nSec-Fetch-Site: {fetch_site}\n"
                    "Upgrade: websocket\nConnection: Upgrade\n"
                    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\nSec-WebSocket-Version: 13"
                )
            assert reply.status == 403, (host, origin, fetch_site, reply)


@LOOPBACK
@pytest.mark.parametrize("host", ["evil.example:PORT", "127.0.0.1.evil.example:PORT", ""])
def test_the_live_reload_socket_checks_the_host_too(loopback: Live, host: str) -> None:
    # A rebound page is of the same origin as its Host: the Host check is what stops it.
    origin = "http://" + host if host else None
    assert_forbidden(upgrade(loopback, host, origin))


@EVERYWHERE
@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1:PORT",
        "localhost:PORT",
        "[::1]:PORT",
        "0.0.0.0:PORT",  # the address the server prints
        "192.168.0.7:PORT",  # any address of the machine: an address cannot be rebound
        "10.1.2.3:PORT",
        "[fe80::1]:PORT",
        "preview.lan:PORT",  # --allowed-host Preview.LAN
        "PREVIEW.LAN:PORT",
    ],
)
def test_a_preview_on_every_address_answers_at_addresses_and_allowed_names(
    everywhere: Live, host: str
) -> None:
    reply = everywhere.get(host)
    assert reply.status == 200
    assert TITLE in reply.body.decode("utf-8")
    assert upgrade(everywhere, host, "http://" + host).status == 101


@EVERYWHERE
@pytest.mark.parametrize(
    "host",
    [
        "evil.example:PORT",
        "my-laptop:PORT",  # a name not allowed with --allowed-host
        "preview.lan.evil.example:PORT",
        "preview.lan:1",
        "preview.lan",
        "192.168.0.7:1",
        "192.168.0.7",
        "2130706433:PORT",
        "3232235527:PORT",  # 192.168.0.7 in decimal
        "192.168.000.007:PORT",
        "0:PORT",
        "",
    ],
)
def test_a_preview_on_every_address_refuses_names_it_was_not_given(
    everywhere: Live, host: str
) -> None:
    assert_forbidden(everywhere.get(host))
