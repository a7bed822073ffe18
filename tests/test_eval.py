"""Our scorer (pipeline.evaluate, `policykg eval`) on small hand-made gold/record pairs (docs/eval.md)."""
from __future__ import annotations

import copy
import json

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.evaluate import METRICS, load_gold, parse_floor, score
from pipeline.errors import InputError


def target(measure, value, unit, indicator, **kw):
    t = {"measure": measure, "task": None, "indicator": indicator, "value": value, "unit": unit,
         "kind": "level", "direction": None, "comparator": ">=", "year": 2025, "baseline_year": None}
    t.update(kw)
    return t


GOLD = {
    "document": {"title": "某市节水方案", "issuer": "某市人民政府", "date": "2023-01-05", "region": "某市",
                 "level": "city"},
    "parents": [{"title": "某省节水方案", "level": "provincial"}],
    "references": [{"title": "某省水资源条例", "measure": 2}],
    "sections": [{"index": 1, "title": "总体要求"}, {"index": 2, "title": "重点任务"}],
    "measures": [{"index": 1, "section": 1, "title": "主要目标"}, {"index": 2, "section": 2, "title": "推进节水"},
                 {"index": 3, "section": 2, "title": "治理污水"}],
    "tasks": [
        {"measure": 2, "index": 1, "agencies": [{"mention": "市水务局", "role": "lead"},
                                                {"mention": "市财政局", "role": "support"}]},
        {"measure": 3, "index": 1, "agencies": [{"mention": "市生态环境局", "role": "shared"},
                                                {"mention": "市住房城乡建设局", "role": "shared"}]},
    ],
    "targets": [
        target(1, 30, "%", "城市再生水利用率"),
        target(1, 5, "百分点", "污水集中收集率", kind="change", direction="up", baseline_year=2020),
        target(2, 240000, "户", "节水器具改造", comparator="=", task=1),
    ],
}


def scored(edit=None, gold=GOLD):
    rec = copy.deepcopy(gold)
    if edit:
        edit(rec)
    return score(gold, rec)


def test_a_record_equal_to_its_gold_scores_one_everywhere():
    m = scored()
    assert list(m) == [k for k in METRICS if k not in ("targets.attribute_acc", "targets.baseline_value_acc",
                                                        "document.kind")]
    assert set(m.values()) == {1.0}


def test_a_wrong_year_lowers_year_accuracy_only():
    m = scored(lambda r: r["targets"][0].update(year=2030))
    assert m["targets.year_acc"] == pytest.approx(2 / 3)
    assert m["targets.f1"] == 1.0 and m["targets.kind_acc"] == 1.0


def test_a_gold_list_accepts_any_of_its_years():
    gold = copy.deepcopy(GOLD)
    gold["targets"][0]["year"] = [2023, None]
    assert scored(lambda r: r["targets"][0].update(year=None), gold)["targets.year_acc"] == 1.0
    assert scored(lambda r: r["targets"][0].update(year=2025), gold)["targets.year_acc"] == pytest.approx(2 / 3)


def test_a_wrong_value_loses_the_target_both_ways():
    m = scored(lambda r: r["targets"][0].update(value=35))
    assert m["targets.precision"] == m["targets.recall"] == pytest.approx(2 / 3)


def test_values_compare_as_numbers_and_units_by_alias():
    def edit(r):
        r["targets"][0]["value"] = 30.0000001
        r["targets"][1]["unit"] = "个百分点"
        r["targets"][0]["unit"] = "％"
    assert scored(edit)["targets.f1"] == 1.0


def test_a_target_in_another_measure_does_not_match():
    assert scored(lambda r: r["targets"][2].update(measure=3))["targets.recall"] == pytest.approx(2 / 3)


def test_kind_needs_the_direction_too():
    m = scored(lambda r: r["targets"][1].update(direction="down"))
    assert m["targets.kind_acc"] == pytest.approx(2 / 3) and m["targets.comparator_acc"] == 1.0


def test_indicator_overlap_loose_and_tight():
    # the shorter name's characters are all in the longer one: both checks pass
    short = scored(lambda r: r["targets"][0].update(indicator="城市利用率"))
    assert short["targets.indicator_acc"] == short["targets.indicator_tight_acc"] == 1.0
    # the prediction runs on past the gold name by more than a quarter: loose only
    loose = scored(lambda r: r["targets"][0].update(indicator="城市再生水利用率和回用"))
    assert loose["targets.indicator_acc"] == 1.0 and loose["targets.indicator_tight_acc"] == pytest.approx(2 / 3)
    assert scored(lambda r: r["targets"][0].update(indicator="回用"))["targets.indicator_acc"] == pytest.approx(2 / 3)


def test_an_extra_prediction_lowers_precision_but_one_matching_an_optional_gold_does_not():
    extra = target(2, 16, "处", "水源地")
    m = scored(lambda r: r["targets"].append(extra))
    assert m["targets.precision"] == pytest.approx(3 / 4) and m["targets.recall"] == 1.0
    gold = copy.deepcopy(GOLD)
    gold["targets"].append(dict(extra, optional=True))
    m = score(gold, copy.deepcopy(GOLD) | {"targets": GOLD["targets"] + [extra]})
    assert m["targets.precision"] == 1.0 and m["targets.recall"] == 1.0
    # an optional gold target that is not predicted costs nothing either
    assert score(gold, copy.deepcopy(GOLD))["targets.f1"] == 1.0


def test_targets_match_one_to_one():
    m = scored(lambda r: r["targets"].append(copy.deepcopy(r["targets"][0])))
    assert m["targets.precision"] == pytest.approx(3 / 4)


def test_agencies_as_a_multiset_of_measure_mention_role():
    m = scored(lambda r: r["tasks"][0]["agencies"][1].update(role="shared"))
    assert m["agencies.precision"] == m["agencies.recall"] == pytest.approx(3 / 4)
    # the task index counts only for task_f1
    m = scored(lambda r: r["tasks"][1].update(index=2))
    assert m["agencies.f1"] == 1.0 and m["agencies.task_f1"] == pytest.approx(2 / 4)


def test_mentions_fold_width_and_spaces():
    m = scored(lambda r: r["tasks"][0]["agencies"][0].update(mention="市 水务局"))
    assert m["agencies.f1"] == 1.0
    gold = copy.deepcopy(GOLD)
    gold["tasks"][0]["agencies"][0]["mention"] = "各区(市)"
    assert scored(lambda r: r["tasks"][0]["agencies"][0].update(mention="各区（市）"), gold)["agencies.f1"] == 1.0


def test_a_lost_task_lowers_task_count():
    m = scored(lambda r: r["tasks"].pop())
    assert m["tasks.count_f1"] == pytest.approx(2 / 3)


def test_structure_compares_index_section_and_title():
    assert scored(lambda r: r["measures"][2].update(section=1))["measures.f1"] == pytest.approx(2 / 3)
    assert scored(lambda r: r["sections"][0].update(index=3))["sections.f1"] == 0.5
    assert scored(lambda r: r["sections"][0].update(title="总体 要求"))["sections.f1"] == 1.0


def test_document_fields_parents_references():
    assert scored(lambda r: r["document"].update(date=None))["document.fields"] == pytest.approx(4 / 5)
    assert scored(lambda r: r["document"].update(title="《某市节水方案》"))["document.fields"] == 1.0
    assert scored(lambda r: r["parents"][0].update(level="national"))["parents.f1"] == 0.0
    assert scored(lambda r: r["references"].clear())["references.f1"] == 0.0


def test_second_edition_fields_only_where_the_gold_states_them():
    gold = copy.deepcopy(GOLD)
    gold["document"]["kind"] = "programme"
    gold["targets"][0]["attribute"] = "binding"
    gold["targets"][1]["baseline_value"] = 86.0
    rec = copy.deepcopy(gold)
    rec["targets"][0]["attribute"] = "expected"
    rec["document"]["kind"] = "plan"
    m = score(gold, rec)
    assert m["targets.attribute_acc"] == 0.0 and m["targets.baseline_value_acc"] == 1.0 and m["document.kind"] == 0.0
    assert list(m)[-3:] == ["targets.attribute_acc", "targets.baseline_value_acc", "document.kind"]


def test_nothing_predicted():
    m = score(GOLD, {})
    assert m["targets.f1"] == 0.0 and m["targets.year_acc"] == 0.0 and m["sections.f1"] == 0.0
    empty = {"document": {}, "targets": []}
    assert score(empty, {})["targets.f1"] == 1.0  # nothing wanted, nothing given


def test_floors_are_parsed_strictly():
    assert parse_floor("targets.f1=0.95").value == 0.95
    for bad in ("targets.f1", "nosuch.metric=1", "targets.f1=high", "targets.f1=2"):
        with pytest.raises(ValueError):
            parse_floor(bad)


# -- the command --------------------------------------------------------------------------

@pytest.fixture
def files(tmp_path):
    gold, rec = tmp_path / "gold.json", tmp_path / "rec.json"
    gold.write_text(json.dumps(GOLD, ensure_ascii=False), encoding="utf-8")
    wrong = copy.deepcopy(GOLD)
    wrong["targets"][0]["year"] = 2030
    rec.write_text(json.dumps(wrong, ensure_ascii=False), encoding="utf-8")
    return gold, rec


def run(*args):
    return CliRunner().invoke(cli, ["eval", *map(str, args)])


def test_cli_table_and_json(files):
    gold, rec = files
    table = run(gold, rec)
    assert table.exit_code == 0, table.output
    assert "targets.year_acc             0.667" in table.stdout.splitlines()
    as_json = run(gold, rec, "--format", "json")
    assert json.loads(as_json.stdout)["targets.year_acc"] == pytest.approx(2 / 3)


def test_cli_floor_not_met_exits_1_with_one_line(files):
    gold, rec = files
    res = run(gold, rec, "--min", "targets.f1=0.9", "--min", "targets.year_acc=0.9")
    assert res.exit_code == 1
    assert res.stderr.strip().splitlines() == [
        f"policykg: error: {rec}: below floor: targets.year_acc=0.667<0.9"]
    assert "targets.f1" in res.stdout  # the metrics are still printed
    assert run(gold, rec, "--min", "targets.year_acc=0.6").exit_code == 0


def test_cli_floor_on_a_metric_the_gold_does_not_state(files):
    gold, rec = files
    res = run(gold, rec, "--min", "targets.attribute_acc=0.5")
    assert res.exit_code == 1 and "not scored: the gold states none" in res.stderr


@pytest.mark.parametrize("content, words", [
    (None, "no such gold file"),
    ("", "not JSON"),
    ("[1, 2]", "not a JSON object"),
    ('{"targets": {"a": 1}}', "targets is not a list"),
    ('{"targets": [{"measure": 1, "value": 3}]}', "gold targets[0] lacks"),
    ('{"tasks": [{"measure": 1, "index": 1, "agencies": [{"mention": "x"}]}]}', "lacks mention or role"),
])
def test_cli_bad_gold_exits_2_with_one_line(files, content, words):
    gold, rec = files
    if content is None:
        gold.unlink()
    else:
        gold.write_text(content, encoding="utf-8")
    res = run(gold, rec)
    assert res.exit_code == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0] and str(gold) in lines[0]


def test_cli_bad_record_and_bad_floor(files, tmp_path):
    gold, rec = files
    rec.write_bytes(b"\xff\xfe\x00garbage")
    res = run(gold, rec)
    assert res.exit_code == 2 and "record" in res.stderr and "Traceback" not in res.output
    assert run(gold, tmp_path).exit_code == 2  # a folder
    bad = run(gold, gold, "--min", "targets.f1")
    assert bad.exit_code == 2 and "METRIC=VALUE" in bad.output


def test_the_dev_gold_in_the_repository_loads():
    from tests.helpers import GOLD as GOLD_DIR

    gold = load_gold(GOLD_DIR / "qingdao-2022-pollution-plan.gold.json")
    assert len(gold["targets"]) > 30 and len(gold["tasks"]) > 30
    with pytest.raises(InputError):
        load_gold(GOLD_DIR / "missing.gold.json")
