"""A template error is reported at its place (`themes/x/templates/a.html:LINE: message`), exit
status 1, by `build`, `pdf` and `serve`, and publishes nothing."""

from __future__ import annotations

import datetime as dt
import html
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from showroom.build import BuildOptions, build, build_pdf
from showroom.cli import main
from showroom.config import load_config
from showroom.errors import ThemeError
from showroom.problems import Problems
from showroom.theme.folders import DEFAULT_THEME, theme_for
from tests.projects import Project, new_project
from tests.test_serve import serving

ROOT = Path(__file__).resolve().parent.parent
DATE = "2026-11-28"
THEME = "themes/brand"
NOT_FOUND = f"{THEME}/templates/404.html"
#: A 404 page of the site's theme with `line` in its content, on line 3.
PAGE_404 = "{{% extends 'base.html' %}}\n{{% block content %}}\n{line}\n{{% endblock %}}\n"


@pytest.fixture
def project(tmp_path: Path, photo_cache: Path) -> Project:
    project = new_project(tmp_path / "site", catalogue=True)  # its templates are tested too
    shutil.copytree(photo_cache, project.root / ".cache/images")
    return project


def themed(project: Project) -> Project:
    """The project with a theme of its own that overrides templates of the default one."""
    config = project.config_file.read_text(encoding="utf-8")
    project.config_file.write_text(config + f"theme: {THEME}\n", encoding="utf-8")
    project.write(f"{THEME}/templates/404.html", PAGE_404.format(line="<p>없는 쪽</p>"))
    return project


def run(project: Project, command: str, *options: str) -> int:
    return main([command, "-f", str(project.config_file), "--date", DATE, *options])


def failure(capsys: pytest.CaptureFixture[str]) -> list[str]:
    """What the command printed on stderr, line by line; never a traceback."""
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return captured.err.splitlines()


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file of the folder with its content and inode (a file written again is another)."""
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_ino)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def line_of(path: Path, text: str) -> int:
    """The line of the file that holds `text` (1-based)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{% if %}{% endif %}", "Expected an expression, got 'end of statement block'"),
        ("{{ nothing }}", "'nothing' is undefined"),
        ("{{ nothing.attr }}", "'nothing' is undefined"),
        (
            "{{ page.nothing.attr }}",
            "'showroom.render.jobs.PageMeta object' has no attribute 'nothing'",
        ),
        (
            '{% include "nope.html" %}',
            f"no template 'nope.html' in {THEME}/templates or themes/default/templates",
        ),
        ("{{ 'a' + 1 }}", 'TypeError: can only concatenate str (not "int") to str'),
        ("{{ 'abc' | won }}", "ValueError: Cannot specify ',' with 's'."),  # in a filter
    ],
    ids=["syntax", "undefined", "undefined-attribute", "no-attribute", "include", "type", "filter"],
)
def test_an_error_in_a_site_theme_is_reported_at_its_line(
    project: Project, capsys: pytest.CaptureFixture[str], line: str, message: str
) -> None:
    themed(project).write(f"{THEME}/templates/404.html", PAGE_404.format(line=line))
    assert run(project, "build", "--no-pdf") == 1
    err = failure(capsys)
    assert f"{NOT_FOUND}:3: {message}" in err
    assert err[-1] == "Error: Build failed: a template has an error; nothing was published."
    assert not project.out.exists()


def test_a_missing_parent_template_is_reported_at_the_extends(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    themed(project).write(
        f"{THEME}/templates/404.html", "{# no parent #}\n{% extends 'x.html' %}\n"
    )
    assert run(project, "build", "--no-pdf") == 1
    expected = (
        f"{NOT_FOUND}:2: no template 'x.html' in {THEME}/templates or themes/default/templates"
    )
    assert expected in failure(capsys)


def test_an_error_in_an_included_file_is_reported_at_its_own_line(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    themed(project).write(
        f"{THEME}/templates/404.html", PAGE_404.format(line='{% include "_part.html" %}')
    )
    project.write(f"{THEME}/templates/_part.html", "<p>\n  {{ part.missing }}\n</p>\n")
    assert run(project, "build", "--no-pdf") == 1
    assert f"{THEME}/templates/_part.html:2: 'part' is undefined" in failure(capsys)


def test_a_syntax_error_in_an_imported_file_is_reported_at_its_own_line(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    themed(project).write(
        f"{THEME}/templates/404.html",
        "{% extends 'base.html' %}\n{% import '_mine.html' as mine %}\n"
        "{% block content %}{{ mine.hello() }}{% endblock %}\n",
    )
    project.write(
        f"{THEME}/templates/_mine.html", "{% macro hello() %}\n\n{{ 1 + }}\n{% endmacro %}\n"
    )
    assert run(project, "build", "--no-pdf") == 1
    assert f"{THEME}/templates/_mine.html:3: unexpected 'end of print statement'" in failure(capsys)


def test_an_error_in_a_macro_of_the_default_theme_names_the_default_theme(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    """The site's template calls a macro of the default theme wrongly: the error is the
    macro's line, in the file the theme author knows as themes/default/templates/…"""
    themed(project).write(
        f"{THEME}/templates/404.html",
        "{% extends 'base.html' %}\n{% import '_macros.html' as m %}\n"
        "{% block content %}{{ m.picture(none, 'x') }}{% endblock %}\n",
    )
    line = line_of(DEFAULT_THEME / "templates/_macros.html", "{% set webp = pic.sources(")
    assert run(project, "build", "--no-pdf") == 1
    expected = f"themes/default/templates/_macros.html:{line}: 'None' has no attribute 'sources'"
    assert expected in failure(capsys)


def test_the_default_theme_is_named_as_theme_authors_know_it(project: Project) -> None:
    """Wherever Showroom is installed; by its own path only when the site has a theme folder
    of the same name (two files would look the same)."""
    template = str(DEFAULT_THEME / "templates/print/catalogue.html")
    config = load_config(project.config_file, Problems())
    assert (
        theme_for(config).shown_template(template)
        == "themes/default/templates/print/catalogue.html"
    )
    themed(project)
    config = load_config(project.config_file, Problems())
    assert (
        theme_for(config).shown_template(template)
        == "themes/default/templates/print/catalogue.html"
    )
    own = str(project.root / THEME / "templates/404.html")
    assert theme_for(config).shown_template(own) == NOT_FOUND
    assert theme_for(config).shown_template(str(project.root / "content/x.html")) is None
    (project.root / "themes/default").mkdir()
    project.config_file.write_text(
        project.config_file.read_text(encoding="utf-8").replace(THEME, "themes/default"),
        encoding="utf-8",
    )
    config = load_config(project.config_file, Problems())
    theme = theme_for(config)
    assert theme.shown_template(str(project.root / "themes/default/templates/a.html")) == (
        "themes/default/templates/a.html"
    )
    assert (
        theme.shown_template(template)
        == f"{DEFAULT_THEME.as_posix()}/templates/print/catalogue.html"
    )


def broken_catalogue(project: Project, line: str) -> int:
    """The site's print template: the default one with `line` added after the edition; the
    number of the added line."""
    source = (DEFAULT_THEME / "templates/print/catalogue.html").read_text(encoding="utf-8")
    lines = source.splitlines(keepends=True)
    after = next(n for n, text in enumerate(lines) if "cover-edition" in text) + 1
    lines.insert(after, line + "\n")
    themed(project).write(f"{THEME}/templates/print/catalogue.html", "".join(lines))
    return after + 1


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "<p>{{ cat.nothing.attr }}</p>",
            "'showroom.catalogue.make.CatalogueContext object' has no attribute 'nothing'",
        ),
        ("<p>{% for %}</p>", "Expected an expression, got 'end of statement block'"),
    ],
    ids=["undefined", "syntax"],
)
@pytest.mark.parametrize("command", ["pdf", "build"])
def test_an_error_in_the_catalogue_template_is_reported_at_its_line(
    project: Project, capsys: pytest.CaptureFixture[str], command: str, line: str, message: str
) -> None:
    number = broken_catalogue(project, line)
    assert run(project, command) == 1
    assert f"{THEME}/templates/print/catalogue.html:{number}: {message}" in failure(capsys)
    assert not project.out.exists()


def test_a_failed_build_leaves_the_last_good_site_in_place(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    themed(project)
    assert run(project, "build", "--no-pdf") == 0
    before = snapshot(project.out)
    assert "없는 쪽" in before["404.html"][0].decode("utf-8")
    project.write(f"{THEME}/templates/404.html", PAGE_404.format(line="{{ nothing }}"))
    for options in ([], ["--clean"]):
        capsys.readouterr()
        assert run(project, "build", "--no-pdf", *options) == 1
        assert f"{NOT_FOUND}:3: 'nothing' is undefined" in failure(capsys)
        assert snapshot(project.out) == before
    project.write(f"{THEME}/templates/404.html", PAGE_404.format(line="<p>고친 쪽</p>"))
    assert run(project, "build", "--no-pdf") == 0
    assert "고친 쪽" in (project.out / "404.html").read_text(encoding="utf-8")


def test_the_command_exits_with_status_1_and_the_place(project: Project) -> None:
    """`python -m showroom build` itself: the place starts a line, as a compiler's would."""
    themed(project).write(f"{THEME}/templates/404.html", PAGE_404.format(line="{% if %}"))
    result = subprocess.run(
        [sys.executable, "-m", "showroom", "build", "--no-pdf", "--date", DATE],
        cwd=project.root,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert f"{NOT_FOUND}:3: Expected an expression, got 'end of statement block'" in lines
    assert "Traceback" not in result.stderr
    assert not project.out.exists()


def test_serve_shows_the_place_and_recovers_after_the_fix(
    project: Project, caplog: pytest.LogCaptureFixture
) -> None:
    themed(project).write(
        f"{THEME}/templates/404.html", PAGE_404.format(line='{% include "_part.html" %}')
    )
    project.write(f"{THEME}/templates/_part.html", "<p>없는 쪽</p>\n")
    with serving(project) as running, caplog.at_level(logging.ERROR, "showroom.server.serve"):
        status, page = running.get("no-such-page/")
        assert status == 404 and "없는 쪽" in page and "showroom-build-errors" not in page
        built = snapshot(running.server.preview.folder)
        project.write(f"{THEME}/templates/_part.html", "<p>\n{{ nothing }}\n</p>\n")
        expected = f"{THEME}/templates/_part.html:2: 'nothing' is undefined"
        page = running.wait_for("products/lathe/", lambda text: "showroom-build-errors" in text)
        assert html.escape(expected) in page  # over the last good page
        assert "소형 선반" in page
        assert expected in caplog.messages  # the terminal says the same
        assert snapshot(running.server.preview.folder) == built  # nothing was published
        project.write(f"{THEME}/templates/_part.html", "<p>고친 쪽</p>\n")
        running.wait_for("products/lathe/", lambda text: "showroom-build-errors" not in text)
        status, page = running.get("no-such-page/")
        assert status == 404 and "고친 쪽" in page


@pytest.mark.parametrize("stage", ["build", "build_pdf"])
def test_every_template_error_is_one_error_type(project: Project, stage: str) -> None:
    """What `build` and `build_pdf` raise for any template error: a ThemeError carrying the
    problem as content errors do (serve and the command line print it as theirs)."""
    number = broken_catalogue(project, "{{ nothing }}")
    options = BuildOptions(config_file=project.config_file, date=dt.date(2026, 11, 28))
    with pytest.raises(ThemeError) as raised:
        (build if stage == "build" else build_pdf)(options)
    problem = raised.value.problem
    assert (problem.path, problem.line, problem.field) == (
        f"{THEME}/templates/print/catalogue.html",
        number,
        "",
    )
    assert problem.message == "'nothing' is undefined"
    assert raised.value.exit_code == 1


def test_an_include_that_may_be_missing_is_not_an_error_and_is_picked_up_once_there(
    project: Project,
) -> None:
    """`ignore missing` is Jinja's own: only rendering decides that a template is missing,
    and the page is made again when the file appears."""
    themed(project).write(
        f"{THEME}/templates/404.html",
        PAGE_404.format(line='{% include "_maybe.html" ignore missing %}<p>없는 쪽</p>'),
    )
    assert run(project, "build", "--no-pdf") == 0
    assert "없는 쪽" in (project.out / "404.html").read_text(encoding="utf-8")
    project.write(f"{THEME}/templates/_maybe.html", "<p>이제 있는 쪽</p>\n")
    assert run(project, "build", "--no-pdf") == 0
    assert "이제 있는 쪽" in (project.out / "404.html").read_text(encoding="utf-8")


def test_debug_shows_the_traceback_through_the_templates(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    themed(project).write(
        f"{THEME}/templates/404.html", PAGE_404.format(line='{% include "_part.html" %}')
    )
    part = project.write(f"{THEME}/templates/_part.html", "<p>\n  {{ part.missing }}\n</p>\n")
    assert run(project, "build", "--no-pdf", "--debug") == 1
    err = capsys.readouterr().err
    assert f'File "{project.root / NOT_FOUND}", line 3' in err
    assert f'File "{part}", line 2' in err
    assert err.splitlines()[-2] == f"{THEME}/templates/_part.html:2: 'part' is undefined"
