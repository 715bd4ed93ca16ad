"""Rewrite the generated reference sections of README.md from the schemas."""

from __future__ import annotations

from pathlib import Path

from tools.reference import update_readme

README = Path(__file__).resolve().parent.parent / "README.md"

if __name__ == "__main__":
    README.write_text(update_readme(README.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"updated {README}")
