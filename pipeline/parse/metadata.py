"""Document metadata: title, issuer, date, region, level, number, kind, effective.

Pure functions over the cleaned paragraphs and the structure; each field has a module of its own:
``doc_title`` (the plan's own title, whole), ``issuers`` (the issuing body without verbs),
``doc_dates`` (issue and effective dates), ``places`` (region and level), ``doc_kind`` (kind
and 文号). ``extract_metadata`` puts them together.
"""
from __future__ import annotations

from typing import Optional

from pipeline.model import DocumentMeta
from pipeline.parse import doc_dates, issuers, rules
from pipeline.parse.doc_kind import kind_of, number_of
from pipeline.parse.doc_title import find_title, strip_book
from pipeline.parse.fold import fold
from pipeline.parse.places import level_of_place, level_of_title, place_of, region_and_level
from pipeline.parse.titles import document_id

__all__ = ["extract_metadata", "level_of_place", "level_of_title", "place_of"]  # parents: citations.py

_HEAD_LIMIT = 30
_TAIL_LINES = 60  # a signature block may stand before long annexes
_SELF_TEXT = 20000  # characters of the text read for how it speaks of itself (全省, 我市)


def _issuer(head: list[str], tail: list[str], title: str, named: Optional[str],
            head_date_idx: Optional[int], paragraphs: list[str]) -> Optional[str]:
    """See ``pipeline.parse.issuers``: the first source that names a body wins."""
    for cand in (named, issuers.issuer_of_title(title)):
        got = issuers.clean_issuer(cand) if cand else None
        if got:
            return got
    got = issuers.masthead_issuer(head) or issuers.verb_line_issuer(head) or issuers.meta_issuer(head)
    if got:
        return got
    if head_date_idx is not None and not rules.DATE_LINE.match(fold(head[head_date_idx])):
        m = rules.SIGNED_DATE.match(fold(head[head_date_idx]))
        if m:
            got = issuers.clean_issuer(rules.NAME_LIST_SEP.split(head[head_date_idx][: m.end("who")].strip())[0])
            if got:
                return got
    if head_date_idx is not None:
        got = issuers.first_signatory(head, head_date_idx)
        if got:
            return got
    d, i = doc_dates.tail_date(tail)
    if d and i is not None:
        m = rules.DATE_LINE.match(fold(tail[i]))
        if m and m[4] == "印发" and i > 0:
            office = rules.GOV_OFFICE.match(fold(tail[i - 1]).strip())
            if office:
                return office["gov"]
        m = rules.IMPRINT.match(fold(tail[i]))
        if m:
            got = issuers.clean_issuer(rules.NAME_LIST_SEP.split(tail[i][: m.end("who")].strip())[0])
            office = rules.GOV_OFFICE.match(fold(got or ""))
            return office["gov"] if office and m.group(0).rstrip().endswith("印发") else got
        got = issuers.first_signatory(tail, i)
        if got:
            return got
    d, i = doc_dates.signed_date(paragraphs, issuers.looks_like_issuer)
    if d and i is not None:
        return issuers.first_signatory(paragraphs, i)
    return None


def _date(head: list[str], tail: list[str], published: Optional[str],
          paragraphs: list[str]) -> tuple[Optional[str], Optional[int]]:
    """The issue date (``pipeline.parse.doc_dates``) and the index of the head line that gave it."""
    d = doc_dates.adopted(head)
    if d:
        return d, None
    d, i = doc_dates.head_date(head)
    if d:
        return d, i
    d = doc_dates.meta_issue_date(head)
    if d:
        return d, None
    d, i = doc_dates.cn_head_date(head)
    if d:
        return d, i
    d = doc_dates.inline_signed_date(head)
    if d:
        return d, None
    d = (doc_dates.meta_published(head) or doc_dates.tail_date(tail)[0]
         or doc_dates.signed_date(paragraphs, issuers.looks_like_issuer)[0] or doc_dates.month_date(head))
    return d or published, None


def extract_metadata(paragraphs: list[str], preamble: list[str], dropped: list[str],
                     published: Optional[str], source: str = "") -> DocumentMeta:
    head = preamble[:_HEAD_LIMIT]
    tail = paragraphs[-_TAIL_LINES:]
    found = find_title(head, dropped)
    title = strip_book(found.title) if found else (paragraphs[0].strip() if paragraphs else "")
    date, date_idx = _date(head, tail, published, paragraphs)
    issuer = _issuer(head, tail, title, found.issuer if found else None, date_idx, paragraphs)
    number = number_of(head)
    region, level = region_and_level(title, issuer, number, "".join(paragraphs)[:_SELF_TEXT])
    return DocumentMeta(title=title, issuer=issuer, date=date, region=region, level=level,
                        id=document_id(title), source=source, number=number, kind=kind_of(title),
                        effective=doc_dates.effective_date(head, paragraphs, date))

