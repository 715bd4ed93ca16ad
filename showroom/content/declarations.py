"""The fields of category, company and product files, declared once.

These declarations validate content, and the content reference is written from them.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Mapping
from typing import cast

from showroom.content.designations import validity_problem
from showroom.fields import formats
from showroom.fields.containers import ListOf, MapOf
from showroom.fields.focus import parse_focus
from showroom.fields.languages import CONTENT_LANGUAGES, DEFAULT_LANGUAGES, translated, translation
from showroom.fields.records import Field, OneOfRequired, Record, Reporter
from showroom.fields.scalars import Boolean, Date, Integer, Text
from showroom.messages import N_

COMPANY_FLAGS = ("벤처", "이노비즈", "메인비즈", "여성기업", "장애인기업", "사회적기업", "중소기업")
INNOVATION_TYPES = (1, 2, 3)

_CATEGORY = Record(
    {
        "name": Field(Text(), required=True, doc="분류명 (hall name)"),
        "order": Field(Integer(minimum=0), required=True, doc="position among the halls"),
        "description": Field(Text(), doc="shown on the hall page"),
    }
)


CONTACT = Record(
    {
        "name": Field(Text(), doc="담당자 name"),
        "department": Field(Text(), doc="부서"),
        "phone": Field(Text(label=N_("phone number"), check=formats.phone), doc="전화"),
        "email": Field(Text(label=N_("e-mail address"), check=formats.email), doc="e-mail"),
    },
    checks=(
        OneOfRequired(
            ("phone", "email"), N_("a contact needs a phone number or an e-mail address")
        ),
    ),
    name="contact",
    doc="A person to ask about buying; needs a phone number or an e-mail address.",
)


@functools.cache
def category_fields(languages: tuple[str, ...] = DEFAULT_LANGUAGES) -> Record:
    """A category file's fields, with a block for each language after the first."""
    text = translation(_CATEGORY, ("name", "description"), "category")
    return translated(_CATEGORY, text, languages)


@functools.cache
def company_fields(
    districts: tuple[str, ...], languages: tuple[str, ...] = DEFAULT_LANGUAGES
) -> Record:
    """A company file's fields, with a block for each language after the first."""
    record = _company_fields(districts)
    text = translation(record, ("name", "address", "description"), "company")
    return translated(record, text, languages)


def _company_fields(districts: tuple[str, ...]) -> Record:
    return Record(
        {
            "name": Field(Text(), required=True, doc="업체명"),
            "ceo": Field(Text(), doc="대표자"),
            "business_number": Field(
                Text(
                    label=N_("10 digits"),
                    check=formats.digits(10, N_("a business number (사업자등록번호)")),
                ),
                required=True,
                doc="사업자등록번호, 10 digits (000-00-00000)",
            ),
            "district": Field(Text(choices=districts), required=True, doc="구·군"),
            "address": Field(Text(), required=True, doc="주소"),
            "phone": Field(
                Text(label=N_("phone number"), check=formats.phone), required=True, doc="대표 전화"
            ),
            "fax": Field(Text(label=N_("phone number"), check=formats.phone), doc="팩스"),
            "email": Field(
                Text(label=N_("e-mail address"), check=formats.email), doc="대표 e-mail"
            ),
            "homepage": Field(
                Text(label=N_("web address"), check=formats.web_url), doc="홈페이지 (https://…)"
            ),
            "flags": Field(ListOf(Text(choices=COMPANY_FLAGS)), doc="벤처, 이노비즈 …"),
            "description": Field(Text(), doc="a short introduction"),
            "contact": Field(CONTACT, doc="purchase-consultation contact"),
        }
    )


def _procurement_numbers(values: Mapping[str, object], report: Reporter) -> None:
    classification = formats.strip_separators(str(values.get("classification_number", "")))
    detailed = formats.strip_separators(str(values.get("detailed_number", "")))
    item_id = formats.strip_separators(str(values.get("item_id", "")))
    if classification and detailed and not detailed.startswith(classification):
        report.error(
            "detailed_number",
            N_(
                "the detailed item number {detailed} must start with the classification "
                "number {classification}"
            ).format(detailed=detailed, classification=classification),
        )
    if classification and item_id and item_id == classification:
        report.error(
            "item_id",
            N_("the item id (물품식별번호) is a different number from the classification number"),
        )


PROCUREMENT = Record(
    {
        "classification_number": Field(
            Text(
                label=N_("8 digits"),
                check=formats.digits(8, N_("a classification number (물품분류번호)")),
            ),
            doc="물품분류번호, 8 digits",
        ),
        "detailed_number": Field(
            Text(
                label=N_("10 digits"),
                check=formats.digits(10, N_("a detailed item number (세부품명번호)")),
            ),
            doc="세부품명번호, 10 digits starting with the classification number",
        ),
        "item_id": Field(
            Text(label=N_("8 digits"), check=formats.digits(8, N_("an item id (물품식별번호)"))),
            doc="물품식별번호, 8 digits",
        ),
    },
    checks=(_procurement_numbers,),
    name="procurement",
    doc="Numbers of the national procurement system (나라장터); hyphens are allowed.",
)


def _period(values: Mapping[str, object], report: Reporter) -> None:
    start, until = values["from"], values["until"]
    assert isinstance(start, dt.date) and isinstance(until, dt.date)  # both declared Date()
    if until < start:
        report.error(
            "until",
            N_("ends ({until}) before it starts ({start})").format(until=until, start=start),
        )
        return
    problem = validity_problem(start, until, bool(values.get("extended", False)))
    if problem is not None:
        report.warn("until", problem)


_PERIOD_FIELDS = {
    "number": Field(Text(), required=True, doc="지정번호"),
    "from": Field(Date(), required=True, doc="first valid day"),
    "until": Field(Date(), required=True, doc="last valid day (from + 3 years − 1 day)"),
    "extended": Field(Boolean(), doc="true if the designation was extended"),
}

EXCELLENT = Record(
    _PERIOD_FIELDS,
    checks=(_period,),
    name="excellent_procurement",
    doc="우수조달물품 designation by 조달청. Valid 3 years (`until` = `from` + 3 years − 1 day); "
    "an extension adds up to 3 years. In the hall while `from` ≤ build date ≤ `until`.",
)

INNOVATION = Record(
    {
        "type": Field(
            Integer(choices=INNOVATION_TYPES),
            required=True,
            doc="1 우수연구개발 혁신제품, 2 혁신시제품, 3 기타 혁신제품",
        ),
        "agency": Field(Text(), doc="지정기관"),
        **_PERIOD_FIELDS,
    },
    checks=(_period,),
    name="innovation",
    doc="혁신제품 designation. Valid 3 years; extensions of 1 then 2 years, 6 at most.",
)

CERTIFICATION = Record(
    {
        "type": Field(Text(), required=True, doc="성능인증, NEP, GS, 녹색인증, 특허 …"),
        "number": Field(Text(), doc="인증번호"),
        "issuer": Field(Text(), doc="발급기관"),
        "until": Field(Date(), doc="유효기간"),
    },
    name="certification",
    doc="A certificate or patent (성능인증, NEP, NET, GS, 녹색인증, 환경표지, GR, "
    "고효율에너지기자재, KS, K마크, 특허, 실용신안 …).",
)


def _focus_check(value: str) -> str | None:
    parsed = parse_focus(value)
    return parsed if isinstance(parsed, str) else None


IMAGE = Record(
    {
        "src": Field(
            Text(label=N_("file name"), check=formats.relative_file),
            required=True,
            doc="file beside index.md",
        ),
        "alt": Field(Text(), required=True, doc="대체 텍스트: what the photo shows"),
        "caption": Field(Text(), doc="shown under the photo"),
        "focus": Field(
            Text(label=N_("focus point"), check=_focus_check),
            doc="what card crops keep in view: center (default), top, bottom left … or '30% 40%'",
        ),
    },
    name="image",
    doc="A photo beside `index.md`; the first is the main photo.",
)

_PRODUCT = Record(
    {
        "name": Field(Text(), required=True, doc="제품명"),
        "category": Field(
            Text(label=N_("slug"), check=formats.slug), required=True, doc="category slug"
        ),
        "company": Field(
            Text(label=N_("slug"), check=formats.slug), required=True, doc="company slug"
        ),
        "date": Field(Date(), required=True, doc="date added to the showroom"),
        "summary": Field(Text(), required=True, doc="one or two sentences"),
        "model": Field(Text(), doc="모델명"),
        "spec": Field(Text(), doc="규격"),
        "unit": Field(Text(), doc="단위"),
        "price": Field(Integer(minimum=0), doc="단가 in won"),
        "features": Field(ListOf(Text()), doc="주요 특징"),
        "usage": Field(Text(), doc="용도"),
        "keywords": Field(ListOf(Text()), doc="extra search words"),
        "specs": Field(MapOf(Text()), doc="extra specification rows"),
        "images": Field(ListOf(IMAGE, min_items=1), required=True, doc="photos"),
        "video": Field(
            Text(label=N_("web address"), check=formats.web_url), doc="video page (https://…)"
        ),
        "brochure": Field(
            Text(label=N_("file name"), check=formats.relative_file), doc="PDF beside index.md"
        ),
        "procurement": Field(PROCUREMENT, doc="procurement numbers"),
        "excellent_procurement": Field(EXCELLENT, doc="우수조달물품 지정"),
        "innovation": Field(INNOVATION, doc="혁신제품 지정"),
        "certifications": Field(ListOf(CERTIFICATION), doc="인증"),
        "contact": Field(CONTACT, doc="overrides the company's contact"),
        "inquiry": Field(
            Text(label=N_("web address or e-mail"), check=formats.url_or_email),
            doc="구매상담 link or e-mail",
        ),
        "updated": Field(Date(), doc="last substantive change"),
        "draft": Field(
            Boolean(),
            doc="drafts are validated, not published; `build -D` and `serve` show them, "
            "marked 초안",
        ),
    }
)


def _translated_photos(values: Mapping[str, object], report: Reporter) -> None:
    """A translation's photo words go with the photos by position: no more than there are."""
    photos = len(cast("tuple[object, ...]", values.get("images", ())))
    for code in CONTENT_LANGUAGES:
        block = cast("Mapping[str, tuple[object, ...]]", values.get(code, {}))
        if len(block.get("images", ())) > photos:
            report.error(
                f"{code}.images",
                N_(
                    "has words for {given} photos, but the product has {photos}: each item "
                    "goes with the photo in the same place"
                ).format(given=len(block["images"]), photos=photos),
            )


IMAGE_TEXT = translation(IMAGE, ("alt", "caption"), "image")
PRODUCT_TEXT = translation(
    _PRODUCT,
    ("name", "summary", "spec", "features", "usage", "keywords", "specs"),
    "product",
    images=Field(ListOf(IMAGE_TEXT), doc="the photos' alt and caption, in the photos' order"),
)


@functools.cache
def product_fields(languages: tuple[str, ...] = DEFAULT_LANGUAGES) -> Record:
    """A product's front matter fields, with a block for each language after the first."""
    record = translated(_PRODUCT, PRODUCT_TEXT, languages)
    return Record(
        record.fields,
        checks=(_translated_photos,),
        name=record.name,
        doc=record.doc,
        refused=record.refused,
    )


#: The files' fields for content in Korean only (the default).
CATEGORY = category_fields(DEFAULT_LANGUAGES)
PRODUCT = product_fields(DEFAULT_LANGUAGES)


_SEARCHABLE = re.compile("[0-9a-z\uac00-\ud7a3]")


def _searchable(value: str) -> str | None:
    """A search term needs a Hangul syllable, a Latin letter or a digit (what search reads)."""
    if _SEARCHABLE.search(unicodedata.normalize("NFKC", value).lower()):
        return None
    return N_("has no Hangul syllable, letter or digit: search would never see it")


def _term_key(term: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", term).lower().split())


def _synonym_group(values: Mapping[str, object], report: Reporter) -> None:
    terms = cast("tuple[str, ...]", values.get("terms", ()))
    finds = cast("tuple[str, ...]", values.get("finds", ()))
    if len(terms) < 2 and not finds:
        report.error("terms", N_("a group needs two terms or more (or `finds`: one way)"))
    seen: dict[str, str] = {}
    named = [(f"terms[{n}]", t) for n, t in enumerate(terms)]
    named += [(f"finds[{n}]", t) for n, t in enumerate(finds)]
    for name, term in named:
        key = _term_key(term)
        if key in seen:
            report.error(
                name,
                N_("'{term}' is already in this group ({first}); keep one").format(
                    term=term, first=seen[key]
                ),
            )
        seen.setdefault(key, name)


SEARCH_TERM = Text(label=N_("a word or words"), check=_searchable)

SYNONYM_GROUP = Record(
    {
        "terms": Field(
            ListOf(SEARCH_TERM, min_items=1),
            required=True,
            doc="words that mean the same to a buyer: each finds what any of them finds",
        ),
        "finds": Field(
            ListOf(SEARCH_TERM, min_items=1),
            doc="one way: each of `terms` also finds these words' pages, not the reverse",
        ),
        "note": Field(Text(), doc="why the words belong together (for editors; not shown)"),
    },
    checks=(_synonym_group,),
    name="synonym group",
    doc="Search words that find each other (a term may be several words: 무인 비행기).",
)

SYNONYMS = Record(
    {
        "groups": Field(
            ListOf(SYNONYM_GROUP), required=True, doc="the synonym and spelling-variant groups"
        ),
    }
)
