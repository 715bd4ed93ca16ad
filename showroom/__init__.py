"""Showroom: a static site generator for a city's online showroom of regional products."""

__version__ = "0.1.0"
