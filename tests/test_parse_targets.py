"""Target rules on sentences of our own: numbers, units, comparators, kinds, years, baselines."""
from __future__ import annotations

import pytest

from pipeline.parse import parse_text
from tests.helpers import measure_text


def targets_of(body: str):
    return parse_text(measure_text(body)).targets


def one(body: str):
    ts = targets_of(body)
    assert len(ts) == 1, [(t.indicator, t.value, t.unit) for t in ts]
    return ts[0]


# body, value, unit, comparator, kind, direction, year, baseline
CASES = [
    ("到2030年,全县城镇污水处理率达到95%。", 95, "%", ">=", "level", None, 2030, None),
    ("到2026年,工业用水重复利用率提高到92%以上。", 92, "%", ">=", "level", None, 2026, None),
    ("到2024年,二氧化硫排放浓度控制在35毫克/立方米以下。", 35, "毫克/立方米", "<=", "level", None, 2024, None),
    ("到2027年,单位产值能耗比2022年下降12%。", 12, "%", ">=", "change", "down", 2027, 2022),
    ("到2027年,绿色建筑占比较2021年提高8个百分点。", 8, "百分点", ">=", "change", "up", 2027, 2021),
    ("到2028年,新建充电桩不少于3.5万个。", 35000, "个", ">=", "level", None, 2028, None),
    ("到2029年,风电装机容量达到2.4亿千瓦。", 240000000, "千瓦", ">=", "level", None, 2029, None),
    ("到2025年,再生资源回收率提高到百分之三十。", 30, "%", ">=", "level", None, 2025, None),
    ("到2025年,建设1至2个零碳园区。", 1, "个", "=", "level", None, 2025, None),
    ("到2026年,清洁能源占比达到60%左右。", 60, "%", "~", "level", None, 2026, None),
    ("到2026年,河湖水质优良比例不低于80%。", 80, "%", ">=", "level", None, 2026, None),
    ("到2026年,垃圾填埋量不超过100吨/日。", 100, "吨/日", "<=", "level", None, 2026, None),
    ("到2026年,快递网点绿色包装使用率超过50%。", 50, "%", ">", "level", None, 2026, None),
    ("到2026年,平均供电煤耗降至290克标准煤/千瓦时。", 290, "克标准煤/千瓦时", "<=", "level", None, 2026, None),
    ("到2026年,全区完成植树造林3万亩。", 30000, "亩", "=", "level", None, 2026, None),
    ("到2026年,力争新增国家级绿色园区十五个。", 15, "个", ">=", "change", "up", 2026, None),
    ("2022年到2024年每年新增公共充电桩不少于2000个。", 2000, "个", ">=", "change", "up", 2024, None),
    ("到2024年年底前,农村改厕完成两万户。", 20000, "户", "=", "level", None, 2024, None),
    ("城市生活垃圾回收利用率达到35%。", 35, "%", ">=", "level", None, None, None),
    ("“十四五”期间,单位工业增加值用水量下降16%。", 16, "%", ">=", "change", "down", 2025, None),
    ("到2026年,氮氧化物排放总量在2021年基础上削减9%。", 9, "%", ">=", "change", "down", 2026, 2021),
    # comparators of the second edition
    ("到2026年,煤炭消费比重不得超过45%。", 45, "%", "<=", "level", None, 2026, None),
    ("到2026年,林草覆盖率不得低于40%。", 40, "%", ">=", "level", None, 2026, None),
    ("到2026年,绿色出行比例达75%。", 75, "%", ">=", "level", None, 2026, None),
    ("到2026年,污泥无害化处置率大于95%。", 95, "%", ">", "level", None, 2026, None),
    ("到2026年,光伏组件转换效率高于24%。", 24, "%", ">", "level", None, 2026, None),
    ("到2026年,管网漏损率小于9%。", 9, "%", "<", "level", None, 2026, None),
    ("到2026年,燃煤机组供电煤耗低于300克标准煤/千瓦时。", 300, "克标准煤/千瓦时", "<", "level", None, 2026, None),
    ("到2026年,钢铁行业产能利用率不高于85%。", 85, "%", "<=", "level", None, 2026, None),
    ("到2026年,城市空气优良天数比例保持在90%。", 90, "%", "=", "level", None, 2026, None),
    ("到2026年,地表水达标率维持在100%。", 100, "%", "=", "level", None, 2026, None),
    ("到2026年,森林覆盖率稳定在45%以上。", 45, "%", ">=", "level", None, 2026, None),
    ("到2026年,森林火灾受害率稳定在0.9‰以下。", 0.9, "‰", "<=", "level", None, 2026, None),
    # whole units: the 万 of a denominator stays in the unit; 立方 is 立方米
    ("到2026年,公共建筑单位面积碳排放降至300吨/万平方米。", 300, "吨/万平方米", "<=", "level", None, 2026, None),
    ("到2026年,天然气供应能力达到15亿立方。", 1500000000, "立方米", ">=", "level", None, 2026, None),
    ("到2026年,分布式光伏造价降至3500元/千瓦。", 3500, "元/千瓦", "<=", "level", None, 2026, None),
]


@pytest.mark.parametrize("body,value,unit,comparator,kind,direction,year,baseline", CASES)
def test_target_rules(body, value, unit, comparator, kind, direction, year, baseline):
    t = one(body)
    assert (t.value, t.unit, t.comparator, t.kind, t.direction, t.year, t.baseline_year) == \
        (value, unit, comparator, kind, direction, year, baseline)


def test_value_text_is_as_written():
    t = one("到2028年,新建充电桩不少于3.5万个。")
    assert t.value_text == "3.5万个"


def test_indicator_is_the_thing_not_the_clause():
    t = one("到2030年,全县城镇污水处理率达到95%。")
    assert t.indicator == "城镇污水处理率"
    t = one("到2028年,全市重点河段总磷浓度控制在0.2毫克/升。")
    assert t.indicator == "重点河段总磷浓度"


def test_count_noun_after_number_names_the_indicator():
    t = one("到2026年,至少建成30个海绵城市示范片区。")
    assert t.indicator == "海绵城市示范片区"


def test_fenbie_distributes_values_over_the_list():
    ts = targets_of("到2027年,化学需氧量、氨氮排放总量分别下降8%、6%。")
    assert [(t.value, t.unit, t.kind, t.direction) for t in ts] == [(8, "%", "change", "down"), (6, "%", "change", "down")]
    assert ts[0].indicator.startswith("化学需氧量") and ts[1].indicator.startswith("氨氮")
    assert "排放总量" in ts[0].indicator and "排放总量" in ts[1].indicator


def test_fenbie_with_a_shared_unit():
    ts = targets_of("到2027年,燃煤锅炉、工业窑炉淘汰比例分别提高10、5个百分点。")
    assert [(t.value, t.unit) for t in ts] == [(10, "百分点"), (5, "百分点")]
    assert ts[0].indicator.startswith("燃煤锅炉") and ts[1].indicator.startswith("工业窑炉")


def test_jun_applies_one_value_to_a_list():
    ts = targets_of("到2026年,城市污水和垃圾收集率均达到98%。")
    assert len(ts) == 1
    assert ts[0].value == 98 and "收集率" in ts[0].indicator


def test_year_scope_runs_across_semicolons_and_the_paragraph_it_opens():
    # second edition: a deadline opening a paragraph governs its later sentences (the first
    # edition ended the scope at 。); the next paragraph states none of its own
    ts = targets_of("到2027年,公交电动化率达到90%;出租车电动化率达到60%。港口岸电使用率达到70%。\n"
                    "港口岸电使用率达到80%。")
    assert [t.year for t in ts] == [2027, 2027, 2027, None]


def test_a_deadline_inside_the_paragraph_does_not_govern_the_sentences_after_it():
    ts = targets_of("推进港口建设。到2027年,港口岸电使用率达到70%。公交电动化率达到90%。")
    assert [t.year for t in ts] == [2027, None]


def test_year_scope_changes_at_a_new_year():
    ts = targets_of("到2024年,黑臭水体治理率达到80%;到2026年,黑臭水体治理率达到95%。")
    assert [t.year for t in ts] == [2024, 2026]


def test_range_of_years_gives_the_last():
    t = one("2023年至2025年累计完成老旧小区改造300个。")
    assert t.year == 2025


@pytest.mark.parametrize("body", [
    "淘汰使用15年以上的老旧车辆。",
    "PM2.5和O3协同控制取得进展。",
    "落实《某某市2025年大气污染防治实施方案》。",
    "深入推进“三线一单”和“十四五”规划实施。",
    "依据国发〔2021〕33号文件执行。",
    "基本完成35蒸吨/小时以上燃煤锅炉超低排放改造。",
    "开展第3轮中央生态环境保护督察整改。",
    # subsidies, their ceilings and the conditions of an application (second edition)
    "对验收合格的项目给予最高补助100万元。",
    "单个项目奖励金额不超过50万元。",
    "按200元/千瓦给予一次性建设补贴。",
    "申报单位上年度营业收入不低于2000万元。",
    "每个区推荐项目不超过3个。",
    # size thresholds and qualifiers of what is governed
    "总建筑面积10万平方米及以上的新建住宅小区全面执行绿色建筑标准。",
    "年综合能耗1万吨标准煤以上的企业开展能源审计。",
])
def test_not_targets(body):
    assert targets_of(body) == []


def test_review_of_the_past_is_not_a_target():
    text = "测试市规划\n一、发展成效\n(一)取得成效。“十三五”期间,空气优良天数比例达到80%。\n"
    assert parse_text(text).targets == []


def test_target_knows_its_task():
    body = "加强监测。(市生态环境局牵头)到2026年,河湖水质优良比例不低于80%。(市水务局牵头)"
    t = one(body)
    assert (t.measure, t.task) == (1, 2)


def test_target_outside_any_task_has_no_task():
    t = one("到2026年,河湖水质优良比例不低于80%。")
    assert t.task is None and t.measure == 1


def test_target_directly_under_a_section_has_no_measure():
    text = "测试市方案\n一、主要目标\n到2026年,河湖水质优良比例不低于80%。\n二、重点任务\n(一)加强治理。推进工作。\n"
    ts = parse_text(text).targets
    assert [(t.measure, t.section, t.value) for t in ts] == [(None, 1, 80)]


def test_starting_value_after_you_is_not_a_target():
    t = one("到2026年,城区雨污分流比例由2021年的30%提高到80%。")
    assert (t.value, t.indicator) == (80, "城区雨污分流比例")


def test_quantity_qualifying_a_noun_with_de_is_not_a_target():
    assert targets_of("推进年销售汽油量大于5000吨的加油站安装油气回收在线监控。") == []


def test_a_value_stated_after_a_bare_verb_names_what_follows():
    t = one("到2026年,消除12条入河排污口劣V类水体。")
    assert t.indicator.startswith("入河排污口")


def test_fenbie_items_that_end_alike_share_what_follows():
    ts = targets_of("到2027年,珠三角地区、粤东地区燃煤消费量分别下降10%、5%。")
    assert [t.indicator for t in ts] == ["珠三角地区燃煤消费量", "粤东地区燃煤消费量"]


def test_fenbie_after_a_baseline_year():
    ts = targets_of("到2027年,化学需氧量、氨氮重点工程减排量较2022年分别完成1.2万吨、0.3万吨。")
    assert [(t.indicator, t.value, t.baseline_year, t.comparator) for t in ts] == [
        ("化学需氧量重点工程减排量", 12000, 2022, "="), ("氨氮重点工程减排量", 3000, 2022, "=")]


def test_a_count_inside_the_subject_is_not_a_target():
    t = one("到2027年,废纸、废塑料等6种再生资源回收量达到2亿吨。")
    assert (t.value, t.unit) == (200000000, "吨")


def test_a_shortened_name_takes_the_earlier_full_one():
    ts = targets_of("到2025年,大宗固废年利用量达到30亿吨左右,到2030年年利用量达到35亿吨左右。")
    assert [(t.indicator, t.year) for t in ts] == [("大宗固废年利用量", 2025), ("大宗固废年利用量", 2030)]


def test_five_year_plan_periods_end_in_their_last_year():
    ts = targets_of("“十五五”期间,单位产值能耗下降10%。")
    assert [t.year for t in ts] == [2030]


# --------------------------------------------------------------------------- years (second edition)
# body, [(value, year)]
YEAR_CASES = [
    # a deadline opening the paragraph governs its later sentences
    ("到2026年,单位产值能耗下降12.5%。可再生能源消费比重达到22%;城镇绿色建筑占比达到80%。",
     [(12.5, 2026), (22, 2026), (80, 2026)]),
    # a new deadline after it takes over
    ("到2026年,公交电动化率达到90%。到2031年,公交电动化率达到100%。出租车电动化率达到95%。",
     [(90, 2026), (100, 2031), (95, 2031)]),
    # a year inside a title is no deadline
    ("落实《某市2026年充电设施建设方案》,全市新建充电桩3000个。", [(3000, None)]),
    # a bare year at a clause head sets the year; elsewhere it does not
    ("2027年,全市新增公交线路12条。", [(12, 2027)]),
    ("力争2027年全市新增公交线路12条。", [(12, 2027)]),
    ("对照2027年度考核要求,新增公交线路12条。", [(12, None)]),
    # 分别 over a year range gives one year to each value
    ("2023至2026年,新建建筑中绿色建筑占比分别达到70%、80%、90%、100%。",
     [(70, 2023), (80, 2024), (90, 2025), (100, 2026)]),
    ("2024年、2025年和2026年,新能源公交车占比分别达到60%、70%、80%。", [(60, 2024), (70, 2025), (80, 2026)]),
]


@pytest.mark.parametrize("body,want", YEAR_CASES)
def test_year_rules(body, want):
    assert [(t.value, t.year) for t in targets_of(body)] == want


def test_a_colon_paragraph_hands_its_deadline_to_the_items_after_it():
    ts = targets_of("到2027年,实现以下目标:\n1.公交电动化率达到90%。\n2.出租车电动化率达到60%。")
    assert [(t.value, t.year) for t in ts] == [(90, 2027), (60, 2027)]


def test_values_of_years_before_the_documents_own_are_past_facts():
    text = measure_text("2020年,全市细颗粒物浓度为35微克/立方米。截至2021年底,已建成充电桩2000个。"
                        "到2026年,细颗粒物浓度降至30微克/立方米。")
    ts = parse_text(text, published="2022-05-01").targets
    assert [(t.value, t.year) for t in ts] == [(30, 2026)]


def test_a_paragraph_opened_by_a_past_year_is_past_throughout():
    text = measure_text("2020年,全市细颗粒物浓度为35微克/立方米。空气优良天数比例为85%。")
    assert parse_text(text, published="2021-03-01").targets == []


def test_document_year_from_date_title_or_plan_period():
    from pipeline.parse.years import document_year
    assert document_year("2022-05-01", "某市方案") == 2022
    assert document_year(None, "某市2023年大气污染防治工作方案") == 2023
    assert document_year(None, "某市生态环境保护规划(2021-2025年)") == 2021
    assert document_year(None, "某省2030年前碳达峰实施方案") is None
    assert document_year(None, "某市“十四五”生态环境保护规划") == 2021


def test_list_items_take_the_deadline_of_the_paragraph_before_them():
    ts = targets_of("锚定远景目标,到2026年,全市生态环境持续改善。\n——空气更加清新。细颗粒物浓度降至28微克/立方米。\n"
                    "——水体更加清澈。优良水体比例达到90%。")
    assert [(t.value, t.year) for t in ts] == [(28, 2026), (90, 2026)]


def test_a_review_of_a_past_plan_period_gives_no_targets():
    ts = targets_of("“十三五”以来,全市大力推进治理。累计建成污水管网300公里,空气优良天数比例达到85%。\n"
                    "到2026年,空气优良天数比例达到88%。")
    assert [(t.value, t.year) for t in ts] == [(88, 2026)]


def test_a_review_heading_inside_a_block_makes_what_follows_past():
    ts = targets_of("推进治理。\n专栏1 “十三五”主要指标完成情况\n空气优良天数比例达到85%。\n专栏2 重点工程\n"
                    "新建污水管网300公里。")
    assert [(t.value, t.unit) for t in ts] == [(300, "公里")]


def test_a_fact_already_reached_is_not_a_target():
    ts = targets_of("全市机动车保有量已超110万辆,到2026年新能源汽车达到20万辆。")
    assert [t.value for t in ts] == [200000]


def test_a_footnote_paragraph_sets_no_targets():
    ts = targets_of("到2026年,重点海湾水质优良比例达到85%。\n1重点海湾指甲湾、乙湾等6个海湾。\n注:数据按2020年口径统计,共12个断面。")
    assert [t.value for t in ts] == [85]


def test_a_white_paper_keeps_only_its_dated_commitments():
    text = ("某国应对气候变化的政策与行动白皮书\n一、积极应对气候变化\n(一)能源转型。非化石能源占能源消费比重达到15.9%。"
            "到2030年,非化石能源占一次能源消费比重将达到25%左右。\n")
    ts = parse_text(text).targets
    assert [(t.value, t.year) for t in ts] == [(25, 2030)]


# --------------------------------------------------------------------------- lists (second edition)
# body, [(indicator, value, unit, kind)]
LIST_CASES = [
    ("到2026年,培育120家龙头企业、30个产业联合体。",
     [("龙头企业", 120, "家", "level"), ("产业联合体", 30, "个", "level")]),
    ("到2026年,建成10个示范园区、50个示范项目和100个示范社区。",
     [("示范园区", 10, "个", "level"), ("示范项目", 50, "个", "level"), ("示范社区", 100, "个", "level")]),
    # a verb of its own in the next item: change, then level
    ("到2026年,新增绿色建筑3亿平方米、完成既有建筑节能改造4000万平方米。",
     [("绿色建筑", 300000000, "平方米", "change"), ("既有建筑节能改造", 40000000, "平方米", "level")]),
    # no verb of its own: the list's verb holds
    ("到2026年,新增绿色建筑3亿平方米、光伏装机200万千瓦。",
     [("绿色建筑", 300000000, "平方米", "change"), ("光伏装机", 2000000, "千瓦", "change")]),
    # items already whole keep their names under 分别
    ("到2026年,单位产值能耗、人均生活用水量分别较2021年降低5%和4%。",
     [("单位产值能耗", 5, "%", "change"), ("人均生活用水量", 4, "%", "change")]),
    # A和B分别…和…: two targets
    ("到2026年,化学需氧量和氨氮排放总量分别下降7%和9%。",
     [("化学需氧量排放总量", 7, "%", "change"), ("氨氮排放总量", 9, "%", "change")]),
]


@pytest.mark.parametrize("body,want", LIST_CASES)
def test_list_rules(body, want):
    assert [(t.indicator, t.value, t.unit, t.kind) for t in targets_of(body)] == want


def test_a_qualifier_of_what_is_measured_is_not_part_of_the_name():
    t = one("到2026年,全县建成区具备条件的人行道透水铺装率达到60%。")
    assert t.indicator == "人行道透水铺装率"


# --------------------------------------------------------------------------- indicator names
# body, indicator
NAME_CASES = [
    # never ends inside a word (平均 stays whole, outside the name)
    ("到2026年,农田土壤有机质含量平均提高0.3个百分点。", "农田土壤有机质含量"),
    # a lead verb is stripped only when it is a word of its own (建成区 stays whole)
    ("到2026年,建成区透水地面比例达到40%。", "建成区透水地面比例"),
    # a name ending in a verb or 等, or opening with a preposition, yields to the noun after the count
    ("在甲区、乙区和丙县实施8个矿山生态修复工程。", "矿山生态修复工程"),
    ("整治甲河、乙河等9条城市黑臭水体。", "城市黑臭水体"),
    # a conjunction left at the start is not part of the name
    ("新建或扩建雨水泵站7座。", "扩建雨水泵站"),
    # an item number is not part of the name
    ("2.湿地保护率达到60%。", "湿地保护率"),
    # a bracket left open is not part of the name
    ("新建35千伏变电站（扩建）（6项）。", "35千伏变电站（扩建）"),
    # 年度 belongs to the year
    ("2026年度全市新增造林面积5万亩。", "造林面积"),
    # items that are whole keep their own names (no shared head appended)
    ("到2026年,城镇污水处理率、农村污水处理率分别达到97%、60%。", "城镇污水处理率"),
]


@pytest.mark.parametrize("body,name", NAME_CASES)
def test_indicator_name_rules(body, name):
    assert targets_of(body)[0].indicator == name


def test_a_one_character_unit_starting_a_word_is_no_unit():
    assert targets_of("按照6.2间接排放核算方法计算。") == []


def test_a_box_caption_gives_its_period_to_the_box():
    ts = targets_of("推进造林绿化。\n专栏3 “十四五”时期造林绿化重点工程\n1.国土绿化工程。完成人工造林12万亩。\n"
                    "2.森林抚育工程。完成森林抚育30万亩。\n专栏4 退化林修复\n完成退化林修复5万亩。")
    assert [(t.value, t.year) for t in ts] == [(120000, 2025), (300000, 2025), (50000, None)]


def test_a_deadline_paragraph_without_values_leads_the_paragraphs_after_it():
    ts = targets_of("力争到2026年,全行业基本形成绿色低碳发展格局。\n创新能力显著增强。研发投入强度达到2%。\n"
                    "结构不断优化。电炉钢产量占比提升至20%以上。")
    assert [(t.value, t.year) for t in ts] == [(2, 2026), (20, 2026)]
