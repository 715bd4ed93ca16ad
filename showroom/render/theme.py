"""The theme search path: the site's theme folder first, then the default theme."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from showroom.config import Config
from showroom.errors import ConfigError
from showroom.problems import display_path


def _default_theme(package: Path) -> Path:
    """The default theme: inside the installed package (the wheel maps the repository's themes/
    to showroom/themes/), else at the top of a source checkout (an editable install, or the
    package on PYTHONPATH), where the repository keeps it for theme authors."""
    installed = package / "themes" / "default"
    return installed if installed.is_dir() else package.parent / "themes" / "default"


DEFAULT_THEME = _default_theme(Path(__file__).resolve().parent.parent)


@dataclass(frozen=True)
class Theme:
    folders: tuple[Path, ...]  # most specific first

    @property
    def template_dirs(self) -> list[str]:
        return [str(f / "templates") for f in self.folders]

    def static_files(self) -> Iterator[tuple[str, Path]]:
        """(relative path, file) for every static file, a site's file hiding the default's."""
        seen: set[str] = set()
        for folder in self.folders:
            static = folder / "static"
            if not static.is_dir():
                continue
            for path in sorted(p for p in static.rglob("*") if p.is_file()):
                relative = path.relative_to(static).as_posix()
                if relative not in seen:
                    seen.add(relative)
                    yield relative, path

    def static_file(self, relative: str) -> Path | None:
        """The theme's static file `relative`, the site's own first."""
        for folder in self.folders:
            path = folder / "static" / relative
            if path.is_file():
                return path
        return None

    def strings_files(self, language: str) -> list[Path]:
        """The strings files for a language, default first so a site's keys win."""
        found = [f / "strings" / f"{language}.yml" for f in reversed(self.folders)]
        return [p for p in found if p.is_file()]


def theme_for(config: Config) -> Theme:
    """The theme search path; raises ConfigError when the site's theme holds a link."""
    if config.theme_dir is not None and config.theme_dir != DEFAULT_THEME:
        links = list(_links(config.theme_dir))
        if links:
            shown = ", ".join(display_path(p, config.root) for p in links[:10])
            raise ConfigError(
                f"{shown}: the theme holds symbolic links, which are not followed or read "
                "(a link could publish any file of the computer); put the files themselves "
                "in the theme"
            )
        return Theme((config.theme_dir, DEFAULT_THEME))
    return Theme((DEFAULT_THEME,))


def _links(folder: Path) -> Iterator[Path]:
    """The symbolic links under a folder (to files, folders or nowhere), following none."""
    for parent, folders, files in os.walk(folder):
        for name in sorted(folders + files):
            path = Path(parent, name)
            if path.is_symlink():
                yield path
