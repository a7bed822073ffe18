"""Every pattern the parser uses, compiled once, in one place.

Patterns run on *folded* text (see ``pipeline.parse.fold``): full-width ASCII
variants are folded to half-width (（）→(), ０→0, ，→,, ：→:, ；→;, ％→%), so
one pattern covers both widths. 〔〕, 、, 。 and 《》 are not changed by folding.
"""
from __future__ import annotations

import re

CN_DIGITS = "零〇一二三四五六七八九十百千两"
_CN = f"[{CN_DIGITS}]+"

# ---------------------------------------------------------------- cleaning
TIMESTAMP_LINE = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s+\S{0,12})?\s*$")
DISCLAIMER_LINE = re.compile(
    r"^\s*(?:声明|免责声明|版权所有|责任编辑|来源|扫一扫|分享到|打印本页|关闭窗口|【打印】|【关闭】)[:：]?.{0,60}$")
NAV_WORD = re.compile(r"^[\u4e00-\u9fffA-Za-z\s]{1,10}$")
SENTENCE_END = re.compile(r"[。;!?]$|[)〕」”》]$")
TOC_LINE = re.compile(r"(?:\.{4,}|…{2,}|·{4,})\s*\d*\s*$|^\s*目\s*录\s*$")
# A paragraph break a scraper turned into a space: 。 followed by white space.
SPACED_BREAK = re.compile(r"(?<=[。;!?])[ \t\u3000\xa0]+(?=\S)")
WS = re.compile(r"[ \t\u3000\xa0]+")
ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\ufeff]")

# ---------------------------------------------------------------- structure
SECTION_HEAD = re.compile(rf"^\s*({_CN})\s*、\s*(\S.*)$")
MEASURE_HEAD = re.compile(rf"^\s*\(\s*({_CN})\s*\)\s*(\S.*)$")
CHAPTER_HEAD = re.compile(rf"^\s*第\s*({_CN})\s*章\s*(.*)$")
PART_HEAD = re.compile(rf"^\s*第\s*({_CN})\s*节\s*(.*)$")
# A heading run into the previous paragraph (texts that lost their line breaks).
INLINE_HEAD = re.compile(rf"(?<=[。;!?\s])\s*(?=(?:\(\s*{_CN}\s*\)|{_CN}、|第{_CN}[章节])\s*[\u4e00-\u9fff“])")
# A short heading title followed by white space and the text it heads, on one line.
HEAD_THEN_TEXT = re.compile(rf"^((?:\(\s*{_CN}\s*\)|{_CN}、|第{_CN}[章节])\s*[^\s。,;:]{{2,30}})[ \t\u3000\xa0]+(\S.{{20,}})$")
TITLE_SENTENCE = re.compile(r"^(.*?)(?:。|$)")

# ---------------------------------------------------------------- notes
OPEN_BRACKETS = "(〔[【"
CLOSE_BRACKETS = ")〕]】"
NOTE_ROLE_WORD = re.compile(r"(牵头|负责|配合|参与|协助|协同|牵头单位|配合单位|参与单位|责任单位)")
NOTE_LABELLED = re.compile(r"^(牵头单位|责任单位|主要责任单位|配合单位|参与单位|协办单位|落实单位)\s*[:]\s*(.+)$")
NOTE_ROLE_TAIL = re.compile(
    r"^(?P<who>.*?)(?:等)?\s*(?P<kw>按职责分工负责|按职责分工落实|按照职责分工负责|按职能分工负责|按职责负责|分别负责|共同负责|"
    r"负责落实|具体落实|组织实施|抓好落实|牵头负责|牵头|负责|配合|参与|协助|协同)$")
NOTE_SPLIT = re.compile(r"[,;]")
MENTION_SPLIT = re.compile(r"[、]")
MENTION_TRAIL = re.compile(r"(?:等|等部门|等单位|等有关部门)$")

# ---------------------------------------------------------------- documents
BOOK_TITLE = re.compile(r"《([^《》]+)》")
