"""Search terms: the one tokenisation of the search index and of a query.

Pagefind splits text on white space and matches a query word as a prefix of indexed words,
which serves English well and Korean badly: 시제품 does not find 혁신시제품, 드론을 does not find
드론, and its index of Korean words is never split into chunks (Pagefind issue #1211: it files
every Hangul word under its NFD form as a "variant", which its chunker does not count), so the
first query downloads the whole Korean index. Showroom therefore gives Pagefind terms it
derives itself, here at build time and in ``static/js/search-terms.js`` for a query:

- text is NFKC-normalised (full-width letters, ㈜ → (株)), lower-cased and stripped of accents
  (NFD without combining marks, then NFC, which recomposes Hangul); hyphen-like dashes
  become "-"; legal-form markers of company names ((주), 주식회사, 농업회사법인 …) are dropped;
- a *word* is a run of ASCII letters and digits or Hangul syllables, joined by hyphens
  (HO-LS200, 2021-우수-0457); everything else separates words;
- each word gives its *parts* (hyphen-separated, and split where Latin meets Hangul: LED조명 →
  led, 조명); a word of several Latin/digit parts also gives them joined (ho-ls200 → hols200),
  so model numbers match with or without hyphens and in any case;
- a Hangul part ending in a particle or a common ending (을, 에서, 입니다 …) also gives the part
  without it when at least two syllables remain (드론을 → 드론);
- for the fields where compounds matter (name, keywords, summary, company, labels) the index
  also holds every Hangul suffix of two or more syllables (혁신시제품 → 신시제품, 시제품, 제품),
  so Pagefind's prefix match becomes a substring match there;
- Hangul is written in a private code, one CJK ideograph per syllable (U+AC00 + n → U+4E00 + n):
  order- and prefix-preserving, untouched by Pagefind's NFD folding, so Pagefind stores the
  terms as ordinary words and splits the index into chunks;
- so are Latin letters and digits (0-9, a-z → U+8000 + n): Pagefind splits a word where
  letters meet digits, and the letter part of dr450 (dr) was then indexed without the
  terminator, so that `dragon` found the drone by Pagefind's fallback (below). Coded, a model
  number is one word to Pagefind; the index holds its letter and digit runs as terms of their
  own (ls200 → ls, 200), each with the terminator, so `200` still finds it and `lsx` does not.

A query goes through the same steps without the suffixes (the prefix match supplies them).
In the index every term ends with `TERMINATOR`, a letter no query contains: Pagefind answers a
query word that starts no indexed word with the longest indexed word that starts *it*
(99999999 would find 99); with the terminator no indexed word can start a query word.
The data of these rules is `RULES`; the search page hands it to the script as JSON, and a
test runs both implementations on the same inputs.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from collections.abc import Iterator, Sequence

from showroom.collation import LEGAL_FORMS  # one list of legal forms: sorting and search
from showroom.search import english

HANGUL_FIRST = 0xAC00
HANGUL_LAST = 0xD7A3
CODE_FIRST = 0x4E00  # the code of 가; the code of 힣 is U+7AA3, inside CJK Unified Ideographs
LATIN_FIRST = 0x8000  # the code of 0; 9 is U+8009, a U+800A … z U+8023
LATIN = "0123456789abcdefghijklmnopqrstuvwxyz"

#: Particles and endings stripped from the end of a Hangul part, longest first.
ENDINGS = (
    "에서부터",
    "으로부터",
    "입니다",
    "합니다",
    "습니다",
    "에게서",
    "으로서",
    "으로써",
    "이라는",
    "에서",
    "에게",
    "께서",
    "까지",
    "부터",
    "으로",
    "처럼",
    "보다",
    "마다",
    "이나",
    "이랑",
    "하는",
    "하고",
    "하며",
    "라는",
    "과",
    "와",
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "의",
    "에",
    "도",
    "만",
    "로",
)
#: Words a buyer adds that say nothing about the product ("드론 쓰는 제품"), and endings that
#: narrow a word without changing what it is (학교용 → 학교): a query that finds nothing is
#: asked again without them (`widened`), and the page says what was left out.
STOP_WORDS = (
    "제품",
    "상품",
    "물품",
    "업체",
    "회사",
    "쓰는",
    "쓸",
    "사용",
    "사용하는",
    "관련",
    "위한",
    "좋은",
    "추천",
    "구매",
    "구입",
    "파는",
    "만드는",
    "있는",
    "종류",
    "가격",
    "것",
    # What a question or a request adds around the product ("드론 있나요", "가로등 찾아요").
    "있나요",
    "있어요",
    "있습니까",
    "있을까요",
    "찾아요",
    "찾습니다",
    "찾는",
    "필요",
    "필요한",
    "필요해요",
    "주세요",
    "문의",
    "어디",
    "어디서",
    "어떤",
    "판매",
    "판매하는",
    "공급",
    "공급하는",
    "납품",
    "견적",
    "생산하는",
    "전문",
)
WIDEN_ENDINGS = ("용", "형", "식")
#: What every product is: indexed on every product page, so that a query with one of these
#: words ("녹색인증 제품") finds every product that matches its other words, not only those
#: whose text happens to say 제품 (a query that finds something is never widened).
PRODUCT_NOUNS = ("제품", "상품", "물품")
#: Ends every indexed term (a CJK ideograph outside the code's range; queries never hold it).
TERMINATOR = "\u9fa0"
MIN_STEM = 2  # syllables that must remain after stripping an ending
MIN_SUFFIX = 2  # the shortest Hangul suffix the index holds

_DASHES = re.compile("[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
_WORD = re.compile("[0-9a-z\uac00-\ud7a3]+(?:-[0-9a-z\uac00-\ud7a3]+)*")
_RUN = re.compile("[0-9a-z]+|[\uac00-\ud7a3]+")
_LEGAL = re.compile("|".join(re.escape(form) for form in LEGAL_FORMS))
# The shortest stem (of MIN_STEM syllables or more) before an ending: the longest ending.
_ENDING = re.compile(f"(.{{{MIN_STEM},}}?)(?:{'|'.join(ENDINGS)})")
_CODE = {c: c - HANGUL_FIRST + CODE_FIRST for c in range(HANGUL_FIRST, HANGUL_LAST + 1)}
_CODE.update({ord(c): LATIN_FIRST + n for n, c in enumerate(LATIN)})
_LETTERS_DIGITS = re.compile("[a-z]+|[0-9]+")
_DECODE = {code: c for c, code in _CODE.items()}


@functools.cache
def _marks() -> dict[int, None]:
    """Every nonspacing mark (Unicode category Mn), for str.translate to delete."""
    return {c: None for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Mn"}


def normalise(text: str) -> str:
    """NFKC, lower case, accents dropped (café → cafe), one kind of hyphen, legal forms out."""
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text).lower())
    text = unicodedata.normalize("NFC", text.translate(_marks()))
    return _LEGAL.sub(" ", _DASHES.sub("-", text))


def is_hangul(part: str) -> bool:
    return HANGUL_FIRST <= ord(part[0]) <= HANGUL_LAST


def encode(part: str) -> str:
    """A part in the index's code (Hangul, Latin letters and digits)."""
    return part.translate(_CODE)


def decode(term: str) -> str:
    """The inverse of `encode` (for messages and tests)."""
    return term.translate(_DECODE)


def strip_ending(part: str) -> str:
    """A Hangul part without its particle or ending (the longest that leaves MIN_STEM)."""
    match = _ENDING.fullmatch(part)
    return match.group(1) if match else part


def words(text: str) -> Iterator[list[str]]:
    """The words of a text, each as its parts (see the module's description)."""
    for match in _WORD.finditer(normalise(text)):
        yield _parts(match.group())


def _parts(word: str) -> list[str]:
    return [run for piece in word.split("-") for run in _RUN.findall(piece)]


def _joined(parts: list[str]) -> str | None:
    if len(parts) > 1 and not any(is_hangul(p) for p in parts):
        return "".join(parts)
    return None


# A showroom repeats its words; each word's terms are worked out once (pure functions).
def _latin(part: str, stem: bool) -> str:
    """A Latin part as a query asks for it: stemmed in a stemmed language."""
    return english.stem(part) if stem else part


@functools.lru_cache(maxsize=1 << 16)
def _word_terms(word: str, stem: bool = False) -> tuple[str, ...]:
    parts = _parts(word)
    joined = _joined(parts)
    found = [] if joined is None else [encode(joined)]
    for part in parts:
        found.append(encode(part))
        if is_hangul(part):
            found.append(encode(strip_ending(part)))
            continue
        runs = _LETTERS_DIGITS.findall(part)
        found += [encode(run) for run in runs] if len(runs) > 1 else []
        # the word as typed stays too, so that a word typed halfway ("lightin") is a prefix
        found += [encode(_latin(part, stem))] if stem else []
    return tuple(found)


@functools.lru_cache(maxsize=1 << 16)
def _word_suffixes(word: str) -> tuple[str, ...]:
    found = []
    for part in _parts(word):
        if is_hangul(part):
            stem = strip_ending(part)
            found += [encode(stem[start:]) for start in range(1, len(stem) - MIN_SUFFIX + 1)]
    return tuple(found)


def index_terms(text: str, stem: bool = False) -> list[str]:
    """The encoded index terms of a text's words, in order, without repeats; with `stem`,
    the stems of its Latin words too."""
    found: dict[str, None] = {}
    for match in _WORD.finditer(normalise(text)):
        found.update(dict.fromkeys(_word_terms(match.group(), stem)))
    return list(found)


def suffix_terms(text: str) -> list[str]:
    """The encoded Hangul suffixes (two syllables or more) of a text's words, for compounds."""
    found: dict[str, None] = {}
    for match in _WORD.finditer(normalise(text)):
        found.update(dict.fromkeys(_word_suffixes(match.group())))
    return list(found)


#: A synonym group's word of several query terms, read as one term: its terms glued together,
#: the term the index holds for the group (see `search.synonyms`).
Phrase = tuple[str, ...]


def query_terms(query: str, phrases: Sequence[Phrase] = (), stem: bool = False) -> list[str]:
    """The encoded terms Pagefind is asked for; every one must match (as a prefix)."""
    return [term for term, _ in query_words(query, phrases, stem)]


def query_words(
    query: str, phrases: Sequence[Phrase] = (), stem: bool = False
) -> list[tuple[str, str]]:
    """(encoded term, the word as typed) for each term Pagefind is asked for, in order; the
    terms of a phrase (longest first) become its one term, its words joined by a space. With
    `stem`, a Latin word is asked for by its stem."""
    found: dict[str, str] = {}
    for parts in words(query):
        joined = _joined(parts)
        if joined is not None:
            found.setdefault(encode(joined), joined)
            continue
        for part in parts:
            asked = strip_ending(part) if is_hangul(part) else _latin(part, stem)
            found.setdefault(encode(asked), part)
    return _glued(list(found.items()), phrases) if phrases else list(found.items())


def _glued(pairs: list[tuple[str, str]], phrases: Sequence[Phrase]) -> list[tuple[str, str]]:
    found: dict[str, str] = {}
    at = 0
    while at < len(pairs):
        here = tuple(term for term, _ in pairs[at:])
        size = next((len(p) for p in phrases if here[: len(p)] == p), 1)
        if size > 1:
            found.setdefault("".join(here[:size]), " ".join(t for _, t in pairs[at : at + size]))
        else:
            found.setdefault(*pairs[at])
        at += size
    return list(found.items())


def widened(
    query: str, phrases: Sequence[Phrase] = (), stem: bool = False
) -> tuple[list[tuple[str, str]], list[str]]:
    """The query's words without its stop words and with its narrowing endings dropped, and
    what was left out (the words, or an ending as -용), for a query that found nothing. A
    phrase (its words joined by a space) is kept as it is. With `stem` (English), the English
    stop words are left out too."""
    stops = (*STOP_WORDS, *english.STOP_WORDS) if stem else STOP_WORDS
    kept: list[tuple[str, str]] = []
    left: list[str] = []
    for term, text in query_words(query, phrases, stem):
        if " " in text:
            kept.append((term, text))
            continue
        root = strip_ending(text) if is_hangul(text) else text
        if text in stops or root in stops:
            left.append(text)
            continue
        ending = next((e for e in WIDEN_ENDINGS if _narrowed(root, e)), None)
        if ending is None:
            kept.append((term, text))
        else:
            kept.append((encode(root[: -len(ending)]), root[: -len(ending)]))
            left.append("-" + ending)
    return kept, left


def _narrowed(stem: str, ending: str) -> bool:
    return is_hangul(stem) and stem.endswith(ending) and len(stem) - len(ending) >= MIN_STEM


#: What static/js/search-terms.js needs to apply the same rules to a query.
RULES: dict[str, object] = {
    "legalForms": list(LEGAL_FORMS),
    "endings": list(ENDINGS),
    "minStem": MIN_STEM,
    "codeFirst": CODE_FIRST,
    "latinFirst": LATIN_FIRST,
    "latin": LATIN,
    "stopWords": list(STOP_WORDS),
    "widenEndings": list(WIDEN_ENDINGS),
    "terminator": TERMINATOR,
    "stem": False,
    "stemExceptions": english.EXCEPTIONS,
    "stemInvariant": list(english.INVARIANT),
}


def rules_for(language: str) -> dict[str, object]:
    """`RULES` for a query on the pages in `language`: English words stemmed, and the
    English stop words left out of a widened query, in a stemmed language."""
    if not english.stemmed(language):
        return RULES
    return {**RULES, "stem": True, "stopWords": [*STOP_WORDS, *english.STOP_WORDS]}
