"""The item channel carried in bundles, and the queues it carries: cross-checks and corrections."""
