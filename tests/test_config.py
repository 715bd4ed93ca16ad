"""showroom.yml: validated like content, with every problem reported at once."""

from __future__ import annotations

import pytest

from tests.checking import problems_of
from tests.projects import Project


def set_config(project: Project, text: str) -> None:
    project.config_file.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "base_url: https://example.org/\n",
            "showroom.yml:1: title: required field is missing",
            id="title-missing",
        ),
        pytest.param(
            "title: 홍보관\nbase_url: example.org\n",
            "showroom.yml:2: base_url: 'example.org' is not a web address starting with https://",
            id="base-url",
        ),
        pytest.param(
            "title: 홍보관\nbase_url: https://example.org/\nper_page: 0\n",
            "showroom.yml:3: per_page: must be at least 1, got 0",
            id="per-page",
        ),
        pytest.param(
            "title: 홍보관\nbase_url: https://example.org/\nper_pgae: 12\n",
            "showroom.yml:3: warning: per_pgae: unknown field; did you mean 'per_page'?",
            id="unknown-key",
        ),
        pytest.param(
            "title: 홍보관\nbase_url: https://example.org/\ntheme: nowhere\n",
            "showroom.yml:3: theme: no theme folder at",
            id="theme-missing",
        ),
        pytest.param(
            "title: [홍보관\n",
            "showroom.yml:2: YAML:",
            id="yaml-syntax",
        ),
    ],
)
def test_config_rule(project: Project, text: str, expected: str) -> None:
    set_config(project, text)
    found = problems_of(project)
    assert any(problem.startswith(expected) for problem in found), found


def test_districts_are_configurable(project: Project) -> None:
    config = project.config_file.read_text(encoding="utf-8")
    set_config(project, config + "districts: [수성구, 달서구]\n")
    assert (
        "content/companies/acme.yml:4: district: '남구' is not one of: 수성구, 달서구"
        in problems_of(project)
    )
