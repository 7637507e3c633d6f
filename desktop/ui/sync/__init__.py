"""Sync pages of both roles, the stick watcher, the sync status line."""
