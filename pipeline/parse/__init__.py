"""Parsing: cleaned text -> ``Record`` (see ``pipeline.model``).

Public API:
    parse_file(path) -> Record
    parse_text(text, source="") -> Record
"""
from __future__ import annotations

from pipeline.parse.api import parse_file, parse_text  # noqa: F401
