"""`policykg query`: help per query, allowed values, name lookups; the Neo4j flags;
one exit-code table for every command.

A real embedded store holds the fixture records (tests/fixtures/records and
query-records); Neo4j is only ever an unreachable address here (the flags must
reach the store, not swallow an argument); the Neo4j side runs in
tests/test_neo4j_store.py.
"""
from __future__ import annotations

import json
import re
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.errors import EXIT_CODES, PolicykgError
from pipeline.graph import named_queries as nq

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parents[1]


def invoke(*args, env=None):
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("query") / "store"
    result = invoke("ingest", "--records", str(FIXTURES / "records"), str(FIXTURES / "query-records"),
                    "--store", str(path))
    assert result.exit_code == 0, result.stderr
    return str(path)


def one_error_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    return lines[0]


# -- query NAME --help ---------------------------------------------------------------------

def test_query_help_shows_question_parameters_allowed_values_and_example():
    result = invoke("query", "documents", "--help")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Which documents have been ingested" in out
    assert re.search(r"level\s+\(one of national, provincial, city, district; optional", out)
    assert "policykg query documents -p level=provincial" in out
    short = invoke("query", "documents", "-h")
    assert short.stdout == out


def test_query_help_names_types_and_how_names_are_matched():
    out = invoke("query", "document-targets-for-year", "--help").stdout
    assert re.search(r"document\s+\(document; required\)", out)
    assert "matched by a document's id, or a part of its title" in out
    assert re.search(r"year\s+\(int; default 2025\)", out)
    assert "-p document=中共中央、国务院关于深入打好污染防治攻坚战的意见 -p year=2025" in out
    out = invoke("query", "indicator-targets", "--help").stdout
    assert "synonyms count" in out and "indicator  (indicator; required)" in out


def test_query_help_without_a_name_and_with_an_unknown_one():
    out = invoke("query", "--help").stdout
    assert "Usage:" in out and "query [OPTIONS] [NAME]" in out and "--neo4j-uri" in out
    bad = invoke("query", "documnts", "--help")
    assert bad.exit_code == 2 and "did you mean documents" in one_error_line(bad)


def test_every_query_has_a_help_page_with_its_parameters():
    for q in nq.list_queries():
        out = invoke("query", q.name, "--help").stdout
        assert q.title in out, q.name
        for p in q.specs:
            assert re.search(rf"^  {p.name}  \(", out, flags=re.M), (q.name, p.name)


# -- allowed values, lookups ---------------------------------------------------------------------

def test_an_enum_parameter_outside_its_allowed_values_is_refused(store):
    for name in ("documents", "targets-due-by-year"):
        result = invoke("query", name, "-p", "level=市", "--store", store)
        assert result.exit_code == 2
        assert "parameter level must be one of national/provincial/city/district, not '市'" in (
            one_error_line(result))
    ok = invoke("query", "documents", "-p", "level=city", "--store", store, "--format", "json")
    assert ok.exit_code == 0 and {r["level"] for r in json.loads(ok.stdout)} == {"city"}


@pytest.mark.parametrize("args, message", [
    (("document-targets-for-year", "-p", "document=不存在的文件"),
     "no document matches '不存在的文件'; try `policykg query documents`"),
    (("compare-with-parents", "-p", "document=不存在的文件"),
     "no document matches '不存在的文件'; try `policykg query documents`"),
    (("agency-tasks-and-targets", "-p", "agency=不存在的局"),
     "no agency matches '不存在的局'; try `policykg query agencies-by-documents"),
    (("indicator-targets", "-p", "indicator=不存在的指标"),
     "no indicator matches '不存在的指标'; try `policykg query find-indicators"),
])
def test_a_name_matching_nothing_says_so_and_exits_1(store, args, message):
    result = invoke("query", *args, "--store", store)
    assert result.exit_code == 1
    assert message in one_error_line(result)
    assert result.stdout == ""


def test_names_match_by_part_in_every_query(store):
    def rows(*args):
        result = invoke("query", *args, "--store", store, "--format", "json")
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)

    pm = rows("indicator-targets", "-p", "indicator=细颗粒物")  # a synonym's word: PM2.5
    assert len(pm) == 5 and {r["indicator"] for r in pm} == {"PM2.5浓度"}
    assert rows("indicator-targets", "-p", "indicator=PM2.5") == pm
    assert [r["indicator"] for r in rows("find-indicators", "-p", "text=细颗粒物")] == ["PM2.5浓度"]
    assert [r["agency"] for r in rows("find-agencies", "-p", "text=市发改委")] == ["青岛市发展和改革委员会"]
    tasks = rows("agency-tasks-and-targets", "-p", "agency=市发改委")  # a mention
    assert {r["agency"] for r in tasks} == {"青岛市发展和改革委员会"} and len(tasks) == 4
    down = rows("implementing-documents", "-p", "document=中共中央、国务院关于深入打好")
    assert {r["implementedTitle"] for r in down} >= {"中共中央、国务院关于深入打好污染防治攻坚战的意见"}
    assert all(r["documentTitle"] for r in down)
    # a cited document that was never ingested (a stub) is a match too
    cited = rows("documents-citing", "-p", "document=山东省“十四五”生态环境保护规划")
    assert cited


def test_query_parameters_stay_parameters(store):
    sneaky = "x' OR 1=1 //"
    result = invoke("query", "document-targets-for-year", "-p", f"document={sneaky}", "--store", store)
    assert result.exit_code == 1 and "no document matches" in result.stderr


# -- the header: allowed values and name types ----------------------------------------------------

HEADER = """\
// name: demo
// title: Demo
// answers: Nothing much.
// param: level: national|city = null — a level
// param: who: agency — an agency
// param: what: indicator = "PM2.5" — an indicator
// example: who=生态环境部
MATCH (a:Agency) WHERE a.name CONTAINS $who AND coalesce($level, '') = coalesce($level, '')
  AND any(k IN $what_keys WHERE k = $what) RETURN a.name AS name ORDER BY name
"""


def test_header_declares_allowed_values_and_name_types(tmp_path):
    (tmp_path / "demo.cypher").write_text(HEADER, encoding="utf-8")
    q = nq.get_query("demo", tmp_path)
    level, who, what = q.specs
    assert (level.type, level.choices, level.default) == ("string", ("national", "city"), None)
    assert (who.type, who.lookup, who.required) == ("string", "agency", True)
    assert q.to_dict()["parameters"][0]["choices"] == ["national", "city"]
    assert q.to_dict()["parameters"][1]["matches"] == "agency"
    bound = nq.bind(q, {"who": "x", "what": "细颗粒物"})
    assert bound["what_keys"] == ["PM2.5浓度"]
    with pytest.raises(PolicykgError, match="must be one of national/city, not 'x'"):
        nq.bind(q, {"who": "x", "level": "x"})


@pytest.mark.parametrize("old, new, message", [
    ("national|city = null", "national|city = \"province\"", "is not one of national, city"),
    ("national|city = null", "national|national = null", "listed twice"),
    ("who: agency", "who: agencyname", "or a list a|b|c of allowed values"),
])
def test_bad_allowed_values_in_a_header_are_clear_errors(tmp_path, old, new, message):
    (tmp_path / "demo.cypher").write_text(HEADER.replace(old, new), encoding="utf-8")
    with pytest.raises(PolicykgError, match=re.escape(message)):
        nq.get_query("demo", tmp_path)


# -- --neo4j is a flag, --neo4j-uri takes the URI ----------------------------------------------

def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("args", [
    ("ingest", "--neo4j", str(FIXTURES / "records"), "--records"),
    ("stats", "--neo4j"),
    ("query", "--neo4j", "documents"),
    ("cypher", "--neo4j", "MATCH (d:Document) RETURN count(d) AS n"),
    ("compare", "--neo4j", "青岛市"),
    ("export", "--neo4j", "--format", "json"),
])
def test_the_neo4j_flag_takes_no_value(args, monkeypatch):
    uri = f"bolt://127.0.0.1:{closed_port()}"
    monkeypatch.setenv("NEO4J_URI", uri)
    monkeypatch.setenv("NEO4J_PASSWORD", "not-used-Secret")
    result = invoke(*args)
    assert result.exit_code == 3, result.output  # it reached the server: nothing was swallowed
    assert f"cannot reach Neo4j at {uri}" in one_error_line(result)
    other = f"bolt://127.0.0.1:{closed_port()}"
    result = invoke(*args[:1], "--neo4j-uri", other, *args[2:])
    assert result.exit_code == 3 and f"cannot reach Neo4j at {other}" in one_error_line(result)


def test_store_and_neo4j_together_or_an_empty_uri_are_usage_errors(tmp_path):
    both = invoke("stats", "--store", str(tmp_path), "--neo4j")
    assert both.exit_code == 2 and "not both" in both.stderr
    empty = invoke("stats", "--neo4j-uri", " ")
    assert empty.exit_code == 2 and "give a Bolt URI" in empty.stderr


# -- ingest summaries --------------------------------------------------------------------------

def test_the_ingest_summary_says_what_it_wrote_and_what_the_store_holds(tmp_path):
    path = str(tmp_path / "s")
    first = invoke("ingest", "--records", str(FIXTURES / "records"), "--store", path)
    assert first.exit_code == 0, first.stderr
    wrote, holds, links = first.stdout.strip().splitlines()
    assert links.startswith("links:")
    assert wrote.startswith("ingested 4 documents in ") and "(4 new)" in wrote
    assert holds.startswith(f"{path} now holds ") and "8 documents (4 ingested, 4 known only from citations)" in holds
    again = invoke("ingest", "--records", str(FIXTURES / "records"), str(FIXTURES / "query-records"),
                   "--store", path)
    wrote2, holds2, _links = again.stdout.strip().splitlines()
    assert "(1 new, 4 replacing the version already held)" in wrote2
    assert "9 documents (5 ingested, 4 known only from citations)" in holds2
    stats = json.loads(invoke("stats", "--store", path, "--format", "json").stdout)
    nodes, rels = sum(stats["nodes"].values()), sum(stats["relationships"].values())
    assert f"now holds {nodes} nodes and {rels} relationships" in holds2
    written = int(re.search(r": (\d+) nodes", wrote2).group(1))
    assert written < nodes  # the store holds more than this ingest wrote, and says so


# -- one exit-code table ------------------------------------------------------------------------

def test_the_readme_prints_the_exit_code_table():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Exit codes", 1)[1].split("\n#", 1)[0]
    rows = re.findall(r"^\| (\d+) \| ([^|]+) \|", section, flags=re.M)
    assert [(int(code), text.strip()) for code, text in rows][: len(EXIT_CODES)] == [
        (code, text) for code, text in EXIT_CODES]


GRAPH_COMMANDS = [("stats",), ("query", "documents"), ("cypher", "MATCH (n) RETURN count(n) AS n"),
                  ("compare", "青岛市"), ("export", "--format", "json")]


@pytest.mark.parametrize("args", GRAPH_COMMANDS)
def test_exit_codes_agree_across_commands(args, store, tmp_path):
    missing = invoke(*args, "--store", str(tmp_path / "none"))
    assert missing.exit_code == 3 and "no graph store here" in one_error_line(missing)
    unknown = invoke(*args, "--no-such-option", "--store", store)
    assert unknown.exit_code == 2
    ok = invoke(*args, "--store", store)
    assert ok.exit_code == (2 if args[0] == "compare" else 0), ok.output  # 青岛市: two documents


def test_no_match_and_bad_input_are_the_same_codes_in_query_and_compare(store):
    assert invoke("compare", "不存在的文件", "--store", store).exit_code == 1
    assert invoke("query", "compare-with-parents", "-p", "document=不存在的文件",
                  "--store", store).exit_code == 1
    assert invoke("compare", "青岛市", "--store", store).exit_code == 2  # several match
    assert invoke("query", "no-such-query", "--store", store).exit_code == 2
    assert invoke("query", "documents", "-p", "limit=3", "--store", store).exit_code == 2
    assert invoke("cypher", "MATCH (n) RETURN $x AS x", "-p", "x", "--store", store).exit_code == 2
    bad_cypher = invoke("cypher", "MATCH (n:NoSuchLabel) RETURN n", "--store", store)
    assert bad_cypher.exit_code == 3  # the store rejected the statement


# -- the same on Neo4j ---------------------------------------------------------------------------

def test_lookups_help_and_compare_answer_the_same_on_neo4j(store, neo4j_server, monkeypatch):
    from pipeline.graph.neo4j_store import open_neo4j

    uri, user, password = neo4j_server
    with open_neo4j(uri, user=user, password=password) as neo:
        neo.run("MATCH (n) DETACH DELETE n")
    monkeypatch.setenv("NEO4J_PASSWORD", password)
    monkeypatch.setenv("NEO4J_USER", user)
    monkeypatch.delenv("NEO4J_DATABASE", raising=False)
    monkeypatch.setenv("NEO4J_URI", uri)  # --neo4j alone finds it
    result = invoke("ingest", "--neo4j", str(FIXTURES / "records"), str(FIXTURES / "query-records"),
                    "--records")
    assert result.exit_code == 0, result.output
    assert f"Neo4j {uri} now holds" in result.stdout and "(5 new)" in result.stdout
    for args in (("query", "indicator-targets", "-p", "indicator=细颗粒物", "--format", "json"),
                 ("query", "agency-tasks-and-targets", "-p", "agency=市发改委", "--format", "json"),
                 ("compare", "青岛市深入打好", "--format", "json"),
                 ("compare", "青岛市碳达峰")):
        here = invoke(*args, "--store", store)
        there = invoke(*args, "--neo4j")
        assert there.exit_code == here.exit_code == 0, there.output
        assert there.stdout == here.stdout, args
    missing = invoke("query", "--neo4j", "measure-tasks", "-p", "document=不存在的文件", "-p", "measure=1")
    assert missing.exit_code == 1
    assert "no document matches '不存在的文件'; try `policykg query documents`" in one_error_line(missing)
    bad = invoke("cypher", "--neo4j", "MATCH (n) RETURN n.x(1) AS y")
    assert bad.exit_code == 3 and "Neo4j Cypher error" in one_error_line(bad)
