"""Copying between levels: the similarity of two measures (pipeline/graph/similarity.py)
and the SIMILAR_TO edges `policykg similar` writes (pipeline/graph/similar_edges.py).

The texts and the three-level chain below are written for these tests: a national plan
(NA), a provincial plan implementing it (PR) and a city plan implementing the province
only (CI), whose national ancestor is reached through PR. The chain is ingested into a
real embedded store and a real Neo4j server, and both must hold the same edges.
"""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.graph import named_queries as nq
from pipeline.graph.embedded import EmbeddedStore
from pipeline.graph.ingest import ingest_records
from pipeline.graph.similar_edges import (MeasureText, ancestors, best_matches, recompute_similar,
                                          similar_pairs)
from pipeline.graph.similarity import fold, shingles, similarity
from pipeline.model import Record
from pipeline.parse.titles import document_id

# -- the similarity of two texts ---------------------------------------------------------

CLAUSE = "深入推进工业、建筑、交通等领域清洁低碳转型，加快淘汰落后产能，严格控制高耗能高排放项目盲目发展。"


def test_identical_texts_score_one():
    assert similarity(CLAUSE, CLAUSE) == 1.0


def test_unrelated_texts_score_low():
    other = "加强乡村教师队伍建设，改善农村学校办学条件，提高义务教育巩固水平。"
    assert similarity(CLAUSE, other) < 0.05


def test_a_clause_restated_with_another_place_name_scores_high():
    national = "全国地级及以上城市细颗粒物浓度下降百分之十，基本消除重污染天气。"
    local = "全市细颗粒物浓度下降百分之十，基本消除重污染天气。"
    assert similarity(national, local) >= 0.6
    assert similarity("推动山东省重点行业绿色化改造，培育一批绿色工厂。",
                      "推动江苏省重点行业绿色化改造，培育一批绿色工厂。") >= 0.6


def test_numbers_punctuation_and_width_are_folded():
    assert fold("到2025年，PM2.5浓度下降到38微克／立方米！") == "到#年pm#浓度下降到#微克立方米"
    assert similarity("优良天数比率达到87.5%。", "优良天数比率达到 72% ;") == 1.0
    # the same words with other numbers are the same clause; other words are not
    assert similarity("新增造林1000万亩", "新增造林200万亩") == 1.0
    assert similarity("新增造林1000万亩", "新增湿地1000万亩") < 0.5


def test_shingles_of_short_and_empty_texts():
    assert shingles("") == frozenset() and similarity("", CLAUSE) == 0.0
    assert shingles("节能") == frozenset({"节能"})
    assert shingles("节能降碳") == frozenset({"节能降", "能降碳"})


def test_similarity_is_symmetric_and_bounded():
    a, b = CLAUSE, CLAUSE[:30] + "推动能源消费革命。"
    assert similarity(a, b) == similarity(b, a)
    assert 0.0 < similarity(a, b) < 1.0


# -- ancestors and best matches, on plain values -----------------------------------------

def test_ancestors_are_transitive_ingested_and_each_once():
    parents = {"city": {"prov", "stub"}, "prov": {"nat"}, "nat": {"city"}, "other": {"nat"}}
    ingested = {"city", "prov", "nat", "other"}
    assert ancestors("city", parents, ingested) == ["prov", "nat"]  # the cycle back ends
    assert ancestors("nat", parents, ingested) == ["city", "prov"]
    assert ancestors("prov", parents, {"prov"}) == []  # its parent is not ingested
    assert ancestors("lonely", parents, ingested) == []


def test_best_matches_keep_the_most_similar_parent_measure_above_the_threshold():
    child = [MeasureText("c1", "C", "全市细颗粒物浓度下降百分之十，基本消除重污染天气。"),
             MeasureText("c2", "C", "加强乡村教师队伍建设。")]
    parent = [MeasureText("p1", "P", "加快淘汰落后产能。"),
              MeasureText("p2", "P", "全国细颗粒物浓度下降百分之十，基本消除重污染天气。"),
              MeasureText("p3", "P", "全国细颗粒物浓度下降。")]
    edges = best_matches(child, parent, 0.5)
    assert [(e.child, e.parent) for e in edges] == [("c1", "p2")]
    assert edges[0].score == round(similarity(child[0].text, parent[1].text), 4)
    assert best_matches(child, parent, 0.99) == []


def test_similar_pairs_compare_each_document_with_each_ingested_ancestor():
    text = "全面推行清洁生产，推进重点行业节能降碳改造。"
    measures = [MeasureText("n1", "N", text), MeasureText("p1", "P", text),
                MeasureText("c1", "C", text), MeasureText("x1", "X", text)]
    edges, summary = similar_pairs(["N", "P", "C", "X"], [("C", "P"), ("P", "N"), ("C", "S")],
                                   measures, 0.5)
    assert sorted((e.child, e.parent, e.score) for e in edges) == [
        ("c1", "n1", 1.0), ("c1", "p1", 1.0), ("p1", "n1", 1.0)]  # X is no one's ancestor
    assert (summary.documents, summary.pairs, summary.edges) == (2, 3, 3)


# -- edges in real stores ----------------------------------------------------------------

NAT = "国务院关于推进测试领域绿色转型的指导意见"
PRO = "测试省推进测试领域绿色转型实施方案"
CIT = "测试市推进测试领域绿色转型行动计划"
NA, PR, CI = (document_id(t) for t in (NAT, PRO, CIT))

N_MEASURES = ["加快推动工业领域节能降碳改造，严格控制高耗能高排放项目盲目发展。",
              "全国地级及以上城市细颗粒物浓度下降百分之十，基本消除重污染天气。",
              "完善绿色金融标准体系，引导金融机构加大对绿色低碳项目的支持力度。"]
P_MEASURES = ["加快推动全省工业领域节能降碳改造，严格控制高耗能高排放项目盲目发展。",
              "全省细颗粒物浓度下降百分之十，基本消除重污染天气。",
              "建设一批省级海洋牧场示范区，发展远洋渔业。"]
C_MEASURES = ["全市细颗粒物浓度下降百分之十，基本消除重污染天气。",
              "完善绿色金融标准体系，引导全市金融机构加大对绿色低碳项目的支持力度。",
              "推进老旧小区改造，完善社区养老服务设施。"]


def chain_record(title: str, level: str, texts: list[str], parents: list[tuple[str, str]]) -> Record:
    return Record.from_dict({
        "document": {"title": title, "issuer": None, "date": "2022-01-01", "region": None,
                     "level": level, "source": f"{level}.txt"},
        "parents": [{"title": t, "level": lv} for t, lv in parents],
        "references": [],
        "sections": [{"index": 1, "number": "一、", "title": "重点任务"}],
        "measures": [{"index": i, "section": 1, "number": f"（{i}）", "title": "", "text": t}
                     for i, t in enumerate(texts, 1)],
        "tasks": [], "targets": []})


NATIONAL = chain_record(NAT, "national", N_MEASURES, [])
PROVINCIAL = chain_record(PRO, "provincial", P_MEASURES, [(NAT, "national")])
CITY = chain_record(CIT, "city", C_MEASURES, [(PRO, "provincial")])

# (child measure, parent measure) expected at the default threshold: measure ids are
# DOCUMENT/mN; worked out from the texts above (each restated pair scores >= 0.5, and
# the rest 0).
EXPECTED = {(f"{PR}/m1", f"{NA}/m1"), (f"{PR}/m2", f"{NA}/m2"),
            (f"{CI}/m1", f"{PR}/m2"), (f"{CI}/m1", f"{NA}/m2"), (f"{CI}/m2", f"{NA}/m3")}


def edges(store) -> set[tuple[str, str]]:
    return {(r[0], r[1]) for r in store.run(
        "MATCH (a:Measure)-[s:SIMILAR_TO]->(b:Measure) RETURN a.id, b.id, s.score").rows}


def scores(store) -> list[tuple[str, str, float]]:
    return sorted(tuple(r) for r in store.run(
        "MATCH (a:Measure)-[s:SIMILAR_TO]->(b:Measure) RETURN a.id, b.id, s.score").rows)


def check_chain(store) -> None:
    """The chain's edges, written child first, then re-ingested, on ``store``."""
    ingest_records(store, [CITY])  # the child first: its parent is a stub, nothing to compare
    assert recompute_similar(store).edges == 0
    ingest_records(store, [PROVINCIAL])  # a parent after its child
    assert edges(store) == set()  # only `similar` makes edges
    recompute_similar(store)
    assert edges(store) == {(f"{CI}/m1", f"{PR}/m2")}
    ingest_records(store, [NATIONAL])  # the grandparent last: reached through PR
    summary = recompute_similar(store)
    assert edges(store) == EXPECTED and summary.edges == len(EXPECTED)
    assert (summary.documents, summary.pairs) == (2, 3)
    first = scores(store)
    for _, _, s in first:
        assert 0.6 <= s <= 1.0
    recompute_similar(store)  # again: the same edges, not twice as many
    assert scores(store) == first
    # Re-ingesting the province drops the edges of its measures, both ways ...
    ingest_records(store, [PROVINCIAL])
    assert edges(store) == {(a, b) for a, b in EXPECTED if not a.startswith(PR) and not b.startswith(PR)}
    assert edges(store) == {(f"{CI}/m1", f"{NA}/m2"), (f"{CI}/m2", f"{NA}/m3")}
    # ... and `similar` puts them back, once.
    recompute_similar(store)
    assert scores(store) == first
    # A higher threshold keeps fewer; the query lists them, best first.
    recompute_similar(store, 0.9)
    assert all(s >= 0.9 for *_, s in scores(store))
    recompute_similar(store)
    q = nq.get_query("measures-restating-parent")
    rows = store.run(q.cypher, nq.bind(q, {"document": "测试市"}), read_only=True).as_dicts()
    assert [(r["measureId"], r["parentMeasureId"]) for r in rows] and \
        {(r["measureId"], r["parentMeasureId"]) for r in rows} == {e for e in EXPECTED if e[0].startswith(CI)}
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    assert {r["parentTitle"] for r in rows} == {PRO, NAT}
    assert rows[0]["measureText"] == C_MEASURES[0] and rows[0]["parentMeasureText"] in (
        P_MEASURES[1], N_MEASURES[1])


def test_chain_edges_on_the_embedded_store(tmp_path):
    with EmbeddedStore(tmp_path / "store") as store:
        check_chain(store)


def test_chain_edges_on_neo4j_match_the_embedded_store(neo4j_server, tmp_path):
    from pipeline.graph.neo4j_store import open_neo4j

    uri, user, password = neo4j_server
    with open_neo4j(uri, user=user, password=password) as store:
        store.run("MATCH (n) DETACH DELETE n")
        check_chain(store)
        neo = scores(store)
        store.run("MATCH (n) DETACH DELETE n")
    with EmbeddedStore(tmp_path / "store") as emb:
        ingest_records(emb, [NATIONAL, PROVINCIAL, CITY])
        recompute_similar(emb)
        assert scores(emb) == neo


# -- the command -------------------------------------------------------------------------

def test_the_similar_command_writes_edges_and_refuses_a_bad_score(tmp_path):
    store = tmp_path / "store"
    with EmbeddedStore(store) as s:
        ingest_records(s, [NATIONAL, PROVINCIAL, CITY])
    run = CliRunner().invoke(cli, ["similar", "--store", str(store)])
    assert run.exit_code == 0, run.output
    assert run.output.startswith(f"similar: {len(EXPECTED)} SIMILAR_TO edges (score >= 0.3) from 2 documents")
    run = CliRunner().invoke(cli, ["similar", "--min", "0.95", "--store", str(store)])
    assert run.exit_code == 0 and "(score >= 0.95)" in run.output
    for bad in ("0", "1.5", "many"):
        run = CliRunner().invoke(cli, ["similar", "--min", bad, "--store", str(store)])
        assert run.exit_code == 2 and "--min" in run.output and "Traceback" not in run.output
    missing = CliRunner().invoke(cli, ["similar", "--store", str(tmp_path / "none")])
    assert missing.exit_code == 3 and "no graph store here" in missing.output
    assert len(missing.output.strip().splitlines()) == 1
    query = CliRunner().invoke(cli, ["query", "measures-restating-parent", "-p", "document=测试市",
                                     "--store", str(store), "--format", "json"])
    assert query.exit_code == 0, query.output
    assert all(r["score"] >= 0.95 for r in json.loads(query.output))


def test_ingest_with_similar_links_restated_measures_as_the_command_does(tmp_path):
    records = tmp_path / "chain.jsonl"
    records.write_text("".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n"
                               for r in (CITY, PROVINCIAL, NATIONAL)), encoding="utf-8")
    plain, linked = tmp_path / "plain", tmp_path / "linked"
    run = CliRunner().invoke(cli, ["ingest", "--records", str(records), "--store", str(plain)])
    assert run.exit_code == 0, run.output
    assert "SIMILAR_TO" not in run.output
    with EmbeddedStore(plain) as s:
        assert edges(s) == set()
    run = CliRunner().invoke(cli, ["ingest", "--records", "--similar", str(records), "--store", str(linked)])
    assert run.exit_code == 0, run.output
    assert f"similar: {len(EXPECTED)} SIMILAR_TO edges" in run.output
    with EmbeddedStore(linked) as s:
        assert edges(s) == EXPECTED
