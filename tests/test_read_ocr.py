"""OCR of scanned PDF pages: line grouping, engine choice, limits, and real engines on a real scan.

``tests/fixtures/files/scanned-page.pdf`` is one page of a real notice of the collection (an
indicator table printed and scanned, image only, no text layer), re-encoded smaller.
"""
from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from pipeline.errors import InputError
from pipeline.read import ocr, read_document
from pipeline.read.ocr import OcrLine, _Box, _tesseract_lines, group_lines
from pipeline.read.pdf import read_pdf_text
from tests.documents import page_pdf
from tests.test_read import one_line

SCAN = Path(__file__).parent / "fixtures" / "files" / "scanned-page.pdf"
# Words printed on the scanned page (its row labels), which a reader of the page sees.
SCAN_WORDS = ["综合利用往年贮存量", "再生资源收集量", "工业用地面积", "综合能耗弹性系数", "新鲜水资源消耗量"]


class _Fixed:
    """An engine that answers the same line for every page (for the reader's own logic)."""
    name = "fixed"

    def __init__(self) -> None:
        self.calls = 0

    def lines(self, image):
        self.calls += 1
        return [OcrLine("到2025年，完成改造10个。", 10.0, 10.0)]


def test_boxes_group_into_lines_top_to_bottom_left_to_right():
    boxes = [_Box("乙", 60, 0, 80, 20), _Box("甲", 0, 2, 20, 22), _Box("丙", 0, 40, 20, 60)]
    assert [ln.text for ln in group_lines(boxes)] == ["甲 乙", "丙"]


def test_adjacent_boxes_join_without_a_space():
    boxes = [_Box("单位", 0, 0, 40, 20), _Box("能耗", 42, 1, 82, 21)]
    (line,) = group_lines(boxes)
    assert line.text == "单位能耗" and line.left == 0 and line.char_width == 20


def test_tesseract_tsv_words_become_lines_without_cjk_gaps():
    head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [
        "5\t1\t1\t1\t1\t1\t10\t10\t20\t20\t90\t单位",
        "5\t1\t1\t1\t1\t2\t32\t10\t20\t20\t90\t能耗",
        "5\t1\t1\t1\t2\t1\t10\t50\t20\t20\t90\t下降",
        "4\t1\t1\t1\t2\t0\t10\t50\t20\t20\t-1\t",
    ]
    assert [ln.text for ln in _tesseract_lines("\n".join([head] + rows))] == ["单位能耗", "下降"]


def test_unknown_engine_name_is_one_line(monkeypatch):
    monkeypatch.setenv("POLICYKG_OCR", "abbyy")
    with pytest.raises(InputError, match="POLICYKG_OCR"):
        ocr.engine_choice()


def test_auto_prefers_rapidocr_then_tesseract_then_off(monkeypatch):
    monkeypatch.delenv("POLICYKG_OCR", raising=False)
    monkeypatch.setattr(ocr, "_rapidocr_installed", lambda: True)
    assert ocr.engine_choice() == "rapidocr"
    monkeypatch.setattr(ocr, "_rapidocr_installed", lambda: False)
    monkeypatch.setattr(ocr.shutil, "which", lambda name: "/usr/bin/tesseract")
    assert ocr.engine_choice() == "tesseract"
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    assert ocr.engine_choice() == "off"


def test_a_scan_without_an_engine_names_the_install_step(monkeypatch):
    monkeypatch.delenv("POLICYKG_OCR", raising=False)
    monkeypatch.setattr(ocr, "_rapidocr_installed", lambda: False)
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    with pytest.raises(InputError) as exc:
        read_document(SCAN)
    msg = one_line(exc)
    assert "no OCR engine is installed" in msg and "pip install rapidocr-onnxruntime" in msg
    assert "scanned-page.pdf" in msg


def test_a_scan_with_ocr_off_says_so(monkeypatch):
    monkeypatch.setenv("POLICYKG_OCR", "off")
    with pytest.raises(InputError) as exc:
        read_document(SCAN)
    assert "OCR is off" in one_line(exc)


def test_text_pages_and_blank_pages_are_never_ocrd(tmp_path, monkeypatch):
    fixed = _Fixed()
    monkeypatch.setattr(ocr, "get_engine", lambda path: fixed)
    monkeypatch.setattr(ocr, "engine_choice", lambda: "rapidocr")
    path = tmp_path / "plan.pdf"
    path.write_bytes(page_pdf([["一、总体要求", "到2025年，完成改造10个。"], []]))
    got = read_pdf_text(path)
    assert fixed.calls == 0 and got.ocr_pages == 0 and "完成改造" in got.pages[0]


def test_scanned_pages_over_the_limit_are_refused(tmp_path, monkeypatch):
    fixed = _Fixed()
    monkeypatch.setattr(ocr, "get_engine", lambda path: fixed)
    monkeypatch.setattr(ocr, "engine_choice", lambda: "rapidocr")
    src = pdfium.PdfDocument(str(SCAN))
    doc = pdfium.PdfDocument.new()
    doc.import_pages(src, [0, 0, 0])
    path = tmp_path / "three-scans.pdf"
    doc.save(str(path))
    assert read_pdf_text(path).ocr_pages == 3 and fixed.calls == 3
    monkeypatch.setenv("POLICYKG_MAX_OCR_PAGES", "2")
    with pytest.raises(InputError) as exc:
        read_pdf_text(path)
    assert "POLICYKG_MAX_OCR_PAGES" in one_line(exc) and fixed.calls == 5


def test_rapidocr_reads_the_real_scan(monkeypatch):
    monkeypatch.setenv("POLICYKG_OCR", "rapidocr")
    source = read_document(SCAN)
    assert source.format == "pdf"
    text = source.text
    found = [w for w in SCAN_WORDS if w in text]
    assert len(found) >= 4, (found, text[:300])


def test_tesseract_reads_the_real_scan(monkeypatch):
    assert ocr.shutil.which("tesseract"), "tesseract is not installed: run scripts/system-deps.sh (as root)"
    monkeypatch.setenv("POLICYKG_OCR", "tesseract")
    got = read_pdf_text(SCAN)
    assert got.ocr_pages == 1
    text = got.pages[0]
    assert sum(w in text for w in SCAN_WORDS) >= 2, text[:300]


def test_parse_of_a_scan_gives_a_record_end_to_end(tmp_path):
    """`policykg parse` on an all-scan PDF, as a user runs it, with the installed default engine."""
    import json
    import subprocess
    import sys

    policykg = Path(sys.executable).with_name("policykg")
    proc = subprocess.run([str(policykg), "parse", str(SCAN), "--format", "json"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    record = json.loads(proc.stdout)
    assert record["document"]["source"].endswith("scanned-page.pdf")
    assert record["document"]["title"], record["document"]
