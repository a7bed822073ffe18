"""The Neo4j store against a real Neo4j server, side by side with the embedded store.

The server is the session's test instance (tests/conftest.py); its data outlives
the session, so every test that writes empties the database first. The embedded
store is a real LadybugDB store in tmp_path: the same documents must give the
same graph, the same stats and the same query rows in both.
"""
from __future__ import annotations

import json
import logging
import socket
import stat
import urllib.request
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from neo4j.exceptions import ServiceUnavailable

from pipeline.cli import cli
from pipeline.errors import StoreError
from pipeline.graph import named_queries as nq
from pipeline.graph import neo4j_batch, neo4j_settings, neo4j_values
from pipeline.graph.build import build_document_graph, build_graph, record_document_id
from pipeline.graph.embedded import EmbeddedStore
from pipeline.graph.export import read_graph
from pipeline.graph.ingest import ingest_records
from pipeline.graph.similar_edges import recompute_similar
from pipeline.graph.neo4j_settings import resolve_settings
from pipeline.graph.neo4j_store import open_neo4j, schema_statements
from pipeline.model import Record
from pipeline.parse.titles import document_id

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
RECORD_FILES = [FIXTURES / "records" / n for n in (
    "national-2021-pollution-opinion.json", "shandong-2022-pollution-measures.json",
    "qingdao-2022-pollution-plan.json", "qingdao-2022-carbon-peak-plan.json")] + [
    FIXTURES / "query-records" / "huangdao-2023-pollution-plan.json"]
N, S, QP, QC, HD = range(5)
NASTY = ["' }) DETACH DELETE n //", "\\", "\\'", "{x}", "MATCH (n) DETACH DELETE n", "$rows",
         "`Document`", '"}); CREATE (:Evil) //', "row.id", "\u0000?", "引号'\"和\\反斜杠"]


def load(i: int) -> dict:
    return json.loads(RECORD_FILES[i].read_text(encoding="utf-8"))


def rec(i: int, data: dict | None = None) -> Record:
    return Record.from_dict(data or load(i))


def write(store, *records: Record) -> None:
    for r in records:
        store.replace_document(record_document_id(r), build_document_graph(r))


def as_sets(g):
    nodes = {k: dict(a) for k, a in g.nodes(data=True)}
    rels = Counter((u, v, json.dumps(a, sort_keys=True, ensure_ascii=False))
                   for u, v, a in g.edges(data=True))
    return nodes, rels


def stats_of(g) -> dict:
    nodes = Counter(a["label"] for _, a in g.nodes(data=True))
    rels = Counter(a["type"] for *_, a in g.edges(data=True))
    return {"nodes": dict(sorted(nodes.items())), "relationships": dict(sorted(rels.items()))}


def invoke(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # closed again when the block ends


@pytest.fixture(scope="module")
def corpus() -> list[Record]:
    from pipeline.parse import parse_file

    files = sorted((REPO / "corpus").glob("*.txt"))
    assert len(files) >= 10, "the corpus folder is missing"
    return [parse_file(str(p)) for p in files]


@pytest.fixture
def emb(tmp_path):
    with EmbeddedStore(tmp_path / "store") as store:
        yield store


@pytest.fixture
def cli_env(neo4j_server, monkeypatch):
    """The environment `policykg … --neo4j-uri URI` reads its credentials from."""
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_server.password)
    monkeypatch.setenv("NEO4J_USER", neo4j_server.user)
    monkeypatch.delenv("NEO4J_DATABASE", raising=False)
    monkeypatch.delenv("NEO4J_URI", raising=False)
    return neo4j_server


def assert_same(neo, emb) -> None:
    assert neo.stats() == emb.stats()
    assert as_sets(read_graph(neo)) == as_sets(read_graph(emb))


# -- the same graph in both stores ----------------------------------------------------------

def test_fixture_records_give_the_same_graph_in_both_stores(neo, emb):
    records = [rec(i) for i in range(5)]
    summary_neo = ingest_records(neo, records)
    summary_emb = ingest_records(emb, records)
    expected = build_graph(records)
    assert neo.stats() == emb.stats() == stats_of(expected)
    assert as_sets(read_graph(neo)) == as_sets(read_graph(emb)) == as_sets(expected)
    assert (summary_neo.nodes, summary_neo.relationships) == (summary_emb.nodes, summary_emb.relationships)


def test_the_corpus_gives_the_same_graph_in_both_stores(neo, emb, corpus):
    ingest_records(neo, corpus, batch_size=8)
    ingest_records(emb, corpus)
    st = neo.stats()
    assert st == emb.stats() == stats_of(build_graph(corpus))
    assert st["nodes"]["Document"] >= len(corpus) and st["relationships"]["RESPONSIBLE_FOR"] > 0
    assert as_sets(read_graph(neo)) == as_sets(read_graph(emb))


def test_every_named_query_gives_the_same_rows(neo, emb, corpus):
    records = [rec(i) for i in range(5)] + corpus
    ingest_records(neo, records)
    ingest_records(emb, records)
    recompute_similar(neo)  # SIMILAR_TO edges, for measures-restating-parent
    recompute_similar(emb)
    queries = nq.list_queries()
    assert len(queries) >= 10
    for q in queries:
        params = nq.bind(q, q.example)
        got = neo.run(q.cypher, params, read_only=True)
        want = emb.run(q.cypher, params, read_only=True)
        assert got.columns == want.columns, q.name
        assert got.rows == want.rows, q.name
        assert got.rows, f"{q.name}: its example finds nothing"


def test_values_come_back_in_the_embedded_shapes(neo, emb):
    write(neo, rec(QP))
    write(emb, rec(QP))
    cypher = ("MATCH (a:Agency)-[r:RESPONSIBLE_FOR]->(t:Task) WHERE r.mention = $m "
              "RETURN a AS agency, r AS rel, t.position AS task")
    assert neo.run(cypher, {"m": "市发改委"}).as_dicts() == emb.run(cypher, {"m": "市发改委"}).as_dicts()
    stub = "MATCH (d:Document {id: $id}) RETURN d"
    got = neo.run(stub, {"id": record_document_id(rec(S))}).rows
    assert got == emb.run(stub, {"id": record_document_id(rec(S))}).rows
    assert got[0][0]["stub"] is True and "issuer" not in got[0][0]  # nulls left out
    path = ("MATCH p = (d:Document)-[:HAS_SECTION]->(s:Section) WHERE s.position = 1 "
            "RETURN p, s.position AS n, 1.5 AS f")
    row = neo.run(path).rows[0]
    assert row == emb.run(path).rows[0]
    assert type(row[1]) is int and type(row[2]) is float
    assert [n["_label"] for n in row[0]["nodes"]] == ["Document", "Section"]


# -- replace semantics ------------------------------------------------------------------------

def test_reingesting_changes_nothing(neo, corpus):
    by_id = {record_document_id(r): r for r in [rec(i) for i in range(5)] + corpus}
    records = list(by_id.values())  # some fixtures are corpus documents: one version of each
    ingest_records(neo, records)
    stats, graph = neo.stats(), as_sets(read_graph(neo))
    ingest_records(neo, list(reversed(records)), batch_size=5)
    assert neo.stats() == stats
    assert as_sets(read_graph(neo)) == graph
    write(neo, records[3], records[0])  # and one by one
    assert as_sets(read_graph(neo)) == graph


def test_changed_documents_replace_alike_in_both_stores(neo, emb):
    steps = [[rec(QP)], [rec(S)], [rec(N), rec(QC), rec(HD)]]
    changed = load(QC)
    changed["parents"] = []
    changed["tasks"] = [t for t in changed["tasks"] if t["measure"] != 1]
    changed["targets"] = [t for t in changed["targets"] if t["indicator"] != "煤炭消费量"]
    steps.append([rec(QC, changed)])
    moved = load(QP)
    moved["tasks"][0]["agencies"] = moved["tasks"][0]["agencies"][::-1] + moved["tasks"][1]["agencies"]
    moved["measures"][0]["title"] = "改过的标题"
    moved["targets"][0]["value"] = 31
    moved["references"] = []
    steps.append([rec(QP, moved)])
    bare = load(HD)
    for key in ("parents", "references", "sections", "measures", "tasks", "targets"):
        bare[key] = []
    steps.append([rec(HD, bare)])
    steps.append([rec(i) for i in range(5)])  # everything back as it was
    for records in steps:
        write(neo, *records)
        write(emb, *records)
        assert_same(neo, emb)
    assert as_sets(read_graph(neo)) == as_sets(build_graph([rec(i) for i in range(5)]))


def test_a_batch_equals_one_by_one_in_both_stores(neo, emb):
    records = [rec(QP), rec(QC), rec(S), rec(N)]  # stubs first, their full documents later
    changed = load(QP)
    changed["targets"] = changed["targets"][:2]
    items = [(record_document_id(r), build_document_graph(r)) for r in records + [rec(QP, changed)]]
    got = neo.replace_documents(items)
    want = emb.replace_documents(items)
    assert [(s.document_id, s.nodes, s.relationships) for s in got] == \
        [(s.document_id, s.nodes, s.relationships) for s in want]
    assert_same(neo, emb)


def test_constraints_are_in_place_after_a_write(neo):
    write(neo, rec(N))
    names = {r[0] for r in neo.run("SHOW CONSTRAINTS YIELD name RETURN name", read_only=True).rows}
    names |= {r[0] for r in neo.run("SHOW INDEXES YIELD name RETURN name", read_only=True).rows}
    assert {name for name, _ in schema_statements()} <= names


@pytest.mark.parametrize("fail_after", [1, 12, 20, 28])  # after: the MERGE, deletes, creates, orphans
def test_a_failure_inside_the_transaction_leaves_the_store_as_before(neo, monkeypatch, fail_after):
    write(neo, rec(N), rec(S), rec(QC))
    before, stats = as_sets(read_graph(neo)), neo.stats()
    real = neo4j_batch.execute
    calls = []

    def fail_later(tx, cypher, params=None):
        calls.append(cypher)
        if len(calls) > fail_after:
            raise RuntimeError("disk full")
        return real(tx, cypher, params)

    monkeypatch.setattr(neo4j_batch, "execute", fail_later)
    changed = load(S)
    changed["tasks"] = changed["tasks"][:1]
    with pytest.raises(StoreError) as info:
        neo.replace_documents([(record_document_id(r), build_document_graph(r))
                               for r in (rec(QP), rec(S, changed), rec(HD))])
    assert len(calls) > fail_after  # statements had run inside the transaction
    assert "\n" not in str(info.value) and "nothing of it was written" in str(info.value)
    monkeypatch.undo()
    assert neo.stats() == stats
    assert as_sets(read_graph(neo)) == before
    assert document_id(load(QP)["document"]["title"]) not in neo.document_ids()


def test_a_create_that_finds_no_node_to_link_rolls_everything_back(neo):
    write(neo, rec(S))
    before, stats = as_sets(read_graph(neo)), neo.stats()
    r = rec(N)
    plan = neo.prepare([(record_document_id(r), build_document_graph(r))])
    # Leave the sections out of the writes: what hangs from them finds no node to link.
    sections = [k for k in plan.fresh.create_contained if k[0] == "Section"]
    assert sections
    for key in sections:
        del plan.fresh.create_contained[key]
    with pytest.raises(StoreError) as info:
        neo.write_prepared(plan)
    assert "were not written (a node to link was missing)" in str(info.value)
    assert neo.stats() == stats
    assert as_sets(read_graph(neo)) == before


# -- user text stays data ---------------------------------------------------------------------

def test_quotes_braces_and_keywords_in_user_text_stay_data(neo, emb, tmp_path):
    data = load(QP)
    data["document"]["title"] = "青岛市' }) DETACH DELETE n //方案{x}\\MATCH"
    data["document"]["issuer"] = NASTY[4]
    data["sections"][0]["title"] = NASTY[6]
    data["measures"][0]["text"] = NASTY[7]
    data["parents"][0]["title"] = "《" + NASTY[0] + "》"
    names = []
    for k, task in enumerate(data["tasks"]):
        for a, agency in enumerate(task["agencies"]):
            agency["name"] = agency["mention"] = NASTY[(k + a) % len(NASTY)] + f" 第{k}{a}"
            names.append(agency["name"])
    record = rec(QP, data)
    for store in (neo, emb):
        write(store, rec(N), record)
    assert_same(neo, emb)
    did = record_document_id(record)
    for store in (neo, emb):
        doc = store.run("MATCH (d:Document {id: $id}) RETURN d", {"id": did}).rows[0][0]
        assert doc["title"] == data["document"]["title"] and doc["issuer"] == NASTY[4]
        got = {r[0] for r in store.run("MATCH (a:Agency) RETURN a.name").rows}
        assert set(names) <= got
        assert store.run("MATCH (n:Evil) RETURN count(n)" if store is neo else
                         "MATCH (n:Agency) WHERE n.name = 'Evil' RETURN count(n)").rows == [[0]]
        assert store.document_ids() == sorted([did, record_document_id(rec(N))])


# -- read-only commands ----------------------------------------------------------------------

WRITES = ["CREATE (:Agency {id: 'agency:x', name: 'x'})", "MATCH (n) DETACH DELETE n",
          "MATCH (t:Task) SET t.text = 'changed'"]


def sneaky_queries(tmp_path: Path) -> Path:
    folder = tmp_path / "queries"
    folder.mkdir()
    for n, statement in enumerate(WRITES):
        (folder / f"sneaky-{n}.cypher").write_text(
            f"// name: sneaky-{n}\n// title: looks like a query\n// answers: nothing\n"
            f"{statement} RETURN 1 AS one\n", encoding="utf-8")
    return folder


def test_query_and_read_only_cypher_cannot_change_neo4j(neo, cli_env, tmp_path, monkeypatch):
    write(neo, rec(QP))
    before = as_sets(read_graph(neo))
    uri = cli_env.bolt_uri
    monkeypatch.setenv("POLICYKG_QUERIES_DIR", str(sneaky_queries(tmp_path)))
    for n, statement in enumerate(WRITES):
        result = invoke("cypher", "--read-only", statement, "--neo4j-uri", uri)
        assert result.exit_code == 3, result.output
        assert "only reads" in result.stderr and len(result.stderr.strip().splitlines()) == 1
        result = invoke("query", f"sneaky-{n}", "--neo4j-uri", uri)
        assert result.exit_code == 3 and "only reads" in result.stderr
    assert as_sets(read_graph(neo)) == before
    ok = invoke("cypher", "--read-only", "MATCH (a:Agency) RETURN count(a) AS n", "--neo4j-uri", uri,
                "--format", "json")
    assert ok.exit_code == 0 and json.loads(ok.stdout)[0]["n"] == neo.stats()["nodes"]["Agency"]
    # without --read-only the same statement writes (so the refusals above were real)
    assert invoke("cypher", WRITES[2], "--neo4j-uri", uri).exit_code == 0
    assert {r[0] for r in neo.run("MATCH (t:Task) RETURN t.text").rows} == {"changed"}


def test_query_and_read_only_cypher_cannot_change_the_embedded_store(tmp_path, monkeypatch):
    path = tmp_path / "store"
    with EmbeddedStore(path) as store:
        write(store, rec(QP))
        before = as_sets(read_graph(store))
    monkeypatch.setenv("POLICYKG_QUERIES_DIR", str(sneaky_queries(tmp_path)))
    # COMMIT ends LadybugDB's read-only transaction: only a read-only database stops what follows
    statements = WRITES + ["COMMIT; CREATE (:Agency {id: 'agency:x', name: 'x'})"]
    for statement in statements:
        result = invoke("cypher", "--read-only", statement, "--store", str(path))
        assert result.exit_code == 3, result.output
        assert "read-only" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    for n in range(len(WRITES)):
        result = invoke("query", f"sneaky-{n}", "--store", str(path))
        assert result.exit_code == 3 and "read-only" in result.stderr
    with EmbeddedStore(path) as store:
        assert as_sets(read_graph(store)) == before
    # without --read-only the same statements write (so the refusals above were real)
    assert invoke("cypher", WRITES[2], "--store", str(path)).exit_code == 0
    with EmbeddedStore(path) as store:
        assert {r[0] for r in store.run("MATCH (t:Task) RETURN t.text").rows} == {"changed"}


# -- errors ----------------------------------------------------------------------------------

def test_wrong_password_is_one_line_without_the_password(neo4j_server, monkeypatch):
    wrong = neo4j_server.password + "-Wr0ng-secret"
    with pytest.raises(StoreError) as info:
        open_neo4j(neo4j_server.bolt_uri, user=neo4j_server.user, password=wrong)
    msg = str(info.value)
    assert "refused user 'neo4j'" in msg and "NEO4J_PASSWORD" in msg and "\n" not in msg
    assert wrong not in msg and neo4j_server.password not in msg
    monkeypatch.setenv("NEO4J_PASSWORD", wrong)
    result = invoke("stats", "--neo4j-uri", neo4j_server.bolt_uri)
    assert result.exit_code == 3 and len(result.stderr.strip().splitlines()) == 1
    assert "refused" in result.stderr and wrong not in result.output + result.stderr


def test_server_down_is_one_line_with_what_to_do(monkeypatch):
    port = closed_port()
    uri = f"bolt://127.0.0.1:{port}"
    monkeypatch.setenv("NEO4J_PASSWORD", "a-Secret-password")
    with pytest.raises(StoreError) as info:
        open_neo4j(uri)
    msg = str(info.value)
    assert msg.startswith(f"cannot reach Neo4j at {uri}") and "policykg neo4j start" in msg
    assert "\n" not in msg and "a-Secret-password" not in msg
    for args in (["stats"], ["ingest", "--records", str(RECORD_FILES[0])], ["query", "documents"]):
        result = invoke(*args, "--neo4j-uri", uri)
        assert result.exit_code == 3, result.output
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "cannot reach Neo4j" in lines[0]
        assert "a-Secret-password" not in result.output + result.stderr
    monkeypatch.setenv("NEO4J_URI", uri)  # the URI from the environment, the same way
    result = invoke("stats", "--neo4j")
    assert result.exit_code == 3 and f"cannot reach Neo4j at {uri}" in result.stderr


def test_a_dropped_connection_is_retried(neo, emb, monkeypatch):
    real = neo4j_batch.write_batch
    attempts = []

    def drop_first(tx, plan):
        attempts.append(1)
        written = real(tx, plan)  # everything written inside the transaction...
        if len(attempts) == 1:
            raise ServiceUnavailable("connection lost")  # ...then the connection goes
        return written

    monkeypatch.setattr(neo4j_batch, "write_batch", drop_first)
    records = [rec(i) for i in range(5)]
    ingest_records(neo, records)
    ingest_records(emb, records)
    assert len(attempts) == 2
    assert_same(neo, emb)


def test_a_connection_that_stays_down_fails_the_ingest_with_nothing_written(neo, cli_env, monkeypatch):
    write(neo, rec(N))
    before = as_sets(read_graph(neo))
    real = neo4j_batch.execute
    attempts = []

    def drop_midway(tx, cypher, params=None):
        if "UNWIND $rows AS row MATCH (a:Agency" in cypher:
            attempts.append(1)
            raise ServiceUnavailable("connection lost")
        return real(tx, cypher, params)

    monkeypatch.setattr(neo4j_batch, "execute", drop_midway)
    monkeypatch.setenv(neo4j_settings.RETRY_ENV, "0.5")
    result = invoke("ingest", "--records", *map(str, RECORD_FILES), "--neo4j-uri", cli_env.bolt_uri)
    assert result.exit_code == 3, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "lost the connection to Neo4j" in lines[0]
    assert "nothing of it was written" in lines[0] and cli_env.password not in result.stderr
    assert len(attempts) >= 2  # retried before giving up
    monkeypatch.undo()
    assert as_sets(read_graph(neo)) == before


# -- the command line with --neo4j ------------------------------------------------------------

def test_commands_work_with_neo4j(neo, cli_env, tmp_path):
    uri = cli_env.bolt_uri
    files = [str(f) for f in RECORD_FILES]
    result = invoke("ingest", "--records", *files, "--neo4j-uri", uri)
    assert result.exit_code == 0, result.stderr
    assert f"Neo4j {uri} now holds" in result.stdout
    result = invoke("stats", "--neo4j-uri", uri, "--format", "json")
    expected = stats_of(build_graph([rec(i) for i in range(5)]))
    assert json.loads(result.stdout) == expected
    result = invoke("query", "agencies-leading-most-tasks", "-p", "limit=3", "--neo4j-uri", uri,
                    "--format", "json")
    assert result.exit_code == 0 and len(json.loads(result.stdout)) == 3
    result = invoke("cypher", "MATCH (d:Document) WHERE d.stub = $s RETURN count(d) AS n",
                    "-p", "s=false", "--neo4j-uri", uri, "--format", "json")
    assert json.loads(result.stdout) == [{"n": 5}]
    out = tmp_path / "graph.json"
    result = invoke("export", str(out), "--format", "json", "--neo4j-uri", uri)
    assert result.exit_code == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["nodes"]) == sum(expected["nodes"].values())
    assert len(data["edges"]) == sum(expected["relationships"].values())


def test_the_local_server_needs_no_settings(neo, neo4j_instance, monkeypatch):
    """After `policykg neo4j start`, `--neo4j` alone finds the server and its password."""
    cfg = neo4j_instance.config
    for name in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NEO4J_BOLT_PORT", str(cfg.bolt_port))
    monkeypatch.setenv("POLICYKG_NEO4J_CREDENTIALS", str(cfg.credentials_file))
    result = invoke("ingest", "--records", str(RECORD_FILES[QC]), "--neo4j")
    assert result.exit_code == 0, result.stderr
    result = invoke("stats", "--neo4j", "--format", "json")
    assert json.loads(result.stdout) == stats_of(build_graph([rec(QC)]))


def test_only_bolt_uris_are_taken(monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", "a-Secret-password")
    for uri in ("http://127.0.0.1:7474", "127.0.0.1:7687"):
        result = invoke("stats", "--neo4j-uri", uri)
        assert result.exit_code == 3 and "is not a Neo4j Bolt URI" in result.stderr


def test_browser_answers(neo4j_instance):
    url = f"http://127.0.0.1:{neo4j_instance.config.http_port}/browser/"
    with urllib.request.urlopen(url, timeout=10) as resp:  # noqa: S310 - loopback only
        assert resp.status == 200


# -- where the store connects -----------------------------------------------------------------

def test_settings_come_from_the_arguments_then_the_environment(tmp_path, monkeypatch):
    env = {"NEO4J_URI": "neo4j+s://db.example.org", "NEO4J_USER": "reader",
           "NEO4J_PASSWORD": "from-the-env", "NEO4J_DATABASE": "policies"}
    s = resolve_settings(env=env)
    assert (s.uri, s.user, s.password, s.database) == (
        "neo4j+s://db.example.org", "reader", "from-the-env", "policies")
    assert "from-the-env" not in repr(s)
    assert resolve_settings("bolt://other:7687", env=env).uri == "bolt://other:7687"
    with pytest.raises(StoreError, match="set NEO4J_PASSWORD"):
        resolve_settings(env={"NEO4J_URI": "neo4j+s://db.example.org"})
    # the local server: its port and its credentials file (never sent to another host)
    creds = tmp_path / "neo4j.conf"
    creds.write_text("user=neo4j\npassword=from-the-file-123\n", encoding="utf-8")
    creds.chmod(stat.S_IRUSR | stat.S_IWUSR)
    monkeypatch.setenv("POLICYKG_NEO4J_CREDENTIALS", str(creds))
    monkeypatch.setenv("NEO4J_BOLT_PORT", "17687")
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    local = resolve_settings(env={})
    assert (local.uri, local.user, local.password, local.database) == (
        "bolt://127.0.0.1:17687", "neo4j", "from-the-file-123", None)
    assert resolve_settings("bolt://localhost:7687", env={}).password == "from-the-file-123"
    with pytest.raises(StoreError):
        resolve_settings("bolt://db.example.org:7687", env={})
    with pytest.raises(StoreError, match="POLICYKG_NEO4J_RETRY_SECONDS"):
        resolve_settings(env={**env, "POLICYKG_NEO4J_RETRY_SECONDS": "soon"})


def test_uris_in_messages_hide_credentials():
    assert neo4j_settings.shown_uri("neo4j+s://user:secret@db.example.org:7687/x?y=z") == \
        "neo4j+s://db.example.org:7687"
    assert neo4j_settings.is_local("bolt://127.0.0.1:7687") and neo4j_settings.is_local("bolt://[::1]:1")
    assert not neo4j_settings.is_local("neo4j+s://127.0.0.1.example.org")


def test_statements_only_take_schema_names():
    with pytest.raises(StoreError):
        neo4j_values.safe_label("Document) DETACH DELETE (n")
    with pytest.raises(StoreError):
        neo4j_values.safe_rel_type("HAS_TASK", "Agency", "Task")
    for name, statement in schema_statements():
        assert "IF NOT EXISTS" in statement and name in statement


def test_the_drivers_debug_log_shows_row_counts_not_document_text(neo, caplog):
    # The driver formats every RUN message for its debug log; a batch's rows appear
    # there as their number, so an enabled log holds no document text (and the
    # formatting costs nothing).
    record = rec(QC)
    caplog.set_level(logging.DEBUG, logger="neo4j")
    write(neo, record)
    runs = [m.getMessage() for m in caplog.records if "C: RUN" in m.getMessage()]
    assert any(" rows>" in r for r in runs)
    logged = "\n".join(m.getMessage() for m in caplog.records)
    texts = [t.text for t in record.tasks] + [m.text for m in record.measures]
    assert texts and not any(t[:30] in logged for t in texts if len(t) >= 30)
