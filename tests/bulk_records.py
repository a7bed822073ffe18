"""Records for the bulk-import tests: the fixture records, with values neo4j-admin's CSV
must carry whole (quotes, commas, line breaks, backslashes, Chinese, a leading space).

``as_sets(graph)`` is a graph as comparable sets: nodes and relationships with every
property and its type (JSON keeps 1 and 1.0, true and 1 apart).
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from pipeline.model import Record

FIXTURES = Path(__file__).resolve().parent / "fixtures"
HOSTILE_TEXT = '他说"好",然后\n第二行\\n，\r\n第三行 "引号"\\'
HOSTILE_TITLE = ' 标题, 带逗号和"引号"'


def fixture_records() -> list[Record]:
    files = sorted((FIXTURES / "records").glob("*.json")) + sorted((FIXTURES / "query-records").glob("*.json"))
    out = []
    for n, path in enumerate(files):
        data = json.loads(path.read_text(encoding="utf-8"))
        if n == 0:  # one document carries the values CSV must survive
            data["tasks"][0]["text"] = HOSTILE_TEXT
            data["measures"][0]["title"] = HOSTILE_TITLE
        for parent in data["parents"]:  # cited without its issuer: linked once the opinion is known
            if parent["title"] == "中共中央、国务院关于深入打好污染防治攻坚战的意见" and "shandong" in path.name:
                parent["title"] = "关于深入打好污染防治攻坚战的意见"
        out.append(Record.from_dict(data))
    return out


def as_sets(g) -> tuple[Counter, Counter]:
    nodes = Counter(json.dumps(a, sort_keys=True, ensure_ascii=False) for _, a in g.nodes(data=True))
    rels = Counter((u, v, json.dumps(a, sort_keys=True, ensure_ascii=False)) for u, v, a in g.edges(data=True))
    return nodes, rels
