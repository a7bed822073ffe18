"""The agency collaboration network (pipeline/graph/network.py, `policykg network`).

A hand-built fixture of two documents, whose answers are worked out by hand:

* 甲市 (city): t1 X lead + Y shared; t2 X lead + Y support + Z support; t3 Z lead + W lead
* 乙省 (provincial): t1 X lead + C implement (各区人民政府, collective); t2 W lead + V support

Pairs (any role): X–Y 2 tasks (t1, t2 of 甲市), X–Z, Y–Z, Z–W, X–C, W–V 1 each. The network
C–X–Y, X–Z, Y–Z, Z–W–V: degree X 3, Z 3, Y 2, W 2, C 1, V 1; weighted degree X 4, Y 3,
Z 3, W 2, C 1, V 1. Shortest paths through an agency (10 pairs of others at most; normalised
by 2/((n-1)(n-2)) = 1/10): X on C–Y, C–Z, C–W, C–V (0.4); Z on C–W, C–V, X–W, X–V, Y–W,
Y–V (0.6); W on C–V, X–V, Y–V, Z–V (0.4); Y, C, V none.
"""
from __future__ import annotations

import json

import networkx as nx
import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.graph import named_queries as nq
from pipeline.graph import network as nw
from pipeline.graph.embedded import EmbeddedStore
from pipeline.graph.ingest import ingest_records
from pipeline.model import Record

X, Y, Z, W = "甲市发展和改革委员会", "甲市生态环境局", "甲市工业和信息化局", "甲市交通运输局"
V, C = "乙省财政厅", "各区人民政府"
CITY_TITLE, PROVINCE_TITLE = "甲市生态环境保护工作方案", "乙省大气污染防治行动计划"


def _record(title, region, level, tasks):
    return Record.from_dict({
        "document": {"title": title, "issuer": f"{region}人民政府", "date": "2022-05-01",
                     "region": region, "level": level, "source": f"{title}.txt"},
        "parents": [], "references": [],
        "sections": [{"index": 1, "number": "一、", "title": "重点任务"}],
        "measures": [{"index": 1, "section": 1, "number": "（一）", "title": "推进工作",
                      "text": "推进工作。"}],
        "tasks": [{"measure": 1, "index": n, "section": 1, "text": f"任务{n}。",
                   "agencies": [{"mention": name, "name": name, "role": role,
                                 "collective": name == C} for name, role in named]}
                  for n, named in enumerate(tasks, start=1)],
        "targets": []})


RECORDS = [
    _record(CITY_TITLE, "甲市", "city", [[(X, "lead"), (Y, "shared")],
                                         [(X, "lead"), (Y, "support"), (Z, "support")],
                                         [(Z, "lead"), (W, "lead")]]),
    _record(PROVINCE_TITLE, "乙省", "provincial", [[(X, "lead"), (C, "implement")],
                                                   [(W, "lead"), (V, "support")]]),
]

ALL_PAIRS = {frozenset((X, Y)): (2, 1), frozenset((X, Z)): (1, 1), frozenset((Y, Z)): (1, 1),
             frozenset((Z, W)): (1, 1), frozenset((X, C)): (1, 1), frozenset((W, V)): (1, 1)}
DEGREE = {X: 3, Z: 3, Y: 2, W: 2, C: 1, V: 1}
WEIGHTED = {X: 4, Y: 3, Z: 3, W: 2, C: 1, V: 1}
BETWEENNESS = {X: 0.4, Z: 0.6, W: 0.4, Y: 0.0, C: 0.0, V: 0.0}


def pairs_of(net_or_pairs):
    pairs = getattr(net_or_pairs, "pairs", net_or_pairs)
    return {frozenset((p.agency, p.partner)): (p.tasks, p.documents) for p in pairs}


def scores_of(net):
    return {a.agency: (a.degree, a.weighted_degree, a.betweenness) for a in net.agencies}


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("network") / "store"
    with EmbeddedStore(path) as s:
        assert ingest_records(s, RECORDS).documents == 2
    return path


@pytest.fixture(scope="module")
def rows(store_dir):
    with EmbeddedStore(store_dir, read_only=True) as s:
        return nw.read_responsibilities(s)


def invoke(*args, env=None):
    result = CliRunner().invoke(cli, ["network", *args], env=env, catch_exceptions=False)
    return result


# -- pure functions ---------------------------------------------------------------------

def test_rows_read_from_the_store_carry_documents_roles_and_the_collective_flag(rows):
    assert len(rows) == 11
    assert {r.agency for r in rows if r.collective} == {C}
    assert {(r.agency, r.role) for r in rows if r.level == "provincial"} == {
        (X, "lead"), (C, "implement"), (W, "lead"), (V, "support")}
    assert {r.region for r in rows} == {"甲市", "乙省"}


def test_pair_weights_degree_and_betweenness_by_hand(rows):
    net = nw.network(rows)
    assert pairs_of(net) == ALL_PAIRS
    assert net.pairs[0] == nw.Pair(*sorted((X, Y)), 2, 1)
    assert scores_of(net) == {a: (DEGREE[a], WEIGHTED[a], BETWEENNESS[a]) for a in DEGREE}
    assert [a.agency for a in net.agencies][:4] == [X, Z, Y, W]
    assert {a.agency for a in net.agencies if a.collective} == {C}


def test_a_task_shared_twice_by_one_pair_counts_once():
    r = [nw.Responsibility("A", "t1", "d1", "lead"), nw.Responsibility("A", "t1", "d1", "support"),
         nw.Responsibility("B", "t1", "d1", "shared"), nw.Responsibility("B", "t2", "d2", "lead"),
         nw.Responsibility("A", "t2", "d2", "lead")]
    assert nw.pair_list(r) == [nw.Pair("A", "B", 2, 2)]
    assert scores_of(nw.network(r)) == {"A": (1, 2, 0.0), "B": (1, 2, 0.0)}


def test_restrictions(rows):
    def net(**kw):
        min_shared = kw.pop("min_shared", 1)
        return nw.network(nw.restrict(rows, nw.Restriction(**kw)), min_shared)

    city = {k: v for k, v in ALL_PAIRS.items() if not k & {C, V}}
    province = {frozenset((X, C)): (1, 1), frozenset((W, V)): (1, 1)}
    assert pairs_of(net(document="生态环境保护")) == city
    assert pairs_of(net(level="city")) == city
    assert pairs_of(net(region="乙")) == province
    assert pairs_of(net(level="national")) == {}
    assert pairs_of(net(role="lead")) == {frozenset((Z, W)): (1, 1)}
    assert pairs_of(net(min_shared=2)) == {frozenset((X, Y)): (2, 1)}
    # without C: X no longer lies between anyone; Z on X–W, X–V, Y–W, Y–V (4/6), W on X–V, Y–V, Z–V
    no_c = net(exclude_collective=True)
    assert pairs_of(no_c) == {k: v for k, v in ALL_PAIRS.items() if C not in k}
    assert scores_of(no_c) == {X: (2, 3, 0.0), Y: (2, 3, 0.0), Z: (3, 3, 0.666667),
                               W: (2, 2, 0.5), V: (1, 1, 0.0)}


def test_pairs_agree_with_the_named_query(store_dir, rows):
    query = nq.get_query("agency-pairs-sharing-tasks")
    with EmbeddedStore(store_dir, read_only=True) as s:
        for min_shared in (1, 2):
            named = s.run(query.cypher, nq.bind(query, {"min_tasks": min_shared, "limit": 1000}),
                          read_only=True).rows
            assert [tuple(r) for r in named] == [
                (p.agency, p.partner, p.tasks, p.documents) for p in nw.pair_list(rows, min_shared)]


# -- the command --------------------------------------------------------------------------

def test_command_json_csv_and_table(store_dir):
    res = invoke("--store", str(store_dir), "--format", "json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert {frozenset((p["agency"], p["partner"])): (p["tasks"], p["documents"])
            for p in data["pairs"]} == ALL_PAIRS
    assert {a["agency"]: (a["degree"], a["weightedDegree"], a["betweenness"])
            for a in data["agencies"]} == {a: (DEGREE[a], WEIGHTED[a], BETWEENNESS[a]) for a in DEGREE}

    res = invoke("--store", str(store_dir), "--format", "csv", "--exclude-collective")
    lines = res.stdout.splitlines()
    assert lines[0] == ",".join(("section", "agency", "partner", "tasks", "documents", "collective",
                                 "degree", "weightedDegree", "betweenness"))
    assert sum(line.startswith("pair,") for line in lines) == 5
    assert f"agency,{Z},,,,false,3,3,0.666667" in lines

    res = invoke("--store", str(store_dir), "--role", "lead")
    assert res.exit_code == 0
    assert res.stdout.startswith("2 agencies, 1 pairs sharing tasks")
    assert W in res.stdout and X not in res.stdout


def test_command_refuses_a_document_that_matches_nothing(store_dir):
    res = invoke("--store", str(store_dir), "--document", "没有这个文件")
    assert res.exit_code == 1
    assert "no document matches '没有这个文件'" in res.stderr


@pytest.mark.parametrize("fmt,reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_files_read_back_with_the_same_weighted_edges(store_dir, tmp_path, fmt, reader):
    out = tmp_path / f"net.{fmt}"
    res = invoke("--store", str(store_dir), f"--{fmt}", str(out), "--format", "json")
    assert res.exit_code == 0, res.output
    g = reader(out)
    edges = {frozenset((a, b)): (int(d["weight"]), int(d["documents"])) for a, b, d in g.edges(data=True)}
    assert edges == ALL_PAIRS
    assert float(g.nodes[Z]["betweenness"]) == pytest.approx(0.6)
    assert int(g.nodes[X]["weightedDegree"]) == 4


def test_unwritable_network_file_is_one_line(store_dir, tmp_path):
    res = invoke("--store", str(store_dir), "--graphml", str(tmp_path / "no" / "such" / "net.graphml"))
    assert res.exit_code == 2
    assert res.stderr.startswith("policykg: error: cannot write") and res.stderr.count("\n") == 1


# -- Neo4j ---------------------------------------------------------------------------------

def test_neo4j_gives_the_same_network(neo4j_server, monkeypatch, store_dir):
    from pipeline.graph.neo4j_store import open_neo4j

    uri, user, password = neo4j_server
    with open_neo4j(uri, user=user, password=password) as store:
        store.run("MATCH (n) DETACH DELETE n")
        ingest_records(store, RECORDS)
        neo_rows = nw.read_responsibilities(store)
        query = nq.get_query("agency-pairs-sharing-tasks")
        named = store.run(query.cypher, nq.bind(query, {"limit": 1000}), read_only=True).rows
    assert pairs_of(nw.network(neo_rows)) == ALL_PAIRS
    assert [tuple(r) for r in named] == [(p.agency, p.partner, p.tasks, p.documents)
                                         for p in nw.pair_list(neo_rows)]
    env = {"NEO4J_USER": user, "NEO4J_PASSWORD": password}
    for args in ([], ["--level", "provincial"], ["--exclude-collective", "--min-shared", "1"]):
        neo = invoke("--neo4j-uri", uri, "--format", "json", *args, env=env)
        emb = invoke("--store", str(store_dir), "--format", "json", *args)
        assert neo.exit_code == 0, neo.output
        assert json.loads(neo.stdout) == json.loads(emb.stdout)
