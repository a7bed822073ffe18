"""``policykg similar``: SIMILAR_TO edges from each document's measures to its ancestors'."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import click

from pipeline.cli.options import open_graph, store_options
from pipeline.graph.similarity import DEFAULT_MIN_SCORE


def _score(value: str) -> float:
    try:
        score = float(value)
    except ValueError:
        score = -1.0
    if not 0.0 < score <= 1.0:
        raise click.BadParameter(f"{value!r} is not a score above 0 and at most 1 (e.g. 0.5)",
                                 param_hint="--min")
    return score


def register(cli: click.Group) -> None:
    @cli.command("similar")
    @click.option("--min", "min_score", default=str(DEFAULT_MIN_SCORE), show_default=True,
                  metavar="SCORE", help="the lowest similarity (0-1) kept as an edge")
    @store_options
    def similar_cmd(min_score: str, store_dir: Optional[Path], neo4j_uri: Optional[str]) -> None:
        """Link each measure to the most similar measure of every ingested ancestor.

        An ancestor is a document the measure's document implements (IMPLEMENTS),
        directly or through others, up to the national level, that is ingested (not a
        stub). Similarity is the Jaccard index of the two measures' character trigrams,
        numbers and punctuation folded (docs/similarity.md); pairs scoring at least
        SCORE become `SIMILAR_TO {score}` edges. Every SIMILAR_TO edge of the store is
        replaced, in one transaction: run it again after an ingest (re-ingesting a
        document removes its edges). `policykg query measures-restating-parent` lists them.
        """
        from pipeline.graph.similar_edges import recompute_similar

        score = _score(min_score)
        with open_graph(store_dir, neo4j_uri) as store:
            summary = recompute_similar(store, score)
        click.echo(summary.line())
