"""The quality report's metrics, on small records of our own."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.quality import agency_fragment, document_year, indicator_fragment, measure, report


def target(indicator="污水处理率", value=95, unit="%", year=2025, text="", value_text="95%"):
    return {"indicator": indicator, "value": value, "unit": unit, "year": year, "text": text or indicator,
            "value_text": value_text, "measure": 1, "task": None, "kind": "level", "direction": None,
            "comparator": ">=", "baseline_year": None}


def record(targets=(), date="2022-03-01", title="某市方案", tasks=(), sections=({"index": 1, "title": "x"},),
           source="/x/a.pdf"):
    return {"document": {"title": title, "date": date, "source": source}, "sections": list(sections),
            "measures": [], "tasks": list(tasks), "targets": list(targets)}


def test_document_shares():
    q = measure([record(), record(date=None, sections=(), tasks=[{"agencies": []}])])
    s = q.shares()
    assert (s["documents.with_outline"], s["documents.with_tasks"], s["documents.with_date"]) == (0.5, 0.5, 0.5)


def test_years_against_the_documents_own_year():
    q = measure([record([target(year=2025), target(year=None), target(year=2020), target(year=2022)])])
    assert (q.targets, q.no_year, q.dated_targets, q.before_document) == (4, 1, 3, 1)
    assert q.shares()["targets.with_year"] == 0.75


def test_document_year_falls_back_to_the_title_but_not_a_deadline_in_it():
    assert document_year(record(date="2021-10-24")) == 2021
    assert document_year(record(date=None, title="某市2023年大气污染防治工作方案")) == 2023
    assert document_year(record(date=None, title="某省2030年前碳达峰实施方案")) is None


def test_article_numbers_and_money_ceilings():
    q = measure([record([
        target("制度", 12, "条", None, "第十二条 本省实行目标责任制", "二条"),
        target("补助", 1000000, "元", None, "每个项目最高补助100万元", "100万元"),
        target("奖励金额", 500000, "元", None, "奖励金额不超过50万元", "50万元"),
        target("投资", 1e9, "元", 2025, "完成投资10亿元", "10亿元"),
        target("节能", 3000, "元/吨标准煤", 2025, "补助不超过3000元/吨标准煤", "3000元/吨标准煤"),
    ])])
    assert (q.article_numbers, q.money_ceilings) == (1, 2)


@pytest.mark.parametrize("name", ["率", "违反本条例规定", "基准水平", "最高", "和粉尘", "废水、废气,废热",
                                  "能耗(吨", "到2025年单位GDP能耗", "比重达到"])
def test_fragments(name):
    assert indicator_fragment(name) is not None


@pytest.mark.parametrize("name", ["城镇污水处理率", "细颗粒物(PM2.5)浓度", "道路机械化清扫、洒水、冲洗率", "单位GDP能耗"])
def test_whole_names(name):
    assert indicator_fragment(name) is None


def test_a_name_ending_inside_a_word_of_its_sentence():
    words = ["城市", "污水", "处理率", "达到", "95%"]
    segment = lambda s: words  # noqa: E731
    assert indicator_fragment("城市污水处", "城市污水处理率达到95%", segment) == "word"
    assert indicator_fragment("污水处理率", "城市污水处理率达到95%", segment) is None


@pytest.mark.parametrize("name,bad", [("市生态环境局", False), ("市发展改革委等", True), ("分别", True),
                                      ("生态环境厅牵头", True), ("市", True), ("和市水务局", True)])
def test_agency_fragments(name, bad):
    assert (agency_fragment(name) is not None) == bad


def test_distinct_names_are_counted_once():
    q = measure([record([target("率"), target("率"), target("城镇污水处理率")],
                        tasks=[{"agencies": [{"mention": "市水务局"}, {"mention": "分别"}]}])])
    assert (q.indicators, q.fragment_indicators, q.agencies, q.fragment_agencies) == (2, 1, 2, 1)
    assert "indicators.fragments" in report([("all", q)])


def test_cli_reports_records_and_a_split(tmp_path):
    recs = tmp_path / "r.jsonl"
    recs.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        record([target(year=None)], source="/c/a.pdf"), record([target()], source="/c/b.pdf")]) + "\n",
        encoding="utf-8")
    listed = tmp_path / "list.txt"
    listed.write_text("# held out\nb.pdf\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["quality", "--records", str(recs), "--split", str(listed), "--format", "json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert (out["all"]["targets.with_year"], out["listed"]["targets.with_year"], out["rest"]["targets.with_year"]) \
        == (0.5, 1.0, 0.0)


def test_cli_bad_records_is_one_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["quality", "--records", str(bad)])
    assert res.exit_code == 2
    assert "line 1 is not JSON" in res.output and "Traceback" not in res.output
