"""Entry points of the parser: text or file in, ``Record`` out."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from pipeline.model import Record
from pipeline.parse.clean import clean
from pipeline.parse.nlp import load_nlp, paragraph_doc
from pipeline.read.limits import check_chars


def parse_text(text: str, source: str = "", published: Optional[str] = None) -> Record:
    """Parse one document's text (any cleaning still to do) into a record.

    A text longer than ``POLICYKG_MAX_CHARS`` characters is refused with an ``InputError``.
    """
    check_chars(source, len(text))
    nlp = load_nlp()
    doc = paragraph_doc(nlp, clean(text), source=source, published=published)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return record_from_doc(doc)


def record_from_doc(doc) -> Record:
    st = doc._.structure
    return Record(
        document=doc._.meta,
        parents=doc._.parents,
        references=doc._.references,
        sections=st.sections,
        measures=st.measures,
        tasks=[s.task for spans in doc._.task_spans.values() for s in spans],
        targets=doc._.targets,
    )


def parse_file(path: str | Path) -> Record:
    from pipeline.read import read_document

    src = read_document(path)
    return parse_text(src.text, source=str(path), published=src.published)
