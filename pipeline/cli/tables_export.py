"""``policykg export --format csv|xlsx``: the research tables (docs/tables.md) from either store.

The command itself is ``export`` (graph_cmds.py); it hands these two formats here.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional, Sequence

import click

from pipeline.cli.options import open_graph

TABLE_FORMATS = ("csv", "xlsx")


def export_tables(fmt: str, output: Optional[Path], tables: Sequence[str], store_dir: Optional[Path],
                  neo4j_uri: Optional[str]) -> None:
    from pipeline.graph.export import read_graph
    from pipeline.graph.table_files import write_csv_tables, write_xlsx_tables
    from pipeline.graph.tables import TABLE_NAMES, graph_tables

    if output is None:
        what = "a folder for the CSV files" if fmt == "csv" else "the .xlsx file"
        raise click.UsageError(f"--format {fmt} writes files: give -o with {what}")
    names = list(dict.fromkeys(tables)) or list(TABLE_NAMES)
    with open_graph(store_dir, neo4j_uri, reader=True) as store:
        graph = read_graph(store)
    result = graph_tables(graph, names)
    counts = ", ".join(f"{t.name} {len(t.rows)}" for t in result)
    if fmt == "csv":
        files = write_csv_tables(result, output)
        click.echo(f"wrote {len(files)} CSV table{'s' if len(files) != 1 else ''} to {output} "
                   f"(rows: {counts})", err=True)
    else:
        write_xlsx_tables(result, output)
        click.echo(f"wrote {len(result)} sheet{'s' if len(result) != 1 else ''} to {output} "
                   f"(rows: {counts})", err=True)
