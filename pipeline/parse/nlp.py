"""The spaCy pipeline: ``spacy.blank("zh")`` with the jieba segmenter and our components.

A document Doc is made of *paragraph tokens* (the cleaned paragraphs, with
newline tokens between them), so the pipeline never segments the whole text:
jieba (through ``nlp.tokenizer``, with the agency user dictionary loaded) runs
only on the clauses a rule needs words for. This keeps parsing faster than
segmenting the document (see bench/).

Components, in order (each registered with ``@Language.factory``):
    policy_structure  sections, measures and blocks (annexes,
                      articles: pipeline.parse.outline)      -> doc._.structure
    policy_tasks      responsibility notes and tasks, or the
                      duties of an article                  -> doc._.task_spans
    policy_metadata   title, issuer, date, region, level,
                      parents, references                   -> doc._.meta, doc._.parents, doc._.references
    policy_agencies   canonical agency names (needs region: the document's place,
                      agency_places.document_place), collectives, systems
    policy_targets    numeric targets                        -> doc._.targets
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from pipeline.lean_imports import import_spacy

spacy = import_spacy()  # without spacy.cli: a third of spaCy's import time
from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc  # noqa: E402
from spacy.vocab import Vocab  # noqa: E402

from pipeline.parse.agencies import canonical_list
from pipeline.parse.clean import Cleaned
from pipeline.parse.citations import extract_parents, extract_references
from pipeline.parse.metadata import extract_metadata
from pipeline.parse.articles import duty_tasks
from pipeline.parse.outline import parse_outline
from pipeline.parse.tables import extract_tables, placeholders, table_targets
from pipeline.parse.agency_places import document_place
from pipeline.parse.targets import block_targets
from pipeline.parse.not_commitments import application_heading, white_paper as is_white_paper, white_paper_year
from pipeline.parse.tasks import block_tasks
from pipeline.parse.years import document_year, heading_deadline, lead_in_after, plan_end_year, review_heading

for _name in ("cleaned", "structure", "task_spans", "meta", "parents", "references", "targets", "source",
              "published"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.factory("policy_structure")
def make_structure(nlp: Language, name: str):
    def policy_structure(doc: Doc) -> Doc:
        paragraphs, tables = extract_tables(doc._.cleaned.paragraphs)
        doc._.structure = parse_outline(paragraphs)
        doc._.structure.tables = tables
        return doc

    return policy_structure


@Language.factory("policy_tasks")
def make_tasks(nlp: Language, name: str):
    def policy_tasks(doc: Doc) -> Doc:
        spans = {}
        for i, block in enumerate(doc._.structure.blocks):
            if block.section is None and block.measure is None:
                spans[i] = []  # the preamble holds no tasks
            else:
                spans[i] = duty_tasks(block) if block.articled else block_tasks(block)
        doc._.task_spans = spans
        return doc

    return policy_tasks


@Language.factory("policy_metadata")
def make_metadata(nlp: Language, name: str):
    def policy_metadata(doc: Doc) -> Doc:
        cleaned: Cleaned = doc._.cleaned
        st = doc._.structure
        meta = extract_metadata(cleaned.paragraphs, st.preamble, cleaned.dropped,
                                cleaned.published or doc._.published, doc._.source or "")
        doc._.meta = meta
        doc._.parents = extract_parents(st.preamble, meta.title)
        doc._.references = extract_references(st.blocks, [meta.title] + [p.title for p in doc._.parents])
        return doc

    return policy_metadata


@Language.factory("policy_agencies")
def make_agencies(nlp: Language, name: str):
    def policy_agencies(doc: Doc) -> Doc:
        meta = doc._.meta
        region = meta.region if meta else None
        mentions = [a.mention for spans in doc._.task_spans.values() for span in spans
                    for a in span.task.agencies]
        place = document_place(region, meta.title if meta else "", meta.issuer if meta else "", mentions,
                               "\n".join(doc._.cleaned.paragraphs) if mentions else "")
        for spans in doc._.task_spans.values():
            for span in spans:
                canonical_list(span.task.agencies, region, place)
        return doc

    return policy_agencies


@Language.factory("policy_targets")
def make_targets(nlp: Language, name: str):
    tokenizer = nlp.tokenizer

    def segment(text: str) -> list[str]:
        return [t.text for t in tokenizer(text)]

    def words(text: str) -> list[str]:
        import jieba

        return list(jieba.cut(text, HMM=False))

    def policy_targets(doc: Doc) -> Doc:
        st = doc._.structure
        meta = doc._.meta
        doc_year = document_year(meta.date, meta.title) if meta else None
        plan_end = plan_end_year(meta.title) if meta else None
        white_paper = bool(meta) and is_white_paper(meta.title, doc._.cleaned.paragraphs)
        if white_paper:
            doc_year = white_paper_year(doc._.cleaned.paragraphs, doc_year)  # 截至2021年9月30日: reported up to then
        titles = {("s", s.index): s.title for s in st.sections} | {("m", m.index): m.title for m in st.measures}
        targets = []
        section_lead: dict[int, Optional[int]] = {}  # 到2025年,主要目标如下: in a section's own text
        for i, block in enumerate(st.blocks):
            if block.section is None and block.measure is None:
                continue
            if block.measure is None:
                section_lead[block.section] = lead_in_after(block.text)
            heads = [titles.get(k, "") for k in (("s", block.section), ("m", block.measure))]
            past = any(review_heading(h) for h in heads)
            conditions = any(application_heading(h) for h in heads)
            lead = (heading_deadline(titles.get(("m", block.measure))) or heading_deadline(titles.get(("s", block.section)))
                    or (section_lead.get(block.section) if block.measure is not None else None))
            targets.extend(block_targets(block, doc._.task_spans[i], past=past, segment=segment,
                                         doc_year=doc_year, dated_only=white_paper, words=words, lead_year=lead,
                                         plan_end=plan_end, conditions=conditions))
            for k in placeholders(block.text) if not past else []:
                targets.extend(table_targets(st.tables[k], block.measure, block.section))
        doc._.targets = targets
        return doc

    return policy_targets


PIPELINE = ("policy_structure", "policy_tasks", "policy_metadata", "policy_agencies", "policy_targets")


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The pipeline, built once per process."""
    from pipeline.parse.segmenter import policy_jieba

    policy_jieba()  # the dictionaries the "jieba" segmenter below cuts with
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    for name in PIPELINE:
        nlp.add_pipe(name)
    return nlp


def paragraph_doc(nlp: Language, cleaned: Cleaned, source: str = "", published: Optional[str] = None) -> Doc:
    """A Doc whose tokens are the cleaned paragraphs (and the newlines between them).

    The Doc has a vocabulary of its own, dropped with it: in ``nlp.vocab`` every
    paragraph would stay interned for the life of the process (memory growing with
    each new document) and get lexical attributes computed that no rule reads.
    """
    words: list[str] = []
    for i, p in enumerate(cleaned.paragraphs):
        if i:
            words.append("\n")
        words.append(p)
    doc = Doc(Vocab(), words=words, spaces=[False] * len(words))
    doc._.cleaned = cleaned
    doc._.source = source
    doc._.published = published
    return doc
