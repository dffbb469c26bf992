"""Exports for scientists' tools (issue 26): "cite this page", the bibliography as BibTeX, RIS,
CSL-JSON and COinS, the catalogue as open data and JSON-LD, Atom feeds of what changed.

Modules: works (bibliography files; the parsed entries are scripts/data/works.py, the COinS
spans scripts/render/coins.py), cite_page (a page's citation, build date and commit),
open_data (catalogue files and JSON-LD), changes (git history), feeds (Atom and What's new),
site (markers and files of the build; what scripts/hooks.py calls), cli (``python -m scripts
exports --help``).
"""
