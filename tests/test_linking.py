"""Linking documents across levels of government and comparing their targets."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.errors import InputError
from pipeline.graph.compare import compare
from pipeline.graph.embedded import EmbeddedStore
from pipeline.graph.indicators import normalise_indicator
from pipeline.graph.ingest import ingest_records
from pipeline.model import DocRef, DocumentMeta, Measure, Record, Section, Target
from pipeline.parse import parse_file
from pipeline.parse.titles import document_id, normalise_title
from tests.helpers import REPO


@pytest.mark.parametrize("a,b", [
    ("《中共中央、国务院关于深入打好污染防治攻坚战的意见》", "中共中央 国务院关于深入打好污染防治攻坚战的意见"),
    ("国务院关于印发“十四五”节能减排综合工作方案的通知（国发〔2021〕33号）", "“十四五”节能减排综合工作方案"),
    ("关于印发《减污降碳协同增效实施方案》的通知", "减污降碳协同增效实施方案"),
    ("《山东省贯彻落实〈中共中央、国务院关于深入打好污染防治攻坚战的意见〉的若干措施》",
     "山东省贯彻落实《中共中央、国务院关于深入打好污染防治攻坚战的意见》的若干措施"),
    ("２０３０年前碳达峰行动方案", "2030年前碳达峰行动方案"),
])
def test_titles_that_name_one_document_share_an_id(a, b):
    assert normalise_title(a) == normalise_title(b)
    assert document_id(a) == document_id(b)


@pytest.mark.parametrize("a,b", [
    ("关于深入打好污染防治攻坚战的意见", "关于深入打好污染防治攻坚战的实施意见"),
    ("“十四五”节能减排综合工作方案", "福建省“十四五”节能减排综合工作实施方案"),
])
def test_different_documents_keep_different_ids(a, b):
    assert document_id(a) != document_id(b)


@pytest.mark.parametrize("a,b", [
    ("PM2.5浓度", "细颗粒物(PM2.5)浓度"),
    ("细颗粒物（PM2.5）年均浓度", "地级及以上城市细颗粒物(PM2.5)浓度"),
    ("秸秆综合利用率", "农作物秸秆综合利用率"),
    ("主要农作物秸秆综合利用率", "全市秸秆综合利用率"),
    ("优良天数比率", "空气质量优良天数比率"),
    ("非化石能源占能源消费总量比重", "非化石能源消费比重"),
    ("单位地区生产总值能源消耗", "单位国内生产总值能耗"),
    ("近岸海域优良水质面积比例", "近岸海域水质优良（一、二类）比例"),
])
def test_indicator_synonyms_meet(a, b):
    assert normalise_indicator(a) == normalise_indicator(b)


@pytest.mark.parametrize("a,b", [
    ("PM2.5浓度", "PM10浓度"),
    ("近岸海域水质优良比例", "重点海域水质优良比例"),
    ("城市污水处理率", "县城污水处理率"),
    ("秸秆综合利用率", "畜禽粪污综合利用率"),
    ("单位GDP能耗", "单位GDP二氧化碳排放"),
    ("森林覆盖率", "森林蓄积量"),
])
def test_distinct_indicators_stay_distinct(a, b):
    assert normalise_indicator(a) != normalise_indicator(b)


# -- comparison verdicts on a small corpus of our own --------------------------------------

def _target(indicator, value, unit, comparator, kind="level", direction=None, year=2025):
    return Target(measure=1, task=None, indicator=indicator, value=value, unit=unit, kind=kind, direction=direction,
                  comparator=comparator, year=year, baseline_year=None, value_text=f"{value}{unit}")


def _doc(title, level, region, targets, parents=()):
    return Record(document=DocumentMeta(title=title, level=level, region=region),
                  parents=[DocRef(title=p, level="national") for p in parents],
                  sections=[Section(1, "目标", "一、")], measures=[Measure(1, 1, "主要目标", "（一）")],
                  targets=targets)


NATION = _doc("全国大气治理方案", "national", "全国", [
    _target("细颗粒物(PM2.5)浓度", 35, "微克/立方米", "<="),
    _target("空气质量优良天数比率", 87.5, "%", ">="),
    _target("森林覆盖率", 24, "%", ">="),
    _target("单位GDP能耗", 13.5, "%", ">=", kind="change", direction="down"),
    _target("湿地保护率", 55, "%", ">="),
    _target("城市污水处理率", 95, "%", ">="),
])
CITY = _doc("江城市大气治理方案", "city", "江城市", [
    _target("全市PM2.5浓度", 30, "微克/立方米", "<="),          # lower is better: stricter
    _target("优良天数比率", 85, "%", ">="),                      # synonym; lower: looser
    _target("森林覆盖率", 24, "%", ">="),                        # same
    _target("单位地区生产总值能源消耗", 15, "%", ">=", kind="change", direction="down"),  # bigger cut: stricter
    _target("湿地保护率", 3000, "公顷", "="),                    # another unit: different
    _target("绿色建筑占比", 100, "%", ">="),                     # the parent sets none: absent
], parents=["《全国大气治理方案》", "江东省大气治理实施意见"])  # the second is not ingested


@pytest.fixture(scope="module")
def linked(tmp_path_factory):
    with EmbeddedStore(tmp_path_factory.mktemp("linking") / "store") as s:
        ingest_records(s, [CITY, NATION])  # the child first: its parent is a stub until the parent comes
        yield s


def test_comparison_verdicts(linked):
    c = compare(linked, "江城市")
    national = {r["indicator"]: r["verdict"] for r in c.rows if r["parentTitle"] == "全国大气治理方案"}
    assert national == {
        normalise_indicator("PM2.5浓度"): "stricter",
        normalise_indicator("空气质量优良天数比率"): "looser",
        normalise_indicator("森林覆盖率"): "same",
        normalise_indicator("单位GDP能耗"): "stricter",
        normalise_indicator("湿地保护率"): "different",
        normalise_indicator("绿色建筑占比"): "absent in parent",
    }
    stub = {r["verdict"] for r in c.rows if r["parentTitle"] != "全国大气治理方案"}
    assert stub == {"parent not ingested"}
    assert [(r["indicator"], r["parentValue"]) for r in c.not_adopted] == [(normalise_indicator("城市污水处理率"), 95)]


def test_compare_names_an_unknown_or_ambiguous_document(linked):
    with pytest.raises(InputError, match="2 documents match"):
        compare(linked, "大气治理方案")
    with pytest.raises(InputError, match="no ingested document"):
        compare(linked, "江东省")  # only a stub has that title


def test_compare_command_prints_the_table(tmp_path):
    store = tmp_path / "store"
    with EmbeddedStore(store) as s:
        ingest_records(s, [CITY, NATION])
    res = CliRunner().invoke(cli, ["compare", "江城市", "--store", str(store)])
    assert res.exit_code == 0, res.output
    assert "stricter" in res.output and "Parents' targets it does not take up" in res.output


# -- the project's corpus --------------------------------------------------------------------

@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory):
    files = sorted((REPO / "corpus").glob("*.txt"))
    assert len(files) >= 19
    with EmbeddedStore(tmp_path_factory.mktemp("corpus") / "store") as s:
        ingest_records(s, [parse_file(f) for f in files])
        yield s


def test_indicators_shared_across_documents(corpus_store):
    rows = corpus_store.run(
        "MATCH (t:Target)-[:FOR_INDICATOR]->(i:Indicator) WITH i, count(DISTINCT t.documentId) AS docs "
        "WHERE docs >= 2 RETURN i.name AS name", read_only=True).rows
    assert len(rows) >= 5


def test_qingdao_implements_the_ingested_national_opinion(corpus_store):
    rows = corpus_store.run(
        "MATCH (d:Document)-[:IMPLEMENTS]->(p:Document)-[:HAS_SECTION]->(s:Section) "
        "WHERE d.title = $d AND p.title = $p RETURN count(s) AS sections",
        {"d": "青岛市深入打好污染防治攻坚战实施方案", "p": "中共中央、国务院关于深入打好污染防治攻坚战的意见"},
        read_only=True).rows
    assert rows[0][0] >= 8


def test_tianjin_implements_the_ingested_national_plan(corpus_store):
    rows = corpus_store.run(
        "MATCH (d:Document)-[:IMPLEMENTS]->(p:Document) WHERE d.title CONTAINS $d "
        "RETURN p.title AS title, p.stub AS stub", {"d": "天津市"}, read_only=True).as_dicts()
    assert {"title": "“十四五”节能减排综合工作方案", "stub": False} in rows


def test_qingdao_comparison_lists_pm25_beside_the_national_target(corpus_store):
    c = compare(corpus_store, "青岛市深入打好污染防治攻坚战实施方案")
    pm = [r for r in c.rows if r["indicator"] == normalise_indicator("细颗粒物(PM2.5)浓度")
          and r["parentTitle"] == "中共中央、国务院关于深入打好污染防治攻坚战的意见"]
    assert pm and pm[0]["docValue"] == 30 and pm[0]["parentValue"] is not None
