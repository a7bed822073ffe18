"""Agencies keep their place, collectives are marked, every agency has its system.
Every name and note here is written for the test."""
from __future__ import annotations

import pytest

from pipeline.graph.build import agency_key, build_document_graph, build_graph
from pipeline.model import AgencyRole
from pipeline.parse import parse_text
from pipeline.parse.agencies import canonical, canonical_list, is_collective, lacks_place
from pipeline.parse.agency_systems import system_of
from pipeline.parse.agency_places import DocPlace, document_place, own_place

BODY = "一、重点任务\n（一）推进节能。开展节能改造。（省发展改革委牵头，省财政厅配合）\n"


def plan(title: str) -> str:
    return title + "\n为推进节能，制定本方案。\n" + BODY


def names(rec):
    return [(a.mention, a.name) for t in rec.tasks for a in t.agencies]


# -- place -------------------------------------------------------------------------------

def test_two_provinces_short_forms_stay_apart():
    js = parse_text(plan("江苏省节能行动方案"))
    ah = parse_text(plan("安徽省节能行动方案"))
    assert names(js) == [("省发展改革委", "江苏省发展和改革委员会"), ("省财政厅", "江苏省财政厅")]
    assert names(ah) == [("省发展改革委", "安徽省发展和改革委员会"), ("省财政厅", "安徽省财政厅")]
    g = build_graph([js, ah])
    agencies = sorted(a["name"] for _, a in g.nodes(data=True) if a["label"] == "Agency")
    assert agencies == ["安徽省发展和改革委员会", "安徽省财政厅", "江苏省发展和改革委员会", "江苏省财政厅"]


def test_a_city_plan_gives_the_province_of_its_city():
    rec = parse_text(plan("济宁市节能行动方案"))
    assert names(rec)[0] == ("省发展改革委", "山东省发展和改革委员会")
    assert canonical("省生态环境厅", "烟台市") == "山东省生态环境厅"
    assert canonical("市生态环境局", "烟台市") == "烟台市生态环境局"


@pytest.mark.parametrize("region,title,issuer,names_,expected", [
    ("江西省", "", "", [], DocPlace("江西省")),
    ("九江市", "", "", [], DocPlace("江西省", "九江市")),
    ("北京市", "", "", [], DocPlace("北京市", "北京市")),
    ("全国", "宁夏节能行动方案", "", [], DocPlace("宁夏回族自治区")),  # a short name heads the title
    ("自治区", "广西壮族自治区节能行动方案", "", [], DocPlace("广西壮族自治区")),  # a region that is no place
    ("全国", "节能行动方案", "福建省人民政府", [], DocPlace("福建省")),
    ("全国", "节能行动方案", "", ["浙江省财政厅", "浙江省商务厅", "国家能源局"], DocPlace("浙江省")),
    ("全国", "节能行动方案", "", ["浙江省财政厅", "福建省商务厅"], DocPlace()),  # no one province
    ("全国", "推进城市节能行动方案", "", [], DocPlace()),  # 推进城市 is no place
    ("全国", "淄博市临淄区节能行动方案", "", [], DocPlace("山东省", "淄博市", "临淄区")),
])
def test_the_place_of_a_document(region, title, issuer, names_, expected):
    assert document_place(region, title, issuer, names_) == expected


def test_a_place_named_clearly_in_the_text_is_the_last_resort():
    assert document_place("全国", "关于推进节能的通知", "", [], "福建省各设区市：……福建省节能中心……") == DocPlace("福建省")
    assert document_place("全国", "关于推进节能的通知", "", [], "福建省各设区市") == DocPlace()  # once is not enough
    assert document_place("全国", "关于推进节能的通知", "", [], "福建省、浙江省、福建省、浙江省") == DocPlace()
    rec = parse_text("关于推进节能的通知\n福建省各设区市：为推进节能，福建省决定开展行动。\n" + BODY)
    assert names(rec)[0] == ("省发展改革委", "福建省发展和改革委员会")


def test_a_title_that_kept_its_date_still_gives_its_place():
    assert document_place("全国", "2022年3月5日福州市节能行动方案") == DocPlace("福建省", "福州市")


def test_a_place_found_only_in_the_title_completes_the_names():
    rec = parse_text("宁夏节能行动方案\n为推进节能，制定本方案。\n"
                     "一、重点任务\n（一）推进节能。开展节能改造。（自治区发展改革委牵头，自治区商务厅配合）\n")
    assert [a.name for t in rec.tasks for a in t.agencies] == ["宁夏回族自治区发展和改革委员会", "宁夏回族自治区商务厅"]


def test_without_a_place_a_short_form_keeps_its_bare_prefix_and_is_keyed_unknown():
    assert canonical("省发展改革委", None) == "省发展和改革委员会"
    assert canonical("省发展改革委", "全国") == "省发展和改革委员会"
    assert lacks_place("省发展和改革委员会") and not lacks_place("江苏省发展和改革委员会")
    assert not lacks_place("市场监督管理总局") and not lacks_place("各市人民政府")
    nowhere = parse_text(plan("节能行动方案"))
    assert names(nowhere)[0] == ("省发展改革委", "省发展和改革委员会")
    g = build_graph([nowhere, parse_text(plan("江苏省节能行动方案"))])
    unknown = g.nodes[agency_key("省发展和改革委员会", unknown_place=True)]
    assert unknown["id"] == "agency:unknown:省发展和改革委员会" and unknown["region"] == "unknown"
    assert agency_key("省发展和改革委员会") not in g
    assert g.nodes[agency_key("江苏省发展和改革委员会")].get("region") is None


# -- junk ---------------------------------------------------------------------------------

@pytest.mark.parametrize("mention,region,name", [
    ("市人民检察院", "烟台市", "烟台市人民检察院"),  # already full: never 人民人民检察院
    ("省人民检察院", "湖南省", "湖南省人民检察院"),
    ("检察院", "湖南省", "人民检察院"),
    ("市检察院", "烟台市", "烟台市人民检察院"),
    ("市住房和城乡建设局", "烟台市", "烟台市住房和城乡建设局"),
    ("林业厅", "湖南省", "湖南省林业厅"),  # a 厅 is the province's
    ("林业厅", "长沙市", "林业厅"),  # not in a city's plan
    ("发展改革委", "湖南省", "湖南省发展和改革委员会"),  # no prefix at all: the document's own
    ("国资委", "长沙市", "长沙市国有资产监督管理委员会"),
    ("能源局", "湖南省", "能源局"),  # a 局 may be anyone's
    ("国家发展改革委", "长沙市", "国家发展和改革委员会"),
])
def test_names_are_completed_once(mention, region, name):
    assert canonical(mention, region) == name


def test_a_name_with_a_place_of_its_own_takes_no_inherited_prefix():
    ags = [AgencyRole(m, "support") for m in ["省海洋局", "山东海警局", "民航山东监管局", "商务厅"]]
    canonical_list(ags, "山东省")
    assert [a.name for a in ags] == ["山东省海洋局", "山东海警局", "民航山东监管局", "山东省商务厅"]
    assert own_place("浙江海警局") == "浙江省" and own_place("商务厅") is None


# -- collectives --------------------------------------------------------------------------

@pytest.mark.parametrize("mention", [
    "各区人民政府", "各有关部门", "有关部门", "相关单位", "地方各级人民政府", "各区(市)", "市州", "县市区人民政府",
    "县(市、区)人民政府", "行业主管部门", "省直有关单位", "乡镇人民政府", "其他成员单位"])
def test_collectives(mention):
    assert is_collective(mention)


@pytest.mark.parametrize("mention", ["市生态环境局", "省市场监管局", "市政府", "市委组织部", "省乡村振兴局", "市政协"])
def test_single_bodies_are_not_collectives(mention):
    assert not is_collective(mention)


@pytest.mark.parametrize("mentions,collective", [
    (["各市", "州", "县人民政府"], [True, True, True]),
    (["各区", "市政府"], [True, True]),
    (["各县发展改革委", "住建局"], [True, True]),
    (["各区政府", "市发改委"], [True, False]),
    (["市发改委", "各区政府"], [False, True]),
])
def test_a_list_under_each_is_collective(mentions, collective):
    ags = [AgencyRole(m, "lead") for m in mentions]
    canonical_list(ags, "烟台市")
    assert [a.collective for a in ags] == collective
    assert [a.name for a in ags if a.collective] == [m for m, c in zip(mentions, collective) if c]


@pytest.mark.parametrize("mention,region,collective", [
    ("区财政局", "烟台市", True),  # each district's, in a city's plan
    ("县生态环境局", "湖南省", True),
    ("市生态环境局", "湖南省", True),  # each city's, in a province's plan
    ("市生态环境局", "烟台市", False),
    ("区财政局", "莱山区", False),
    ("省生态环境厅", "烟台市", False),
])
def test_a_prefix_below_the_documents_place_names_a_class(mention, region, collective):
    ags = [AgencyRole(mention, "lead")]
    canonical_list(ags, region)
    assert ags[0].collective is collective
    if collective:
        assert ags[0].name == mention


def test_an_inherited_prefix_below_the_documents_place_names_a_class_too():
    ags = [AgencyRole(m, "lead") for m in ["区财政局", "发改局"]]
    canonical_list(ags, "烟台市")
    assert [(a.name, a.collective) for a in ags] == [("区财政局", True), ("发改局", True)]


def test_collectives_are_marked_in_the_record_and_on_the_agency_node():
    rec = parse_text("烟台市节能行动方案\n为推进节能，制定本方案。\n一、重点任务\n"
                     "（一）推进节能。开展节能改造。（市发展改革委牵头，各区市政府负责落实）\n")
    agencies = rec.to_dict()["tasks"][0]["agencies"]
    assert [(a["name"], a["collective"]) for a in agencies] == [
        ("烟台市发展和改革委员会", False), ("各区市政府", True)]
    g = build_document_graph(rec)
    assert g.nodes[agency_key("各区市政府")]["collective"] is True
    assert "collective" not in g.nodes[agency_key("烟台市发展和改革委员会")]  # only where true


# -- systems ------------------------------------------------------------------------------

@pytest.mark.parametrize("name,system", [
    ("青岛市生态环境局", "生态环境"), ("山东省生态环境厅", "生态环境"), ("生态环境部", "生态环境"),
    ("国家发展和改革委员会", "发展改革"), ("江苏省发展和改革委员会", "发展改革"),
    ("烟台市工业和信息化局", "工业和信息化"), ("湖北省经济和信息化厅", "工业和信息化"),
    ("烟台市住房和城乡建设局", "住房城乡建设"), ("交通运输部", "交通运输"), ("烟台市财政局", "财政"),
    ("烟台市公安局交通管理支队", "公安"),  # the first, more specific word wins
    ("烟台市人民政府国有资产监督管理委员会", "国有资产"), ("烟台市人民政府办公室", "政府"),  # never 民政
    ("烟台市民政局", "民政"), ("中共烟台市委宣传部", "宣传"), ("中共烟台市委", "党委"),
    ("人民银行烟台市中心支行", "金融"), ("烟台海事局", "交通运输"), ("国家能源局", "能源"),
    ("烟台市某某协会", None),
])
def test_systems(name, system):
    assert system_of(name) == system


def test_every_agency_of_a_parsed_document_carries_its_system():
    rec = parse_text(plan("江苏省节能行动方案"))
    assert [(a.name, a.system) for t in rec.tasks for a in t.agencies] == [
        ("江苏省发展和改革委员会", "发展改革"), ("江苏省财政厅", "财政")]
    g = build_document_graph(rec)
    assert g.nodes[agency_key("江苏省财政厅")]["system"] == "财政"
