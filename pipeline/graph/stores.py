"""Opening a graph store: the embedded default, or Neo4j when asked for.

``open_store(store_dir=None, neo4j_uri=None)``: ``neo4j_uri`` (``""`` for the
configured default server) selects Neo4j, through ``pipeline.graph.neo4j_store``'s
``open_neo4j(uri)``; otherwise the embedded LadybugDB store in ``store_dir``,
``$POLICYKG_STORE`` or ``./policykg-store``.
"""
from __future__ import annotations

import os
from importlib import import_module
from pathlib import Path
from typing import Optional

from pipeline.errors import StoreError
from pipeline.graph.store import GraphStore

STORE_ENV = "POLICYKG_STORE"
DEFAULT_STORE = "policykg-store"


def default_store_dir() -> Path:
    """``$POLICYKG_STORE`` if set, else ``./policykg-store``."""
    return Path(os.environ.get(STORE_ENV) or DEFAULT_STORE)


def open_store(store_dir: Optional[str | os.PathLike] = None, neo4j_uri: Optional[str] = None,
               create: bool = False, read_only: bool = False) -> GraphStore:
    """The store to read or write; ``create`` makes a missing embedded store (for ingest).

    ``read_only``: a store that refuses every write, whatever the statement (the
    embedded database is opened read-only; Neo4j runs everything in READ transactions).
    """
    if neo4j_uri is not None:
        try:
            neo4j_store = import_module("pipeline.graph.neo4j_store")
        except ModuleNotFoundError as exc:
            if exc.name != "pipeline.graph.neo4j_store":
                raise
            raise StoreError("the Neo4j store is not available yet in this version",
                             hint="leave out --neo4j and --neo4j-uri to use the embedded store") from None
        return neo4j_store.open_neo4j(neo4j_uri or None, read_only=read_only)
    from pipeline.graph.embedded import EmbeddedStore

    return EmbeddedStore(Path(store_dir) if store_dir else default_store_dir(),
                         create=create and not read_only, read_only=read_only)
