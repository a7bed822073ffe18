"""More numbers that commit to nothing (second edition: a target is a numeric commitment the text commits to),
met in a precision sample of corpus-wide's targets: counts that describe, parameters of a calculation,
statements of the present, a white paper's reported years. Sentences of our own."""
from __future__ import annotations

import pytest

from pipeline.parse import parse_text
from pipeline.parse.not_commitments import white_paper_year
from tests.helpers import measure_text


def values(body: str, published=None):
    return [(t.value, t.unit) for t in parse_text(measure_text(body), published=published).targets]


@pytest.mark.parametrize("body,kept", [
    # the plan's own indicator system
    ("推进指标管理。本规划共设置指标18项,其中约束性指标11项,预期性指标7项。", []),
    ("推进指标管理。指标体系包括水、气、土3个方面15项指标。", []),
    ("推进指标管理。到2025年,完成12项改革任务。", [(12, "项")]),
    # a total of what there is
    ("推进修复。项目范围共7个县(市、区),涉及12个乡镇。", []),
    ("推进修复。重点工程合计15项。", []),
    ("推进修复。治理河道12条,共计新建堤防30公里。", [(12, "条"), (30, "公里")]),
    # the parts a text is written in
    ("推进评价。重点从3个方面开展评价。", []),
    ("推进改革。复制推广8个方面40项改革经验。", [(40, "项")]),  # 8个 counts the subject of the next count
])
def test_counts_that_describe(body, kept):
    assert values(body) == kept


@pytest.mark.parametrize("body,kept", [
    # a variable's bound in a coefficient table
    ("推进核算。F≥90% 1.0", []),
    ("推进核算。70%≤F<90% 1.02", []),
    # a named parameter
    ("推进核算。熟料基准值:0.85吨CO2/吨熟料。", []),
    ("推进核算。焦炭 吨 碳含量:82.5%。", []),
    ("推进核算。电力企业的免费配额比例为97%。", []),
    ("推进核算。货车百公里油耗取全省平均值25升。", []),
    # a share that a formula multiplies or counts by
    ("推进核算。按机组上年度发电量的60%,乘以基准值,得到预分配配额。", []),
    ("推进核算。废塑料按90%、废橡胶按30%的比例计算化石碳。", []),
    # real targets beside them stay
    ("推进节水。农田灌溉水有效利用系数不低于0.6,单位产品能耗基准值以上产能比例达到100%。", [(0.6, ""), (100, "%")]),
])
def test_parameters_of_a_calculation(body, kept):
    got = values(body)
    assert [v for v in got if v[1]] == [v for v in kept if v[1]]


@pytest.mark.parametrize("body,kept", [
    ("推进减排。目前我省工业排放量占全省排放量的比重超过60%。", []),
    ("推进减排。虽然我区单位产值能耗约为全国平均水平的80%,但结构性矛盾突出。", []),
    ("推进减排。到2025年,组件成本比目前降低20%以上。", [(20, "%")]),
])
def test_statements_of_the_present(body, kept):
    assert values(body) == kept


def test_the_year_a_white_paper_reports_up_to():
    assert white_paper_year(["截至2022年6月底,累计建成充电桩100万个。", "2019年10月,试点启动。"], None) == 2022
    assert white_paper_year(["到2030年,非化石能源比重达到25%。"], None) is None  # a deadline reports nothing
    assert white_paper_year(["2021年底,森林覆盖率达到24%。"], 2023) == 2023


def test_an_undated_white_paper_keeps_only_what_it_commits_to():
    text = ("某国的绿色发展\n前言\n为介绍发展成就,特发布本白皮书。\n一、绿色交通和能源\n"
            "(一)充电设施。截至2022年6月30日,累计建成充电桩100万个。2021年底,森林覆盖率达到24%。\n"
            "(二)能源结构。到2030年,非化石能源消费比重将达到25%左右。\n")
    assert [(t.value, t.year) for t in parse_text(text).targets] == [(25, 2030)]


@pytest.mark.parametrize("body,kept", [
    # a capacity that names a project, or a class of units
    ("推进光伏建设。建设某县某水库120兆瓦渔光互补光伏发电项目、某镇80兆瓦农光互补光伏发电项目。", []),
    ("推进回收。加快推进某公司年产3万吨再生铝项目。", []),
    ("推进淘汰。推动淘汰20万千瓦级燃煤机组。", []),
    # a generic work after a verb or a count commits to its size; a count of projects stays
    ("推进治理。实施6条80公里中小河流治理工程。", [(80, "公里")]),  # 6条 counts what the length measures
    ("推进光伏建设。建设光伏发电项目3个,新增装机50万千瓦。", [(3, "个"), (500000, "千瓦")]),
    # a band a price may move in, a procedure's time limit
    ("推进改革。在基准价基础上上下浮动15%形成电价。", []),
    ("推进公开。各区应当在名单公布后7个工作日内报送市生态环境局。", []),
    ("推进改革。到2025年,审批时限压缩至5个工作日。", [(5, "个")]),
])
def test_names_bands_and_time_limits(body, kept):
    assert values(body) == kept


def first(body: str):
    return parse_text(measure_text(body)).targets[0]


@pytest.mark.parametrize("body,name", [
    # a verb before 面积 is part of the name; a bound left at its end (达到并) is not
    ("到2026年,新增湿地保护修复提升面积20万亩。", "湿地保护修复提升面积"),
    ("到2026年,工程区的森林覆盖率达到并稳定在55%以上。", "工程区的森林覆盖率"),
])
def test_indicator_names(body, name):
    assert first(body).indicator == name


def test_highest_before_a_noun_is_no_bound():
    assert first("到2026年,需求侧响应能力达到最高用电负荷的4%。").comparator == ">="


@pytest.mark.parametrize("body,kept", [
    # a rule's condition on a share names those it applies to
    ("推进核算。产品产量比例高于50%的企业采用历史强度法,低于50%的企业采用基准线法。", []),
    ("推进节能。到2025年,超过80%的企业完成节能诊断。", [(80, "%")]),
])
def test_a_rules_condition_on_a_share(body, kept):
    assert values(body) == kept


def test_a_footnote_stating_what_a_figure_assumes():
    text = ("测试市某某规划\n一、主要目标\n(一)发展目标。到2025年,非化石能源消费比重达到20%。\n"
            "1以2025年全社会用电量6000亿千瓦时、外来电量500亿千瓦时计\n")
    assert [(t.value, t.unit) for t in parse_text(text).targets] == [(20, "%")]


@pytest.mark.parametrize("body,kept", [
    ("推进治理。岸线向陆一侧200米范围内,禁止新建垃圾填埋场。", []),  # a distance bounding a ban
    ("推进核算。排放量=年用量×8.5公里×(100%—替代比例%)。", []),  # a term of a formula
    ("推进核算。百公里汽油消耗量取全省平均值9升。", []),  # 百公里: a rate's denominator
    ("推进核查。核查机构需同时满足以下3个条件。", []),  # the conditions are counted, not committed to
])
def test_bans_formulas_and_rates(body, kept):
    assert values(body) == kept


def test_a_glossary_entry_sets_no_targets():
    text = ("测试市某某规划\n一、主要目标\n(一)发展目标。到2025年,绿色建筑占比达到100%。\n"
            "3.“两山”:指绿水青山和金山银山,包括5项制度。\n")
    assert [(t.value, t.unit) for t in parse_text(text).targets] == [(100, "%")]


@pytest.mark.parametrize("body,names", [
    # one-character items share the rest of the last one
    ("到2026年,大、中、小型矿山复绿率分别达到80%、70%、60%。", ["大型矿山复绿率", "中型矿山复绿率", "小型矿山复绿率"]),
    # a list before 分别 also splits at 与
    ("到2026年,烟尘、二氧化硫与氮氧化物排放量分别减少10吨、20吨与30吨。", ["烟尘排放量", "二氧化硫排放量", "氮氧化物排放量"]),
    # a disposal marker inside the words before the number: the thing measured follows it
    ("到2026年,鼓励各污水处理厂将污泥含水率降低至50%以下。", ["污泥含水率"]),
    # a share written before what it is a share of
    ("到2026年,全区港口80%的作业船舶使用岸电。", ["作业船舶使用岸电"]),
    ("到2026年,电网具备5%以上的尖峰负荷响应能力。", ["尖峰负荷响应能力"]),
    ("到2026年,建成光伏消纳率100%的示范楼宇。", ["光伏消纳率"]),  # a rate named before the number stays
])
def test_more_indicator_names(body, names):
    assert [t.indicator for t in parse_text(measure_text(body)).targets] == names
