"""The Neo4j Browser guide (pipeline/neo4j/guide.py), its serving, and `neo4j start`'s progress.

The guide's slides hold runnable blocks: a ``:params {…}`` block, then a named query. Here
the blocks run in order on the real Neo4j test server the way Browser runs them (the
``:params`` map evaluated by the server and kept, each query run with the parameters
set last) and every query must find rows in the fixture records.
"""
from __future__ import annotations

import dataclasses
import html
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from pipeline.graph.named_queries import list_queries
from pipeline.neo4j import guide, server as server_mod
from pipeline.neo4j.config import GUIDE_RESOURCE
from tests.conftest import neo4j_test_config

REPO = Path(__file__).resolve().parents[1]
PARAMS = re.compile(r"^:params (?P<map>\{.*\})$")


def runnable_blocks(page: str) -> list[str]:
    return [html.unescape(b) for b in re.findall(r'<pre class="runnable">(.*?)</pre>', page, re.S)]


def slides(page: str) -> list[str]:
    return re.findall(r"<slide[ >].*?</slide>", page, re.S)


def test_the_guide_has_a_slide_per_named_query_with_its_statement():
    page = guide.guide_html()
    queries = list_queries()
    assert len(slides(page)) == len(queries) + 2
    assert f"<title>{guide.GUIDE_TITLE}</title>" in page
    blocks = runnable_blocks(page)
    for q in queries:
        at = blocks.index(q.cypher.strip())
        if q.specs:  # the :params block comes just before, with every parameter
            params = PARAMS.match(blocks[at - 1])
            assert params, (q.name, blocks[at - 1])
            assert all(f"{p.name}: " in params["map"] for p in q.specs), q.name
            for value in q.example.values():
                assert value in params["map"], (q.name, value)
        else:
            assert not PARAMS.match(blocks[at - 1])
    for picture in guide.BROWSER_QUERIES:
        assert picture.strip() in blocks


def test_the_guide_is_the_one_the_readme_shows():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("## Neo4j and Neo4j Browser", 1)[1].split("\n## ", 1)[0]
    assert tuple(re.findall(r"```cypher\n(.*?)```", section, re.S)) == guide.BROWSER_QUERIES
    assert f":guide http://127.0.0.1:7474/browser/{GUIDE_RESOURCE}" in section


@pytest.mark.parametrize("value, literal", [
    ("青岛", "'青岛'"), ("it's \\ here", "'it\\'s \\\\ here'"), (5, "5"), (2.5, "2.5"),
    (True, "true"), (None, "null"),
])
def test_parameter_values_become_cypher_literals(value, literal):
    assert guide.cypher_literal(value) == literal


def test_the_local_server_serves_the_guide(neo4j_instance):
    url = neo4j_instance.result.server.guide_url
    assert url == neo4j_instance.config.guide_url
    with urllib.request.urlopen(url, timeout=10) as resp:  # noqa: S310 - our loopback server
        assert resp.status == 200
        assert resp.read().decode("utf-8") == guide.guide_html()




def test_every_guide_block_runs_as_browser_runs_it(loaded):
    blocks = runnable_blocks(guide.guide_html())
    assert len(blocks) >= len(list_queries()) + len(guide.BROWSER_QUERIES)
    values: dict = {}
    with loaded.session() as session:
        for block in blocks:
            params = PARAMS.match(block)
            if params:  # Browser evaluates the map on the server and keeps it
                values = session.run(f"RETURN {params['map']} AS v").single()["v"]
                continue
            rows = list(session.run(block, values))
            assert rows, f"no rows from the guide block:\n{block}"


# -- `policykg neo4j start` says what it waits for --------------------------------------------

def test_start_prints_progress_while_it_waits(tmp_path, monkeypatch):
    cfg = dataclasses.replace(neo4j_test_config(), bolt_port=1, instance="progress-test")
    monkeypatch.setattr(server_mod, "PROGRESS_EVERY", 0.4)
    monkeypatch.setattr(server_mod, "port_in_use", lambda port: False)
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    lines: list[str] = []
    try:
        with pytest.raises(server_mod.ServerStartError, match="not ready within"):
            server_mod._wait_until_ready(cfg, proc, server_mod.Password("x" * 12, "test"), 2.2, 0,
                                         echo=lines.append)
    finally:
        proc.kill()
        proc.wait()
    assert lines[0].startswith("Starting Neo4j") and "about a minute" in lines[0]
    waits = [ln for ln in lines[1:] if re.match(r"^  … \d+ s: waiting for Bolt at bolt://", ln)]
    assert len(waits) >= 2, lines


def test_cli_start_shows_the_guide_command(neo4j_instance, monkeypatch):
    from click.testing import CliRunner

    from pipeline.cli import cli

    cfg = neo4j_instance.config
    monkeypatch.setattr("pipeline.cli.neo4j_cmd._config", lambda *a, **k: cfg)
    result = CliRunner().invoke(cli, ["neo4j", "start"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert f":guide {cfg.guide_url}" in result.output
