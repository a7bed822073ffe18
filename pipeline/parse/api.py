"""Entry points of the parser (work in progress: being written now)."""
from __future__ import annotations

from pathlib import Path

from pipeline.model import DocumentMeta, Record


def parse_text(text: str, source: str = "") -> Record:
    raise NotImplementedError("parser is being written")


def parse_file(path: str | Path) -> Record:
    from pipeline.read import read_document

    src = read_document(path)
    return parse_text(src.text, source=str(path))
