"""Where a target, task or measure was read: its document, page, paragraph, offsets, passage.

``show(store, text)`` finds the node (``text`` is its id as the graph has it, or as
``policykg query``/``cypher`` print it: quoted, or a node printed as JSON), reads its
provenance properties and its document's kept cleaned text (``Document.text``), and
gives the passage: the item's sentence with some context either side, the value (a
target), the task's text or the measure's heading marked. Read-only Cypher with
parameters, the same on both stores.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any, Optional

from pipeline.errors import NoMatchError
from pipeline.graph.store import GraphStore
from pipeline.parse.provenance import sentence_bounds

CONTEXT = 40  # characters of context either side of the sentence, within its paragraph
MARK_MAX = 240  # a longer marked span (a measure, a long task) is cut in its middle

_PROV = ("n.documentId AS documentId, n.page AS page, n.paragraph AS paragraph, "
         "n.charStart AS charStart, n.charEnd AS charEnd")
_FIND = {
    "Target": f"MATCH (n:Target) WHERE n.id = $id RETURN {_PROV}, n.valueText AS marked, "
              "n.sentence AS sentence, n.indicator AS indicator, n.text AS text",
    "Task": f"MATCH (n:Task) WHERE n.id = $id RETURN {_PROV}, n.text AS marked, n.text AS text",
    "Measure": f"MATCH (n:Measure) WHERE n.id = $id RETURN {_PROV}, n.title AS marked, "
               "n.number AS number, n.text AS text",
}
_DOCUMENT = ("MATCH (d:Document) WHERE d.id = $id "
             "RETURN d.title AS title, d.source AS source, d.text AS text")


@dataclass
class Shown:
    id: str
    label: str  # Target | Task | Measure
    document: str  # its document's id
    title: str
    source: Optional[str]
    page: Optional[int]
    paragraph: Optional[int]
    start: Optional[int]
    end: Optional[int]
    before: str  # the passage: before + marked + after
    marked: str
    after: str
    sentence: Optional[str] = None  # a target's sentence
    indicator: Optional[str] = None  # a target's indicator
    exact: bool = False  # the text at [start, end) is the value / task text the node holds

    def passage(self, open_mark: str = "【", close_mark: str = "】") -> str:
        return f"{self.before}{open_mark}{self.marked}{close_mark}{self.after}"

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["passage"] = self.passage()
        return d


def node_id(text: str) -> str:
    """The id in what the user gave: the id, the id in quotes, or a node printed as JSON."""
    s = text.strip()
    if s.startswith("{"):
        try:
            data = json.loads(s)
        except ValueError:
            data = None
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            return data["id"].strip()
    return s.strip("\"'`“”‘’ ")


def _int(v: Any) -> Optional[int]:
    return int(v) if v is not None else None


def _cut(s: str, limit: int) -> str:
    if len(s) <= limit:
        return s
    half = limit // 2
    return s[:half] + "…" + s[-half:]


def passage(text: str, start: int, end: int, context: int = CONTEXT) -> tuple[str, str, str]:
    """(before, marked, after) of [start, end) in ``text``: its sentence and up to ``context``
    characters more either side, never past its line."""
    a, b = sentence_bounds(text, start, end)
    line_a = text.rfind("\n", 0, start) + 1
    line_b = text.find("\n", end)
    line_b = len(text) if line_b < 0 else line_b
    lo, hi = max(line_a, a - context), min(line_b, b + context)
    before = ("…" if lo > line_a else "") + text[lo:start]
    after = text[end:hi] + ("…" if hi < line_b else "")
    return before, _cut(text[start:end], MARK_MAX), after


def _find(store: GraphStore, nid: str) -> tuple[str, dict[str, Any]]:
    for label, cypher in _FIND.items():
        rows = store.run(cypher, {"id": nid}, read_only=True).as_dicts()
        if rows:
            return label, rows[0]
    raise NoMatchError(f"no target, task or measure has the id {nid!r}; list ids with e.g. "
                       "`policykg cypher \"MATCH (t:Target) RETURN t.id, t.valueText LIMIT 10\"`")


def show(store: GraphStore, text: str) -> Shown:
    nid = node_id(text)
    label, row = _find(store, nid)
    docs = store.run(_DOCUMENT, {"id": row["documentId"]}, read_only=True).as_dicts()
    doc = docs[0] if docs else {"title": "", "source": None, "text": None}
    full = doc.get("text") or ""
    start, end = _int(row["charStart"]), _int(row["charEnd"])
    marked = row.get("marked") or ""
    if label == "Measure":
        marked = f"{row.get('number') or ''}{marked}"
    if full and start is not None and end is not None and 0 <= start <= end <= len(full):
        before, shown, after = passage(full, start, end)
        got = full[start:end]
        exact = got == (row.get("marked") or "") if label == "Target" else (
            got.replace("\n", "") == (row.get("text") or "") if label == "Task" else True)
    else:
        # no provenance (ingested before the parser placed it) or no kept text: what the node says
        before, shown, after = "", _cut(marked, MARK_MAX), ""
        sentence = row.get("sentence") or ""
        if label == "Target" and marked and marked in sentence:
            k = sentence.find(marked)
            before, after = sentence[:k], sentence[k + len(marked):]
        exact = False
    return Shown(id=nid, label=label, document=row["documentId"], title=doc.get("title") or "",
                 source=doc.get("source"), page=_int(row["page"]), paragraph=_int(row["paragraph"]),
                 start=start, end=end, before=before, marked=shown, after=after,
                 sentence=row.get("sentence") if label == "Target" else None,
                 indicator=row.get("indicator") if label == "Target" else None, exact=exact)
