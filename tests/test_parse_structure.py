"""Cleaning, sections, measures, tasks and responsibility notes on small texts of our own."""
from __future__ import annotations

import pytest

from pipeline.parse import parse_text
from pipeline.parse.clean import clean
from pipeline.parse.fold import fold
from pipeline.parse.notes import parse_note
from pipeline.parse.structure import parse_structure


def test_fold_keeps_length_and_folds_width():
    s = "（一）到２０２５年，达到５０％；"
    f = fold(s)
    assert len(f) == len(s)
    assert f == "(一)到2025年,达到50%;"


def test_clean_drops_timestamp_repeated_summary_and_navigation():
    lead = "某市生态环境局印发《某市大气污染防治方案》,提出到2025年空气质量持续改善等目标。详情如下:"
    text = "\n".join([
        lead + " 某市大气污染防治方案 为改善空气质量,制定本方案。",
        lead + " 某市大气污染防治方案 为改善空气质量,制定本方案。",
        "2023-05-06 10:11:12 7",
        lead,
        "某市大气污染防治方案",
        "为改善空气质量,制定本方案。",
        "一、总体要求",
        "坚持问题导向。",
        "声明:本文来源于网络。",
        "网站首页",
        "联系我们",
    ])
    c = clean(text)
    assert c.paragraphs == [lead, "某市大气污染防治方案", "为改善空气质量,制定本方案。", "一、总体要求", "坚持问题导向。"]
    assert c.published == "2023-05-06"


def test_clean_drops_table_of_contents_lines():
    c = clean("某规划\n目 录\n一、总体要求 ........ 3\n一、总体要求\n正文。")
    assert c.paragraphs == ["某规划", "一、总体要求", "正文。"]


def test_clean_splits_headings_glued_into_one_line():
    body = "为推动发展制定本方案。" * 40
    text = f"某省行动计划 {body} 一、工作目标 到2030年,形成若干产业集群,产业规模持续壮大,创新能力明显增强。 二、重点任务 (一)构筑高地。推进建设。"
    rec = parse_text(text)
    assert [s.title for s in rec.sections] == ["工作目标", "重点任务"]
    assert [m.title for m in rec.measures] == ["构筑高地"]


def test_sections_and_measures_indexed_in_reading_order_when_numbers_restart():
    text = "\n".join(["某方案", "一、总体要求", "（一）指导思想", "坚持绿色发展。", "（二）主要目标", "到2025年,改善质量。",
                  "二、重点任务", "（一）优化结构。推进调整。", "（二）强化治理。开展治理。"])
    rec = parse_text(text)
    assert [(s.index, s.title) for s in rec.sections] == [(1, "总体要求"), (2, "重点任务")]
    assert [(m.index, m.section, m.number, m.title) for m in rec.measures] == [
        (1, 1, "（一）", "指导思想"), (2, 1, "（二）", "主要目标"), (3, 2, "（一）", "优化结构"), (4, 2, "（二）", "强化治理")]


def test_deeper_items_stay_in_their_measure():
    text = "某方案\n一、任务\n(一)推进治理。\n1.开展排查。(市环保局牵头)\n(1)建立台账。(市水务局牵头)\n(二)强化保障。加强投入。"
    rec = parse_text(text)
    assert len(rec.measures) == 2
    assert [(t.measure, t.index) for t in rec.tasks] == [(1, 1), (1, 2)]


def test_one_numbered_level_gives_measures_without_sections():
    text = "某实施意见\n一、加强组织领导。各部门要落实责任。(市政府办公室牵头)\n二、强化考核。加强督查。"
    rec = parse_text(text)
    assert rec.sections == []
    assert [(m.index, m.section, m.title) for m in rec.measures] == [(1, None, "加强组织领导"), (2, None, "强化考核")]
    assert rec.tasks[0].measure == 1


def test_arabic_items_are_the_measures_when_nothing_else_is_numbered():
    text = "某区工作要点\n为做好工作，制定本要点。\n1.加强监测。开展排查。(区环保局牵头)\n2.强化执法。加强巡查。(区公安分局负责)\n"
    rec = parse_text(text)
    assert rec.sections == []
    assert [(m.index, m.section, m.number, m.title) for m in rec.measures] == [
        (1, None, "1.", "加强监测"), (2, None, "2.", "强化执法")]
    assert [(t.measure, t.agencies[0].mention) for t in rec.tasks] == [(1, "区环保局"), (2, "区公安分局")]


def test_chapters_and_parts():
    text = "\n".join(["某市生态环境保护规划", "第一章 总体要求", "第一节 指导思想", "坚持绿色发展。",
                  "第二章 重点任务", "第一节 深化治理", "一、产业结构调整工程", "推进改造。〔牵头单位:市发展改革委;配合单位:市工业和信息化局〕",
                  "第二节 强化保障", "加强投入。"])
    rec = parse_text(text)
    assert [s.title for s in rec.sections] == ["总体要求", "重点任务"]
    assert [(m.index, m.section, m.title) for m in rec.measures] == [(1, 1, "指导思想"), (2, 2, "深化治理"), (3, 2, "强化保障")]
    assert [(a.mention, a.role) for a in rec.tasks[0].agencies] == [("市发展改革委", "lead"), ("市工业和信息化局", "support")]


def test_enumeration_inside_text_is_not_a_heading():
    text = "某方案\n一、总体要求\n(一)目标。推进建设。\n三、是加强领导的意思\n(二)保障。加强投入。"
    rec = parse_text(text)
    assert len(rec.sections) == 1 and len(rec.measures) == 2


NOTES = [
    ("市生态环境局牵头", [("市生态环境局", "lead")]),
    ("市公安局负责", [("市公安局", "lead")]),
    ("市财政局、市税务局负责", [("市财政局", "shared"), ("市税务局", "shared")]),
    ("省发展改革委、省能源局按职责分工负责", [("省发展改革委", "shared"), ("省能源局", "shared")]),
    ("市水务局、市农业局牵头,市财政局、市审计局按职责分工负责",
     [("市水务局", "lead"), ("市农业局", "lead"), ("市财政局", "shared"), ("市审计局", "shared")]),
    ("省交通厅牵头,省公安厅、省商务厅配合", [("省交通厅", "lead"), ("省公安厅", "support"), ("省商务厅", "support")]),
    ("省海洋局牵头，省林业局等参与", [("省海洋局", "lead"), ("省林业局", "support")]),
    ("市城管局、市住建局按职责分工负责，各区（县）负责落实。以下任务均需各区（县）落实，不再列出",
     [("市城管局", "shared"), ("市住建局", "shared"), ("各区（县）", "implement")]),
    ("牵头单位：市商务局；配合单位：市交通局、市邮政局", [("市商务局", "lead"), ("市交通局", "support"), ("市邮政局", "support")]),
    ("牵头部门：市水利局；配合部门：市财政局", [("市水利局", "lead"), ("市财政局", "support")]),
    ("某市政府牵头，省财政厅、地方金融监管局，人民银行某分行配合",
     [("某市政府", "lead"), ("省财政厅", "support"), ("地方金融监管局", "support"), ("人民银行某分行", "support")]),
]


@pytest.mark.parametrize("note,expected", NOTES)
def test_responsibility_notes(note, expected):
    got = parse_note(note)
    assert got is not None
    assert [(a.mention, a.role) for a in got] == expected


@pytest.mark.parametrize("text", ["含外电", "即化学品生产企业、尾矿库", "涉及国家安全等特殊要求的车辆除外", "2021-2023年"])
def test_brackets_that_are_not_notes(text):
    assert parse_note(text) is None


def test_notes_in_every_bracket_form_close_tasks():
    text = ("某方案\n一、任务\n(一)推进治理。开展排查。(市环保局牵头)建立台账。（市水务局牵头）"
            "完善制度。〔市司法局牵头〕推进整改。【不是注释】\n")
    rec = parse_text(text)
    assert [(t.index, t.text, t.agencies[0].mention) for t in rec.tasks] == [
        (1, "开展排查", "市环保局"), (2, "建立台账", "市水务局"), (3, "完善制度", "市司法局")]


def test_nested_brackets_inside_a_note():
    rec = parse_text("某方案\n一、任务\n(一)推进治理。开展排查。(市环保局牵头,各区(市)负责落实)\n")
    assert [(a.mention, a.role) for a in rec.tasks[0].agencies] == [("市环保局", "lead"), ("各区(市)", "implement")]


def test_mentions_keep_their_characters_as_written():
    rec = parse_text("某方案\n一、任务\n（一）推进治理。开展排查。（各县（市、区）政府负责落实，市环保局牵头）\n")
    assert [a.mention for a in rec.tasks[0].agencies] == ["各县（市、区）政府", "市环保局"]


def test_a_table_row_numbered_like_a_heading_is_not_a_section():
    paras = [
        "一、工作基础",
        "近年来，全市新能源快速发展。",
        "表1 装机情况",
        "一、全市总装机520.5 100.00% 880.4 100.00% 9.1%",
        "二、新能源210.2 40.38% 460.7 52.33% 16.9%",
        "二、总体要求",
        "（一）主要目标。到2025年，新能源装机达到600万千瓦。",
        "三、重点任务",
    ]
    st = parse_structure(paras)
    assert [s.title for s in st.sections] == ["工作基础", "总体要求", "重点任务"]
    assert [m.section for m in st.measures] == [2]


def test_a_heading_with_figures_after_its_full_stop_stays_a_heading():
    st = parse_structure(["一、主要目标。能耗下降13.5% 20项任务全部完成。", "二、保障措施", "（一）加强领导。"])
    assert [s.title for s in st.sections] == ["主要目标", "保障措施"]
    st = parse_structure(["一、主要目标", "（一）能耗。下降13.5% 20项任务全部完成。", "（二）排放 12.5% 20", "二、保障措施"])
    assert [m.title for m in st.measures] == ["能耗"]
