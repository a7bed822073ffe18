"""``policykg search TEXT``: ranked full-text search over measures, tasks and targets."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Optional

import click

from pipeline.cli.options import open_graph, store_options

CSV_COLUMNS = ["rank", "kind", "score", "id", "documentId", "documentTitle", "measureNumber",
               "measureTitle", "text", "marked", "page", "paragraph", "charStart", "charEnd", "matched"]


def _row(rank: int, h) -> dict:
    return {"rank": rank, "kind": h.kind, "score": h.score, "id": h.id, "documentId": h.document_id,
            "documentTitle": h.document_title, "measureNumber": h.measure_number,
            "measureTitle": h.measure_title, "text": h.text, "marked": h.marked, "page": h.page,
            "paragraph": h.paragraph, "charStart": h.char_start, "charEnd": h.char_end,
            "matched": h.matched}


def _csv(hits) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, CSV_COLUMNS, lineterminator="\n")
    w.writeheader()
    for i, h in enumerate(hits, 1):
        row = _row(i, h)
        row["matched"] = " ".join(h.matched)
        w.writerow({k: "" if v is None else v for k, v in row.items()})
    return buf.getvalue()


def _where(h) -> str:
    parts = [f"{k} {v}" for k, v in (("page", h.page), ("paragraph", h.paragraph)) if v is not None]
    if h.char_start is not None:
        parts.append(f"chars {h.char_start}-{h.char_end}")
    return ", ".join(parts)


BEFORE, AFTER = 20, 80  # characters the table shows before and after the first marked word


def snippet(marked: str, before: int = BEFORE, after: int = AFTER) -> str:
    """The marked text cut to ``before`` characters before its first mark and ``after``
    after it, with … where it is cut; the whole text if short."""
    at = marked.find("«")
    if at < 0:
        at = 0
    start = max(0, at - before)
    end = min(len(marked), at + after)
    if end < len(marked):
        close = marked.find("»", end - 1)  # never cut inside a mark
        end = close + 1 if 0 <= close < end + 20 else end
    out = marked[start:end]
    if out.count("«") > out.count("»"):
        out += "»"
    return ("…" if start else "") + out.replace("\n", " ") + ("…" if end < len(marked) else "")


def _table(hits) -> str:
    out = []
    for i, h in enumerate(hits, 1):
        measure = " ".join(x for x in (h.measure_number, h.measure_title) if x)
        out.append(f"{i}. {h.kind}  score {h.score:g}  {h.id}")
        out.append(f"   document: {h.document_title}  ({h.document_id})")
        if measure:
            out.append(f"   measure: {measure}")
        where = _where(h)
        if where:
            out.append(f"   at: {where}")
        out.append(f"   {snippet(h.marked)}")
    return "\n".join(out)


def register(cli: click.Group) -> None:
    @cli.command("search")
    @click.argument("text")
    @click.option("--kind", "kinds", multiple=True, type=click.Choice(["task", "measure", "target"]),
                  help="search only these kinds (repeatable) [default: all three]")
    @click.option("--document", metavar="PART", default=None,
                  help="only hits in documents whose id is PART or whose title contains it")
    @click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True,
                  help="how many hits to show, best first")
    @click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
                  show_default=True)
    @store_options
    def search_cmd(text: str, kinds: tuple[str, ...], document: Optional[str], limit: int, fmt: str,
                   store_dir: Optional[Path], neo4j_uri: Optional[str]) -> None:
        """Find TEXT in the text of measures, tasks and targets, best first.

        TEXT is cut into words by jieba (the parser's dictionary); a hit holds at
        least one of them, and hits holding more of them, and rarer ones, rank
        higher. Each hit shows its kind, score, document, measure, the text with
        the words marked « » (the table shows the passage around the first one; json
        and csv the whole text), and where it is (page, paragraph, characters) when
        the parser placed it. The embedded store ranks by BM25 over jieba words;
        Neo4j by its full-text index (cjk analyzer). No hit: exit 1.
        """
        from pipeline.errors import NoMatchError
        from pipeline.graph.search import search

        with open_graph(store_dir, neo4j_uri, read_only=True, reader=True) as store:
            hits = search(store, text, kinds=kinds, document=document, limit=limit)
        if not hits:
            where = f" in documents matching {document!r}" if document else ""
            raise NoMatchError(f"nothing matches {text!r}{where}",
                               hint="try fewer or other words, or `policykg query documents` for what is ingested")
        if fmt == "json":
            click.echo(json.dumps([_row(i, h) for i, h in enumerate(hits, 1)], ensure_ascii=False, indent=2))
        elif fmt == "csv":
            click.echo(_csv(hits), nl=False)
        else:
            click.echo(_table(hits))
