"""The README's Neo4j Browser queries draw connected pictures.

Browser draws the nodes and relationships a query returns; nodes returned without a
relationship between them float apart ("8 nodes, 0 relationships"). Each query of the
README's "Neo4j and Neo4j Browser" section runs on the real Neo4j test server over the
fixture records, and the nodes and relationships it returns must form the stated
number of connected components (0 for a query that returns a table).
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest


REPO = Path(__file__).resolve().parents[1]

# The first comment line of each README Browser query -> connected components it draws.
EXPECTED_COMPONENTS = {
    "A document's outline": 1,
    "Which agencies lead the most tasks": 0,  # a table
    "PM2.5 targets across levels of government": 1,
}


def readme_browser_queries() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("## Neo4j and Neo4j Browser", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```cypher\n(.*?)```", section, re.S)


def first_comment(query: str) -> str:
    return query.split("\n", 1)[0].removeprefix("//").strip()




def drawn(driver, query: str):
    """What Browser draws: the nodes and relationships in the result, and the rows."""
    with driver.session() as session:
        result = session.run(query)
        rows = list(result)
        graph = result.graph()
    g = nx.Graph()
    g.add_nodes_from(n.element_id for n in graph.nodes)
    g.add_edges_from((r.start_node.element_id, r.end_node.element_id) for r in graph.relationships)
    labels = Counter(next(iter(n.labels)) for n in graph.nodes)
    types = Counter(r.type for r in graph.relationships)
    return g, labels, types, rows


def test_every_readme_browser_query_has_a_stated_picture():
    stated = [[k for k in EXPECTED_COMPONENTS if first_comment(q).startswith(k)]
              for q in readme_browser_queries()]
    assert sorted(k for ks in stated for k in ks) == sorted(EXPECTED_COMPONENTS)
    assert all(len(ks) == 1 for ks in stated)


@pytest.mark.parametrize("query", readme_browser_queries(), ids=first_comment)
def test_a_readme_browser_query_draws_connected(loaded, query):
    expected = next(v for k, v in EXPECTED_COMPONENTS.items() if first_comment(query).startswith(k))
    g, labels, types, rows = drawn(loaded, query)
    assert rows, "the query finds nothing in the fixture records"
    assert nx.number_connected_components(g) == expected, (labels, types)
    if expected:
        assert g.number_of_edges() >= g.number_of_nodes() - 1


def test_the_pm25_query_links_targets_documents_and_parents(loaded):
    query = next(q for q in readme_browser_queries() if first_comment(q).startswith("PM2.5"))
    g, labels, types, _ = drawn(loaded, query)
    assert labels["Indicator"] == 1 and labels["Target"] >= 3 and labels["Document"] >= 3, labels
    assert types["FOR_INDICATOR"] == labels["Target"] and types["IMPLEMENTS"] >= 2, types


def test_the_outline_query_draws_one_document(loaded):
    query = next(q for q in readme_browser_queries() if first_comment(q).startswith("A document"))
    g, labels, types, _ = drawn(loaded, query)
    assert labels["Document"] == 1 and labels["Section"] >= 2 and labels["Task"] >= 3, labels
