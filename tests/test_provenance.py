"""Provenance: the parser's page, paragraph and offsets of measures, tasks and targets.

Short texts written for these tests place each item exactly (an offset off by one
fails); the development corpus and the reader fixtures are re-read at every offset
the parser gives; a fixture PDF's pages are checked against its own page texts.
"""
from __future__ import annotations

import json

import pytest

from pipeline.model import Record
from pipeline.parse import parse_file, parse_text
from pipeline.parse.provenance import Locator, Pages, TextIndex, raw_offsets, sentence_bounds
from pipeline.read.layout import join_pages, join_pages_with_starts
from pipeline.read.pdf import pdf_pages
from pipeline.read.tables import CELL_SEP, ROW_MARK
from tests.helpers import CORPUS, READERS

TWO_SAME = ("某市节水方案\n一、重点任务\n（一）推进节水。到2025年，城市再生水利用率达到30%，"
            "工业用水重复利用率达到30%。（市水务局牵头）\n（二）加强管理。完善计量设施。（市城管局负责）\n")


def squeeze(s: str) -> str:
    return "".join(s.split())


# -- searching ---------------------------------------------------------------------------

def test_a_text_index_finds_a_string_that_lost_its_newlines():
    idx = TextIndex("甲乙\n丙丁\n戊")
    assert idx.find("乙丙丁戊") == (1, 7)
    assert idx.find("乙丙", 2) is None  # starts before lo
    assert idx.find("丁戊", 0, 6) is None and idx.find("丁戊", 0, 7) == (4, 7)
    assert idx.find("") is None


def test_a_locator_prefers_an_occurrence_opening_a_line():
    loc = Locator("见（一）总体要求\n（一）总体要求。")
    assert loc.find("（一）总体要求") == (1, 8)
    assert loc.find_at_line_start("（一）总体要求") == (9, 16)
    assert loc.paragraph(8) == 0 and loc.paragraph(9) == 1


def test_a_sentence_runs_from_the_last_stop_to_the_next_one():
    text = "前言。到2025年，利用率达到30%；其后不计\n下一行。"
    a, b = sentence_bounds(text, text.index("30%"), text.index("30%") + 3)
    assert text[a:b] == "到2025年，利用率达到30%；"
    a, b = sentence_bounds(text, text.index("其后"), text.index("其后") + 2)
    assert text[a:b] == "其后不计"  # a line end closes it too


# -- pages through reading and cleaning ----------------------------------------------------

def test_page_starts_point_at_each_page_first_character():
    pages = ["一、总则\n第一页的段落。", "第二页的段落。\n最后一段。"]
    text, starts = join_pages_with_starts(pages)
    assert text == join_pages(pages)
    assert starts[0] == 0
    assert text[starts[1]:].startswith("第二页的段落。")


def test_a_page_break_inside_a_paragraph_starts_the_page_mid_line():
    pages = ["第一页的句子没有说完", "而在第二页说完。\n新的一段。"]
    text, starts = join_pages_with_starts(pages)
    assert text.split("\n")[0] == "第一页的句子没有说完而在第二页说完。"
    assert starts == [0, len("第一页的句子没有说完")]


def test_an_empty_page_begins_where_the_next_one_does():
    text, starts = join_pages_with_starts(["甲页。", "", "丙页。"])
    assert starts == [0, text.index("丙页"), text.index("丙页")]


def test_pages_map_cleaned_offsets_through_the_text_as_read():
    raw = "  标题\n\n正文第一段。\n第二段在第二页。"
    paragraphs = ["标题", "正文第一段。", "第二段在第二页。"]
    assert raw_offsets(raw, paragraphs) == [2, 6, 13]
    pages = Pages.of(raw, [0, raw.index("第二段")], paragraphs)
    cleaned = "\n".join(paragraphs)
    assert pages.page(cleaned.index("正文")) == 1
    assert pages.page(cleaned.index("第二段")) == 2
    assert pages.page(cleaned.index("二页")) == 2
    assert Pages.of(raw, None, paragraphs) is None


# -- the parser places every item ----------------------------------------------------------

def test_two_equal_values_in_one_sentence_get_their_own_offsets():
    r = parse_text(TWO_SAME)
    t = r.text
    first = t.index("30%")
    second = t.index("30%", first + 1)
    assert [(tg.start, tg.end) for tg in r.targets] == [(first, first + 3), (second, second + 3)]
    line = t.split("\n").index(next(x for x in t.split("\n") if x.startswith("（一）")))
    assert {tg.paragraph for tg in r.targets} == {line}
    assert all(tg.page is None for tg in r.targets)  # not a PDF
    assert r.targets[0].sentence == "到2025年，城市再生水利用率达到30%，工业用水重复利用率达到30%。"


def test_tasks_and_measures_are_placed_at_their_text():
    r = parse_text(TWO_SAME)
    t = r.text
    t1, t2 = r.tasks
    assert (t1.start, t1.end) == (t.index("到2025年"), t.index("。（市水务局"))
    assert t[t1.start:t1.end] == t1.text and t[t2.start:t2.end] == t2.text
    m1, m2 = r.measures
    assert m1.start == t.index("（一）推进节水") and m2.start == t.index("（二）加强管理")
    assert t[m1.end - 1] == "）" and m1.end == t.index("\n（二）")
    assert m2.end == len(t.rstrip())
    assert (m1.paragraph, m2.paragraph) == (2, 3)


def test_a_task_across_paragraphs_is_re_read_without_its_newlines():
    text = ("某市方案\n一、重点任务\n（一）推进节能。加快改造锅炉，\n推广高效电机。（市工信局牵头）\n")
    r = parse_text(text)
    (task,) = r.tasks
    assert r.text[task.start:task.end].replace("\n", "") == task.text
    assert r.text[task.start:task.end].count("\n") == 1


def test_a_table_target_is_placed_at_its_cell():
    head = ROW_MARK + CELL_SEP.join(["序号", "指标", "2020年", "2025年", "属性"])
    row1 = ROW_MARK + CELL_SEP.join(["1", "森林覆盖率（%）", "42", "42.5", "约束性"])
    row2 = ROW_MARK + CELL_SEP.join(["2", "湿地保护率（%）", "50", "42.5", "预期性"])
    text = f"某市生态方案\n一、主要目标\n（一）发展指标。主要指标如下。\n{head}\n{row1}\n{row2}\n（二）其他。加强监管。\n"
    r = parse_text(text)
    rows = [tg for tg in r.targets if tg.attribute]
    assert len(rows) == 2
    t = r.text
    first = t.index("42.5")
    second = t.index("42.5", first + 1)
    assert [(tg.start, tg.end) for tg in rows] == [(first, first + 4), (second, second + 4)]
    lines = t.split("\n")
    assert [tg.paragraph for tg in rows] == [lines.index(row1), lines.index(row2)]


def test_the_record_keeps_its_cleaned_text_in_its_json():
    r = parse_text(TWO_SAME)
    d = r.to_dict()
    assert d["text"] == r.text and d["targets"][0]["start"] == r.targets[0].start
    back = Record.from_dict(json.loads(json.dumps(d, ensure_ascii=False)))
    assert back.text == r.text and back.targets[1].end == r.targets[1].end
    assert back.tasks[0].paragraph == r.tasks[0].paragraph


def _dev_files():
    return sorted(CORPUS.glob("*.txt")) + sorted(p for p in READERS.iterdir()
                                                 if p.suffix in (".pdf", ".docx", ".html"))


@pytest.fixture(scope="module")
def dev_records():
    files = _dev_files()
    assert len(files) >= 20
    return [(p, parse_file(p)) for p in files]


def test_every_dev_target_and_task_re_reads_at_its_offsets(dev_records):
    targets = tasks = 0
    for path, r in dev_records:
        t = r.text
        task_span = {(tk.measure, tk.section, tk.index): (tk.start, tk.end) for tk in r.tasks}
        for tg in r.targets:
            if tg.task is not None:  # a repeated value is placed in its own task
                a, b = task_span[(tg.measure, tg.section, tg.task)]
                assert a <= tg.start and tg.end <= b, (path.name, tg.value_text)
            assert tg.start is not None, (path.name, tg.value_text)
            assert t[tg.start:tg.end] == tg.value_text, (path.name, tg.value_text)
            assert tg.paragraph == t.count("\n", 0, tg.start)
            assert tg.value_text in tg.sentence or tg.sentence == tg.text
            targets += 1
        for tk in r.tasks:
            assert tk.start is not None, (path.name, tk.text[:30])
            assert t[tk.start:tk.end].replace("\n", "") == tk.text, (path.name, tk.text[:30])
            tasks += 1
        for m in r.measures:
            assert m.start is not None and m.end >= m.start, (path.name, m.number, m.title)
            assert squeeze(m.title)[:8] in squeeze(t[m.start:m.end]), (path.name, m.title)
    assert targets > 500 and tasks > 500


def test_pdf_items_are_on_the_page_their_text_is_printed(dev_records):
    path = READERS / "fujian-2022-energy-emission-reduction.pdf"
    r = dict((p.name, rec) for p, rec in dev_records)[path.name]
    pages = [squeeze(p) for p in pdf_pages(path)]
    items = r.targets + r.tasks + r.measures
    assert len({it.page for it in items}) >= 5
    for it in items:
        line_end = r.text.find("\n", it.start)
        probe = squeeze(r.text[it.start:min(it.start + 8, line_end if line_end >= 0 else len(r.text))])
        page = pages[it.page - 1]
        assert probe in page or any(page.endswith(probe[:k]) for k in range(2, len(probe))), (it.page, probe)
    non_pdf = [rec for p, rec in dev_records if p.suffix != ".pdf"]
    assert all(it.page is None for rec in non_pdf for it in rec.targets + rec.tasks)
