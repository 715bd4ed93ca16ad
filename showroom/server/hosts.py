"""Which Host headers the preview answers (DNS rebinding), as webpack-dev-server and Vite do.

A page on another site can make its own name point at 127.0.0.1 once it is loaded, and then
read the preview as if it were that site ("DNS rebinding"): the browser sends that name as
the Host header. So the preview answers only requests addressed to it by a name it knows:

- `host:port` exactly, with the port the server listens on; a bare name only on port 80, the
  one port browsers leave out. Names are compared without regard to case, as DNS does.
- A loopback bind (127.0.0.1, ::1, localhost, any 127.x.y.z): `localhost`, `127.0.0.1`,
  `[::1]` and the address bound to.
- A wildcard bind (0.0.0.0 or ::): the loopback names and any IP address written as an IP
  address (`192.168.0.7:8000`, `[fe80::1]:8000`, `0.0.0.0:8000`): a rebound name is always a
  name, never an address, so an address cannot be a rebinding; names of the machine are not
  guessed, `--allowed-host NAME` adds them.
- A specific address: that address (and `--allowed-host` names).

Anything else is refused: another name, another port, an address in another spelling
(`2130706433`, `127.1`), an empty Host, no Host at all (HTTP/1.0: browsers always send one) and
two Host headers."""

from __future__ import annotations

import contextlib
import ipaddress
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")


@dataclass(frozen=True)
class AllowedHosts:
    """The `host:port` values (lower case) the preview answers."""

    exact: frozenset[str]
    any_address: bool  # a wildcard bind: every IP address (in its canonical form) with the port
    port: int

    def allows(self, values: Sequence[str]) -> bool:
        """Whether a request whose Host headers are `values` may be answered."""
        if len(values) != 1:
            return False
        host = values[0].strip().lower()
        if host in self.exact:
            return True
        if not self.any_address:
            return False
        name, port = split_host(host)
        if port is None:
            port = 80
        return port == self.port and name is not None and _is_address(name)

    def allows_origin(self, origin: str) -> bool:
        """Whether a WebSocket from a page of `origin` (`http://host:port`) may connect."""
        scheme, sep, rest = origin.strip().lower().partition("://")
        if not sep or scheme != "http" or "/" in rest:
            return False
        return self.allows([rest])


def allowed_hosts(bound: str, port: int, extra: Iterable[str] = ()) -> AllowedHosts:
    """The Host values a server bound to `bound`:`port` answers; `extra` are further names,
    each with or without a port (without: the server's port)."""
    bound = bound.strip().lower()
    with contextlib.suppress(ValueError):  # one spelling of an address: ::1, not 0::1
        bound = str(ipaddress.ip_address(bound.strip("[]")))
    names: set[str] = set()
    wildcard = bound in ("", "0.0.0.0", "::", "[::]")
    if wildcard or _is_loopback(bound):
        names.update(LOOPBACK_NAMES)
    if not wildcard:
        names.add(_bracketed(bound))
    exact: set[str] = set()
    for name in names:
        exact.update(_with_port(name, port))
    for value in extra:
        value = value.strip().lower()
        if not value:
            continue
        extra_name, given = split_host(value)
        if extra_name is None:
            continue
        if given is None:
            exact.update(_with_port(extra_name, port))
        else:
            exact.add(f"{extra_name}:{given}")
    return AllowedHosts(frozenset(exact), wildcard, port)


def split_host(value: str) -> tuple[str | None, int | None]:
    """(name, port) of a Host value; name None when it is not one (e.g. `a:b:c`, `x:`)."""
    if value.startswith("["):
        end = value.find("]")
        if end < 0:
            return None, None
        name, rest = value[: end + 1], value[end + 1 :]
        if not rest:
            return name, None
        if not rest.startswith(":"):
            return None, None
        digits = rest[1:]
    else:
        name, sep, digits = value.partition(":")
        if not sep:
            return (name or None), None
        if ":" in digits:
            return None, None
    if not digits.isascii() or not digits.isdigit() or not name:
        return None, None
    return name, int(digits)


def _with_port(name: str, port: int) -> list[str]:
    return [f"{name}:{port}", name] if port == 80 else [f"{name}:{port}"]


def _bracketed(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _is_address(name: str) -> bool:
    """An IP address in the form browsers send: dotted decimal, or IPv6 in brackets."""
    if name.startswith("["):
        try:
            ipaddress.IPv6Address(name[1:-1])
        except ValueError:
            return False
        return name.endswith("]")
    try:
        return str(ipaddress.IPv4Address(name)) == name
    except ValueError:
        return False
