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
#: How messages name the built-in theme, wherever it is installed: where a theme author looks.
DEFAULT_THEME_SHOWN = "themes/default"


@dataclass(frozen=True)
class Theme:
    folders: tuple[Path, ...]  # most specific first
    #: Each folder as messages name it (relative to the project); the folder itself if unset.
    shown: tuple[str, ...] = ()

    @property
    def template_dirs(self) -> list[str]:
        return [str(f / "templates") for f in self.folders]

    def shown_template(self, filename: str) -> str | None:
        """A template file as messages name it (`themes/x/templates/a.html`); None when the
        file is in none of the theme's template folders."""
        path = Path(filename)
        for folder, shown in zip(self.folders, self._shown(), strict=True):
            if path.is_relative_to(folder / "templates"):
                relative = path.relative_to(folder / "templates").as_posix()
                return f"{shown}/templates/{relative}"
        return None

    def shown_template_dirs(self) -> list[str]:
        return [f"{shown}/templates" for shown in self._shown()]

    def _shown(self) -> tuple[str, ...]:
        return self.shown or tuple(f.as_posix() for f in self.folders)

    def static_files(self) -> Iterator[tuple[str, Path]]:
        """(relative path, file) for every static file, a site's file hiding the default's."""
        return self.files_in("static")

    def files_in(self, folder_name: str) -> Iterator[tuple[str, Path]]:
        """(relative path, file) for every file in the theme's folder `folder_name` (static,
        admin), a site's file hiding the default's."""
        seen: set[str] = set()
        for folder in self.folders:
            top = folder / folder_name
            if not top.is_dir():
                continue
            for path in sorted(p for p in top.rglob("*") if p.is_file()):
                relative = path.relative_to(top).as_posix()
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

    def print_file(self, relative: str) -> Path | None:
        """The theme's file `relative` in its print/ folder (the catalogue's own files, such
        as the printer's colour profile: never published with the site), the site's first."""
        for folder in self.folders:
            path = folder / "print" / relative
            if path.is_file():
                return path
        return None

    def strings_files(self, language: str) -> list[Path]:
        """The strings files for a page language, default first so a site's keys win: for
        `en-GB`, each folder's en.yml and then its en-GB.yml; then its terms files likewise
        (`terms/en.yml`: the official names in this language of what content writes in the
        default one, see `Strings.term`). Raises ConfigError when the theme has no strings
        file for the language."""
        primary = language.split("-")[0]
        names = dict.fromkeys((primary, language))  # `en` once for `language: en`
        found = [f / "strings" / f"{n}.yml" for f in reversed(self.folders) for n in names]
        files = [p for p in found if p.is_file()]
        terms = [f / TERMS / f"{n}.yml" for f in reversed(self.folders) for n in names]
        files += [p for p in terms if p.is_file()]
        if not files:
            raise ConfigError(
                f"language: the theme has no strings file for the page language {language!r} "
                f"(strings/{primary}.yml); the default theme has "
                + ", ".join(sorted(p.stem for p in (DEFAULT_THEME / "strings").glob("*.yml")))
            )
        return files


#: The folder of a theme's terms files.
TERMS = "terms"


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
        own = display_path(config.theme_dir, config.root)
        # A site folder of the same name: the built-in one is then named by where it is.
        default = DEFAULT_THEME.as_posix() if own == DEFAULT_THEME_SHOWN else DEFAULT_THEME_SHOWN
        return Theme((config.theme_dir, DEFAULT_THEME), (own, default))
    return Theme((DEFAULT_THEME,), (DEFAULT_THEME_SHOWN,))


def _links(folder: Path) -> Iterator[Path]:
    """The symbolic links under a folder (to files, folders or nowhere), following none."""
    for parent, folders, files in os.walk(folder):
        for name in sorted(folders + files):
            path = Path(parent, name)
            if path.is_symlink():
                yield path
