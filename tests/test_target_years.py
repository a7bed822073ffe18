"""Deadline years on real-document shapes (second edition: a paragraph's opening deadline governs it)."""
from __future__ import annotations

from pipeline.parse import parse_text
from pipeline.parse.years import continues_sentence
from tests.helpers import measure_text


def years_of(body: str):
    return [(t.value, t.year) for t in parse_text(measure_text(body)).targets]


def test_a_target_label_before_the_opening_deadline_still_opens_the_paragraph():
    body = "推进治理。\n主要目标:到2026年,城市污水处理率达到97%。农村生活污水治理率达到45%。"
    assert years_of(body) == [(97, 2026), (45, 2026)]


def test_a_label_that_names_no_target_does_not_open_the_paragraph():
    body = "推进治理。\n工作安排:到2026年,城市污水处理率达到97%。农村生活污水治理率达到45%。"
    assert years_of(body) == [(97, 2026), (45, None)]


def test_an_outlook_year_is_a_deadline():
    body = "推进治理。\n展望2035年,全市森林覆盖率超过40%。"
    assert years_of(body) == [(40, 2035)]


def test_a_sentence_cut_by_a_page_break_keeps_its_deadline():
    body = ("推进治理。\n到2027年,新建城镇污水管网120公里,建成区污水集中收集率达到75%,新增污水处理\n"
            "能力5万立方米/日。\n新建雨水泵站3座。")
    assert years_of(body) == [(120, 2027), (75, 2027), (50000, 2027), (3, None)]


def test_a_cut_sentence_keeps_the_year_in_force_at_the_break_only_for_its_rest():
    body = ("推进治理。加快农业节水,到2027年,秸秆综合利用率达到95%,新增高效节水灌溉\n"
            "面积30万亩。畜禽粪污综合利用率达到90%。")
    assert years_of(body) == [(95, 2027), (300000, 2027), (90, None)]


def test_a_paragraph_ending_a_sentence_hands_on_nothing():
    body = "推进治理。\n到2027年,建成区污水集中收集率达到75%。\n新建雨水泵站3座,改造排水管网40公里。"
    assert years_of(body) == [(75, 2027), (3, None), (40, None)]


def test_what_counts_as_a_cut_paragraph():
    assert continues_sentence("到2027年,新建城镇污水管网120公里,建成区污水集中收集率达到", "75%,新增能力。")
    assert not continues_sentence("到2027年,新建城镇污水管网120公里,收集率达到75%。", "新建泵站3座。")
    assert not continues_sentence("二、重点任务", "新建泵站3座。")
    assert not continues_sentence("到2027年,新建城镇污水管网120公里,建成区污水集中收集率达到", "(二)推进节水")
    assert not continues_sentence("到2027年,新建城镇污水管网120公里,建成区污水集中收集率达到", "1.推进节水。")


def test_a_heading_that_opens_with_a_deadline_governs_the_text_under_it():
    from pipeline.parse.years import heading_deadline
    assert heading_deadline("到2026年的目标") == 2026
    assert heading_deadline("“十四五”时期主要目标") == 2025
    assert heading_deadline("“十三五”期间取得的成效") is None
    assert heading_deadline("推进重点工作") is None
    assert heading_deadline("贯彻《2030年前碳达峰行动方案》") is None
    text = ("某市方案\n一、发展目标\n(一)到2026年的目标\n单位产值能耗下降12%。光伏装机达到30万千瓦。\n"
            "(二)到2031年的目标\n光伏装机达到60万千瓦。\n(三)保障措施\n新建储能电站2座。\n")
    assert [(t.value, t.year) for t in parse_text(text).targets] == [(12, 2026), (300000, 2026), (600000, 2031),
                                                                     (2, None)]


def test_a_section_lead_in_hands_its_deadline_to_the_measures_under_it():
    text = ("某市方案\n一、发展目标\n到2026年,主要目标如下:\n(一)空气更加清新。细颗粒物浓度降至28微克/立方米。\n"
            "(二)水体更加清澈。优良水体比例达到90%。\n二、重点任务\n(一)推进治理。新建污水管网30公里。\n")
    assert [(t.value, t.year) for t in parse_text(text).targets] == [(28, 2026), (90, 2026), (30, None)]


def test_a_section_text_that_states_values_hands_nothing_on():
    from pipeline.parse.years import lead_in_after
    assert lead_in_after("到2026年,主要目标如下:") == 2026
    assert lead_in_after("总体思路。\n力争到2026年,基本形成绿色低碳发展格局。") == 2026
    assert lead_in_after("到2026年,单位产值能耗下降12%。") is None
    assert lead_in_after("“十三五”期间,全市大力推进治理。") is None
    assert lead_in_after("推进治理,主要任务如下:") is None


def test_a_heading_with_a_verb_of_action_is_not_a_review():
    from pipeline.parse.years import review_heading
    assert review_heading("“十三五”工作成效")
    assert review_heading("面临形势")
    assert review_heading("(一)发展现状")
    assert not review_heading("加快科技成果转化")
    assert not review_heading("(三)巩固治理成效")
    text = "某市方案\n一、重点任务\n(一)加快科技成果转化。到2026年,建成成果转化中心5个。\n(二)主要成效。建成中心3个。\n"
    assert [(t.value, t.year) for t in parse_text(text).targets] == [(5, 2026)]


def test_a_title_line_without_punctuation_is_not_a_cut_sentence():
    assert not continues_sentence("231004高效低碳能源管理平台技术集成示范工程项目", "研究目标:建成示范平台1个。")


def test_a_bare_year_after_the_place_that_opens_a_clause_is_a_deadline():
    assert years_of("推进治理。东湖区2026年农村黑臭水体消除比例达到100%,西山县2027年达到90%。") == [(100, 2026), (90, 2027)]


def test_a_bare_year_inside_a_clause_is_no_deadline():
    assert years_of("推进治理。按照2026年标准改造管网30公里。") == [(30, None)]


def test_a_year_after_a_preposition_and_a_place_is_no_deadline():
    assert years_of("推进治理。根据我省2026年控制目标,确定配额总量为2亿吨。") == [(200000000, None)]


def test_the_end_of_the_plan_period_is_the_year_the_title_names():
    from pipeline.parse.years import plan_end_year
    assert plan_end_year("某市“十四五”绿色建筑发展规划") == 2025
    assert plan_end_year("某省节水行动计划(2023-2027年)") == 2027
    assert plan_end_year("某市节水工作方案") is None
    text = ("某市“十五五”绿色建筑发展规划\n一、重点任务\n(一)推广绿色建筑。到规划期末,新建建筑中绿色建筑占比达到100%。"
            "\n(二)发展装配式建筑。新开工装配式建筑占比达到40%。\n")
    assert [(t.value, t.year) for t in parse_text(text).targets] == [(100, 2030), (40, None)]
    untitled = "某市绿色建筑工作方案\n一、重点任务\n(一)推广绿色建筑。到规划期末,新建建筑中绿色建筑占比达到100%。\n"
    assert [(t.value, t.year) for t in parse_text(untitled).targets] == [(100, None)]


def test_a_deadline_after_the_value_in_its_own_clause_is_that_clauses():
    assert years_of("推进创建。推动各单位中60%左右的下属机构2026年6月底前建成节约型机关。") == [(60, 2026)]
    assert years_of("推进创建。力争90%以上的乡镇在2027年前完成创建。") == [(90, 2027)]
    # it takes over from the paragraph's opening deadline (and, as a new year, for the rest of the sentence)
    assert years_of("到2028年,力争85%以上的机关2026年底前达到创建要求。新建示范单位300家。") == [(85, 2026), (300, 2028)]


def test_a_year_after_the_value_that_sets_no_deadline_gives_none():
    assert years_of("推进创建。新建示范单位300家,2026年底前全部投运。") == [(300, None)]
    assert years_of("推进创建。新增公交线路12条2026年起运营。") == [(12, None)]
    # a full stop drawn as "." ends the clause (PDFs that keep ASCII punctuation)
    assert years_of("推进创建。新增公交车新能源占比达到90%.2026年年底前,新能源汽车销量占比达到20%。") == [(90, None), (20, 2026)]
