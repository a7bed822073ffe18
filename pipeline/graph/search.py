"""Full-text search over the text of measures, tasks and targets, on either store.

* **Neo4j**: the full-text index ``policy_text`` (graph_schema/constraints.cypher, the
  ``cjk`` analyzer) queried with ``db.index.fulltext.queryNodes``; the query is the
  user's jieba words (runs of one-character words joined: ``query_phrases``), each a quoted phrase with Lucene's syntax characters escaped,
  joined by spaces (OR), passed as a parameter. The score is Lucene's (BM25).
* **Embedded (LadybugDB)**: LadybugDB's FTS extension is not part of the installed
  wheel and ``LOAD EXTENSION fts`` asks for ``INSTALL fts``, which downloads it from
  extension.ladybugdb.com — nothing may be downloaded at run time, so the embedded
  store is searched by our own BM25 (k1 1.2, b 0.75) over ``searchText``, the jieba
  words of each node (pipeline/graph/search_text.py): the candidates are the nodes
  holding at least one query word as a whole word (``CONTAINS ' w '``); document
  frequencies are counted among them, N and the mean length over all three labels.

Both give ``Hit`` rows, best first, with the document, the measure and the provenance
properties (null until the parser places them).
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any, Optional, Sequence

from pipeline.errors import InputError, StoreError
from pipeline.graph.search_text import mark, query_phrases, query_words
from pipeline.graph.store import GraphStore
from pipeline.parse import rules

KINDS: tuple[str, ...] = ("task", "measure", "target")
LABELS = {"task": "Task", "measure": "Measure", "target": "Target"}
INDEX_NAME = "policy_text"
K1, B = 1.2, 0.75

# Properties every hit reads (a label lacking one gives null).
_RETURN = """n.id AS id, n.documentId AS documentId, n.text AS text, n.title AS title,
       n.indicator AS indicator, n.measure AS measurePosition, n.position AS position,
       n.page AS page, n.paragraph AS paragraph, n.charStart AS charStart, n.charEnd AS charEnd"""

# The kind of a node from its id (pipeline/graph/build.py: …/m1, …/m1/t2, …/tg3): LadybugDB has
# no label test in an expression.
_KIND = ("CASE WHEN n.id CONTAINS '/tg' THEN 'target' WHEN n.id CONTAINS '/t' THEN 'task' "
         "ELSE 'measure' END")

# Always the three labels (a single-label pattern would refuse the properties its label lacks);
# the kinds asked for are kept afterwards.
_EMBEDDED_CANDIDATES = f"""
MATCH (n:Measure|Task|Target)
WHERE any(w IN $words WHERE n.searchText CONTAINS (' ' + w + ' '))
RETURN {_RETURN}, n.searchText AS searchText, {_KIND} AS kind
"""
_EMBEDDED_SIZE = """
MATCH (n:Measure|Task|Target) WHERE n.searchText IS NOT NULL
RETURN count(n) AS n, sum(size(n.searchText)) AS chars
"""
_NEO4J_QUERY = f"""
CALL db.index.fulltext.queryNodes('{INDEX_NAME}', $query) YIELD node AS n, score
WHERE any(l IN labels(n) WHERE l IN $labels)
RETURN {_RETURN}, score, {_KIND} AS kind
ORDER BY score DESC, id
LIMIT $fetch
"""
_DOCUMENTS = """
MATCH (d:Document) WHERE d.id IN $ids RETURN d.id AS id, d.title AS title
"""
_MEASURES = """
MATCH (m:Measure) WHERE m.documentId IN $ids
RETURN m.documentId AS documentId, m.position AS position, m.number AS number, m.title AS title
"""


@dataclass
class Hit:
    kind: str  # task | measure | target
    score: float
    id: str
    document_id: Optional[str]
    document_title: Optional[str]
    measure_number: Optional[str]
    measure_title: Optional[str]
    text: str
    marked: str  # text with the query's words framed « »
    page: Optional[int] = None
    paragraph: Optional[int] = None
    char_start: Optional[int] = None
    char_end: Optional[int] = None
    matched: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def kinds_labels(kinds: Sequence[str]) -> list[str]:
    chosen = list(dict.fromkeys(kinds)) or list(KINDS)
    bad = [k for k in chosen if k not in KINDS]
    if bad:
        raise InputError(f"unknown kind {bad[0]!r}", hint=f"use one of {', '.join(KINDS)}")
    return [LABELS[k] for k in chosen]


# A word in a measure's title or a target's indicator counts a tenth of one in the text (chosen on
# bench/search_quality.py's sample: 0.3 and 0.1 tried, 0.1 best): a
# short title field would otherwise outrank the text (Lucene normalises each field by its own
# length), so a measure whose title holds one word came before a task holding all of them.
FIELD_BOOSTS = (("text", None), ("title", "0.1"), ("indicator", "0.1"))


def lucene_query(words: Sequence[str]) -> str:
    """The words as Lucene phrases, each looked for in the text, title and indicator, joined by
    OR; syntax characters escaped (PM2.5, （一）)."""
    parts = []
    for w in words:
        quoted = '"' + rules.LUCENE_SPECIAL.sub(r"\\\1", w) + '"'
        parts += [f"{name}:{quoted}" + (f"^{boost}" if boost else "") for name, boost in FIELD_BOOSTS]
    return " ".join(parts)


def bm25(tf: int, df: int, n_docs: int, length: float, mean_length: float) -> float:
    """One word's BM25 weight in one node (Lucene's idf, always positive)."""
    idf = math.log(1 + (n_docs - df + 0.5) / (df + 0.5))
    norm = K1 * (1 - B + B * length / (mean_length or 1.0))
    return idf * tf * (K1 + 1) / (tf + norm)


def term_count(search_text: str, term: str) -> int:
    """How often ``term`` (one word, or words joined by spaces) stands in ``search_text`` as whole words."""
    tokens, want = search_text.split(), term.split()
    k = len(want)
    return sum(1 for i in range(len(tokens) - k + 1) if tokens[i:i + k] == want)


def score_rows(rows: list[dict], words: Sequence[str], n_docs: int, mean_length: float) -> list[tuple[float, dict]]:
    """(BM25 score, row) for rows carrying ``searchText``, best first (ties by id)."""
    tf = {r["id"]: {w: term_count(r.get("searchText") or "", w) for w in words} for r in rows}
    df = {w: sum(1 for counts in tf.values() if counts[w]) for w in words}
    scored = []
    for r in rows:
        counts = tf[r["id"]]
        length = len(r.get("searchText") or "")
        s = sum(bm25(counts[w], df[w], max(n_docs, len(rows)), length, mean_length)
                for w in words if counts[w])
        r["matched"] = [w.replace(" ", "") for w in words if counts[w]]
        scored.append((s, r))
    scored.sort(key=lambda x: (-x[0], x[1]["id"]))
    return scored


def search(store: GraphStore, text: str, kinds: Sequence[str] = (), document: Optional[str] = None,
           limit: int = 20) -> list[Hit]:
    """The ``limit`` best hits for ``text``, on whichever store ``store`` is."""
    words = query_words(text)
    if not words:
        raise InputError(f"the search text {text!r} holds no word to look for",
                         hint="give Chinese words or Latin letters and digits")
    labels = kinds_labels(kinds)
    neo4j = type(store).__name__ == "Neo4jStore"
    fetch = limit if document is None else max(limit * 20, 500)
    if neo4j:
        scored = _neo4j_rows(store, query_phrases(text), labels, fetch)
    else:
        scored = _embedded_rows(store, words, labels)
    return _hits(store, scored, [w.replace(" ", "") for w in words], document, limit)


def _embedded_rows(store: GraphStore, words: list[str], labels: list[str]) -> list[tuple[float, dict]]:
    rows = store.run(_EMBEDDED_CANDIDATES, {"words": words}, read_only=True).as_dicts()
    if not rows:
        return []
    size = store.run(_EMBEDDED_SIZE, read_only=True).as_dicts()[0]
    n_docs, chars = int(size["n"] or 0), float(size["chars"] or 0)
    scored = score_rows(rows, words, n_docs, chars / n_docs if n_docs else 1.0)
    kinds = {k for k, label in LABELS.items() if label in labels}
    return [(s, r) for s, r in scored if r["kind"] in kinds]


def _neo4j_rows(store: GraphStore, words: list[str], labels: list[str], fetch: int) -> list[tuple[float, dict]]:
    ensure = getattr(store, "ensure_schema", None)
    if ensure is not None and not getattr(store, "read_only", False):
        ensure()  # a store ingested before the index existed gets it now
    try:
        rows = store.run(_NEO4J_QUERY, {"query": lucene_query(words), "labels": labels, "fetch": fetch},
                         read_only=True).as_dicts()
    except StoreError as exc:
        if INDEX_NAME in str(exc):
            raise StoreError(f"Neo4j has no full-text index {INDEX_NAME}",
                             hint="run `policykg ingest --neo4j …` once, which creates it") from None
        raise
    for r in rows:
        r["matched"] = [w for w in words if w in (_all_text(r)).lower()]
    return [(float(r["score"]), r) for r in rows]


def _all_text(r: dict) -> str:
    return " ".join(x for x in (r.get("indicator"), r.get("title"), r.get("text")) if x)


def _hits(store: GraphStore, scored: list[tuple[float, dict]], words: list[str],
          document: Optional[str], limit: int) -> list[Hit]:
    ids = sorted({r["documentId"] for _, r in scored if r.get("documentId")})
    if not ids:
        return []
    titles = {r["id"]: r["title"] for r in store.run(_DOCUMENTS, {"ids": ids}, read_only=True).as_dicts()}
    if document:
        keep = {i for i, t in titles.items() if i == document or document in (t or "")}
        scored = [(s, r) for s, r in scored if r.get("documentId") in keep]
    scored = scored[:limit]
    ids = sorted({r["documentId"] for _, r in scored})
    measures = {}
    if ids:
        measures = {(r["documentId"], r["position"]): r for r in
                    store.run(_MEASURES, {"ids": ids}, read_only=True).as_dicts()}
    hits = []
    for s, r in scored:
        kind = r["kind"]
        position = r.get("position") if kind == "measure" else r.get("measurePosition")
        m = measures.get((r["documentId"], position), {})
        text = r.get("text") or ""
        if kind == "measure" and r.get("title") and not text.startswith(r["title"]):
            text = f"{r['title']} {text}".strip()
        if kind == "target" and r.get("indicator") and r["indicator"] not in text:
            text = f"[{r['indicator']}] {text}"
        hits.append(Hit(kind=kind, score=round(s, 4), id=r["id"], document_id=r["documentId"],
                        document_title=titles.get(r["documentId"]), measure_number=m.get("number"),
                        measure_title=m.get("title"), text=text, marked=mark(text, words),
                        page=r.get("page"), paragraph=r.get("paragraph"), char_start=r.get("charStart"),
                        char_end=r.get("charEnd"), matched=list(r.get("matched") or [])))
    return hits
