"""`policykg diffusion` and the targets-against-ancestors query on a real Neo4j server:
the same pairs, values and lags as on the embedded store (tests/diffusion_fixture.py)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.graph import named_queries as nq
from pipeline.graph.diffusion_read import diffusion
from pipeline.graph.embedded import EmbeddedStore
from pipeline.graph.ingest import ingest_records
from pipeline.graph.neo4j_store import open_neo4j
from tests.diffusion_fixture import C1, C2, D1, N, P, RECORDS

INDICATORS = ("能耗", "空气质量优良天数比率", "PM2.5", "用水总量", "森林覆盖率", "储能")


@pytest.fixture(scope="module")
def stores(neo4j_server, tmp_path_factory):
    uri, user, password = neo4j_server
    with open_neo4j(uri, user=user, password=password) as neo, \
            EmbeddedStore(tmp_path_factory.mktemp("diffusion-neo4j") / "store") as emb:
        neo.run("MATCH (n) DETACH DELETE n")
        ingest_records(neo, RECORDS)
        ingest_records(emb, RECORDS)
        yield neo, emb


def test_both_stores_give_the_same_pairs(stores):
    neo, emb = stores
    for indicator in INDICATORS:
        got, want = diffusion(neo, indicator).pairs, diffusion(emb, indicator).pairs
        assert got == want and got, indicator
    pm = {p.child: p for p in diffusion(neo, "PM2.5").pairs}
    assert (pm[D1].ancestor, pm[D1].via, pm[D1].hops, pm[D1].lagDays) == (P, "region", 2, 122)
    assert pm[D1].ratio == pytest.approx(30 / 33) and pm[D1].difference == pytest.approx(-3)
    (forest,) = diffusion(neo, "森林覆盖率").pairs
    assert (forest.child, forest.ancestor, forest.verdict, forest.lagDays) == (C2, N, "looser", 111)


def test_the_named_query_runs_the_same_on_neo4j(stores):
    neo, emb = stores
    query = nq.get_query("targets-against-ancestors")
    for indicator in INDICATORS:
        params = nq.bind(query, {"indicator": indicator})
        got, want = neo.run(query.cypher, params, read_only=True), emb.run(query.cypher, params, read_only=True)
        assert got.columns == want.columns
        assert len(got.rows) == len(want.rows)
        for g, w in zip(got.rows, want.rows):
            assert [pytest.approx(x) if isinstance(x, float) else x for x in g] == w
        command = [p for p in diffusion(neo, indicator).pairs if p.via == "implements"]
        assert sorted(r[got.columns.index("childTargetId")] for r in got.rows) == \
            sorted(p.childTargetId for p in command)
        lags = {r[got.columns.index("childTargetId")]: r[got.columns.index("lagDays")] for r in got.rows}
        assert lags == {p.childTargetId: p.lagDays for p in command}


def test_the_command_on_neo4j(stores, neo4j_server, monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_server.password)
    monkeypatch.setenv("NEO4J_USER", neo4j_server.user)
    monkeypatch.delenv("NEO4J_DATABASE", raising=False)
    res = CliRunner().invoke(cli, ["diffusion", "能耗", "--neo4j-uri", neo4j_server.bolt_uri,
                                   "--format", "json"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    pairs = json.loads(res.stdout)["pairs"]
    assert [(p["child"], p["ancestor"], p["lagDays"], p["verdict"]) for p in pairs] == [
        (P, N, 50, "stricter"), (C1, P, 92, "stricter")]
    assert pairs[0]["ratio"] == pytest.approx(14.5 / 13.5)
