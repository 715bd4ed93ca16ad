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
    Column("slug", "제품 주소 이름 (폴더 이름)", "products/<slug>/"),
    Column("name", "제품명", "name", aliases=("제품명", "상품명", "물품명", "품명")),
    Column("model", "모델명", "model", aliases=("모델명", "모델")),
    Column("category", "제품군 (분류 파일 이름)", "category", aliases=("제품군", "분류")),
    Column("category_name", "제품군 이름", "categories/<category>.yml name", imported=False),
    Column("summary", "요약", "summary", aliases=("요약", "제품소개")),
    Column("url", "제품 페이지 주소", "base_url + products/<slug>/", imported=False),
    Column(
        "prdctClsfcNo",
        "물품분류번호 (8자리)",
        "procurement.classification_number",
        Kind.DIGITS,
        "물품분류번호",
        aliases=("물품분류", "물품분류번호"),
    ),
    Column(
        "dtilPrdctClsfcNo",
        "세부품명번호 (10자리)",
        "procurement.detailed_number",
        Kind.DIGITS,
        "세부품명번호",
        aliases=("세부품명번호", "세부품명"),
    ),
    Column(
        "prdctIdntNo",
        "물품식별번호 (8자리)",
        "procurement.item_id",
        Kind.DIGITS,
        "물품식별번호",
        aliases=("물품식별", "물품식별번호"),
    ),
    Column("prdctSpecNm", "규격", "spec", mall="규격명", aliases=("규격", "규격명")),
    Column("prdctUnit", "단위", "unit", mall="단위", aliases=("단위",)),
    Column(
        "cntrctPrceAmt",
        "단가 (원)",
        "price",
        Kind.INTEGER,
        "계약단가",
        aliases=("단가", "계약단가", "가격"),
    ),
    Column(
        "exclncPrcrmntPrdctYn",
        "우수조달물품 여부: 빌드 날짜에 지정이 유효하면 Y",
        "excellent_procurement (from ≤ date ≤ until)",
        Kind.FLAG,
        "우수조달 여부",
        imported=False,
        aliases=("우수조달여부", "우수조달물품여부", "우수조달"),
    ),
    Column(
        "excellent_number",
        "우수조달물품 지정번호",
        "excellent_procurement.number",
        aliases=("우수조달지정번호",),
    ),
    Column(
        "excellent_from",
        "우수조달물품 지정일",
        "excellent_procurement.from",
        Kind.DATE,
        aliases=("우수조달지정일자",),
    ),
    Column(
        "excellent_until",
        "우수조달물품 유효기간 끝",
        "excellent_procurement.until",
        Kind.DATE,
        aliases=("우수조달유효기간",),
    ),
    Column(
        "excellent_extended", "우수조달물품 지정 연장", "excellent_procurement.extended", Kind.FLAG
    ),
    Column(
        "innovation_type",
        "혁신제품 유형 (1 우수연구개발, 2 혁신시제품, 3 기타)",
        "innovation.type",
        Kind.TYPE,
        aliases=("혁신상품구분", "혁신제품구분", "혁신제품유형"),
    ),
    Column(
        "innovation_agency",
        "혁신제품 지정기관",
        "innovation.agency",
        aliases=("혁신상품지정기관명", "혁신제품지정기관명", "지정기관"),
    ),
    Column(
        "innovation_number",
        "혁신제품 지정번호",
        "innovation.number",
        aliases=("혁신제품지정번호", "혁신상품지정번호", "지정번호"),
    ),
    Column(
        "innovation_from",
        "혁신제품 지정일",
        "innovation.from",
        Kind.DATE,
        aliases=("혁신제품지정일자", "지정일자", "지정일"),
    ),
    Column(
        "innovation_until",
        "혁신제품 유효기간 끝 (`유효기간`: 시작~끝도 읽음)",
        "innovation.until",
        Kind.DATE,
        aliases=("유효기간종료일자", "유효기간종료일", "유효기간"),
    ),
    Column("innovation_extended", "혁신제품 지정 연장", "innovation.extended", Kind.FLAG),
    Column(
        "certifications",
        "인증: 종류:번호:유효기간:발급기관;…",
        "certifications",
        Kind.CERTIFICATIONS,
        aliases=("혁신제품인증목록", "인증목록", "인증", "prodctCertList"),
    ),
    Column(
        "features", "주요 특징 (; 로 구분)", "features", Kind.LIST, aliases=("주요특징", "특징")
    ),
    Column("specs", "상세 규격: 항목=값;…", "specs", Kind.SPECS),
    Column("usage", "용도", "usage", aliases=("용도",)),
    Column("keywords", "검색어 (; 로 구분)", "keywords", Kind.LIST, aliases=("검색어",)),
    Column("inquiry", "구매상담 링크 또는 e-mail", "inquiry", aliases=("구매상담",)),
    Column("company", "업체 (업체 파일 이름)", "company"),
    Column(
        "cntrctCorpNm",
        "업체명",
        "companies/<company>.yml name",
        mall="업체명",
        aliases=("업체", "업체명", "계약업체명"),
    ),
    Column(
        "cntrctCorpBizno",
        "사업자등록번호 (10자리)",
        "companies/<company>.yml business_number",
        Kind.DIGITS,
        "사업자등록번호",
        aliases=("업체사업자등록번호", "사업자등록번호"),
    ),
    Column(
        "company_district",
        "업체 구·군",
        "companies/<company>.yml district",
        aliases=("구군", "소재지"),
    ),
    Column(
        "company_address",
        "업체 주소",
        "companies/<company>.yml address",
        aliases=("업체주소", "주소"),
    ),
    Column(
        "company_phone",
        "업체 대표 전화",
        "companies/<company>.yml phone",
        aliases=("업체전화번호", "전화번호", "전화"),
    ),
    Column(
        "company_email",
        "업체 대표 e-mail",
        "companies/<company>.yml email",
        aliases=("업체이메일", "이메일"),
    ),
    Column("date", "등록일", "date", Kind.DATE, aliases=("등록일", "등록일자")),
    Column("updated", "최종 수정일", "updated", Kind.DATE, aliases=("수정일", "수정일자")),
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
