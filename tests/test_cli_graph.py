"""The graph commands (ingest, stats, cypher, query, export) through the real CLI.

Stores are real LadybugDB stores in tmp_path; `ingest` parses real corpus files.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.cli.graph_cmds import _width
from pipeline.graph.build import build_graph
from pipeline.model import Record
from pipeline.parse.titles import document_id
from tests.helpers import CORPUS

RECORDS = Path(__file__).parent / "fixtures" / "records"
NT = "中共中央、国务院关于深入打好污染防治攻坚战的意见"
QPT = "青岛市深入打好污染防治攻坚战实施方案"


def invoke(*args, env=None):
    result = CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)
    return result


def fixture_records() -> list[Record]:
    return [Record.from_dict(json.loads(p.read_text(encoding="utf-8")))
            for p in sorted(RECORDS.glob("*.json"))]


def expected_stats() -> dict:
    g = build_graph(fixture_records())
    nodes = Counter(a["label"] for _, a in g.nodes(data=True))
    rels = Counter(a["type"] for *_, a in g.edges(data=True))
    return {"nodes": dict(sorted(nodes.items())), "relationships": dict(sorted(rels.items()))}


@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory):
    store = tmp_path_factory.mktemp("cli") / "store"
    result = invoke("ingest", "--records", str(RECORDS), "--store", str(store))
    assert result.exit_code == 0, result.stderr
    return store


def stats(store) -> dict:
    result = invoke("stats", "--store", str(store), "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


# -- ingest ------------------------------------------------------------------------------

def test_ingest_real_documents_and_reingest(tmp_path):
    corpus = CORPUS
    files = [str(corpus / "qingdao-2022-pollution-plan.txt"),
             str(corpus / "national-2021-pollution-opinion.txt")]
    store = tmp_path / "real"
    result = invoke("ingest", *files, "--store", str(store))
    assert result.exit_code == 0, result.stderr
    assert "ingested 2 documents" in result.stdout
    first = stats(store)
    assert first["nodes"]["Task"] > 10 and first["relationships"]["RESPONSIBLE_FOR"] > 10
    rows = json.loads(invoke(
        "cypher", "MATCH (c:Document)-[:IMPLEMENTS]->(p:Document) WHERE c.id = $c "
        "RETURN p.id AS parent, p.stub AS stub ORDER BY parent",
        "-p", f"c={document_id(QPT)}", "--store", str(store), "--format", "json").stdout)
    assert {"parent": document_id(NT), "stub": False} in rows  # the national opinion, ingested
    again = invoke("ingest", files[1], files[0], "--store", str(store))
    assert again.exit_code == 0, again.stderr
    assert stats(store) == first


def test_ingest_records_into_the_env_store(tmp_path):
    env = {"POLICYKG_STORE": str(tmp_path / "env-store")}
    result = invoke("ingest", "--records", *sorted(str(p) for p in RECORDS.glob("*.json")), env=env)
    assert result.exit_code == 0, result.stderr
    total = expected_stats()
    assert f"ingested 4 documents" in result.stdout
    assert f"now holds {sum(total['nodes'].values())} nodes" in result.stdout
    out = invoke("stats", "--format", "json", env=env)
    assert json.loads(out.stdout) == total
    assert (tmp_path / "env-store").is_dir()


def test_ingest_defaults_to_policykg_store_in_the_working_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("POLICYKG_STORE", raising=False)
    result = invoke("ingest", "--records", str(RECORDS / "qingdao-2022-carbon-peak-plan.json"))
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "policykg-store").is_dir()
    assert json.loads(invoke("stats", "--format", "json").stdout)["nodes"]["Document"] == 3


def test_ingest_stops_at_a_bad_file_after_writing_the_ones_before(tmp_path):
    corpus = CORPUS
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    store = tmp_path / "s"
    result = invoke("ingest", str(corpus / "qingdao-2022-pollution-plan.txt"), str(empty),
                    "--store", str(store), "--workers", "1")
    assert result.exit_code == 2
    errors = [l for l in result.stderr.splitlines() if l.startswith("policykg: error:")]
    assert len(errors) == 1 and "empty.txt" in errors[0]
    assert "Traceback" not in result.stderr
    assert "1 document written to" in result.stderr
    got = invoke("cypher", "MATCH (d:Document) WHERE d.stub = false RETURN d.id AS id",
                 "--store", str(store), "--format", "json")
    assert json.loads(got.stdout) == [{"id": document_id(QPT)}]


def test_ingest_a_broken_record_file(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"document": {"title": "x"}}', encoding="utf-8")
    result = invoke("ingest", "--records", str(RECORDS / "national-2021-pollution-opinion.json"),
                    str(bad), "--store", str(tmp_path / "s"))
    assert result.exit_code == 2
    assert "bad.json" in result.stderr and "not a policykg record" in result.stderr
    assert stats(tmp_path / "s")["nodes"]["Document"] == 2  # N and the plan it cites


def test_ingest_missing_path(tmp_path):
    result = invoke("ingest", str(tmp_path / "nope.txt"), "--store", str(tmp_path / "s"))
    assert result.exit_code == 2 and "no such file or folder" in result.stderr
    assert not (tmp_path / "s").exists()


def test_ingest_progress_bar(tmp_path):
    result = invoke("ingest", "--records", str(RECORDS), "--store", str(tmp_path / "s"), "--progress")
    assert result.exit_code == 0, result.stderr
    assert "4/4" in result.stderr
    quiet = invoke("ingest", "--records", str(RECORDS), "--store", str(tmp_path / "s"), "--no-progress")
    assert "4/4" not in quiet.stderr


# -- stats, cypher ------------------------------------------------------------------------

def test_stats_table_and_json(fixture_store):
    assert stats(fixture_store) == expected_stats()
    table = invoke("stats", "--store", str(fixture_store)).stdout
    assert "RESPONSIBLE_FOR" in table and "Agency" in table


def test_stats_on_a_missing_store(tmp_path):
    result = invoke("stats", "--store", str(tmp_path / "none"))
    assert result.exit_code == 3
    assert "no graph store here" in result.stderr and "policykg ingest" in result.stderr
    assert not (tmp_path / "none").exists()


def test_cypher_json_rows_are_objects_with_plain_values(fixture_store):
    result = invoke("cypher", "MATCH (a:Agency)-[r:RESPONSIBLE_FOR]->(t:Task) WHERE r.mention = $m "
                    "RETURN a AS agency, r.role AS role, t.position AS task",
                    "-p", "m=市发改委", "--store", str(fixture_store), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == [{
        "agency": {"_label": "Agency", "id": "agency:青岛市发展和改革委员会", "name": "青岛市发展和改革委员会",
                   "system": "发展改革", "caption": "青岛市发 展和改革 委员会"},
        "role": "lead", "task": 1}]


def test_cypher_parameters_are_typed_from_json(fixture_store):
    result = invoke("cypher", "MATCH (t:Target) WHERE t.year = $y AND t.value >= $v "
                    "RETURN t.indicator AS indicator, t.value AS value ORDER BY value",
                    "-p", "y=2023", "-p", "v=1e5", "--store", str(fixture_store), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == [{"indicator": "关停退出低效燃煤机组", "value": 183500.0}]
    listed = invoke("cypher", "UNWIND $xs AS x RETURN x", "-p", 'xs=[1, 2]', "-p",
                    "--store", str(fixture_store), "--format", "json")
    assert listed.exit_code == 2  # a -p without key=value is a usage error
    listed = invoke("cypher", "UNWIND $xs AS x RETURN x, $s AS s", "-p", "xs=[1, 2]", "-p", "s=2030年",
                    "--store", str(fixture_store), "--format", "json")
    assert json.loads(listed.stdout) == [{"x": 1, "s": "2030年"}, {"x": 2, "s": "2030年"}]


def test_cypher_csv_has_a_header(fixture_store):
    result = invoke("cypher", "MATCH (d:Document) WHERE d.stub = false "
                    "RETURN d.title AS title, d.level AS level ORDER BY title",
                    "--store", str(fixture_store), "--format", "csv")
    lines = result.stdout.splitlines()
    assert lines[0] == "title,level"
    assert len(lines) == 5 and f"{QPT},city" in lines


def test_cypher_table_lines_up_chinese_text(fixture_store):
    result = invoke("cypher", "MATCH (a:Agency) RETURN a.name AS agency, size(a.name) AS n ORDER BY agency",
                    "--store", str(fixture_store))
    lines = result.stdout.splitlines()
    header, rows = lines[0], lines[2:-1]
    assert len(rows) == expected_stats()["nodes"]["Agency"] and lines[-1].startswith(f"({len(rows)} rows")
    col = _width(header) - 1  # the header ends with the one-character column "n"
    for line in rows:
        name, _, count = line.rpartition("  ")
        assert _width(line) - len(count) == col, line  # the second column starts at one width


def test_cypher_error_is_one_line(fixture_store):
    result = invoke("cypher", "MATCH (d:Documen) RETURN d", "--store", str(fixture_store))
    assert result.exit_code == 3
    assert result.stderr.count("\n") == 1 and "Documen" in result.stderr


# -- query ----------------------------------------------------------------------------------

QUERY_FILE = """\
// name: agency-roles
// title: The roles one agency holds
// answers: For one agency, how many tasks it holds in each role.
// param: agency: string — the agency's canonical name
// param: limit: int = 10 — how many roles
// example: agency=生态环境部
MATCH (a:Agency {name: $agency})-[r:RESPONSIBLE_FOR]->(t:Task)
RETURN r.role AS role, count(t) AS tasks
ORDER BY tasks DESC, role
LIMIT $limit
"""


@pytest.fixture
def queries_dir(tmp_path, monkeypatch):
    folder = tmp_path / "queries"
    folder.mkdir()
    (folder / "agency-roles.cypher").write_text(QUERY_FILE, encoding="utf-8")
    monkeypatch.setenv("POLICYKG_QUERIES_DIR", str(folder))
    return folder


def test_query_list_json(queries_dir):
    result = invoke("query", "--list", "--format", "json")
    assert result.exit_code == 0, result.stderr
    (item,) = json.loads(result.stdout)
    assert item["name"] == "agency-roles" and item["title"] == "The roles one agency holds"
    assert [p["name"] for p in item["parameters"]] == ["agency", "limit"]
    table = invoke("query", "--list").stdout
    assert "agency-roles" in table and "limit=10" in table


def test_query_runs_with_parameters(queries_dir, fixture_store):
    result = invoke("query", "agency-roles", "-p", "agency=青岛市发展和改革委员会",
                    "--store", str(fixture_store), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == [{"role": "lead", "tasks": 3}, {"role": "shared", "tasks": 1}]
    one = invoke("query", "agency-roles", "-p", "agency=青岛市发展和改革委员会", "-p", "limit=1",
                 "--store", str(fixture_store), "--format", "json")
    assert json.loads(one.stdout) == [{"role": "lead", "tasks": 3}]


def test_query_errors(queries_dir, fixture_store):
    missing = invoke("query", "agency-roles", "--store", str(fixture_store))
    assert missing.exit_code != 0 and "-p agency=" in missing.stderr
    unknown = invoke("query", "no-such-query", "--store", str(fixture_store))
    assert unknown.exit_code != 0 and "no-such-query" in unknown.stderr
    assert "Traceback" not in missing.stderr + unknown.stderr
    neither = invoke("query")
    assert neither.exit_code == 2


def test_repository_queries_are_listed():
    result = invoke("query", "--list", "--format", "json")
    names = {q["name"] for q in json.loads(result.stdout)}
    files = {p.stem for p in (Path(__file__).resolve().parents[1] / "queries").glob("*.cypher")}
    assert names == files and names


# -- export, --neo4j ----------------------------------------------------------------------

def test_export_graphml_reads_back(fixture_store, tmp_path):
    out = tmp_path / "graph.graphml"
    result = invoke("export", "--format", "graphml", str(out), "--store", str(fixture_store))
    assert result.exit_code == 0, result.stderr
    g = nx.read_graphml(out, force_multigraph=True)
    total = expected_stats()
    assert g.number_of_nodes() == sum(total["nodes"].values())
    assert g.number_of_edges() == sum(total["relationships"].values())
    assert Counter(a["label"] for _, a in g.nodes(data=True)) == Counter(total["nodes"])
    doc = g.nodes[document_id(QPT)]
    assert doc["caption"] == QPT and doc["stub"] is False
    assert not list(tmp_path.glob("*.part"))
    again = tmp_path / "again.graphml"
    assert invoke("export", "--store", str(fixture_store), "-o", str(again)).exit_code == 0
    assert again.read_bytes() == out.read_bytes()  # the same graph, written the same way


def test_export_json_to_stdout(fixture_store):
    result = invoke("export", "--store", str(fixture_store), "--format", "json")
    data = json.loads(result.stdout)
    assert len(data["nodes"]) == sum(expected_stats()["nodes"].values())
    assert {e["type"] for e in data["edges"]} == set(expected_stats()["relationships"])


def test_neo4j_option_without_the_neo4j_store(fixture_store, monkeypatch):
    monkeypatch.setitem(sys.modules, "pipeline.graph.neo4j_store", None)  # import fails
    result = invoke("stats", "--neo4j")
    assert result.exit_code == 3 and "not available" in result.stderr
