"""A killed re-ingest loses nothing (embedded store): each document is old or new after kill -9 at
any moment — at random, and while LadybugDB checkpoints its write-ahead log — and the next
command of any kind (a read-only one included) opens the store.

The store holds N_DOCS documents of 2 measures, tasks and targets each; the re-ingest replaces
every one with a version of 5. After each kill, every document must have exactly (2, 2, 2) or
(5, 5, 5), and none may be missing. A bounded number of rounds (a guard, not a proof)."""
from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from pipeline.parse import parse_text

POLICYKG = Path(sys.executable).with_name("policykg")
N_DOCS = 300  # two batches of the CLI's 256 documents
NUMERALS = "一二三四五六七八九十"
COUNTS = ("MATCH (d:Document) WHERE NOT d.stub "
          "OPTIONAL MATCH (m:Measure {documentId: d.id}) WITH d, count(m) AS m "
          "OPTIONAL MATCH (t:Task {documentId: d.id}) WITH d, m, count(t) AS t "
          "OPTIONAL MATCH (g:Target {documentId: d.id}) RETURN d.source AS source, m, t, count(g) AS g")


def text(i: int, version: int) -> str:
    n = 2 if version == 0 else 5
    items = "".join(f"（{NUMERALS[k]}）推进第{k + 1}项工作。到2025年，完成改造{10 + k + version}个。"
                    f"（市第{i % 40 + 1}局牵头）\n" for k in range(n))
    return f"测试{i}市工作方案\n一、重点任务\n{items}"


def policykg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(POLICYKG), *args], capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    root = tmp_path_factory.mktemp("replace")
    for v in (0, 1):
        with open(root / f"v{v}.jsonl", "w", encoding="utf-8") as fh:
            for i in range(N_DOCS):
                fh.write(json.dumps(parse_text(text(i, v), source=f"doc{i}.txt").to_dict(), ensure_ascii=False) + "\n")
    base = root / "base"
    res = policykg("ingest", "--records", str(root / "v0.jsonl"), "--store", str(base))
    assert res.returncode == 0, res.stderr
    start = time.monotonic()
    timing = root / "timing"
    shutil.copytree(base, timing)
    res = policykg("ingest", "--records", str(root / "v1.jsonl"), "--store", str(timing))
    assert res.returncode == 0, res.stderr
    return root, base, time.monotonic() - start


def each_old_or_new(store: Path, read_only: bool) -> Counter:
    args = ["cypher", COUNTS, "--store", str(store), "--format", "json"] + (["--read-only"] if read_only else [])
    res = policykg(*args)
    assert res.returncode == 0, res.stderr
    rows = json.loads(res.stdout)
    assert len(rows) == N_DOCS, f"{len(rows)} documents"
    got = Counter((r["m"], r["t"], r["g"]) for r in rows)
    assert set(got) <= {(2, 2, 2), (5, 5, 5)}, f"documents neither old nor new: {got}"
    return got


def killed_reingest(root: Path, base: Path, store: Path, when) -> bool:
    shutil.copytree(base, store)
    proc = subprocess.Popen([str(POLICYKG), "ingest", "--records", str(root / "v1.jsonl"), "--store", str(store)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        killed = when(proc)
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
    return killed


def test_killed_at_random_moments_each_document_is_old_or_new(versions, tmp_path):
    root, base, full = versions
    rng = random.Random(19)
    seen = Counter()
    for rnd in range(5):
        delay = rng.uniform(0.3, full)

        def at_random(proc):
            time.sleep(delay)
            proc.send_signal(signal.SIGKILL)
            return True

        store = tmp_path / f"r{rnd}"
        killed_reingest(root, base, store, at_random)
        # the next command is a read-only one: it must open (and recover) the store
        seen.update(each_old_or_new(store, read_only=rnd % 2 == 0))
        shutil.rmtree(store)
    assert seen[(2, 2, 2)] + seen[(5, 5, 5)] == 5 * N_DOCS


def _checkpointing(store: Path) -> bool:
    try:
        return any(".checkpoint" in n or n.endswith(".shadow") for n in os.listdir(store))
    except FileNotFoundError:
        return False


def test_killed_at_the_checkpoint_each_document_is_old_or_new(versions, tmp_path):
    root, base, _ = versions
    caught = 0
    for rnd in range(4):
        def at_checkpoint(proc):
            while proc.poll() is None:
                if _checkpointing(store):
                    proc.send_signal(signal.SIGKILL)
                    return True
                time.sleep(0.0005)
            return False

        store = tmp_path / f"c{rnd}"
        caught += killed_reingest(root, base, store, at_checkpoint)
        each_old_or_new(store, read_only=True)
        shutil.rmtree(store)
    assert caught, "no kill landed in a checkpoint in four re-ingests"
