"""Titles, issuers, dates, regions, levels, parents, references and canonical agency names."""
from __future__ import annotations

import pytest

from pipeline.model import AgencyRole
from pipeline.parse import parse_file, parse_text
from pipeline.parse.agencies import canonical, canonical_list
from pipeline.parse.metadata import level_of_place, place_of
from pipeline.parse.titles import document_id, normalise_title
from tests.helpers import CORPUS

BODY = "一、总体要求\n（一）指导思想。坚持绿色发展。\n"


def test_cover_notice_gives_the_plans_own_title():
    text = ("某某省人民政府关于印发某某省\n“十四五”节能行动方案的通知\n某政发〔2022〕8号\n各市人民政府：\n"
            "现将《某某省“十四五”节能行动方案》印发给你们，请认真贯彻落实。\n某某省人民政府\n2022年3月5日\n"
            "某某省“十四五”节能行动方案\n为推动节能，制定本方案。\n" + BODY)
    d = parse_text(text).document
    assert (d.title, d.issuer, d.date, d.region, d.level) == (
        "某某省“十四五”节能行动方案", "某某省人民政府", "2022-03-05", "某某省", "provincial")


def test_cover_notice_with_the_title_in_book_marks_and_signature_lines():
    text = ("关于印发《城镇节水实施方案》的通知\n某环〔2023〕5号\n各省、自治区、直辖市有关部门：\n现将《城镇节水实施方案》印发给你们。\n"
            "水利部\n国家发展和改革委员会\n2023年7月1日\n城镇节水实施方案\n为推进节水，制定本方案。\n" + BODY)
    d = parse_text(text).document
    assert d.title == "城镇节水实施方案"
    # second edition: a joint document with no issuer in its header is issued by its first signatory
    assert d.issuer == "水利部"
    assert (d.date, d.region, d.level) == ("2023-07-01", "全国", "national")


def test_news_headline_page_gives_the_policy_title_and_issuer():
    text = ("江城市住房和城乡建设局印发《江城市建筑节能实施方案》,明确到2025年新建建筑全面执行绿色标准。详情如下:\n"
            "2023-01-02 08:00:00\n江城市建筑节能实施方案\n为推进建筑节能，制定本方案。\n" + BODY)
    d = parse_text(text).document
    assert (d.title, d.issuer, d.date, d.region, d.level) == (
        "江城市建筑节能实施方案", "江城市住房和城乡建设局", "2023-01-02", "江城市", "city")


def test_title_with_issuers_on_a_line_of_their_own():
    text = "中共上海市委 上海市人民政府\n关于加快绿色转型的实施意见\n（2022年5月6日）\n为加快转型，提出如下意见。\n" + BODY
    d = parse_text(text).document
    assert normalise_title(d.title) == normalise_title("中共上海市委上海市人民政府关于加快绿色转型的实施意见")
    assert d.issuer == "中共上海市委、上海市人民政府"
    assert (d.date, d.region, d.level) == ("2022-05-06", "上海市", "provincial")


@pytest.mark.parametrize("place,level", [
    ("北京市", "provincial"), ("天津市", "provincial"), ("上海市", "provincial"), ("重庆市", "provincial"),
    ("河北省", "provincial"), ("广西壮族自治区", "provincial"), ("青岛市", "city"), ("延边朝鲜族自治州", "city"),
    ("崂山区", "district"), ("长丰县", "district"), (None, "national"), ("全国", "national")])
def test_levels(place, level):
    assert level_of_place(place) == level


@pytest.mark.parametrize("name,place", [
    ("中共重庆市委办公厅", "重庆市"), ("青岛市生态环境局", "青岛市"), ("城市黑臭水体治理方案", None), ("国务院办公厅", None),
    ("山东省贯彻落实〈某意见〉的若干措施", "山东省")])
def test_place_of(name, place):
    assert place_of(name) == place


def test_parents_with_nested_titles_and_levels():
    text = ("某市水污染防治方案\n为贯彻落实《中共中央、国务院关于加强水保护的意见》《某某省贯彻落实〈中共中央、国务院关于加强水保护的意见〉的实施方案》，"
            "制定本方案。\n一、任务\n（一）推进治理。落实《某市排水条例》。（市水务局牵头）\n")
    rec = parse_text(text)
    assert [(p.title, p.level) for p in rec.parents] == [
        ("中共中央、国务院关于加强水保护的意见", "national"),
        ("某某省贯彻落实〈中共中央、国务院关于加强水保护的意见〉的实施方案", "provincial")]
    assert [(r.title, r.measure) for r in rec.references] == [("某市排水条例", 1)]


def test_parent_named_with_its_issuer_and_doubly_nested_book_marks():
    text = ("某省节能方案\n按照国务院《“十四五”节能工作方案》部署，根据《河东省落实《节能工作方案》的措施》，制定本方案。\n" + BODY)
    rec = parse_text(text)
    assert [(p.title, p.level) for p in rec.parents] == [
        ("“十四五”节能工作方案", "national"), ("河东省落实《节能工作方案》的措施", "provincial")]


def test_references_exclude_parents_and_the_document_itself():
    text = ("某市方案\n为贯彻落实《上级意见》，制定本方案。\n一、任务\n（一）推进。落实《上级意见》和《某市方案》，执行《某市条例》。（市政府办公室牵头）\n")
    rec = parse_text(text)
    assert [r.title for r in rec.references] == ["某市条例"]


def test_title_normalisation_and_ids():
    a = "国务院关于印发“十四五”节能减排综合工作方案的通知（国发〔2021〕33号）"
    b = "《“十四五”节能减排综合工作方案》"
    assert normalise_title(a) == normalise_title(b)
    assert document_id(a) == document_id(b)
    assert document_id("某某方案") != document_id("某某规划")


def test_prefix_written_once_is_distributed():
    ags = [AgencyRole(m, "support") for m in ["省发展改革委", "生态环境厅", "地方金融监管局", "人民银行广州分行", "广东银保监局"]]
    canonical_list(ags, "广东省")
    assert [a.name for a in ags] == ["广东省发展和改革委员会", "广东省生态环境厅", "广东省地方金融监督管理局",
                                     "人民银行广州分行", "广东银保监局"]


@pytest.mark.parametrize("mention,region,name", [
    ("市发改委", "济南市", "济南市发展和改革委员会"),
    ("市发展改革委", "济南市", "济南市发展和改革委员会"),
    ("市发展和改革委员会", "济南市", "济南市发展和改革委员会"),
    ("市住房城乡建设局", "济南市", "济南市住房和城乡建设局"),
    ("市住房和城乡建设局", "济南市", "济南市住房和城乡建设局"),
    ("省住房城乡建设厅", "江苏省", "江苏省住房和城乡建设厅"),
    ("国家发展改革委", "全国", "国家发展和改革委员会"),
    ("发展改革委", "全国", "国家发展和改革委员会"),
    ("生态环境部", "全国", "生态环境部"),
    ("市委宣传部", "济南市", "中共济南市委宣传部"),
    ("市政府办公厅", "济南市", "济南市人民政府办公厅"),
    ("天津港集团", "天津市", "天津港集团"),
    ("青岛海事局", "青岛市", "青岛海事局"),
])
def test_canonical_names(mention, region, name):
    assert canonical(mention, region) == name


def test_every_agency_of_the_development_document_has_its_canonical_name():
    rec = parse_file(CORPUS / "qingdao-2022-pollution-plan.txt")
    names = {a.mention: a.name for t in rec.tasks for a in t.agencies}
    expected = {
        "人民银行青岛市中心支行": "人民银行青岛市中心支行",
        "各区(市)": "各区(市)",
        "市中级法院": "青岛市中级人民法院",
        "市交通运输局": "青岛市交通运输局",
        "市人力资源社会保障局": "青岛市人力资源和社会保障局",
        "市人大常委会": "青岛市人民代表大会常务委员会",
        "市住房城乡建设局": "青岛市住房和城乡建设局",
        "市公安局": "青岛市公安局",
        "市农业农村局": "青岛市农业农村局",
        "市卫生健康委": "青岛市卫生健康委员会",
        "市发展改革委": "青岛市发展和改革委员会",
        "市司法局": "青岛市司法局",
        "市商务局": "青岛市商务局",
        "市园林和林业局": "青岛市园林和林业局",
        "市地方金融监管局": "青岛市地方金融监督管理局",
        "市城市管理局": "青岛市城市管理局",
        "市委党校": "中共青岛市委党校",
        "市委办公厅": "中共青岛市委办公厅",
        "市委组织部": "中共青岛市委组织部",
        "市工业和信息化局": "青岛市工业和信息化局",
        "市市场监管局": "青岛市市场监督管理局",
        "市政协": "中国人民政治协商会议青岛市委员会",
        "市政府办公厅": "青岛市人民政府办公厅",
        "市教育局": "青岛市教育局",
        "市机关事务服务中心": "青岛市机关事务服务中心",
        "市检察院": "青岛市人民检察院",
        "市水务管理局": "青岛市水务管理局",
        "市海洋发展局": "青岛市海洋发展局",
        "市生态环境局": "青岛市生态环境局",
        "市科技局": "青岛市科学技术局",
        "市自然资源和规划局": "青岛市自然资源和规划局",
        "市财政局": "青岛市财政局",
        "董家口海事局": "董家口海事局",
        "青岛海事局": "青岛海事局",
        "青岛证监局": "青岛证监局",
        "青岛银保监局": "青岛银保监局",
    }
    assert names == expected


def test_imprint_of_the_governments_office_names_the_government():
    text = ("江城市生态环境保护规划\n第一章 总体要求\n第一节 指导思想\n坚持绿色发展。\n"
            "抄送：市委有关部门。\n江城市人民政府办公室\n2022年1月14日印发\n")
    d = parse_text(text).document
    assert (d.issuer, d.date, d.region, d.level) == ("江城市人民政府", "2022-01-14", "江城市", "city")
