"""What Showroom makes for editors: JSON Schemas for their editor, new product bundles."""
