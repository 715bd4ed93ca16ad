"""A typed, data-only codec for the build state: JSON that can never run code.

Values are encoded by their declared type (the dataclass annotations), and decoded only into
the types declared: a dataclass of the allowlist (`Codec(classes)`) is a JSON list
`[tag, field, field, …]` in its fields' order, a date an ISO string, a Path a string, a tuple,
list or frozenset a list, a dict with string keys an object and any other dict a list of
`[key, value]` pairs, an Enum its value. A field declared `typing.Any` holds plain JSON data
(lists, objects, strings, numbers), kept as parsed: whoever uses it checks it. Anything else
in the input (a tag not expected, a field missing or of another type, a date that is not one)
raises StateError, and the whole file is to be ignored.

`registry` holds the allowlist and the kinds of type with a rule, `encoders` and `decoders`
compile a type by its kind, and `file` frames the payload with its header (see there)."""

from __future__ import annotations

from showroom.state.codec.errors import StateError
from showroom.state.codec.file import Codec

__all__ = ["Codec", "StateError"]
