"""Parents and references (pipeline.parse.citations), on sentences written for these tests."""
from __future__ import annotations

import pytest

from pipeline.parse.citations import extract_parents, extract_references, short_names
from pipeline.parse.structure import Block


def parents(text: str, own: str = "某市实施方案") -> list[str]:
    return [p.title for p in extract_parents([text], own)]


@pytest.mark.parametrize("text,want", [
    ("按照《甲方案》、《乙规划》和《丙意见》要求，制定本方案。", ["甲方案", "乙规划", "丙意见"]),
    ("贯彻落实《甲方案》（国发〔2021〕4号）及《乙意见》，结合实际，制定本方案。", ["甲方案", "乙意见"]),
    ("贯彻落实《甲方案》(某政发〔2022〕12号)、《乙意见》（某办〔2021〕3号）和《丙规划》精神。", ["甲方案", "乙意见", "丙规划"]),
    ("全面实施《某省大气污染防治条例》，制定本方案。", ["某省大气污染防治条例"]),
    ("认真执行《甲办法》《乙细则》，制定本方案。", ["甲办法", "乙细则"]),
    ("全面落实《甲方案》以及《乙方案》部署。", ["甲方案", "乙方案"]),
    ("依据《甲法》与《乙条例》，制定本办法。", ["甲法", "乙条例"]),
    ("根据国务院《甲方案》和省政府《乙方案》，制定本方案。", ["甲方案"]),  # a body between titles ends the list
    ("为推进工作，参考《甲指南》，制定本方案。", []),  # no trigger
    ("按照《甲方案》要求和《乙意见》部署，制定本方案。", ["甲方案", "乙意见"]),
    ("贯彻落实《甲方案》精神，参照《乙指南》，制定本方案。", ["甲方案"]),
])
def test_every_title_of_a_parent_list(text, want):
    assert parents(text) == want


def test_each_trigger_opens_its_own_list():
    text = "根据《甲方案》要求，按照《乙意见》和《丙规划》部署，制定本方案。"
    assert parents(text) == ["甲方案", "乙意见", "丙规划"]


def test_a_short_name_is_not_a_parent():
    text = "根据《某市水资源保护条例》（以下简称《条例》），贯彻落实《条例》，制定本办法。"
    assert parents(text) == ["某市水资源保护条例"]


def test_the_document_itself_is_not_its_parent():
    assert parents("按照《某市实施方案》和《甲意见》要求。") == ["甲意见"]


def test_short_names():
    assert short_names(["《某某条例》（以下简称《条例》）", "下称《规划》", "简称为《方案》", "《办法》"]) == \
        {"条例", "规划", "方案"}


def test_short_names_are_not_references():
    blocks = [Block(text="依据《某市节约用水条例》（以下简称《条例》）实施管理。", section=1, measure=1),
              Block(text="按《条例》规定执行《某市用水定额》。", section=1, measure=2)]
    got = [(r.title, r.measure) for r in extract_references(blocks, ["某市方案"])]
    assert got == [("某市节约用水条例", 1), ("某市用水定额", 2)]
