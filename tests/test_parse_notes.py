"""Responsibility notes, second-edition rules (docs/annotation.md): labelled notes,
trailing groups, 等 + category, 分别, elided names. Every note here is written for the test."""
from __future__ import annotations

import pytest

from pipeline.parse import parse_text
from pipeline.parse.notes import parse_note


def roles(note: str):
    got = parse_note(note)
    assert got is not None, note
    return [(a.mention, a.role) for a in got]


@pytest.mark.parametrize("note,expected", [
    # a labelled group goes on over , until the next label
    ("责任单位：县农业局，县水利局、县财政局", [("县农业局", "lead"), ("县水利局", "lead"), ("县财政局", "lead")]),
    ("责任单位：市统计局，各区、市政府", [("市统计局", "lead"), ("各区", "lead"), ("市政府", "lead")]),
    ("牵头单位：省林业局，省水利厅；配合单位：省财政厅，省审计厅",
     [("省林业局", "lead"), ("省水利厅", "lead"), ("省财政厅", "support"), ("省审计厅", "support")]),
    # a label that names no agency is skipped
    ("责任单位：省能源局；完成时限：2024年底", [("省能源局", "lead")]),
    ("责任单位：省能源局、省统计局；完成时限：长期坚持", [("省能源局", "lead"), ("省统计局", "lead")]),
    # a role word inside a label wins
    ("责任单位：水利厅牵头，林业厅、省气象局等按职责分工负责",
     [("水利厅", "lead"), ("林业厅", "shared"), ("省气象局", "shared")]),
])
def test_labelled_notes(note, expected):
    assert roles(note) == expected


def test_a_bracketed_aside_neither_splits_a_list_nor_stays_in_a_mention():
    note = "责任单位：市交通局、市统计局，各区人民政府〈含开发区、高新区管委会，下同〉"
    assert roles(note) == [("市交通局", "lead"), ("市统计局", "lead"), ("各区人民政府", "lead")]


@pytest.mark.parametrize("note,expected", [
    ("省交通运输厅牵头，省公安厅配合，各市、州、县人民政府",
     [("省交通运输厅", "lead"), ("省公安厅", "support"), ("各市", "support"), ("州", "support"),
      ("县人民政府", "support")]),
    ("市民政局负责，各区县政府", [("市民政局", "lead"), ("各区县政府", "lead")]),
])
def test_a_trailing_group_without_role_word_takes_the_role_before_it(note, expected):
    assert roles(note) == expected


@pytest.mark.parametrize("text", ["企业负责，详见附件", "由业主负责，另行通知"])
def test_a_trailing_clause_that_names_no_agency_is_still_not_a_note(text):
    assert parse_note(text) is None


@pytest.mark.parametrize("note,expected", [
    ("省卫生健康委等相关部门按职责分工负责", [("省卫生健康委", "shared")]),
    ("市民政局等市级有关部门按职责分工负责", [("市民政局", "shared")]),
    ("省交通厅等行业主管部门负责", [("省交通厅", "lead")]),
    ("市商务局牵头，市税务局等有关单位配合", [("市商务局", "lead"), ("市税务局", "support")]),
    ("市水务局等部门和各区政府按职责分工负责", [("市水务局", "shared"), ("各区政府", "shared")]),
    ("省农业农村厅牵头，省林业局等部门及各市政府配合",
     [("省农业农村厅", "lead"), ("省林业局", "support"), ("各市政府", "support")]),
])
def test_etc_and_its_category_noun_are_not_part_of_a_mention(note, expected):
    assert roles(note) == expected


@pytest.mark.parametrize("note,expected", [
    ("市水务局、市城管局按分工负责", [("市水务局", "shared"), ("市城管局", "shared")]),
    ("市水务局牵头，各相关部门按分工负责", [("市水务局", "lead"), ("各相关部门", "shared")]),
    ("市水务局按照职责分工落实", [("市水务局", "shared")]),
    ("市水务局、市城管局按照职责分工指导推动，各区政府组织实施",
     [("市水务局", "shared"), ("市城管局", "shared"), ("各区政府", "implement")]),
])
def test_every_form_of_by_division_of_duties_is_shared(note, expected):
    assert roles(note) == expected


def test_the_rest_of_a_category_after_etc_is_not_a_mention():
    assert roles("牵头单位：省林业局，配合单位：省水利厅、省财政厅等省有关部门、单位") == [
        ("省林业局", "lead"), ("省水利厅", "support"), ("省财政厅", "support")]


def test_a_category_named_on_its_own_is_a_mention():
    assert roles("省市场监管局、行业主管部门按职责分工负责") == [("省市场监管局", "shared"), ("行业主管部门", "shared")]


@pytest.mark.parametrize("note,expected", [
    ("市城管局、市水务局分别牵头", [("市城管局", "lead"), ("市水务局", "lead")]),
    ("市城管局、市水务局等分别牵头", [("市城管局", "lead"), ("市水务局", "lead")]),
    ("市城管局、市水务局分别负责", [("市城管局", "shared"), ("市水务局", "shared")]),
])
def test_fenbie_is_never_part_of_a_mention(note, expected):
    assert roles(note) == expected


def test_elided_names_stay_as_written():
    assert roles("各县发展改革委、住建局负责") == [("各县发展改革委", "shared"), ("住建局", "shared")]


def test_labelled_notes_close_tasks_in_a_document():
    text = ("某市节水方案\n一、重点任务\n（一）推进节水。开展节水改造。（责任单位：市水务局，各区政府）"
            "推广节水器具。（责任单位：市住建局；完成时限：2024年）\n")
    rec = parse_text(text)
    assert [(t.text, [(a.mention, a.role) for a in t.agencies]) for t in rec.tasks] == [
        ("开展节水改造", [("市水务局", "lead"), ("各区政府", "lead")]),
        ("推广节水器具", [("市住建局", "lead")])]
