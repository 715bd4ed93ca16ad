"""The pieces that make writing the catalogue fast: the forked writer and the pydyf memo."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pydyf
import pytest

from showroom.catalogue import forked, pdf_speedups
from showroom.catalogue.writing import Job, _shares
from showroom.errors import ShowroomError
from tests.conftest import ROOT


def test_both_pieces_run_and_leave_their_files(tmp_path: Path) -> None:
    forked.run_both(
        lambda: (tmp_path / "here").write_text("here"),
        lambda: (tmp_path / "there").write_text("there"),
    )
    assert (tmp_path / "here").read_text() == "here"
    assert (tmp_path / "there").read_text() == "there"


#: Run in a fresh interpreter: a test worker (pytest-xdist) runs a second thread, and a process
#: with threads never forks (see showroom/processes.py), so in the worker itself the child
#: would not exist.
FAILING_CHILD = """
import sys
from pathlib import Path
from showroom.catalogue import forked
from showroom.errors import ShowroomError
if not forked.can_fork():
    print("no fork")
    sys.exit(0)
here = Path(sys.argv[1])
def fail():
    raise RuntimeError("disk full")
try:
    forked.run_both(lambda: here.write_text("here"), fail)
except ShowroomError as error:
    print("error:", error)
"""


def test_a_failing_child_is_an_error(tmp_path: Path) -> None:
    here = tmp_path / "here"
    done = subprocess.run(
        [sys.executable, "-c", FAILING_CHILD, str(here)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=True,
    )
    if done.stdout.strip() == "no fork":
        pytest.skip("no fork here: both pieces run in this process")
    assert done.stdout.startswith("error:") and "worker process" in done.stdout, done.stdout
    assert "RuntimeError: disk full" in done.stderr  # the child's traceback
    assert here.read_text() == "here"  # this side still finished


def test_memoised_page_references_are_the_originals() -> None:
    pdf = pydyf.PDF()
    for _ in range(3):
        pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
    original = pdf.page_references
    with pdf_speedups.applied():
        assert pdf.page_references == original
        assert pdf.page_references is pdf.page_references  # computed once
        pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))  # a new page is seen
        assert len(pdf.page_references) == 4
    assert isinstance(pydyf.PDF.__dict__["page_references"], property)
    assert pdf.page_references == pydyf.PDF.page_references.fget(pdf)


def test_the_printer_edition_is_laid_out_by_the_process_that_writes_it() -> None:
    """A job whose source is laid out when it is written weighs double: the printer's edition
    (laid out and drawn) takes one process, the screen edition and the excerpts the other."""

    class Laid:
        def __init__(self, count: int) -> None:
            self.pages = [object()] * count

    calls: list[int] = []

    def lay_out() -> Laid:
        calls.append(1)
        return Laid(100)

    screen = Job("catalogue.pdf", Laid(100), None, range(1, 101))
    printer = Job("catalogue-print.pdf", lay_out, None, range(1, 101))
    excerpts = [Job(f"{n}.pdf", screen.source, [object()] * 25, range(25)) for n in range(4)]
    here, there = _shares([screen, printer, *excerpts])
    assert [job.name for job in here] == ["catalogue-print.pdf"]
    assert {job.name for job in there} == {"catalogue.pdf", "0.pdf", "1.pdf", "2.pdf", "3.pdf"}
    assert calls == []  # nothing laid out before it is written
    source, pages = printer.laid_out()
    assert calls == [1] and len(pages) == 100 and pages is source.pages
    short = Job("catalogue-print.pdf", lambda: Laid(99), None, range(1, 101))
    with pytest.raises(ShowroomError, match="another number of pages"):
        short.laid_out()
