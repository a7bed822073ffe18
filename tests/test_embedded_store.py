"""The embedded store (LadybugDB on disk in tmp_path): writes, replace semantics, queries.

Expected graphs come from ``build_graph`` (networkx), an independent path from
the store's COPY/Cypher one; ``read_graph`` reads the store back with Cypher.
"""
from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import ladybug
import pytest

from pipeline.errors import StoreError
from pipeline.graph import embedded
from pipeline.graph.build import build_document_graph, build_graph, record_document_id
from pipeline.graph.embedded import EmbeddedStore
from pipeline.graph.export import read_graph
from pipeline.graph.ingest import ingest_records
from pipeline.graph.schema import ladybug_ddl_text
from pipeline.model import Record
from pipeline.parse.titles import document_id

REPO = Path(__file__).resolve().parents[1]
RECORDS = REPO / "tests" / "fixtures" / "records"
ORDER = ["national-2021-pollution-opinion.json", "shandong-2022-pollution-measures.json",
         "qingdao-2022-pollution-plan.json", "qingdao-2022-carbon-peak-plan.json"]
N, S, QP, QC = range(4)


def load(i: int) -> dict:
    return json.loads((RECORDS / ORDER[i]).read_text(encoding="utf-8"))


def rec(i: int, data: dict | None = None) -> Record:
    return Record.from_dict(data or load(i))


def ids(i: int) -> str:
    return record_document_id(rec(i))


def write(store, *records: Record) -> None:
    for r in records:
        store.replace_document(record_document_id(r), build_document_graph(r))


def stats_of(g) -> dict:
    nodes = Counter(a["label"] for _, a in g.nodes(data=True))
    rels = Counter(a["type"] for *_, a in g.edges(data=True))
    return {"nodes": dict(sorted(nodes.items())), "relationships": dict(sorted(rels.items()))}


def as_sets(g):
    nodes = {k: dict(a) for k, a in g.nodes(data=True)}
    rels = Counter((u, v, json.dumps(a, sort_keys=True, ensure_ascii=False))
                   for u, v, a in g.edges(data=True))
    return nodes, rels


@pytest.fixture
def store(tmp_path):
    with EmbeddedStore(tmp_path / "store") as s:
        yield s


def test_schema_file_is_the_generated_ddl():
    assert (REPO / "graph_schema" / "ladybug-schema.cypher").read_text(encoding="utf-8") == ladybug_ddl_text()


def test_store_holds_exactly_the_built_graph(store):
    records = [rec(i) for i in range(4)]
    write(store, *records)
    expected = build_graph(records)
    assert store.stats() == stats_of(expected)
    assert as_sets(read_graph(store)) == as_sets(expected)


def test_stats_only_nonzero_sorted(store):
    assert store.stats() == {"nodes": {}, "relationships": {}}
    write(store, rec(QC))  # no sections, no citations
    st = store.stats()
    assert "Section" not in st["nodes"] and "HAS_SECTION" not in st["relationships"]
    assert list(st["nodes"]) == sorted(st["nodes"]) and all(v > 0 for v in st["nodes"].values())
    assert st["nodes"]["Document"] == 3  # QC and its two parents as stubs


def test_reingesting_changes_nothing(store):
    write(store, *(rec(i) for i in range(4)))
    before = as_sets(read_graph(store))
    stats = store.stats()
    write(store, rec(QP), rec(N), rec(QC), rec(S))
    assert store.stats() == stats
    assert as_sets(read_graph(store)) == before


def test_stub_becomes_full_and_keeps_its_incoming_links(store):
    write(store, rec(QP))  # S is a stub, implemented by QP
    stub = store.run("MATCH (d:Document {id: $id}) RETURN d", {"id": ids(S)}).rows[0][0]
    assert stub["stub"] is True and "issuer" not in stub
    write(store, rec(S))
    full = store.run("MATCH (c:Document)-[:IMPLEMENTS]->(d:Document {id: $id}) RETURN c.id, d",
                     {"id": ids(S)}).rows
    assert [r[0] for r in full] == [ids(QP)]
    assert full[0][1]["stub"] is False and full[0][1]["issuer"] == "中共山东省委、山东省人民政府"
    assert store.run("MATCH (d:Document {id: $id}) RETURN count(d)", {"id": ids(S)}).rows == [[1]]


def test_replace_removes_orphans_but_keeps_shared_nodes_in_use(store):
    write(store, *(rec(i) for i in range(4)))
    peak = document_id("2030年前碳达峰行动方案")  # cited by N, implemented by QC
    sd_peak = document_id("山东省碳达峰实施方案")  # implemented by QC only
    data = load(QC)
    data["parents"] = []
    data["tasks"] = [t for t in data["tasks"] if t["measure"] != 1]  # drops 国网…青岛供电公司
    data["targets"] = [t for t in data["targets"] if t["indicator"] != "煤炭消费量"]
    changed = rec(QC, data)
    write(store, changed)
    docs = {r[0]: r[1] for r in store.run("MATCH (d:Document) RETURN d.id, d.stub").rows}
    assert docs[peak] is True  # N still cites it
    assert sd_peak not in docs  # nobody points to it any more
    agencies = {r[0] for r in store.run("MATCH (a:Agency) RETURN a.name").rows}
    assert "国网山东省电力公司青岛供电公司" not in agencies
    assert "青岛市发展和改革委员会" in agencies  # still on QC m2 and on QP
    indicators = {r[0] for r in store.run("MATCH (i:Indicator) RETURN i.name").rows}
    assert "煤炭消费量" not in indicators
    expected = build_graph([rec(N), rec(S), rec(QP), changed])
    assert store.stats() == stats_of(expected)
    assert as_sets(read_graph(store)) == as_sets(expected)
    # and back: the dropped nodes return, nothing duplicates
    write(store, rec(QC))
    assert as_sets(read_graph(store)) == as_sets(build_graph([rec(i) for i in range(4)]))


def test_a_document_shrinking_to_nothing_leaves_no_orphans(store):
    write(store, rec(QP))
    bare = load(QP)
    for key in ("parents", "references", "sections", "measures", "tasks", "targets"):
        bare[key] = []
    write(store, rec(QP, bare))
    assert store.stats() == {"nodes": {"Document": 1}, "relationships": {}}


@pytest.mark.parametrize("exc_type", [RuntimeError, ValueError])
def test_failure_mid_document_leaves_the_store_as_before(store, monkeypatch, exc_type):
    write(store, *(rec(i) for i in range(4)))
    before = as_sets(read_graph(store))
    real_write = EmbeddedStore._write_documents
    calls = []

    def write_then_fail(self, graphs, tmp):
        calls.append(self._exec("MATCH (n:Task) RETURN count(n)").rows[0][0])  # after the delete
        real_write(self, graphs, tmp)
        raise exc_type("disk full")

    monkeypatch.setattr(EmbeddedStore, "_write_documents", write_then_fail)
    data = load(QP)
    data["tasks"][2]["agencies"] = []
    with pytest.raises(StoreError if exc_type is RuntimeError else exc_type) as info:
        write(store, rec(QP, data))
    assert calls and calls[0] < len(before[0])  # the delete had happened inside the transaction
    if exc_type is RuntimeError:
        assert "unchanged" in str(info.value) and "\n" not in str(info.value)
    monkeypatch.undo()
    assert as_sets(read_graph(store)) == before
    write(store, rec(QP, data))  # and the store still takes writes
    assert as_sets(read_graph(store)) == as_sets(build_graph([rec(N), rec(S), rec(QP, data), rec(QC)]))


def test_a_copy_refused_by_ladybug_rolls_back(store, monkeypatch):
    write(store, rec(N))
    before = as_sets(read_graph(store))
    real_copy = EmbeddedStore._copy

    def duplicate_rows(self, file, table, header, rows, pair=None):
        rows = list(rows)
        real_copy(self, file, table, header, rows + rows[:1] if table == "Target" else rows, pair)

    monkeypatch.setattr(EmbeddedStore, "_copy", duplicate_rows)
    with pytest.raises(StoreError, match="duplicated primary key"):
        write(store, rec(S))
    assert as_sets(read_graph(store)) == before


def test_batch_equals_one_by_one(tmp_path):
    records = [rec(QP), rec(QC), rec(S), rec(N)]  # stubs first, their full documents later
    changed = load(QP)
    changed["targets"] = changed["targets"][:2]
    with EmbeddedStore(tmp_path / "one") as one, EmbeddedStore(tmp_path / "batch") as batch:
        write(one, *records, rec(QP, changed))
        items = [(record_document_id(r), build_document_graph(r))
                 for r in records + [rec(QP, changed)]]
        summaries = batch.replace_documents(items)
        assert [s.document_id for s in summaries] == [ids(QC), ids(S), ids(N), ids(QP)]
        assert as_sets(read_graph(batch)) == as_sets(read_graph(one))
        assert batch.stats() == one.stats()


def test_ingest_records_reports_what_it_wrote(store):
    summary = ingest_records(store, (rec(i) for i in range(4)), batch_size=3)
    assert summary.documents == 4 and summary.document_ids == [ids(i) for i in range(4)]
    total = store.stats()
    # every relationship is new; every node too, except S's stub which became full in place
    assert summary.relationships == sum(total["relationships"].values())
    assert summary.nodes == sum(total["nodes"].values()) + 1


def test_awkward_text_survives_the_csv_round_trip(store):
    data = load(QC)
    texts = ['引号"在中间", 逗号,和\n换行\r\n', '反斜杠\\结尾\\', '"开头引号', "单引号'", "\t制表符 ", "NULL"]
    data["measures"][0]["text"] = texts[0]
    data["measures"][1]["text"] = texts[1]
    data["tasks"][0]["text"] = texts[2]
    data["tasks"][1]["text"] = texts[3]
    data["targets"][0]["text"] = texts[4]
    data["targets"][1]["text"] = texts[5]
    r = rec(QC, data)
    write(store, r)
    got = {row[0] for row in store.run(
        "MATCH (n) WHERE n.documentId = $d AND n.text IS NOT NULL RETURN n.text",
        {"d": ids(QC)}).rows}
    assert set(texts) <= got


def test_run_converts_values_and_takes_parameters(store):
    write(store, rec(QP))
    res = store.run("MATCH (a:Agency)-[r:RESPONSIBLE_FOR]->(t:Task) WHERE r.mention = $m "
                    "RETURN a AS agency, r AS rel, t.position AS task", {"m": "市发改委"})
    assert res.columns == ["agency", "rel", "task"]
    assert res.as_dicts() == [{
        "agency": {"_label": "Agency", "id": "agency:青岛市发展和改革委员会", "name": "青岛市发展和改革委员会",
                   "system": "发展改革", "caption": "青岛市发 展和改革 委员会"},
        "rel": {"_type": "RESPONSIBLE_FOR", "role": "lead", "mention": "市发改委"},
        "task": 1}]
    node = store.run("MATCH (d:Document {id: $id}) RETURN d", {"id": ids(S)}).rows[0][0]
    assert node == {"_label": "Document", "id": ids(S), "title": load(S)["document"]["title"],
                    "level": "provincial", "stub": True,
                    "caption": "山东省贯 彻落实〈 深入打… 〉的若干 措施"}  # nulls left out


def test_read_only_run_refuses_writes(store):
    write(store, rec(N))
    with pytest.raises(StoreError, match="query failed"):
        store.run("MATCH (d:Document) SET d.title = 'x'", read_only=True)
    assert store.run("MATCH (d:Document {id: $id}) RETURN d.title", {"id": ids(N)}).rows == \
        [[load(N)["document"]["title"]]]
    assert store.run("MATCH (d:Document) RETURN count(d)", read_only=True).rows == [[2]]


def test_bad_cypher_is_one_line_store_error(store):
    with pytest.raises(StoreError) as info:
        store.run("MATCH (d:Documen) RETURN d")
    assert "Documen" in str(info.value) and "\n" not in str(info.value)


def test_store_persists_across_reopen(tmp_path):
    with EmbeddedStore(tmp_path / "s") as s:
        write(s, *(rec(i) for i in range(4)))
        stats, graph = s.stats(), as_sets(read_graph(s))
    assert (tmp_path / "s" / embedded.DB_FILE).is_file()
    with EmbeddedStore(tmp_path / "s", create=False) as s:
        assert s.stats() == stats and as_sets(read_graph(s)) == graph
        assert s.document_ids() == sorted(ids(i) for i in range(4))


def test_opening_errors(tmp_path):
    with pytest.raises(StoreError, match="no graph store here"):
        EmbeddedStore(tmp_path / "missing", create=False)
    assert not (tmp_path / "missing").exists()
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="not a directory"):
        EmbeddedStore(tmp_path / "file")
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / embedded.DB_FILE).write_bytes(b"not a database" * 100)
    with pytest.raises(StoreError, match="cannot open the store"):
        EmbeddedStore(bad)


def test_a_store_of_another_schema_is_refused(tmp_path):
    (tmp_path / "old").mkdir()
    db = ladybug.Database(str(tmp_path / "old" / embedded.DB_FILE))
    conn = ladybug.Connection(db)
    conn.execute("CREATE NODE TABLE Document(id STRING, title STRING, PRIMARY KEY (id))")
    conn.close()
    db.close()
    with pytest.raises(StoreError, match="schema differs"):
        EmbeddedStore(tmp_path / "old")


def test_a_store_open_in_another_process_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("POLICYKG_LOCK_TIMEOUT", "0")  # fail at once instead of queueing (tests/test_reliability.py)
    path = tmp_path / "locked"
    EmbeddedStore(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys; from pipeline.graph.embedded import EmbeddedStore; "
         f"s = EmbeddedStore({str(path)!r}); print('ready', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=REPO)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match="in use by another process"):
            EmbeddedStore(path)
    finally:
        holder.communicate("", timeout=30)
