"""Every input is bounded before the work: hostile files are refused or parsed within a memory and time
bound (under 1 GB and a minute, generous guards rather than timings), and the message is one line.

The files are built here; the bounds are checked on the real command (`policykg parse`) in a child
process whose peak memory is measured."""
from __future__ import annotations

import pytest

from tests.helpers import ONE_TASK_DOC
from tests.hostile import docx_with_body, lie_about_size, run_bounded

MAX_MB = 1024
MAX_SECONDS = 60
PARA = "<w:p><w:r><w:t>到2025年，全市完成改造任务十项。</w:t></w:r></w:p>".encode()


def assert_bounded(res, *, refused_with: str | None = None):
    assert res.peak_mb < MAX_MB, f"peak {res.peak_mb:.0f} MB"
    assert res.seconds < MAX_SECONDS, f"took {res.seconds:.0f} s"
    if refused_with is not None:
        assert res.returncode == 2, (res.returncode, res.message)
        assert refused_with in res.message, res.message
        assert len(res.message.splitlines()) == 1, res.message


def test_docx_bomb_under_the_size_limit_stops_at_the_character_limit(tmp_path):
    """80 MB of paragraphs that deflate to a few hundred KB: refused by the character limit while
    it is inflated, not after."""
    path = tmp_path / "bomb.docx"
    path.write_bytes(docx_with_body(PARA * (80 * 1024 * 1024 // len(PARA))))
    assert path.stat().st_size < 2 * 1024 * 1024
    assert_bounded(run_bounded("parse", str(path), "--format", "json"), refused_with="too long to parse")


def test_docx_whose_directory_understates_a_member(tmp_path):
    path = tmp_path / "liar.docx"
    real = docx_with_body(PARA * 200_000)
    path.write_bytes(lie_about_size(real, "word/document.xml", 2000))
    res = run_bounded("parse", str(path), "--format", "json")
    assert_bounded(res, refused_with="not a readable")


def test_docx_whose_directory_overstates_a_member(tmp_path):
    path = tmp_path / "liar.docx"
    path.write_bytes(lie_about_size(docx_with_body(PARA * 10), "word/document.xml", 3_000_000_000))
    assert_bounded(run_bounded("parse", str(path), "--format", "json"), refused_with="too large")


def test_docx_of_millions_of_empty_elements_is_streamed(tmp_path):
    """Many tiny elements (a small file that python-docx took minutes and gigabytes over)."""
    path = tmp_path / "tiny.docx"
    path.write_bytes(docx_with_body(b"<w:p/>" * 3_000_000 + PARA))
    res = run_bounded("parse", str(path), "--format", "json")
    assert_bounded(res)
    assert res.returncode == 0, res.message
    assert "完成改造任务" in res.stdout


def test_docx_inflating_past_the_byte_limit_stops_while_inflating(tmp_path):
    path = tmp_path / "big.docx"
    path.write_bytes(docx_with_body(b"<w:p/>" * 2_000_000))  # 12 MB inflated
    res = run_bounded("parse", str(path), "--format", "json", env={"POLICYKG_MAX_BYTES": str(4 * 1024 * 1024)})
    assert_bounded(res, refused_with="too large")


@pytest.mark.parametrize("depth", [8_000, 100_000])
def test_html_nested_deep_parses_in_linear_time(tmp_path, depth):
    path = tmp_path / "deep.html"
    path.write_text("<html><body>" + "<div>" * depth + "<p>某市方案</p><p>一、重点任务</p>"
                    "<p>（一）推进改造。到2025年，完成改造10个。（市住房城乡建设局牵头）</p>" + "</div>" * depth
                    + "</body></html>", encoding="utf-8")
    res = run_bounded("parse", str(path), "--format", "json")
    assert_bounded(res)
    assert res.returncode == 0, res.message
    assert "市住房城乡建设局" in res.stdout


def test_records_from_a_device_or_a_named_pipe_are_refused_at_once(tmp_path):
    import os

    fifo = tmp_path / "records.jsonl"
    os.mkfifo(fifo)
    for path in ("/dev/zero", str(fifo)):
        res = run_bounded("ingest", "--records", path, "--store", str(tmp_path / "store"), timeout=120)
        assert_bounded(res)
        assert res.returncode == 2, res.message
        first, summary = res.message.splitlines()  # the file's error, then the ingest's summary of failures
        assert "not a records file" in first and "--records -" in first
        assert "1 of 1 file could not be read" in summary


def test_records_on_standard_input_are_streamed_with_a_line_limit(tmp_path):
    """`--records -` from an endless source stops at the line limit, in bounded memory."""
    import subprocess
    import sys

    from tests.hostile import POLICYKG, _PEAK

    with open("/dev/zero", "rb") as zero:
        proc = subprocess.run([sys.executable, "-c", _PEAK, str(POLICYKG), "ingest", "--records", "-",
                               "--store", str(tmp_path / "store")], stdin=zero, capture_output=True, text=True,
                              timeout=300, env={**__import__("os").environ, "POLICYKG_MAX_BYTES": str(8 << 20)})
    err, _, peak = proc.stderr.rstrip().rpartition("PEAK_KB ")
    assert proc.returncode == 2, err
    first, summary = err.strip().splitlines()  # the input's error, then the ingest's summary of failures
    assert "longer than" in first and "could not be read" in summary
    assert int(peak) / 1024 < MAX_MB


def test_records_piped_from_parse_are_ingested(tmp_path):
    import subprocess

    from tests.hostile import POLICYKG

    doc = tmp_path / "plan.txt"
    doc.write_text(ONE_TASK_DOC, encoding="utf-8")
    parsed = subprocess.run([str(POLICYKG), "parse", str(doc), "--format", "jsonl"], capture_output=True, text=True,
                            check=True).stdout
    res = subprocess.run([str(POLICYKG), "ingest", "--records", "-", "--store", str(tmp_path / "store")],
                         input=parsed, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    assert "ingested 1 document" in res.stdout


def test_a_pdf_page_holding_millions_of_characters_is_refused_within_bounds(tmp_path):
    """A PDF whose one page draws 3.4 million characters: refused by the character limit, which is
    counted before the page's text is extracted (a page PDFium itself cannot load within bounds is
    stopped by the reader's memory limit instead: tests/test_hostile_pdf.py)."""
    from tests.documents import pdf_bytes

    runs = [(20 + (i % 50) * 10, 20 + (i // 50) % 800, f"{i:07d}到2025年完成改造十个" * 10) for i in range(20_000)]
    path = tmp_path / "dense.pdf"
    data = pdf_bytes([runs], size=1)
    path.write_bytes(data)
    res = run_bounded("parse", str(path), "--format", "json")
    assert_bounded(res, refused_with="too long to parse")
