"""Indicator names never open with a preposition and its place, nor end with 等 or a conjunction."""
from __future__ import annotations

from pipeline.parse import parse_text
from tests.helpers import measure_text


def names(body: str):
    return [(t.indicator, t.value) for t in parse_text(measure_text(body)).targets]


def test_a_name_ending_with_deng_and_no_noun_after_the_count_drops_the_deng():
    assert names("制修订地方节水标准等12项。") == [("制修订地方节水标准", 12)]


def test_a_name_ending_with_a_conjunction_gives_way_to_the_noun_after_the_count():
    assert names("关停甲钢铁公司、乙钢铁公司及4家焦化企业。") == [("焦化企业", 4)]


def test_a_preposition_and_its_place_open_no_name():
    assert names("在东湖片区新建公共充电站12座。") == [("公共充电站", 12)]
    assert names("为全县乡镇配备移动执法终端80台。") == [("移动执法终端", 80)]


def test_a_word_opening_with_zai_stays_whole():
    assert names("在建风电装机达到120万千瓦。") == [("在建风电装机", 1200000)]


def test_the_disposal_marker_is_no_part_of_the_name():
    assert names("到2026年,将余热回收率提升至70%。") == [("余热回收率", 70)]


def test_a_word_ending_in_he_keeps_it():
    import jieba

    from pipeline.parse.indicator_names import _trail_join
    from pipeline.parse.nlp import load_nlp

    load_nlp()  # jieba with the project's dictionary, as the parser segments

    words = lambda s: list(jieba.cut(s, HMM=False))  # noqa: E731
    assert _trail_join("率先实现碳中和", words) == "率先实现碳中和"
    assert _trail_join("省直机关和", words) == "省直机关"
