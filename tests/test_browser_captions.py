"""Node captions for Neo4j Browser (pipeline/graph/captions.py), in the graph and both stores.

Browser breaks a caption only at spaces and cuts what does not fit its circle, so every
node carries a short ``caption`` broken into words of a few characters; the style
(graph_schema/style.grass) shows ``{caption}`` on every label.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipeline.graph.build import build_graph
from pipeline.graph.captions import (
    DOCUMENT_WIDTH, ELLIPSIS, MAX_WIDTH, TARGET_WIDTH, WORD_WIDTHS, node_caption, shorten, text_width,
    wrap,
)
from pipeline.graph import browser_fit
from pipeline.graph.embedded import EmbeddedStore
from pipeline.graph.ingest import ingest_records
from pipeline.graph.neo4j_store import open_neo4j
from pipeline.graph.schema import NODE_LABELS, NODE_PROPERTIES
from pipeline.model import Record

REPO = Path(__file__).resolve().parents[1]
RECORD_FILES = sorted((REPO / "tests" / "fixtures" / "records").glob("*.json")) + sorted(
    (REPO / "tests" / "fixtures" / "query-records").glob("*.json"))
WIDTH = {label: MAX_WIDTH for label in NODE_LABELS} | {"Document": DOCUMENT_WIDTH, "Target": TARGET_WIDTH}


def records() -> list[Record]:
    return [Record.from_dict(json.loads(p.read_text(encoding="utf-8"))) for p in RECORD_FILES]


def words_fit(caption: str) -> bool:
    """Every word between spaces is at most max(WORD_WIDTHS) columns, unless it is one Latin run."""
    return all(text_width(w) <= max(WORD_WIDTHS) or re.fullmatch(r"[\x21-\x7e]+", w)
               for w in caption.split(" "))


def unwrapped(caption: str) -> str:
    return caption.replace(" ", "")


# -- the functions, on text of our own ------------------------------------------------------

def test_short_text_is_kept_and_long_text_cut_with_an_ellipsis():
    assert shorten("推进工作") == "推进工作"
    long = "加快推进钢铁水泥焦化行业超低排放改造和清洁生产审核"
    cut = shorten(long)
    assert cut.endswith(ELLIPSIS) and text_width(cut) <= MAX_WIDTH
    assert long.startswith(cut.removesuffix(ELLIPSIS))
    assert shorten("abc def", 5) == "abc…"  # the ellipsis takes two columns


def test_wrap_breaks_chinese_into_short_words_and_keeps_latin_runs_whole():
    assert wrap("深入打好蓝天保卫战") == "深入打好 蓝天保卫 战"
    assert "PM2.5" in wrap("细颗粒物PM2.5浓度下降").split(" ")[1]
    assert wrap("一二三…") == "一二三…"
    assert wrap("深入打好蓝天保卫…") == "深入打好 蓝天保卫…"  # the ellipsis stays with its word


@pytest.mark.parametrize("label, props, expected", [
    ("Section", {"number": "三、", "title": "深入打好蓝天保卫战"}, "三、深入打好蓝天保卫战"),
    ("Measure", {"number": "(二)", "title": "主要目标"}, "(二)主要目标"),
    ("Measure", {"number": "(二)", "text": "推进工业污染治理"}, "(二)推进工业污染治理"),
    ("Document", {"title": "某某省人民政府关于加强生态保护的意见"}, "加强生态保护的意见"),
    ("Document", {"title": "某市空气质量改善行动方案"}, "某市空气质量改善行动方案"),
    ("Agency", {"name": "某市生态环境局"}, "某市生态环境局"),
    ("Indicator", {"name": "优良天数比率"}, "优良天数比率"),
    ("Target", {"indicator": "优良天数比率", "valueText": "85%", "comparator": ">=", "year": 2025},
     "优良天数比率≥85%2025"),
    ("Target", {"indicator": "能耗强度", "valueText": "13.5%", "kind": "change", "direction": "down",
                "comparator": "=", "year": 2025}, "能耗强度↓13.5%2025"),
    ("Task", {"text": "开展清洁取暖改造"}, "开展清洁取暖改造"),
    ("Measure", {"number": "（一）", "title": "ＰＭ２．５治理"}, "(一)PM2.5治理"),
])
def test_each_label_has_its_caption(label, props, expected):
    caption = node_caption(label, props)
    assert unwrapped(caption) == expected
    assert words_fit(caption)


def test_a_target_caption_keeps_value_and_year_when_the_indicator_is_long():
    caption = node_caption("Target", {"indicator": "全市重点行业挥发性有机物综合治理项目完成比例",
                                      "valueText": "100%", "comparator": ">=", "year": 2027})
    assert caption.endswith(" ≥100% 2027") and ELLIPSIS in caption
    assert text_width(caption) <= TARGET_WIDTH


def test_a_document_caption_keeps_the_words_around_a_cited_title():
    caption = unwrapped(node_caption("Document", {"title": "某省贯彻落实〈某某部关于推进城市生态环境保护"
                                                           "和污染防治工作的指导意见〉的若干措施"}))
    assert caption.startswith("某省贯彻落实〈") and caption.endswith("…〉的若干措施")
    assert unwrapped(node_caption("Document", {"title": "某省人民政府关于印发清洁取暖实施方案的通知"})) \
        == "清洁取暖实施方案"


def test_a_node_without_text_is_captioned_by_its_id():
    assert node_caption("Task", {"id": "doc-1/t3"}) == "doc-1/t3"


# -- every node of the graph, and both stores ----------------------------------------------

def check_captions(captions: dict[str, list[str]]) -> None:
    assert set(captions) == set(NODE_LABELS), "a label has no nodes in the fixtures"
    for label, values in captions.items():
        assert values, label
        for caption in values:
            assert caption and caption.strip() == caption, (label, caption)
            assert text_width(caption) <= WIDTH[label], (label, caption)
            assert words_fit(caption), (label, caption)
            assert browser_fit.fits(caption, label), (label, caption)


def test_every_node_of_the_graph_has_a_short_caption():
    g = build_graph(records())
    captions: dict[str, list[str]] = {}
    for _, attrs in g.nodes(data=True):
        captions.setdefault(attrs["label"], []).append(attrs.get("caption"))
    check_captions(captions)
    assert all(("caption", "STRING") in props for props in NODE_PROPERTIES.values())


def test_the_style_captions_every_label_by_its_caption_property():
    style = (REPO / "graph_schema" / "style.grass").read_text(encoding="utf-8")
    for label in NODE_LABELS:
        block = re.search(r"node\.%s \{(.*?)\n\}" % label, style, re.S)
        assert block, label
        assert 'caption: "{caption}";' in block.group(1), label


def test_the_layout_model_has_the_styles_sizes():
    style = (REPO / "graph_schema" / "style.grass").read_text(encoding="utf-8")
    sizes = {m["label"]: float(m["size"]) for m in re.finditer(
        r"node\.(?P<label>\w+) \{[^}]*?diameter: (?P<size>\d+)px;", style)}
    assert sizes == browser_fit.DIAMETERS
    assert re.search(r"^node \{[^}]*font-size: (\d+)px;", style, re.M)[1] == f"{browser_fit.FONT_SIZE:g}"
    assert "font-size" not in style.split("relationship {")[1].split("node.", 1)[1]  # labels keep it


@pytest.mark.parametrize("caption, label, fits", [
    ("深入打好 蓝天保卫 战", "Section", True),
    ("深入打好蓝天保卫战深入打好蓝天保卫战", "Section", False),  # one word wider than the circle
    ("一二 三四 五六 七八 九十 一二 三四 五六 七八 九十 一二", "Task", False),  # too many lines
])
def test_the_layout_model_follows_browser(caption, label, fits):
    assert browser_fit.fits(caption, label) is fits


def test_a_caption_browser_would_cut_is_rewrapped_or_shortened():
    # Words that fit two to a line leave Browser's last line empty in a large circle.
    caption = node_caption("Agency", {"name": "某某省人力资源和社会保障厅"})
    assert browser_fit.fits(caption, "Agency")
    assert unwrapped(caption) == "某某省人力资源和社会保障厅"


def store_captions(store) -> dict[str, list[str]]:
    return {label: [r[0] for r in store.run(f"MATCH (n:{label}) RETURN n.caption AS caption").rows]
            for label in NODE_LABELS}


def test_the_embedded_store_holds_the_captions(tmp_path):
    with EmbeddedStore(tmp_path / "store") as store:
        ingest_records(store, records())
        check_captions(store_captions(store))


def test_neo4j_holds_the_captions(neo4j_server):
    uri, user, password = neo4j_server
    with open_neo4j(uri, user=user, password=password) as store:
        store.run("MATCH (n) DETACH DELETE n")
        ingest_records(store, records())
        check_captions(store_captions(store))
