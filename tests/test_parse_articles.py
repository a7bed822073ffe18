"""Documents in articles (条例, 办法, 规定 …) on texts of our own: chapters, articles, duties."""
from __future__ import annotations

from pipeline.parse import parse_text
from pipeline.parse.articles import article_number_spans, is_articled, split_glued_articles
from pipeline.parse.fold import fold

REGULATION = "\n".join([
    "某市大气环境保护条例",
    "（2023年5月6日某市人民代表大会常务委员会第九次会议通过）",
    "目 录",
    "第一章 总则",
    "第二章 监督管理",
    "第三章 附则",
    "第一章 总 则",
    "第一条 为了保护大气环境，制定本条例。",
    "第二条【适用范围】本条例适用于本市行政区域。",
    "第三条 市人民政府应当加强对大气环境保护工作的领导。市生态环境主管部门负责本市大气环境保护的统一监督管理；"
    "其他有关部门在各自职责范围内做好相关工作。",
    "第二章 监督管理",
    "第一节 一般规定",
    "第四条 市生态环境主管部门应当会同市财政局等部门和市气象局制定重污染天气应急预案。",
    "重点排放单位应当按照规定报告排放数据。任何单位和个人都有保护大气环境的义务。",
    "第二节 监测",
    "第五条 有下列情形之一的，区人民政府依法责令停止违法行为：",
    "（一）超标排放的；",
    "（二）未按照本条例第三十条第二款规定报告的。",
    "第三章 附则",
    "第六条 违反本条例第二十二条规定的，由市生态环境主管部门责令改正。",
    "第七条 本条例自2024年1月1日起施行。",
])


def test_chapters_are_sections_and_articles_measures():
    rec = parse_text(REGULATION)
    assert [(s.index, s.number, s.title) for s in rec.sections] == [
        (1, "第一章", "总则"), (2, "第二章", "监督管理"), (3, "第三章", "附则")]
    assert [(m.index, m.section, m.number, m.title) for m in rec.measures] == [
        (1, 1, "第一条", ""), (2, 1, "第二条", "适用范围"), (3, 1, "第三条", ""), (4, 2, "第四条", ""),
        (5, 2, "第五条", ""), (6, 3, "第六条", ""), (7, 3, "第七条", "")]


def test_sections_inside_a_chapter_are_no_level_and_items_stay_in_their_article():
    rec = parse_text(REGULATION)
    texts = {m.number: m.text for m in rec.measures}
    assert "一般规定" not in texts["第三条"] and "监测" not in texts["第四条"]
    assert "（一）超标排放的" in texts["第五条"] and "（二）" in texts["第五条"]
    assert texts["第二条"] == "本条例适用于本市行政区域。"


def test_duties_are_the_tasks():
    rec = parse_text(REGULATION)
    got = [(t.measure, t.index, [(a.mention, a.role) for a in t.agencies]) for t in rec.tasks]
    assert got == [
        (3, 1, [("市人民政府", "duty")]),
        (3, 2, [("市生态环境主管部门", "duty")]),
        (4, 1, [("市生态环境主管部门", "duty"), ("市财政局", "support"), ("市气象局", "support")]),
        (5, 1, [("区人民政府", "duty")]),
    ]
    assert rec.tasks[0].text == "市人民政府应当加强对大气环境保护工作的领导"


def test_non_state_subjects_give_no_task():
    text = "\n".join(["某办法", "第一条 为规范管理，制定本办法。", "第二条 重点排放单位应当按时报告排放数据。",
                      "第三条 任何单位和个人应当依法保护环境。金融机构应当开展绿色信贷。", "第四条 本办法自发布之日起施行。"])
    rec = parse_text(text)
    assert len(rec.measures) == 4
    assert rec.tasks == []


def test_agent_after_you_and_elided_and_joined_bodies():
    text = "\n".join([
        "某管理办法",
        "第一条 本办法由市生态环境局负责解释。",
        "第二条 市、区人民政府应当加大投入。",
        "第三条 县级以上地方人民政府及其有关部门应当加强宣传。",
        "第四条 申请单位提交材料后，由市财政局会同市税务局组织审核。",
    ])
    rec = parse_text(text)
    got = [[(a.mention, a.role) for a in t.agencies] for t in rec.tasks]
    assert got == [
        [("市生态环境局", "duty")],
        [("市、区人民政府", "duty")],
        [("县级以上地方人民政府", "duty"), ("有关部门", "duty")],
        [("市财政局", "duty"), ("市税务局", "support")],
    ]


def test_article_and_clause_numbers_are_never_targets():
    rec = parse_text(REGULATION)
    assert rec.targets == []
    f = fold("依照本条例第三十条第二款、第十条、十一条和第3项规定")
    spans = article_number_spans(f)
    covered = "".join(f[a:b] for a, b in spans)
    assert "三十条" in covered and "第二款" in covered and "十一条" in covered and "第3项" in covered


def test_articles_without_chapters_have_no_section():
    text = "\n".join(["某实施细则", "第一条 为推进工作，制定本细则。", "第二条 市科技局负责专项的组织实施。",
                      "第三条 本细则自发布之日起施行。"])
    rec = parse_text(text)
    assert rec.sections == []
    assert [(m.number, m.section) for m in rec.measures] == [("第一条", None), ("第二条", None), ("第三条", None)]
    assert [(t.measure, t.agencies[0].mention) for t in rec.tasks] == [(2, "市科技局")]


def test_articles_glued_in_one_paragraph_are_split_in_sequence():
    text = "第一条 为规范管理，制定本办法。第二条 本办法适用于本市。依照第五条规定执行。第三条 本办法自发布之日起施行。"
    paragraphs = split_glued_articles([text])
    assert paragraphs == ["第一条 为规范管理，制定本办法。", "第二条 本办法适用于本市。依照第五条规定执行。",
                          "第三条 本办法自发布之日起施行。"]
    assert is_articled(paragraphs)


def test_citations_out_of_sequence_are_not_articles():
    text = "\n".join(["某方案", "一、总体要求", "（一）目标。到2025年，完成改造10个。",
                      "第三十条规定的事项，按照有关规定执行。"])
    rec = parse_text(text)
    assert [m.title for m in rec.measures] == ["目标"]
    assert not is_articled(text.split("\n"))
    assert [t.value for t in rec.targets] == [10]


def test_a_duty_word_opening_a_later_clause_takes_the_sentence_subject():
    text = "\n".join([
        "某条例",
        "第一条 为了保护环境，制定本条例。",
        "第二条 市生态环境主管部门对全市环境保护工作实施统一监督管理，组织实施本条例。",
        "第三条 生态环境部负责全国信息披露的监督管理。",
        "第四条 纳入名单的单位终止的，应当向市生态环境主管部门报告，由其组织审定。",
        "第五条 省人民政府生态环境主管部门或者县级以上地方人民政府其他负有监督管理职责的部门应当公开信息。",
    ])
    rec = parse_text(text)
    got = [(t.measure, [(a.mention, a.role) for a in t.agencies]) for t in rec.tasks]
    assert got == [
        (2, [("市生态环境主管部门", "duty")]),
        (3, [("生态环境部", "duty")]),
        (5, [("省人民政府生态环境主管部门", "duty"), ("县级以上地方人民政府其他负有监督管理职责的部门", "duty")]),
    ]


def test_a_partner_list_after_huitong_is_read_whole():
    text = "\n".join(["某办法", "第一条 为规范管理，制定本办法。",
                      "第二条 市人民政府生态环境主管部门会同同级人民政府水行政主管部门和有关部门划定水功能区。",
                      "第三条 市生态环境主管部门应当会同政务服务数据管理等部门建设信息平台。",
                      "第四条 本办法自发布之日起施行。"])
    rec = parse_text(text)
    assert [(a.mention, a.role) for a in rec.tasks[0].agencies] == [
        ("市人民政府生态环境主管部门", "duty"), ("同级人民政府水行政主管部门", "support"), ("有关部门", "support")]
    assert [(a.mention, a.role) for a in rec.tasks[1].agencies] == [
        ("市生态环境主管部门", "duty"), ("政务服务数据管理等部门", "support")]


def test_a_regulation_scraped_into_one_paragraph_keeps_its_chapters_and_articles():
    text = ("某市节约用水条例 第一章 总则 第一条 为了节约用水，制定本条例。第二条 市水务部门负责全市节约用水工作。"
            "第二章 管理 第三条 区人民政府应当制定节水计划。第四条 本条例自2024年1月1日起施行。")
    rec = parse_text(text)
    assert [(s.number, s.title) for s in rec.sections] == [("第一章", "总则"), ("第二章", "管理")]
    assert [(m.number, m.section) for m in rec.measures] == [("第一条", 1), ("第二条", 1), ("第三条", 2), ("第四条", 2)]
    assert [(t.measure, t.agencies[0].mention) for t in rec.tasks] == [(2, "市水务部门"), (3, "区人民政府")]
