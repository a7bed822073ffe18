"""``policykg neo4j import DIR``: neo4j-admin's bulk import into the local server's ``neo4j`` database.

Neo4j Community imports (``neo4j-admin database import full``) only into a stopped,
empty or new database, so ``run_import``:

1. reads the folder's manifest (pipeline.graph.neo4j_import) and checks its files;
2. finds out whether the ``neo4j`` database holds anything (asking the running server,
   or starting it for the question if its database exists) and refuses one that does
   unless ``force``;
3. stops the server, runs neo4j-admin from the jars the server runs from (class
   ``org.neo4j.cli.AdminTool``, with ``NEO4J_HOME``/``NEO4J_CONF`` of the instance),
   with ``--overwrite-destination`` when the database exists (it was found empty, or
   ``force`` says it may be replaced);
4. starts the server again and creates graph_schema/constraints.cypher's constraints
   and indexes (waiting until they are online), then checks the counts.
"""
from __future__ import annotations

import os
import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional

from pipeline.errors import StoreError
from pipeline.graph.neo4j_import import read_manifest
from pipeline.neo4j.config import USER, ServerConfig, resolve_password
from pipeline.neo4j.jars import check_java, java_executable, resolve_jars

ADMIN_TOOL = "org.neo4j.cli.AdminTool"
DATABASE = "neo4j"
ADMIN_HEAP = "1g"  # what neo4j-admin suggests for small imports
# The client compiler only (C1): an import is one short run, and on a small machine the
# optimising compiler's threads took CPU from the import's own; with C1 alone neo4j-admin
# reported 5.0-5.3 s instead of 8.4-9.4 s at 16x the corpus, 9.5 s instead of 13.3 s at
# 64x (bench/RESULTS.md; its stage times, not the files, are what changed).
ADMIN_JVM = ("-XX:TieredStopAtLevel=1", "-XX:+UseG1GC", "-Dfile.encoding=UTF-8")
_DONE = re.compile(r"IMPORT DONE in ([^\n]+?)\.\s")


@dataclass(frozen=True)
class ImportResult:
    nodes: int
    relationships: int
    seconds: float  # the whole command
    import_seconds: float  # neo4j-admin alone (its JVM included)
    schema_seconds: float  # constraints and indexes after the restart
    replaced: bool  # an existing database was overwritten


def database_dir(cfg: ServerConfig) -> Path:
    return cfg.data_dir / "databases" / DATABASE


def admin_command(cfg: ServerConfig, java: str, folder: Path, manifest: dict[str, Any],
                  overwrite: bool) -> list[str]:
    cmd = [java, f"-Xmx{ADMIN_HEAP}", *ADMIN_JVM, "-cp", str(cfg.lib_dir / "*"),
           ADMIN_TOOL, "database", "import", "full"]
    for label, entry in manifest["nodes"].items():
        cmd.append(f"--nodes={folder / entry['file']}")
    for rel_type, entry in manifest.get("relationships", {}).items():
        cmd.append(f"--relationships={folder / entry['file']}")
    multiline = [str(folder / f) for f in manifest.get("multiline", [])]
    if multiline:
        # only these files are read the slower way that allows a line break inside a value
        cmd += [f"--multiline-fields={','.join(multiline)}", "--multiline-fields-format=v2"]
    cmd += [f"--report-file={cfg.logs_dir / 'import.report'}", "--bad-tolerance=0", "--strict=true"]
    if overwrite:
        cmd.append("--overwrite-destination=true")
    cmd.append(DATABASE)
    return cmd


def _admin_env(cfg: ServerConfig) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_PASSWORD"}
    env["NEO4J_HOME"] = str(cfg.home)
    env["NEO4J_CONF"] = str(cfg.conf_dir)
    return env


def _reason(output: str) -> str:
    lines = [ln.strip() for ln in output.splitlines() if ln.strip() and not ln.startswith("\tat ")]
    for ln in lines:
        if "rror" in ln or "xception" in ln or "already" in ln or "not" in ln.lower().split():
            return ln[:300]
    return (lines[-1] if lines else "no output")[:300]


def count_nodes(uri: str, password: str) -> int:
    from pipeline.graph.neo4j_store import open_neo4j

    with open_neo4j(uri, user=USER, password=password) as store:
        return int(store.run("MATCH (n) RETURN count(n) AS n", read_only=True).rows[0][0])


def run_import(cfg: ServerConfig, folder: Path, force: bool = False,
               echo: Optional[Callable[[str], None]] = None, timeout: float = 180.0) -> ImportResult:
    from pipeline.graph.neo4j_store import open_neo4j
    from pipeline.neo4j import server

    say = echo or (lambda _msg: None)
    began = time.monotonic()
    folder = folder.resolve()  # neo4j-admin runs in the instance's folder
    manifest = read_manifest(folder)
    java = java_executable()
    check_java(java)
    resolve_jars(cfg, echo=echo)
    password = resolve_password(cfg)

    running = server.status(cfg)
    exists = running is not None or database_dir(cfg).is_dir()
    if exists and not force:
        if running is None:
            say("Starting Neo4j to see whether its database is empty …")
            server.start(cfg, timeout=timeout, echo=echo)
        held = count_nodes(cfg.bolt_uri, password.value)
        if held and running is None:
            server.stop(cfg)  # as it was
        if held:
            raise StoreError(f"the Neo4j database {DATABASE!r} holds {held} nodes: neo4j-admin imports only "
                             "into an empty one", path=str(cfg.home),
                             hint="pass --force to replace the whole database with the import")
    if server.status(cfg) is not None:
        say("Stopping Neo4j for the import …")
        server.stop(cfg)
    # neo4j-admin reads the instance's neo4j.conf (folders); `start` rewrites it each time.
    cfg.conf_dir.mkdir(parents=True, exist_ok=True)
    for d in (cfg.data_dir, cfg.logs_dir, cfg.run_dir):
        d.mkdir(parents=True, exist_ok=True)
    conf = cfg.conf_dir / "neo4j.conf"
    if not conf.is_file():
        conf.write_text(server.conf_text(cfg, styled=False), encoding="utf-8")
    overwrite = database_dir(cfg).is_dir()
    say(f"Importing {folder} with neo4j-admin database import full …")
    t0 = time.monotonic()
    done = subprocess.run(admin_command(cfg, java, folder, manifest, overwrite), capture_output=True,
                          stdin=subprocess.DEVNULL, env=_admin_env(cfg), cwd=cfg.home, check=False)
    import_seconds = time.monotonic() - t0
    out = (done.stdout + done.stderr).decode("utf-8", "replace")
    (cfg.logs_dir / "import.log").write_text(out, encoding="utf-8")
    if done.returncode != 0 or not _DONE.search(out):
        raise StoreError(f"neo4j-admin database import failed: {_reason(out)}", path=str(cfg.logs_dir / "import.log"),
                         hint="see the log; the server is stopped (`policykg neo4j start` starts it again)")
    say("Starting Neo4j and creating the constraints and indexes …")
    server.start(cfg, timeout=timeout, echo=echo)
    t1 = time.monotonic()
    with open_neo4j(cfg.bolt_uri, user=USER, password=password.value) as store:
        store.ensure_schema()
        stats = store.stats()
    schema_seconds = time.monotonic() - t1
    nodes = sum(stats["nodes"].values())
    rels = sum(stats["relationships"].values())
    want_nodes = sum(int(e["rows"]) for e in manifest["nodes"].values())
    want_rels = sum(int(e["rows"]) for e in manifest.get("relationships", {}).values())
    if (nodes, rels) != (want_nodes, want_rels):
        raise StoreError(f"the import holds {nodes} nodes and {rels} relationships, the files "
                         f"{want_nodes} and {want_rels}", path=str(cfg.logs_dir / "import.report"),
                         hint="see the report of the rows neo4j-admin left out")
    return ImportResult(nodes, rels, time.monotonic() - began, import_seconds, schema_seconds, overwrite)

