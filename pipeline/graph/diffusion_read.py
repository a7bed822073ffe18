"""Read an indicator's targets, their documents and the IMPLEMENTS links from either store,
then pair each target with its nearest ancestor's (``pipeline/graph/diffusion.py``).

The statements are parameterised Cypher both stores run; the indicator is matched by a
part of its name the way ``policykg query`` matches one (``LOOKUPS`` in named_queries.py):
every target of each Indicator that matches is read, whatever its own wording.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from pipeline.graph.diffusion import DocInfo, Pair, TargetInfo, pairs
from pipeline.graph.lookups import matches, no_match
from pipeline.graph.named_queries import indicator_keys
from pipeline.graph.store import GraphStore

TARGETS = """
MATCH (x:Target)-[:FOR_INDICATOR]->(i:Indicator)
WHERE i.name CONTAINS $text OR x.indicator CONTAINS $text OR any(k IN $keys WHERE i.name CONTAINS k)
WITH DISTINCT i
MATCH (t:Target)-[:FOR_INDICATOR]->(i)
MATCH (d:Document) WHERE d.id = t.documentId
RETURN t.id AS id, d.id AS document, i.name AS indicator, t.indicator AS wording,
       t.value AS value, t.unit AS unit, t.kind AS kind, t.direction AS direction,
       t.comparator AS comparator, t.year AS year, t.valueText AS valueText,
       t.page AS page, t.paragraph AS paragraph, t.sentence AS sentence,
       d.title AS title, d.level AS level, d.region AS region, d.date AS date, d.issuer AS issuer
ORDER BY id
"""
#: every target of every indicator (``bench/diffusion_coverage.py``)
ALL_TARGETS = TARGETS.replace(
    "MATCH (x:Target)-[:FOR_INDICATOR]->(i:Indicator)\n"
    "WHERE i.name CONTAINS $text OR x.indicator CONTAINS $text OR any(k IN $keys WHERE i.name CONTAINS k)\n"
    "WITH DISTINCT i\n", "MATCH (i:Indicator)\n")
EDGES = ("MATCH (c:Document)-[:IMPLEMENTS]->(p:Document) "
         "RETURN c.id AS child, p.id AS parent ORDER BY child, parent")


@dataclass
class Diffusion:
    """What ``policykg diffusion`` shows: every target read, and the pairs."""
    indicator: str  # as the user gave it
    targets: list[TargetInfo] = field(default_factory=list)
    documents: dict[str, DocInfo] = field(default_factory=dict)
    pairs: list[Pair] = field(default_factory=list)

    @property
    def indicators(self) -> list[str]:
        return sorted({t.indicator for t in self.targets})


def read_rows(store: GraphStore, text: Optional[str]) -> tuple[list[TargetInfo], dict[str, DocInfo],
                                                                dict[str, list[str]]]:
    """The targets of the indicators ``text`` matches (None: of every indicator), their
    documents, and every IMPLEMENTS link (child id -> parent ids)."""
    if text is None:
        rows = store.run(ALL_TARGETS, read_only=True).as_dicts()
    else:
        rows = store.run(TARGETS, {"text": text, "keys": indicator_keys(text) or [text]},
                         read_only=True).as_dicts()
    targets, docs = [], {}
    for r in rows:
        docs.setdefault(r["document"], DocInfo(r["document"], r["title"] or "", r["level"],
                                               r["region"], r["date"], r["issuer"]))
        targets.append(_target(r))
    edges: dict[str, list[str]] = {}
    for r in store.run(EDGES, read_only=True).as_dicts():
        edges.setdefault(r["child"], []).append(r["parent"])
    return targets, docs, edges


def _target(r: dict[str, Any]) -> TargetInfo:
    value = r["value"]
    return TargetInfo(id=r["id"], document=r["document"], indicator=r["indicator"],
                      wording=r["wording"] or "", value=float(value) if value is not None else None,
                      unit=r["unit"] or "", kind=r["kind"] or "", direction=r["direction"],
                      comparator=r["comparator"], year=r["year"], value_text=r["valueText"] or "",
                      page=r["page"], paragraph=r["paragraph"], sentence=r["sentence"])


def diffusion(store: GraphStore, text: str) -> Diffusion:
    """The indicator's targets and pairs; ``NoMatchError`` when no indicator matches ``text``."""
    if not text or not matches(store, "indicator", text, indicator_keys(text)):
        raise no_match("indicator", text)
    targets, docs, edges = read_rows(store, text)
    return Diffusion(text, targets, docs, pairs(targets, docs, edges))
