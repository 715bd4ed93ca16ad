"""The content stage: read files, validate them, build the frozen model."""
