"""Start-up (issue 18): a parse imports neither spacy.cli nor pkg_resources nor the other
commands' modules, keeps jieba's cache in the user cache folder, and segments as before.

Each check runs in a fresh interpreter, since the test process has imported everything.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.helpers import ONE_TASK_DOC

TEXT = "到2025年,全市细颗粒物(PM2.5)平均浓度下降到30微克/立方米,由市生态环境局牵头。"


def python(code: str, env: dict | None = None) -> dict:
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                         env={**os.environ, **(env or {})}, stdin=subprocess.DEVNULL)
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout.splitlines()[-1])


def test_the_pipeline_loads_without_spacy_cli_or_pkg_resources():
    out = python(
        "import sys, json\n"
        "from pipeline.parse.nlp import load_nlp\n"
        "nlp = load_nlp()\n"
        "print(json.dumps({'mods': sorted(m for m in sys.modules if m.split('.')[0] in "
        "('pkg_resources', 'weasel', 'typer', 'requests', 'httpx') or m.startswith('spacy.cli')),"
        " 'pipes': nlp.pipe_names, 'words': [t.text for t in nlp.tokenizer("
        + repr(TEXT) + ")]}))")
    assert out["mods"] == []
    assert out["pipes"] == ["policy_structure", "policy_tasks", "policy_metadata", "policy_agencies",
                            "policy_targets"]
    plain = python("import json, jieba, spacy\n"
                   "from importlib import resources\n"
                   "jieba.setLogLevel(60)\n"
                   "jieba.load_userdict(str(resources.files('pipeline.data') / 'jieba_agencies.txt'))\n"
                   "nlp = spacy.blank('zh', config={'nlp': {'tokenizer': {'segmenter': 'jieba'}}})\n"
                   "print(json.dumps([t.text for t in nlp.tokenizer(" + repr(TEXT) + ")]))")
    assert out["words"] == plain and "生态环境局" in plain


def test_spacy_cli_is_still_there_when_asked_for():
    out = python("import json\n"
                 "from pipeline.lean_imports import import_spacy\n"
                 "spacy = import_spacy()\n"
                 "info = spacy.info(markdown=False, silent=True)\n"
                 "import spacy.cli\n"
                 "print(json.dumps({'version': info['spacy_version'], 'cli': hasattr(spacy.cli, 'download')}))")
    assert out["version"] and out["cli"] is True


def test_parse_imports_only_the_parse_command(tmp_path):
    doc = tmp_path / "plan.txt"
    doc.write_text(ONE_TASK_DOC, encoding="utf-8")
    out = python("import sys, json, contextlib, io\n"
                 "from pipeline.cli import cli\n"
                 "buf = io.StringIO()\n"
                 "with contextlib.redirect_stdout(buf):\n"
                 f"    cli.main(['parse', {str(doc)!r}], standalone_mode=False)\n"
                 "rec = json.loads(buf.getvalue())\n"
                 "print(json.dumps({'title': rec['document']['title'], 'cli': sorted(m for m in sys.modules "
                 "if m.startswith('pipeline.cli.')), 'pool': 'concurrent.futures.process' in sys.modules}))")
    assert out["title"] == "某市节水方案"
    assert out["cli"] == ["pipeline.cli.parse_cmd"]
    assert out["pool"] is False


def test_help_and_other_commands_still_find_every_command():
    from click.testing import CliRunner

    from pipeline.cli import cli

    res = CliRunner().invoke(cli, ["--help"])
    for name in ("parse", "ingest", "stats", "query", "cypher", "compare", "export", "quality", "eval",
                 "neo4j", "network"):
        assert f"  {name}" in res.stdout, name
    assert CliRunner().invoke(cli, ["stats", "--help"]).exit_code == 0
    res = CliRunner().invoke(cli, ["parze"])
    assert res.exit_code == 2 and "No such command 'parze'" in res.stderr


def test_jieba_cache_is_built_in_the_user_cache_folder_then_read(tmp_path):
    code = ("import json\n"
            "from pipeline.parse.nlp import load_nlp\n"
            "import jieba\n"
            "load_nlp()\n"
            "print(json.dumps({'dir': jieba.dt.tmp_dir, 'n': len(jieba.dt.FREQ)}))")
    env = {"POLICYKG_CACHE_DIR": str(tmp_path / "cache")}
    first = python(code, env)
    cache = tmp_path / "cache" / "jieba.cache"
    assert first["dir"] == str(tmp_path / "cache") and cache.is_file()
    built = cache.stat().st_mtime_ns
    assert first["n"] > 100_000 and (tmp_path / "cache" / "jieba-shards.cache").is_file()
    second = python(code, env)  # reads the shards: only the user dictionary's characters so far
    assert second["dir"] == first["dir"] and second["n"] < 100_000
    assert cache.stat().st_mtime_ns == built  # read, not rebuilt


def test_an_unwritable_cache_folder_leaves_jieba_its_default(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    out = python("import json, tempfile\n"
                 "from pipeline.parse.segmenter import jieba, load_dictionary\n"
                 "tok = jieba.Tokenizer()\n"
                 "load_dictionary(tok)\n"
                 "print(json.dumps({'dir': tok.tmp_dir, 'ok': tok.initialized}))",
                 {"POLICYKG_CACHE_DIR": str(blocked / "cache")})
    assert out == {"dir": None, "ok": True}
