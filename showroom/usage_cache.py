"""The command line's words for `showroom cache` and its actions (see showroom.usage)."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping

#: A command's function (as showroom.usage's `Command`).
Command = Callable[[argparse.Namespace], int]


def cache_commands(
    make: Callable[..., argparse.ArgumentParser], run: Mapping[str, Command]
) -> None:
    """`cache prune` and `cache fill`, made by `make` (showroom.usage's `_command_maker`)."""
    prune = make("prune", help="remove cached photos that no content uses any more")
    prune.set_defaults(run=run["cache prune"])
    fill = make("fill", help="encode the photos the cache lacks, without building")
    fill.add_argument(
        "--shard",
        type=share,
        default=(1, 1),
        metavar="I/N",
        help="only the I-th of N equal shares of the products (parallel CI jobs)",
    )
    fill.set_defaults(run=run["cache fill"])


def share(text: str) -> tuple[int, int]:
    """`I/N` of `--shard`: 1 <= I <= N."""
    first, _, second = text.partition("/")
    if not (first.isdigit() and second.isdigit() and 1 <= int(first) <= int(second)):
        raise argparse.ArgumentTypeError("expected I/N with 1 <= I <= N, e.g. 2/4")
    return int(first), int(second)
