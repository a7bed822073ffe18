"""Shared fixtures.

``neo4j_server`` starts a real local Neo4j server once per test session through
pipeline.neo4j and yields ``(bolt_uri, user, password)``.  It is a separate
instance from the user's (folder ``instances/test`` in the policykg cache, or ``instances/$POLICYKG_TEST_NEO4J_INSTANCE``, ports
27687/27474 unless POLICYKG_TEST_NEO4J_BOLT_PORT / POLICYKG_TEST_NEO4J_HTTP_PORT
say otherwise, its own generated password), so tests never touch the user's
graph.  A test server that is already running is reused and left running;
one the fixture started is stopped at the end.  If it cannot start, every test
that uses it fails with the reason — it is never skipped.
"""
from __future__ import annotations

import dataclasses
import os
from typing import NamedTuple

import pytest

from pipeline.errors import PolicykgError
from pipeline.neo4j.config import ServerConfig, load_config, port_from_env
from pipeline.neo4j.server import StartResult, start, stop

TEST_INSTANCE = os.environ.get("POLICYKG_TEST_NEO4J_INSTANCE", "test")


class Neo4jServer(NamedTuple):
    bolt_uri: str
    user: str
    password: str

    def __repr__(self) -> str:  # keep the password out of test reports
        return f"Neo4jServer(bolt_uri={self.bolt_uri!r}, user={self.user!r}, password='***')"


@dataclasses.dataclass(frozen=True)
class Neo4jTestInstance:
    config: ServerConfig
    result: StartResult


def neo4j_test_config() -> ServerConfig:
    base = load_config(instance=TEST_INSTANCE)
    return dataclasses.replace(
        base,
        bolt_port=port_from_env("POLICYKG_TEST_NEO4J_BOLT_PORT", 27687),
        http_port=port_from_env("POLICYKG_TEST_NEO4J_HTTP_PORT", 27474),
        credentials_file=base.home / "credentials.conf",
        use_password_env=False,
    )


@pytest.fixture(scope="session")
def neo4j_instance():
    """The started test instance: its config and start result (pid, URIs, password)."""
    cfg = neo4j_test_config()
    try:
        result = start(cfg)
    except PolicykgError as exc:
        tail = getattr(exc, "log_tail", None) or []
        details = "\n".join(f"    {line}" for line in tail)
        pytest.fail(f"the Neo4j test server did not start: {exc}" + (f"\n{details}" if details else ""),
                    pytrace=False)
    yield Neo4jTestInstance(cfg, result)
    if not result.already_running:
        stop(cfg)


@pytest.fixture(scope="session")
def neo4j_server(neo4j_instance) -> Neo4jServer:
    """``(bolt_uri, user, password)`` of a running local Neo4j server (see module doc)."""
    result = neo4j_instance.result
    return Neo4jServer(result.server.bolt_uri, "neo4j", result.password.value)


@pytest.fixture
def neo(neo4j_server):
    """A store on the Neo4j test server, emptied first."""
    from pipeline.graph.neo4j_store import open_neo4j

    uri, user, password = neo4j_server
    with open_neo4j(uri, user=user, password=password) as store:
        store.run("MATCH (n) DETACH DELETE n")
        yield store


@pytest.fixture(scope="module")
def loaded(neo4j_server):
    """A driver on the Neo4j test server holding just the fixture records (records + query-records)."""
    import json
    from pathlib import Path

    from neo4j import GraphDatabase

    from pipeline.graph.ingest import ingest_records
    from pipeline.graph.similar_edges import recompute_similar
    from pipeline.graph.neo4j_store import open_neo4j
    from pipeline.model import Record

    fixtures = Path(__file__).parent / "fixtures"
    files = sorted((fixtures / "records").glob("*.json")) + sorted((fixtures / "query-records").glob("*.json"))
    uri, user, password = neo4j_server
    records = [Record.from_dict(json.loads(p.read_text(encoding="utf-8"))) for p in files]
    with open_neo4j(uri, user=user, password=password) as store:
        store.run("MATCH (n) DETACH DELETE n")
        ingest_records(store, records)
        recompute_similar(store)  # SIMILAR_TO (`policykg similar`), for measures-restating-parent
    with GraphDatabase.driver(uri, auth=(user, password)) as driver:
        yield driver
