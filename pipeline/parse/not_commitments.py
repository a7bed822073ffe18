"""Numbers with units that commit to nothing (second edition, "Not targets").

* a qualifier of what is governed: 35蒸吨/小时以上燃煤锅炉, 5万平方米(含)以上的综合体;
* a subsidy, its ceiling or rate, a condition of an application, a penalty: 最高补助100万元,
  申报单位年营业收入不低于2000万元, 按改造成本的50%给予补助, 处5万元罚款;

and, met among corpus-wide's targets with no year (the classification in bench/PARSER_QUALITY.md):

* a quota of a call for applications: 限报1项, 拟支持不超过5个项目, 推荐数量可放宽至30家;
* the size of one unit of a set after a multiplier: 2×100兆瓦 (two units), 7×24小时;
* a standard named by its percentage: 执行75%节能设计标准, 节能65%的设计标准;
* a qualifier of what is governed: 岸线1公里范围内严禁新建…, (单体建筑面积5000平方米及以上);
* a condition: a nominal clause (…调整超过20%的,…), a clause opened by 如果/若, a definition (…是指…), a rule's
  condition on a share (生产比例低于40%的企业采用基准线法);
* a default of a calculation: 如无实测,取值12%; a price range or benchmark: 价格合理区间为每吨570—770元;
* the text under a heading over the conditions of an application (申报条件, 资助标准, 扶持内容);
* a white paper found by its head (特发布本白皮书) when its title does not say so: it reports what was done,
  up to the latest date of fact it states (截至2021年9月30日) when it has no date of its own;
* a count that describes: the plan's own indicator system (共设置指标28项, 其中约束性指标9项), a total of what
  there is (共9个县, 涉及28个县), the parts of a text (从5个方面);
* a parameter of a calculation: a variable's bound (F≥85%), a named parameter (基准值:0.025吨CO2/吨水泥, 碳含量:
  37.5%, 免费配额比例为96%), a value taken as an average (取全市平均值12.5升), a share a formula multiplies
  (供热量的70%,乘以…) or counts by (按20%的比例计算);
* a statement of the present or a concession: 目前…比重超过40%, 虽然…约为全省平均水平的50%;
* a capacity that names a project or a class of units (…250兆瓦渔光互补光伏发电项目, 30万千瓦级燃煤机组), a band
  a price may move in (上下浮动20%), a procedure's time limit (10个工作日内报送).

Pure functions over folded text (``pipeline.parse.fold``).
"""
from __future__ import annotations

from typing import Optional, Sequence

from pipeline.parse import rules
from pipeline.parse.fold import fold
from pipeline.parse.quantities import Quantity, clause_end, clause_start

_WHITE_PAPER_HEAD_CHARS = 2000  # the head where a white paper names itself


def not_a_commitment(folded: str, a: int, b: int, q: Quantity) -> bool:
    """The quantity ``q`` of the sentence ``folded[a:b]`` states a qualifier, a grant, a quota, a unit
    size, a standard's name, a condition, a definition, a default or a price range, not a target."""
    if is_qualifier(folded, q) or is_grant_or_condition(folded, a, b, q):
        return True
    cs = clause_start(folded, q.start, a)
    ce = clause_end(folded, q.end, b)
    if rules.QUOTA_BEFORE.search(folded, cs, q.start) or rules.TIMES_BEFORE.search(folded, max(a, q.start - 2), q.start):
        return True
    if q.unit == "%" and (rules.STANDARD_AFTER.match(folded, q.end) or (
            rules.SAVING_BEFORE.search(folded, max(a, q.start - 3), q.start) and rules.STANDARD_WORD.search(folded, q.end, ce))):
        return True
    if q.unit not in ("%", "百分点", "‰") and (rules.RANGE_QUALIFIER_AFTER.match(folded, q.end)
                                              or _bracketed_bound(folded, a, q)):
        return True
    if rules.CONDITION_AFTER.match(folded, q.end) or rules.CONDITION_HEAD.match(folded, cs, q.start):
        return True
    if rules.DEFAULT_VALUE_BEFORE.search(folded, max(a, q.start - 4), q.start):
        return True
    if (q.unit.startswith("元") or q.unit.endswith("元")) and rules.PRICE_SETTING.search(folded, cs, ce):
        return True
    if rules.DEFINITION.search(folded, cs, q.start):  # in its clause: …是指全市14个断面中…
        return True
    if describes(folded, cs, q) or is_parameter(folded, a, cs, q) or rules.PRESENT_FACT.search(folded, cs, q.start):
        return True
    if q.unit == "%" and rules.RULE_BOUND_BEFORE.search(folded, max(cs, q.start - 4), q.start) and \
            rules.RULE_CONDITION_AFTER.match(folded, q.end):
        return True  # 生产比例低于40%的企业采用基准线法
    if q.unit not in ("%", "百分点", "‰") and rules.RANGE_BAN_AFTER.match(folded, q.end):
        return True  # 高潮线向陆一侧500米范围内,禁止…
    if rules.RATE_DENOMINATOR.match(folded[q.start:q.end]) and "\u4e00" <= folded[q.end:q.end + 1] <= "\u9fff":
        return True  # 百公里汽油消耗量
    if q.unit == "个" and rules.PROCEDURE_LIMIT_AFTER.match(folded, q.end):
        return True  # 公布后10个工作日内报送
    if q.unit in ("%", "百分点") and rules.FLOAT_BEFORE.search(folded, max(cs, q.start - 10), q.start):
        return True  # 在基准价基础上上下浮动20%
    return names_a_capacity(folded, q)


def names_a_capacity(folded: str, q: Quantity) -> bool:
    """…水库250兆瓦渔光互补光伏发电项目 / 年产5万吨次氧化锌项目 / 30万千瓦级燃煤机组: a capacity that names a
    project or a class of units (a count of projects, 建设2个光伏项目, stays)."""
    if q.unit in rules.COUNT_UNITS or q.unit in ("%", "百分点", "‰", "台", "套", "座", "辆", "户", "人", "次"):
        return bool(q.unit in ("台", "套") and rules.CAPACITY_IN_NAME_AFTER.match(folded, q.end)
                    and rules.QUANTITY.match(folded, q.end))  # 2台15吨燃煤锅炉…改造项目
    if rules.CLASS_AFTER.match(folded, q.end):
        return True
    return bool(rules.CAPACITY_IN_NAME_AFTER.match(folded, q.end)
                and not rules.NOT_A_NAME_BEFORE.search(folded, max(0, q.start - 4), q.start))


def describes(folded: str, cs: int, q: Quantity) -> bool:
    """共设置指标28项 / 其中约束性指标9项 / 包括16项指标 / 共9个县 / 涉及28个县 / 5个方面: a count that describes
    (the plan's own indicator system, a total of what there is, the parts of a text), committing to nothing."""
    if q.unit not in rules.COUNT_UNITS:
        return False
    head = folded[max(cs, q.start - 6):q.start]
    if rules.INDICATOR_SYSTEM_COUNT_BEFORE.search(head) or rules.INDICATOR_SYSTEM_COUNT_AFTER.match(folded, q.end):
        return True
    if rules.PARTS_AFTER.match(folded, q.end):
        return True  # 从5个方面提出… / 核查过程包括5个部分
    return bool(rules.TOTAL_BEFORE.search(head))


def is_parameter(folded: str, a: int, cs: int, q: Quantity) -> bool:
    """F≥85% / 75%≤F<80% / 基准值:0.025吨CO2/吨 / 取全市平均值12.5升 / 供热量的70%,乘以… / 按20%的比例计算:
    a parameter of a calculation (an allocation or verification rule, a coefficient table), not a target."""
    if rules.VARIABLE_BOUND_BEFORE.search(folded, max(a, q.start - 3), q.start) or rules.VARIABLE_BOUND_AFTER.match(folded, q.end):
        return True
    if rules.FORMULA_BEFORE.search(folded, max(a, q.start - 3), q.start) and q.unit in ("%", "‰"):
        return True  # …×(100%—充电桩安装比例%)
    if rules.PARAMETER_BEFORE.search(folded, max(a, q.start - 16), q.start):  # 碳含量:37.5% (the colon ends no clause here)
        return True
    return bool(rules.CALCULATION_AFTER.match(folded, q.end))


def is_qualifier(folded: str, q: Quantity) -> bool:
    """35蒸吨/小时以上燃煤锅炉: a bound followed by the noun it qualifies (shares excepted), also past an
    aside or an alternative (5万平方米(含)以上的综合体, 300吨标准煤或5000平方米及以上的机构)."""
    if q.unit in ("%", "百分点", "‰"):
        return False
    return bool(rules.QUALIFIER_AFTER.match(folded, q.end) or rules.QUALIFIER_AFTER_ASIDE.match(folded, q.end))


def is_grant_or_condition(folded: str, a: int, b: int, q: Quantity) -> bool:
    """最高补助100万元 / 申报单位年营业收入不低于2000万元 / 处5万元罚款: a subsidy, its ceiling or rate,
    a condition of an application or a penalty, in the sentence folded[a:b]; none of them is a target."""
    cs = clause_start(folded, q.start, a)
    money = q.unit.startswith(("元", "美元")) or q.unit.endswith("元")
    if money and (rules.GRANT.search(folded, a, b) or rules.CAP.search(folded, cs, q.start)):
        return True
    if money and rules.PENALTY.search(folded, cs, clause_end(folded, q.end, b)):
        return True  # a penalty: 处1万元以上3万元以下的罚款
    if rules.CAP.search(folded, cs, q.start) and rules.GRANT.search(folded, a, b):
        return True
    if q.unit == "%" and rules.GRANT_MONEY.search(folded, cs, clause_end(folded, q.end, b)):
        return True  # a subsidy rate: 按改造成本的50%给予补助
    return bool(rules.APPLICATION.search(folded, cs, q.start))


def _bracketed_bound(folded: str, a: int, q: Quantity) -> bool:
    """(单体建筑面积5000平方米及以上): a bound in an aside, qualifying the noun before it; not
    (其中智能充电桩5万个以上), a part of the target before it."""
    if not rules.BRACKET_BOUND_AFTER.match(folded, q.end):
        return False
    opened = folded.rfind("(", a, q.start)
    if opened < 0 or folded.rfind(")", a, q.start) > opened:
        return False  # the value stands in no open aside: 改造(提升)管网30公里以上)
    return not rules.SUB_TARGET.search(folded, opened, q.start)


def application_heading(title: Optional[str]) -> bool:
    """申报条件, 申报对象及要求, 资助标准, 扶持内容: a heading over the conditions of an application."""
    return bool(rules.APPLICATION_HEADING.search(fold(title or "")))


def white_paper(title: Optional[str], paragraphs: Sequence[str]) -> bool:
    """A white paper: its title says so, or its head does (国务院新闻办发表《…》白皮书, 特发布本白皮书)."""
    if rules.WHITE_PAPER.search(title or ""):
        return True
    head = fold("\n".join(paragraphs)[:_WHITE_PAPER_HEAD_CHARS])
    return bool(rules.WHITE_PAPER_HEAD.search(head))


def white_paper_year(paragraphs: Sequence[str], year: Optional[int]) -> Optional[int]:
    """The year a white paper reports up to: the latest it states as a date of fact (截至2021年9月30日, 2020年底,
    2011年10月), or its own year if later. Its values dated then or before are what was done, not targets."""
    found = [int(m["a"] or m["b"]) for m in rules.REPORTED_YEAR.finditer(fold("\n".join(paragraphs)))]
    found = [y for y in found if 1990 <= y <= 2100]
    return max(found + ([year] if year else [])) if found or year else None
