"""Document identity and link resolution (pipeline.graph.identity, pipeline.graph.links),
pure and on real stores: the embedded one and Neo4j (the ``neo4j_server`` fixture)."""
from __future__ import annotations

import pytest

from pipeline.graph.build import build_graph
from pipeline.graph.embedded import EmbeddedStore
from pipeline.graph.identity import Registry, fingerprint, same_document, Entry
from pipeline.graph.ingest import ingest_records
from pipeline.graph.neo4j_store import open_neo4j
from pipeline.model import DocRef, DocumentMeta, Measure, Record, Section
from pipeline.parse.titles import document_id

NATIONAL = "国务院关于加快建立健全绿色低碳循环发展经济体系的指导意见"
BARE = "关于加快建立健全绿色低碳循环发展经济体系的指导意见"
PEAK = "2030年前碳达峰行动方案"


def doc(title: str, source: str, issuer: str | None = None, region: str = "全国",
        level: str = "national", date: str | None = None, parents=(), measure_text: str = "推进工作。",
        references=()) -> Record:
    return Record(
        document=DocumentMeta(title=title, issuer=issuer, date=date, region=region, level=level,
                              source=source),
        parents=[DocRef(title=p) for p in parents],
        references=[DocRef(title=r, measure=1) for r in references],
        sections=[Section(index=1, title="重点任务", number="一、")],
        measures=[Measure(index=1, section=1, title="推进", number="（一）", text=measure_text)])


# -- pure ----------------------------------------------------------------------------------

def test_two_documents_with_one_title_get_two_ids_and_a_note():
    reg = Registry()
    a = reg.assign(doc(PEAK, "a.pdf", issuer="国务院", date="2021-10-24"))
    b = reg.assign(doc(PEAK, "b.pdf", issuer="国家能源局", date="2022-03-01"))
    assert a.id == document_id(PEAK) and a.note is None
    assert b.id != a.id
    assert b.note and b.note.count("\n") == 0 and "b.pdf" in b.note and "a.pdf" in b.note


def test_a_place_document_whose_title_lacks_its_place_gets_an_id_of_its_own():
    reg = Registry()
    js = reg.assign(doc(PEAK, "js.pdf", issuer="江苏省人民政府", region="江苏省", level="provincial"))
    assert js.id != document_id(PEAK) and js.note is None
    n = reg.assign(doc(PEAK, "n.pdf", issuer="国务院"))
    assert n.id == document_id(PEAK) and "js.pdf" in n.note  # told, though they share no id
    qd = "青岛市碳达峰工作方案"
    assert reg.assign(doc(qd, "qd.pdf", region="青岛市", level="city")).id == document_id(qd)


def test_the_same_document_again_keeps_its_id():
    reg = Registry()
    first = reg.assign(doc(PEAK, "a.pdf", issuer="国务院", date="2021-10-24"))
    other = reg.assign(doc(PEAK, "x.pdf", issuer="江苏省人民政府", region="江苏省", level="provincial"))
    # same source file, changed content
    assert reg.assign(doc(PEAK, "x.pdf", measure_text="又改过。")).id == other.id
    # same content from another file
    assert reg.assign(doc(PEAK, "copy/x.pdf", measure_text="又改过。")).id == other.id
    # the same title, issuer and date from another file (a .txt of the .pdf)
    assert reg.assign(doc(PEAK, "a.txt", issuer="国务院", date="2021-10-24", measure_text="别的抽取。")).id == first.id
    # same source file under a title parsed better this time
    assert reg.assign(doc("江苏省碳达峰实施方案", "x.pdf")).id == other.id
    assert reg.resolve("江苏省碳达峰实施方案") == other.id
    assert reg.resolve(PEAK) == first.id  # x.pdf no longer answers to it


def test_same_document_needs_two_agreeing_fields_and_no_conflict():
    a = Entry(id="1", title=PEAK, stub=False, issuer="国务院", region="全国", source="a")
    assert not same_document(a, Entry(id="2", title=PEAK, stub=False, region="全国", source="b"))
    assert same_document(a, Entry(id="2", title=PEAK, stub=False, issuer="国务院", region="全国", source="b"))
    assert not same_document(a, Entry(id="2", title=PEAK, stub=False, issuer="国务院", region="江苏省",
                                      source="b"))


def test_fingerprint_ignores_where_the_record_came_from():
    assert fingerprint(doc(PEAK, "a.pdf")) == fingerprint(doc(PEAK, "b/a.txt"))
    assert fingerprint(doc(PEAK, "a.pdf")) != fingerprint(doc(PEAK, "a.pdf", measure_text="别的。"))


def test_a_stub_id_is_the_id_its_document_gets():
    reg = Registry()
    sid = reg.link(f"《{PEAK}》")
    assert reg.assign(doc(PEAK, "a.pdf")).id == sid


@pytest.mark.parametrize("cited", [f"《{BARE}》", BARE, NATIONAL, f"《{NATIONAL}》（国发〔2021〕4号）"])
def test_a_citation_meets_its_document_with_or_without_the_issuer(cited):
    reg = Registry()
    d = reg.assign(doc(NATIONAL, "n.pdf", issuer="国务院"))
    assert reg.resolve(cited, "江苏省") == d.id


def test_a_citation_with_the_issuer_meets_a_document_titled_without_it():
    reg = Registry()
    d = reg.assign(doc(BARE, "n.pdf", issuer="国务院"))
    assert reg.resolve(NATIONAL) == d.id
    assert reg.resolve("江苏省人民政府" + BARE) is None


def test_ambiguity_and_other_places_give_no_link():
    reg = Registry()
    reg.assign(doc(PEAK, "a.pdf", issuer="国务院"))
    js = reg.assign(doc(PEAK, "js.pdf", issuer="江苏省人民政府", region="江苏省", level="provincial"))
    assert reg.resolve(PEAK, "安徽省") == document_id(PEAK)  # Jiangsu's is not Anhui's to cite
    assert reg.resolve(PEAK, "江苏省") is None  # a Jiangsu citer could mean either: a stub
    reg.assign(doc(PEAK, "b.pdf", issuer="国家能源局", date="2022-03-01"))
    assert reg.resolve(PEAK, "安徽省") is None  # two national documents: a stub, not a guess
    assert reg.link(PEAK) not in {e.id for e in reg.full()}
    assert js.id not in (reg.resolve(PEAK), reg.link(PEAK, "安徽省"))
    zj = "浙江省人民政府关于推进绿色发展的实施意见"
    reg.assign(doc(zj, "z.pdf", issuer="浙江省人民政府", region="浙江省", level="provincial"))
    assert reg.resolve("关于推进绿色发展的实施意见", "江苏省") is None  # Zhejiang's, cited in Jiangsu
    assert reg.resolve("关于推进绿色发展的实施意见", "浙江省") is not None
    assert reg.resolve(zj, "江苏省") is not None  # named in full: that one


# -- on real stores ------------------------------------------------------------------------

@pytest.fixture(params=["embedded", "neo4j"])
def store(request, tmp_path):
    if request.param == "embedded":
        with EmbeddedStore(tmp_path / "store") as s:
            yield s
    else:
        uri, user, password = request.getfixturevalue("neo4j_server")
        with open_neo4j(uri, user=user, password=password) as s:
            s.run("MATCH (n) DETACH DELETE n")
            yield s


def full_docs(store) -> list[tuple[str, str]]:
    rows = store.run("MATCH (d:Document) WHERE d.stub = false RETURN d.source, d.title "
                     "ORDER BY d.source").rows
    return [tuple(r) for r in rows]


def stubs(store) -> list[str]:
    return [r[0] for r in store.run("MATCH (d:Document) WHERE d.stub = true RETURN d.title "
                                    "ORDER BY d.title").rows]


def parents_of(store, source: str) -> list[tuple[str, bool]]:
    rows = store.run("MATCH (a:Document)-[:IMPLEMENTS]->(p:Document) WHERE a.source = $s "
                     "RETURN p.title, p.stub ORDER BY p.title", {"s": source}).rows
    return [tuple(r) for r in rows]


def test_two_documents_with_the_same_title_both_survive(store):
    notes = []
    ingest_records(store, [doc(PEAK, "national.pdf", issuer="国务院", measure_text="全国。")],
                   on_note=notes.append)
    summary = ingest_records(store, [doc(PEAK, "energy.pdf", issuer="国家能源局", date="2022-03-01",
                                         measure_text="能源。"),
                                     doc(PEAK, "jiangsu.pdf", issuer="江苏省人民政府", region="江苏省",
                                         level="provincial", measure_text="江苏。")], on_note=notes.append)
    assert full_docs(store) == [("energy.pdf", PEAK), ("jiangsu.pdf", PEAK), ("national.pdf", PEAK)]
    assert len(notes) == 2 and summary.notes == notes
    assert "energy.pdf" in notes[0] and "jiangsu.pdf" in notes[1]
    texts = store.run("MATCH (d:Document)-[:HAS_SECTION]->(:Section)-[:HAS_MEASURE]->(m:Measure) "
                      "RETURN d.source, m.text ORDER BY d.source").rows
    assert [tuple(r) for r in texts] == [("energy.pdf", "能源。"), ("jiangsu.pdf", "江苏。"),
                                         ("national.pdf", "全国。")]


def test_reingest_replaces(store):
    ingest_records(store, [doc(PEAK, "a.pdf", issuer="国务院"), doc(PEAK, "b.pdf", issuer="江苏省人民政府",
                                                                   region="江苏省", level="provincial")])
    before = store.stats()
    ingest_records(store, [doc(PEAK, "b.pdf", issuer="江苏省人民政府", region="江苏省", level="provincial",
                               measure_text="改过。")])
    assert store.stats() == before and len(full_docs(store)) == 2
    got = store.run("MATCH (m:Measure) RETURN m.text ORDER BY m.text").rows
    assert [r[0] for r in got] == ["推进工作。", "改过。"]


@pytest.mark.parametrize("cited", [NATIONAL, BARE])
@pytest.mark.parametrize("order", ["stub first", "document first", "one run"])
def test_a_stub_becomes_or_links_to_the_document_in_any_order(store, cited, order):
    child = doc("江苏省绿色低碳循环发展实施方案", "js.pdf", issuer="江苏省人民政府", region="江苏省",
                level="provincial", parents=[cited], references=[f"《{cited}》"])
    parent = doc(NATIONAL, "n.pdf", issuer="国务院")
    if order == "stub first":
        ingest_records(store, [child])
        assert stubs(store) == [cited]
        summary = ingest_records(store, [parent])
    elif order == "document first":
        ingest_records(store, [parent])
        summary = ingest_records(store, [child])
    else:
        summary = ingest_records(store, [child, parent])
    assert parents_of(store, "js.pdf") == [(NATIONAL, False)]
    assert stubs(store) == []
    refs = store.run("MATCH (m:Measure)-[:REFERENCES]->(d:Document) RETURN d.title, d.stub").rows
    assert [tuple(r) for r in refs] == [(NATIONAL, False)]
    assert (summary.links.resolved, summary.links.stubs) == (2, 0)
    assert summary.links.implements_resolved == 1


def test_an_ambiguous_citation_stays_a_stub(store):
    ingest_records(store, [doc(PEAK, "a.pdf", issuer="国务院"),
                           doc(PEAK, "b.pdf", issuer="国家能源局", date="2022-03-01")])
    summary = ingest_records(store, [doc("某市碳达峰实施方案", "c.pdf", region="某市", level="city",
                                         parents=[PEAK])])
    assert parents_of(store, "c.pdf") == [(PEAK, True)]
    assert (summary.links.resolved, summary.links.stubs) == (0, 1)
    assert "to ingested documents 0, to stubs 1 (IMPLEMENTS 0/1" in summary.links.line()


def test_the_store_equals_build_graph_of_the_records(tmp_path):
    records = [doc("江苏省方案", "js.pdf", region="江苏省", level="provincial", parents=[BARE]),
               doc(PEAK, "a.pdf", issuer="国务院"), doc(NATIONAL, "n.pdf", issuer="国务院"),
               doc(PEAK, "b.pdf", issuer="江苏省人民政府", region="江苏省", level="provincial", parents=[PEAK])]
    g = build_graph(records)
    with EmbeddedStore(tmp_path / "s") as s:
        ingest_records(s, records, batch_size=2)
        got = {r[0]: r[1] for r in s.run("MATCH (d:Document) RETURN d.id, d.stub").rows}
        rels = {tuple(r) for r in s.run("MATCH (a:Document)-[:IMPLEMENTS]->(b:Document) "
                                         "RETURN a.id, b.id").rows}
    assert got == {k: a["stub"] for k, a in g.nodes(data=True) if a["label"] == "Document"}
    assert rels == {(u, v) for u, v, a in g.edges(data=True) if a["type"] == "IMPLEMENTS"}


def test_ingest_says_so_in_one_line_and_counts_links(tmp_path):
    from click.testing import CliRunner

    from pipeline.cli import cli

    docs = tmp_path / "docs"
    docs.mkdir()
    body = "为贯彻落实《{cited}》，制定本方案。\n一、重点任务\n（一）推进节能。（{who}发展改革委牵头）\n"
    (docs / "a.txt").write_text("甲市碳达峰实施方案\n" + body.format(cited=BARE, who="甲市"), encoding="utf-8")
    (docs / "b.txt").write_text("甲市碳达峰实施方案\n" + body.format(cited="某某方案", who="甲市") + "（二）另一件事。\n",
                                encoding="utf-8")
    (docs / "c.txt").write_text(NATIONAL + "\n各省、自治区：\n一、总体要求\n（一）加快转型。\n", encoding="utf-8")
    store = tmp_path / "s"
    result = CliRunner().invoke(cli, ["ingest", str(docs), "--store", str(store), "--workers", "1"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    notes = [l for l in result.stderr.splitlines() if l.startswith("policykg: note:")]
    assert len(notes) == 1 and "b.txt" in notes[0] and "a.txt" in notes[0]
    links = result.stdout.splitlines()[-1]
    assert links == "links: citations to ingested documents 1, to stubs 1 (IMPLEMENTS 1/1, REFERENCES 0/0)"
    with EmbeddedStore(store) as s:
        assert len(full_docs(s)) == 3
        assert parents_of(s, str(docs / "a.txt")) == [(NATIONAL, False)]


def test_another_place_never_takes_a_city_plan_whose_title_lost_its_place(store):
    eco = "“十四五”生态环境保护规划"
    zz = doc("郑州市生态建设方案", "zz.pdf", region="郑州市", level="city", parents=[eco])
    sl = doc(eco, "sl.pdf", issuer="商洛市人民政府", region="商洛市", level="city")
    sl_child = doc("商洛市大气治理方案", "slc.pdf", region="商洛市", level="city", parents=[eco])
    ingest_records(store, [zz])
    ingest_records(store, [sl])
    ingest_records(store, [sl_child])
    assert parents_of(store, "zz.pdf") == [(eco, True)]  # the national plan, not Shangluo's
    assert parents_of(store, "slc.pdf") == [(eco, False)]
    assert len(full_docs(store)) == 3


def test_dash_variants_name_one_title():
    reg = Registry()
    d = reg.assign(doc("某省节能降碳工作方案（2022―2025年）", "a.pdf", region="某省", level="provincial"))
    assert reg.resolve("《某省节能降碳工作方案（2022-2025年）》", "某市") == d.id


@pytest.mark.parametrize("title,region,placed", [
    ("青岛市碳达峰工作方案", "青岛市", True), ("黄岛区污染防治工作方案", "青岛市", True),
    ("海西州“十四五”生态环境保护规划", "海西蒙古族藏族自治州", True),
    ("“十四五”生态环境保护规划", "商洛市", False),
    ("关于加快推进城市更新的实施意见", "某省", False),  # 关于加快推进城市 is no place
])
def test_a_title_that_names_its_place(title, region, placed):
    assert Entry(id="x", title=title, stub=False, region=region, level="city").placed is placed
