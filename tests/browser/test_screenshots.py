"""The screenshot command writes a PNG of every page of the tour, in both languages."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from playwright.sync_api import Browser

from showroom.build import BuildOptions
from tests.browser.tour import STOPS
from tests.conftest import ROOT, SAMPLE_DATE
from tools.browser.screenshots import take


def test_screenshots_of_every_page_kind(browser: Browser, tmp_path: Path) -> None:
    options = BuildOptions(config_file=ROOT / "showroom.yml", date=SAMPLE_DATE)
    files = take(options, tmp_path / "shots", widths=(360,), full_page=False, browser=browser)
    assert sorted(f.name for f in files) == sorted(f"{s.name}-360.png" for s in STOPS)
    assert "en-product-fallback-360.png" in {f.name for f in files}
    for file in files:
        with Image.open(file) as image:
            assert image.format == "PNG"
            assert image.size == (360, 900)
            low, high = image.convert("L").getextrema()
            assert isinstance(low, int) and isinstance(high, int)
            assert high - low > 50, f"{file.name} looks blank"
