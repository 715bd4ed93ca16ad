"""The content's languages: the `languages` setting's check, and the translation block a
record gains for each language after the first (`en:` beside the Korean fields)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypedDict, cast

from showroom.fields.containers import ListOf
from showroom.fields.records import Field, Record, Reporter
from showroom.fields.scalars import Text
from showroom.messages import LANGUAGES, N_

#: The languages content may be written in: those of the messages (Korean, English) and the
#: other languages of purchase fairs' halls (Chinese, Japanese), whose pages need a strings
#: file for them in the site's theme (`strings/ja.yml`): a language is then configuration.
CONTENT_LANGUAGES = (*LANGUAGES, "zh", "ja")
DEFAULT_LANGUAGES = ("ko",)

#: showroom.yml's language settings.
LANGUAGE_FIELDS = {
    "language": Field(Text(), doc="page language (default: the first of `languages`)"),
    "languages": Field(
        ListOf(Text(choices=CONTENT_LANGUAGES), min_items=1),
        doc="the content's languages, the first the default (ko); each after it has a "
        "block in the content files (`en:`) and `index.en.md` beside `index.md`",
    ),
    "messages": Field(Text(choices=LANGUAGES), doc="problems' language (default: language's)"),
}


def check_languages(values: Mapping[str, object], report: Reporter) -> None:
    """A record check of showroom.yml: `languages` lists each language once, and the page
    `language`, when given too, is the first of them (the default language)."""
    languages = values.get("languages")
    if not isinstance(languages, tuple):
        return
    for number, code in enumerate(languages):
        if code in languages[:number]:
            report.error(f"languages[{number}]", N_("appears twice; keep one"))
    language = values.get("language")
    if isinstance(language, str) and language.split("-")[0].lower() != languages[0]:
        report.error(
            "language",
            N_(
                "the page language {language!r} must be the default language, the first of "
                "`languages` ({first})"
            ).format(language=language, first=languages[0]),
        )


class LanguageSettings(TypedDict):
    languages: tuple[str, ...]
    language: str


def languages_of(values: Mapping[str, object]) -> LanguageSettings:
    """The Config's `languages` and page `language` (as given, else the first of them)."""
    languages = tuple(cast("tuple[str, ...]", values.get("languages", DEFAULT_LANGUAGES)))
    language = cast("str", values.get("language", languages[0]))
    return {"languages": languages, "language": language}


def translation(record: Record, names: Sequence[str], name: str, **types: Field) -> Record:
    """The translation block of `record`: the fields `names` as declared there, none
    required (what is not translated falls back to the default language), and `types`'
    fields as given (the photos' words); `name` names it (as the record it translates)."""
    fields = {key: Field(record.fields[key].type, doc=record.fields[key].doc) for key in names}
    doc = f"The {name}'s text in another language; a field not given is shown in the default one."
    return Record({**fields, **types}, name=name + TEXT_SUFFIX, doc=doc)


#: The end of a translation block's name ("product text"): without it, the name of the
#: record whose fields it translates (the web editor's labels are that record's).
TEXT_SUFFIX = " text"


def translated(record: Record, text: Record, languages: Sequence[str]) -> Record:
    """`record` with a block of `text`'s fields for each language after the first; a block
    for any other language the content may be written in is an error."""
    blocks = {code: Field(text, doc=_BLOCK_DOC.format(code=code)) for code in languages[1:]}
    refused = {code: _refused(code, languages) for code in CONTENT_LANGUAGES if code not in blocks}
    return Record(
        {**record.fields, **blocks},
        checks=record.checks,
        label=record.label,
        name=record.name,
        doc=record.doc,
        refused=refused,
    )


_BLOCK_DOC = "the `{code}` text (fields not given fall back to the default language's)"


def _refused(code: str, languages: Sequence[str]) -> str:
    if code == languages[0]:
        return N_(
            "{code!r} is the default language: its text is the file's own fields, not a block"
        ).format(code=code)
    return N_(
        "a translation into {code!r}, which `languages` in showroom.yml does not list"
    ).format(code=code)
