"""pipeline/parse/rules.py holds every pattern once: a second assignment to a name would silently
replace the first for every module that uses it."""
import ast
from collections import Counter
from pathlib import Path

from pipeline.parse import doc_title

RULES = Path(__file__).resolve().parents[1] / "pipeline" / "parse" / "rules.py"


def test_no_pattern_name_is_assigned_twice():
    tree = ast.parse(RULES.read_text(encoding="utf-8"))
    names = Counter(t.id for node in tree.body if isinstance(node, ast.Assign)
                    for t in node.targets if isinstance(t, ast.Name))
    assert [n for n, k in names.items() if k > 1] == []


def test_a_bracketed_period_on_its_own_line_closes_a_heading_but_not_a_longer_line():
    lines = doc_title.head_lines(["某省碳达峰实施方案", "（2021-2025年）", "各市人民政府："])
    assert doc_title.heading_blocks(lines)[0].text == "某省碳达峰实施方案（2021-2025年）"
    lines = doc_title.head_lines(["某省碳达峰实施方案", "（试行）序号指标名称", "各市人民政府："])
    assert doc_title.heading_blocks(lines)[0].text == "某省碳达峰实施方案"
