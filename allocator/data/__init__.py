"""Price data: sources (Yahoo, CSV, bundled sample), cache, returns."""
