"""Indicator tables: cells spanning rows or columns, rows under a parent, reviews, and what no row holds."""
from __future__ import annotations

from pipeline.parse.tables import Table, is_review, table_targets
from pipeline.read.tables import mark_tables
from tests.test_tables_layout import line, page, table_lines


def test_a_dated_完成情况_column_before_a_later_target_column_is_the_baseline_not_a_review():
    t = Table(header=["序号", "指标名称", "单位", "2020年完成情况", "2025年目标值", "属性"],
              rows=[["1", "湿地保护率", "%", "50", "≥55", "约束性"]])
    [x] = table_targets(t, None, None)
    assert (x.indicator, x.value, x.comparator, x.year, x.baseline_value, x.baseline_year) == \
        ("湿地保护率", 55, ">=", 2025, 50, 2020)


def test_a_完成情况_column_with_no_year_or_no_later_column_is_a_review():
    assert is_review(["指标", "2015年", "2020年目标值", "2020年实际值", "完成情况", "属性"])
    assert is_review(["指标", "2015年", "2020年目标", "2020年完成情况", "属性"])
    assert not is_review(["指标", "2020年", "2025年", "属性"])
    assert not is_review(["指标", "2020年完成情况", "“十四五”目标", "属性"])
