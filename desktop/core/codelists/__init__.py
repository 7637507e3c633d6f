"""Code lists (divisions, ethnicity, ...) and the place tree of the divisions list."""
