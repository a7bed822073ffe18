"""A document's captions and ``searchText``, computed ahead in worker processes.

Building a document's graph (pipeline.graph.build) is cheap except for two pure
functions of a node's own properties: its Browser caption (captions.py) and its
``searchText`` (search_text.py: jieba words), most of the bulk export's time (and the
record's fingerprint, pipeline.graph.identity, a sixth of the rest). They
depend on nothing the export's sequential pass decides (ids, citations), so
``ahead(records, workers)`` computes them in ``workers`` processes while the records
stream through in order (pipeline.parallel.ordered_map: a few records in flight per
worker, memory bounded), and the build takes each value from a ``Derived``: the one
computed ahead if there is one, else computed there. The graph is the same either way.

A worker builds the record's graph under its title's id and keeps every caption keyed
by its label and ``captions.CAPTION_INPUTS`` (never one made from the id, which the
export may give otherwise) and every ``searchText`` keyed by the texts it was made of.
"""
from __future__ import annotations

from collections import deque
from typing import Any, Iterable, Iterator, Mapping, Optional

from pipeline.graph.captions import CAPTION_INPUTS, NAME_INPUTS, content_caption, id_caption
from pipeline.graph.search_text import search_text

_NONE = object()


def caption_key(label: str, props: Mapping[str, Any]) -> tuple:
    return (label, *(props.get(p) for p in CAPTION_INPUTS.get(label, NAME_INPUTS)))


class Derived:
    """Captions and searchText for one document's build: looked up, else computed."""

    def __init__(self, captions: Optional[dict] = None, searches: Optional[dict] = None,
                 fingerprint: Optional[str] = None):
        self.captions: dict[tuple, str] = captions or {}
        self.searches: dict[tuple, Optional[str]] = searches or {}
        self.fingerprint = fingerprint  # identity.fingerprint of the record, if computed ahead

    def caption(self, label: str, props: Mapping[str, Any]) -> str:
        got = self.captions.get(caption_key(label, props), _NONE)
        text = content_caption(label, props) if got is _NONE else got
        return text or id_caption(label, props)

    def search_text(self, *parts: Optional[str]) -> Optional[str]:
        got = self.searches.get(parts, _NONE)
        return search_text(*parts) if got is _NONE else got


class _Recording(Derived):
    """Computes every value and keeps it (in a worker)."""

    def caption(self, label: str, props: Mapping[str, Any]) -> str:
        text = content_caption(label, props)
        self.captions[caption_key(label, props)] = text
        return text or id_caption(label, props)

    def search_text(self, *parts: Optional[str]) -> Optional[str]:
        value = self.searches[parts] = search_text(*parts)
        return value


def derive(record) -> tuple[dict, dict, Optional[str]]:
    """The captions and searchText of ``record``'s nodes and its fingerprint (a worker's
    task); nothing for a record whose graph cannot be built (the export then fails on it
    with its own message)."""
    from pipeline.graph.build import build_document_graph, record_document_id

    rec = _Recording()
    try:
        g = build_document_graph(record, derived=rec)
    except Exception:  # noqa: BLE001 - the sequential pass reports it
        return {}, {}, None
    return rec.captions, rec.searches, g.nodes[record_document_id(record)].get("fingerprint")


def ahead(records: Iterable, workers: int) -> Iterator[tuple[Any, Optional[Derived]]]:
    """``(record, its Derived)`` in input order, computed in ``workers`` processes; with one
    worker ``(record, None)``: the build computes the values itself."""
    if workers <= 1:
        for record in records:
            yield record, None
        return
    from pipeline.parallel import ordered_map

    held: deque = deque()

    def feed():
        for record in records:
            held.append(record)
            yield record

    for captions, searches, fingerprint in ordered_map(derive, feed(), workers):
        yield held.popleft(), Derived(captions, searches, fingerprint)
