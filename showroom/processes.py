"""Whether this process may be forked, and how worker processes are started otherwise.

A fork copies only the thread that calls it: a lock another thread held (the allocator's,
logging's, a library's) stays locked forever in the child, which can then hang. Python 3.12
warns about it (a DeprecationWarning, an error under `-W error`). So a fork is made only in a
process with one thread, counted as the system counts them (watchfiles and other libraries
run threads that Python's `threading` does not list), and only on Linux: on macOS the
system's own libraries are not safe to fork either (why Python spawns there since 3.8).
Otherwise worker processes come from a fork server (a clean process started once) or are
spawned, and work that needs this process's memory is done here, in turn."""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from multiprocessing.context import BaseContext


def threads() -> int:
    """How many threads this process runs: the system's count where it gives one (Linux),
    else the threads Python started."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return threading.active_count()


def may_fork() -> bool:
    """True when forking this process is safe: Linux, one thread."""
    return sys.platform.startswith("linux") and hasattr(os, "fork") and threads() == 1


def pool_context() -> BaseContext:
    """The start method for a pool of workers: a fork when it is safe, else the fork server
    where the system has one, else spawn (Windows)."""
    if may_fork():
        return multiprocessing.get_context("fork")
    if "forkserver" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")
