"""Records into a store, a batch of documents per transaction.

``ingest_records(store, records)`` builds each record's subgraph and replaces that
document in the store; ``parse_files(paths)`` parses files (in worker processes
when there are several) and yields their records in the order given, stopping at
the first file that cannot be parsed or, given ``on_error``, reporting it and going
on; ``read_record_files`` reads records saved by ``policykg parse`` (the same way).

Everything streams: records are parsed a few per worker ahead of the writer,
record files are read a line at a time, and only the batch being written and the
next one are held, so memory stays flat however many documents go through
(bench/RESULTS.md). ``write_batches`` prepares the next batch while a writer
thread writes the current one.
"""
from __future__ import annotations

import json
import os
import stat
import sys
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Optional, Sequence

import networkx as nx

from pipeline.errors import InputError, PolicykgError
from pipeline.gc_tuning import fewer_collections
from pipeline.graph.build import build_document_graph, record_document_id
from pipeline.graph.identity import STORE_DOCUMENTS, Registry
from pipeline.graph.links import LinkCounts, count_links, relink_store
from pipeline.graph.store import GraphStore, WriteSummary
from pipeline.model import Record
from pipeline.read.limits import MAX_BYTES_ENV, check_bytes, max_bytes
from pipeline.parallel import ordered_map


# A batch ends at BATCH_SIZE documents or BATCH_ROWS nodes plus relationships,
# whichever comes first. Each commit of the embedded store checkpoints (~0.5 s
# whatever the batch holds), so the batch must be large for the load to be fast;
# the rows bound keeps the graphs held for it to some tens of MB (bench/).
BATCH_SIZE = 256
BATCH_ROWS = 50_000


@dataclass
class IngestSummary:
    documents: int = 0
    nodes: int = 0  # nodes created or updated
    relationships: int = 0  # relationships created
    seconds: float = 0.0
    document_ids: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # documents kept apart under a title's id
    relinked: int = 0  # citations of stubs moved to the document they name
    links: Optional[LinkCounts] = None  # citations in the store after the run

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
                   batch_size: int = BATCH_SIZE, batch_rows: int = BATCH_ROWS,
                   on_note: Optional[Callable[[str], None]] = None) -> IngestSummary:
    """Write every record, in transactions of at most ``batch_size`` documents and
    (beyond a first document) ``batch_rows`` nodes plus relationships.

    Each record gets its id and its links from what the store and the run hold
    (pipeline.graph.identity): a different document under a title's id already taken
    is kept apart and ``on_note`` told in one line. After the last batch, stubs that
    now name an ingested document are linked to it (pipeline.graph.links) and the
    citations counted (``summary.links``).

    If ``records`` raises (a file that cannot be parsed), the documents before it
    are written (and linked) first, then the error propagates. If the store fails,
    the batch it was writing is not written at all (nor anything after it).
    """
    summary = IngestSummary()
    start = time.perf_counter()
    registry = Registry.from_rows(store.run(STORE_DOCUMENTS).rows)

    def done(written: WriteSummary) -> None:
        summary.add(written)
        if on_document is not None:
            on_document(written)

    def noted(line: str) -> None:
        summary.notes.append(line)
        if on_note is not None:
            on_note(line)

    def link_up() -> None:
        summary.relinked = relink_store(store, registry)
        summary.links = count_links(store)

    try:
        write_batches(store, graph_batches(records, batch_size, batch_rows, registry, noted),
                      done, on_written=release_graphs)
        link_up()
    except InputError:
        link_up()
        raise
    finally:
        summary.seconds = time.perf_counter() - start
    return summary


def graph_batches(records: Iterable[Record], batch_size: int = BATCH_SIZE,
                  batch_rows: int = BATCH_ROWS, registry: Optional[Registry] = None,
                  on_note: Optional[Callable[[str], None]] = None
                  ) -> Iterator[list[tuple[str, nx.MultiDiGraph]]]:
    """``(document id, graph)`` of each record, built as it comes, cut by ``batched``;
    with ``registry``, under the id and with the links it gives."""
    def items() -> Iterator[tuple[str, nx.MultiDiGraph]]:
        for r in records:
            if registry is None:
                yield record_document_id(r), build_document_graph(r)
                continue
            identity = registry.assign(r)
            if identity.note and on_note is not None:
                on_note(identity.note)
            region = r.document.region
            yield identity.id, build_document_graph(r, identity,
                                                    lambda t: registry.link(t, region))

    return batched(items(), batch_size, batch_rows)


def batched(items: Iterable[tuple[str, nx.MultiDiGraph]], batch_size: int = BATCH_SIZE,
            batch_rows: int = BATCH_ROWS) -> Iterator[list[tuple[str, nx.MultiDiGraph]]]:
    """``(document id, graph)`` items cut into the batches ``ingest_records`` writes: at
    most ``batch_size`` documents and, beyond a first one, ``batch_rows`` nodes plus
    relationships.

    If ``items`` raises a PolicykgError, the batch begun so far comes out first,
    then the error.
    """
    batch: list[tuple[str, nx.MultiDiGraph]] = []
    rows = 0
    try:
        for document_id, graph in items:
            size = graph.number_of_nodes() + graph.number_of_edges()
            if batch and rows + size > batch_rows:
                yield batch
                batch, rows = [], 0
            batch.append((document_id, graph))
            rows += size
            if len(batch) >= batch_size:
                yield batch
                batch, rows = [], 0
    except PolicykgError:
        if batch:
            yield batch
        raise
    if batch:
        yield batch


def release_graphs(batch: Sequence[tuple[str, nx.MultiDiGraph]]) -> None:
    """Empty a written batch's graphs, so their contents are freed at once.

    networkx caches a graph's views (``G.nodes``, ``G.edges``, ``G.degree``) on the
    graph, each holding the graph: once any is used, the graph and every dict in it
    form a reference cycle that only the garbage collector frees. With collections
    made rarer (pipeline.gc_tuning), written batches waited for it: 64× the corpus
    peaked at 734 MB instead of 562 MB. Only for graphs nobody else holds.
    """
    for _, graph in batch:
        graph.clear()


def write_batches(store: GraphStore, batches: Iterable[Sequence[tuple[str, nx.MultiDiGraph]]],
                  on_document: Optional[Callable[[WriteSummary], None]] = None,
                  on_written: Optional[Callable[[Sequence[tuple[str, nx.MultiDiGraph]]], None]] = None
                  ) -> None:
    """Write each batch in one transaction, in order, preparing the next one meanwhile.

    One writer thread runs ``store.write_prepared`` a batch at a time; this thread
    builds and prepares (``store.prepare``) the next batch while it waits, so the
    client's work overlaps the store's instead of adding to it (bench/RESULTS.md).
    At most two batches are held: the one being written and the next. A store
    failure raises before anything after that batch is written; if ``batches``
    raises, the batch being written finishes first (and if it fails, that error is
    the one raised). ``on_document`` is called in this thread, in order, and then
    ``on_written`` with the batch. The garbage collector runs less often meanwhile
    (pipeline.gc_tuning).
    """
    pending: Optional[tuple[Future, Sequence]] = None

    def finish() -> None:
        nonlocal pending
        if pending is not None:
            (future, sent), pending = pending, None
            for written in future.result():
                if on_document is not None:
                    on_document(written)
            if on_written is not None:
                on_written(sent)

    with fewer_collections(), \
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="policykg-writer") as writer:
        try:
            for batch in batches:
                prepared = store.prepare(batch)
                finish()
                pending = writer.submit(store.write_prepared, prepared), batch
            finish()
        except BaseException as stopped:
            # Whatever stopped us, let the batch in flight end (it is whole or
            # absent) and report it if it was written; then the error propagates,
            # unless that batch failed too: not having written it matters more.
            if pending is not None:
                try:
                    finish()
                except Exception as failed:  # noqa: BLE001 - re-raised
                    raise failed from stopped
            raise


_RECORD_KEYS = ("document", "parents", "references", "sections", "measures", "tasks", "targets")


def read_record_files(paths: list[str],
                      on_error: Optional[Callable[[InputError], None]] = None) -> Iterator[Record]:
    """Records saved as contract JSON (``policykg parse``): a .json file holds one record
    or a list of them, a .jsonl file one per line.

    A file that is not a record file raises ``InputError``; with ``on_error``, that
    function is told instead and the next file is read (the records of a .jsonl file
    before its bad line are kept).
    """
    for path in paths:
        try:
            yield from _read_record_file(path)
        except InputError as exc:
            if on_error is None:
                raise
            on_error(exc)


def _read_record_file(path: str) -> Iterator[Record]:
    for line, data in _record_items(path):
        where = f"{path}:{line}" if line else path
        if not isinstance(data, dict) or any(k not in data for k in _RECORD_KEYS) \
                or not isinstance(data["document"], dict) or "title" not in data["document"]:
            raise InputError("is not a policykg record (it lacks "
                             f"{', '.join(_RECORD_KEYS)} or document.title)", path=where,
                             hint="give files written by `policykg parse --format json/jsonl`")
        try:
            record = Record.from_dict(data)
        except (TypeError, KeyError, AttributeError) as exc:
            raise InputError(f"is not a valid policykg record: {exc}", path=where) from None
        yield record


def _record_items(path: str) -> Iterator[tuple[Optional[int], object]]:
    """(line number or None, decoded JSON) of a record file; a .jsonl file (or ``-``, standard
    input) a line at a time, each line at most ``POLICYKG_MAX_BYTES`` long.  Only regular files
    are read: a named pipe or a device (``/dev/zero``) given as a path would block or never end,
    so it is refused; pipe records into ``--records -`` instead."""
    def unreadable(exc: Exception) -> InputError:
        return InputError(f"cannot read as record JSON: {exc}", path=path,
                          hint="give files written by `policykg parse --format json/jsonl`")

    limit = max_bytes()
    if path != "-":
        try:
            st = os.stat(path)
        except OSError as exc:
            raise InputError(f"cannot be opened ({exc.strerror or exc})", path=path, hint="check the path") from None
        if not stat.S_ISREG(st.st_mode):
            kind = "a named pipe" if stat.S_ISFIFO(st.st_mode) else "a device or special file"
            raise InputError(f"is {kind}, not a records file", path=path,
                             hint="save the records to a file, or pipe them into `policykg ingest --records -`")
        if not path.endswith(".jsonl"):
            check_bytes(path, st.st_size)
    try:
        with (open(sys.stdin.fileno(), encoding="utf-8", closefd=False) if path == "-"
              else open(path, encoding="utf-8")) as fh:
            if path == "-" or path.endswith(".jsonl"):
                n = 0
                while line := fh.readline(limit + 1):
                    n += 1
                    if len(line) > limit:
                        raise InputError(f"line {n} is longer than {limit:,} characters: not a record line",
                                         path=path, hint=f"if it is genuine, raise {MAX_BYTES_ENV}")
                    if line.strip():
                        yield n, json.loads(line)
                return
            data = json.load(fh)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise unreadable(exc) from None
    for d in (data if isinstance(data, list) else [data]):
        yield None, d


def _parse(path: str) -> tuple[str, Optional[Record], Optional[str]]:
    """Worker: (path, record, error message).

    The record is the one its contract JSON gives (what ``parse`` then ``ingest
    --records`` writes: the contract leaves some fields out), made here in the
    worker; it travels back pickled, which the parent undoes faster than it would
    decode the JSON form.
    """
    from pipeline.parse import parse_file

    try:
        return path, Record.from_dict(parse_file(path).to_dict()), None
    except PolicykgError as exc:
        return path, None, str(exc)
    except Exception as exc:  # noqa: BLE001 - reported as that file's error
        return path, None, f"{path}: internal error while parsing: {type(exc).__name__}: {exc}"


def parse_files(paths: list[str], workers: int = 1,
                on_error: Optional[Callable[[InputError], None]] = None) -> Iterator[Record]:
    """Records of ``paths`` in order; the first failure raises ``InputError`` (nothing
    after it), or, with ``on_error``, is given to that function and the next file follows.

    With several workers, a few files per worker are parsed ahead of the caller,
    no more (``pipeline.parallel.ordered_map``).
    """
    for path, record, err in ordered_map(_parse, paths, min(workers, len(paths))):
        if err is not None:
            if on_error is None:
                raise _input_error(path, err)
            on_error(_input_error(path, err))
            continue
        yield record


def _input_error(path: str, message: str) -> InputError:
    """The parser's one-line message, naming the file if it does not already."""
    exc = InputError(message if path in message else f"{path}: {message}")
    exc.path = path
    return exc
