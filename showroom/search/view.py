"""What the templates need for search: facets with counts and the script's configuration."""

from __future__ import annotations

import operator
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from showroom.hashing import text_digest
from showroom.search import fuzzy
from showroom.search.facets import Facet, facets
from showroom.search.records import FACETS, SearchRecord
from showroom.search.shards import folder, other_shards
from showroom.search.terms import Phrase, rules_for
from showroom.site import urls
from showroom.site.structure import Hall, Site
from showroom.state.reuse import Memory, Slot
from showroom.theme.strings import SINGULAR, Strings

#: Pagefind's ranking settings (its defaults: termSimilarity 1, pageLength 0.75,
#: termSaturation 1.4, termFrequency 1). Pagefind favours short pages, and a company card is
#: shorter than a product page: with the default, company cards outranked products for
#: product words (조명, 안전). A higher term saturation lets a word's weight (a name's 10
#: against a description's 1) count for more. On the query set (180 queries, 2026-12-04,
#: `python benchmarks/search_ranking.py`): the defaults 96.2% first results right, MRR 0.979,
#: a company card above a product once; pageLength 0.1 alone 92.3%, 0.957; these 97.4%, 0.983,
#: none; every setting finds every query's pages in the first five.
RANKING: dict[str, float] = {"pageLength": 0.0, "termSaturation": 2.0}

SEARCH_PER_PAGE = 20

#: The theme's words the script shows (strings/<lang>.yml); with the singular of the counted
#: ones where the language has one (`<key>_one`: "1 result").
SCRIPT_STRINGS = (
    "search_status_prompt",
    "search_status_loading",
    "search_status_count",
    "search_status_count_filtered",
    "search_status_none",
    "search_status_none_filtered",
    "search_status_error",
    "search_more",
    "search_kind_company",
    "search_company_products",
    "search_filters_selected",
    "search_unknown_filter",
    "search_widened",
    "search_corrected",
    "search_did_you_mean",
    "hall_filter_status",
    "hall_filter_none",
    "badges_label",
    "badge_excellent",
    "badge_innovation",
    "model",
)


#: Those the script counts with (it takes `<key>_one` for one thing where there is one).
COUNTED = (
    "search_status_count",
    "search_status_count_filtered",
    "search_company_products",
    "hall_filter_status",
)


class FacetsDigest(NamedTuple):
    """What the facets were made from in the last build, and its digest."""

    filters: list[tuple[str, object]]
    order: Mapping[str, Sequence[str]]
    phrases: tuple[Phrase, ...]
    digest: str


_PATH = operator.attrgetter("path")
_FILTERS = operator.attrgetter("filters")

#: The last build's facets digest, kept by a long-running process.
FACETS_DIGEST: Slot[FacetsDigest] = Slot("search facets digest")


class SearchView:
    def __init__(
        self,
        site: Site,
        strings: Strings,
        records: Sequence[SearchRecord],
        order: Mapping[str, Sequence[str]],
        memory: Memory | None = None,
        phrases: tuple[Phrase, ...] = (),
        vocabulary: fuzzy.Vocabulary | None = None,
    ) -> None:
        self.memory = Memory() if memory is None else memory
        #: The synonym phrases the script reads as one term (see `search.synonyms`).
        self.phrases = phrases
        #: The names and keywords for 초성, keyboard-layout and typo queries (search/fuzzy.py),
        #: those of the pages in its language.
        self.vocabulary = fuzzy.vocabulary(site, self.memory) if vocabulary is None else vocabulary
        self.site = site
        self.strings = strings
        self.order = order
        self.records = dict(zip(map(_PATH, records), records, strict=True))
        self._facets: dict[str, tuple[Facet, ...]] = {}  # by hall path ("" for the search page)
        self._shards: list[str] | None = None

    def digest(self) -> str:
        """A digest of what the facets are made from (each record's filters, and the order)
        and of the synonym phrases: what the pages with a search form show. With a memo (a
        long-running process), equal filters give the last digest without hashing them again."""
        records = self.records
        filters: list[tuple[str, object]] = list(
            zip(records.keys(), map(_FILTERS, records.values()), strict=True)
        )
        last = self.memory.get(FACETS_DIGEST)
        same = last is not None and last.order == self.order and last.phrases == self.phrases
        if last is not None and same and last.filters == filters:
            return last.digest
        parts = ["facets", repr(filters), repr(self.order), repr(self.phrases)]
        if self.shards():  # (a site of one bundle: the digest as before)
            parts.append(repr(self.shards()))
        digest = text_digest(*parts)
        self.memory.put(FACETS_DIGEST, FacetsDigest(filters, self.order, self.phrases, digest))
        return digest

    @staticmethod
    def preset(hall: Hall) -> str:
        """The facet a hall page fixes: category for a product group, else hall."""
        return "category" if hall.kind == "category" else "hall"

    def preset_value(self, hall: Hall) -> str:
        if hall.category is not None:
            return hall.category.name
        return self.strings[f"hall_{hall.kind}"]

    def facets(self, hall: Hall | None = None) -> tuple[Facet, ...]:
        """The search page's facets (every record), or those of a hall's products (the same
        on every page of the hall)."""
        key = "" if hall is None else hall.path
        if key not in self._facets:
            if hall is None:
                self._facets[key] = facets(self.records.values(), self.order)
            else:
                keys = [k for k in FACETS if k not in ("kind", self.preset(hall))]
                prefix = self.site.config.prefix
                paths = (urls.in_language(prefix, urls.product(p.slug)) for p in hall.products)
                found = map(self.records.get, paths)
                chosen = [r for r in found if r is not None]  # a draft shown has none
                self._facets[key] = facets(chosen, self.order, keys)
        return self._facets[key]

    def shards(self) -> list[str]:
        """The URLs of the search index's shards other than the primary that hold pages of
        this language (search/shards.py); none while the site is below the limit."""
        if self._shards is None:
            config = self.site.config
            found = other_shards(
                list(self.records), len(config.languages), config.search_shard_pages
            )
            self._shards = [urls.join(config.base_path, folder(i) + "/") for i in found]
        return self._shards

    def script_strings(self) -> dict[str, str]:
        found = {key: self.strings[key] for key in SCRIPT_STRINGS}
        for key in COUNTED:
            if key + SINGULAR in self.strings:
                found[key + SINGULAR] = self.strings[key + SINGULAR]
        return found

    def script_config(self, hall: Hall | None = None) -> dict[str, object]:
        """The JSON the search script reads from the page."""
        base = self.site.config.base_path
        config: dict[str, object] = {
            "base": base,
            "bundle": urls.join(base, "pagefind/"),
            "rules": {
                **rules_for(self.site.config.language),
                "phrases": list(map(list, self.phrases)),
            },
            "ranking": RANKING,
            "perPage": SEARCH_PER_PAGE if hall is None else self.site.config.per_page,
            "strings": self.script_strings(),
            "preset": None,
        }
        if self.shards():  # merged into the primary's results (search.js)
            config["shards"] = self.shards()
        if hall is not None:
            config["preset"] = {"key": self.preset(hall), "value": self.preset_value(hall)}
        else:
            vocab = urls.join(base, self.vocabulary.path)
            rules = fuzzy.rules_for(self.site.config.language)
            config["fuzzy"] = {"vocabulary": vocab, "rules": rules}
        return config
