"""``policykg search``: ranked full-text search on the embedded store and on a real Neo4j.

The fixture is two small records written here (not parsed), with provenance set on
some nodes, so every assertion checks an answer known by hand.
"""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.errors import EXIT_NO_MATCH, InputError
from pipeline.graph.build import build_document_graph, record_document_id
from pipeline.graph.embedded import EmbeddedStore
from pipeline.graph.search import bm25, lucene_query, search, term_count
from pipeline.graph.search_text import index_words, mark, query_phrases, query_words, search_text
from pipeline.model import DocumentMeta, Measure, Record, Section, Target, Task

AIR_TITLE = "甲市空气质量改善行动方案"
WATER_TITLE = "乙市水环境保护方案"


def air(ozone: str = "臭氧") -> Record:
    return Record(
        document=DocumentMeta(title=AIR_TITLE, date="2023-03-01"),
        sections=[Section(1, "重点任务", "一、")],
        measures=[Measure(1, 1, "推进大气污染防治", "（一）", "推进大气污染防治。",
                          page=2, paragraph=4, start=30, end=39)],
        tasks=[Task(1, 1, f"强化{ozone}污染防治，控制挥发性有机物排放。", page=2, paragraph=5, start=40, end=60),
               Task(1, 2, f"开展{ozone}监测网络建设。"),
               Task(1, 3, "整治工业企业扬尘，推进道路保洁。")],
        targets=[Target(1, None, "PM2.5浓度", 30.0, "微克/立方米", "level", "down", "<=", 2025, None,
                        "30微克/立方米", "到2025年，PM2.5浓度控制在30微克/立方米以内",
                        page=3, paragraph=7, start=70, end=79, sentence="到2025年，PM2.5浓度控制在30微克/立方米以内。")],
    )


def water() -> Record:
    return Record(
        document=DocumentMeta(title=WATER_TITLE, date="2023-05-01"),
        sections=[Section(1, "主要任务", "一、")],
        measures=[Measure(1, 1, "加强水污染治理", "（一）", "加强水污染治理。")],
        tasks=[Task(1, 1, "推进城镇污水处理设施（一期）建设，加强市生态环境局监测能力。")],
    )


def write(store, *records: Record) -> None:
    for r in records:
        store.replace_document(record_document_id(r), build_document_graph(r))


@pytest.fixture
def emb(tmp_path):
    with EmbeddedStore(tmp_path / "store") as store:
        write(store, air(), water())
        yield store


@pytest.fixture
def neo(neo4j_server):
    from pipeline.graph.neo4j_store import open_neo4j

    uri, user, password = neo4j_server
    with open_neo4j(uri, user=user, password=password) as store:
        store.run("MATCH (n) DETACH DELETE n")
        write(store, air(), water())
        yield store


@pytest.fixture(params=["embedded", "neo4j"])
def store(request):
    return request.getfixturevalue("emb" if request.param == "embedded" else "neo")


# -- words ----------------------------------------------------------------------------------

def test_index_words_keep_long_words_and_the_words_inside_them():
    words = index_words("推进大气污染防治")
    assert "大气污染" in words and "污染" in words and "防治" in words
    assert "生态环境" in index_words("加强生态环境局监测")  # a 4-character word inside a longer one


def test_query_words_are_whole_latin_runs_and_drop_punctuation():
    assert query_words("PM2.5 浓度") == ["pm2.5", "浓度"]
    assert query_words("（一）、。") == ["一"]
    assert query_words("、。！") == []
    assert query_words("臭氧 臭氧") == ["臭氧"]


def test_search_text_is_framed_by_spaces_and_lower_case():
    text = search_text("PM2.5浓度", None)
    assert text.startswith(" ") and text.endswith(" ")
    assert " pm2.5 " in text and " 浓度 " in text
    assert search_text(None, "") is None


def test_mark_frames_every_occurrence_and_merges_neighbours():
    assert mark("臭氧污染和臭氧", ["臭氧", "污染"]) == "«臭氧污染»和«臭氧»"
    assert mark("PM2.5浓度", ["pm2.5"]) == "«PM2.5»浓度"
    assert mark("没有", ["臭氧"]) == "没有"


def test_lucene_query_quotes_and_escapes_syntax_characters():
    assert lucene_query(["pm2.5"]) == 'text:"pm2.5" title:"pm2.5"^0.1 indicator:"pm2.5"^0.1'
    words = lucene_query(['a"b', "c\\d", "(一)"]).split()[::3]  # the text field's clause of each
    assert words == [r'text:"a\"b"', r'text:"c\\d"', r'text:"\(一\)"']


def test_bm25_rewards_frequency_and_rarity():
    assert bm25(2, 1, 100, 50, 50) > bm25(1, 1, 100, 50, 50)
    assert bm25(1, 1, 100, 50, 50) > bm25(1, 50, 100, 50, 50)
    assert bm25(1, 1, 100, 20, 50) > bm25(1, 1, 100, 100, 50)


# -- both stores ----------------------------------------------------------------------------

def test_a_hit_with_both_words_ranks_above_a_hit_with_one(store):
    hits = search(store, "臭氧 挥发性有机物")
    ids = [h.id for h in hits]
    both = next(h for h in hits if "挥发性有机物" in h.text)
    one = next(h for h in hits if "监测网络" in h.text)
    assert ids.index(both.id) < ids.index(one.id)
    assert both.score > one.score
    assert hits[0].id == both.id


def test_a_word_is_found_inside_longer_text(store):
    hits = search(store, "污染")
    texts = [h.text for h in hits]
    assert any("大气污染防治" in t for t in texts)
    assert any("水污染治理" in t for t in texts)
    assert not any("扬尘" in t for t in texts)
    assert any("生态环境局" in h.text for h in search(store, "生态环境"))


def test_special_characters_neither_fail_nor_match_everything(store):
    hits = search(store, "PM2.5")
    assert [h.kind for h in hits] == ["target"]
    assert "«PM2.5»" in hits[0].marked
    for text in ["（一）", "(一期)", 'a+b && c || !d [e] {f} ^g "h" ~i *j ?k :l /m \\n', "扬尘)"]:
        search(store, text)  # no error
    assert [h.text for h in search(store, "扬尘)")] == ["整治工业企业扬尘，推进道路保洁。"]


def test_kind_and_document_filters(store):
    assert {h.kind for h in search(store, "污染", kinds=["measure"])} == {"measure"}
    assert {h.kind for h in search(store, "污染", kinds=["task", "target"])} <= {"task", "target"}
    docs = {h.document_title for h in search(store, "污染", document="乙市")}
    assert docs == {WATER_TITLE}
    assert len(search(store, "污染", limit=1)) == 1
    with pytest.raises(InputError):
        search(store, "。，")


def test_reingest_replaces_the_indexed_text(store):
    assert any(h.document_title == AIR_TITLE for h in search(store, "臭氧"))
    write(store, air(ozone="颗粒物"))
    assert search(store, "臭氧") == []
    assert len([h for h in search(store, "颗粒物") if h.kind == "task"]) == 2


def test_hits_carry_ids_document_measure_and_provenance(store):
    hit = search(store, "挥发性有机物")[0]
    air_id = record_document_id(air())
    assert hit.kind == "task"
    assert hit.id == f"{air_id}/m1/t1"
    assert (hit.document_id, hit.document_title) == (air_id, AIR_TITLE)
    assert (hit.measure_number, hit.measure_title) == ("（一）", "推进大气污染防治")
    assert (hit.page, hit.paragraph, hit.char_start, hit.char_end) == (2, 5, 40, 60)
    target = search(store, "PM2.5", kinds=["target"])[0]
    assert (target.page, target.paragraph, target.char_start, target.char_end) == (3, 7, 70, 79)
    plain = next(h for h in search(store, "监测网络"))
    assert (plain.page, plain.paragraph, plain.char_start, plain.char_end) == (None, None, None, None)


# -- the command ----------------------------------------------------------------------------

def test_cli_json_csv_table_and_no_hit(tmp_path):
    folder = tmp_path / "store"
    with EmbeddedStore(folder) as s:
        write(s, air(), water())
    run = CliRunner().invoke
    res = run(cli, ["search", "臭氧 挥发性有机物", "--store", str(folder), "--format", "json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.output)
    assert rows[0]["rank"] == 1 and rows[0]["kind"] == "task"
    for col in ("id", "documentId", "documentTitle", "measureNumber", "page", "paragraph", "charStart",
                "charEnd", "marked", "score"):
        assert col in rows[0]
    assert rows[0]["page"] == 2
    res = run(cli, ["search", "PM2.5", "--store", str(folder), "--format", "csv", "--kind", "target"])
    assert res.exit_code == 0, res.output
    header, first = res.output.splitlines()[:2]
    assert header.startswith("rank,kind,score,id,documentId,documentTitle,measureNumber")
    assert ",target," in first and "charStart" in header
    res = run(cli, ["search", "扬尘", "--store", str(folder)])
    assert res.exit_code == 0 and "«扬尘»" in res.output and AIR_TITLE in res.output
    res = run(cli, ["search", "核电站", "--store", str(folder)])
    assert res.exit_code == EXIT_NO_MATCH
    assert "nothing matches" in res.output and "Traceback" not in res.output


def test_query_phrases_join_runs_of_single_characters():
    assert query_phrases("扬尘") == ["扬尘"]
    assert query_phrases("臭氧 挥发性有机物") == ["臭氧", "挥发性", "有机物"]
    assert query_phrases("PM2.5") == ["pm2.5"]


def test_runs_of_single_characters_are_one_term_found_only_together():
    assert query_words("岸电 船舶") == ["岸 电", "船舶"]
    assert query_words("煤 和 电") == ["煤", "和", "电"]  # the user's spaces keep them apart
    assert term_count(" 供应 岸 电 的 能力 ", "岸 电") == 1
    assert term_count(" 岸 边 电 ", "岸 电") == 0
    assert term_count(" 臭氧 污染 臭氧 ", "臭氧") == 2


def test_the_table_shows_the_passage_around_the_first_mark():
    from pipeline.cli.search_cmd import snippet

    text = "甲" * 50 + "«臭氧»" + "乙" * 200
    out = snippet(text, before=5, after=20)
    assert out.startswith("…甲甲甲甲甲«臭氧»") and out.endswith("…")
    assert snippet("短文«臭氧»", before=5, after=20) == "短文«臭氧»"
    assert snippet("a«bb»cc", before=0, after=2) == "…«bb»…"  # never cut inside a mark


def test_cli_searches_neo4j(neo, neo4j_server, monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_server.password)
    monkeypatch.setenv("NEO4J_USER", neo4j_server.user)
    monkeypatch.delenv("NEO4J_DATABASE", raising=False)
    run = CliRunner().invoke
    res = run(cli, ["search", "臭氧 挥发性有机物", "--neo4j-uri", neo4j_server.bolt_uri, "--format", "json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.output)
    assert rows[0]["id"] == f"{record_document_id(air())}/m1/t1" and rows[0]["page"] == 2
    res = run(cli, ["search", "核电站", "--neo4j-uri", neo4j_server.bolt_uri])
    assert res.exit_code == EXIT_NO_MATCH and "nothing matches" in res.output


@pytest.mark.parametrize("text", ["' }) DETACH DELETE n //", "MATCH (n) DETACH DELETE n", "$words", "\\'",
                                  '"}) CREATE (:Evil) //', "引号'\"和\\反斜杠", "\u0000?"])
def test_hostile_search_text_is_only_data(emb, text):
    before = emb.stats()
    try:
        search(emb, text)
    except InputError:
        pass  # no word in it
    assert emb.stats() == before
