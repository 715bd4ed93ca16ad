"""The pages of the sample showroom that the browser tests visit, one of every kind, in each
of its languages (Korean at the root, English under /en/)."""

from __future__ import annotations

from showroom.build import BuildOptions, check
from tests.conftest import ROOT, SAMPLE_DATE
from tools.browser.page_tour import Stop, tours

WIDTHS = (360, 1280)


def sample_tour() -> list[Stop]:
    checked = check(BuildOptions(config_file=ROOT / "showroom.yml", date=SAMPLE_DATE))
    return tours(checked)


STOPS = sample_tour()
