"""The site stage: pure functions from the content model to the site's structure."""
