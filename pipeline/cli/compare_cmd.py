"""``policykg compare``: a document's targets beside its parents'."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import click

from pipeline.cli.graph_cmds import _open, format_table, store_options


def _target(text: Optional[str], comparator: Optional[str], year: Optional[int]) -> str:
    if not text:
        return "-"
    return f"{comparator or ''}{text}" + (f" by {year}" if year else "")


def register(cli: click.Group) -> None:
    @cli.command("compare")
    @click.argument("document")
    @store_options
    @click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
    def compare_cmd(document: str, store_dir: Optional[Path], neo4j_uri: Optional[str], fmt: str) -> None:
        """Compare DOCUMENT's targets (id or part of the title) with its parents' targets."""
        from pipeline.graph.compare import compare

        with _open(store_dir, neo4j_uri) as store:
            c = compare(store, document)
        if fmt == "json":
            click.echo(json.dumps({"document": c.document, "title": c.title, "targets": c.rows,
                                   "notAdopted": c.not_adopted}, ensure_ascii=False, indent=2))
            return
        click.echo(f"{c.title}  ({c.document})")
        if not c.rows and not c.not_adopted:
            click.echo("it implements no ingested document with targets, or sets no targets")
            return
        click.echo("\nIts targets beside its parents':")
        click.echo(format_table(
            ["indicator", "this document", "parent", "parent's target", "verdict"],
            [[r["indicator"], _target(r["docValueText"], r["docComparator"], r["docYear"]),
              r["parentTitle"], _target(r["parentValueText"], r["parentComparator"], r["parentYear"]),
              r["verdict"]] for r in c.rows], max_width=40))
        click.echo("\nParents' targets it does not take up:")
        click.echo(format_table(
            ["parent", "indicator", "parent's target"],
            [[r["parentTitle"], r["indicator"], _target(r["parentValueText"], r["parentComparator"], r["parentYear"])]
             for r in c.not_adopted], max_width=40))
