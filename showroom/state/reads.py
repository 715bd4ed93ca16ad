"""Reads recorded for reuse: an object seen through a view that logs every attribute read.

A page is re-rendered when anything it read changed. What a page's own context holds is known
before rendering; what its templates read through a global (the renderer's `site`) is known
only after, so the view records it (`halls`, `company_by_slug['acme']`, …) and the next build
compares the fingerprints of exactly those values (as Lektor records the records a page used)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

#: One read: an attribute of the site, or an attribute and the key looked up in it.
Access = tuple[str] | tuple[str, str]


class AccessLog:
    """Collects the reads of the page being rendered (None: not recording)."""

    def __init__(self) -> None:
        self.current: set[Access] | None = None

    def add(self, access: Access) -> None:
        if self.current is not None:
            self.current.add(access)


class RecordingView:
    """Attribute access passes through to the object and is logged."""

    def __init__(self, source: object, log: AccessLog) -> None:
        self._source = source
        self._log = log

    def __getattr__(self, name: str) -> Any:  # Any: templates read any attribute
        value = getattr(self._source, name)
        if isinstance(value, dict):
            return _LoggedMapping(value, name, self._log)
        self._log.add((name,))
        return value


class _LoggedMapping(Mapping[str, Any]):  # Any: the site's dicts hold any model value
    """A dict of the site whose single lookups are logged one by one; anything else whole."""

    def __init__(self, data: dict[str, Any], name: str, log: AccessLog) -> None:  # Any: as above
        self._data = data
        self._name = name
        self._log = log

    def __getitem__(self, key: str) -> Any:  # Any: as above
        self._log.add((self._name, str(key)))
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        self._log.add((self._name,))
        return iter(self._data)

    def __len__(self) -> int:
        self._log.add((self._name,))
        return len(self._data)


def read_value(source: object, access: Access, everything: tuple[object, ...]) -> object:
    """The value an access read, in this build's `source` (a missing key reads as None). A
    method (related, neighbours, …) can read anything: it stands for `everything`."""
    value = getattr(source, access[0], None)
    if len(access) == 2:
        return value.get(access[1]) if isinstance(value, dict) else None
    if callable(value):
        return ("method", access[0], *everything)
    return value
