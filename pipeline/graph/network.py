"""The agency collaboration network: who shares tasks with whom, and how central each agency is.

Two agencies *share* a task when both are RESPONSIBLE_FOR it (co-responsibility).
The network has one node per agency name and one edge per pair sharing at least
``min_shared`` tasks, weighted by the number of distinct tasks they share; it
counts, like the named query ``agency-pairs-sharing-tasks`` (which it agrees with
for ``role="all"``), agencies by name and tasks once however many roles a body has
on them. For each agency: ``degree`` (partners), ``weighted_degree`` (the sum of its
edges' weights: shared tasks counted once per partner) and ``betweenness`` (networkx
``betweenness_centrality`` of the unweighted network, normalised: the share of
shortest paths between two other agencies that pass through it). Only agencies in
at least one kept pair are nodes.

``read_responsibilities(store)`` reads the RESPONSIBLE_FOR edges of either store
with one statement both run; everything else is pure functions over those rows.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations
from typing import IO, Iterable, Optional

import networkx as nx

ROLE_CHOICES = ("all", "lead")

# One row per RESPONSIBLE_FOR edge, with the task's document.
RESPONSIBILITIES = (
    "MATCH (a:Agency)-[r:RESPONSIBLE_FOR]->(t:Task), (d:Document) WHERE d.id = t.documentId "
    "RETURN a.name AS agency, a.collective AS collective, r.role AS role, t.id AS task, "
    "d.id AS documentId, d.title AS title, d.region AS region, d.level AS level "
    "ORDER BY task, agency, role")


@dataclass(frozen=True)
class Responsibility:
    """An agency named on a task, and the task's document."""
    agency: str
    task: str
    document: str
    role: Optional[str] = None
    collective: bool = False
    title: Optional[str] = None
    region: Optional[str] = None
    level: Optional[str] = None


@dataclass(frozen=True)
class Restriction:
    """Which responsibilities count: ``document`` an id or a part of a title, ``region`` a part
    of the document's region, ``level`` its level; ``role`` all or lead only."""
    document: Optional[str] = None
    region: Optional[str] = None
    level: Optional[str] = None
    role: str = "all"
    exclude_collective: bool = False


@dataclass(frozen=True)
class Pair:
    agency: str
    partner: str
    tasks: int
    documents: int


@dataclass(frozen=True)
class AgencyScore:
    agency: str
    collective: bool
    degree: int
    weighted_degree: int
    betweenness: float


@dataclass
class Network:
    pairs: list[Pair] = field(default_factory=list)
    agencies: list[AgencyScore] = field(default_factory=list)
    graph: nx.Graph = field(default_factory=nx.Graph)


def read_responsibilities(store) -> list[Responsibility]:
    rows = store.run(RESPONSIBILITIES, read_only=True).rows
    return [Responsibility(agency=a, task=t, document=d, role=role, collective=bool(c), title=title,
                           region=region, level=level)
            for a, c, role, t, d, title, region, level in rows if a]


def restrict(rows: Iterable[Responsibility], r: Restriction) -> list[Responsibility]:
    """The rows ``r`` keeps."""
    out = []
    for row in rows:
        if r.document is not None and not (row.document == r.document
                                           or r.document in (row.title or "")):
            continue
        if r.region is not None and r.region not in (row.region or ""):
            continue
        if r.level is not None and row.level != r.level:
            continue
        if r.role == "lead" and row.role != "lead":
            continue
        if r.exclude_collective and row.collective:
            continue
        out.append(row)
    return out


def shared_tasks(rows: Iterable[Responsibility]) -> dict[tuple[str, str], tuple[set, set]]:
    """``(agency, partner)`` (agency < partner) -> (the tasks they share, those tasks' documents)."""
    by_task: dict[str, set[str]] = {}
    doc_of: dict[str, str] = {}
    for row in rows:
        by_task.setdefault(row.task, set()).add(row.agency)
        doc_of[row.task] = row.document
    pairs: dict[tuple[str, str], tuple[set, set]] = {}
    for task, names in by_task.items():
        for a, b in combinations(sorted(names), 2):
            tasks, docs = pairs.setdefault((a, b), (set(), set()))
            tasks.add(task)
            docs.add(doc_of[task])
    return pairs


def pair_list(rows: Iterable[Responsibility], min_shared: int = 1) -> list[Pair]:
    """The pairs sharing at least ``min_shared`` tasks, most tasks first (then documents, names):
    the named query's order."""
    pairs = [Pair(a, b, len(ts), len(ds)) for (a, b), (ts, ds) in shared_tasks(rows).items()
             if len(ts) >= min_shared]
    return sorted(pairs, key=lambda p: (-p.tasks, -p.documents, p.agency, p.partner))


def network(rows: Iterable[Responsibility], min_shared: int = 1) -> Network:
    """The weighted network of ``rows`` and each agency's scores (agencies by weighted degree,
    then betweenness, then name)."""
    rows = list(rows)
    collective = {row.agency: row.collective for row in rows}
    pairs = pair_list(rows, min_shared)
    g = nx.Graph()
    for p in pairs:
        for name in (p.agency, p.partner):
            if name not in g:
                g.add_node(name, label=name, collective=collective.get(name, False))
        g.add_edge(p.agency, p.partner, weight=p.tasks, documents=p.documents)
    between = nx.betweenness_centrality(g, normalized=True) if len(g) else {}
    scores = []
    for name in g.nodes:
        wdeg = int(g.degree(name, weight="weight"))
        score = AgencyScore(name, bool(g.nodes[name]["collective"]), g.degree(name), wdeg,
                            round(between[name], 6))
        g.nodes[name].update(degree=score.degree, weightedDegree=wdeg, betweenness=score.betweenness)
        scores.append(score)
    scores.sort(key=lambda s: (-s.weighted_degree, -s.betweenness, -s.degree, s.agency))
    return Network(pairs, scores, g)


def write_network(graph: nx.Graph, out: IO[bytes], fmt: str) -> None:
    """Write the weighted network as GraphML or GEXF (Gephi reads both)."""
    if fmt == "graphml":
        nx.write_graphml(graph, out, encoding="utf-8", prettyprint=True)
    elif fmt == "gexf":
        nx.write_gexf(graph, out, encoding="utf-8", prettyprint=True)
    else:
        raise ValueError(f"unknown network format {fmt!r}")
