"""Latin abbreviations as Korean buyers spell them out: CCTV is 씨씨티비, LED 엘이디, IoT 아이오티.

A buyer who types an abbreviation in Hangul spells its letters by their Korean names. The
index therefore holds, for every abbreviation in a page's text, those spellings too (each
letter by its usual names, a few spellings of each abbreviation at most): a query needs no
rule of its own, and the prefix match finds 씨씨티 as it finds CCT. An abbreviation is a run of
2 to 5 Latin letters written (nearly) in capitals, as abbreviations are (CCTV, AED, IoT, HDPE);
ordinary words (smart, Café), single letters and the letters of a model number (TH-DR450,
MS-ESS50: a word with digits) are not spelled out: nobody reads them aloud, and a spelling
of each would let nonsense such as 에스에스에스 start a term.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata

#: The Korean names of the letters, the most usual first (국립국어원's readings and the
#: spellings buyers type: C 씨/시, V 브이/비 as in 티비, R 알/아르, W 더블유/더블류, Z 지/제트).
LETTER_NAMES: dict[str, tuple[str, ...]] = {
    "a": ("에이",),
    "b": ("비",),
    "c": ("씨", "시"),
    "d": ("디",),
    "e": ("이",),
    "f": ("에프",),
    "g": ("지", "쥐"),
    "h": ("에이치", "에치"),
    "i": ("아이",),
    "j": ("제이",),
    "k": ("케이",),
    "l": ("엘",),
    "m": ("엠",),
    "n": ("엔",),
    "o": ("오",),
    "p": ("피",),
    "q": ("큐",),
    "r": ("알", "아르"),
    "s": ("에스",),
    "t": ("티",),
    "u": ("유",),
    "v": ("브이", "비"),
    "w": ("더블유", "더블류"),
    "x": ("엑스",),
    "y": ("와이",),
    "z": ("지", "제트"),
}
MIN_LETTERS = 2
MAX_LETTERS = 5
MAX_SPELLINGS = 8  # spellings of one abbreviation the index holds at most

_WORD = re.compile("[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")


def is_abbreviation(run: str) -> bool:
    """2 to 5 letters, at most one of them lower case (CCTV, IoT; not Cobot, kWh)."""
    capitals = sum(c.isupper() for c in run)
    return MIN_LETTERS <= len(run) <= MAX_LETTERS and capitals >= max(2, len(run) - 1)


def spellings(abbreviation: str) -> list[str]:
    """The Hangul spellings of an abbreviation, the most usual first."""
    names = [LETTER_NAMES[c] for c in abbreviation.lower()]
    combined = itertools.islice(itertools.product(*names), MAX_SPELLINGS)
    return ["".join(letters) for letters in combined]


@functools.lru_cache(maxsize=1 << 14)
def spelled_out(text: str) -> tuple[str, ...]:
    """The Hangul spellings of every abbreviation in `text`, without repeats."""
    found: dict[str, None] = {}
    for word in _WORD.findall(unicodedata.normalize("NFKC", text)):
        if not any(c.isdigit() for c in word):
            for run in word.split("-"):
                if is_abbreviation(run):
                    found.update(dict.fromkeys(spellings(run)))
    return tuple(found)
