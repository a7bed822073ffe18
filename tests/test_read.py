"""Readers (pipeline.read): encodings, HTML, PDF layout, .docx, bad input, the corpus and real files.

Fixtures are made here in tmp_path: texts in several encodings, HTML pages,
.docx files written with python-docx, and small PDFs written by ``make_pdf``
below (a minimal PDF writer: a Type0 font with Identity-H encoding and a
ToUnicode map, so PDFium extracts the text without any font file).
"""
from __future__ import annotations

import random
import re
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from tests.documents import pdf_bytes
from tests.helpers import CORPUS, READERS

from pipeline.errors import InputError
from pipeline.read import SUPPORTED_SUFFIXES, list_documents, read_document
from pipeline.read.html import declared_charset, html_to_text, parse_date
from pipeline.read.layout import (
    Line,
    drop_page_numbers,
    ends_paragraph,
    is_page_number,
    join_lines,
    join_pages,
    page_lines,
    starts_heading,
    tidy_spacing,
    uses_indent,
)
from pipeline.read.pdf import mark_indents, pdf_pages
from pipeline.read.sniff import looks_like_html, sniff
from pipeline.read.text import decode_bytes, UndecodableError

POLICY = (
    "关于印发《减污降碳协同增效实施方案》的通知\n"
    "各省、自治区、直辖市生态环境厅（局）：\n"
    "到2025年，单位国内生产总值二氧化碳排放比2020年下降18%。（省发展改革委牵头，省生态环境厅配合）\n"
)


# --------------------------------------------------------------------------- helpers
def make_pdf(path: Path, pages: list[list[tuple[float, float, str]]], size: int = 12) -> Path:
    """Write a minimal PDF; each page is a list of (x, y, text) runs (BMP characters only)."""
    path.write_bytes(pdf_bytes(pages, size))
    return path


WRAPPED = [  # (first line, indented; continuation lines)
    ("第一段开始，到 2025 年，单位地区生产总值能耗比", "2020年下降14%。加强节能管理，推动重点行业能效", "提升，完善工作机制。"),
    ("第二段开始，推进重点领域节能，到 2025 年新建建筑", "全面执行绿色建筑标准，城镇新建建筑中绿色建筑面积",
     "占比达到100%。"),
    ("第三段开始，加强污染物减排，化学需氧量、氨氮排放", "总量分别下降8%以上，氮氧化物和挥发性有机物排放总",
     "量分别下降10%以上。"),
]
AGENCIES = ["（市发展改革委牵头，市生态环境局等按职责分工", "（市工业和信息化局牵头，市发展改革委等按职责",
            "（市住房城乡建设委牵头，市城市管理委等按职责分工"]
AGENCY_ENDS = ["负责）", "分工负责）", "负责）"]


def expected_paragraph(k: int) -> str:
    return tidy_spacing("".join(WRAPPED[k]))


def policy_pdf(path: Path, n_pages: int = 3) -> Path:
    """A small policy-like PDF: a running header and page numbers on every page, indented paragraphs
    wrapped over several lines, and a paragraph that continues from the foot of one page to the next."""
    left, indent = 72, 96
    pages = []
    for k in range(n_pages):
        runs = [(200, 815, "某某市人民政府文件")]  # running header
        y = 780
        if k == 0:
            runs += [(150, y, "某某市节能减排工作方案"), (left, y - 20, "一、总体要求")]
            y -= 40
        else:
            runs += [(left, y, AGENCY_ENDS[(k - 1) % 3])]  # end of the previous page's last paragraph
            y -= 20
        first, *rest = WRAPPED[k % 3]
        runs += [(indent, y, first)] + [(left, y - 20 * (i + 1), line) for i, line in enumerate(rest)]
        runs += [(indent, 60, AGENCIES[k % 3]), (290, 30, f"- {k + 1} -")]  # page number last
        pages.append(runs)
    pages[-1].insert(-1, (left, 45, AGENCY_ENDS[(n_pages - 1) % 3]))
    return make_pdf(path, pages)


def one_line(exc: pytest.ExceptionInfo) -> str:
    msg = str(exc.value)
    assert "\n" not in msg, f"error message spans lines: {msg!r}"
    return msg


# --------------------------------------------------------------------------- encodings
@pytest.mark.parametrize(
    "codec, expect",
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("gbk", "gb18030"),
        ("gb2312", "gb18030"),
        ("gb18030", "gb18030"),
        ("utf-16", "utf-16"),  # with BOM (native order)
        ("utf-16-le", "utf-16-le"),  # BOM-less
        ("utf-16-be", "utf-16-be"),  # BOM-less
    ],
)
def test_text_encodings_are_detected(tmp_path, codec, expect):
    path = tmp_path / "doc.txt"
    path.write_bytes(POLICY.encode(codec))
    src = read_document(path)
    assert src.text == POLICY.strip("\n")
    assert src.encoding == expect
    assert src.format == "text"
    assert src.path == str(path)


def test_utf16_be_with_bom(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_bytes(b"\xfe\xff" + POLICY.encode("utf-16-be"))
    assert read_document(path).text == POLICY.strip("\n")


def test_gb18030_four_byte_characters(tmp_path):
    text = "生僻字䶮和𠀀出现在文件中。\n" + POLICY
    path = tmp_path / "doc.txt"
    path.write_bytes(text.encode("gb18030"))
    src = read_document(path)
    assert src.text == text.strip("\n") and src.encoding == "gb18030"


def test_bom_is_not_part_of_the_text(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "标题\r\n正文。\r\n".encode())
    assert read_document(path).text == "标题\n正文。"


@pytest.mark.parametrize("text", [
    "關於印發減污降碳協同增效實施方案的通知，各省、自治區、直轄市生態環境廳（局）：到2025年，碳排放強度下降18%。\n" * 3,
    "生態環境保護規劃\n" * 5,  # also decodes cleanly as GB18030, into rare characters
])
def test_big5_is_read_as_big5_not_gbk_mojibake(tmp_path, text):
    data = text.encode("big5")
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    assert read_document(path).text == text.strip("\n")


@pytest.mark.parametrize("data", [
    "生態環境保護規劃".encode("big5"),  # charset-normalizer guesses UTF-16-BE (hangul) for these bytes
    "生態環境保護規劃，吏挂。\n".encode("big5"),  # and Shift-JIS (half-width kana) for these
    # these decode cleanly as GB18030 into rare Han characters only (祇甶竒蕾…)
    ("發展經濟增強院治深染臺灣政會清總觀意施通態廳循\n" * 3).encode("big5"),
])
def test_foreign_bytes_are_refused_rather_than_guessed(tmp_path, data):
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as exc:
        read_document(path)
    assert "encoding could not be determined" in one_line(exc)


def test_random_bytes_are_undecodable(tmp_path):
    rng = random.Random(7)
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(rng.randrange(256) for _ in range(4000)))
    with pytest.raises(InputError) as exc:
        read_document(path)
    msg = one_line(exc)
    assert "encoding could not be determined" in msg and "UTF-8" in msg and str(path) in msg


def test_decode_bytes_rejects_control_garbage():
    with pytest.raises(UndecodableError):
        decode_bytes(bytes(range(0, 32)) * 20)


# --------------------------------------------------------------------------- HTML
PAGE = """<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<meta property="article:published_time" content="2022-09-19T10:30:00+08:00">
<title>青岛市深入打好污染防治攻坚战实施方案_青岛市人民政府</title>
<style>.zoom {{ color: red }} 样式里的中文</style>
<script>var s = "脚本里的中文不应出现"; document.write("注入的文本");</script>
</head>
<body>
<div class="header"><a href="/">首页</a> 青岛市人民政府网站欢迎您</div>
<nav><ul><li><a href="/a">政务公开</a></li><li><a href="/b">政务服务</a></li></ul></nav>
<div class="location">当前位置：首页 &gt; 政务公开 &gt; 政策文件</div>
<div class="main">
  <h1>青岛市深入打好污染防治攻坚战实施方案</h1>
  <div class="share-bar">分享到：微信 微博</div>
  <div id="zoom" class="TRS_Editor">
    <p>　　为深入打好污染防治攻坚战，
    持续改善生态环境质量，制定本方案。</p>
    <p>一、总体要求</p>
    <p>到2025年，全市细颗粒物（PM2.5）浓度<span>达到</span>国家二级标准。<br>空气质量优良天数比率达到88%。</p>
    <table><tr><td>指标</td><td>目标值</td></tr><tr><td>优良天数比率</td><td>88%</td></tr></table>
    <script>document.write("正文里的脚本文本");</script>
    <p style="display:none">隐藏的文字不应出现</p>
  </div>
  <aside>相关文章：青岛市环境质量公报发布</aside>
</div>
<div class="sidebar">热点专题 生态文明建设 美丽青岛行动 更多的侧栏文字</div>
<footer>主办单位：青岛市人民政府办公厅 版权所有 网站标识码</footer>
</body></html>
"""


def test_html_gb2312_declared_and_chrome_removed(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(PAGE.format().encode("gb18030"))
    src = read_document(path)
    assert src.format == "html"
    assert src.encoding == "gb18030"
    assert src.published == "2022-09-19"
    lines = src.text.split("\n")
    assert lines[0] == "青岛市深入打好污染防治攻坚战实施方案"
    assert lines[1] == "为深入打好污染防治攻坚战，持续改善生态环境质量，制定本方案。"
    assert "一、总体要求" in lines
    assert "到2025年，全市细颗粒物（PM2.5）浓度达到国家二级标准。" in lines
    assert "空气质量优良天数比率达到88%。" in lines
    assert lines[-4:] == ["指标", "目标值", "优良天数比率", "88%"]
    for chrome in ("首页", "政务公开", "当前位置", "分享到", "相关文章", "热点专题", "主办单位", "样式里的中文",
                   "隐藏的文字"):
        assert chrome not in src.text, chrome


def test_html_script_bodies_never_appear(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(PAGE.format().encode("gb18030"))
    text = read_document(path).text
    for script_text in ("脚本里的中文不应出现", "注入的文本", "正文里的脚本文本", "document.write"):
        assert script_text not in text


def test_html_content_found_without_known_class():
    page = (
        "<html><body><div id='a1'><div id='a2'>"
        + "".join(f"<p>第{i}条 加强生态环境保护，推进污染防治攻坚，改善环境质量。</p>" for i in range(8))
        + "</div><div id='a3'>联系我们 网站地图</div></div></body></html>"
    )
    text, published = html_to_text(page)
    assert published is None
    assert text.count("\n") == 7 and text.startswith("第0条")
    assert "联系我们" not in text


def test_xhtml_gov_page_with_article_title_meta(tmp_path):
    page = (
        '<?xml version="1.0" encoding="gb2312"?>\n'
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head>'
        '<meta name="ArticleTitle" content="国务院关于印发2030年前碳达峰行动方案的通知"/>'
        '<meta name="firstpublishedtime" content="2021-10-26-17:05:04"/></head><body>'
        '<div class="bd1"><table><tr><td class="b12c" id="UCAP-CONTENT">'
        "<p>各省、自治区、直辖市人民政府，国务院各部委、各直属机构：</p>"
        "<p>现将《2030年前碳达峰行动方案》印发给你们，请认真贯彻执行。</p></td></tr></table></div>"
        '<div class="fenxiang">分享到：微信</div></body></html>'
    )
    path = tmp_path / "content.htm"
    path.write_bytes(page.encode("gb18030"))
    src = read_document(path)
    assert src.encoding == "gb18030" and src.published == "2021-10-26"
    assert src.text.split("\n") == [
        "国务院关于印发2030年前碳达峰行动方案的通知",
        "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
        "现将《2030年前碳达峰行动方案》印发给你们，请认真贯彻执行。",
    ]


def test_html_declared_charset_wrong_falls_back_to_detection(tmp_path):
    page = "<html><head><meta charset='gb2312'></head><body><p>实际是UTF-8编码的正文内容，共若干字。</p></body></html>"
    path = tmp_path / "page.htm"
    path.write_bytes(page.encode("utf-8"))
    src = read_document(path)
    assert src.text == "实际是UTF-8编码的正文内容，共若干字。"
    assert src.encoding == "utf-8"


@pytest.mark.parametrize(
    "head, expect",
    [
        (b'<meta charset="GB2312">', "gb18030"),
        (b"<meta http-equiv='Content-Type' content='text/html; charset=GBK'>", "gb18030"),
        (b'<meta charset="utf-8">', "utf-8"),
        (b'<?xml version="1.0" encoding="gb2312"?><html>', "gb18030"),
        (b"<html><body>no charset</body></html>", None),
    ],
)
def test_declared_charset(head, expect):
    assert declared_charset(head) == expect


@pytest.mark.parametrize(
    "value, expect",
    [
        ("2022-09-19T10:30:00+08:00", "2022-09-19"),
        ("2022/9/1 08:00", "2022-09-01"),
        ("2022年9月19日", "2022-09-19"),
        ("20220919", "2022-09-19"),
        ("2022-13-40", None),
        ("yesterday", None),
    ],
)
def test_parse_date(value, expect):
    assert parse_date(value) == expect


def test_html_published_from_pubdate_meta():
    _, published = html_to_text("<html><head><meta name='PubDate' content='2021-12-17 09:00'></head>"
                                "<body><p>正文。</p></body></html>")
    assert published == "2021-12-17"


def test_txt_that_is_html_goes_to_html_reader(tmp_path):
    path = tmp_path / "saved.txt"
    path.write_text("<!DOCTYPE html><html><body><script>var x='脚本';</script><p>第一段。</p><p>第二段。</p>"
                    "</body></html>", encoding="utf-8")
    src = read_document(path)
    assert src.format == "html"
    assert src.text == "第一段。\n第二段。"


# --------------------------------------------------------------------------- PDF layout (pure functions)
@pytest.mark.parametrize("line", ["3", "- 3 -", "— 12 —", "—2—", "第3页", "第 3 页 共 20 页", "3/20", "— ４ —", "Page 3"])
def test_page_number_lines(line):
    assert is_page_number(line)


@pytest.mark.parametrize("line", ["2025年", "3.5", "一、总体要求", "（3）加强管理", "第三章"])
def test_not_page_numbers(line):
    assert not is_page_number(line)


def test_page_numbers_dropped_only_at_page_edges():
    lines = page_lines("- 7 -\n正文第一行\n35\n正文第二行\n第7页")
    assert [ln.text for ln in drop_page_numbers(lines)] == ["正文第一行", "35", "正文第二行"]


@pytest.mark.parametrize("line", ["到2025年。", "分工负责）", "具体如下：", "是否可行？", "落实责任；", "“十四五”时期。”"])
def test_sentence_final_lines(line):
    assert ends_paragraph(line)


@pytest.mark.parametrize("line", ["推动重点行业", "持续深化“一微克”", "2025年"])
def test_lines_that_continue(line):
    assert not ends_paragraph(line)


@pytest.mark.parametrize("line", ["一、总体要求", "（一）指导思想", "(二)基本原则", "（1）加强", "1.强化引领", "2．加快",
                                  "第一章 总则", "第三条 本办法", "——接续攻坚", "附件：名单"])
def test_numbered_headings(line):
    assert starts_heading(line)


@pytest.mark.parametrize("line", ["2025年实现", "1.5倍以上", "（省生态环境厅牵头）", "一些工作"])
def test_not_headings(line):
    assert not starts_heading(line)


def test_wrapped_lines_rejoin_without_space():
    pages = ["推动能源清洁低碳转型，坚持节约\n优先的能源发展战略。\n一、总体要求\n（一）指导思想\n以习近平新时代"
             "中国特色社会主义\n思想为指导（二）\n1.加强管理"]
    assert join_pages(pages).split("\n") == [
        "推动能源清洁低碳转型，坚持节约优先的能源发展战略。",
        "一、总体要求",
        "（一）指导思想以习近平新时代中国特色社会主义思想为指导（二）",
        "1.加强管理",
    ]


def test_wrapped_latin_words_keep_a_space():
    assert join_pages(["Carbon peaking\nbefore 2030."]) == "Carbon peaking before 2030."


def test_lines_join_across_pages_after_dropping_numbers():
    pages = ["第一页正文，加强生态环境\n- 1 -", "2\n保护工作。\n新的段落。"]
    assert join_pages(pages) == "第一页正文，加强生态环境保护工作。\n新的段落。"


def test_digit_cjk_spaces_removed_but_cjk_spaces_kept():
    assert tidy_spacing("到 2025 年，PM2.5 浓度下降 10% 以上") == "到2025年，PM2.5浓度下降10%以上"
    assert tidy_spacing("中共北京市委 北京市人民政府") == "中共北京市委 北京市人民政府"


BODIES = ["加强大气污染防治。", "推进水生态保护。", "开展土壤污染治理。", "强化固体废物管理。", "提升监测能力。",
          "完善政策体系。", "落实主体责任。"]


def test_running_header_and_footer_dropped():
    pages = [f"山东省人民政府公报\n{body}\n山东省生态环境厅印发 2022年{i}期\n— {i} —"
             for i, body in enumerate(BODIES[:5], 1)]
    text = join_pages(pages)
    assert "公报" not in text and "印发" not in text
    assert text.split("\n") == BODIES[:5]


def test_repeated_line_that_also_stands_mid_page_is_kept():
    def page(i: int) -> str:
        body = [BODIES[(i + j) % len(BODIES)] for j in range(8)]
        return "\n".join(["（省生态环境厅负责）", *body[:4], "（省生态环境厅负责）", *body[4:]])

    pages = [page(i) for i in range(5)]
    text = join_pages(pages)
    assert text.count("（省生态环境厅负责）") == 10
    assert text.split("\n") == [line for p in pages for line in p.split("\n")]


def test_line_repeated_on_few_pages_is_kept():
    pages = ["重复的一行\n" + BODIES[0], "重复的一行\n" + BODIES[1]] + BODIES[2:]
    assert join_pages(pages).count("重复的一行") == 2


LONG = "加强生态环境保护推进污染防治攻坚改善环境质量持续"  # 24 CJK, no punctuation


def test_short_line_ends_paragraph_when_width_is_known():
    body = [Line(LONG)] * 12
    lines = [Line("主要目标"), Line(LONG[:10] + "。")] + body
    assert join_lines(lines)[0] == "主要目标"
    # with too few lines to know the width, only punctuation and headings decide
    assert join_lines([Line("主要目标"), Line("到2025年。")]) == ["主要目标到2025年。"]


def test_indented_lines_start_paragraphs_and_full_lines_ending_in_period_continue():
    lines = []
    for i in range(4):
        lines += [Line(f"第{i}段，" + LONG[:20], indented=True), Line(LONG[:22] + "。"), Line(LONG), Line("结束。")]
    paragraphs = join_lines(lines)
    assert len(paragraphs) == 4
    assert paragraphs[0] == "第0段，" + LONG[:20] + LONG[:22] + "。" + LONG + "结束。"


def test_block_paragraphs_with_centred_headings_do_not_trust_indent():
    lines = []
    for i in range(4):
        lines += [Line(f"第{i}章 标题", indented=True), Line(LONG), Line(LONG), Line("段落结束。"),
                  Line(LONG), Line("第二段结束。")]
    assert not uses_indent(lines, 48)
    paragraphs = join_lines(lines)
    assert paragraphs[:3] == ["第0章 标题", LONG + LONG + "段落结束。", LONG + "第二段结束。"]


def test_mark_indents_from_geometry():
    text = "  标题\r\n 首行缩进的段落\r\n接续的一行\r\n另一行\r\n 新段落"
    starts = [(200.0, 12.0), (96.0, 12.0), (72.0, 12.0), (72.5, 12.0), (97.0, 12.0)]
    assert mark_indents(text, starts).split("\n") == ["  标题", "  首行缩进的段落", "接续的一行", "另一行", "  新段落"]


# --------------------------------------------------------------------------- PDF reader
def test_pdf_reader(tmp_path):
    src = read_document(policy_pdf(tmp_path / "plan.pdf"))
    assert src.format == "pdf" and src.encoding is None and src.published is None
    assert src.text.split("\n") == [
        "某某市节能减排工作方案",
        "一、总体要求",
        *(p for k in range(3) for p in (expected_paragraph(k), AGENCIES[k] + AGENCY_ENDS[k])),
    ]
    assert "某某市人民政府文件" not in src.text
    assert expected_paragraph(0).startswith("第一段开始，到2025年，单位地区生产总值能耗比2020年下降14%。")


def test_pdf_page_limit(tmp_path, monkeypatch):
    path = policy_pdf(tmp_path / "plan.pdf", n_pages=3)
    monkeypatch.setenv("POLICYKG_MAX_PDF_PAGES", "2")
    with pytest.raises(InputError) as exc:
        read_document(path)
    msg = one_line(exc)
    assert "3 pages" in msg and "POLICYKG_MAX_PDF_PAGES" in msg
    monkeypatch.setenv("POLICYKG_MAX_PDF_PAGES", "3")
    assert read_document(path).text


def test_byte_limit(tmp_path, monkeypatch):
    path = tmp_path / "doc.txt"
    path.write_text(POLICY * 5, encoding="utf-8")
    monkeypatch.setenv("POLICYKG_MAX_BYTES", "100")
    with pytest.raises(InputError) as exc:
        read_document(path)
    msg = one_line(exc)
    assert "too large" in msg and "POLICYKG_MAX_BYTES" in msg


def test_bad_limit_value(tmp_path, monkeypatch):
    path = tmp_path / "doc.txt"
    path.write_text(POLICY, encoding="utf-8")
    monkeypatch.setenv("POLICYKG_MAX_BYTES", "lots")
    with pytest.raises(InputError, match="POLICYKG_MAX_BYTES"):
        read_document(path)


def test_pdf_without_text_layer(tmp_path):
    path = make_pdf(tmp_path / "scan.pdf", [[]])
    with pytest.raises(InputError) as exc:
        read_document(path)
    assert "no text layer" in one_line(exc)


def test_pdf_content_named_txt_is_read_as_pdf(tmp_path):
    pdf = policy_pdf(tmp_path / "plan.pdf")
    renamed = tmp_path / "plan.txt"
    renamed.write_bytes(pdf.read_bytes())
    assert read_document(renamed).format == "pdf"


# --------------------------------------------------------------------------- docx
def make_docx(path: Path) -> Path:
    import docx

    doc = docx.Document()
    doc.add_heading("某某市碳达峰实施方案", level=1)
    doc.add_paragraph("一、总体要求")
    doc.add_paragraph("")
    doc.add_paragraph("到2025年，非化石能源消费比重达到20%左右。")
    table = doc.add_table(rows=3, cols=2)
    table.cell(0, 0).text = "指标"
    table.cell(0, 1).text = "目标"
    table.cell(1, 0).text = "单位GDP能耗"
    table.cell(1, 1).text = "下降13.5%"
    merged = table.cell(2, 0).merge(table.cell(2, 1))
    merged.text = "注：合并单元格\n第二行"
    doc.add_paragraph("二、重点任务")
    doc.save(str(path))
    return path


def test_docx_round_trip(tmp_path):
    src = read_document(make_docx(tmp_path / "plan.docx"))
    assert src.format == "docx"
    assert src.text.split("\n") == [
        "某某市碳达峰实施方案", "一、总体要求", "到2025年，非化石能源消费比重达到20%左右。",
        "指标", "目标", "单位GDP能耗", "下降13.5%", "注：合并单元格", "第二行", "二、重点任务",
    ]


def test_docx_with_broken_xml(tmp_path):
    good = make_docx(tmp_path / "good.docx")
    bad = tmp_path / "bad.docx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(bad, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            zout.writestr(item, data)
    with pytest.raises(InputError) as exc:
        read_document(bad)
    assert "not a readable Word document" in one_line(exc)


def test_zip_that_is_not_docx(tmp_path):
    path = tmp_path / "sheet.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(InputError) as exc:
        read_document(path)
    assert "Excel" in one_line(exc)


def test_random_bytes_named_docx(tmp_path):
    path = tmp_path / "plan.docx"
    path.write_bytes(bytes(random.Random(3).randrange(256) for _ in range(2000)))
    with pytest.raises(InputError) as exc:
        read_document(path)
    assert "not a Word .docx" in one_line(exc)


# --------------------------------------------------------------------------- bad input
def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(InputError) as exc:
        read_document(path)
    msg = one_line(exc)
    assert "empty" in msg and str(path) in msg


def test_whitespace_only_file(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text(" \n\n\t\n", encoding="utf-8")
    with pytest.raises(InputError, match="no text"):
        read_document(path)


def test_missing_path(tmp_path):
    with pytest.raises(InputError) as exc:
        read_document(tmp_path / "nope.pdf")
    assert "no such file" in one_line(exc)


def test_directory_instead_of_file(tmp_path):
    with pytest.raises(InputError) as exc:
        read_document(tmp_path)
    assert "folder" in one_line(exc)


def test_unsupported_extension(tmp_path):
    path = tmp_path / "table.xlsx"
    path.write_bytes(b"PK\x03\x04whatever")
    with pytest.raises(InputError) as exc:
        read_document(path)
    msg = one_line(exc)
    assert "unsupported file type '.xlsx'" in msg and ".pdf" in msg


def test_random_bytes_named_pdf(tmp_path):
    path = tmp_path / "fake.pdf"
    path.write_bytes(bytes(random.Random(5).randrange(256) for _ in range(3000)))
    with pytest.raises(InputError) as exc:
        read_document(path)
    assert "not a PDF" in one_line(exc)


def test_pdf_header_then_garbage(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n" + bytes(random.Random(9).randrange(256) for _ in range(3000)))
    with pytest.raises(InputError) as exc:
        read_document(path)
    assert "damaged or truncated" in one_line(exc)


@pytest.mark.parametrize("keep", [0.5, 0.9])
def test_truncated_real_pdf(tmp_path, keep):
    original = (READERS / "beijing-2022-pollution-implementation.pdf").read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(original[: int(len(original) * keep)])
    with pytest.raises(InputError) as exc:
        read_document(path)
    msg = one_line(exc)
    assert "damaged or truncated" in msg and str(path) in msg


def test_library_errors_are_wrapped(tmp_path, monkeypatch):
    import pipeline.read.text as text_mod

    def boom(*_args, **_kwargs):
        raise RuntimeError("something inside a library\nsecond line")

    monkeypatch.setattr(text_mod, "from_bytes", boom)
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e ".encode("cp1252") * 10)
    with pytest.raises(InputError) as exc:
        read_document(path)
    msg = one_line(exc)
    assert "RuntimeError" in msg and str(path) in msg


# --------------------------------------------------------------------------- sniffing and listing
def test_sniff_by_content(tmp_path):
    assert sniff(tmp_path / "a.txt", b"%PDF-1.7\n...") == "pdf"
    assert sniff(tmp_path / "a.txt", b"  <!doctype html><html>") == "html"
    assert sniff(tmp_path / "a.html", "纯文本".encode()) == "html"
    assert sniff(tmp_path / "a.txt", "纯文本 <b>粗体</b>".encode()) == "text"
    assert looks_like_html("<html><body>".encode("utf-16"))


def test_list_documents(tmp_path):
    for name in ("b.pdf", "a.txt", "C.DOCX", "d.html", ".hidden.txt", "~$lock.docx", "notes.md", "raw.json",
                 "sheet.xlsx"):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "e.txt").write_bytes(b"x")
    (tmp_path / "folder.txt").mkdir()
    assert [p.name for p in list_documents(tmp_path)] == ["C.DOCX", "a.txt", "b.pdf", "d.html"]
    assert ".docx" in SUPPORTED_SUFFIXES and ".md" not in SUPPORTED_SUFFIXES


def test_list_documents_bad_folder(tmp_path):
    with pytest.raises(InputError, match="no such folder"):
        list_documents(tmp_path / "missing")
    f = tmp_path / "a.txt"
    f.write_text("x")
    with pytest.raises(InputError, match="not a folder"):
        list_documents(f)


# --------------------------------------------------------------------------- the corpus and real files
def _corpus_texts() -> list[Path]:
    return sorted(CORPUS.glob("*.txt"))


def _reader_files(suffix: str) -> list[Path]:
    return sorted(READERS.glob(f"*{suffix}"))


def _lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()]


def test_corpus_and_reader_fixtures_are_there():
    assert len(_corpus_texts()) >= 19
    assert len(_reader_files(".pdf")) >= 3 and _reader_files(".docx") and _reader_files(".html")


def test_every_corpus_text_reads():
    for path in _corpus_texts():
        src = read_document(path)
        assert src.format == "text" and src.encoding in ("utf-8", "utf-8-sig"), path.name
        content = path.read_bytes().decode("utf-8-sig")
        assert src.text == "\n".join(line.rstrip() for line in content.splitlines()).strip("\n"), path.name


def test_every_real_pdf_reads_close_to_its_reference():
    """The PDFs that have a hand-cleaned text of their own in corpus/ (same name, .txt)."""
    pdfs = [p for p in _reader_files(".pdf") if (CORPUS / f"{p.stem}.txt").exists()]
    assert len(pdfs) >= 2
    for path in pdfs:
        src = read_document(path)
        assert src.format == "pdf"
        ref = (CORPUS / f"{path.stem}.txt").read_text(encoding="utf-8")
        got, want = Counter("".join(src.text.split())), Counter("".join(ref.split()))
        overlap = sum((got & want).values()) / sum(want.values())
        assert overlap > 0.9, f"{path.name}: only {overlap:.3f} of the reference characters"
        # wrapped lines are re-joined: far fewer paragraphs than the PDF has lines
        raw_lines = sum(len(page.splitlines()) for page in pdf_pages(path))
        assert src.text.count("\n") < 0.5 * raw_lines, path.name


def test_a_real_pdf_without_a_reference_reads_whole_paragraphs():
    path = READERS / "187、成都市优化能源结构促进城市绿色低碳发展政策措施.pdf"
    src = read_document(path)
    assert src.format == "pdf" and src.text.startswith("成都市优化能源结构促进城市绿色低碳发展政策措施")
    lines = src.text.split("\n")
    raw_lines = sum(len(page.splitlines()) for page in pdf_pages(path))
    assert len(lines) < 0.5 * raw_lines
    # each of its ten numbered measures is one paragraph, closed by its note (责任单位：…), across page breaks
    measures = [line for line in lines if re.match(r"\d+．", line)]
    assert len(measures) == 10
    assert all("责任单位" in line and line.endswith(("）", "］")) for line in measures)


def test_a_real_word_file_reads_line_for_line():
    """A Word file made from a corpus text (title and headings styled, body paragraphs indented)."""
    path = READERS / "gansu-2022-energy-emission-reduction.docx"
    src = read_document(path)
    assert src.format == "docx"
    assert src.text.split("\n") == _lines(CORPUS / "gansu-2022-energy-emission-reduction.txt")


def test_a_saved_ministry_page_reads_as_its_article():
    """A page saved from a ministry site: GB2312 declared, the article among navigation and scripts."""
    path = READERS / "national-2022-pollution-carbon-synergy.html"
    src = read_document(path)
    assert src.format == "html" and src.encoding == "gb18030" and src.published == "2022-06-10"
    assert src.text.split("\n") == _lines(CORPUS / "national-2022-pollution-carbon-synergy.txt")
    for chrome in ("当前位置", "分享到", "相关链接", "版权所有", "统计代码", "页脚脚本", "索引号", "无障碍"):
        assert chrome not in src.text, chrome
