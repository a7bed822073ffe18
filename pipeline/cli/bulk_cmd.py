"""``policykg export --format neo4j-import DIR``: the CSV files of neo4j-admin's bulk import.

From the store's graph (default), or straight from records (``--records``) or documents
(``--parse``) without a store in between: the fastest path for a large collection.
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Optional, Sequence

import click

from pipeline.cli.options import open_graph


def export_neo4j_import(out: Optional[Path], records: Sequence[str], documents: Sequence[str],
                        workers: Optional[int], store_dir: Optional[Path], neo4j_uri: Optional[str]) -> None:
    from pipeline.graph.neo4j_import import write_import_dir

    if out is None:
        raise click.UsageError("--format neo4j-import needs a folder to write: OUT")
    if records and documents:
        raise click.UsageError("give --records or --parse, not both")
    if (records or documents) and (store_dir is not None or neo4j_uri is not None):
        raise click.UsageError("--records/--parse read no store: leave out --store and --neo4j")
    began = time.perf_counter()
    if records or documents:
        from pipeline.cli.parse_cmd import default_workers
        from pipeline.graph.ingest import parse_files, read_record_files

        workers = workers or default_workers()

        if records:
            from pipeline.cli.graph_cmds import _record_files

            source = read_record_files(_record_files(records))
        else:
            from pipeline.cli.parse_cmd import expand_paths

            source = parse_files(expand_paths(documents), workers=workers)
        # captions and searchText, most of the time, computed ahead on `workers` processes
        manifest = write_import_dir(out, records=source, on_note=lambda line: click.echo(line, err=True),
                                    workers=workers)
    else:
        from pipeline.graph.export import read_graph

        with open_graph(store_dir, neo4j_uri, reader=True) as store:
            graph = read_graph(store)
        manifest = write_import_dir(out, graph=graph)
    click.echo(f"wrote {manifest.total_nodes} nodes and {manifest.total_relationships} relationships "
               f"to {out} in {time.perf_counter() - began:.1f} s; load them with "
               f"`policykg neo4j import {out}`", err=True)
