"""Exports for scientists' tools (issue 26): citations, bibliography and catalogue files, feeds."""
