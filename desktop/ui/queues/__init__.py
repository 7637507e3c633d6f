"""Work queues: cross-check requests and correction tasks."""
