"""Indicator tables whose layout the text layer breaks up: rows over several lines, headers over many, categories."""
from __future__ import annotations

from pipeline.parse.tables import Table, table_targets
from pipeline.read.tables import CELL_SEP, ROW_MARK, Char, PageLines, mark_tables, merge_bands
from tests.documents import PlacedTextPage

SIZE = 12.0


def line(*pieces: tuple[float, str], y: float = 0.0) -> list[Char]:
    """Characters from each (x, text) on a band whose bottom is ``y`` (0: no vertical box)."""
    out = []
    for x, text in pieces:
        for ch in text:
            w = SIZE if "\u4e00" <= ch <= "\u9fff" or ch in "（）%①②" else 6.0
            out.append(Char(ch, x, x + w, SIZE, y, y + SIZE if y else 0.0))
            x += w
    return out


def page(rows: list[list[Char]]) -> PageLines:
    return PageLines(["".join(c.ch for c in r) for r in rows], rows)


def table_lines(out: list[str]) -> list[list[str]]:
    return [ln[1:].split(CELL_SEP) for ln in out if ln.startswith(ROW_MARK)]


HEAD = [line((92, "序号"), (150, "指标"), (300, "2020年"), (360, "2025年"), (430, "属性"))]


def test_lines_of_one_band_are_one_line_and_others_stay_apart():
    a = line((92, "1"), (150, "优良天数比率（%）"), (300, "65.3"), y=500)
    mark = line((326, "①"), y=503)  # a raised footnote marker the text layer puts on a line of its own
    b = line((360, "72.6"), (430, "约束性"), y=500)
    below = line((92, "2"), y=480)
    got = merge_bands([a, mark, b, below])
    assert ["".join(c.ch for c in ln) for ln in got] == ["".join(
        c.ch for c in sorted(a + mark + b, key=lambda c: c.left)), "", "", "2"]


def test_a_row_whose_marker_and_values_stand_on_lines_of_their_own_is_one_row():
    rows = [line((92, "1"), (150, "优良天数比率（%）"), (300, "65.3"), y=500), line((326, "①"), y=503),
            line((360, "72.6"), (430, "约束性"), y=500),
            line((92, "2"), (150, "劣V类水体比例（%）"), (300, "2.8"), (360, "0"), (430, "导向性"), y=480),
            line((92, "3"), (150, "污水收集率（%）"), (300, "60"), (360, "70"), (430, "指导性"), y=460)]
    out = mark_tables([page([line((92, "序号"), (150, "指标"), (300, "2020年"), (360, "2025年"), (430, "属性"), y=520)]
                            + rows)])[0]
    assert table_lines(out)[1:] == [["1", "优良天数比率（%）", "65.3①", "72.6", "约束性"],
                                    ["2", "劣V类水体比例（%）", "2.8", "0", "导向性"],
                                    ["3", "污水收集率（%）", "60", "70", "指导性"]]


def test_a_header_over_many_lines_with_letter_spaced_words_and_a_name_above_its_values():
    lines = [line((92, "表1"), (130, "主要指标")),
             line((181, "指"), (208, "标")), line((300, "2020年")), line((296, "（基准值）")), line((360, "2025年")),
             line((420, "五年")), line((420, "累计")), line((480, "属性")),
             line((80, "（一）环境治理")),
             line((80, "（1）细颗粒物浓度下降到")), line((80, "（μg/m3）")),
             line((305, "32"), (362, "≤30"), (420, "[5%]"), (478, "约束性")),
             line((80, "（2）优良天数比率（%）"), (305, "91"), (362, "92"), (425, "—"), (478, "约束性"))]
    out = mark_tables([page(lines)])[0]
    assert out[0] == "表1主要指标"
    assert table_lines(out) == [["指标", "2020年（基准值）", "2025年", "五年累计", "属性"],
                                ["（1）细颗粒物浓度下降到（μg/m3）", "32", "≤30", "[5%]", "约束性"],
                                ["（2）优良天数比率（%）", "91", "92", "—", "约束性"]]


def test_a_tall_row_joins_its_lines_and_a_category_heading_joins_no_row():
    lines = HEAD + [
        line((92, "1"), (150, "森林覆盖率（%）"), (300, "20.9"), (360, "21"), (430, "约束性")),
        line((80, "（二）能源领域")),
        line((92, "2"), (150, "能耗降低（%）"), (305, "—")),
        line((360, "完成国家")),
        line((360, "下达目标"), (430, "约束性")),
        line((150, "煤炭消费总量")), line((150, "（亿吨）")),
        line((305, "—"), (360, "完成任务"), (430, "约束性"))]
    out = mark_tables([page(lines)])[0]
    assert table_lines(out)[1:] == [["1", "森林覆盖率（%）", "20.9", "21", "约束性"],
                                    ["2", "能耗降低（%）", "—", "完成国家下达目标", "约束性"],
                                    ["", "煤炭消费总量（亿吨）", "—", "完成任务", "约束性"]]


def test_the_name_column_is_the_indicator_never_its_category():
    t = Table(header=["指标类别", "序号", "指标体系", "2020年", "2025年", "指标属性"],
              rows=[["环境质量", "1", "优良天数比率（%）", "65.3①", "72.6", "约束性"],
                    ["", "2", "黑臭水体比例（%）", "—", "0", "导向性"]])
    got = [(x.indicator, x.value, x.baseline_value, x.attribute) for x in table_targets(t, None, None)]
    assert got == [("优良天数比率", 72.6, 65.3, "binding"), ("黑臭水体比例", 0, None, None)]


def test_two_lines_of_one_cell_are_never_one_band():
    upper = line((150, "名称"), (360, "完成省下达"), y=500)
    lower = line((360, "目标"), (430, "约束性"), y=493)  # loose boxes overlapping, the words one over the other
    assert [len(x) for x in merge_bands([upper, lower])] == [len(upper), len(lower)]


def _FakeTextPage(lines: list[str]) -> PlacedTextPage:
    """A text page of our own: each line's characters 12 wide from x=90, lines 20 apart."""
    return PlacedTextPage([(ln, 90, 700 - 20 * i, 12) for i, ln in enumerate(lines)])


def test_a_line_of_spaces_does_not_cost_a_page_its_character_boxes():
    from pipeline.read.pdf import _page_lines

    got = _page_lines(_FakeTextPage(["表1 主要指标", "指标 2025年 属性", "1 森林覆盖率 42 约束性", " ", "注：数据为约数。"]))
    assert got.chars is not None and len(got.chars) == len(got.lines) == 4


def test_a_foot_header_naming_性质_serves_a_tall_first_row_on_the_next_page():
    first = page([line((90, "表1"), (130, "应对气候变化指标体系")),
                  line((80, "类别"), (120, "序号"), (155, "具体指标"), (309, "单位"), (344, "2020年"), (394, "2025年")),
                  line((479, "指标")), line((479, "性质"))])
    second = page([line((80, "综合指")), line((80, "标")), line((120, "1")), line((155, "能耗降低")),
                   line((309, "%"), (344, "-")), line((394, "国家下达")), line((479, "约束性")),
                   line((120, "2"), (155, "森林蓄积量"), (309, "亿立方米"), (344, "3.75"), (394, "≥4.45"), (479, "约束性"))])
    out = mark_tables([first, second])
    assert out[0] == ["表1应对气候变化指标体系"]
    rows = table_lines(out[1])
    assert rows == [["类别", "序号", "具体指标", "单位", "2020年", "2025年", "指标性质"],
                    ["综合指标", "1", "能耗降低", "%", "-", "国家下达", "约束性"],
                    ["", "2", "森林蓄积量", "亿立方米", "3.75", "≥4.45", "约束性"]]
    [x] = table_targets(Table(rows[0], rows[1:]), None, None)
    assert (x.indicator, x.value, x.comparator, x.baseline_value, x.attribute) == ("森林蓄积量", 445000000, ">=", 375000000, "binding")


def test_a_header_naming_项目_and_指标类别_over_the_attributes_is_an_indicator_table():
    lines = [line((100, "类别"), (138, "序号"), (257, "项目"), (366, "2020年"), (418, "“十四")),
             line((367, "现状值"), (424, "五”")), line((418, "目标值"), (473, "指标")), line((473, "类别")),
             line((146, "1"), (172, "优良天数比率（%）"), (372, "85.1"), (424, "85.5"), (467, "约束性"))]
    out = mark_tables([page(lines)])[0]
    rows = table_lines(out)
    assert rows == [["类别", "序号", "项目", "2020年现状值", "“十四五”目标值", "指标类别"],
                    ["", "1", "优良天数比率（%）", "85.1", "85.5", "约束性"]]
    [x] = table_targets(Table(rows[0], rows[1:]), None, None)
    assert (x.indicator, x.value, x.baseline_value, x.attribute, x.year) == ("优良天数比率", 85.5, 85.1, "binding", 2025)


def test_a_name_wrapped_under_its_serial_stays_in_the_name_and_its_footnote_number_goes():
    lines = HEAD + [line((96, "2"), (112, "PM10浓度（微克/立方")), line((112, "米）1")),
                    line((305, "65"), (365, "70"), (430, "约束性"))]
    rows = table_lines(mark_tables([page(lines)])[0])
    assert rows[1] == ["2", "PM10浓度（微克/立方米）1", "65", "70", "约束性"]
    [x] = table_targets(Table(rows[0], rows[1:]), None, None)
    assert (x.indicator, x.unit, x.value) == ("PM10浓度", "微克/立方米", 70)


def test_a_category_under_the_first_header_cell_is_no_header_word_and_a_repeated_header_no_row():
    lines = [line((100, "类别"), (150, "指标"), (300, "2020年"), (360, "2025年"), (430, "属性")),
             line((100, "环境")), line((150, "优良天数比率（%）"), (305, "85"), (365, "86"), (430, "约束性"))]
    rows = table_lines(mark_tables([page(lines)])[0])
    assert rows[0] == ["类别", "指标", "2020年", "2025年", "属性"]
    t = Table(rows[0], rows[1:] + [["", "指标", "2020年", "2025年目标值", "属性"]])
    assert [x.value for x in table_targets(t, None, None)] == [86]


def test_a_unit_with_a_digit_and_the_full_width_comparators_of_a_cell():
    t = Table(header=["指标", "2020年", "2025年", "属性"],
              rows=[["细颗粒物浓度（μg/m3）", "32.33", "≦30.71", "约束性"], ["优良天数比率（%）", "91.4", "≧91.4", "约束性"],
                    ["用水量（2020年）", "5", "6", "预期性"]])
    got = [(x.indicator, x.unit, x.comparator, x.value) for x in table_targets(t, None, None)]
    assert got == [("细颗粒物浓度", "μg/m3", "<=", 30.71), ("优良天数比率", "%", ">=", 91.4), ("用水量（2020年）", "", "=", 6)]


def test_a_tall_header_is_found_from_its_属性_line_past_a_category_naming_指标():
    lines = [line((80, "类型"), (113, "序号"), (196, "指标名称"), (304, "2015年")), line((352, "2020年")),
             line((354, "目标值")), line((403, "2020年")), line((405, "实际值")), line((454, "完成")), line((454, "情况")),
             line((496, "指标")), line((496, "属性")), line((79, "环境")), line((79, "质量")), line((79, "指标")),
             line((122, "1"), (143, "水源地达标率（%）"), (310, "98.2"), (360, "≥95"), (410, "100"), (456, "完成"),
                  (496, "预期性"))]
    rows = table_lines(mark_tables([page(lines)])[0])
    assert rows == [["类型", "序号", "指标名称", "2015年", "2020年目标值", "2020年实际值", "完成情况", "指标属性"],
                    ["环境质量指标", "1", "水源地达标率（%）", "98.2", "≥95", "100", "完成", "预期性"]]
    assert table_targets(Table(rows[0], rows[1:]), None, None) == []  # a review of the last plan


def test_a_serial_number_with_a_point_leaves_the_name():
    t = Table(header=["指标", "2020年", "2025年", "属性"],
              rows=[["4.非化石能源消费比重（%）", "7.6", "13左右", "预期性"], ["10、森林蓄积量（万立方米）", "—", "9000", "预期性"]])
    assert [(x.indicator, x.unit) for x in table_targets(t, None, None)] == [("非化石能源消费比重", "%"), ("森林蓄积量", "立方米")]


def test_a_wrapped_name_goes_to_the_row_it_stands_nearer():
    lines = [line((92, "序号"), (150, "指标"), (300, "2020年"), (360, "2025年"), (430, "属性"), y=700),
             line((92, "1"), (150, "森林覆盖率（%）"), (300, "42"), (360, "43"), (430, "约束性"), y=670),
             line((150, "城市生活污水"), y=630),  # the upper line of the next row's name, far below row 1
             line((92, "2"), (150, "收集率（%）"), (300, "60"), (360, "70"), (430, "约束性"), y=615),
             line((150, "（含县城）"), y=600),  # as near the row above as the row below: the row above's
             line((92, "3"), (150, "湿地保护率（%）"), (300, "50"), (360, "55"), (430, "预期性"), y=585)]
    rows = table_lines(mark_tables([page(lines)])[0])
    assert [r[1] for r in rows[1:]] == ["森林覆盖率（%）", "城市生活污水收集率（%）（含县城）", "湿地保护率（%）"]


def test_a_tall_row_read_cell_by_cell_is_one_line_per_band():
    # each cell's two lines, then the next cell's: every line joins the band it stands in
    got = merge_bands([line((92, "1"), (150, "单位产值二氧"), y=500), line((150, "化碳降低（%）"), y=486),
                       line((300, "较上年"), y=500), line((300, "下降5%"), y=486),
                       line((360, "完成下达"), y=500), line((360, "任务"), y=486)])
    assert ["".join(c.ch for c in ln) for ln in got] == ["1单位产值二氧较上年完成下达", "化碳降低（%）下降5%任务",
                                                         "", "", "", ""]


def test_rows_of_many_lines_each_stay_in_the_table_and_a_title_ends_it():
    def tall(n: str, y: float) -> list[list[Char]]:
        return [line((92, n), (150, "单位产值能源"), y=y + 6), line((150, "消耗降低（%）"), y=y - 6),
                line((300, "较上年"), y=y + 6), line((300, "下降3%"), y=y - 6),
                line((360, "完成下达"), y=y + 6), line((360, "的任务"), y=y - 6), line((430, "约束性"), y=y)]
    lines = ([line((92, "序号"), (150, "指标"), (300, "2020年"), (360, "2025年"), (430, "属性"), y=600)]
             + tall("1", 570) + tall("2", 540) + tall("3", 510)
             + [line((90, "表2"), (130, "其他指标"), y=480),
                line((92, "4"), (150, "湿地保护率（%）"), (300, "50"), (360, "55"), (430, "预期性"), y=460)])
    rows = table_lines(mark_tables([page(lines)])[0])
    assert rows[1:] == [[n, "单位产值能源消耗降低（%）", "较上年下降3%", "完成下达的任务", "约束性"] for n in "123"]


def test_a_label_left_of_the_names_joins_no_name():
    lines = [line((170, "规划指标"), (300, "2020年"), (360, "2025年"), (430, "属性"), y=600),
             line((80, "（1）环境"), y=575), line((80, "质量"), y=565),  # a label centred beside its rows
             line((150, "森林覆盖率（%）"), (300, "42"), (360, "43"), (430, "约束性"), y=584),
             line((150, "湿地保护率（%）"), (300, "50"), (360, "55"), (430, "预期性"), y=556)]
    rows = table_lines(mark_tables([page(lines)])[0])
    assert [r[0] for r in rows[1:]] == ["森林覆盖率（%）", "湿地保护率（%）"]


def test_lines_of_a_row_read_after_its_end_join_it_above_or_below():
    lines = [line((92, "序号"), (150, "指标"), (300, "单位"), (360, "2020年"), (420, "2025年"), (480, "属性"), y=700),
             line((92, "1"), (300, "%"), (360, "-"), (420, "30"), (480, "预期性"), y=660),
             line((150, "新建绿色建筑"), y=672), line((150, "占比"), y=648),  # the name, read after the row's end
             line((92, "2"), (360, "3.75"), (420, "4.45"), (480, "约束性"), y=610),
             line((150, "森林蓄积量"), y=610), line((300, "亿立"), y=622), line((300, "方米"), y=598),
             line((92, "3"), (150, "单位能耗降低（%）"), (360, "—"), (420, "下达目标"), (480, "约束性"), y=560),
             line((420, "完成国家"), y=572)]  # a tall cell's upper line read after its row
    rows = table_lines(mark_tables([page(lines)])[0])
    assert rows[1:] == [["1", "新建绿色建筑占比", "%", "-", "30", "预期性"],
                        ["2", "森林蓄积量", "亿立方米", "3.75", "4.45", "约束性"],
                        ["3", "单位能耗降低（%）", "", "—", "完成国家下达目标", "约束性"]]


def test_a_foot_header_whose_last_word_joins_its_band_still_serves_the_next_page():
    first = page([line((90, "专栏1"), (130, "主要指标"), y=130),
                  line((92, "序号"), (227, "指标"), (362, "2020年"), y=104),
                  line((411, "2025"), y=112), line((417, "年"), y=96), line((454, "属性"), y=104)])
    second = page([line((92, "1"), (150, "森林覆盖率（%）"), (361, "42"), (404, "42.5"), (443, "约束性"), y=760)])
    rows = table_lines(mark_tables([first, second])[1])
    assert rows == [["序号", "指标", "2020年", "2025年", "属性"], ["1", "森林覆盖率（%）", "42", "42.5", "约束性"]]


def test_a_heading_over_two_header_columns_heads_each_and_the_anchor_may_share_a_band():
    lines = [line((106, "项目"), (191, "指标"), (277, "单位"), y=485), line((359, "利用规模"), y=495),
             line((465, "属性"), y=485),  # drawn in the band of 项目 | 指标 | 单位: merged into that line
             line((332, "2020年"), (397, "2025年"), y=476),
             line((97, "能源"), (152, "可再生能源占比"), (284, "%"), (345, "9.4"), (407, "15.0"), (461, "预期性"), y=453)]
    rows = table_lines(mark_tables([page(lines)])[0])
    assert rows == [["项目", "指标", "单位", "利用规模2020年", "利用规模2025年", "属性"],
                    ["能源", "可再生能源占比", "%", "9.4", "15.0", "预期性"]]
    [x] = table_targets(Table(rows[0], rows[1:]), None, None)
    assert (x.value, x.year, x.baseline_value, x.baseline_year) == (15.0, 2025, 9.4, 2020)


def test_rows_below_a_repeated_header_are_never_header_words():
    lines = [line((83, "序号"), (168, "指标名称"), (274, "单位"), (318, "2020年"), (371, "2025年"), (479, "属性"), y=758),
             line((197, "总氮减排量"), (274, "万吨"), (333, "-"), (417, "完成下达"), y=726),
             line((197, "总磷减排量"), (274, "万吨"), (333, "-"), (428, "目标"), y=707),
             line((86, "10"), (142, "污水治理率（%）"), (326, "41.8"), (380, "50"), (479, "预期性"), y=680)]
    rows = table_lines(mark_tables([page(lines)])[0])
    assert rows[0] == ["序号", "指标名称", "单位", "2020年", "2025年", "属性"]


def test_a_header_word_spread_over_a_wide_cell_and_serials_left_of_it():
    lines = [line((137, "指"), (221, "标"), (468, "属性"), y=674), line((298, "2020年"), (380, "2025年"), y=685),
             line((300, "现状值"), (381, "目标值"), y=663),
             line((93, "1"), y=618), line((111, "环"), y=606), line((111, "境"), y=594),  # a serial, a label's letters
             line((160, "城市空气优良天数"), (310, "91"), y=624), line((164, "比率（%）"), y=612),
             line((370, "达到考核"), y=624), line((376, "目标"), y=612), line((463, "约束性"), y=618),
             line((93, "2"), (111, "质"), (160, "细颗粒物浓度（%）"), (310, "33"), (376, "30"), (463, "约束性"), y=590)]
    rows = table_lines(mark_tables([page(lines)])[0])
    assert rows == [["指标", "2020年现状值", "2025年目标值", "属性"],
                    ["城市空气优良天数比率（%）", "91", "达到考核目标", "约束性"],
                    ["细颗粒物浓度（%）", "33", "30", "约束性"]]


def test_a_table_whose_lines_the_text_layer_reads_out_of_order_is_read_top_to_bottom():
    lines = [line((92, "序号"), (150, "指标"), (300, "2020年"), (360, "2025年"), (430, "属性"), y=700),
             line((92, "1"), (150, "森林覆盖率（%）"), (300, "42"), (360, "43"), (430, "约束性"), y=670),
             line((92, "3"), (300, "50"), (360, "55"), (430, "预期性"), y=610),  # read before the row above it
             line((150, "湿地保护率（%）"), y=610),
             line((92, "2"), (150, "草原植被盖度（%）"), (300, "60"), (360, "61"), (430, "预期性"), y=640)]
    rows = table_lines(mark_tables([page(lines)])[0])
    assert [r[:2] for r in rows[1:]] == [["1", "森林覆盖率（%）"], ["2", "草原植被盖度（%）"], ["3", "湿地保护率（%）"]]


def test_a_header_heading_over_its_year_is_read_top_to_bottom():
    lines = [line((100, "类别"), (138, "序号"), (257, "项目"), (424, "五”"), y=707),
             line((366, "2020年"), (473, "指标"), y=717), line((367, "现状值"), (473, "类别"), y=697),
             line((418, "“十四"), y=727), line((418, "目标值"), y=687),
             line((146, "1"), (172, "优良天数比率（%）"), (372, "85.1"), (424, "85.5"), (467, "约束性"), y=666)]
    rows = table_lines(mark_tables([page(lines)])[0])
    assert rows[0] == ["类别", "序号", "项目", "2020年现状值", "“十四五”目标值", "指标类别"]


def test_a_table_going_on_over_the_page_keeps_its_columns_past_merged_lines():
    first = page([line((92, "序号"), (150, "指标"), (300, "2020年"), (360, "2025年"), (430, "属性"), y=700),
                  line((92, "1"), (150, "森林覆盖率（%）"), (300, "42"), y=120), line((360, "43"), (430, "约束性"), y=120)])
    second = page([line((92, "2"), (300, "60"), (360, "61"), (430, "预期性"), y=746),
                   line((150, "草原植被盖度（%）"), y=746)])
    out = mark_tables([first, second])
    assert table_lines(out[1]) == [["序号", "指标", "2020年", "2025年", "属性"], ["2", "草原植被盖度（%）", "60", "61", "预期性"]]


def test_no_header_line_stands_below_the_first_row():
    lines = [line((79, "类别"), (187, "指标名称"), (322, "单位"), (371, "2020年"), (422, "2025年"), (481, "属性"), y=240),
             line((79, "绿色发展"), y=198),  # a category beside the second row, read before the first
             line((187, "单位产值用水量"), (309, "m3/万元"), (373, "56.22"), (426, "≤50"), (476, "预期性"), y=181),
             line((135, "高新技术产值比重"), (322, "%"), (381, "45"), (432, "48"), (476, "预期性"), y=209)]
    rows = table_lines(mark_tables([page(lines)])[0])
    assert rows[0] == ["类别", "指标名称", "单位", "2020年", "2025年", "属性"]
    assert [r[1] for r in rows[1:]] == ["高新技术产值比重", "单位产值用水量"]


def test_parts_of_a_row_with_no_value_of_its_own_are_rows_named_after_it():
    lines = [line((92, "序号"), (150, "指标"), (300, "2020年"), (360, "2025年"), (430, "属性"), y=700),
             line((92, "1"), (150, "减排量（万吨）"), (430, "约束性"), y=650),
             line((160, "化学需氧量"), (300, "—"), (360, "1.60"), y=670),  # each part on a line of its own
             line((160, "氨氮"), (300, "—"), (360, "0.04"), y=630),
             line((92, "2"), (150, "森林覆盖率（%）"), (300, "42"), (360, "43"), (430, "预期性"), y=600)]
    rows = table_lines(mark_tables([page(lines)])[0])
    got = [(x.indicator, x.unit, x.value, x.attribute) for x in table_targets(Table(rows[0], rows[1:]), None, None)]
    assert got == [("减排量化学需氧量", "吨", 16000.0, "binding"), ("减排量氨氮", "吨", 400.0, "binding"),
                   ("森林覆盖率", "%", 43, "expected")]


def test_a_row_ending_in_参考性_is_a_row_of_its_own():
    lines = HEAD + [line((92, "1"), (150, "森林覆盖率（%）"), (300, "62.5"), (360, "62.6"), (430, "参考性")),
                    line((92, "2"), (150, "湿地保护率（%）"), (300, "50"), (360, "55"), (430, "约束性"))]
    rows = table_lines(mark_tables([page(lines)])[0])
    assert [r[1] for r in rows[1:]] == ["森林覆盖率（%）", "湿地保护率（%）"]
