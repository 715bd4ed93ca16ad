"""Declared fields for YAML files: every problem collected with its file, line and field."""
