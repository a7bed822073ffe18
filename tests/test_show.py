"""``policykg show ID`` on the embedded store and on a real Neo4j server.

The documents are written here; the expected page, paragraph, offsets and passage are
worked out from their text, so a provenance off by one character fails.
"""
from __future__ import annotations

import json

from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.cli.show_cmd import text_of
from pipeline.graph.build import build_document_graph, record_document_id
from pipeline.graph.embedded import EmbeddedStore
from pipeline.graph.show import node_id, passage, show
from pipeline.parse import parse_file, parse_text
from tests.helpers import READERS

PLAN = ("某市节水方案\n一、重点任务\n（一）推进节水。到2025年，城市再生水利用率达到30%，"
        "工业用水重复利用率达到18%。（市水务局牵头）\n")
CHANGED = PLAN.replace("18%", "19%")


def invoke(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def write(store, record) -> str:
    did = record_document_id(record)
    store.replace_document(did, build_document_graph(record))
    return did


def test_a_passage_marks_its_span_in_its_sentence():
    text = "前一句话。到2025年，利用率达到18%。后一句话很长很长。\n下一段。"
    k = text.index("18%")
    assert passage(text, k, k + 3, context=3) == ("…句话。到2025年，利用率达到", "18%", "。后一句…")
    assert passage(text, k, k + 3, context=100) == ("前一句话。到2025年，利用率达到", "18%", "。后一句话很长很长。")


def test_an_id_is_taken_as_query_and_cypher_print_it():
    assert node_id("  doc-1/tg2 ") == "doc-1/tg2"
    assert node_id('"doc-1/tg2"') == "doc-1/tg2"
    assert node_id('{"_label": "Target", "id": "doc-1/tg2", "caption": "x"}') == "doc-1/tg2"


def _check_target(store, did: str) -> None:
    r = parse_text(PLAN)
    s = show(store, f"{did}/tg2")
    k = r.text.index("18%")
    assert (s.label, s.document, s.paragraph, s.start, s.end, s.page) == ("Target", did, 2, k, k + 3, None)
    assert s.marked == "18%" and s.exact
    assert s.passage() == "（一）推进节水。到2025年，城市再生水利用率达到30%，工业用水重复利用率达到【18%】。（市水务局牵头）"
    assert s.title == "某市节水方案"
    task = show(store, f"{did}/m1/t1")
    assert task.label == "Task" and task.marked == r.tasks[0].text and task.exact
    measure = show(store, f"{did}/m1")
    assert measure.start == r.text.index("（一）推进节水") and measure.paragraph == 2


def test_show_on_the_embedded_store(tmp_path):
    with EmbeddedStore(tmp_path / "store") as store:
        did = write(store, parse_text(PLAN, source="plan.txt"))
        _check_target(store, did)


def test_the_cli_shows_text_json_and_refuses_an_unknown_id(tmp_path):
    doc = tmp_path / "plan.txt"
    doc.write_text(PLAN, encoding="utf-8")
    store = str(tmp_path / "store")
    assert invoke("ingest", str(doc), "--store", store).exit_code == 0
    ids = json.loads(invoke("cypher", "MATCH (t:Target) RETURN t.id AS id ORDER BY id", "--store", store,
                            "--format", "json").stdout)
    tid = ids[1]["id"]
    res = invoke("show", tid, "--store", store)
    assert res.exit_code == 0, res.output
    assert "【18%】" in res.stdout and "paragraph 2" in res.stdout and "\x1b[" not in res.stdout
    data = json.loads(invoke("show", tid, "--store", store, "--format", "json").stdout)
    k = PLAN.index("18%")
    assert (data["start"], data["end"], data["marked"]) == (k, k + 3, "18%")
    res = invoke("show", "doc-0000/tg9", "--store", store)
    assert res.exit_code == 1 and len(res.stderr.strip().splitlines()) == 1 and "doc-0000/tg9" in res.stderr
    # re-ingest replaces the kept text
    doc.write_text(CHANGED, encoding="utf-8")
    assert invoke("ingest", str(doc), "--store", store).exit_code == 0
    data = json.loads(invoke("show", tid, "--store", store, "--format", "json").stdout)
    assert data["marked"] == "19%" and "【19%】" in data["passage"] and data["exact"]
    texts = json.loads(invoke("cypher", "MATCH (d:Document) WHERE d.stub = false RETURN d.text AS t",
                              "--store", store, "--format", "json").stdout)
    assert [r["t"] for r in texts] == [CHANGED.strip()]


def test_a_terminal_gets_the_value_in_bold(tmp_path):
    with EmbeddedStore(tmp_path / "store") as store:
        did = write(store, parse_text(PLAN))
        s = show(store, f"{did}/tg1")
    out = text_of(s, tty=True)
    assert "【\x1b[1m30%\x1b[0m】" in out and "【30%】" in text_of(s)


def test_show_gives_a_pdf_page(tmp_path):
    path = READERS / "fujian-2022-energy-emission-reduction.pdf"
    r = parse_file(path)
    with EmbeddedStore(tmp_path / "store") as store:
        did = write(store, r)
        n = max(range(len(r.targets)), key=lambda i: r.targets[i].page)
        s = show(store, f"{did}/tg{n + 1}")
    assert s.page == r.targets[n].page and s.page > 1 and s.marked == r.targets[n].value_text


# -- Neo4j ----------------------------------------------------------------------------

def test_show_on_neo4j(neo, neo4j_server, monkeypatch):
    did = write(neo, parse_text(PLAN, source="plan.txt"))
    _check_target(neo, did)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_server.password)
    monkeypatch.setenv("NEO4J_USER", neo4j_server.user)
    monkeypatch.delenv("NEO4J_DATABASE", raising=False)
    res = invoke("show", f"{did}/tg2", "--neo4j-uri", neo4j_server.bolt_uri, "--format", "json")
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["passage"].endswith("【18%】。（市水务局牵头）")
    res = invoke("show", f"{did}/tg7", "--neo4j-uri", neo4j_server.bolt_uri)
    assert res.exit_code == 1 and "no target, task or measure" in res.stderr
