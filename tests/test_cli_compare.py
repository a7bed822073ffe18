"""`policykg compare` as a researcher reads it: kinds and directions, full parent
titles, one line per parent not ingested, table/json/csv, verdicts in --help, and
indicators that differ only by a region prefix compared as one.

A small corpus of our own: a national plan with a long title and a city plan that
implements it and a provincial document that is not ingested.
"""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.graph.compare import VERDICTS
from pipeline.graph.embedded import EmbeddedStore
from pipeline.graph.ingest import ingest_records
from pipeline.model import DocRef, DocumentMeta, Measure, Record, Section, Target

NATION_TITLE = "国务院关于印发全国大气环境质量持续改善与重点区域联防联控和农业面源污染综合治理行动方案的通知附件行动方案"
PROVINCE_TITLE = "江东省大气治理实施意见"


def target(indicator, value, unit, comparator, kind="level", direction=None, year=2025, text=None):
    return Target(measure=1, task=None, indicator=indicator, value=value, unit=unit, kind=kind,
                  direction=direction, comparator=comparator, year=year, baseline_year=None,
                  value_text=text or f"{value}{unit}")


def doc(title, level, region, targets, parents=()):
    return Record(document=DocumentMeta(title=title, level=level, region=region),
                  parents=[DocRef(title=p, level=None) for p in parents],
                  sections=[Section(1, "目标", "一、")], measures=[Measure(1, 1, "主要目标", "（一）")],
                  targets=targets)


NATION = doc(NATION_TITLE, "national", "全国", [
    target("细颗粒物(PM2.5)浓度", 10, "%", ">=", kind="change", direction="down"),
    target("京津冀及周边地区大型规模化养殖场氨排放总量", 5, "%", ">=", kind="change", direction="down"),
    target("森林覆盖率", 24, "%", ">="),
])
CITY = doc("湖阳市大气治理方案", "city", "湖阳市", [
    target("PM2.5浓度", 30, "微克/立方米", "<="),
    target("大型规模化养殖场氨排放总量", 8, "%", ">=", kind="change", direction="down"),
    target("绿色建筑占比", 100, "%", ">="),
], parents=[NATION_TITLE, PROVINCE_TITLE])


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("compare") / "store"
    with EmbeddedStore(path) as s:
        ingest_records(s, [CITY, NATION])
    return str(path)


def run(store, *args):
    result = CliRunner().invoke(cli, ["compare", "湖阳市", "--store", store, *args],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_table_shows_kinds_full_titles_and_one_line_per_missing_parent(store):
    out = run(store)
    assert f"Against {NATION_TITLE}  (national, " in out  # the whole title, not cut
    pm = next(l for l in out.splitlines() if l.startswith("PM2.5浓度"))
    assert "<=30微克/立方米 level by 2025" in pm and ">=10% decrease by 2025" in pm
    assert pm.rstrip().endswith("different")  # a level against a decrease
    missing = [l for l in out.splitlines() if PROVINCE_TITLE in l]
    assert len(missing) == 1 and "3 targets of this document wait for it" in missing[0]
    assert "parent not ingested" not in out.split("Parents not ingested")[0]
    assert "森林覆盖率" in out.split("Parents' targets it does not take up:")[1]


def test_a_region_prefix_does_not_keep_indicators_apart(store):
    out = run(store)
    ammonia = next(l for l in out.splitlines() if l.startswith("大型规模化养殖场氨排放总量"))
    assert ammonia.rstrip().endswith("stricter")  # an 8% cut against 5%, not "absent in parent"


def test_json_has_parents_comparisons_and_missing_parents_once(store):
    data = json.loads(run(store, "--format", "json"))
    assert [p["title"] for p in data["parents"]] == [NATION_TITLE, PROVINCE_TITLE]
    assert [p["ingested"] for p in data["parents"]] == [True, False]
    assert len(data["targets"]) == 3 and all(r["parentTitle"] == NATION_TITLE for r in data["targets"])
    assert [(p["title"], p["targets"]) for p in data["parentsNotIngested"]] == [(PROVINCE_TITLE, 3)]
    assert {r["docKind"] for r in data["targets"]} == {"level", "change"}
    assert [r["indicator"] for r in data["notAdopted"]] == ["森林覆盖率"]


def test_csv_is_one_table_with_a_section_column(store):
    rows = list(csv.DictReader(io.StringIO(run(store, "--format", "csv"))))
    sections = [r["section"] for r in rows]
    assert sections == ["compared"] * 3 + ["parent not ingested", "not adopted"]
    stub = rows[3]
    assert stub["parentTitle"] == PROVINCE_TITLE and stub["targetsWaiting"] == "3"
    pm = next(r for r in rows if r["indicator"] == "PM2.5浓度")
    assert (pm["docValue"], pm["parentKind"], pm["parentDirection"], pm["verdict"]) == (
        "30", "change", "down", "different")


def test_help_explains_every_verdict():
    out = CliRunner().invoke(cli, ["compare", "--help"]).stdout
    flat = " ".join(out.split())
    for verdict, meaning in VERDICTS.items():
        assert f"{verdict} {meaning}" in flat
    assert "table|json|csv" in out


def test_a_document_that_sets_targets_but_implements_nothing(store):
    out = CliRunner().invoke(cli, ["compare", "全国大气环境", "--store", store]).stdout
    assert "it implements no document" in out
