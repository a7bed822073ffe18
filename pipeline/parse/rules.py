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
    "立方",  # 15亿立方: read as 立方米
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
    r"|(?P<y>\d{4})\s*年度?(?:\s*\d{1,2}\s*月)?(?P<tail>年?底前?|年?末|前|以前|起)?")
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
INDICATOR_CUT = re.compile(
    r"(?:力争|确保|争取|稳定|基本|全部|均|总体|原则上)*(?:(?:比|较|相比|与)\d{4}年|在\d{4}年(?:的)?基础上|每年|年均(?=增长|下降|提高|降低)|"
    r"(?:提高|提升|增加(?!值)|增长(?!率)|上升|扩大|下降|降低|减少|压减|削减|降)(?:到|至)?|达到|达(?=\d|$)|控制在|控制|稳定在|保持在|维持在|"
    r"(?:不得|不应|不宜|不能)(?:超过|高于|大于|低于|少于|小于)|"
    r"不低于|不少于|不超过|不高于|至少|超过|突破|高于|低于|大于|小于|降至|分别|力争)")
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
INDICATOR_ORDINAL = re.compile(r"^(?:\d{1,2}(?:[.、．](?!\d)|(?![\d.%．]))|[一二三四五六七八九十]+、)")

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

# --- targets ---
# Years: a bare 2025年 is a deadline after 到/截至/于… or at the head of its clause.
DEADLINE_BEFORE = re.compile(r"(?:到|至|截至|截止|截止到|于|在|至迟|最迟)\s*$")
YEAR_AT_HEAD = re.compile(r"^[\s(]*(?:力争|确保|争取|预计|计划|全市|全省|全区|全县|全国|我市|我省|本市|本省|同时|其中|并|且|而|再)*\s*$")
# 2023年、2024年和2025年 (years listed before 分别)
YEAR_LIST = re.compile(r"\d{4}\s*年?(?:\s*[、,和及与]\s*\d{4}\s*年?)+\s*年")
YEAR_LIST_ITEM = re.compile(r"(\d{4})")
FYP_NAME = re.compile(r"(?P<plan>十四五|十五五|十六五)")
BOOK_TITLE = re.compile(r"《[^《》]*》")
# A sentence reviewing a past plan period; a paragraph that is a list item.
PAST_PLAN_HEAD = re.compile(r"[\s(]*(?:“|\")?(?:十一五|十二五|十三五)(?:”|\")?\s*(?:以来|期间|时期|末)")
LIST_ITEM_HEAD = re.compile(r"^\s*(?:——|—|●|•|▪|■|◆|\d{1,2}\s*[.、](?!\d)|\(\s*\d{1,2}\s*\)|[①-⑳])")
# A heading (of a section, a measure, a box) over a review of the past: its text holds facts, not targets.
PAST_TITLE = re.compile(r"成效|成就|成果|进展|回顾|形势|现状|存在的?问题|主要问题|发展基础|工作基础|发展情况|完成情况|取得的")
HEADING_LIKE = re.compile(
    rf"^\s*(?:第{_CN}[章节]|{_CN}、|\(\s*{_CN}\s*\)|专栏\s*(?:\d+|{_CN})|表\s*\d+)\s*[:]?\s*[^。;]{{2,36}}[。:]?\s*$")
# A fact already reached: 已超110万辆, 已建成, 已完成58项
PAST_FACT = re.compile(r"已(?:超|达|有|建成|完成|实现|累计|形成|办结|关停|淘汰|下降|提高|降低)")
# The comparator is the bound word nearest the number (second edition): 不得超过 <=, 不得低于 >=,
# 达 >=, 大于/高于/超过 >, 小于/低于 <, 保持在/维持在/稳定在 = (a following 以上/以下 wins).
_NOT = r"(?:不|不得|不应|不宜|不能|不可|不会|严禁|禁止|最多不|最高不)"
COMPARATOR = re.compile(
    rf"(?P<le>{_NOT}\s*(?:超过|高于|大于|多于|突破|超出|超)|控制在|降至|降到|(?:下降|降低|减少|压减|削减|控制|降|减)(?:到|至|在)|最多|最高)"
    rf"|(?P<ge>{_NOT}\s*(?:低于|少于|小于)|至少|最少|最低|达到|达(?=\s*$)|(?:提高|提升|增加|增长|上升|扩大|恢复)(?:到|至))"
    r"|(?P<hold>保持在|维持在|稳定在)"
    r"|(?P<gt>超过|高于|大于|多于|突破)"
    r"|(?P<lt>低于|少于|小于)")
# Units are whole: 300吨/万平方米, 1000元/千瓦, 7000元/台 (the 万 belongs to the denominator).
UNIT_DENOMINATOR = re.compile(
    rf"\s*/\s*(?:万|亿|千|百)?(?:{_UNIT_ALT}|[A-Za-z][A-Za-z0-9₂]*|[\u4e00-\u9fff](?=[^\u4e00-\u9fff]|$|以上|以下|左右|以内|的))")
UNIT_ALIASES = {"个百分点": "百分点", "立方": "立方米"}
# Not targets: subsidies and their ceilings (最高补助100万元, 按1000元/千瓦给予补贴), and the
# conditions and quotas of an application (申报单位年营业收入不低于2000万元, 每家推荐不超过3个).
GRANT = re.compile(r"补助|补贴|奖励|资助|扶持|贴息|奖补|给予")
CAP = re.compile(r"最高|上限|封顶|最多")
APPLICATION = re.compile(r"申报|申请|推荐|入库|应具备|须具备|门槛")
# A footnote paragraph (1主要海湾指…, 注:…, ①数据来源…) explains; it sets no targets.
FOOTNOTE_PARA = re.compile(
    r"^\s*(?:注\s*\d*\s*[:.、]|[①-⑳]|\d{1,2}(?=[\u4e00-\u9fff“\"]))[^。]{0,24}?(?:指|是指|包括|数据|统计|来源|口径|按.{1,8}计)")
# A white paper states what was done: only its dated commitments are targets.
WHITE_PAPER = re.compile(r"白皮书")
# Lists of quantities in one clause: each item begins after the first 、 (or 和/及/与) past the
# previous quantity; an item with a verb of its own does not take the list's first verb.
LIST_ITEM_BOUNDARY = re.compile(r"、|和|及|与")
ITEM_VERB = re.compile(
    "(?:" + INDICATOR_CUT.pattern + ")|完成|建成|建设|新建|培育|打造|创建|实施|改造|淘汰|推广|建立|开展|新增|累计|力争|达")
# A count before its noun (培育150家龙头企业、…): the noun ends at the list boundary or the next number.
AFTER_ITEM_END = re.compile(r"、|[和及与](?=\s*\d)|\d")
# A qualifier of what is measured opens the name: 全市城市建城区具备条件的道路机械化清扫率 -> 道路机械化清扫率
INDICATOR_QUALIFIER = re.compile(r"^[^,;、]*?(?:具备条件|有条件|符合条件|条件具备|具备改造条件)的")
# Indicator edges: symbols and stray brackets are never part of a name (≤5%, （12项）).
INDICATOR_EDGE_SYMBOLS = " ,;:、的≤≥<>=~—–－-·*%‰①②③④⑤⑥⑦⑧⑨⑩"
# A comparator left at the end of a name (完成率达到 -> 完成率), or a conjunction at its start (或改造中水厂).
INDICATOR_TRAIL_BOUND = re.compile(r"(?:达到|不少于|不低于|不超过|不高于|控制在|降至|降到|提高到|提升到|保持在|稳定在|维持在)+$")
INDICATOR_LEAD_JOIN = re.compile(r"^(?:或|和|及|与|以及|并且)(?=[\u4e00-\u9fff]{2})")
# A name that ends in a verb or 等, or opens with a preposition, yields to the noun after the count
# (在三个区实施6个治理工程 -> 治理工程; 潘港等14条中小河流 -> 中小河流).
INDICATOR_YIELDS = re.compile(
    r"(?:等|实施|建设|建成|新建|打造|开展|完成|推进|培育|创建|组织|支持|布局|认定|储备|谋划|遴选)$|^(?:在|对|以|于|按|从|为|向|将)")
BOX_CAPTION = re.compile(r"^\s*(?:专栏|表)\s*(?:\d+|[一二三四五六七八九十]+)")
