"""Records -> networkx graph (pipeline.graph.build), on the fixture corpus.

tests/fixtures/records/ holds four hand-written contract records: a national
opinion (N), a provincial document implementing it (S), a city plan implementing
both (QP) and a city carbon-peak plan without sections (QC) whose parents are
only cited.
"""
from __future__ import annotations

import copy
import json
from collections import Counter
from pathlib import Path

import jsonschema
import pytest

from pipeline.errors import InputError
from pipeline.graph.build import (
    agency_key, build_document_graph, build_graph, indicator_key, record_document_id,
)
from pipeline.graph.indicators import normalise_indicator
from pipeline.graph.schema import (
    DOCUMENT_LABELS, NODE_PROPERTIES, RELATIONSHIP_PAIRS, RELATIONSHIP_PROPERTIES,
)
from pipeline.model import Record
from pipeline.parse.titles import document_id
from pipeline.data import policy_record_schema

RECORDS = Path(__file__).parent / "fixtures" / "records"
FILES = {
    "N": "national-2021-pollution-opinion.json",
    "S": "shandong-2022-pollution-measures.json",
    "QP": "qingdao-2022-pollution-plan.json",
    "QC": "qingdao-2022-carbon-peak-plan.json",
}
PY_TYPES = {"STRING": str, "INT64": int, "DOUBLE": float, "BOOLEAN": bool}


def raw(name: str) -> dict:
    return json.loads((RECORDS / FILES[name]).read_text(encoding="utf-8"))


def rec(name: str) -> Record:
    return Record.from_dict(raw(name))


def edges(g, rel_type):
    return {(u, v) for u, v, a in g.edges(data=True) if a["type"] == rel_type}


def test_fixture_records_follow_the_contract():
    schema = policy_record_schema()
    for name in FILES:
        data = raw(name)
        jsonschema.validate(data, schema)
        assert data["document"]["id"] == document_id(data["document"]["title"])
        assert Record.from_dict(data).to_dict()["targets"] == data["targets"]


@pytest.mark.parametrize("name", list(FILES))
def test_every_node_and_relationship_follows_the_schema(name):
    g = build_document_graph(rec(name))
    for key, attrs in g.nodes(data=True):
        label = attrs["label"]
        types = dict(NODE_PROPERTIES[label])
        assert attrs["id"] == key
        for prop, value in attrs.items():
            if prop == "label":
                continue
            assert prop in types, (key, prop)
            assert isinstance(value, PY_TYPES[types[prop]]), (key, prop, value)
            assert value != "", (key, prop)
        if label in DOCUMENT_LABELS:
            assert attrs["documentId"] == record_document_id(rec(name))
    for u, v, attrs in g.edges(data=True):
        pair = (g.nodes[u]["label"], g.nodes[v]["label"])
        assert pair in RELATIONSHIP_PAIRS[attrs["type"]], (u, v, attrs)
        allowed = {p for p, _ in RELATIONSHIP_PROPERTIES.get(attrs["type"], [])}
        assert set(attrs) - {"type"} <= allowed


def test_national_document_structure():
    r = rec("N")
    d = record_document_id(r)
    g = build_document_graph(r)
    labels = Counter(a["label"] for _, a in g.nodes(data=True))
    assert labels["Section"] == len(r.sections) == 3
    assert labels["Measure"] == len(r.measures) == 6
    assert labels["Task"] == len(r.tasks) == 3
    assert labels["Target"] == len(r.targets) == 6
    assert edges(g, "HAS_SECTION") == {(d, f"{d}/s{i}") for i in (1, 2, 3)}
    assert (f"{d}/s2", f"{d}/m4") in edges(g, "HAS_MEASURE")
    assert (f"{d}/m4", f"{d}/m4/t1") in edges(g, "HAS_TASK")
    doc = g.nodes[d]
    assert doc["stub"] is False and doc["level"] == "national" and doc["region"] == "全国"
    measure = g.nodes[f"{d}/m4"]
    assert (measure["position"], measure["section"], measure["number"]) == (4, 2, "（四）")


def test_targets_hang_off_the_most_specific_container():
    n, s, qc = (record_document_id(rec(x)) for x in ("N", "S", "QC"))
    gn, gs, gqc = (build_document_graph(rec(x)) for x in ("N", "S", "QC"))
    # task set -> the task; measure only -> the measure
    assert (f"{n}/m5/t1", f"{n}/tg5") in edges(gn, "SETS_TARGET")
    assert (f"{n}/m3", f"{n}/tg1") in edges(gn, "SETS_TARGET")
    # measure null, section 2 -> the section; nothing -> the document
    assert (f"{s}/s2", f"{s}/tg4") in edges(gs, "SETS_TARGET")
    assert (qc, f"{qc}/tg3") in edges(gqc, "SETS_TARGET")
    # every target has exactly one holder
    for g in (gn, gs, gqc):
        holders = Counter(v for _, v in edges(g, "SETS_TARGET"))
        targets = [k for k, a in g.nodes(data=True) if a["label"] == "Target"]
        assert sorted(holders) == sorted(targets) and set(holders.values()) == {1}
    t = gn.nodes[f"{n}/tg1"]
    assert (t["value"], t["unit"], t["kind"], t["direction"], t["year"], t["baselineYear"]) == \
        (18.0, "%", "change", "down", 2025, 2020)
    assert t["valueText"] == "18%" and "comparator" in t


def test_tasks_and_measures_outside_containers():
    s, qc = record_document_id(rec("S")), record_document_id(rec("QC"))
    gs, gqc = build_document_graph(rec("S")), build_document_graph(rec("QC"))
    assert (f"{s}/s1", f"{s}/s1/t1") in edges(gs, "HAS_TASK")  # measure null: its section
    assert (qc, f"{qc}/t1") in edges(gqc, "HAS_TASK")  # no section either: the document
    assert {u for u, _ in edges(gqc, "HAS_MEASURE")} == {qc}  # no sections at all
    assert "section" not in gqc.nodes[f"{qc}/m1"]


def test_agencies_by_canonical_name_with_mentions_on_the_relationship():
    qp = record_document_id(rec("QP"))
    g = build_document_graph(rec("QP"))
    ndrc = agency_key("青岛市发展和改革委员会")
    rels = {(v, a["role"], a["mention"]) for u, v, a in g.edges(ndrc, data=True)}
    # two mentions (市发展改革委, 市发改委) of one agency: one node, the mention on the edge
    assert rels == {(f"{qp}/m3/t1", "shared", "市发展改革委"), (f"{qp}/m4/t1", "lead", "市发改委")}
    assert g.nodes[ndrc] == {"label": "Agency", "id": ndrc, "name": "青岛市发展和改革委员会", "system": "发展改革",
                             "caption": "青岛市发 展和改革 委员会"}
    # no canonical name: keyed by the mention
    assert g.nodes[agency_key("各区(市)")]["name"] == "各区(市)"


def test_shared_nodes_meet_across_documents():
    g = build_graph(rec(x) for x in ("N", "S", "QP", "QC"))
    n, s, qp = (record_document_id(rec(x)) for x in ("N", "S", "QP"))
    pm25 = indicator_key(normalise_indicator("细颗粒物PM2.5浓度"))
    # 细颗粒物（PM2.5）浓度 (S), 细颗粒物(PM2.5)浓度 (QP) and 地级及以上城市细颗粒物（PM2.5）浓度 (N): one indicator
    assert {u for u, _ in g.in_edges(pm25)} == {f"{s}/tg1", f"{qp}/tg1", f"{n}/tg2"}
    assert g.nodes[f"{s}/tg1"]["indicator"] == "细颗粒物（PM2.5）浓度"  # surface form kept
    assert g.nodes[f"{qp}/tg1"]["indicator"] == "细颗粒物(PM2.5)浓度"
    shandong_msa = agency_key("山东海事局")
    assert {v.split("/")[0] for _, v in g.out_edges(shandong_msa)} == {s, qp}


def test_parents_and_citations_become_stubs_and_full_documents_win():
    n, s, qp, qc = (record_document_id(rec(x)) for x in ("N", "S", "QP", "QC"))
    gqp = build_document_graph(rec("QP"))
    assert edges(gqp, "IMPLEMENTS") == {(qp, n), (qp, s)}
    assert gqp.nodes[s]["stub"] is True and gqp.nodes[s]["level"] == "provincial"
    assert (f"{qp}/m3", qc) in edges(gqp, "REFERENCES")
    # QC's parent is cited inside a cover notice; N cites the plan by its own title: one stub
    peak = document_id("2030年前碳达峰行动方案")
    gqc = build_document_graph(rec("QC"))
    assert gqc.nodes[peak] == {"label": "Document", "id": peak, "title": "2030年前碳达峰行动方案",
                               "level": "national", "stub": True, "caption": "2030年前 碳达峰行 动方案"}
    g = build_graph(rec(x) for x in ("QP", "QC", "N", "S"))  # stubs first, full documents later
    for d in (n, s, qp, qc):
        assert g.nodes[d]["stub"] is False and "issuer" in g.nodes[d]
    assert g.nodes[peak]["stub"] is True
    assert (qp, s) in edges(g, "IMPLEMENTS") and (f"{n}/m4", peak) in edges(g, "REFERENCES")


def test_citation_outside_measures_and_self_citation():
    data = raw("QC")
    data["references"] = [{"title": "青岛市“十四五”生态环境保护规划", "measure": None},
                          {"title": "《青岛市碳达峰工作方案》", "measure": 1}]  # itself
    r = Record.from_dict(data)
    d = record_document_id(r)
    g = build_document_graph(r)
    assert edges(g, "REFERENCES") == {(d, document_id("青岛市“十四五”生态环境保护规划"))}


def test_build_graph_rejects_one_document_twice():
    with pytest.raises(InputError, match="given twice"):
        build_graph([rec("N"), rec("N")])


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d["tasks"][0].update(measure=99), "names measure 99"),
    (lambda d: d["measures"].append(dict(d["measures"][0])), "measure 1 appears twice"),
    (lambda d: d["measures"][0].update(section=9), "names section 9"),
    (lambda d: d["targets"][4].update(task=7), "names task 7"),
    (lambda d: d["tasks"].append(copy.deepcopy(d["tasks"][0])), "appears twice"),
])
def test_inconsistent_records_are_input_errors(mutate, message):
    data = raw("N")
    mutate(data)
    with pytest.raises(InputError, match=message) as exc:
        build_document_graph(Record.from_dict(data))
    assert "national-2021-pollution-opinion.txt" in str(exc.value)
    assert "\n" not in str(exc.value)


def test_empty_values_are_left_out():
    data = raw("QC")
    data["document"]["issuer"] = ""
    data["measures"][0]["text"] = ""
    data["tasks"][0]["agencies"].append({"mention": "", "name": "", "role": "lead"})
    r = Record.from_dict(data)
    d = record_document_id(r)
    g = build_document_graph(r)
    assert "issuer" not in g.nodes[d]
    assert "text" not in g.nodes[f"{d}/m1"]
    assert not any(a["label"] == "Agency" and not a["name"] for _, a in g.nodes(data=True))


@pytest.mark.parametrize("a, b", [
    ("细颗粒物（PM2.5）浓度", "细颗粒物(PM2.5)浓度"),
    ("细颗粒物 (PM2.5) 浓度", "细颗粒物PM2.5浓度"),
    ("地表水Ⅰ—Ⅲ类水体比例", "地表水Ⅰ-Ⅲ类水体比例"),
    ("“两高”项目数量", "\"两高\"项目数量"),
    ("ＰＭ２.５浓度", "PM2.5浓度"),
])
def test_normalise_indicator_folds_variants(a, b):
    assert normalise_indicator(a) == normalise_indicator(b)


def test_normalise_indicator_keeps_different_names_apart():
    assert normalise_indicator("细颗粒物浓度") != normalise_indicator("可吸入颗粒物浓度")
    assert normalise_indicator("近岸海域水质优良（一、二类）比例") == "近岸海域水质优良比例"
    assert normalise_indicator("近岸海域水质优良（一、二类）比例") != normalise_indicator("重点海域水质优良比例")
    assert normalise_indicator("  ") == ""
