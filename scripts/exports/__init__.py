"""Exports for scientists' tools: citations, bibliography and catalogue files, feeds."""
