"""`policykg ingest` goes on past files it cannot read (and stops at the first with --fail-fast)."""
from __future__ import annotations

import json

from click.testing import CliRunner

from pipeline.cli import cli

PLAN = "{place}减污降碳实施方案\n为推进减污降碳，制定本方案。\n一、重点任务\n（一）推进节能。到2025年，单位GDP能耗下降13%。（{place}发展改革委牵头）\n"


def invoke(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def folder(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a-good.txt").write_text(PLAN.format(place="甲市"), encoding="utf-8")
    (docs / "b-empty.txt").write_text("", encoding="utf-8")
    (docs / "c-broken.pdf").write_bytes(b"%PDF-1.4 not really a pdf")
    (docs / "d-good.txt").write_text(PLAN.format(place="乙市"), encoding="utf-8")
    return docs


def full_titles(store) -> list[str]:
    got = invoke("cypher", "MATCH (d:Document) WHERE d.stub = false RETURN d.title AS t ORDER BY t",
                 "--store", str(store), "--format", "json")
    return [r["t"] for r in json.loads(got.stdout)]


def test_ingest_goes_on_past_bad_files(tmp_path):
    store = tmp_path / "s"
    result = invoke("ingest", str(folder(tmp_path)), "--store", str(store), "--workers", "1")
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    errors = [l for l in result.stderr.splitlines() if l.startswith("policykg: error:")]
    assert len(errors) == 2
    assert "b-empty.txt" in errors[0] and "c-broken.pdf" in errors[1]
    summary = result.stderr.splitlines()[-1]
    assert "2 of 4 files could not be read" in summary
    assert "b-empty.txt" in summary and "c-broken.pdf" in summary
    assert "2 documents written to" in summary
    assert "ingested 2 documents" in result.stdout
    assert full_titles(store) == ["乙市减污降碳实施方案", "甲市减污降碳实施方案"]


def test_fail_fast_stops_at_the_first_bad_file(tmp_path):
    store = tmp_path / "s"
    result = invoke("ingest", str(folder(tmp_path)), "--store", str(store), "--workers", "1",
                    "--fail-fast")
    assert result.exit_code == 2
    errors = [l for l in result.stderr.splitlines() if l.startswith("policykg: error:")]
    assert len(errors) == 1 and "b-empty.txt" in errors[0]
    assert "1 document written to" in result.stderr
    assert full_titles(store) == ["甲市减污降碳实施方案"]


def test_all_good_files_exit_zero(tmp_path):
    docs = folder(tmp_path)
    (docs / "b-empty.txt").unlink()
    (docs / "c-broken.pdf").unlink()
    result = invoke("ingest", str(docs), "--store", str(tmp_path / "s"), "--workers", "1")
    assert result.exit_code == 0, result.stderr
    assert "could not be read" not in result.stderr


def test_records_go_on_past_a_bad_record_file(tmp_path):
    docs = folder(tmp_path)
    recs = tmp_path / "recs"
    recs.mkdir()
    for name in ("a-good", "d-good"):
        out = invoke("parse", str(docs / f"{name}.txt"), "--format", "json")
        assert out.exit_code == 0, out.stderr
        (recs / f"{name}.json").write_text(out.stdout, encoding="utf-8")
    (recs / "b-bad.json").write_text('{"document": {"title": "x"}}', encoding="utf-8")
    (recs / "c-bad.jsonl").write_text("not json\n", encoding="utf-8")
    store = tmp_path / "s"
    result = invoke("ingest", "--records", str(recs), "--store", str(store))
    assert result.exit_code == 2
    summary = result.stderr.splitlines()[-1]
    assert "2 of 4 files could not be read" in summary and "b-bad.json" in summary
    assert full_titles(store) == ["乙市减污降碳实施方案", "甲市减污降碳实施方案"]
