"""`showroom serve`: the live-preview server around the same build."""
