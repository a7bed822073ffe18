"""PDFs that PDFium itself cannot read within bounds are read in a forked child under hard limits:
a page of millions of characters in a few KB, and many pages sharing one big content stream, are
refused in one line naming the file and the variable to raise, within a memory and time bound
(under 1 GB and a minute: generous guards, not timings), through the real command, alone and in a
folder parsed by 2 workers; and the memory budget is shared by the workers, not multiplied.

The PDFs are built here (``tests.hostile.pdf_sharing_streams``)."""
from __future__ import annotations

import json
import os
import signal

import pytest

from pipeline.errors import InputError
from pipeline.read import bounded, limits
from tests.helpers import ONE_TASK_DOC
from tests.hostile import pdf_sharing_streams, run_bounded, text_stream

MAX_MB = 1024
MAX_SECONDS = 60
_PATHS = b"0 0 m 1 1 l n\n"  # a path drawn and dropped: costs PDFium time, draws no character


@pytest.fixture(scope="module")
def dense_pdf(tmp_path_factory):
    """One page whose Flate-compressed content stream draws 12 million characters."""
    path = tmp_path_factory.mktemp("dense") / "dense.pdf"
    path.write_bytes(pdf_sharing_streams([text_stream(12_000_000)], [0]))
    assert path.stat().st_size < 100_000
    return path


@pytest.fixture(scope="module")
def shared_pdf(tmp_path_factory):
    """200 pages whose /Contents all point at one stream of 8 MB of path operators (a second or
    so of PDFium's time for every page, minutes for the document)."""
    path = tmp_path_factory.mktemp("shared") / "shared.pdf"
    stream = b"BT /F1 1 Tf\n" + _PATHS * (8_000_000 // len(_PATHS)) + b"ET\n"
    path.write_bytes(pdf_sharing_streams([stream], [0] * 200))
    assert path.stat().st_size < 100_000
    return path


def _folder_with(tmp_path, hostile):
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "a-hostile.pdf").write_bytes(hostile.read_bytes())
    (folder / "b-plan.txt").write_text(ONE_TASK_DOC, encoding="utf-8")
    return folder


def _assert_refused(res, name: str, env_var: str):
    assert res.peak_mb < MAX_MB, f"peak {res.peak_mb:.0f} MB"
    assert res.seconds < MAX_SECONDS, f"took {res.seconds:.0f} s"
    assert res.returncode == 2, (res.returncode, res.message)
    line = [x for x in res.message.splitlines() if x.startswith("policykg: error:")]
    assert len(line) == 1 and name in line[0] and env_var in line[0], res.message
    assert all(x.startswith("policykg: ") for x in res.message.splitlines()), res.message
    assert "Traceback" not in res.message
    return line[0]


def test_a_page_of_twelve_million_characters_is_refused_within_bounds(dense_pdf):
    res = run_bounded("parse", str(dense_pdf), "--format", "json")
    line = _assert_refused(res, "dense.pdf", limits.MAX_MEMORY_ENV)
    assert len(res.message.splitlines()) == 1, res.message
    assert f"limit of {limits.DEFAULT_MAX_MEMORY_MB} MB" in line and res.stdout == ""


def test_a_page_of_twelve_million_characters_in_a_folder_of_two_workers(dense_pdf, tmp_path):
    """The next file is still parsed; the reader's limit is half the budget."""
    res = run_bounded("parse", str(_folder_with(tmp_path, dense_pdf)), "--workers", "2")
    line = _assert_refused(res, "a-hostile.pdf", limits.MAX_MEMORY_ENV)
    assert f"limit of {limits.DEFAULT_MAX_MEMORY_MB // 2} MB" in line and "shared by 2 parser workers" in line
    assert "1 of 2 documents could not be parsed" in res.message
    assert [json.loads(x)["document"]["source"].endswith("b-plan.txt") for x in res.stdout.splitlines()] == [True]


def test_ingest_of_a_folder_goes_on_past_the_page(dense_pdf, tmp_path):
    res = run_bounded("ingest", str(_folder_with(tmp_path, dense_pdf)), "--workers", "2",
                      "--store", str(tmp_path / "store"))
    _assert_refused(res, "a-hostile.pdf", limits.MAX_MEMORY_ENV)
    assert "ingested 1 document" in res.stdout, (res.stdout, res.message)


def test_pages_sharing_one_content_stream_are_stopped_at_the_time_limit(shared_pdf):
    res = run_bounded("parse", str(shared_pdf), "--format", "json", env={limits.MAX_READ_SECONDS_ENV: "5"})
    line = _assert_refused(res, "shared.pdf", limits.MAX_READ_SECONDS_ENV)
    assert len(res.message.splitlines()) == 1, res.message
    assert "5 s of processor time" in line


def test_pages_sharing_one_content_stream_in_a_folder_of_two_workers(shared_pdf, tmp_path):
    res = run_bounded("parse", str(_folder_with(tmp_path, shared_pdf)), "--workers", "2",
                      env={limits.MAX_READ_SECONDS_ENV: "5"})
    _assert_refused(res, "a-hostile.pdf", limits.MAX_READ_SECONDS_ENV)
    assert "1 of 2 documents could not be parsed" in res.message
    assert len(res.stdout.splitlines()) == 1


def test_the_budget_a_message_names_is_the_one_given(dense_pdf, tmp_path):
    """POLICYKG_MAX_MEMORY_MB=600: one file's reader gets 600 MB, each of two workers' 300 MB."""
    env = {limits.MAX_MEMORY_ENV: "600"}
    alone = run_bounded("parse", str(dense_pdf), "--format", "json", env=env)
    assert "limit of 600 MB" in _assert_refused(alone, "dense.pdf", limits.MAX_MEMORY_ENV)
    pair = run_bounded("parse", str(_folder_with(tmp_path, dense_pdf)), "--workers", "2", env=env)
    assert "limit of 300 MB" in _assert_refused(pair, "a-hostile.pdf", limits.MAX_MEMORY_ENV)


def _budget_mb(_item) -> int:
    return limits.read_budget().memory_mb


def test_workers_share_the_memory_budget(monkeypatch):
    from pipeline.parallel import ordered_map

    monkeypatch.setenv(limits.MAX_MEMORY_ENV, "900")
    assert list(ordered_map(_budget_mb, range(3), workers=1)) == [900] * 3
    assert list(ordered_map(_budget_mb, range(4), workers=2)) == [450] * 4
    assert list(ordered_map(_budget_mb, range(6), workers=3)) == [300] * 6


def test_default_workers_leave_each_its_share(monkeypatch):
    monkeypatch.setenv(limits.MAX_MEMORY_ENV, str(2 * limits.MIN_SHARE_MB))
    assert limits.default_workers(8) == 2 and limits.default_workers(1) == 1
    monkeypatch.setenv(limits.MAX_MEMORY_ENV, str(100 * limits.MIN_SHARE_MB))
    assert limits.default_workers(8) == 8
    monkeypatch.setenv(limits.MAX_MEMORY_ENV, "1")
    assert limits.default_workers(8) == 1


@pytest.mark.parametrize("name,value", [(limits.MAX_MEMORY_ENV, "lots"), (limits.MAX_READ_SECONDS_ENV, "-3")])
def test_a_bad_limit_is_a_one_line_error(monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(InputError) as exc:
        limits.read_budget()
    assert name in str(exc.value) and "\n" not in str(exc.value)


# -- the child itself -------------------------------------------------------------------------------

def _run(produce):
    return list(bounded.in_child("some.pdf", produce))


def test_the_child_sends_objects_in_order():
    def produce(send):
        for i in range(3):
            send((i, "页" * 100_000))  # larger than a pipe's buffer

    assert [(i, len(s)) for i, s in _run(produce)] == [(0, 100_000), (1, 100_000), (2, 100_000)]


def test_an_input_error_in_the_child_arrives_whole():
    def produce(send):
        send(1)
        raise InputError("PDF has no pages", path="some.pdf", hint="check it")

    got = []
    with pytest.raises(InputError) as exc:
        for x in bounded.in_child("some.pdf", produce):
            got.append(x)
    assert got == [1] and str(exc.value) == "some.pdf: PDF has no pages — check it" and exc.value.hint == "check it"


def test_memory_past_the_limit_is_refused_in_the_child(monkeypatch):
    monkeypatch.setenv(limits.MAX_MEMORY_ENV, "200")

    def produce(send):
        send(len(bytearray(400 * 2**20)))

    with pytest.raises(InputError) as exc:
        _run(produce)
    assert "more memory than the limit of 200 MB" in str(exc.value) and limits.MAX_MEMORY_ENV in str(exc.value)
    monkeypatch.setenv(limits.MAX_MEMORY_ENV, "600")
    assert _run(produce) == [400 * 2**20]


def test_processor_time_past_the_limit_stops_the_child(monkeypatch):
    monkeypatch.setenv(limits.MAX_READ_SECONDS_ENV, "1")

    def produce(send):
        while True:
            pass

    with pytest.raises(InputError) as exc:
        _run(produce)
    assert "1 s of processor time" in str(exc.value) and limits.MAX_READ_SECONDS_ENV in str(exc.value)


def test_time_the_parent_spends_between_objects_is_not_counted(monkeypatch):
    """OCR runs in the parent between pages: seconds of it do not count against the child."""
    import time

    monkeypatch.setenv(limits.MAX_READ_SECONDS_ENV, "1")
    got = []
    for x in bounded.in_child("some.pdf", lambda send: [send(i) for i in range(3)]):
        time.sleep(0.8)  # 2.4 s in all, past both the limit and the parent's backstop's share
        got.append(x)
    assert got == [0, 1, 2]


def test_a_crash_in_the_child_is_one_line():
    with pytest.raises(InputError) as exc:
        _run(lambda send: os.kill(os.getpid(), signal.SIGSEGV))
    assert "crashed on it (SIGSEGV" in str(exc.value) and str(exc.value).startswith("some.pdf: ")


def test_closing_early_ends_the_child():
    def produce(send):
        send(os.getpid())
        while True:
            send(0)

    it = bounded.in_child("some.pdf", produce)
    pid = next(it)
    it.close()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def _burn(seconds: float) -> None:
    """Spend ``seconds`` of this process's processor time."""
    import time

    start = time.process_time()
    while time.process_time() - start < seconds:
        sum(range(10_000))


def test_each_scanned_page_adds_processor_time(monkeypatch):
    """A reader that renders scans may take SCAN_SECONDS more for each (``allow_more_time``)."""
    monkeypatch.setenv(limits.MAX_READ_SECONDS_ENV, "1")

    def produce(grant):
        def run(send):
            for _ in range(2):
                if grant:
                    bounded.allow_more_time(1)
                _burn(0.9)
                send("page")
        return run

    assert _run(produce(True)) == ["page", "page"]
    with pytest.raises(InputError) as exc:
        _run(produce(False))
    assert "1 s of processor time" in str(exc.value)


def test_a_child_killed_by_someone_else_is_not_called_slow():
    with pytest.raises(InputError) as exc:
        _run(lambda send: os.kill(os.getpid(), signal.SIGKILL))
    assert "killed (SIGKILL)" in str(exc.value) and "processor time" not in str(exc.value)


def test_the_reader_dies_with_a_killed_command(tmp_path):
    """kill -9 of `policykg parse` while its reader is inside PDFium (one page of 64 MB of path
    operators: many seconds in one call, sending nothing) leaves no reader behind."""
    import subprocess
    import time

    import psutil

    from tests.hostile import POLICYKG

    slow = tmp_path / "slow.pdf"
    slow.write_bytes(pdf_sharing_streams([b"BT\n" + _PATHS * (64_000_000 // len(_PATHS)) + b"ET\n"], [0]))
    proc = subprocess.Popen([str(POLICYKG), "parse", str(slow)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        readers: list[psutil.Process] = []
        while not readers and time.monotonic() < deadline:
            time.sleep(0.2)
            readers = psutil.Process(proc.pid).children()
        assert readers, "no reader child appeared"
    finally:
        proc.kill()
        proc.wait(30)
    gone, alive = psutil.wait_procs(readers, timeout=5)  # on its own it would go on for many seconds
    assert not alive, alive
