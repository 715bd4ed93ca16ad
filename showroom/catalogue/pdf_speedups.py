"""A work-around for a quadratic cost in writing tagged PDFs.

pydyf's `PDF.page_references` builds a tuple of every page's reference each time it is read,
and WeasyPrint's tagged-PDF writer reads it once per tagged element: writing a 530-page
catalogue spent about 7 s there. While the catalogue is written, the property is memoised for
as long as the number of pages stays the same; it returns exactly what the original returns.
Without such a property (another pydyf), nothing is changed."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import pydyf

_MEMO = "_showroom_page_references"


@contextlib.contextmanager
def applied() -> Iterator[None]:
    original = pydyf.PDF.__dict__.get("page_references")
    if not isinstance(original, property) or original.fget is None:
        yield
        return
    compute = original.fget

    def page_references(pdf: Any) -> Any:  # Any: pydyf has no type hints
        count = len(pdf.pages["Kids"])
        memo = pdf.__dict__.get(_MEMO)
        if memo is None or memo[0] != count:
            memo = (count, compute(pdf))
            pdf.__dict__[_MEMO] = memo
        return memo[1]

    pydyf.PDF.page_references = property(page_references)
    try:
        yield
    finally:
        pydyf.PDF.page_references = original
