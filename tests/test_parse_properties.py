"""Property tests: arbitrary text, and arbitrary bytes in a file of any kind, never break the
parser: it returns a record that keeps the contract or refuses with a one-line error."""
from __future__ import annotations

import io
import json
import tempfile
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Optional

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.errors import PolicykgError
from pipeline.parse import parse_file, parse_text
from tests.documents import page_pdf, small_docx
from pipeline.data import policy_record_schema

_SCHEMA = None


def schema():
    global _SCHEMA
    if _SCHEMA is None:
        _SCHEMA = policy_record_schema()
    return _SCHEMA


# Text built from the pieces policy documents are made of, so the rules are really exercised.
PIECES = ["一、", "二、", "(一)", "（二）", "第一章", "第一节", "1.", "(市生态环境局牵头)", "（A、B按职责分工负责，C配合）",
          "〔牵头单位：市发展改革委；配合单位：市财政局〕", "到2025年,", "比2020年", "下降", "提高到", "达到", "以上", "左右",
          "分别", "均", "15%", "20、15个百分点", "3万千瓦", "百分之三十", "十五个", "《某某方案》", "贯彻落实", "关于印发", "的通知",
          "。", "；", "，", "\n", "2022年3月5日", "PM2.5", "(", ")", "（", "）", "〔", "〕", "“", "”", "、"]
texty = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=60).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texty)
def test_parser_never_raises_and_keeps_the_contract(text):
    record = parse_text(text).to_dict()
    jsonschema.validate(record, schema())


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_any_unicode_text(text):
    jsonschema.validate(parse_text(text).to_dict(), schema())


# -- arbitrary bytes through the real file path --------------------------------------------------
# parse_file must either return a record that keeps the contract or raise a one-line
# PolicykgError (InputError): no other exception may escape, whatever the file holds.

def parses_or_refuses(path: Path) -> None:
    try:
        record = parse_file(path)
    except PolicykgError as exc:
        assert "\n" not in str(exc), str(exc)
        return
    jsonschema.validate(record.to_dict(), schema())


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("bytes")


@lru_cache(maxsize=1)
def small_pdf() -> bytes:
    return page_pdf([[(200, "测试市工作方案"), "一、重点任务"],
                     ["（一）推进大气治理。到2025年，细颗粒物浓度下降5%。（市生态环境局牵头）"]])


def mutate(base: bytes, edits: list[tuple[int, bytes]], cut: Optional[int]) -> bytes:
    """``base`` with a few byte runs overwritten, then perhaps cut short."""
    data = bytearray(base)
    for pos, new in edits:
        pos %= len(data)
        data[pos:pos + len(new)] = new
    return bytes(data[:cut] if cut is not None else data)


EDITS = st.lists(st.tuples(st.integers(0, 10**6), st.binary(min_size=1, max_size=8)), max_size=6)
CUTS = st.one_of(st.none(), st.integers(0, 10**6))
FILES = settings(max_examples=60, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
MARKUP = ["<html>", "<body>", "</p>", "<p>", "<div class='content'>", "<script>", "</script>", "<!--", "-->",
          "<meta charset='gbk'>", "<meta charset=utf-8>", "<br>", "<table><tr><td>", "&nbsp;", "&#x4e00;", "&#0;",
          "一、重点任务", "（一）", "到2025年，细颗粒物浓度下降5%。", "（市生态环境局牵头）", "<![CDATA[", "]]>",
          "<?xml version='1.0'?>", "\ufeff", "\x00"]


def test_the_base_documents_parse():
    """The documents the mutations start from are sound, so mutations reach deep."""
    for name, data in (("base.pdf", small_pdf()), ("base.docx", small_docx())):
        path = Path(tempfile.mkdtemp()) / name
        path.write_bytes(data)
        record = parse_file(path)
        assert record.document.title == "测试市工作方案"
        assert [t.indicator for t in record.targets] == ["细颗粒物浓度"]


@pytest.mark.parametrize("suffix", [".txt", ".html", ".pdf", ".docx", ""])
@FILES
@given(data=st.binary(min_size=1, max_size=3000))
def test_arbitrary_bytes_under_any_name(scratch, suffix, data):
    path = scratch / f"any{suffix}"
    path.write_bytes(data)
    parses_or_refuses(path)


@FILES
@given(parts=st.lists(st.one_of(st.sampled_from(MARKUP), st.text(max_size=10)), max_size=40),
       codec=st.sampled_from(["utf-8", "gb18030", "utf-16", "utf-16-le", "big5", "latin-1"]),
       suffix=st.sampled_from([".html", ".txt"]))
def test_arbitrary_markup_and_text_in_any_encoding(scratch, parts, codec, suffix):
    path = scratch / f"markup{suffix}"
    path.write_bytes("".join(parts).encode(codec, errors="replace"))
    parses_or_refuses(path)


@FILES
@given(edits=EDITS, cut=CUTS)
def test_damaged_pdfs(scratch, edits, cut):
    path = scratch / "damaged.pdf"
    path.write_bytes(mutate(small_pdf(), edits, cut))
    parses_or_refuses(path)


@FILES
@given(edits=EDITS, cut=CUTS)
def test_damaged_docx_archives(scratch, edits, cut):
    path = scratch / "damaged.docx"
    path.write_bytes(mutate(small_docx(), edits, cut))
    parses_or_refuses(path)


@FILES
@given(body=st.one_of(st.binary(max_size=2000),
                      st.lists(st.sampled_from(["<w:p>", "</w:p>", "<w:r><w:t>", "</w:t></w:r>", "<w:tbl>",
                                                "</w:tbl>", "<w:tr>", "<w:tc>", "</w:tc>", "正文", "&amp;", "&bad;",
                                                "<!DOCTYPE x [<!ENTITY a 'b'>]>", "]]>"]),
                               max_size=30).map(lambda xs: "".join(xs).encode())))
def test_docx_with_arbitrary_document_xml(scratch, body):
    """A sound ZIP whose word/document.xml body is anything at all."""
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(small_docx())) as src, zipfile.ZipFile(buf, "w") as out:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                data = data[: data.index(b"<w:body>") + len(b"<w:body>")] + body + b"</w:body></w:document>"
            out.writestr(item, data)
    path = scratch / "odd.docx"
    path.write_bytes(buf.getvalue())
    parses_or_refuses(path)
