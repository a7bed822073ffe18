"""README 'Cypher on the two stores': every row of its table, run on both real stores.

The table is read from README.md when the tests run, so the README cannot drift
from what the stores do. Each row gives a Neo4j form, a LadybugDB form, maybe a
form both run, and what they give (JSON: one row's x, or the sorted x of all rows):

* the LadybugDB form gives it on the embedded store, the Neo4j form on Neo4j;
* the form "in both" gives it on both;
* each store's form fails on the other store, or gives something else there
  (so every difference listed is real).

Both stores hold the fixture records (tests/fixtures/records and query-records).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.errors import StoreError
from pipeline.graph.embedded import EmbeddedStore
from pipeline.graph.ingest import ingest_records, read_record_files

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
RECORD_FILES = sorted(str(p) for p in (FIXTURES / "records").glob("*.json")) + sorted(
    str(p) for p in (FIXTURES / "query-records").glob("*.json"))
NONE = "—"


def readme_rows() -> list[dict]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert "## Cypher on the two stores" in text, "README lacks its 'Cypher on the two stores' section"
    section = text.split("## Cypher on the two stores", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        if not line.startswith("| ") or line.startswith("| difference") or line.startswith("| ---"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        assert len(cells) == 5, line
        what, neo, lady, both, gives = cells
        code = lambda c: None if c == NONE else c.strip("`")  # noqa: E731
        rows.append({"what": what, "neo4j": code(neo), "ladybug": code(lady), "both": code(both),
                     "gives": json.loads(gives)})
    return rows


ROWS = readme_rows()


def outcome(store, statement: str):
    """('ok', value) or ('error', message)."""
    try:
        result = store.run(statement, {}, read_only=True)
    except StoreError as exc:
        return "error", str(exc)
    values = [r[0] for r in result.rows]
    if len(values) == 1:
        return "ok", values[0]
    return "ok", sorted(values, key=json.dumps)


@pytest.fixture(scope="module")
def embedded(tmp_path_factory):
    with EmbeddedStore(tmp_path_factory.mktemp("dialect") / "store") as store:
        ingest_records(store, read_record_files(RECORD_FILES))
        yield store


@pytest.fixture(scope="module")
def neo4j(neo4j_server):
    from pipeline.graph.neo4j_store import open_neo4j

    uri, user, password = neo4j_server
    with open_neo4j(uri, user=user, password=password) as store:
        store.run("MATCH (n) DETACH DELETE n")
        ingest_records(store, read_record_files(RECORD_FILES))
        yield store


def test_the_readme_lists_the_differences():
    assert len(ROWS) >= 10
    assert any("substring" in r["neo4j"] for r in ROWS)
    assert any("type(r)" in r["neo4j"] for r in ROWS) and any("db.labels()" in r["neo4j"] for r in ROWS)
    assert any("shortestPath" in r["neo4j"] for r in ROWS)


@pytest.mark.parametrize("row", ROWS, ids=[r["what"][:40] for r in ROWS])
def test_each_difference_on_the_embedded_store(embedded, row):
    if row["ladybug"] is not None:
        assert outcome(embedded, row["ladybug"]) == ("ok", row["gives"])
    if row["both"] is not None:
        assert outcome(embedded, row["both"]) == ("ok", row["gives"])
    got = outcome(embedded, row["neo4j"])  # Neo4j's form: refused, or another answer
    assert got != ("ok", row["gives"]), f"Neo4j's form works in LadybugDB too: {row['what']}"
    if got[0] == "error":
        assert "LadybugDB (embedded store) Cypher error" in got[1]
        assert "README 'Cypher on the two stores'" in got[1]


@pytest.mark.parametrize("row", ROWS, ids=[r["what"][:40] for r in ROWS])
def test_each_difference_on_neo4j(neo4j, row):
    assert outcome(neo4j, row["neo4j"]) == ("ok", row["gives"])
    if row["both"] is not None:
        assert outcome(neo4j, row["both"]) == ("ok", row["gives"])
    if row["ladybug"] is not None and row["ladybug"] != row["both"]:
        got = outcome(neo4j, row["ladybug"])
        assert got != ("ok", row["gives"]), f"LadybugDB's form works in Neo4j too: {row['what']}"
        if got[0] == "error":
            assert "Neo4j Cypher error" in got[1]


def test_the_embedded_schema_is_fixed_and_null_parameters_are_bool(tmp_path):
    with EmbeddedStore(tmp_path / "store") as store:
        ingest_records(store, read_record_files(RECORD_FILES[:1]))
        with pytest.raises(StoreError, match="LadybugDB \\(embedded store\\) Cypher error"):
            store.run("CREATE (:Note {text: 'x'})")
        with pytest.raises(StoreError, match="LadybugDB \\(embedded store\\) Cypher error"):
            store.run("MATCH (d:Document) RETURN elementId(d) AS x")
        # a null parameter is typed BOOL: a comparison with it fails, coalesce works
        with pytest.raises(StoreError, match="BOOL"):
            store.run("MATCH (g:Target) WHERE $y IS NULL OR g.year <= $y RETURN count(g) AS n",
                      {"y": None})
        n = store.run("MATCH (g:Target) WHERE g.year <= coalesce($y, g.year) RETURN count(g) AS n",
                      {"y": None}).rows[0][0]
        assert n > 0


def test_a_cypher_error_on_the_command_line_names_the_dialect(embedded, tmp_path):
    path = tmp_path / "store"
    CliRunner().invoke(cli, ["ingest", "--records", RECORD_FILES[0], "--store", str(path)])
    result = CliRunner().invoke(cli, ["cypher", "MATCH ()-[r]->() RETURN type(r) AS t", "--store", str(path)])
    assert result.exit_code == 3
    line = result.stderr.strip()
    assert "\n" not in line
    assert line.startswith("policykg: error: query failed: LadybugDB (embedded store) Cypher error: ")
    assert line.endswith("see README 'Cypher on the two stores'")
