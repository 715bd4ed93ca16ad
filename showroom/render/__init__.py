"""The render stage: Jinja templates of the theme, Markdown bodies."""
