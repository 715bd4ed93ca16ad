"""The buyers' tools' data: the numbers of specifications in the units they are compared in,
and the record of each product the build writes per language (compare/products/<slug>.json)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from showroom.build import BuildOptions, build
from showroom.render.buyers import Amount, normalised
from tests.conftest import BuiltSite
from tests.projects import new_project


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("200 W", Amount(200, "W", "W")),
        ("0.2 kW", Amount(200, "W", "kW")),
        ("5 kg", Amount(5000, "g", "kg")),
        ("5,000 g", Amount(5000, "g", "g")),
        ("4.5 ㎏", Amount(4500, "g", "㎏")),
        ("1.2 m", Amount(1200, "mm", "m")),
        ("120cm", Amount(1200, "mm", "cm")),
        ("2 L", Amount(2000, "mL", "L")),
        ("22,000 lm", Amount(22000, "lm", "lm")),
        ("Ra 70 이상", None),
        ("1,200 × 600 mm", None),
        ("-30 ~ 60 ℃", None),
        ("10 parsecs", None),
        ("12,34 kg", None),
    ],
)
def test_normalised(written: str, expected: Amount | None) -> None:
    assert normalised(written) == expected


def test_a_record_per_product_with_what_the_comparison_shows(tmp_path: Path) -> None:
    project = new_project(tmp_path / "site")
    project.product(
        "meter",
        "전력 측정기",
        extra='model: "PM-1"\nunit: 대\nprice: 120000\nprocurement:\n  item_id: "25000001"\n'
        "specs:\n  소비전력: 0.2 kW\n  색상: 회색\n"
        'excellent_procurement:\n  number: "2020-우수-0001"\n  from: 2020-01-01\n'
        "  until: 2023-12-31\n",
    )
    build(BuildOptions(config_file=project.config_file, date=dt.date(2026, 11, 28)))
    folder = project.out / "compare" / "products"
    assert sorted(p.name for p in folder.iterdir()) == [
        "drill-press.json", "lathe.json", "meter.json", "rice-cake.json",
    ]  # fmt: skip
    record = json.loads((folder / "meter.json").read_text(encoding="utf-8"))
    assert record["name"] == "전력 측정기" and record["model"] == "PM-1"
    assert record["url"] == "/products/meter/" and record["photo"].startswith("/products/meter/")
    assert record["price"] == 120000 and record["unit"] == "대"
    assert record["specs"] == [
        {
            "label": "소비전력",
            "value": "0.2 kW",
            "amount": 200.0,
            "unit": "W",
            "written_unit": "kW",
        },
        {"label": "색상", "value": "회색"},
    ]
    designation = record["designations"][0]
    assert designation["number"] == "2020-우수-0001" and designation["current"] is False
    assert record["procurement"]["item_id"] == "25000001"
    assert record["company"]["name"] == "(주)테스트1"
    assert record["company"]["inquiry"] == "mailto:sales1@example.kr"
    assert (project.out / "shortlist" / "index.html").is_file()
    assert (project.out / "compare" / "index.html").is_file()
    sitemap = (project.out / "sitemap.xml").read_text(encoding="utf-8")
    assert "shortlist" not in sitemap and "compare" not in sitemap


def test_the_english_records_are_in_english(sample: BuiltSite) -> None:
    korean = json.loads((sample.out / "compare/products/led-tunnel-light.json").read_bytes())
    english = json.loads((sample.out / "en/compare/products/led-tunnel-light.json").read_bytes())
    assert english["url"] == "/en/products/led-tunnel-light/"
    assert english["company"]["name"] != korean["company"]["name"]
    assert english["photo"] == korean["photo"]  # the photos are shared
    assert (korean["unit"], english["unit"]) == ("대", "unit")  # terms in their English names
    assert english["certifications"][0]["type"] == "High-Efficiency Energy Equipment"
    translated = [
        json.loads(p.read_bytes()) for p in sorted((sample.out / "en/compare/products").iterdir())
    ]
    assert any(r["fallback"] == [] and r["name"].isascii() for r in translated)
    assert any("name" in r["fallback"] for r in translated)
