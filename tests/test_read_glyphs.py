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
