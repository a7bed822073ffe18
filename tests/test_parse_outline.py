"""The outline on texts of our own: a table of contents is never it, annexes stay under it, inline headings split."""
from __future__ import annotations

from pipeline.parse import parse_text
from pipeline.parse.clean import clean
from pipeline.parse.outline import drop_toc, split_inline_heads


def test_a_table_of_contents_is_never_the_outline_chapters():
    text = "\n".join([
        "某市生态环境保护规划", "目 录", "第一章 发展基础", "第一节 主要成效", "第二章 重点任务", "第一节 推进减排",
        "第一章 发展基础", "第一节 主要成效", "过去五年，环境质量持续改善。",
        "第二章 重点任务", "第一节 推进减排", "到2025年，完成治理项目20个。",
    ])
    rec = parse_text(text)
    assert [(s.number, s.title) for s in rec.sections] == [("第一章", "发展基础"), ("第二章", "重点任务")]
    assert [(m.section, m.title) for m in rec.measures] == [(1, "主要成效"), (2, "推进减排")]
    assert all(m.text for m in rec.measures)


def test_a_table_of_contents_with_page_numbers_and_numbered_items():
    text = "\n".join([
        "某白皮书", "目录", "前言", "一、走绿色发展之路 1", "（一）新战略 2", "二、取得的成就 5", "（一）供应保障 6",
        "前言", "能源是发展的基础。",
        "一、走绿色发展之路", "（一）新战略", "推进能源革命。",
        "二、取得的成就", "（一）供应保障", "保障能力不断增强。",
    ])
    rec = parse_text(text)
    assert [s.title for s in rec.sections] == ["走绿色发展之路", "取得的成就"]
    assert [(m.section, m.title, m.text) for m in rec.measures] == [
        (1, "新战略", "推进能源革命。"), (2, "供应保障", "保障能力不断增强。")]


def test_a_table_of_contents_without_its_header_is_dropped_when_its_entries_come_again():
    paragraphs = ["某规划", "一、总体要求", "二、重点任务", "三、保障措施", "一、总体要求", "坚持绿色发展。",
                  "二、重点任务", "推进治理。", "三、保障措施", "加强领导。"]
    kept, dropped = drop_toc(paragraphs)
    assert dropped == ["一、总体要求", "二、重点任务", "三、保障措施"]
    assert kept == ["某规划"] + paragraphs[4:]


def test_consecutive_headings_that_do_not_repeat_are_kept():
    paragraphs = ["某方案", "一、总体要求", "（一）指导思想", "（二）工作目标", "到2025年，完成改造。", "二、重点任务"]
    assert drop_toc(paragraphs) == (paragraphs, [])


def test_clean_drops_the_contents_under_a_header():
    c = clean("某规划\n目 录\n第一章 总则\n第二章 任务\n第一章 总则\n正文。\n第二章 任务\n正文二。")
    assert c.paragraphs == ["某规划", "第一章 总则", "正文。", "第二章 任务", "正文二。"]


def test_an_annex_keeps_its_outline_under_the_main_one():
    text = "\n".join([
        "关于组织申报某专项资金的通知",
        "一、申报范围", "（一）节能改造项目。支持企业实施节能改造。", "（二）示范项目。支持示范项目建设。",
        "二、申报要求", "（一）材料要求。提交申报书。",
        "附件1", "某专项资金管理办法",
        "第一章 总则", "第一条 为规范资金管理，制定本办法。", "第二条 市财政局负责资金的预算管理。",
        "第二章 附则", "第三条 本办法自发布之日起施行。",
    ])
    rec = parse_text(text)
    assert [(s.index, s.title) for s in rec.sections] == [(1, "申报范围"), (2, "申报要求"), (3, "总则"), (4, "附则")]
    assert [s.number for s in rec.sections][2:] == ["附件1 第一章", "附件1 第二章"]
    assert [(m.index, m.section, m.title) for m in rec.measures] == [
        (1, 1, "节能改造项目"), (2, 1, "示范项目"), (3, 2, "材料要求"), (4, 3, ""), (5, 3, ""), (6, 4, "")]
    assert [(t.measure, t.agencies[0].mention, t.agencies[0].role) for t in rec.tasks] == [(5, "市财政局", "duty")]


def test_an_annex_of_one_level_gets_a_section_of_its_own():
    text = "\n".join([
        "某行动方案", "一、总体要求", "坚持绿色发展。", "二、重点任务", "推进治理。",
        "附件", "重点项目清单说明", "（一）污水处理项目。新建污水处理厂3座。", "（二）垃圾处理项目。新建焚烧厂1座。",
    ])
    rec = parse_text(text)
    # the main part has one numbered level (its items are measures); the annex is a section of its own
    assert [(s.index, s.number, s.title) for s in rec.sections] == [(1, "附件", "重点项目清单说明")]
    assert [(m.index, m.section, m.title) for m in rec.measures] == [
        (1, None, "总体要求"), (2, None, "重点任务"), (3, 1, "污水处理项目"), (4, 1, "垃圾处理项目")]


def test_a_cover_notice_wrapping_its_plan_reads_the_plan():
    text = "\n".join([
        "某市人民政府关于印发某市节能方案的通知", "各区人民政府：", "现将《某市节能方案》印发给你们，请认真贯彻执行。",
        "某市人民政府", "2023年5月6日", "附件", "某市节能方案",
        "一、总体要求", "（一）工作目标。到2025年，单位产值能耗下降10%。", "二、保障措施", "（一）加强领导。落实责任。",
    ])
    rec = parse_text(text)
    assert [s.title for s in rec.sections] == ["总体要求", "保障措施"]
    assert [m.title for m in rec.measures] == ["工作目标", "加强领导"]
    assert [(t.measure, t.value) for t in rec.targets] == [(1, 10)]


def test_inline_headings_of_every_level_split():
    assert split_inline_heads(["五、切实加强组织领导 （十五）强化责任落实。各部门要落实责任。"]) == [
        "五、切实加强组织领导", "（十五）强化责任落实。各部门要落实责任。"]
    assert split_inline_heads(["第二章 重点任务 第一节 推进减排 一、优化结构"]) == [
        "第二章 重点任务", "第一节 推进减排", "一、优化结构"]
    # a measure is never split before a section heading it cites
    assert split_inline_heads(["（一）落实四、五项任务。"]) == ["（一）落实四、五项任务。"]


def test_a_section_heading_on_the_line_of_its_first_measure_keeps_the_measures_apart():
    text = "\n".join([
        "某实施方案", "一、重点任务", "（一）推进治理。开展治理（市生态环境局牵头）。",
        "二、切实加强组织领导 （二）强化责任落实。各区落实责任（市发展改革委牵头）。",
        "（三）强化督查考核。开展考核（市委督查室牵头）。",
    ])
    rec = parse_text(text)
    assert [s.title for s in rec.sections] == ["重点任务", "切实加强组织领导"]
    assert [(m.section, m.title) for m in rec.measures] == [(1, "推进治理"), (2, "强化责任落实"), (2, "强化督查考核")]
    assert [(t.measure, t.agencies[0].mention) for t in rec.tasks] == [
        (1, "市生态环境局"), (2, "市发展改革委"), (3, "市委督查室")]


def test_contents_whose_entries_never_come_again_keep_the_body_headings():
    paragraphs = ["某规划", "目录", "一、总体要求……1", "二、重点任务……3", "一、 总体目标", "（一）指导思想", "坚持绿色发展。",
                  "二、主要任务", "推进治理。"]
    kept, dropped = drop_toc(paragraphs)
    assert dropped == ["目录", "一、总体要求……1", "二、重点任务……3"]
    assert kept == ["某规划"] + paragraphs[4:]


def test_a_list_of_annex_titles_is_no_annex_outline():
    text = "\n".join([
        "某市人民政府关于印发某方案的通知", "一、工作目标", "到2025年，完成改造。", "二、工作要求", "抓好落实。",
        "附件：", "1. 某市节能方案", "2. 某市减排方案", "某市人民政府", "2023年5月6日",
    ])
    rec = parse_text(text)
    assert [m.title for m in rec.measures] == ["工作目标", "工作要求"]
    assert rec.sections == []
