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
TOC_LINE = re.compile(r"(?:\.{4,}|…{2,}|·{4,})\s*\d*\s*$|^\s*目\s*录\s*$")
# A paragraph break a scraper turned into a space: 。 followed by white space.
SPACED_BREAK = re.compile(r"(?<=[。;!?])[ \t\u3000\xa0]+(?=\S)")
WS = re.compile(r"[ \t\u3000\xa0]+")
ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\ufeff]")

# ---------------------------------------------------------------- structure
SECTION_HEAD = re.compile(rf"^\s*({_CN})\s*、\s*(\S.*)$")
MEASURE_HEAD = re.compile(rf"^\s*\(\s*({_CN})\s*\)\s*(\S.*)$")
CHAPTER_HEAD = re.compile(rf"^\s*第\s*({_CN})\s*章\s*(.*)$")
ARABIC_HEAD = re.compile(r"^\s*(\d{1,2})\s*[.、](?!\d)\s*(\S.*)$")
PART_HEAD = re.compile(rf"^\s*第\s*({_CN})\s*节\s*(.*)$")
# A heading run into the previous paragraph (texts that lost their line breaks).
INLINE_HEAD = re.compile(rf"(?<=[。;!?\s])\s*(?=(?:\(\s*{_CN}\s*\)|{_CN}、|第{_CN}[章节])\s*[\u4e00-\u9fff“])")
# A short heading title followed by white space and the text it heads, on one line.
HEAD_THEN_TEXT = re.compile(rf"^((?:\(\s*{_CN}\s*\)|{_CN}、|第{_CN}[章节])\s*[^\s。,;:]{{2,30}})[ \t\u3000\xa0]+(\S.{{20,}})$")

# ---------------------------------------------------------------- notes
NOTE_ROLE_WORD = re.compile(r"(牵头|负责|配合|参与|协助|协同|牵头单位|配合单位|参与单位|责任单位)")
NOTE_LABELLED = re.compile(r"^((?:牵头|责任|主要责任|配合|参与|协办|主办|落实)(?:单位|部门))\s*[:]\s*(.+)$")
NOTE_ROLE_TAIL = re.compile(
    r"^(?P<who>.*?)(?:等)?\s*(?P<kw>按职责分工负责|按职责分工落实|按照职责分工负责|按职能分工负责|按职责负责|分别负责|共同负责|"
    r"负责落实|具体落实|组织实施|抓好落实|牵头负责|牵头|负责|配合|参与|协助|协同)$")
MENTION_TRAIL = re.compile(r"(?:等|等部门|等单位|等有关部门)$")

# ---------------------------------------------------------------- targets
# Units, longest first; the value of a 万/亿 multiplier is folded into the number.
UNITS = [
    "克标准煤/千瓦时", "千克标准煤/吨", "元/吨标准煤", "吨标准煤/万元", "微克/立方米", "毫克/立方米", "毫克/升",
    "蒸吨/小时", "立方米/日", "立方米/秒", "吨/日", "吨/年", "吨/天", "千瓦时/平方米",
    "个百分点", "百分点", "%", "‰",
    "吨标准煤", "吨二氧化碳当量", "吨二氧化碳", "千瓦时", "千瓦", "兆瓦", "吉瓦",
    "平方公里", "平方千米", "平方米", "立方米", "公顷", "公里", "千米", "亩", "米",
    "吨", "元", "美元", "户", "家", "个", "处", "条", "座", "辆", "台", "套", "艘", "项", "所", "人次", "人",
    "天", "小时", "种", "只", "株", "棵", "口", "片", "栋", "间", "张", "件", "次", "批", "部", "标准箱", "蒸吨",
]
_UNIT_ALT = "|".join(re.escape(u) for u in UNITS)
_NUM = r"\d+(?:\.\d+)?"
_CNNUM = r"[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?"
_CN_UNITS = "个百分点|个|家|处|条|座|项|所|户|台|辆|艘|套|亩|公顷|公里|吨"
# 18.35万千瓦, 1至2个, 20、15个百分点 (the list is handled by the caller), 百分之三十, 十五个
QUANTITY = re.compile(
    rf"(?P<num>{_NUM})(?:\s*(?:至|到|-|—|~|–)\s*(?P<num2>{_NUM}))?\s*(?P<mult>万|亿|千万|百万)?\s*(?P<unit>{_UNIT_ALT})"
    rf"|百分之(?P<pct>{_CNNUM})"
    rf"|(?<![\u4e00-\u9fff])(?P<cn>{_CNNUM})(?P<cnmult>万|亿)?(?P<cnunit>{_CN_UNITS})"
    rf"|(?<=[\u4e00-\u9fff])(?<!第)(?P<cn2>[两二三四五六七八九十][十百千万]?[一二三四五六七八九]?|十)(?P<cnmult2>万|亿)?(?P<cnunit2>{_CN_UNITS})(?![一二三四五六七八九])")
# A list of numbers sharing the unit of the last one: 20、15个百分点 / 8%、8%、10%
NUM_LIST_ITEM = re.compile(rf"(?<![\d.])({_NUM})\s*(?:万|亿)?\s*[、和及]\s*$")
LIST_JOIN = re.compile(r"^\s*(?:以上|以下|左右)?\s*[、和及]\s*$")
# A Chinese numeral counts as a value after a verb or comparator, or when it ends its clause
# (园区十五个。); otherwise it names something (三条控制线, 两个清单).
CN_VALUE_BEFORE = re.compile(r"(?:达到|提高到|增加到|不少于|不低于|超过|至少|新增|完成|建成|建设|培育|打造|创建|改造|淘汰|达|到|至|于|过|增|降|减|提高|提升|增加|下降|降低|减少)$")
CN_VALUE_AFTER = re.compile(r"[,;:。!?、)\s]|以上|以下|左右|$")
AFTER_BOUND = re.compile(r"\s*(以上|以下|以内|左右|上下|及以上|及以下)")
QUALIFIER_AFTER = re.compile(r"\s*(?:(?:以上|以下|及以上|及以下)\s*的?[\u4e00-\u9fff]|(?:以内|范围内|左右)?的[\u4e00-\u9fff])")
# 由2020年的20%提高到70%: the first number is where it starts, not a target.
FROM_VALUE_BEFORE = re.compile(r"由\s*(?:\d{4}\s*年(?:底|末)?的?)?\s*$")
FROM_PHRASE = re.compile(r"由\s*(?=\d).*$")
NOT_VALUE_BEFORE = re.compile(r"(?:[A-Za-z_]|第|前|近|约?占?全?国?第)$")
YEAR = re.compile(
    r"(?:(?P<y1>\d{4})\s*年?\s*(?:到|至|-|—|~|–)\s*(?P<y2>\d{4})\s*年)"
    r"|(?P<y>\d{4})\s*年(?:\s*\d{1,2}\s*月)?(?P<tail>年?底前?|年?末|前|以前|起)?")
# A five-year-plan period as a deadline: its last year (十四五 2021-2025 -> 2025).
FYP = re.compile(r"“?(?P<plan>十四五|十五五|十六五)”?\s*(?:时期|期间|末|规划期)")
FYP_END = {"十四五": 2025, "十五五": 2030, "十六五": 2035}
BASELINE = re.compile(r"(?:比|较|相比|相较|与|同|由)\s*(?P<b1>\d{4})\s*年(?:相比|水平)?|在?\s*(?P<b2>\d{4})\s*年(?:的)?(?:水平)?(?:的)?基础上")
# Words that end an indicator name, shared by a list before 分别 (A、B排放总量分别下降…).
INDICATOR_HEADS = frozenset(
    "排放 排放量 总量 比例 使用 使用量 浓度 平均浓度 利用率 综合利用率 利用 率 量 面积 比重 强度 能耗 消费 消费量 产量 产能 占比 "
    "覆盖率 达标率 处理率 回收率 治理率 收集率 处置率 用水量 重点工程 工程 减排量 减排 水平 规模 数量 指数 淘汰 下降率 "
    "降低率 增速 含量 负荷 效率 装机 容量 装机容量 重点 主要".split())
CLAUSE_SEP = re.compile(r"[,;:。!?\n]")
SENTENCE_SEP = re.compile(r"[。!?\n]")
QUOTED = re.compile(r"《[^《》]*》|“[^“”]{0,30}”|\"[^\"]{0,30}\"")
PAST_SECTION = re.compile(r"成效|成就|进展|回顾|形势|现状")
PAST_SENTENCE = re.compile(r"十三五|十二五|已经|已累计|累计完成了|顺利完成|圆满完成|较2015年|比2015年")
# Comparators and kinds, by the words round the number.
LEVEL_UP = re.compile(r"(?:提高|提升|增加|增长|上升|扩大|恢复)(?:到|至)|达到|达|稳定在|保持在|维持在|不低于|不少于|至少|(?<!不)高于|多于|大于|超过|突破")
LEVEL_DOWN = re.compile(r"(?:下降|降低|减少|压减|削减|控制|降|减)(?:到|至|在)|控制在|不超过|不高于|(?<!不)低于|(?<!不)少于|小于|不大于")
CHANGE_UP = re.compile(r"提高|提升|增加(?!值)|增长(?!率)|新增(?![及和与的])|上升|扩大")
CHANGE_UP_ANY_UNIT = re.compile(r"增加(?!值)|增长(?!率)|新增(?![及和与的])|上升|扩大")
CLAUSE_NEW = re.compile(r"^(?:全市|全省|全区|全县|全国|力争|确保|累计|每年|年均)*新增(?![及和与的])")
CHANGE_DOWN = re.compile(r"下降|降低|减少|压减|削减|减排")
STRICT_GT = re.compile(r"(?:超过|突破|(?<!不)高于|大于|多于)")
STRICT_LT = re.compile(r"(?:(?<!不)低于|(?<!不)少于|小于)")
INDICATOR_CUT = re.compile(
    r"(?:力争|确保|争取|稳定|基本|全部|均|总体|原则上)*(?:(?:比|较|相比|与)\d{4}年|在\d{4}年(?:的)?基础上|每年|年均(?=增长|下降|提高|降低)|"
    r"(?:提高|提升|增加(?!值)|增长(?!率)|上升|扩大|下降|降低|减少|压减|削减|降)(?:到|至)?|达到|达(?=\d)|控制在|控制|稳定在|保持在|维持在|"
    r"不低于|不少于|不超过|不高于|至少|超过|突破|高于|低于|降至|分别|力争)")
# Words that open a clause before the thing it measures (longest first, so 至少 wins over 至).
_LEAD_WORDS = """
试点建设 新培育 新认定 进一步 争创 争取 以及 储备 全区 全县 全国 全域
全市 全省 全部 其中 创建 创成 力争 同时 培育 基本 完成 实施
实现 布局 年均 建成 建立 建设 开展 我市 我省 截至 打造 持续
推动 推进 支持 新增 新建 本市 本省 现有 确保 累计 组织 至少
认定 评选 试点 谋划 选择 选树 遴选 且 使 到 及 和
并 至
""".split()
INDICATOR_LEAD = re.compile("^(?:" + "|".join(sorted(_LEAD_WORDS, key=len, reverse=True)) + ")+")
INDICATOR_TRAIL = re.compile(r"(?:力争|确保|争取|稳定|基本|全部|均|要|将|总体|累计|合计|共|约|共计|分别|整体|原则上|每年|年均|达|保持|持续|仍|为)+$")
INDICATOR_ORDINAL = re.compile(r"^(?:\d{1,2}(?![\d.%])[.、]?|[一二三四五六七八九十]+、)")

# ---------------------------------------------------------------- metadata
DATE_LINE = re.compile(r"^\s*[(〔]?\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(印发|发布|起施行)?\s*[)〕]?\s*$")
SIGNED_DATE = re.compile(r"^\s*(?P<who>[\u4e00-\u9fff、 ]{2,80}?)\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
GOV_OFFICE = re.compile(r"^(?P<gov>[\u4e00-\u9fff]{2,12}人民政府)办(?:公室|公厅)$")
DOCNO_LINE = re.compile(r"^\s*[(]?\s*[\u4e00-\u9fff]{1,8}[〔\[［【]\d{4}[〕\]］】]\s*\d+\s*号\s*[)]?\s*$")
NEWS_LEAD = re.compile(r"^(?P<issuer>(?:(?!关于)[^《》,。:]){2,60}?)(?:联合)?(?:印发|发布|出台|公布|下发)(?:了)?《(?P<title>[^》]+(?:》[^《》]*)?)》")
NOTICE = re.compile(r"^(?P<issuer>.{0,120}?)关于(?:联合)?(?:印发|发布|转发|颁布)(?P<title>.+?)的(?:通知|函)")
ABOUT_TITLE = re.compile(r"^(?P<issuer>.{2,80}?)关于(?P<rest>.+)$")
TITLE_TAIL = re.compile(r"(?:方案|规划|意见|计划|措施|办法|纲要|决定|条例|细则|要点|指南|通知|行动|战略|路线图|若干措施|实施意见|\((?:修订版|试行|征求意见稿)\))$")
ISSUER_TAIL = re.compile(r"(?:中央|国务院|委员会|人民政府|政府|办公厅|办公室|委|厅|局|部|院|署|会|中心|集团|行|市委|省委|区委|县委)$")
PLACE = re.compile(r"^(?:中共|中国共产党)?(?P<place>[\u4e00-\u9fff]{1,7}?(?:省|自治区|特别行政区|自治州|市|盟|地区|县|区|旗))(?=[\u4e00-\u9fff“\"《(]|$)")
MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
NATIONAL_ISSUER = re.compile(r"^(?:中共中央|国务院|全国人大|全国人民代表大会|国家|中华人民共和国|[\u4e00-\u9fff]{2,10}部$|[\u4e00-\u9fff]{2,10}部[、,]|生态环境部|工业和信息化部|财政部|商务部|交通运输部|农业农村部|自然资源部|水利部|住房和城乡建设部)")
PARENT_TRIGGER = re.compile(r"(?:贯彻落实|贯彻|落实|根据|按照|依据|遵照|依照)(?:好)?(?P<who>[\u4e00-\u9fff、]{0,20}?)(?=《)")

# --- browser ---
# Node captions (pipeline/graph/captions.py): a run of characters Browser must not
# break (Latin letters, digits, ASCII punctuation, units such as μg/m³ and ℃), else one
# character; the issuer before 关于 at the start of a title (X关于Y的意见 -> Y的意见); and a
# title cited inside a title (山东省贯彻落实〈…〉的若干措施).
CAPTION_RUN = re.compile(r"[\x21-\x7e\u00b2\u00b3\u00b5\u03bc\u2103\u2030\u00b0·\u2264\u2265\u2191\u2193]+|\s+|.", re.S)
CAPTION_ISSUER_ABOUT = re.compile(r"^(?:[^《〈<“\"（(]{2,24}?)?关于(?=.{4})")
CAPTION_INNER_TITLE = re.compile(r"(?P<open>[〈《])(?P<inner>[^〈《〉》]+)(?P<close>[〉》])")
