"""The build state: what the last build used and made, so the next one redoes only what changed."""
