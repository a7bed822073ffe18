"""Amplification and lag down the hierarchy (pipeline/graph/diffusion.py, `policykg diffusion`).

Pure functions on targets written here; then the command and the named query on a real
embedded store holding the hierarchy of tests/diffusion_fixture.py, whose answers were
worked out by hand (the docstring there lists every value).
"""
from __future__ import annotations

import csv
import io
import json
import warnings
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.graph import diffusion as df
from pipeline.graph import named_queries as nq
from pipeline.graph.diffusion import DocInfo, TargetInfo
from pipeline.graph.embedded import EmbeddedStore
from pipeline.graph.ingest import ingest_records
from tests.diffusion_fixture import C1, C2, D1, N, P, RECORDS


def t(value, comparator="=", kind="level", direction=None, year=2025, doc="c", unit="%", id_="x",
      indicator="I"):
    return TargetInfo(id=id_, document=doc, indicator=indicator, wording=indicator, value=value,
                      unit=unit, kind=kind, direction=direction, comparator=comparator, year=year)


# -- pure functions -----------------------------------------------------------------------

@pytest.mark.parametrize("child, ancestor, want", [
    # a change down: the bigger cut is stricter
    (t(16, kind="change", direction="down"), t(13.5, kind="change", direction="down"), "stricter"),
    (t(10, ">=", kind="change", direction="down"), t(13.5, kind="change", direction="down"), "looser"),
    # a change up: the bigger rise is stricter, unless the rise is capped (<=)
    (t(8, kind="change", direction="up"), t(5, kind="change", direction="up"), "stricter"),
    (t(6, "<=", kind="change", direction="up"), t(5, "<=", kind="change", direction="up"), "looser"),
    (t(4, "<=", kind="change", direction="up"), t(5, "<=", kind="change", direction="up"), "stricter"),
    # a level: an up level higher is stricter, a down level lower is stricter
    (t(60, direction="up"), t(55, direction="up"), "stricter"),
    (t(50, direction="up"), t(55), "looser"),
    (t(30, direction="down"), t(35, direction="down"), "stricter"),
    # comparators: a ceiling lower is stricter, a floor higher is stricter
    (t(30, "<="), t(35, "<="), "stricter"),
    (t(30, "<="), t(35, "~"), "stricter"),
    (t(90, ">="), t(85, ">="), "stricter"),
    (t(80, ">="), t(85), "looser"),
    # opposite bounds, or no way to tell: unranked; the same value: equal
    (t(30, "<="), t(35, ">="), "unranked"),
    (t(30, "<=", direction="up"), t(35, "<="), "stricter"),  # the bound wins over the direction
    (t(30), t(35, "~"), "unranked"),
    (t(35, "~"), t(35, "<="), "equal"),
])
def test_verdict_is_direction_and_comparator_aware(child, ancestor, want):
    assert df.verdict(child, ancestor) == want


@pytest.mark.parametrize("indicator, unit, total", [
    ("新型储能装机容量", "千瓦", True), ("新建公园", "个", True), ("污水处理能力", "吨/日", True),
    ("秸秆综合利用率", "%", False), ("PM2.5浓度", "微克/立方米", False), ("人均公园绿地面积", "平方米", False),
    ("单位GDP能耗", "吨标准煤", False), ("空气质量优良天数", "天", False), ("能耗下降", "百分点", False),
])
def test_a_total_is_told_from_a_rate(indicator, unit, total):
    assert df.is_total(indicator, unit) is total
    child, ancestor = t(1, ">=", unit=unit, indicator=indicator), t(2, ">=", unit=unit, indicator=indicator)
    assert (df.verdict(child, ancestor) == "share") is total


def test_the_named_query_tells_totals_by_the_same_words_and_units():
    cypher = nq.get_query("targets-against-ancestors").cypher
    for word in (*df.RATE_UNITS, *df.RATE_WORDS, *df.PER_TIME):
        assert f"'{word}'" in cypher, word


def test_ratio_difference_and_lag_by_hand():
    assert df.ratio(14.5, 13.5) == pytest.approx(1.0740740740740742)
    assert df.difference(14.5, 13.5) == pytest.approx(1.0)
    assert df.ratio(3, 0) is None and df.difference(None, 1) is None
    assert df.lag_days("2021-03-01", "2021-01-10") == 50
    assert df.lag_days("2020-03-01", "2020-02-28") == 2  # a leap year
    assert df.lag_days("2021-01-10", "2021-03-01") == -50  # the child came first
    assert df.lag_days(None, "2021-01-10") is None and df.lag_days("2021-13-01", "2021-01-10") is None
    assert df.date_days("1970-01-02") == 1 and df.date_days("2021-01-10") == 18637


def test_year_match_prefers_the_same_year_then_no_year_then_the_nearest():
    assert df.year_match(2025, 2025) == ("same", 0)
    assert df.year_match(2025, None) == ("unstated", None)
    assert df.year_match(2030, 2025) == ("differs", 5)
    docs = {"c": DocInfo("c", "child", "city", "青岛市", "2022-01-01"),
            "p": DocInfo("p", "parent", "provincial", "山东省", "2021-01-01")}
    edges = {"c": ["p"]}
    child = t(30, "<=", year=2025)

    def chosen(*candidates):
        found = df.nearest_ancestor(child, docs, edges, {"c": [child], "p": list(candidates)})
        return found[0].id

    assert chosen(t(35, "<=", year=2030, doc="p", id_="a"), t(36, "<=", year=2025, doc="p", id_="b")) == "b"
    assert chosen(t(35, "<=", year=2030, doc="p", id_="a"), t(36, "<=", year=None, doc="p", id_="b")) == "b"
    assert chosen(t(35, "<=", year=2030, doc="p", id_="a"), t(36, "<=", year=2022, doc="p", id_="b")) == "b"
    assert chosen(t(35, "<=", year=2025, doc="p", id_="b"), t(36, "<=", year=2025, doc="p", id_="a")) == "a"


def test_only_the_same_indicator_unit_kind_and_change_direction_compare():
    base = t(30, kind="change", direction="down")
    assert df.comparable(base, t(20, kind="change", direction="down"))
    assert not df.comparable(base, t(20, kind="change", direction="up"))
    assert not df.comparable(base, t(20, kind="level"))
    assert not df.comparable(base, t(20, kind="change", direction="down", unit="万吨"))
    assert not df.comparable(base, t(20, kind="change", direction="down", indicator="J"))
    assert df.comparable(t(30, direction="up"), t(20))  # a level's direction does not split it


def test_implements_steps_go_up_by_hops_and_survive_a_cycle():
    edges = {"d": ["c"], "c": ["p", "n"], "p": ["n"], "n": ["d"]}
    assert df.implements_steps("d", edges) == [["c"], ["n", "p"]]
    assert df.implements_steps("n", {}) == []


def test_containing_places_nearest_first():
    assert df.containing_places(DocInfo("x", "", "city", "青岛市", None)) == [
        ("provincial", "山东省"), ("national", None)]
    assert df.containing_places(DocInfo("x", "", "provincial", "山东省", None)) == [("national", None)]
    # a district by its region, else its issuer; a municipality's district has no city step
    assert df.containing_places(DocInfo("x", "", "district", "芝罘区", None, "烟台市芝罘区人民政府")) == [
        ("city", "烟台市"), ("provincial", "山东省"), ("national", None)]
    assert df.containing_places(DocInfo("x", "", "district", "上海市浦东新区", None)) == [
        ("provincial", "上海市"), ("national", None)]
    assert df.containing_places(DocInfo("x", "", "national", "全国", None)) == []
    assert df.containing_places(DocInfo("x", "", "city", "不知市", None)) == [("national", None)]


# -- on a real embedded store ---------------------------------------------------------------

@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("diffusion") / "store"
    with EmbeddedStore(path) as s:
        ingest_records(s, RECORDS)
    return str(path)


def invoke(*args):
    result = CliRunner().invoke(cli, ["diffusion", *args], catch_exceptions=False)
    return result


def pairs_json(store, indicator):
    res = invoke(indicator, "--store", store, "--format", "json")
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)["pairs"]


#: (child, ancestor, via, hops, ratio, difference, verdict, lagDays), worked out by hand
EXPECTED = {
    "能耗": [(P, N, "implements", 1, 14.5 / 13.5, 1.0, "stricter", 50),
             (C1, P, "implements", 1, 16 / 14.5, 1.5, "stricter", 92)],
    "空气质量优良天数比率": [(P, N, "implements", 1, 85 / 87.5, -2.5, "looser", 50),
                             (C2, P, "region", 1, 90 / 85, 5.0, "stricter", 61)],
    "PM2.5": [(P, N, "implements", 1, 33 / 35, -2.0, "stricter", 50),   # N's 2025 value, not its 2030 one
              (C1, P, "implements", 1, 1.0, 0.0, "equal", 92),
              (D1, P, "region", 2, 30 / 33, -3.0, "stricter", 122)],  # 烟台市 sets none: the province
    "用水总量": [(P, N, "implements", 1, 1.2, 1.0, "looser", 50)],      # a capped rise: 6 > 5 is looser
    "森林覆盖率": [(C2, N, "region", 2, 20 / 24.1, -4.1, "looser", 111)],
    # a total: the province's share of the nation's, not a looser target
    "储能": [(P, N, "implements", 1, 1 / 30, -29000000, "share", 50)],
}


def _key(p):
    return (p["child"], p["ancestor"], p["via"], p["hops"], pytest.approx(p["ratio"]),
            pytest.approx(p["difference"]), p["verdict"], p["lagDays"])


@pytest.mark.parametrize("indicator", sorted(EXPECTED))
def test_pairs_ratios_differences_verdicts_and_lags_match_the_hand_computed_ones(store, indicator):
    got = [(p["child"], p["ancestor"], p["via"], p["hops"], p["ratio"], p["difference"],
            p["verdict"], p["lagDays"]) for p in pairs_json(store, indicator)]
    want = EXPECTED[indicator]
    assert len(got) == len(want)
    for g, w in zip(sorted(got), sorted(want)):
        assert g[:4] == w[:4] and g[6:] == w[6:]
        assert g[4] == pytest.approx(w[4]) and g[5] == pytest.approx(w[5])


def test_a_target_in_another_unit_finds_no_ancestor(store):
    # 济南市 counts good days in 天; its parents count them in %
    assert all(p["unit"] == "%" for p in pairs_json(store, "空气质量优良天数比率"))
    assert not [p for p in pairs_json(store, "空气质量优良天数比率") if p["child"] == C1]


def test_the_child_keeps_its_provenance(store):
    (row,) = [p for p in pairs_json(store, "能耗") if p["child"] == C1]
    assert (row["childPage"], row["childParagraph"]) == (3, 12)
    assert row["childSentence"].startswith("到2025年")


def test_the_table_and_csv(store):
    res = invoke("PM2.5", "--store", store)
    assert res.exit_code == 0, res.output
    assert "5 targets on PM2.5浓度 in 4 documents; 3 compared with their nearest ancestor " \
           "(2 along IMPLEMENTS, 1 by region)" in res.stdout
    zhifu = next(line for line in res.stdout.splitlines() if "芝罘区" in line)
    assert "山东省 (provincial, 2021-03-01)" in zhifu and "region 2" in zhifu and "0.9091" in zhifu
    assert zhifu.rstrip().endswith("stricter  122")
    res = invoke("PM2.5", "--store", store, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert list(rows[0]) == list(df.COLUMNS)
    assert {(r["child"], r["lagDays"]) for r in rows} == {(P, "50"), (C1, "92"), (D1, "122")}


def test_an_unknown_indicator_is_one_line_and_exit_1(store):
    res = CliRunner().invoke(cli, ["diffusion", "没有这个指标", "--store", store])
    assert res.exit_code == 1
    assert res.stderr.strip() == ("policykg: error: no indicator matches '没有这个指标'; "
                                  "try `policykg query find-indicators -p text=<a shorter part>`")


def test_the_named_query_gives_the_commands_implements_pairs(store):
    query = nq.get_query("targets-against-ancestors")
    columns = [c for c in df.COLUMNS if not c.startswith("childPage") and c not in
               ("childParagraph", "childSentence")]
    with EmbeddedStore(store, read_only=True) as s:
        for indicator in EXPECTED:
            result = s.run(query.cypher, nq.bind(query, {"indicator": indicator}), read_only=True)
            assert result.columns == columns
            got = sorted(tuple(r) for r in result.rows)
            want = sorted(tuple(p[c] for c in columns) for p in pairs_json(store, indicator)
                          if p["via"] == "implements")
            assert len(got) == len(want) == sum(e[2] == "implements" for e in EXPECTED[indicator])
            for g, w in zip(got, want):
                assert _same(g, w), (g, w)


def _same(a, b) -> bool:
    return all(x == pytest.approx(y) if isinstance(x, float) else x == y for x, y in zip(a, b))


# -- the picture ----------------------------------------------------------------------------

def test_a_png_is_written_with_chinese_glyphs_found(store, tmp_path):
    from pipeline.graph.diffusion_plot import cjk_font, cjk_fonts

    assert cjk_fonts(), "no CJK font on this machine: run scripts/system-deps.sh (fonts-wqy-microhei)"
    out = tmp_path / "pm.png"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = invoke("PM2.5", "--store", store, "--plot", str(out))
    assert res.exit_code == 0, res.output
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 5000
    assert not [w for w in caught if "missing from" in str(w.message)]  # no Glyph … missing from font
    assert "warning" not in res.stderr
    from matplotlib import font_manager

    family = cjk_font()
    assert font_manager.findfont(font_manager.FontProperties(family=family),
                                 fallback_to_default=False) in cjk_fonts()


def test_an_svg_is_written(store, tmp_path):
    out = tmp_path / "energy.svg"
    res = invoke("能耗", "--store", store, "--plot", str(out), "--format", "csv")
    assert res.exit_code == 0, res.output
    root = ET.parse(out).getroot()
    assert root.tag.endswith("svg")
    assert res.stdout.startswith("indicator,unit,kind")  # the rows are still printed


def test_without_a_cjk_font_the_picture_comes_with_a_warning(store, tmp_path, monkeypatch):
    from pipeline.graph import diffusion_plot

    monkeypatch.setattr(diffusion_plot, "cjk_fonts", lambda: [])
    out = tmp_path / "pm.png"
    res = invoke("PM2.5", "--store", store, "--plot", str(out))
    assert res.exit_code == 0 and out.is_file()
    warning = [line for line in res.stderr.splitlines() if line.startswith("policykg: warning:")]
    assert len(warning) == 1 and "fonts-wqy-microhei" in warning[0]


def test_a_picture_of_another_kind_is_refused(store, tmp_path):
    res = CliRunner().invoke(cli, ["diffusion", "PM2.5", "--store", store, "--plot",
                                   str(tmp_path / "pm.jpg")])
    assert res.exit_code == 2 and ".png or .svg" in res.stderr
    assert "Traceback" not in res.output
