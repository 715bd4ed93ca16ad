"""The columns of the open data (products.csv, products.json) and of `showroom import`,
declared once: the export writes them, the import reads them back (and the Korean column
names of the 혁신장터 registration list), and the README's table is written from them.

Where a column is a field of the national procurement mall's item data (종합쇼핑몰 품목정보)
it has that field's name (prdctClsfcNo …); the others are Showroom's own.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass


class Kind(enum.Enum):
    """How a column's cells are written and read."""

    TEXT = "text"
    DIGITS = "digits"  # procurement and business numbers: digits, hyphens allowed on import
    INTEGER = "integer"
    DATE = "date"  # YYYY-MM-DD (the import also reads YYYYMMDD)
    FLAG = "Y/N"
    LIST = "list"  # items separated by `;`
    SPECS = "specs"  # label=value;label=value
    CERTIFICATIONS = "certifications"  # kind, number, until and issuer joined by colons
    TYPE = "innovation type"  # 1, 2 or 3 (the import also reads 유형1, 혁신시제품 …)


@dataclass(frozen=True)
class Column:
    name: str
    meaning: str
    source: str  # the field of the content files (a front-matter key path) it holds
    kind: Kind = Kind.TEXT
    mall: str = ""  # the national mall's Korean name of the field, when it is one of its
    imported: bool = True  # the import reads it into `source` (else only checks or skips it)
    #: Column names the import also reads as this column (the 혁신장터 list's, Korean).
    aliases: tuple[str, ...] = ()


COLUMNS: tuple[Column, ...] = (
    Column("slug", "the product's slug (its folder's name)", "products/<slug>/"),
    Column("name", "product name (제품명)", "name", aliases=("제품명", "상품명", "물품명", "품명")),
    Column("model", "model (모델명)", "model", aliases=("모델명", "모델")),
    Column(
        "category",
        "category slug (제품군), or on import its name",
        "category",
        aliases=("제품군", "분류"),
    ),
    Column("category_name", "category name", "categories/<category>.yml name", imported=False),
    Column("summary", "summary (요약)", "summary", aliases=("요약", "제품소개")),
    Column("url", "the product page's address", "base_url + products/<slug>/", imported=False),
    Column(
        "prdctClsfcNo",
        "classification number (물품분류번호, 8 digits)",
        "procurement.classification_number",
        Kind.DIGITS,
        "물품분류번호",
        aliases=("물품분류", "물품분류번호"),
    ),
    Column(
        "dtilPrdctClsfcNo",
        "detailed item number (세부품명번호, 10 digits)",
        "procurement.detailed_number",
        Kind.DIGITS,
        "세부품명번호",
        aliases=("세부품명번호", "세부품명"),
    ),
    Column(
        "prdctIdntNo",
        "item id (물품식별번호, 8 digits)",
        "procurement.item_id",
        Kind.DIGITS,
        "물품식별번호",
        aliases=("물품식별", "물품식별번호"),
    ),
    Column(
        "prdctSpecNm", "specification (규격)", "spec", mall="규격명", aliases=("규격", "규격명")
    ),
    Column("prdctUnit", "unit (단위)", "unit", mall="단위", aliases=("단위",)),
    Column(
        "cntrctPrceAmt",
        "unit price in won (단가)",
        "price",
        Kind.INTEGER,
        "계약단가",
        aliases=("단가", "계약단가", "가격"),
    ),
    Column(
        "exclncPrcrmntPrdctYn",
        "Y when the 우수조달물품 designation is valid on the build date, else N",
        "excellent_procurement (from ≤ date ≤ until)",
        Kind.FLAG,
        "우수조달 여부",
        imported=False,
        aliases=("우수조달여부", "우수조달물품여부", "우수조달"),
    ),
    Column(
        "excellent_number",
        "우수조달물품 designation number",
        "excellent_procurement.number",
        aliases=("우수조달지정번호",),
    ),
    Column(
        "excellent_from",
        "우수조달물품 designation: first valid day",
        "excellent_procurement.from",
        Kind.DATE,
        aliases=("우수조달지정일자",),
    ),
    Column(
        "excellent_until",
        "우수조달물품 designation: last valid day",
        "excellent_procurement.until",
        Kind.DATE,
        aliases=("우수조달유효기간",),
    ),
    Column(
        "excellent_extended",
        "우수조달물품 designation extended (Y/N)",
        "excellent_procurement.extended",
        Kind.FLAG,
    ),
    Column(
        "innovation_type",
        "혁신제품 type: 1 우수연구개발, 2 혁신시제품, 3 기타",
        "innovation.type",
        Kind.TYPE,
        aliases=("혁신상품구분", "혁신제품구분", "혁신제품유형"),
    ),
    Column(
        "innovation_agency",
        "혁신제품 designating agency",
        "innovation.agency",
        aliases=("혁신상품지정기관명", "혁신제품지정기관명", "지정기관"),
    ),
    Column(
        "innovation_number",
        "혁신제품 designation number",
        "innovation.number",
        aliases=("혁신제품지정번호", "혁신상품지정번호", "지정번호"),
    ),
    Column(
        "innovation_from",
        "혁신제품 designation: first valid day",
        "innovation.from",
        Kind.DATE,
        aliases=("혁신제품지정일자", "지정일자", "지정일"),
    ),
    Column(
        "innovation_until",
        "혁신제품 designation: last valid day (`유효기간` may be `from~until`)",
        "innovation.until",
        Kind.DATE,
        aliases=("유효기간종료일자", "유효기간종료일", "유효기간"),
    ),
    Column(
        "innovation_extended",
        "혁신제품 designation extended (Y/N)",
        "innovation.extended",
        Kind.FLAG,
    ),
    Column(
        "certifications",
        "certifications, `type:number:until:issuer;…`",
        "certifications",
        Kind.CERTIFICATIONS,
        aliases=("혁신제품인증목록", "인증목록", "인증", "prodctCertList"),
    ),
    Column(
        "features",
        "features (주요 특징), `;` between them",
        "features",
        Kind.LIST,
        aliases=("주요특징", "특징"),
    ),
    Column("specs", "specification rows, `label=value;…`", "specs", Kind.SPECS),
    Column("usage", "usage (용도)", "usage", aliases=("용도",)),
    Column(
        "keywords", "search keywords, `;` between them", "keywords", Kind.LIST, aliases=("검색어",)
    ),
    Column(
        "inquiry",
        "purchase-consultation link or e-mail (구매상담)",
        "inquiry",
        aliases=("구매상담",),
    ),
    Column("company", "company slug", "company"),
    Column(
        "cntrctCorpNm",
        "company name (업체명)",
        "companies/<company>.yml name",
        mall="업체명",
        aliases=("업체", "업체명", "계약업체명"),
    ),
    Column(
        "cntrctCorpBizno",
        "business number (사업자등록번호, 10 digits)",
        "companies/<company>.yml business_number",
        Kind.DIGITS,
        "사업자등록번호",
        aliases=("업체사업자등록번호", "사업자등록번호"),
    ),
    Column(
        "company_district",
        "company district (구·군)",
        "companies/<company>.yml district",
        aliases=("구군", "소재지"),
    ),
    Column(
        "company_address",
        "company address",
        "companies/<company>.yml address",
        aliases=("업체주소", "주소"),
    ),
    Column(
        "company_phone",
        "company phone",
        "companies/<company>.yml phone",
        aliases=("업체전화번호", "전화번호", "전화"),
    ),
    Column(
        "company_email",
        "company e-mail",
        "companies/<company>.yml email",
        aliases=("업체이메일", "이메일"),
    ),
    Column("date", "date added (등록일)", "date", Kind.DATE, aliases=("등록일", "등록일자")),
    Column(
        "updated", "last substantive change", "updated", Kind.DATE, aliases=("수정일", "수정일자")
    ),
)

BY_NAME = {column.name: column for column in COLUMNS}

#: The columns of a company file the import may create (the `company_…` and mall columns).
COMPANY_COLUMNS = {
    "cntrctCorpNm": "name",
    "cntrctCorpBizno": "business_number",
    "company_district": "district",
    "company_address": "address",
    "company_phone": "phone",
    "company_email": "email",
}


def header_key(name: str) -> str:
    """A column name as the import compares it: NFC, no spaces, Latin letters in lower case."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", name)).lower()


#: Every name a column is read under, as `header_key` gives it.
HEADERS: dict[str, Column] = {
    header_key(name): column for column in COLUMNS for name in (column.name, *column.aliases)
}

#: The characters a list cell escapes with a backslash inside an item.
SEPARATORS = {Kind.LIST: ";", Kind.SPECS: ";=", Kind.CERTIFICATIONS: ";:"}


def escape(text: str, special: str) -> str:
    """`text` as an item of a list cell: a backslash before `\\` and each of `special`."""
    for char in "\\" + special:
        text = text.replace(char, "\\" + char)
    return text


def split_escaped(text: str, separator: str) -> list[str]:
    """`text` split at each `separator` not escaped with a backslash; escapes kept."""
    parts, current, escaped = [], "", False
    for char in text:
        if escaped:
            current += "\\" + char
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == separator:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current + ("\\" if escaped else ""))
    return parts


def unescape(text: str) -> str:
    """An item of a list cell as it was before `escape`."""
    return re.sub(r"\\(.)", r"\1", text, flags=re.DOTALL)


def reference_table() -> str:
    """The README's table of the columns (Markdown)."""
    rows = [
        "| column | meaning | source field | national mall name | import also reads |",
        "|---|---|---|---|---|",
    ]
    for c in COLUMNS:
        aliases = ", ".join(c.aliases) + ("" if c.imported else " (not imported)")
        rows.append(f"| `{c.name}` | {c.meaning} | `{c.source}` | {c.mall} | {aliases.strip()} |")
    return "\n".join(rows)


#: What a spreadsheet reads a cell starting with as a formula (OWASP's "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def guarded(text: str) -> str:
    """A cell that starts like a formula with an apostrophe before it, so that Excel and
    LibreOffice show it as text and never run it (content is untrusted: a product name
    `=HYPERLINK(…)` must not become a link or a calculation); the import takes it off."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
