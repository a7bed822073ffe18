"""The named research queries (queries/*.cypher) and their loader.

Loader tests use small query files written to a temporary folder. Each named query
then has a test that runs it on a real embedded store holding the fixture corpus
and checks its exact answer, worked out by hand from the fixture records:

* tests/fixtures/records/: a national opinion (N), a provincial document
  implementing it (S), a city plan implementing both (QP) and a city carbon-peak
  plan (QC) whose parents are only cited, not ingested;
* tests/fixtures/query-records/: a district plan (HD) implementing QP, with two
  tasks that name no agency, a target without a year, targets for 2030 and a
  citation outside any measure.
"""
from __future__ import annotations

import json
import re
import sys
from itertools import combinations
from pathlib import Path

import pytest

from pipeline.errors import PolicykgError
from pipeline.graph import named_queries as nq
from pipeline.graph.embedded import EmbeddedStore
from pipeline.graph.ingest import ingest_records
from pipeline.graph.similar_edges import recompute_similar
from pipeline.model import Record
from pipeline.parse.titles import document_id

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = [
    FIXTURES / "records" / "national-2021-pollution-opinion.json",
    FIXTURES / "records" / "shandong-2022-pollution-measures.json",
    FIXTURES / "records" / "qingdao-2022-pollution-plan.json",
    FIXTURES / "records" / "qingdao-2022-carbon-peak-plan.json",
    FIXTURES / "query-records" / "huangdao-2023-pollution-plan.json",
]

NT = "中共中央、国务院关于深入打好污染防治攻坚战的意见"
ST = "山东省贯彻落实〈中共中央、国务院关于深入打好污染防治攻坚战的意见〉的若干措施"
QPT = "青岛市深入打好污染防治攻坚战实施方案"
QCT = "青岛市碳达峰工作方案"
HDT = "黄岛区深入打好污染防治攻坚战工作方案"
N, S, QP, QC, HD = (document_id(t) for t in (NT, ST, QPT, QCT, HDT))
PEAK_2030 = document_id("2030年前碳达峰行动方案")  # cited by N, implemented by QC: a stub
SD_PEAK = document_id("山东省碳达峰实施方案")  # implemented by QC: a stub
SD_14FYP = document_id("山东省“十四五”生态环境保护规划")  # cited by S (measure 1) and HD

# Who is named on which task: (document, task slot) -> [(agency, role, mention)].
TASK_AGENCIES = {
    (N, "m4/t1"): [("国家发展和改革委员会", "lead", "国家发展改革委"), ("生态环境部", "shared", "生态环境部")],
    (N, "m5/t1"): [("国家能源局", "lead", "国家能源局"),
                   ("国家发展和改革委员会", "support", "国家发展改革委")],
    (N, "m6/t1"): [("生态环境部", "lead", "生态环境部")],
    (QC, "m1/t1"): [("青岛市发展和改革委员会", "lead", "市发展改革委"),
                    ("国网山东省电力公司青岛供电公司", "support", "国网青岛供电公司")],
    (QC, "m2/t1"): [("青岛市发展和改革委员会", "lead", "市发展改革委"),
                    ("国家能源局山东监管办公室", "support", "山东能源监管办")],
    (QC, "t1"): [("各区(市)", "implement", "各区(市)")],
    (QP, "m3/t1"): [("青岛市发展和改革委员会", "shared", "市发展改革委"),
                    ("青岛市工业和信息化局", "shared", "市工业和信息化局"),
                    ("青岛市生态环境局", "shared", "市生态环境局"), ("各区(市)", "implement", "各区(市)")],
    (QP, "m4/t1"): [("青岛市发展和改革委员会", "lead", "市发改委")],
    (QP, "m5/t1"): [("青岛市交通运输局", "shared", "市交通运输局"), ("山东海事局", "shared", "山东海事局"),
                    ("国家能源局山东监管办公室", "support", "山东能源监管办")],
    (S, "m2/t1"): [("山东省生态环境厅", "lead", "省生态环境厅"),
                   ("山东省工业和信息化厅", "support", "省工业和信息化厅"),
                   ("各市党委和政府", "implement", "各市党委和政府")],
    (S, "m3/t1"): [("山东省交通运输厅", "shared", "省交通运输厅"), ("山东海事局", "shared", "山东海事局"),
                   ("国家能源局山东监管办公室", "shared", "山东能源监管办")],
    (S, "s1/t1"): [("山东省生态环境厅", "lead", "省生态环境厅")],
    (HD, "m2/t1"): [],
    (HD, "m2/t2"): [],
}

# Every target: (document, year, indicator as written, value, unit, valueText).
TARGETS = [
    (N, 2025, "单位国内生产总值二氧化碳排放", 18, "%", "18%"),
    (N, 2025, "地级及以上城市细颗粒物（PM2.5）浓度", 10, "%", "10%"),
    (N, 2025, "空气质量优良天数比率", 87.5, "%", "87.5%"),
    (N, 2025, "近岸海域水质优良（一、二类）比例", 79, "%", "79%左右"),
    (N, 2025, "非化石能源占能源消费总量比重", 20, "%", "20%左右"),
    (N, 2025, "重度及以上污染天数比率", 1, "%", "1%以内"),
    (S, 2025, "细颗粒物（PM2.5）浓度", 38, "微克/立方米", "38微克/立方米左右"),
    (S, 2025, "空气质量优良天数比率", 72, "%", "72%"),
    (S, 2025, "重度及以上污染天数比率", 1.5, "%", "1.5%以内"),
    (S, 2025, "重污染天数", 30, "%", "30%"),
    (QP, 2025, "细颗粒物(PM2.5)浓度", 30, "微克/立方米", "30微克/立方米"),
    (QP, 2025, "优良天数比率", 88.8, "%", "88.8%"),
    (QP, 2025, "近岸海域优良水质面积比例", 98.8, "%", "98.8%"),
    (QP, 2023, "关停退出低效燃煤机组", 183500, "千瓦", "18.35万千瓦"),
    (QC, 2025, "煤炭消费量", 10, "%", "10%左右"),
    (QC, 2025, "可再生能源发电装机规模", 4000000, "千瓦", "400万千瓦以上"),
    (QC, 2025, "单位地区生产总值二氧化碳排放", 20, "%", "20%"),
    (HD, 2025, "细颗粒物（PM2.5）浓度", 29, "微克/立方米", "29微克/立方米以内"),
    (HD, None, "建成区绿化覆盖率", 45, "%", "45%以上"),
    (HD, 2030, "细颗粒物(PM2.5)浓度", 25, "微克/立方米", "25微克/立方米以内"),
    (HD, 2030, "单位地区生产总值能耗", 15, "%", "15%"),
]
LEVEL = {N: "national", S: "provincial", QP: "city", QC: "city", HD: "district"}
TITLE = {N: NT, S: ST, QP: QPT, QC: QCT, HD: HDT}


def nulls_last(*values):
    """A sort key putting None after every value, as both stores' ORDER BY do."""
    return tuple((v is None, v if v is not None else 0) for v in values)


# -- the store --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("named-queries") / "store"
    records = [Record.from_dict(json.loads(f.read_text(encoding="utf-8"))) for f in CORPUS]
    with EmbeddedStore(path) as s:
        assert ingest_records(s, records).documents == len(CORPUS)
        recompute_similar(s)  # SIMILAR_TO edges (`policykg similar`), for measures-restating-parent
        yield s


def run(store, name, **params):
    query = nq.get_query(name)
    result = store.run(query.cypher, nq.bind(query, params), read_only=True)
    return [tuple(r) for r in result.rows]


def columns(store, name, **params):
    query = nq.get_query(name)
    return store.run(query.cypher, nq.bind(query, params), read_only=True).columns


# -- the loader -------------------------------------------------------------------------

QUERY_TEXT = """\
// name: demo-query
// title: A demo query
// answers: What the demo answers,
//   on two lines.
//
// A note for readers of the file, not part of the header.
// param: limit: int = 20 — how many rows
// param: who: string — an agency name
// param: ratio: float = 0.5
// param: level: string = null — a level, or null for all
// param: flag: bool = false — a switch
// example: who=生态环境部 limit=3
MATCH (a:Agency) WHERE a.name = $who AND $flag = false AND $ratio > 0
  AND coalesce($level, 'x') <> ''
RETURN a.name AS agency ORDER BY agency LIMIT $limit
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.cypher"
    path.write_text(text, encoding="utf-8")
    return path


def test_header_gives_title_description_parameters_and_statement(tmp_path):
    write(tmp_path, "demo-query", QUERY_TEXT)
    q = nq.get_query("demo-query", tmp_path)
    assert q.name == "demo-query"
    assert q.title == "A demo query"
    assert q.description == "What the demo answers, on two lines."
    assert q.parameters == {"limit": 20, "who": None, "ratio": 0.5, "level": None, "flag": False}
    assert q.required == ("who",)
    assert [(p.name, p.type, p.description) for p in q.specs] == [
        ("limit", "int", "how many rows"), ("who", "string", "an agency name"),
        ("ratio", "float", ""), ("level", "string", "a level, or null for all"),
        ("flag", "bool", "a switch")]
    assert q.cypher.startswith("MATCH (a:Agency)") and "//" not in q.cypher
    assert q.path == tmp_path / "demo-query.cypher"
    assert q.example == {"who": "生态环境部", "limit": "3"}
    assert nq.bind(q, q.example)["limit"] == 3
    assert q.to_dict()["parameters"][1] == {
        "name": "who", "type": "string", "default": None, "required": True,
        "description": "an agency name"}


def test_bind_merges_defaults_and_converts_command_line_strings(tmp_path):
    write(tmp_path, "demo-query", QUERY_TEXT)
    q = nq.get_query("demo-query", tmp_path)
    assert nq.bind(q, {"who": "生态环境部"}) == {
        "limit": 20, "who": "生态环境部", "ratio": 0.5, "level": None, "flag": False}
    bound = nq.bind(q, {"who": "x", "limit": "5", "ratio": "2", "flag": "true", "level": "city"})
    assert bound == {"limit": 5, "who": "x", "ratio": 2.0, "level": "city", "flag": True}
    assert isinstance(bound["ratio"], float)
    assert nq.bind(q, {"who": "x", "limit": 7, "ratio": 3})["ratio"] == 3.0
    assert nq.bind(q, {"who": "123"})["who"] == "123"  # a string stays a string


@pytest.mark.parametrize("overrides, message", [
    ({"who": "x", "limt": "5"}, "has no parameter limt (it takes: limit, who, ratio, level, flag)"),
    ({}, "needs parameter who (string)"),
    ({"who": "x", "limit": "five"}, "parameter limit must be an integer, not 'five'"),
    ({"who": "x", "limit": 2.5}, "parameter limit must be an integer"),
    ({"who": "x", "flag": "maybe"}, "parameter flag must be true or false"),
    ({"who": None}, "parameter who needs a value"),
])
def test_bind_rejects_unknown_missing_and_mistyped_parameters(tmp_path, overrides, message):
    write(tmp_path, "demo-query", QUERY_TEXT)
    q = nq.get_query("demo-query", tmp_path)
    with pytest.raises(PolicykgError) as err:
        nq.bind(q, overrides)
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_unknown_query_name_suggests_near_names_and_the_list(tmp_path):
    write(tmp_path, "demo-query", QUERY_TEXT)
    write(tmp_path, "other-thing", QUERY_TEXT.replace("demo-query", "other-thing"))
    with pytest.raises(PolicykgError) as err:
        nq.get_query("demo-qurey", tmp_path)
    text = str(err.value)
    assert "no named query 'demo-qurey'" in text
    assert "did you mean demo-query?" in text and "other-thing" not in text
    assert "policykg query --list" in text
    with pytest.raises(PolicykgError) as err:
        nq.get_query("../demo-query", tmp_path)  # never a path outside the folder
    assert "policykg query --list" in str(err.value)


@pytest.mark.parametrize("change, message", [
    (("// name: demo-query", "// name: another-name"), "differs from the file name"),
    (("// title: A demo query\n", ""), "exactly one '// title: …' line"),
    (("// answers: What the demo answers,\n//   on two lines.\n", ""), "lacks '// answers: …'"),
    (("// param: flag: bool = false — a switch\n", ""), "undeclared: ['flag']"),
    (("// param: flag: bool = false — a switch\n",
      "// param: flag: bool = false — a switch\n// param: spare: int = 1\n"), "unused: ['spare']"),
    (("limit: int = 20", "limit: int = \"20\""), "default \"20\" is not an integer"),
    (("limit: int = 20", "limit: integer = 20"), "type 'integer' is not one of"),
    (("limit: int = 20", "limit: int = twenty"), "is not a JSON literal"),
    (("// param: limit", "// parm: limit"), "unknown header key 'parm'"),
    (("// param: ratio: float = 0.5", "// param: ratio float 0.5"), "cannot read parameter line"),
    (("// example: who=生态环境部 limit=3\n", ""), "needs parameter who"),
    (("who=生态环境部 limit=3", "who=生态环境部 limits=3"), "has no parameter limits"),
    (("who=生态环境部 limit=3", "who=生态环境部 limit"), "example 'limit' is not key=value"),
])
def test_malformed_headers_are_clear_errors(tmp_path, change, message):
    old, new = change
    text = QUERY_TEXT.replace(old, new)
    assert text != QUERY_TEXT
    path = write(tmp_path, "demo-query", text)
    with pytest.raises(PolicykgError) as err:
        nq.get_query("demo-query", tmp_path)
    assert message in str(err.value)
    assert str(path) in str(err.value)


def test_a_header_without_a_statement_is_an_error(tmp_path):
    header = "\n".join(line for line in QUERY_TEXT.splitlines() if line.startswith("//"))
    write(tmp_path, "demo-query", header + "\n")
    with pytest.raises(PolicykgError, match="no Cypher statement after the header"):
        nq.get_query("demo-query", tmp_path)


def test_queries_folder_comes_from_the_environment(tmp_path, monkeypatch):
    write(tmp_path, "demo-query", QUERY_TEXT)
    monkeypatch.setenv(nq.QUERIES_ENV, str(tmp_path))
    assert [q.name for q in nq.list_queries()] == ["demo-query"]
    monkeypatch.setenv(nq.QUERIES_ENV, str(tmp_path / "missing"))
    with pytest.raises(PolicykgError) as err:
        nq.list_queries()
    assert nq.QUERIES_ENV in str(err.value)
    monkeypatch.delenv(nq.QUERIES_ENV)
    assert nq.queries_dir() == Path(__file__).resolve().parents[1] / "queries"


REQUIRED_QUESTIONS = {
    "agencies-leading-most-tasks", "agency-tasks-and-targets", "targets-due-by-year",
    "indicator-targets", "agency-pairs-sharing-tasks", "implements-hierarchy",
    "measures-without-agency", "targets-by-level", "measure-tasks", "documents-citing",
    "agencies-by-documents", "indicators-in-document-and-parent",
}


def test_the_library_lists_every_query_sorted_with_a_test_each():
    queries = nq.list_queries()
    names = [q.name for q in queries]
    assert names == sorted(names)
    assert names == sorted(p.stem for p in nq.queries_dir().glob("*.cypher"))
    assert REQUIRED_QUESTIONS <= set(names)
    assert len(names) >= 12
    tests = {n for n in dir(sys.modules[__name__]) if n.startswith("test_query_")}
    assert {f"test_query_{n.replace('-', '_')}" for n in names} == tests
    for q in queries:
        assert q.title and q.description and q.cypher
        assert "ORDER BY" in q.cypher, f"{q.name}: rows must come in a fixed order"


def test_the_readme_lists_every_query():
    readme = (nq.queries_dir() / "README.md").read_text(encoding="utf-8")
    table = readme.split("## The queries", 1)[1]
    listed = set(re.findall(r"^\| ([a-z0-9-]+) \|", table, flags=re.M)) - {"name", "---"}
    assert listed == {q.name for q in nq.list_queries()}


def test_every_query_runs_its_example_on_the_fixture_corpus(store):
    for q in nq.list_queries():
        assert set(q.required) <= set(q.example), f"{q.name}: example lacks a required value"
        rows = store.run(q.cypher, nq.bind(q, q.example), read_only=True).rows
        assert rows, f"{q.name}: its example finds nothing in the fixture corpus"


def test_every_query_aliases_its_columns_apart_from_its_variables():
    """LadybugDB reads ORDER BY x as the node x if a column is also called x."""
    for q in nq.list_queries():
        variables = set(re.findall(r"\(\s*([a-z][A-Za-z0-9_]*)\s*[:)]", q.cypher))
        variables |= set(re.findall(r"\[\s*([a-z][A-Za-z0-9_]*)\s*:", q.cypher))
        aliases = set(re.findall(r"\bAS\s+([A-Za-z_][A-Za-z0-9_]*)", q.cypher))
        assert not variables & aliases, f"{q.name}: {variables & aliases}"


# -- one test per named query -----------------------------------------------------------

def test_query_agencies_leading_most_tasks(store):
    assert columns(store, "agencies-leading-most-tasks") == ["agency", "tasks", "documents"]
    assert run(store, "agencies-leading-most-tasks") == [
        ("青岛市发展和改革委员会", 3, 2),  # QC m1, QC m2, QP m4 (QP m3 only shared)
        ("山东省生态环境厅", 2, 1),  # S m2 and the section-level task of S
        ("国家发展和改革委员会", 1, 1),  # N m4 (support on N m5)
        ("国家能源局", 1, 1),
        ("生态环境部", 1, 1),  # N m6 (shared on N m4)
    ]
    assert run(store, "agencies-leading-most-tasks", limit="2") == [
        ("青岛市发展和改革委员会", 3, 2), ("山东省生态环境厅", 2, 1)]


def test_query_agency_tasks_and_targets(store):
    def row(doc, measure, role, text, target=None):
        return ("青岛市发展和改革委员会", doc, TITLE[doc], measure, 1, role, text, *(target or (None,) * 5))

    expected = [
        row(QP, 3, "shared", "制定并实施《青岛市碳达峰工作方案》，以能源、工业、城乡建设、交通运输等领域"
                             "和钢铁、有色金属、石化化工、建材等行业为重点，深入开展碳达峰行动。"),
        row(QP, 4, "lead", "持续压减煤炭使用，到2023年，关停退出低效燃煤机组18.35万千瓦。",
            ("关停退出低效燃煤机组", "=", 183500, "千瓦", 2023)),
        row(QC, 1, "lead", "严控煤炭消费增长，推进煤炭消费减量替代。"),  # its target is the measure's
        row(QC, 2, "lead", "到2025年，可再生能源发电装机规模达到400万千瓦以上。",
            ("可再生能源发电装机规模", ">=", 4000000, "千瓦", 2025)),
    ]
    ndrc = sorted(expected, key=lambda r: nulls_last(r[1], r[3]))
    assert run(store, "agency-tasks-and-targets", agency="青岛市发展和改革委员会") == ndrc
    assert run(store, "agency-tasks-and-targets", agency="生态环境部") == [
        ("生态环境部", N, NT, 4, 1, "shared", "制定实施《2030年前碳达峰行动方案》，深入开展碳达峰行动。",
         None, None, None, None, None),
        ("生态环境部", N, NT, 6, 1, "lead", "到2025年，全国重度及以上污染天数比率控制在1%以内。",
         "重度及以上污染天数比率", "<=", 1, "%", 2025),
    ]
    # matched by a part of a mention (市发改委) or of the name: every task of the agency
    assert run(store, "agency-tasks-and-targets", agency="市发改委") == ndrc
    assert run(store, "agency-tasks-and-targets", agency="青岛市发展和改革") == ndrc
    assert run(store, "agency-tasks-and-targets", agency="住房") == []
    with pytest.raises(PolicykgError, match="needs parameter agency"):
        run(store, "agency-tasks-and-targets")


def test_query_targets_due_by_year(store):
    def expected(year, level=None):
        rows = [(y, d, TITLE[d], LEVEL[d], ind, value, unit, text)
                for d, y, ind, value, unit, text in TARGETS
                if y is not None and y <= year and level in (None, LEVEL[d])]
        return sorted(rows, key=lambda r: (r[0], r[1], r[4], r[5], r[7]))

    def drop_comparator(rows):
        return [r[:5] + r[6:] for r in rows]

    got = run(store, "targets-due-by-year")
    assert columns(store, "targets-due-by-year")[:5] == [
        "year", "document", "documentTitle", "level", "indicator"]
    assert drop_comparator(got) == expected(2025)
    assert len(got) == 18  # 21 targets less HD's two for 2030 and its one without a year
    assert got[0] == (2023, QP, QPT, "city", "关停退出低效燃煤机组", "=", 183500, "千瓦", "18.35万千瓦")
    assert run(store, "targets-due-by-year", year=2023) == [got[0]]
    assert run(store, "targets-due-by-year", year=2022) == []
    assert drop_comparator(run(store, "targets-due-by-year", year="2030")) == expected(2030)
    assert len(expected(2030)) == 20
    city = run(store, "targets-due-by-year", level="city")
    assert drop_comparator(city) == expected(2025, "city") and len(city) == 7


def test_query_indicator_targets(store):
    # PM2.5 concentration as each document words it (细颗粒物（PM2.5）浓度, 地级及以上城市细颗粒物(PM2.5)浓度)
    # is one indicator: N's change, S's, QP's and HD's levels
    pm25 = [
        (N, "national", "全国", 2025, "change", "down", "=", 10, "%", "10%"),
        (S, "provincial", "山东省", 2025, "level", None, "~", 38, "微克/立方米", "38微克/立方米左右"),
        (QP, "city", "青岛市", 2025, "level", None, "<=", 30, "微克/立方米", "30微克/立方米"),
        (HD, "district", "黄岛区", 2025, "level", None, "<=", 29, "微克/立方米", "29微克/立方米以内"),
        (HD, "district", "黄岛区", 2030, "level", None, "<=", 25, "微克/立方米", "25微克/立方米以内"),
    ]
    expected = sorted(
        [("PM2.5浓度", d, TITLE[d], level, region, year, kind, direction, cmp, value, unit, text)
         for d, level, region, year, kind, direction, cmp, value, unit, text in pm25],
        key=lambda r: (r[5], r[1], r[9]))
    assert run(store, "indicator-targets", indicator="PM2.5浓度") == expected
    # the wording of one document finds the indicator, and so every document's targets
    assert run(store, "indicator-targets", indicator="细颗粒物（PM2.5）浓度") == expected
    assert run(store, "indicator-targets", indicator="细颗粒物(PM2.5)浓度") == expected
    # 优良天数比率 (QP) is a synonym of 空气质量优良天数比率 (N, S)
    assert run(store, "indicator-targets", indicator="空气质量优良天数比率") == sorted([
        ("空气质量优良天数比率", N, NT, "national", "全国", 2025, "level", None, ">=", 87.5, "%", "87.5%"),
        ("空气质量优良天数比率", S, ST, "provincial", "山东省", 2025, "level", None, ">=", 72, "%", "72%"),
        ("空气质量优良天数比率", QP, QPT, "city", "青岛市", 2025, "level", None, ">=", 88.8, "%", "88.8%"),
    ], key=lambda r: r[1])
    # a part of the name, or a word its synonyms normalise to (细颗粒物 -> PM2.5)
    assert run(store, "indicator-targets", indicator="PM2.5") == expected
    assert run(store, "indicator-targets", indicator="细颗粒物") == expected
    assert run(store, "indicator-targets", indicator="PM10") == []


def test_query_agency_pairs_sharing_tasks(store):
    pairs: dict[tuple[str, str], set] = {}
    for task, named in TASK_AGENCIES.items():
        for a, b in combinations(sorted({name for name, _, _ in named}), 2):
            pairs.setdefault((a, b), set()).add(task)
    expected = sorted(((a, b, len(ts), len({d for d, _ in ts})) for (a, b), ts in pairs.items()),
                      key=lambda r: (-r[2], -r[3], r[0], r[1]))
    assert len(expected) == 18
    assert expected[0] == ("国家能源局山东监管办公室", "山东海事局", 2, 2)  # QP m5 and S m3
    assert columns(store, "agency-pairs-sharing-tasks") == ["agency", "partner", "tasks", "documents"]
    assert run(store, "agency-pairs-sharing-tasks") == expected
    assert run(store, "agency-pairs-sharing-tasks", min_tasks=2) == expected[:1]
    assert run(store, "agency-pairs-sharing-tasks", limit=3) == expected[:3]


def test_query_implements_hierarchy(store):
    rows = run(store, "implements-hierarchy")
    assert [(r[0], r[3], r[6]) for r in rows] == sorted([
        (S, N, True), (QP, N, True), (QP, S, True), (HD, QP, True),
        (QC, PEAK_2030, False), (QC, SD_PEAK, False),
    ])
    for doc, title, level, parent, parent_title, parent_level, ingested in rows:
        assert (title, level) == (TITLE[doc], LEVEL[doc])
        if ingested:
            assert (parent_title, parent_level) == (TITLE[parent], LEVEL[parent])
    stub = next(r for r in rows if r[3] == SD_PEAK)
    assert stub[4:6] == ("山东省碳达峰实施方案", "provincial")  # as QC's record names it


def test_query_measures_without_agency(store):
    expected = [
        (N, 1, "（一）", "指导思想", 0), (N, 2, "（二）", "工作原则", 0), (N, 3, "（三）", "主要目标", 0),
        (S, 1, "（一）", "明确攻坚目标", 0),
        (QP, 1, "(一)", "指导思想", 0), (QP, 2, "(二)", "主要目标", 0),
        (HD, 1, "1.", "主要目标", 0), (HD, 2, "2.", "加强扬尘污染治理", 2),  # two tasks, no agency
    ]  # QC: each measure's task names an agency
    assert run(store, "measures-without-agency") == sorted(
        (d, TITLE[d], m, number, title, tasks) for d, m, number, title, tasks in expected)


def test_query_targets_by_level(store):
    assert columns(store, "targets-by-level") == ["level", "documents", "targets", "indicators"]
    assert run(store, "targets-by-level") == [
        ("national", 1, 6, 6),
        ("provincial", 1, 4, 4),
        ("city", 2, 7, 7),  # QP's 细颗粒物PM2.5浓度 is the only indicator S also has, not QC
        ("district", 1, 4, 3),  # HD: PM2.5 for 2025 and 2030 are one indicator
    ]


def test_query_measure_tasks(store):
    text = ("制定并实施《青岛市碳达峰工作方案》，以能源、工业、城乡建设、交通运输等领域"
            "和钢铁、有色金属、石化化工、建材等行业为重点，深入开展碳达峰行动。")
    expected = [(QP, 3, "深入推进碳达峰行动", 1, text, agency, role, mention)
                for agency, role, mention in sorted(TASK_AGENCIES[(QP, "m3/t1")])]
    assert [r[5] for r in expected] == [
        "各区(市)", "青岛市发展和改革委员会", "青岛市工业和信息化局", "青岛市生态环境局"]
    assert run(store, "measure-tasks", document=QPT, measure=3) == expected
    assert run(store, "measure-tasks", document=QP, measure="3") == expected
    # tasks naming no agency still come, with empty agency columns
    assert run(store, "measure-tasks", document=HD, measure=2) == [
        (HD, 2, "加强扬尘污染治理", 1, "加强建筑工地扬尘管控。", None, None, None),
        (HD, 2, "加强扬尘污染治理", 2, "推进道路机械化清扫。", None, None, None),
    ]
    # a part of a title: 青岛市 names QP and QC; only QC's measure 1 has a task
    assert run(store, "measure-tasks", document="青岛市", measure=1) == [
        (QC, 1, "推进煤炭消费减量替代", 1, "严控煤炭消费增长，推进煤炭消费减量替代。", agency, role, mention)
        for agency, role, mention in sorted(TASK_AGENCIES[(QC, "m1/t1")])]
    assert run(store, "measure-tasks", document=N, measure=1) == []  # a measure without tasks


def test_query_documents_citing(store):
    assert columns(store, "documents-citing", document=QCT) == [
        "cited", "document", "documentTitle", "level", "measure", "measureTitle"]
    assert run(store, "documents-citing", document=QCT) == [
        (QC, QP, QPT, "city", 3, "深入推进碳达峰行动")]
    assert run(store, "documents-citing", document=N) == [
        (N, HD, HDT, "district", 1, "主要目标")]
    # cited in S's measure 1 and outside any measure of HD
    assert run(store, "documents-citing", document="山东省“十四五”生态环境保护规划") == sorted([
        (SD_14FYP, S, ST, "provincial", 1, "明确攻坚目标"),
        (SD_14FYP, HD, HDT, "district", None, None),
    ])
    # QC implements the 2030 plan without citing it: only N cites it
    assert run(store, "documents-citing", document="2030年前碳达峰行动方案") == [
        (PEAK_2030, N, NT, "national", 4, "深入推进碳达峰行动")]
    assert run(store, "documents-citing", document=HDT) == []


def test_query_agencies_by_documents(store):
    counts: dict[str, tuple[set, set]] = {}
    for (doc, task), named in TASK_AGENCIES.items():
        for name, _, _ in named:
            docs, tasks = counts.setdefault(name, (set(), set()))
            docs.add(doc)
            tasks.add((doc, task))
    expected = sorted(((name, len(d), len(t)) for name, (d, t) in counts.items()),
                      key=lambda r: (-r[1], -r[2], r[0]))
    assert expected[:4] == [("国家能源局山东监管办公室", 3, 3), ("青岛市发展和改革委员会", 2, 4),
                            ("各区(市)", 2, 2), ("山东海事局", 2, 2)]
    assert len(expected) == 15
    assert run(store, "agencies-by-documents") == expected
    assert run(store, "agencies-by-documents", limit=3) == expected[:3]


def test_query_indicators_in_document_and_parent(store):
    expected = [
        (S, N, "PM2.5浓度", 1, 1),  # 细颗粒物（PM2.5）浓度 and 地级及以上城市细颗粒物（PM2.5）浓度
        (S, N, "空气质量优良天数比率", 1, 1),
        (S, N, "重度及以上污染天数比率", 1, 1),
        (QP, S, "PM2.5浓度", 1, 1),
        (QP, S, "空气质量优良天数比率", 1, 1),  # QP writes 优良天数比率
        (QP, N, "PM2.5浓度", 1, 1),
        (QP, N, "空气质量优良天数比率", 1, 1),
        (QP, N, "近岸海域水质优良比例", 1, 1),  # 近岸海域优良水质面积比例 / 近岸海域水质优良（一、二类）比例
        (HD, QP, "PM2.5浓度", 2, 1),  # HD sets it for 2025 and 2030
    ]  # QC's parents are stubs: no targets
    assert run(store, "indicators-in-document-and-parent") == sorted(
        (d, TITLE[d], p, TITLE[p], ind, dn, pn) for d, p, ind, dn, pn in expected)


def test_query_document_targets_for_year(store):
    assert run(store, "document-targets-for-year", document=QC) == [
        (QC, 2025, "煤炭消费量", "change", "down", "~", 10, "%", "10%左右", 2020, 1, None),
        (QC, 2025, "可再生能源发电装机规模", "level", None, ">=", 4000000, "千瓦", "400万千瓦以上",
         None, 2, 1),
        (QC, 2025, "单位地区生产总值二氧化碳排放", "change", "down", "=", 20, "%", "20%", 2020,
         None, None),  # set by the document itself
    ]
    assert run(store, "document-targets-for-year", document=HDT, year=2030) == [
        (HD, 2030, "单位地区生产总值能耗", "change", "down", "=", 15, "%", "15%", 2020, 1, None),
        (HD, 2030, "细颗粒物(PM2.5)浓度", "level", None, "<=", 25, "微克/立方米", "25微克/立方米以内",
         None, 1, None),
    ]
    assert [r[2] for r in run(store, "document-targets-for-year", document=QP, year=2023)] == [
        "关停退出低效燃煤机组"]
    assert run(store, "document-targets-for-year", document=QP, year=2020) == []


def test_query_documents(store):
    sizes = {N: (6, 3, 6), S: (3, 3, 4), QP: (5, 3, 4), QC: (2, 3, 3), HD: (2, 2, 4)}
    meta = {N: ("全国", "2021-11-02"), S: ("山东省", "2022-04-06"), QP: ("青岛市", "2022-09-19"),
            QC: ("青岛市", "2022-12-01"), HD: ("黄岛区", "2023-03-01")}
    expected = sorted((d, TITLE[d], LEVEL[d], *meta[d], *sizes[d]) for d in TITLE)
    assert run(store, "documents") == expected  # the cited-only stubs are not listed
    assert run(store, "documents", level="city") == [r for r in expected if r[2] == "city"]
    with pytest.raises(PolicykgError, match="must be one of national/provincial/city/district, "
                                            "not 'ministry'"):
        run(store, "documents", level="ministry")


def test_query_find_agencies(store):
    assert run(store, "find-agencies", text="发展改革") == [
        ("国家发展和改革委员会", 2, 1), ("青岛市发展和改革委员会", 4, 2)]
    # found through a mention (市发改委): every task of the agency still counts
    assert run(store, "find-agencies", text="发改委") == [("青岛市发展和改革委员会", 4, 2)]
    assert run(store, "find-agencies", text="海事") == [("山东海事局", 2, 2)]
    assert run(store, "find-agencies", text="住房") == []


def test_query_find_indicators(store):
    assert run(store, "find-indicators", text="PM2.5") == [("PM2.5浓度", 5, 4)]
    # full-width brackets: only some documents' wording, but every target of the indicator
    assert run(store, "find-indicators", text="（PM2.5）") == [("PM2.5浓度", 5, 4)]
    assert run(store, "find-indicators", text="优良天数") == [("空气质量优良天数比率", 3, 3)]


def test_query_search(store):
    rows = run(store, "search", text="煤炭消费")
    # the hits holding both words (煤炭, 消费) come first, then those holding one; ties by id
    assert [r[1] for r in rows] == sorted((r[1] for r in rows), reverse=True)
    both = [(r[0], r[2]) for r in rows if r[1] == 2]
    assert both == sorted(both, key=lambda r: r[1]) and len(both) == 4
    assert ("task", f"{QC}/m1/t1") in both and ("target", f"{QC}/tg1") in both
    assert ("task", f"{QP}/m4/t1", 1) in [(r[0], r[2], r[1]) for r in rows]  # 煤炭使用: one word
    assert {r[3] for r in rows if r[2].startswith(QC)} == {QCT}
    assert columns(store, "search", text="煤炭") == ["kind", "words", "id", "document", "text", "page",
                                                      "paragraph", "charStart", "charEnd"]
    assert run(store, "search", text="煤炭消费", limit=2) == rows[:2]
    assert run(store, "search", text="核电站") == []
    assert run(store, "search", text="（），。") == []  # no word: no hit, no error


def test_query_implementing_documents(store):
    def row(implemented, doc, depth):
        return (implemented, TITLE[implemented], doc, TITLE[doc], LEVEL[doc], depth)

    down_from_n = sorted([row(N, S, 1), row(N, QP, 1), row(N, HD, 2)],
                         key=lambda r: (r[5], r[2]))  # QP implements N directly and via S
    assert run(store, "implementing-documents", document=N) == down_from_n
    assert run(store, "implementing-documents", document=N, max_depth=1) == down_from_n[:2]
    assert run(store, "implementing-documents", document=S) == [row(S, QP, 1), row(S, HD, 2)]
    assert run(store, "implementing-documents", document=HD) == []
    # a title part matching N's title also matches S's, which quotes it
    assert {r[0] for r in run(store, "implementing-documents", document=NT)} == {N, S}


def _project(store, name, keys, **params):
    query = nq.get_query(name)
    rows = store.run(query.cypher, nq.bind(query, params), read_only=True).as_dicts()
    return [tuple(r[k] for k in keys) for r in rows]


def test_query_compare_with_parents(store):
    keys = ("indicator", "docValue", "docYear", "parent", "parentValue", "parentYear", "verdict")
    # QP implements S and N (both ingested); S sorts before N by id
    assert S < N
    assert _project(store, "compare-with-parents", keys, document=QP) == [
        ("PM2.5浓度", 30, 2025, S, 38, 2025, "stricter"),        # <=30 against ~38: lower is better
        ("PM2.5浓度", 30, 2025, N, 10, 2025, "different"),       # a level against a change in %
        ("关停退出低效燃煤机组", 183500, 2023, S, None, None, "absent in parent"),
        ("关停退出低效燃煤机组", 183500, 2023, N, None, None, "absent in parent"),
        ("空气质量优良天数比率", 88.8, 2025, S, 72, 2025, "stricter"),
        ("空气质量优良天数比率", 88.8, 2025, N, 87.5, 2025, "stricter"),
        ("近岸海域水质优良比例", 98.8, 2025, S, None, None, "absent in parent"),
        ("近岸海域水质优良比例", 98.8, 2025, N, 79, 2025, "stricter"),  # >=98.8 against ~79
    ]
    # QC's parents are stubs; HD implements QP only
    assert {r[-1] for r in _project(store, "compare-with-parents", keys, document=QC)} == {"parent not ingested"}
    assert _project(store, "compare-with-parents", keys, document=HD) == [
        ("PM2.5浓度", 29, 2025, QP, 30, 2025, "stricter"),
        ("PM2.5浓度", 25, 2030, QP, 30, 2025, "stricter"),
        ("单位GDP能耗", 15, 2030, QP, None, None, "absent in parent"),
        ("建成区绿化覆盖率", 45, None, QP, None, None, "absent in parent"),
    ]
    assert _project(store, "compare-with-parents", keys, document=N) == []  # N implements nothing


def test_query_measures_restating_parent(store):
    # QP's guiding-thought measure restates N's (Jaccard of character trigrams 0.5246, by
    # pipeline.graph.similarity); no other measure pair of the fixture chain reaches 0.3.
    rows = run(store, "measures-restating-parent", document=QPT)
    assert [(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]) for r in rows] == [
        (QPT, "(一)", "指导思想", NT, "national", "（一）", "指导思想", 0.5246)]
    assert rows[0][-2:] == (f"{QP}/m1", f"{N}/m1")
    assert run(store, "measures-restating-parent", document=QPT, min_score=0.6) == []
    assert run(store, "measures-restating-parent", document=HDT) == []  # nothing restated


def test_query_parent_targets_not_adopted(store):
    keys = ("parent", "indicator", "parentValue")
    assert _project(store, "parent-targets-not-adopted", keys, document=QP) == [
        (S, "重度及以上污染天数比率", 1.5),
        (S, "重污染天数", 30),
        (N, "单位GDP二氧化碳排放", 18),
        (N, "重度及以上污染天数比率", 1),
        (N, "非化石能源消费比重", 20),
    ]
    assert _project(store, "parent-targets-not-adopted", keys, document=HD) == [
        (QP, "关停退出低效燃煤机组", 183500),
        (QP, "空气质量优良天数比率", 88.8),
        (QP, "近岸海域水质优良比例", 98.8),
    ]


# -- agency systems (Agency.system) and collectives ----------------------------------------

# The system of every agency of TASK_AGENCIES, worked out by hand from its name
# (collectives have none that counts: they are left out).
SYSTEM = {
    "国家发展和改革委员会": "发展改革", "青岛市发展和改革委员会": "发展改革",
    "生态环境部": "生态环境", "山东省生态环境厅": "生态环境", "青岛市生态环境局": "生态环境",
    "国家能源局": "能源", "国家能源局山东监管办公室": "能源", "国网山东省电力公司青岛供电公司": "能源",
    "青岛市工业和信息化局": "工业和信息化", "山东省工业和信息化厅": "工业和信息化",
    "青岛市交通运输局": "交通运输", "山东省交通运输厅": "交通运输", "山东海事局": "交通运输",
}
COLLECTIVES = {"各区(市)", "各市党委和政府"}
LEVEL = {N: "national", S: "provincial", QP: "city", QC: "city", HD: "district"}
TIER = {"national": 1, "provincial": 2, "city": 3, "district": 4}


def test_every_named_agency_has_its_system_or_is_a_collective(store):
    rows = store.run("MATCH (a:Agency) RETURN a.name, a.system, a.collective ORDER BY a.name").rows
    assert {r[0] for r in rows} == set(SYSTEM) | COLLECTIVES
    for name, system, collective in rows:
        if name in COLLECTIVES:
            assert collective is True
        else:
            assert (system, collective) == (SYSTEM[name], None), name


def _by_system(role=None):
    cells: dict = {}
    for (doc, task), named in TASK_AGENCIES.items():
        for name, r, _ in named:
            if name in COLLECTIVES or (role and r != role):
                continue
            tasks, agencies, docs = cells.setdefault((SYSTEM[name], LEVEL[doc]), (set(), set(), set()))
            tasks.add((doc, task))
            agencies.add(name)
            docs.add(doc)
    return sorted(((s, lv, len(t), len(a), len(d)) for (s, lv), (t, a, d) in cells.items()),
                  key=lambda r: (r[0], TIER[r[1]], r[1]))


def test_query_tasks_by_system_and_level(store):
    assert columns(store, "tasks-by-system-and-level") == ["system", "level", "tasks", "agencies", "documents"]
    expected = _by_system()
    assert ("生态环境", "national", 2, 1, 1) in expected  # 生态环境部 on N m4 (shared) and m6
    assert ("生态环境", "provincial", 2, 1, 1) in expected  # 山东省生态环境厅 on S m2 and s1
    assert ("生态环境", "city", 1, 1, 1) in expected  # 青岛市生态环境局 on QP m3
    assert run(store, "tasks-by-system-and-level") == expected
    leads = _by_system("lead")
    assert ("能源", "national", 1, 1, 1) in leads and not any(r[0] == "交通运输" for r in leads)
    assert run(store, "tasks-by-system-and-level", role="lead") == leads


def test_query_agencies_of_system(store):
    assert columns(store, "agencies-of-system", system="生态环境") == ["agency", "level", "tasks", "documents"]
    assert run(store, "agencies-of-system", system="生态环境") == [
        ("生态环境部", "national", 2, 1), ("山东省生态环境厅", "provincial", 2, 1), ("青岛市生态环境局", "city", 1, 1)]
    assert run(store, "agencies-of-system", system="交通运输") == [
        ("山东海事局", "provincial", 1, 1), ("山东省交通运输厅", "provincial", 1, 1),
        ("山东海事局", "city", 1, 1), ("青岛市交通运输局", "city", 1, 1)]
    assert run(store, "agencies-of-system", system="没有这个系统") == []


def test_agencies_leading_most_tasks_leaves_collectives_out_unless_asked(tmp_path):
    rec = Record.from_dict(json.loads(CORPUS[3].read_text(encoding="utf-8")))  # QC
    for t in rec.tasks:
        for a in t.agencies:
            if a.mention == "各区(市)":
                a.role = "lead"
    with EmbeddedStore(tmp_path / "store") as s:
        ingest_records(s, [rec])
        default = [tuple(r) for r in s.run(nq.get_query("agencies-leading-most-tasks").cypher,
                                           nq.bind(nq.get_query("agencies-leading-most-tasks"), {})).rows]
        q = nq.get_query("agencies-leading-most-tasks")
        every = [tuple(r) for r in s.run(q.cypher, nq.bind(q, {"collectives": "true"})).rows]
    assert default == [("青岛市发展和改革委员会", 2, 1)]
    assert every == [("青岛市发展和改革委员会", 2, 1), ("各区(市)", 1, 1)]


def test_query_targets_against_ancestors(store):
    keys = ("child", "childValue", "childYear", "ancestor", "ancestorValue", "ancestorYear", "hops",
            "yearMatch", "verdict", "lagDays", "ratio", "difference")
    rows = _project(store, "targets-against-ancestors", keys, indicator="PM2.5")
    assert QP < HD  # rows come by child id, then target id
    assert rows == [
        # <=30 against ~38 (S); N's PM2.5 target is a change in %, which does not compare
        (QP, 30, 2025, S, 38, 2025, 1, "same", "stricter", 166, pytest.approx(30 / 38), -8),
        (HD, 29, 2025, QP, 30, 2025, 1, "same", "stricter", 163, pytest.approx(29 / 30), -1),
        # no 2030 value up the chain: the nearest year
        (HD, 25, 2030, QP, 30, 2025, 1, "differs", "stricter", 163, pytest.approx(25 / 30), -5),
    ]
