"""Entry points of the parser: text or file in, ``Record`` out."""
from __future__ import annotations

from pathlib import Path

from pipeline.model import DocumentMeta, Record
from pipeline.parse import rules
from pipeline.parse.clean import clean
from pipeline.parse.fold import fold
from pipeline.parse.structure import parse_structure
from pipeline.parse.targets import block_targets
from pipeline.parse.tasks import block_tasks


def parse_text(text: str, source: str = "", published: str | None = None) -> Record:
    cleaned = clean(text)
    st = parse_structure(cleaned.paragraphs)
    record = Record(document=DocumentMeta(title="", source=source), sections=st.sections, measures=st.measures)
    titles = {("s", s.index): s.title for s in st.sections} | {("m", m.index): m.title for m in st.measures}
    for block in st.blocks:
        if block.section is None and block.measure is None:
            continue  # the preamble holds no tasks
        spans = block_tasks(block)
        record.tasks.extend(s.task for s in spans)
        past = any(rules.PAST_SECTION.search(fold(titles.get(k, "")))
                   for k in (("s", block.section), ("m", block.measure)))
        record.targets.extend(block_targets(block, spans, past=past))
    return record


def parse_file(path: str | Path) -> Record:
    from pipeline.read import read_document

    src = read_document(path)
    return parse_text(src.text, source=str(path), published=src.published)
