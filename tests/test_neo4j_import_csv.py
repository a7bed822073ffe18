"""`policykg export --format neo4j-import`: the CSV files neo4j-admin imports, read back here.

The files are parsed with Python's csv module by their typed headers and rebuilt
into a graph, which must be the graph `build_graph` (= `policykg ingest`) makes of
the same records, every property with its type; the store path and the records
path write the same rows. The real import into Neo4j: tests/test_neo4j_bulk.py.
"""
from __future__ import annotations

import csv
import dataclasses
import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.errors import InputError
from pipeline.graph.build import build_graph
from pipeline.graph.neo4j_import import (MANIFEST, csv_value, node_header, read_manifest, rel_header,
                                         write_import_dir)
from pipeline.graph.schema import NODE_LABELS
from tests.bulk_records import HOSTILE_TEXT, HOSTILE_TITLE, as_sets, fixture_records

_PARSE = {"long": int, "double": float, "boolean": lambda s: {"true": True, "false": False}[s]}


def read_back(folder: Path) -> nx.MultiDiGraph:
    """The import folder as a graph, each column typed by its header (an empty field: no property)."""
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    g = nx.MultiDiGraph()
    for entry in manifest["nodes"].values():
        with open(folder / entry["file"], encoding="utf-8", newline="") as fh:
            rows = csv.reader(fh)
            header = next(rows)
            for row in rows:
                attrs = {}
                for col, value in zip(header, row, strict=True):
                    name, _, typ = col.partition(":")
                    if value == "":
                        continue
                    if col == ":LABEL":
                        attrs["label"] = value
                    else:
                        attrs[name] = _PARSE[typ](value) if typ in _PARSE else value
                g.add_node(attrs["id"], **attrs)
    for entry in manifest["relationships"].values():
        with open(folder / entry["file"], encoding="utf-8", newline="") as fh:
            rows = csv.reader(fh)
            header = next(rows)
            for row in rows:
                start, end, rel_type, *props = row
                attrs = {"type": rel_type}
                for col, value in zip(header[3:], props, strict=True):
                    if value != "":
                        attrs[col.partition(":")[0]] = value
                g.add_edge(start, end, **attrs)
    return g


def stored(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """``g`` as a store keeps it: the schema's properties, typed (what Neo4j holds)."""
    from pipeline.graph.neo4j_values import node_row, rel_props

    out = nx.MultiDiGraph()
    for key, attrs in g.nodes(data=True):
        out.add_node(key, label=attrs["label"], **node_row(attrs))
    for u, v, attrs in g.edges(data=True):
        out.add_edge(u, v, type=attrs["type"], **rel_props(attrs["type"], attrs))
    return out


@pytest.fixture(scope="module")
def records():
    return fixture_records()


def test_headers_are_typed_as_the_schema(records):
    target = node_header("Target")
    assert target[:2] == ["id:ID", ":LABEL"]
    assert {"value:double", "year:long", "baselineYear:long", "indicator"} <= set(target)
    assert "stub:boolean" in node_header("Document")
    assert "collective:boolean" in node_header("Agency")
    assert rel_header("RESPONSIBLE_FOR") == [":START_ID", ":END_ID", ":TYPE", "role", "mention"]
    assert rel_header("HAS_TASK") == [":START_ID", ":END_ID", ":TYPE"]


def test_values_in_neo4j_admin_syntax():
    assert csv_value(True) == "true" and csv_value(False) == "false"
    assert csv_value(2025) == 2025 and csv_value(None) is None
    assert csv_value(0.1) == "0.1" and float(csv_value(1e16)) == 1e16
    assert csv_value(float("nan")) == "NaN" and csv_value(float("-inf")) == "-Infinity"


@pytest.mark.parametrize("order", ["cited first", "citing first"])
def test_records_stream_to_the_graph_ingest_builds(records, tmp_path, order):
    # citing first: the parents are stubs when their children are written, then linked
    records = records if order == "cited first" else records[::-1]
    manifest = write_import_dir(tmp_path / "imp", records=records)
    got = read_back(tmp_path / "imp")
    want = stored(build_graph(records))
    assert as_sets(got) == as_sets(want)
    assert manifest.total_nodes == want.number_of_nodes()
    assert manifest.total_relationships == want.number_of_edges()
    assert set(manifest.nodes) == set(NODE_LABELS)


def test_quotes_line_breaks_and_chinese_survive(records, tmp_path):
    manifest = write_import_dir(tmp_path / "imp", records=records)
    g = read_back(tmp_path / "imp")
    texts = {a.get("text") for _, a in g.nodes(data=True)}
    titles = {a.get("title") for _, a in g.nodes(data=True)}
    assert HOSTILE_TEXT in texts and HOSTILE_TITLE in titles
    assert manifest.multiline == ["nodes-Task.csv"]  # only the file with a line break in a value
    raw = (tmp_path / "imp" / "nodes-Task.csv").read_bytes()
    assert raw.decode("utf-8") and not raw.startswith(b"\xef\xbb\xbf")  # UTF-8, no BOM


def test_the_store_and_the_records_give_the_same_files(records, tmp_path):
    from pipeline.graph.embedded import EmbeddedStore
    from pipeline.graph.ingest import ingest_records

    with EmbeddedStore(tmp_path / "store") as store:
        ingest_records(store, records)
    runner = CliRunner()
    done = runner.invoke(cli, ["export", "--format", "neo4j-import", "--store", str(tmp_path / "store"),
                               str(tmp_path / "from-store")], catch_exceptions=False)
    assert done.exit_code == 0, done.output
    jsonl = tmp_path / "recs.jsonl"
    jsonl.write_text("".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in records),
                     encoding="utf-8")
    done = runner.invoke(cli, ["export", "--format", "neo4j-import", "--records", str(jsonl),
                               str(tmp_path / "from-records")], catch_exceptions=False)
    assert done.exit_code == 0, done.output
    assert as_sets(read_back(tmp_path / "from-store")) == as_sets(read_back(tmp_path / "from-records"))
    assert "policykg neo4j import" in done.output


def test_a_folder_holding_other_files_is_refused_in_one_line(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "notes.txt").write_text("mine", encoding="utf-8")
    jsonl = tmp_path / "r.jsonl"
    jsonl.write_text(json.dumps(fixture_records()[1].to_dict(), ensure_ascii=False) + "\n", encoding="utf-8")
    done = CliRunner().invoke(cli, ["export", "--format", "neo4j-import", "--records", str(jsonl),
                                    str(tmp_path / "out")])
    assert done.exit_code == 2
    assert done.output.strip().count("\n") == 0 and "not empty" in done.output
    assert (tmp_path / "out" / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_an_earlier_export_is_replaced_whole(records, tmp_path):
    write_import_dir(tmp_path / "imp", records=records)
    write_import_dir(tmp_path / "imp", records=records[:1])
    assert as_sets(read_back(tmp_path / "imp")) == as_sets(stored(build_graph(records[:1])))
    assert [p.name for p in tmp_path.iterdir()] == ["imp"]  # no temporary folder left


def test_manifest_errors_say_what_is_wrong(tmp_path):
    with pytest.raises(InputError, match="no such folder"):
        read_manifest(tmp_path / "missing")
    with pytest.raises(InputError, match="not a folder written by"):
        read_manifest(tmp_path)
    write_import_dir(tmp_path / "imp", records=fixture_records()[:1])
    (tmp_path / "imp" / "nodes-Task.csv").unlink()
    with pytest.raises(InputError, match="Task.*missing"):
        read_manifest(tmp_path / "imp")


def test_record_source_options_need_the_neo4j_import_format(tmp_path):
    done = CliRunner().invoke(cli, ["export", "--format", "json", "--records", "x.jsonl", str(tmp_path / "o")])
    assert done.exit_code == 2 and "--format neo4j-import" in done.output
    done = CliRunner().invoke(cli, ["export", "--format", "neo4j-import"])
    assert done.exit_code == 2 and "folder" in done.output


def ingested(records, folder: Path) -> nx.MultiDiGraph:
    """What `policykg ingest` of ``records`` leaves in a store (the embedded one), as stored."""
    from pipeline.graph.embedded import EmbeddedStore
    from pipeline.graph.export import read_graph
    from pipeline.graph.ingest import ingest_records

    with EmbeddedStore(folder) as store:
        ingest_records(store, records)
        return stored(read_graph(store))


def test_a_document_given_twice_is_written_once_with_a_note(records, tmp_path):
    notes = []
    write_import_dir(tmp_path / "imp", records=records + records[:1], on_note=notes.append)
    # as ingest leaves it (not build_graph(records): ingest writes the document given
    # again at its last place, so a cited document it named first takes the next one's level)
    assert as_sets(read_back(tmp_path / "imp")) == as_sets(ingested(records + records[:1], tmp_path / "s"))
    assert len(notes) == 1 and notes[0].startswith("policykg: note:") and "last is kept" in notes[0]


def test_a_document_given_twice_keeps_its_last_version(records, tmp_path):
    """As `policykg ingest` replaces it: the earlier version's rows are left out, and the
    agencies, indicators and cited documents only it named go with them."""
    first = records[0]
    assert first.tasks and first.document.source  # the later version drops them all
    later = dataclasses.replace(first, measures=[dataclasses.replace(m, text=m.text + "（修订）")
                                                 for m in first.measures],
                                tasks=[], targets=[], references=[])
    want = ingested(records + [later], tmp_path / "store")
    notes = []
    manifest = write_import_dir(tmp_path / "imp", records=records + [later], on_note=notes.append)
    assert as_sets(read_back(tmp_path / "imp")) == as_sets(want)
    assert as_sets(want) != as_sets(stored(build_graph(records)))  # the later version is not the first
    assert manifest.total_nodes == want.number_of_nodes()
    assert manifest.total_relationships == want.number_of_edges()
    assert len(notes) == 1 and "last is kept" in notes[0]


def _folder_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("workers", [2, 3])
def test_several_workers_write_the_files_one_writes(records, tmp_path, workers):
    """Byte for byte, with a document given twice, citing documents first (stubs relinked)
    and a record the build refuses placed after the others (the same error either way)."""
    later = dataclasses.replace(records[0], tasks=[], targets=[], references=[])
    given = records[::-1] + [later] + records[1:3]
    one = write_import_dir(tmp_path / "one", records=given, on_note=lambda _: None)
    many = write_import_dir(tmp_path / "many", records=given, on_note=lambda _: None, workers=workers)
    assert _folder_bytes(tmp_path / "one") == _folder_bytes(tmp_path / "many")
    assert one.to_json() == many.to_json()
    bad = dataclasses.replace(records[1], measures=records[1].measures + records[1].measures[:1])
    errors = []
    for n in (1, workers):
        with pytest.raises(InputError) as info:
            write_import_dir(tmp_path / f"bad{n}", records=records + [bad], workers=n)
        errors.append(str(info.value))
        assert not (tmp_path / f"bad{n}").exists()
    assert errors[0] == errors[1] and "appears twice" in errors[0]


def test_values_computed_ahead_are_those_computed_in_place(records):
    """What a worker computes for a record (pipeline.graph.derived) is what the build would."""
    from pipeline.graph.build import build_document_graph
    from pipeline.graph.derived import Derived, derive

    from pipeline.graph.identity import fingerprint

    for record in records:
        captions, searches, printed = derive(record)
        assert captions and searches and printed == fingerprint(record)
        ahead_graph = build_document_graph(record, derived=Derived(captions, searches))
        assert as_sets(ahead_graph) == as_sets(build_document_graph(record))
    # and a lookup of a caption is taken as given (not recomputed)
    record = records[0]
    captions, searches, _ = derive(record)
    marked = {k: "标记" for k in captions}
    g = build_document_graph(record, derived=Derived(marked, searches))
    assert {a["caption"] for _, a in g.nodes(data=True)} == {"标记"}


def test_the_export_command_takes_workers(records, tmp_path):
    jsonl = tmp_path / "recs.jsonl"
    jsonl.write_text("".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in records),
                     encoding="utf-8")
    runner = CliRunner()
    for n in ("1", "2"):
        done = runner.invoke(cli, ["export", "--format", "neo4j-import", "--records", str(jsonl),
                                   "--workers", n, str(tmp_path / f"w{n}")], catch_exceptions=False)
        assert done.exit_code == 0, done.output
    assert _folder_bytes(tmp_path / "w1") == _folder_bytes(tmp_path / "w2")
