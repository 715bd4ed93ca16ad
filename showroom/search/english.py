"""The rules of the search on the pages in English: stems and stop words.

Pagefind stems English words itself, but Showroom hands it coded terms (search/terms.py), which
no stemmer reads; so the stems are made here, at build time, and by ``static/js/search-terms.js``
for a query (a test runs both on the same inputs). The rules are those of the Snowball English
stemmer (Porter2, the one Pagefind uses) for inflections: its steps 1a (plurals: valves →
valve), 1b (-ed, -ing: lighting → light, making → make), 1c (-y: battery → batteri, as
batteries) and 5 (a final -e or -ll: valve → valv), with its exceptional forms. Its steps 2-4
(derivational suffixes: -ational, -ness, -ment …) are left out: the query's prefix match
already lets "environment" find "environmental", and they would join words buyers keep apart
(general, generous). Only words of Latin letters are stemmed; a word of two letters or fewer
is left as it is.

The Korean rules (search/terms.py) still hold for the Hangul words of a query on those pages:
their text falls back to Korean where it is not translated, and a Korean query finds it.
"""

from __future__ import annotations

import functools

#: The languages whose Latin words the index and a query hold stemmed.
STEMMED = ("en",)
#: Words a buyer adds that say nothing about the product ("LED lights for schools"): a query
#: that finds nothing is asked again without them (`terms.widened`), on top of the Korean ones.
STOP_WORDS = (
    *("a", "an", "the", "and", "or", "of", "for", "with", "in", "on", "to", "by", "from"),
    *("product", "products", "item", "items", "goods", "company", "companies", "supplier"),
    *("suppliers", "manufacturer", "maker", "made", "buy", "need", "find", "looking", "type"),
    *("kind", "price"),
)
#: What every product is, indexed on every product page in English (see terms.PRODUCT_NOUNS).
PRODUCT_NOUNS = ("product", "goods", "item")
VOWELS = "aeiouy"
#: Words the steps would get wrong, with their stems (Porter2's exceptional forms).
EXCEPTIONS = {
    "skis": "ski",
    "skies": "sky",
    "sky": "sky",
    "dying": "die",
    "lying": "lie",
    "tying": "tie",
    "news": "news",
    "atlas": "atlas",
    "cosmos": "cosmos",
    "bias": "bias",
    "andes": "andes",
}
#: Words left as they are after step 1a (Porter2's).
INVARIANT = ("inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed")
_DOUBLES = ("bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt")
_R1_PREFIXES = ("gener", "commun", "arsen")
_ED_SUFFIXES = ("eedly", "ingly", "edly", "eed", "ing", "ed")  # the longest first
_VOWEL = frozenset(VOWELS)  # "Y" (a y that is a consonant) is not one


def _region(word: str, start: int = 0) -> int:
    """Where the region after the first non-vowel that follows a vowel (from `start`) begins."""
    for n in range(max(start, 1), len(word)):
        if word[n - 1] in _VOWEL and word[n] not in _VOWEL:
            return n + 1
    return len(word)


def _r1(word: str) -> int:
    prefix = next((p for p in _R1_PREFIXES if word.startswith(p)), None)
    return len(prefix) if prefix is not None else _region(word)


def _short_syllable(word: str) -> bool:
    """Whether the word ends in a short syllable."""
    if len(word) == 2:
        return word[0] in _VOWEL and word[1] not in _VOWEL
    return (
        len(word) > 2
        and word[-3] not in _VOWEL
        and word[-2] in _VOWEL
        and word[-1] not in _VOWEL
        and word[-1] not in "wxY"
    )


def _step_1a(word: str) -> str:
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith(("ied", "ies")):
        return word[:-3] + ("i" if len(word) > 4 else "ie")
    if word.endswith(("us", "ss")):
        return word
    if word.endswith("s") and any(c in _VOWEL for c in word[:-2]):
        return word[:-1]
    return word


def _step_1b(word: str) -> str:
    suffix = next((s for s in _ED_SUFFIXES if word.endswith(s)), None)
    if suffix is None:
        return word
    if suffix.startswith("eed"):
        return word[: -len(suffix) + 2] if len(word) - len(suffix) >= _r1(word) else word
    stem = word[: -len(suffix)]
    if not any(c in _VOWEL for c in stem):
        return word
    if stem.endswith(("at", "bl", "iz")):
        return stem + "e"
    if stem.endswith(_DOUBLES):
        return stem[:-1]
    if _r1(stem) >= len(stem) and _short_syllable(stem):
        return stem + "e"
    return stem


def _step_1c(word: str) -> str:
    if len(word) > 2 and word[-1] in "yY" and word[-2] not in _VOWEL:
        return word[:-1] + "i"
    return word


def _step_5(word: str) -> str:
    r1 = _r1(word)
    if word.endswith("e"):
        at = len(word) - 1
        if at >= _region(word, r1 + 1) or (at >= r1 and not _short_syllable(word[:-1])):
            return word[:-1]
    elif word.endswith("ll") and len(word) - 1 >= _region(word, r1 + 1):
        return word[:-1]
    return word


def _marked(word: str) -> str:
    """The word with each y that is a consonant (first, or after a vowel) written Y."""
    chars = list(word)
    for n, char in enumerate(chars):
        if char == "y" and (n == 0 or chars[n - 1] in _VOWEL):
            chars[n] = "Y"
    return "".join(chars)


def stemmed(language: str) -> bool:
    """Whether the Latin words of the pages in `language` are stemmed."""
    return language.split("-")[0].lower() in STEMMED


@functools.lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """The stem of a lower-case word of Latin letters a-z (any other word as it is)."""
    if len(word) <= 2 or not word.isascii() or not word.isalpha():
        return word
    if word in EXCEPTIONS:
        return EXCEPTIONS[word]
    marked = _step_1a(_marked(word))
    if marked in INVARIANT:
        return marked
    return _step_5(_step_1c(_step_1b(marked))).replace("Y", "y")
