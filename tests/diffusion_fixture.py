"""A hand-built hierarchy for the diffusion tests (tests/test_diffusion*.py).

N   national, 2021-01-10, implements nothing
P   山东省, provincial, 2021-03-01, implements N
C1  济南市, city, 2021-06-01, implements P
C2  烟台市, city, 2021-05-01, names no parent (region containment: P, then N)
D1  芝罘区, district, issuer 烟台市芝罘区人民政府, 2021-07-01, no parent (C2, then P, then N)

Targets (indicator: value unit kind direction comparator year):
  能耗 = 单位地区生产总值能耗, change down, %:       N 13.5 =, P 14.5 =, C1 16 >=
  优良 = 空气质量优良天数比率, level, %:             N 87.5 >=, P 85 >=, C2 90 >=
  PM2.5浓度, level, 微克/立方米:                     N 35 <= 2025 and 30 <= 2030, P 33 <= 2025,
                                                      C1 33 ~ 2025, D1 30 <= 2025
  用水总量 (a capped rise), change up, %:            N 5 <=, P 6 <=
  森林覆盖率, level, %:                              N 24.1 >=, C2 20 >=
  储能 = 新型储能装机容量, level, 千瓦 (a total):   N 30000000 >=, P 1000000 >= (share, not looser)
  优良 in 天 (another unit):                         C1 300 天 >=
"""
from __future__ import annotations

from pipeline.model import DocRef, DocumentMeta, Measure, Record, Section, Target
from pipeline.parse.titles import document_id

N_TITLE = "国务院关于印发测试减排综合工作方案的通知"
P_TITLE = "山东省测试减排实施方案"
C1_TITLE = "济南市测试减排工作方案"
C2_TITLE = "烟台市测试减排工作方案"
D1_TITLE = "芝罘区测试减排工作方案"

ENERGY = "单位地区生产总值能耗"
GOOD_DAYS = "空气质量优良天数比率"
PM = "细颗粒物（PM2.5）浓度"
WATER = "用水总量"
FOREST = "森林覆盖率"
STORAGE = "新型储能装机容量"


def target(indicator, value, unit, comparator, kind="level", direction=None, year=2025, **prov):
    return Target(measure=1, task=None, indicator=indicator, value=value, unit=unit, kind=kind,
                  direction=direction, comparator=comparator, year=year, baseline_year=None,
                  value_text=f"{value}{unit}", **prov)


def doc(title, level, region, day, targets, parents=(), issuer=None):
    return Record(document=DocumentMeta(title=title, level=level, region=region, date=day,
                                        issuer=issuer),
                  parents=[DocRef(title=p, level=None) for p in parents],
                  sections=[Section(1, "目标", "一、")], measures=[Measure(1, 1, "主要目标", "（一）")],
                  targets=targets)


RECORDS = [
    doc(N_TITLE, "national", "全国", "2021-01-10", [
        target(ENERGY, 13.5, "%", "=", kind="change", direction="down"),
        target(GOOD_DAYS, 87.5, "%", ">="),
        target(PM, 35, "微克/立方米", "<=", year=2025),
        target(PM, 30, "微克/立方米", "<=", year=2030),
        target(WATER, 5, "%", "<=", kind="change", direction="up"),
        target(FOREST, 24.1, "%", ">="),
        target(STORAGE, 30000000, "千瓦", ">="),
    ], issuer="国务院"),
    doc(P_TITLE, "provincial", "山东省", "2021-03-01", [
        target(ENERGY, 14.5, "%", "=", kind="change", direction="down"),
        target(GOOD_DAYS, 85, "%", ">="),
        target(PM, 33, "微克/立方米", "<="),
        target(WATER, 6, "%", "<=", kind="change", direction="up"),
        target(STORAGE, 1000000, "千瓦", ">="),
    ], parents=[N_TITLE], issuer="山东省人民政府"),
    doc(C1_TITLE, "city", "济南市", "2021-06-01", [
        target(ENERGY, 16, "%", ">=", kind="change", direction="down",
               page=3, paragraph=12, sentence="到2025年，单位地区生产总值能耗下降16%以上。"),
        target(PM, 33, "微克/立方米", "~"),
        target(GOOD_DAYS, 300, "天", ">="),
    ], parents=[P_TITLE], issuer="济南市人民政府"),
    doc(C2_TITLE, "city", "烟台市", "2021-05-01", [
        target(GOOD_DAYS, 90, "%", ">="),
        target(FOREST, 20, "%", ">="),
    ], issuer="烟台市人民政府"),
    doc(D1_TITLE, "district", "芝罘区", "2021-07-01", [
        target(PM, 30, "微克/立方米", "<="),
    ], issuer="烟台市芝罘区人民政府"),
]

N, P, C1, C2, D1 = (document_id(t) for t in (N_TITLE, P_TITLE, C1_TITLE, C2_TITLE, D1_TITLE))
