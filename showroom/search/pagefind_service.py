"""Run Pagefind as a service (`pagefind --service`) and index pages one at a time, in order.

Pagefind numbers the pages of its index in the order it meets them. Given a folder
(`--site`), that is the order in which the file system lists the folder's entries, which
differs between file systems (ext4 orders them by a hash seeded per disk, tmpfs by time): the
same pages made different index files on two machines. Through the service, the pages are
added one message at a time, and the service handles its messages one after the other, so the
order is the order given here.

The protocol is the one Pagefind's own Python and Node wrappers speak: each message is JSON,
base64-encoded and followed by a comma, on the process's stdin; the answers come the same way
on its stdout, each with the id of its request. The service exits when its stdin closes."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import queue
import subprocess
import tempfile
import threading
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import IO

#: A message from the service: its request's id (None for a message it could not read), and
#: its payload ({"type": ..., ...}).
Answer = tuple[int | None, dict[str, object]]


class ServiceError(Exception):
    """Pagefind's service failed or answered with an error; the message says what it said,
    `exit_code` how it ended when it ended by itself (else None)."""

    exit_code: int | None = None


class Stopped(ServiceError):
    """The run was stopped from outside (see `index_pages`)."""


class Ended(ServiceError):
    """The service's output ended before its last answer: it is exiting."""


def index_pages(
    binary: Path,
    pages: Sequence[tuple[str, str]],
    output: Path,
    config: Mapping[str, object],
    stop: threading.Event | None = None,
) -> None:
    """Index `pages` ((URL, HTML), in this order) with the service of `binary` and write the
    bundle's files into the folder `output`. `config` is the index's settings (e.g.
    {"force_language": "ko"}). Setting `stop` kills the service (Stopped); an error answer
    raises ServiceError."""
    requests: list[dict[str, object]] = [{"type": "NewIndex", "config": dict(config)}]
    requests += [
        {"type": "AddFile", "index_id": 0, "url": url, "file_contents": text} for url, text in pages
    ]
    requests.append({"type": "GetFiles", "index_id": 0})
    last = len(requests) - 1
    with (
        tempfile.TemporaryFile() as errors,
        subprocess.Popen(
            [str(binary), "--service"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
            cwd=output.parent,  # a folder that stays: Pagefind fails when its working one is gone
        ) as process,
    ):
        assert process.stdin is not None and process.stdout is not None
        answers: queue.Queue[Answer | None] = queue.Queue()
        reader = threading.Thread(target=_read_answers, args=(process.stdout, answers))
        reader.start()
        try:
            _send(process.stdin, requests)
            files = _await(answers, last, stop).get("files")
            _write_files(files, output)
        except ServiceError as error:
            failure = type(error)(_with_detail(str(error), errors))
            if isinstance(error, Ended):
                failure.exit_code = _ended(process)
            else:
                _kill(process)
            raise failure from None
        finally:
            _close(process)
            reader.join()


def _send(stdin: IO[bytes], requests: list[dict[str, object]]) -> None:
    """Write every request. The service reads its stdin into a queue without waiting for
    its answers to be read, so this does not block on them."""
    try:
        for message_id, payload in enumerate(requests):
            message = json.dumps({"message_id": message_id, "payload": payload}).encode()
            stdin.write(base64.b64encode(message) + b",")
        stdin.flush()
    except BrokenPipeError:
        raise Ended("Pagefind's service exited before it was sent every page") from None


def _await(
    answers: queue.Queue[Answer | None], last: int, stop: threading.Event | None
) -> dict[str, object]:
    """The answer to the request `last`; raises on an error answer or an early end."""
    while True:
        if stop is not None and stop.is_set():
            raise Stopped("Pagefind was stopped")
        try:
            answer = answers.get(timeout=0.05)
        except queue.Empty:
            continue
        if answer is None:
            raise Ended("Pagefind's service ended without writing the index")
        message_id, payload = answer
        if payload.get("type") == "Error":
            raise ServiceError(f"Pagefind: {payload.get('message', 'an error')}")
        if message_id == last:
            return payload


def _write_files(files: object, output: Path) -> None:
    """Write the bundle's files as the service gave them (a list of {"path", "content" in
    base64}), here rather than by the service: its writes are still under way when it
    answers, and it exits the moment its stdin closes."""
    if not isinstance(files, list):
        raise ServiceError("Pagefind's service gave no files")
    for file in files:
        if not isinstance(file, dict) or not isinstance(file.get("path"), str):
            raise ServiceError("Pagefind's service gave a file without a path")
        relative = PurePosixPath(file["path"])
        if relative.is_absolute() or ".." in relative.parts or not relative.parts:
            raise ServiceError(f"Pagefind's service gave a file outside its bundle: {relative}")
        target = output.joinpath(*relative.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(base64.b64decode(str(file.get("content", "")), validate=True))


def _read_answers(stdout: IO[bytes], answers: queue.Queue[Answer | None]) -> None:
    """Put each answer on the queue as it comes, then None at the end of the output."""
    try:
        for raw in _split(stdout):
            try:
                message = json.loads(base64.b64decode(raw, validate=True))
                answers.put((message.get("message_id"), dict(message["payload"])))
            except (ValueError, KeyError, TypeError, AttributeError):
                text = raw[:200].decode("utf-8", "replace")
                answers.put((None, {"type": "Error", "message": f"unreadable answer {text!r}"}))
    finally:
        answers.put(None)


def _split(stdout: IO[bytes]) -> Iterator[bytes]:
    """The messages on `stdout`, each ended by a comma (base64 has none). The last answer
    holds the whole bundle: the pending bytes grow in place, searched from where the last
    search stopped."""
    pending = bytearray()
    while chunk := os.read(stdout.fileno(), 1 << 20):
        searched = len(pending)
        pending += chunk
        start = 0
        while (end := pending.find(b",", max(start, searched))) != -1:
            if end > start:
                yield bytes(pending[start:end])
            start = end + 1
        del pending[:start]


def _close(process: subprocess.Popen[bytes]) -> None:
    """End the service: closing its stdin makes it exit; a stuck one is killed."""
    if process.stdin is not None and not process.stdin.closed:
        with contextlib.suppress(BrokenPipeError):
            process.stdin.close()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _ended(process: subprocess.Popen[bytes]) -> int | None:
    """Its exit status: it is ending by itself (its output closed); killed if it does not."""
    try:
        return process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        _kill(process)
        return None


def _kill(process: subprocess.Popen[bytes]) -> None:
    process.kill()
    process.wait()


def _with_detail(message: str, errors: IO[bytes]) -> str:
    errors.seek(0)
    detail = errors.read().decode("utf-8", "replace").strip().splitlines()[-5:]
    return " / ".join([message, *detail])
