"""Indicator tables on layouts and tables of our own: columns from the header, cells cut at gaps, targets per row."""
from __future__ import annotations

from pipeline.parse import parse_text
from pipeline.parse.tables import Table, extract_tables, table_targets
from pipeline.read.tables import CELL_SEP, ROW_MARK, Char, PageLines, cells, mark_tables

SIZE = 12.0


def line(*pieces: tuple[float, str], digit_width: float = 6.0) -> list[Char]:
    """Characters laid out from each (x, text): CJK characters 12 wide, digits and signs 6."""
    out = []
    for x, text in pieces:
        for ch in text:
            w = SIZE if "\u4e00" <= ch <= "\u9fff" or ch in "（）%" else digit_width
            out.append(Char(ch, x, x + w, SIZE))
            x += w
    return out


def page(rows: list[list[Char]], before: list[str] = (), after: list[str] = ()) -> PageLines:
    texts = list(before) + ["".join(c.ch for c in r) for r in rows] + list(after)
    chars = [line((90, t)) for t in before] + rows + [line((90, t)) for t in after]
    return PageLines(texts, chars)


HEADER = [
    line((92, "序号"), (227, "指标"), (362, "2020"), (389, "年")),
    line((411, "2025")),
    line((417, "年")),
    line((454, "属性")),
]
ROWS = [
    line((92, "1"), (118, "森林覆盖率（%）"), (362, "42"), (411, "42.5"), (443, "约束性")),
    # the 2020 and 2025 cells almost touch: 1966.03 and 2075 run together in the text layer
    line((92, "2"), (118, "服务价值（亿元）"), (361, "1966.03"), (404.3, "2075"), (443, "预期性")),
    line((92, "3"), (118, "火灾受害率（%）"), (362, "≤0.9"), (411, "≤0.8"), (443, "预期性")),
]


def table_lines(out: list[str]) -> list[list[str]]:
    return [ln[1:].split(CELL_SEP) for ln in out if ln.startswith(ROW_MARK)]


def test_cells_are_cut_at_gaps_and_keep_touching_runs_whole():
    got = cells(ROWS[1])
    assert [c.text for c in got] == ["2", "服务价值（亿元）", "1966.032075", "预期性"]


def test_a_table_is_read_by_its_header_columns():
    out = mark_tables([page(HEADER + ROWS, before=["专栏1 主要指标"], after=["注：指标为约数。"])])[0]
    assert out[0] == "专栏1 主要指标" and out[-1] == "注：指标为约数。"
    assert table_lines(out) == [
        ["序号", "指标", "2020年", "2025年", "属性"],
        ["1", "森林覆盖率（%）", "42", "42.5", "约束性"],
        ["2", "服务价值（亿元）", "1966.03", "2075", "预期性"],
        ["3", "火灾受害率（%）", "≤0.9", "≤0.8", "预期性"],
    ]


def test_a_header_at_the_foot_of_a_page_serves_the_rows_on_the_next():
    first = page(HEADER, before=["（三）主要目标。", "到2025年，生态明显改善。"], after=["- 7 -"])
    second = page(ROWS[:1], before=["某省生态环境保护规划"], after=["（四）规划布局。"])
    out = mark_tables([first, second])
    assert out[0] == ["（三）主要目标。", "到2025年，生态明显改善。"]
    assert table_lines(out[1]) == [["序号", "指标", "2020年", "2025年", "属性"],
                                   ["1", "森林覆盖率（%）", "42", "42.5", "约束性"]]
    assert out[1][-1] == "（四）规划布局。"


def test_pages_without_rows_are_left_as_they_are():
    p = page([line((90, "到2025年，森林覆盖率达到42.5%，属性为约束性指标。"))])
    assert mark_tables([p])[0] == p.lines
    assert mark_tables([PageLines(["正文。"])])[0] == ["正文。"]


def _table(*rows: list[str], header=("序号", "指标", "2020年", "2025年", "属性")) -> Table:
    return Table(header=list(header), rows=[list(r) for r in rows])


def test_each_row_gives_a_target_per_target_column_with_baseline_and_attribute():
    t = _table(["1", "森林覆盖率（%）", "42", "42.5", "约束性"], ["2", "森林蓄积量（亿立方米）", "3.47", "3.81", "预期性①"])
    got = [(x.indicator, x.value, x.unit, x.comparator, x.kind, x.year, x.baseline_year, x.baseline_value, x.attribute)
           for x in table_targets(t, measure=3, section=1)]
    assert got == [("森林覆盖率", 42.5, "%", "=", "level", 2025, 2020, 42, "binding"),
                   ("森林蓄积量", 381000000, "立方米", "=", "level", 2025, 2020, 347000000, "expected")]


def test_cell_comparators_and_changes():
    t = _table(["1", "细颗粒物浓度（微克/立方米）", "35", "≤33", "约束性"],
               ["2", "空气质量优良天数比率（%）", "85", "87左右", "约束性"],
               ["3", "单位GDP能耗降低（%）", "—", "[13.5]", "约束性"],
               ["4", "充电桩（个）", "1000", "新增8万个", "预期性"],
               ["5", "水质达标情况", "达标", "达到考核要求", "约束性"])
    got = [(x.value, x.unit, x.comparator, x.kind, x.direction, x.baseline_value) for x in table_targets(t, 1, None)]
    assert got == [(33, "微克/立方米", "<=", "level", None, 35), (87, "%", "~", "level", None, 85),
                   (13.5, "%", ">=", "change", "down", None), (80000, "个", ">=", "change", "up", 1000)]


def test_a_current_value_column_is_the_baseline_and_a_unit_column_the_unit():
    t = _table(["城市污水处理率", "%", "95", "97", "预期性"], header=("指标名称", "单位", "现状值（2020年）", "2025年", "指标属性"))
    [x] = table_targets(t, 1, None)
    assert (x.indicator, x.value, x.unit, x.year, x.baseline_year, x.baseline_value, x.attribute) == (
        "城市污水处理率", 97, "%", 2025, 2020, 95, "expected")


def test_table_lines_stay_out_of_the_paragraphs_and_give_targets_where_the_table_stands():
    head = ROW_MARK + CELL_SEP.join(["序号", "指标", "2020年", "2025年", "属性"])
    row = ROW_MARK + CELL_SEP.join(["1", "森林覆盖率（%）", "42", "42.5", "约束性"])
    paragraphs, tables = extract_tables(["正文。", head, row, "其后。"])
    assert paragraphs == ["正文。", ROW_MARK + "表格1", "其后。"] and len(tables) == 1
    text = "\n".join(["某规划", "一、总体要求", "（一）主要目标。到2025年，生态明显改善。", head, row, "注：…", "二、重点任务",
                      "（一）推进治理。开展治理。"])
    rec = parse_text(text)
    assert [(t.measure, t.section, t.indicator, t.value, t.year, t.baseline_value) for t in rec.targets] == [
        (1, 1, "森林覆盖率", 42.5, 2025, 42)]
    assert rec.to_dict()["targets"][0]["attribute"] == "binding"


def test_a_cell_drawn_left_of_the_run_it_follows_is_a_cell_of_its_own():
    chars = line((118, "森林覆盖率（%）")) + line((60, "生态保护"))
    assert [c.text for c in cells(chars)] == ["森林覆盖率（%）", "生态保护"]


def test_a_review_table_gives_no_targets():
    t = _table(["1", "优良天数比例（%）", "75", "89.6", "完成", "约束性"],
               header=("序号", "指标", "2020年目标", "2020年情况", "完成情况", "属性"))
    assert table_targets(t, 1, None) == []


HTML_TABLE = """<html><body><article><h1>某市生态环境保护规划</h1>
<p>一、总体要求</p><p>（一）主要目标。到2025年，生态环境持续改善。</p>
<table><tr><th>序号</th><th>指标</th><th>2020年</th><th>2025年</th><th>属性</th></tr>
<tr><td>1</td><td>城市空气质量优良天数比率（%）</td><td>85</td><td>87</td><td>约束性</td></tr>
<tr><td>2</td><td>细颗粒物浓度（微克/立方米）</td><td>35</td><td>≤33</td><td>约束性</td></tr></table>
<p>二、重点任务</p><p>（一）推进治理。开展治理。</p>
<table><tr><td>项目</td><td>投资</td></tr><tr><td>污水厂</td><td>3亿元</td></tr></table>
</article></body></html>"""


def test_html_indicator_tables_are_read_as_tables(tmp_path):
    from pipeline.parse import parse_file

    path = tmp_path / "plan.html"
    path.write_text(HTML_TABLE * 1, encoding="utf-8")
    rec = parse_file(path)
    got = [(t.measure, t.indicator, t.value, t.comparator, t.year, t.baseline_value, t.attribute) for t in rec.targets]
    assert got[:2] == [(1, "城市空气质量优良天数比率", 87, "=", 2025, 85, "binding"),
                       (1, "细颗粒物浓度", 33, "<=", 2025, 35, "binding")]
    assert len(got) == 2 and "污水厂" in rec.measures[-1].text  # other tables stay text


def test_word_indicator_tables_are_read_as_tables(tmp_path):
    import docx

    from pipeline.parse import parse_file

    d = docx.Document()
    for p in ("某市节能方案", "一、总体要求", "（一）主要目标。到2025年，能耗持续下降。"):
        d.add_paragraph(p)
    t = d.add_table(rows=2, cols=4)
    for cell, text in zip(t.rows[0].cells, ("指标", "2020年", "2025年", "属性")):
        cell.text = text
    for cell, text in zip(t.rows[1].cells, ("单位GDP能耗降低（%）", "—", "13.5", "约束性")):
        cell.text = text
    d.add_paragraph("二、保障措施")
    d.add_paragraph("（一）加强领导。落实责任。")
    path = tmp_path / "plan.docx"
    d.save(str(path))
    [x] = parse_file(path).targets
    assert (x.measure, x.indicator, x.value, x.kind, x.direction, x.comparator, x.year, x.attribute) == (
        1, "单位GDP能耗降低", 13.5, "change", "down", ">=", 2025, "binding")


def test_a_table_going_on_over_a_page_keeps_its_columns():
    first = page(HEADER + ROWS[:1], after=["- 7 -"])
    second = page(ROWS[1:], after=["（四）规划布局。"])
    out = mark_tables([first, second])
    assert table_lines(out[1]) == [["序号", "指标", "2020年", "2025年", "属性"],
                                   ["2", "服务价值（亿元）", "1966.03", "2075", "预期性"],
                                   ["3", "火灾受害率（%）", "≤0.9", "≤0.8", "预期性"]]
