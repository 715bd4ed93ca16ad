"""Tiny showroom projects written into tmp_path for tests."""

from __future__ import annotations

import hashlib
import textwrap
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

CONFIG = """\
title: 테스트 홍보관
base_url: {base_url}
description: 테스트용 홍보관입니다.
publisher: 테스트 기관
districts: [중구, 남구, 동구, 북구, 울주군]
per_page: {per_page}
messages: en
"""

CATEGORY = """\
name: {name}
order: {order}
description: {name} 제품군입니다.
"""

COMPANY = """\
name: (주)테스트{n}
ceo: 홍길동
business_number: "123-45-6789{n}"
district: 남구
address: 울산광역시 남구 테스트로 {n}
phone: "052-123-456{n}"
email: sales{n}@example.kr
homepage: https://company{n}.example.kr
"""

PRODUCT = """\
---
name: {name}
category: {category}
company: {company}
date: {date}
summary: {name} 요약입니다.
images:
  - src: photo.jpg
    alt: {name} 사진
{extra}---
{name} 설명 본문입니다.

## 특징

- 하나
- 둘
"""


@dataclass
class Project:
    root: Path

    @property
    def config_file(self) -> Path:
        return self.root / "showroom.yml"

    @property
    def out(self) -> Path:
        return self.root / "public"

    def with_catalogue(self) -> Project:
        """The project with its catalogue PDFs made (see `new_project`)."""
        config = self.config_file.read_text(encoding="utf-8")
        self.config_file.write_text(config.replace(NO_CATALOGUE, ""), encoding="utf-8")
        return self

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def category(self, slug: str, name: str, order: int = 1) -> Path:
        return self.write(f"content/categories/{slug}.yml", CATEGORY.format(name=name, order=order))

    def company(self, slug: str, n: int = 0) -> Path:
        return self.write(f"content/companies/{slug}.yml", COMPANY.format(n=n))

    def product(
        self,
        slug: str,
        name: str = "테스트 제품",
        category: str = "machinery",
        company: str = "acme",
        date: str = "2025-01-15",
        extra: str = "",
        image: bool = True,
        colour: str | None = None,
    ) -> Path:
        path = self.write(
            f"content/products/{slug}/index.md",
            PRODUCT.format(name=name, category=category, company=company, date=date, extra=extra),
        )
        if image:  # a colour of its own unless given, so that no two products share a photo
            colour = colour or "#" + hashlib.sha256(slug.encode()).hexdigest()[:6]
            make_image(path.parent / "photo.jpg", color=colour)
        return path

    def product_file(self, slug: str, front_matter: str, body: str = "본문\n") -> Path:
        """A product whose front matter is given verbatim (for validation tests)."""
        text = "---\n" + textwrap.dedent(front_matter) + "---\n" + body
        path = self.root / f"content/products/{slug}/index.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path


def make_image(path: Path, size: tuple[int, int] = (1000, 750), color: str = "#3366aa") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, color).save(path, "JPEG", quality=80)
    return path


#: What a test project without the catalogue adds to showroom.yml: the PDFs take most of a
#: small build's time, and only the tests about them need them.
NO_CATALOGUE = "catalogue:\n  enabled: false\n"


def new_project(
    root: Path, base_url: str = "https://example.org/", per_page: int = 24, catalogue: bool = False
) -> Project:
    """A valid project: two categories, two companies, three products; with `catalogue`, the
    catalogue PDFs are made as in a real showroom (the setting's default)."""
    project = Project(root)
    config = CONFIG.format(base_url=base_url, per_page=per_page)
    project.write("showroom.yml", config if catalogue else config + NO_CATALOGUE)
    project.category("machinery", "기계·금속", 1)
    project.category("food", "식품·농수산", 2)
    project.company("acme", 1)
    project.company("bobs", 2)
    project.product("drill-press", "탁상 드릴", date="2025-01-10")
    project.product("lathe", "소형 선반", date="2025-02-10", company="bobs")
    project.product("rice-cake", "쌀 떡", category="food", date="2025-03-10")
    return project
