"""The site's own words in the languages after the default one: an `en:` block in
showroom.yml with the title, description, publisher, city, licence and the catalogue's
texts, and the Config of a language (those words, its page language)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from showroom.fields.languages import CONTENT_LANGUAGES
from showroom.fields.records import Field, Record, Reporter
from showroom.fields.scalars import Text
from showroom.messages import N_

_CATALOGUE_TEXT = Record(
    {
        "title": Field(Text(), doc="the cover's title"),
        "edition_label": Field(Text(), doc="the cover's edition line"),
        "guide": Field(Text(), doc="the page 'how to read this catalogue', in Markdown"),
        "address": Field(Text(), doc="the publisher's postal address (the colophon's)"),
    },
    name="catalogue text",
    doc="The catalogue's words in this language.",
)

SITE_TEXT = Record(
    {
        "title": Field(Text(), doc="site title"),
        "description": Field(Text(), doc="the home page's meta description"),
        "publisher": Field(Text(), doc="the agency that publishes the showroom"),
        "city": Field(Text(), doc="the city's name (`{city}` in the theme's strings)"),
        "license": Field(Text(), doc="content licence line shown in the footer"),
        "catalogue": Field(_CATALOGUE_TEXT, doc="the catalogue's words"),
    },
    name="site text",
    doc="The site's words in another language; a setting not given is the default one's.",
)

#: A block of the site's words for every language content may be written in; one for a
#: language `languages` does not list after the first is an error (`check_site_text`).
SITE_TEXT_BLOCKS = {
    code: Field(SITE_TEXT, doc=f"the site's words in `{code}` (with `{code}` in `languages`)")
    for code in CONTENT_LANGUAGES
}


def check_site_text(values: Mapping[str, object], report: Reporter) -> None:
    """A block of the site's words is for a language after the first of `languages`."""
    listed = values.get("languages", ("ko",))
    assert isinstance(listed, tuple)
    for code in CONTENT_LANGUAGES:
        if code not in values:
            continue
        if code == listed[0]:
            message = N_("{code!r} is the default language: its words are the settings themselves")
            report.error(code, message.format(code=code))
        elif code not in listed:
            message = N_("words in {code!r}, which `languages` does not list")
            report.error(code, message.format(code=code))


@dataclass(frozen=True)
class SiteText:
    """The site's words in one language ("": the default language's)."""

    language: str
    title: str = ""
    description: str = ""
    publisher: str = ""
    city: str = ""
    license: str = ""
    catalogue_title: str = ""
    edition_label: str = ""
    guide: str = ""
    address: str = ""


def site_texts(values: Mapping[str, object], languages: tuple[str, ...]) -> tuple[SiteText, ...]:
    """The words of each language after the default one (a language without a block: none)."""
    found = []
    for code in languages[1:]:
        block = values.get(code)
        given = dict(block) if isinstance(block, Mapping) else {}
        catalogue = given.pop("catalogue", {})
        assert isinstance(catalogue, Mapping)
        found.append(
            SiteText(
                code,
                **{k: str(v) for k, v in given.items()},
                catalogue_title=str(catalogue.get("title", "")),
                edition_label=str(catalogue.get("edition_label", "")),
                guide=str(catalogue.get("guide", "")),
                address=str(catalogue.get("address", "")),
            )
        )
    return tuple(found)
