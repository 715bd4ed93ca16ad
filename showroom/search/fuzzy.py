"""Search beyond the index's terms: 초성 queries, a query typed in the wrong keyboard layout,
and one typo, answered in the browser from a vocabulary of the site's names and keywords.

Pagefind matches a query word as a prefix of indexed words; it cannot answer ㄱㄹㄷ (the
initial consonants of 가로등), `rkfhemd` (가로등 typed with the English layout on), ㅊㅊㅅㅍ
(cctv typed with the Korean layout on) or 가로듬 (one key wrong). So the build writes a small
*vocabulary*: every product's and company's name, and the words of keywords that the names
do not hold, normalised like index terms (`terms.words`). Model numbers are left out (at
5,000 products they were three quarters of it): a model number typed with the Korean layout
on holds digits, and the converted query is asked of the index itself. The search
page names it in its settings, content-addressed (`search/vocab-<hash>.json`), and
``static/js/search-fuzzy.js`` fetches it only when a query found nothing (or holds jamo, which
no index term does). It then proposes a query made of vocabulary words, which the normal
search answers, and the page says "이것을 찾으셨나요?".

This module holds the vocabulary and the conversions the script uses, in the same form
(tests run both on the same inputs): `initials` (초성 of a word), `to_hangul` (두벌식 keys →
composed Hangul), `to_keys` (Hangul → the 두벌식 keys that type it) and `distance` (optimal
string alignment: insertions, deletions, substitutions and adjacent transpositions).
"""

from __future__ import annotations

import hashlib
import json
import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from showroom.content.model import Company, Product
from showroom.search import terms
from showroom.site import urls
from showroom.site.structure import Site
from showroom.state.reuse import KeptEach, Memory, Slot

#: Compatibility jamo of the 19 initial consonants, 21 vowels and 27 finals, in Unicode order.
INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
VOWELS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
FINALS = "ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"
#: The 두벌식 (KS X 5002) key of each single jamo; shifted keys are upper case.
KEYS = {
    **dict(zip("ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ", "rRseEfaqQtTdwWczxvg", strict=True)),
    **dict(zip("ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅛㅜㅠㅡㅣ", "koiOjpuPhynbml", strict=True)),
}
#: Jamo typed as two: compound vowels and finals.
PAIRS = {
    "ㅘ": "ㅗㅏ",
    "ㅙ": "ㅗㅐ",
    "ㅚ": "ㅗㅣ",
    "ㅝ": "ㅜㅓ",
    "ㅞ": "ㅜㅔ",
    "ㅟ": "ㅜㅣ",
    "ㅢ": "ㅡㅣ",
    "ㄳ": "ㄱㅅ",
    "ㄵ": "ㄴㅈ",
    "ㄶ": "ㄴㅎ",
    "ㄺ": "ㄹㄱ",
    "ㄻ": "ㄹㅁ",
    "ㄼ": "ㄹㅂ",
    "ㄽ": "ㄹㅅ",
    "ㄾ": "ㄹㅌ",
    "ㄿ": "ㄹㅍ",
    "ㅀ": "ㄹㅎ",
    "ㅄ": "ㅂㅅ",
}
_JOINED = {pair: jamo for jamo, pair in PAIRS.items()}
_JAMO_OF_KEY = {key: jamo for jamo, key in KEYS.items()}
_HANGUL_FIRST = terms.HANGUL_FIRST
_SYLLABLES = 11172

#: The vocabulary's format; the script refuses another.
VERSION = 1
#: The languages whose search pages also read 초성 and the 두벌식 layout (Korean typing's);
#: the others' make only the typo suggestions (`rules_for`), from their own vocabulary.
LANGUAGES = ("ko",)


def initials(word: str) -> str:
    """The initial consonants of a word's Hangul syllables (others are left out)."""
    found = []
    for char in word:
        n = ord(char) - _HANGUL_FIRST
        if 0 <= n < _SYLLABLES:
            found.append(INITIALS[n // 588])
    return "".join(found)


def to_keys(text: str) -> str:
    """The 두벌식 keys that type `text` (syllables and compatibility jamo); others as they are."""
    out = []
    for char in text:
        n = ord(char) - _HANGUL_FIRST
        if 0 <= n < _SYLLABLES:
            jamo = INITIALS[n // 588] + VOWELS[n // 28 % 21] + ("", *FINALS)[n % 28]
        else:
            jamo = char
        out.append("".join(KEYS.get(j, j) for c in jamo for j in PAIRS.get(c, c)))
    return "".join(out)


def _syllable(initial: str, vowel: str, final: str) -> str:
    code = INITIALS.index(initial) * 588 + VOWELS.index(vowel) * 28
    return chr(_HANGUL_FIRST + code + (FINALS.index(final) + 1 if final else 0))


class _Composer:
    """A Korean input method's composition: the syllable being typed, and what is done."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.initial = self.vowel = self.final = ""

    def flush(self) -> None:
        if self.initial and self.vowel:
            self.out.append(_syllable(self.initial, self.vowel, self.final))
        else:
            self.out.append(self.initial + self.vowel)
        self.initial = self.vowel = self.final = ""

    def add_vowel(self, jamo: str) -> None:
        if self.final:  # the final starts the next syllable (its second half, if double)
            pair = PAIRS.get(self.final, self.final)
            self.final, moved = pair[:-1], pair[-1]
            self.flush()
            self.initial = moved
        elif self.vowel + jamo in _JOINED:
            self.vowel = _JOINED[self.vowel + jamo]
            return
        elif self.vowel or not self.initial:
            self.flush()
        self.vowel = jamo

    def add_consonant(self, jamo: str) -> None:
        if self.initial and self.vowel and not self.final and jamo in FINALS:
            self.final = jamo
        elif self.final + jamo in _JOINED:
            self.final = _JOINED[self.final + jamo]
        else:
            self.flush()
            self.initial = jamo


def to_hangul(keys: str) -> str:
    """What the 두벌식 keys `keys` type, composed as a Korean input method composes them (a
    final consonant moves on to a following vowel; double finals and compound vowels join).
    A letter without a shifted jamo counts as its lower case; other characters stay."""
    composer = _Composer()
    for key in keys:
        jamo = _JAMO_OF_KEY.get(key) or _JAMO_OF_KEY.get(key.lower())
        if jamo is None:
            composer.flush()
            composer.out.append(key)
        elif jamo in VOWELS:
            composer.add_vowel(jamo)
        else:
            composer.add_consonant(jamo)
    composer.flush()
    return "".join(composer.out)


def distance(a: str, b: str) -> int:
    """Edits between two strings: insertions, deletions, substitutions and transpositions of
    neighbours (optimal string alignment)."""
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, y in enumerate(b, start=1):
            cost = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + (x != y))
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                cost = min(cost, before[j - 2] + 1)
            current[j] = cost
        before, row = row, current
    return row[-1]


# -- the vocabulary --------------------------------------------------------------------------
@dataclass(frozen=True)
class Vocabulary:
    path: str  # in the site (search/vocab-<hash>.json), content-addressed
    data: bytes  # JSON: {"version", "names", "words"}


def _phrase(text: str) -> str:
    """A name as the index reads it: its words' parts, spaced (legal forms dropped)."""
    return " ".join(part for parts in terms.words(text) for part in parts)


def _entry_words(texts: Iterable[str]) -> tuple[str, ...]:
    """The words of keywords, as written (지하차도, though 도 can be an ending), Latin words of
    several parts hyphenated (Wi-Fi → wi-fi; the script also knows them joined, as a query
    is read: wifi)."""
    found: dict[str, None] = {}
    for text in texts:
        for parts in terms.words(text):
            if len(parts) > 1 and not any(map(terms.is_hangul, parts)):
                found["-".join(parts)] = None
            else:
                found.update(dict.fromkeys(parts))
    return tuple(found)


Entry = tuple[str, tuple[str, ...]]  # (name, words of its keywords)


def product_entry(product: Product) -> Entry:
    return _phrase(product.name), _entry_words(product.keywords)


def company_entry(company: Company) -> Entry:
    return _phrase(company.name), ()


#: Each product's and company's entry, kept by a long-running process while it is the very
#: same object (a rebuild at 5,000 products then only joins them).
PRODUCT_ENTRIES: Slot[KeptEach[Entry]] = Slot("search vocabulary of products", KeptEach)
COMPANY_ENTRIES: Slot[KeptEach[Entry]] = Slot("search vocabulary of companies", KeptEach)
_SLUG = operator.attrgetter("slug")


def vocabulary_of(entries: Sequence[Entry], prefix: str = "") -> Vocabulary:
    """The vocabulary file of these entries: the names in order (repeats once), then the
    words that no name holds, sorted; beside the search page of the language whose pages are
    under `prefix` (en/search/vocab-….json)."""
    names = list(dict.fromkeys(name for name, _ in entries if name))
    in_names = {word for name in names for word in name.split()}
    words = sorted({w for _, found in entries for w in found} - in_names)
    body = {"version": VERSION, "names": names, "words": words}
    data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    digest = hashlib.sha256(data).hexdigest()[:16]
    return Vocabulary(f"{prefix}{urls.search()}vocab-{digest}.json", data)


def vocabulary(site: Site, memory: Memory | None = None) -> Vocabulary:
    """The site's vocabulary: its products' entries, then its companies'."""
    memory = Memory() if memory is None else memory
    kept = memory.of(PRODUCT_ENTRIES)
    products = site.products
    entries = kept.values(site.slugs, products, lambda n: product_entry(products[n]))
    kept.sweep()
    companies = site.companies
    kept = memory.of(COMPANY_ENTRIES)
    entries += kept.values(
        list(map(_SLUG, companies)), companies, lambda n: company_entry(companies[n])
    )
    kept.sweep()
    return vocabulary_of(entries, site.config.prefix)


#: Initial consonants that chat writes for words no showroom sells (ㅇㅋ okay, ㄱㅅ 감사, ㅈㅅ
#: 죄송, ㅊㅋ 축하, ㅅㄱ 수고 …): no 초성 query. So is a run of one consonant (ㅋㅋ, ㅎㅎㅎ).
CHAT = (
    "ㅇㅋ",
    "ㄱㅅ",
    "ㅈㅅ",
    "ㅊㅋ",
    "ㅅㄱ",
    "ㅎㅇ",
    "ㅂㅇ",
    "ㅃㅇ",
    "ㅇㄴ",
    "ㅁㄹ",
    "ㄴㅇ",
    "ㄹㅇ",
)

#: What static/js/search-fuzzy.js needs besides the vocabulary (the page hands it over).
RULES: dict[str, object] = {
    "chat": list(CHAT),
    "initials": INITIALS,
    "vowels": VOWELS,
    "finals": FINALS,
    "keys": KEYS,
    "pairs": PAIRS,
    "typosOnly": False,
}


def rules_for(language: str) -> dict[str, object]:
    """`RULES` for the search page in `language`: on a page not in Korean (English), no 초성
    and no keyboard-layout readings, which are Korean typing's: one typo only."""
    if language.split("-")[0].lower() in LANGUAGES:
        return RULES
    return {**RULES, "typosOnly": True}
