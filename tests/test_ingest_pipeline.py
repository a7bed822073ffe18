"""pipeline.graph.ingest.write_batches: the next batch is prepared while the store
writes this one, and order, atomicity and error handling are as without overlap.

The store is the real embedded one; a subclass only watches (or, where a test says
so, fails) its ``prepare`` / ``write_prepared`` calls.
"""
from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from pipeline.errors import InputError, StoreError
from pipeline.graph.build import build_document_graph, record_document_id
from pipeline.graph.embedded import EmbeddedStore
from pipeline.graph.ingest import graph_batches, ingest_records, write_batches
from pipeline.model import Record

RECORDS = Path(__file__).resolve().parent / "fixtures" / "records"
SOURCE = json.loads((RECORDS / "qingdao-2022-carbon-peak-plan.json").read_text(encoding="utf-8"))


def copy(k: int) -> Record:
    """The fixture record under a title and a source file of its own: a distinct document
    (a record from the same source file is that document again)."""
    data = json.loads(json.dumps(SOURCE))
    data["document"]["title"] = f"{data['document']['title']}（副本{k}）"
    data["document"]["source"] = f"copy{k}-{data['document']['source']}"
    return Record.from_dict(data)


RECS = [copy(k) for k in range(7)]
IDS = [record_document_id(r) for r in RECS]


class Watched(EmbeddedStore):
    """The embedded store, noting what happens in which thread; ``fail_on``: the
    write_prepared call (1-based) that raises instead of writing."""

    def __init__(self, path, fail_on: int = 0):
        super().__init__(path)
        self.events: list[tuple[str, int, str]] = []
        self.writes = 0
        self.fail_on = fail_on
        self.in_flight = threading.Event()
        self.overlapped = False

    def prepare(self, items):
        if self.in_flight.is_set():
            self.overlapped = True  # a batch was being written while this one was prepared
        self.events.append(("prepare", len(items), threading.current_thread().name))
        return super().prepare(items)

    def write_prepared(self, prepared):
        self.writes += 1
        self.in_flight.set()
        try:
            self.events.append(("write", len(prepared), threading.current_thread().name))
            if self.writes == self.fail_on:
                raise StoreError("disk full (injected)")
            # Give the caller time to prepare the next batch meanwhile.
            threading.Event().wait(0.3)
            return super().write_prepared(prepared)
        finally:
            self.in_flight.clear()


def test_batches_are_written_in_order_with_the_next_prepared_meanwhile(tmp_path):
    seen = []
    with Watched(tmp_path / "s") as store:
        summary = ingest_records(store, iter(RECS), on_document=lambda w: seen.append(
            (w.document_id, threading.current_thread().name)), batch_size=3)
        assert store.overlapped
        writes = [e for e in store.events if e[0] == "write"]
        assert [n for _, n, _ in writes] == [3, 3, 1]
        assert all(name.startswith("policykg-writer") for *_, name in writes)
        assert all(e[2] == threading.current_thread().name for e in store.events if e[0] == "prepare")
        assert sorted(store.document_ids()) == sorted(IDS)
    assert summary.document_ids == IDS
    # on_document runs in the caller's thread, in input order
    assert seen == [(d, threading.current_thread().name) for d in IDS]


def test_a_failed_batch_stops_everything_after_it(tmp_path):
    with Watched(tmp_path / "s", fail_on=2) as store:
        with pytest.raises(StoreError, match="disk full"):
            ingest_records(store, iter(RECS), batch_size=3)
        assert store.writes == 2  # the third batch was never written
        assert sorted(store.document_ids()) == sorted(IDS[:3])


def test_records_that_fail_midway_leave_every_document_before_them(tmp_path):
    def records():
        yield from RECS[:5]
        raise InputError("cannot be parsed", path="bad.pdf")

    with Watched(tmp_path / "s") as store:
        with pytest.raises(InputError, match="bad.pdf"):
            ingest_records(store, records(), batch_size=2)
        assert sorted(store.document_ids()) == sorted(IDS[:5])  # 2 + 2 + the partial batch of 1


def test_graph_batches_cut_on_documents_and_rows():
    graphs = [build_document_graph(r) for r in RECS[:4]]
    size = graphs[0].number_of_nodes() + graphs[0].number_of_edges()
    assert [len(b) for b in graph_batches(RECS[:4], batch_size=3)] == [3, 1]
    # a rows bound of two documents and a bit: two per batch
    assert [len(b) for b in graph_batches(RECS[:4], batch_size=10, batch_rows=2 * size + 1)] == [2, 2]
    # a document larger than the bound still goes, alone
    assert [len(b) for b in graph_batches(RECS[:2], batch_rows=1)] == [1, 1]


def test_write_batches_of_nothing_writes_nothing(tmp_path):
    with Watched(tmp_path / "s") as store:
        write_batches(store, iter([]))
        assert store.events == [] and store.document_ids() == []


def test_a_failed_write_outranks_the_input_error_that_stopped_the_ingest(tmp_path):
    def records():
        yield from RECS[:3]
        raise InputError("cannot be parsed", path="bad.pdf")

    with Watched(tmp_path / "s", fail_on=1) as store:
        with pytest.raises(StoreError, match="disk full") as raised:
            ingest_records(store, records(), batch_size=3)
        assert isinstance(raised.value.__cause__, InputError)
        assert store.document_ids() == []


def test_batches_are_built_with_fewer_collections_and_the_collector_is_restored(tmp_path):
    import gc

    from pipeline.gc_tuning import YOUNG_THRESHOLD

    before = gc.get_threshold()
    seen = []

    class Noting(Watched):
        def prepare(self, items):
            seen.append(gc.get_threshold()[0])
            return super().prepare(items)

    with Noting(tmp_path / "s", fail_on=2) as store:
        with pytest.raises(StoreError):
            ingest_records(store, iter(RECS), batch_size=3)
    assert seen and all(t >= YOUNG_THRESHOLD for t in seen)
    assert gc.get_threshold() == before  # back, though the ingest failed


def test_written_graphs_are_freed_without_the_garbage_collector(tmp_path):
    # networkx graphs whose views were used are reference cycles: unless ingest
    # empties them once written, every dict of every graph waits for a collection.
    import gc

    def garbage_dicts_after(write) -> int:
        """Dicts that only a collection would free once ``write`` is done."""
        with Watched(tmp_path / f"s{len(seen)}") as store:
            gc.collect()
            gc.disable()
            gc.set_debug(gc.DEBUG_SAVEALL)  # keep what it finds in gc.garbage, to count
            try:
                write(store)
                gc.collect()
                return sum(1 for o in gc.garbage if type(o) is dict)
            finally:
                gc.set_debug(0)
                gc.garbage.clear()
                gc.enable()

    seen: list[int] = []
    seen.append(garbage_dicts_after(lambda store: write_batches(store, graph_batches(RECS, batch_size=3))))
    seen.append(garbage_dicts_after(lambda store: ingest_records(store, iter(RECS), batch_size=3)))
    kept, released = seen
    graph = build_document_graph(RECS[0])
    assert kept >= len(RECS) * graph.number_of_nodes()  # every node's attribute dict, at least
    assert released <= len(RECS) * 5, seen  # an emptied graph's own few dicts


def test_on_written_gets_each_batch_after_its_documents(tmp_path):
    calls = []
    with Watched(tmp_path / "s") as store:
        write_batches(store, graph_batches(RECS, batch_size=3),
                      on_document=lambda w: calls.append(w.document_id),
                      on_written=lambda batch: calls.append([d for d, _ in batch]))
    assert calls == IDS[:3] + [IDS[:3]] + IDS[3:6] + [IDS[3:6]] + IDS[6:] + [IDS[6:]]
