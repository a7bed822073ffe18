"""Options every graph command shares: where the graph is.

``--store DIR`` (else ``$POLICYKG_STORE``, else ``./policykg-store``) names the
embedded store; ``--neo4j`` (a plain flag) selects a Neo4j server instead, at
``$NEO4J_URI`` or the local server of ``policykg neo4j start``; ``--neo4j-uri
URI`` selects the server at URI. Being a flag, ``--neo4j`` never takes the next
word as its value: ``policykg ingest --neo4j corpus/`` ingests ``corpus/``.

The decorated command receives one ``neo4j_uri`` argument: ``None`` for the
embedded store, ``""`` for the configured server, or the URI given.
"""
from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Optional

import click

STORE_HELP = "the embedded store's folder [env POLICYKG_STORE; default ./policykg-store]"
NEO4J_HELP = "use Neo4j instead of the embedded store: the server at $NEO4J_URI, else the local one"
NEO4J_URI_HELP = "use the Neo4j server at this Bolt URI (bolt://, neo4j://, neo4j+s://)"


def store_options(f):
    """Add ``--store``, ``--neo4j`` and ``--neo4j-uri``; pass ``store_dir`` and ``neo4j_uri``."""

    @functools.wraps(f)
    def wrapper(*args, store_dir: Optional[Path], neo4j: bool, neo4j_uri: Optional[str], **kwargs):
        uri = neo4j_target(neo4j, neo4j_uri)
        if uri is not None and store_dir is not None:
            raise click.UsageError("give --store or --neo4j/--neo4j-uri, not both")
        return f(*args, store_dir=store_dir, neo4j_uri=uri, **kwargs)

    wrapper = click.option("--neo4j-uri", "neo4j_uri", metavar="URI", default=None,
                           help=NEO4J_URI_HELP)(wrapper)
    wrapper = click.option("--neo4j", "neo4j", is_flag=True, default=False, help=NEO4J_HELP)(wrapper)
    wrapper = click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path),
                           default=None, help=STORE_HELP)(wrapper)
    return wrapper


def neo4j_target(neo4j: bool, neo4j_uri: Optional[str]) -> Optional[str]:
    """``None`` (embedded), ``""`` (the configured server) or the URI given."""
    if neo4j_uri is not None:
        uri = neo4j_uri.strip()
        if not uri:
            raise click.BadParameter("give a Bolt URI, or use --neo4j for $NEO4J_URI or the "
                                     "local server", param_hint="--neo4j-uri")
        return uri
    return "" if neo4j else None


def open_graph(store_dir: Optional[Path], neo4j_uri: Optional[str], create: bool = False,
               read_only: bool = False, reader: bool = False):
    """The store a command uses; ``reader`` (stats, export): a command that only reads, which
    opens an embedded store it may not write to (read-only media, another user's) read-only."""
    from pipeline.graph.stores import default_store_dir, open_store

    if reader and neo4j_uri is None:
        folder = Path(store_dir) if store_dir else default_store_dir()
        read_only = read_only or (folder.is_dir() and not _writable(folder))
    return open_store(store_dir, neo4j_uri, create=create, read_only=read_only)


def _writable(folder: Path) -> bool:
    return os.access(folder, os.W_OK)


def where(store_dir: Optional[Path], neo4j_uri: Optional[str]) -> str:
    """How a summary names the store: its folder, or ``Neo4j URI``."""
    from pipeline.graph.stores import default_store_dir

    if neo4j_uri == "":
        import os

        from pipeline.neo4j.config import load_config

        neo4j_uri = (os.environ.get("NEO4J_URI") or "").strip() or load_config().bolt_uri
    if neo4j_uri is not None:
        return f"Neo4j {neo4j_uri}"
    return str(store_dir or default_store_dir())
