"""``policykg query``: the named research queries of ``queries/``.

``policykg query --list`` lists them; ``policykg query NAME --help`` shows one
query's question, its parameters (type, default, allowed values, how a name is
matched) and its example; ``policykg query NAME -p key=value …`` runs it,
read-only. A ``document``, ``agency`` or ``indicator`` parameter that matches
nothing in the graph is an error naming the query that lists what there is
(exit code 1), not an empty table.
"""
from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path
from typing import Optional

import click

from pipeline.cli.options import open_graph, store_options

_FORMATS = click.Choice(["table", "json", "csv"])


def query_help(query) -> str:
    """What ``policykg query NAME --help`` prints."""
    from pipeline.graph.named_queries import LOOKUPS

    width = min(100, max(60, shutil.get_terminal_size((88, 20)).columns))
    wrap = lambda text, indent="  ": textwrap.fill(  # noqa: E731
        text, width, initial_indent=indent, subsequent_indent=indent)
    usage = f"policykg query {query.name}"
    usage += "".join(f" -p {p.name}=VALUE" if p.required else "" for p in query.specs)
    if any(not p.required for p in query.specs):
        usage += " [-p KEY=VALUE ...]"
    usage += " [--format table|json|csv] [--store DIR | --neo4j | --neo4j-uri URI]"
    out = [f"Usage: {usage}", "", wrap(query.title), "", wrap(query.description), ""]
    if query.specs:
        out.append("Parameters (-p KEY=VALUE):")
        for p in query.specs:
            if p.required:
                status = "required"
            elif p.default is None:
                status = "optional; left out: all"
            else:
                status = f"default {json.dumps(p.default, ensure_ascii=False)}"
            out.append(f"  {p.name}  ({p.shown_type}; {status})")
            if p.description:
                out.append(wrap(p.description, "      "))
            if p.lookup:
                out.append(wrap(f"matched by {LOOKUPS[p.lookup]}", "      "))
        out.append("")
    else:
        out += ["Parameters: none", ""]
    if query.example:
        example = " ".join(f"-p {k}={v}" for k, v in query.example.items())
        out += ["Example:", f"  policykg query {query.name} {example}", ""]
    out += ["Options:",
            "  -p, --param KEY=VALUE        a parameter, as above (repeat for several)",
            "  --format [table|json|csv]    how to print the rows [default: table]",
            "  --store DIRECTORY            the embedded store's folder [env POLICYKG_STORE]",
            "  --neo4j / --neo4j-uri URI    use Neo4j ($NEO4J_URI or the local server) / that server",
            "",
            f"The statement: {_shown_path(query.path)}"]
    return "\n".join(out)


def _shown_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@click.command("query", add_help_option=False)
@click.argument("name", required=False)
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
              help="a parameter of the query (see `policykg query NAME --help`)")
@click.option("--list", "list_", is_flag=True, help="list the named queries")
@click.option("--format", "fmt", type=_FORMATS, default="table", show_default=True,
              help="how to print the rows")
@store_options
@click.option("-h", "--help", "help_", is_flag=True,
              help="show this message, or with NAME the query's parameters and example")
@click.pass_context
def query_cmd(ctx: click.Context, name: Optional[str], params: tuple[str, ...], list_: bool,
              fmt: str, store_dir: Optional[Path], neo4j_uri: Optional[str], help_: bool) -> None:
    """Run a named research query (queries/*.cypher), or list them with --list.

    `policykg query NAME --help` shows what a query answers, its parameters (types,
    defaults, allowed values) and an example. Parameters naming a document, an
    agency or an indicator match a part of its name; when nothing matches, the
    command says so on stderr and exits 1.
    """
    from pipeline.cli.graph_cmds import emit_rows, format_table, parse_params
    from pipeline.graph import named_queries as nq
    from pipeline.graph.lookups import check_lookups

    if help_:
        click.echo(query_help(nq.get_query(name)) if name else ctx.get_help())
        return
    if list_:
        if name:
            raise click.UsageError("give a query NAME or --list, not both")
        queries = nq.list_queries()
        if fmt == "json":
            click.echo(json.dumps([q.to_dict() for q in queries], ensure_ascii=False, indent=2))
            return
        rows = [[q.name, q.title, ", ".join(
            p.name if p.required else f"{p.name}={json.dumps(p.default, ensure_ascii=False)}"
            for p in q.specs)] for q in queries]
        if fmt == "csv":
            emit_rows(["name", "title", "parameters"], rows, "csv")
        else:
            click.echo(format_table(["name", "title", "parameters"], rows, max_width=80))
            click.echo("`policykg query NAME --help` shows a query's parameters and an example")
        return
    if not name:
        raise click.UsageError("give a query NAME (see `policykg query --list`)")
    query = nq.get_query(name)
    values = nq.bind(query, parse_params(params, as_json=False))
    with open_graph(store_dir, neo4j_uri, read_only=True) as store:  # a named query never writes
        check_lookups(store, query, values)
        result = store.run(query.cypher, values, read_only=True)
    emit_rows(result.columns, result.rows, fmt)
