"""A title standing alone above a table drawn cell by cell is never joined to the table's lines (issue 14)."""
from __future__ import annotations

from pipeline.read.layout import join_pages
from pipeline.read.table_breaks import LineBox, insert_breaks, table_breaks
from tests.documents import PlacedTextPage


# a page whose table header is read cell by cell: each cell's lines in turn, the cells side by side
TITLE_OVER_TABLE = [("节能低碳技术推广目录（2021年度）", 172, 521, 22),
                    ("序", 39, 472, 10.5), ("号", 39, 456, 10.5),
                    ("所", 64, 488, 10.5), ("属", 64, 472, 10.5), ("领", 64, 456, 10.5),
                    ("技术名", 95, 472, 10.5), ("称", 110, 456, 10.5),
                    ("推荐", 168, 472, 10.5), ("单位", 168, 456, 10.5),
                    ("  技术内容", 333, 464, 10.5)]


def test_a_title_over_a_table_read_cell_by_cell_stays_a_paragraph_of_its_own():
    from pipeline.read.pdf import _page_lines

    got = _page_lines(PlacedTextPage(TITLE_OVER_TABLE))
    assert [x.strip() for x in got.text.split("\n")[:3]] == ["节能低碳技术推广目录（2021年度）", "", "序"]
    assert [x.strip() for x in got.lines[:2]] == ["节能低碳技术推广目录（2021年度）", "序"]
    assert join_pages([got.text]).split("\n")[0] == "节能低碳技术推广目录（2021年度）"


def test_lines_of_running_text_get_no_break():
    from pipeline.read.pdf import _page_lines

    text = [("关于推进节能低碳技术推广的通知", 150, 700, 16),
            ("各有关单位：为贯彻落实国家有关部署，现将有关事项通知如下，请", 80, 670, 12),
            ("认真组织实施，按时报送有关材料。", 56, 652, 12)]
    got = _page_lines(PlacedTextPage(text))
    assert "" not in got.text.split("\n")


def test_a_break_needs_a_line_alone_in_its_band_and_three_cells_side_by_side():
    title = LineBox(172, 669, 521, 549)
    cells = [LineBox(39, 49, 472, 483), LineBox(64, 75, 472, 483), LineBox(95, 137, 472, 483)]
    assert table_breaks([title] + cells) == [1]
    assert table_breaks([title] + cells[:2]) == []  # two lines side by side: a marker beside its text, not a table
    beside_title = LineBox(680, 700, 521, 549)  # the line above shares its band: a table's row, not a title
    assert table_breaks([title, beside_title] + cells) == []
    touching = [LineBox(39, 80, 472, 483), LineBox(81, 120, 472, 483), LineBox(121, 160, 472, 483)]
    assert table_breaks([title] + touching) == []  # pieces of one line of text, no gap between them


def test_insert_breaks_counts_lines_as_the_reader_does():
    assert insert_breaks("a\r\nb\r\n\r\nc", [1, 2]) == "a\r\n\nb\r\n\r\n\nc"
    assert insert_breaks("a\nb", []) == "a\nb"
