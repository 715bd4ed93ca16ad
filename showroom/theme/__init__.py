"""The theme: its folders (templates, static files, strings) and its words."""
