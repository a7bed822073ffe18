"""The embedded store's buffer pool: capped by ``POLICYKG_STORE_BUFFER_MB`` at every open.

The cap must reach LadybugDB (write, read-only and recovery opens), a bad value is
refused in one line, and a store larger than a small pool still answers queries (the
pool evicts pages while reading).
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import ladybug
import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.errors import StoreError
from pipeline.graph import embedded, store_memory
from pipeline.graph.embedded import EmbeddedStore
from pipeline.graph.export import read_graph
from pipeline.graph.ingest import ingest_records
from tests.bulk_records import as_sets, fixture_records

MB = 2**20


@pytest.fixture
def opened(monkeypatch):
    """Every ladybug.Database the store makes: its keyword arguments, in order."""
    calls: list[dict] = []
    real = ladybug.Database

    def recording(path, **kwargs):
        calls.append(kwargs)
        return real(path, **kwargs)

    monkeypatch.setattr(ladybug, "Database", recording)
    return calls


def test_the_cap_reaches_every_open(tmp_path, monkeypatch, opened):
    monkeypatch.setenv(store_memory.BUFFER_ENV, "48")
    EmbeddedStore(tmp_path / "s").close()
    EmbeddedStore(tmp_path / "s", read_only=True).close()
    assert [c["buffer_pool_size"] for c in opened] == [48 * MB, 48 * MB]
    assert [c["read_only"] for c in opened] == [False, True]


def test_the_default_cap_applies_when_unset(tmp_path, monkeypatch, opened):
    monkeypatch.delenv(store_memory.BUFFER_ENV, raising=False)
    EmbeddedStore(tmp_path / "s").close()
    assert opened[0]["buffer_pool_size"] == store_memory.DEFAULT_BUFFER_MB * MB
    assert 0 < store_memory.DEFAULT_BUFFER_MB * MB < 2**31  # a cap, not the library's share of memory


def test_zero_leaves_the_library_default(tmp_path, monkeypatch, opened):
    monkeypatch.setenv(store_memory.BUFFER_ENV, "0")
    EmbeddedStore(tmp_path / "s").close()
    assert opened[0]["buffer_pool_size"] == 0


def test_recovery_of_a_read_only_open_is_capped_too(tmp_path, monkeypatch, opened):
    """A read-only open that meets a write-ahead log to replay reopens as a writer first."""
    EmbeddedStore(tmp_path / "s").close()
    monkeypatch.setenv(store_memory.BUFFER_ENV, "40")
    recording = ladybug.Database
    failed = []

    def wal_left(path, **kwargs):
        if kwargs.get("read_only") and not failed:
            failed.append(True)
            opened.append(kwargs)
            raise RuntimeError("Error during WAL replay: a torn record")
        return recording(path, **kwargs)

    monkeypatch.setattr(ladybug, "Database", wal_left)
    opened.clear()
    EmbeddedStore(tmp_path / "s", read_only=True).close()
    assert failed and len(opened) == 3  # read-only (refused), recovery writer, read-only again
    assert {c["buffer_pool_size"] for c in opened} == {40 * MB}
    assert opened[1].get("read_only", False) is False


@pytest.mark.parametrize("value", ["abc", "-5", "1.5", "8", "15", "99999999999", "256MB"])
def test_a_bad_value_is_refused_in_one_line(tmp_path, monkeypatch, value):
    monkeypatch.setenv(store_memory.BUFFER_ENV, value)
    with pytest.raises(StoreError) as info:
        EmbeddedStore(tmp_path / "s")
    message = str(info.value)
    assert store_memory.BUFFER_ENV in message and repr(value) in message and "\n" not in message
    assert not (tmp_path / "s").exists()  # refused before anything was made


def test_a_bad_value_is_one_line_from_the_command(tmp_path, monkeypatch):
    EmbeddedStore(tmp_path / "s").close()
    monkeypatch.setenv(store_memory.BUFFER_ENV, "lots")
    result = CliRunner().invoke(cli, ["stats", "--store", str(tmp_path / "s")])
    assert result.exit_code == StoreError.exit_code
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and store_memory.BUFFER_ENV in lines[0] and "Traceback" not in result.output


@pytest.mark.parametrize("value, mb", [("64", 64), (" 512 ", 512), ("1_024", 1024), ("16", 16)])
def test_good_values(monkeypatch, value, mb):
    monkeypatch.setenv(store_memory.BUFFER_ENV, value)
    assert store_memory.buffer_pool_mb() == mb
    assert store_memory.database_options() == {"buffer_pool_size": mb * MB}


REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def corpus():
    from pipeline.parse import parse_file

    return [parse_file(str(p)) for p in sorted((REPO / "corpus").glob("*.txt"))]


def _copies(k: int, base=None):
    base = base or fixture_records()
    return [r if i == 0 else replace(r, document=replace(r.document, title=f"{r.document.title}（副本{i}）",
                                                          source=f"{r.document.source}#{i}"))
            for i in range(k) for r in base]


def test_a_store_larger_than_a_small_pool_answers_queries(tmp_path, monkeypatch, corpus):
    """Written and read under a 32 MB cap (well under LadybugDB's default), the database grows
    past the cap, and stats and a named query still answer (the pool evicts pages). A batch
    the pool cannot hold is written in halves: the store holds what a large pool writes."""
    records = _copies(4, corpus)
    with EmbeddedStore(tmp_path / "roomy") as s:  # the default cap
        ingest_records(s, records)
        roomy = as_sets(read_graph(s))
    monkeypatch.setenv(store_memory.BUFFER_ENV, "32")
    batches: list[tuple[int, bool]] = []
    real = EmbeddedStore._replace_batch

    def spying(self, latest):
        try:
            out = real(self, latest)
        except Exception:
            batches.append((len(latest), False))
            raise
        batches.append((len(latest), True))
        return out

    monkeypatch.setattr(EmbeddedStore, "_replace_batch", spying)
    path = tmp_path / "big"
    with EmbeddedStore(path) as s:
        summary = ingest_records(s, records)
        expected = s.stats()
        assert as_sets(read_graph(s)) == roomy
    assert (False in {ok for _, ok in batches}) and sum(n for n, ok in batches if ok) == len(records)
    assert (path / embedded.DB_FILE).stat().st_size > 32 * MB
    assert expected["nodes"]["Document"] >= len(records)
    monkeypatch.setenv(store_memory.BUFFER_ENV, "16")  # reading needs less: a pool far smaller still
    with EmbeddedStore(path, read_only=True) as s:
        assert s.stats() == expected
        assert summary.documents == len(records)
    runner = CliRunner()
    stats = runner.invoke(cli, ["stats", "--store", str(path), "--format", "json"])
    assert stats.exit_code == 0, stats.output
    query = runner.invoke(cli, ["query", "documents", "--store", str(path), "--format", "json"])
    assert query.exit_code == 0, query.output
    assert "（副本3）" in query.output


def test_a_statement_larger_than_the_pool_gets_a_larger_one(tmp_path, monkeypatch):
    """One document (and its checkpoint) a 16 MB pool cannot hold, and a whole-graph read on
    a pool smaller than its result: the store reopens on a larger pool and the result is
    what a large pool gives."""
    records = _copies(3)
    with EmbeddedStore(tmp_path / "roomy") as s:
        ingest_records(s, records)
        roomy = as_sets(read_graph(s))
    monkeypatch.setenv(store_memory.BUFFER_ENV, "16")
    grew = []
    real = EmbeddedStore._grow_pool

    def spying(self):
        grew.append(self._options["buffer_pool_size"])
        return real(self)

    monkeypatch.setattr(EmbeddedStore, "_grow_pool", spying)
    with EmbeddedStore(tmp_path / "s") as s:
        ingest_records(s, records)
        assert as_sets(read_graph(s)) == roomy
    assert grew and grew[0] == 16 * MB
    grew.clear()
    with EmbeddedStore(tmp_path / "roomy", read_only=True) as s:
        assert as_sets(read_graph(s)) == roomy
        assert s._options["buffer_pool_size"] >= 16 * MB


def test_when_the_pool_cannot_grow_the_error_names_the_variable(tmp_path, monkeypatch):
    monkeypatch.setenv(store_memory.BUFFER_ENV, "16")
    monkeypatch.setattr(embedded, "grown", lambda size: None)
    with EmbeddedStore(tmp_path / "s") as s:
        with pytest.raises(StoreError) as info:
            ingest_records(s, _copies(1))
        assert s.stats() == {"nodes": {}, "relationships": {}}  # rolled back
    message = str(info.value)
    assert "buffer pool" in message and f"raise {store_memory.BUFFER_ENV}" in message and "\n" not in message


def test_the_pool_doubles_up_to_the_library_default():
    assert store_memory.grown(16 * MB) == 32 * MB
    assert store_memory.grown(0) is None
    assert store_memory.grown(1 << 50) == 0  # past half the machine's memory: LadybugDB's own share
