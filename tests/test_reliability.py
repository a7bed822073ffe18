"""Reliability: killed ingests, concurrent ingests, huge files, scripts in HTML, awkward file
names (arbitrary bytes through the parser: tests/test_parse_properties.py).

Everything runs for real: the ``policykg`` console script beside the interpreter running
the tests, real LadybugDB stores in tmp_path, real files written here. A store is judged
by reading it back whole (``read_graph``) and comparing it with what
``build_graph`` makes of the records of the documents it holds: a document present in
part, or anything left by one that is absent, makes the two differ.
"""
from __future__ import annotations

import dataclasses
import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import jsonschema
import networkx as nx
import psutil
import pytest

from pipeline.errors import InputError, StoreError
from pipeline.graph.build import build_graph, record_document_id
from pipeline.graph.embedded import EmbeddedStore
from pipeline.graph.export import read_graph
from pipeline.graph.ingest import BATCH_SIZE
from pipeline.graph.lock import LOCK_FILE, StoreLock
from pipeline.model import Record
from pipeline.parse import parse_file
from tests.documents import page_pdf
from pipeline.data import policy_record_schema
from tests.helpers import CORPUS, REPO

POLICYKG = Path(sys.executable).with_name("policykg")
N_DOCS = 40
KILL_BATCH = 12  # documents per transaction in the paused ingests (the CLI's batches are larger)


@lru_cache(maxsize=1)
def contract() -> dict:
    return policy_record_schema()


def policykg(*args: str, env: dict | None = None, cwd: Path | None = None,
             timeout: float = 300) -> subprocess.CompletedProcess:
    assert POLICYKG.exists(), f"the policykg console script is not installed beside {sys.executable}"
    return subprocess.run([str(POLICYKG), *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})}, cwd=cwd)


def error_line(stderr: str) -> str:
    """The one error line of a failed command (a waiting notice may stand before it)."""
    assert "Traceback" not in stderr, stderr
    errors = [line for line in stderr.splitlines() if line.startswith("policykg: error:")]
    assert len(errors) == 1, stderr
    return errors[0]


# -- a corpus of small policy documents -----------------------------------------------------

def doc_text(i: int) -> str:
    """Document i: its own title, implementing document i-1, 1-3 sections of 1-3 measures
    with a task, two agencies and a target each (so documents differ in size)."""
    preamble = (f"为贯彻落实《测试市第{i - 1}号污染防治工作方案》，制定本方案。" if i
                else "为深入打好污染防治攻坚战，制定本方案。")
    lines = [f"测试市第{i}号污染防治工作方案", preamble]
    for s in range(1 + i % 3):
        lines.append(f"{'一二三'[s]}、重点任务{s}")
        for m in range(1 + (i + s) % 3):
            lines.append(f"（{'一二三'[m]}）推进第{m}项工作。到2025年，细颗粒物浓度下降{(i + m) % 9 + 1}%。"
                         "（市生态环境局牵头，市发展改革委配合）")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, list[str], dict[str, Record]]:
    """(folder, its files in ingest order, each file's record as the parser makes it)."""
    folder = tmp_path_factory.mktemp("corpus") / "docs"
    folder.mkdir()
    paths = []
    for i in range(N_DOCS):
        path = folder / f"doc{i:03d}.txt"
        path.write_text(doc_text(i), encoding="utf-8")
        paths.append(str(path))
    return folder, paths, {p: parse_file(p) for p in paths}


def canonical(g: nx.MultiDiGraph) -> tuple[list, list]:
    def dump(attrs):
        return json.dumps(attrs, sort_keys=True, ensure_ascii=False)

    return (sorted((n, dump(a)) for n, a in g.nodes(data=True)),
            sorted((u, v, dump(a)) for u, v, a in g.edges(data=True)))


def stored_graph(store: Path) -> nx.MultiDiGraph:
    with EmbeddedStore(store, create=False, lock_timeout=0) as s:
        return read_graph(s)


def stored_stats(store: Path) -> dict:
    with EmbeddedStore(store, create=False, lock_timeout=0) as s:
        return s.stats()


def graph_stats(g: nx.MultiDiGraph) -> dict:
    nodes, rels = {}, {}
    for _, a in g.nodes(data=True):
        nodes[a["label"]] = nodes.get(a["label"], 0) + 1
    for *_, a in g.edges(data=True):
        rels[a["type"]] = rels.get(a["type"], 0) + 1
    return {"nodes": dict(sorted(nodes.items())), "relationships": dict(sorted(rels.items()))}


def whole_documents(store: Path, paths: list[str], records: dict[str, Record]) -> int:
    """How many documents the store holds, asserting they are the first k of ``paths``, each
    complete, and that nothing else is there (no partial document, no orphan)."""
    g = stored_graph(store)
    ids = [record_document_id(records[p]) for p in paths]
    full = {n for n, a in g.nodes(data=True) if a["label"] == "Document" and not a.get("stub")}
    k = len(full)
    assert full == set(ids[:k]), "the store holds documents that are not the first ones ingested"
    expected = build_graph([records[p] for p in paths[:k]])
    assert canonical(g) == canonical(expected), f"the store is not a clean ingest of its {k} documents"
    return k


def workers_of(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def assert_gone(procs: list[psutil.Process]) -> None:
    """Worker processes end once their parent has been killed (bounded wait, not a timing test)."""
    _gone, alive = psutil.wait_procs(procs, timeout=30)
    for p in alive:  # leave nothing behind, then fail
        p.kill()
    assert not alive, f"worker processes outlived the killed ingest: {[p.pid for p in alive]}"


# -- 1. kill -9 in the middle of an ingest ----------------------------------------------------

# The real CLI, with smaller batches and a pause after the n-th COPY of the b-th batch, so the
# kill lands inside an open write transaction, deterministically. UNPROTECTED=1 turns the
# store's BEGIN/COMMIT into no-ops: what writing without the transaction would leave.
PAUSING_INGEST = textwrap.dedent("""
    import os, sys, time
    from functools import partial
    import pipeline.graph.ingest as ingest
    from pipeline.graph.embedded import EmbeddedStore

    pause = (int(os.environ["PAUSE_BATCH"]), int(os.environ["PAUSE_COPY"]))
    ingest.ingest_records = partial(ingest.ingest_records, batch_size=int(os.environ["BATCH_SIZE"]))
    state = {"batch": 0, "copies": 0}
    replace, copy, execute = EmbeddedStore.replace_documents, EmbeddedStore._copy, EmbeddedStore._exec

    def counting_replace(self, items):
        state["batch"] += 1
        state["copies"] = 0
        return replace(self, items)

    def pausing_copy(self, *args, **kwargs):
        copy(self, *args, **kwargs)
        state["copies"] += 1
        if (state["batch"], state["copies"]) == pause:
            print("PAUSED", file=sys.stderr, flush=True)
            time.sleep(3600)

    def autocommit(self, cypher, params=None):
        if cypher in ("BEGIN TRANSACTION", "COMMIT", "ROLLBACK"):
            cypher, params = "RETURN 1", None
        return execute(self, cypher, params)

    EmbeddedStore.replace_documents, EmbeddedStore._copy = counting_replace, pausing_copy
    if os.environ.get("UNPROTECTED"):
        EmbeddedStore._exec = autocommit
    from pipeline.cli import main
    sys.argv = ["policykg", *sys.argv[1:]]
    main()
""")


def kill_paused_ingest(folder: Path, store: Path, batch: int, copy: int, unprotected: bool = False) -> None:
    env = {**os.environ, "PAUSE_BATCH": str(batch), "PAUSE_COPY": str(copy), "BATCH_SIZE": str(KILL_BATCH)}
    if unprotected:
        env["UNPROTECTED"] = "1"
    proc = subprocess.Popen([sys.executable, "-c", PAUSING_INGEST, "ingest", str(folder), "--store", str(store),
                             "--workers", "2"], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                            env=env, cwd=REPO)
    try:
        lines = []
        for line in proc.stderr:  # ends at PAUSED, or at EOF if the ingest died first
            lines.append(line)
            if line.strip() == "PAUSED":
                break
        assert lines and lines[-1].strip() == "PAUSED", "".join(lines)
        workers = workers_of(proc.pid)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        assert_gone(workers)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stderr.close()


def test_kill_during_the_first_batch_leaves_an_empty_store(corpus, tmp_path):
    folder, paths, records = corpus
    store = tmp_path / "store"
    kill_paused_ingest(folder, store, batch=1, copy=3)
    assert whole_documents(store, paths, records) == 0
    assert stored_stats(store) == {"nodes": {}, "relationships": {}}


def test_kill_mid_batch_keeps_the_committed_batches_whole_and_a_rerun_completes(corpus, tmp_path):
    folder, paths, records = corpus
    store = tmp_path / "store"
    kill_paused_ingest(folder, store, batch=2, copy=3)
    assert whole_documents(store, paths, records) == KILL_BATCH  # batch 1 whole, nothing of batch 2

    result = policykg("ingest", str(folder), "--store", str(store))
    assert result.returncode == 0, result.stderr
    assert "waiting" not in result.stderr  # the killed process's lock died with it
    assert whole_documents(store, paths, records) == N_DOCS
    assert stored_stats(store) == graph_stats(build_graph(list(records.values())))


def test_the_kill_check_catches_a_partial_document_when_the_transaction_is_removed(corpus, tmp_path):
    """The same kill, with the store's BEGIN/COMMIT made no-ops: batch 2 is left in part,
    and ``whole_documents`` says so. This is what the transaction protects against."""
    folder, paths, records = corpus
    store = tmp_path / "store"
    kill_paused_ingest(folder, store, batch=2, copy=3, unprotected=True)
    with pytest.raises(AssertionError, match="not a clean ingest"):
        whole_documents(store, paths, records)


def _checkpointing(store: Path) -> bool:
    try:
        names = os.listdir(store)
    except FileNotFoundError:
        return False
    return any(".checkpoint" in n or n.endswith(".shadow") for n in names)


def test_kill_during_the_commit_checkpoint_of_an_unmodified_ingest(corpus, tmp_path):
    """The console script as users run it, killed while LadybugDB folds its write-ahead log
    into the database file at a commit (the riskiest moment). The store opens afterwards and
    holds whole documents only; a second run completes it."""
    folder, paths, records = corpus
    for attempt in range(3):  # the checkpoint lasts ~0.1 s; retried only if no kill landed in it
        store = tmp_path / f"store{attempt}"
        proc = subprocess.Popen([str(POLICYKG), "ingest", str(folder), "--store", str(store)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        killed = False
        try:
            while proc.poll() is None:
                if _checkpointing(store):
                    workers = workers_of(proc.pid)
                    proc.send_signal(signal.SIGKILL)
                    killed = True
                    break
                time.sleep(0.001)
            proc.wait(timeout=300)
        finally:
            if proc.poll() is None:
                proc.kill()
        if killed and proc.returncode == -signal.SIGKILL:
            break
    else:
        pytest.fail("three ingests finished before a checkpoint could be caught")
    assert_gone(workers)
    held = whole_documents(store, paths, records)
    assert held == N_DOCS or held % BATCH_SIZE == 0, f"{held} documents is not a number of whole batches"

    result = policykg("ingest", str(folder), "--store", str(store))
    assert result.returncode == 0, result.stderr
    assert whole_documents(store, paths, records) == N_DOCS


# -- 2. two ingests into one store at once -----------------------------------------------------

@pytest.fixture(scope="module")
def halves(corpus, tmp_path_factory):
    """The corpus split into two folders: [(folder, its records in order)] * 2."""
    _, paths, records = corpus
    base = tmp_path_factory.mktemp("halves")
    out = []
    for name, part in (("a", paths[: N_DOCS // 2]), ("b", paths[N_DOCS // 2:])):
        (base / name).mkdir()
        moved = []
        for p in part:
            copy = base / name / Path(p).name
            copy.write_bytes(Path(p).read_bytes())
            rec = records[p]  # the same record, read from its new place
            moved.append(dataclasses.replace(rec, document=dataclasses.replace(rec.document, source=str(copy))))
        out.append((base / name, moved))
    return out


@contextmanager
def ingest_held_open(records: list[Record], store: Path, tmp: Path):
    """An ``ingest --records`` that holds the store's lock until ``feed()`` is called.

    Its records come through its standard input (``--records -``): the ingest opens the
    store (taking the lock), then blocks reading until ``feed`` writes ``records`` into it.
    The other process's attempt is thus certain to meet the lock, however fast
    ingesting becomes. Yields (process, feed)."""
    proc = subprocess.Popen([str(POLICYKG), "ingest", "--records", "-", "--store", str(store)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            encoding="utf-8")
    fed = False

    def feed() -> None:
        nonlocal fed
        fed = True
        for rec in records:
            proc.stdin.write(json.dumps(rec.to_dict(), ensure_ascii=False) + "\n")
        proc.stdin.close()
        proc.stdin = None  # fed and closed: communicate() has nothing more to send

    try:
        lock = store / LOCK_FILE
        deadline = time.monotonic() + 120
        while not _held_by(lock, proc.pid):
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"the first ingest was never seen holding the lock: {proc.communicate()[1]}")
            time.sleep(0.01)
        yield proc, feed
    finally:
        if not fed and proc.poll() is None:
            proc.kill()
        proc.communicate(timeout=300)


def _held_by(lock: Path, pid: int) -> bool:
    try:
        return lock.read_text().startswith(f"{pid}\n")
    except FileNotFoundError:
        return False


def _first_line(stream, seconds: float = 120) -> str:
    """The first line ``stream`` gives within ``seconds`` ("" if none)."""
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(stream.readline()), daemon=True)
    reader.start()
    reader.join(seconds)
    return got[0] if got else ""


def _as_saved(records: list[Record]) -> list[Record]:
    """The records as `ingest --records` reads them back from their JSON."""
    return [Record.from_dict(json.loads(json.dumps(r.to_dict()))) for r in records]


def test_two_ingests_at_once_queue_and_both_succeed(halves, tmp_path):
    (_, part_a), (folder_b, part_b) = halves
    store = tmp_path / "store"
    with ingest_held_open(part_a, store, tmp_path) as (first, feed):
        second = subprocess.Popen([str(POLICYKG), "ingest", str(folder_b), "--store", str(store)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        waiting = _first_line(second.stderr)  # said while the first still holds the lock
        feed()
        out_a, err_a = first.communicate(timeout=300)
        out_b, err_b = second.communicate(timeout=300)
    assert first.returncode == 0, err_a
    assert second.returncode == 0, waiting + err_b
    assert f"waiting for the store lock on {store} held by another process (pid {first.pid}" in waiting
    assert "POLICYKG_LOCK_TIMEOUT" in waiting
    g = stored_graph(store)
    # documents from both ingests, each as a clean ingest of all of them makes it
    expected = build_graph(_as_saved(part_a) + part_b)
    assert canonical(g) == canonical(expected)
    assert stored_stats(store) == graph_stats(expected)


def test_without_queueing_the_second_ingest_fails_in_one_line_and_the_store_stays_whole(halves, tmp_path):
    """POLICYKG_LOCK_TIMEOUT=0 turns the queue off: the second ingest is refused at once
    (LadybugDB lets one process in), with one line naming the holder; the store keeps
    exactly the first ingest."""
    (_, part_a), (folder_b, _) = halves
    store = tmp_path / "store"
    with ingest_held_open(part_a, store, tmp_path) as (first, feed):
        second = policykg("ingest", str(folder_b), "--store", str(store), env={"POLICYKG_LOCK_TIMEOUT": "0"})
        feed()
        first.communicate(timeout=300)
    assert first.returncode == 0
    assert second.returncode == StoreError.exit_code
    line = error_line(second.stderr)
    assert f"the store is in use by another process (pid {first.pid}" in line
    assert "waiting" not in second.stderr
    assert canonical(stored_graph(store)) == canonical(build_graph(_as_saved(part_a)))


@contextmanager
def holding(store: Path, read_only: bool = False):
    """Another process with ``store`` open (and its lock held) until the block ends."""
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from pipeline.graph.embedded import EmbeddedStore; "
         f"s = EmbeddedStore({str(store)!r}, read_only={read_only}); print('ready', flush=True); "
         "sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=REPO)
    try:
        assert holder.stdout.readline().strip() == "ready"
        yield holder
    finally:
        holder.communicate("", timeout=30)


def test_a_queued_command_gives_up_after_the_timeout(tmp_path):
    store = tmp_path / "store"
    EmbeddedStore(store).close()
    with holding(store) as holder:
        result = policykg("stats", "--store", str(store), env={"POLICYKG_LOCK_TIMEOUT": "0.5"})
    assert result.returncode == StoreError.exit_code
    assert f"waiting for the store lock on {store} held by another process (pid {holder.pid}" in result.stderr
    line = error_line(result.stderr)
    assert "stayed locked for 0.5 s" in line and "POLICYKG_LOCK_TIMEOUT" in line
    assert stored_stats(store) == {"nodes": {}, "relationships": {}}  # untouched, opens fine


def test_readers_share_the_store_and_keep_writers_out(tmp_path):
    """LadybugDB lets a writer in while another process reads read-only (and the reverse);
    the lock does not: read-only opens share it, a writer waits for them."""
    store = tmp_path / "store"
    EmbeddedStore(store).close()
    with holding(store, read_only=True):
        with EmbeddedStore(store, read_only=True, lock_timeout=0) as s:  # a second reader: at once
            assert s.stats() == {"nodes": {}, "relationships": {}}
        with pytest.raises(StoreError, match=r"in use by another process \(pid \d+"):  # the last reader in
            EmbeddedStore(store, lock_timeout=0)
    EmbeddedStore(store, lock_timeout=0).close()  # the reader gone, a writer gets in


def test_a_bad_lock_timeout_is_a_one_line_error(tmp_path, monkeypatch):
    monkeypatch.setenv("POLICYKG_LOCK_TIMEOUT", "soon")
    with pytest.raises(StoreError, match="POLICYKG_LOCK_TIMEOUT='soon' is not a number of seconds"):
        EmbeddedStore(tmp_path / "store")


def test_forked_workers_do_not_keep_the_lock(tmp_path):
    """The parser's worker processes are forked while the store is open; they must not hold
    its lock after the parent lets go (flock locks are shared with forked children)."""
    import multiprocessing

    store = tmp_path / "store"
    store.mkdir()
    lock = StoreLock(store, timeout=0).acquire()
    ctx = multiprocessing.get_context("fork")
    stop = ctx.Event()
    child = ctx.Process(target=stop.wait, args=(60,))
    child.start()
    try:
        lock.release()
        probe = subprocess.run(
            [sys.executable, "-c", "from pipeline.graph.lock import StoreLock; "
             f"StoreLock({str(store)!r}, timeout=0).acquire(); print('acquired')"],
            capture_output=True, text=True, cwd=REPO, timeout=60)
        assert probe.stdout.strip() == "acquired", probe.stderr
    finally:
        stop.set()
        child.join(30)


def test_the_lock_is_reentrant_within_a_process(tmp_path):
    store = tmp_path / "store"
    with EmbeddedStore(store, lock_timeout=0) as a, EmbeddedStore(store, create=False, lock_timeout=0) as b:
        assert a.stats() == b.stats()


# -- 3. huge files ------------------------------------------------------------------------------

MB = 1024 * 1024


# Linux carries a process's peak RSS across fork and exec, so a command started straight from
# this (large) test process would report this process's peak as its own. A small Python process
# starts the command instead and reports the command's own wait4 figure: its peak RSS, or that of
# the parser workers it waited for if larger.
MEASURE = textwrap.dedent("""
    import json, os, subprocess, sys
    with open(sys.argv[1], "wb") as out, open(sys.argv[2], "wb") as err:
        proc = subprocess.Popen(sys.argv[3:], stdout=out, stderr=err)
        _pid, status, usage = os.wait4(proc.pid, 0)
    print(json.dumps([os.waitstatus_to_exitcode(status), usage.ru_maxrss * 1024]))
""")


class Measured:
    """A console-script run, with its peak memory."""

    def __init__(self, args: list[str], env: dict, workdir: Path, name: str):
        self.out, self.err = workdir / f"{name}.out", workdir / f"{name}.err"
        self.proc = subprocess.Popen([sys.executable, "-c", MEASURE, str(self.out), str(self.err), str(POLICYKG), *args],
                                     stdout=subprocess.PIPE, text=True, env={**os.environ, **env})
        self._done = None

    def result(self) -> tuple[int, str, str, int]:
        """(exit code, stdout, stderr, peak RSS in bytes)."""
        if self._done is None:
            report, _ = self.proc.communicate(timeout=600)
            assert self.proc.returncode == 0, "the measuring process failed"
            code, peak = json.loads(report)
            self._done = (code, self.out.read_text("utf-8"), self.err.read_text("utf-8"), peak)
        return self._done


TEXT_BYTES = 50 * MB
PDF_PAGES = 3200  # over the default limit of 3000


@pytest.fixture(scope="module")
def huge_runs(tmp_path_factory):
    """The huge-file runs, started together (two cores) and measured one by one."""
    work = tmp_path_factory.mktemp("huge")
    corpus_text = "\n".join(p.read_text("utf-8") for p in sorted(CORPUS.glob("*.txt")))
    chunk = corpus_text.encode("utf-8")
    big = work / "big.txt"
    with open(big, "wb") as fh:
        for _ in range(TEXT_BYTES // len(chunk) + 1):
            fh.write(chunk)
    pdf = work / "big.pdf"
    pdf.write_bytes(page_pdf([[(200, "测试市大规模文件工作方案"), "一、重点任务"]] + [
        [f"{k}．推进第{k}项重点工作，到2025年细颗粒物浓度下降5%。（市生态环境局牵头）"] for k in range(1, PDF_PAGES)]))
    small = CORPUS / "national-2021-pollution-opinion.txt"
    runs = {
        "text_default": Measured(["parse", str(big), "--format", "table"], {}, work, "text_default"),
        "text_raised": Measured(["parse", str(big), "--format", "json"], {"POLICYKG_MAX_CHARS": "40000000"},
                                work, "text_raised"),
        "pdf_default": Measured(["parse", str(pdf), "--format", "table"], {}, work, "pdf_default"),
        "pdf_raised": Measured(["parse", str(pdf), "--format", "json"], {"POLICYKG_MAX_PDF_PAGES": "4000"},
                               work, "pdf_raised"),
        "small": Measured(["parse", str(small), "--format", "json"], {}, work, "small"),
    }
    yield {"big": big, "pdf": pdf, "runs": runs}
    for run in runs.values():
        if run._done is None:
            run.proc.communicate(timeout=600)  # let every run end before the files go


def test_a_50_mb_text_is_refused_by_default_naming_the_limit(huge_runs):
    big = huge_runs["big"]
    assert big.stat().st_size >= TEXT_BYTES
    code, out, err, peak = huge_runs["runs"]["text_default"].result()
    assert code == InputError.exit_code
    line = error_line(err)
    assert f"{big}: text is too long to parse" in line
    assert "the limit is 3,000,000" in line and "POLICYKG_MAX_CHARS=" in line
    assert out == ""
    assert peak < 1024 * MB, f"refusing took {peak / MB:.0f} MB"


def test_a_50_mb_text_is_parsed_in_bounded_memory_when_the_limit_is_raised(huge_runs):
    code, out, err, peak = huge_runs["runs"]["text_raised"].result()
    assert code == 0, err
    record = json.loads(out)
    jsonschema.validate(record, contract())
    assert len(record["targets"]) > 1000
    _, _, _, small_peak = huge_runs["runs"]["small"].result()
    size = huge_runs["big"].stat().st_size
    # stated bound: under 1.5 GB, and under 8 bytes of extra memory per byte of text
    assert peak < 1536 * MB, f"parsing 50 MB took {peak / MB:.0f} MB"
    assert peak - small_peak < 8 * size, (peak, small_peak, size)


def test_a_pdf_of_thousands_of_pages_is_refused_over_the_page_limit(huge_runs):
    code, out, err, peak = huge_runs["runs"]["pdf_default"].result()
    assert code == InputError.exit_code
    line = error_line(err)
    assert f"PDF has {PDF_PAGES} pages, more than the limit of 3000" in line
    assert f"POLICYKG_MAX_PDF_PAGES={PDF_PAGES}" in line
    assert peak < 512 * MB


def test_a_pdf_of_thousands_of_pages_is_read_page_by_page_when_the_limit_is_raised(huge_runs):
    code, out, err, peak = huge_runs["runs"]["pdf_raised"].result()
    assert code == 0, err
    record = json.loads(out)
    jsonschema.validate(record, contract())
    assert record["document"]["title"] == "测试市大规模文件工作方案"
    assert len(record["targets"]) == PDF_PAGES - 1  # one on every page after the first
    assert peak < 1024 * MB, f"reading {PDF_PAGES} pages took {peak / MB:.0f} MB"


def test_a_file_over_the_byte_limit_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "sparse.txt"
    with open(path, "wb") as fh:  # 101 MB on paper, no disk used: it must never be read
        fh.truncate(101 * MB)
    with pytest.raises(InputError) as exc:
        parse_file(path)
    msg = str(exc.value)
    assert "\n" not in msg and "the limit is 100 MB" in msg and f"POLICYKG_MAX_BYTES={101 * MB}" in msg


def test_the_character_limit_both_ways(tmp_path, monkeypatch):
    path = tmp_path / "plan.txt"
    path.write_text(doc_text(7), encoding="utf-8")
    n = len(doc_text(7).rstrip("\n"))
    monkeypatch.setenv("POLICYKG_MAX_CHARS", str(n - 1))
    with pytest.raises(InputError, match=f"POLICYKG_MAX_CHARS={n}"):
        parse_file(path)
    monkeypatch.setenv("POLICYKG_MAX_CHARS", str(n))
    assert parse_file(path).document.title == "测试市第7号污染防治工作方案"


# -- 4. HTML: nothing is ever run ---------------------------------------------------------------

HOSTILE_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>测试市空气质量工作方案</title>
<style>.x:after { content: "样式注入的文字"; } body { display: block }</style>
<script>document.write('<p>脚本写入的段落：到2025年下降99%。</p>');</script>
<script src="data:text/javascript,document.body.innerHTML='外部脚本替换正文'"></script>
</head>
<body onload="document.body.innerHTML='加载事件替换的正文'">
<noscript><p>请启用脚本后查看（noscript里的文字）</p></noscript>
<div class="content">
<h1>测试市空气质量工作方案</h1>
<p onclick="this.innerHTML='点击事件写入的文字'">一、重点任务</p>
<p onmouseover="alert('悬停事件')">（一）推进大气治理。到2025年，细颗粒物浓度下降5%。（市生态环境局牵头）</p>
<img src="x.png" onerror="document.write('图片错误事件写入的文字')" alt="">
<a href="javascript:document.write('链接脚本写入的文字')">附件</a>
<script>document.getElementById('x').innerHTML = '正文中脚本写入的文字';</script>
<template><p>模板里的文字</p></template>
<svg><script>document.write('SVG脚本写入的文字')</script><text>SVG文字</text></svg>
<iframe srcdoc="<p>内嵌框架里的文字</p>"></iframe>
</div></body></html>
"""
INJECTED = ["样式注入", "脚本写入", "外部脚本", "加载事件", "noscript里", "点击事件", "悬停事件", "图片错误事件",
            "链接脚本", "正文中脚本", "模板里", "SVG脚本", "内嵌框架", "99%", "document.", "innerHTML", "alert("]


def test_html_scripts_styles_and_handlers_never_reach_the_record(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HOSTILE_PAGE, encoding="utf-8")
    record = parse_file(path).to_dict()
    jsonschema.validate(record, contract())
    dumped = json.dumps(record, ensure_ascii=False)
    for text in INJECTED:
        assert text not in dumped, text
    assert record["document"]["title"] == "测试市空气质量工作方案"
    assert [(t["indicator"], t["value"]) for t in record["targets"]] == [("细颗粒物浓度", 5.0)]


# -- 5. file and folder names with spaces, quotes and Chinese --------------------------------------

def test_names_with_spaces_quotes_and_chinese(tmp_path):
    import docx

    folder = tmp_path / "目录 一"
    folder.mkdir()
    files = {
        "青岛 市 方案 (2022).txt": None,
        "附件 二 ‘引号’ it's.html": None,
        "山东 省 实施 方案.docx": None,
        "济南 市 规划 [终稿].pdf": None,
    }
    (folder / "青岛 市 方案 (2022).txt").write_text(doc_text(1), encoding="utf-8")
    (folder / "附件 二 ‘引号’ it's.html").write_text(
        "<html><body><div class='content'>" + "".join(f"<p>{line}</p>" for line in doc_text(2).splitlines())
        + "</div></body></html>", encoding="utf-8")
    d = docx.Document()
    for line in doc_text(3).splitlines():
        d.add_paragraph(line)
    d.save(str(folder / "山东 省 实施 方案.docx"))
    title, preamble, *body = doc_text(4).splitlines()
    (folder / "济南 市 规划 [终稿].pdf").write_bytes(page_pdf([[(200, title), (96, preamble), *body]]))
    expected = {str(folder / name) for name in files}

    result = policykg("parse", str(folder), "--format", "jsonl", "--workers", "1")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["document"]["source"] for r in records} == expected
    assert {r["document"]["title"] for r in records} == {f"测试市第{i}号污染防治工作方案" for i in (1, 2, 3, 4)}
    for r in records:
        jsonschema.validate(r, contract())

    tmp = tmp_path / "临时 目录"  # the COPY tables are written under TMPDIR
    tmp.mkdir()
    store = tmp_path / "图谱 库" / "存储 一"
    result = policykg("ingest", str(folder), "--store", str(store), "--workers", "1", env={"TMPDIR": str(tmp)})
    assert result.returncode == 0, result.stderr
    with EmbeddedStore(store, create=False, lock_timeout=0) as s:
        rows = s.run("MATCH (d:Document) WHERE d.stub = false RETURN d.source", read_only=True).rows
    assert {r[0] for r in rows} == expected
