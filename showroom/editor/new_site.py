"""`showroom new site DIR`: a minimal showroom that builds at once.

The site is first made in a temporary folder: a commented showroom.yml, one category, one
company, one product from `showroom new product` (published, with its placeholder photo), the
editors' JSON Schemas from `showroom schema`, `.gitignore`, `requirements.txt` (this version of
Showroom, which the GitHub workflow installs), the pull-request and GitHub Pages workflow and
the VS Code settings. Then its files are copied into DIR. DIR must be empty or missing, unless
`force`; even then no file that is there is replaced: it is kept, and the result names it.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from showroom import DISTRIBUTION, __version__
from showroom.config import CONFIG_FILE
from showroom.editor.scaffold import new_product
from showroom.editor.schemas import write_schemas
from showroom.errors import UsageError

SITE_FILES = Path(__file__).resolve().parent / "site_files"
CATEGORY = "example-group"
COMPANY = "example-company"
PRODUCT = "example-product"
#: (a file of site_files/, where it goes in the new site)
COPIED = (
    ("showroom.yml", CONFIG_FILE),
    ("category.yml", f"content/categories/{CATEGORY}.yml"),
    ("company.yml", f"content/companies/{COMPANY}.yml"),
    ("gitignore", ".gitignore"),
    ("workflow.yml", ".github/workflows/showroom.yml"),
    ("vscode-settings.json", ".vscode/settings.json"),
    ("vscode-extensions.json", ".vscode/extensions.json"),
    ("vscode-tasks.json", ".vscode/tasks.json"),
)
REQUIREMENTS = """\
# The Showroom this site was made with; the GitHub workflow installs it. To update, change the
# version here, then run `showroom schema` and `showroom build` and look at the changes.
{distribution}=={version}
"""


@dataclass(frozen=True)
class NewSite:
    root: Path
    created: tuple[str, ...]  # paths inside root, in the order they were written
    kept: tuple[str, ...]  # files that were there already (only with force), left as they were


def new_site(folder: Path, day: dt.date, force: bool = False) -> NewSite:
    """Make a new showroom in `folder`; raise UsageError, changing nothing, when `folder` is
    not empty (unless `force`) or a file would have to be written through a link."""
    _check_folder(folder, force)
    with tempfile.TemporaryDirectory(prefix="showroom-new-site-") as staging:
        stage = Path(staging)
        _make(stage, day)
        names = sorted(p.relative_to(stage).as_posix() for p in stage.rglob("*") if p.is_file())
        blocked = [name for name in names if _blocked(folder, name)]
        if blocked:
            raise UsageError(
                f"{folder / blocked[0]}: a folder on the way is a symbolic link or a file; "
                "Showroom writes only into folders of its own (nothing was written)"
            )
        folder.mkdir(parents=True, exist_ok=True)
        created: list[str] = []
        kept: list[str] = []
        for name in names:
            (created if _copy_new(stage / name, folder / name) else kept).append(name)
    return NewSite(folder, tuple(created), tuple(kept))


def _check_folder(folder: Path, force: bool) -> None:
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise UsageError(f"{folder} is not a folder; give a new or empty folder")
    if folder.is_dir() and not force:
        entries = sorted(p.name for p in folder.iterdir())
        if entries:
            shown = ", ".join(entries[:3]) + (", …" if len(entries) > 3 else "")
            raise UsageError(
                f"{folder} is not empty ({shown}); give a new or empty folder, or add --force "
                "to add a showroom beside what is there (no file there is replaced)"
            )


def _make(stage: Path, day: dt.date) -> None:
    """The whole new site, in an empty folder."""
    for source, target in COPIED:
        path = stage / target
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SITE_FILES / source, path)
    (stage / "requirements.txt").write_text(
        REQUIREMENTS.format(distribution=DISTRIBUTION, version=__version__), encoding="utf-8"
    )
    new_product(stage / "content", PRODUCT, CATEGORY, COMPANY, day, draft=False)
    write_schemas(stage / CONFIG_FILE)


def _blocked(folder: Path, name: str) -> bool:
    """Whether a folder between `folder` and its file `name` is a link or not a folder."""
    path = folder
    for part in Path(name).parts[:-1]:
        path = path / part
        if path.is_symlink() or (path.exists() and not path.is_dir()):
            return True
    return False


def _copy_new(source: Path, target: Path) -> bool:
    """Copy `source` to `target` unless something is there already (a file, a link)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    try:
        fd = os.open(target, flags, 0o666)
    except FileExistsError:
        return False
    with os.fdopen(fd, "wb") as file:
        file.write(source.read_bytes())
    return True
