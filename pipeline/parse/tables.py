"""Indicator tables (表1 主要指标) as targets: one per row and target column.

The readers write a table as lines of their own (``pipeline.read.tables``: ``␞`` opens a
line, ``␟`` parts its cells, the first line is the header). ``extract_tables`` takes those
lines out of the paragraphs and leaves one placeholder paragraph (``␞表格1``) where the
table stands, so the paragraph logic never sees the rows; ``table_targets`` reads a
table as the second edition of docs/annotation.md says:

* each row is a target for each target column (2025年, 目标值), with the column's year;
* the cell's comparator: ≥85 ``>=``, ≤0.9 ``<=``, 25%左右 ``~``, a bare 40% ``=``; 新增8万个 (or
  an indicator named 下降/提高…) is a change (``>=``);
* the row's 现状值 / 2020年 cell is no target but the target's ``baseline_value`` (with
  ``baseline_year`` from that column); 属性 gives ``attribute``: 约束性 binding, 预期性 expected.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from pipeline.model import Target
from pipeline.parse import rules
from pipeline.parse.fold import fold
from pipeline.parse.numbers import scaled
from pipeline.read.tables import CELL_SEP, ROW_MARK, name_column


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]


def extract_tables(paragraphs: list[str]) -> tuple[list[str], list[Table]]:
    """Paragraphs with each run of table lines replaced by one placeholder, and the tables."""
    out: list[str] = []
    tables: list[Table] = []
    run: list[list[str]] = []

    def close() -> None:
        if run:
            tables.append(Table(header=run[0], rows=[r + [""] * (len(run[0]) - len(r)) for r in run[1:]]))
            out.append(f"{ROW_MARK}表格{len(tables)}")
            run.clear()

    for p in paragraphs:
        if p.startswith(ROW_MARK) and not rules.TABLE_PLACEHOLDER.fullmatch(p):
            run.append(p[len(ROW_MARK):].split(CELL_SEP))
        else:
            close()
            out.append(p)
    close()
    return out, tables


def placeholders(text: str) -> list[int]:
    """Indexes (0-based) of the tables whose placeholders stand in a block's text."""
    return [int(m[1]) - 1 for m in rules.TABLE_PLACEHOLDER.finditer(text)]


@dataclass
class _Columns:
    name: int
    unit: Optional[int]
    attribute: Optional[int]
    baseline: Optional[int]
    baseline_year: Optional[int]
    targets: list[tuple[int, Optional[int]]]  # (column, year)


def _period_end(header: str) -> Optional[int]:
    """A target column named for a five-year plan (“十四五”目标值) is that plan's last year."""
    m = rules.TABLE_PLAN_PERIOD.search(header)
    return rules.FYP_END[m[0]] if m else None


def _columns(header: list[str]) -> Optional[_Columns]:
    h = [fold(x).replace(" ", "") for x in header]
    name = name_column(h) if any(("指标" in x and "属性" not in x) or "项目" in x or "名称" in x for x in h) else None
    if name is None:
        name = next((k for k, x in enumerate(h) if not rules.TABLE_YEAR.search(x) and "序号" not in x), 0)
    unit = next((k for k, x in enumerate(h) if x in ("单位", "计量单位")), None)
    attribute = next((k for k, x in enumerate(h) if "属性" in x or "性质" in x), None)
    years = [(k, int(m[1])) for k, x in enumerate(h) if k != name and (m := rules.TABLE_YEAR.search(x))]
    baseline = next((k for k, x in enumerate(h) if rules.TABLE_BASELINE.search(x)), None)
    baseline_year = next((y for k, y in years if k == baseline), None)
    if baseline is None and len(years) >= 2:
        baseline, baseline_year = min(years, key=lambda ky: ky[1])
    targets = [(k, y) for k, y in years if k != baseline and (baseline_year is None or y > baseline_year)]
    targets += [(k, _period_end(x)) for k, x in enumerate(h) if rules.TABLE_TARGET.search(x) and k not in
                {t for t, _ in targets} and k != baseline]
    if not targets:
        return None
    return _Columns(name, unit, attribute, baseline, baseline_year, sorted(targets))


@dataclass
class _Value:
    value: float
    unit: str
    comparator: str
    change: bool


def _unit_of(name: str) -> tuple[str, str]:
    """'森林覆盖率（%）' -> ('森林覆盖率', '%')."""
    name = rules.TABLE_NAME_NOTE.sub("", name)
    m = rules.TABLE_NAME_UNIT.search(fold(name)) or rules.TABLE_NAME_UNIT_DIGITS.search(fold(name))
    if not m:
        return name, ""
    return name[:m.start()] + name[m.end():], m[1].strip()


def _value(cell: str, unit: str) -> Optional[_Value]:
    text = fold(cell).replace(" ", "").replace("≦", "≤").replace("≧", "≥")
    m = rules.TABLE_CELL.match(text) or rules.TABLE_CELL.match(rules.TABLE_CELL_NOTE.sub("", text))
    if not m:
        return None
    u = m["unit"] or unit
    mult = m["mult"]
    if not mult and u[:1] in ("万", "亿") and len(u) > 1:
        mult, u = u[0], u[1:]  # (万公顷): 26.26 is 262600 公顷
    value = scaled(m["num"], mult)
    comparator = {"≥": ">=", ">": ">", "≤": "<=", "<": "<", "＞": ">", "＜": "<"}.get(m["cmp"] or "", "=")
    if m["tail"]:
        comparator = {"左右": "~", "以上": ">=", "以下": "<=", "以内": "<="}[m["tail"]]
    return _Value(value, "百分点" if u == "个百分点" else u, comparator, bool(m["new"]))


def _indicator(name: str) -> str:
    s = rules.TABLE_NAME_CLEAN.sub("", rules.TABLE_NAME_SERIAL.sub("", name)).strip()
    return s


def _attribute_cells(table: Table) -> Optional[int]:
    """The column holding 约束性 / 预期性 in most rows, whatever its header says (指标类别)."""
    for k in range(len(table.header) - 1, -1, -1):
        hits = sum(1 for r in table.rows if rules.TABLE_ATTRIBUTE_CELL.match(r[k].strip()))
        if table.rows and hits * 2 > len(table.rows):
            return k
    return None


def _header_year(header: str) -> Optional[int]:
    m = rules.TABLE_YEAR.search(header)
    return int(m[1]) if m else _period_end(header)


def is_review(header: list[str]) -> bool:
    """A review of the last plan (完成情况, 达标情况): a column naming 完成 or 达标情况 with no year before another
    column's.

    A 2020年完成情况 column beside a 2025年目标值 column is the table's baseline (the plan looks ahead);
    a 完成情况 column with no year of its own, or a year no other column passes, reviews the past.
    """
    h = [fold(x).replace(" ", "") for x in header]
    reviews = [x for x in h if rules.TABLE_REVIEW.search(x) or rules.TABLE_REACHED.search(x)]
    if not reviews:
        return False
    ahead = [y for x in h if x not in reviews and (y := _header_year(x)) is not None]
    return not all((y := _header_year(x)) is not None and any(t > y for t in ahead) for x in reviews)


def table_targets(table: Table, measure: Optional[int], section: Optional[int]) -> list[Target]:
    if is_review(table.header):
        return []  # a review of the last plan (完成情况): past facts
    cols = _columns(table.header)
    if cols is None:
        return []
    attr_col = cols.attribute if cols.attribute is not None else _attribute_cells(table)
    heads = {fold(x).replace(" ", "") for x in table.header} | {"指标", "指标名称", "项目"}
    out: list[Target] = []
    for row in table.rows:
        if fold(row[cols.name]).replace(" ", "") in heads:
            continue  # the header repeated on a new page
        raw_name, unit = _unit_of(row[cols.name])
        if cols.unit is not None and row[cols.unit].strip():
            unit = fold(row[cols.unit]).strip()
        if not unit:
            # a unit wrapped into a cell of its own: (%)
            unit = next((m[1].strip() for c in row if (m := rules.TABLE_NAME_UNIT.fullmatch(fold(c).strip()))), "")
        name = _indicator(raw_name)
        if not name:
            continue
        attr = None
        if attr_col is not None:
            a = row[attr_col]
            attr = "binding" if "约束" in a else ("expected" if "预期" in a else None)
        base = _value(row[cols.baseline], unit) if cols.baseline is not None else None
        down = bool(rules.CHANGE_DOWN.search(name))
        up = bool(rules.TABLE_NAME_UP.search(name))
        for k, year in cols.targets:
            v = _value(row[k], unit)
            if v is None:
                continue
            change = v.change or down or up
            comparator = v.comparator
            if change and comparator == "=":
                comparator = ">="
            out.append(Target(
                measure=measure, task=None, indicator=name, value=v.value, unit=v.unit,
                kind="change" if change else "level",
                direction=("down" if down else "up") if change else None,
                comparator=comparator, year=year, baseline_year=cols.baseline_year,
                value_text=row[k].strip(), text=" ".join(c for c in row if c).strip(), section=section,
                baseline_value=base.value if base and base.unit == v.unit else None, attribute=attr))
    return out
