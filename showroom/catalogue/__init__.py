"""The print stage: the catalogue PDF, from print templates of the same theme (WeasyPrint)."""
