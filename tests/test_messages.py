"""Messages that are true and one line: odd paths, odd parameters, odd stores."""
from __future__ import annotations

import os
import subprocess

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.errors import InputError, StoreError, printable
from tests.helpers import ONE_TASK_DOC, one_document_store
from tests.hostile import POLICYKG

DOC = ONE_TASK_DOC


def run(*args, env=None):
    return subprocess.run([str(POLICYKG), *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, **(env or {})}, stdin=subprocess.DEVNULL)


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "internal error" not in lines[0], lines[0]
    return lines[0]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return one_document_store(tmp_path_factory.mktemp("msg"))


def test_control_characters_are_escaped():
    assert printable("a\nb\x1b[31mc\u2028") == "a\\nb\\x1b[31mc\\u2028"
    assert "\n" not in str(InputError("file is empty", path="/tmp/a\nb.txt"))


def test_a_file_name_with_a_newline_and_an_escape_code_gives_one_clean_line(tmp_path):
    path = tmp_path / "plan\n\x1b[31mred.txt"
    path.write_bytes(b"")
    res = run("parse", str(path))
    assert res.returncode == InputError.exit_code
    line = one_line(res.stderr)
    assert "\x1b" not in line and "plan\\n\\x1b[31mred.txt" in line


def test_a_tmpdir_with_a_backslash_and_a_quote_still_ingests(tmp_path):
    odd = tmp_path / "odd\\dir's"
    odd.mkdir()
    doc = tmp_path / "plan.txt"
    doc.write_text(DOC, encoding="utf-8")
    res = run("ingest", str(doc), "--store", str(tmp_path / "store"), env={"TMPDIR": str(odd)})
    assert res.returncode == 0, res.stderr
    assert "ingested 1 document" in res.stdout


def test_a_huge_integer_parameter_is_one_line(store):
    res = run("cypher", "RETURN $limit AS n", "-p", "limit=99999999999999999999999", "--store", str(store))
    assert res.returncode == InputError.exit_code
    assert "does not fit a 64-bit integer" in one_line(res.stderr)


def test_a_deeply_nested_json_parameter_is_one_line(store):
    res = run("cypher", "RETURN $x AS x", "-p", "x=" + "[" * 50_000 + "]" * 50_000, "--store", str(store))
    assert res.returncode == InputError.exit_code
    assert "nested too deeply" in one_line(res.stderr)


def test_an_empty_database_file_is_not_taken_for_a_new_store(tmp_path):
    folder = tmp_path / "store"
    folder.mkdir()
    (folder / "graph.lbug").write_bytes(b"")
    for args in (("stats",), ("ingest", str(tmp_path / "none.txt"))):
        res = run(*args, "--store", str(folder))
        assert res.returncode != 0
    res = run("stats", "--store", str(folder))
    assert res.returncode == StoreError.exit_code
    assert "database file is empty" in one_line(res.stderr)
    assert (folder / "graph.lbug").stat().st_size == 0


def test_a_symlink_loop_as_store_is_one_line(tmp_path):
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    res = run("stats", "--store", str(loop))
    assert res.returncode == StoreError.exit_code
    assert "symbolic link" in one_line(res.stderr)


def test_a_store_whose_parent_cannot_be_created_is_one_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    doc = tmp_path / "plan.txt"
    doc.write_text(DOC, encoding="utf-8")
    res = run("ingest", str(doc), "--store", str(blocker / "store"))
    assert res.returncode == StoreError.exit_code
    assert "cannot open the store" in one_line(res.stderr)


def test_stats_and_export_read_a_store_they_may_not_write(store, tmp_path, monkeypatch):
    """A store on read-only media: simulated by os.access saying no, as root always may write."""
    from pipeline.cli import options

    monkeypatch.setattr(options, "_writable", lambda folder: False)
    res = CliRunner().invoke(cli, ["stats", "--store", str(store), "--format", "json"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    assert '"Document": 1' in res.output
    out = tmp_path / "g.graphml"
    res = CliRunner().invoke(cli, ["export", "--format", "graphml", str(out), "--store", str(store)],
                             catch_exceptions=False)
    assert res.exit_code == 0, res.output
    assert "某市节水方案" in out.read_text("utf-8")


def test_a_page_declaring_gb2312_whose_bytes_are_utf8_is_read_as_utf8():
    from pipeline.read.html import decode_html

    page = '<html><head><meta charset="gb2312"></head><body><p>到2025年，城市再生水利用率达到30%。</p></body></html>'
    text, encoding = decode_html("page.html", page.encode("utf-8"))
    assert encoding == "utf-8" and "再生水利用率" in text
    text, encoding = decode_html("page.html", page.encode("gb18030"))
    assert encoding.lower() in ("gb2312", "gb18030", "gbk") and "再生水利用率" in text


def test_a_failure_after_a_durable_commit_says_the_state_is_unknown(tmp_path, monkeypatch):
    """LadybugDB can fail after its commit is durable (a full disk at the checkpoint): the message
    must not claim the store is unchanged — here the batch is in fact written."""
    from pipeline.graph.embedded import EmbeddedStore
    from pipeline.graph.ingest import ingest_records
    from pipeline.parse import parse_text

    real = EmbeddedStore._exec

    def failing_commit(self, cypher, params=None):
        result = real(self, cypher, params)
        if cypher == "COMMIT":
            raise RuntimeError("IO exception: No space left on device (checkpoint)")
        return result

    record = parse_text(DOC, source="plan.txt")
    with EmbeddedStore(tmp_path / "store") as store:
        monkeypatch.setattr(EmbeddedStore, "_exec", failing_commit)
        with pytest.raises(StoreError) as exc:
            ingest_records(store, [record])
        monkeypatch.setattr(EmbeddedStore, "_exec", real)
        msg = str(exc.value)
        assert "unknown" in msg and "unchanged" not in msg and "policykg stats" in msg
        assert store.stats()["nodes"]["Document"] == 1  # it was written: "unchanged" would have lied


def test_a_failed_final_count_says_the_documents_were_written(tmp_path, monkeypatch):
    from pipeline.graph.embedded import EmbeddedStore

    def no_count(self):
        raise StoreError("lost the connection while reading")

    doc = tmp_path / "plan.txt"
    doc.write_text(DOC, encoding="utf-8")
    monkeypatch.setattr(EmbeddedStore, "stats", no_count)
    res = CliRunner().invoke(cli, ["ingest", str(doc), "--store", str(tmp_path / "store")], catch_exceptions=False)
    assert res.exit_code == StoreError.exit_code
    assert "1 document written" in res.output and "counting the store failed" in res.output
