"""``policykg show ID``: where a target, task or measure was read (pipeline/graph/show.py)."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import click

from pipeline.cli.options import open_graph, store_options

BOLD, RESET = "\x1b[1m", "\x1b[0m"


def _where(s) -> str:
    parts = []
    if s.page is not None:
        parts.append(f"page {s.page}")
    if s.paragraph is not None:
        parts.append(f"paragraph {s.paragraph}")
    if s.start is not None:
        parts.append(f"characters {s.start}-{s.end}")
    return ", ".join(parts) if parts else "no provenance stored (re-ingest the document to place it)"


def text_of(s, tty: bool = False) -> str:
    """The reading of ``policykg show``; the mark in ANSI bold as well on a terminal."""
    what = {"Target": "target", "Task": "task", "Measure": "measure"}[s.label]
    head = f"{what} {s.id}"
    if s.indicator:
        head += f"  ({s.indicator})"
    lines = [head, f"document: {s.title}  ({s.document})"]
    if s.source:
        lines.append(f"source:   {s.source}")
    lines.append(f"where:    {_where(s)}")
    passage = s.passage(f"【{BOLD}", f"{RESET}】") if tty else s.passage()
    lines.append("passage:  " + passage.replace("\n", "\n          "))  # a measure's lines, aligned
    return "\n".join(lines)


def register(cli: click.Group) -> None:
    @cli.command("show")
    @click.argument("node_id", metavar="ID")
    @store_options
    @click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
                  help="text for reading; json for programs")
    def show_cmd(node_id: str, store_dir: Optional[Path], neo4j_uri: Optional[str], fmt: str) -> None:
        """Show where the target, task or measure ID was read.

        ID is a node id as the graph has it (doc-…/tg3, doc-…/m2/t1, doc-…/m2), or a node
        as `policykg cypher` prints it. Prints the document's title, the page (PDFs),
        the paragraph, the character offsets into the document's cleaned text, and the
        passage with the value (or the task, or the heading) marked 【so】.
        """
        from pipeline.graph.show import show

        with open_graph(store_dir, neo4j_uri, read_only=True, reader=True) as store:
            shown = show(store, node_id)
        if fmt == "json":
            click.echo(json.dumps(shown.to_json(), ensure_ascii=False, indent=2))
            return
        click.echo(text_of(shown, tty=sys.stdout.isatty()))
