"""Every shell command block of README.md runs as written.

The README is read when the tests run, so a block another change adds is run too.
Shell blocks are the indented code blocks and fences tagged sh, bash, shell or
console; ```text and ```cypher fences are not commands. Each block runs with
``bash -euo pipefail`` in a scratch folder that mirrors the checkout (a symlink per
top-level entry), with the checkout's ``policykg`` first on PATH and no
``POLICYKG_STORE``, so ``policykg ingest corpus/`` fills ``./policykg-store`` there.

Blocks that mention Neo4j run against a server of their own: the README's block
starts one (``policykg neo4j start``) and stops it, so it must not be the session's
test server, which other tests go on using. ``POLICYKG_NEO4J_INSTANCE`` (the test
instance's name plus ``-readme``), ``NEO4J_BOLT_PORT``/``NEO4J_HTTP_PORT`` (free
ports) and ``POLICYKG_NEO4J_CREDENTIALS`` (a file in the scratch folder, generated
by that start) point ``policykg neo4j …`` and ``--neo4j`` at it; the test stops it
if a block failed before its own ``stop``, and removes the instance's folder.

The set-up blocks (``bash scripts/main-job.sh``, ``bash scripts/test.sh``) are the
one exception: they install the checkout and run this very suite, and CI runs
them; the test checks only that each script they name exists.
"""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import TEST_INSTANCE

REPO = Path(__file__).resolve().parents[1]
SHELL_FENCES = {"sh", "bash", "shell", "console"}
SETUP = re.compile(r"^bash scripts/[\w.-]+\.sh\b")


def shell_blocks(text: str) -> list[str]:
    """The README's shell blocks, in order, each dedented."""
    blocks: list[str] = []
    lines = text.splitlines()
    i, prev_blank = 0, True
    while i < len(lines):
        line = lines[i]
        fence = re.match(r"^```\s*([\w-]*)", line)
        if fence:
            lang = fence.group(1).lower()
            j = i + 1
            while j < len(lines) and not lines[j].startswith("```"):
                j += 1
            if lang in SHELL_FENCES:
                blocks.append("\n".join(lines[i + 1:j]))
            i, prev_blank = j + 1, False
            continue
        if prev_blank and line.startswith("    ") and line.strip():
            j = i
            while j < len(lines) and (lines[j].startswith("    ") or not lines[j].strip()):
                j += 1
            blocks.append(textwrap.dedent("\n".join(lines[i:j])).strip("\n"))
            i, prev_blank = j, True
            continue
        prev_blank = not line.strip()
        i += 1
    return blocks


def commands(block: str) -> list[str]:
    return [l.strip() for l in block.splitlines() if l.strip() and not l.strip().startswith("#")]


def is_setup(block: str) -> bool:
    return all(SETUP.match(c) for c in commands(block))


def uses_neo4j(block: str) -> bool:
    return bool(re.search(r"--neo4j\b|policykg neo4j ", block))


BLOCKS = shell_blocks((REPO / "README.md").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("readme")
    for entry in REPO.iterdir():
        if entry.name not in ("policykg-store", ".git") and not entry.name.endswith(".graphml"):
            (work / entry.name).symlink_to(entry)
    return work


def run_block(block: str, cwd: Path, env: dict[str, str]) -> None:
    result = subprocess.run(["bash", "-euo", "pipefail", "-c", block], cwd=cwd, env=env,
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, (
        f"README block failed (exit {result.returncode}):\n{block}\n--- stdout:\n"
        f"{result.stdout[-3000:]}\n--- stderr:\n{result.stderr[-3000:]}")
    assert "Traceback" not in result.stderr and "policykg: error" not in result.stderr, result.stderr


def base_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("POLICYKG_STORE", "NEO4J_URI", "NEO4J_PASSWORD", "NEO4J_USER", "NEO4J_DATABASE")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return env


def test_the_readme_has_command_blocks():
    runnable = [b for b in BLOCKS if not is_setup(b)]
    assert any("policykg ingest corpus/" in b for b in runnable)
    assert any(uses_neo4j(b) for b in runnable)
    for block in BLOCKS:
        if is_setup(block):
            for c in commands(block):
                script = c.split()[1]
                assert (REPO / script).is_file(), f"the README names {script}, which is not there"


def test_the_readme_commands_run_on_the_embedded_store(workdir):
    blocks = [b for b in BLOCKS if not is_setup(b) and not uses_neo4j(b)]
    assert blocks
    for block in blocks:
        run_block(block, workdir, base_env())
    assert (workdir / "policykg-store").is_dir()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_the_readme_commands_run_on_neo4j(workdir, tmp_path):
    import dataclasses
    import shutil

    from pipeline.neo4j.config import load_config
    from pipeline.neo4j.server import stop

    blocks = [b for b in BLOCKS if not is_setup(b) and uses_neo4j(b)]
    assert blocks
    cfg = dataclasses.replace(load_config(instance=f"{TEST_INSTANCE}-readme"), bolt_port=free_port(),
                              http_port=free_port(), credentials_file=tmp_path / "neo4j.conf")
    assert not cfg.state_file.exists(), f"{cfg.home} holds a running server"
    env = base_env()
    env.update({"POLICYKG_NEO4J_INSTANCE": cfg.instance, "NEO4J_BOLT_PORT": str(cfg.bolt_port),
                "NEO4J_HTTP_PORT": str(cfg.http_port),
                "POLICYKG_NEO4J_CREDENTIALS": str(cfg.credentials_file)})
    try:
        for block in blocks:
            run_block(block, workdir, env)
    finally:
        stop(cfg)  # nothing to do when the README's own `neo4j stop` ran
        shutil.rmtree(cfg.home, ignore_errors=True)
