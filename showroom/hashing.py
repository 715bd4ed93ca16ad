"""Short digests of text and plain values: what every cache key and fingerprint is made of."""

from __future__ import annotations

import hashlib


def digest_text(text: str) -> str:
    """A 128-bit BLAKE2b digest of `text` (surrogates kept, so any `str` can be hashed)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def text_digest(*parts: object) -> str:
    """A digest of a few plain values (strings, numbers, reprs)."""
    return digest_text("\0".join(str(p) for p in parts))
