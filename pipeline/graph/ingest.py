"""Records into a store, one document per transaction.

``ingest_records(store, records)`` builds each record's subgraph and replaces that
document in the store; ``parse_files(paths)`` parses files (in worker processes
when there are several) and yields their records in the order given, stopping at
the first file that cannot be parsed; ``read_record_files`` reads records saved
by ``policykg parse``.
"""
from __future__ import annotations

import json
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Optional

from pipeline.errors import InputError, PolicykgError
from pipeline.graph.build import build_document_graph, record_document_id
from pipeline.graph.store import GraphStore, WriteSummary
from pipeline.model import Record


BATCH_SIZE = 32  # documents per transaction


@dataclass
class IngestSummary:
    documents: int = 0
    nodes: int = 0  # nodes created or updated
    relationships: int = 0  # relationships created
    seconds: float = 0.0
    document_ids: list[str] = field(default_factory=list)

    def add(self, written: WriteSummary) -> None:
        self.documents += 1
        self.nodes += written.nodes
        self.relationships += written.relationships
        self.document_ids.append(written.document_id)


def ingest_record(store: GraphStore, record: Record) -> WriteSummary:
    """Replace ``record``'s document in ``store`` (one transaction)."""
    return store.replace_document(record_document_id(record), build_document_graph(record))


def ingest_records(store: GraphStore, records: Iterable[Record],
                   on_document: Optional[Callable[[WriteSummary], None]] = None,
                   batch_size: int = BATCH_SIZE) -> IngestSummary:
    """Write every record, ``batch_size`` documents per transaction.

    If ``records`` raises (a file that cannot be parsed), the documents before it
    are written first, then the error propagates. If the store fails, the batch
    it was writing is not written at all (nor anything after it).
    """
    summary = IngestSummary()
    start = time.perf_counter()
    batch: list[tuple[str, object]] = []

    def flush() -> None:
        if batch:
            for written in store.replace_documents(batch):
                summary.add(written)
                if on_document is not None:
                    on_document(written)
            batch.clear()

    try:
        try:
            for record in records:
                batch.append((record_document_id(record), build_document_graph(record)))
                if len(batch) >= batch_size:
                    flush()
        except PolicykgError:
            flush()
            raise
        flush()
    finally:
        summary.seconds = time.perf_counter() - start
    return summary


_RECORD_KEYS = ("document", "parents", "references", "sections", "measures", "tasks", "targets")


def read_record_files(paths: list[str]) -> Iterator[Record]:
    """Records saved as contract JSON (``policykg parse``): a .json file holds one record
    or a list of them, a .jsonl file one per line."""
    for path in paths:
        try:
            with open(path, encoding="utf-8") as fh:
                if path.endswith(".jsonl"):
                    items = [(n, json.loads(line)) for n, line in enumerate(fh, 1) if line.strip()]
                else:
                    data = json.load(fh)
                    items = [(None, d) for d in (data if isinstance(data, list) else [data])]
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise InputError(f"cannot read as record JSON: {exc}", path=path,
                             hint="give files written by `policykg parse --format json/jsonl`") from None
        for line, data in items:
            where = f"{path}:{line}" if line else path
            if not isinstance(data, dict) or any(k not in data for k in _RECORD_KEYS) \
                    or not isinstance(data["document"], dict) or "title" not in data["document"]:
                raise InputError("is not a policykg record (it lacks "
                                 f"{', '.join(_RECORD_KEYS)} or document.title)", path=where,
                                 hint="give files written by `policykg parse --format json/jsonl`")
            try:
                yield Record.from_dict(data)
            except (TypeError, KeyError, AttributeError) as exc:
                raise InputError(f"is not a valid policykg record: {exc}", path=where) from None


def _parse(path: str) -> tuple[str, Optional[dict], Optional[str]]:
    """Worker: (path, record as contract JSON, error message)."""
    from pipeline.parse import parse_file

    try:
        return path, parse_file(path).to_dict(), None
    except PolicykgError as exc:
        return path, None, str(exc)
    except Exception as exc:  # noqa: BLE001 - reported as that file's error
        return path, None, f"{path}: internal error while parsing: {type(exc).__name__}: {exc}"


def parse_files(paths: list[str], workers: int = 1) -> Iterator[Record]:
    """Records of ``paths`` in order; the first failure raises ``InputError`` (nothing after it)."""
    if workers <= 1 or len(paths) <= 1:
        results: Iterable = map(_parse, paths)
        pool = None
    else:
        pool = ProcessPoolExecutor(max_workers=min(workers, len(paths)))
        results = pool.map(_parse, paths, chunksize=1)
    try:
        for path, data, err in results:
            if err is not None:
                raise _input_error(path, err)
            yield Record.from_dict(data)
    finally:
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)


def _input_error(path: str, message: str) -> InputError:
    """The parser's one-line message, naming the file if it does not already."""
    exc = InputError(message if path in message else f"{path}: {message}")
    exc.path = path
    return exc
