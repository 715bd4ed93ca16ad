"""Run `showroom.cli.main` in a child process that SIGKILLs itself just before its k-th
file-system step on the output folder or beside it (its staging and old folders): creating a
file (its bytes follow in one write or copy), linking one, making a folder, renaming, exchanging,
removing a file or a folder. The hook lives here, around the low-level functions the writers
call, not in the shipped code.

`python -m tests.safety.kill_runner K OUT COUNT_FILE -- ARGS...` runs one such build; the
tests call `run_killed`, which forks (no new interpreter to start: far faster).

`kill_points` picks the steps a test kills at: every step, but of a run of steps taken at one
place in Showroom's code (a loop linking or writing one file after another, the removal of the
previous site a file at a time) only the first two and the last."""

from __future__ import annotations

import gc
import itertools
import os
import shutil
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT


class Steps:
    """Counts the steps on the output folder's region and kills the process at step `kill`."""

    def __init__(self, out: Path, kill: int, count_file: Path | None) -> None:
        self.out = os.fspath(out)
        self.parent = os.path.dirname(self.out)
        self.sibling = os.path.join(self.parent, f".{os.path.basename(self.out)}.")
        self.kill = kill
        self.count = 0
        self.count_file = count_file
        self.fds: set[int] = set()
        self.removing = 0  # inside an rmtree of the region: its relative calls count

    def mine(self, path: object) -> bool:
        if isinstance(path, int):
            return path in self.fds
        try:
            name = os.path.abspath(os.fsdecode(path))  # type: ignore[arg-type]
        except TypeError:
            return False
        return name == self.out or name.startswith((self.out + "/", self.sibling))

    def step(self) -> None:
        """One step; the count file gets a line for it: where in Showroom it is taken
        (`place`)."""
        self.count += 1
        if self.count_file is not None:
            with open(self.count_file, "a", encoding="utf-8") as record:
                record.write(self.place() + "\n")
        if self.count == self.kill:
            os.kill(os.getpid(), signal.SIGKILL)

    def place(self) -> str:
        """`removing` for a step inside the removal of a folder of the region (after the
        rmtree's own first step), else the function and line of Showroom's code that takes
        it: the same place for each file of a loop."""
        if self.removing > 0:
            return "removing"
        frame = sys._getframe(1)
        while frame.f_back is not None and os.sep + "showroom" + os.sep not in (
            frame.f_code.co_filename
        ):
            frame = frame.f_back
        return f"{frame.f_code.co_name}:{frame.f_lineno}"

    def counted(self, function: Callable[..., Any], paths: int = 1) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            relative = kwargs.get("dir_fd") is not None and self.removing > 0
            if relative or any(self.mine(a) for a in args[:paths]):
                self.step()
            return function(*args, **kwargs)

        return wrapper

    def install(self) -> None:
        from showroom import output_folder

        real_open, real_close, real_rmtree = os.open, os.close, shutil.rmtree

        def opened(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
            mine = self.mine(path) and flags & WRITING
            if mine:
                self.step()
            fd = real_open(path, flags, *args, **kwargs)
            if mine:
                self.fds.add(fd)
            return fd

        def closed(fd: int) -> None:
            self.fds.discard(fd)
            real_close(fd)

        def rmtree(path: Any, *args: Any, **kwargs: Any) -> None:
            mine = self.mine(path)
            if mine:
                self.step()
                self.removing += 1
            try:
                real_rmtree(path, *args, **kwargs)
            finally:
                if mine:
                    self.removing -= 1

        os.open = opened
        os.close = closed
        shutil.rmtree = rmtree  # type: ignore[assignment]
        os.mkdir = self.counted(os.mkdir)
        os.unlink = self.counted(os.unlink)
        os.remove = os.unlink
        os.rmdir = self.counted(os.rmdir)
        os.link = self.counted(os.link, paths=2)
        os.rename = self.counted(os.rename, paths=2)
        os.replace = self.counted(os.replace, paths=2)
        output_folder.exchange = self.counted(output_folder.exchange, paths=2)


def run_killed(kill: int, out: Path, argv: Sequence[str], count_file: Path) -> int:
    """Fork a child that runs `showroom` with `argv` and is killed before step `kill` (never,
    when it has fewer steps); return its exit status: -9 when it was killed. The child appends
    a line per step to `count_file` (see `Steps.step`)."""
    sys.stdout.flush()
    sys.stderr.flush()
    gc.freeze()  # the child's collections leave the parent's objects (and pages) alone
    pid = os.fork()
    if pid == 0:  # the child: never returns
        code = 1
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            Steps(out, kill, count_file).install()
            from showroom.cli import main

            code = main(list(argv))
        finally:
            os._exit(code)
    gc.unfreeze()
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        return -os.WTERMSIG(status)
    return os.WEXITSTATUS(status)


if __name__ == "__main__":
    kill, out, count_file = int(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    Steps(out.resolve(), kill, count_file).install()
    from showroom.cli import main

    sys.exit(main(sys.argv[5:]))


def kill_points(record: list[str]) -> list[int]:
    """The steps (1-based) to kill a build at, from the places of one whole build's steps
    (see `Steps.place`): every step, but of a run of steps at one place (a loop over files,
    the removal of a folder) only the first two and the last."""
    points: list[int] = []
    number = 1
    for _, run in itertools.groupby(record):
        steps = range(number, number + len(list(run)))
        points += sorted({*steps[:2], steps[-1]})
        number = steps.stop
    return points
