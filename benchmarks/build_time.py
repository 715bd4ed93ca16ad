"""Build-time benchmark: a synthetic showroom of N products, built cold and warm.

    python benchmarks/build_time.py --products 1000 5000 --runs 5 [--json] [--profile]

For each N the script writes a synthetic project once (timed separately), checks that it
validates with zero errors, then runs `python -m showroom build` `--runs` times cold (image
cache and output folder deleted), once to fill the cache, and `--runs` times warm (cache kept,
output folder emptied), each in a fresh interpreter, and prints wall-clock, in-build and CPU
times per mode. `--profile` adds two cold builds per N, one with timers around the engine's
stages and one under cProfile, and prints where the time goes. `make_showroom()` is usable on
its own. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import json
import os
import platform
import pstats
import random
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, cast

from PIL import Image, ImageDraw

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"
BUILD_DATE = dt.date(2026, 11, 28)
DISTRICTS = ("중구", "남구", "동구", "북구", "울주군")
PHOTO_SIZE = (640, 480)
PHOTO_VARIANTS = 8

# -- word lists -------------------------------------------------------------------------------

# (slug, name, description, classification-number prefix (6 digits), [(slug stem, base name,
#  unit, spec template)])
CATEGORIES: tuple[tuple[str, str, str, str, tuple[tuple[str, str, str, str], ...]], ...] = (
    (
        "machinery-metal",
        "기계·금속",
        "정밀 가공, 유압·용접 설비, 로봇과 금속 부품을 모았습니다.",
        "271120",
        (
            ("industrial-drone", "산업용 드론", "대", "최대 이륙중량 {a} kg, 비행시간 {b}분"),
            ("hydraulic-valve", "유압 밸브", "개", "호칭경 {a} mm, 최고사용압력 {b} MPa"),
            ("welding-carriage", "자동 용접 캐리지", "대", "주행속도 {a}~{b} cm/min"),
            ("robot-arm", "협동 로봇팔", "대", "가반하중 {a} kg, 작업반경 {b}0 mm"),
            ("bolt-set", "고장력 볼트 세트", "set", "M{a} × {b}0 mm, 강도 10.9"),
            ("conveyor", "모듈형 컨베이어", "식", "폭 {a}00 mm, 길이 {b} m"),
        ),
    ),
    (
        "electric-electronic",
        "전기·전자",
        "가로등과 조명, 배전 설비, 전원 장치 등 전기·전자 제품입니다.",
        "391116",
        (
            ("led-streetlight", "LED 가로등", "개", "소비전력 {a}0 W, 광효율 {b}0 lm/W"),
            ("led-floodlight", "LED 투광등", "개", "소비전력 {a}0 W, IP66"),
            ("solar-streetlight", "태양광 가로등", "개", "모듈 {a}0 W, 배터리 {b}0 Ah"),
            ("switchboard", "배전반", "면", "정격전압 {a}80 V, 정격전류 {b}00 A"),
            ("ups", "무정전 전원장치", "대", "용량 {a} kVA, 백업 {b}0분"),
            ("ev-charger", "전기차 충전기", "기", "출력 {a}0 kW, 커넥터 {b}종"),
        ),
    ),
    (
        "ict",
        "정보통신",
        "영상분석, 사물인터넷, 디지털 안내 장비 등 정보통신 제품입니다.",
        "431915",
        (
            ("video-analytics", "영상분석 관제 서버", "식", "영상 입력 최대 {a}0채널, GPU {b}기"),
            ("parking-guide", "주차 안내 시스템", "식", "감지기 {a}0개, 안내판 {b}면"),
            ("smart-board", "전자칠판", "대", "{a}5인치 UHD 터치, 동시 터치 {b}0점"),
            ("signage", "디지털 사이니지", "대", "{a}5인치, 밝기 {b}00 nit"),
            ("air-monitor", "공기질 측정기", "대", "측정항목 {a}종, 전송주기 {b}분"),
            ("iot-gateway", "IoT 게이트웨이", "대", "LTE-M, 센서 연결 최대 {a}0개"),
        ),
    ),
    (
        "construction-environment",
        "건설·환경",
        "빗물 관리, 포장재, 미세먼지와 악취 저감 장치 등 건설·환경 제품입니다.",
        "301016",
        (
            ("rainwater-tank", "빗물 저류조", "식", "저류용량 {a}0 m³, 모듈 {b}단"),
            ("permeable-block", "투수 블록", "m²", "{a}00 × {b}00 × 60 mm"),
            ("dust-reducer", "미세먼지 저감 장치", "대", "처리풍량 {a}0 m³/min"),
            ("odor-reducer", "하수 악취 저감기", "대", "처리용량 {a} m³/min, 전력 {b}00 W"),
            ("noise-barrier", "투명 방음벽", "m", "높이 {a} m, 두께 {b}5 mm"),
            ("bike-rack", "자전거 보관대", "대", "수용 {a}0대, 스테인리스"),
        ),
    ),
    (
        "medical-safety",
        "의료·안전",
        "심장충격기, 화재 감지기, 안전 난간 등 의료·안전 제품입니다.",
        "461915",
        (
            ("aed", "자동 심장충격기", "대", "에너지 {a}50 J, 배터리 {b}년"),
            ("fire-detector", "화재 감지기", "개", "감지면적 {a}0 m², 무선 {b}00 m"),
            ("safety-railing", "안전 난간", "m", "높이 1{a}00 mm, 하중 {b}00 kgf"),
            ("life-jacket", "팽창식 구명조끼", "벌", "부력 {a}50 N, 무게 {b}00 g"),
            ("disinfector", "방역 소독기", "대", "분사량 {a}00 mL/min, 탱크 {b} L"),
            ("gas-detector", "복합 가스 감지기", "대", "측정가스 {a}종, 방폭"),
        ),
    ),
    (
        "chemical-material",
        "화학·소재",
        "코팅제, 생분해 필름, 세정제, 단열재 등 화학·소재 제품입니다.",
        "311516",
        (
            ("anti-slip-coating", "미끄럼 방지 코팅제", "통", "{a}8 kg/통, 도포량 {b}00 g/m²"),
            ("bio-film", "생분해 필름", "롤", "두께 {a}0 ㎛, 폭 {b}00 mm"),
            ("cleaner", "친환경 세정제", "박스", "{a} L × {b}개입"),
            ("anticorrosion-paint", "방청 도료", "통", "{a}8 L, 건조 {b}시간"),
            ("insulation", "불연 단열재", "장", "{a}00 × {b}00 mm, 두께 50 mm"),
            ("asphalt-patch", "상온 아스콘", "포", "{a}5 kg/포, 양생 {b}0분"),
        ),
    ),
    (
        "living-office",
        "생활·사무",
        "사무 가구, 문서 세단기, 공기청정기 등 생활·사무 제품입니다.",
        "561017",
        (
            ("office-chair", "인체공학 사무용 의자", "개", "좌판 높이 {a}20~{b}20 mm"),
            ("standing-desk", "높이 조절 책상", "개", "{a}200 × {b}00 mm, 전동 2모터"),
            ("shredder", "문서 세단기", "대", "세단 {a}5매, 파지함 {b}0 L"),
            ("air-purifier", "공기청정기", "대", "적용면적 {a}6 m², CADR {b}00"),
            ("cabinet", "스틸 수납 캐비닛", "개", "{a}00 × 450 × {b}00 mm"),
            ("partition", "흡음 파티션", "개", "{a}200 × {b}00 mm, 흡음률 0.8"),
        ),
    ),
    (
        "food-agrifood",
        "식품·농수산",
        "지역 농수산물로 만든 간편식, 음료, 가공식품입니다.",
        "501921",
        (
            ("lunchbox", "간편식 도시락", "박스", "{a}50 g × {b}0개입"),
            ("seaweed-snack", "건조 김 스낵", "박스", "{a}0 g × {b}0봉"),
            ("pear-drink", "배 음료", "박스", "{a}80 mL × {b}4병"),
            ("bulgogi-kit", "한우 불고기 밀키트", "팩", "{a}00 g, {b}인분"),
            ("minari-juice", "미나리 즙", "박스", "{a}00 mL × {b}0포"),
            ("rice-ration", "비상 식량 쌀 전투식량", "박스", "{a}00 g × {b}0개입"),
        ),
    ),
)

PREFIXES = (
    "스마트", "친환경", "고효율", "저전력", "무선", "자동", "초정밀", "경량", "휴대용", "다기능",
    "IoT", "AI", "저소음", "내식성", "방수형", "대용량", "소형", "일체형", "모듈형", "프리미엄",
)  # fmt: skip
FEATURES = (
    "기존 제품 대비 소비전력 {p}% 절감",
    "원격 모니터링과 고장 알림 기능 내장",
    "부품 {k}종을 국산화해 유지보수 기간 단축",
    "IP66 방진·방수 등급으로 실외 설치 가능",
    "공구 없이 {k}분 안에 설치하는 체결 구조",
    "재활용 소재 {p}% 사용",
    "24시간 연속 운전 시험 {k}000시간 통과",
    "관리 프로그램에서 사용 이력 자동 기록",
    "울산 지역 협력사 {k}곳과 공동 개발",
    "표준 규격 부품을 써서 교체가 쉬움",
    "작업자 안전을 위한 이중 잠금 장치",
    "유지보수 비용을 연간 {p}% 줄이는 설계",
)
USAGES = (
    "지자체 도로·공원 시설",
    "공공기관 청사와 학교",
    "산업단지 공장과 물류창고",
    "항만·조선소 작업장",
    "복지시설과 경로당",
    "하천 산책로와 체육시설",
    "급식소와 공공 구내식당",
    "재난 대비 비축 물자",
)
CERTIFICATIONS = (
    ("성능인증", "중소벤처기업부"),
    ("NEP", "산업통상자원부"),
    ("NET", "산업통상자원부"),
    ("GS", "한국정보통신기술협회"),
    ("녹색인증", "한국산업기술진흥원"),
    ("환경표지", "한국환경산업기술원"),
    ("고효율에너지기자재", "한국에너지공단"),
    ("KS", "한국표준협회"),
    ("K마크", "한국산업기술시험원"),
    ("특허", "특허청"),
)
AGENCIES = ("조달청", "중소벤처기업부", "산업통상자원부", "국토교통부", "환경부")
COMPANY_STEMS = (
    "한빛", "태화", "새울", "다온", "처용", "간절곶", "무룡", "문수", "신정", "대왕암",
    "솔마루", "물길", "든든", "해오름", "늘티", "영남알프스", "가지산", "반구대", "학성", "삼산",
    "옥동", "방어진", "온산", "언양", "강동", "장생포", "성안", "선바위", "명촌", "매곡",
)  # fmt: skip
# Company-name endings per category: (Hangul, romanised for the slug).
COMPANY_SUFFIXES: dict[str, tuple[tuple[str, str], ...]] = {
    "machinery-metal": (("정밀", "precision"), ("로보틱스", "robotics"), ("기계", "machinery")),
    "electric-electronic": (("전자", "electronics"), ("에너지", "energy"), ("전기", "electric")),
    "ict": (("테크", "tech"), ("데이터랩", "datalab"), ("솔루션", "solution")),
    "construction-environment": (("환경", "enviro"), ("건설", "construction"), ("그린", "green")),
    "medical-safety": (("안전", "safety"), ("메디칼", "medical"), ("케어", "care")),
    "chemical-material": (("소재", "materials"), ("화학", "chemical"), ("케미칼", "chem")),
    "living-office": (("리빙", "living"), ("가구", "furniture"), ("산업", "industry")),
    "food-agrifood": (("푸드", "food"), ("농산", "farm"), ("식품", "foods")),
}
ROMAN = {
    "한빛": "hanbit", "태화": "taehwa", "새울": "saeul", "다온": "daon", "처용": "cheoyong",
    "간절곶": "ganjeolgot", "무룡": "muryong", "문수": "munsu", "신정": "sinjeong",
    "대왕암": "daewangam", "솔마루": "solmaru", "물길": "mulgil", "든든": "dundeun",
    "해오름": "haeoreum", "늘티": "neulti", "영남알프스": "alps", "가지산": "gajisan",
    "반구대": "bangudae", "학성": "hakseong", "삼산": "samsan", "옥동": "okdong",
    "방어진": "bangeojin", "온산": "onsan", "언양": "eonyang", "강동": "gangdong",
    "장생포": "jangsaengpo", "성안": "seongan", "선바위": "seonbawi", "명촌": "myeongchon",
    "매곡": "maegok",
}  # fmt: skip
SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍"
GIVEN = ("도현", "수진", "민준", "서연", "예린", "지호", "하늘", "현우", "은지", "태양", "가온")
ROADS = ("매곡산업6로", "테크노산업로", "산업로", "삼산로", "문수로", "번영로", "방어진순환도로")
FLAGS = ("벤처", "이노비즈", "메인비즈", "여성기업", "장애인기업", "사회적기업", "중소기업")
COLOURS = (
    ((32, 78, 140), (200, 214, 230)),
    ((140, 60, 40), (236, 214, 196)),
    ((40, 110, 70), (205, 232, 210)),
    ((90, 90, 100), (230, 230, 235)),
    ((150, 110, 20), (246, 232, 190)),
    ((100, 40, 120), (226, 206, 236)),
    ((20, 110, 120), (196, 232, 234)),
    ((60, 60, 60), (250, 250, 250)),
)

_PLAIN = re.compile(r"[0-9A-Za-z\uac00-\ud7a3(][^:#\[\]{}&*!|>'\"%@`,]*")


def yaml_str(text: str) -> str:
    """A YAML scalar for `text`: plain when unambiguous, else a JSON (double-quoted) string."""
    if _PLAIN.fullmatch(text) and not text.endswith(" ") and not text.isdigit():
        return text
    return json.dumps(text, ensure_ascii=False)


# -- the generator ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Company:
    slug: str
    name: str


def make_photos(seed: int = 0) -> list[bytes]:
    """PHOTO_VARIANTS small JPEGs (640×480): a gradient, a product-ish shape and a little noise."""
    return [_jpeg(image) for image in _photo_images(seed)]


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def product_photo(base: Image.Image, index: int, seed: int = 0) -> bytes:
    """`base` with a few strokes of product `index`'s own, as a JPEG: every product gets a
    different file, as in a real showroom (the image cache encodes identical files once)."""
    rng = random.Random(f"{seed}-photo-{index}")
    image = base.copy()
    draw = ImageDraw.Draw(image)
    width, height = image.size
    for _ in range(3):
        x, y = rng.randint(0, width), rng.randint(0, height)
        colour = (rng.randint(0, 255), rng.randint(0, 255), rng.randint(0, 255))
        end = (x + rng.randint(-80, 80), y + rng.randint(-80, 80))
        draw.line((x, y, *end), fill=colour, width=3)
    return _jpeg(image)


def _photo_images(seed: int) -> list[Image.Image]:
    rng = random.Random(seed)
    photos: list[Image.Image] = []
    width, height = PHOTO_SIZE
    for dark, light in COLOURS[:PHOTO_VARIANTS]:
        gradient = Image.linear_gradient("L").resize(PHOTO_SIZE)
        image = Image.composite(
            Image.new("RGB", PHOTO_SIZE, dark), Image.new("RGB", PHOTO_SIZE, light), gradient
        )
        draw = ImageDraw.Draw(image)
        x, y = rng.randint(120, 220), rng.randint(80, 140)
        draw.rounded_rectangle(
            (x, y, width - x, height - y + 40), radius=24, fill=light, outline=dark, width=6
        )
        draw.ellipse((width // 2 - 60, y + 40, width // 2 + 60, y + 160), fill=dark)
        for _ in range(12):
            cx, cy = rng.randint(0, width), rng.randint(0, height)
            draw.line((cx, cy, cx + rng.randint(-90, 90), cy + rng.randint(-90, 90)), fill=dark)
        noise = Image.frombytes("L", PHOTO_SIZE, rng.randbytes(width * height)).convert("RGB")
        photos.append(Image.blend(image, noise, 0.025))
    return photos


def make_showroom(
    root: Path, n: int, seed: int = 0, shared_photos: bool = False, translated: float = 0.0
) -> Path:
    """Write a synthetic showroom of `n` products under `root`; returns its showroom.yml.

    Every product has a photo of its own (one of PHOTO_VARIANTS with a few strokes added);
    `shared_photos` copies the PHOTO_VARIANTS files as they are instead (8 distinct photos).
    `translated` > 0: the site in Korean and English, that share of the products translated
    (see english.py; the Korean text is the same either way).
    """
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    config = root / "showroom.yml"
    config.write_text(
        "title: 울산 지역상품 온라인 홍보관 (벤치마크)\n"
        "base_url: https://example.org/\n"
        "description: 빌드 시간 측정용 가상 홍보관입니다. 모든 업체와 제품은 가상입니다.\n"
        "publisher: 벤치마크 기관\n"
        "per_page: 24\n"
        "license: 공공누리 제1유형 (출처표시)\n",
        encoding="utf-8",
    )
    content = root / "content"
    (content / "categories").mkdir(parents=True, exist_ok=True)
    for order, (slug, name, description, _, _) in enumerate(CATEGORIES, start=1):
        (content / "categories" / f"{slug}.yml").write_text(
            f"name: {yaml_str(name)}\norder: {order}\ndescription: {yaml_str(description)}\n",
            encoding="utf-8",
        )
    companies = _write_companies(content / "companies", max(15, n // 20), rng)
    bases = _photo_images(seed)
    shared = [_jpeg(image) for image in bases] if shared_photos else []
    products = content / "products"
    products.mkdir(parents=True, exist_ok=True)
    for index in range(n):
        variant = index % PHOTO_VARIANTS
        photo = shared[variant] if shared else product_photo(bases[variant], index, seed)
        _write_product(products, index, companies, photo, rng)
    if translated > 0:
        from english import translate_showroom  # a sibling script

        translate_showroom(root, translated, seed)
    return config


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def _phone(rng: random.Random, exchange: int | None = None) -> str:
    first = exchange if exchange is not None else rng.randint(200, 299)
    return f"052-{first}-{rng.randint(1000, 9999)}"


def _write_companies(folder: Path, count: int, rng: random.Random) -> dict[str, list[_Company]]:
    """`count` companies, each making the products of one category (round robin)."""
    folder.mkdir(parents=True, exist_ok=True)
    pairs: dict[str, list[tuple[str, tuple[str, str]]]] = {}
    for cat in CATEGORIES:
        pairs[cat[0]] = [(s, x) for s in COMPANY_STEMS for x in COMPANY_SUFFIXES[cat[0]]]
        rng.shuffle(pairs[cat[0]])
    companies: dict[str, list[_Company]] = {c[0]: [] for c in CATEGORIES}
    for index in range(count):
        category = CATEGORIES[index % len(CATEGORIES)][0]
        options = pairs[category]
        number = index // len(CATEGORIES)
        stem, (suffix, roman_suffix) = options[number % len(options)]
        round_ = number // len(options)
        slug = f"{ROMAN[stem]}-{roman_suffix}" + (f"-{round_ + 1}" if round_ else "")
        name = f"(주){stem}{suffix}" + (f" 제{round_ + 1}공장" if round_ else "")
        district = rng.choice(DISTRICTS)
        exchange = rng.randint(200, 299)
        flags = sorted(rng.sample(FLAGS, rng.randint(0, 3)), key=FLAGS.index)
        lines = [
            f"name: {yaml_str(name)}",
            f"ceo: {_person(rng)}",
            f'business_number: "{rng.randint(101, 899)}-{rng.randint(81, 88)}-'
            f'{(index * 7919 + 10007) % 100000:05d}"',
            f"district: {district}",
            f"address: 울산광역시 {district} {rng.choice(ROADS)} {rng.randint(1, 300)}",
            f'phone: "{_phone(rng, exchange)}"',
            f'fax: "{_phone(rng, exchange)}"',
            f"email: sales@{slug}.example.kr",
            f"homepage: https://{slug}.example.kr",
            f"flags: [{', '.join(flags)}]",
            f"description: {rng.randint(1985, 2022)}년에 설립해 "
            f"{CATEGORIES[index % len(CATEGORIES)][1]} 분야 제품을 만드는 울산 {district}의 "
            f"기업입니다. 공공기관 납품 실적 {rng.randint(3, 90)}건을 보유하고 있습니다.",
        ]
        if rng.random() < 0.5:
            lines += [
                "contact:",
                f"  name: {_person(rng)}",
                f"  department: {rng.choice(('공공영업팀', '영업부', '기술영업팀', '대표이사'))}",
                f'  phone: "{_phone(rng, exchange)}"',
                f"  email: public@{slug}.example.kr",
            ]
        (folder / f"{slug}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        companies[category].append(_Company(slug, name))
    return companies


def _random_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def _until(start: dt.date, years: int) -> dt.date:
    """start + `years` years − 1 day (29 February becomes 28 February)."""
    try:
        later = start.replace(year=start.year + years)
    except ValueError:
        later = start.replace(year=start.year + years, day=28)
    return later - dt.timedelta(days=1)


def _fill(template: str, rng: random.Random) -> str:
    return template.format(a=rng.randint(1, 9), b=rng.randint(1, 9))


def _write_product(
    folder: Path,
    index: int,
    companies: dict[str, list[_Company]],
    photo_data: bytes,
    rng: random.Random,
) -> None:
    cat_slug, cat_name, _, class_prefix, kinds = rng.choice(CATEGORIES)
    kind_slug, base, unit, spec_template = rng.choice(kinds)
    prefix = rng.choice(PREFIXES)
    name = f"{prefix} {base}"
    company = rng.choice(companies[cat_slug])
    slug = f"{kind_slug}-{index:05d}"
    added = _random_date(rng, dt.date(2019, 1, 1), BUILD_DATE - dt.timedelta(days=7))
    usage = ", ".join(rng.sample(USAGES, rng.randint(1, 3)))
    spec = _fill(spec_template, rng)
    model = f"{company.slug[:2].upper()}-{kind_slug[:2].upper()}{rng.randint(10, 9999)}"
    features = [
        f.format(p=rng.randint(10, 60), k=rng.randint(2, 9))
        for f in rng.sample(FEATURES, rng.randint(3, 5))
    ]
    summary = (
        f"{usage.split(', ')[0]}에 알맞게 설계한 {name}입니다. {features[0]} 등의 특징이 있습니다."
    )
    lines = [
        "---",
        f"name: {yaml_str(name)}",
        f"category: {cat_slug}",
        f"company: {company.slug}",
        f"date: {added.isoformat()}",
        f"summary: {yaml_str(summary)}",
        f'model: "{model}"',
        f"spec: {yaml_str(spec)}",
        f"unit: {yaml_str(unit)}",
    ]
    if rng.random() < 0.8:
        lines.append(f"price: {rng.randint(10, 50_000) * 1000}")
    lines.append("features:")
    lines += [f"  - {yaml_str(f)}" for f in features]
    lines.append(f"usage: {yaml_str(usage)}")
    keywords = [base, *base.split(" "), prefix, cat_name.split("·")[0], kind_slug.split("-")[0]]
    lines.append(f"keywords: [{', '.join(yaml_str(k) for k in dict.fromkeys(keywords))}]")
    specs = {
        "모델명": model,
        "제조국": "대한민국",
        "제조사": company.name,
        "보증기간": f"{rng.randint(1, 5)}년",
        "인증": rng.choice(("KC", "KS", "해당 없음", "성능인증")),
    }
    lines.append("specs:")
    lines += [f"  {k}: {yaml_str(v)}" for k, v in list(specs.items())[: rng.randint(3, 5)]]
    photo = "photo.jpg"
    lines += [
        "images:",
        f"  - src: {photo}",
        f"    alt: {yaml_str(f'{name} 제품 사진, 정면에서 본 모습')}",
    ]
    if rng.random() < 0.3:
        lines.append(f"    caption: {yaml_str(f'{model} 설치 예')}")
    if rng.random() < 0.7:
        classification = f"{class_prefix}{rng.randint(10, 99)}"
        item_id = f"{rng.randint(20_000_000, 29_999_999)}"
        lines += [
            "procurement:",
            f'  classification_number: "{classification}"',
            f'  detailed_number: "{classification}{rng.randint(1, 99):02d}"',
            f'  item_id: "{item_id}"',
        ]
    if rng.random() < 0.3:
        start = _random_date(rng, dt.date(2023, 1, 1), dt.date(2026, 10, 31))
        lines += [
            "excellent_procurement:",
            f'  number: "제{start.year}-{rng.randint(1, 400):04d}호"',
            f"  from: {start.isoformat()}",
            f"  until: {_until(start, 3).isoformat()}",
        ]
    if rng.random() < 0.15:
        start = _random_date(rng, dt.date(2023, 1, 1), dt.date(2026, 10, 31))
        kind = rng.choice((1, 2, 3))
        extended = rng.random() < 0.15
        lines += [
            "innovation:",
            f"  type: {kind}",
            f"  agency: {rng.choice(AGENCIES)}",
            f'  number: "{start.year}-{("연구개발", "시제품", "기타")[kind - 1]}-'
            f'{rng.randint(1, 300):04d}"',
            f"  from: {start.isoformat()}",
            f"  until: {_until(start, 4 if extended else 3).isoformat()}",
        ]
        if extended:
            lines.append("  extended: true")
    if rng.random() < 0.4:
        lines.append("certifications:")
        for cert, issuer in rng.sample(CERTIFICATIONS, rng.randint(1, 3)):
            lines += [
                f"  - type: {cert}",
                f'    number: "제{rng.randint(2018, 2026)}-{rng.randint(1, 9999):04d}호"',
                f"    issuer: {issuer}",
            ]
            if rng.random() < 0.5:
                until = _random_date(rng, dt.date(2025, 1, 1), dt.date(2029, 12, 31))
                lines.append(f"    until: {until.isoformat()}")
    if rng.random() < 0.1:
        lines += [
            "contact:",
            f"  name: {_person(rng)}",
            "  department: 제품 담당",
            f"  email: product@{company.slug}.example.kr",
        ]
    if rng.random() < 0.2:
        lines.append(f"inquiry: https://{company.slug}.example.kr/inquiry?item={slug}")
    if rng.random() < 0.2:
        updated = _random_date(rng, added, BUILD_DATE - dt.timedelta(days=1))
        lines.append(f"updated: {updated.isoformat()}")
    lines.append("---")
    body = _body(name, base, model, spec, unit, usage, features, specs, company.name, rng)
    bundle = folder / slug
    bundle.mkdir()
    (bundle / "index.md").write_text("\n".join(lines) + "\n" + body, encoding="utf-8")
    (bundle / photo).write_bytes(photo_data)


def _body(
    name: str,
    base: str,
    model: str,
    spec: str,
    unit: str,
    usage: str,
    features: list[str],
    specs: dict[str, str],
    maker: str,
    rng: random.Random,
) -> str:
    year = rng.randint(2015, 2025)
    saving = rng.randint(12, 45)
    paragraphs = [
        f"{name}({model})은 {maker}에서 {year}년부터 개발해 온 {base} 제품입니다. "
        f"{usage} 현장에서 나온 요구를 반영해 설치와 유지보수를 쉽게 만들었고, "
        f"주요 부품은 울산 지역 협력사에서 공급받습니다.",
        f"기존 제품과 비교하면 운영 비용을 약 {saving}% 줄일 수 있습니다. "
        f"현장 시험에서 {rng.randint(6, 36)}개월 동안 고장 없이 운전했으며, "
        "점검 결과는 관리 프로그램에서 바로 내려받을 수 있습니다.",
        f"규격은 {spec}이며 {unit} 단위로 납품합니다. 설치 환경에 맞춘 맞춤 제작도 가능하니 "
        "구매 전에 상담을 신청해 주십시오.",
        f"납품 후 {rng.randint(1, 5)}년 동안 무상으로 점검하며, 고장 신고를 받으면 "
        f"{rng.randint(1, 3)}일 안에 기술자가 방문합니다. 교육 자료와 사용 설명서는 "
        "한국어로 제공합니다.",
    ]
    table = ["| 항목 | 내용 |", "|---|---|"]
    table += [f"| {k} | {v} |" for k, v in specs.items()]
    return (
        "\n\n".join(
            [
                paragraphs[0],
                paragraphs[1],
                "## 주요 특징",
                "\n".join(f"- {f}" for f in features),
                paragraphs[2],
                "## 사양",
                "\n".join(table),
                paragraphs[3],
            ]
        )
        + "\n"
    )


# -- the harness --------------------------------------------------------------------------------


#: Build modes: "cold" deletes the caches and the build state first, "fill" and "warm" keep
#: them but empty the output folder, "nochange" keeps everything (a second build), "touch" too,
#: after saving one product's index.md with the same bytes (the summary of the last build no
#: longer stands for it: the whole pipeline runs and finds nothing changed), "edit" too, after
#: adding a paragraph to one product's Markdown body (another product each run).
MODES = ("cold", "warm", "nochange", "touch", "edit")


@dataclass
class Run:
    wall_seconds: float
    build_seconds: float | None  # the build's own "Done in X s"
    ok: bool
    message: str = ""
    load_before: float = 0.0  # 1-minute load average when the run started (other work)
    cpu_seconds: float = 0.0  # user + system time of the build and its worker processes
    mode: str = "cold"  # "cold", "fill" (the build that fills the cache), "warm", "nochange"
    photos_encoded: int | None = None  # from the build's "photos: N encoded, M from the cache"
    photos_reused: int | None = None
    max_rss_mb: float = 0.0  # peak RSS of the largest single process (build or worker)


@dataclass
class SizeResult:
    products: int
    generate_seconds: float
    check_seconds: float
    warnings: int
    files: int
    megabytes: float
    runs: list[Run] = field(default_factory=list)  # cold and warm runs (Run.mode)
    fill: Run | None = None  # the build between the cold and the warm runs
    summary: str = ""  # the build's own summary lines, from the last successful cold run
    warm_summary: str = ""  # … and from the last successful warm run
    output_files: int = 0
    output_megabytes: float = 0.0
    stages: list[tuple[str, float]] = field(default_factory=list)  # --profile: timers
    profile: list[tuple[str, float]] = field(default_factory=list)  # --profile: cProfile

    def good(self, mode: str = "cold") -> list[Run]:
        return [r for r in self.runs if r.ok and r.mode == mode]

    @property
    def failed(self) -> bool:
        return any(not r.ok for r in self.runs) or not self.good("cold")


_DONE = re.compile(r"^Done in ([0-9.]+) s$", re.MULTILINE)
_PHOTOS = re.compile(r"photos:\s+(\d+) encoded, (\d+) from the cache")


def _spin(n: int) -> float:
    started = time.process_time()
    total = 0
    for i in range(n):
        total += i * i
    return time.process_time() - started


def parallel_probe(loops: int = 10_000_000) -> dict[str, float]:
    """Wall seconds of one busy loop alone and of two at once (in two warm worker processes).

    On a machine with two free cores both take the same time (speedup 2.0); a virtual
    machine whose host is busy can give two CPUs the throughput of one (speedup near 1.0),
    which the load average does not show. The photo stage's gain from its worker processes
    depends on this."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=2) as pool:
        list(pool.map(_spin, [1, 1]))
        started = time.perf_counter()
        list(pool.map(_spin, [loops]))
        one = time.perf_counter() - started
        started = time.perf_counter()
        list(pool.map(_spin, [loops, loops]))
        two = time.perf_counter() - started
    return {"one_seconds": one, "two_seconds": two, "speedup": 2 * one / two}


def describe_probe(probe: dict[str, float]) -> str:
    return (
        f"{probe['speedup']:.2f}× the throughput of one ({probe['one_seconds']:.2f} s alone, "
        f"{probe['two_seconds']:.2f} s for two)"
    )


def machine_line(info: dict[str, Any]) -> str:
    """The parallel probes of a run, for the tables."""
    probes = [info[k]["speedup"] for k in ("parallel_before", "parallel_after") if k in info]
    shown = " → ".join(f"{p:.2f}×" for p in probes) or "not measured"
    return f"two busy processes at once (before → after the builds): {shown} the throughput of one"


def machine() -> dict[str, Any]:
    return {
        "nproc": os.cpu_count(),
        "cpus_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
    }


def check_generated(config: Path, n: int) -> int:
    """Validate a generated project; stop the benchmark unless it has exactly `n` products.
    Returns the number of warnings."""
    from showroom.build import BuildOptions, check
    from showroom.errors import ContentError

    try:
        checked = check(BuildOptions(config_file=config, date=BUILD_DATE))
    except ContentError as exc:
        shown = "\n".join(p.format() for p in exc.problems[:20])
        raise SystemExit(f"the generated project does not validate:\n{shown}") from None
    if len(checked.site.products) != n:
        raise SystemExit(f"expected {n} products, the check found {len(checked.site.products)}")
    return len(checked.problems)


def generate(
    root: Path, n: int, seed: int, shared_photos: bool = False, translated: float = 0.0
) -> SizeResult:
    started = time.perf_counter()
    config = make_showroom(root, n, seed, shared_photos, translated)
    generated = time.perf_counter() - started
    started = time.perf_counter()
    warnings = check_generated(config, n)
    checked_seconds = time.perf_counter() - started
    files, size = tree_size(root / "content")
    return SizeResult(n, generated, checked_seconds, warnings, files, size / 1e6)


def tree_size(folder: Path) -> tuple[int, int]:
    files = 0
    size = 0
    for dirpath, _, filenames in os.walk(folder):
        for name in filenames:
            files += 1
            size += os.path.getsize(os.path.join(dirpath, name))
    return files, size


#: Extra arguments for every `showroom build` (`--no-pdf`: without the printable catalogue).
BUILD_ARGS: list[str] = []


def build_command(config: Path, out: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "showroom",
        "build",
        "--config-file",
        str(config),
        "--out",
        str(out),
        "--date",
        BUILD_DATE.isoformat(),
        *BUILD_ARGS,
    ]


#: Where the engine (showroom/ and themes/) is imported from: the work tree, or a snapshot.
_engine_root = PROJECT_ROOT


def snapshot_engine(target: Path, commit: str | None = None) -> Path:
    """Copy showroom/ and themes/ (the default theme sits beside the package) into `target`:
    from the work tree, or as they are in git `commit`.

    Every run of one invocation then measures the same code, even while the work tree is being
    edited. The copy is byte-compiled so that no run pays for compiling.
    """
    shutil.rmtree(target, ignore_errors=True)
    if commit is None:
        ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
        shutil.copytree(PROJECT_ROOT / "showroom", target / "showroom", ignore=ignore)
        shutil.copytree(PROJECT_ROOT / "themes", target / "themes", ignore=ignore)
    else:
        archive = subprocess.run(
            ["git", "-C", str(PROJECT_ROOT), "archive", commit, "showroom", "themes"],
            capture_output=True,
            check=True,
        )
        target.mkdir(parents=True)
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(target, filter="data")
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(target / "showroom")], check=True)
    return target


def use_engine(root: Path) -> None:
    """Import showroom from `root` here and in every child process."""
    global _engine_root
    _engine_root = root
    sys.path.insert(0, str(root))


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("SOURCE_DATE_EPOCH", None)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(_engine_root), env.get("PYTHONPATH", "")) if p
    )
    return env


def cache_folder(config: Path) -> Path:
    """The project's cache folder (the image cache is `.cache/images` in it)."""
    return config.parent / ".cache"


@dataclass(frozen=True)
class Finished:
    returncode: int
    stdout: str
    stderr: str
    wall_seconds: float
    cpu_seconds: float  # user + system of the build and the worker processes it reaped
    max_rss_mb: float  # peak resident set of the largest single process among them


def run_build(config: Path, out: Path) -> Finished:
    """`showroom build` in a fresh interpreter. CPU time and peak RSS come from wait4() on the
    build process, which covers it and the worker processes it has waited for."""
    from catalogue_runs import run_measured  # the one measured run (a sibling script)

    done = run_measured(build_command(config, out), config.parent, child_env(), False)
    return Finished(
        done.returncode,
        done.stdout,
        done.stderr,
        done.wall_seconds,
        done.cpu_seconds,
        done.max_rss_mb,
    )


def timed_build(config: Path, out: Path, mode: str = "cold") -> tuple[Run, str]:
    """One build in a fresh interpreter into an emptied output folder; "cold" also deletes
    the project's cache first, "fill" and "warm" keep it; "nochange" keeps the output too."""
    if mode not in ("nochange", "touch", "edit"):
        shutil.rmtree(out, ignore_errors=True)
    if mode == "cold":
        shutil.rmtree(cache_folder(config), ignore_errors=True)
    load = os.getloadavg()[0]
    done = run_build(config, out)
    match = _DONE.search(done.stdout)
    inner = float(match.group(1)) if match else None
    photos = _PHOTOS.search(done.stdout)
    encoded, reused = (int(photos.group(1)), int(photos.group(2))) if photos else (None, None)
    run = Run(
        done.wall_seconds,
        inner,
        done.returncode == 0,
        "",
        load,
        done.cpu_seconds,
        mode,
        encoded,
        reused,
        done.max_rss_mb,
    )
    if not run.ok:
        tail = (done.stderr.strip() or done.stdout.strip()).splitlines()[-3:]
        run.message = " | ".join(tail) or f"exit {done.returncode}"
        return run, ""
    return run, done.stdout.strip()


def cache_check(run: Run, photos: int) -> str:
    """A note when a cold build reused photos or a warm one encoded some (else "")."""
    if run.photos_encoded is None or run.photos_reused is None:
        return "no 'photos:' line in the build's output"
    if run.mode == "cold" and run.photos_reused:
        return f"a cold build took {run.photos_reused} photos from the cache"
    if run.mode in ("warm", "nochange", "touch", "edit") and run.photos_encoded:
        return f"a warm build encoded {run.photos_encoded} photos"
    counted = run.photos_encoded + run.photos_reused
    if counted != photos:
        return f"expected {photos} distinct photos, the build counted {counted}"
    return ""


def describe(label: str, run: Run) -> str:
    inner = "?" if run.build_seconds is None else f"{run.build_seconds:.2f}"
    state = "ok" if run.ok else f"FAILED: {run.message}"
    photos = (
        ""
        if run.photos_encoded is None
        else f", photos {run.photos_encoded} encoded / {run.photos_reused} reused"
    )
    return (
        f"  {label}: wall {run.wall_seconds:.2f} s, build {inner} s, CPU {run.cpu_seconds:.2f} s, "
        f"peak RSS {run.max_rss_mb:.0f} MB{photos}, {state} (load average before: "
        f"{run.load_before:.2f})"
    )


def run_size(
    n: int,
    runs: int,
    seed: int,
    workdir: Path,
    keep: bool,
    profile: bool,
    shared_photos: bool = False,
    modes: Sequence[str] = MODES,
    translated: float = 0.0,
) -> SizeResult:
    root = workdir / f"showroom-{n}"
    shutil.rmtree(root, ignore_errors=True)
    print(f"\nN={n}: generating into {root} …", flush=True)
    result = generate(root / "site", n, seed, shared_photos, translated)
    distinct = min(n, PHOTO_VARIANTS) if shared_photos else n
    print(
        f"  generated {result.files} files ({result.megabytes:.1f} MB) in "
        f"{result.generate_seconds:.2f} s; check(): {result.check_seconds:.2f} s, "
        f"0 errors, {result.warnings} warnings",
        flush=True,
    )
    config = root / "site" / "showroom.yml"
    out = root / "out"
    for mode in modes:
        if mode in ("warm", "nochange", "touch", "edit") and result.fill is None:
            if "cold" in modes and not result.good("cold"):
                break
            # Fills the cache (without cold runs: the first build of the project).
            result.fill, stdout = timed_build(config, out, "fill")
            print(describe("fill (cache kept)", result.fill), flush=True)
            if not result.fill.ok:
                print("  the build that fills the cache fails; skipping the warm runs")
                break
        edited = random.Random(seed).sample(
            sorted((root / "site/content/products").iterdir()), runs
        )
        for number in range(1, runs + 1):
            index = edited[number - 1] / "index.md"
            if mode == "touch":
                index.write_bytes(index.read_bytes())
            elif mode == "edit":
                text = index.read_text(encoding="utf-8")
                index.write_text(text + f"\n편집 {number}회차: 문단을 더했습니다.\n", "utf-8")
            run, stdout = timed_build(config, out, mode)
            result.runs.append(run)
            print(describe(f"{mode} {number}/{runs}", run), flush=True)
            note = cache_check(run, distinct) if run.ok else ""
            if note:
                print(f"  NOTE: {note}", flush=True)
            if run.ok:
                if mode == "cold":
                    result.summary = stdout
                    result.output_files, size = tree_size(out)
                    result.output_megabytes = size / 1e6
                else:
                    result.warm_summary = stdout
            elif number == 1:
                print(f"  the build fails; skipping the remaining {mode} runs for this size")
                break
    if profile and result.good("cold"):
        result.stages = time_stages(config, root)
        if result.stages:
            total = result.stages[-1][1]
            print_stages(
                "stages (timers around engine functions, ordinary build)", result.stages, total
            )
        result.profile = profile_stages(config, root)
        if result.profile:
            total = result.profile[0][1]
            print_stages(
                "cProfile, photos in-process (cumulative CPU-bound seconds; profiling inflates "
                "Python-heavy stages)",
                result.profile,
                total,
            )
    if not keep:
        shutil.rmtree(root, ignore_errors=True)
    return result


# -- profiling ---------------------------------------------------------------------------------

# Engine functions wrapped with a timer in the stage-timing run: (label, module, owner, name).
# The owner is the module itself ("") or a class in it; names are looked up where the build
# calls them, so a function imported by name is wrapped in the importing module.
TIMED: tuple[tuple[str, str, str, str], ...] = (
    ("build", "showroom.build", "", "build"),
    ("check", "showroom.build", "", "check"),
    ("yaml", "showroom.content.records", "", "parse_yaml"),
    ("yaml", "showroom.content.bundle", "", "parse_yaml"),
    ("validate", "showroom.content.records", "", "validate_document"),
    ("validate", "showroom.content.bundle", "", "validate_document"),
    ("probe", "showroom.content.bundle", "", "read_header"),
    ("images", "showroom.build", "", "process_photos"),
    ("hash", "showroom.state.files", "FileDigests", "digest"),
    ("environment", "showroom.build", "", "make_environment"),
    ("catalogue", "showroom.build", "", "make_catalogue"),
    ("pages", "showroom.render.pages", "Renderer", "_page"),
    ("pages", "showroom.render.pages", "Renderer", "_text"),
    ("markdown", "showroom.render.markdown", "MarkdownRenderer", "render"),
    ("write", "showroom.build", "", "write_plan"),
    ("write", "showroom.build", "", "apply_plan"),
    ("write", "showroom.build", "", "staging_folder"),
    ("write", "showroom.build", "", "swap_in"),
)

# The stage table: (label, how to compute it from the timers).
STAGE_ROWS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    # label, timers added, timers subtracted
    ("load + validate (check; includes file hashes of content)", ("check",), ()),
    ("  YAML parsing (CSafeLoader compose)", ("yaml",), ()),
    ("  schema validation", ("validate",), ()),
    ("  photo probing (Pillow header)", ("probe",), ()),
    ("  other (file reads, model, site structure)", ("check",), ("yaml", "validate", "probe")),
    ("file hashes (SHA-256 of sources not in the stat cache)", ("hash",), ()),
    ("photos: cache keys and encoding (Pillow, worker processes)", ("images",), ()),
    ("catalogue (PDF: font check, WeasyPrint)", ("catalogue",), ()),
    ("pages: Jinja templates", ("pages",), ("markdown",)),
    ("pages: Markdown + nh3 sanitise", ("markdown",), ()),
    ("writing files (incl. staging and swap)", ("write",), ()),
    (
        "other (theme set-up, static files, gaps)",
        ("build",),
        ("check", "images", "catalogue", "pages", "write"),
    ),
    ("build() total", ("build",), ()),
)


def _wrap(timers: dict[str, float], label: str, module: str, owner: str, name: str) -> None:
    import functools
    import importlib

    target: Any = importlib.import_module(module)
    if owner:
        target = getattr(target, owner)
    original = getattr(target, name)

    @functools.wraps(original)
    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            timers[label] = timers.get(label, 0.0) + time.perf_counter() - started

    setattr(target, name, timed)


def _child_options(config: str, out: str, pdf: str) -> Any:
    import showroom.build

    extra: dict[str, Any] = {} if pdf == "1" else {"pdf": False}
    return showroom.build.BuildOptions(
        config_file=Path(config), out=Path(out), date=BUILD_DATE, **extra
    )


def _pdf_flag() -> str:
    return "0" if "--no-pdf" in BUILD_ARGS else "1"


def stage_child(config: str, out: str, report: str, pdf: str = "1") -> None:
    """One ordinary build with timers around the stages (run in a fresh interpreter)."""
    timers: dict[str, float] = {}
    missing: list[str] = []
    for label, module, owner, name in TIMED:
        try:
            _wrap(timers, label, module, owner, name)
        except (ImportError, AttributeError):
            missing.append(f"{module}.{owner + '.' if owner else ''}{name}")
    import showroom.build

    showroom.build.build(_child_options(config, out, pdf))
    Path(report).write_text(json.dumps({"timers": timers, "missing": missing}), encoding="utf-8")


def profile_child(config: str, out: str, stats_file: str, pdf: str = "1") -> None:
    """One build under cProfile, photos in this process (run in a fresh interpreter).

    Worker processes would hide the photo work from the profiler, so the engine's
    parallel threshold is raised: the profile shows CPU time, stage by stage.
    """
    import showroom.build
    import showroom.images.pipeline

    showroom.images.pipeline.PARALLEL_THRESHOLD = sys.maxsize
    options = _child_options(config, out, pdf)
    profiler = cProfile.Profile()
    profiler.enable()
    showroom.build.build(options)
    profiler.disable()
    profiler.dump_stats(stats_file)


def _run_child(function: str, *arguments: str) -> bool:
    code = (
        f"import sys; sys.path.insert(0, {str(BENCH_DIR)!r}); import build_time; "
        f"build_time.{function}(*{list(arguments)!r})"
    )
    done = subprocess.run([sys.executable, "-c", code], env=child_env(), check=False)
    if done.returncode != 0:
        print(f"  {function} failed (exit {done.returncode})")
    return done.returncode == 0


def time_stages(config: Path, work: Path) -> list[tuple[str, float]]:
    out, report = work / "out-stages", work / "stages.json"
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(cache_folder(config), ignore_errors=True)  # a cold build
    ok = _run_child("stage_child", str(config), str(out), str(report), _pdf_flag())
    shutil.rmtree(out, ignore_errors=True)
    if not ok:
        return []
    data = json.loads(report.read_text(encoding="utf-8"))
    timers: dict[str, float] = data["timers"]
    if data["missing"]:
        print(f"  (not timed, the engine has no {', '.join(data['missing'])})")
    rows: list[tuple[str, float]] = []
    for label, added, subtracted in STAGE_ROWS:
        value = sum(timers.get(k, 0.0) for k in added) - sum(timers.get(k, 0.0) for k in subtracted)
        rows.append((label, value))
    return rows


# Stages read from the profile as the cumulative time of one engine function.
PROFILE_STAGES: tuple[tuple[str, str, str], ...] = (
    ("build() total", "showroom/build/pipeline.py", "build"),
    ("  load + validate (check)", "showroom/build/check.py", "check"),
    ("    YAML parsing", "showroom/fields/nodes.py", "parse_yaml"),
    ("    schema validation", "showroom/fields/records.py", "validate_document"),
    ("    photo probing", "showroom/content/photo_header.py", "read_header"),
    ("    site structure", "showroom/site/structure.py", "build_site"),
    ("  photos (hash, decode, resize, encode)", "showroom/images/pipeline.py", "process_photos"),
    ("    cache keys (SHA-256)", "showroom/images/pipeline.py", "_key"),
    ("    decode (draft) + sRGB", "showroom/images/normalise.py", "open_normalised"),
    ("    renditions (resize + encode)", "showroom/images/encode.py", "_renditions"),
    ("  catalogue (font check, WeasyPrint)", "showroom/catalogue/make.py", "make_catalogue"),
    ("  pages (Jinja incl. Markdown)", "showroom/render/site_jobs.py", "render_all"),
    ("    Markdown + sanitise", "showroom/render/markdown.py", "render"),
    ("      nh3 sanitise", "showroom/render/markdown.py", "sanitise"),
    ("  writing (write, copy, swap)", "showroom/output.py", "write"),
    ("", "showroom/output.py", "copy"),
    ("", "showroom/output.py", "link"),
    ("", "showroom/output.py", "swap_in"),
    ("", "showroom/output.py", "staging_folder"),
)

_StatsTable = dict[tuple[str, int, str], tuple[int, int, float, float, Any]]


def profile_stages(config: Path, work: Path) -> list[tuple[str, float]]:
    out, stats_file = work / "out-profile", work / "build.prof"
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(cache_folder(config), ignore_errors=True)  # a cold build
    ok = _run_child("profile_child", str(config), str(out), str(stats_file), _pdf_flag())
    shutil.rmtree(out, ignore_errors=True)
    return stages_from(stats_file) if ok else []


def stages_from(stats_file: Path) -> list[tuple[str, float]]:
    stats = pstats.Stats(str(stats_file), stream=io.StringIO())
    table = cast(_StatsTable, vars(stats)["stats"])
    cumulative: dict[tuple[str, str], float] = {}
    for (filename, _, name), (_, _, _, cumtime, _) in table.items():
        key = (filename.replace(os.sep, "/"), name)
        cumulative[key] = cumulative.get(key, 0.0) + cumtime
    stages: list[tuple[str, float]] = []
    for label, suffix, name in PROFILE_STAGES:
        seconds = sum(t for (f, fn), t in cumulative.items() if f.endswith(suffix) and fn == name)
        if label:
            stages.append((label, seconds))
        else:
            stages[-1] = (stages[-1][0], stages[-1][1] + seconds)
    top = sorted(
        ((tottime, _where(f, fn)) for (f, _, fn), (_, _, tottime, _, _) in table.items()),
        reverse=True,
    )[:12]
    stages += [(f"self: {where}", seconds) for seconds, where in top]
    return stages


def _where(filename: str, function: str) -> str:
    parts = Path(filename).parts
    package = next((p for p in parts if p in ("yaml", "markdown", "jinja2", "PIL", "showroom")), "")
    return f"{package + '/' if package else ''}{Path(filename).name}:{function}"


def print_stages(title: str, stages: list[tuple[str, float]], total: float) -> None:
    print(f"  {title}:")
    for label, seconds in stages:
        share = f"{100 * seconds / total:5.1f}%" if total else ""
        print(f"    {label:<60} {seconds:7.2f} s {share}")


# -- reporting ---------------------------------------------------------------------------------


def _stats(values: Sequence[float]) -> tuple[float, float, float]:
    return statistics.median(values), min(values), max(values)


def mode_stats(runs: Sequence[Run], products: int) -> dict[str, Any]:
    """Median/min/max of wall, in-build and CPU seconds of some runs, for the JSON file."""
    entry: dict[str, Any] = {"runs": len(runs)}
    if not runs:
        return entry
    keys = ("median", "min", "max")
    entry["wall"] = dict(zip(keys, _stats([r.wall_seconds for r in runs]), strict=True))
    inner = [r.build_seconds for r in runs if r.build_seconds is not None]
    if inner:
        entry["build"] = dict(zip(keys, _stats(inner), strict=True))
    entry["cpu"] = dict(zip(keys, _stats([r.cpu_seconds for r in runs]), strict=True))
    entry["ms_per_product"] = 1000 * entry["wall"]["median"] / products
    entry["load_before_max"] = max(r.load_before for r in runs)
    entry["max_rss_mb"] = max(r.max_rss_mb for r in runs)
    entry["photos_encoded"] = runs[-1].photos_encoded
    entry["photos_reused"] = runs[-1].photos_reused
    return entry


def print_table(results: list[SizeResult], info: dict[str, Any]) -> None:
    print(
        f"\nmachine: {info['nproc']} CPUs, {info['implementation']} {info['python']}, "
        f"{info['platform']}; build date {BUILD_DATE}"
    )
    print(machine_line(info))
    header = (
        f"{'N':>6} {'mode':<8} {'runs':>4} {'gen s':>7} {'median s':>9} {'min s':>7} "
        f"{'max s':>7} {'build s':>8} {'CPU s':>7} {'ms/product':>10} {'RSS MB':>6} "
        f"{'photos enc/reused':>17} {'load':>5}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        for mode in MODES:
            good = r.good(mode)
            gen = f"{r.generate_seconds:>7.2f}" if mode == "cold" else f"{'':>7}"
            if not good:
                failed = [x for x in r.runs if x.mode == mode]
                if mode == "warm" and r.fill is not None and not r.fill.ok:
                    failed = [r.fill]
                if not failed:  # not asked for (--modes)
                    if mode == "cold" and r.fill is not None and r.fill.ok:
                        wall = r.fill.wall_seconds
                        print(
                            f"{r.products:>6} {'fill':<8} {1:>4} {gen} {wall:>9.2f}  (cache empty)"
                        )
                    continue
                message = failed[0].message
                print(f"{r.products:>6} {mode:<8} {0:>4} {gen}  no successful build: {message}")
                continue
            median, low, high = _stats([g.wall_seconds for g in good])
            inner = [g.build_seconds for g in good if g.build_seconds is not None]
            inner_median = f"{statistics.median(inner):>8.2f}" if inner else f"{'?':>8}"
            cpu = statistics.median(g.cpu_seconds for g in good)
            load = statistics.median(g.load_before for g in good)
            last = good[-1]
            rss = max(g.max_rss_mb for g in good)
            photos = (
                "?"
                if last.photos_encoded is None
                else f"{last.photos_encoded}/{last.photos_reused}"
            )
            print(
                f"{r.products:>6} {mode:<8} {len(good):>4} {gen} {median:>9.2f} "
                f"{low:>7.2f} {high:>7.2f} {inner_median} {cpu:>7.2f} "
                f"{1000 * median / r.products:>10.2f} {rss:>6.0f} {photos:>17} {load:>5.2f}"
            )
    print(
        "cold: image cache (<project>/.cache) and output folder deleted before each run; warm: "
        "cache kept (filled by one\nuntimed build), output folder emptied. median/min/max: wall "
        "seconds of the whole `python -m showroom build`; nochange: a second build, nothing "
        "deleted\nprocess (start-up, imports, build); "
        "build: median of its own 'Done in' time; CPU: median user + system\nseconds of the "
        "build and its workers; ms/product: median wall / N; RSS: peak resident set of the "
        "largest\nsingle process (highest run); photos: as the build's summary line counts them "
        "(last run);\nload: median 1-minute load average before each run "
        "(other work on the machine)."
    )


def write_json(results: list[SizeResult], info: dict[str, Any], args: argparse.Namespace) -> Path:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    variant = ("-no-pdf" if args.no_pdf else "") + ("-en" if args.translated else "")
    path = RESULTS_DIR / f"build_time{variant}-{dt.date.today().isoformat()}.json"
    sizes: list[dict[str, Any]] = []
    for r in results:
        entry = asdict(r)
        for mode in MODES:
            entry[mode] = mode_stats(r.good(mode), r.products)
        sizes.append(entry)
    document = {
        "benchmark": "build_time",
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "build_date": BUILD_DATE.isoformat(),
        "seed": args.seed,
        "runs": args.runs,
        "shared_photos": args.shared_photos,
        "translated": args.translated,
        "modes": {
            "cold": "image cache (<project>/.cache) and output folder deleted before each run",
            "fill": "one build after the cold runs, cache kept (not in the statistics)",
            "warm": "cache kept, output folder emptied before each run",
            "nochange": "a second build: cache, build state and output folder kept",
            "touch": "as nochange, after one product's index.md was saved with the same bytes",
            "edit": "as nochange, after a paragraph was added to one product's index.md",
        },
        "command": " ".join(build_command(Path("<site>/showroom.yml"), Path("<out>"))[1:]),
        "git": args.engine_git,
        "engine": args.engine,
        "machine": info,
        "sizes": sizes,
    }
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def git_revision(commit: str | None = None) -> str:
    """`git describe` of the work tree (with -dirty) or of `commit`."""
    which = ["--dirty"] if commit is None else [commit]
    try:
        done = subprocess.run(
            ["git", "-C", str(PROJECT_ROOT), "describe", "--always", *which],
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return ""
    return done.stdout.strip()


def choose_engine(
    live: bool, commit: str | None, workdir: Path, no_pdf: bool = False
) -> tuple[str, str]:
    """Set up the engine the builds import; returns (git revision, description)."""
    BUILD_ARGS[:] = ["--no-pdf"] if no_pdf else []
    if live:
        use_engine(PROJECT_ROOT)
        return git_revision(), "the work tree as it is at each run"
    if commit is None:
        use_engine(snapshot_engine(workdir / "engine"))
        return git_revision(), "a snapshot of the work tree's showroom/ and themes/ at the start"
    sha = subprocess.run(
        ["git", "-C", str(PROJECT_ROOT), "rev-parse", "--verify", f"{commit}^{{commit}}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    use_engine(snapshot_engine(workdir / "engine", sha))
    return git_revision(sha), f"showroom/ and themes/ of commit {sha} (not the work tree)"


def add_engine_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--live",
        action="store_true",
        help="build with the work tree's showroom/ and themes/ as they change (default: a "
        "snapshot taken at the start)",
    )
    parser.add_argument(
        "--no-pdf",
        action="store_true",
        help="build without the printable catalogue (`showroom build --no-pdf`; engines from "
        "e691ce4 on)",
    )
    group.add_argument(
        "--engine-rev",
        metavar="REV",
        help="build with showroom/ and themes/ of git commit REV (e.g. HEAD) instead of the "
        "work tree",
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--products", type=int, nargs="+", default=[1000], metavar="N")
    parser.add_argument(
        "--runs", type=int, default=5, help="cold and warm builds per size (default 5 of each)"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--modes",
        nargs="+",
        choices=MODES,
        default=list(MODES),
        help="which modes to run (default all; without cold, the first build fills the cache "
        "and is shown as fill)",
    )
    parser.add_argument("--json", action="store_true", help="write benchmarks/results/*.json")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="per size, one build with stage timers and one under cProfile",
    )
    parser.add_argument(
        "--shared-photos",
        action="store_true",
        help="give the products 8 distinct photos (the cache encodes each once) instead of one "
        "each",
    )
    parser.add_argument(
        "--translated",
        type=float,
        default=0.0,
        metavar="FRACTION",
        help="the site in Korean and English, this share of the products translated "
        "(english.py; default 0: Korean only)",
    )
    parser.add_argument("--workdir", type=Path, help="where to generate (default: a temp folder)")
    parser.add_argument("--keep", action="store_true", help="keep the generated projects")
    add_engine_arguments(parser)
    parser.add_argument(
        "--generate-only",
        type=Path,
        metavar="DIR",
        help="only write a project of the first N into DIR (for trying the site by hand)",
    )
    args = parser.parse_args(argv)
    if args.runs < 1 or any(n < 1 for n in args.products):
        parser.error("--runs and --products must be positive")
    if args.generate_only is not None:
        started = time.perf_counter()
        config = make_showroom(
            args.generate_only, args.products[0], args.seed, args.shared_photos, args.translated
        )
        print(f"wrote {config} in {time.perf_counter() - started:.2f} s")
        return 0
    info = machine()
    info["parallel_before"] = parallel_probe()
    print(f"two busy processes at once: {describe_probe(info['parallel_before'])}")
    results: list[SizeResult] = []
    with tempfile.TemporaryDirectory(prefix="showroom-bench-") as temp:
        workdir = args.workdir if args.workdir is not None else Path(temp)
        args.engine_git, args.engine = choose_engine(
            args.live, args.engine_rev, workdir, args.no_pdf
        )
        print(f"engine: {args.engine} ({args.engine_git})")
        for n in args.products:
            results.append(
                run_size(
                    n,
                    args.runs,
                    args.seed,
                    workdir,
                    args.keep,
                    args.profile,
                    args.shared_photos,
                    args.modes,
                    args.translated,
                )
            )
    info["parallel_after"] = parallel_probe()
    print_table(results, info)
    if args.json:
        print(f"\nwrote {write_json(results, info, args)}")
    return 1 if any(r.failed for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
