"""Test helpers shared across the suite: set-up data folders copied from templates, log checks."""
