"""Showroom: a static site generator for a city's online showroom of regional products."""

__version__ = "0.1.0"  # the one place of the version: pyproject.toml reads it from here
DISTRIBUTION = "showroom-ssg"  # the name on PyPI (pip install showroom-ssg), pyproject's name
