"""A synthetic showroom in two languages: `translate_showroom(root, fraction)` turns a project
that `build_time.make_showroom` wrote into one with `languages: [ko, en]`, the site's words
in English, every category and company translated, and an `en:` block (name, summary,
features, usage, specs, the photos' words) in `fraction` of the products, half of which also
get an `index.en.md`. The Korean files are left as they were but for the en blocks added at
the end of their front matter, so one seed gives the same Korean site either way; which
products are translated is picked by a generator of its own (the same seed, the same ones).
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from pathlib import Path

import yaml

SITE_WORDS = """\
languages: [ko, en]
en:
  title: Ulsan Regional Products Online Showroom (benchmark)
  description: A fictional showroom for measuring build times (every company is fictional).
  publisher: Benchmark Agency
  city: Ulsan
"""

FEATURES = (
    "Low running costs",
    "Easy installation and maintenance",
    "Quiet operation",
    "Remote monitoring from the management program",
    "Parts supplied by regional partners",
    "Energy-saving design",
)
USAGES = ("Public buildings", "Schools", "Factories", "Hospitals", "Parks", "Roads")


def _words(slug: str) -> str:
    """'smart-water-meter-00012' -> 'Smart Water Meter'."""
    return " ".join(w.capitalize() for w in slug.split("-") if not w.isdigit())


def _yaml(value: object) -> str:
    return yaml.safe_dump(value, allow_unicode=True, default_flow_style=False, width=1000)


def _en_block(block: Mapping[str, object]) -> str:
    return _yaml({"en": block})


def translate_showroom(root: Path, fraction: float, seed: int = 0) -> int:
    """Add English to the project at `root`; returns how many products were translated."""
    config = root / "showroom.yml"
    config.write_text(config.read_text(encoding="utf-8") + SITE_WORDS, encoding="utf-8")
    content = root / "content"
    for path in sorted((content / "categories").glob("*.yml")):
        name = _words(path.stem)
        block = {"name": name, "description": f"Products of the {name.lower()} hall."}
        _append(path, _en_block(block))
    for path in sorted((content / "companies").glob("*.yml")):
        block = {"name": f"{_words(path.stem)} Co., Ltd.", "address": "Ulsan, Korea"}
        _append(path, _en_block(block))
    rng = random.Random(f"{seed}-en")
    translated = 0
    for folder in sorted(p for p in (content / "products").iterdir() if p.is_dir()):
        if rng.random() >= fraction:
            continue
        translated += 1
        _translate_product(folder, rng)
    return translated


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _translate_product(folder: Path, rng: random.Random) -> None:
    index = folder / "index.md"
    text = index.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    fields = yaml.safe_load(front)
    name = _words(folder.name)
    usage = ", ".join(rng.sample(USAGES, rng.randint(1, 3)))
    features = rng.sample(FEATURES, len(fields.get("features", ())))
    specs = {f"Item {n + 1}": str(v) for n, v in enumerate(fields.get("specs", {}).values())}
    images = [{"alt": f"Photo of the {name.lower()}, seen from the front"}]
    block = {
        "name": f"{name} {fields.get('model', '')}".strip(),
        "summary": f"{name}, designed for {usage.split(', ')[0].lower()}.",
        "features": features,
        "usage": usage,
        "specs": specs,
        "images": images,
    }
    index.write_text(f"---\n{front}{_en_block(block)}---\n{body}", encoding="utf-8")
    if rng.random() < 0.5:
        paragraphs = [
            f"The {name} was developed in Ulsan for {usage.lower()}. "
            "It is easy to install and to maintain, and its main parts come from regional "
            "suppliers.",
            "Compared with earlier products it lowers running costs; field tests ran for "
            "months without a failure, and the inspection results can be downloaded from the "
            "management program.",
            "## Main features",
            "\n".join(f"- {f}" for f in features),
            "Free inspections are offered after delivery, and a technician visits within a "
            "few days of a fault report.",
        ]
        (folder / "index.en.md").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
