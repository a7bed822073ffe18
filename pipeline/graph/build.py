"""Records -> one networkx MultiDiGraph following graph_schema/MODEL.md.

``build_document_graph(record)`` gives one document's subgraph: its own nodes
(Document, Section, Measure, Task, Target) and the shared nodes it links to
(Agency, Indicator, stub Documents for parents and cited documents). Stores
take exactly this subgraph. ``build_graph(records)`` composes many.

Properties whose value is ``None`` or an empty string are left out, so a node
carries only what the record states (LadybugDB reads an empty CSV field as null,
and Neo4j does not store nulls: leaving them out keeps both stores identical).
"""
from __future__ import annotations

from typing import Any, Callable, Iterable, Optional

import networkx as nx

from pipeline.errors import InputError
from pipeline.graph.identity import Identity, Registry, Relink, fingerprint
from pipeline.graph.captions import node_caption
from pipeline.graph.diffusion import date_days
from pipeline.graph.indicators import normalise_indicator
from pipeline.graph.search_text import search_text
from pipeline.model import Record
from pipeline.parse.agencies import is_collective, lacks_place
from pipeline.parse.agency_systems import system_of
from pipeline.parse.titles import document_id, normalise_title, unwrap_notice


def agency_key(name: str, unknown_place: bool = False) -> str:
    """``agency:<name>``; a name whose place is not known (省发展和改革委员会 in a document
    of unknown region) is ``agency:unknown:<name>``, never the key of a placed agency."""
    return f"agency:unknown:{name}" if unknown_place else f"agency:{name}"


def indicator_key(normalised: str) -> str:
    return f"indicator:{normalised}"


def record_document_id(record: Record) -> str:
    """The id a record's document has when nothing else holds it: from its title, so a
    stub of that title becomes it. Ingest may give another (pipeline.graph.identity)."""
    return document_id(record.document.title)


def _props(**kw: Any) -> dict[str, Any]:
    return {k: v for k, v in kw.items() if v is not None and v != ""}


def _provenance(item: Any) -> dict[str, Any]:
    """The graph's provenance properties of a measure, task or target (docs/provenance.md)."""
    return {"page": item.page, "paragraph": item.paragraph, "charStart": item.start, "charEnd": item.end}


def _add_node_with(g: nx.MultiDiGraph, key: str, label: str, caption: Callable[[str, dict], str],
                   **props: Any) -> None:
    attrs = _props(id=key, **props)
    attrs["caption"] = caption(label, attrs)  # Neo4j Browser's caption (captions.py)
    g.add_node(key, label=label, **attrs)


def _add_edge(g: nx.MultiDiGraph, src: str, dst: str, rel_type: str, **props: Any) -> None:
    attrs = _props(**props)
    for data in g.get_edge_data(src, dst, default={}).values():
        if data.get("type") == rel_type and {k: v for k, v in data.items() if k != "type"} == attrs:
            return  # one relationship per (source, target, type, properties)
    g.add_edge(src, dst, type=rel_type, **attrs)


def build_document_graph(record: Record, identity: Optional[Identity] = None,
                         link: Optional[Callable[[str], str]] = None, derived: Any = None) -> nx.MultiDiGraph:
    """One document's subgraph (see the module docstring).

    ``identity``: the id (and fingerprint) to write it under, default its title's id;
    ``link``: the node id a cited title points to, default the title's id
    (``Registry.assign`` and ``Registry.link`` give both during ingest); ``derived``: where
    the captions and searchText come from (a ``pipeline.graph.derived.Derived``, which may
    hold them computed ahead in a worker), default computed here.
    """
    caption = derived.caption if derived is not None else node_caption
    search = derived.search_text if derived is not None else search_text

    def _add_node(g: nx.MultiDiGraph, key: str, label: str, **props: Any) -> None:
        _add_node_with(g, key, label, caption, **props)

    g = nx.MultiDiGraph()
    doc = record.document
    did = identity.id if identity else record_document_id(record)
    where = doc.source or doc.title

    def bad(msg: str) -> InputError:
        return InputError(msg, path=where,
                          hint="the parser produced an inconsistent record; please report it")

    _add_node(g, did, "Document", title=doc.title, issuer=doc.issuer, date=doc.date,
              region=doc.region, level=doc.level, source=doc.source, stub=False,
              number=doc.number, kind=doc.kind, effective=doc.effective,
              fingerprint=identity.fingerprint if identity else fingerprint(record),
              dateDays=date_days(doc.date), text=record.text)

    sections: dict[int, str] = {}
    for s in record.sections:
        key = f"{did}/s{s.index}"
        if s.index in sections:
            raise bad(f"section {s.index} appears twice")
        sections[s.index] = key
        _add_node(g, key, "Section", documentId=did, position=s.index, number=s.number,
                  title=s.title)
        _add_edge(g, did, key, "HAS_SECTION")

    def node_of(kind: str, nodes: dict[int, str], index: Optional[int], what: str) -> Optional[str]:
        """The node of section/measure ``index`` (None for None); a missing one is an error."""
        if index is None:
            return None
        if index not in nodes:
            raise bad(f"{what} names {kind} {index}, which the record does not have")
        return nodes[index]

    def section_node(index: Optional[int], what: str) -> Optional[str]:
        return node_of("section", sections, index, what)

    measures: dict[int, str] = {}
    measure_section: dict[int, Optional[int]] = {}
    for m in record.measures:
        key = f"{did}/m{m.index}"
        if m.index in measures:
            raise bad(f"measure {m.index} appears twice")
        measures[m.index] = key
        measure_section[m.index] = m.section
        _add_node(g, key, "Measure", documentId=did, position=m.index, section=m.section,
                  number=m.number, title=m.title, text=m.text, **_provenance(m),
                  searchText=search(m.title, m.text))
        parent = section_node(m.section, f"measure {m.index}") or did
        _add_edge(g, parent, key, "HAS_MEASURE")

    def measure_node(index: Optional[int], what: str) -> Optional[str]:
        return node_of("measure", measures, index, what)

    # Tasks: under their measure; else under their section; else under the document.
    tasks: dict[tuple, str] = {}
    for t in record.tasks:
        section = t.section if t.measure is None else measure_section.get(t.measure, t.section)
        m_node = measure_node(t.measure, f"task {t.index}")
        if m_node is not None:
            parent, key, slot = m_node, f"{m_node}/t{t.index}", ("m", t.measure, t.index)
        elif section is not None:
            parent = section_node(section, f"task {t.index}")
            key, slot = f"{parent}/t{t.index}", ("s", section, t.index)
        else:
            parent, key, slot = did, f"{did}/t{t.index}", ("d", None, t.index)
        if slot in tasks:
            raise bad(f"task {t.index} of {parent.rsplit('/', 1)[-1]} appears twice")
        tasks[slot] = key
        _add_node(g, key, "Task", documentId=did, position=t.index, measure=t.measure,
                  section=section, text=t.text, **_provenance(t),
                  searchText=search(t.text))
        _add_edge(g, parent, key, "HAS_TASK")
        for a in t.agencies:
            name = (a.name or a.mention or "").strip()
            if not name:
                continue
            collective = bool(a.collective) or is_collective(name)
            unknown = not collective and lacks_place(name)
            akey = agency_key(name, unknown)
            if akey not in g:
                # collective and region only where they say something (true, "unknown")
                _add_node(g, akey, "Agency", name=name, system=a.system or system_of(name),
                          collective=True if collective else None,
                          region="unknown" if unknown else None)
            _add_edge(g, akey, key, "RESPONSIBLE_FOR", role=a.role, mention=a.mention)

    # Targets: from the most specific container that holds them.
    for n, tg in enumerate(record.targets, start=1):
        key = f"{did}/tg{n}"
        section = tg.section if tg.measure is None else measure_section.get(tg.measure, tg.section)
        holder: Optional[str] = None
        if tg.task is not None:
            slot = (("m", tg.measure, tg.task) if tg.measure is not None
                    else ("s", section, tg.task) if section is not None else ("d", None, tg.task))
            holder = tasks.get(slot)
            if holder is None:
                raise bad(f"target {n} ({tg.indicator}) names task {tg.task}, "
                          "which the record does not have")
        holder = (holder or measure_node(tg.measure, f"target {n}")
                  or section_node(section, f"target {n}") or did)
        value = float(tg.value) if tg.value is not None else None
        _add_node(g, key, "Target", documentId=did, indicator=tg.indicator, value=value,
                  unit=tg.unit, valueText=tg.value_text, kind=tg.kind, direction=tg.direction,
                  comparator=tg.comparator, year=tg.year, baselineYear=tg.baseline_year,
                  text=tg.text, measure=tg.measure, task=tg.task, section=section,
                  sentence=tg.sentence or None, **_provenance(tg),
                  baselineValue=None if tg.baseline_value is None else float(tg.baseline_value),
                  attribute=tg.attribute,
                  searchText=search(tg.indicator, tg.text))
        _add_edge(g, holder, key, "SETS_TARGET")
        norm = normalise_indicator(tg.indicator)
        if norm:
            ikey = indicator_key(norm)
            if ikey not in g:
                _add_node(g, ikey, "Indicator", name=norm)
            _add_edge(g, key, ikey, "FOR_INDICATOR")

    # Parents and cited documents: stubs, unless it is this very document.
    own = normalise_title(doc.title)

    def stub(title: str, level: Optional[str]) -> Optional[str]:
        if normalise_title(title) == own:
            return None
        sid = link(title) if link else document_id(title)
        if sid == did:
            return None
        if sid not in g:
            # The title as cited, without 《》 or a cover-notice frame
            # (国务院关于印发X的通知 -> X): what the document itself is most likely called.
            _add_node(g, sid, "Document", title=unwrap_notice(title.strip()).strip("《》 "),
                      level=level, stub=True)
        return sid

    for p in record.parents:
        sid = stub(p.title, p.level)
        if sid:
            _add_edge(g, did, sid, "IMPLEMENTS")
    for r in record.references:
        sid = stub(r.title, r.level)
        if sid:
            src = measure_node(r.measure, f"reference 《{r.title}》") or did
            _add_edge(g, src, sid, "REFERENCES")
    return g


def build_graph(records: Iterable[Record]) -> nx.MultiDiGraph:
    """All records in one graph, with the ids and links ``policykg ingest`` gives them
    (pipeline.graph.identity): a full Document replaces a stub of the same id, and
    stubs that name a document given later are linked to it."""
    g = nx.MultiDiGraph()
    registry = Registry()
    for record in records:
        identity = registry.assign(record)
        did = identity.id
        if did in g and not g.nodes[did].get("stub", False):
            raise InputError(f"document {record.document.title!r} given twice",
                             path=record.document.source or None,
                             hint="ingest each document once")
        region = record.document.region
        sub = build_document_graph(record, identity, lambda t: registry.link(t, region))
        for key, attrs in sub.nodes(data=True):
            if key == did or key not in g:
                if key in g:
                    g.nodes[key].clear()
                g.add_node(key, **attrs)
        for u, v, attrs in sub.edges(data=True):
            g.add_edge(u, v, **attrs)  # edges start at the document's own nodes: never shared
    relink_graph(g, registry.relinks(stub_citations(g)))
    return g


_CITES = ("IMPLEMENTS", "REFERENCES")


def stub_citations(g: nx.MultiDiGraph) -> list[tuple[str, str, str, Optional[str]]]:
    """(stub id, stub title, citing node, citing document if the node is a Measure) of
    each IMPLEMENTS or REFERENCES into a stub of ``g``."""
    out = []
    for u, v, a in g.edges(data=True):
        if a.get("type") in _CITES and g.nodes[v].get("stub"):
            measure = g.nodes[u].get("label") == "Measure"
            out.append((v, g.nodes[v].get("title", ""), u,
                        g.nodes[u].get("documentId") if measure else None))
    return out


def relink_graph(g: nx.MultiDiGraph, relinks: Iterable[Relink]) -> int:
    """Move each relink's citations from its stub to its document; drop stubs left
    with no relationship. The number of citations moved."""
    moved = 0
    for r in relinks:
        for u in r.documents + r.measures:
            for k, a in list(g.get_edge_data(u, r.stub, default={}).items()):
                if a.get("type") in _CITES:
                    g.remove_edge(u, r.stub, key=k)
                    _add_edge(g, u, r.target, a["type"])
                    moved += 1
        if r.stub in g and g.nodes[r.stub].get("stub") and g.degree(r.stub) == 0:
            g.remove_node(r.stub)
    return moved
