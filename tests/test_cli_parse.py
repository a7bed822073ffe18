"""`policykg parse` end to end: formats, folders, the contract, and bad input."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.data import policy_record_schema
from tests.helpers import CORPUS, READERS

DOC = "某市节水方案\n一、重点任务\n（一）推进节水。到2025年，城市再生水利用率达到30%。（市水务局牵头）\n"


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_json_follows_the_contract_and_is_not_ascii_escaped(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(DOC, encoding="utf-8")
    res = run("parse", str(f), "--format", "json")
    assert res.exit_code == 0, res.output
    assert "再生水" in res.output  # UTF-8, not \\u escapes
    rec = json.loads(res.output)
    jsonschema.validate(rec, policy_record_schema())
    assert rec["targets"][0]["value"] == 30 and rec["tasks"][0]["agencies"][0]["mention"] == "市水务局"


def test_folder_as_jsonl_in_file_name_order(tmp_path):
    for name, title in [("b.txt", "乙市方案"), ("a.txt", "甲市方案"), ("c.md", "不是文档")]:
        (tmp_path / name).write_text(DOC.replace("某市节水方案", title), encoding="utf-8")
    res = run("parse", str(tmp_path), "--format", "jsonl", "--workers", "2")
    assert res.exit_code == 0, res.output
    titles = [json.loads(line)["document"]["title"] for line in res.output.splitlines()]
    assert titles == ["甲市方案", "乙市方案"]


def test_table_format_summarises(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(DOC, encoding="utf-8")
    res = run("parse", str(f), "--format", "table")
    assert res.exit_code == 0
    assert "1 sections, 1 measures, 1 tasks, 1 targets" in res.output
    assert "城市再生水利用率" in res.output


def test_every_corpus_text_and_reader_fixture_parses_into_structure():
    for folder, suffixes, at_least in [(CORPUS, (".txt",), 19), (READERS, (".pdf", ".docx", ".html"), 5)]:
        files = sorted(p for p in folder.iterdir() if p.suffix in suffixes)
        assert len(files) >= at_least, folder
        res = run("parse", str(folder), "--format", "jsonl")
        assert res.exit_code == 0, res.output[-500:]
        records = [json.loads(line) for line in res.output.splitlines()]
        assert len(records) == len(files)
        for path, rec in zip(files, records):
            assert rec["sections"] or rec["measures"], path.name


def _bad_inputs(tmp: Path) -> dict[str, tuple[Path, str]]:
    import random

    rnd = random.Random(7)
    (tmp / "empty.txt").write_bytes(b"")
    (tmp / "random.txt").write_bytes(bytes(rnd.randrange(256) for _ in range(4000)))
    (tmp / "random.pdf").write_bytes(bytes(rnd.randrange(256) for _ in range(4000)))
    pdf = READERS / "fujian-2022-energy-emission-reduction.pdf"
    (tmp / "truncated.pdf").write_bytes(pdf.read_bytes()[:20000])
    (tmp / "folder").mkdir()
    (tmp / "bad-gbk.txt").write_bytes("节能减排方案".encode("utf-8")[:-1] + b"\x80\x80\xff\xff\xfe\x00\x81" * 50)
    return {
        "empty": (tmp / "empty.txt", "empty"),
        "random bytes": (tmp / "random.txt", "encoding"),
        "random bytes named .pdf": (tmp / "random.pdf", "not a PDF"),
        "truncated pdf": (tmp / "truncated.pdf", "PDF"),
        "missing path": (tmp / "missing.txt", "no such file"),
        "directory as FILE": (tmp / "folder", "folder"),
        "undecodable text": (tmp / "bad-gbk.txt", "encoding"),
    }


@pytest.mark.parametrize("case", ["empty", "random bytes", "random bytes named .pdf", "truncated pdf", "missing path",
                                  "directory as FILE", "undecodable text"])
def test_bad_input_gives_one_line_and_non_zero_exit(tmp_path, case):
    path, words = _bad_inputs(tmp_path)[case]
    exe = shutil.which("policykg", path=str(Path(sys.executable).parent)) or "policykg"
    proc = subprocess.run([exe, "parse", str(path), "--format", "json"], capture_output=True, text=True)
    assert proc.returncode != 0
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert path.name in lines[0] and words.lower() in lines[0].lower()


@pytest.mark.parametrize("stem, suffix", [("gansu-2022-energy-emission-reduction", ".docx"),
                                          ("national-2022-pollution-carbon-synergy", ".html")])
def test_a_document_parses_the_same_from_word_or_a_web_page_as_from_text(stem, suffix):
    from pipeline.parse import parse_file

    as_text = parse_file(CORPUS / f"{stem}.txt").to_dict()
    other = parse_file(READERS / f"{stem}{suffix}").to_dict()
    assert other["document"].pop("source").endswith(suffix)
    as_text["document"].pop("source")
    assert other == as_text and other["tasks"] and other["targets"]
