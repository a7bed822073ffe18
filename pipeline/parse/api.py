"""Entry points of the parser: text or file in, ``Record`` out."""
from __future__ import annotations

from pathlib import Path
from typing import Optional, Sequence

from pipeline.model import Record
from pipeline.parse.clean import clean
from pipeline.parse.nlp import load_nlp, paragraph_doc
from pipeline.parse.provenance import Pages, cleaned_text, place
from pipeline.read.limits import check_chars


def parse_text(text: str, source: str = "", published: Optional[str] = None,
               page_starts: Optional[Sequence[int]] = None) -> Record:
    """Parse one document's text (any cleaning still to do) into a record.

    The record keeps the cleaned text (``Record.text``) and each measure, task and target
    its place in it (``pipeline.parse.provenance``); ``page_starts`` (a PDF's, see
    ``SourceText``) gives them their page.
    A text longer than ``POLICYKG_MAX_CHARS`` characters is refused with an ``InputError``.
    """
    check_chars(source, len(text))
    nlp = load_nlp()
    cleaned = clean(text)
    doc = paragraph_doc(nlp, cleaned, source=source, published=published)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    record = record_from_doc(doc)
    record.text = cleaned_text(cleaned.paragraphs)
    return place(record, record.text, Pages.of(text, page_starts, cleaned.paragraphs))


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
    return parse_text(src.text, source=str(path), published=src.published, page_starts=src.page_starts)
