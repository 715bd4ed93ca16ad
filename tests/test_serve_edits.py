"""`showroom serve` through an editor's session, watched by watchfiles: a product edited, one
added (with a phone's HEIC photo among eight), one deleted; the served pages and the catalogue
follow each step, and no process is forked while the server's threads run."""

from __future__ import annotations

import io
import os
import shutil
import threading
import urllib.request
from collections.abc import Callable, Iterator

import pillow_heif
import pytest
from bs4 import BeautifulSoup
from PIL import Image

from showroom import processes
from tests.projects import Project, make_image
from tests.test_serve import WAIT, Running, edit, serving

PHOTOS = 8  # enough to encode them in a pool of worker processes (images.pipeline)


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The number of threads this process ran at each fork it made (a catalogue's writer
    child, a pool of photo workers started by forking)."""
    made: list[int] = []
    fork = os.fork

    def counted() -> int:
        pid = fork()
        if pid != 0:
            made.append(processes.threads())
        return pid

    monkeypatch.setattr(os, "fork", counted)
    yield made


def fetch(running: Running, path: str) -> tuple[int, bytes]:
    """The status and bytes of `path`: under the site's address, or from the server's root
    when it starts with a slash (as a page's links do)."""
    url = running.origin + path if path.startswith("/") else running.url + path
    try:
        with urllib.request.urlopen(url, timeout=WAIT) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, exc.read()


def hall_names(running: Running) -> set[str]:
    _, page = running.get("halls/machinery/")
    soup = BeautifulSoup(page, "html.parser")
    return {a.get_text(" ", strip=True) for a in soup.select("main a[href*='/products/']")}


def after_rebuild(
    running: Running, step: Callable[[], None], path: str, done: Callable[[str], bool]
) -> str:
    """Make an edit, then wait until `path` is `done` with no build errors (a build may fail
    on the way, while a folder is copied in)."""
    builds = running.server.builds
    step()
    page = running.wait_for(path, lambda text: done(text) and "showroom-build-errors" not in text)
    assert running.server.builds > builds
    return page


def add_product(project: Project) -> None:
    heic = io.BytesIO()
    pillow_heif.from_pillow(Image.new("RGB", (1000, 750), "#aa3366")).save(heic, quality=80)
    folder = project.root / "content/products/phone-lathe"
    folder.mkdir()
    (folder / "phone.heic").write_bytes(heic.getvalue())
    for n in range(1, PHOTOS):
        make_image(folder / f"photo{n}.jpg", color=f"#{n * 30:02x}6699")
    images = "".join(
        f"  - src: {name}\n    alt: 사진 {name}\n"
        for name in ["phone.heic", *(f"photo{n}.jpg" for n in range(1, PHOTOS))]
    )
    (folder / "index.md").write_text(
        "---\nname: 휴대전화 선반\ncategory: machinery\ncompany: acme\ndate: 2025-02-01\n"
        f"summary: 새로 올린 제품입니다.\nimages:\n{images}---\n새 제품 설명입니다.\n",
        encoding="utf-8",
    )


@pytest.mark.long
def test_an_editing_session_is_served_step_by_step(project: Project, forks: list[int]) -> None:
    project.with_catalogue()
    with serving(project, pdf=True) as running:
        assert threading.active_count() > 1  # the server's threads run from here on
        status, catalogue = fetch(running, "catalogue.pdf")
        assert status == 200 and catalogue.startswith(b"%PDF-")
        assert "소형 선반" in hall_names(running)

        # 1. A product edited: its page, its hall and the catalogue follow.
        page = after_rebuild(
            running,
            lambda: edit(project, "소형 선반", "대형 선반"),
            "products/lathe/",
            lambda text: "대형 선반" in text,
        )
        assert "소형 선반" not in page
        assert "대형 선반" in hall_names(running) and "소형 선반" not in hall_names(running)
        status, edited = fetch(running, "catalogue.pdf")
        assert status == 200 and edited.startswith(b"%PDF-") and edited != catalogue

        # 2. A product added, in a new folder, with eight photos (one a phone's HEIC).
        page = after_rebuild(
            running,
            lambda: add_product(project),
            "products/phone-lathe/",
            lambda text: "휴대전화 선반" in text,
        )
        soup = BeautifulSoup(page, "html.parser")
        sources = [img["src"] for img in soup.select("main img[src*='phone-']")]
        assert sources, "the HEIC photo is not on the page"
        status, photo = fetch(running, str(sources[0]))
        assert status == 200
        with Image.open(io.BytesIO(photo)) as image:
            assert image.format in ("JPEG", "WEBP")
            assert image.width / image.height == pytest.approx(1000 / 750, rel=0.01)
        assert "휴대전화 선반" in hall_names(running)
        _, added = fetch(running, "catalogue.pdf")
        assert added != edited

        # 3. A product deleted: its page is gone, and so is its card.
        assert "탁상 드릴" in hall_names(running)
        drill = project.root / "content/products/drill-press"
        after_rebuild(
            running,
            lambda: shutil.rmtree(drill),
            "halls/machinery/",
            lambda t: "탁상 드릴" not in t,
        )
        assert fetch(running, "products/drill-press/")[0] == 404
        assert "탁상 드릴" not in hall_names(running)
        _, deleted = fetch(running, "catalogue.pdf")
        assert deleted.startswith(b"%PDF-") and deleted != added
    assert forks == [], f"forked while {forks} threads ran"


def test_a_fork_is_made_only_by_a_process_with_one_thread() -> None:
    assert processes.threads() >= threading.active_count()
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not processes.may_fork()
        assert processes.pool_context().get_start_method() in ("forkserver", "spawn")
    finally:
        stop.set()
        other.join()
