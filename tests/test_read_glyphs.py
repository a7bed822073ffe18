"""A decimal point drawn with a private-use glyph is read as a point (86\ue0017% -> 86.7%)."""
from __future__ import annotations

import pytest

from pipeline.parse import parse_text
from pipeline.read import read_document
from pipeline.read.glyphs import repair_glyphs
from tests.documents import pdf_bytes
from tests.helpers import measure_text


@pytest.mark.parametrize("raw,want", [
    ("86\ue0017%", "86.7%"),
    ("PM２\U001001b0５浓度", "PM２.５浓度"),
    ("1\uf02e5万吨", "1.5万吨"),
])
def test_private_glyph_between_digits_is_a_point(raw, want):
    assert repair_glyphs(raw) == want


@pytest.mark.parametrize("raw", ["6\uf0b45", "\ue001 企业", "第3\U001001ba", "A\ue001B"])
def test_other_private_glyphs_are_kept(raw):
    assert repair_glyphs(raw) == raw


def test_pdf_with_a_private_decimal_point_gives_the_whole_value(tmp_path):
    path = tmp_path / "plan.pdf"
    path.write_bytes(pdf_bytes([[(72, 780, "到2025年，森林覆盖率达到86\ue0017%。")]]))
    text = read_document(path).text
    assert "86.7%" in text
    (t,) = parse_text(measure_text(text)).targets
    assert (t.value, t.unit) == (86.7, "%")


def test_the_glyph_a_document_uses_for_its_point_is_a_point_after_any_digit():
    pages = ["浓度下降２\U001001b0５％。", "３\U001001b0 污染源综合治理项目。"]
    from pipeline.read.glyphs import repair_pages
    assert repair_pages(pages) == ["浓度下降２.５％。", "３. 污染源综合治理项目。"]
    # a glyph never seen between digits stays
    assert repair_pages(["３\U001001ba 目录"]) == ["３\U001001ba 目录"]
