"""``policykg diffusion INDICATOR``: an indicator's targets against their nearest ancestors'."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import click

from pipeline.cli.options import open_graph, store_options
from pipeline.graph.diffusion import COLUMNS, VERDICTS

TABLE_COLUMNS = ["indicator", "child", "child's target", "ancestor", "ancestor's target", "via",
                 "ratio", "difference", "verdict", "lag (days)"]


def _verdict_help() -> str:
    import textwrap

    width = max(len(v) for v in VERDICTS)
    pad = " " * (width + 4)
    return "\n".join(textwrap.fill(text, 78, initial_indent=f"  {v.ljust(width)}  ",
                                   subsequent_indent=pad) for v, text in VERDICTS.items())


def _where(region: Optional[str], level: Optional[str], day: Optional[str]) -> str:
    return f"{region or '?'} ({level or '?'}, {day or 'no date'})"


def _target(text: str, comparator: Optional[str], year: Optional[int]) -> str:
    from pipeline.cli.compare_cmd import target_text

    return target_text(text, comparator, year)


def _number(x: Optional[float]) -> str:
    if x is None:
        return ""
    return str(int(x)) if abs(x) >= 1e4 and float(x).is_integer() else f"{x:.4g}"


def table_rows(pairs) -> list[list]:
    return [[p.indicator, _where(p.childRegion, p.childLevel, p.childDate),
             _target(p.childTarget, p.childComparator, p.childYear),
             _where(p.ancestorRegion, p.ancestorLevel, p.ancestorDate),
             _target(p.ancestorTarget, p.ancestorComparator, p.ancestorYear),
             f"{p.via} {p.hops}", _number(p.ratio), _number(p.difference), p.verdict,
             "" if p.lagDays is None else p.lagDays] for p in pairs]


def register(cli: click.Group) -> None:
    @cli.command("diffusion", epilog="Verdicts:\n\n\b\n" + _verdict_help())
    @click.argument("indicator")
    @store_options
    @click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
                  show_default=True, help="table for reading; csv or json (one row per pair, every "
                  "column) for analysis")
    @click.option("--plot", "plot_file", type=click.Path(dir_okay=False, path_type=Path),
                  default=None, metavar="FILE.png|FILE.svg",
                  help="also draw the targets by issue date and level (needs policykg[plot])")
    def diffusion_cmd(indicator: str, store_dir: Optional[Path], neo4j_uri: Optional[str], fmt: str,
                      plot_file: Optional[Path]) -> None:
        """Each target of INDICATOR beside its nearest ancestor's: amplification and lag.

        INDICATOR is a part of an indicator's name or of a document's wording (细颗粒物
        finds PM2.5浓度), as in `policykg query`. For every target, the nearest document up
        the IMPLEMENTS chain that targets the same indicator in the same unit and kind, or,
        when that chain gives none, the documents of the containing areas (a city's province,
        then the national ones). Per pair: ratio (child / ancestor), difference in the unit,
        a verdict, and the days from the ancestor's issue date to the child's. Same year is
        preferred; else a target with no year; else the nearest year (column yearMatch).
        """
        from pipeline.cli.graph_cmds import emit_rows, format_table
        from pipeline.graph.diffusion_read import diffusion

        if plot_file is not None and plot_file.suffix.lower() not in (".png", ".svg"):
            raise click.BadParameter("give a file ending in .png or .svg", param_hint="--plot")
        with open_graph(store_dir, neo4j_uri, read_only=True) as store:
            d = diffusion(store, indicator)
        if fmt == "json":
            click.echo(json.dumps({"indicator": indicator, "indicators": d.indicators,
                                   "targets": len(d.targets), "documents": len(d.documents),
                                   "pairs": [p.to_dict() for p in d.pairs]},
                                  ensure_ascii=False, indent=2))
        elif fmt == "csv":
            emit_rows(list(COLUMNS), [[getattr(p, c) for c in COLUMNS] for p in d.pairs], "csv")
        else:
            via = {v: sum(p.via == v for p in d.pairs) for v in ("implements", "region")}
            names = d.indicators
            shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
            click.echo(f"{len(d.targets)} targets on {shown} in "
                       f"{len(d.documents)} documents; {len(d.pairs)} compared with their nearest "
                       f"ancestor ({via['implements']} along IMPLEMENTS, {via['region']} by region)")
            if d.pairs:
                click.echo(format_table(TABLE_COLUMNS, table_rows(d.pairs), max_width=40))
        if plot_file is not None:
            from pipeline.graph.diffusion_plot import plot

            for warning in plot(d, plot_file):
                click.echo(f"policykg: warning: {warning}", err=True)
            click.echo(f"picture written to {plot_file}", err=True)
