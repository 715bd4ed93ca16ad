"""Korean line breaking for WeasyPrint, which ignores `word-break: keep-all`: a WORD JOINER
(U+2060) between Hangul syllables keeps each word whole; spaces stay break points, and long
Latin tokens still wrap through `overflow-wrap: anywhere`."""

from __future__ import annotations

import re

WORD_JOINER = "\u2060"
_BETWEEN_SYLLABLES = re.compile(r"(?<=[\uac00-\ud7a3])(?=[\uac00-\ud7a3])")
_TEXT = re.compile(r"(<script.*?</script>|<style.*?</style>|<[^>]*>)", re.DOTALL)


def keep_words(html: str) -> str:
    """Join the syllables of every Korean word in the text (not the tags) of the page's body;
    the head (title, metadata) stays as it is."""
    start = html.find("<body")
    if start > 0:
        return html[:start] + keep_words(html[start:])
    parts = _TEXT.split(html)
    return "".join(
        part if index % 2 else _BETWEEN_SYLLABLES.sub(WORD_JOINER, part)
        for index, part in enumerate(parts)
    )
