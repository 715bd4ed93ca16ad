"""Files a setting names inside the project: inside it, not through a symbolic link, and (for
images) of a kind the catalogue can print."""

from __future__ import annotations

import os
from pathlib import Path

from showroom.messages import N_
from showroom.problems import display_path


def image_problem(root: Path, value: str, kinds: tuple[str, ...]) -> str | None:
    """What is wrong with `value` as the path of an image of one of `kinds` (Pillow's format
    names, or SVG) inside the project folder `root`, or None."""
    path = root / value
    inside = Path(os.path.abspath(path)).is_relative_to(root)
    if Path(value).is_absolute() or not inside:
        return N_("{value} is outside the project; put the image in the project's folder").format(
            value=value
        )
    linked = linked_folder(path, root)
    if linked is not None:
        return N_("{path} is a symbolic link, which is not followed").format(
            path=display_path(linked, root)
        )
    if not path.is_file():
        return N_("no file at {value}").format(value=value)
    kind = image_kind(path)
    if kind not in kinds:
        return N_("{value} is not an image of the kinds {kinds}").format(
            value=value, kinds=", ".join(kinds)
        )
    return None


def image_kind(path: Path) -> str | None:
    """The image format of a file ("JPEG", "PNG", "SVG" …), or None if it is not an image."""
    head = path.read_bytes()[:2048].lstrip()
    if head.startswith((b"<?xml", b"<svg")) and b"<svg" in head:
        return "SVG"
    from PIL import Image, UnidentifiedImageError  # only when a project names an image

    try:
        with Image.open(path) as image:
            image.verify()
            return str(image.format)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None


def linked_folder(folder: Path, root: Path) -> Path | None:
    """The folder, or the first of its parents inside the project, that is a symbolic link
    (a theme folder given as a path outside the project is the user's explicit choice)."""
    path = Path(os.path.abspath(folder))
    top = Path(os.path.abspath(root))
    while path != top and path.is_relative_to(top):
        if path.is_symlink():
            return path
        path = path.parent
    return None
