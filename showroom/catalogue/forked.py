"""Run two pieces of work at once on a copy of this process.

Writing the catalogue's PDFs is CPU-bound Python; the laid-out document it draws from cannot be
sent to another process (it holds Pango objects), but a forked child has it already. The
parent does the first piece, a child the second; when a fork is not safe (other threads run,
as in `serve`; not Linux: see processes.py) or there is one CPU, both run here, one after the
other."""

from __future__ import annotations

import gc
import logging
import os
import sys
import traceback
from collections.abc import Callable

from showroom.errors import ShowroomError
from showroom.processes import may_fork

log = logging.getLogger(__name__)


def can_fork() -> bool:
    return (os.cpu_count() or 1) > 1 and may_fork()


def run_both(here: Callable[[], object], there: Callable[[], object]) -> None:
    """Run `here` in this process and `there` in a forked child; raises ShowroomError when the
    child fails (its traceback goes to stderr). `there` must leave its results in files."""
    if not can_fork():
        here()
        there()
        return
    sys.stdout.flush()
    sys.stderr.flush()
    gc.freeze()  # the child's collections leave this process's objects (and pages) alone
    child = os.fork()
    if child == 0:  # pragma: no cover - the child's coverage is not collected
        status = 0
        try:
            there()
        except BaseException:
            traceback.print_exc()
            status = 1
        finally:
            sys.stderr.flush()
            os._exit(status)
    gc.unfreeze()
    try:
        here()
    finally:
        _, status = os.waitpid(child, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise ShowroomError("writing the catalogue failed in a worker process (see above)")
