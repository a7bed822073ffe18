"""The warm-up of `policykg neo4j start` (pipeline/neo4j/warmup.py) leaves no trace.

On the session's test server holding the fixture records: after a warm-up the graph is
the same (stats, every node and relationship with its properties) and no node marked
``policykg-warmup`` is left. Whether it makes a fresh server's first load fast is
measured, not tested: bench/neo4j_bulk.py.
"""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.errors import StoreError
from pipeline.graph.build import build_document_graph
from pipeline.graph.export import read_graph
from pipeline.graph.ingest import ingest_records
from pipeline.graph.neo4j_store import open_neo4j
from pipeline.neo4j import warmup
from tests.bulk_records import as_sets, fixture_records


def test_every_synthetic_node_is_marked():
    g = build_document_graph(warmup.synthetic_record(3, 1))
    labels = {a["label"] for _, a in g.nodes(data=True)}
    assert labels == {"Document", "Section", "Measure", "Task", "Target", "Agency", "Indicator"}
    for key, attrs in g.nodes(data=True):
        text = attrs.get("title") or attrs.get("name") or attrs.get("text") or ""
        assert warmup.MARK in text, key


def test_the_synthetic_documents_have_every_shape_ingest_writes():
    """Every relationship of the schema between every pair of labels it allows (so every
    statement the writer can send: a task under a section, a target under the document …),
    but SIMILAR_TO, which `policykg similar` writes, not ingest."""
    from pipeline.graph.schema import RELATIONSHIP_PAIRS

    g = build_document_graph(warmup.synthetic_record(2))
    shapes = {(a["type"], g.nodes[u]["label"], g.nodes[v]["label"]) for u, v, a in g.edges(data=True)}
    wanted = {(t, s, d) for t, pairs in RELATIONSHIP_PAIRS.items() if t != "SIMILAR_TO" for s, d in pairs}
    assert shapes == wanted
    texts = [a["text"] for _, a in g.nodes(data=True) if a["label"] == "Measure"]
    assert any("\n" in t for t in texts) and max(map(len, texts)) > 2000  # long, several lines


def test_a_clone_is_the_same_document_under_another_id():
    base = warmup.synthetic_record(0)
    from pipeline.graph.build import record_document_id

    did = record_document_id(base)
    g = build_document_graph(base)
    new, c = warmup._clone(did, g, 3)
    assert new != did and c.number_of_nodes() == g.number_of_nodes() and c.number_of_edges() == g.number_of_edges()
    own = [k for k in c if k == new or k.startswith(new + "/")]
    assert len(own) == sum(1 for k in g if k == did or k.startswith(did + "/"))
    assert all(c.nodes[k]["id"] == k and c.nodes[k].get("documentId", new) == new for k in own)
    assert not any(k == did or k.startswith(did + "/") for k in c)


def test_the_settings_are_checked(monkeypatch):
    monkeypatch.setenv(warmup.ROWS_ENV, "many")
    with pytest.raises(StoreError, match="is not a number"):
        warmup.warmup_rows()
    monkeypatch.setenv(warmup.ROWS_ENV, "0")
    assert warmup.warmup_rows() == 0
    assert warmup.warm_up("bolt://127.0.0.1:1", "neo4j", "unused", rows=0).rows == 0  # connects to nothing


def test_start_has_a_switch_for_it():
    done = CliRunner().invoke(cli, ["neo4j", "start", "--help"])
    assert "--no-warm-up" in done.output and warmup.ROWS_ENV in done.output


def test_a_warm_up_leaves_the_graph_as_it_was(neo4j_server):
    uri, user, password = neo4j_server
    with open_neo4j(uri, user=user, password=password) as store:
        store.run("MATCH (n) DETACH DELETE n")
        ingest_records(store, fixture_records())
        stats, graph = store.stats(), as_sets(read_graph(store))
        done = warmup.warm_up(uri, user, password, rows=20_000)
        assert done.rows >= 20_000 and done.rounds >= 1
        assert store.stats() == stats
        assert as_sets(read_graph(store)) == graph
        left = store.run("MATCH (n) WHERE any(k IN keys(n) WHERE toString(n[k]) CONTAINS $m) "
                         "RETURN count(n) AS n", {"m": warmup.MARK}).rows
        assert left == [[0]]
