"""``policykg network``: the agency collaboration network (pipeline/graph/network.py)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Optional

import click

from pipeline.cli.options import open_graph, store_options

LEVELS = ("national", "provincial", "city", "district")
CSV_COLUMNS = ["section", "agency", "partner", "tasks", "documents", "collective", "degree",
               "weightedDegree", "betweenness"]


def _csv(net) -> str:
    from pipeline.cli.graph_cmds import _cell

    buf = io.StringIO()
    w = csv.DictWriter(buf, CSV_COLUMNS, lineterminator="\n")
    w.writeheader()
    for p in net.pairs:
        w.writerow({k: _cell(v) for k, v in {"section": "pair", "agency": p.agency,
                                             "partner": p.partner, "tasks": p.tasks,
                                             "documents": p.documents}.items()})
    for a in net.agencies:
        w.writerow({k: _cell(v) for k, v in {
            "section": "agency", "agency": a.agency, "collective": a.collective,
            "degree": a.degree, "weightedDegree": a.weighted_degree,
            "betweenness": a.betweenness}.items()})
    return buf.getvalue()


def _json(net) -> str:
    return json.dumps({
        "pairs": [{"agency": p.agency, "partner": p.partner, "tasks": p.tasks,
                   "documents": p.documents} for p in net.pairs],
        "agencies": [{"agency": a.agency, "collective": a.collective, "degree": a.degree,
                      "weightedDegree": a.weighted_degree, "betweenness": a.betweenness}
                     for a in net.agencies]}, ensure_ascii=False, indent=2)


def _write(graph, path: Path, fmt: str) -> None:
    from pipeline.errors import InputError
    from pipeline.graph.network import write_network

    try:
        with open(path, "wb") as out:
            write_network(graph, out, fmt)
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}",
                         hint="give a file in a folder you can write to") from None


def _more(total: int, limit: int) -> None:
    if limit and total > limit:
        click.echo(f"… {total - limit} more (--limit 0 shows all)")


def register(cli: click.Group) -> None:
    @cli.command("network")
    @store_options
    @click.option("--document", metavar="PART", default=None,
                  help="only the tasks of the document with this id or a title containing PART")
    @click.option("--region", metavar="PART", default=None,
                  help="only documents whose region contains PART (青岛市, 山东省)")
    @click.option("--level", type=click.Choice(LEVELS), default=None,
                  help="only documents of this level of government")
    @click.option("--role", type=click.Choice(["all", "lead"]), default="all", show_default=True,
                  help="all: agencies named in any role; lead: only agencies that lead (牵头) the task")
    @click.option("--min-shared", "min_shared", type=click.IntRange(min=1), default=1,
                  show_default=True, help="leave out pairs sharing fewer tasks than this")
    @click.option("--exclude-collective", is_flag=True, default=False,
                  help="leave out collective bodies (各区人民政府, 有关部门)")
    @click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
                  show_default=True, help="table for reading; csv (a section column: pair or "
                  "agency) or json for analysis")
    @click.option("--limit", type=click.IntRange(min=0), default=20, show_default=True,
                  help="rows of each table shown by --format table (0: all); csv and json give all")
    @click.option("--graphml", type=click.Path(dir_okay=False, path_type=Path), default=None,
                  help="also write the weighted network to this GraphML file (Gephi, yEd)")
    @click.option("--gexf", type=click.Path(dir_okay=False, path_type=Path), default=None,
                  help="also write the weighted network to this GEXF file (Gephi)")
    def network_cmd(store_dir: Optional[Path], neo4j_uri: Optional[str], document: Optional[str],
                    region: Optional[str], level: Optional[str], role: str, min_shared: int,
                    exclude_collective: bool, fmt: str, limit: int, graphml: Optional[Path],
                    gexf: Optional[Path]) -> None:
        """Agencies sharing tasks (co-responsibility), and each agency's centrality.

        Two agencies share a task when both are responsible for it. Lists the pairs
        with the tasks they share (the edge weight) and in how many documents, then
        each agency's degree (partners), weighted degree (shared tasks summed over
        its partners) and betweenness centrality (normalised, on the unweighted
        network). The pairs are those of `policykg query agency-pairs-sharing-tasks`.
        """
        from pipeline.cli.graph_cmds import format_table
        from pipeline.graph import network as nw
        from pipeline.graph.lookups import matches, no_match

        with open_graph(store_dir, neo4j_uri, read_only=True) as store:
            if document is not None and not matches(store, "document", document):
                raise no_match("document", document)
            rows = nw.read_responsibilities(store)
        kept = nw.restrict(rows, nw.Restriction(document=document, region=region, level=level,
                                                role=role, exclude_collective=exclude_collective))
        net = nw.network(kept, min_shared)
        if graphml:
            _write(net.graph, graphml, "graphml")
        if gexf:
            _write(net.graph, gexf, "gexf")
        if fmt == "json":
            click.echo(_json(net))
            return
        if fmt == "csv":
            click.echo(_csv(net), nl=False)
            return
        shown = (lambda xs: xs[:limit]) if limit else (lambda xs: xs)
        click.echo(f"{len(net.agencies)} agencies, {len(net.pairs)} pairs sharing tasks")
        if not net.pairs:
            return
        click.echo("\nPairs (most shared tasks first):")
        click.echo(format_table(["agency", "partner", "tasks", "documents"],
                                [[p.agency, p.partner, p.tasks, p.documents]
                                 for p in shown(net.pairs)]))
        _more(len(net.pairs), limit)
        click.echo("\nAgencies (by weighted degree):")
        click.echo(format_table(["agency", "degree", "weighted", "betweenness"],
                                [[a.agency + (" (collective)" if a.collective else ""), a.degree,
                                  a.weighted_degree, f"{a.betweenness:.3f}"]
                                 for a in shown(net.agencies)]))
        _more(len(net.agencies), limit)
