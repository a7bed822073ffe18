"""Read-only means read-only: `cypher --read-only` (and named queries) refuse the clauses that touch
files, native code, the network or other databases, on the real embedded store and on Neo4j."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.errors import StoreError
from pipeline.graph.readonly import clause_words, refused_clause
from tests.helpers import one_document_store

def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return one_document_store(tmp_path_factory.mktemp("ro"))


def digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file() and p.name != ".policykg.lock":
            h.update(p.name.encode() + p.read_bytes())
    return h.hexdigest()


# -- the check itself, on statements ---------------------------------------------------------

@pytest.mark.parametrize("cypher, what", [
    ("LOAD EXTENSION '/tmp/evil.so'", "LOAD EXTENSION"),
    ("load extension json", "LOAD EXTENSION"),
    ("LOAD FROM '/etc/passwd' (file_format='csv') RETURN *", "LOAD FROM"),
    ("LOAD WITH HEADERS (a STRING) FROM '/etc/passwd' RETURN *", "LOAD FROM"),
    ("INSTALL json", "INSTALL"),
    ("COPY (RETURN 'x') TO '/tmp/out.csv'", "COPY"),
    ("COPY Document FROM '/tmp/in.csv'", "COPY"),
    ("EXPORT DATABASE '/tmp/dump'", "EXPORT"),
    ("IMPORT DATABASE '/tmp/dump'", "IMPORT"),
    ("ATTACH '/tmp/other' AS other (dbtype lbug)", "ATTACH"),
    ("MATCH (d:Document) RETURN d; LOAD EXTENSION 'x.so'", "LOAD EXTENSION"),
    ("MATCH (d:Document) /* read */ WITH d COPY (RETURN 1) TO 'x'", "COPY"),
])
def test_embedded_escapes_are_named(cypher, what):
    assert what in (refused_clause(cypher, "embedded") or "")


@pytest.mark.parametrize("cypher", [
    "MATCH (d:Document) WHERE d.title <> 'COPY (RETURN 1) TO \\'x\\'; LOAD EXTENSION' RETURN d.title",
    'MATCH (d:Document) WHERE d.title = "INSTALL json" RETURN d',
    "MATCH (d:Document) // LOAD FROM '/etc/passwd'\nRETURN count(d)",
    "MATCH (`COPY`:Document) RETURN `COPY`.title",
    "MATCH (d:Document) RETURN d.title AS copy, {load: 1} AS m",
    "MATCH (d:Document) RETURN d.copy, d.load",
])
def test_literals_comments_and_names_are_not_clauses(cypher):
    assert refused_clause(cypher, "embedded") is None


def test_words_lose_literals_and_comments():
    assert clause_words("MATCH (n) WHERE n.t = 'LOAD' /* COPY */ RETURN n // INSTALL") == \
        ["MATCH", "(", "N", ")", "WHERE", "N", ".", "T", "=", "RETURN", "N"]


def test_neo4j_refuses_load_csv_only():
    assert "LOAD CSV" in refused_clause("LOAD CSV FROM 'http://x/y.csv' AS row RETURN row", "neo4j")
    assert refused_clause("MATCH (d:Document) RETURN d.title", "neo4j") is None
    assert refused_clause("COPY (RETURN 1) TO 'x'", "neo4j") is None  # not Neo4j Cypher: the server refuses it


# -- on the real embedded store, through the CLI ----------------------------------------------

def test_read_only_refuses_each_escape_and_changes_nothing(store, tmp_path):
    before = digest(store)
    out = tmp_path / "out.csv"
    secret = tmp_path / "secret.csv"
    secret.write_text("token\nsecret-value\n", encoding="utf-8")
    evil = tmp_path / "evil.so"
    evil.write_bytes(b"\x7fELF not really")
    escapes = [
        f"LOAD EXTENSION '{evil}'",
        f"COPY (MATCH (d:Document) RETURN d.title) TO '{out}'",
        f"LOAD FROM '{secret}' (file_format='csv') RETURN *",
        "INSTALL json",
        f"ATTACH '{tmp_path / 'other'}' AS other (dbtype lbug)",
        f"EXPORT DATABASE '{tmp_path / 'dump'}'",
        f"IMPORT DATABASE '{tmp_path / 'dump'}'",
    ]
    for cypher in escapes:
        res = run("cypher", cypher, "--read-only", "--store", str(store))
        assert res.exit_code == StoreError.exit_code, (cypher, res.output)
        assert "refused in a read-only command" in res.output and len(res.output.strip().splitlines()) == 1
        assert "secret-value" not in res.output
    assert not out.exists() and not (tmp_path / "dump").exists() and not (tmp_path / "other").exists()
    assert digest(store) == before


def test_reading_still_works_with_such_words_in_data(store):
    res = run("cypher", "MATCH (d:Document) WHERE d.title <> 'COPY (RETURN 1) TO x' RETURN count(d) AS n",
              "--read-only", "--store", str(store), "--format", "json")
    assert res.exit_code == 0, res.output
    assert '"n": 1' in res.output


def test_without_read_only_the_user_may_copy_out(store, tmp_path):
    """The guard is what stops COPY … TO in a read-only command: a writing command may export."""
    out = tmp_path / "titles.csv"
    res = run("cypher", f"COPY (MATCH (d:Document) RETURN d.title) TO '{out}'", "--store", str(store))
    assert res.exit_code == 0, res.output
    assert "某市节水方案" in out.read_text("utf-8")


# -- on a real Neo4j --------------------------------------------------------------------------

def test_neo4j_read_only_refuses_load_csv(neo4j_server, tmp_path):
    from pipeline.graph.neo4j_store import open_neo4j

    target = tmp_path / "rows.csv"
    target.write_text("a\nsecret-value\n", encoding="utf-8")
    with open_neo4j(neo4j_server.bolt_uri, user=neo4j_server.user, password=neo4j_server.password,
                    read_only=True) as neo:
        with pytest.raises(StoreError) as exc:
            neo.run(f"LOAD CSV FROM 'file:///{target}' AS row RETURN row", read_only=True)
        assert "LOAD CSV" in str(exc.value) and "secret-value" not in str(exc.value)
        assert neo.run("RETURN 'LOAD CSV' AS s", read_only=True).rows == [["LOAD CSV"]]
