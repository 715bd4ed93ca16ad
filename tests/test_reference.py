"""The README's field and configuration reference is generated from the schemas."""

from __future__ import annotations

from pathlib import Path

from showroom.config import FIELDS as CONFIG_FIELDS
from showroom.content import declarations
from tools.reference import update_readme

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_reference_is_current() -> None:
    text = README.read_text(encoding="utf-8")
    assert update_readme(text) == text, "run: python tools/write_reference.py"


def test_every_field_is_documented() -> None:
    text = README.read_text(encoding="utf-8")
    d = declarations
    for record in (d.PRODUCT, d.CATEGORY, CONFIG_FIELDS, d.IMAGE, d.CONTACT, d.INNOVATION,
                   d.CERTIFICATION):  # fmt: skip
        for key, spec in record.fields.items():
            assert f"| `{key}` |" in text, key
            assert spec.doc, f"{key} has no description"
