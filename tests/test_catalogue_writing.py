"""The pieces that make writing the catalogue fast: the forked writer and the pydyf memo."""

from __future__ import annotations

from pathlib import Path

import pydyf
import pytest

from showroom.catalogue import forked, pdf_speedups
from showroom.catalogue.writing import Job, _shares
from showroom.errors import ShowroomError


def test_both_pieces_run_and_leave_their_files(tmp_path: Path) -> None:
    forked.run_both(
        lambda: (tmp_path / "here").write_text("here"),
        lambda: (tmp_path / "there").write_text("there"),
    )
    assert (tmp_path / "here").read_text() == "here"
    assert (tmp_path / "there").read_text() == "there"


def test_a_failing_child_is_an_error(tmp_path: Path) -> None:
    if not forked.can_fork():
        pytest.skip("no fork here: both pieces run in this process")

    def fail() -> None:
        raise RuntimeError("disk full")

    with pytest.raises(ShowroomError, match="worker process"):
        forked.run_both(lambda: (tmp_path / "here").write_text("here"), fail)
    assert (tmp_path / "here").is_file()  # this side still finished


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
