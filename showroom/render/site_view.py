"""The `site` that templates see: the real Site, with every read recorded for the build state.

A page is re-rendered when anything it read changed. What a page's own context holds is known
before rendering; what its templates read through the `site` global is known only after, so
the renderer records it (`halls`, `company_by_slug['acme']`, …) and the next build compares
the fingerprints of exactly those values (as Lektor records the records a page used)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from showroom.site.structure import Site

#: One read: an attribute of the site, or an attribute and the key looked up in it.
Access = tuple[str] | tuple[str, str]


class AccessLog:
    """Collects the reads of the page being rendered (None: not recording)."""

    def __init__(self) -> None:
        self.current: set[Access] | None = None

    def add(self, access: Access) -> None:
        if self.current is not None:
            self.current.add(access)


class SiteView:
    """Attribute access passes through to the Site and is logged."""

    def __init__(self, site: Site, log: AccessLog) -> None:
        self._site = site
        self._log = log

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._site, name)
        if isinstance(value, dict):
            return _LoggedMapping(value, name, self._log)
        self._log.add((name,))
        return value


class _LoggedMapping(Mapping[str, Any]):
    """A dict of the site whose single lookups are logged one by one; anything else whole."""

    def __init__(self, data: dict[str, Any], name: str, log: AccessLog) -> None:
        self._data = data
        self._name = name
        self._log = log

    def __getitem__(self, key: str) -> Any:
        self._log.add((self._name, str(key)))
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        self._log.add((self._name,))
        return iter(self._data)

    def __len__(self) -> int:
        self._log.add((self._name,))
        return len(self._data)


def read_value(site: Site, access: Access) -> object:
    """The value an access read, in this build's site (a missing key reads as None)."""
    value = getattr(site, access[0], None)
    if len(access) == 2:
        return value.get(access[1]) if isinstance(value, dict) else None
    if callable(value):
        # A method (related, neighbours, …) can read anything: depend on every product.
        return ("method", access[0], site.products, site.halls)
    return value
