"""The one error of the state codec."""

from __future__ import annotations


class StateError(ValueError):
    """The state file is not what this engine wrote: ignore all of it."""
