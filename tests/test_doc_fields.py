"""Document fields on texts shaped like real PDFs: titles, issuers, dates, places, number, kind, effective.

Every text here is written for the test (invented bodies and places where the name does not matter).
"""
from __future__ import annotations

import pytest

from pipeline.graph.build import build_document_graph, record_document_id
from pipeline.parse import parse_text
from pipeline.parse.doc_dates import cn_number
from pipeline.parse.doc_kind import kind_of, normalise_number
from pipeline.parse.doc_title import close_letter_spacing, strip_book
from pipeline.parse.issuers import clean_issuer
from pipeline.parse.places import level_of_place, place_of, province_of_docno

BODY = "一、总体要求\n（一）指导思想。坚持绿色发展。\n"


def doc(text: str):
    return parse_text(text).document


# ---------------------------------------------------------------- titles

def test_a_heading_broken_over_lines_is_joined_whole():
    d = doc("中共某某省委、某某省人民政府关于推进节水\n型社会建设的实施意见\n（2022年5月6日）\n为推进节水，提出如下意见。\n" + BODY)
    assert d.title == "中共某某省委、某某省人民政府关于推进节水型社会建设的实施意见"
    assert d.issuer == "中共某某省委、某某省人民政府"


def test_a_title_wrapped_over_three_lines_with_a_lone_last_character():
    d = doc("某某市人民政府关于加快\n建立健全垃圾分类体系的实施意\n见\n某政发〔2022〕3号\n各区人民政府：\n" + BODY)
    assert d.title == "某某市人民政府关于加快建立健全垃圾分类体系的实施意见"


def test_a_letter_spaced_notice_gives_the_plans_own_heading():
    text = ("某某省人民政府办公厅文件\n某政办发 〔２０２１〕１０５号\n某 某 省 人 民 政 府 办 公 厅 关 于 印 发\n"
            "某某省节水行动方案的通知\n各市人民政府：\n《某某省节水行动方案》已经省政府同意，现印发给你们。\n"
            "某某省人民政府办公厅\n２０２１年１１月２７日\n（此件公开发布）\n某 某 省 节 水 行 动 方 案\n为推进节水，制定本方案。\n" + BODY)
    d = doc(text)
    assert d.title == "某某省节水行动方案"
    assert d.issuer == "某某省人民政府办公厅"
    assert d.number == "某政办发〔2021〕105号"
    assert d.date == "2021-11-27"
    assert d.kind == "programme"


def test_an_issuer_with_its_verb_but_no_about_wraps_the_plan():
    text = ("某某省人民政府印发关于加快建立健全\n绿色低碳循环发展经济体系实施方案的通知\n各市人民政府：\n现将《关于加快建立健全绿色低碳循环发展经济体系的实施方案》印发你们。\n"
            "某某省人民政府\n2021年8月12日\n关于加快建立健全绿色低碳循环发展\n经济体系的实施方案\n为贯彻落实，制定本方案。\n" + BODY)
    d = doc(text)
    assert d.title == "关于加快建立健全绿色低碳循环发展经济体系的实施方案"
    assert d.issuer == "某某省人民政府"


def test_an_open_book_mark_carries_the_notice_onto_the_next_lines():
    text = ("某某市人民政府关于印发\n《某某岛发展规划纲要\n（2021-2035年）》的通知\n各区人民政府：\n现将规划纲要印发给你们。\n"
            "2022年1月7日\n某某岛发展规划纲要（2021-2035年）\n为推进建设，制定本纲要。\n" + BODY)
    d = doc(text)
    assert d.title == "某某岛发展规划纲要（2021-2035年）"
    assert d.kind == "plan"


def test_a_notice_whose_period_wraps_before_its_closing_words():
    text = ("关于印发某某省节能降碳工作方案\n（2022-2025年）的通知\n各市经济和信息化主管部门：\n为推进节能，现印发方案。\n"
            "某某省经济和信息化厅办公室\n2022年3月2日\n某某省节能降碳工作方案\n（2022-2025年）\n为推进节能，制定本方案。\n" + BODY)
    d = doc(text)
    assert d.title == "某某省节能降碳工作方案（2022-2025年）"
    assert d.issuer == "某某省经济和信息化厅办公室"


def test_a_news_lead_broken_over_lines_gives_the_policy_title():
    text = ("中共某某省委办公厅 某某省人民政府办\n公厅印发《关于推动城乡建设绿色发展\n的实施意见》\n为贯彻落实，提出如下意见。\n" + BODY)
    d = doc(text)
    assert d.title == "关于推动城乡建设绿色发展的实施意见"
    assert d.issuer == "中共某某省委办公厅、某某省人民政府办公厅"
    assert d.kind == "opinion"


def test_a_title_glued_to_its_salutation_is_cut_off():
    d = doc("关于开展节水情况摸底调研的通知有关高校院所：为贯彻落实部署，请填报。\n" + BODY)
    assert d.title == "关于开展节水情况摸底调研的通知"
    assert d.kind == "notice"


@pytest.mark.parametrize("noise", ["附件1", "- 1 -", "I", "ICS 07.060", "（此件公开发布）", "（本文有删减）",
                                   "某环发〔2022〕5号", "2022年1月14日", "字体：【大 中 小】"])
def test_noise_before_the_heading_is_never_the_title(noise):
    d = doc(f"{noise}\n某某市节水管理办法\n第一章 总则\n第一条 为了节约用水，制定本办法。\n")
    assert d.title == "某某市节水管理办法"
    assert d.kind == "regulation"


def test_a_cover_notice_without_a_heading_names_the_plan_in_its_body():
    text = ("各区县生态环境局：\n《某某市环境应急能力建设规划（2021—2025年）》已经局务会审议通过，现印发给你们。\n" + BODY)
    assert doc(text).title == "某某市环境应急能力建设规划（2021—2025年）"


def test_issuer_lines_above_a_book_titled_heading():
    text = "中共某某市委\n某某市人民政府\n《关于做好节水工作的实施方案》\n为做好节水工作，制定本方案。\n" + BODY
    d = doc(text)
    assert d.title == "中共某某市委 某某市人民政府 关于做好节水工作的实施方案"
    assert d.issuer == "中共某某市委、某某市人民政府"


def test_strip_book_and_letter_spacing():
    assert strip_book("《某某方案》") == "某某方案"
    assert strip_book("《某某通知》（征求意见稿）") == "某某通知（征求意见稿）"
    assert strip_book("某某省贯彻落实《某意见》的措施") == "某某省贯彻落实《某意见》的措施"
    assert close_letter_spacing("实 施 方 案 （ 试 行 ）") == "实施方案（试行）"
    assert close_letter_spacing("中共某某市委 某某市人民政府") == "中共某某市委 某某市人民政府"


# ---------------------------------------------------------------- issuers

@pytest.mark.parametrize("raw,clean", [
    ("某某市人民政府印发", "某某市人民政府"), ("某某局联合印发", "某某局"), ("某某部 某某委员会", "某某部、某某委员会"),
    ("国务院新闻办发表", "国务院新闻办"), ("6月5日，我市", None)])
def test_issuers_lose_their_verbs(raw, clean):
    assert clean_issuer(raw) == clean


def test_a_masthead_names_the_issuer():
    d = doc("某某省人民政府文件\n某政发〔2021〕62号\n某某省节水行动方案\n为推进节水，制定本方案。\n" + BODY)
    assert d.issuer == "某某省人民政府"
    assert d.number == "某政发〔2021〕62号"


def test_a_line_naming_the_body_and_its_verb_names_the_issuer():
    d = doc("某某部发布\n企业节水信息披露管理办法\n第一章 总则\n第一条 为了规范披露，制定本办法。\n")
    assert d.issuer == "某某部"
    assert (d.region, d.level) == ("全国", "national")


def test_a_joint_document_is_issued_by_the_first_signatory_of_its_closing_block():
    text = ("关于开展节水改造的通知\n各省、自治区、直辖市有关部门：\n" + BODY +
            "某某部 某某委员会\n2022年6月1日\n")
    d = doc(text)
    assert d.issuer == "某某部"
    assert d.date == "2022-06-01"


def test_an_imprint_with_its_date_on_one_line():
    text = "某某省节水工作要点\n" + BODY + "抄送：省委各部门。\n某某省人民政府办公厅2022年2月22日印发\n"
    d = doc(text)
    assert (d.issuer, d.date) == ("某某省人民政府", "2022-02-22")


# ---------------------------------------------------------------- dates

def test_an_adoption_note_broken_over_lines_dates_the_document():
    text = ("中共某某市委关于推进节水型城市建设的决定\n（2021年12月28日中国共产党某某市第十三届委员会第十次全\n体会议通过）\n"
            "为推进节水，作出如下决定。\n" + BODY)
    d = doc(text)
    assert d.date == "2021-12-28"
    assert d.kind == "opinion"


def test_a_regulation_gives_its_adoption_and_effective_dates():
    text = ("某某管理办法\n（2021年12月11日某某部令第24号公布 自2022年2月8日起施行）\n第一章 总则\n"
            "第一条 为了规范管理，制定本办法。\n")
    d = doc(text)
    assert (d.date, d.effective) == ("2021-12-11", "2022-02-08")


def test_a_closing_article_gives_the_effective_date():
    text = "某某市节水条例\n第一章 总则\n第一条 为了节约用水，制定本条例。\n第二条 本条例自2022年5月1日起施行。\n"
    assert doc(text).effective == "2022-05-01"


def test_effective_on_issue_is_the_issue_date():
    text = "某某市节水办法\n2022年3月1日\n第一条 为了节约用水，制定本办法。\n第二条 本办法自印发之日起施行。\n"
    d = doc(text)
    assert (d.date, d.effective) == ("2022-03-01", "2022-03-01")


@pytest.mark.parametrize("line,date", [("（2020年12月）", "2020-12-01"), ("2021年7月", "2021-07-01"),
                                       ("二〇二二年二月", "2022-02-01")])
def test_a_month_only_date_is_given_as_the_first_day_of_the_month(line, date):
    assert doc(f"某某省节水规划\n{line}\n前言\n" + BODY).date == date


def test_dates_in_chinese_numerals_and_broken_before_the_day():
    assert doc("某某省节水规划\n" + BODY + "某某省人民政府\n二〇二二年二月十日\n").date == "2022-02-10"
    assert doc("某某省节水规划\n" + BODY + "某某省发展和改革委员会\n2021年12月31\n日\n").date == "2021-12-31"
    assert cn_number("二十三") == 23 and cn_number("十") == 10 and cn_number("二〇二一") == 2021


def test_a_web_pages_metadata_rows():
    text = ("发文机关： 某某省人民政府 成文日期：2021年09月01日\n发文字号： 某政发〔2021〕18号 发布日期：2021年09月03日\n"
            "某某省节水实施意见\n为推进节水，提出如下意见。\n" + BODY)
    d = doc(text)
    assert (d.issuer, d.date, d.number) == ("某某省人民政府", "2021-09-01", "某政发〔2021〕18号")


def test_a_news_agency_dateline_at_the_end():
    assert doc("关于深化节水改革的意见\n" + BODY + "（新华社北京2021年9月12日电）\n").date == "2021-09-12"


# ---------------------------------------------------------------- places and levels

@pytest.mark.parametrize("name,place,level", [
    ("上海市浦东新区绿色金融发展若干规定", "上海市浦东新区", "district"),
    ("上海市徐汇区节能减排专项资金管理办法", "上海市徐汇区", "district"),
    ("南京江北新区碳达峰行动计划", "南京江北新区", "district"),
    ("合肥高新区节能办法", "合肥高新区", "district"),
    ("成都市近零碳排放区试点建设工作方案", "成都市", "city"),
    ("广西生态文明强区建设规划", "广西壮族自治区", "provincial"),
    ("四川林草碳汇行动方案", "四川省", "provincial"),
    ("2022年山东省公共机构工作要点", "山东省", "provincial"),
    ("海西州人民政府", "海西州", "city"),
    ("吉林市节水方案", "吉林市", "city"),
    ("重庆市节水规划", "重庆市", "provincial"),
    ("关于申报河南省示范企业的通知", None, None),
    ("自治区人民政府", None, None),
])
def test_places_and_levels(name, place, level):
    assert place_of(name) == place
    if place:
        assert level_of_place(place) == level


@pytest.mark.parametrize("number,province", [("苏政发〔2021〕23号", "江苏省"), ("皖政办〔2022〕5号", "安徽省"),
                                             ("国发〔2021〕23号", None), ("环气候〔2020〕57号", None)])
def test_province_of_a_document_number(number, province):
    assert province_of_docno(number) == province


def test_a_provincial_document_without_its_place_in_title_or_issuer_is_never_national():
    text = ("省住房城乡建设厅关于推进绿色城乡建设的指导意见\n苏建办〔2021〕66号\n各设区市住房城乡建设局：\n"
            "为推进全省绿色城乡建设，提出如下意见。\n" + BODY)
    d = doc(text)
    assert (d.region, d.level) == ("江苏省", "provincial")


def test_a_province_named_in_a_text_that_speaks_of_itself_as_a_province():
    text = ("自治区人民政府关于节水的实施意见\n各市人民政府：\n为推动某某自治区节水，全区上下要努力。\n"
            "一、总体要求\n（一）目标。宁夏全省域推进节水，宁夏节水走在前列。\n")
    d = doc(text)
    assert (d.region, d.level) == ("宁夏回族自治区", "provincial")


def test_central_bodies_are_national():
    d = doc("中国人民银行、发展改革委、证监会关于印发《绿色项目目录》的通知\n（银发〔2021〕96号）\n各分行：\n" + BODY)
    assert (d.region, d.level, d.number) == ("全国", "national", "银发〔2021〕96号")
    assert d.kind == "guide"


def test_no_evidence_gives_no_region_rather_than_national():
    d = doc("关于组织申报节水项目的通知\n各有关单位：\n请按要求申报。\n" + BODY)
    assert (d.region, d.level) == (None, None)


# ---------------------------------------------------------------- number, kind, record, graph

@pytest.mark.parametrize("raw,number", [("甘政发 〔２０２１〕６２号", "甘政发〔2021〕62号"), ("琼府办﹝2021﹞36号", "琼府办〔2021〕36号"),
                                        ("(国发〔2021〕23号)", "国发〔2021〕23号"), ("某发[2020]7号", "某发〔2020〕7号")])
def test_document_numbers_are_written_in_one_form(raw, number):
    assert normalise_number(raw) == number


@pytest.mark.parametrize("title,kind", [
    ("某某规划纲要（2021-2035年）", "plan"), ("某某行动计划（试行）", "programme"), ("某某若干措施", "programme"),
    ("某某工作要点", "programme"), ("某某指导意见", "opinion"), ("某某的决定", "opinion"), ("某某条例", "regulation"),
    ("某某实施细则（试行）", "regulation"), ("关于某某的通知", "notice"), ("某某公告", "notice"), ("某某评价导则（2022版）", "guide"),
    ("某某推广目录", "guide"), ("某某白皮书", "other"), ("", None)])
def test_kind_from_the_title(title, kind):
    assert kind_of(title) == kind


def test_the_record_and_the_graph_carry_number_kind_and_effective():
    rec = parse_text("某某市节水办法\n某政规〔2022〕1号\n第一条 为了节约用水，制定本办法。\n第二条 本办法自2022年7月1日起施行。\n")
    d = rec.to_dict()["document"]
    assert (d["number"], d["kind"], d["effective"]) == ("某政规〔2022〕1号", "regulation", "2022-07-01")
    g = build_document_graph(rec)
    node = g.nodes[record_document_id(rec)]
    assert (node["number"], node["kind"], node["effective"]) == ("某政规〔2022〕1号", "regulation", "2022-07-01")


def test_a_forwarding_notice_gives_the_forwarded_documents_own_heading():
    text = ("某某省人民政府办公厅转发某某厅等部门\n关于加快推进节水设施建设\n指导意见的通知\n某政办函〔2022〕7号\n各市人民政府：\n"
            "某某厅等部门《关于加快推进节水设施建设的指导意见》已经省政府同意，现转发给你们。\n某某省人民政府办公厅\n2022年1月12日\n"
            "关于加快推进节水设施\n建设的指导意见\n为推进节水，提出如下意见。\n" + BODY)
    d = doc(text)
    assert d.title == "关于加快推进节水设施建设的指导意见"
    assert (d.date, d.number, d.level) == ("2022-01-12", "某政办函〔2022〕7号", "provincial")


def test_a_signature_block_before_long_annexes_dates_and_signs_the_document():
    annex = "".join(f"{i}\t某某企业\t某某县\n" for i in range(1, 80))
    text = ("关于开展节水改造的通知\n各有关单位：\n" + BODY + "某某部 某某局\n2021年10月29日\n附件\n企业名单\n" + annex)
    d = doc(text)
    assert (d.date, d.issuer) == ("2021-10-29", "某某部")


def test_a_long_line_of_joint_issuers_opens_the_notice_and_names_them_all():
    text = ("某某省生态环境厅、某某省发展和改革委员会、某某省财政厅、某某省自然资源厅、某某省住房和城乡建设厅、某某省水利厅关于印发\n"
            "某某省“十四五”土壤保护规划的通知\n各设区市人民政府：\n现将规划印发给你们。\n某某省生态环境厅\n某某省财政厅\n2022年4月27日\n"
            "某某省“十四五”土壤保护规划\n为保护土壤，制定本规划。\n" + BODY)
    d = doc(text)
    assert d.title == "某某省“十四五”土壤保护规划"
    assert d.issuer.startswith("某某省生态环境厅、某某省发展和改革委员会、") and d.issuer.endswith("、某某省水利厅")


def test_white_space_round_quotation_marks_leaves_the_title():
    assert doc("某某市 “十四五” 生态环境保护规划\n前言\n" + BODY).title == "某某市“十四五”生态环境保护规划"


@pytest.mark.parametrize("raw,clean", [
    ("某某省发展改革委某某省能源局", "某某省发展改革委、某某省能源局"),
    ("中共某某自治区委员会某某自治区人民政府", "中共某某自治区委员会、某某自治区人民政府"),
    ("AB-2021-01028某某市人民政府办公室", "某某市人民政府办公室"), ("两部门", None), ("15部门", None)])
def test_run_together_counted_and_coded_issuers(raw, clean):
    assert clean_issuer(raw) == clean


def test_a_notice_printed_twice_names_its_bodies_the_second_time():
    text = ("两部门关于印发《某某能效提升计划（2021-2023\n年）》的通知\n某某部办公厅 某某总局办公厅关于印发《某某能效提升计划（2021-202\n"
            "3年）》的通知\n某厅联节〔2021〕45号\n各省有关部门：\n现将计划印发给你们。\n某某部办公厅\n某某总局办公厅\n2021年10月29日\n"
            "某某能效提升计划（2021-2023年）\n为提升能效，制定本计划。\n" + BODY)
    d = doc(text)
    assert d.title == "某某能效提升计划（2021-2023年）"
    assert d.issuer == "某某部办公厅、某某总局办公厅"
    assert d.kind == "programme"


def test_a_city_document_without_its_place_in_title_or_issuer_takes_the_city_its_bodies_name():
    text = ("关于组织申报节水项目的通知\n各有关单位：\n为推进全市节水，请向江城市科学技术局申报。\n" + BODY +
            "（二）审核。由江城市科学技术局会同江城市财政局审核，全市各单位配合。\n")
    assert (doc(text).region, doc(text).level) == ("江城市", "city")


@pytest.mark.parametrize("text,city", [
    ("报送徐州市科学技术局。由徐州市科学技术局审核，徐州市财政局拨付。", "徐州市"),
    ("石家庄市人民政府办公室；石家庄市发展和改革委员会，石家庄市住房和城乡建设局", "石家庄市"),
    ("全市各县（市、区）人民政府，设区市生态环境局", None)])
def test_city_named_most(text, city):
    from pipeline.parse.places import city_named_most
    assert city_named_most(text) == city


def test_a_news_page_about_the_place_itself_gives_the_plan_it_reports():
    d = doc("6月5日，我市印发《江城市节水行动方案》。方案明确，到2025年节水率提高。\n方案提出十项任务。\n")
    assert d.title == "江城市节水行动方案"


def test_a_parent_cited_in_the_opening_sentence_is_never_the_title():
    d = doc("为贯彻落实国务院印发《2030年前某某行动方案》以来的部署，推进节水，特制定本方案。\n江城市节水工作要点\n" + BODY)
    assert d.title == "江城市节水工作要点"


def test_a_news_lead_with_the_verb_fa_biao_names_the_white_paper():
    assert doc("国务院新闻办发表《中国的节水政策与行动》白皮书\n目录\n前言\n" + BODY).title == "中国的节水政策与行动"


def test_a_news_page_naming_another_issuer_gives_the_plan_it_reports():
    d = doc("近日，江城市人民政府正式印发《江城市节水行动方案》。方案明确了目标。\n方案提出十项任务。\n")
    assert d.title == "江城市节水行动方案"


def test_a_signature_date_inside_a_head_line_a_page_ran_together():
    text = ("某某省发展和改革委员会 某某省科学技术厅关于印发《某某省节水行动计划》的通知\n"
            "各地级以上市人民政府： 《某某省节水行动计划》已经省人民政府同意，现印发给你们。\n"
            "某某省发展和改革委员会某某省科学技术厅2024年2月8日 某某省节水行动计划\n" + BODY)
    assert doc(text).date == "2024-02-08"


def test_a_notice_that_leaves_out_the_place_gives_the_plans_heading_with_it():
    text = ("某政办发〔2021〕34号\n江城市人民政府办公室\n关于印发“十四五”节水规划的通知\n各县区人民政府：\n"
            "《江城市“十四五”节水规划》已经市政府同意，现印发给你们。\n江城市人民政府办公室\n2021年12月31日\n（此件公开发布）\n"
            "江城市人民政府办公室\n江城市“十四五”节水规划\n2021年12月\n前言\n" + BODY)
    d = doc(text)
    assert d.title == "江城市“十四五”节水规划"
    assert (d.issuer, d.date, d.region, d.level) == ("江城市人民政府办公室", "2021-12-31", "江城市", "city")


@pytest.mark.parametrize("opening, title", [
    ("为加快推进节水型社会建设，某市水务局制定《某市节水行动实施方案》（以下简称《方案》），明确了到2025年的目标。",
     "某市节水行动实施方案"),
    ("近日，省住房城乡建设厅编制了《某省城乡建设绿色发展规划》，提出五项任务。", "某省城乡建设绿色发展规划"),
])
def test_a_news_page_about_a_plan_it_made_takes_that_plan_as_title(opening, title):
    from pipeline.parse.doc_title import find_title

    head = [opening, "《方案》自2022年4月1日起施行。主要内容包括以下方面：", "1.建立台账。"]
    assert find_title(head, []).title == title


def test_a_cited_document_in_a_news_opening_is_not_the_title():
    from pipeline.parse.doc_title import find_title

    head = ["为贯彻落实《某省节水条例》，全市开展节水行动，取得明显成效。", "一、总体要求", "（一）目标。"]
    found = find_title(head, [])
    assert found is None or found.title != "某省节水条例"
