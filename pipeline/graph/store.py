"""The interface every graph store implements (embedded LadybugDB, Neo4j)."""
from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Mapping, Optional, Sequence

if TYPE_CHECKING:  # annotations only: commands that never build a graph need not import networkx
    import networkx as nx


@dataclass
class WriteSummary:
    document_id: str
    nodes: int = 0
    relationships: int = 0


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)

    def as_dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, r)) for r in self.rows]


class GraphStore(ABC):
    """A place the graph lives. Implementations must be usable as context managers."""

    @abstractmethod
    def replace_document(self, document_id: str, graph: nx.MultiDiGraph) -> WriteSummary:
        """Replace everything ``document_id`` contributed with ``graph``, in one transaction.

        ``graph`` holds the document's own nodes plus the shared nodes (Agency,
        Indicator, parent/cited Document stubs) it links to. A failure leaves the
        store as it was before the call.
        """

    def replace_documents(self, items: Sequence[tuple[str, nx.MultiDiGraph]]) -> list[WriteSummary]:
        """Replace several documents; a store may do it in one transaction for speed.

        Each document is written entirely or not at all. This default writes them
        one by one, each in its own transaction.
        """
        return [self.replace_document(document_id, graph) for document_id, graph in items]

    def prepare(self, items: Sequence[tuple[str, nx.MultiDiGraph]]) -> Any:
        """The work on a batch that needs no connection to the store (checks, planning).

        ``write_prepared(prepare(items))`` is ``replace_documents(items)``; ingest
        prepares the next batch while the store writes this one
        (pipeline.graph.ingest.write_batches). This default only copies the list.
        """
        return list(items)

    def write_prepared(self, prepared: Any) -> list[WriteSummary]:
        """Write a batch ``prepare`` returned, as ``replace_documents`` would."""
        return self.replace_documents(prepared)

    @abstractmethod
    def run(self, cypher: str, params: Optional[Mapping[str, Any]] = None,
            read_only: bool = False) -> QueryResult:
        """Run Cypher with parameters (never interpolate user text into ``cypher``)."""

    @abstractmethod
    def stats(self) -> dict[str, dict[str, int]]:
        """``{"nodes": {label: count}, "relationships": {type: count}}``."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
