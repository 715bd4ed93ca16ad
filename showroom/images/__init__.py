"""The image stage: validate photos, normalise them to sRGB without metadata, and make the web,
card and print variants, cached by content hash and parameters, in parallel."""
