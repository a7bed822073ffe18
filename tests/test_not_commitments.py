"""Numbers that commit to nothing (second edition, "Not targets"), on sentences of our own."""
from __future__ import annotations

import pytest

from pipeline.parse import parse_text
from pipeline.parse.not_commitments import application_heading, white_paper
from tests.helpers import measure_text


def values(body: str, published=None):
    return [(t.value, t.unit) for t in parse_text(measure_text(body), published=published).targets]


@pytest.mark.parametrize("body,kept", [
    # quotas of a call for applications
    ("推进申报。每个区限报2项,高等院校限报3项。", []),
    ("推进申报。本专题拟支持不超过4个项目,拟立项6项。", []),
    # the size of one unit of a set, after a multiplier
    ("推进建设。新建燃气调峰电站(3×200兆瓦)。", []),
    ("推进建设。建立5×8小时值守机制,新建储能电站4座。", [(4, "座")]),
    # a standard named by its percentage; a share of buildings stays
    ("推进节能。新建住宅执行80%节能设计标准,新建办公建筑执行70%的节能设计标准。", []),
    ("推进节能。落实办公建筑节能70%和住宅节能80%的审查标准,新建建筑中绿色建筑占比达到100%。", [(100, "%")]),
    ("推进节能。改造后单位面积节能15%以上。", [(15, "%")]),
    ("推进治理。新建污水处理设施100%标准化运维。", [(100, "%")]),
    # qualifiers of what is governed
    ("推进治理。干流岸线2公里范围内严禁新建化工项目。", []),
    ("推进核算。区域内公共建筑(单体建筑面积3000平方米及以上)纳入核算。", []),
    ("推进治理。新建生态缓冲带30公里。", [(30, "公里")]),
    ("推进建设。到2027年,建成充电桩6万个以上(其中快充桩2万个以上)。", [(60000, "个"), (20000, "个")]),
    # conditions
    ("推进试点。方案内容调整超过30%的,应重新报送。", []),
    ("推进试点。示范企业自评率达到90%以上的,名额可增加至20家。", []),
    ("推进核查。如果排放量偏差大于3%,则需重新核算。", []),
    ("推进核查。若含水率低于4%,可采用干基数据。", []),
    ("推进建设。若干示范园区面积达到500公顷。", [(500, "公顷")]),
    # a default of a calculation, a definition
    ("推进核算。如无实测数据,碳含量取值15%。", []),
    ("推进核算。重点单位是指年综合能耗达到5000吨标准煤的单位。", []),
    ("推进转型。“双碳”是指碳达峰与碳中和,到2030年非化石能源消费比重达到25%。", [(25, "%")]),
    # a price range or benchmark set for a market; a saving of money stays
    ("推进改革。本地煤炭中长期交易价格合理区间为每吨500—700元。", []),
    ("推进改革。在基准价(南网0.35元/千瓦时)基础上浮动。", []),
    ("推进改革。为企业降低用能成本2亿元。", [(200000000, "元")]),
])
def test_what_commits_to_nothing(body, kept):
    assert values(body) == kept


def test_real_targets_beside_them_stay():
    assert values("推进节能。到2027年,新建建筑中绿色建筑占比达到100%,完成既有建筑节能改造300万平方米。") == [
        (100, "%"), (3000000, "平方米")]


def test_a_heading_over_the_conditions_of_an_application():
    assert application_heading("三、申报条件")
    assert application_heading("(二)申报对象及要求")
    assert application_heading("资助标准")
    assert application_heading("扶持内容")
    assert not application_heading("(三)加快推进申报国家试点工作")
    assert not application_heading("主要目标")
    text = ("某市示范项目申报指南\n一、支持方向\n(一)光伏示范。到2027年,建成光伏示范项目20个。\n"
            "二、申报条件\n(一)企业条件。申报企业年营业收入不低于5000万元,研发人员不少于30人。\n"
            "(二)数量要求。到2027年,各区至少完成示范项目2个。\n")
    assert [(t.value, t.year) for t in parse_text(text).targets] == [(20, 2027), (2, 2027)]


def test_a_white_paper_named_by_its_head():
    assert white_paper("某国的能源发展白皮书", [])
    assert white_paper("某国的能源发展", ["某国的能源发展", "前言", "为介绍发展成就,特发布本白皮书。"])
    assert white_paper("某国的气候政策", ["新闻办公室发表《某国的气候政策》白皮书", "前言"])
    assert not white_paper("某市能源发展规划", ["某市能源发展规划", "为推进能源发展,制定本规划。"])
    text = ("某国的能源发展\n前言\n为介绍能源发展成就,特发布本白皮书。\n一、能源转型方向\n"
            "(一)能源转型。非化石能源消费比重达到16%。到2030年,非化石能源消费比重将达到25%左右。\n")
    assert [(t.value, t.year) for t in parse_text(text).targets] == [(25, 2030)]
