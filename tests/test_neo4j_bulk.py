"""`policykg neo4j import`: neo4j-admin's bulk import gives the graph batched UNWIND ingest gives.

The UNWIND side is the session's test server (tests/conftest.py), emptied and loaded
with the records by `ingest_records`. The import side is an instance of its own
(folder ``instances/<test instance>-import``, free ports), since neo4j-admin imports
only into a stopped database: the records are exported with `write_import_dir` and
imported with `run_import` (stop, neo4j-admin, start, constraints and indexes). The two
must hold the same nodes and relationships per label and type, every property with its
type, the same constraints and indexes, and give every named query the same rows.
"""
from __future__ import annotations

import dataclasses
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.errors import StoreError
from pipeline.graph import named_queries as nq
from pipeline.graph.export import read_graph
from pipeline.graph.ingest import ingest_records
from pipeline.graph.neo4j_import import write_import_dir
from pipeline.graph.neo4j_store import open_neo4j, schema_statements
from pipeline.neo4j.bulk import run_import
from pipeline.neo4j.config import resolve_password
from pipeline.neo4j.server import status, stop
from tests.bulk_records import HOSTILE_TEXT, as_sets, fixture_records
from tests.conftest import TEST_INSTANCE

REPO = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def records():
    from pipeline.parse import parse_file

    fixtures = fixture_records()[::-1]  # citing documents first: stubs, then linked
    titles = {r.document.title for r in fixtures}
    corpus = [parse_file(str(p)) for p in sorted((REPO / "corpus").glob("*.txt"))]
    return fixtures + [r for r in corpus if r.document.title not in titles]  # each document once


@pytest.fixture(scope="module")
def unwind(neo4j_server, records):
    uri, user, password = neo4j_server
    with open_neo4j(uri, user=user, password=password) as store:
        store.run("MATCH (n) DETACH DELETE n")
        ingest_records(store, records)
        yield store


@pytest.fixture(scope="module")
def imported(neo4j_instance, records, tmp_path_factory):
    base = neo4j_instance.config
    home = dataclasses.replace(base, instance=f"{TEST_INSTANCE}-import").home
    cfg = dataclasses.replace(base, instance=f"{TEST_INSTANCE}-import", bolt_port=_free_port(),
                              http_port=_free_port(), credentials_file=home / "credentials.conf")
    folder = tmp_path_factory.mktemp("bulk") / "import"
    write_import_dir(folder, records=records)
    try:
        result = run_import(cfg, folder, force=True)
        with open_neo4j(cfg.bolt_uri, user="neo4j", password=resolve_password(cfg).value) as store:
            yield cfg, folder, result, store
    finally:
        stop(cfg)


def test_the_import_holds_what_unwind_ingest_writes(unwind, imported):
    _, _, result, store = imported
    assert store.stats() == unwind.stats()
    assert (result.nodes, result.relationships) == (
        sum(unwind.stats()["nodes"].values()), sum(unwind.stats()["relationships"].values()))
    assert as_sets(read_graph(store)) == as_sets(read_graph(unwind))


def test_text_with_quotes_and_line_breaks_arrives_whole(imported):
    store = imported[3]
    rows = store.run("MATCH (t:Task) WHERE t.text = $text RETURN count(t) AS n", {"text": HOSTILE_TEXT}).rows
    assert rows == [[1]]


def test_properties_have_the_types_unwind_gives(unwind, imported):
    cypher = ("MATCH (n) UNWIND keys(n) AS k WITH labels(n)[0] AS label, k, n[k] AS v "
              "RETURN DISTINCT label, k, valueType(v) AS type ORDER BY label, k, type")
    got = imported[3].run(cypher).rows
    assert got == unwind.run(cypher).rows
    assert ["Target", "year", "INTEGER NOT NULL"] in got and ["Document", "stub", "BOOLEAN NOT NULL"] in got


def test_constraints_and_indexes_are_recreated(imported):
    store = imported[3]
    names = {r[0] for r in store.run("SHOW CONSTRAINTS YIELD name RETURN name").rows}
    names |= {r[0] for r in store.run("SHOW INDEXES YIELD name, state WHERE state = 'ONLINE' RETURN name").rows}
    assert {name for name, _ in schema_statements()} <= names


def test_every_named_query_gives_the_same_rows(unwind, imported):
    from pipeline.graph.similar_edges import recompute_similar

    store = imported[3]
    # SIMILAR_TO is derived from what a store holds (`policykg similar`), on either path alike
    assert recompute_similar(store) == recompute_similar(unwind)
    queries = nq.list_queries()
    assert len(queries) >= 10
    for q in queries:
        params = nq.bind(q, q.example)
        got = store.run(q.cypher, params, read_only=True)
        want = unwind.run(q.cypher, params, read_only=True)
        assert (got.columns, got.rows) == (want.columns, want.rows), q.name
        assert got.rows, f"{q.name}: its example finds nothing"


def test_a_database_holding_a_graph_is_refused_without_force(imported):
    cfg, folder, _, store = imported
    before = store.stats()
    with pytest.raises(StoreError, match="holds .* nodes.*--force"):
        run_import(cfg, folder)
    assert status(cfg) is not None  # left running, untouched
    assert store.stats() == before


def test_a_bad_folder_is_one_line(tmp_path):
    runner = CliRunner()
    for folder in (tmp_path / "missing", tmp_path):
        done = runner.invoke(cli, ["neo4j", "import", str(folder)])
        assert done.exit_code == 2, done.output
        assert done.output.strip().count("\n") == 0 and "policykg: error:" in done.output
