"""Graph commands: ``ingest``, ``stats``, ``cypher``, ``export`` (``query``: query_cmd.py).

Every command works on the embedded store (``--store DIR``, else ``$POLICYKG_STORE``,
else ``./policykg-store``) or, with ``--neo4j`` or ``--neo4j-uri URI``, on a Neo4j
server (pipeline/cli/options.py).
"""
from __future__ import annotations

import csv
import io
import json
import os
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any, Optional, Sequence

import click

from pipeline.cli.options import open_graph, store_options, where
from pipeline.errors import InputError, PolicykgError, StoreError

PROGRESS_MIN = 4  # a progress bar from this many documents on

_open = open_graph
_where = where


# -- parameters and output -------------------------------------------------------------

def parse_params(items: Sequence[str], as_json: bool) -> dict[str, Any]:
    """``key=value`` pairs; with ``as_json`` a value that is JSON (3, 2.5, [1,2], true) is typed."""
    out: dict[str, Any] = {}
    for item in items:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise click.BadParameter(f"{item!r} is not key=value", param_hint="-p")
        if as_json:
            try:
                value = json.loads(value)
            except ValueError:
                pass
            except RecursionError:
                raise InputError(f"-p {key}: the JSON value is nested too deeply",
                                 hint="pass a flatter value") from None
            _check_integers(key, value)
        out[key] = value
    return out


_INT64 = (-(2 ** 63), 2 ** 63 - 1)


def _check_integers(key: str, value: Any) -> None:
    """Whole numbers must fit the stores' 64-bit integers (else a driver cast error surfaces)."""
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, bool):
            continue
        if isinstance(v, int) and not _INT64[0] <= v <= _INT64[1]:
            raise InputError(f"-p {key}: {v} does not fit a 64-bit integer",
                             hint="give a smaller number, or quote it as a string")
        if isinstance(v, list):
            stack.extend(v)
        elif isinstance(v, dict):
            stack.extend(v.values())


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1
               for c in text)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) < 1e15 else repr(value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if _width(text) <= limit:
        return text
    out, w = "", 0
    for c in text:
        cw = _width(c)
        if w + cw > limit - 1:
            break
        out, w = out + c, w + cw
    return out + "…"


def format_table(columns: list[str], rows: list[list[Any]], max_width: int = 60) -> str:
    """A plain-text table whose columns line up with Chinese text (wide characters count 2)."""
    cells = [[_clip(_cell(v), max_width) for v in row] for row in rows]
    heads = [_clip(c, max_width) for c in columns]
    widths = [max([_width(h)] + [_width(r[i]) for r in cells]) for i, h in enumerate(heads)]

    def line(values: list[str]) -> str:
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths)).rstrip()

    out = [line(heads), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def emit_rows(columns: list[str], rows: list[list[Any]], fmt: str) -> None:
    if fmt == "json":
        data = [dict(zip(columns, r)) for r in rows]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    elif fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(columns)
        for r in rows:
            w.writerow([_cell(v) for v in r])
        click.echo(buf.getvalue(), nl=False)
    else:
        click.echo(format_table(columns, rows))


_FORMAT = click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]),
                       default="table", show_default=True, help="how to print the rows")


# -- commands ---------------------------------------------------------------------------

def register(cli: click.Group) -> None:
    cli.add_command(ingest_cmd)
    cli.add_command(stats_cmd)
    cli.add_command(cypher_cmd)
    from pipeline.cli.query_cmd import query_cmd

    cli.add_command(query_cmd)
    cli.add_command(export_cmd)


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@store_options
@click.option("--workers", type=int, default=None,
              help="parser processes for several files (default: every core)")
@click.option("--records", is_flag=True,
              help="the PATHs are records saved by `policykg parse` (.json, .jsonl; - reads JSON lines "
                   "from standard input), not documents")
@click.option("--progress/--no-progress", default=None,
              help=f"show a progress bar (default: from {PROGRESS_MIN} documents, on a terminal)")
@click.option("--fail-fast", is_flag=True,
              help="stop at the first file that cannot be read (the documents before it stay written)")
@click.option("--similar", "similar", is_flag=True,
              help="then link restated measures (SIMILAR_TO), as `policykg similar` does")
def ingest_cmd(paths: tuple[str, ...], store_dir: Optional[Path], neo4j_uri: Optional[str],
               workers: Optional[int], records: bool, progress: Optional[bool],
               fail_fast: bool, similar: bool) -> None:
    """Parse documents (files or folders) and write them into the graph.

    Each document replaces its earlier version in one transaction (the same file,
    the same content, or the same title, issuer and date); a different document
    whose title another already has is kept beside it, with a note. A file that
    cannot be read or parsed gets one error line and is left out; every other
    file is written, and the run ends with a line naming the failures and a
    non-zero exit. With --fail-fast the first such file stops the run instead.
    The last line counts the citations that name an ingested document or a stub.
    With --similar the store's SIMILAR_TO edges are then recomputed, in a transaction
    of their own, as `policykg similar` (default score) does.
    """
    from pipeline.graph.ingest import ingest_records, parse_files, read_record_files

    failures: list[InputError] = []
    bar = None

    def say(line: str) -> None:
        if bar is not None:
            bar.write(line, file=sys.stderr)
        else:
            click.echo(line, err=True)

    def failed(exc: InputError) -> None:
        failures.append(exc)
        say(f"policykg: error: {exc}")

    on_error = None if fail_fast else failed
    if records:
        files = _record_files(paths)
        source = read_record_files(files, on_error=on_error)
    else:
        from pipeline.cli.parse_cmd import default_workers, expand_paths

        files = expand_paths(paths)
        source = parse_files(files, workers=workers or default_workers(),
                             on_error=on_error)
    if progress is None:
        progress = len(files) >= PROGRESS_MIN and sys.stderr.isatty()
    start = time.perf_counter()
    written = 0
    with _open(store_dir, neo4j_uri, create=True) as store:
        held_before = set(store.document_ids())
        if progress:
            from tqdm import tqdm

            jsonl = records and any(f.endswith(".jsonl") or f == "-" for f in files)
            bar = tqdm(total=None if jsonl else len(files), unit="doc", desc="ingest",
                       file=sys.stderr, dynamic_ncols=True)

        def counted(records_in):  # the bar follows parsing, the slow part
            for record in records_in:
                yield record
                if bar is not None:
                    bar.update(1)

        def done(_summary) -> None:
            nonlocal written
            written += 1

        try:
            summary = ingest_records(store, counted(source), on_document=done, on_note=say)
        except PolicykgError:
            if bar is not None:
                bar.close()
                bar = None
            if written:
                click.echo(f"policykg: {_n(written, 'document')} written to "
                           f"{_where(store_dir, neo4j_uri)} before the error", err=True)
            raise
        finally:
            if bar is not None:
                bar.close()
                bar = None
        try:
            totals = store.stats()
            n_stubs = len(store.document_ids(stub=True))
        except PolicykgError as exc:  # the documents are written; only the count failed
            raise StoreError(f"{_n(summary.documents, 'document')} written to {_where(store_dir, neo4j_uri)}, "
                             f"then counting the store failed: {exc.bare}",
                             hint="the ingest is complete; run `policykg stats` to see the totals") from None
        similar_line = None
        if similar:
            from pipeline.graph.similar_edges import recompute_similar

            try:
                similar_line = recompute_similar(store).line()
            except PolicykgError as exc:  # the documents are written; only the edges failed
                raise StoreError(f"{_n(summary.documents, 'document')} written to "
                                 f"{_where(store_dir, neo4j_uri)}, then linking restated measures "
                                 f"failed: {exc.bare}", hint="run `policykg similar` again") from None
    seconds = time.perf_counter() - start
    click.echo(ingest_summary(summary, held_before, totals, n_stubs, seconds,
                              _where(store_dir, neo4j_uri)))
    if summary.links is not None:
        click.echo(summary.links.line())
    if similar_line:
        click.echo(similar_line)
    if failures:
        click.echo(f"policykg: {len(failures)} of {_n(len(files), 'file')} could not be read "
                   f"({_named(failures)}); {_n(written, 'document')} written to "
                   f"{_where(store_dir, neo4j_uri)}", err=True)
        raise SystemExit(InputError.exit_code)


def ingest_summary(summary, held_before: set[str], totals: dict, n_stubs: int, seconds: float,
                   where: str) -> str:
    """Two lines: what this ingest wrote, and what the store now holds."""
    ids = set(summary.document_ids)
    replaced = len(ids & held_before)
    new = len(ids) - replaced
    parts = ([f"{new} new"] if new or not replaced else []) + (
        [f"{replaced} replacing the version already held"] if replaced else [])
    n_nodes = sum(totals["nodes"].values())
    n_rels = sum(totals["relationships"].values())
    n_docs = totals["nodes"].get("Document", 0)
    cited = f" ({n_docs - n_stubs} ingested, {n_stubs} known only from citations)" if n_stubs else ""
    return (f"ingested {_n(summary.documents, 'document')} in {seconds:.1f} s "
            f"({', '.join(parts)}): {_n(summary.nodes, 'node')} and "
            f"{_n(summary.relationships, 'relationship')} written (agencies and indicators "
            "already held are not rewritten)\n"
            f"{where} now holds {_n(n_nodes, 'node')} and {_n(n_rels, 'relationship')}: "
            f"{_n(n_docs, 'document')}{cited}")


def _named(failures: Sequence[InputError], limit: int = 10) -> str:
    """The failed files, by name: a.pdf, b.txt and 3 more."""
    names = [Path(getattr(f, "path", None) or str(f).split(":", 1)[0]).name for f in failures]
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _record_files(paths: Sequence[str]) -> list[str]:
    out: list[str] = []
    for p in paths:
        if p == "-":  # standard input, as JSON lines
            out.append(p)
            continue
        path = Path(p)
        if path.is_dir():
            found = sorted(str(f) for f in path.iterdir() if f.suffix in (".json", ".jsonl"))
            if not found:
                raise InputError("no .json or .jsonl records in this folder", path=p)
            out.extend(found)
        elif path.exists():
            out.append(str(path))
        else:
            raise InputError("no such file or folder", path=p, hint="check the path")
    return out


@click.command("stats")
@store_options
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
def stats_cmd(store_dir: Optional[Path], neo4j_uri: Optional[str], fmt: str) -> None:
    """Count the graph's nodes by label and relationships by type."""
    with _open(store_dir, neo4j_uri, reader=True) as store:
        stats = store.stats()
    if fmt == "json":
        click.echo(json.dumps(stats, ensure_ascii=False, indent=2))
        return
    rows = [["node", k, v] for k, v in stats["nodes"].items()]
    rows += [["relationship", k, v] for k, v in stats["relationships"].items()]
    click.echo(format_table(["kind", "name", "count"], rows))


@click.command("cypher")
@click.argument("query")
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
              help="a query parameter ($KEY); JSON values (3, 2.5, true, [1,2]) are typed, "
                   "anything else is text")
@click.option("--read-only", "read_only", is_flag=True,
              help="refuse any statement that would change the graph (the store is opened "
                   "read-only)")
@_FORMAT
@store_options
def cypher_cmd(query: str, params: tuple[str, ...], read_only: bool, fmt: str,
               store_dir: Optional[Path], neo4j_uri: Optional[str]) -> None:
    """Run a Cypher statement and print its rows.

    On the embedded store the statement is LadybugDB's Cypher, which differs from
    Neo4j's in places (substring and list positions count from 1, label(r) for
    type(r), CALL show_tables() for db.labels(), … : README 'Cypher on the two
    stores'); with --neo4j it is Neo4j's. Pass values with -p KEY=VALUE as $KEY.
    """
    values = parse_params(params, as_json=True)
    with _open(store_dir, neo4j_uri, read_only=read_only) as store:
        result = store.run(query, values, read_only=read_only)
    emit_rows(result.columns, result.rows, fmt)


_TABLE_NAMES = ("documents", "tasks", "targets", "panel")  # pipeline/graph/tables.py


@click.command("export")
@click.argument("out", required=False, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["graphml", "json", "csv", "xlsx", "neo4j-import"]),
              default="graphml", show_default=True,
              help="graphml (Gephi, yEd, Cytoscape) or node-link json: the graph; csv (a folder of tables) "
                   "or xlsx (a workbook): research tables; neo4j-import: a folder of CSV files for "
                   "`policykg neo4j import`")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="file to write (default: standard output); for csv and neo4j-import a folder")
@click.option("--table", "tables", multiple=True, type=click.Choice(_TABLE_NAMES),
              help="csv/xlsx: a table to write (repeat for several; default: all, docs/tables.md)")
@click.option("--records", "records", multiple=True, type=click.Path(),
              help="neo4j-import: write these records (.json/.jsonl, a folder of them, - for JSON "
                   "lines on stdin) instead of the store's graph")
@click.option("--parse", "documents", multiple=True, type=click.Path(),
              help="neo4j-import: parse these documents (files or folders) instead of reading the store")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="neo4j-import --records/--parse: processes for parsing and for the nodes' captions and "
                   "search text (default: every core; the files are those of one)")
@store_options
def export_cmd(out: Optional[Path], fmt: str, output: Optional[Path], tables: tuple[str, ...],
               records: tuple[str, ...], documents: tuple[str, ...], workers: Optional[int],
               store_dir: Optional[Path], neo4j_uri: Optional[str]) -> None:
    """Write the whole graph as GraphML or JSON to OUT (or -o FILE; default: standard output),
    the research tables documents, tasks, targets and panel as CSV files into a folder or as
    one xlsx workbook (docs/tables.md), or, with --format neo4j-import, neo4j-admin's CSV files
    into the folder OUT."""
    from pipeline.graph.export import read_graph, write_graph

    if out and output and out != output:
        raise click.UsageError("give the output file once: OUT or -o FILE")
    output = output or out
    if fmt == "neo4j-import" or records or documents:
        from pipeline.cli.bulk_cmd import export_neo4j_import

        if fmt != "neo4j-import":
            raise click.UsageError("--records and --parse go with --format neo4j-import")
        if tables:
            raise click.UsageError("--table picks research tables: use it with --format csv or xlsx")
        export_neo4j_import(output, records, documents, workers, store_dir, neo4j_uri)
        return
    if fmt in ("csv", "xlsx"):  # format -> writer: the tables (pipeline/cli/tables_export.py)
        from pipeline.cli.tables_export import export_tables

        return export_tables(fmt, output, tables, store_dir, neo4j_uri)
    if tables:
        raise click.UsageError("--table picks research tables: use it with --format csv or xlsx")
    if output is not None and output.is_dir():
        raise InputError("is a folder", path=str(output), hint="give the file to write")
    with _open(store_dir, neo4j_uri, reader=True) as store:
        graph = read_graph(store)
    if output is None:
        write_graph(graph, sys.stdout.buffer, fmt)
        sys.stdout.buffer.flush()
        return
    tmp = output.with_name(output.name + ".part")
    try:
        with open(tmp, "wb") as fh:
            write_graph(graph, fh, fmt)
        os.replace(tmp, output)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(f"cannot write: {exc.strerror}", path=str(output),
                         hint="check the folder exists and is writable") from None
    click.echo(f"wrote {graph.number_of_nodes()} nodes and {graph.number_of_edges()} "
               f"relationships to {output}", err=True)
