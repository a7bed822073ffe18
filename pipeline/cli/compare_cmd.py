"""``policykg compare``: a document's targets beside its parents'."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any, Optional

import click

from pipeline.cli.options import open_graph, store_options
from pipeline.graph.compare import VERDICTS

_KINDS = {("change", "down"): "decrease", ("change", "up"): "increase", ("change", None): "change"}


def kind_text(kind: Optional[str], direction: Optional[str]) -> str:
    """level, decrease, increase or change: what a target's number means."""
    if not kind:
        return ""
    return _KINDS.get((kind, direction), kind if kind != "change" else f"change {direction}")


def target_text(value_text: Optional[str], comparator: Optional[str], year: Optional[int],
                kind: Optional[str] = None, direction: Optional[str] = None) -> str:
    """``<=30微克/立方米 level by 2025``; ``-`` for no target."""
    if not value_text:
        return "-"
    worded = value_text.endswith(("左右", "以内", "以下", "以上", "内", "之内"))
    cmp = "" if comparator in (None, "=") or worded else comparator
    out = f"{cmp}{value_text}"
    what = kind_text(kind, direction)
    if what:
        out += f" {what}"
    return out + (f" by {year}" if year else "")


def _level(level: Optional[str]) -> str:
    return f"{level}, " if level else ""


def _verdict_help() -> str:
    import textwrap

    width = max(len(v) for v in VERDICTS)
    pad = " " * (width + 4)
    return "\n".join(textwrap.fill(text, 78, initial_indent=f"  {v.ljust(width)}  ",
                                   subsequent_indent=pad) for v, text in VERDICTS.items())


CSV_COLUMNS = ["section", "indicator", "document", "docTarget", "docValue", "docUnit", "docKind",
               "docDirection", "docComparator", "docYear", "parent", "parentTitle", "parentLevel",
               "parentTarget", "parentValue", "parentUnit", "parentKind", "parentDirection",
               "parentComparator", "parentYear", "verdict", "targetsWaiting"]


def _csv(c) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, CSV_COLUMNS, lineterminator="\n", extrasaction="ignore")
    w.writeheader()

    from pipeline.cli.graph_cmds import _cell

    def put(section: str, row: dict[str, Any]) -> None:
        w.writerow({k: _cell(v) for k, v in {"section": section, "document": c.document,
                                             **row}.items()})

    for r in c.compared:
        put("compared", {**r, "docTarget": r["docValueText"], "parentTarget": r["parentValueText"]})
    for p in c.missing_parents:
        put("parent not ingested", {"parent": p["id"], "parentTitle": p["title"],
                                    "parentLevel": p["level"], "verdict": "parent not ingested",
                                    "targetsWaiting": p["targets"]})
    for r in c.not_adopted:
        put("not adopted", {**r, "parentTarget": r["parentValueText"], "verdict": ""})
    return buf.getvalue()


def register(cli: click.Group) -> None:
    @cli.command("compare", epilog="Verdicts:\n\n\b\n" + _verdict_help())
    @click.argument("document")
    @store_options
    @click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
                  show_default=True, help="table for reading; json or csv (one row per "
                  "comparison, parent not ingested, or target not taken up) for analysis")
    def compare_cmd(document: str, store_dir: Optional[Path], neo4j_uri: Optional[str], fmt: str) -> None:
        """Compare DOCUMENT's targets with the targets of the documents it implements.

        DOCUMENT is a document's id or a part of its title (`policykg query documents`
        lists them). For each of its targets and each ingested parent, the parent's
        target for the same indicator — value, unit, kind (level, or a decrease or
        increase) and year — and a verdict; then each parent that is not ingested,
        once; then the parents' targets the document does not take up.
        """
        from pipeline.cli.graph_cmds import format_table
        from pipeline.graph.compare import compare

        with open_graph(store_dir, neo4j_uri, read_only=True) as store:
            c = compare(store, document)
        if fmt == "json":
            click.echo(json.dumps({"document": c.document, "title": c.title, "parents": c.parents,
                                   "targets": c.compared, "parentsNotIngested": c.missing_parents,
                                   "notAdopted": c.not_adopted}, ensure_ascii=False, indent=2))
            return
        if fmt == "csv":
            click.echo(_csv(c), nl=False)
            return
        click.echo(f"{c.title}  ({c.document})")
        if not c.parents:
            click.echo("it implements no document (no IMPLEMENTS link): nothing to compare")
            return
        ingested = [p for p in c.parents if p["ingested"]]
        for p in ingested:
            rows = [r for r in c.compared if r["parent"] == p["id"]]
            click.echo(f"\nAgainst {p['title']}  ({_level(p['level'])}{p['id']}):")
            if not rows:
                click.echo("  this document sets no targets")
                continue
            click.echo(format_table(
                ["indicator", "this document", "parent's target", "verdict"],
                [[r["indicator"],
                  target_text(r["docValueText"], r["docComparator"], r["docYear"], r.get("docKind"),
                              r.get("docDirection")),
                  target_text(r["parentValueText"], r["parentComparator"], r["parentYear"],
                              r.get("parentKind"), r.get("parentDirection")),
                  r["verdict"]] for r in rows], max_width=50))
        missing = c.missing_parents
        if missing:
            click.echo("\nParents not ingested (ingest them to compare):")
            for p in missing:
                waiting = f" — {p['targets']} target{'s' if p['targets'] != 1 else ''} of this " \
                          "document wait for it" if p["targets"] else ""
                click.echo(f"  {p['title']}  ({_level(p['level'])}{p['id']}){waiting}")
        if ingested:
            click.echo("\nParents' targets it does not take up:")
            if not c.not_adopted:
                click.echo("  none")
            else:
                click.echo(format_table(
                    ["parent", "indicator", "parent's target"],
                    [[r["parentTitle"], r["indicator"],
                      target_text(r["parentValueText"], r["parentComparator"], r["parentYear"],
                                  r.get("parentKind"), r.get("parentDirection"))]
                     for r in c.not_adopted], max_width=200))
