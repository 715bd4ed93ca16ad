"""A content folder's entries: what each is (its claim), which are read (a slug claimed once),
and what the parses gave; each a plain function of its inputs, kept by `reading`."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import TypeVar

from showroom.content.folders import Names, sorted_entries
from showroom.content.memo import Model, Parsed, Read
from showroom.messages import N_
from showroom.problems import Level, Problem

M = TypeVar("M", bound=Model)


@dataclass(frozen=True, slots=True)
class Listing:
    """The entries of a content folder in NFC name order, and the same as strings (what
    each is kept under)."""

    paths: tuple[Path, ...]
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Claim:
    """What an entry of a content folder is, before it is parsed: the slug it claims (None:
    there is nothing to parse, or its name is no slug), where it is shown, and the problems
    found on the way (a link, a product folder without index.md, the name)."""

    slug: str | None
    shown: str
    problems: tuple[Problem, ...]


@dataclass(frozen=True, slots=True)
class Claimed:
    """The entries of a folder that are read: those that claim a slug no entry before them
    claimed (their positions in the listing, and their names); and the problems of every
    claim, a slug already taken among them."""

    free: tuple[int, ...]
    names: tuple[str, ...]
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class Loaded:
    """What a folder's entries gave: the model objects of those without errors (in name
    order), the problems of all, and the parses by their key in the parse memo (with the key
    of each model object, by its id: the objects are alive while this is)."""

    values: tuple[Model, ...]
    problems: tuple[Problem, ...]
    parses: dict[str, Parsed]
    key_of: dict[int, str]


def claimed_of(listing: Listing, claims: list[Claim]) -> Claimed:
    """Which entries are read: each that claims a slug no entry before it claimed (the names
    of one slug differ only in Unicode normalisation)."""
    free: list[int] = []
    seen: dict[str, str] = {}  # slug -> where it was claimed
    problems: list[Problem] = []
    for position, claim in enumerate(claims):
        problems.extend(claim.problems)
        slug = claim.slug
        if slug is None:
            continue
        if slug in seen:
            problems.append(_taken(claim, slug, seen[slug]))
            continue
        seen[slug] = claim.shown
        free.append(position)
    names = tuple(listing.names[n] for n in free)
    return Claimed(tuple(free), names, tuple(problems))


def _taken(claim: Claim, slug: str, where: str) -> Problem:
    message = N_(
        "the slug {slug!r} is already used by {where} (names that differ only in Unicode "
        "normalisation are the same slug)"
    ).format(slug=slug, where=where)
    return Problem(claim.shown, None, "slug", message, Level.ERROR)


def gathered(reads: Iterable[Read], kind: type[M]) -> Loaded:
    """What these parses gave; of their model objects, those of `kind`."""
    values: list[M] = []
    problems: list[Problem] = []
    parses: dict[str, Parsed] = {}
    key_of: dict[int, str] = {}
    for read in reads:  # one pass: at 5,000 products a rebuild in `serve` feels each one
        parsed, key = read.parsed, read.key
        if parsed.problems:
            problems.extend(parsed.problems)
        if isinstance(parsed.value, kind):
            values.append(parsed.value)
        if key is not None:
            parses[key] = parsed
            if parsed.value is not None:
                key_of[id(parsed.value)] = key
    return Loaded(tuple(values), tuple(problems), parses, key_of)


def joined(claimed: Claimed, parts: list[Loaded]) -> Loaded:
    """What a folder gave: its claims' problems, then the parts', in order."""
    parses: dict[str, Parsed] = {}
    key_of: dict[int, str] = {}
    for part in parts:
        parses.update(part.parses)
        key_of.update(part.key_of)
    return Loaded(
        tuple(chain.from_iterable(part.values for part in parts)),
        claimed.problems + tuple(chain.from_iterable(part.problems for part in parts)),
        parses,
        key_of,
    )


def listing_of(directory: Path, names: Names) -> Listing:
    paths = sorted_entries(directory, names)
    return Listing(paths, tuple(map(os.fspath, paths)))
