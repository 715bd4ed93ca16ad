"""`showroom new product SLUG`: a valid product bundle with every field explained."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PIL import Image, ImageDraw

from showroom.content.bundle import KINDS
from showroom.editor.schemas import SCHEMA_DIR, file_name, modeline
from showroom.errors import UsageError
from showroom.fields import formats
from showroom.fields.nodes import nfc
from showroom.messages import N_

TEMPLATE = """\
---
{modeline}
# 제품 정보 (product). Fields marked (필수) are required; delete the lines you do not need.
# Guide: docs/editor-guide.md; every field: README.md, "Content reference".
name: {name}                  # 제품명 (필수)
category: {category}          # 제품군: a file name in content/categories/ without .yml (필수)
company: {company}            # 업체: a file name in content/companies/ without .yml (필수)
date: {date}                  # 등록일 YYYY-MM-DD (필수)
summary: 제품을 한두 문장으로 소개해 주세요.   # 요약: shown in lists and search results (필수)
model: "MODEL-100"            # 모델명
spec: "W300×D200×H150 mm"     # 규격
unit: 대                      # 단위
# price: 1250000              # 단가 (원), digits only
features:                     # 주요 특징, one per line
  - 첫 번째 특징
usage: 어디에 쓰는 제품인지 적어 주세요.   # 용도
images:                       # 사진 (필수): files in this folder; alt describes the photo
  - src: photo.jpg
    alt: 제품 사진을 설명하는 문장
# procurement:                # 조달 번호
#   classification_number: "12345678"   # 물품분류번호, 8 digits
#   detailed_number: "1234567801"       # 세부품명번호, 10 digits
#   item_id: "23456789"                 # 물품식별번호, 8 digits
# excellent_procurement:      # 우수조달물품 지정
#   number: "2025-우수-0001"
#   from: 2025-01-01
#   until: 2027-12-31         # from + 3 years − 1 day
# innovation:                 # 혁신제품 지정
#   type: 2                   # 1 우수연구개발, 2 혁신시제품, 3 기타
#   agency: 조달청
#   number: "2025-혁신-0001"
#   from: 2025-01-01
#   until: 2027-12-31
# certifications:
#   - type: 성능인증
#     number: "제2025-001호"
#     issuer: 중소벤처기업부
#     until: 2028-12-31
# en:                         # 영어: the English pages' text (with languages: [ko, en])
#   name: Product name
#   summary: One or two sentences in English.
#   features: [First feature]
#   images:
#     - alt: What the photo shows
#                             # the English description: index.en.md beside this file
{draft}
---
제품 설명을 여기에 Markdown으로 작성합니다. 제목은 `## 제목` 처럼 씁니다.
"""


DRAFT = "draft: true                   # 초안: remove this line to publish"
PUBLISHED = "# draft: true                 # 초안 (draft): a draft is checked but not published"


def new_product(
    content_dir: Path,
    slug: str,
    category: str | None,
    company: str | None,
    day: dt.date,
    draft: bool = True,
) -> Path:
    """Write content/products/<slug>/index.md and a placeholder photo; return the file."""
    slug = nfc(slug)
    problem = formats.slug(slug)
    if problem is not None:
        raise UsageError(problem)
    folder = content_dir / "products" / slug
    if folder.exists():
        raise UsageError(N_("{folder} already exists; choose another slug").format(folder=folder))
    category = category or _first(content_dir / "categories", "category")
    company = company or _first(content_dir / "companies", "company")
    folder.mkdir(parents=True)
    index = folder / "index.md"
    index.write_text(
        TEMPLATE.format(
            modeline=modeline(index, content_dir.parent / SCHEMA_DIR / file_name("product")),
            name="새 제품",
            category=category,
            company=company,
            date=day.isoformat(),
            draft=DRAFT if draft else PUBLISHED,
        ),
        encoding="utf-8",
    )
    placeholder_photo(folder / "photo.jpg")
    return index


def _first(folder: Path, kind: str) -> str:
    names = sorted(nfc(p.stem) for p in folder.glob("*.yml"))
    if not names:
        raise UsageError(
            N_("there is no {kind} yet: add a file to {folder} first").format(
                kind=KINDS[kind], folder=folder
            )
        )
    return names[0]


def placeholder_photo(path: Path) -> None:
    """A grey picture standing for a product's photo until an editor adds one."""
    image = Image.new("RGB", (1200, 900), (232, 236, 241))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((420, 270, 780, 630), radius=40, outline=(150, 160, 175), width=12)
    draw.ellipse((540, 390, 660, 510), fill=(150, 160, 175))
    image.save(path, "JPEG", quality=85)
