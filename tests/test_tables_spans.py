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
    assert is_review(["序号", "指标名称", "单位", "“十三五”目标值", "2020年现状值", "达标情况", "属性"])


HEAD = line((92, "序号"), (150, "指标"), (300, "2020年"), (360, "2025年"), (430, "属性"), y=700)


def test_a_word_under_no_header_word_stands_in_the_column_whose_cells_it_stands_among():
    # the names are left-aligned in a wide column: 挥发性有机物 ends nearer 2020年's centre than 指标's
    lines = [line((92, "序号"), (150, "指标"), (300, "2020年"), (360, "2025年"), (430, "属性"), y=730),
             line((92, "1"), (150, "森林覆盖率（%）"), (300, "42"), (360, "43"), (430, "约束性"), y=700),
             line((208, "氮氧化物"), (300, "—"), (360, "2.08"), y=679),
             line((208, "挥发性有机物"), (300, "—"), (360, "0.99"), y=660),
             line((92, "2"), (150, "重点工程减排量（万吨）"), (430, "约束性"), y=651),
             line((208, "化学需氧量"), (300, "—"), (360, "1.60"), y=642),
             line((208, "氨氮"), (300, "—"), (360, "0.04"), y=623),
             line((92, "3"), (150, "湿地保护率（%）"), (300, "50"), (360, "55"), (430, "预期性"), y=601)]
    rows = table_lines(mark_tables([page(lines)])[0])
    got = [(x.indicator, x.value) for x in table_targets(Table(rows[0], rows[1:]), None, None)]
    assert got == [("森林覆盖率", 43), ("重点工程减排量氮氧化物", 20800.0), ("重点工程减排量挥发性有机物", 9900.0),
                   ("重点工程减排量化学需氧量", 16000.0), ("重点工程减排量氨氮", 400.0), ("湿地保护率", 55)]


def test_a_unit_wrapped_under_no_header_word_stays_in_the_name_not_the_serial():
    lines = [line((80, "序号"), (200, "指标"), (330, "2020年"), (390, "2025年"), (450, "属性"), y=700),
             line((84, "1"), (120, "城市空气质量优良天数比率"), (330, "82"), (390, "85"), (450, "约束性"), y=670),
             line((120, "（%）"), y=656)]
    rows = table_lines(mark_tables([page(lines)])[0])
    assert rows[1][:2] == ["1", "城市空气质量优良天数比率（%）"]


def test_a_value_read_beside_a_category_under_a_tall_name_is_no_row_of_its_own():
    # row 2's name wraps (…削减 / 率) and its lower line ends the row; 22.33 is row 1's lower 2020 line
    lines = [line((90, "序号"), (122, "类别"), (193, "指标名称"), (336, "2020年"), (419, "2025年"), (484, "属性"), y=700),
             line((90, "12"), (153, "氨氮排放总量削减率"), (336, "“十三五”"), (484, "约束性"), y=670),
             line((122, "污染"), (351, "22.33"), y=662),
             line((90, "13"), (122, "控制"), (153, "挥发性有机物削减"), (363, "-"), (413, "完成省级"), y=640),
             line((153, "率"), (413, "下达任务"), (484, "约束性"), y=628)]
    rows = table_lines(mark_tables([page(lines)])[0])
    assert [r[2:5] for r in rows[1:]] == [["氨氮排放总量削减率", "“十三五”22.33", ""],
                                          ["挥发性有机物削减率", "-", "完成省级下达任务"]]


def test_a_value_cell_merged_over_two_rows_is_each_rows():
    lines = [HEAD,
             line((92, "1"), (150, "森林覆盖率（%）"), (300, "42"), (360, "43"), (430, "约束性"), y=670),
             line((92, "2"), (150, "单位GDP能耗降低（%）"), (300, "—"), (430, "约束性"), y=640),
             line((360, "≥13.5"), y=625),  # drawn once, centred on the line between rows 2 and 3
             line((92, "3"), (150, "单位GDP二氧化碳排放降低（%）"), (300, "—"), (430, "约束性"), y=610),
             line((92, "4"), (150, "湿地保护率（%）"), (300, "50"), (360, "55"), (430, "预期性"), y=580)]
    rows = table_lines(mark_tables([page(lines)])[0])
    assert [r[3] for r in rows[1:]] == ["43", "≥13.5", "≥13.5", "55"]
    got = [(x.indicator, x.value, x.comparator) for x in table_targets(Table(rows[0], rows[1:]), None, None)]
    assert got[1:3] == [("单位GDP能耗降低", 13.5, ">="), ("单位GDP二氧化碳排放降低", 13.5, ">=")]


def test_a_two_line_cell_merged_over_two_rows_joins_its_lines_for_each():
    lines = [HEAD,
             line((92, "1"), (150, "单位GDP能耗降低（%）"), (300, "—"), (430, "约束性"), y=660),
             line((360, "完成国家"), y=646), line((360, "下达任务"), y=634),
             line((92, "2"), (150, "单位GDP二氧化碳排放降低（%）"), (300, "—"), (430, "约束性"), y=620)]
    rows = table_lines(mark_tables([page(lines)])[0])
    assert [r[3] for r in rows[1:]] == ["完成国家下达任务", "完成国家下达任务"]


def test_a_cell_going_on_over_three_rows_is_not_given_to_two_of_them():
    lines = [HEAD,
             line((92, "1"), (150, "甲城优良天数比例（%）"), (300, "94.9"), (430, "约束性"), y=670),
             line((360, "控制在省"), y=655),
             line((92, "2"), (150, "乙城优良天数比例（%）"), (300, "92.5"), (430, "约束性"), y=640),
             line((360, "级下达的"), y=625),
             line((92, "3"), (150, "丙城优良天数比例（%）"), (300, "90.1"), (430, "约束性"), y=610)]
    rows = table_lines(mark_tables([page(lines)])[0])
    assert [r[3] for r in rows[1:]].count("控制在省") <= 1


def test_a_tall_rows_upper_line_of_name_and_values_joins_the_row_its_lower_line_ends():
    lines = [HEAD,
             line((92, "1"), (150, "森林覆盖率（%）"), (300, "42"), (360, "43"), (430, "约束性"), y=670),
             line((92, "2"), (150, "单位地区生产总值能耗"), (300, "5年下降"), (360, "完成省级"), y=637),
             line((150, "降低（%）"), (300, "19.4"), (360, "下达任务"), (430, "约束性"), y=622)]
    rows = table_lines(mark_tables([page(lines)])[0])
    assert rows[1:] == [["1", "森林覆盖率（%）", "42", "43", "约束性"],
                        ["2", "单位地区生产总值能耗降低（%）", "5年下降19.4", "完成省级下达任务", "约束性"]]


def test_a_rows_lower_line_just_below_it_is_never_the_next_rows_upper_line():
    lines = [HEAD,
             line((92, "1"), (150, "地级城市空气质"), (300, "98.8"), (360, "完成国家"), (430, "约束性"), y=670),
             line((150, "量优良天数比率（%）"), (360, "下达指标"), y=658),
             line((92, "2"), (150, "重污染天数比率（%）"), (300, "0"), (360, "0"), (430, "约束性"), y=640)]
    rows = table_lines(mark_tables([page(lines)])[0])
    assert [r[1:4] for r in rows[1:]] == [["地级城市空气质量优良天数比率（%）", "98.8", "完成国家下达指标"],
                                          ["重污染天数比率（%）", "0", "0"]]


def test_a_heading_drawn_across_the_table_between_rows_joins_no_row():
    lines = [HEAD,
             line((92, "1"), (150, "森林覆盖率（%）"), (300, "42"), (360, "43"), (430, "约束性"), y=670),
             line((234, "环境风险"), y=650),  # centred on the table (80…466), under no header word
             line((92, "2"), (150, "污染地块安全利用率（%）"), (300, "90"), (360, "95"), (430, "预期性"), y=630),
             line((150, "（含县城）"), y=616)]  # a wrapped name where the names begin: kept
    rows = table_lines(mark_tables([page(lines)])[0])
    assert [r[1] for r in rows[1:]] == ["森林覆盖率（%）", "污染地块安全利用率（%）（含县城）"]


def test_a_note_in_brackets_after_a_cells_value_is_no_part_of_it():
    t = Table(header=["指标", "2020年", "2025年", "属性"],
              rows=[["耕地保有量（万公顷）", "340.05", "325.46（以上级下达为准）", "约束性"],
                    ["自然保护地面积比率（%）", "11.11（较2015年）", "≥10（暂定）", "预期性"],
                    ["森林蓄积量（万立方米）", "—", "（待核定）", "预期性"]])
    got = [(x.indicator, x.value, x.unit, x.comparator, x.baseline_value) for x in table_targets(t, None, None)]
    assert got == [("耕地保有量", 3254600.0, "公顷", "=", 3400500.0), ("自然保护地面积比率", 10, "%", ">=", 11.11)]


def test_a_cell_of_many_lines_centred_on_its_row_is_that_rows_though_its_top_line_is_nearer_the_row_above():
    lines = [HEAD,
             line((92, "1"), (150, "优良天数比率（%）"), (300, "63.1"), (360, "完成任务"), (430, "约束性"), y=640),
             line((360, "100"), y=622), line((300, "94.4"), y=614), line((360, "（21个国控"), y=605),
             line((92, "2"), (150, "地表水优良比例（%）"), y=597), line((430, "约束性"), y=597),
             line((360, "断面、7个"), y=588), line((360, "省控断面）"), y=571),
             line((92, "3"), (150, "劣V类水体比例（%）"), (300, "0"), (360, "0"), (430, "约束性"), y=554)]
    rows = table_lines(mark_tables([page(lines)])[0])
    assert [r[2:4] for r in rows[1:]] == [["63.1", "完成任务"], ["94.4", "100（21个国控断面、7个省控断面）"], ["0", "0"]]
    got = [(x.indicator, x.value) for x in table_targets(Table(rows[0], rows[1:]), None, None)]
    assert got == [("地表水优良比例", 100), ("劣V类水体比例", 0)]


def test_a_line_between_two_rows_joins_the_row_whose_cell_goes_on_below_its_middle():
    lines = [HEAD,
             line((92, "1"), (150, "森林覆盖率（%）"), (300, "50.1"), (360, "≥50.1"), (430, "约束性"), y=640),
             line((360, "面积不减少"), y=627),
             line((92, "2"), (150, "生态保护红线（%）"), (300, "9.9"), (360, "功能不降"), (430, "约束性"), y=614),
             line((360, "性质不改"), y=602),
             line((92, "3"), (150, "湿地保护率（%）"), (300, "50"), (360, "55"), (430, "预期性"), y=585)]
    rows = table_lines(mark_tables([page(lines)])[0])
    assert [r[3] for r in rows[1:]] == ["≥50.1", "面积不减少功能不降性质不改", "55"]


def test_a_rows_lower_line_stays_its_own_when_the_next_rows_cell_also_goes_on_below():
    lines = [HEAD,
             line((92, "1"), (150, "空气质量优良（%）"), (300, "98.8"), (360, "完成国家"), (430, "约束性"), y=640),
             line((360, "下达指标"), y=630),
             line((92, "2"), (150, "细颗粒物浓度"), (300, "20"), (360, "完成国家"), (430, "约束性"), y=613),
             line((360, "下达指标"), y=603),
             line((92, "3"), (150, "重污染天数比率（%）"), (300, "0"), (360, "0"), (430, "约束性"), y=586)]
    rows = table_lines(mark_tables([page(lines)])[0])
    assert [r[3] for r in rows[1:]] == ["完成国家下达指标", "完成国家下达指标", "0"]


def test_a_cells_words_holding_性质_never_begin_another_table():
    lines = [HEAD,
             line((92, "1"), (150, "生态保护红线（%）"), (300, "9.9"), (360, "面积不减少"), (430, "约束性"), y=640),
             line((360, "性质不改变"), y=628),
             line((92, "2"), (150, "湿地保护率（%）"), (300, "50"), (360, "55"), (430, "预期性"), y=610)]
    rows = table_lines(mark_tables([page(lines)])[0])
    assert [r[1] for r in rows[1:]] == ["生态保护红线（%）", "湿地保护率（%）"]


def test_a_numbered_label_over_indented_unnumbered_rows_heads_each_of_them():
    head = line((150, "指标名称"), (300, "2020年"), (360, "2025年"), (430, "属性"), y=700)
    lines = [head,
             line((150, "3.国土开发强度（%）"), (300, "5"), (360, "5.16"), (430, "参考性"), y=670),
             line((150, "4.空气质量"), y=650),
             line((162, "优良天数比率（%）"), (300, "97.7"), (360, "98"), (430, "约束性"), y=635),
             line((162, "PM2.5年均浓度（μg/m3）"), (300, "26"), (360, "25"), y=620),
             line((150, "5.森林覆盖率（%）"), (300, "62.5"), (360, "62.6"), (430, "参考性"), y=600)]
    rows = table_lines(mark_tables([page(lines)])[0])
    assert [r[0] for r in rows[1:]] == ["3.国土开发强度（%）", "4.空气质量优良天数比率（%）",
                                        "4.空气质量PM2.5年均浓度（μg/m3）", "5.森林覆盖率（%）"]
    got = [(x.indicator, x.value) for x in table_targets(Table(rows[0], rows[1:]), None, None)]
    assert got[1:3] == [("空气质量优良天数比率", 98), ("空气质量PM2.5年均浓度", 25)]


def test_a_label_of_a_category_in_the_name_column_heads_no_rows():
    head = line((150, "指标名称"), (300, "2020年"), (360, "2025年"), (430, "属性"), y=700)
    lines = [head,
             line((150, "（1）生态保"), y=670),  # a category's letters, its rows unnumbered throughout
             line((210, "森林覆盖率（%）"), (300, "4.1"), (360, "4.35"), (430, "约束性"), y=655),
             line((210, "湿地保护率（%）"), (300, "50"), (360, "55"), (430, "约束性"), y=640)]
    rows = table_lines(mark_tables([page(lines)])[0])
    assert all("生态保" not in r[0] for r in rows[2:])


def test_a_groups_heading_on_a_row_band_of_its_own_joins_no_name():
    head = line((106, "主要指标"), (320, "2020年"), (385, "2025年"), (464, "属性"), y=700)
    lines = [head,
             line((106, "生态保护"), y=668),  # a row of its own over the group, a row's pitch from each
             line((106, "森林覆盖率（%）"), (326, "61.5"), (397, "64"), (459, "约束性"), y=636),
             line((106, "林地保有量（亿亩）"), (331, "1.5"), (390, "≥1.55"), (459, "约束性"), y=604),
             line((106, "质量提升"), y=572),
             line((106, "混交林比例（%）"), (328, "47"), (397, "50"), (459, "预期性"), y=540),
             line((106, "城市生活污水"), y=519),  # a wrapped name: a line's spacing from its row
             line((106, "收集率（%）"), (328, "60"), (397, "70"), (459, "预期性"), y=508)]
    rows = table_lines(mark_tables([page(lines)])[0])
    assert [r[0] for r in rows[1:]] == ["森林覆盖率（%）", "林地保有量（亿亩）", "混交林比例（%）", "城市生活污水收集率（%）"]


def test_a_name_of_three_lines_centred_on_its_row_keeps_its_upper_line_though_it_stands_far_from_it():
    lines = [HEAD,
             line((150, "在用城市集中式"), y=654),
             line((92, "1"), (150, "水源地达标率（%）"), (300, "100"), (360, "100"), (430, "约束性"), y=645),
             line((150, "县级集中式饮用"), y=624),  # 15 above row 2, 21 below row 1: row 2's, its name has a line below
             line((92, "2"), (150, "水源达到或优于"), (300, "98"), (360, "100"), (430, "约束性"), y=609),
             line((150, "Ⅲ类比例（%）"), y=594),
             line((92, "3"), (150, "湿地保护率（%）"), (300, "50"), (360, "55"), (430, "预期性"), y=565)]
    rows = table_lines(mark_tables([page(lines)])[0])
    assert [r[1] for r in rows[1:]] == ["在用城市集中式水源地达标率（%）", "县级集中式饮用水源达到或优于Ⅲ类比例（%）",
                                        "湿地保护率（%）"]


def test_a_parent_drawn_left_of_its_sub_indicators_names_each_and_lends_them_its_attribute():
    head = line((83, "序号"), (168, "指标名称"), (274, "单位"), (318, "2020年"), (371, "2025年"), (479, "属性"), y=700)
    lines = [head,
             line((89, "1"), (126, "优良天数比率"), (280, "%"), (326, "80.3"), (379, "80.5"), (479, "约束性"), y=670),
             line((122, "地表水达到"), (202, "国考断面"), (280, "%"), (326, "62.5"), (383, "80"), y=645),
             line((89, "2"), (122, "或优于三类"), (479, "约束性"), y=630),
             line((122, "水质的比例"), (190, "省考及以上断面"), (280, "%"), (326, "84.4"), (379, "92.2"), y=615),
             line((89, "3"), (132, "地下水质量比例"), (280, "%"), (326, "5"), (383, "4"), (479, "预期性"), y=590)]
    rows = table_lines(mark_tables([page(lines)])[0])
    got = [(x.indicator, x.value, x.baseline_value, x.attribute) for x in table_targets(Table(rows[0], rows[1:]), None, None)]
    assert got == [("优良天数比率", 80.5, 80.3, "binding"), ("地表水达到或优于三类水质的比例国考断面", 80, 62.5, "binding"),
                   ("地表水达到或优于三类水质的比例省考及以上断面", 92.2, 84.4, "binding"), ("地下水质量比例", 4, 5, "expected")]
