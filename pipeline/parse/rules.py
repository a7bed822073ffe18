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
LIST_JOIN = re.compile(r"^\s*(?:以上|以下|左右)?\s*[、和及与]\s*$")  # 260吨、520吨与1550吨 is one list too
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
# The last year of each five-year plan (FYP and FYP_NAME match the current and later ones only;
# an indicator table's “十三五”/“十四五” column is read by TABLE_PLAN_PERIOD).
FYP_END = {"十一五": 2010, "十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030, "十六五": 2035}
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
NEWS_LEAD = re.compile(r"^(?P<issuer>(?:(?!关于)[^《》,。:]){2,60}?)(?:联合)?(?:印发|发布|出台|公布|下发|发表)(?:了)?《(?P<title>[^》]+(?:》[^《》]*)?)》")
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
    rf"(?P<le>{_NOT}\s*(?:超过|高于|大于|多于|突破|超出|超)|控制在|降至|降到|(?:下降|降低|减少|压减|削减|控制|降|减)(?:到|至|在)|"
    r"(?:最多|最高)(?![\u4e00-\u9fff]{2}))"  # not 达到最高用电负荷的5%: there 最高 qualifies a noun
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
INDICATOR_TRAIL_BOUND = re.compile(r"(?:(?:达到|不少于|不低于|不超过|不高于|控制在|降至|降到|提高到|提升到|保持在|稳定在|维持在)并?)+$")
INDICATOR_LEAD_JOIN = re.compile(r"^(?:或|和|及|与|以及|并且)(?=[\u4e00-\u9fff]{2})")
# A name that ends in a verb or 等, or opens with a preposition, yields to the noun after the count
# (在三个区实施6个治理工程 -> 治理工程; 潘港等14条中小河流 -> 中小河流).
INDICATOR_YIELDS = re.compile(
    r"(?:等|实施|建设|建成|新建|打造|开展|完成|推进|培育|创建|组织|支持|布局|认定|储备|谋划|遴选)$|^(?:在|对|以|于|按|从|为|向|将)")
BOX_CAPTION = re.compile(r"^\s*(?:专栏|表)\s*(?:\d+|[一二三四五六七八九十]+)")
# --- ARTICLES ---
# Documents in articles (条例, 办法, 规定, 细则, 规则, 准则): 第一条 items, 第一章 chapters, duties.
_CN_OR_ARABIC = rf"(?:{_CN}|\d{{1,3}})"
# 第一条 / 第一条【目的依据】 / 第一条为了… (no space) at a paragraph's start.
ARTICLE_HEAD = re.compile(rf"^\s*第\s*({_CN_OR_ARABIC})\s*条(?![款项])\s*(.*)$")
# Its bracketed heading: 【目的依据】, [适用范围], (适用范围).
ARTICLE_TITLE = re.compile(rf"^\s*(?:【([^【】。,;]{{1,20}})】|\[([^\[\]。,;]{{1,20}})\]|\((?![{CN_DIGITS}]+\))([^()。,;、]{{2,20}})\))")
# An article run into the previous paragraph: …制定本办法。第二条 本办法适用于…
ARTICLE_INLINE = re.compile(rf"(?<=[。;:】\s])\s*(?=第\s*{_CN_OR_ARABIC}\s*条(?![款项]|规定|所|的|、|至|和|及|第|或|中))")
# A chapter heading run on after an article's last sentence: …施行。第二章 监督管理
CHAPTER_INLINE = re.compile(rf"(?<=[。;\s])\s*(?=第\s*{_CN}\s*章\s*[\u4e00-\u9fff])")
# Article, clause and item numbers cited in text, never targets: 第三十条, 第二款, 第五条第二款, 第十条、十一条, 第3项.
ARTICLE_NUMBER = re.compile(
    rf"第\s*(?:[A-Z]\.)?\d+(?:\.\d+)+\s*条|第\s*{_CN_OR_ARABIC}\s*[条款项章节目](?:\s*(?:、|和|及|至|到|或者|或|第)\s*第?\s*{_CN_OR_ARABIC}\s*[条款项章节目])*"
    rf"|(?<=[、和及至到])\s*{_CN_OR_ARABIC}\s*条(?=[、和及至到]?\s*第|规定|的规定)")
# The heading of a 第一节 inside a chapter: not a level, dropped from the article text.
PART_LINE = re.compile(rf"^\s*第\s*{_CN}\s*节\s*[^。;,]{{0,30}}$")
# Duties: a sentence whose subject is a state body followed by one of these words.
DUTY_VERB = re.compile(r"应当|负责|依法|组织|会同")
# A state body or class of bodies, as the whole subject (…人民政府, …主管部门, …部门, …委员会, …局, …机构).
DUTY_BODY = re.compile(
    r"(?:人民政府|政府|主管部门|管理部门|部门|国务院|人民法院|人民检察院|(?<=[\u4e00-\u9fff][\u4e00-\u9fff])(?<![内全西东南北中干总本局支分])部|(?<!村民)(?<!居民)(?<!业主)委员会|管委会|领导小组|办公室|办公厅|局|厅|委|"
    r"(?<!金融)(?<!中介)(?<!服务)(?<!核查)(?<!第三方)(?<!认证)(?<!评估)(?<!技术)(?<!检测)(?<!交易)(?<!保险)(?<!培训)"
    r"(?<!研究)(?<!科研)(?<!咨询)(?<!教育)(?<!医疗)(?<!运营)(?<!机动车)机构)$")
# What may stand between the subject and its duty word: an adverbial phrase (对…负责, 按照…组织).
DUTY_BETWEEN = re.compile(r"^(?:|(?:对|在|按照|依照|根据|结合|按|依据|统一|共同|分别|具体|主要|要|及时|定期|每年|应|切实|严格|积极|"
                          r"可以|可|须|必须|将|还|也|并|同时|具体|牵头|为|向|与|同|从).*)$")
# Splitting a subject into bodies: 、 和 及 以及 与 及其 (a piece that is not a body joins the next: 市、区人民政府).
DUTY_JOIN = re.compile(r"及其(?!他)|以及|或者|、|和|及|与|或")
# A body joined by 会同 supports: A会同B、C制定… (the longest run of bodies after 会同).
DUTY_WITH = re.compile(r"会同\s*")
# Words a subject never holds (本办法由…, 本规程适用于…, 经…审核).
NOT_SUBJECT = re.compile(r"^(?:经|从事)|适用|本办法|本条例|本规定|本规程|本细则|本规则|本准则|本实施")
# A trailing 等 with the category noun after it: 市财政局等部门, 省教育厅等相关部门.
BODY_TRAIL = re.compile(r"等(?:[市省区县]级)?(?:相关|有关|其他)?(?:行业主管部门|主管部门|部门|单位|机构)?$")
# Words a body's name never holds: the verb or preposition of the clause it opens.
NOT_BODY_WORD = re.compile(r"对|进行|开展|制定|组织|负责|应当|依法|按照|根据|加强|建立|会同|实施|做好|确定|划定|报送|上报")
# An item number opening a clause: (一)区发展改革委负责… (the subject follows it).
ITEM_MARK = re.compile(rf"^\s*(?:\(\s*{_CN}\s*\)|\d{{1,2}}\s*[.、)](?!\d)|{_CN}、)\s*")
# Subjects that are never state bodies.
NOT_STATE = re.compile(r"单位|企业|个人|公民|法人|组织(?!部)|公司|协会|学会|商会|银行|居民|村民|业主|交易所|交易中心|联合会")
# --- OUTLINE ---
# A heading followed on its line by a deeper one: 五、切实加强组织领导 （十五）强化责任落实。
_HEAD_ANY = rf"(?:第\s*{_CN}\s*章|第\s*{_CN}\s*节|{_CN}\s*、|\(\s*{_CN}\s*\))"
HEAD_THEN_DEEPER = re.compile(rf"^\s*(?P<head>{_HEAD_ANY})\s*(?P<title>[^。;!?\n]{{1,40}}?)\s*(?=(?P<deeper>{_HEAD_ANY}|第\s*{_CN}\s*条)\s*\S)")
# An annex marker on a line of its own: 附件 / 附件1 / 附件一 / 附件2: (the annex title follows).
ANNEX_LINE = re.compile(rf"^\s*附\s*件\s*(?P<n>\d{{1,2}}|{_CN})?\s*[:]?\s*$")
# A table of contents: its header line, and what a line of it may end with (dots, page numbers).
TOC_HEAD = re.compile(r"^\s*目\s*录\s*$")
TOC_MARKS = re.compile(r"\.{3}|…|·{3}|\d$|-$")
TOC_TAIL = re.compile(r"[\s.…·\-—_]*(?:\d{1,3}|[-—]\s*\d{1,3}\s*[-—])?\s*$")
# --- TABLES ---
# Indicator tables (表1 主要指标): the placeholder the readers' table lines leave, and the cells.
TABLE_PLACEHOLDER = re.compile("\u241e表格(\\d+)")
TABLE_YEAR = re.compile(r"((?:19|20)\d{2})\s*年?")
TABLE_BASELINE = re.compile(r"现状|基准|基期")
TABLE_TARGET = re.compile(r"目标|规划值|预期值")
TABLE_REVIEW = re.compile(r"完成")
# The unit in brackets ending a row's name: 森林覆盖率(%), 森林蓄积量(亿立方米)①.
TABLE_NAME_UNIT = re.compile(r"\(([^()\d]{1,12})\)\s*[①-⑳*★]*\s*$")
TABLE_NAME_CLEAN = re.compile(r"^\s*(?:\(?\d{1,2}\)|\d{1,2}(?![\d.])[.、]?|[(（][一二三四五六七八九十\d]+[)）])\s*|[①-⑳*★]+\s*$")
TABLE_NAME_UP = re.compile(r"增长(?!率)|提高|提升|新增|增加(?!值)")
TABLE_CELL = re.compile(
    r"^(?P<cmp>≥|≤|>|<|＞|＜)?[\[〔【(]?(?P<new>新增|累计|增加)?(?P<num>\d+(?:\.\d+)?)(?P<mult>万|亿)?"
    r"(?P<unit>%|‰|个百分点|百分点|(?!左右|以上|以下|以内)[\u4e00-\u9fff/]{1,6}?)?[\]〕】)]?(?P<tail>左右|以上|以下|以内)?[①-⑳*]*$")
# --- docfields ---
# Document fields (pipeline/parse/doc_title.py, issuers.py, doc_dates.py, places.py, doc_kind.py).
# Head lines that are never part of a title: a 文件 masthead, a document number, page marks, 附件,
# a publication note, key: value rows of a web page's metadata table, a standard's cover codes.
MASTHEAD = re.compile(r"^\s*(?P<who>[\u4e00-\u9fff、 ]{2,60}?)\s*文\s*件\s*$")
DOCNO = re.compile(
    r"(?P<no>[\u4e00-\u9fff]{1,10}\s*[〔\[［【﹝(]\s*(?:19|20)\d\s*\d\s*[〕\]］】﹞)J]\s*第?\s*\d{1,4}\s*号)")
DOCNO_ONLY = re.compile(
    r"^\s*[(]?\s*[\u4e00-\u9fff]{1,10}\s*[〔\[［【﹝(]\s*(?:19|20)\d\s*\d\s*[〕\]］】﹞)J]\s*第?\s*\d{0,4}\s*号?\s*[)]?\s*$")
PAGE_MARK = re.compile(r"^\s*[-—–一\s]*(?:[IVXⅠⅡⅢⅣⅤ]+|\d{1,3})[-—–一\s]*$")
ANNEX_MARK = re.compile(r"^\s*附\s*件\s*\d{0,2}\s*[:]?\s*$")
ANNEX_PREFIX = re.compile(r"^\s*附\s*件\s*\d{0,2}\s*[:]?\s*(?=[\u4e00-\u9fff“《])")
PUBLIC_NOTE = re.compile(r"^\s*[(]\s*(?:此件|本文|本件|有删减)[^()]{0,12}[)]\s*$|^\s*字体\s*[:].*$|^\s*[【\[]?\s*(?:打印|关闭|收藏)")
META_ROW = re.compile(
    r"^\s*(?P<key>发布部门|发布机构|发文机关|发文单位|发布日期|发文日期|成文日期|印发日期|印发时间|发布时间|实施日期|"
    r"施行日期|时效性|效力级别|法规类别|索引号|分类|主题分类|标题|发文字号|文号|时间|来源|浏览次数)\s*[:]\s*(?P<value>.*)$")
META_FIELD = re.compile(
    r"(?P<key>发布部门|发布机构|发文机关|成文日期|发布日期|印发时间|发布时间|实施日期|施行日期|发文字号)\s*[:]\s*"
    r"(?P<value>[^:]*?)(?=\s*(?:发布部门|发布机构|发文机关|成文日期|发布日期|印发时间|发布时间|实施日期|施行日期|发文字号|"
    r"标题|分类|时效性|效力级别|浏览次数|来源)\s*[:]|$)")
STANDARD_CODE = re.compile(r"^\s*(?:ICS\s*[\d.]+|[A-Z]{1,3}\s*[\d.]+|(?:GB|DB|HJ|JGJ|CJJ)\s*/?\s*T?\s*[\d.\-—]+.*)\s*$")
# A date line of a month only: 2021年7月, （2020年12月）, 二〇二二年二月.
MONTH_LINE = re.compile(rf"^\s*[(]?\s*(\d{{4}}|[〇零一二三四五六七八九]{{4}})\s*年\s*(\d{{1,2}}|[{CN_DIGITS}]{{1,3}})\s*月\s*[)]?\s*$")
# A date in Chinese numerals: 二〇二二年二月十日.
CN_DATE = re.compile(rf"^\s*[(]?\s*([〇零一二三四五六七八九]{{4}})\s*年\s*([{CN_DIGITS}]{{1,3}})\s*月\s*([{CN_DIGITS}]{{1,3}})\s*日\s*(?:印发|发布)?\s*[)]?\s*$")
# Dates as a web page's table writes them: 2021.09.22, 2022-03-24, 2021年09月01日.
ANY_DATE = re.compile(r"(\d{4})\s*(?:[-./]|年)\s*(\d{1,2})\s*(?:[-./]|月)\s*(\d{1,2})")
# （2021年12月2日中国共产党四川省第十一届委员会第十次全体会议通过）, （2021年12月11日生态环境部令第24号公布 自…起施行）
ADOPTED = re.compile(
    r"[(]\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日[^()]{0,90}?(?:通过|公布|批准|印发|发布|修订|修正)")
EFFECTIVE = re.compile(r"自\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:起)?\s*(?:施行|实施|执行|生效)")
EFFECTIVE_ON_ISSUE = re.compile(r"自\s*(?:印发|发布|公布)\s*之日\s*起\s*(?:施行|实施|执行|生效)")
# Titles: the words a document title ends with, then bracketed qualifiers ((试行), (2021-2035年), (2022版)).
TITLE_END = re.compile(
    r"(?:方案|规划|意见|计划|措施|办法|纲要|决定|决议|条例|细则|要点|指南|指引|导则|目录|通知|通告|公告|函|行动|战略|路线图|"
    r"规定|规则|准则|规程|白皮书|思路|安排|清单|名单|标准|报告|批复|通报|实施方案|工作方案|试行)》?"
    r"(?:\s*\([^()]{1,24}\))*\s*$")
BRACKET_LINE = re.compile(r"^\s*\([^()]{1,24}\)\s*$")
# X印发《T》/ X印发T的通知 without 关于 (甘肃省人民政府印发关于…实施方案的通知).
NOTICE_PLAIN = re.compile(r"^(?P<issuer>[^《》]{2,80}?)(?:联合)?(?:印发|发布|转发|颁布)(?P<title>.+?)的(?:通知|函)$")
# A news lead anywhere in a page's first lines: 6月5日，我市印发《T》。 — not a title a sentence cites
# (为贯彻落实国务院印发《T》以来的部署: the caller also rejects citing openings before the verb).
NEWS_ANY = re.compile(r"(?:印发|发布|出台|公布|下发|发表)(?:了)?\s*《(?P<title>[^《》]{4,80})》(?!\s*(?:以来|精神|要求|部署|的|中|有关|等|和|及|、|《))")
# A cover notice's body: 现将《T》印发给你们 / 《T》已经…同意.
COVER_BODY = re.compile(r"《(?P<title>[^《》]{4,80})》\s*(?:\([^()]{0,20}\))?\s*(?:已经|已|经|印发给|现印发|现予印发|予以印发)")
# A title glued to its salutation: 关于…的通知各市科技局，各有关单位：
GLUED_TITLE = re.compile(r"^(?P<title>[^。;:]{6,120}?的(?:通知|意见|决定|函|公告|通告))(?P<rest>[^。;]{2,160}?:)")
# Sentence punctuation: a line with it is running text, not a heading.
RUNNING = re.compile(r"[。;:!?]|,.{6,}")
LETTER_SPACED = re.compile(r"(?<=[\u4e00-\u9fff“”\"()])[ \t\u3000]+(?=[\u4e00-\u9fff“”\"()])")
LEADING_YEAR = re.compile(r"^\s*(?:\d{4}|[〇零一二三四五六七八九]{4})\s*(?:年度?|-\d{4}年度?)\s*")
# Issuers: verbs and frames that are not part of the body's name.
ISSUER_VERB = re.compile(r"(?:联合)?(?:印发|发布|出台|公布|下发|发表|转发|颁布|制定|通过)(?:了)?$")
# Self-reference to a level: 全省/我省/本省; 全市/我市/本市; 全区/我区/本区; 全县/我县/本县.
SELF_LEVEL = re.compile(r"(?:全|我|本)(?P<unit>省|自治区|市|州|盟|区|县)")
# Development zones and new areas are of district level: 南京江北新区, 苏州工业园区, 合肥高新区.
ZONE_PLACE = re.compile(
    r"^(?P<place>[\u4e00-\u9fff]{2,6}?(?:经济技术开发区|高新技术产业开发区|经济开发区|高新区|经开区|开发区|新区|保税区))"
    r"(?=[\u4e00-\u9fff“\"《(]|$)")
# A district or county right after its city or province: 上海市|浦东新区, 上海市|徐汇区, 某市|某某县.
SUB_PLACE = re.compile(r"^(?P<place>[\u4e00-\u9fff]{1,3}?(?:区|县|旗)|[\u4e00-\u9fff]{2,3}?(?:新区|开发区))(?=[\u4e00-\u9fff“\"《(]|$)")
# Central bodies besides NATIONAL_ISSUER: the central bank, the regulators, ministries and administrations.
CENTRAL_BODY = re.compile(r"^(?:中国人民银行|人民银行|国管局|证监会|银保监会|中国银行保险监督管理委员会|中国证券监督管理委员会|"
                          r"国务院|中共中央|[\u4e00-\u9fff]{2,10}(?:部|总局|总署)(?:办公厅)?)(?:$|[、 ])")
# A head line naming the issuer and its verb alone: 生态环境部发布.
ISSUER_VERB_LINE = re.compile(r"^\s*(?P<who>[\u4e00-\u9fff、 ]{2,60}?)\s*(?:联合)?(?:印发|发布)\s*$")
# An imprint or signature with its date on one line: X人民政府办公厅2022年2月22日印发.
IMPRINT = re.compile(r"^\s*(?P<who>[\u4e00-\u9fff、 ]{2,60}?)\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:印发|发布)?\s*$")
# A news agency's dateline: (新华社北京2021年9月12日电).
DATELINE = re.compile(r"^\s*\(\s*新华社[\u4e00-\u9fff]{0,8}?(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*电\s*\)\s*$")
NOTICE_VERB = re.compile(r"(?:印发|转发|发布|颁布)")
# 《T》 with at most a body's name before it and a bracketed qualifier after it.
BOOKED_TITLE = re.compile(r"^(?P<before>[^《》]{0,60})《(?P<title>[^《》]+)》(?P<after>\s*(?:\([^()]{1,24}\))*)\s*$")
# A prefecture named without 自治州 before its government: 海西州人民政府.
PREFECTURE = re.compile(r"^(?:中共)?(?P<place>[\u4e00-\u9fff]{2,4}州)(?=人民政府|政府|委员会|委|生态环境局|发展和改革委员会)")
# A body named by its level alone (省生态环境厅, 自治区发展改革委, 市人民政府): the document's own level.
BARE_LEVEL = re.compile(r"^(?:中共)?(?P<unit>省|自治区|市|区|县)(?=[\u4e00-\u9fff]{2})")
NATIONAL_WORDS = re.compile(r"全国|我国")
# What an issuing body's name ends with (ISSUER_TAIL, and short forms such as 新闻办, 党组, 管委会).
ISSUER_END = re.compile(r"(?:中央|国务院|委员会|人民政府|政府|办公厅|办公室|委|厅|局|部|部门|院|署|会|中心|集团|行|办|党组|管委会|领导小组|市委|省委|区委|县委)$")
# A heading line that stops at the verb of a notice whose title follows on the next line.
NOTICE_OPENING = re.compile(r"(?:关于(?:联合)?(?:印发|转发|发布|颁布)?|(?:联合)?(?:印发|转发))$")
QUOTE_SPACE = re.compile(r"[ \t\u3000]+(?=[“”\"])|(?<=[“”\"])[ \t\u3000]+")
# Issuers: junk before the name (an index code XTCR-2021-01028), and bodies only counted (两部门, 15部门).
ISSUER_JUNK_HEAD = re.compile(r"^[^\u4e00-\u9fff]+")
COUNTED_BODIES = re.compile(r"^(?:[两二三四五六七八九十]|\d{1,2})+(?:个)?部(?:门|委)$")
# A city named with one of its bodies (徐州市科学技术局, 某市人民政府): the city a text speaks of itself as.
CITY_WITH_BODY = re.compile(r"(?=([\u4e00-\u9fff]{2,4}市)(?:人民政府|[\u4e00-\u9fff]{1,10}?(?:局|委员会|委|办公室)))")
# Words that open a sentence citing a document rather than a news lead naming its issuer.
CITING_OPENING = re.compile(r"^(?:为|根据|按照|依据|依照|遵照|在|经)|贯彻|落实|认真|深入")
# A date right after the body that signs, inside a head line a page ran together (…工业和信息化厅2024年2月8日 …).
SIGNED_INLINE = re.compile(r"(?:厅|局|委|委员会|政府|办公室|办公厅|部)\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日(?=\s|$)")
# What may follow a line naming a body inside one heading: 关于…, 《…》, 印发…, 贯彻落实….
BODY_THEN = re.compile(r"^\s*(?:关于|《|(?:联合)?印发|转发|贯彻|落实)")
# --- identity: parents and references ---
# What opens a list of parents: 贯彻落实/按照/根据/依据/全面落实/认真执行/全面实施 (and their kin),
# maybe with the issuing body between the verb and the first title (按照国务院《…》).
PARENT_LIST_TRIGGER = re.compile(
    r"(?:认真贯彻落实|全面贯彻落实|深入贯彻落实|贯彻落实|贯彻执行|认真执行|全面执行|全面实施|深入实施|全面落实|"
    r"认真落实|贯彻|落实|根据|按照|依据|遵照|依照)(?:好)?(?P<who>[\u4e00-\u9fff、]{0,20}?)(?=《)")
# What may stand between two titles of one list: 、 和 及 与 以及 并, white space, a
# bracketed document number after a title ((国发〔2021〕4号)), and a 精神/要求/部署 that a
# joiner follows (按照《A》要求和《B》部署).
PARENT_LIST_GAP = re.compile(
    r"(?:[、和及与并\s]|以及|\(\s*[^()《》]{0,12}[〔\[［【]\d{4}[〕\]］】]\s*\d+\s*号\s*\)"
    r"|(?:精神|要求|部署|规定)(?=\s*(?:[、和及与]|以及)))*")
# A short name defined for a title: (以下简称《条例》), 下称《规划》; the title after it is no citation.
SHORT_NAME_BEFORE = re.compile(r"(?:以下|下文)?(?:简称|下称)(?:为)?\s*$")
# --- agencies ---
# A group of a responsibility note: who, then 等 + a category noun (等相关部门, 等市级有关部门,
# 等行业主管部门), then 分别, then the role word. Neither 等… nor 分别 is part of a mention.
_NOTE_KW = (r"按(?:照)?(?:职责|职能)?分工(?:负责|抓好落实|落实|指导推动|推动|推进|指导|实施)|按职责负责|分别负责|共同负责|"
            r"负责落实|具体落实|组织实施|抓好落实|牵头负责|牵头|负责|配合|参与|协助|协同")
_CATEGORY = r"等[\u4e00-\u9fff]{0,8}?(?:部门|单位|机构)"
NOTE_GROUP_ROLE = re.compile(
    rf"^(?P<who>.*?)\s*(?:{_CATEGORY}|等)?\s*(?P<resp>分别)?\s*(?P<kw>{_NOTE_KW})$")
# The end of a mention that is not part of it: 等, 等部门, 等相关部门, 等行业主管部门, 分别.
MENTION_CATEGORY_TRAIL = re.compile(rf"(?:{_CATEGORY}|等)?\s*(?:分别)?$")
# The rest of a category after 等…部门、: 单位 in 省科技厅等省有关部门、单位 (not a mention).
MENTION_CATEGORY_REST = re.compile(r"^(?:有关|相关|其他)?(?:部门|单位|机构)$")
# X等部门和Y: two mentions, X and Y.
MENTION_CATEGORY_AND = re.compile(rf"{_CATEGORY}(?:和|及|以及|与)")
# A label of a note's group that names no agency (完成时限: 2025年): the group is skipped.
NOTE_OTHER_LABEL = re.compile(r"^[\u4e00-\u9fff]{2,6}\s*:")
# A bracketed aside closing a mention (各区人民政府〈含开发区, 以下…〉): not part of the name.
MENTION_ASIDE = re.compile(r"\s*[(〈〔【\[][^()〈〉〔〕【】\[\]]*?(?:含|包括|以下|,|;)[^()〈〉〔〕【】\[\]]*[)〉〕】\]]$")
# What an agency's name ends with, to accept a trailing group of a note that has no role word.
AGENCY_TAIL = re.compile(
    r"(?:政府|厅|局|委|委员会|办|办公室|部|院|署|中心|站|所|队|会|管委会|集团|公司|银行|行|分行|支行|部门|单位|机构|法院|检察院|监狱)"
    r"(?:\([^()]{1,12}\))?$")
# A canonical agency name still headed by a bare level word: its place is not known
# (省发展和改革委员会). 市场…, 省直…, 市属…, 县域…, 市级…, 市政… (but 市政府, 市政协) are not.
AGENCY_BARE_SCOPE = re.compile(r"^(?:自治区|省|市|区|县|州)(?!场|属|直|域|级|政(?!府|协))")
# A collective: a class of bodies, not one body.
AGENCY_COLLECTIVE = re.compile(
    r"^(?:各|有关|相关|其他|其它|地方各级|全[省市区县]各|沿[\u4e00-\u9fff]{1,4}各)"  # 各区人民政府, 有关部门
    r"|^(?:[省市区县州旗]、?){2,}(?![场属直域级])|^[县区]?、?乡镇"  # 市州, 县市区人民政府, 市、区机管局, 乡镇
    r"|^[省市区县州](?:\([^()]*、[^()]*\))"  # 县(市、区)人民政府
    r"|(?:部门|单位|机构|企业|各级人民政府|各级政府)$"  # 行业主管部门, 省直有关单位, 发电企业
    r"|^[省市区县州]$")  # 市 alone, the head of an elided list (市、区机管局)
# 各 with level words only (各市, 各区(市), 各县(市、区)): what follows in the list is under it.
AGENCY_BARE_EACH = re.compile(r"^各(?:[省市区县州乡镇旗](?:\([^()]*\))?)+$")
# What is left of a party committee's name, its place taken off: 委, 委办公厅, 省委 ….
AGENCY_PARTY_COMMITTEE = re.compile(r"^(?:[省市区县州]?委)(?:办公厅|办公室)?$")
# Role words NOTE_ROLE_WORD misses (a note may hold only these).
NOTE_ROLE_WORD_MORE = re.compile(r"分工落实|具体落实|组织实施|抓好落实")
# A body written without any prefix that, in a local document, is the document's own: …委, …委员会.
AGENCY_OWN_LEVEL_TAIL = re.compile(r"(?:委|委员会)$")
# --- browser ---
# Node captions (pipeline/graph/captions.py): a run of characters Browser must not
# break (Latin letters, digits, ASCII punctuation, units such as μg/m³ and ℃), else one
# character; the issuer before 关于 at the start of a title (X关于Y的意见 -> Y的意见); and a
# title cited inside a title (山东省贯彻落实〈…〉的若干措施).
CAPTION_RUN = re.compile(r"[\x21-\x7e\u00b2\u00b3\u00b5\u03bc\u2103\u2030\u00b0·\u2264\u2265\u2191\u2193]+|\s+|.", re.S)
CAPTION_ISSUER_ABOUT = re.compile(r"^(?:[^《〈<“\"（(]{2,24}?)?关于(?=.{4})")
CAPTION_INNER_TITLE = re.compile(r"(?P<open>[〈《])(?P<inner>[^〈《〉》]+)(?P<close>[〉》])")

# --- titles of news pages ---
# A news page about a plan it names as made (某厅制定《T》, 编制《T》): T is the page's title, even
# after a purpose clause (为…，某厅制定《T》), where a cited document's verbs (贯彻, 按照) would not be.
NEWS_MADE = re.compile(r"(?:制定|制订|编制)(?:了|出台了?|印发了?)?\s*《(?P<title>[^《》]{4,80})》")

# --- small patterns the field and agency modules share (were written inline) ---
PARTY_PREFIX = re.compile(r"^(?:中共|中国共产党)")  # 中共北京市委 -> 北京市委
NATIONAL_PREFIX = re.compile(r"^国家")
WHITESPACE = re.compile(r"\s+")
NAME_LIST_SEP = re.compile(r"[ 、]")  # 国家发展改革委 生态环境部 / A、B: names in a signature or an issuer
LIST_AND = re.compile(r"[和及]")
BRACKETED = re.compile(r"\([^()]*\)")
TOC_WORD = re.compile(r"目\s*录")
MASTHEAD_WORD = re.compile(r"文\s*件|文|件")
# a bracketed line inside a signature block (（2021年11月19日）), skipped when reading the signatories
SIGNATURE_BRACKET = re.compile(r"\s*\([^()]{2,30}\)\s*")
ISSUER_PUNCT = re.compile(r"[。,;:《》“”]")
DOCNO_OPEN = re.compile(r"[\[［【﹝(]")
DOCNO_CLOSE = re.compile(r"(?<=〔\d{4})[\]］】﹞)J]")

# --- tables ---
# Characters no spreadsheet cell may hold (XML 1.0 forbids them; openpyxl refuses them): the C0
# controls but tab, newline and carriage return. `policykg export --format csv|xlsx` drops them
# from every text cell so the CSV and the workbook hold the same text (pipeline/graph/tables.py).
TABLE_ILLEGAL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# --- similar ---
# Measure text compared between levels (pipeline/graph/similarity.py): a number (with its
# decimal point, thousands commas and a trailing %/‰) folds to one "#", and every character
# that is not a letter, a digit, a CJK ideograph or "#" (punctuation, brackets, spaces) goes.
SIMILAR_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)*[%‰]?")
SIMILAR_DROP = re.compile(r"[^0-9a-z#\u3400-\u4dbf\u4e00-\u9fff]+")
# --- search ---
# A jieba token that is no word for full-text search: punctuation, symbols and spaces only.
SEARCH_NOT_A_WORD = re.compile(r"[\s\W_]+")
# Lucene query syntax characters, escaped in a Neo4j full-text query (PM2.5, （一）, a+b).
LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')
# A run of Latin letters and digits, decimal points inside (PM2.5, 5G, 10.5): one search word.
SEARCH_LATIN_RUN = re.compile(r"[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*")
# Where index_words may cut a text without changing its words (jieba never joins across these).
SEARCH_SENTENCE_END = re.compile(r"(?<=[。；;！!？?\n])")
# --- parseq ---
# 展望2035年 (an outlook year) is a deadline like 到2035年.
DEADLINE_OUTLOOK = re.compile(r"(?:展望|远景|远期)\s*(?:到|至)?\s*$")
# A label that opens a paragraph of targets (主要目标:到2025年,…): the deadline after it still opens the paragraph.
TARGET_LABEL = re.compile(r"\s*[^\d,;:。!?()]{0,8}(?:目标|指标)(?:任务)?\s*:")
# A paragraph cut by a page or line break mid-sentence: it ends on a word, a number or a comma, not on 。;:!?
OPEN_PARAGRAPH_END = re.compile(r"[\u4e00-\u9fff\d%,、]\s*$")
# A heading that opens with a verb of action sets a task, not a review: 加快科技成果转化, 巩固治理成效.
TASK_HEADING = re.compile(
    rf"^\s*(?:第{_CN}[章节]|{_CN}、|\(\s*(?:{_CN}|\d{{1,2}})\s*\)|专栏\s*(?:\d+|{_CN})|\d{{1,2}}\s*[.、])?\s*[:]?\s*"
    r"(?:加快|加速|推进|推动|巩固|鼓励|实施|加强|提升|促进|强化|注重|深化|完善|建立|健全|开展|做好|确保|扩大|"
    r"支持|培育|打造|构建|落实|持续|全面|大力|积极|着力|狠抓|抓好|拓展|拓宽|优化|严格)")
RUNNING_TEXT = re.compile(r"[,。;]")
# Indicator names. A name that ends with a conjunction gives way to the noun after its count, as one
# ending with 等 does (A、B及3家烧结企业 -> 烧结企业); a 等 or conjunction left at the end is dropped.
INDICATOR_ENDS_JOINED = re.compile(r"(?:以及|及|和|与|或)$")
INDICATOR_TRAIL_JOIN = re.compile(r"(?:等|以及|及|和|与|或)+$")
# A name opening with a preposition and a place (在漳州古雷新建…, 为全州…配备…): the thing is after the verb.
INDICATOR_PREP_PLACE = re.compile(r"^(?:在|为|向)[^,;:。]{1,24}?(?:新建|新造|建设|建成|实施|开展|配备|打造|培育|创建|布局|推广|安装|设立|建立)")
# 将节能率提升至80%: the disposal marker is no part of the name.
INDICATOR_LEAD_DISPOSAL = re.compile(r"^(?:将|把)(?=[\u4e00-\u9fff]{2})")
# Size thresholds (second edition: not targets) with an aside or an alternative before the bound:
# 5万平方米(含)以上的综合体, 2万吨二氧化碳(或1万吨标准煤)及以上的企业, 300吨标准煤或建筑面积5000平方米及以上的机构.
QUALIFIER_AFTER_ASIDE = re.compile(
    r"\s*(?:\([^()]{0,30}\)|\))\s*(?:以上|以下|及以上|及以下)\s*的?[\u4e00-\u9fff]"
    r"|\s*(?:\([^()]{0,30}\))?\s*或[^,;:。()]{0,20}?(?:以上|以下|及以上|及以下)\s*的[\u4e00-\u9fff]")
# A share of a grant is a subsidy rate, no target: 资助金额不超过总投资的30%, 按改造成本的50%给予补助.
GRANT_MONEY = re.compile(r"补助|补贴|资助|奖补|贴息|奖励(?!性)")
# A penalty (处1万元以上3万元以下的罚款) sanctions; it commits to nothing.
PENALTY = re.compile(r"罚款|罚金")
# A bare year after a place that opens its clause (麦积区2025年农村黑臭水体消除比例达到100%) is at the clause head.
YEAR_AFTER_PLACE_HEAD = re.compile(
    r"^[\s(]*(?!根据|按照|依据|依照|对|在|将|为|从|由|以|与|和|及|同|比|较|至|到|于|我|本|全|各|每)"
    r"[\u4e00-\u9fff]{1,6}(?:省|市|区|县|州|旗|盟)\s*$")
# 到规划期末 / 到本规划期末: a deadline whose year is the end of the period the plan's title names.
PLAN_PERIOD_END = re.compile(r"(?:到|至)\s*(?:本)?规划(?:期末|末期)")
TITLE_PERIOD = re.compile(r"(?P<y1>\d{4})\s*(?:-|—|–|~|至|到)\s*(?P<y2>\d{4})\s*年?")

# --- prov ---
NEWLINE = re.compile(r"\n")  # line breaks of the cleaned text: where its paragraphs start (provenance.py)

# --- tables2 ---
# Indicator tables (pipeline/parse/tables.py): an attribute cell, for a column whose header does not say 属性.
TABLE_ATTRIBUTE_CELL = re.compile(r"^(?:约束性|预期性|导向性|指导性)[①-⑳*＊]?$")
TABLE_PLAN_PERIOD = re.compile(r"十[一二三四五]五")  # “十四五”目标值: the plan's last year (tables.py)
TABLE_NAME_NOTE = re.compile(r"(?<=[)）])\s*\d{1,2}\s*$")  # 浓度（微克/立方米）1: a footnote number after the unit
# a unit with a digit in it, drawn as plain text (μg/m3, m3/万元); letters required, so (2020年) is none
TABLE_NAME_UNIT_DIGITS = re.compile(r"\(((?=[^()]*[A-Za-zμ])[^()]{1,12})\)\s*[①-⑳*★]*\s*$")
TABLE_NAME_SERIAL = re.compile(r"^\s*\d{1,2}\s*[.．、]\s*(?=\D)")  # 4.非化石能源消费比重 (never 4.5万亩)

# --- years ---
# Not commitments (second edition, "Not targets"), met among the targets with no year (bench/PARSER_QUALITY.md):
# a quota of a call for applications: 限报1项, 拟支持不超过5个项目, 拟立项2项, 推荐数量(名额)可放宽至30家.
QUOTA_BEFORE = re.compile(r"(?:限报|限项|拟支持|拟立项|拟资助|推荐数量|名额|每家推荐|支持立项数)[^,;:。()]{0,12}$")
# the size of one unit of a set, after a multiplier: 2×100兆瓦 (two units of 100), 7×24小时.
TIMES_BEFORE = re.compile(r"[×*]\s*$")
# a standard named by its percentage: 执行75%节能设计标准, 节能75%的设计和施工图审查标准, 节能65%标准.
STANDARD_AFTER = re.compile(r"\s*的?\s*(?:节能|节水)?\s*(?:设计|强制性)?\s*标准(?!化)")
SAVING_BEFORE = re.compile(r"节能\s*$")
STANDARD_WORD = re.compile(r"标准(?!化)")
# a condition, not a commitment: …超过20%的, / …达到85%以上的, (a nominal clause: those that …).
CONDITION_AFTER = re.compile(r"\s*(?:\(含\))?\s*(?:以上|以下|及以上|及以下|以内)?\s*的\s*(?=[,;。])")
# a clause opened by if: 如果…偏差大于5%,则… / 若…低于3%.
CONDITION_HEAD = re.compile(r"\s*(?:如果|假如|倘若|若(?!干))")
# a default of a calculation: 如无实测,取值12%.
DEFAULT_VALUE_BEFORE = re.compile(r"取值\s*(?:为)?\s*$")
# a definition: 新增排放源是指…年排放量大于或等于2万吨的排放源.
DEFINITION = re.compile(r"是指|系指|指的是")
# a heading over the conditions of an application or a grant (申报条件, 申报对象及要求, 资助标准, 扶持内容):
# its text states conditions, not commitments.
APPLICATION_HEADING = re.compile(
    r"申报(?:条件|要求|对象|资格)|申请(?:条件|要求|资格)|资助(?:标准|条件|方式)|扶持(?:内容|标准|方式|条件)|"
    r"支持(?:标准|方式|条件)|资格条件|遴选条件")
# a price range or benchmark set for a market: 价格合理区间为每吨570—770元, 基准价(0.3644元/千瓦时).
PRICE_SETTING = re.compile(r"价格?(?:合理)?区间|基准价")
# a qualifier of what is governed: 岸线1公里范围内严禁新建…, (单体建筑面积5000平方米及以上).
RANGE_QUALIFIER_AFTER = re.compile(r"\s*(?:范围内|范围以内)(?!\s*[,;:。!?)]|\s*$)")
BRACKET_BOUND_AFTER = re.compile(r"\s*(?:\(含\))?\s*(?:及以上|以上|及以下|以下)\s*\)")
SUB_TARGET = re.compile(r"其中")  # (其中智能充电桩5万个以上): a part of the target, itself one
# A deadline after the value in its clause (70%左右的处级以上单位2022年6月底前建成): within this many characters,
# before a "." that ends a sentence (not a decimal point).
DEADLINE_AFTER_REACH = 20
ASCII_FULL_STOP = re.compile(r"(?<!\d)\.|\.(?!\d)")
# A white paper says so in its head: 国务院新闻办发表《…》白皮书 / 特发布本白皮书 (its title may not).
WHITE_PAPER_HEAD = re.compile(r"(?:发表|发布)\s*(?:本|《[^《》\n]{1,40}》)\s*白皮书")

# --- outline ---
# A numbered line that is a table's row, not a heading: two figures side by side with only space between
# (二、可再生能源949.2 9.94% 3477.6 24.58%): a heading's title never holds a run of bare figures.
TABLE_ROW_HEAD = re.compile(r"\d(?:\.\d+)?%?\s+[-+]?\d")

# --- targets ---
# Not commitments (second edition, "Not targets"; "a numeric commitment … that the text commits to"), met in a
# precision sample of corpus-wide's targets (bench/PARSER_QUALITY.md, "Precision of targets").
# A count of the indicators of a plan's own indicator system: 共设置指标28项, 其中约束性指标9项, 包括16项指标.
INDICATOR_SYSTEM_COUNT_BEFORE = re.compile(r"指标\s*(?:共|合计|总计)?\s*$")
INDICATOR_SYSTEM_COUNT_AFTER = re.compile(r"\s*(?:主要|具体|核心|考核|评价|监测)?\s*指标(?!体系建设|任务)")
COUNT_UNITS = frozenset("项个类条家处座")
# A total that describes what there is: 共9个县, 共计73个项目, 涉及28个县(区) (no verb between it and the count),
# and the parts a text is written in: 从5个方面, 包括5个部分, 满足以下2个条件, 分3个阶段.
TOTAL_BEFORE = re.compile(r"(?:共|共计|合计|总计|涉及)\s*$")
# (not 14个方面90项改革举措, where the next count is what the parts hold; 5个方面28项指标 describes twice)
PARTS_AFTER = re.compile(r"\s*(?:方面|部分|维度|层面|条件|步骤|阶段)(?!\s*\d+\s*[项个]\s*(?!指标)[\u4e00-\u9fff])")
# Parameters of a calculation (allocation and verification rules, coefficient tables): a variable bound
# (F≥85%, 75%≤F<80%), a named parameter (水泥粉磨基准值:0.025吨CO2/吨, 碳含量:37.5%, 免费配额比例为96%),
# a value taken as an average (取全市平均值12.5升), a share a formula multiplies (供电量的70%,乘以…) or counts by
# (按废皮革20%的比例计算).
VARIABLE_BOUND_BEFORE = re.compile(r"(?<![A-Za-z])[A-Za-z]\s*(?:≥|≤|>|<|=)\s*$")
VARIABLE_BOUND_AFTER = re.compile(r"\s*(?:≤|<|≥|>)\s*[A-Za-z](?![A-Za-z])")
PARAMETER_BEFORE = re.compile(
    r"(?:基准值|基准线值|排放因子|碳含量|含碳量|低位发热量|修正系数|调整系数|下降系数|折算系数|配额比例|分配比例)\s*(?:为|:|取|是|按)?\s*$"
    r"|取\s*[^,;:。]{0,10}?(?:平均值|均值|缺省值|默认值|推荐值)\s*(?:为)?\s*$")
CALCULATION_AFTER = re.compile(
    r"\s*,?\s*(?:乘以|再乘以|×)|(?:\s*、[^,;:。、]{0,10}?\d+(?:\.\d+)?\s*%)*\s*的?\s*比例\s*(?:计算|折算|核算|扣除)")
# A statement of the present or a concession (目前…比重超过40%, 虽然…约为全省平均水平的50%): a fact, no commitment.
PRESENT_FACT = re.compile(r"(?<![比较与同和])目前|现阶段|虽然|尽管")
# A year a white paper reports on (截至2021年9月30日, 2020年底, 2011年10月): with no date, its own year is the last.
REPORTED_YEAR = re.compile(r"(?:截至|截止)\s*(?P<a>\d{4})\s*年|(?<![到至\d])(?P<b>\d{4})\s*年\s*(?:底|末|\d{1,2}\s*月)(?!\s*(?:前|以前|之前))")
# A capacity inside a project's name (…水库250兆瓦渔光互补光伏发电项目, 年产5万吨次氧化锌项目, 2台15吨燃煤锅炉
# 脱硝设施改造项目) or a class of units (30万千瓦级燃煤机组): it names what is built, no target.
CAPACITY_IN_NAME_AFTER = re.compile(r"[\u4e00-\u9fffA-Za-z0-9/]{0,24}?(?:项目|工程)(?![\u4e00-\u9fff]{0,2}(?:数|个数|规模|总量))(?=[、,;。)和及与]|$)")
# (a generic work after a verb or a count commits to its size: 实施9条115.56公里中小河流治理工程)
NOT_A_NAME_BEFORE = re.compile(r"(?:实施|建设|新建|建成|完成|开展|推进|启动|改造|治理|新增|累计|\d\s*[条个项处座家])\s*$")
CLASS_AFTER = re.compile(r"\s*(?:及以上|以上)?\s*级(?!别|以上)")
# A band a price or rate may move in (在基准价基础上上下浮动20%): a rule of pricing, no target.
FLOAT_BEFORE = re.compile(r"(?:上下浮动|上浮|下浮|浮动)(?:幅度)?(?:原则上)?(?:不超过|不高于|最高)?\s*$")
# A time limit of a procedure (公布后10个工作日内报送): no target.
PROCEDURE_LIMIT_AFTER = re.compile(r"\s*工作日\s*内")
# A verb inside a name, before the noun it forms with (森林质量精准提升面积500万亩): no cut there.
INDICATOR_VERB_NOUN = re.compile(r"面积")
# A rule's condition on a share (生产比例低于40%的企业采用基准线法, 利用率达到90%以上的企业可申请): those it names, no target.
RULE_BOUND_BEFORE = re.compile(r"(?:高于|低于|大于|小于|超过|不足|不到|达到|未达到)\s*$")
RULE_CONDITION_AFTER = re.compile(r"\s*(?:\(含\))?\s*(?:以上|以下)?\s*的\s*[\u4e00-\u9fff]{1,8}?(?:采用|适用|执行|实行|按照|按|纳入|可以|可|须|应当|应)")
# A footnote stating what a figure assumes (1以2025年全社会用电量8000亿千瓦时计): it sets no targets.
FOOTNOTE_ASSUMPTION = re.compile(r"^\s*(?:注\s*\d*\s*[:.、]?|[①-⑳]|\d{1,2}(?=[\u4e00-\u9fff]))\s*(?:以|按)[^。]{2,120}?计\s*[。.]?\s*$")
# A distance that bounds where a ban holds (高潮线向陆一侧500米范围内,禁止…): a qualifier, also before a comma.
RANGE_BAN_AFTER = re.compile(r"\s*(?:范围内|范围以内|以内)\s*,?\s*(?:禁止|严禁|不得|不再|一律|限制)")
# A term of a formula (…×12.5升/百公里×(100%—充电桩安装比例%)): a parameter.
FORMULA_BEFORE = re.compile(r"[×*÷=]\s*\(?\s*$")
# A bare 百/千 before a unit and a noun (百公里汽油消耗量): the denominator of a rate, no value.
RATE_DENOMINATOR = re.compile(r"^[百千]\s*(?:公里|千米|米|吨|人|户|元)$")
# A glossary entry (10.“四梁八柱”:《…》中提出的…8项制度): it explains a term and sets no targets.
GLOSSARY_ENTRY = re.compile(r"^\s*\d{1,2}\s*[.、]\s*[“\"][^”\"]{1,20}[”\"]\s*:")
# A list of names before 分别 split on 、 and on these (颗粒物、二氧化硫与氮氧化物排放量分别…).
LIST_AND_ITEMS = re.compile(r"[和及与]")
# A disposal marker inside a name (鼓励城镇污水处理厂将污泥含水量降低至60%): the thing measured follows it.
INDICATOR_DISPOSAL_INSIDE = re.compile(r"^.{2,}?(?:将|把)(?=[\u4e00-\u9fff]{3})")
# A share written before what it is a share of, with no verb between a scope and it (某地港口90%的港作船舶使用岸电):
# the thing measured follows the share (not 达到40%的目标, where a verb stands before the number).
SHARE_OF_AFTER = re.compile(r"\s*(?:以上|以下|左右)?\s*的\s*(?!目标|要求|水平|标准|基础|比例|幅度|速度|增幅|降幅)[\u4e00-\u9fff]{2}")
# ... unless the words before already name a measure (完成光伏消纳率100%的…示范: a rate, then what has it).
INDICATOR_MEASURE_HEAD = re.compile(r"(?:率|比|比例|比重|占比|量|度|数|值|面积|浓度|指数|强度|系数|效率|份额|水平)$")

# --- tables (h-tables: cells spanning rows, notes in cells) ---
# A note in brackets after a table cell's value (325.46（以国家下达指标为准）, ≥10（暂定）, 15.94（较2015年）):
# no part of the value (pipeline/parse/tables.py).
TABLE_CELL_NOTE = re.compile(r"\s*\((?=[^()]*[\u4e00-\u9fff])[^()]*\)\s*$")
# A review column besides 完成情况: 达标情况 (whether the last plan's targets were reached).
TABLE_REACHED = re.compile(r"达标情况")
