"""Synonyms and spelling variants (content/search/synonyms.yml), applied to the index.

Pagefind has no OR: a query word cannot ask for "로봇 or 로보트". So the index does it: a
page that holds a group's word (each of its query terms is one of the page's terms: a word,
a word without its ending, or the tail of a compound: 협동로봇 holds 로봇) also gets the *key*
of every word of the group's `terms`, with the weight of the best match (a name match stays a
name match). Then each word of the group finds what any of them finds, and a query needs no
extra requests. Whole terms, not prefixes: 메쉬 finds 메시 but not 메시지. A word of `finds`
(one way) makes the page a page of the group but gets no key: the group's terms find its
pages, it does not find theirs.

A word's key is its query term (`terms.query_terms`); a word of several terms (무인 비행기,
LED 조명) has its terms glued into one key, and a query reads those terms, written in a row,
as that key (`terms.Phrase`): the only part of the groups the browser needs (`phrases`, the
terms of each; the key is their concatenation).
Keys are added from what a page holds, never from other keys: groups do not chain.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from showroom.content.model import Synonyms
from showroom.hashing import text_digest
from showroom.search import terms


@dataclass(frozen=True, slots=True)
class _Group:
    keys: tuple[str, ...]  # what a page of the group gets: the key of each of its terms
    sources: tuple[tuple[str, ...], ...]  # the query terms of each word, `finds` included


@dataclass(frozen=True)
class Expansion:
    """The groups in the index's code: what pages get, and the phrases a query reads."""

    groups: tuple[_Group, ...] = ()
    phrases: tuple[terms.Phrase, ...] = ()  # longest first
    digest: str = text_digest("synonyms", "")

    def expand(self, best: dict[str, float]) -> None:
        """Add to a page's terms (term → weight) the keys of the groups it belongs to."""
        if not self.groups:
            return
        weight = dict(best)  # what the page holds itself: groups do not chain
        for group in self.groups:
            found = max((min(weight.get(p, 0) for p in s) for s in group.sources), default=0)
            if found:
                for key in group.keys:
                    if best.get(key, 0) < found:
                        best[key] = found


NO_SYNONYMS = Expansion()


def key_of(parts: Iterable[str]) -> str:
    """The index term that stands for a word of these query terms."""
    return "".join(parts)


def _terms_of(words: Iterable[str], stem: bool) -> list[tuple[str, ...]]:
    """The query terms of each word that has any."""
    return [found for found in (tuple(terms.query_terms(w, (), stem)) for w in words) if found]


@functools.lru_cache(maxsize=4)
def expansion(synonyms: Synonyms, stem: bool = False) -> Expansion:
    """The groups of `synonyms` in the index's code (words with no term are left out). With
    `stem` (the pages in English), their English words are read by their stems, as a query
    on those pages reads them: a group's English words work there as its Korean ones do."""
    groups: list[_Group] = []
    phrases: set[terms.Phrase] = set()
    for group in synonyms.groups:
        members = _terms_of(group.terms, stem)
        sources = tuple(dict.fromkeys([*members, *_terms_of(group.finds, stem)]))
        keys = tuple(dict.fromkeys(map(key_of, members)))
        if keys:
            groups.append(_Group(keys, sources))
        phrases.update(m for m in members if len(m) > 1)
    ordered = tuple(sorted(phrases, key=lambda phrase: (-len(phrase), phrase)))
    return Expansion(tuple(groups), ordered, text_digest("synonyms", repr(groups)))
